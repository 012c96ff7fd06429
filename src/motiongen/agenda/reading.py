"""A motion's file read into its parts: title, labelled fields, sections, clauses.

Word (.docx), plain text and Markdown are read into paragraphs (with whether
Word numbered them), and the paragraphs into the parts a motion has, by the
words that mark them: leads ("This branch notes:"), labels ("Proposer:") and
typed numbering ("1.", "a)", "(i)").
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from motiongen.agenda import leads
from motiongen.errors import InputError
from motiongen.io import datafile
from motiongen.text import clean, parse_date

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

META = {
    "submitted by": "submitted_by",
    "from": "submitted_by",
    "received from": "submitted_by",
    "branch": "submitted_by",
    "to": "to",
    "meeting": "meeting_date",
    "meeting date": "meeting_date",
    "date of meeting": "meeting_date",
    "deadline": "deadline",
    "submitted on": "submitted_on",
    "contact": "contact",
    "policy commission": "commission",
    "proposer": "proposer",
    "proposed by": "proposer",
    "proposed": "proposer",
    "moved by": "proposer",
    "moved at conference by": "moved_by",
    "mover": "proposer",
    "seconder": "seconder",
    "seconded by": "seconder",
    "seconded": "seconder",
    "title": "title",
    "motion": "title",
}
META_LINE = re.compile(
    r"^\s*("
    + "|".join(sorted(map(re.escape, META), key=len, reverse=True))
    + r")\s*[:\-–]\s*(.+)$",
    re.IGNORECASE,
)
# Labels printed with no colon: "Submitted by the Cwm Taf Branch", "From the CYWU."
BARE_LABEL = re.compile(
    r"^(?P<label>submitted by|proposed by|seconded by|moved by|from)\s+(?P<value>[A-Z(].{1,150})$",
    re.IGNORECASE,
)
STOP = re.compile(r"^\s*(sources for the facts noted|sources\s*:?$)", re.IGNORECASE)
SKIP = re.compile(
    r"^\s*(word count\s*:|[\d,]+ words\.|page \d+( of \d+)?$|[-*_=]{3,}$)", re.IGNORECASE
)
# "Carried at a quorate meeting on 2 May 2027." or "… quorate branch meeting on …".
CARRIED = re.compile(r"^\s*carried at a quorate (.+?) on (\S.+?)\.?\s*$", re.IGNORECASE)
# A heading in plain text: the line under it, of '=' (level 1) or '-' (level 2).
UNDERLINE = re.compile(r"^(=+|-+)$")
# Typed numbering: "1.", "a)", "(iv)", "2.3", a bullet; or a number glued to its
# word, as a pasted list has it ("1)supports").
NUMBERING = re.compile(
    r"^\s*(?:\(?(?:\d{1,3}|[a-z]|[ivxlc]{1,6})[.)]|[-•*–·▪➢◦])\s+"
    r"|^\s*\d{1,3}\.\d{1,3}\.?\s+(?=(?-i:[A-Z]))"
    r"|^\s*(?:\(?(?:\d{1,3}|[a-z]|[ivxl]{1,6})\)|\d{1,3}\.)(?=[A-Za-z‘“'\"(])",
    re.IGNORECASE,
)


@dataclass
class Para:
    """A paragraph of the file: its text, and whether Word numbered it as a list."""

    text: str
    listed: bool = False
    style: str = ""


# --- reading the file -------------------------------------------------------------------


# A motion has a few dozen paragraphs, a policy paper a few hundred; a file of more is
# not a motion, and matching each of its paragraphs to the catalogue would take minutes.
PARAGRAPHS_MAX = 5_000


def read_paragraphs(path: Path) -> list[Para]:
    suffix = path.suffix.lower()
    if suffix == ".docx":
        return _at_most(_docx_paragraphs(path), path)
    if suffix in (".txt", ".md", ".markdown"):
        text = datafile.read_text(path)
        return _at_most(_text_paragraphs(text, markdown=suffix != ".txt"), path)
    raise InputError(
        "motiongen imports Word (.docx), plain text (.txt) and Markdown (.md) motions",
        file=path,
        hint="save the motion from your word processor as .docx or .txt",
    )


def _at_most(paras: list[Para], path: Path) -> list[Para]:
    if len(paras) > PARAGRAPHS_MAX:
        raise InputError(
            f"the file holds {len(paras):,} paragraphs; a motion holds a few dozen "
            f"(motiongen imports up to {PARAGRAPHS_MAX:,})",
            file=path,
            hint="is this the file you meant? Copy the motion alone into a file of its own",
        )
    return paras


def _docx_paragraphs(path: Path) -> list[Para]:
    """A Word file's paragraphs, read through the one reader with limits (wordfile)."""
    from motiongen.io import wordfile

    body, styles = wordfile.read_document(path)
    out: list[Para] = []
    for child in body:
        if child.tag == f"{W}p":
            para = _docx_para(child, styles)
            if para is not None:
                out.append(para)
        elif child.tag == f"{W}tbl":
            out += _table_paras(child, styles)
        else:  # content controls and the like: their paragraphs, in order
            out += [x for p in child.iter(f"{W}p") if (x := _docx_para(p, styles)) is not None]
    return out


