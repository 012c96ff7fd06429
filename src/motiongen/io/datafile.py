"""Read YAML, TOML and JSON data files, keeping where each value stood.

Users edit these files by hand, so every mistake must be reported at a file
and line. YAML is read as YAML 1.2 (``no`` stays a string) with duplicate keys
refused; TOML and JSON positions are found by looking for the key's line.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
import tomllib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from motiongen.errors import InputError

Loc = tuple[str | int, ...]
SUFFIXES = {".yaml": "yaml", ".yml": "yaml", ".toml": "toml", ".json": "json"}


@dataclass
class DataFile:
    """Plain data read from a file, and a way back from a data path to its line."""

    path: str
    data: Any
    _line_of: Callable[[Loc], int | None] = field(repr=False)

    def line_of(self, loc: Sequence[str | int]) -> int | None:
        """The 1-based line of the value at ``loc``, or of its nearest parent."""
        loc = tuple(loc)
        while loc:
            line = self._line_of(loc)
            if line is not None:
                return line
            loc = loc[:-1]
        return 1  # the file as a whole: its first line


def read_text(path: Path) -> str:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError("no such file", file=path, hint="check the name and folder") from None
    except IsADirectoryError:
        raise InputError("this is a folder, not a file", file=path) from None
    except OSError as exc:
        raise InputError(f"cannot read the file: {exc.strerror}", file=path) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError(
            "the file is not UTF-8 text",
            file=path,
            line=line,
            hint="save it as UTF-8 from your editor",
        ) from None


def load(path: str | Path, *, kind: str | None = None) -> DataFile:
    """Read a data file; ``kind`` is ``yaml``, ``toml`` or ``json`` (else from the suffix)."""
    p = Path(path)
    kind = kind or SUFFIXES.get(p.suffix.lower(), "yaml")
    return loads(read_text(p), str(p), kind=kind)


def loads(text: str, name: str, *, kind: str = "yaml") -> DataFile:
    if kind == "toml":
        return _load_toml(text, name)
    if kind == "json":
        return _load_json(text, name)
    return _load_yaml(text, name)


# --- YAML -------------------------------------------------------------------


def _load_yaml(text: str, name: str) -> DataFile:
    from ruamel.yaml import YAML
    from ruamel.yaml.constructor import DuplicateKeyError
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    yaml = YAML(typ="rt")
    yaml.allow_duplicate_keys = False
    try:
        tree = yaml.load(text)
    except DuplicateKeyError as exc:
        raise _duplicate_key(exc, text, name) from None
    except MarkedYAMLError as exc:
        # For an unclosed bracket or quote, where it began helps more than where
        # the reader gave up (often the end of the file); otherwise the reverse.
        context = (exc.context or "").strip()
        unclosed = "flow" in context or "quoted" in context
        mark = (exc.context_mark if unclosed else exc.problem_mark) or exc.problem_mark
        problem = (exc.problem or context or "not valid YAML").strip()
        hint = "check the indentation, quotes and brackets on this line"
        if exc.context_mark and exc.problem_mark and exc.context_mark.line != exc.problem_mark.line:
            if unclosed:
                what = (
                    "the quote"
                    if "quoted" in context
                    else "the list in [ ]"
                    if "sequence" in context
                    else "the { }"
                )
                hint = f"{what} that starts here is not closed; the reader gave up on line " + str(
                    exc.problem_mark.line + 1
                )
            else:
                hint = f"check the indentation against line {exc.context_mark.line + 1}"
        raise InputError(
            f"not valid YAML: {problem}",
            file=name,
            line=mark.line + 1 if mark else None,
            hint=hint,
        ) from None
    except YAMLError as exc:
        raise InputError(f"not valid YAML: {exc}", file=name) from None
    except RecursionError:
        raise InputError("the YAML is nested too deeply to read", file=name) from None

    def line_of(loc: Loc) -> int | None:
        node: Any = tree
        parent: Any = None
        for key in loc:
            parent = node
            try:
                node = node[key]
            except (KeyError, IndexError, TypeError):
                return None
        if parent is None or not hasattr(parent, "lc"):
            return None
        try:
            last = loc[-1]
            pos = parent.lc.item(last) if isinstance(last, int) else parent.lc.key(last)
        except (KeyError, IndexError, TypeError, AttributeError):
            return None
        return int(pos[0]) + 1

    return DataFile(name, _plain(tree), line_of)


def _duplicate_key(exc: Any, text: str, name: str) -> InputError:
    key_match = re.search(r'duplicate key "(.*?)"', exc.problem or "")
    key = key_match.group(1) if key_match else "?"
    second = exc.problem_mark.line if exc.problem_mark else 0
    start = exc.context_mark.line if exc.context_mark else 0
    col = exc.problem_mark.column if exc.problem_mark else 0
    lines = text.splitlines()
    first = None
    pattern = re.compile(r"(?:-\s+)?" + re.escape(key) + r"\s*:")
    for i in range(start, second):
        if i < len(lines) and pattern.match(lines[i], col if col <= len(lines[i]) else 0):
            first = i
            break
    where = f"line {first + 1}" if first is not None else "earlier"
    return InputError(
        f"the key '{key}' is given twice, on {where} and on line {second + 1}",
        file=name,
        line=second + 1,
        field=key,
        hint="keep one of them",
    )


def _plain(node: Any) -> Any:
    """ruamel's round-trip types to plain dicts, lists, strings and numbers."""
    if isinstance(node, dict):
        return {str(k) if not isinstance(k, str | int) else k: _plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_plain(v) for v in node]
    if isinstance(node, bool):
        return bool(node)
    if isinstance(node, str):
        return str(node)
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    if isinstance(node, dt.datetime):
        return dt.datetime(*node.timetuple()[:6])
    if isinstance(node, dt.date):
        return dt.date(node.year, node.month, node.day)
    return node


