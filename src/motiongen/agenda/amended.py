"""The motion with its amendments applied: marked paragraphs, clean text, its spec.

The marked paragraphs become tracked changes; the clean motion and its spec are
what the meeting would have if every amendment were carried.
"""

from __future__ import annotations

from typing import Literal

from motiongen.agenda.amendments import AmendmentFile, Edit
from motiongen.agenda.edits import Applier, Motionview, clashes
from motiongen.agenda.marked import Amended, Para, Piece
from motiongen.catalogue import Catalogue
from motiongen.motion.compose import Document
from motiongen.motion.spec import Motion
from motiongen.output import layout
from motiongen.profiles import Profile
from motiongen.text import fill


def apply(
    files: list[AmendmentFile],
    motion: Motion,
    doc: Document,
    catalogue: Catalogue,
    *,
    width: int | None = None,
) -> Amended:
    """Check every amendment against the motion and apply them all, or raise."""
    profile = doc.profile
    view = Motionview.of(doc, width)
    calls_on = motion.calls_on or profile.defaults.calls_on or "the relevant body"
    edits: list[Edit] = []
    for who, file in enumerate(files):
        applier = Applier(view, profile, catalogue, calls_on, file, who)
        mine = applier.edits()
        applier.check(mine)
        edits += mine
    clashes(edits, files, view)
    paras = _mark(view, edits, files, motion, profile, calls_on)
    return Amended(motion, doc, files, edits, paras, layout.width_for(doc, width))


def _mark(
    view: Motionview,
    edits: list[Edit],
    files: list[AmendmentFile],
    motion: Motion,
    profile: Profile,
    calls_on: str,
) -> list[Para]:
    doc = view.doc
    author = [f.amendment.submitted_by for f in files]
    replace_all = [e for e in edits if e.kind == "replace_all"]
    gone: Literal["same", "ins", "del"] = "del" if replace_all else "same"
    by = author[replace_all[0].who] if replace_all else None
    paras: list[Para] = []
    for s, section in enumerate(doc.sections):
        lead = Para(section.key, True, [Piece(section.lead, gone, by)], gone, by, group=s)
        if not replace_all:
            changed = [e for e in edits if (e.section, e.clause, e.kind) == (s, None, "replace")]
            lead.pieces = _pieces(section.lead, changed, author)
        paras.append(lead)
        for c, clause in enumerate(section.clauses):
            mine = [e for e in edits if (e.section, e.clause) == (s, c)]
            deleted = [e for e in mine if e.kind == "delete_para"]
            para = Para(section.key, False, [], ref=clause.ref, kind=clause.kind, group=s)
            if replace_all or deleted:
                who = by if replace_all else author[deleted[0].who]
                para.pieces = [Piece(clause.text, "del", who)]
                para.mark, para.author = "del", who
            else:
                para.pieces = _pieces(clause.text, [e for e in mine if e.kind == "replace"], author)
            paras.append(para)
            for e in mine:
                if e.kind == "new_para":
                    paras.append(_new(section.key, e.text, e.ref, author[e.who], s))
    for e in replace_all:
        for index, (key, items) in enumerate(e.replace_with):
            group = len(doc.sections) + index
            heading = fill(
                getattr(profile.sections, key) or key,
                {"calls_on": calls_on, "body": profile.body},
            )
            paras.append(Para(key, True, [Piece(heading, "ins", author[e.who])], "ins",
                              author[e.who], group=group))  # fmt: skip
            for text, ref in items:
                paras.append(_new(key, text, ref, author[e.who], group))
    _empty_leads(paras)
    return paras


def _empty_leads(paras: list[Para]) -> None:
    """A heading whose every paragraph is deleted goes with them."""
    for lead in [p for p in paras if p.lead and p.mark == "same"]:
        mine = [p for p in paras if p.group == lead.group and not p.lead]
        if mine and all(p.mark == "del" for p in mine):
            lead.mark, lead.author = "del", mine[0].author
            lead.pieces = [Piece(lead.original, "del", mine[0].author)]


def _new(key: str, text: str, ref: str | None, author: str, group: int) -> Para:
    return Para(
        key, False, [Piece(text, "ins", author)], "ins", author, ref=ref,
        kind="demand" if ref else "text", group=group,
    )  # fmt: skip


def _pieces(text: str, edits: list[Edit], author: list[str]) -> list[Piece]:
    out: list[Piece] = []
    pos = 0
    for e in sorted(edits, key=lambda e: (e.start, e.end)):
        if e.start > pos:
            out.append(Piece(text[pos : e.start]))
        if e.end > e.start:
            out.append(Piece(text[e.start : e.end], "del", author[e.who]))
        if e.text:
            out.append(Piece(e.text, "ins", author[e.who]))
        pos = max(pos, e.end)
    if pos < len(text):
        out.append(Piece(text[pos:]))
    return out
