"""Amendment files: the forms UK bodies use, as data, and the motion they amend.

An amendment names its motion (a spec, or a .docx / .txt / .md motion imported
on the fly), its mover and its changes; each change is one of the forms
conference agendas print.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, ConfigDict, Field, ValidationError, model_validator

from motiongen.catalogue.models import Id
from motiongen.errors import INVISIBLE_MARKS, InputError, terminal_safe
from motiongen.io import datafile
from motiongen.motion.spec import Block, Line, Spec
from motiongen.sections import KINDS, SectionKind

# The sections a "delete all and replace with" may give, in the order printed.
KEYS = tuple(KINDS)


class NewDemand(Spec):
    """A catalogue demand, worded for the motion's body."""

    demand: Id


NewItem = Annotated[Block | NewDemand, Field(union_mode="left_to_right")]


class Change(Spec):
    """One change, in one of the forms: exactly one of delete/after, add_at_end,
    delete_clause, insert_after, delete_all_after, delete_all_from or delete_all."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    in_: Line | None = Field(
        None,
        alias="in",
        description="Where, as the motion prints it: 'calls on 2', 'notes 3', "
        "'calls on the Labour Government 2' or 'section 3 clause 2'",
    )
    delete: Block | None = Field(None, description="Words to delete, exactly as in the motion")
    after: Block | None = Field(None, description="Insert after these words")
    insert: Block | None = Field(None, description="Words to insert")
    add_at_end: Line | None = Field(
        None, description="A new clause at the end of a section: 'resolves', 'calls on', 'notes'"
    )
    insert_after: Line | None = Field(None, description="A new clause after 'believes 1'")
    delete_clause: Line | None = Field(None, description="The clause to delete: 'notes 3'")
    delete_all_after: Block | None = Field(
        None, description="Delete all after these words, to the end of the motion"
    )
    delete_all_from: Block | None = Field(
        None, description="Delete all from these words (them too), to the end of the motion"
    )
    delete_all: bool = Field(False, description="Delete all and replace with...")
    replace_with: dict[SectionKind, list[NewItem]] | None = None
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
                ("delete_all_after", self.delete_all_after is not None),
                ("delete_all_from", self.delete_all_from is not None),
                ("delete_all", self.delete_all),
            )
            if on
        ]
        if len(forms) != 1:
            raise ValueError(
                "each change is one of: delete: (with insert:), after: with insert:, "
                "add_at_end:, insert_after:, delete_clause:, delete_all_after:, "
                "delete_all_from:, delete_all:"
                + (f"; this one has {' and '.join(forms)}" if forms else "")
            )
        form = forms[0]
        allowed = {
            "delete": {"in_", "delete", "after", "insert"},
            "add_at_end": {"add_at_end", "text", "demand"},
            "insert_after": {"insert_after", "text", "demand"},
            "delete_clause": {"delete_clause"},
            "delete_all_after": {"in_", "delete_all_after", "insert"},
            "delete_all_from": {"in_", "delete_all_from", "insert"},
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
        if self.delete_all_after is not None:
            return "delete_all_after"
        if self.delete_all_from is not None:
            return "delete_all_from"
        return "delete_all"

    @property
    def cut(self) -> str | None:
        """The words a "delete all after/from" cuts at, if it is one."""
        return self.delete_all_after if self.delete_all_after is not None else self.delete_all_from


# A number is printed in the amendment's heading and names its files: a control,
# line-breaking, bidirectional or zero-width character has no place in it.
_UNSAFE_IN_NUMBER = re.compile(f"[\x00-\x1f\x7f-\x9f\u2028\u2029{INVISIBLE_MARKS}]")


def _plain_number(value: Any) -> Any:
    if isinstance(value, str) and (found := _UNSAFE_IN_NUMBER.search(value)):
        raise ValueError(
            f"holds a control or invisible character ({terminal_safe(found.group(0))}); "
            "type the number as the agenda prints it, e.g. 38.1"
        )
    return value


Number = Annotated[str, Field(max_length=20)]
Plain = BeforeValidator(_plain_number)  # before the str-or-int choice: one message


class Amendment(Spec):
    """An amendment file: the motion it amends, who moves it, and its changes."""

    amends: Line | None = Field(
        None,
        description="The motion: a spec file, or a .docx/.txt/.md motion, in the amendment "
        "file's folder (or give --motion)",
    )
    profile: Id | None = Field(
        None, description="The motion's body, where the motion is a .docx or .txt file"
    )
    motion_number: Annotated[Number | int | None, Plain] = None
    number: Annotated[Number | None, Plain] = Field(
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


@dataclass(frozen=True)
class Edit:
    """What one change does to the motion's paragraphs."""

    who: int  # index of the amendment
    change: int  # 1-based, within its amendment
    # "cut" is a "delete all after/from": the paragraph from ``start`` on, and every
    # paragraph after it, to the end of the motion.
    kind: Literal["replace", "delete_para", "new_para", "replace_all", "cut"]
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
