"""A motion's file read into its parts: title, labelled fields, sections, clauses.

Word (.docx), plain text and Markdown are read into paragraphs (with whether
Word numbered them), and the paragraphs into the parts a motion has, by the
words that mark them: leads ("This branch notes:"), labels ("Proposer:") and
typed numbering ("1.", "a)", "(i)").
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

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
    "moved by": "proposer",
    "moved at conference by": "moved_by",
    "mover": "proposer",
    "seconder": "seconder",
    "seconded by": "seconder",
    "title": "title",
    "motion": "title",
}
META_LINE = re.compile(
    r"^\s*("
    + "|".join(sorted(map(re.escape, META), key=len, reverse=True))
    + r")\s*[:\-–]\s*(.+)$",
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
NUMBERING = re.compile(
    r"^\s*(?:\(?(?:\d{1,3}|[a-z]|[ivxlc]{1,6})[.)]|\d{1,3}\.\d{1,3}\.?|[-•*–])\s+", re.IGNORECASE
)
LEAD_WORD = re.compile(
    r"\b(further notes|notes|note|recognises|welcomes|believes|believe|considers|"
    r"is concerned|resolves|resolve|calls? (?:up)?on|instructs|agrees|urges|requests|asks|"
    r"proposes?|mandates)\b",
    re.IGNORECASE,
)
KIND_OF = {
    "further notes": "notes",
    "notes": "notes",
    "note": "notes",
    "believe": "believes",
    "recognises": "notes",
    "welcomes": "notes",
    "believes": "believes",
    "considers": "believes",
    "is concerned": "believes",
    "mandates": "mandates",
}
INLINE_LEAD = re.compile(
    r"^((?:this|the|our)?\s*[\w'’]+(?:\s+[\w'’]+){0,3}?\s+"
    r"(?:notes|believes|resolves|calls (?:up)?on [^:]{1,80}? to)(?:\s+that)?)\s+(\S.*)$",
    re.IGNORECASE,
)


@dataclass
class Para:
    """A paragraph of the file: its text, and whether Word numbered it as a list."""

    text: str
    listed: bool = False
    style: str = ""


@dataclass
class Found:
    """A section found in the file: its kind, its lead as written, its clauses."""

    kind: str
    lead: str
    clauses: list[str] = field(default_factory=list)


# --- reading the file -------------------------------------------------------------------


def read_paragraphs(path: Path) -> list[Para]:
    suffix = path.suffix.lower()
    if suffix == ".docx":
        return _docx_paragraphs(path)
    if suffix in (".txt", ".md", ".markdown"):
        return _text_paragraphs(datafile.read_text(path), markdown=suffix != ".txt")
    raise InputError(
        "motiongen imports Word (.docx), plain text (.txt) and Markdown (.md) motions",
        file=path,
        hint="save the motion from your word processor as .docx or .txt",
    )


def _docx_paragraphs(path: Path) -> list[Para]:
    from docx import Document as open_docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        with path.open("rb") as handle:
            head = handle.read(8)
    except FileNotFoundError:
        raise InputError("no such file", file=path, hint="check the name and folder") from None
    except OSError as exc:
        raise InputError(f"cannot read the file: {exc.strerror}", file=path) from None
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise InputError(
            "this Word file is password-protected or in the old .doc format",
            file=path,
            hint="open it in Word or LibreOffice, remove any password and save it as .docx",
        )
    if not head.startswith(b"PK"):
        raise InputError(
            "this is not a Word document, though its name ends in .docx",
            file=path,
            hint="open it in the program that made it and save it as .docx or .txt",
        )
    if not zipfile.is_zipfile(path):
        raise InputError(
            "this Word file is damaged and cannot be read (it may have been cut short)",
            file=path,
            hint="open it in Word or LibreOffice, which may repair it, and save it again",
        )
    try:
        document = open_docx(str(path))
    except (PackageNotFoundError, KeyError, ValueError):
        raise InputError(
            "this is not a Word document, though its name ends in .docx",
            file=path,
            hint="open it in the program that made it and save it as .docx or .txt",
        ) from None
    except (zipfile.BadZipFile, SyntaxError, EOFError, OSError):  # lxml's errors are SyntaxErrors
        raise InputError(
            "this Word file is damaged and cannot be read",
            file=path,
            hint="open it in Word or LibreOffice, which may repair it, and save it again",
        ) from None
    styles = {s.style_id: (s.name or "").lower() for s in document.styles}
    out: list[Para] = []
    for child in document.element.body:
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


def _text_paragraphs(text: str, *, markdown: bool) -> list[Para]:
    """Blank lines end paragraphs; so does a line that starts a numbered item, a
    label such as 'Proposer:', or that follows a line ending in ':'. In numbered
    lines, an indented line goes on with a clause and a lead runs to its ':'."""
    out: list[Para] = []
    joining = False
    open_lead = False  # a numbered lead not yet at its ':'
    for raw, numbered in _without_line_numbers(text.splitlines()):
        line = raw.strip()
        style = ""
        if markdown:
            heading = re.match(r"^(#{1,6})\s+(.*)$", line)
            if heading:
                style = "title" if len(heading.group(1)) == 1 else "heading"
                line = heading.group(2)
            line = re.sub(r"\\$", "", line)  # a hard line break
            line = re.sub(r"\\(.)", r"\1", line.replace("**", "").replace("__", ""))
        line = clean(line)
        if not line:
            joining = False
            open_lead = False
            continue
        rule = UNDERLINE.match(line)
        if rule and joining and out and len(line) >= 3 and not numbered:
            out[-1].style = "title" if line[0] == "=" else "heading"
            joining = False
            continue
        if numbered:
            starts = not (raw.startswith(" ") or open_lead) or not out
        else:
            starts = bool(
                not joining
                or style
                or NUMBERING.match(line)
                or META_LINE.match(line)
                or out[-1].text.endswith(":")
                or _is_lead(line)
            )
        if starts:
            out.append(Para(line, style=style))
        else:
            out[-1].text += " " + line
        if numbered:
            # An unnumbered line after a complete lead is a lone clause, not a lead.
            after_lead = len(out) >= 2 and out[-2].text.endswith(":")
            begun = starts and not NUMBERING.match(line) and not after_lead
            open_lead = (begun or open_lead) and not out[-1].text.endswith(":")
        joining = True
    return out


# --- finding the parts of a motion -------------------------------------------------------


def _is_lead(text: str) -> bool:
    return text.endswith(":") and len(text.split()) <= 30 and LEAD_WORD.search(text) is not None


def _kind(lead: str) -> str:
    match = LEAD_WORD.search(lead)
    return KIND_OF.get(match.group(1).lower(), "resolves") if match else "resolves"


def _strip_number(text: str) -> str:
    return NUMBERING.sub("", text, count=1).strip()


def parse(paras: list[Para]) -> tuple[dict[str, Any], list[Found], list[str], bool]:
    """Title and labelled fields, the sections, the paragraphs left out, and whether
    a title was found."""
    fields: dict[str, Any] = {}
    sections: list[Found] = []
    before: list[str] = []
    title_found = False
    for para in paras:
        text = para.text
        if STOP.match(text):
            break
        if SKIP.match(text):
            continue
        carried = CARRIED.match(text)
        if carried:
            day, meeting = read_date(carried.group(2)), carried.group(1).strip()
            fields["carried_on"] = (
                {"date": day, "meeting": meeting} if day and meeting.lower() != "meeting" else day
            )
            continue
        meta = META_LINE.match(text)
        if meta and not para.listed and not NUMBERING.match(text):
            key = META[meta.group(1).lower()]
            if key == "title" and title_found:
                pass
            elif key not in fields:
                fields[key] = meta.group(2).strip()
                title_found = title_found or key == "title"
                continue
        first = para.style in ("title", "heading 1") or not before
        plain = not _is_lead(text) and not NUMBERING.match(text)
        if not title_found and not sections and first and plain:
            fields["title"] = text
            title_found = True
            continue
        heading = para.style.startswith("heading") and len(text.split()) <= 30
        if (_is_lead(text) or (heading and LEAD_WORD.search(text))) and not para.listed:
            sections.append(Found(_kind(text), text))
            continue
        inline = INLINE_LEAD.match(text)
        if inline and not para.listed and not NUMBERING.match(text):
            lead = inline.group(1).strip()
            if LEAD_WORD.search(lead) and (not sections or _kind(lead) != sections[-1].kind):
                sections.append(Found(_kind(lead), lead + ":", [inline.group(2)]))
                continue
        if sections:
            sections[-1].clauses.append(_strip_number(text))
        else:
            before.append(text)
    return fields, sections, before, title_found


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
