"""Amendments in the forms UK bodies use, checked against the motion they amend.

Every change is found in the motion as composed (the words every reader sees),
turned into edits of its paragraphs, and checked: the words deleted occur once
where they are cited, no amendment is a direct negative, none is over the body's
limit, and no two amendments change the same words.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import ConfigDict, Field, ValidationError, model_validator

from motiongen.agenda import importer
from motiongen.catalogue import Catalogue, nearest_hint
from motiongen.catalogue.models import Id
from motiongen.errors import ChecksFailed, InputError
from motiongen.io import datafile
from motiongen.motion import spec
from motiongen.motion.compose import Clause, Document, Section, compose, number_label
from motiongen.motion.spec import Block, Line, Motion, Spec
from motiongen.output import lines as layout
from motiongen.profiles import Profile, ProfileSet
from motiongen.text import count_words, fill, sentence

KEYS = ("notes", "believes", "resolves", "mandates")
SectionKey = Literal["notes", "believes", "resolves", "mandates"]


class NewDemand(Spec):
    """A catalogue demand, worded for the motion's body."""

    demand: Id


NewItem = Annotated[Block | NewDemand, Field(union_mode="left_to_right")]


class Change(Spec):
    """One change, in one of the forms: exactly one of delete/after, add_at_end,
    delete_clause, insert_after or delete_all."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    in_: Line | None = Field(None, alias="in", description="Where: 'resolves 2'")
    delete: Block | None = Field(None, description="Words to delete, exactly as in the motion")
    after: Block | None = Field(None, description="Insert after these words")
    insert: Block | None = Field(None, description="Words to insert")
    add_at_end: SectionKey | None = Field(None, description="A new paragraph at the end of...")
    insert_after: Line | None = Field(None, description="A new paragraph after 'believes 1'")
    delete_clause: Line | None = Field(None, description="The paragraph to delete: 'notes 3'")
    delete_all: bool = Field(False, description="Delete all and replace with...")
    replace_with: dict[SectionKey, list[NewItem]] | None = None
    text: Block | None = Field(None, description="The new paragraph's words")
    demand: Id | None = Field(None, description="A catalogue demand as the new paragraph")

    @model_validator(mode="after")
    def _one_form(self) -> Change:
        forms = [
            name
            for name, on in (
                ("delete", self.delete is not None or self.after is not None),
                ("add_at_end", self.add_at_end is not None),
                ("insert_after", self.insert_after is not None),
                ("delete_clause", self.delete_clause is not None),
                ("delete_all", self.delete_all),
            )
            if on
        ]
        if len(forms) != 1:
            raise ValueError(
                "each change is one of: delete: (with insert:), after: with insert:, "
                "add_at_end:, insert_after:, delete_clause:, delete_all:"
                + (f"; this one has {' and '.join(forms)}" if forms else "")
            )
        form = forms[0]
        allowed = {
            "delete": {"in_", "delete", "after", "insert"},
            "add_at_end": {"add_at_end", "text", "demand"},
            "insert_after": {"insert_after", "text", "demand"},
            "delete_clause": {"delete_clause"},
            "delete_all": {"delete_all", "replace_with"},
        }[form]
        stray = [k for k in self.model_fields_set if k not in allowed]
        if stray:
            name = "in" if stray[0] == "in_" else stray[0]
            raise ValueError(f"{name}: does not go with {form}:")
        if form in ("add_at_end", "insert_after") and (self.text is None) == (self.demand is None):
            raise ValueError(f"{form}: needs either text: or demand: (one of them)")
        if form == "delete" and self.delete is not None and self.after is not None:
            raise ValueError("use delete: or after:, not both")
        if self.after is not None and self.insert is None:
            raise ValueError("after: needs insert: with the words to put there")
        if form == "delete_all" and not self.replace_with:
            raise ValueError("delete_all: needs replace_with: with the new sections")
        return self

    @property
    def form(self) -> str:
        if self.delete is not None or self.after is not None:
            return "delete"
        if self.add_at_end is not None:
            return "add_at_end"
        if self.insert_after is not None:
            return "insert_after"
        if self.delete_clause is not None:
            return "delete_clause"
        return "delete_all"


class Amendment(Spec):
    """An amendment file: the motion it amends, who moves it, and its changes."""

    amends: Line = Field(description="The motion: a spec file, or a .docx/.txt/.md motion")
    motion_number: Annotated[str, Field(max_length=20)] | int | None = None
    number: Annotated[str, Field(max_length=20)] | None = Field(
        None, description="The amendment's number, e.g. 38.1 (else motion number and position)"
    )
    submitted_by: Line
    changes: list[Change] = Field(min_length=1)


# --- reading ----------------------------------------------------------------------------


@dataclass
class AmendmentFile:
    """An amendment as read, with where each change is in its file."""

    path: Path
    amendment: Amendment
    source: datafile.DataFile
    position: int  # 1-based, among the amendments given

    def line(self, *loc: str | int) -> int | None:
        return self.source.line_of(loc)

    @property
    def label(self) -> str:
        a = self.amendment
        if a.number:
            return str(a.number)
        if a.motion_number is not None:
            return f"{a.motion_number}.{self.position}"
        return str(self.position)


def read_amendment(path: str | Path, position: int = 1) -> AmendmentFile:
    source = datafile.load(path)
    if not isinstance(source.data, dict):
        raise InputError(
            "an amendment file holds amends:, submitted_by: and changes:", file=source.path, line=1
        )
    try:
        amendment = Amendment.model_validate(source.data)
    except ValidationError as exc:
        raise datafile.validation_error(exc, source, what="amendment") from None
    return AmendmentFile(Path(path), amendment, source, position)


def read_motion(path: Path, catalogue: Catalogue, profiles: ProfileSet) -> tuple[Motion, Document]:
    """The motion amended, from a spec or imported from a document, and composed."""
    if importer.is_document(path):
        motion = importer.import_file(path, catalogue, profiles).motion()
    else:
        jobs = spec.read(path)
        if len(jobs) != 1:
            raise InputError(
                "an amendment amends one motion, and this file holds a batch",
                file=path,
                hint="point amends: at the spec of that one motion",
            )
        job = jobs[0]
        if job.motion is None:
            assert job.error is not None
            raise job.error
        motion = job.motion
    profile = profiles.get(motion.profile)
    try:
        document = compose(motion, profile, catalogue)
    except InputError as exc:
        exc.file = exc.file or str(path)
        raise
    return motion, document


# --- the edits ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Edit:
    """What one change does to the motion's paragraphs."""

    who: int  # index of the amendment
    change: int  # 1-based, within its amendment
    kind: Literal["replace", "delete_para", "new_para", "replace_all"]
    section: int = 0
    clause: int | None = None  # the paragraph edited, or the one a new paragraph follows
    start: int = 0
    end: int = 0
    text: str = ""
    ref: str | None = None  # a demand id, for a new paragraph
    key: str = ""
    replace_with: tuple[tuple[str, tuple[tuple[str, str | None], ...]], ...] = ()
    words: str = ""  # the words deleted or inserted after, for messages
    sentence: str = ""  # the change in the body's form


