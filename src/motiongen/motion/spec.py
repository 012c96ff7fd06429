"""The spec file: a motion as data, and the batch and CSV forms that make many.

The keys are a public interface (PRODUCT.md): add to them, never rename them.
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import io
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from motiongen.datatypes import Id, Nation
from motiongen.errors import InputError, MotiongenError
from motiongen.io import datafile
from motiongen.sections import KINDS, Items, SectionKind
from motiongen.text import RESERVED_NAMES, clean, is_blank, parse_date, slug


def _clean_line(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    return "" if is_blank(value) else clean(value)


def _clean_block(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    return "" if is_blank(value) else clean(value, single_line=False)


# A one-line field the user writes (a title, a branch, a name) holds up to 255
# characters, what Word's document properties hold, checked once here as the value
# is read, so check, build, amend, composite and brief agree. Lines motiongen makes
# itself from such values never meet a limit the user cannot change: the Word
# properties made from them are cut to fit (output.word), and a composite's
# "from A, B, … CLPs" line may run to COMPOSITE_BODIES_MAX.
LINE_MAX = 255
COMPOSITE_BODIES_MAX = 4000  # about 250 bodies' names: far beyond any composite
Line = Annotated[
    str, BeforeValidator(_clean_line), StringConstraints(min_length=1, max_length=LINE_MAX)
]
Bodies = Annotated[
    str,
    BeforeValidator(_clean_line),
    StringConstraints(min_length=1, max_length=COMPOSITE_BODIES_MAX),
]


def too_long(text: str, limit: int = LINE_MAX) -> str | None:
    """Why a value given on the command line or typed in `new` cannot be used, in the
    words a spec file's check uses; None when it fits."""
    size = len(clean(text))
    if size <= limit:
        return None
    return f"this is {size:,} characters long; it must fit in {limit:,}, so shorten it"


