"""Read YAML, TOML and JSON data files, keeping where each value stood.

Users edit these files by hand, so every mistake must be reported at a file
and line. YAML is read as YAML 1.2 (``no`` stays a string) with duplicate keys
refused; TOML and JSON positions are found by looking for the key's line.

motiongen's own files (the built-in catalogue and profiles) are parsed once:
their data and line table are kept in the user's cache folder under a key made
of the file's name and content, so an edited ``seeds/`` in an editable install
is seen at once, and a damaged or unwritable cache costs only the parse. The
user's own files are never cached. Entries are read, written and pruned by
`cachefiles`.

Their validated models are cached too (``load_builtin_checked``), keyed also by
the code that validates them, and read back by an unpickler that builds only
those model classes: so start-up builds no pydantic schema for them at all.
"""

from __future__ import annotations

import builtins
import contextlib
import datetime as dt
import difflib
import functools
import hashlib
import io
import json
import pickle
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any, TypeVar

from motiongen.errors import InputError
from motiongen.io import cachefiles, inputs
from motiongen.paths import cache_dir
from motiongen.text import date_problem

Loc = tuple[str | int, ...]
T = TypeVar("T")
SUFFIXES = {".yaml": "yaml", ".yml": "yaml", ".toml": "toml", ".json": "json"}
# A motion, a catalogue or a profile file holds a few thousand values at most;
# these budgets refuse an alias bomb ("billion laughs") before it is expanded.
NODE_BUDGET = 200_000
ALIAS_BUDGET = 1_000
MAX_BYTES = 5_000_000  # a motion is a few KB; 5,000 branches in a CSV about 0.5 MB
# Characters YAML 1.2 does not allow in a file (it allows tab, newline, return,
# NEL and printable text): found here, so the message names their line. Written
# as the few ranges refused, not the many allowed: that compiles ~50x faster.
_NOT_YAML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")


@dataclass(frozen=True)
class Cut:
    """A plain value that YAML ended at a ' #': "Motion #3 keep care public" is "Motion"."""

    line: int
    comment: str  # what YAML took for a comment: "#3 keep care public"
    written: str  # the value as the line has it, comment and all


@dataclass
class DataFile:
    """Plain data read from a file, and a way back from a data path to its line."""

    path: str
    data: Any
    _line_of: Callable[[Loc], int | None] = field(repr=False)
    # Values a ' #' cut short: YAML read the rest of the line as a comment. Each with
    # its line, the words cut off and the line as written, so check can say so.
    cut: dict[Loc, Cut] = field(default_factory=dict, repr=False)

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
    """An ordinary file's text (never a device, a FIFO or a folder: see `inputs`)."""
    size = inputs.size_of(path)
    too_large = InputError(
        f"the file is {size / 1_000_000:.0f} MB, far too large to be a motion, "
        "a catalogue or a list of branches",
        file=path,
        hint=f"motiongen reads files of up to {MAX_BYTES // 1_000_000} MB; "
        "is this the file you meant?",
    )
    if size > MAX_BYTES:
        raise too_large
    try:
        raw = inputs.read_bytes(path, limit=MAX_BYTES)
    except inputs.TooLarge:  # it grew after it was looked at
        raise too_large from None
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


def _control_character(text: str, name: str) -> InputError | None:
    bad = _NOT_YAML.search(text)
    if bad is None:
        return None
    char = bad.group(0)
    shown = repr(char)[1:-1] if ord(char) < 0x100 else f"\\u{ord(char):04x}"
    return InputError(
        f"the file holds a control character ({shown}) that YAML does not allow",
        file=name,
        line=text.count("\n", 0, bad.start()) + 1,
        hint="delete it; such characters often come from copying out of a terminal or a PDF",
    )


def _timestamp(constructor: Any, node: Any) -> Any:
    """A YAML date, or a one-line error at its line saying why it is not a real date."""
    from ruamel.yaml.constructor import RoundTripConstructor

    try:
        return RoundTripConstructor.construct_yaml_timestamp(constructor, node)
    except (ValueError, OverflowError):
        raise InputError(
            date_problem(str(node.value)),
            line=node.start_mark.line + 1,
        ) from None


def _load_yaml(text: str, name: str) -> DataFile:
    refused = _control_character(text, name)
    if refused is not None:
        raise refused
    return _load_plain_yaml(text, name) or _load_round_trip(text, name)


