"""Word documents for amendments: the amendment, and the motion with tracked changes.

The amendment is as the body prints it; in the motion as amended each change is
a real tracked change (w:ins / w:del) that Word and LibreOffice offer to accept
or reject.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

from motiongen.agenda.amended import Amended, Para
from motiongen.output import house, ooxml, sentences
from motiongen.output.word import WordOptions, WordWriter
from motiongen.text import fill

XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_w = house.tag


class _Body:
    """Appends paragraphs to a fresh copy of the house base document."""

    def __init__(self, options: WordOptions) -> None:
        from docx import Document as open_docx

        writer = WordWriter(options)
        self.ids = writer.ids
        self.document = open_docx(io.BytesIO(writer.base))
        self.body = self.document.element.body
        self.numbering = self.document.part.numbering_part.element
        self.sect_pr = self.body.find(_w("sectPr"))
        self.revision = 0

    def paragraph(self, style: str, *, keep_next: bool = False, num_id: int | None = None) -> Any:
        return house.paragraph(
            self.body, style, before=self.sect_pr, keep_next=keep_next, num_id=num_id
        )

    def text(self, style: str, text: str, **kwargs: Any) -> Any:
        p = self.paragraph(style, **kwargs)
        _run(p, text)
        return p

    def labelled(self, label: str, value: str) -> None:
        p = self.paragraph(self.ids.normal)
        _run(p, f"{label}: ", bold=True)
        _run(p, value)

    def new_list(self, number_format: str = "1.") -> int:
        num = self.numbering.add_num(self.ids.decimal_abstract[number_format])
        num.add_lvlOverride(ilvl=0).add_startOverride(1)
        return int(num.numId)

    def mark(self, tag: str, author: str, date: str) -> Any:
        self.revision += 1
        return self.body.makeelement(
            _w(tag), {_w("id"): str(self.revision), _w("author"): author, _w("date"): date}
        )

    def save(self) -> bytes:
        buffer = io.BytesIO()
        self.document.save(buffer)
        return buffer.getvalue()


def _run(parent: Any, text: str, *, bold: bool = False, deleted: bool = False) -> Any:
    r = house.child(parent, "r")
    if bold:
        ooxml.add(house.child(r, "rPr"), "b")
    t = house.child(r, "delText" if deleted else "t")
    t.text = text  # already clean: composed text, or the amendment's validated words
    t.set(XML_SPACE, "preserve")
    return r


def tracked_docx(amended: Amended, *, today: dt.date, reference: Path | None = None) -> bytes:
    """The motion with every amendment as a tracked change by its amending body."""
    doc = amended.original
    stamp = f"{today.isoformat()}T00:00:00Z"
    out = _Body(WordOptions(reference))
    ids = out.ids
    words = sentences.words_for(doc)
    out.text(ids.title, doc.title)
    header = out.document.sections[0].header.paragraphs
    if header:
        header[-1].add_run(words.running_header)
    for label, value in words.meta:
        out.labelled(label, value)
    say = sentences.table("tracked", amended.template_dir)
    names = [
        fill(say["name"], {"label": f.label, "body": f.amendment.submitted_by})
        for f in amended.files
    ]
    which = (
        fill(say["one"], {"name": names[0]})
        if len(names) == 1
        else fill(say["many"], {"names": ", ".join(names[:-1]) + say["and"] + names[-1]})
    )
    out.text(ids.normal, fill(say["explained"], {"which": which}))
    lists: dict[int, int] = {}
    shared: int | None = None
    for para in amended.paras:
        if para.lead:
            p = out.paragraph(ids.heading, keep_next=True)
        else:
            if doc.profile.numbering == "continuous":
                shared = shared or out.new_list(doc.profile.number_format)
                num_id = shared
            else:
                num_id = lists.setdefault(para.group, out.new_list(doc.profile.number_format))
            p = out.paragraph(ids.list_para, num_id=num_id)
        _fill(out, p, para, stamp)
    for label, value in words.people:
        out.labelled(label, value)
    clean_doc = amended.clean_document()
    count = sentences.words_for(clean_doc).word_count or f"{clean_doc.words} words."
    out.labelled(say["word_count"], count)
    props = out.document.core_properties
    props.title = fill(say["title"], {"title": doc.title})
    props.author = "; ".join(dict.fromkeys(amended.authors()))
    props.language = "en-GB"
    return out.save()


def _fill(out: _Body, p: Any, para: Para, stamp: str) -> None:
    if para.mark != "same" and para.author:
        # The paragraph mark itself is inserted or deleted: its properties say so.
        rpr = ooxml.get_or_add(p.find(_w("pPr")), "rPr")
        ooxml.place(rpr, out.mark(para.mark, para.author, stamp))
    for piece in para.pieces:
        if piece.kind == "same" or not piece.author:
            _run(p, piece.text)
            continue
        wrapper = out.mark(piece.kind, piece.author, stamp)
        p.append(wrapper)
        _run(wrapper, piece.text, deleted=piece.kind == "del")


def amendment_docx(amended: Amended, who: int, reference: Path | None = None) -> bytes:
    """One amendment as the body prints it on the agenda."""
    out = _Body(WordOptions(reference))
    ids = out.ids
    title = fill(
        sentences.table("amendment", amended.template_dir)["title"],
        {"label": amended.files[who].label},
    )
    out.text(ids.title, title)
    for paragraph in amended.text(who).split("\n\n"):
        out.text(ids.normal, paragraph)
    props = out.document.core_properties
    props.title = title
    props.author = amended.files[who].amendment.submitted_by
    props.language = "en-GB"
    return out.save()
