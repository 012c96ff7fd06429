"""A motion someone else wrote (.docx, .txt, .md) read back into a spec.

It finds the title, the sections by their lead phrases, the clauses and the
proposer and seconder, and turns clauses close to the catalogue into its ids,
keeping the words of the file beside them as comments.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from motiongen import build
from motiongen.catalogue import Catalogue
from motiongen.errors import InputError, MotiongenError
from motiongen.io import datafile
from motiongen.io.files import write_atomic
from motiongen.motion.spec import Job, Motion
from motiongen.profiles import Profile, ProfileSet
from motiongen.text import british_date, clean, fill, parse_date, sentence

DOCUMENT_SUFFIXES = (".docx", ".txt", ".md", ".markdown")
MATCH_AT = 0.8  # how alike a clause and a catalogue entry must be (0 to 1) to become its id
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
    "policy commission": "commission",
    "proposer": "proposer",
    "proposed by": "proposer",
    "moved by": "proposer",
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
SKIP = re.compile(r"^\s*(word count\s*:|page \d+( of \d+)?$|[-*_]{3,}$)", re.IGNORECASE)
CARRIED = re.compile(r"^\s*carried at a quorate meeting on (.+?)\.?\s*$", re.IGNORECASE)
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


@dataclass
class Imported:
    """The spec made from a file, with what was recognised and what was not."""

    source: Path
    data: dict[str, Any]
    comments: dict[tuple[str, int], str] = field(default_factory=dict)
    left_out: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    has_title: bool = False
    sections: int = 0
    clauses: int = 0
    matched: int = 0

    def summary(self) -> str:
        """'title, 3 sections, 9 clauses, 4 matched to the catalogue'."""
        parts = ["title" if self.has_title else "no title"]
        parts.append(_plural(self.sections, "section"))
        parts.append(_plural(self.clauses, "clause"))
        parts.append(f"{self.matched} matched to the catalogue")
        people = [k for k in ("proposer", "seconder") if self.data.get(k)]
        if people:
            parts.append(" and ".join(people))
        return ", ".join(parts)

    def motion(self) -> Motion:
        try:
            return Motion.model_validate(self.data)
        except ValidationError as exc:
            error = exc.errors()[0]
            where = ".".join(str(p) for p in error["loc"])
            raise InputError(
                f"the motion read from this file cannot be used: {error['msg']}",
                file=self.source,
                field=where,
                hint="write it out as a spec with 'motiongen import' and edit it",
            ) from None

    def yaml(self) -> str:
        return _to_yaml(self)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


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
    out = []
    for p in document.element.body.iter(f"{W}p"):
        parts = []
        for el in p.iter():
            if el.tag == f"{W}t" and el.text:
                parts.append(el.text)
            elif el.tag in (f"{W}br", f"{W}cr", f"{W}tab"):
                parts.append(" ")
        text = clean("".join(parts))
        if not text:
            continue
        style = p.find(f"{W}pPr/{W}pStyle")
        name = styles.get(style.get(f"{W}val"), "") if style is not None else ""
        listed = p.find(f"{W}pPr/{W}numPr") is not None or "list" in name
        out.append(Para(text, listed=listed, style=name))
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
            line = re.sub(r"\\(.)", r"\1", line.replace("**", "").replace("__", ""))
        line = clean(line)
        if not line:
            joining = False
            open_lead = False
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
            begun = starts and not NUMBERING.match(line)
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
            fields["carried_on"] = _date(carried.group(1))
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
        if _is_lead(text) and not para.listed:
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


def _date(text: str) -> str | None:
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


# --- which profile, and the catalogue ------------------------------------------------------


def _norm(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9']+", text.lower().replace("’", "'")))


def _lead_pattern(template: str, body: str) -> re.Pattern[str]:
    parts = re.split(r"(\{calls_on\})", template.replace("{body}", body))
    regex = "".join("(.+?)" if p == "{calls_on}" else re.escape(_norm(p)) for p in parts)
    return re.compile(regex.replace(r"\ ", " ") + r"\s*$")


def _leads(profile: Profile) -> list[tuple[str, str]]:
    """(kind, wording) of every lead this profile writes."""
    out = [("notes", profile.sections.notes), ("believes", profile.sections.believes)]
    out.append(("resolves", profile.sections.resolves))
    out += [("resolves", w.lead) for w in profile.framing.levels.values()]
    if profile.sections.mandates:
        out.append(("mandates", profile.sections.mandates))
    return out


def _lead_match(profile: Profile, lead: str) -> tuple[str, str | None] | None:
    """The kind of a lead as this profile words it, and who it calls on, if it matches.
    Of several wordings that match, the one that leaves least to {calls_on} wins."""
    found: list[tuple[int, str, str | None]] = []
    for kind, template in _leads(profile):
        match = _lead_pattern(template, profile.body).fullmatch(_norm(lead))
        if match:
            calls_on = _original_words(lead, match.group(1)) if match.groups() else None
            found.append((len(calls_on or ""), kind, calls_on))
    if not found:
        return None
    _, kind, calls_on = min(found, key=lambda f: f[0])
    return kind, calls_on


def _original_words(lead: str, normalised: str) -> str:
    """The words of ``lead`` that normalise to ``normalised``, with their capitals."""
    words = normalised.split()
    found = re.search(
        r"\W+".join(re.escape(w) for w in words), lead.replace("’", "'"), re.IGNORECASE
    )
    return found.group(0) if found else normalised


def choose_profile(
    sections: list[Found], profiles: ProfileSet, catalogue: Catalogue
) -> tuple[Profile, int, list[str]]:
    """The body whose wording fits the leads best; between bodies whose leads fit
    alike ("This branch notes:"), the one whose own wording of the demands and
    default "calls on" fits. Returns the profile, its score and any left tied."""
    scored = [
        (sum(1 for s in sections if _lead_match(p, s.lead)), p) for p in profiles.profiles.values()
    ]
    top = max(score for score, _ in scored)
    tied = [p for score, p in scored if score == top]
    if top == 0:
        return tied[0], 0, []
    if len(tied) > 1:
        finer = [(_fit(p, sections, catalogue), p) for p in tied]
        best = max(score for score, _ in finer)
        tied = [p for score, p in finer if score == best]
    return tied[0], top, [p.id for p in tied[1:]]


def _fit(profile: Profile, sections: list[Found], catalogue: Catalogue) -> int:
    """How many clauses this body would word exactly so, and whether it calls on the same."""
    score = 0
    calls_on = profile.defaults.calls_on or "the relevant body"
    for found in sections:
        matched = _lead_match(profile, found.lead)
        if matched and (matched[1] is None or _norm(matched[1]) == _norm(calls_on)):
            score += 1  # the lead is this body's word for word
    for found in sections:
        matched = _lead_match(profile, found.lead)
        kind = matched[0] if matched else found.kind
        if kind != "resolves":
            continue
        pool = candidates(kind, profile, catalogue, calls_on)
        for clause in found.clauses:
            hit = best_match(clause, pool)
            score += 2 if hit and hit[1] >= 0.999 else 0
    return score


@dataclass(frozen=True)
class Candidate:
    ref: str
    words: list[str]


def candidates(kind: str, profile: Profile, catalogue: Catalogue, calls_on: str) -> list[Candidate]:
    """Every wording of a catalogue entry that could stand in a section of ``kind``."""
    out: list[Candidate] = []
    if kind == "notes":
        for ref, fact in catalogue.evidence.items():
            out.append(Candidate(ref, _norm(sentence(fact.statement)).split()))
    elif kind == "believes":
        for ref, belief in catalogue.beliefs.items():
            out.append(Candidate(ref, _norm(sentence(belief.text)).split()))
    elif kind == "resolves":
        values = {"calls_on": calls_on, "body": profile.body}
        for ref, demand in catalogue.demands.items():
            seen: set[str] = set()
            for level, wording in profile.framing.levels.items():
                clause = demand.clause_at(level)
                for text in (fill(wording.item, {**values, "clause": clause}), clause):
                    key = _norm(sentence(text))
                    if key not in seen:
                        seen.add(key)
                        out.append(Candidate(ref, key.split()))
    return out


def best_match(text: str, options: list[Candidate]) -> tuple[str, float] | None:
    words = _norm(text).split()
    best: tuple[str, float] | None = None
    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(words)
    for option in options:
        matcher.set_seq1(option.words)
        if matcher.real_quick_ratio() < MATCH_AT or matcher.quick_ratio() < MATCH_AT:
            continue
        ratio = matcher.ratio()
        if ratio >= MATCH_AT and (best is None or ratio > best[1]):
            best = (option.ref, ratio)
    return best


# --- the spec --------------------------------------------------------------------------


def import_file(
    path: str | Path,
    catalogue: Catalogue,
    profiles: ProfileSet,
    *,
    profile_id: str | None = None,
) -> Imported:
    """Read a motion from a file and make its spec; raises InputError if unreadable."""
    source = Path(path)
    paras = read_paragraphs(source)
    if not paras:
        raise InputError("the file holds no text", file=source, hint="is it the right file?")
    fields, sections, before, title_found = parse(paras)
    result = Imported(source, {})
    result.has_title = title_found
    if profile_id is not None:
        profile = profiles.get(profile_id)
    else:
        profile, score, others = choose_profile(sections, profiles, catalogue)
        if others:
            result.warnings.append(
                f"the wording fits {profile.id} and also {', '.join(others)}: the spec says "
                f"{profile.id}; give --profile if it is for another body"
            )
        if sections and score == 0:
            result.warnings.append(
                f"no body's wording matched the section leads, so the spec is for "
                f"'{profile.id}': change 'profile:' (see 'motiongen profiles list') if it "
                "goes elsewhere"
            )
    if not sections:
        body = [p for p in before]
        sections = [Found("resolves", "", body)]
        before = []
        result.warnings.append(
            "no section leads ('notes', 'believes', 'resolves', 'calls on') were found, so "
            "every paragraph is under 'resolves:' as text; move them where they belong"
        )
    result.left_out = before
    data: dict[str, Any] = {"profile": profile.id}
    title = fields.pop("title", None)
    if not title:
        title = source.stem.replace("-", " ").replace("_", " ").strip() or "Motion"
        result.warnings.append("no title was found: the file's name is the title for now")
    data["title"] = title[:300]
    for key in ("submitted_by", "to", "meeting_date", "deadline", "proposer", "seconder"):
        value = fields.get(key)
        if key in ("meeting_date", "deadline") and value:
            value = _date(value)
        if value:
            data[key] = value
    if fields.get("commission"):
        data["commission"] = fields["commission"]

    calls_on = None
    for found in sections:
        matched = _lead_match(profile, found.lead) if found.lead else None
        if matched and matched[1] and calls_on is None:
            calls_on = matched[1]
    default = profile.defaults.calls_on or "the relevant body"
    if calls_on and calls_on != default:
        data["calls_on"] = calls_on
    pools: dict[str, list[Candidate]] = {}
    lists: dict[str, list[Any]] = {"demands": [], "notes": [], "believes": [], "resolves": []}
    lists["mandates"] = []
    for found in sections:
        matched = _lead_match(profile, found.lead) if found.lead else None
        kind = matched[0] if matched else found.kind
        if kind == "mandates" and profile.sections.mandates is None:
            kind = "resolves"
        if found.clauses:
            result.sections += 1
        for number, clause in enumerate(found.clauses, start=1):
            result.clauses += 1
            if kind not in pools:
                pools[kind] = candidates(kind, profile, catalogue, calls_on or default)
            hit = best_match(clause, pools[kind])
            key = "demands" if kind == "resolves" and hit else kind
            if hit and hit[0] in lists[key]:
                hit = None
                key = kind
            if hit:
                result.matched += 1
                lists[key].append(hit[0])
                alike = "the same words" if hit[1] >= 0.999 else f"{round(hit[1] * 100)}% alike"
                result.comments[(key, len(lists[key]) - 1)] = (
                    f"{kind} {number} in the file, {alike}: {clause}"
                )
            else:
                lists[kind].append({"text": clause})
    for key, items in lists.items():
        if items:
            data[key] = items
    if fields.get("carried_on"):
        data["carried_on"] = fields["carried_on"]
    result.data = data
    return result


SPEC_ORDER = (
    "profile", "title", "submitted_by", "to", "meeting_date", "deadline", "nation", "proposer",
    "seconder", "calls_on", "commission", "demands", "notes", "believes", "resolves",
    "mandates", "word_limit", "carried_on",
)  # fmt: skip


PLAIN = re.compile(
    r"\d{4}-\d{2}-\d{2}|[a-z0-9]+(?:-[a-z0-9]+)+|(?!(?:yes|no|on|off|null|true|false)$)[a-z]+"
)


def _scalar(value: Any) -> str:
    """A value YAML reads back as it was: ids and dates plain, text in JSON quotes."""
    if isinstance(value, str) and PLAIN.fullmatch(value):
        return value
    return json.dumps(value, ensure_ascii=False)


def _to_yaml(result: Imported) -> str:
    """The spec as YAML, with each catalogue match explained in a comment above it."""
    header = [
        f"# Imported from {result.source.name} on {british_date(dt.date.today())}: "
        f"{result.summary()}.",
        "# A clause close to the catalogue became its id; the file's words are in the",
        "# comment above it. Put them back as '- text: ...' if the wording matters.",
    ]
    header += [f"# Note: {warning}." for warning in result.warnings]
    header += [f"# Left out (before the first section): {text}" for text in result.left_out]
    return spec_yaml(result.data, header, result.comments)


def spec_yaml(
    data: dict[str, Any],
    header: list[str],
    comments: dict[tuple[str, int], str] | None = None,
) -> str:
    """A motion's spec as YAML in the usual key order, comments where given."""
    lines = list(header)
    comments = comments or {}
    order = [k for k in SPEC_ORDER if k in data] + [k for k in data if k not in SPEC_ORDER]
    for key in order:
        value = data[key]
        if not isinstance(value, list):
            lines.append(f"{key}: {_scalar(value)}")
            continue
        lines.append(f"{key}:")
        for index, item in enumerate(value):
            comment = comments.get((key, index))
            if comment:
                lines.append(f"  # {comment}")
            if isinstance(item, dict):
                lines.append(f"  - text: {_scalar(item['text'])}")
            else:
                lines.append(f"  - {_scalar(item)}")
    return "\n".join(lines) + "\n"


def is_document(path: str | Path) -> bool:
    return Path(path).suffix.lower() in DOCUMENT_SUFFIXES


def write_spec(imported: Imported, out: Path, *, force: bool = False) -> Path:
    """Write the spec; an existing file is kept unless ``force``."""
    write_atomic(out, imported.yaml().encode("utf-8"), force=force)
    return out


def job(path: str | Path, catalogue: Catalogue, profiles: ProfileSet) -> Job:
    """A motion in a document, imported on the fly so that it can be checked."""
    try:
        motion = import_file(path, catalogue, profiles).motion()
    except InputError as exc:
        return Job(str(path), error=exc)
    return Job(str(path), motion=motion)


def read_jobs(
    paths: Sequence[str | Path],
    merge: str | Path | None,
    catalogue: Catalogue,
    profiles: ProfileSet,
) -> tuple[list[Job], list[MotiongenError]]:
    """Spec files as build reads them, and motions in documents imported on the fly."""
    jobs: list[Job] = []
    unusable: list[MotiongenError] = []
    for path in paths:
        if is_document(path):
            jobs.append(job(path, catalogue, profiles))
        else:
            found, bad = build.read_jobs([path], merge)
            jobs += found
            unusable += bad
    return jobs, unusable
