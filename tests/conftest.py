"""Shared fixtures: every test runs with an empty config folder and no user catalogue."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from motiongen import catalogue
from motiongen.io import cachefiles

REPO = Path(__file__).resolve().parents[1]
SHARED_SEEDS = REPO.parent / "shared" / "seeds"
SHARED_EVIDENCE = REPO.parent / "shared" / "EVIDENCE-2026.md"


@pytest.fixture(autouse=True)
def _isolated_config(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MOTIONGEN_CONFIG_DIR", str(tmp_path_factory.mktemp("config")))
    monkeypatch.delenv("MOTIONGEN_CATALOGUE", raising=False)
    monkeypatch.setenv("COLUMNS", "100")
    # One parse cache for the whole run, never the user's own.
    monkeypatch.setenv("MOTIONGEN_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "cache"))
    # The cache folder alone, as a package built without its prebuilt entries has it:
    # those the package ships are tested by making them (tests/test_prebuilt.py).
    monkeypatch.setattr(cachefiles, "PREBUILT", tmp_path_factory.getbasetemp() / "no-prebuilt")


@pytest.fixture(scope="session")
def cat() -> catalogue.Catalogue:
    return catalogue.load(with_user_files=False)


@pytest.fixture
def runner() -> Iterator[CliRunner]:
    yield CliRunner()


@pytest.fixture
def unwritable_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache folder that cannot be made: a file stands where its parent would be."""
    blocker = tmp_path / "file"
    blocker.write_text("in the way")
    folder = blocker / "cache"
    monkeypatch.setenv("MOTIONGEN_CACHE_DIR", str(folder))
    return folder
