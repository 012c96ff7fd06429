"""A motion someone else wrote, found among the paragraphs of its file.

A file holds more than the motion: an email's greeting and signature, a
clerk's note ("Councillor X moved, seconded by Y, the motion standing in their
names:"), a conference book's heading ("[2019] Motion 10 Transport – buses",
"Composited motion", "Received from:"), the union's name under the motion, a
word count, a page number. This module says which paragraphs are the motion,
reads the title and the labelled fields from the rest, and splits the motion
into its sections at each lead (see ``leads``), keeping every word of the
motion as printed. What is left out is listed, so that the user can see it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from motiongen.agenda import leads
from motiongen.agenda.reading import (
    BARE_LABEL,
    CARRIED,
    META,
    META_LINE,
    NUMBERING,
    SKIP,
    STOP,
    Para,
    read_date,
)


@dataclass
class Found:
    """A section found in the file: its kind, its lead as written (empty where the
    motion opens with paragraphs of no lead), whom it asks, and its clauses."""

    kind: str
    lead: str
    clauses: list[str] = field(default_factory=list)
    to: str | None = None


@dataclass
class Parsed:
    """What a file holds: the motion's parts, its fields and what is not the motion."""

    fields: dict[str, Any] = field(default_factory=dict)
    title: str | None = None
    preamble: str | None = None
    sections: list[Found] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)
    unquoted: bool = False  # the quotation marks a clerk put round the motion were taken off


# --- what is not the motion ----------------------------------------------------------------

_FURNITURE = re.compile(
    r"^(?:composited motion|carried motion|carried(?: as amended)?|\(carried(?: as amended)?\)"
    r"|received from:?|merged into composite\s*\d*|notice of motions?\b.*|motions?|resolutions?"
    r"|(?:special\s+)?(?:motion|resolution)(?:\s+no\.?)?\s*\d+[a-z]?[.:]?|agenda item\s*\d+"
    r"|agenda papers?\b.*|back to all motions|ward\(s\) affected\b.*|\d{1,4}|page \d+.*"
    r"|printed by\b.*|lost|carried unanimously|remitted|withdrawn|minutes:?)$",
    re.IGNORECASE,
)
# A clerk's or a sender's words about the motion, not the motion's own.
_NARRATIVE = re.compile(
    r"\b(?:moved|seconded|advised that|notice of which|the following (?:notices? of )?motions?"
    r"|submitted (?:by|in accordance)|standing in (?:their|his|her) names?|as it appears"
    r"|here is|here it is|below is|as promised|for info|please find|attached|pasted"
    r"|passed (?:unanimously|round)|was (?:carried|passed|agreed)"
    r"|in the following terms|(?:reads|read|worded) as follows|let us know"
    r"|(?:^|(?<=[.!?]\s))please (?:put|adapt|use|move|pass|submit|table|send|share|circulate))\b",
    re.IGNORECASE,
)
# Where a page goes on to print the motion's amendments: not the motion's words.
_MINUTE = re.compile(r"\b(?:was|were)\s+(?:moved|seconded|proposed)\b", re.IGNORECASE)
_AMENDMENTS = re.compile(
    r"^(?:the following amendments?\b|amendments?(?:\s+\d+)?\s*:?$"
    r"|amendments? (?:accepted|carried)\b)",
    re.IGNORECASE,
)
_GREETING = re.compile(
    r"^(?:hi|hello|hey|dear|good (?:morning|afternoon|evening)|morning|afternoon)\b.{0,40}$",
    re.IGNORECASE,
)
_SIGN_OFF = re.compile(
    r"^(?:thanks|thank you|many thanks|cheers|best|all the best|best wishes|kind regards"
    r"|regards|warm regards|in solidarity|solidarity|yours\b.*|see you\b.*|sent from my\b.*|--"
    r"|this e-?mail\b.*)[,.!]?$",
    re.IGNORECASE,
)
_YEAR_EVENT = re.compile(
    r"\b(?:1[89]|20)\d\d\b.*\b(?:congress|conference|agm|agenda|meeting)\b"
    r"|\b(?:congress|conference|agm|agenda)\b.*\b(?:1[89]|20)\d\d\b",
    re.IGNORECASE,
)
_WORD_COUNT = re.compile(
    r"^\(?\s*(?:words?\s*:?\s*)?\d[\d,]*\s*words?\s*\)?\.?$|^word count\b.*$", re.IGNORECASE
)
# A sender's question, not a title: "Could you read it before Thursday?"
_ASKING = re.compile(
    r"^(?:could|can|would|will|please|do|does|did|have|has|shall)\b.*\?$", re.IGNORECASE
)
_MONTH_YEAR = re.compile(
    r"^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{4}$", re.IGNORECASE
)
_TERMINAL = re.compile(r"[.;:!?…][”\"’')\]]*$|[”\"’]$")
_LETTERED = re.compile(r"^\s*\(?(?:[a-z]|[ivx]{1,5})[.)]", re.IGNORECASE)
_OPEN_QUOTE = "“\"‘'"
_CLOSE_QUOTE = "”\"’'"


