"""A user's pattern is checked for catastrophic shapes when its file is read, and
refused in one line naming the file, the line and the key (issue 21, part 4)."""

from __future__ import annotations

import re
import signal
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

import child
from conftest import REPO
from motiongen.patterns import problem

CATASTROPHIC = [
    r"^(\w+\s?)*$",
    r"(a+)+$",
    r"(a*)*b",
    r"(a|a)*$",
    r"(\d+,?)*x",
    r"((ab)*)+c",
    r"(?:\s*\w)+\s*\s*$",
    r"\s*\s*x",
    r"\w+\s*\w+!",
    r".*x.*y",
    r"(.*a){12}",
    r"(?:(?:a|b)+)+c",
]
FINE = [
    r"\bcase[- ]?holding\b",
    r"(?:\w+ )*government",
    r"(\w+\s+)*x",
    r"(a|ab)*c",
    r"(\w|\d)+",
    r"\bnot .* enough\b",
    r"[^,]*,[^,]*",
    r"(?:\d+,)*\d+",
    r"x{2,5}",
    r"a+b+c+",
    r"(?<!tory )\bausterity\b(?! (?:of|since) (?:the )?(?:19|20))",
]


@pytest.mark.parametrize("pattern", CATASTROPHIC)
def test_a_catastrophic_shape_is_found(pattern: str) -> None:
    why = problem(pattern)
    assert why is not None
    assert "for ever" in why or "minutes" in why


@pytest.mark.parametrize("pattern", FINE)
def test_an_ordinary_pattern_is_not_refused(pattern: str) -> None:
    assert problem(pattern) is None


def _seed_patterns() -> Iterator[str]:
    yaml = YAML(typ="safe")
    for path in [REPO / "seeds" / "guidance.yaml", *(REPO / "seeds" / "profiles").glob("*.yaml")]:
        data = yaml.load(path.read_text(encoding="utf-8"))
        for rule in data.get("guidance", []):
            yield from rule["avoid"]
        period = data.get("period") or {}
        yield from (period.get("out_of_date") or {}).get("avoid", [])


def test_every_built_in_pattern_passes_the_check() -> None:
    found = list(_seed_patterns())
    assert len(found) >= 10
    assert [p for p in found if problem(p) is not None] == []


# --- the command line --------------------------------------------------------------------------


def motiongen(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return child.motiongen(args, cwd, seconds=20.0, memory=None)


BAD = r"^(\w+\s?)*$"


def _profile_with(folder: Path, pattern: str) -> Path:
    text = (REPO / "seeds" / "profiles" / "labour-branch.yaml").read_text(encoding="utf-8")
    text = text.replace("id: labour-branch", "id: our-branch", 1)
    marker = "    avoid:\n"
    assert marker in text
    text = text.replace(marker, marker + f"      - '{pattern}'\n", 1)
    path = folder / "ours.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("command", ["check", "build", "brief"])
def test_a_catastrophic_pattern_in_a_profile_is_refused_in_one_line(
    command: str, tmp_path: Path
) -> None:
    profile = _profile_with(tmp_path, BAD)
    spec = tmp_path / "motion.yaml"
    spec.write_text(
        (REPO / "examples" / "anytown-branch.yaml")
        .read_text(encoding="utf-8")
        .replace("profile: labour-branch", "profile: our-branch"),
        encoding="utf-8",
    )
    args = {"check": ["check", str(spec)], "build": ["build", str(spec), "-f", "txt", "-o", "out"]}
    args["brief"] = ["brief", str(spec), "-f", "md", "-o", "out"]
    result = motiongen(["--profiles", str(profile), *args[command]], tmp_path)
    assert result.returncode == 2, result.stderr
    (line,) = result.stderr.splitlines()
    line_no = profile.read_text(encoding="utf-8").splitlines().index(f"      - '{BAD}'") + 1
    assert line.startswith(f"Error: {profile}:{line_no}: period.out_of_date.avoid")
    assert "could run for minutes or for ever" in line


def test_a_catastrophic_pattern_in_a_user_catalogue_is_refused_in_one_line(
    tmp_path: Path,
) -> None:
    catalogue = tmp_path / "own.yaml"
    catalogue.write_text(
        "guidance:\n"
        "  - id: our-rule\n"
        "    avoid:\n"
        "      - '(a|a)*$'\n"
        "    prefer: plain words\n"
        "    reason: Our branch's own advice.\n"
        "    severity: warning\n"
        "    sources:\n"
        "      - {source: lswg-briefing-2021, at: x}\n",
        encoding="utf-8",
    )
    spec = REPO / "examples" / "anytown-branch.yaml"
    result = motiongen(["--catalogue", str(catalogue), "check", str(spec)], tmp_path)
    assert result.returncode == 2, result.stderr
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"Error: {catalogue}:4: ")
    assert "avoid" in line and "for ever" in line


# --- what passes the check runs in time ----------------------------------------------------------


@contextmanager
def alarm(seconds: int) -> Iterator[None]:
    def expired(signum: int, frame: object) -> None:
        raise TimeoutError

    old = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


atoms = st.sampled_from(["a", "b", r"\w", r"\s", r"\d", ".", "[ab]", "[^a]", " ", "x", r"\b"])


def _combine(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.one_of(
        st.tuples(inner, inner).map("".join),
        st.tuples(inner, inner).map(lambda p: f"(?:{p[0]}|{p[1]})"),
        st.tuples(inner, st.sampled_from(["*", "+", "?", "{2,}", "{1,40}", "*?"])).map(
            lambda p: f"(?:{p[0]}){p[1]}"
        ),
    )


regexes = st.recursive(atoms, _combine, max_leaves=8)
TEXTS = ["a" * 600 + "!", " " * 600 + "!", "ab" * 300 + "!", "a " * 300 + "!", "1" * 600 + "y"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pattern=regexes)
def test_a_pattern_the_check_lets_through_runs_in_time(pattern: str) -> None:
    try:
        re.compile(pattern)
    except re.error:
        return
    if problem(pattern) is not None:
        return
    for text in TEXTS:
        try:
            with alarm(2):
                for _ in re.finditer(pattern, text, flags=re.IGNORECASE):
                    pass
        except TimeoutError:
            pytest.fail(f"{pattern!r} passed the check but ran for 2 s on {text[:10]!r}…")
