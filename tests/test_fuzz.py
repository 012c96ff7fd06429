"""Fuzzers for every file a user hands motiongen, driven through the CLI in-process.

Specs, CSV merges, drafts, settings, catalogues, profiles and templates. Whatever
they hold, the command ends with an exit code from PRODUCT.md (0, 1, 2 or 130),
never a traceback; what it says on stderr carries no control character, and an
error is one line; and no file is written outside the output folder.

CI runs a few examples of each. ``MOTIONGEN_FUZZ=nightly`` runs 10,000 of each;
``MOTIONGEN_FUZZ_COUNT=FILE`` adds a line to FILE for each example run, so a
long run stopped by a time limit still says how far it got:

    MOTIONGEN_FUZZ=nightly MOTIONGEN_FUZZ_COUNT=fuzz.count python -m pytest tests/test_fuzz.py
"""

from __future__ import annotations

import itertools
import json
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from conftest import REPO
from motiongen.cli.commands import app

PROFILES = {
    "ci": settings(
        max_examples=25,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    ),
    "nightly": settings(
        max_examples=10_000,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    ),
}
FUZZ = PROFILES[os.environ.get("MOTIONGEN_FUZZ", "ci")]
COUNT = os.environ.get("MOTIONGEN_FUZZ_COUNT")
EXIT_CODES = {0, 1, 2, 130}
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
RUNNER = CliRunner()

# --- what users' files may hold -------------------------------------------------------------

nasty = st.sampled_from(
    [
        "\x00",
        "\x1b]0;pwned\x07",
        "\x1b[31m",
        "\ufeff",
        "\u200b",
        "\u202e",
        "\r\n",
        "\x85",
        "[/]",
        "{{ 7*7 }}",
        "{0.__class__}",
        "*a",
        "&a",
        "!!python/object:os.system",
        "2027-02-30",
        "0000-01-01",
        "2027-01-14T10:00:00+25:00",
        "CON",
        "../../etc/passwd",
        "/tmp/x",
        "a" * 300,
        "🏳️‍🌈",
        "no",
        "~",
        "null",
        "- x",
        ": :",
        "'",
        '"',
        "[",
        "{",
        "#",
        "\t",
    ]
)
text = st.one_of(st.text(max_size=40), nasty, st.lists(nasty, max_size=4).map("".join))
scalar = st.one_of(
    text,
    st.integers(min_value=-(10**20), max_value=10**20),
    st.booleans(),
    st.none(),
    st.dates().map(str),
)
value = st.recursive(
    scalar,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=10), inner, max_size=4)
    ),
    max_leaves=12,
)
SPEC_KEYS = [
    "profile", "title", "submitted_by", "to", "meeting_date", "deadline", "nation", "proposer",
    "seconder", "calls_on", "commission", "demands", "notes", "believes", "resolves",
    "mandates", "word_limit", "carried_on", "output",
]  # fmt: skip
GOOD = {
    "profile": "labour-branch",
    "title": "Keep our children's homes public",
    "submitted_by": "Anytown Branch",
    "proposer": "Sam",
    "seconder": "Alex",
    "meeting_date": "2027-01-14",
    "demands": ["halt-nass", "council-run-childrens-homes"],
    "notes": ["foster-placements-private-share", {"text": "Our own fact."}],
}
good_ids = st.sampled_from(["halt-nass", "nationalise-foster-care", "nosuch", "Halt-Nass"])


@st.composite
def motions(draw: Any) -> dict[str, Any]:
    """A sound motion with some keys spoilt: far more reach the writers than random dicts."""
    motion: dict[str, Any] = dict(GOOD)
    for key in draw(st.lists(st.sampled_from([*SPEC_KEYS, "colour"]), max_size=4)):
        motion[key] = draw(
            st.one_of(value, text, st.lists(good_ids, max_size=3), st.builds(dict, text=text))
        )
    for key in draw(st.lists(st.sampled_from(list(GOOD)), max_size=2)):
        motion.pop(key, None)
    return motion


def to_yaml(data: Any) -> str:
    from motiongen.io.datafile import dump_yaml

    return dump_yaml(data) if isinstance(data, dict) else json.dumps(data)


