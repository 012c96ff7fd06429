"""The compositing report: where every clause of every motion went, and what is left to decide.

Its words are the ``[report]`` table of ``templates/sentences.toml``.
"""

from __future__ import annotations

from pathlib import Path

from motiongen.conference.composite import Composite, Item, Part, join
from motiongen.output import sentences
from motiongen.output.paper import Paper
from motiongen.text import fill


def paper(result: Composite, spec_name: str, template_dir: Path | None = None) -> Paper:
    motion, document = result.motion, result.document
    say = sentences.table("report", template_dir)
    rule = sentences.load(str(template_dir) if template_dir else None)[
        "count_rule_with_title" if document.profile.count_title else "count_rule"
    ]
    out = Paper(
        title=fill(say["title"], {"title": motion.title}),
        author=motion.submitted_by or "motiongen",
        subject=fill(say["subject"], {"count": str(len(result.sources))}),
    )
    out.para(f"{motion.submitted_by}.")
    out.para(fill(say["spec"], {"spec": spec_name, "profile": result.profile.name}))
    counted = {"words": str(document.words), "limit": str(result.limit or ""), "rule": rule}
    out.para(fill(say["word_count_limit" if result.limit else "word_count"], counted))
    out.para(
        fill(
            say["mover"],
            {
                "mover": result.sources[result.mover].label,
                "seconder": result.sources[result.seconder].label,
            },
        )
    )
    _conflicts(out, result, say)
    warnings = result.warnings(template_dir)
    if warnings:
        out.heading(say["warnings_heading"])
        for text in warnings:
            out.line(text)
    past = result.not_fitting()
    if past:
        out.heading(say["over_heading"])
        over = {"words": str(document.words), "over": str(result.over), "limit": str(result.limit)}
        out.para(fill(say["over"], over))
        for item in past:
            values = {
                "number": item.number,
                "words": str(item.words),
                "origins": result.origin_names(item.origins),
                "text": item.shown,
            }
            out.line(fill(say["not_fitting"], values))
    out.heading(say["clauses_heading"])
    rows = [
        (
            item.number,
            item.shown + _repeat_note(result, item, say),
            result.origin_names(item.origins),
        )
        for item in sorted((i for i in result.items if i.number), key=lambda i: int(i.number[1:]))
    ]
    columns = (say["clause_column"], say["text_column"], say["drawn_from_column"])
    out.table(columns, rows, widths=(2, 9, 4))
    for index, source in enumerate(result.sources):
        out.heading(
            fill(say["motion_heading"], {"label": source.label, "title": source.motion.title})
        )
        out.para(fill(say["from_file"], {"file": source.path.name}))
        rows = [
            (say[f"section_{part.section}"], _short(part.text), _fate(result, part, say))
            for part in result.parts
            if part.motion == index
        ]
        columns = (say["section_column"], say["clause_column"], say["where_column"])
        out.table(columns, rows, widths=(3, 8, 6))
    return out


def _conflicts(out: Paper, result: Composite, say: dict[str, str]) -> None:
    """Conflicts the meeting must settle, and those --prefer settled."""
    if result.undecided:
        out.heading(say["undecided_heading"])
        out.para(say["undecided_intro"])
        for conflict in result.undecided:
            out.line(
                fill(
                    say["undecided"],
                    {
                        "first": _named(result, conflict.first, say),
                        "first_from": _carriers(result, conflict.first, say),
                        "second": _named(result, conflict.second, say),
                        "second_from": _carriers(result, conflict.second, say),
                        "why": conflict.why,
                    },
                )
            )
    settled = [(c, c.kept) for c in result.conflicts if c.kept is not None]
    if settled:
        out.heading(say["settled_heading"])
        for conflict, kept in settled:
            other = conflict.second if kept == conflict.first else conflict.first
            values = {
                "kept": _named(result, kept, say),
                "other": _named(result, other, say),
                "why": conflict.why,
            }
            out.line(fill(say["settled"], values))


def _named(result: Composite, demand_id: str, say: dict[str, str]) -> str:
    """A demand as people know it, with the id that --prefer takes."""
    for item in result.items:
        if item.ref == demand_id and item.kind == "demand":
            return fill(say["demand"], {"text": item.text, "id": demand_id})
    title = next((p.text for p in result.parts if p.ref == demand_id), demand_id)
    return fill(say["demand"], {"text": title, "id": demand_id})


def _repeat_note(result: Composite, item: Item, say: dict[str, str]) -> str:
    if item.repeats is None:
        return ""
    return fill(say["repeats"], {"number": result.items[item.repeats].number})


def _fate(result: Composite, part: Part, say: dict[str, str]) -> str:
    if part.item is None:
        return fill(say["left_out"], {"why": part.why})
    item = result.items[part.item]
    if part.why:
        return fill(say["went_to_because"], {"number": item.number, "why": part.why})
    return item.number


def _carriers(result: Composite, demand_id: str, say: dict[str, str]) -> str:
    names = [
        result.sources[p.motion].label
        for p in result.parts
        if p.kind == "demand" and p.ref == demand_id
    ]
    return fill(say["carried_by"], {"names": join(list(dict.fromkeys(names)))})


def _short(text: str, words: int = 14) -> str:
    text = text[:1].upper() + text[1:]
    split = text.split()
    return text if len(split) <= words else " ".join(split[:words]) + " \u2026"
