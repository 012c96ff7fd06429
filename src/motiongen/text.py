"""Small text helpers: cleaning user text, British dates, word counts, file names."""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from collections.abc import Iterable

MONTHS = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]  # fmt: skip

# C0 and C1 controls other than tab and newline, the non-characters Word refuses,
# and lone surrogates: none of them may reach a document.
_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")
_SPACES = re.compile(r"[ \t\r\n\u2028\u2029\u0085]+")


def clean(text: str, *, single_line: bool = True) -> str:
    """User text made safe for every output: controls removed, spaces tidied."""
    if text.isascii() and text.isprintable() and "  " not in text and text == text.strip():
        return text  # already clean, as most text is: a document asks this dozens of times
    text = unicodedata.normalize("NFC", _UNSAFE.sub("", text))
    if single_line:
        return _SPACES.sub(" ", text).strip()
    lines = [_SPACES.sub(" ", line).strip() for line in text.splitlines()]
    return "\n".join(line for line in lines if line)


def british_date(day: dt.date) -> str:
    """'3 February 2027', as UK style guides ask: no ordinal, no leading zero."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def count_words(text: str) -> int:
    """Words as Word and conference offices count them: strings between spaces.

    A non-breaking space joins words (as it does in Word); hyphenated and
    dashed compounds count once; list numbers are never part of the text.
    """
    return len([w for w in re.split(r"[ \t\r\n\u2028\u2029]+", text) if w.strip()])


def sentence(text: str) -> str:
    """A clause as a list item: capital first letter, one closing full stop."""
    text = text.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    if text[-1] not in ".!?":
        text = text.rstrip(",;:") + "."
    return text


def slug(text: str, *, limit: int = 60) -> str:
    """An ASCII file-name part: letters, digits and single hyphens, never empty."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    ascii_text = ascii_text.replace("'", "").replace("’", "")
    out = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(out) > limit:
        out = out[:limit].rsplit("-", 1)[0] or out[:limit]
    out = out.strip("-") or "motion"
    return f"{out}-motion" if out in RESERVED_NAMES else out


_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


def fill(template: str, values: dict[str, str]) -> str:
    """Replace ``{name}`` by its value. Unlike str.format, no attribute access,
    so a user's profile cannot reach into Python objects."""

    def replace(match: re.Match[str]) -> str:
        return values.get(match.group(1), match.group(0))

    return _PLACEHOLDER.sub(replace, template)


_MONTH_NUMBERS = (
    {name.lower(): n for n, name in enumerate(MONTHS, 1)}
    | {name[:3].lower(): n for n, name in enumerate(MONTHS, 1)}
    | {"sept": 9}
)
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
_NUMERIC = re.compile(r"(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})")
_WORDS = re.compile(
    _WEEKDAY + r"(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?([a-z]+)\.?,?\s+(\d{4})", re.IGNORECASE
)
DATE_FORMS = "14/01/2027 or 14 January 2027"


def parse_date(text: str | None) -> dt.date | None:
    """A date as people in Britain type it; blank is None.

    Takes 2027-01-14, 14/01/2027, 14 Jan 2027, 14 January 2027 and
    'Thursday 14th January 2027'. Raises ValueError with a message fit to show:
    an impossible day says why ("February 2027 has 28 days").
    """
    text = (text or "").strip()
    if not text:
        return None
    iso = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", text)
    numeric = _NUMERIC.fullmatch(text)
    words = _WORDS.fullmatch(text)
    if iso:
        year, month, day = map(int, iso.groups())
    elif numeric:
        day, month, year = map(int, numeric.groups())
    elif words and words.group(2).lower() in _MONTH_NUMBERS:
        day, year = int(words.group(1)), int(words.group(3))
        month = _MONTH_NUMBERS[words.group(2).lower()]
    else:
        raise ValueError(f"'{text}' is not a date I can read: write it as {DATE_FORMS}")
    if not 1 <= month <= 12:
        raise ValueError(f"there is no month {month}: write the date as {DATE_FORMS}")
    if not 1 <= year <= 9999:
        raise ValueError(f"the year {year} cannot be right")
    # The day before the next month's first: the calendar module costs start-up time.
    days = 31 if month == 12 else (dt.date(year, month + 1, 1) - dt.timedelta(days=1)).day
    if not 1 <= day <= days:
        raise ValueError(f"{MONTHS[month - 1]} {year} has {days} days")
    return dt.date(year, month, day)