def to_toml(data: dict[str, Any]) -> str:
    lines = []
    for key, item in data.items():
        if item is not None:
            lines.append(f"{json.dumps(str(key))} = {json.dumps(item, ensure_ascii=False)}")
    return "\n".join(lines) + "\n"


yaml_tricks = st.sampled_from(
    [
        "x: &a [1, 2]\ny: *a\n",
        "meeting_date: 2027-02-30\n",
        "meeting_date: 2027-01-14 10:00:00 +25:00\n",
        "title: !!binary aGVsbG8=\n",
        "title: !custom x\n",
        "<<: {title: merged}\n",
        "title: |\n  two\n  lines\n",
        "? [a, b]\n: c\n",
        "demands: [\n",
        "\t- tab\n",
        "%YAML 1.1\n---\ntitle: T\n",
        "---\n---\n",
        "title: T\ntitle: U\n",
    ]
)


@st.composite
def spec_files(draw: Any) -> tuple[str, str]:
    """A spec file's suffix and text: serialised motions, with YAML tricks and raw noise."""
    kind = draw(st.sampled_from(["yaml", "json", "toml", "raw"]))
    motion = draw(motions())
    if kind == "json":
        return "json", json.dumps(motion, ensure_ascii=draw(st.booleans()))
    if kind == "toml":
        return "toml", to_toml(motion)
    body = to_yaml(motion)
    if kind == "raw":
        body = draw(st.one_of(st.text(max_size=200), yaml_tricks)) + draw(
            st.sampled_from(["", body])
        )
    else:
        body += draw(st.one_of(st.just(""), yaml_tricks))
    return "yaml", body


# --- running a command and judging what it did ---------------------------------------------------


ROOT = Path(tempfile.mkdtemp(prefix="motiongen-fuzz-"))
EXAMPLE = itertools.count()


@contextmanager
def sandbox() -> Iterator[Path]:
    """A fresh folder as the current folder, and a fresh config folder, per example."""
    old_cwd = Path.cwd()
    old_config = os.environ.get("MOTIONGEN_CONFIG_DIR")
    home = ROOT / str(next(EXAMPLE))
    home.mkdir()
    try:
        (home / "in").mkdir()
        (home / "cfg").mkdir()
        os.environ["MOTIONGEN_CONFIG_DIR"] = str(home / "cfg")
        os.chdir(home)
        yield home
    finally:
        os.chdir(old_cwd)
        if old_config is None:
            os.environ.pop("MOTIONGEN_CONFIG_DIR", None)
        else:
            os.environ["MOTIONGEN_CONFIG_DIR"] = old_config
        shutil.rmtree(home, ignore_errors=True)


def run(home: Path, args: list[str], *, one_line: bool = True) -> Any:
    """Run motiongen and check the promises; returns the result."""
    try:
        result = _run(home, args, one_line=one_line)
    except BaseException:
        _count("FAILED")
        raise
    _count("ran")
    return result


def _count(outcome: str) -> None:
    if COUNT:
        with open(COUNT, "a", encoding="utf-8") as log:
            test = os.environ.get("PYTEST_CURRENT_TEST", "?").split(" ")[0]
            log.write(f"{test} {outcome}\n")


def _run(home: Path, args: list[str], *, one_line: bool) -> Any:
    before = _files(home)
    result = RUNNER.invoke(app, args)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception  # a traceback: hypothesis shows and shrinks it
    assert result.exit_code in EXIT_CODES, (result.exit_code, result.stderr)
    stderr = result.stderr
    assert "Traceback" not in stderr
    for line in stderr.splitlines():
        assert not CONTROL.search(line), repr(line)
    errors = [line for line in stderr.splitlines() if line.startswith("Error:")]
    if one_line and errors:
        assert len(errors) == 1 and stderr.count("\n") == 1, stderr
    made = _files(home) - before
    allowed = (home / "out", home / "cfg")
    stray = [p for p in made if not any(p.is_relative_to(a) for a in allowed)]
    assert not stray, f"written outside the output folder: {stray}"
    assert not [p for p in made if p.name.endswith(".tmp")], made
    return result