class AmendmentError(InputError):
    """A change that cannot be applied as written."""


class AmendmentOverLimit(ChecksFailed):
    """An amendment longer than its body allows."""


REF = re.compile(
    r"^\s*(notes|believes|resolves|mandates)\s*(?:paragraph|para\.?|clause)?\s*(\d+)?\s*$",
    re.IGNORECASE,
)


@dataclass
class Motionview:
    """The motion's paragraphs by section key, and its numbered lines."""

    doc: Document
    lines: list[layout.Line]
    paras: dict[str, list[tuple[int, int]]] = field(default_factory=dict)

    @classmethod
    def of(cls, doc: Document, width: int | None) -> Motionview:
        view = cls(doc, layout.layout(doc, width))
        for s, section in enumerate(doc.sections):
            for c in range(len(section.clauses)):
                view.paras.setdefault(section.key, []).append((s, c))
        return view

    def number(self, s: int, c: int) -> int:
        """The paragraph's number within its section key (1-based)."""
        if self.doc.profile.numbering == "continuous":
            # The number the documents show: paragraphs run on through the sections.
            return sum(len(x.clauses) for x in self.doc.sections[:s]) + c + 1
        return self.paras[self.doc.sections[s].key].index((s, c)) + 1

    def line(self, s: int, c: int, offset: int = 0) -> int:
        skip = len(self.doc.sections[s].clauses[c].number) + 1
        return layout.line_at(self.lines, s, c, offset + skip)

    def last_line(self, s: int, c: int) -> int:
        return max(x.number for x in self.lines if x.section == s and x.clause == c)

    def text(self, s: int, c: int) -> str:
        return self.doc.sections[s].clauses[c].text

    def where(self, s: int, c: int, offset: int = 0) -> str:
        key = self.doc.sections[s].key
        return f"{key} {self.number(s, c)} (line {self.line(s, c, offset)})"


