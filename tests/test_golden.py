"""One motion per built-in profile, rendered to Markdown and text, against files
checked in. After a deliberate change: UPDATE_GOLDEN=1 pytest tests/test_golden.py,
then read the diff before committing it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import REPO
from motiongen import catalogue, profiles
from motiongen.motion import spec
from motiongen.motion.compose import compose
from motiongen.output import render

GOLDEN = Path(__file__).parent / "golden"
EXAMPLES = {
    "labour-branch": "anytown-branch.yaml",
    "labour-conference": "labour-conference.yaml",
    "labour-npf": "labour-npf.yaml",
    "union-branch": "union-branch.yaml",
    "union-conference": "union-conference.yaml",
    "council": "council.yaml",
    "napo-agm": "napo-agm.yaml",
}


def test_every_built_in_profile_has_an_example() -> None:
    assert set(EXAMPLES) == set(profiles.load(with_user_files=False).profiles)


@pytest.mark.parametrize("profile_id", sorted(EXAMPLES))
@pytest.mark.parametrize("fmt", ["md", "txt"])
def test_rendering_matches_the_golden_file(profile_id: str, fmt: str) -> None:
    (job,) = spec.read(REPO / "examples" / EXAMPLES[profile_id])
    assert job.motion is not None and job.motion.profile == profile_id
    cat = catalogue.load(with_user_files=False)
    found = profiles.load(with_user_files=False)
    text = render.render(compose(job.motion, found.get(profile_id), cat), fmt)
    golden = GOLDEN / f"{profile_id}.{fmt}"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(text, encoding="utf-8")
    assert golden.is_file(), f"no golden file yet: run with UPDATE_GOLDEN=1 and read {golden}"
    assert text == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize("profile_id", sorted(EXAMPLES))
def test_numbered_lines_match_the_golden_file(profile_id: str) -> None:
    """The text export with --line-numbers: the layout amendments cite."""
    (job,) = spec.read(REPO / "examples" / EXAMPLES[profile_id])
    assert job.motion is not None
    cat = catalogue.load(with_user_files=False)
    found = profiles.load(with_user_files=False)
    text = render.render(compose(job.motion, found.get(profile_id), cat), "txt", line_width=80)
    golden = GOLDEN / f"{profile_id}.numbered.txt"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(text, encoding="utf-8")
    assert golden.is_file(), f"no golden file yet: run with UPDATE_GOLDEN=1 and read {golden}"
    assert text == golden.read_text(encoding="utf-8")
