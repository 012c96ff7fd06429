"""Start-up stays light: heavy libraries load only with the commands that need them."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

from conftest import REPO


def test_version_imports_no_heavy_library() -> None:
    code = (
        "import sys; from motiongen import cli\n"
        "heavy = [m for m in ('pydantic', 'docx', 'jinja2', 'ruamel', 'rich.table') "
        "if m in sys.modules]\n"
        "print(','.join(heavy))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == ""


DRIVE = """
import sys
from pathlib import Path
from motiongen.io import cachefiles
cachefiles.PREBUILT = Path("no-prebuilt")  # the cache folder alone: a first run makes all
from motiongen import batch, catalogue, profiles
from motiongen.output.formats import parse_formats
from motiongen.cli import report
cat, profs = catalogue.load(()), profiles.load(())
if sys.argv[1] == "check":
    code = report.check([Path(sys.argv[2])], cat, profs, None, as_json=False, max_age=5)
else:
    options = batch.Options(formats=parse_formats(sys.argv[3]), out_dir=Path(sys.argv[4]))
    code = report.build([Path(sys.argv[2])], cat, profs, options, None, quiet=True)
watched = ("concurrent.futures", "multiprocessing", "motiongen.agenda.importer",
           "motiongen.agenda.reading", "docx", "lxml", "jinja2", "tomllib")
print("loaded:" + ",".join(m for m in watched if m in sys.modules), file=sys.stderr)
sys.exit(code)
"""  # fmt: skip


def loaded(tmp_path: Path, *args: str) -> set[str]:
    env = {
        **os.environ,
        "MOTIONGEN_CACHE_DIR": str(tmp_path / "cache"),
        "MOTIONGEN_CONFIG_DIR": str(tmp_path / "config"),
        "PYDANTIC_DISABLE_PLUGINS": "",
    }
    example = str(REPO / "examples" / "anytown-branch.yaml")
    done = subprocess.run(
        [sys.executable, "-c", DRIVE, args[0], example, *args[1:]],
        capture_output=True,
        text=True,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    (line,) = [x for x in done.stderr.splitlines() if x.startswith("loaded:")]
    return set(filter(None, line.removeprefix("loaded:").split(",")))


def test_checking_one_motion_loads_no_pool_no_importer_no_word_no_templates(
    tmp_path: Path,
) -> None:
    for _ in range(2):  # a cold cache, then a warm one
        assert loaded(tmp_path, "check") == set()


def test_building_text_formats_loads_no_word_library(tmp_path: Path) -> None:
    got = loaded(tmp_path, "build", "md,txt", str(tmp_path / "out"))
    assert got <= {"jinja2", "tomllib"}  # the words' file is parsed on a first run
    assert sorted(p.suffix for p in (tmp_path / "out").iterdir()) == [".md", ".txt"]
    # and read from the cache after it
    assert loaded(tmp_path, "build", "md,txt", str(tmp_path / "again")) == {"jinja2"}


def test_building_word_needs_python_docx_only_to_make_the_cached_base(tmp_path: Path) -> None:
    cold = loaded(tmp_path, "build", "docx", str(tmp_path / "out"))
    warm = loaded(tmp_path, "build", "docx", str(tmp_path / "again"))
    assert {"docx", "lxml"} <= cold
    assert "lxml" in warm
    assert "docx" not in warm
    for got in (cold, warm):
        assert not {"concurrent.futures", "multiprocessing", "motiongen.agenda.importer"} & got
    ((first,), (second,)) = ((tmp_path / d).glob("*.docx") for d in ("out", "again"))
    with zipfile.ZipFile(first) as a, zipfile.ZipFile(second) as b:
        assert a.read("word/document.xml") == b.read("word/document.xml")


SEARCHES = """
import importlib.metadata, sys
searched = []
real = importlib.metadata.entry_points
def entry_points(*args, **kwargs):
    searched.append(1)
    return real(*args, **kwargs)
