"""Each change of an amendment found in the motion and turned into edits, or refused.

The words deleted must occur once where they are cited; no amendment may be a
direct negative or longer than its body allows; no two may change the same words.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import Any

from motiongen.agenda.amendments import KEYS, AmendmentFile, Change, Edit, NewDemand
from motiongen.catalogue import Catalogue, nearest_hint
from motiongen.errors import ChecksFailed, InputError
from motiongen.motion.compose import Document, number_label
from motiongen.output import layout
from motiongen.profiles import Profile
from motiongen.text import count_words, fill, sentence


class AmendmentError(InputError):
    """A change that cannot be applied as written."""


class AmendmentOverLimit(ChecksFailed):
    """An amendment longer than its body allows."""


REF = re.compile(
    r"^\s*(notes|believes|resolves|mandates)\s*(?:paragraph|para\.?|clause)?\s*(\d+)?\s*$",
    re.IGNORECASE,
)


@dataclass
class Motionview:
    """The motion's paragraphs by section key, and its numbered lines."""

    doc: Document
    lines: list[layout.Line]
    paras: dict[str, list[tuple[int, int]]] = field(default_factory=dict)

    @classmethod
    def of(cls, doc: Document, width: int | None) -> Motionview:
        view = cls(doc, layout.numbered_lines(doc, width))
        for s, section in enumerate(doc.sections):
            for c in range(len(section.clauses)):
                view.paras.setdefault(section.key, []).append((s, c))
        return view

    def number(self, s: int, c: int) -> int:
        """The paragraph's number within its section key (1-based)."""
        shown = self.doc.sections[s].clauses[c].number.strip("().")
        if shown.isdigit():
            return int(shown)  # as the documents number it (a UNISON list restarts at 1)
        if self.doc.profile.numbering == "continuous":
            # The number the documents show: paragraphs run on through the sections.
            return sum(len(x.clauses) for x in self.doc.sections[:s]) + c + 1
        return self.paras[self.doc.sections[s].key].index((s, c)) + 1

    def line(self, s: int, c: int | None, offset: int = 0) -> int:
        skip = 0 if c is None else layout.label_width(self.doc.sections[s].clauses[c])
        return layout.line_at(self.lines, s, c, offset + skip)

    def last_line(self, s: int, c: int) -> int:
        return max(x.number for x in self.lines if x.section == s and x.clause == c)

    def text(self, s: int, c: int | None) -> str:
        """A paragraph's words; ``c`` None is the section's heading (its lead)."""
        section = self.doc.sections[s]
        return section.lead if c is None else section.clauses[c].text

    def name(self, s: int, c: int | None) -> str:
        """'resolves 2', or "the heading 'Conference calls on the NEC to:'"."""
        section = self.doc.sections[s]
        return (
            f"the heading '{section.lead}'" if c is None else f"{section.key} {self.number(s, c)}"
        )

    def where(self, s: int, c: int | None, offset: int = 0) -> str:
        return f"{self.name(s, c)} (line {self.line(s, c, offset)})"