def _title_of(text: str) -> str | None:
    """The title in a heading as a conference book or an agenda prints it: "[2019]
    Motion 10 Transport – buses", "35. Rebuilding Our Activist Base", "Special
    Motion No. 3 - Children In Care", "Statutory provision of CPD (Resolution)"."""
    title = text.strip()
    title = re.sub(r"^\[\d{4}\]\s*", "", title)
    title = re.sub(r"^\*+\s*", "", title)
    title = re.sub(
        r"^.*?\b(?:motion|resolution)(?:\s+no\.?)?\s*\d+[a-z]?\s*(?:[:.\-–—]\s*|\s+(?=[A-Z]))",
        "",
        title,
        flags=re.IGNORECASE,
    )
    title = re.sub(r"^\d{1,3}[.)]?\s+(?=[A-Z‘“'\"])", "", title)
    title = re.sub(
        r"^(?:notice of motion|motion|resolution|subject|title)(?:\s+for\s+debate)?\s*[:\-–—]\s*",
        "",
        title,
        flags=re.IGNORECASE,
    )
    title = re.sub(r"^by\s+(?:councillor|cllr\.?)\s+[^-–—]{1,60}[-–—]\s*", "", title, flags=re.I)
    title = re.sub(r"\s*\((?:resolution|motion)\)\s*$", "", title, flags=re.IGNORECASE)
    # A status a web page runs on after the title: "… social care carried motion".
    title = re.sub(
        r"(?:\s+(?:carried|composited|lost|remitted)(?:\s+motion|\s+as\s+amended)?)+$",
        "",
        title,
        flags=re.IGNORECASE,
    )
    title = title.strip(" *")
    dated = read_date(text) or _MONTH_YEAR.match(title)
    if not title or _FURNITURE.match(title) or _YEAR_EVENT.search(title) or read_date(title):
        return None
    return None if dated else title


_NAME = r"(?:Councillors?|Cllr\.?|Mr|Mrs|Ms|Miss|Dr)\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}"
# Who moved and seconded, as a clerk's minute or a sender's note words it.
_PEOPLE = (
    re.compile(rf"(?P<proposer>{_NAME})\s+moved,?\s+(?:and\s+)?(?P<seconder>{_NAME})\s+seconded"),
    re.compile(rf"(?P<proposer>{_NAME})\s+moved,?\s+seconded\s+by\s+(?P<seconder>{_NAME})"),
    re.compile(
        rf"\bby\s+(?P<proposer>{_NAME}),?\s+(?:and\s+)?seconded\s+by\s+(?P<seconder>{_NAME})"
    ),
    re.compile(
        r"(?i:notices?\s+of\s+motions?)\s+(?:given\s+)?by\s+"
        r"(?P<submitted_by>(?:Councillors?|Cllrs?\.?)\s+[^:;]{2,160}?)\s*:?-?$"
    ),
    re.compile(
        rf"(?i:proposed\s+by):?\s+(?:1\)\s*)?(?P<proposer>{_NAME})(?:\s+and\s+(?:2\)\s*)?(?P<seconder>{_NAME}))?"
    ),
    re.compile(rf"^By\s+(?P<proposer>{_NAME})\s*[-–—]"),
    re.compile(rf"\bgiven\s+(?:on\s+[^,]{{1,40}}?\s+)?by\s+(?P<proposer>{_NAME})"),
    re.compile(
        r"(?i:submitted\s+by)\s+(?P<submitted_by>[^,]{2,80}?)\s+(?i:and\s+seconded\s+by)\s+"
        r"(?P<seconder>[^,]{2,80}?)(?:,|\.\s|\s+was\b)"
    ),
)
# A council group's name on a line of its own: "Conservative Group".
_GROUP = re.compile(r"^(?:[A-Z][\w’'-]*\s+){1,3}Group$")