def _docx_para(p: Any, styles: dict[str, str]) -> Para | None:
    parts = []
    for el in p.iter():
        if el.tag == f"{W}t" and el.text:
            parts.append(el.text)
        elif el.tag in (f"{W}br", f"{W}cr", f"{W}tab"):
            parts.append(" ")
    text = clean("".join(parts))
    if not text:
        return None
    style = p.find(f"{W}pPr/{W}pStyle")
    name = styles.get(style.get(f"{W}val"), "") if style is not None else ""
    listed = p.find(f"{W}pPr/{W}numPr") is not None or "list" in name
    return Para(text, listed=listed, style=name)


def _table_paras(table: Any, styles: dict[str, str]) -> list[Para]:
    """A motion form's table: a row of a short label and a value reads as
    'Proposer: Jo Bloggs'; any other cell's paragraphs are read in order."""
    out: list[Para] = []
    for row in table.iter(f"{W}tr"):
        cells = [
            [para for p in cell.iter(f"{W}p") if (para := _docx_para(p, styles)) is not None]
            for cell in row.findall(f"{W}tc")
        ]
        if len(cells) == 2 and len(cells[0]) == 1 and cells[1]:
            label = cells[0][0].text.rstrip(":").strip()
            if META_LINE.match(f"{label}: x"):
                out.append(Para(f"{label}: " + " ".join(p.text for p in cells[1])))
                continue
        out += [para for cell in cells for para in cell]
    return out


LINE_NUMBER = re.compile(r"^\s*(\d{1,4})  (.*)$")


def _without_line_numbers(lines: list[str]) -> list[tuple[str, bool]]:
    """A motion laid out in numbered lines (1, 2, 3… at the start) read without them;
    each line says whether it was numbered."""
    expected = 1
    out = []
    for line in lines:
        match = LINE_NUMBER.match(line)
        if match and int(match.group(1)) == expected:
            out.append((match.group(2), True))
            expected += 1
        else:
            out.append((line, False))
    return out if expected > 3 else [(line, False) for line in lines]


_TERMINAL = re.compile(r"[.;:!?…][”\"’')\]]*$|[”\"’]$")
_FUNCTION_WORD = re.compile(
    r"\b(?:the|of|to|and|a|an|in|for|with|or|by|on|at|from|that|as|its|their|our|is|are|be)$",
    re.IGNORECASE,
)
# A list marker on a line of its own, as a PDF pastes "(1)" above its paragraph.
_MARKER_ONLY = re.compile(
    r"^(?:\(?(?:\d{1,3}|[a-z]|[ivxlc]{1,6})[.)]|\((?:\d{1,3}|[a-z]|[ivxlc]{1,6})\)|[·•▪➢◦])$",
    re.IGNORECASE,
)


def _wrap_width(lines: list[str]) -> int | None:
    """The width a hard-wrapped text (a PDF's, a web page's) breaks its lines at, or
    None where each line is a paragraph: in wrapped text many lines of several words
    stop mid-sentence."""
    full = [line.strip() for line in lines if len(line.split()) >= 4]
    if len(full) < 3:
        return None
    lengths = sorted(len(line) for line in full)
    width = lengths[min(len(lengths) - 1, int(0.85 * len(lengths)))]
    # Lines that fill the width and stop mid-sentence; a heading or a name that
    # stops without a full stop is short.
    open_ended = sum(1 for line in full if not _TERMINAL.search(line) and len(line) >= 0.6 * width)
    if open_ended < 3 or open_ended < 0.25 * len(full):
        return None
    return width


def _continues(before: str, line: str) -> bool:
    """Whether ``line`` goes on with the sentence ``before`` left open."""
    if _TERMINAL.search(before):
        return False
    return line[:1].islower() or bool(_FUNCTION_WORD.search(before))


def _joined(pieces: list[str]) -> str:
    """Lines as one paragraph; a word a line break split ("not-" / "for-profit") is one.
    Each join looks only at the line before it, so a paragraph of thousands of lines
    (a pasted document) is joined in linear time."""
    out = [pieces[0]]
    for before, piece in itertools.pairwise(pieces):
        split = len(before) >= 2 and before[-1] == "-" and before[-2] in _LETTERS
        if not (split and piece[:1].isalpha()):
            out.append(" ")
        out.append(piece)
    return "".join(out)


_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")


def _starts_lead(line: str) -> bool:
    found = leads.find(line, speakerless=line.endswith(":") and len(line.split()) <= 12)
    return bool(found) and found[0].start == 0


