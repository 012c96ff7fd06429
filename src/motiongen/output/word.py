"""Word documents that conference offices accept: motions, papers and tracked changes.

Every Word file is written into a copy of one base document (``wordbase``),
its body built from paragraphs and tables (``paragraphs``), with styles set by
id, because python-docx's look-up of styles by name is most of its cost.
"""

from __future__ import annotations

import copy
import io
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from motiongen import __version__
from motiongen.motion.compose import Document
from motiongen.output import house, layout, sentences
from motiongen.output.paragraphs import Body, parser
from motiongen.output.wordbase import StyleIds, WordOptions, append, skeleton
from motiongen.text import clean

_w = house.tag  # a WordprocessingML tag name, as lxml writes it

__all__ = ["Properties", "StyleIds", "WordOptions", "WordWriter"]


@dataclass(frozen=True)
class Properties:
    """What File > Properties shows."""

    title: str
    author: str
    subject: str
    keywords: str = "motion; children's social care; public ownership"
    category: str = ""
    description: str = ""


Fill = Callable[[Body, StyleIds], None]


class WordWriter:
    """Writes Word files into copies of one base document; make one per batch and reuse it.

    The base document is parsed once. Each file changes four parts (the body,
    the list numbering, the properties and the running header). Every other
    part is zipped once, here; each file is that archive with its own four parts
    appended, through zipfile's append mode, which is most of the cost saved.
    """

    def __init__(self, options: WordOptions | None = None) -> None:
        self.options = options or WordOptions()
        self._load(skeleton(self.options))

    def _load(self, made: dict[str, Any]) -> None:
        """Parse the base document's changing parts once; the rest is zipped already."""
        # Plain lxml from here on, not python-docx: with the base cached, a
        # document is written without importing python-docx (start-up).
        from lxml import etree  # type: ignore[import-untyped]

        self._skeleton = made
        self.base: bytes = made["base"]
        self.ids = StyleIds(**made["ids"])
        self._names: dict[str, str] = made["names"]
        self._unchanged: bytes = made["unchanged"]
        with zipfile.ZipFile(io.BytesIO(self.base)) as package:
            self._parts = {
                role: etree.fromstring(package.read(name), parser())
                for role, name in self._names.items()
            }

    def __getstate__(self) -> tuple[WordOptions, dict[str, Any]]:
        """A worker process gets the base document made, not the recipe to make it."""
        return self.options, self._skeleton

    def __setstate__(self, state: tuple[WordOptions, dict[str, Any]]) -> None:
        self.options = state[0]
        self._load(state[1])

    def render(self, doc: Document) -> bytes:
        """A motion: its title, details, sections, names, word count and sources."""
        words = sentences.words_for(
            doc, self.options.template_dir, submission_copy=self.options.submission_copy
        )
        width = (
            layout.width_for(doc, self.options.line_width) if self.options.line_numbers else None
        )

        def fill(body: Body, ids: StyleIds) -> None:
            _motion(body, ids, doc, words, width)

        return self.write(fill, _motion_properties(doc), words.running_header)

    def write(self, fill: Fill, properties: Properties, header: str, *, date: str = "") -> bytes:
        """Any document: ``fill`` builds its body, ``header`` runs from page 2 on;
        ``date`` is that of its tracked changes, if it has any."""
        from lxml import etree

        parts = {role: copy.deepcopy(part) for role, part in self._parts.items()}
        body = Body(parts["numbering"], date=date)
        fill(body, self.ids)
        body.place(parts["document"].find(_w("body")))
        _running_header(parts["header"], header)
        _properties(parts["core"], properties)
        changed = {
            self._names[role]: bytes(etree.tostring(part, encoding="UTF-8", standalone=True))
            for role, part in parts.items()
        }
        return append(self._unchanged, changed)


def _running_header(header: Any, text: str) -> None:
    """The header from page 2 on, so that a loose page is never anonymous."""
    paragraph = header.findall(_w("p"))[-1]
    r = house.child(paragraph, "r")
    t = house.child(r, "t")
    t.text = clean(text)
    if t.text != t.text.strip():
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")


# --- one motion ------------------------------------------------------------------------------


