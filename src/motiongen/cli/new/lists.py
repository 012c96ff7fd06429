"""The lists of `motiongen new`: demands, facts and beliefs, clauses of your own.

Each shows the running word count.
What is ticked is saved to the draft as it is ticked, so Ctrl-C loses no tick.
"""

from __future__ import annotations

from typing import Any

from motiongen.catalogue.models import NATION_NAMES
from motiongen.checks import DEFAULT_MAX_AGE
from motiongen.cli.new.ask import Item
from motiongen.cli.new.walk import Walk
from motiongen.motion.compose import Document, compose
from motiongen.motion.spec import BLOCK_MAX, Motion, too_long
from motiongen.text import count_words, parse_date

OWN_QUESTIONS = {
    "notes": "A fact of your own to note (Enter on a blank line to go on):",
    "believes": "A belief of your own (Enter on a blank line to go on):",
    "resolves": "Anything else to resolve, e.g. 'To send this motion to our MP' "
    "(Enter on a blank line to go on):",
}


class Lists:
    """The lists of one walk-through, drawn from its answers and saved to its draft."""

    def __init__(self, walk: Walk) -> None:
        self.walk = walk

    def document(self, answers: dict[str, Any]) -> Document | None:
        try:
            motion = Motion.model_validate(
                {k: v for k, v in {"title": "x", **answers}.items() if k in Motion.model_fields}
            )
            return compose(motion, self.walk.profile(), self.walk.catalogue)
        except Exception:  # a count must never break a question
            return None

    def count(self, answers: dict[str, Any]) -> tuple[str, bool]:
        doc = self.document(answers)
        if doc is None:
            return "", False
        return words_line(doc.words, doc.word_limit), doc.over_limit

    def cost(self, demand_id: str, ticked: list[str]) -> int:
        """What a demand costs the motion, or saves it: its clause with the words the
        body frames it in ("campaign for the Government to"), and the lead of its
        section where it is the only one there."""
        others = [d for d in ticked if d != demand_id]
        with_it = self.document({**self.walk.answers, "demands": [*others, demand_id]})
        without = self.document({**self.walk.answers, "demands": others})
        if with_it is None or without is None:
            return 0
        return with_it.words - without.words

    def demands(self) -> None:
        profile = self.walk.profile()
        existing = list(self.walk.answers.get("demands", []))
        over = self.count(self.walk.answers)[1]
        items = []
        nation = self.walk.answers.get("nation")
        for theme_id, theme in self.walk.catalogue.themes.items():
            for d in self.walk.catalogue.demands.values():
                if d.theme != theme_id or (d.retired and d.id not in existing):
                    continue  # a retired demand is offered only to a motion that has it
                level, _ = profile.frame(d.acted_on_by)
                words = self.cost(d.id, existing)
                # A demand for other nations than the motion's says where it holds.
                elsewhere = (
                    " and ".join(NATION_NAMES[n] for n in d.applies_in) + " only"
                    if nation and nation not in d.applies_in
                    else ""
                )
                cost = f"{words} words" if over or self.walk.cutting else ""
                items.append(
                    Item(
                        d.id,
                        d.title,
                        detail="… to " + d.clause_at(level),
                        note=" · ".join(x for x in (elsewhere, cost) if x),
                        group=theme.title,
                        checked=d.id in existing,
                        hint=f"id: {d.id} · {words} words",
                    )
                )
        message = "Which demands?"
        if over:
            message = "Which demands? Untick some to cut the motion to the limit."

        def keep(chosen: list[str]) -> None:
            self.walk.answers["demands"] = chosen  # ticks survive Ctrl-C
            self.walk.draft.save()

        picked = self.walk.ask.pick(
            message,
            items,
            noun="demands",
            count=lambda chosen: self.count({**self.walk.answers, "demands": chosen}),
            at_least_one="Pick at least one demand: type its number"
            if self.walk.ask.plain
            else "Pick at least one demand: move to it and press Space",
            keep=keep,
            order=existing,
        )
        self.walk.draft.set("demands", picked)

    def facts(self, key: str) -> None:
        table: dict[str, Any] = (
            self.walk.catalogue.evidence if key == "notes" else self.walk.catalogue.beliefs
        )
        supporting: list[str] = []
        for demand_id in self.walk.answers.get("demands", []):
            demand = self.walk.catalogue.demands.get(demand_id)
            if demand is None:
                continue
            refs = demand.evidence if key == "notes" else demand.beliefs
            supporting += [r for r in refs if r not in supporting and r in table]
        existing = [x for x in self.walk.answers.get(key, []) if isinstance(x, str)]
        own = [x for x in self.walk.answers.get(key, []) if isinstance(x, dict)]
        over = self.count(self.walk.answers)[1]
        meeting = parse_date(str(self.walk.answers.get("meeting_date") or "")) or self.walk.today
        nation = self.walk.answers.get("nation")

        def item(item_id: str, group: str) -> Item:
            entry = table[item_id]
            words = count_words(entry.statement if key == "notes" else entry.text)
            notes, advice = [], []
            if key == "notes":
                age = meeting.year - (entry.year or meeting.year)
                if entry.kind == "figure" and age > DEFAULT_MAX_AGE:
                    notes.append(f"{age} years old")
                    advice.append(
                        f"This figure is from {entry.year}, {age} years old at the meeting: "
                        "look for a newer one if you can."
                    )
                if nation and entry.holds_for and nation not in entry.holds_for:
                    notes.append(f"{entry.scope} only")
                    advice.append(
                        f"It holds for {entry.scope}, not {NATION_NAMES[nation]}: say so, or "
                        "use a figure for your nation."
                    )
            if over or self.walk.cutting:
                notes.append(f"{words} words")
            detail = entry.statement if key == "notes" else entry.text
            if key == "notes":
                detail += f" [{entry.scope}, {entry.when}]"
            full = " ".join([detail, *advice])
            return Item(
                item_id,
                detail,
                detail=full if len(full) > 60 else "",
                note="; ".join(notes),
                group=group,
                checked=item_id in existing,
                hint=f"id: {item_id}",
            )

        items = [item(i, "Supporting your demands") for i in supporting]
        items += [item(i, "Others") for i in table if i not in supporting]
        noun = "facts" if key == "notes" else "beliefs"
        message = "Facts to note?" if key == "notes" else "What the meeting believes?"

        def keep(chosen: list[str]) -> None:
            self.walk.answers[key] = chosen + own
            self.walk.draft.save()

        picked = self.walk.ask.pick(
            f"{message} (none is fine)",
            items,
            noun=noun,
            count=lambda chosen: self.count({**self.walk.answers, key: chosen + own}),
            keep=keep,
        )
        self.walk.answers[key] = picked + own
        self.walk.draft.save()

    def own(self, key: str) -> None:
        own = [x for x in self.walk.answers.get(key, []) if isinstance(x, dict)]
        chosen = [x for x in self.walk.answers.get(key, []) if not isinstance(x, dict)]
        if own:
            items = [
                Item(str(n), x["text"], detail=x["text"], checked=True) for n, x in enumerate(own)
            ]
            kept = self.walk.ask.pick(
                f"Your own {'clauses' if key == 'resolves' else key}: untick any to drop",
                items,
                noun="clauses",
                count=lambda ticked: self.count(
                    {**self.walk.answers, key: chosen + [own[int(n)] for n in ticked]}
                ),
            )
            own = [own[int(n)] for n in kept]
            self.walk.answers[key] = chosen + own
            self.walk.draft.save()
        while True:
            words, over = self.count(self.walk.answers)
            if words:
                self.walk.ask.say(f"  {words}", "bold red" if over else "cyan")
            text = self.walk.ask.text(OWN_QUESTIONS[key], check=_clause_problem)
            if not text:
                return
            self.walk.answers.setdefault(key, []).append({"text": text})
            self.walk.draft.save()


def _clause_problem(answer: str) -> str | None:
    problem = too_long(answer, BLOCK_MAX)
    return problem[:1].upper() + problem[1:] if problem else None


def words_line(words: int, limit: int | None) -> str:
    """The running count: 'N of L words', or 'N over the limit of L' once over."""
    if limit is None:
        return f"{words} words (no limit)"
    if words > limit:
        return f"{words} words: {words - limit} over the limit of {limit}"
    return f"{words} of {limit} words"