# What the quick reader leaves to the round-trip one: a comment that may have cut a
# value short ('#' and a word straight after it: "Motion #3 ..."; only the round-trip
# reader sees comments, to report that, and a comment written as "# words" cuts
# nothing), an anchor, alias or tag, a merge key, a directive or a complex key.
# Written to match more than these, never less: "#3" or "&x" inside a sentence costs
# only the quicker read.
_NOT_PLAIN = re.compile(r"(?:^|[\s\[{,])(?:#\S|!|[&*]\S|\?(?:\s|$))|<<|^%", re.MULTILINE)


def _load_plain_yaml(text: str, name: str) -> DataFile | None:
    """The data of a file of plain keys, lists and values, read by ruamel's C reader
    (several times quicker than the round-trip one), or None for the round-trip reader.

    The data is the same: the same YAML 1.2 rules, dates, duplicate keys refused,
    and the same conversion to plain values. Anything the C reader refuses or
    leaves in doubt (a date with a time, an error of any kind) is read again by
    the round-trip reader, which says what is wrong and at which line. Lines are
    wanted only to report a problem: the round-trip reader finds them then.
    """
    if _NOT_PLAIN.search(text):
        return None
    reader = _plain_reader()
    if reader is None:
        return None
    try:
        data = _Plain(name).convert(reader.load(text))
    except Exception:  # the round-trip reader reads it again, and says what is wrong
        return None
    found: list[DataFile] = []

    def line_of(loc: Loc) -> int | None:
        if not found:
            try:
                found.append(_load_round_trip(text, name))
            except Exception:
                return None
        return found[0]._line_of(loc)

    return DataFile(name, data, line_of)


class _NotPlain(Exception):
    """A value the C reader leaves to the round-trip one."""


@functools.cache
def _plain_reader() -> Any:
    """ruamel's C reader with YAML 1.2's rules, or None where ruamel.yaml.clib is missing."""
    from ruamel.yaml import YAML
    from ruamel.yaml.constructor import SafeConstructor
    from ruamel.yaml.resolver import VersionedResolver

    class Resolver(VersionedResolver):
        @property
        def processing_version(self) -> Any:
            # YAML 1.2, as the round-trip reader reads a file with no %YAML directive
            # (none reaches this reader); asked for every value, and slow to find out.
            return (1, 2)

    class Constructor(SafeConstructor):
        def construct_yaml_timestamp(self, node: Any, values: Any = None) -> Any:
            if len(str(node.value).strip()) > 10:
                raise _NotPlain  # a time of day too: kept as the round-trip reader keeps it
            return SafeConstructor.construct_yaml_timestamp(self, node, values)

    Constructor.add_constructor("tag:yaml.org,2002:timestamp", Constructor.construct_yaml_timestamp)
    try:
        yaml = YAML(typ="safe", pure=False)
    except Exception:
        return None
    if yaml.Parser.__name__ != "CParser":
        return None  # the pure reader is no quicker than the round-trip one
    yaml.Constructor = Constructor
    yaml.Resolver = Resolver
    yaml.allow_duplicate_keys = False
    return yaml


def _load_round_trip(text: str, name: str) -> DataFile:
    from ruamel.yaml import YAML
    from ruamel.yaml.constructor import DuplicateKeyError
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    yaml = YAML(typ="rt")
    yaml.allow_duplicate_keys = False
    yaml.constructor.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)
    try:
        tree = yaml.load(text)
    except InputError as exc:  # a date that is not a real date
        exc.file = name
        lines = text.splitlines()
        if exc.line and exc.line <= len(lines):
            key = re.match(r"\s*(?:-\s+)?([A-Za-z_][\w-]*)\s*:", lines[exc.line - 1])
            exc.field = key.group(1) if key else None
        raise
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
        plain = _plain_yaml_mistake(problem, text, mark)
        if plain is not None:
            problem, hint = plain
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

    try:
        data = _Plain(name).convert(tree)
    except RecursionError:
        raise InputError("the YAML is nested too deeply to read", file=name) from None
    return DataFile(name, data, line_of, _cut_by_comments(tree, text.splitlines()))


# A '#' straight after a space ends a plain YAML value: "Motion #3 keep care public"
# is read as "Motion". A comment written as one ("   # the date of the GC") has a
# space after its '#'; a hashtag or a number ("#KeepCarePublic", "#3") has none.
_CUTTING = re.compile(r"#\S")