class Applier:
    """Turns each change of one amendment into edits, or a clear error."""

    def __init__(
        self,
        view: Motionview,
        profile: Profile,
        catalogue: Catalogue,
        calls_on: str,
        file: AmendmentFile,
        who: int,
    ) -> None:
        self.view = view
        self.profile = profile
        self.catalogue = catalogue
        self.calls_on = calls_on
        self.file = file
        self.who = who

    def error(self, index: int, key: str, message: str, hint: str | None = None) -> AmendmentError:
        return AmendmentError(
            f"change {index + 1}: {message}",
            file=self.file.path,
            line=self.file.line("changes", index, key),
            hint=hint,
        )

    def ref(self, index: int, key: str, text: str) -> tuple[int, int]:
        match = REF.match(text)
        if not match or match.group(2) is None:
            raise self.error(
                index, key, f"'{text}' does not name a paragraph", "write it as 'resolves 2'"
            )
        section, number = match.group(1).lower(), int(match.group(2))
        paras = self.view.paras.get(section, [])
        if not paras:
            raise self.error(index, key, f"the motion has no {section} paragraphs")
        numbers = [self.view.number(*p) for p in paras]
        if number not in numbers:
            raise self.error(
                index,
                key,
                f"{section} has paragraphs {numbers[0]} to {numbers[-1]}, not {number}",
                "use the paragraph numbers the motion shows",
            )
        return paras[numbers.index(number)]

    def home(self, demand_id: str) -> int | None:
        """The section whose lead this body puts the demand under, if the motion has it."""
        demand = self.catalogue.demands.get(demand_id)
        if demand is None:
            return None
        _, wording = self.profile.frame(demand.acted_on_by)
        lead = fill(wording.lead, {"calls_on": self.calls_on, "body": self.profile.body})
        found = [i for i, x in enumerate(self.view.doc.sections) if x.lead == lead and x.clauses]
        return found[-1] if found else None

    def worded(self, index: int, key: str, demand_id: str) -> str:
        if demand_id not in self.catalogue.demands:
            raise self.error(
                index,
                key,
                f"there is no demand '{demand_id}'",
                nearest_hint(demand_id, self.catalogue.demands, "demands"),
            )
        demand = self.catalogue.demands[demand_id]
        level, wording = self.profile.frame(demand.acted_on_by)
        values = {"calls_on": self.calls_on, "body": self.profile.body}
        return sentence(fill(wording.item, {**values, "clause": demand.clause_at(level)}))

    def find(self, index: int, key: str, words: str, where: str | None) -> tuple[int, int, int]:
        """The one place ``words`` occur: in the cited paragraph, or anywhere."""
        view = self.view
        if where is not None:
            places = [self.ref(index, "in", where)]
        else:
            places = [p for key_ in KEYS for p in view.paras.get(key_, [])]
        hits = [
            (s, c, m.start())
            for s, c in places
            for m in re.finditer(re.escape(words), view.text(s, c))
        ]
        if len(hits) == 1:
            return hits[0]
        scope = f"in {where}" if where else "in the motion"
        if not hits:
            near = _nearest(words, [view.text(s, c) for s, c in places])
            hint = f"the nearest words there are '{near}'" if near else None
            raise self.error(
                index,
                key,
                f"the words '{words}' are not {scope}",
                (hint + "; copy the words exactly as the motion has them") if hint else None,
            )
        found = ", ".join(
            f"{view.doc.sections[s].key} {view.number(s, c)} at line {view.line(s, c, o)}"
            for s, c, o in hits
        )
        raise self.error(
            index,
            key,
            f"the words '{words}' occur {len(hits)} times {scope}: {found}",
            "add words around them so they occur once"
            + ("" if where else ", or name the paragraph with in: resolves 2"),
        )

    def edits(self) -> list[Edit]:
        out = []
        for index, change in enumerate(self.file.amendment.changes):
            out.append(self.edit(index, change))
        return out

    def edit(self, index: int, change: Change) -> Edit:
        view = self.view
        base: dict[str, Any] = {"who": self.who, "change": index + 1}
        form = change.form
        if form == "delete":
            words = change.delete if change.delete is not None else change.after
            assert words is not None
            key = "delete" if change.delete is not None else "after"
            s, c, start = self.find(index, key, words, change.in_)
            insert = change.insert or ""
            section_key = view.doc.sections[s].key
            at = f"In {section_key}, paragraph {view.number(s, c)} (line {view.line(s, c, start)})"
            text = view.text(s, c)
            if change.delete is not None:
                end = start + len(words)
                if (
                    not insert
                    and text[end : end + 1] == " "
                    and text[start - 1 : start] in ("", " ")
                ):
                    end += 1  # deleting a word takes one of the spaces round it with it
                said = f"{at}, delete '{words}'" + (f" and insert '{insert}'." if insert else ".")
            else:
                start = end = start + len(words)
                said = f"{at}, after '{words}' insert '{insert}'."
                if insert[:1].isalnum() and text[end : end + 1] in (" ", ""):
                    insert = " " + insert
            return Edit(
                **base,
                kind="replace",
                section=s,
                clause=c,
                start=start,
                end=end,
                text=insert,
                key=section_key,
                words=words,
                sentence=said,
            )
        if form == "delete_clause":
            assert change.delete_clause is not None
            s, c = self.ref(index, "delete_clause", change.delete_clause)
            first, last = view.line(s, c), view.last_line(s, c)
            lines_said = f"line {first}" if first == last else f"lines {first} to {last}"
            section_key = view.doc.sections[s].key
            return Edit(
                **base,
                kind="delete_para",
                section=s,
                clause=c,
                key=section_key,
                words=view.text(s, c),
                sentence=f"Delete {section_key} paragraph {view.number(s, c)} ({lines_said}).",
            )
        if form in ("add_at_end", "insert_after"):
            key = "demand" if change.demand else "text"
            text = (
                self.worded(index, key, change.demand)
                if change.demand
                else sentence(change.text or "")
            )
            if form == "add_at_end":
                section_key = change.add_at_end or "resolves"
                paras = view.paras.get(section_key)
                if not paras:
                    raise self.error(
                        index,
                        "add_at_end",
                        f"the motion has no {section_key} section to add to",
                        "use delete_all: with replace_with: to add a section",
                    )
                s, c = paras[-1]
                home = self.home(change.demand) if change.demand else None
                if home is not None and section_key == "resolves" and home != s:
                    # A demand goes under the lead its body words it with, as a spec would put it.
                    s, c = home, len(view.doc.sections[home].clauses) - 1
                    n = view.number(s, c)
                    said = (
                        f"Insert after {section_key} paragraph {n} (line {view.last_line(s, c)}) "
                        f"a new paragraph {n + 1}: '{text}'"
                    )
                else:
                    after = view.number(s, c) + 1
                    said = f"Add at end of {section_key} a new paragraph {after}: '{text}'"
            else:
                assert change.insert_after is not None
                s, c = self.ref(index, "insert_after", change.insert_after)
                section_key = view.doc.sections[s].key
                n = view.number(s, c)
                said = (
                    f"Insert after {section_key} paragraph {n} (line {view.last_line(s, c)}) "
                    f"a new paragraph {n + 1}: '{text}'"
                )
            return Edit(
                **base,
                kind="new_para",
                section=s,
                clause=c,
                text=text,
                ref=change.demand,
                key=section_key,
                sentence=said + ("" if text.endswith((".", "!", "?")) else "."),
            )
        # delete all and replace
        assert change.replace_with is not None
        if not self.profile.amendments.replace_all:
            rule = self.profile.amendments.negative
            raise self.error(
                index,
                "delete_all",
                f"a {self.profile.name} amendment must keep some of the motion's words, so "
                "'delete all and replace' is not in order"
                + (f": {rule.what} ({rule.source})" if rule else ""),
                "delete and insert words in the paragraphs instead",
            )
        sections = []
        for section_key in KEYS:
            items = change.replace_with.get(section_key)  # type: ignore[call-overload]
            if not items:
                continue
            worded: list[tuple[str, str | None]] = []
            for item in items:
                if isinstance(item, NewDemand):
                    worded.append((self.worded(index, "replace_with", item.demand), item.demand))
                else:
                    worded.append((sentence(item), None))
            sections.append((section_key, tuple(worded)))
        if not any(key == "resolves" for key, _ in sections):
            self._negative(index, "delete_all")
        body = " ".join(
            f"{self._lead(key)} "
            + " ".join(f"{number_label(i + 1, '1.')} {t}" for i, (t, _) in enumerate(items))
            for key, items in sections
        )
        return Edit(
            **base,
            kind="replace_all",
            replace_with=tuple(sections),
            sentence=f"Delete all and replace with: '{body}'",
        )

    def _lead(self, key: str) -> str:
        leads = self.profile.sections.model_dump()
        return fill(leads.get(key) or key, {"calls_on": self.calls_on, "body": self.profile.body})

    def _negative(self, index: int, key: str) -> None:
        rule = self.profile.amendments.negative
        raise AmendmentError(
            f"change {index + 1}: amendment {self.file.label} removes everything the motion "
            "resolves: a direct negative is not in order"
            + (f". The rule: {rule.what} Source: {rule.source}" if rule else ""),
            file=self.file.path,
            line=self.file.line("changes", index, key),
            hint="keep some of the motion's words, or vote against the motion instead",
        )

    def check(self, edits: list[Edit]) -> None:
        """No direct negative; not over the body's amendment word limit."""
        view = self.view
        resolves = view.paras.get("resolves", [])
        gone = {(e.section, e.clause) for e in edits if e.kind == "delete_para"}
        for e in edits:
            whole = e.kind == "replace" and e.start == 0 and e.end >= len(view.text(*_sc(e)))
            if whole and not e.text.strip():
                gone.add(_sc(e))
        added = [e for e in edits if e.kind == "new_para" and e.key == "resolves"]
        if resolves and all(p in gone for p in resolves) and not added:
            last = max(i for i, e in enumerate(edits) if (e.section, e.clause) in gone)
            key = self.file.amendment.changes[last].form
            self._negative(last, key if key != "delete" else "delete")
        limit = self.profile.amendments.word_limit
        if limit is not None:
            words = sum(count_words(e.text) for e in edits)
            words += sum(
                count_words(t) for e in edits for _, items in e.replace_with for t, _ in items
            )
            if words > limit:
                source = self.profile.amendments.word_limit_source
                raise AmendmentOverLimit(
                    f"amendment {self.file.label} adds {words} words; a {self.profile.name} "
                    f"amendment may add at most {limit}" + (f" ({source})" if source else ""),
                    file=self.file.path,
                    line=self.file.line("changes"),
                    hint="cut the words it inserts",
                )