def fit_line(text: str, limit: int = LINE_MAX) -> str:
    """A line motiongen makes from the user's values (a label with its file's name),
    cut at a word to fit where it goes, with '…' to show it was cut."""
    text = clean(text)
    if len(text) <= limit:
        return text
    head = text[: limit - 1]
    if " " in head[limit // 2 :]:
        head = head.rsplit(" ", 1)[0]
    return head.rstrip(" ,;:") + "…"


BLOCK_MAX = 3000  # a clause: some 500 words, twice the longest conference motion
Block = Annotated[
    str, BeforeValidator(_clean_block), StringConstraints(min_length=1, max_length=BLOCK_MAX)
]
# A section's lead as printed: a heading, not a document property, so longer than a
# Line may be; empty where the motion prints its first paragraphs with no lead.
LEAD_MAX = 1000
LeadLine = Annotated[str, BeforeValidator(_clean_line), StringConstraints(max_length=LEAD_MAX)]


def _date(value: Any) -> Any:
    """Dates as people write them (14/01/2027, 14 Jan 2027), not only YYYY-MM-DD."""
    if isinstance(value, str) and value.strip():
        return parse_date(value)  # its ValueError says why, e.g. "February 2027 has 28 days"
    return value


Date = Annotated[dt.date, BeforeValidator(_date)]


class Spec(BaseModel):
    # defer_build: Motion's schema takes in the ones below; built one by one as
    # well, at import, they would cost start-up time for nothing.
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


def _one_each(value: Any) -> Any:
    """``link:`` names an entry once: the same id twice is a slip, said as such."""
    if isinstance(value, list):
        if not value:
            raise ValueError("name at least one catalogue id, or leave 'link:' out")
        seen: set[Any] = set()
        for ref in value:
            if ref in seen:
                raise ValueError(f"'{ref}' is named twice: keep one")
            seen.add(ref)
    return value


class FreeText(Spec):
    """A clause in the user's own words; ``link`` names the catalogue entry (or the
    entries) it says."""

    text: Block
    by: Line | None = Field(None, description="In a composite: the body whose words these are")
    link: Annotated[Id | list[Id] | None, AfterValidator(_one_each)] = Field(
        None,
        description="The catalogue demand, fact or belief these words say, or a list of them: "
        "check and brief use their evidence and sources, and the words printed are these",
        examples=["ban-outsourcing", ["ban-outsourcing", "unions-campaign-together"]],
    )

    @property
    def links(self) -> list[str]:
        """The entries these words are linked to, in order: none, one or several."""
        if self.link is None:
            return []
        return [self.link] if isinstance(self.link, str) else list(self.link)


def _name_only(value: Any) -> Any:
    """``contact: Sam Example`` (as a CSV cell gives it) is a contact with a name."""
    return {"name": value} if isinstance(value, str) else value


def _email(value: str) -> str:
    if not re.fullmatch(r"[^\s@]+@[^\s@]+\.[^\s@]+", value):
        raise ValueError("an email address looks like secretary@example.org")
    return value


def _phone(value: str) -> str:
    if not re.fullmatch(r"[0-9+() .-]{6,30}", value) or sum(c.isdigit() for c in value) < 6:
        raise ValueError("a phone number is digits, spaces and + ( ) -, e.g. 07700 900123")
    return value


Email = Annotated[str, BeforeValidator(_clean_line), AfterValidator(_email)]
Phone = Annotated[str, BeforeValidator(_clean_line), AfterValidator(_phone)]


class Contact(Spec):
    """Who the conference office should write to or ring about the motion."""

    name: Line | None = None
    email: Email | None = Field(None, description="An email address, e.g. secretary@example.org")
    phone: Phone | None = Field(None, description="A phone number, e.g. 07700 900123")


class Carried(Spec):
    """The meeting that carried the motion: ``{date: 2027-01-14, meeting: ...}``."""

    date: Date
    meeting: Line | None = Field(
        None,
        description="The meeting, e.g. 'branch general meeting'",
        examples=["branch general meeting"],
    )


class ById(Spec):
    """A catalogue entry named by its id, written as ``id: ...``."""

    id: Id


class Composited(Spec):
    """One of the motions a composite was drawn from, so each part can be traced to it."""

    submitted_by: Line
    title: Line | None = None
    file: Line | None = None
    demands: list[Id] = Field(default_factory=list)


class CompositeOf(Spec):
    number: int | None = Field(None, ge=1, le=9999, description="The composite's number")
    motions: list[Composited] = Field(min_length=2)


Item = Annotated[Id | ById | FreeText, Field(union_mode="left_to_right")]


class SectionSpec(Spec):
    """One section as printed: its kind, its lead and whom it addresses, and its clauses.

    The lead is the profile's for the kind unless given; ``to`` is whom a
    calls_on, requests, instructs or mandates section asks.
    """

    kind: SectionKind = Field(
        description="What the section does: notes, believes, welcomes, recognises, supports, "
        "condemns, affirms, resolves, calls_on, asks, requests, instructs or mandates"
    )
    lead: LeadLine | None = Field(
        None,
        description="The lead as printed, e.g. 'Council therefore requests Cabinet to:' "
        "(default: the body's own for the kind; '' for none, as where a motion opens with "
        "paragraphs of no lead)",
        examples=["This branch calls on the Scottish Government to:"],
    )
    to: Line | None = Field(
        None,
        description="Whom the section asks (calls_on, asks, requests, instructs, mandates)",
        examples=["the Scottish Government", "Cabinet", "the General Council"],
    )
    items: list[Item] = Field(
        default_factory=list,
        description="Catalogue ids (demands for the sections that act, facts or beliefs for "
        "the others) or {text: ...} of your own",
    )


def _ref(item: Any) -> str:
    return str(item.id) if isinstance(item, ById) else str(item)


# The short form of a motion's clauses: the profile lays them out in sections.
SHORT_KEYS = ("notes", "believes", "demands", "resolves", "mandates")


class Motion(Spec):
    """One motion; in a batch, any key can come from the batch's defaults."""

    profile: Annotated[
        str,
        Field(
            description="Who the motion is for: a profile id (see 'motiongen profiles list')",
            examples=["labour-branch"],
        ),
    ]
    title: Annotated[Line, Field(description="The motion's title")]
    submitted_by: Bodies | None = Field(
        None,
        description="The branch, CLP, union or group (at most 255 characters; a composite's "
        "list of its bodies may be longer)",
    )
    to: Line | None = Field(None, description="The meeting or body it goes to")
    meeting_date: Date | None = Field(
        None, description="The meeting's date: 2027-01-14, 14/01/2027 or 14 January 2027"
    )
    deadline: Date | None = Field(
        None, description="When the motion must be in: 2027-01-14 or 14/01/2027"
    )
    nation: Nation | None = Field(None, description="england, wales, scotland or northern-ireland")
    proposer: Line | None = None
    seconder: Line | None = None
    calls_on: Line | None = Field(
        None, description="Whom the motion calls on (the profile gives a default)"
    )
    commission: Line | None = Field(None, description="The policy commission (labour-npf)")
    preamble: Block | None = Field(
        None,
        description="Words printed before the first section, which every lead follows: "
        "'This Council:'",
        examples=["This Council:"],
    )
    sections: list[SectionSpec] = Field(
        default_factory=list,
        description="The motion section by section, each with its own lead and addressee, in "
        "place of notes, believes, demands, resolves and mandates",
    )
    demands: list[Id] = Field(default_factory=list, description="Demand ids from the catalogue")
    notes: list[Item] = Field(default_factory=list, description="Evidence ids, or {text: ...}")
    believes: list[Item] = Field(default_factory=list, description="Belief ids, or {text: ...}")
    resolves: list[FreeText] = Field(
        default_factory=list, description="Clauses of your own after the demands: {text: ...}"
    )
    mandates: list[FreeText] = Field(
        default_factory=list, description="Instructions to officers or delegates, where allowed"
    )
    word_limit: int | None = Field(
        None, ge=1, le=100_000, description="Overrides the profile's word limit"
    )
    carried_on: Date | Carried | None = Field(
        None,
        description="Adds 'Carried at a quorate meeting on <date>': a date, or "
        "{date: YYYY-MM-DD, meeting: 'branch general meeting'} to name the meeting",
    )
    submitted_on: Date | None = Field(
        None, description="The date the motion is sent in, YYYY-MM-DD"
    )
    moved_by: Line | None = Field(
        None, description="The delegate who moves it at conference (conference profiles)"
    )
    contact: Annotated[Contact | None, BeforeValidator(_name_only)] = Field(
        None, description="Who the conference office should contact: {name, email, phone}"
    )
    output: Line | None = Field(None, description="File name (without extension) for the documents")
    composite: CompositeOf | None = Field(
        None, description="For a composite: the motions it was drawn from (motiongen composite)"
    )

    def all_demands(self, *, links: bool = True) -> list[str]:
        """Every catalogue demand the motion makes, in either form, in order; with
        ``links``, those its own words are linked to as well (which may not all be
        demands: a caller looks each up)."""
        found = list(self.demands)
        own: list[FreeText] = [*self.resolves, *self.mandates]
        for section in self.sections:
            if KINDS[section.kind].items == "demands":
                found += [_ref(i) for i in section.items if not isinstance(i, FreeText)]
                own += [i for i in section.items if isinstance(i, FreeText)]
        if links:
            found += [ref for t in own for ref in t.links]
        return list(dict.fromkeys(found))

    def all_items(self, what: Items) -> list[Item]:
        """Every fact (``facts``) or belief (``beliefs``) the motion states, in either form."""
        found: list[Item] = list(self.notes if what == "facts" else self.believes)
        for section in self.sections:
            if KINDS[section.kind].items == what and not KINDS[section.kind].acts:
                found += section.items
        return found

    def default_name(self) -> str:
        """What the documents are named after, unless ``output`` says: branch and title.

        A file name holds 80 characters: where both do not fit, the branch's later
        words go before the title is cut ('anytown-central-branch-labour-bring-…-public-
        hands', not '…-labour-party-bring-childrens-social-care-back-into'). The
        branch's first two words stay, so a batch's files still differ by branch."""
        words = (self.submitted_by or "").split()
        while len(words) > 2 and len(slug(" ".join([*words, self.title]), limit=10_000)) > 80:
            words.pop()
        return " ".join([*words, self.title]).strip()

    def file_name(self) -> str:
        """The documents' name before it is made safe: ``output``, or the default."""
        return self.output or self.default_name()

    @model_validator(mode="after")
    def _one_form(self) -> Motion:
        if self.sections:
            short = [k for k in SHORT_KEYS if getattr(self, k)]
            if short:
                raise ValueError(
                    f"a motion written as sections: holds its {short[0]} in a section too: "
                    f"move '{short[0]}:' into sections: (or drop sections:)"
                )
        return self

    @model_validator(mode="after")
    def _one_body_fits_a_line(self) -> Motion:
        """The submitting body is one line like any other, unless the motion is a
        composite, whose 'from A, B, … CLPs' motiongen makes from its motions' bodies."""
        if self.composite is None and self.submitted_by is not None:
            problem = too_long(self.submitted_by)
            if problem is not None:
                raise PydanticCustomError(
                    "line_too_long", problem, {"field": "submitted_by", "max_length": LINE_MAX}
                )
        return self

    @field_validator("output")
    @classmethod
    def _not_reserved(cls, value: str | None) -> str | None:
        if value is not None and value.split(".")[0].strip().lower() in RESERVED_NAMES:
            raise ValueError(
                f"'{value}' names a device on Windows and cannot be a file name: choose another"
            )
        return value


# Words people write for a key, from motion forms and spreadsheets: "Seconded by",
# a "Branch" column. Each names the key it means.
KEY_WORDS = {
    "seconder": ("seconded_by", "seconded", "second", "seconder_name"),
    "proposer": ("proposed_by", "proposed", "propose", "proposer_name", "mover"),
    "submitted_by": (
        "branch", "clp", "from", "by", "submitter", "submitted", "organisation",
        "organization", "union", "group", "sender", "sent_by", "name",
    ),
    "meeting_date": ("date", "meeting_on", "meeting_day"),
    "to": ("meeting", "send_to", "sent_to", "body", "destination"),
    "word_limit": ("limit", "words", "max_words"),
    "demands": ("demand",),
    "notes": ("note", "facts", "evidence"),
    "believes": ("belief", "beliefs", "believe"),
    "resolves": ("resolve", "resolutions", "resolution", "clauses"),
    "calls_on": ("calls", "call_on"),
}  # fmt: skip
_MEANT = {word: key for key, words in KEY_WORDS.items() for word in words}


def suggest_key(name: str) -> str | None:
    """The spec key meant by a name that is not one: a word people write for it
    ('seconded_by', a 'Branch' column), or the nearest spelling."""
    plain = re.sub(r"[\s-]+", "_", name.strip().lower())
    if plain in Motion.model_fields:
        return plain
    if plain in _MEANT:
        return _MEANT[plain]
    close = difflib.get_close_matches(plain, list(Motion.model_fields), n=1, cutoff=0.6)
    return close[0] if close else None


# --- writing a spec ------------------------------------------------------------------

# The one order of a spec's keys, wherever motiongen writes one (new, import,
# amend, composite): the model's, which is also the README's and the schema's.
KEY_ORDER = tuple(Motion.model_fields)


def dump(
    data: dict[str, Any],
    header: Sequence[str] = (),
    comments: dict[tuple[str | int, ...], str] | None = None,
) -> str:
    """A motion's spec as YAML: its keys in the one order (others after), ``header`` as
    comment lines at the top, and each of ``comments`` above the list item its path
    names (``("demands", 2)``, ``("sections", 1, "items", 0)``)."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    def commented(value: Any) -> Any:
        if isinstance(value, dict):
            return CommentedMap((k, commented(v)) for k, v in value.items())
        if isinstance(value, list):
            return CommentedSeq(commented(v) for v in value)
        return value

    keys = [k for k in KEY_ORDER if k in data] + [k for k in data if k not in KEY_ORDER]
    ordered = commented({key: data[key] for key in keys})
    for path, text in (comments or {}).items():
        *into, index = path
        parent: Any = ordered
        try:
            for step in into:
                parent = parent[step]
        except (KeyError, IndexError, TypeError):
            continue
        if isinstance(parent, CommentedSeq) and isinstance(index, int) and 0 <= index < len(parent):
            depth = 2 + 4 * (len(into) - 1) // 2 if into else 2
            parent.yaml_set_comment_before_after_key(index, before=_one_line(text), indent=depth)
    if header:
        ordered.yaml_set_start_comment("\n".join(_one_line(line) for line in header))
    return datafile.dump_yaml(ordered)


def spec_text(motion: Motion, header: Sequence[str] = ()) -> str:
    """The motion as a spec file a person can read, edit and rebuild."""
    data = motion.model_dump(mode="python", exclude_none=True, exclude_defaults=True)
    return dump(data, header)


def _one_line(text: str) -> str:
    """A comment's text on one line, without its '# ' (the writer adds it), and
    without the control characters a file's words may bring, which YAML refuses."""
    text = text.removeprefix("#").removeprefix(" ")
    indent = text[: len(text) - len(text.lstrip(" "))]
    return indent + clean(text)


def schema() -> dict[str, Any]:
    """JSON Schema of the spec file, for editors."""
    data = Motion.model_json_schema()
    data["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    data["title"] = "motiongen motion"
    return data


# --- reading specs, batches and CSV merges -------------------------------------------


@dataclass
class Job:
    """One motion to build, or the reason it cannot be: named so the user can find it."""

    label: str
    motion: Motion | None = None
    error: MotiongenError | None = None
    source: datafile.DataFile | None = None
    prefix: datafile.Loc = ()
    row: tuple[Path, int, frozenset[str]] | None = None  # CSV file, row, columns filled


BATCH_KEYS = {"defaults", "motions"}


# Documents a secretary may hand to `build` for a spec: what each one is. `check`,
# `brief`, `composite` and `amends:` import a .docx, .txt or .md on the fly; `build`
# writes from a spec, which `import` makes once.
NOT_SPECS = {
    ".docx": "a Word document",
    ".doc": "an old-format Word document (.doc)",
    ".odt": "a LibreOffice document",
    ".rtf": "a rich-text document",
    ".pdf": "a PDF",
}
TEXT_MOTIONS = (".txt", ".md", ".markdown")


def _import_first(path: Path) -> str:
    """The way from a document to a spec file, as a hint."""
    spec_name = path.with_suffix(".yaml").name
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        step = f"copy its text into {path.with_suffix('.txt').name} and import that"
        source = path.with_suffix(".txt").name
    elif suffix in (".doc", ".odt", ".rtf"):
        source = path.with_suffix(".docx").name
        step = f"save it as {source} from Word or LibreOffice, then import that"
    else:
        step, source = "import it first", path.name
    return f"{step}: motiongen import {source} -o {spec_name}, then use {spec_name}"


def _not_a_spec(path: Path) -> InputError | None:
    """A document given where a spec file belongs: say what it is and how to use it."""
    what = NOT_SPECS.get(path.suffix.lower())
    if what is None:
        return None
    return InputError(f"this is {what}, not a spec file", file=path, hint=_import_first(path))


def read(path: str | Path, merge: str | Path | None = None) -> list[Job]:
    """Every motion a spec file describes; a file that cannot be used raises InputError."""
    refused = _not_a_spec(Path(path))
    if refused is not None:
        raise refused
    text_motion = Path(path).suffix.lower() in TEXT_MOTIONS
    try:
        source = datafile.load(path)
    except InputError as exc:
        if text_motion and exc.message.startswith("not valid YAML"):
            # A motion pasted into a text file, not a spec written as text.
            raise InputError(
                "this reads as a motion written out as text, not a spec file",
                file=path,
                hint=_import_first(Path(path)),
            ) from None
        raise
    data = source.data
    if not isinstance(data, dict):
        raise InputError(
            "a spec file holds a motion's keys (profile:, title:, ...) or a batch "
            "(defaults: and motions:)",
            file=source.path,
            line=1,
            hint=_import_first(Path(path)) if text_motion else None,
        )
    is_batch = bool(BATCH_KEYS & data.keys())
    if merge is not None:
        if is_batch:
            raise InputError(
                "--merge fills one motion from each CSV row, so the spec must be a single "
                "motion, not a batch",
                file=source.path,
                line=source.line_of(("motions",)) or 1,
                hint="put the shared keys at the top level of a spec of one motion",
            )
        return list(_merge_csv(source, data, Path(merge)))
    if is_batch:
        return list(_batch(source, data))
    return [_one(source, data, (), label=source.path)]


def _one(source: datafile.DataFile, data: Any, prefix: datafile.Loc, label: str) -> Job:
    try:
        return Job(label, motion=Motion.model_validate(data), source=source, prefix=prefix)
    except ValidationError as exc:
        return Job(
            label,
            error=datafile.validation_error(
                exc, source, prefix=prefix, what="motion", suggest=suggest_key
            ),
        )


def _batch(source: datafile.DataFile, data: dict[str, Any]) -> Iterator[Job]:
    unknown = sorted(set(data) - BATCH_KEYS)
    if unknown:
        raise InputError(
            f"a batch file holds only 'defaults:' and 'motions:', not '{unknown[0]}'",
            file=source.path,
            line=source.line_of((unknown[0],)),
            field=unknown[0],
            hint="move it under defaults: to apply it to every motion",
        )
    defaults = data.get("defaults") or {}
    motions = data.get("motions")
    if not isinstance(defaults, dict):
        raise InputError(
            "defaults: holds keys such as profile: and to:",
            file=source.path,
            line=source.line_of(("defaults",)),
            field="defaults",
        )
    if not isinstance(motions, list) or not motions:
        raise InputError(
            "motions: must be a list of motions, each starting with '- '",
            file=source.path,
            line=source.line_of(("motions",)),
            field="motions",
        )
    for index, entry in enumerate(motions):
        label = f"{source.path}: motion {index + 1}"
        if not isinstance(entry, dict):
            line = source.line_of(("motions", index))
            yield Job(
                label,
                error=InputError(
                    "each motion is a set of keys such as title: and proposer:",
                    file=source.path,
                    line=line,
                    field=f"motions[{index + 1}]",
                ),
            )
            continue
        yield _one(source, {**defaults, **entry}, ("motions", index), label)


def _merge_csv(source: datafile.DataFile, data: dict[str, Any], csv_path: Path) -> Iterator[Job]:
    """One motion per CSV row; the row's columns fill (or replace) the spec's keys.

    Rows are numbered as a spreadsheet shows them: the header is row 1, and a
    cell with a line break inside quotes is still one row.
    """
    text = datafile.read_text(csv_path)
    records = csv.reader(io.StringIO(text, newline=""))
    header = next(records, None)
    columns = [c.strip() for c in header or []]
    if not any(columns):
        raise InputError("the CSV file has no header row", file=csv_path, line=1)
    known = set(Motion.model_fields)
    for column in columns:
        if column not in known:
            meant = suggest_key(column)
            hint = (
                f"did you mean '{meant}'?"
                if meant
                else "name each column after a spec key, e.g. submitted_by, proposer, "
                "seconder (the README's table lists them)"
            )
            if len(columns) == 1 and ";" in column:
                hint = (
                    "the columns seem to be separated by ';': save the file as "
                    "'CSV (comma delimited)', or with ',' as the field separator"
                )
            raise InputError(
                f"the column '{column}' is not a spec key", file=csv_path, line=1, hint=hint
            )
    rows = 0
    for row_number, cells in enumerate(records, start=2):
        if not any(cell.strip() for cell in cells):
            continue  # a blank row, as a spreadsheet leaves between groups
        rows += 1
        label = f"{csv_path}: row {row_number}"
        if len(cells) > len(columns):
            yield Job(
                label,
                error=InputError(
                    "this row has more cells than the header has columns",
                    file=csv_path,
                    line=row_number,
                    hint="check for a comma inside a cell that is not in quotes",
                ),
            )
            continue
        fields = {
            key: _csv_value(key, value.strip())
            for key, value in zip(columns, cells, strict=False)
            if value.strip()
        }
        try:
            yield Job(
                label,
                motion=Motion.model_validate({**data, **fields}),
                source=source,
                row=(csv_path, row_number, frozenset(fields)),
            )
        except ValidationError as exc:
            error = datafile.validation_error(exc, source, what="row")
            key = re.split(r"[.\[]", error.field or "")[0]
            if key in fields:
                error = InputError(error.message, file=csv_path, line=row_number, field=error.field)
            yield Job(label, error=error)
    if rows == 0:
        raise InputError(
            "the CSV file has a header row but no rows below it",
            file=csv_path,
            line=1,
            hint="add one row for each motion to make",
        )


LIST_KEYS = {"demands", "notes", "believes", "resolves", "mandates"}


def _csv_value(key: str, value: str) -> Any:
    """A cell as the key expects it: lists are separated by ';'."""
    if key not in LIST_KEYS:
        return value
    parts = [p.strip() for p in value.split(";") if p.strip()]
    if key == "demands":
        return parts
    if key in {"resolves", "mandates"}:
        return [{"text": p} for p in parts]
    return [p if _looks_like_id(p) else {"text": p} for p in parts]


def _looks_like_id(text: str) -> bool:
    return re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", text) is not None


def read_jobs(
    paths: Sequence[str | Path], merge: str | Path | None, *, profile: str | None = None
) -> tuple[list[Job], list[MotiongenError]]:
    """Every motion the files describe; with ``profile``, each one re-framed for that body."""
    jobs: list[Job] = []
    unusable: list[MotiongenError] = []
    for path in paths:
        try:
            jobs += read(path, merge=merge)
        except MotiongenError as exc:
            unusable.append(exc)
    if profile is not None:
        for job in jobs:
            if job.motion is not None:
                job.motion = job.motion.model_copy(update={"profile": profile})
    return jobs, unusable


def read_one(path: str | Path, *, refusal: str, hint: str | None = None) -> Motion:
    """The one motion in a spec file; a batch is refused with ``refusal``
    (``{count}`` in it becomes the number of motions found)."""
    jobs = read(path)
    if len(jobs) != 1:
        raise InputError(refusal.format(count=len(jobs)), file=path, hint=hint)
    job = jobs[0]
    if job.motion is None:
        assert job.error is not None
        raise job.error
    return job.motion
