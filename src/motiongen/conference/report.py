"""The compositing report: where every clause of every motion went, and what is left to decide."""

from __future__ import annotations

from motiongen.conference.composite import Composite, Item, Part, join
from motiongen.conference.paper import Paper
from motiongen.output import sentences
from motiongen.text import count_words

SECTION_NAMES = {
    "demands": "demand",
    "notes": "notes",
    "believes": "believes",
    "resolves": "resolves",
    "mandates": "instructs",
}


def paper(result: Composite, spec_name: str) -> Paper:
    motion, document = result.motion, result.document
    out = Paper(
        title=f"Compositing report: {motion.title}",
        author=motion.submitted_by or "motiongen",
        subject=f"How {len(result.sources)} motions became one",
    )
    out.para(f"{motion.submitted_by}.")
    out.para(f"Spec file: {spec_name}. Profile: {result.profile.name}.")
    limit = f" of {result.limit}" if result.limit else ""
    say = sentences.load()
    rule = say["count_rule_with_title" if document.profile.count_title else "count_rule"]
    out.para(f"Word count: {document.words}{limit} words. {rule}")
    out.para(
        f"Mover: {result.sources[result.mover].label}. "
        f"Seconder: {result.sources[result.seconder].label}."
    )
    if result.undecided:
        out.heading("For the compositing meeting to decide")
        out.para(
            "These demands conflict. Neither is in the composite until the meeting chooses; "
            "rerun with --prefer and the id it keeps."
        )
        for conflict in result.undecided:
            out.line(
                f"{_named(result, conflict.first)} ({_carriers(result, conflict.first)}), or "
                f"{_named(result, conflict.second)} ({_carriers(result, conflict.second)}): "
                f"{conflict.why}."
            )
    settled = [(c, c.kept) for c in result.conflicts if c.kept is not None]
    if settled:
        out.heading("Conflicts settled")
        for conflict, kept in settled:
            other = conflict.second if kept == conflict.first else conflict.first
            out.line(
                f"Kept {_named(result, kept)}; left out {_named(result, other)} "
                f"(--prefer): {conflict.why}."
            )
    if result.dropped:
        out.heading("Trimmed to the word limit")
        for item in result.dropped:
            repeated = result.items[item.repeats or 0]
            out.line(
                f"Dropped {count_words(item.text)} words from "
                f"{result.origin_names(item.origins)}, repeating {repeated.number}: "
                f"\u201c{item.text}\u201d"
            )
    out.heading("The composite, clause by clause")
    rows = [
        (item.number, item.shown + _repeat_note(result, item), result.origin_names(item.origins))
        for item in sorted((i for i in result.items if i.number), key=lambda i: int(i.number[1:]))
    ]
    out.table(("Clause", "Text", "Drawn from"), rows, widths=(2, 9, 4))
    for index, source in enumerate(result.sources):
        out.heading(f"{source.label}: \u201c{source.motion.title}\u201d")
        out.para(f"From {source.path.name}.")
        rows = []
        for part in (p for p in result.parts if p.motion == index):
            rows.append((SECTION_NAMES[part.section], _short(part.text), _fate(result, part)))
        out.table(("Section", "Clause", "Where it went"), rows, widths=(3, 8, 6))
    return out


def _named(result: Composite, demand_id: str) -> str:
    """A demand as people know it, with the id that --prefer takes."""
    for item in result.items:
        if item.ref == demand_id and item.kind == "demand":
            return f"\u201c{item.text}\u201d ({demand_id})"
    title = next((p.text for p in result.parts if p.ref == demand_id), demand_id)
    return f"\u201c{title}\u201d ({demand_id})"


def _repeat_note(result: Composite, item: Item) -> str:
    if item.repeats is None:
        return ""
    return f" (says much what {result.items[item.repeats].number} says: --max-words may drop it)"


def _fate(result: Composite, part: Part) -> str:
    if part.item is None:
        return f"left out: {part.why}"
    item = result.items[part.item]
    if item.dropped:
        return f"left out: {part.why}"
    if part.why:
        return f"{item.number} ({part.why})"
    return item.number


def _carriers(result: Composite, demand_id: str) -> str:
    names = [
        result.sources[p.motion].label
        for p in result.parts
        if p.kind == "demand" and p.ref == demand_id
    ]
    return "from " + join(list(dict.fromkeys(names)))


def _short(text: str, words: int = 14) -> str:
    text = text[:1].upper() + text[1:]
    split = text.split()
    return text if len(split) <= words else " ".join(split[:words]) + " \u2026"