def _files(home: Path) -> set[Path]:
    return {p for p in home.rglob("*") if p.is_file() or p.is_symlink()}


# --- the fuzzers -------------------------------------------------------------------------------


@FUZZ
@given(spec=spec_files(), command=st.sampled_from(["check", "build", "stdout"]))
def test_fuzz_specs(spec: tuple[str, str], command: str) -> None:
    suffix, body = spec
    with sandbox() as home:
        path = home / "in" / f"motion.{suffix}"
        path.write_text(body, encoding="utf-8", errors="surrogatepass")
        if command == "check":
            run(home, ["check", str(path), "--json"])
        elif command == "stdout":
            run(home, ["build", str(path), "--out-dir", "-", "--format", "md"])
        else:
            run(home, ["build", str(path), "--out-dir", "out", "--format", "md,txt,docx"])


csv_cell = st.one_of(text, st.sampled_from(['"a\nb"', '"x,y"', '"', "=1+1", ";", ""]))


@FUZZ
@given(
    columns=st.lists(
        st.one_of(
            st.sampled_from(["submitted_by", "proposer", "seconder", "meeting_date", "demands"]),
            text,
        ),
        min_size=0,
        max_size=4,
    ),
    rows=st.lists(st.lists(csv_cell, max_size=5), max_size=5),
    separator=st.sampled_from([",", ";", "\t"]),
    ending=st.sampled_from(["\n", "\r\n"]),
)
def test_fuzz_csv_merges(
    columns: list[str], rows: list[list[str]], separator: str, ending: str
) -> None:
    with sandbox() as home:
        body = ending.join(separator.join(row) for row in [columns, *rows]) + ending
        merge = home / "in" / "branches.csv"
        merge.write_text(body, encoding="utf-8", errors="surrogatepass")
        model = REPO / "examples" / "region-model.yaml"
        run(
            home,
            ["build", str(model), "--merge", str(merge), "-o", "out", "-f", "txt"],
            one_line=False,  # one line for each row that fails
        )


@FUZZ
@given(draft=st.one_of(motions(), value), extra=st.one_of(st.just(""), yaml_tricks))
def test_fuzz_drafts(draft: Any, extra: str) -> None:
    with sandbox() as home:
        body = to_yaml(draft) if isinstance(draft, dict) else json.dumps(draft)
        (home / "cfg" / "draft.yaml").write_text(body + extra, encoding="utf-8")
        run(home, ["new", "--resume", "--yes", "--format", "txt", "--output", "out/"])


settings_values = st.dictionaries(
    st.sampled_from(["profile", "submitted_by", "proposer", "nation", "formats", "out_dir", "x"]),
    st.one_of(value, st.sampled_from(["/proc/1", "..", "/", "out/../..", "docx"])),
    max_size=5,
)


@FUZZ
@given(remembered=st.one_of(settings_values, value), extra=st.one_of(st.just(""), yaml_tricks))
def test_fuzz_settings(remembered: Any, extra: str) -> None:
    with sandbox() as home:
        body = to_yaml(remembered) if isinstance(remembered, dict) else json.dumps(remembered)
        (home / "cfg" / "settings.yaml").write_text(body + extra, encoding="utf-8")
        args = ["new", "--yes", "--profile", "labour-branch", "--title", "T"]
        args += ["--demand", "halt-nass", "--output", "out/", "--format", "txt"]
        result = run(home, args)
        assert result.exit_code in (0, 1), result.stderr  # settings never stop a motion


@st.composite
def catalogues(draw: Any) -> Any:
    demand = {
        "id": draw(st.one_of(st.just("our-demand"), text)),
        "title": draw(st.one_of(st.just("Our demand"), value)),
        "theme": draw(st.one_of(st.just("ownership"), value)),
        "clause": draw(st.one_of(st.just("keep our homes public"), value)),
        "acted_on_by": draw(st.one_of(st.just(["council"]), value)),
        "sources": [{"source": "lswg-briefing-2021", "at": draw(st.one_of(st.just("x"), value))}],
    }
    fact = {
        "id": draw(st.one_of(st.just("our-fact"), text)),
        "statement": draw(st.one_of(st.just("A fact."), value)),
        "year": draw(st.one_of(st.just(2025), value)),
        "holds_for": ["england"],
        "scope": "our county",
        "sources": [{"source": "lswg-briefing-2021", "at": "x"}],
    }
    return draw(st.one_of(st.just({"demands": [demand], "evidence": [fact]}), value))