class Applier:
    """Turns each change of one amendment into edits, or a clear error."""

    def __init__(
        self,
        view: Motionview,
        profile: Profile,
        catalogue: Catalogue,
        calls_on: str,
        file: AmendmentFile,
        who: int,
    ) -> None:
        self.view = view
        self.profile = profile
        self.catalogue = catalogue
        self.calls_on = calls_on
        self.file = file
        self.who = who

    def error(self, index: int, key: str, message: str, hint: str | None = None) -> AmendmentError:
        return AmendmentError(
            f"change {index + 1}: {message}",
            file=self.file.path,
            line=self.file.line("changes", index, key),
            hint=hint,
        )

    def ref(self, index: int, key: str, text: str) -> tuple[int, int]:
        match = REF.match(text)
        if not match or match.group(2) is None:
            raise self.error(
                index, key, f"'{text}' does not name a paragraph", "write it as 'resolves 2'"
            )
        section, number = match.group(1).lower(), int(match.group(2))
        paras = self.view.paras.get(section, [])
        if not paras:
            raise self.error(index, key, f"the motion has no {section} paragraphs")
        numbers = [self.view.number(*p) for p in paras]
        if number not in numbers:
            raise self.error(
                index,
                key,
                f"{section} has paragraphs {numbers[0]} to {numbers[-1]}, not {number}",
                "use the paragraph numbers the motion shows",
            )
        return paras[numbers.index(number)]

    def home(self, demand_id: str) -> int | None:
        """The section whose lead this body puts the demand under, if the motion has it."""
        demand = self.catalogue.demands.get(demand_id)
        if demand is None:
            return None
        _, wording = self.profile.frame(demand.acted_on_by)
        lead = fill(wording.lead, {"calls_on": self.calls_on, "body": self.profile.body})
        found = [i for i, x in enumerate(self.view.doc.sections) if x.lead == lead and x.clauses]
        return found[-1] if found else None

    def worded(self, index: int, key: str, demand_id: str) -> str:
        if demand_id not in self.catalogue.demands:
            raise self.error(
                index,
                key,
                f"there is no demand '{demand_id}'",
                nearest_hint(demand_id, self.catalogue.demands, "demands"),
            )
        demand = self.catalogue.demands[demand_id]
        level, wording = self.profile.frame(demand.acted_on_by)
        values = {"calls_on": self.calls_on, "body": self.profile.body}
        return sentence(fill(wording.item, {**values, "clause": demand.clause_at(level)}))

    def find(
        self, index: int, key: str, words: str, where: str | None
    ) -> tuple[int, int | None, int]:
        """The one place ``words`` occur: in the cited paragraph, or anywhere (the
        sections' headings included)."""
        view = self.view
        places: list[tuple[int, int | None]]
        if where is not None:
            places = [self.ref(index, "in", where)]
        else:
            places = [(s, None) for s in range(len(view.doc.sections))]
            places += [p for key_ in KEYS for p in view.paras.get(key_, [])]
        hits = [
            (s, c, m.start())
            for s, c in places
            for m in re.finditer(re.escape(words), view.text(s, c))
        ]
        if len(hits) == 1:
            return hits[0]
        scope = f"in {where}" if where else "in the motion"
        if not hits:
            near = _nearest(words, [view.text(s, c) for s, c in places])
            hint = f"the nearest words there are '{near}'" if near else None
            raise self.error(
                index,
                key,
                f"the words '{words}' are not {scope}",
                (hint + "; copy the words exactly as the motion has them") if hint else None,
            )
        found = ", ".join(f"{view.name(s, c)} at line {view.line(s, c, o)}" for s, c, o in hits)
        raise self.error(
            index,
            key,
            f"the words '{words}' occur {len(hits)} times {scope}: {found}",
            "add words around them so they occur once"
            + ("" if where else ", or name the paragraph with in: resolves 2"),
        )

    def edits(self) -> list[Edit]:
        out = []
        for index, change in enumerate(self.file.amendment.changes):
            out.append(self.edit(index, change))
        return out

    def edit(self, index: int, change: Change) -> Edit:
        """One change, checked against the motion and said in the body's form."""
        make = {
            "delete": self._words,
            "delete_clause": self._delete_clause,
            "add_at_end": self._new_paragraph,
            "insert_after": self._new_paragraph,
        }.get(change.form, self._replace_all)
        return make(index, change, {"who": self.who, "change": index + 1})

    def _words(self, index: int, change: Change, base: dict[str, Any]) -> Edit:
        """Delete words (and insert others in their place), or insert words after others."""
        view = self.view
        words = change.delete if change.delete is not None else change.after
        assert words is not None
        key = "delete" if change.delete is not None else "after"
        s, c, start = self.find(index, key, words, change.in_)
        insert = change.insert or ""
        section_key = view.doc.sections[s].key
        line = view.line(s, c, start)
        at = (
            f"In {view.name(s, c)} (line {line})"
            if c is None
            else f"In {section_key}, paragraph {view.number(s, c)} (line {line})"
        )
        text = view.text(s, c)
        if change.delete is not None:
            end = start + len(words)
            if not insert and text[end : end + 1] == " " and text[start - 1 : start] in ("", " "):
                end += 1  # deleting a word takes one of the spaces round it with it
            said = f"{at}, delete '{words}'" + (f" and insert '{insert}'." if insert else ".")
        else:
            start = end = start + len(words)
            said = f"{at}, after '{words}' insert '{insert}'."
            if insert[:1].isalnum() and text[end - 1 : end].isalnum():
                insert = " " + insert
        return Edit(
            **base,
            kind="replace",
            section=s,
            clause=c,
            start=start,
            end=end,
            text=insert,
            key=section_key,
            words=words,
            sentence=said,
        )

    def _delete_clause(self, index: int, change: Change, base: dict[str, Any]) -> Edit:
        view = self.view
        assert change.delete_clause is not None
        s, c = self.ref(index, "delete_clause", change.delete_clause)
        first, last = view.line(s, c), view.last_line(s, c)
        lines_said = f"line {first}" if first == last else f"lines {first} to {last}"
        section_key = view.doc.sections[s].key
        return Edit(
            **base,
            kind="delete_para",
            section=s,
            clause=c,
            key=section_key,
            words=view.text(s, c),
            sentence=f"Delete {section_key} paragraph {view.number(s, c)} ({lines_said}).",
        )

    def _new_paragraph(self, index: int, change: Change, base: dict[str, Any]) -> Edit:
        """A paragraph added at the end of a section, or after a paragraph."""
        view = self.view
        key = "demand" if change.demand else "text"
        text = (
            self.worded(index, key, change.demand) if change.demand else sentence(change.text or "")
        )
        if change.form == "add_at_end":
            s, c, section_key, said = self._at_end(index, change, text)
        else:
            assert change.insert_after is not None
            s, c = self.ref(index, "insert_after", change.insert_after)
            section_key = view.doc.sections[s].key
            said = self._after(section_key, s, c, text)
        return Edit(
            **base,
            kind="new_para",
            section=s,
            clause=c,
            text=text,
            ref=change.demand,
            key=section_key,
            sentence=said + ("" if text.endswith((".", "!", "?")) else "."),
        )

    def _at_end(self, index: int, change: Change, text: str) -> tuple[int, int, str, str]:
        view = self.view
        section_key = change.add_at_end or "resolves"
        paras = view.paras.get(section_key)
        if not paras:
            raise self.error(
                index,
                "add_at_end",
                f"the motion has no {section_key} section to add to",
                "use delete_all: with replace_with: to add a section",
            )
        s, c = paras[-1]
        home = self.home(change.demand) if change.demand else None
        if home is not None and section_key == "resolves" and home != s:
            # A demand goes under the lead its body words it with, as a spec would put it.
            s, c = home, len(view.doc.sections[home].clauses) - 1
            return s, c, section_key, self._after(section_key, s, c, text)
        after = view.number(s, c) + 1
        return s, c, section_key, f"Add at end of {section_key} a new paragraph {after}: '{text}'"

    def _after(self, section_key: str, s: int, c: int, text: str) -> str:
        view = self.view
        n = view.number(s, c)
        return (
            f"Insert after {section_key} paragraph {n} (line {view.last_line(s, c)}) "
            f"a new paragraph {n + 1}: '{text}'"
        )

    def _replace_all(self, index: int, change: Change, base: dict[str, Any]) -> Edit:
        """Delete all and replace, where the body allows it."""
        assert change.replace_with is not None
        if not self.profile.amendments.replace_all:
            rule = self.profile.amendments.negative
            raise self.error(
                index,
                "delete_all",
                f"a {self.profile.name} amendment must keep some of the motion's words, so "
                "'delete all and replace' is not in order"
                + (f": {rule.what} ({rule.source})" if rule else ""),
                "delete and insert words in the paragraphs instead",
            )
        sections = []
        for section_key in KEYS:
            items = change.replace_with.get(section_key)  # type: ignore[call-overload]
            if not items:
                continue
            worded: list[tuple[str, str | None]] = []
            for item in items:
                if isinstance(item, NewDemand):
                    worded.append((self.worded(index, "replace_with", item.demand), item.demand))
                else:
                    worded.append((sentence(item), None))
            sections.append((section_key, tuple(worded)))
        if not any(key == "resolves" for key, _ in sections):
            self._negative(index, "delete_all")
        body = " ".join(
            f"{self._lead(key)} "
            + " ".join(f"{number_label(i + 1, '1.')} {t}" for i, (t, _) in enumerate(items))
            for key, items in sections
        )
        return Edit(
            **base,
            kind="replace_all",
            replace_with=tuple(sections),
            sentence=f"Delete all and replace with: '{body}'",
        )

    def _lead(self, key: str) -> str:
        leads = self.profile.sections.model_dump()
        return fill(leads.get(key) or key, {"calls_on": self.calls_on, "body": self.profile.body})

    def _negative(self, index: int, key: str) -> None:
        rule = self.profile.amendments.negative
        raise AmendmentError(
            f"change {index + 1}: amendment {self.file.label} removes everything the motion "
            "resolves: a direct negative is not in order"
            + (f". The rule: {rule.what} Source: {rule.source}" if rule else ""),
            file=self.file.path,
            line=self.file.line("changes", index, key),
            hint="keep some of the motion's words, or vote against the motion instead",
        )

    def check(self, edits: list[Edit]) -> None:
        """No direct negative; not over the body's amendment word limit."""
        view = self.view
        resolves = view.paras.get("resolves", [])
        gone = {(e.section, e.clause) for e in edits if e.kind == "delete_para"}
        for e in edits:
            if e.kind != "replace" or e.clause is None:
                continue
            whole = e.start == 0 and e.end >= len(view.text(e.section, e.clause))
            if whole and not e.text.strip():
                gone.add((e.section, e.clause))
        added = [e for e in edits if e.kind == "new_para" and e.key == "resolves"]
        if resolves and all(p in gone for p in resolves) and not added:
            last = max(i for i, e in enumerate(edits) if (e.section, e.clause) in gone)
            key = self.file.amendment.changes[last].form
            self._negative(last, key if key != "delete" else "delete")
        limit = self.profile.amendments.word_limit
        if limit is not None:
            words = sum(count_words(e.text) for e in edits)
            words += sum(
                count_words(t) for e in edits for _, items in e.replace_with for t, _ in items
            )
            if words > limit:
                source = self.profile.amendments.word_limit_source
                raise AmendmentOverLimit(
                    f"amendment {self.file.label} adds {words} words; a {self.profile.name} "
                    f"amendment may add at most {limit}" + (f" ({source})" if source else ""),
                    file=self.file.path,
                    line=self.file.line("changes"),
                    hint="cut the words it inserts",
                )


