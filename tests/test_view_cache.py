"""Browsing reads the built-in data's view from the cache, and prints what the models would."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path

import pytest

from conftest import REPO
from motiongen import catalogue, profiles, viewcache
from motiongen.catalogue import records
from motiongen.cli import listing
from motiongen.cli.boundary import State
from motiongen.errors import InputError

CAT = catalogue.load(with_user_files=False)
PROFILES = profiles.load(with_user_files=False)


@pytest.fixture(autouse=True)
def _no_global_options(monkeypatch: pytest.MonkeyPatch) -> None:
    # The typer root sets these for each command; earlier CLI tests may have left some.
    monkeypatch.setattr(State, "catalogues", ())
    monkeypatch.setattr(State, "profiles", ())


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("MOTIONGEN_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def seeds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A copy of the built-in seeds to edit, read in place of the packaged ones."""
    copy = tmp_path / "seeds"
    shutil.copytree(REPO / "seeds", copy)
    for module in (viewcache, catalogue, profiles):
        monkeypatch.setattr(module, "data_dir", lambda name: copy)
    catalogue._builtin_parsed.cache_clear()
    profiles._builtin.cache_clear()
    yield copy
    catalogue._builtin_parsed.cache_clear()
    profiles._builtin.cache_clear()


def edit(path: Path, old: str, new: str) -> None:
    """Edit a seed file, then forget the parsed models as the next run would start without them."""
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    catalogue._builtin_parsed.cache_clear()
    profiles._builtin.cache_clear()


def printed(capsys: pytest.CaptureFixture[str], command: Callable[[], None]) -> str:
    capsys.readouterr()
    command()
    out, err = capsys.readouterr()
    assert err == ""
    return out


def views(cache: Path) -> list[Path]:
    return sorted(cache.glob("view-*.json"))


def test_the_view_is_stored_once_and_read_back_as_built(cache: Path) -> None:
    first = viewcache.builtin()
    (stored,) = views(cache)
    assert viewcache.builtin() == first
    assert views(cache) == [stored]
    assert list(first["demands"]) == list(CAT.demands)
    assert list(first["profiles"]) == list(PROFILES.profiles)


def test_the_cache_is_what_is_printed(cache: Path, capsys: pytest.CaptureFixture[str]) -> None:
    viewcache.builtin()
    (stored,) = views(cache)
    data = json.loads(stored.read_text(encoding="utf-8"))
    data["demands"]["halt-nass"]["record"]["title"] = "Read from the cache"
    stored.write_text(json.dumps(data), encoding="utf-8")
    out = printed(capsys, lambda: listing.list_demands(theme=None, as_json=True))
    assert "Read from the cache" in out