@FUZZ
@given(own=catalogues(), extra=st.one_of(st.just(""), yaml_tricks))
def test_fuzz_catalogues(own: Any, extra: str) -> None:
    with sandbox() as home:
        path = home / "in" / "own.yaml"
        path.write_text(to_yaml(own) + extra, encoding="utf-8")
        run(home, ["--catalogue", str(path), "demands", "list", "--json"])


BUILT_IN_PROFILE = (REPO / "seeds" / "profiles" / "napo-agm.yaml").read_text(encoding="utf-8")


@FUZZ
@given(
    changes=st.lists(
        st.tuples(
            st.sampled_from(
                ["id:", "word_limit:", "name:", "body:", "date:", "position:", "lead:", "item:"]
            ),
            st.one_of(text, st.integers().map(str), st.sampled_from(["[", "2026-02-30", "{x}"])),
        ),
        max_size=3,
    )
)
def test_fuzz_profiles(changes: list[tuple[str, str]]) -> None:
    profile = BUILT_IN_PROFILE.replace("id: napo-agm", "id: our-agm")
    for key, new in changes:
        pattern = re.compile(rf"(?m)^(\s*{re.escape(key)}).*$")
        profile = pattern.sub(lambda m, new=new: f"{m.group(1)} {new}", profile)
    with sandbox() as home:
        path = home / "in" / "ours.yaml"
        path.write_text(profile, encoding="utf-8", errors="surrogatepass")
        spec = home / "in" / "m.yaml"
        spec.write_text(to_yaml({**GOOD, "profile": "our-agm"}), encoding="utf-8")
        run(home, ["--profiles", str(path), "build", str(spec), "-o", "out", "-f", "md,txt"])


template_parts = st.sampled_from(
    [
        "{{ doc.title }}",
        "{{ doc.title | md }}",
        "{{ doc.nosuch }}",
        "{{ 1/0 }}",
        "{{ 'x' * 10**9 }}",
        "{{ 9 ** 9999 }}",
        "{% for i in range(10**7) %}x{% endfor %}",
        "{% for i in range(3000) %}{% for j in range(3000) %}{% endfor %}{% endfor %}",
        "{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}",
        "{{ doc.__class__.__mro__ }}",
        "{{ ''.__class__.__subclasses__() }}",
        "{% include 'motion.md.j2' %}",
        "{% extends 'default:motion.md.j2' %}",
        "{% extends 'nosuch.j2' %}",
        "{{ meta }}{{ people }}",
        "{% for label, v in meta %}{{ label }}: {{ v }}{% endfor %}",
        "{% if %}",
        "{{",
        "{% raw %}",
        "\x00",
        "{{ '\\x1b]0;x\\x07' }}",
        "{{ lipsum(10**6) }}",
        "{{ range(10)|list }}",
        "{{ doc.title * 100000 }}",
    ]
)


@FUZZ
@given(parts=st.lists(st.one_of(template_parts, text), min_size=1, max_size=4))
def test_fuzz_templates(parts: list[str]) -> None:
    from motiongen.output import render

    render.SECONDS, saved = 2, render.SECONDS
    try:
        with sandbox() as home:
            folder = home / "in" / "tpl"
            folder.mkdir()
            (folder / "motion.md.j2").write_text(
                "".join(parts), encoding="utf-8", errors="surrogatepass"
            )
            spec = REPO / "examples" / "anytown-branch.yaml"
            run(home, ["build", str(spec), "--templates", str(folder), "-o", "out", "-f", "md"])
    finally:
        render.SECONDS = saved


# --- Word files from outside: a sound .docx, mutated ---------------------------------------------

