"""Both install modes find the catalogue: a plain wheel, and an editable checkout."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from conftest import REPO
from motiongen import paths as resources


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(out),
            str(REPO),
        ],
        check=True,
        capture_output=True,
    )
    (built,) = out.glob("motiongen-*.whl")
    return built


def test_the_wheel_carries_seeds_and_templates(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    for seed in sorted((REPO / "seeds").rglob("*.yaml")):
        assert f"motiongen/_data/seeds/{seed.relative_to(REPO / 'seeds').as_posix()}" in names
    assert "motiongen/cli/quick.json" in names  # the quick path's table of options
    # The cache entries a first run would make, made ahead, with the key they are under.
    assert "motiongen/_prebuilt/code-key" in names
    assert any(n.startswith("motiongen/_prebuilt/view-") for n in names)
    assert any(n.endswith(".models.pickle") for n in names)
    assert any(n.endswith(".jinja") for n in names)  # the packaged templates' code
    templates = [n for n in names if n.startswith("motiongen/_data/templates/")]
    assert len(templates) == len([p for p in (REPO / "templates").rglob("*") if p.is_file()])


def test_an_installed_wheel_lists_the_catalogue_from_another_folder(
    wheel: Path, tmp_path: Path
) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "-q",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {
        **os.environ,
        "PYTHONPATH": str(target),
        "MOTIONGEN_CONFIG_DIR": str(tmp_path / "c"),
        "MOTIONGEN_CACHE_DIR": str(tmp_path / "cache"),
    }
    where = subprocess.run(
        [sys.executable, "-c", "import motiongen, sys; print(motiongen.__file__)"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert where.stdout.startswith(str(target))
    done = subprocess.run(
        [sys.executable, "-m", "motiongen", "demands", "list", "--json"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    ids = {d["id"] for d in json.loads(done.stdout)}
    assert "nationalise-foster-care" in ids
    assert not (tmp_path / "cache").exists()  # a first run: all of it came with the wheel
    # The templates and the document's words (sentences.toml) come from the wheel too.
    built = subprocess.run(
        [
            sys.executable, "-m", "motiongen", "build", str(REPO / "examples" / "napo-agm.yaml"),
            "--format", "txt,docx", "--out-dir", str(elsewhere / "out"),
        ],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
    )  # fmt: skip
    assert built.returncode == 0, built.stderr
    (txt,) = (elsewhere / "out").glob("*.txt")
    assert "The limit is 200." in txt.read_text("utf-8")


def test_an_editable_install_finds_the_checkout() -> None:
    resources.data_dir.cache_clear()
    if (Path(resources.__file__).parent / "_data").is_dir():
        pytest.skip("this run uses a wheel install, tested above")
    assert Path(str(resources.data_dir("seeds"))) == REPO / "seeds"
    assert Path(str(resources.data_dir("templates"))) == REPO / "templates"