def _text_paragraphs(text: str, *, markdown: bool) -> list[Para]:
    """Blank lines end paragraphs, unless the line after one goes on with a sentence
    left open; so does a line that starts a numbered item, a label such as
    'Proposer:', a lead after a full stop, or that follows a line ending in ':'.
    Where each line is a paragraph, each line ends one; in hard-wrapped text, a
    short line ending a sentence does. In numbered lines, an indented line goes on
    with a clause and a lead runs to its ':'."""
    rows = _without_line_numbers(text.splitlines())
    width = _wrap_width([raw for raw, _ in rows])
    out: list[Para] = []
    pieces: list[str] = []  # the last paragraph's lines, joined once it ends: linear time
    joining = False
    after_blank = False
    held = False  # the paragraph so far is a list marker alone: the next line is its text
    label = False  # the paragraph so far is a label line ('Proposer: …')
    open_lead = False  # a numbered lead not yet at its ':'
    for raw, numbered in rows:
        line, style = _markdown_line(raw.strip()) if markdown else (raw.strip(), "")
        line = clean(line)
        if not line:
            after_blank = after_blank or joining
            joining = False
            open_lead = False
            continue
        rule = UNDERLINE.match(line)
        if rule and joining and out and len(line) >= 3 and not numbered:
            out[-1].style = "title" if line[0] == "=" else "heading"
            joining = False
            after_blank = False
            continue
        last = pieces[-1] if pieces else ""
        if held and out:
            starts = False
        elif numbered:
            starts = not (raw.startswith(" ") or open_lead) or not out
        elif not joining:
            starts = not (after_blank and last and not style and _continues(last, line))
            starts = starts or bool(NUMBERING.match(line) or META_LINE.match(line))
        else:
            starts = bool(style) or _starts_next(last, line, width, label=label)
        if starts:
            if out:
                out[-1].text = _joined(pieces)
            out.append(Para(line, style=style))
            pieces = [line]
        else:
            pieces.append(line)
        held = bool(_MARKER_ONLY.match(line)) and starts
        label = bool(META_LINE.match(pieces[0]) or BARE_LABEL.match(pieces[0]))
        if numbered:
            # An unnumbered line after a complete lead is a lone clause, not a lead.
            after_lead = len(out) >= 2 and out[-2].text.endswith(":")
            begun = starts and not NUMBERING.match(line) and not after_lead
            open_lead = (begun or open_lead) and not line.endswith(":")
        joining = True
        after_blank = False
    if out:
        out[-1].text = _joined(pieces)
    return out


def _markdown_line(line: str) -> tuple[str, str]:
    """A Markdown line as text, and its style where it is a heading."""
    style = ""
    heading = re.match(r"^(#{1,6})\s+(.*)$", line)
    if heading:
        style = "title" if len(heading.group(1)) == 1 else "heading"
        line = heading.group(2)
    line = re.sub(r"\\$", "", line)  # a hard line break
    return re.sub(r"\\(.)", r"\1", line.replace("**", "").replace("__", "")), style


def _starts_next(last: str, line: str, width: int | None, *, label: bool) -> bool:
    """Whether ``line``, straight after ``last`` in the same run of lines, starts a
    paragraph: a numbered item, a label, a lead, or a line after one that ended."""
    ended = bool(_TERMINAL.search(last))
    # Where each line is a paragraph, one goes on only with a sentence left open; in
    # hard-wrapped text, a short line that ends a sentence ends one.
    if width is None:
        broken = not _continues(last, line)
    else:
        # … and a short line that stops without a full stop, before a capital, is a
        # heading ("12", "Resolution 4") above the paragraph.
        above = not ended and len(last) < 0.5 * width and line[:1].isupper()
        broken = (ended and len(last) < 0.8 * width) or above
    return bool(
        NUMBERING.match(line)
        or _MARKER_ONLY.match(line)
        or META_LINE.match(line)
        or BARE_LABEL.match(line)
        or last.endswith(":")
        or (label and not _continues(last, line))
        or broken
        or (ended and _starts_lead(line))
        or _is_lead(line)
    )


def _is_lead(text: str) -> bool:
    """A line that is a lead and nothing else: 'Conference notes:'."""
    return text.endswith(":") and len(text.split()) <= 30 and _starts_lead(text)


def read_contact(text: str) -> dict[str, str]:
    """'Sam Example, sam@example.org, 07700 900123' as name, email and phone."""
    out: dict[str, str] = {}
    for part in (p.strip() for p in text.split(",")):
        if "@" in part and "email" not in out:
            out["email"] = part
        elif sum(c.isdigit() for c in part) >= 6 and "phone" not in out:
            out["phone"] = part
        elif part and "name" not in out:
            out["name"] = part
    return out


def read_date(text: str) -> str | None:
    text = text.strip().rstrip(".")
    for fmt in ("%d %B %Y", "%d %b %Y", "%A %d %B %Y"):
        try:
            return dt.datetime.strptime(text, fmt).date().isoformat()
        except ValueError:
            continue
    try:
        day = parse_date(text)
    except ValueError:
        return None
    return day.isoformat() if day else None
