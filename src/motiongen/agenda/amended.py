"""The motion as amended: every amendment checked, applied and marked in its paragraph.

The marked paragraphs become tracked changes; the clean motion and its spec are
what the meeting would have if every amendment were carried.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from motiongen.agenda.amendments import AmendmentFile, Edit
from motiongen.agenda.edits import Applier, Motionview, clashes
from motiongen.catalogue import Catalogue
from motiongen.motion.compose import Document, ItemKind, Raw, number_sections, section_entry
from motiongen.motion.spec import Motion
from motiongen.output import layout, sentences
from motiongen.profiles import Profile
from motiongen.sections import KINDS, read_lead
from motiongen.text import count_words, fill, sentence


@dataclass
class Piece:
    text: str
    kind: Literal["same", "ins", "del"] = "same"
    author: str | None = None


@dataclass
class Para:
    """A paragraph of the motion as amended, with its changes marked."""

    key: str
    lead: bool
    pieces: list[Piece]
    mark: Literal["same", "ins", "del"] = "same"
    author: str | None = None
    ref: str | None = None
    kind: str = "text"
    links: tuple[str, ...] = ()  # the user's words: every entry they are linked to
    group: int = 0  # the paragraphs of one section share a group
    to: str | None = None  # for a heading a "delete all and replace" brings: whom it asks

    @property
    def clean(self) -> str:
        return "".join(p.text for p in self.pieces if p.kind != "del")

    @property
    def original(self) -> str:
        return "".join(p.text for p in self.pieces if p.kind != "ins")

    @property
    def changed(self) -> bool:
        return self.mark != "same" or any(p.kind != "same" for p in self.pieces)


@dataclass
class Amended:
    """The motion with every amendment applied: marked paragraphs, and sentences
    in the body's form for each amendment."""

    motion: Motion
    original: Document
    files: list[AmendmentFile]
    edits: list[Edit]
    paras: list[Para]
    width: int
    template_dir: Path | None = None  # where a user's sentences.toml may be
    _said: dict[int, list[str]] | None = dataclasses.field(default=None, repr=False)

    def authors(self) -> list[str]:
        return [f.amendment.submitted_by for f in self.files]

    def sentences(self, who: int) -> list[str]:
        if self._said is None:
            self._said = {}
            for e in self.edits:
                self._said.setdefault(e.who, []).append(e.sentence)
        return self._said.get(who, [])

    def heading(self, who: int) -> str:
        f = self.files[who]
        say = sentences.table("amendment", self.template_dir)
        number = f.amendment.motion_number
        motion = fill(say["motion"], {"number": str(number)}) if number is not None else None
        values = {
            "label": f.label,
            "motion": motion or say["the_motion"],
            "title": self.original.title,
            "body": f.amendment.submitted_by,
        }
        return fill(say["heading"], values)

    def text(self, who: int) -> str:
        said = self.sentences(who)
        if len(said) == 1:
            return f"{self.heading(who)} {said[0]}"
        return "\n\n".join([self.heading(who), *said])

    def clean_document(self) -> Document:
        """The motion as amended, numbered afresh as the body numbers, words counted again."""
        doc = self.original
        profile = doc.profile
        raw = [
            Raw(
                kind,
                lead,
                to,
                [(sentence(p.clean), _item_kind(p.kind), p.ref, p.links) for p in items],
            )
            for kind, lead, to, items in self._sections()
        ]
        sections = number_sections(raw, profile)
        counted = [s.lead for s in sections] + [c.text for s in sections for c in s.clauses]
        if profile.count_title:
            counted.append(doc.title)
        noted = {c.ref: c.number for s in sections for c in s.clauses if c.kind == "evidence"}
        return dataclasses.replace(
            doc,
            sections=sections,
            words=sum(count_words(t) for t in counted),
            # Each fact's source is cited by its note's number in the motion as amended.
            citations=[
                dataclasses.replace(c, clause=noted[c.ref] or "")
                for c in doc.citations
                if c.ref in noted
            ],
        )

    def _sections(self) -> list[tuple[str, str, str | None, list[Para]]]:
        """Each section left standing: its kind, its lead and addressee as amended, and
        its clauses (a changed clause is the user's own text now; a catalogue clause
        left as it was keeps its id)."""
        doc = self.original
        groups: dict[int, tuple[str, str, str | None, list[Para]]] = {}
        for para in self.paras:
            if para.mark == "del":
                continue
            if para.lead:
                before = doc.sections[para.group] if para.group < len(doc.sections) else None
                kind, to = para.key, before.to if before else para.to
                if para.changed and before is not None:
                    kind, to = _read_heading(before.kind, before.lead, before.to, para.clean)
                groups[para.group] = (kind, para.clean, to, [])
            elif para.group in groups:
                if para.changed and para.mark != "ins":
                    para = dataclasses.replace(para, kind="text", ref=None)
                groups[para.group][3].append(para)
        return [g for g in groups.values() if g[3]]

    def spec(self) -> dict[str, Any]:
        """The amended motion as spec data, section by section as printed, so that it
        rebuilds to the same document: unchanged catalogue clauses keep their ids."""
        data = self.motion.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
        for key in ("demands", "notes", "believes", "resolves", "mandates", "sections"):
            data.pop(key, None)
        data.pop("output", None)
        profile = self.original.profile
        calls_on = self.motion.calls_on or profile.defaults.calls_on or "the relevant body"
        sections = []
        for kind, lead, to, items in self._sections():
            clauses = [_spec_item(p) for p in items]
            sections.append(section_entry(profile, calls_on, kind, lead, to, clauses))
        data["sections"] = sections
        return data


