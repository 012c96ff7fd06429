"""The answers of `motiongen new`, the settings it remembers, and the draft that survives Ctrl-C.

No prompts here: the walk-through and the flag-only path both end in these
functions, so a run can always be replayed from the spec file it saves.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from motiongen.errors import InputError, MotiongenError
from motiongen.io import datafile
from motiongen.io.files import safe_name, write_atomic
from motiongen.motion import spec
from motiongen.motion.spec import Motion
from motiongen.output import fileset
from motiongen.output.formats import FORMATS
from motiongen.paths import config_dir
from motiongen.text import slug

REMEMBERED = ("profile", "submitted_by", "to", "proposer", "seconder", "nation")
# Remembered for each kind of body, so a union motion never inherits a CLP's answers;
# where it goes is remembered for each profile, as a branch and its conference differ.
PER_KIND = ("submitted_by", "proposer", "seconder", "nation")
FLAG_FOR = {
    "profile": "--profile",
    "title": "--title",
    "demands": "--demand (once for each demand)",
}


def settings_path() -> Path:
    return config_dir() / "settings.yaml"


def draft_path() -> Path:
    return config_dir() / "draft.yaml"


def load_settings() -> dict[str, Any]:
    """What the user typed last time (branch, proposer…), so it is typed once."""
    path = settings_path()
    if not path.is_file():
        return {}
    try:
        data = datafile.load(path).data
    except MotiongenError:
        return {}  # a damaged settings file must never stop a motion being written
    if not isinstance(data, dict):
        return {}
    # Keep only what is of the right kind: a damaged value is forgotten, not fatal.
    out: dict[str, Any] = {}
    if isinstance(data.get("profile"), str):
        out["profile"] = data["profile"]
    formats = data.get("formats")
    if isinstance(formats, list):
        known = [f for f in formats if isinstance(f, str) and f in FORMATS]
        if known:
            out["formats"] = known
    if isinstance(data.get("out_dir"), str) and data["out_dir"].strip():
        out["out_dir"] = data["out_dir"]
    for key in ("bodies", "meetings"):
        if isinstance(data.get(key), dict):
            out[key] = data[key]
    return out


def _adapter(key: str) -> Any:
    from typing import Annotated

    from pydantic import TypeAdapter

    info = Motion.model_fields[key]
    annotated: Any = Annotated[info.annotation, info]
    return TypeAdapter(annotated)


def remembered(settings: dict[str, Any], kind: str, profile_id: str) -> dict[str, Any]:
    """The answers last given for this kind of body (and where this profile's motions go)."""
    bodies = settings.get("bodies") or {}
    out = dict(bodies.get(kind) or {}) if isinstance(bodies.get(kind), dict) else {}
    out = {k: v for k, v in out.items() if k in PER_KIND and isinstance(v, str)}
    meeting = (settings.get("meetings") or {}).get(profile_id)
    if isinstance(meeting, str):
        out["to"] = meeting
    return out


def save_settings(answers: dict[str, Any], kind: str, **extra: Any) -> None:
    settings = load_settings()
    if answers.get("profile"):
        settings["profile"] = answers["profile"]
        body = dict(settings.setdefault("bodies", {}).get(kind) or {})
        body.update({k: answers[k] for k in PER_KIND if answers.get(k)})
        settings["bodies"][kind] = body
        if answers.get("to"):
            settings.setdefault("meetings", {})[answers["profile"]] = answers["to"]
    settings.update({k: v for k, v in extra.items() if v})
    write_atomic(settings_path(), datafile.dump_yaml(settings).encode("utf-8"), force=True)


@dataclass
class Draft:
    """Answers so far; saved after every answer so nothing typed is lost."""

    answers: dict[str, Any] = field(default_factory=dict)
    path: Path = field(default_factory=draft_path)

    def set(self, key: str, value: Any) -> None:
        if value in (None, "", []):
            self.answers.pop(key, None)
        else:
            self.answers[key] = value
        self.save()

    def save(self) -> None:
        header = [
            "A motion drafted with 'motiongen new', not finished yet.",
            "Carry on with: motiongen new --resume",
        ]
        write_atomic(self.path, spec.dump(self.answers, header).encode("utf-8"), force=True)

    def discard(self) -> None:
        self.path.unlink(missing_ok=True)

    def aside_path(self) -> Path:
        """Where `put_aside` keeps it: a name saying when it was saved."""
        stamp = dt.datetime.fromtimestamp(self.path.stat().st_mtime).strftime("%Y-%m-%d-%H%M")
        target = self.path.parent / f"draft-{stamp}.yaml"
        n = 2
        while target.exists():
            target = self.path.parent / f"draft-{stamp}-{n}.yaml"
            n += 1
        return target

    def put_aside(self) -> Path:
        """Keep this draft under a dated name, so starting afresh loses nothing."""
        target = self.aside_path()
        self.path.replace(target)
        return target

    def describe(self, body: str) -> str:
        """ "'<title>' for <body>, saved <when>", for the question whether to carry on."""
        title = self.answers.get("title") or "with no title yet"
        title = f"'{title}'" if self.answers.get("title") else title
        saved = dt.datetime.fromtimestamp(self.path.stat().st_mtime)
        return f"{title} for {body}, saved {when(saved)}"

    @classmethod
    def resume(cls, catalogue: Any = None) -> Draft:
        path = draft_path()
        if not path.is_file():
            raise InputError(
                "there is no unfinished motion to resume",
                hint="start one with 'motiongen new'",
            )
        source = datafile.load(path)
        data = source.data or {}
        if not isinstance(data, dict):
            raise InputError(
                "the draft is damaged", file=path, hint="start again with 'motiongen new'"
            )
        check_draft(datafile.DataFile(source.path, data, source.line_of), catalogue)
        return cls(answers=data, path=path)


DAMAGED_HINT = "correct or delete this line of the draft, or start again with 'motiongen new'"


def check_draft(source: datafile.DataFile, catalogue: Any = None) -> None:
    """A draft edited by hand: every key of the right kind, every id in the catalogue.

    The walk-through trusts its draft, so a damaged one is refused here, at its line.
    """
    for key, value in source.data.items():
        if key in ("_asked", "_skipped"):
            if isinstance(value, list) and all(isinstance(v, str) for v in value):
                continue
            raise InputError(
                "this bookkeeping line is damaged",
                file=source.path,
                line=source.line_of((key,)),
                field=str(key),
                hint=DAMAGED_HINT,
            )
        if key not in Motion.model_fields:
            raise InputError(
                "unknown key",
                file=source.path,
                line=source.line_of((key,)),
                field=str(key),
                hint=DAMAGED_HINT,
            )
        try:
            _adapter(key).validate_python(value)
        except ValidationError as exc:
            error = datafile.validation_error(exc, source, prefix=(key,))
            error.hint = DAMAGED_HINT
            raise error from None
    if catalogue is None:
        return
    tables = {
        "demands": catalogue.demands,
        "notes": catalogue.evidence,
        "believes": catalogue.beliefs,
    }
    for key, table in tables.items():
        for index, item in enumerate(source.data.get(key) or []):
            if isinstance(item, str) and item not in table:
                raise InputError(
                    f"'{item}' is not in the catalogue",
                    file=source.path,
                    line=source.line_of((key, index)),
                    field=f"{key}[{index + 1}]",
                    hint=DAMAGED_HINT,
                )


def when(moment: dt.datetime, now: dt.datetime | None = None) -> str:
    """'today at 15:30', 'yesterday at 09:05', or '3 November at 18:00'."""
    now = now or dt.datetime.now()
    days = (now.date() - moment.date()).days
    day = {0: "today", 1: "yesterday"}.get(days, f"{moment.day} {moment:%B}")
    return f"{day} at {moment:%H:%M}"


def existing_draft() -> Draft | None:
    """The unfinished motion on disk, if there is one that can be read."""
    try:
        draft = Draft.resume()
    except MotiongenError:
        return None
    return draft if draft.answers else None


def put_aside_if_damaged() -> tuple[Path, str] | None:
    """A draft that cannot be used is kept under a dated name, never overwritten by a
    new one; returns where it went and why it could not be used."""
    try:
        Draft.resume()
    except MotiongenError as exc:
        if draft_path().is_file():
            return Draft().put_aside(), str(exc)
    return None


def taken(out_dir: Path, stem: str, formats: list[str]) -> list[Path]:
    """The files a motion would write that are already there."""
    return fileset.taken(safe_name(out_dir, stem, fmt) for fmt in [*formats, "yaml"])


def free_stem(out_dir: Path, stem: str, formats: list[str]) -> str:
    """The name with -2, -3… added, the first whose files are all free."""
    n = 2
    while taken(out_dir, f"{stem}-{n}", formats):
        n += 1
    return f"{stem}-{n}"


def missing(answers: dict[str, Any]) -> list[str]:
    """What a motion cannot be made without, as the flags that would supply it."""
    out = []
    for key in ("profile", "title", "demands"):
        if not answers.get(key):
            out.append(FLAG_FOR[key])
    return out


def to_motion(answers: dict[str, Any]) -> Motion:
    data = {k: v for k, v in answers.items() if k in Motion.model_fields}
    try:
        return Motion.model_validate(data)
    except ValidationError as exc:
        source = datafile.DataFile("your answers", data, lambda loc: None)
        raise datafile.validation_error(exc, source) from None


def spec_text(motion: Motion, name: str = "THIS-FILE") -> str:
    """The motion as a spec file a person can read, edit and rebuild."""
    header = [
        "Written by 'motiongen new'. Edit it, then rebuild the documents with",
        f"  motiongen build {name} --force",
    ]
    return spec.spec_text(motion, header)


def output_target(output: str | None, motion: Motion, default_dir: Path) -> tuple[Path, str]:
    """``--output``: a folder (ends with / or exists) or a path without extension."""

    wanted = motion.file_name()
    if not output:
        return default_dir, slug(wanted, limit=80)
    path = Path(output).expanduser()
    if output.endswith(("/", "\\")) or path.is_dir():
        return path, slug(wanted, limit=80)
    stem = path.name
    for suffix in (".yaml", ".yml", ".docx", ".md", ".txt", ".pdf"):
        stem = stem.removesuffix(suffix)
    return path.parent, slug(stem, limit=80)


_EMAIL = re.compile(r"[^\s,;<>]+@[^\s,;<>]+\.[^\s,;<>]+")
_PHONE = re.compile(r"\+?\d[\d ()-]{7,}\d")


def parse_contact(text: str) -> dict[str, str]:
    """'Sam Example, sam@example.org, 07700 900123' as the spec's contact: name, email, phone."""
    contact: dict[str, str] = {}
    email = _EMAIL.search(text)
    if email:
        contact["email"] = email.group(0)
        text = text.replace(email.group(0), " ")
    phone = _PHONE.search(text)
    if phone:
        contact["phone"] = phone.group(0).strip()
        text = text.replace(phone.group(0), " ")
    name = " ".join(re.sub(r"[,;]", " ", text).split())
    if name:
        contact["name"] = name
    return contact


def contact_problem(text: str) -> str | None:
    """Why a typed contact cannot be used, in the spec's own words, or None."""
    if not text.strip():
        return None
    if "@" in parse_contact(text).get("name", ""):
        return "An email address looks like secretary@example.org"
    try:
        Motion.model_validate({"profile": "x", "title": "x", "contact": parse_contact(text)})
    except ValidationError as exc:
        return str(exc.errors()[0]["msg"]).removeprefix("Value error, ")
    return None


def contact_text(contact: Any) -> str:
    """A contact as one line, as it would be typed."""
    if isinstance(contact, str):
        return contact
    if isinstance(contact, dict):
        return ", ".join(str(contact[k]) for k in ("name", "email", "phone") if contact.get(k))
    return ""