def test_an_edited_seed_file_is_seen_at_once(
    cache: Path, seeds: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def title() -> str:
        shown = printed(capsys, lambda: listing.show_demand("nationalise-foster-care", True))
        return str(json.loads(shown)["title"])

    assert title() == "Bring foster care into public ownership"
    edit(
        seeds / "demands.yaml",
        "title: Bring foster care into public ownership",
        "title: Foster care for all",
    )
    assert title() == "Foster care for all"
    edit(seeds / "profiles" / "napo-agm.yaml", "A motion to the Napo AGM", "To Napo")
    shown = json.loads(printed(capsys, lambda: listing.list_profiles(as_json=True)))
    assert {p["id"]: p for p in shown}["napo-agm"]["description"].startswith("To Napo")
    assert len(views(cache)) == 3


@pytest.mark.parametrize("damage", [b"\x80garbage", b"[]", b'{"key": "another"}', b""])
def test_a_damaged_cache_file_costs_only_a_rebuild(
    cache: Path, capsys: pytest.CaptureFixture[str], damage: bytes
) -> None:
    good = printed(capsys, lambda: listing.list_demands(theme=None, as_json=False))
    (stored,) = views(cache)
    stored.write_bytes(damage)
    assert printed(capsys, lambda: listing.list_demands(theme=None, as_json=False)) == good
    assert printed(capsys, lambda: listing.show_profile(profile_id="napo-agm", as_json=False))
    assert json.loads(stored.read_bytes())["key"] == viewcache.cache_key()


def test_a_cache_file_missing_a_section_is_rebuilt(cache: Path) -> None:
    viewcache.builtin()
    (stored,) = views(cache)
    data = json.loads(stored.read_bytes())
    del data["profiles"]
    stored.write_text(json.dumps(data), encoding="utf-8")
    assert list(viewcache.builtin()["profiles"]) == list(PROFILES.profiles)


def browsed(capsys: pytest.CaptureFixture[str]) -> dict[str, str]:
    return {
        "list": printed(capsys, partial(listing.list_demands, theme=None, as_json=False)),
        "show": printed(capsys, partial(listing.show_demand, demand_id="halt-nass", as_json=False)),
        "profiles": printed(capsys, partial(listing.list_profiles, as_json=False)),
    }


@pytest.mark.parametrize("setting", ["blocked", "off"])
def test_an_unwritable_or_absent_cache_gives_the_same_output(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    setting: str,
) -> None:
    expected = browsed(capsys)
    blocker = tmp_path / "file"
    blocker.write_text("in the way")
    folder = str(blocker / "cache") if setting == "blocked" else ""
    monkeypatch.setenv("MOTIONGEN_CACHE_DIR", folder)
    assert browsed(capsys) == expected
    assert browsed(capsys) == expected
    assert list(tmp_path.iterdir()) == [blocker]


def every_output() -> dict[str, Callable[[], None]]:
    """Every table, panel and JSON record that `demands` and `profiles` print."""
    runs: dict[str, Callable[[], None]] = {}
    for as_json in (False, True):
        runs[f"list {as_json}"] = partial(listing.list_demands, None, as_json)
        runs[f"profiles {as_json}"] = partial(listing.list_profiles, as_json)
        for theme in CAT.themes:
            runs[f"theme {theme} {as_json}"] = partial(listing.list_demands, theme, as_json)
        for demand_id in CAT.demands:
            runs[f"demand {demand_id} {as_json}"] = partial(listing.show_demand, demand_id, as_json)
        for profile_id in PROFILES.profiles:
            runs[f"profile {profile_id} {as_json}"] = partial(
                listing.show_profile, profile_id, as_json
            )
    return runs


def test_the_cached_view_prints_as_a_view_built_from_the_models(
    cache: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    viewcache.builtin()
    assert views(cache)
    cached = {name: printed(capsys, run) for name, run in every_output().items()}
    monkeypatch.setenv("MOTIONGEN_CACHE_DIR", "")  # every view built afresh from the models
    fresh = {name: printed(capsys, run) for name, run in every_output().items()}
    assert cached == fresh
    assert len(cached) == 2 * (2 + len(CAT.themes) + len(CAT.demands) + len(PROFILES.profiles))


def test_json_from_the_cache_is_the_models_own_records(
    cache: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    viewcache.builtin()
    listed = json.loads(printed(capsys, lambda: listing.list_demands(None, True)))
    assert listed == [records.demand(CAT, d) for d in CAT.demands.values()]
    for demand in CAT.demands.values():
        shown = json.loads(printed(capsys, lambda d=demand.id: listing.show_demand(d, True)))
        assert shown == records.demand(CAT, demand, full=True)
    bodies = json.loads(printed(capsys, lambda: listing.list_profiles(True)))
    assert bodies == [p.model_dump(mode="json") for p in PROFILES.profiles.values()]


@pytest.mark.parametrize(
    ("command", "message"),
    [
        (
            lambda: listing.show_demand(demand_id="nationalise-fostercare", as_json=False),
            "there is no demand with the id 'nationalise-fostercare' "
            "(did you mean 'nationalise-foster-care'?)",
        ),
        (
            lambda: listing.list_demands(theme="owner", as_json=True),
            "--theme: there is no theme 'owner' (did you mean 'ownership'?)",
        ),
        (
            lambda: listing.show_profile(profile_id="napo-agn", as_json=True),
            "profile: there is no profile 'napo-agn' (did you mean 'napo-agm'?; "
            "'motiongen profiles list' shows them all)",
        ),
    ],
)
def test_an_unknown_id_or_theme_gives_the_canonical_error(
    cache: Path, capsys: pytest.CaptureFixture[str], command: Callable[[], None], message: str
) -> None:
    viewcache.builtin()
    with pytest.raises(InputError) as caught:
        command()
    assert str(caught.value) == message
    assert capsys.readouterr().out == ""


def test_whether_user_files_are_in_play_agrees_with_the_loaders(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = Path(os.environ["MOTIONGEN_CONFIG_DIR"])

    def agree(extra: tuple[Path, ...] = ()) -> None:
        assert viewcache.catalogue_is_builtin(extra) == (not catalogue.user_files(extra))
        assert viewcache.profiles_are_builtin(extra) == (not profiles.user_profile_files(extra))

    agree()
    agree((tmp_path / "own.yaml",))
    (config / "profiles").mkdir()
    (config / "profiles" / "notes.txt").write_text("not a profile")
    agree()
    (config / "profiles" / "ours.yaml").write_text("id: ours\n")
    agree()
    (config / "catalogue.yaml").write_text("demands: []\n")
    agree()
    (config / "catalogue.yaml").unlink()
    monkeypatch.setenv("MOTIONGEN_CATALOGUE", str(tmp_path / "env.yaml"))
    agree()
    assert not viewcache.catalogue_is_builtin()


BROWSE = (
    "import sys\n"
    "from motiongen.cli import listing\n"
    "listing.list_demands(theme=None, as_json=False)\n"
    "listing.show_demand(demand_id='halt-nass', as_json=False)\n"
    "listing.list_profiles(as_json=False)\n"
    "listing.show_profile(profile_id='napo-agm', as_json=True)\n"
    "heavy = [m for m in ('pydantic', 'typer', 'ruamel') if m in sys.modules]\n"
    "print(','.join(heavy), file=sys.stderr)\n"
)


def expected_browse_output(capsys: pytest.CaptureFixture[str]) -> str:
    def browse() -> None:
        listing.list_demands(theme=None, as_json=False)
        listing.show_demand(demand_id="halt-nass", as_json=False)
        listing.list_profiles(as_json=False)
        listing.show_profile(profile_id="napo-agm", as_json=True)

    return printed(capsys, browse)


def test_a_warm_cache_browses_without_pydantic_ruamel_or_typer(
    cache: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    viewcache.builtin()
    expected = expected_browse_output(capsys)
    done = subprocess.run(
        [sys.executable, "-c", BROWSE],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "COLUMNS": "100"},
    )
    assert done.stderr.strip() == ""  # none of pydantic, typer or ruamel was loaded
    assert done.stdout == expected


def _installed_copy(tmp_path: Path) -> Path:
    """motiongen laid out as a wheel installs it (its data inside), in a folder of its own."""
    site = tmp_path / "site"
    package = site / "motiongen"
    shutil.copytree(  # without the entries made ahead: this tests the cache folder
        Path(viewcache.__file__).parent,
        package,
        ignore=shutil.ignore_patterns("__pycache__", "_prebuilt"),
    )
    shutil.copytree(REPO / "seeds", package / "_data" / "seeds")
    shutil.copytree(REPO / "templates", package / "_data" / "templates")
    return site


@pytest.mark.parametrize(
    ("module", "old", "new"),
    [
        # The two the hand-made list of the view's code once missed.
        (
            "catalogue/__init__.py",
            "return [(self.sources[r.source], r.at) for r in refs if r.source in self.sources]",
            "return [(self.sources[r.source], 'EDITED ' + r.at) for r in refs"
            " if r.source in self.sources]",
        ),
        (
            "text.py",
            "return text  # already clean",
            "return text.replace(' public ', ' EDITED public ')  # already clean",
        ),
    ],
    ids=["catalogue-cited", "text-clean"],
)
def test_an_edited_module_is_a_new_key(tmp_path: Path, module: str, old: str, new: str) -> None:
    """Every cache is keyed on all of the package's code, not on a list of modules."""
    site = _installed_copy(tmp_path)
    env = {
        **os.environ,
        "PYTHONPATH": str(site),
        "MOTIONGEN_CACHE_DIR": str(tmp_path / "cache"),
        "MOTIONGEN_CONFIG_DIR": str(tmp_path / "config"),
    }
    command = [sys.executable, "-m", "motiongen", "demands", "show", "reverse-privatisation"]

    def show() -> str:
        done = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
        return done.stdout

    before = show()
    assert show() == before and "EDITED" not in before  # the second run reads the cache
    assert any((tmp_path / "cache").iterdir())
    source = site / "motiongen" / module
    text = source.read_text(encoding="utf-8")
    assert old in text
    source.write_text(text.replace(old, new, 1), encoding="utf-8")
    assert "EDITED" in show()