def _people(out: Parsed, text: str) -> None:
    """The proposer, seconder and sender a note about the motion names."""
    for pattern in _PEOPLE:
        match = pattern.search(text)
        if match is None:
            continue
        for key, value in match.groupdict().items():
            if value and key not in out.fields:
                out.fields[key] = value.strip(" .,")
    if _GROUP.match(text.strip()) and "submitted_by" not in out.fields:
        out.fields["submitted_by"] = text.strip()


def _label(text: str) -> tuple[str, str] | None:
    """A labelled line as a field: ("proposer", "Councillor Nemeth")."""
    meta = META_LINE.match(text)
    if meta:
        return META[meta.group(1).lower()], meta.group(2).strip()
    bare = BARE_LABEL.match(text)
    if bare and len(text.split()) <= 16:
        key = META[bare.group("label").lower()]
        value = bare.group("value").strip().rstrip(".")
        return key, re.sub(r"^the\s+(?=[A-Z])", "", value) if key == "submitted_by" else value
    return None


def _is_furniture(text: str) -> bool:
    plain = text.strip(" *·•")
    return bool(
        _FURNITURE.match(plain)
        or _WORD_COUNT.match(plain)
        or SKIP.match(plain)
        or (_YEAR_EVENT.search(plain) and len(plain.split()) <= 12)
        or read_date(plain)
    )


# --- where the motion starts and ends --------------------------------------------------------


def _opens_motion(text: str) -> bool:
    """Whether a paragraph before any lead is the motion's own first paragraph: a
    sentence of its own, not a heading, label or someone's note about it."""
    if _NARRATIVE.search(text) or _GREETING.match(text) or _is_furniture(text):
        return False
    return len(text.split()) >= 10 and bool(_TERMINAL.search(text))


def _tail_start(paras: list[Para]) -> int:
    """Where what follows the motion begins: a sign-off and all after it, or the short
    lines under the last clause (the union's name, "(Carried as amended)")."""
    end = len(paras)
    for index, para in enumerate(paras):
        if _SIGN_OFF.match(para.text.strip()):
            end = index
            break
    while end > 0:
        para = paras[end - 1]
        text = para.text.strip()
        numbered = para.listed or NUMBERING.match(text)
        furniture = _label(text) or _is_furniture(text) or CARRIED.match(text)
        unfinished = len(text.split()) <= 10 and not _TERMINAL.search(text)
        note = _NARRATIVE.search(text) and len(text.split()) <= 30
        # A minute's "24.1 The motion was moved by …" is numbered, but not a clause.
        minute = note and _MINUTE.search(text)
        if not (furniture or minute or (not numbered and (unfinished or note))):
            break
        end -= 1
    return end


# --- the parse ---------------------------------------------------------------------------------


def parse(paras: list[Para]) -> Parsed:
    """The motion in ``paras``: its title, fields, preamble and sections, and the
    paragraphs (or the pieces of one) that are not the motion."""
    out = Parsed()
    stop = next(
        (i for i, p in enumerate(paras) if STOP.match(p.text) or _AMENDMENTS.match(p.text)),
        len(paras),
    )
    if stop < len(paras):
        out.left_out.append(f"{paras[stop].text} (and all after it)")
    paras = paras[:stop]
    end = _tail_start(paras)
    start = _head(out, paras[:end])
    if start >= end:  # no paragraph reads as a motion's: take what is not a heading or note
        start = _plain_start(out, paras[:end])
    body = [p for p in paras[start:end] if not _take_field(out, p.text)]
    _body(out, body)
    for para in paras[end:]:
        if not _take_field(out, para.text):
            out.left_out.append(para.text)
            _people(out, para.text)
    _submitter_below(out, paras[end:])
    _acting(out)
    return out