def _nearest(words: str, texts: list[str]) -> str | None:
    """The run of words in ``texts`` most like ``words``, to show what does occur."""
    size = max(1, len(words.split()))
    best: tuple[float, str] | None = None
    for text in texts:
        tokens = text.split()
        for n in {size - 1, size, size + 1} - {0}:
            for i in range(0, max(1, len(tokens) - n + 1)):
                candidate = " ".join(tokens[i : i + n]).strip(".,;:")
                ratio = difflib.SequenceMatcher(None, words.lower(), candidate.lower()).ratio()
                if best is None or ratio > best[0]:
                    best = (ratio, candidate)
    return best[1] if best and best[0] >= 0.5 else None


class Clash(InputError):
    """Two amendments change the same words."""


def clashes(edits: list[Edit], files: list[AmendmentFile], view: Motionview) -> None:
    """Two changes touching the same words cannot both be carried: name both."""

    def touches(a: Edit, b: Edit) -> bool:
        if "replace_all" in (a.kind, b.kind):
            return True
        if "new_para" in (a.kind, b.kind) or (a.section, a.clause) != (b.section, b.clause):
            return False
        if "delete_para" in (a.kind, b.kind):
            return True
        if a.start == a.end == b.start == b.end:
            return True
        return (a.start < b.end and b.start < a.end) or (a.start == b.start and a.end == b.end)

    for i, a in enumerate(edits):
        for b in edits[i + 1 :]:
            if not touches(a, b):
                continue
            first, second = files[a.who], files[b.who]
            where = (
                "the whole motion"
                if "replace_all" in (a.kind, b.kind)
                else view.where(a.section, a.clause, a.start)
            )
            raise Clash(
                f"amendment {first.label} ({first.amendment.submitted_by}) change {a.change} "
                f"and amendment {second.label} ({second.amendment.submitted_by}) change "
                f"{b.change} both change {where}: they clash",
                file=second.path,
                line=second.line("changes", b.change - 1),
                hint="take them one at a time: the meeting votes on each",
            )