def _motion(
    body: Body, ids: StyleIds, doc: Document, words: sentences.Words, width: int | None
) -> None:
    """The motion's paragraphs. Only the motion itself (section leads and
    clauses) is line-numbered: everything else is left out of the count, so
    line numbers cited in an amendment count the motion alone. With a
    ``width``, each numbered line ends in a hard break, as the text export has it."""

    def motion_text(s: int, c: int | None) -> str:
        """The paragraph with a hard break at the end of each numbered line."""
        section = doc.sections[s]
        if width is None:
            return section.lead if c is None else section.clauses[c].text
        full = layout.paragraph(doc, s, c)
        skip = 0 if c is None else layout.label_width(section.clauses[c])
        indent = 0 if c is None else layout.indent_of(section.clauses[c])
        return "\n".join(part for _, part in layout.wrap(full, width, indent))[skip:]

    def text(value: str) -> str:
        return clean(value, single_line=False)

    body.paragraph(ids.title, text(doc.title), keep_next=True)
    for label, value in words.meta:
        body.labelled(ids.normal, label, clean(value))
    abstract = ids.decimal_abstract[doc.profile.number_format]
    numbered_on = None
    if doc.preamble:
        body.paragraph(ids.normal, text(doc.preamble), keep_next=True)
    for s, section in enumerate(doc.sections):
        if section.lead:
            body.paragraph(
                ids.heading,
                text(motion_text(s, None)),
                keep_next=True,
                counted=True,
                body_size=width is not None,
            )
        numbered = [c for c in section.clauses if c.number]
        num_id = None
        if numbered:
            first = _number_of(numbered[0].number)
            if numbered_on is not None and first == numbered_on[1] + 1:
                num_id = numbered_on[0]  # numbered on from the section before
            else:
                num_id = body.new_list(abstract, first)
            numbered_on = (num_id, _number_of(numbered[-1].number))
        for c, clause in enumerate(section.clauses):
            body.paragraph(
                ids.list_para if clause.number else ids.normal,
                text(motion_text(s, c)),
                num_id=num_id if clause.number else None,
                counted=True,
            )
    for index, (label, value) in enumerate(words.people):
        # The names on one page: a proposer on page 1 and the seconder on page 2
        # (as a letterhead's taller header made of the council example) reads as a
        # motion with one name.
        last = index == len(words.people) - 1
        body.labelled(ids.normal, label, clean(value), keep_next=not last)
    if words.carried:
        body.paragraph(ids.normal, text(words.carried))
    if words.word_count:
        body.paragraph(ids.word_count, text(words.word_count))
    if words.sources:
        body.paragraph(ids.heading, text(words.sources_heading), keep_next=True)
        bullets = body.new_list(ids.bullet_abstract, 1)
        for index, entry in enumerate(words.sources):
            # Kept together: each entry with the next, so the list moves as one.
            last = index == len(words.sources) - 1
            body.paragraph(ids.source, text(entry), num_id=bullets, keep_next=not last)


def _number_of(label: str) -> int:
    """The clause number in '3.', '3)', '(3)' or 'c)'."""
    core = label.strip("().")
    if core.isdigit():
        return int(core)
    value = 0
    for char in core:
        value = value * 26 + (ord(char) - 96)
    return value


def _motion_properties(doc: Document) -> Properties:
    return Properties(
        title=doc.title,
        author=doc.submitted_by or "motiongen",
        subject=f"Motion to {doc.to or doc.profile.body}",
        category=doc.profile.name,
        description=f"Drafted with motiongen {__version__} for {doc.profile.body}.",
    )


# --- the properties ----------------------------------------------------------------------------

PROPERTY_MAX = 255  # characters in a core document property, as Word and python-docx hold them


def names_within(names: Sequence[str], limit: int = PROPERTY_MAX, sep: str = "; ") -> str:
    """Names for a property that holds ``limit`` characters, however many there are:
    as many whole names as fit, then 'and 5 others' ('A; B and 5 others')."""
    names = [clean(n) for n in dict.fromkeys(names)]
    if len(sep.join(names)) <= limit:
        return sep.join(names)

    def others(n: int) -> str:
        return f" and {n} other{'s' if n > 1 else ''}"

    used = len(names[0])  # the length of the first ``keep`` names joined
    keep = 1
    while keep < len(names) and (
        used + len(sep) + len(names[keep]) + len(others(len(names) - keep - 1)) <= limit
    ):
        used += len(sep) + len(names[keep])
        keep += 1
    tail = others(len(names) - keep)
    if used + len(tail) <= limit:
        return sep.join(names[:keep]) + tail
    return names[0][: limit - len(tail) - 1].rstrip() + "…" + tail


def _fit(text: str) -> str:
    """A property made from longer parts (subject, category), cut to what Word holds."""
    text = clean(text)
    return text if len(text) <= PROPERTY_MAX else text[: PROPERTY_MAX - 1] + "…"


CP = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
DC = "http://purl.org/dc/elements/1.1/"
DCTERMS = "http://purl.org/dc/terms/"
XSI = "http://www.w3.org/2001/XMLSchema-instance"


def _properties(core: Any, props: Properties) -> None:
    """The core properties, set as python-docx's CoreProperties sets them."""
    now = house.now().strftime("%Y-%m-%dT%H:%M:%SZ")
    values = [
        (DC, "title", _fit(props.title)),
        (DC, "creator", _fit(props.author)),
        (DC, "subject", _fit(props.subject)),
        (CP, "keywords", _fit(props.keywords)),
        (CP, "category", _fit(props.category)),
        (DC, "description", _fit(props.description)),
        (DC, "language", house.LANGUAGE),
        (CP, "lastModifiedBy", _fit(props.author)),
        (CP, "revision", "1"),
        # No status: the document is ready to send, and "Draft" (python-docx's and
        # Word's template value) said otherwise; "Final" would read as Word's
        # Mark as Final, which it is not.
        (CP, "contentStatus", ""),
        (DCTERMS, "created", now),
        (DCTERMS, "modified", now),
    ]
    for namespace, name, value in values:
        tag = f"{{{namespace}}}{name}"
        element = core.find(tag)
        if not value:
            if element is not None:
                core.remove(element)
            continue
        if element is None:
            prefix = {CP: "cp", DC: "dc", DCTERMS: "dcterms"}[namespace]
            element = core.makeelement(tag, {}, {prefix: namespace})
            core.append(element)
        element.text = value
        if namespace == DCTERMS:
            # The root declares xsi, not each date (python-docx does the same).
            core.set(f"{{{XSI}}}foo", "bar")
            element.set(f"{{{XSI}}}type", "dcterms:W3CDTF")
            del core.attrib[f"{{{XSI}}}foo"]