def _cut_by_comments(tree: Any, lines: list[str]) -> dict[Loc, Cut]:
    """Every plain (unquoted) value whose line goes on after it with ' #word'."""
    found: dict[Loc, Cut] = {}

    def look(loc: Loc, value: Any, token: Any, position: Any) -> None:
        if token is None or not isinstance(value, str) or position is None:
            return
        line, column = int(position[0]), int(position[1])
        start = lines[line][column : column + 1] if line < len(lines) else ""
        if start in ("'", '"', "|", ">"):
            return  # quoted, or a block: its '#' is part of it, and what follows a comment
        comment = str(getattr(token, "value", "") or "").strip()
        mark = getattr(token, "start_mark", None)
        if _CUTTING.match(comment) and mark is not None and mark.line == line:
            found[loc] = Cut(line + 1, comment, lines[line][column:].strip())

    def walk(node: Any, loc: Loc, depth: int) -> None:
        if depth > MAX_DEPTH or not hasattr(node, "ca"):
            return
        items = getattr(node.ca, "items", {}) or {}
        if isinstance(node, dict):
            for key, value in node.items():
                tokens = items.get(key) or [None, None, None, None]
                position = _position(node, key)
                look((*loc, key), value, tokens[2], position)
                walk(value, (*loc, key), depth + 1)
        elif isinstance(node, list):
            for index, value in enumerate(node):
                tokens = items.get(index) or [None]
                position = _position(node, index)
                look((*loc, index), value, tokens[0], position)
                walk(value, (*loc, index), depth + 1)

    walk(tree, (), 0)
    return found


def _position(node: Any, key: Any) -> tuple[int, int] | None:
    """Where a mapping's value or a list's item starts: (line, column), from 0."""
    lc: Any = getattr(node, "lc", None)
    try:
        line, column = lc.value(key) if isinstance(node, dict) else lc.item(key)
        return int(line), int(column)
    except (KeyError, IndexError, TypeError, AttributeError):
        return None


def _plain_yaml_mistake(problem: str, text: str, mark: Any) -> tuple[str, str] | None:
    """The two mistakes a hand-edited spec makes most, said in words a secretary uses:
    a ': ' inside a value, and a tab for an indent."""
    lines = text.splitlines()
    row = mark.line if mark is not None else -1
    line = lines[row] if 0 <= row < len(lines) else ""
    if "character '\\t'" in problem or (problem.startswith("found character") and "\t" in line):
        return (
            "this line is indented with a tab, and YAML takes only spaces",
            "replace the tab with spaces, as many as the lines around it have",
        )
    if problem == "mapping values are not allowed here":
        key = re.match(r"\s*(?:-\s+)?([A-Za-z_][\w-]*):\s+(.*?)\s*$", line)
        if key and ": " in key.group(2) and key.group(2)[:1] not in "\"'":
            value = key.group(2).replace('"', '\\"')
            return (
                f"the value of '{key.group(1)}' holds ': ', which YAML reads as a new key",
                f'put the value in double quotes: {key.group(1)}: "{value}"',
            )
    return None


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


class _Plain:
    """ruamel's round-trip types to plain dicts, lists, strings and numbers.

    ruamel keeps an alias (``*name``) as a second reference to one shared
    value; copying turns each reference into a full copy, so the copies are
    counted and refused beyond a budget, before they can fill the memory.
    """

    def __init__(self, name: str) -> None:
        self.name = name
        self.nodes = 0
        self.aliases = 0
        self.seen: set[int] = set()

    def convert(self, node: Any) -> Any:
        self.nodes += 1
        if self.nodes > NODE_BUDGET:
            raise InputError(
                f"the file holds more than {NODE_BUDGET:,} values once its aliases "
                "(*name) are expanded",
                file=self.name,
                hint="write the values out, or split the file",
            )
        if isinstance(node, dict | list):
            if id(node) in self.seen:
                self.aliases += 1
                if self.aliases > ALIAS_BUDGET:
                    raise InputError(
                        f"the file repeats anchored values (*name) more than {ALIAS_BUDGET:,} "
                        "times",
                        file=self.name,
                        hint="write the values out instead of repeating aliases",
                    )
            self.seen.add(id(node))
        if isinstance(node, dict):
            return {
                str(k) if not isinstance(k, str | int) else k: self.convert(v)
                for k, v in node.items()
            }
        if isinstance(node, list):
            return [self.convert(v) for v in node]
        return _plain(node)


