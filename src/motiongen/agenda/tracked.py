"""The motion with its amendments as tracked changes, and each amendment as a paper.

In the motion as amended each change is a real tracked change (w:ins / w:del)
that Word and LibreOffice offer to accept or reject; an amendment is printed as
the body's form has it, in every format.
"""

from __future__ import annotations

import datetime as dt
from functools import partial
from pathlib import Path

from motiongen.agenda.amended import Amended, Para
from motiongen.output import paragraphs, sentences
from motiongen.output.paper import Paper
from motiongen.output.paragraphs import Body, Run
from motiongen.output.word import Properties, StyleIds, WordOptions, WordWriter, names_within
from motiongen.text import fill


def tracked_docx(amended: Amended, *, today: dt.date, reference: Path | None = None) -> bytes:
    """The motion with every amendment as a tracked change by its amending body."""
    doc = amended.original
    say = sentences.table("tracked", amended.template_dir)
    words = sentences.words_for(doc, amended.template_dir)
    writer = WordWriter(WordOptions(reference, template_dir=amended.template_dir))
    properties = Properties(
        title=fill(say["title"], {"title": doc.title}),
        author=names_within(amended.authors()),
        subject=f"Motion to {doc.to or doc.profile.body}, with its amendments",
        category=doc.profile.name,
    )
    return writer.write(
        partial(_tracked, amended, say, words),
        properties,
        words.running_header,
        date=f"{today.isoformat()}T00:00:00Z",
    )


def _tracked(
    amended: Amended, say: dict[str, str], words: sentences.Words, body: Body, ids: StyleIds
) -> None:
    doc = amended.original
    body.paragraph(ids.title, doc.title, keep_next=True)
    for label, value in words.meta:
        body.labelled(ids.normal, label, value)
    names = [
        fill(say["name"], {"label": f.label, "body": f.amendment.submitted_by})
        for f in amended.files
    ]
    which = (
        fill(say["one"], {"name": names[0]})
        if len(names) == 1
        else fill(say["many"], {"names": ", ".join(names[:-1]) + say["and"] + names[-1]})
    )
    body.paragraph(ids.normal, fill(say["explained"], {"which": which}))
    abstract = ids.decimal_abstract[doc.profile.number_format]
    lists: dict[int, int] = {}
    shared: int | None = None
    for para in amended.paras:
        if para.lead:
            p = body.paragraph(ids.heading, keep_next=True, counted=True)
        else:
            if doc.profile.numbering == "continuous":
                shared = shared or body.new_list(abstract)
                num_id = shared
            else:
                if para.group not in lists:  # one list a section, made once
                    lists[para.group] = body.new_list(abstract)
                num_id = lists[para.group]
            p = body.paragraph(ids.list_para, num_id=num_id, counted=True)
        _marked(p, para)
    for label, value in words.people:
        body.labelled(ids.normal, label, value)
    clean_doc = amended.clean_document()
    count = sentences.words_for(clean_doc, amended.template_dir).word_count
    body.labelled(ids.normal, say["word_count"], count or f"{clean_doc.words} words.")


def _marked(p: paragraphs.Para, para: Para) -> None:
    """The paragraph's pieces as runs, each change by its author; a paragraph inserted
    or deleted whole has its mark tracked too."""
    if para.mark != "same" and para.author:
        p.change, p.author = para.mark, para.author
    for piece in para.pieces:
        if piece.kind == "same" or not piece.author:
            p.runs.append(Run(piece.text))
        else:
            p.runs.append(Run(piece.text, change=piece.kind, author=piece.author))


def amendment_paper(amended: Amended, who: int) -> Paper:
    """One amendment as the body prints it on the agenda: its heading ("Amendment 38.1
    to Motion 38 …, from …:") as the title, then each change."""
    file = amended.files[who]
    out = Paper(
        title=amended.heading(who),
        author=file.amendment.submitted_by,
        subject=fill(
            sentences.table("amendment", amended.template_dir)["title"], {"label": file.label}
        ),
    )
    for sentence in amended.sentences(who):
        out.para(sentence)
    return out