# --- TOML and JSON --------------------------------------------------------------


def _key_line_finder(text: str, quote: str) -> Callable[[Loc], int | None]:
    lines = text.splitlines()

    def line_of(loc: Loc) -> int | None:
        keys = [k for k in loc if isinstance(k, str)]
        if not keys:
            return None
        key = re.escape(keys[-1])
        if quote:
            pattern = re.compile(rf'"{key}"\s*:')
        else:
            pattern = re.compile(rf'^\s*(?:{key}|"{key}")\s*=|^\s*\[\[?\s*{key}\s*\]')
        for number, line in enumerate(lines, start=1):
            if pattern.search(line):
                return number
        return None

    return line_of


def _load_toml(text: str, name: str) -> DataFile:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"line (\d+)", str(exc))
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        raise InputError(
            f"not valid TOML: {message}",
            file=name,
            line=int(match.group(1)) if match else None,
            hint="check the quotes and brackets on this line",
        ) from None
    return DataFile(name, data, _key_line_finder(text, quote=""))


def _load_json(text: str, name: str) -> DataFile:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        message, line = exc.msg, exc.lineno
        comma = _trailing_comma(text, exc.pos)
        if comma is not None:
            # Python 3.13 points at a trailing comma, older versions at the bracket
            # after it: say it one way, at the comma, on every version.
            message = "a comma before the closing bracket"
            line = text.count("\n", 0, comma) + 1
        raise InputError(
            f"not valid JSON: {message}",
            file=name,
            line=line,
            hint="check the commas and quotes on this line",
        ) from None
    except RecursionError:
        raise InputError("the JSON is nested too deeply to read", file=name) from None
    return DataFile(name, data, _key_line_finder(text, quote='"'))


def _trailing_comma(text: str, pos: int) -> int | None:
    """Where a comma stands just before a closing bracket, at or around ``pos``."""
    if text[pos : pos + 1] == "," and text[pos + 1 :].lstrip()[:1] in ("}", "]"):
        return pos
    before = text[:pos].rstrip()
    if before.endswith(",") and text[pos : pos + 1] in ("}", "]"):
        return len(before) - 1
    return None


# --- pydantic errors ----------------------------------------------------------


def format_loc(loc: Sequence[str | int]) -> str:
    """``('demands', 3, 'theme')`` -> ``demands[3].theme`` (indices as people count: from 1)."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def validation_error(
    exc: Any, source: DataFile, *, prefix: Loc = (), what: str = "entry"
) -> InputError:
    """The first problem of a pydantic ``ValidationError`` as one clear message."""
    errors = exc.errors(include_url=False)
    # A misspelt key shows up as an unknown key and a missing one: name the typo first.
    errors.sort(key=lambda e: e["type"] != "extra_forbidden")
    first = errors[0]
    loc = prefix + tuple(p for p in first["loc"] if not _is_union_tag(p))
    message = _friendly(first)
    if first["type"] == "extra_forbidden":
        parent = first["loc"][:-1]
        missing = [
            str(e["loc"][-1]) for e in errors if e["type"] == "missing" and e["loc"][:-1] == parent
        ]
        close = difflib.get_close_matches(str(first["loc"][-1]), missing, n=1, cutoff=0.6)
        if close:
            message = f"unknown key: did you mean '{close[0]}'?"
            errors = [e for e in errors if e["loc"] != (*parent, close[0])]
    more = len(errors) - 1
    hint = f"and {more} more problem{'s' if more > 1 else ''} in this {what}" if more else None
    return InputError(
        message, file=source.path, line=source.line_of(loc), field=format_loc(loc), hint=hint
    )


def _is_union_tag(part: str | int) -> bool:
    return isinstance(part, str) and (
        part.startswith(("function-", "json-or-python")) or part in {"str", "list[...]", "dict"}
    )


def _friendly(error: dict[str, Any]) -> str:
    kind = error["type"]
    if kind == "missing":
        return "this key is required but missing"
    if kind == "extra_forbidden":
        return "unknown key: check its spelling against the documentation"
    if kind == "string_type":
        return f"expected text, got {_describe(error.get('input'))}"
    if kind in {"list_type", "tuple_type"}:
        return f"expected a list, got {_describe(error.get('input'))}"
    if kind in {"model_type", "dict_type", "model_attributes_type"}:
        return f"expected a set of keys, got {_describe(error.get('input'))}"
    if kind.startswith("date_") or kind.startswith("datetime_"):
        return "expected a date, written as 14/01/2027, 14 January 2027 or 2027-01-14"
    if kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        return f"expected one of {expected}"
    if kind == "string_pattern_mismatch":
        return "ids are written in lower case with hyphens, for example halt-nass"
    message = str(error.get("msg", "invalid value"))
    return message.removeprefix("Value error, ")


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"true/false ({str(value).lower()})"
    if isinstance(value, int | float):
        return f"a number ({value})"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a set of keys"
    if isinstance(value, str):
        return "text"
    return type(value).__name__