def _plain(node: Any) -> Any:
    """One scalar as a plain Python value."""
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
    import tomllib  # here: its patterns cost start-up time, and most files are YAML

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"line (\d+)", str(exc))
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        if match and message.startswith("Invalid date"):
            lines = text.splitlines()
            number = int(match.group(1))
            written = re.search(
                r"\d{1,4}-\d{1,2}-\d{1,2}\S*", lines[number - 1] if number <= len(lines) else ""
            )
            if written:
                raise InputError(date_problem(written.group(0)), file=name, line=number) from None
        raise InputError(
            f"not valid TOML: {message}",
            file=name,
            line=int(match.group(1)) if match else None,
            hint="check the quotes and brackets on this line",
        ) from None
    except RecursionError:
        raise InputError("the TOML is nested too deeply to read", file=name) from None
    _refuse_deep(data, "TOML", name)
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
    _refuse_deep(data, "JSON", name)
    return DataFile(name, data, _key_line_finder(text, quote='"'))


MAX_DEPTH = 100  # a motion nests four or five levels; a catalogue six


def _refuse_deep(data: Any, kind: str, name: str) -> None:
    """The same refusal whichever Python reads the file: 3.13's readers go deeper
    than 3.11's before they give up, and what follows them would not."""
    level: list[Any] = [data] if isinstance(data, dict | list) else []
    for _ in range(MAX_DEPTH):
        level = [
            child
            for node in level
            for child in (node.values() if isinstance(node, dict) else node)
            if isinstance(child, dict | list)
        ]
        if not level:
            return
    raise InputError(f"the {kind} is nested too deeply to read", file=name)


def _trailing_comma(text: str, pos: int) -> int | None:
    """Where a comma stands just before a closing bracket, at or around ``pos``."""
    if text[pos : pos + 1] == "," and text[pos + 1 :].lstrip()[:1] in ("}", "]"):
        return pos
    before = text[:pos].rstrip()
    if before.endswith(",") and text[pos : pos + 1] in ("}", "]"):
        return len(before) - 1
    return None


# --- motiongen's own files, parsed once ----------------------------------------

_SAFE = {("builtins", "dict"), ("builtins", "list"), ("datetime", "date")}


def load_builtin(text: str, name: str) -> DataFile:
    """A packaged data file, from the cache when its content has been parsed before."""
    folder = cache_dir()
    if folder is None:
        return loads(text, name)
    digest = hashlib.sha256(cachefiles.code_key())
    digest.update(f"\0{_own_name(name)}\0{text}".encode())
    key = digest.hexdigest()[:32]
    path = folder / f"{key}.pickle"
    cached = _read_cache(path)
    if cached is not None:
        data, lines = cached
        return DataFile(name, data, lines.get)
    parsed = loads(text, name)
    lines = _line_table(parsed)
    _write_cache(path, (parsed.data, lines))
    return DataFile(name, parsed.data, lines.get)


def _own_name(name: str) -> str:
    """A packaged file's name alone, not where it is installed: what it holds is the same
    wherever that is, so the entries built with the wheel (``prebuilt``) are found."""
    return Path(name).name


def _line_table(parsed: DataFile) -> dict[tuple[str | int, ...], int]:
    """Every path in the data with its own line, so no parser is needed to find it later."""
    table: dict[tuple[str | int, ...], int] = {}

    def walk(node: Any, loc: tuple[str | int, ...]) -> None:
        if loc:
            line = parsed._line_of(loc)
            if line is not None:
                table[loc] = line
        if isinstance(node, dict):
            for key, value in node.items():
                walk(value, (*loc, key))
        elif isinstance(node, list):
            for index, value in enumerate(node):
                walk(value, (*loc, index))

    walk(parsed.data, ())
    return table