def _take_field(out: Parsed, text: str) -> bool:
    """A labelled line or a "Carried at …" line read into the fields; True if it was one."""
    carried = CARRIED.match(text)
    if carried:
        day, meeting = read_date(carried.group(2)), carried.group(1).strip()
        out.fields["carried_on"] = (
            {"date": day, "meeting": meeting} if day and meeting.lower() != "meeting" else day
        )
        return True
    label = _label(text)
    if label is None:
        return False
    key, value = label
    if key == "title":
        title = _title_of(value)
        if title and out.title is None:
            out.title = title
        elif not title:
            out.left_out.append(text)
        return True
    if key not in out.fields:
        out.fields[key] = value
    return True


def _head(out: Parsed, paras: list[Para]) -> int:
    """Read the paragraphs before the motion; return where the motion starts. A
    title the book numbers ("[2019] Motion 10 Transport – buses") wins over a
    plain line before it."""
    titled = False
    for index, para in enumerate(paras):
        text = para.text.strip()
        if leads.preamble(_unquote_start(text)) or _leads_in(_unquote_start(text), first=True):
            return index
        if _opens_motion(_strip_marker(text)):
            return index
        if _take_field(out, text):
            continue
        title = _title_of(text) if _heading(para) else None
        numbered = title is not None and title != text.strip(" *")  # "Motion 10 Buses"
        _people(out, text)
        if title and (out.title is None or (numbered and not titled)):
            if out.title is not None:
                out.left_out.append(out.title)
            out.title, titled = title, numbered
        else:
            out.left_out.append(text)
    return len(paras)


def _heading(para: Para) -> bool:
    """Whether a paragraph before the motion could be its title: a heading, or a
    short line that is not a sentence, a question, a label, a greeting or a note."""
    text = para.text.strip()
    if para.style == "title" or para.style.startswith("heading"):
        return True
    words = len(text.split())
    sentence = text.endswith(".") and words >= 8
    return bool(
        words <= 25
        and text[:1].isupper() | text[:1].isdigit() | (text[:1] in "[“\"‘'*")
        and not text.endswith((":", ":-", "!"))
        and not _ASKING.match(text)
        and not sentence
        and not _NARRATIVE.search(text)
        and not _GREETING.match(text)
    )


def _plain_start(out: Parsed, paras: list[Para]) -> int:
    """Where a motion of no lead and short sentences starts: at the first paragraph
    left out that is not a heading, label, greeting or someone's note; it is taken
    back from what was left out."""
    for index, para in enumerate(paras):
        text = para.text.strip()
        plain = not (
            _label(text) or _is_furniture(text) or _GREETING.match(text) or _NARRATIVE.search(text)
        )
        if plain and text in out.left_out and text != out.title:
            out.left_out = out.left_out[: out.left_out.index(text)]
            return index
    return len(paras)


def _unquote_start(text: str) -> str:
    return text[1:].lstrip() if text[:1] in _OPEN_QUOTE else text


def _strip_marker(text: str) -> str:
    return NUMBERING.sub("", text, count=1).strip()


def _leads_in(text: str, *, first: bool, speakerless: bool = False) -> list[leads.Lead]:
    return leads.find(_strip_marker(text), speakerless=speakerless, anywhere=first)


def _body(out: Parsed, paras: list[Para]) -> None:
    """Split the motion's paragraphs into sections at each lead, every word kept."""
    texts = _unquoted(out, [p.text.strip() for p in paras])
    for number, (para, text) in enumerate(zip(paras, texts, strict=True)):
        marker = NUMBERING.match(text)
        core = _strip_marker(text) if marker else text
        if not core:
            continue
        if not out.sections and out.preamble is None:
            found = leads.preamble(core)
            if found:
                out.preamble = found
                core = core[len(found) :].strip()
                if not core:
                    continue
        lettered = bool(marker and _LETTERED.match(text))
        short_lead = core.endswith((":", ":-")) and len(core.split()) <= 12
        speakerless = out.preamble is not None or short_lead
        found_leads = (
            []
            if lettered
            else leads.find(
                core, speakerless=speakerless, anywhere=number == 0 and not out.sections
            )
        )
        if para.listed and out.preamble is None and not short_lead:
            found_leads = [lead for lead in found_leads if lead.start > 0 or lead.speaker]
        if number == 0 and found_leads and found_leads[0].start > 0 and not out.sections:
            _before_motion(out, core[: found_leads[0].start].strip())
            core = core[found_leads[0].start :]
            found_leads = leads.find(core, speakerless=speakerless)
        _split(out, core, found_leads)