def _spec_item(para: Para) -> Any:
    """A clause as the spec of the motion as amended holds it: a catalogue entry by its
    id, the user's words (with the entry they are linked to, if unchanged)."""
    if para.ref and para.kind in ("demand", "evidence", "belief"):
        return para.ref
    item: dict[str, Any] = {"text": sentence(para.clean)}
    if len(para.links) > 1:
        item["link"] = list(para.links)
    elif para.ref:
        item["link"] = para.ref
    return item


def _item_kind(kind: str) -> ItemKind:
    return kind if kind in ("demand", "evidence", "belief") else "text"  # type: ignore[return-value]


def _read_heading(kind: str, lead: str, to: str | None, now: str) -> tuple[str, str | None]:
    """The kind and addressee of a heading an amendment changed: where only whom it
    asks changed ("the Service Group Executive" for "the National Executive"), the
    new name; otherwise as the new words read."""
    if to and to in lead:
        before, _, after = lead.partition(to)
        if now.startswith(before) and now.endswith(after) and len(now) > len(before + after):
            return kind, now[len(before) : len(now) - len(after)]
    found = read_lead(now)
    return found if found else (kind, to)


# --- applying the amendments ---------------------------------------------------------


def apply_all(
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
    width_used = layout.width_for(doc, width)
    return Amended(motion, doc, files, edits, paras, width_used)


def _mark(
    view: Motionview,
    edits: list[Edit],
    files: list[AmendmentFile],
    motion: Motion,
    profile: Profile,
    calls_on: str,
) -> list[Para]:
    """Every paragraph of the motion with the changes to it marked, and the new ones in
    their places; each paragraph's changes are looked up, not searched for."""
    doc = view.doc
    author = [f.amendment.submitted_by for f in files]
    replace_all = [e for e in edits if e.kind == "replace_all"]
    gone: Literal["same", "ins", "del"] = "del" if replace_all else "same"
    by = author[replace_all[0].who] if replace_all else None
    cut = next((e for e in edits if e.kind == "cut"), None)  # two would have clashed
    cut_at = (cut.section, -1 if cut.clause is None else cut.clause) if cut else None
    at: dict[tuple[int, int | None], list[Edit]] = {}
    for e in edits:
        at.setdefault((e.section, e.clause), []).append(e)

    def after_cut(s: int, c: int | None) -> str | None:
        """The author of the "delete all after/from" that takes this paragraph, if one does."""
        if cut is None or cut_at is None or (s, -1 if c is None else c) <= cut_at:
            return None
        return author[cut.who]

    paras: list[Para] = []
    for s, section in enumerate(doc.sections):
        lead = Para(section.key, True, [Piece(section.lead, gone, by)], gone, by, group=s)
        if not replace_all:
            if (who := after_cut(s, None)) is not None:
                lead.pieces, lead.mark, lead.author = [Piece(section.lead, "del", who)], "del", who
            else:
                changed = [e for e in at.get((s, None), []) if e.kind in ("replace", "cut")]
                lead.pieces = _pieces(section.lead, changed, author)
        paras.append(lead)
        for c, clause in enumerate(section.clauses):
            mine = at.get((s, c), [])
            deleted = [e for e in mine if e.kind == "delete_para"]
            taken = after_cut(s, c)
            para = Para(
                section.key, False, [], ref=clause.ref, kind=clause.kind, links=clause.links,
                group=s,
            )  # fmt: skip
            if replace_all or deleted or taken:
                who = by if replace_all else taken or author[deleted[0].who]
                para.pieces = [Piece(clause.text, "del", who)]
                para.mark, para.author = "del", who
            else:
                changed = [e for e in mine if e.kind in ("replace", "cut")]
                para.pieces = _pieces(clause.text, changed, author)
            paras.append(para)
            for e in mine:
                if e.kind == "new_para":
                    paras.append(_new(section.key, e.text, e.ref, author[e.who], s))
    values = profile.lead_values(calls_on)
    for e in replace_all:
        for index, (key, items) in enumerate(e.replace_with):
            group = len(doc.sections) + index
            to = calls_on if KINDS[key].addressed else None
            if key == "resolves":
                key, heading, to = profile.own_section(values)
            else:
                heading = profile.lead(key, to, values)
            paras.append(Para(key, True, [Piece(heading, "ins", author[e.who])], "ins",
                              author[e.who], group=group, to=to))  # fmt: skip
            for text, ref in items:
                paras.append(_new(key, text, ref, author[e.who], group))
    _empty_leads(paras)
    return paras


def _empty_leads(paras: list[Para]) -> None:
    """A heading whose every paragraph is deleted goes with them."""
    groups: dict[int, list[Para]] = {}
    for p in paras:
        if not p.lead:
            groups.setdefault(p.group, []).append(p)
    for lead in [p for p in paras if p.lead and p.mark == "same"]:
        mine = groups.get(lead.group, [])
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