def load_builtin_checked(
    text: str,
    name: str,
    check: Callable[[DataFile], T],
    code: Sequence[ModuleType],
    kind: type[T],
) -> tuple[DataFile, T]:
    """A packaged data file, parsed and then validated by ``check`` into a ``kind``, each once.

    ``code`` holds the modules that define the models ``check`` returns: their
    pydantic models are the only classes read back. The package's code is part of
    the key (``cachefiles.code_key``), so an edited model or validator is
    validated afresh.
    What is read back is not validated again: the cache folder is the user's own,
    and a file in it can at most hold other values, never run code.
    """
    folder = cache_dir()
    if folder is None:
        source = loads(text, name)
        return source, check(source)
    key = hashlib.sha256(cachefiles.code_key())
    key.update(f"\0{_pydantic_version()}\0{_own_name(name)}\0{text}".encode())
    path = folder / f"{key.hexdigest()[:32]}.models.pickle"
    cached = _read_cache(path, _models_in(code), size=3)
    if cached is not None and isinstance(cached[2], kind):
        data, lines, checked = cached
        return DataFile(name, data, lines.get), checked
    source = load_builtin(text, name)
    checked = check(source)
    lines = _line_table(source)
    _write_cache(path, (source.data, lines, checked))
    return source, checked


def cached(kind: str, key: Sequence[bytes], make: Callable[[], T]) -> T:
    """Plain data (bytes, text, numbers, lists, dicts) that ``make`` builds, kept in the cache.

    ``key`` holds everything the data depends on besides motiongen's own code,
    which is always part of it; ``kind`` names the file. A damaged, unreadable or
    unwritable cache costs only the call to ``make``.
    """
    folder = cache_dir()
    if folder is None:
        return make()
    digest = hashlib.sha256(cachefiles.code_key())
    for part in key:
        digest.update(hashlib.sha256(part).digest())
    path = folder / f"{digest.hexdigest()[:32]}.{kind}.pickle"
    hit = _read_cache(path, size=2)
    if hit is not None and hit[0] == kind:
        return hit[1]
    value = make()
    _write_cache(path, (kind, value))
    return value


def _pydantic_version() -> str:
    from pydantic import VERSION  # already imported by whoever has models to cache

    return str(VERSION)


def _models_in(code: Sequence[ModuleType]) -> dict[tuple[str, str], type]:
    from pydantic import BaseModel

    return {
        (module.__name__, name): value
        for module in code
        for name, value in vars(module).items()
        if isinstance(value, type)
        and issubclass(value, BaseModel)
        and value.__module__ == module.__name__
    }


class _Unpickler(pickle.Unpickler):
    """Plain data, and only the given model classes: a cache file is never a way to run code.

    A pydantic model is rebuilt from its pickled ``__dict__`` by its own
    ``__setstate__``, with no validator and no other class involved.
    """

    def __init__(self, raw: bytes, models: dict[tuple[str, str], type] | None = None) -> None:
        super().__init__(io.BytesIO(raw))
        self.models = models or {}

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) in _SAFE:
            return dt.date if module == "datetime" else getattr(builtins, name)
        if (module, name) in self.models:
            return self.models[(module, name)]
        raise pickle.UnpicklingError(f"{module}.{name} is not plain data")


def _read_cache(
    path: Path, models: dict[tuple[str, str], type] | None = None, *, size: int = 2
) -> tuple[Any, ...] | None:
    raw = cachefiles.read(path)
    if raw is None:
        return None
    try:
        value = _Unpickler(raw, models).load()
    except Exception:  # a damaged cache file is only a missed saving
        return None
    if not isinstance(value, tuple) or len(value) != size or not isinstance(value[1], dict):
        return None
    return value


def _write_cache(path: Path, value: object) -> None:
    cachefiles.write(path, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))


# --- pydantic errors ----------------------------------------------------------


# Words YAML 1.1 readers (PyYAML, older editors) take for booleans or nulls: quoted
# when written, so a spec means the same to every tool that opens it.
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_YAML11_WORDS = re.compile(r"(?i:y|n|yes|no|on|off|true|false|null|~)|\d+(:[0-5]?\d)+(\.\d*)?")