_DATE_PARTS = re.compile(
    r"\s*(\d{1,4})-(\d{1,2})-(\d{1,2})"
    r"(?:[Tt ]+(\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.\d*)?)?)?"
    r"\s*(?:Z|([+-])(\d{1,2})(?::?(\d{2}))?)?\s*"
)


def date_problem(text: str) -> str:
    """Why ``text`` (a date as YAML or TOML wrote it) is not a real date, in words."""
    match = _DATE_PARTS.fullmatch(text)
    if match is None:
        return f"'{text}' is not a date: write it as {DATE_FORMS}"
    year, month, day = (int(match.group(i)) for i in (1, 2, 3))
    try:
        parse_date(f"{year:04}-{month}-{day}")
    except ValueError as exc:
        return str(exc)
    hour, minute, second = (int(match.group(i) or 0) for i in (4, 5, 6))
    if hour > 23 or minute > 59 or second > 59:
        return f"{hour:02}:{minute:02} is not a time of day"
    if match.group(7) and (int(match.group(8)) > 23 or int(match.group(9) or 0) > 59):
        offset = f"{match.group(7)}{match.group(8)}:{match.group(9) or '00'}"
        return f"{offset} is not a time-zone offset: they run from -23:59 to +23:59"
    return f"'{text}' is not a date: write it as {DATE_FORMS}"


# Everything a terminal may act on: C0 and C1 controls (ESC, BEL, CSI...), line
# and paragraph separators, and the bidirectional overrides that reorder text.
# Zero-width and other invisible format characters: a title made only of them is empty.
_INVISIBLE = re.compile(
    r"[\s\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]+"
)


def is_blank(text: str) -> bool:
    """True when ``text`` shows nothing at all: spaces and zero-width characters only."""
    return not _INVISIBLE.sub("", text)


# Windows keeps these names for devices, with or without an extension.
RESERVED_NAMES = frozenset(
    ["con", "prn", "aux", "nul"] + [f"{d}{n}" for d in ("com", "lpt") for n in range(1, 10)]
)


def nearest_hint(key: str, table: Iterable[str], what: str) -> str:
    """A hint for a mistyped id: the nearest known one, or where to look."""
    close = difflib.get_close_matches(key, list(table), n=1, cutoff=0.5)
    if close:
        return f"did you mean '{close[0]}'?"
    return (
        f"'motiongen demands list' shows the {what}"
        if what == "demands"
        else (f"known {what}: " + ", ".join(sorted(table)[:12]))
    )


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~])")
_MD_LINE_START = re.compile(r"^(\s*)(\d+)([.)])", re.MULTILINE)
_MD_BULLET = re.compile(r"^(\s*)([-+>=])", re.MULTILINE)


def md_escape(text: object) -> str:
    """User text shown literally in Markdown: no emphasis, links, headings or lists."""
    out = str(text)
    if _MD_SPECIAL.search(out):  # a search is a third the cost of a substitution that finds none
        out = _MD_SPECIAL.sub(r"\\\1", out)
    if "\n" not in out:
        # One line can start a list only at its start: most text is spared two searches.
        head = out.lstrip()[:1]
        if not head or not (head.isdigit() or head in "-+>="):
            return out
    out = _MD_LINE_START.sub(r"\1\2\\\3", out)
    return _MD_BULLET.sub(r"\1\\\2", out)
