"""The motion as amended: every amendment checked, applied and marked in its paragraph.

The marked paragraphs become tracked changes; the clean motion and its spec are
what the meeting would have if every amendment were carried.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from motiongen.agenda.amendments import KEYS, AmendmentFile, Edit
from motiongen.agenda.edits import Applier, Motionview, clashes
from motiongen.catalogue import Catalogue
from motiongen.motion.compose import Clause, Document, Section, number_label
from motiongen.motion.spec import Motion
from motiongen.output import layout, sentences
from motiongen.profiles import Profile
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
    group: int = 0  # the paragraphs of one section share a group

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

    def authors(self) -> list[str]:
        return [f.amendment.submitted_by for f in self.files]

    def sentences(self, who: int) -> list[str]:
        return [e.sentence for e in self.edits if e.who == who]

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
        """The motion as amended, numbered afresh and its words counted again."""
        doc = self.original
        profile = doc.profile
        sections: list[Section] = []
        counter = 0
        groups: dict[int, tuple[str, str, list[Para]]] = {}
        for para in self.paras:
            if para.mark == "del":
                continue
            if para.lead:
                groups[para.group] = (para.key, para.clean, [])
            elif para.group in groups:
                groups[para.group][2].append(para)
        for key, lead, items in groups.values():
            if not items:
                continue
            if profile.numbering == "per-section":
                counter = 0
            clauses = []
            for para in items:
                counter += 1
                kind: Any = para.kind if not para.changed else "text"
                ref = para.ref if not para.changed or para.mark == "ins" else None
                label = number_label(counter, profile.number_format)
                clauses.append(Clause(label, sentence(para.clean), kind, ref))
            sections.append(Section(key, lead, clauses))
        counted = [s.lead for s in sections] + [c.text for s in sections for c in s.clauses]
        if profile.count_title:
            counted.append(doc.title)
        refs = {c.ref for s in sections for c in s.clauses if c.ref}
        return dataclasses.replace(
            doc,
            sections=sections,
            words=sum(count_words(t) for t in counted),
            citations=[c for c in doc.citations if c.ref in refs],
        )

    def spec(self) -> dict[str, Any]:
        """The amended motion as spec data: unchanged catalogue clauses keep their ids."""
        data = self.motion.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
        for key in ("demands", "notes", "believes", "resolves", "mandates", "output"):
            data.pop(key, None)
        lists: dict[str, list[Any]] = {k: [] for k in ("demands", *KEYS)}
        for para in self.paras:
            if para.lead or para.mark == "del":
                continue
            keep = para.ref and (not para.changed or para.mark == "ins")
            if para.key == "resolves" and keep and para.kind in ("demand", "text"):
                lists["demands"].append(para.ref)
            elif keep and para.key in ("notes", "believes"):
                lists[para.key].append(para.ref)
            else:
                lists[para.key].append({"text": sentence(para.clean)})
        for key, items in lists.items():
            if items:
                data[key] = items
        calls_on = self.calls_on()
        if calls_on:
            data["calls_on"] = calls_on
        return data

    def headings_changed(self) -> list[Para]:
        return [p for p in self.paras if p.lead and p.mark == "same" and p.changed]

    def calls_on(self) -> str | None:
        """Who the motion calls on, where an amendment changed it in a heading."""
        for para in self.headings_changed():
            found = self._calls_on(para)
            if found:
                return found
        return None

    def headings_lost(self) -> list[Para]:
        """Changed headings a spec cannot hold: a rebuild words them as the body does."""
        return [p for p in self.headings_changed() if not self._calls_on(p)]

    def _calls_on(self, para: Para) -> str | None:
        """The new "calls on" of a heading the body words with one, if that is all
        that changed in it."""
        profile = self.original.profile
        now = self.motion.calls_on or profile.defaults.calls_on or "the relevant body"
        values = {"calls_on": now, "body": profile.body}
        wordings = [profile.sections.resolves, *(w.lead for w in profile.framing.levels.values())]
        for wording in wordings:
            if "{calls_on}" not in wording or fill(wording, values) != para.original:
                continue
            before, _, after = fill(wording, {"body": profile.body, "calls_on": "\0"}).partition(
                "\0"
            )
            match = re.fullmatch(re.escape(before) + "(.+)" + re.escape(after), para.clean)
            if match:
                return match.group(1)
        return None


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