importlib.metadata.entry_points = entry_points
sys.argv = ["motiongen", "check", sys.argv[1]]
from motiongen.cli import main
try:
    main()
finally:
    print("searched:", len(searched), file=sys.stderr)
"""


def plugin_searches(tmp_path: Path, setting: str | None) -> int:
    env = {
        **os.environ,
        "MOTIONGEN_CACHE_DIR": str(tmp_path / "cache"),
        "MOTIONGEN_CONFIG_DIR": str(tmp_path / "config"),
    }
    env.pop("PYDANTIC_DISABLE_PLUGINS", None)
    if setting is not None:
        env["PYDANTIC_DISABLE_PLUGINS"] = setting
    example = str(REPO / "examples" / "anytown-branch.yaml")
    done = subprocess.run(
        [sys.executable, "-c", SEARCHES, example], capture_output=True, text=True, env=env
    )
    assert done.returncode == 0, done.stderr
    (line,) = [x for x in done.stderr.splitlines() if x.startswith("searched:")]
    return int(line.split()[1])


def test_the_command_line_does_not_search_for_pydantic_plugins(tmp_path: Path) -> None:
    assert plugin_searches(tmp_path, None) == 0


def test_a_plugin_setting_the_user_made_is_kept(tmp_path: Path) -> None:
    assert plugin_searches(tmp_path, "") >= 1


READERS = ("motiongen.agenda.reading", "motiongen.agenda.parsing", "motiongen.agenda.leads",
           "motiongen.agenda.matching", "motiongen.agenda.bodies")  # fmt: skip


def test_commands_given_spec_files_load_none_of_the_document_readers(tmp_path: Path) -> None:
    examples = REPO / "examples"
    runs = [
        ["brief", str(examples / "anytown-branch.yaml"), "-f", "md", "-o", str(tmp_path / "b")],
        ["composite", str(examples / "composite-anytown.yaml"),
         str(examples / "composite-carlisle.yaml"), "-f", "md", "-o", str(tmp_path / "c.yaml")],
        ["amend", str(examples / "amendments" / "northby-38.1.yaml"), "-f", "md",
         "--motion", str(examples / "anytown-branch.yaml"),
         "-o", str(tmp_path / "a")],
    ]  # fmt: skip
    code = (
        "import sys\nfrom motiongen.cli import main\nsys.argv = ['motiongen', *sys.argv[1:]]\n"
        "try:\n    main()\nfinally:\n"
        f"    print('loaded:' + ','.join(m for m in {READERS!r} if m in sys.modules), "
        "file=sys.stderr)\n"
    )
    env = {**os.environ, "MOTIONGEN_CACHE_DIR": str(tmp_path / "cache")}
    for argv in runs:
        done = subprocess.run(
            [sys.executable, "-c", code, *argv], capture_output=True, text=True, env=env
        )
        assert done.returncode == 0, done.stderr
        assert done.stderr.splitlines()[-1] == "loaded:", argv


def test_checking_loads_none_of_the_writing(tmp_path: Path) -> None:
    code = (
        "import sys\nfrom motiongen.cli import main\nsys.argv = ['motiongen', *sys.argv[1:]]\n"
        "try:\n    main()\nfinally:\n"
        "    print('loaded:' + ','.join(m for m in sys.modules if m == 'motiongen.batch' "
        "or m.startswith('motiongen.output')), file=sys.stderr)\n"
    )
    env = {**os.environ, "MOTIONGEN_CACHE_DIR": str(tmp_path / "cache")}
    example = str(REPO / "examples" / "anytown-branch.yaml")
    for argv in (["check", example], ["check", example, "--json"]):
        done = subprocess.run(
            [sys.executable, "-c", code, *argv], capture_output=True, text=True, env=env
        )
        assert done.returncode == 0, done.stderr
        assert done.stderr.splitlines()[-1] == "loaded:", argv
