"""The cache entries made ahead and shipped in the package: a first run reads them."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from conftest import REPO
from motiongen.io import cachefiles

EXAMPLE = REPO / "examples" / "anytown-branch.yaml"


def test_an_entry_the_folder_lacks_is_read_from_the_package_and_left_as_it_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shipped = tmp_path / "prebuilt"
    shipped.mkdir()
    entry = shipped / "view-0123456789abcdef0123456789abcdef.json"
    entry.write_bytes(b"{}")
    old = time.time() - 400 * cachefiles.DAY
    os.utime(entry, (old, old))
    monkeypatch.setattr(cachefiles, "PREBUILT", shipped)
    folder = tmp_path / "cache"
    assert cachefiles.read(folder / entry.name) == b"{}"
    assert cachefiles.read(folder / "view-ffffffffffffffffffffffffffffffff.json") is None
    assert entry.stat().st_mtime == pytest.approx(old)  # never marked as used
    assert not folder.exists()  # and nothing copied
    (folder).mkdir()
    (folder / entry.name).write_bytes(b"[]")
    assert cachefiles.read(folder / entry.name) == b"[]"  # the folder's own comes first


def _wheel_like(tmp_path: Path) -> Path:
    """motiongen laid out as its wheel installs it, with the entries its build makes."""
    site = tmp_path / "site"
    package = site / "motiongen"
    source = Path(cachefiles.__file__).parents[1]
    shutil.copytree(source, package, ignore=shutil.ignore_patterns("__pycache__", "_prebuilt"))
    shutil.copytree(REPO / "seeds", package / "_data" / "seeds")
    shutil.copytree(REPO / "templates", package / "_data" / "templates")
    made = subprocess.run(
        [sys.executable, "-m", "motiongen.prebuilt", str(package / "_prebuilt"),
         "--record-key"],
        env={**os.environ, "PYTHONPATH": str(site)},
        capture_output=True,
        text=True,
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    return site


def _run(site: Path | None, cache: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "MOTIONGEN_CACHE_DIR": str(cache)}
    if site is not None:
        env["PYTHONPATH"] = str(site)
    return subprocess.run(
        [sys.executable, "-m", "motiongen", *argv], env=env, capture_output=True, text=True
    )


def test_a_first_run_reads_the_entries_made_ahead_and_writes_none(tmp_path: Path) -> None:
    site = _wheel_like(tmp_path)
    shipped = site / "motiongen" / "_prebuilt"
    key = (shipped / cachefiles.RECORDED_KEY).read_text("ascii").strip()
    assert len(key) == 64 and int(key, 16) >= 0
    assert any(p.name.startswith("view-") for p in shipped.iterdir())
    assert any(p.name.endswith(".models.pickle") for p in shipped.iterdir())
    # Moved elsewhere (installed), with new modification times: still the same key.
    moved = tmp_path / "elsewhere"
    shutil.copytree(site, moved)
    for path in moved.rglob("*.py"):
        path.touch()
    for argv in (["demands", "list", "--json"], ["check", str(EXAMPLE)]):
        cold = _run(moved, tmp_path / f"cold-{argv[0]}", *argv)
        assert cold.returncode == 0, cold.stderr
        assert not (tmp_path / f"cold-{argv[0]}").exists(), argv  # nothing to compute
        computed = _run(None, tmp_path / f"computed-{argv[0]}", *argv)
        assert cold.stdout == computed.stdout
        if argv[0] == "demands":
            assert "halt-nass" in {d["id"] for d in json.loads(cold.stdout)}


def test_an_edited_seed_file_is_not_hidden_by_the_entries_made_ahead(tmp_path: Path) -> None:
    site = _wheel_like(tmp_path)
    seeds = site / "motiongen" / "_data" / "seeds" / "demands.yaml"
    text = seeds.read_text("utf-8")
    demand = next(line for line in text.splitlines() if line.strip().startswith("title:"))
    seeds.write_text(text.replace(demand, demand.rstrip() + " EDITED", 1), "utf-8")
    done = _run(site, tmp_path / "cache", "demands", "list")
    assert done.returncode == 0, done.stderr
    assert "EDITED" in done.stdout
    assert any((tmp_path / "cache").iterdir())  # computed, and kept in the user's folder


def test_the_packaged_templates_run_from_their_code_made_ahead(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from motiongen.output import render

    made = subprocess.run(
        [sys.executable, "-m", "motiongen.prebuilt", str(tmp_path / "pre")],
        capture_output=True,
        text=True,
    )
    assert made.returncode == 0, made.stderr
    assert len(list((tmp_path / "pre").glob("*.jinja"))) == len(
        list((REPO / "templates").glob("*.j2"))
    )
    monkeypatch.setattr(cachefiles, "PREBUILT", tmp_path / "pre")
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "motion.md.j2").write_text("{% extends 'default:motion.md.j2' %}\n", "utf-8")
    for user_dir, compiled_expected in ((None, set()), (str(mine), {"motion.md.j2"})):
        env = render.make_environment(user_dir, render.packaged_code())
        compiled = _watch_compiling(env)
        fresh = render.make_environment(user_dir, None)
        for name in ("motion.md.j2", "paper.txt.j2"):
            assert env.get_template(name).filename == fresh.get_template(name).filename
        # Only the user's own template was compiled; the packaged parent it extends was not.
        assert compiled == compiled_expected
        parent = env.get_template("default:motion.md.j2")
        assert parent.blocks.keys() == fresh.get_template("default:motion.md.j2").blocks.keys()


def _watch_compiling(env: Any) -> set[str]:
    """The names of the templates ``env`` compiles from here on."""
    compiled: set[str] = set()
    real = env.compile

    def compile(source: str, name: str | None = None, *args: Any, **kw: Any) -> Any:
        compiled.add(str(name))
        return real(source, name, *args, **kw)

    env.compile = compile
    return compiled


def test_a_first_word_document_needs_no_python_docx(tmp_path: Path) -> None:
    site = _wheel_like(tmp_path)
    assert len(list((site / "motiongen" / "_prebuilt").glob("*.word.pickle"))) == 3
    code = (
        "import sys\nfrom motiongen.cli import main\nsys.argv = ['motiongen', *sys.argv[1:]]\n"
        "try:\n    main()\nfinally:\n    print('docx' in sys.modules, file=sys.stderr)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(site), "MOTIONGEN_CACHE_DIR": str(tmp_path / "cache")}
    for argv in (
        ["build", str(EXAMPLE), "-f", "docx", "-o", str(tmp_path / "out")],
        ["build", str(EXAMPLE), "-f", "docx", "--line-numbers", "-o", str(tmp_path / "lines")],
        ["brief", str(EXAMPLE), "-f", "docx", "-o", str(tmp_path / "brief")],
    ):
        done = subprocess.run(
            [sys.executable, "-c", code, *argv], env=env, capture_output=True, text=True
        )
        assert done.returncode == 0, done.stderr
        assert done.stderr.splitlines()[-1] == "False", argv
    assert not (tmp_path / "cache").exists()
    assert len(list((tmp_path / "out").glob("*.docx"))) == 1