def _sc(edit: Edit) -> tuple[int, int]:
    assert edit.clause is not None
    return edit.section, edit.clause


def _nearest(words: str, texts: list[str]) -> str | None:
    """The run of words in ``texts`` most like ``words``, to show what does occur."""
    size = max(1, len(words.split()))
    best: tuple[float, str] | None = None
    for text in texts:
        tokens = text.split()
        for n in {size - 1, size, size + 1} - {0}:
            for i in range(0, max(1, len(tokens) - n + 1)):
                candidate = " ".join(tokens[i : i + n]).strip(".,;:")
                ratio = difflib.SequenceMatcher(None, words.lower(), candidate.lower()).ratio()
                if best is None or ratio > best[0]:
                    best = (ratio, candidate)
    return best[1] if best and best[0] >= 0.5 else None


class Clash(InputError):
    """Two amendments change the same words."""


def clashes(edits: list[Edit], files: list[AmendmentFile], view: Motionview) -> None:
    """Two changes touching the same words cannot both be carried: name both."""

    def touches(a: Edit, b: Edit) -> bool:
        if "replace_all" in (a.kind, b.kind):
            return True
        if "new_para" in (a.kind, b.kind) or (a.section, a.clause) != (b.section, b.clause):
            return False
        if "delete_para" in (a.kind, b.kind):
            return True
        if a.start == a.end == b.start == b.end:
            return True
        return (a.start < b.end and b.start < a.end) or (a.start == b.start and a.end == b.end)

    for i, a in enumerate(edits):
        for b in edits[i + 1 :]:
            if not touches(a, b):
                continue
            first, second = files[a.who], files[b.who]
            where = (
                "the whole motion"
                if "replace_all" in (a.kind, b.kind)
                else view.where(*_sc(a), a.start)
            )
            raise Clash(
                f"amendment {first.label} ({first.amendment.submitted_by}) change {a.change} "
                f"and amendment {second.label} ({second.amendment.submitted_by}) change "
                f"{b.change} both change {where}: they clash",
                file=second.path,
                line=second.line("changes", b.change - 1),
                hint="take them one at a time: the meeting votes on each",
            )


# --- the motion as amended ---------------------------------------------------------------


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

    def authors(self) -> list[str]:
        return [f.amendment.submitted_by for f in self.files]

    def sentences(self, who: int) -> list[str]:
        return [e.sentence for e in self.edits if e.who == who]

    def heading(self, who: int) -> str:
        f = self.files[who]
        number = f.amendment.motion_number
        motion = f"Motion {number}" if number is not None else "the motion"
        return (
            f"Amendment {f.label} to {motion} '{self.original.title}', "
            f"from {f.amendment.submitted_by}:"
        )

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
        return data


def apply(
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
        paras.append(Para(section.key, True, [Piece(section.lead, gone, by)], gone, by, group=s))
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
            lead = fill(
                getattr(profile.sections, key) or key,
                {"calls_on": calls_on, "body": profile.body},
            )
            paras.append(Para(key, True, [Piece(lead, "ins", author[e.who])], "ins",
                              author[e.who], group=group))  # fmt: skip
            for text, ref in items:
                paras.append(_new(key, text, ref, author[e.who], group))
    return paras


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