XML_TRICKS = [
    b"",
    b"<",
    b"\xff\xfe\x00<",
    b'<?xml version="1.0" encoding="UTF-16"?><a/>',
    b'<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>',
    b'<!DOCTYPE a SYSTEM "file:///etc/passwd"><a/>',
    b'<?xml version="1.0"?><!DOCTYPE a [<!ENTITY % p SYSTEM "http://example.invalid/">%p;]><a/>',
    b"<a>" * 5000 + b"</a>" * 5000,
    b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>',
    b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    b"<w:body><w:p><w:pPr><w:pStyle/><w:numPr/></w:pPr><w:r><w:t/></w:r></w:p>"
    b"<w:tbl><w:tr><w:tc/></w:tr></w:tbl><w:sdt/></w:body></w:document>",
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="r" Type="x/officeDocument" Target="../../../etc/passwd"/></Relationships>',
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="r" Type="x/styles" Target="/word/document.xml"/></Relationships>',
    b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
    b"\x00" * 64,
]


@st.composite
def docx_mutations(draw: Any) -> bytes:
    """A sound motion or letterhead made with python-docx, then spoilt: bytes of the
    zip flipped or cut, or a part's XML flipped, cut, replaced, dropped or doubled."""
    from hostiledocx import good, letterhead, members, rezip

    base = draw(st.sampled_from(["motion", "letterhead"]))
    package = _BASES.get(base) or _BASES.setdefault(
        base, good() if base == "motion" else letterhead()
    )
    names = sorted(members(package))
    kind = draw(st.sampled_from(["bytes", "cut", "part", "part", "part", "drop", "add"]))
    if kind == "bytes":
        data = bytearray(package)
        for _ in range(draw(st.integers(1, 8))):
            data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
        return bytes(data)
    if kind == "cut":
        return package[: draw(st.integers(0, len(package)))]
    name = draw(st.sampled_from(names))
    if kind == "drop":
        return rezip(package, {name: None})
    if kind == "add":
        return rezip(package, add={name: draw(st.sampled_from(XML_TRICKS))})
    old = members(package)[name]
    how = draw(st.sampled_from(["flip", "cut", "trick", "splice"]))
    if how == "trick":
        new = draw(st.sampled_from(XML_TRICKS))
    elif how == "cut":
        new = old[: draw(st.integers(0, len(old)))]
    elif how == "splice":
        at = draw(st.integers(0, len(old)))
        new = old[:at] + draw(st.sampled_from(XML_TRICKS)) + old[at:]
    else:
        data = bytearray(old)
        for _ in range(draw(st.integers(1, 6))):
            if data:
                at = draw(st.integers(0, len(data) - 1))
                data[at] = draw(st.sampled_from([*b'<>/"=&; \x00w:rIdTarget', 0xFF]))
        new = bytes(data)
    return rezip(package, {name: new})


_BASES: dict[str, bytes] = {}


def _shape(name: str) -> bytes:
    import hostiledocx

    return hostiledocx.DAMAGED[name][0]()


@FUZZ
@given(docx=docx_mutations(), command=st.sampled_from(["import", "check", "reference-docx"]))
# Shapes the hostile round found, tried first in every run.
@example(docx=_shape("corrupt-deflate"), command="import")
@example(docx=_shape("no-body"), command="check")
@example(docx=_shape("unsupported-compression"), command="reference-docx")
def test_fuzz_word_files(docx: bytes, command: str) -> None:
    """A Word file from outside, however damaged: imported, checked or used as a
    letterhead, it works or is one line (an InputError), never a traceback."""
    with sandbox() as home:
        path = home / "in" / "theirs.docx"
        path.write_bytes(docx)
        (home / "out").mkdir()
        if command == "import":
            run(home, ["import", str(path), "-o", "out/theirs.yaml"])
        elif command == "check":
            run(home, ["check", str(path)])
        else:
            cache = os.environ.get("MOTIONGEN_CACHE_DIR")
            os.environ["MOTIONGEN_CACHE_DIR"] = ""  # a base per example: not kept
            try:
                spec = REPO / "examples" / "anytown-branch.yaml"
                run(
                    home,
                    ["build", str(spec), "-f", "docx", "-o", "out", "--reference-docx", str(path)],
                )
            finally:
                if cache is None:
                    os.environ.pop("MOTIONGEN_CACHE_DIR", None)
                else:
                    os.environ["MOTIONGEN_CACHE_DIR"] = cache