def dump_yaml(data: Any) -> str:
    """Data as YAML a person can read and edit: block style, two-space indents,
    text quoted only where it must be (and where YAML 1.1 would read it otherwise).

    Comments already on ruamel's mappings and lists (``CommentedMap``) are kept."""
    import io

    from ruamel.yaml import YAML
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    def quoted(value: Any) -> Any:
        if isinstance(value, str) and _ISO_DATE.fullmatch(value):
            with contextlib.suppress(ValueError):
                return dt.date.fromisoformat(value)  # a date, written as one
        if isinstance(value, str) and _YAML11_WORDS.fullmatch(value):
            return DoubleQuotedScalarString(value)
        if isinstance(value, dict):
            for key in list(value):
                value[key] = quoted(value[key])
        elif isinstance(value, list):
            for index, item in enumerate(value):
                value[index] = quoted(item)
        return value

    yaml = YAML(typ="rt")
    yaml.default_flow_style = False
    yaml.width = 4096  # a clause on one line, as it is edited, never folded mid-sentence
    yaml.indent(mapping=2, sequence=4, offset=2)
    buffer = io.StringIO()
    yaml.dump(quoted(data), buffer)  # dates come out as YYYY-MM-DD
    return buffer.getvalue()


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
    exc: Any,
    source: DataFile,
    *,
    prefix: Loc = (),
    what: str = "entry",
    suggest: Callable[[str], str | None] | None = None,
) -> InputError:
    """The first problem of a pydantic ``ValidationError`` as one clear message;
    ``suggest`` names the key meant by an unknown one at the top of the entry."""
    errors = exc.errors(include_url=False)
    # A misspelt key shows up as an unknown key and a missing one: name the typo first.
    # Where a value may take several forms (an id, or {text: ...}), the forms it does
    # not have the shape of say nothing: the one it has says what is wrong with it.
    every = list(errors)  # as it stands: a list being sorted reads as empty
    errors = [e for e in every if not _other_form(e, every)]
    errors.sort(key=lambda e: e["type"] != "extra_forbidden")
    first = errors[0]
    loc = prefix + tuple(p for p in first["loc"] if not _is_union_tag(p))
    field_named = (first.get("ctx") or {}).get("field")
    if field_named and not first["loc"]:  # a rule of the whole entry about one of its keys
        loc = (*prefix, field_named)
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
        elif suggest is not None and not parent:
            meant = suggest(str(first["loc"][-1]))
            if meant:
                message = f"unknown key: did you mean '{meant}'?"
    more = len(errors) - 1
    hint = f"and {more} more problem{'s' if more > 1 else ''} in this {what}" if more else None
    return InputError(
        message, file=source.path, line=source.line_of(loc), field=format_loc(loc), hint=hint
    )


def _is_union_tag(part: str | int) -> bool:
    return isinstance(part, str) and (
        part.startswith(("function-", "json-or-python", "constrained-", "list["))
        or part in {"str", "list[...]", "dict"}
        or part[:1].isupper()  # a model's class name, such as ById
    )


# Errors that say a value is not of a form at all: the wrong type, or a set of keys
# of another kind.
_SHAPE = {
    "string_type", "list_type", "dict_type", "model_type", "model_attributes_type",
    "extra_forbidden", "missing",
}  # fmt: skip


def _other_form(error: dict[str, Any], errors: list[dict[str, Any]]) -> bool:
    """An error of a form of a union the value is not of, where another form's error
    is about the value itself (a bad id in a list, a clause too long)."""
    if error["type"] not in _SHAPE or not any(_is_union_tag(p) for p in error["loc"]):
        return False
    return any(e["type"] not in _SHAPE and any(_is_union_tag(p) for p in e["loc"]) for e in errors)


def _friendly(error: dict[str, Any]) -> str:
    kind = error["type"]
    if kind == "missing":
        return "this key is required but missing"
    if kind == "extra_forbidden":
        return "unknown key: check its spelling against the README's table of keys"
    if kind == "string_type":
        return f"expected text, got {_describe(error.get('input'))}"
    if kind in {"list_type", "tuple_type"}:
        return f"expected a list, got {_describe(error.get('input'))}"
    if kind in {"model_type", "dict_type", "model_attributes_type"}:
        return f"expected a set of keys, got {_describe(error.get('input'))}"
    if kind.startswith("date_") or kind.startswith("datetime_"):
        value = error.get("input")
        if isinstance(value, str) and re.match(r"\s*\d{1,4}-\d{1,2}-\d{1,2}", value):
            return date_problem(value)
        return "expected a date, written as 14/01/2027, 14 January 2027 or 2027-01-14"
    if kind == "string_too_short" or (kind == "too_short" and isinstance(error.get("input"), str)):
        return "this is empty: write some words here, or leave the key out"
    if kind in {"string_too_long", "too_long"} and isinstance(error.get("input"), str):
        limit = error.get("ctx", {}).get("max_length")
        size = len(error["input"])
        return f"this is {size:,} characters long; it must fit in {limit:,}, so shorten it"
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