def _before_motion(out: Parsed, text: str) -> None:
    """Words a page runs into the motion's first paragraph: its heading, and a title
    at its end ("… Organisation and Development 1. Growing Activism in the Union")."""
    if not text:
        return
    numbered = re.search(r"(?:^|\s)(\d{1,3}[.)])\s+(?P<title>[A-Z][^.]{2,150})$", text)
    if numbered and out.title is None:
        out.title = numbered.group("title").strip()
        text = text[: numbered.start()].strip()
    elif out.title is None and _heading(Para(text)) and (title := _title_of(text)):
        out.title, text = title, ""
    if text:
        out.left_out.append(text)


def _split(out: Parsed, core: str, found: list[leads.Lead]) -> None:
    whole = (
        len(found) == 1
        and found[0].start == 0
        and core.endswith((":", ":-"))
        and len(core.split()) <= 30
    )
    if whole:
        lead = found[0]
        out.sections.append(Found(lead.kind, core, [], lead.to))
        return
    pos = 0
    for lead in found:
        _clause(out, core[pos : lead.start])
        out.sections.append(Found(lead.kind, lead.text(core), [], lead.to))
        pos = lead.end
    _clause(out, core[pos:])


def _clause(out: Parsed, text: str) -> None:
    text = text.strip()
    if not text:
        return
    if not out.sections:
        out.sections.append(Found("statement", ""))
    out.sections[-1].clauses.append(text)


def _unquoted(out: Parsed, texts: list[str]) -> list[str]:
    """The motion without the quotation marks a clerk put round all of it: they open
    the first paragraph and close the last, and the motion is more than one quoted
    sentence of no lead (which keeps them: the marks may be the movers')."""
    if not texts:
        return texts
    first, last = texts[0], texts[-1]
    opens = first[:1] in _OPEN_QUOTE
    closes = last[-1:] in _CLOSE_QUOTE or (last[-2:-1] in _CLOSE_QUOTE and last[-1:] == ".")
    whole = " ".join(texts)
    opened = sum(whole.count(q) for q in "“‘")
    closed = sum(whole.count(q) for q in "”’") - len(re.findall(r"\w’\w", whole))
    led = bool(leads.preamble(_unquote_start(first)) or leads.find(_unquote_start(first)))
    texts = list(texts)
    if opens and closes and (len(texts) > 1 or led):
        texts[0] = first[1:].lstrip()
        texts[-1] = _drop_close(texts[-1]) if len(texts) > 1 else _drop_close(texts[0])
        out.unquoted = True
    elif closes and not opens and closed > opened:
        texts[-1] = _drop_close(last)
        out.unquoted = True
    return texts


def _drop_close(text: str) -> str:
    if text[-1:] in _CLOSE_QUOTE:
        return text[:-1].rstrip()
    return text[:-2] + text[-1:]  # '…”.' keeps its full stop


def _submitter_below(out: Parsed, tail: list[Para]) -> None:
    """A union's name printed under its motion, as the TUC's agenda does, is who sent it."""
    if "submitted_by" in out.fields or not tail:
        return
    text = tail[0].text.strip()
    named = re.fullmatch(r"[A-Z][\w’'&().,\- ]{1,100}", text)
    plain = named and not (_is_furniture(text) or _SIGN_OFF.match(text) or _NARRATIVE.search(text))
    if plain and len(text.split()) <= 10:
        out.fields["submitted_by"] = text.rstrip(".")


_ACTS_WITHIN = re.compile(
    r"\band (?:agrees|resolves|pledges|commits|calls on|instructs|asks|requests) to\b"
    r"|\band (?:agrees|resolves) that\b",
    re.IGNORECASE,
)


def _acting(out: Parsed) -> None:
    """A section acts where it says so: a statement that goes on "and agrees to
    affiliate" acts, and a motion with no leads at all is the body's resolution."""
    from motiongen.sections import KINDS

    def acts(found: Found) -> bool:
        return found.kind in KINDS and KINDS[found.kind].acts

    for found in out.sections:
        if not acts(found) and any(_ACTS_WITHIN.search(c) for c in found.clauses):
            found.kind = "resolves"
    if out.sections and all(not s.lead for s in out.sections):
        for found in out.sections:
            found.kind = "resolves"
