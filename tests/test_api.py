"""The Python API: the README's example runs as printed, and its names are the ones listed."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO
from motiongen import api
from motiongen.errors import InputError

README = (REPO / "README.md").read_text(encoding="utf-8")


def python_section() -> str:
    match = re.search(r"^## [^\n]*Python[^\n]*\n(.*?)(?=^## )", README, re.M | re.S)
    assert match, "the README has no section with 'Python' in its heading"
    return match.group(1)


def test_the_readme_example_runs_and_writes_a_document(tmp_path: Path) -> None:
    (example,) = re.findall(r"```python\n(.*?)```", python_section(), re.S)
    shutil.copytree(REPO / "examples", tmp_path / "examples")
    env = {**os.environ, "MOTIONGEN_CONFIG_DIR": str(tmp_path / "config")}
    done = subprocess.run(
        [sys.executable, "-c", example], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    written = sorted(p.name for p in (tmp_path / "motions").iterdir())
    assert [Path(n).suffix for n in written] == [".docx", ".md"]
    assert done.stdout.count("Wrote motions") == 2
    # Run again, the files are there: the example says so instead of failing.
    again = subprocess.run(
        [sys.executable, "-c", example], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert again.returncode == 0, again.stderr
    assert "already there" in again.stdout


def test_every_stable_name_is_listed_in_the_readme() -> None:
    section = python_section()
    for name in api.__all__:
        assert f"`{name}`" in section, name
        assert hasattr(api, name), name


def test_the_api_reads_checks_composes_and_writes(tmp_path: Path) -> None:
    mg = api.Motiongen(user_files=False)
    motion = mg.read(REPO / "examples" / "napo-agm.yaml")
    document = mg.compose(motion)
    assert document.profile.id == "napo-agm"
    findings = mg.check(motion)
    assert all(isinstance(f, api.Finding) for f in findings)
    paths = mg.write(motion, tmp_path, formats="txt", name="ours")
    assert paths == [tmp_path / "ours.txt"]
    assert document.title in paths[0].read_text(encoding="utf-8")
    with pytest.raises(InputError, match="already there"):
        mg.write(motion, tmp_path, formats="txt", name="ours")


def test_a_batch_from_python(tmp_path: Path) -> None:
    mg = api.Motiongen(user_files=False)
    motions = mg.read_all(REPO / "examples" / "region-batch.yaml")
    assert len(motions) >= 2
    results = mg.build([REPO / "examples" / "region-batch.yaml"], tmp_path, formats=["md"])
    assert [len(r.files) for r in results] == [1] * len(motions)
    with pytest.raises(InputError, match="a batch"):
        mg.read(REPO / "examples" / "region-batch.yaml")


def test_an_unknown_demand_raises_with_its_place(tmp_path: Path) -> None:
    spec = tmp_path / "m.yaml"
    spec.write_text("profile: labour-branch\ntitle: T\ndemands: [no-such-demand]\n")
    mg = api.Motiongen(user_files=False)
    with pytest.raises(InputError) as raised:
        mg.check(mg.read(spec))
    assert "no-such-demand" in str(raised.value)
