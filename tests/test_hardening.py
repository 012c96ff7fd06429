"""The promises that hostile input and faults once broke: one test for each.

Numbers refer to the list of failures in the hardening issue; each test failed
before the fix. Every error is one line on stderr, with no control character,
and an exit code from PRODUCT.md.
"""

from __future__ import annotations

import errno
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from conftest import REPO
from motiongen.cli.commands import app

EXAMPLES = REPO / "examples"
ANYTOWN = EXAMPLES / "anytown-branch.yaml"
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
STEM = "anytown-central-branch-labour-bring-childrens-social-care-back-into-public-hands"

SPEC = """\
profile: labour-branch
title: Keep our children's homes public
submitted_by: Anytown Central Branch Labour Party
proposer: Sam Example
seconder: Alex Example
meeting_date: 2027-01-14
demands: [independent-regulator]
"""


def one_line_error(stderr: str) -> str:
    """The single line of stderr, after checking it is one line and terminal-safe."""
    lines = stderr.splitlines()
    assert len(lines) == 1, stderr
    assert not CONTROL.search(stderr.rstrip("\n")), repr(stderr)
    assert "Traceback" not in stderr
    return lines[0]


def motiongen(*args: str, **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "motiongen", *args],
        capture_output=True,
        text=True,
        timeout=kwargs.pop("timeout", 120),  # type: ignore[arg-type]
        **kwargs,  # type: ignore[arg-type]
    )


# --- 1. an alias bomb ---------------------------------------------------------------


def test_1_alias_bomb_is_refused_quickly(tmp_path: Path) -> None:
    lines = ["profile: labour-branch", "title: T", "demands: [independent-regulator]", "x:"]
    lines.append("  a: &a [x,x,x,x,x,x,x,x,x]")
    for i in range(1, 10):
        name, previous = chr(97 + i), chr(96 + i)
        lines.append(f"  {name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]")
    bomb = tmp_path / "lol.yaml"
    bomb.write_text("\n".join(lines) + "\n")

    def limit_memory() -> None:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (2_000_000_000, 2_000_000_000))

    result = motiongen("check", str(bomb), preexec_fn=limit_memory, timeout=60)
    assert result.returncode == 2
    line = one_line_error(result.stderr)
    assert "lol.yaml" in line and "(*name)" in line


def test_1_aliases_within_the_budget_still_work(runner: CliRunner, tmp_path: Path) -> None:
    spec = tmp_path / "m.yaml"
    spec.write_text(
        SPEC.replace("demands: [independent-regulator]", "demands: &d [independent-regulator]")
    )
    assert runner.invoke(app, ["check", str(spec)]).exit_code == 0


# --- 2. impossible dates --------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "why"),
    [
        ("2027-02-30", "February 2027 has 28 days"),
        ("0000-01-01", "the year 0 cannot be right"),
        ("2027-01-14T10:00:00+25:00", "+25:00 is not a time-zone offset"),
        ("2027-13-01", "there is no month 13"),
    ],
)
def test_2_impossible_date_in_a_spec(
    runner: CliRunner, tmp_path: Path, written: str, why: str
) -> None:
    spec = tmp_path / "d.yaml"
    spec.write_text(ANYTOWN.read_text().replace("2027-01-14", written))
    result = runner.invoke(app, ["check", str(spec)])
    assert result.exit_code == 2
    line = one_line_error(result.stderr)
    assert "d.yaml:7:" in line and why in line


@pytest.mark.parametrize("kind", ["toml", "json"])
def test_2_impossible_date_in_toml_and_json(runner: CliRunner, tmp_path: Path, kind: str) -> None:
    spec = tmp_path / f"d.{kind}"
    if kind == "toml":
        spec.write_text('profile = "labour-branch"\ntitle = "T"\nmeeting_date = 2027-02-30\n')
    else:
        spec.write_text('{"profile": "labour-branch", "title": "T", "meeting_date": "2027-02-30"}')
    result = runner.invoke(app, ["check", str(spec)])
    assert result.exit_code == 2
    assert "February 2027 has 28 days" in result.stderr
    assert "Traceback" not in result.stderr


def test_2_impossible_date_in_a_catalogue(runner: CliRunner, tmp_path: Path) -> None:
    own = tmp_path / "own.yaml"
    own.write_text("evidence:\n  - id: x-fact\n    statement: s\n    year: 2027-02-30\n")
    result = runner.invoke(app, ["--catalogue", str(own), "demands", "list"])
    assert result.exit_code == 2
    line = one_line_error(result.stderr)
    assert "own.yaml:4:" in line and "February 2027 has 28 days" in line


def test_2_impossible_date_in_a_profile(runner: CliRunner, tmp_path: Path) -> None:
    text = (REPO / "seeds" / "profiles" / "napo-agm.yaml").read_text()
    text = text.replace("id: napo-agm", "id: our-agm")
    own = tmp_path / "our-agm.yaml"
    own.write_text(re.sub(r"date: \S+", "date: 2026-02-30", text, count=1))
    result = runner.invoke(app, ["--profiles", str(own), "profiles", "list"])
    assert result.exit_code == 2
    line = one_line_error(result.stderr)
    assert "our-agm.yaml:" in line and "February 2026 has 28 days" in line


def test_2_damaged_settings_never_stop_a_motion(runner: CliRunner, tmp_path: Path) -> None:
    config = Path(os.environ["MOTIONGEN_CONFIG_DIR"])
    (config / "settings.yaml").write_text("proposer: Sam\nremembered: 2027-02-30\n")
    result = runner.invoke(
        app,
        [
            *(
                "new",
                "--profile",
                "labour-branch",
                "--title",
                "T",
                "--demand",
                "independent-regulator",
            ),
            *("--yes", "--format", "txt", "--output", f"{tmp_path}/"),
        ],
    )
    assert result.exit_code in (0, 1), result.stderr
    assert (tmp_path / "t.txt").is_file()


def test_2_impossible_date_in_the_draft(runner: CliRunner) -> None:
    config = Path(os.environ["MOTIONGEN_CONFIG_DIR"])
    (config / "draft.yaml").write_text("profile: labour-branch\nmeeting_date: 2027-02-30\n")
    result = runner.invoke(app, ["new", "--resume", "--yes"])
    assert result.exit_code == 2
    line = one_line_error(result.stderr)
    assert "draft.yaml:2:" in line and "February 2027 has 28 days" in line


# --- 3. lines longer than a Word document property holds --------------------------------


@pytest.mark.parametrize("key", ["title", "submitted_by"])
def test_3_check_and_build_agree_on_long_lines(runner: CliRunner, tmp_path: Path, key: str) -> None:
    data = dict(line.split(": ", 1) for line in SPEC.splitlines())
    data[key] = "Long " * 55  # 275 characters
    spec = tmp_path / "long.yaml"
    spec.write_text("".join(f"{k}: {v}\n" for k, v in data.items()))
    checked = runner.invoke(app, ["check", str(spec)])
    built = runner.invoke(app, ["build", str(spec), "--out-dir", str(tmp_path / "out")])
    assert checked.exit_code == built.exit_code == 2
    assert "274 characters long; it must fit in 255" in checked.stderr
    assert "Traceback" not in built.stderr


def test_3_long_derived_properties_are_cut_to_fit(tmp_path: Path) -> None:
    from docx import Document as open_docx

    from motiongen import catalogue, profiles
    from motiongen.motion.compose import compose
    from motiongen.motion.spec import Motion
    from motiongen.output.word import WordWriter

    motion = Motion.model_validate(
        {
            "profile": "labour-branch",
            "title": "T" * 255,
            "to": "M" * 255,
            "demands": ["independent-regulator"],
        }
    )
    found = profiles.load(with_user_files=False)
    doc = compose(motion, found.get("labour-branch"), catalogue.load(with_user_files=False))
    path = tmp_path / "m.docx"
    path.write_bytes(WordWriter().render(doc))
    props = open_docx(str(path)).core_properties
    assert props.title == "T" * 255 and len(props.subject) == 255


def test_3_one_bad_motion_in_a_batch_stops_no_other(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from motiongen import batch, catalogue, profiles
    from motiongen.output import render

    motions = "".join(f"  - submitted_by: Branch {n}\n" for n in range(5))
    spec_file = tmp_path / "batch.yaml"
    spec_file.write_text(
        "defaults:\n  profile: labour-branch\n  title: T\n"
        "  demands: [independent-regulator]\nmotions:\n" + motions
    )
    cat = catalogue.load(with_user_files=False)
    found = profiles.load(with_user_files=False)
    options = batch.Options(formats=("txt",), out_dir=tmp_path / "out")
    original = render.render

    def faulty(doc: object, fmt: str, **kwargs: object) -> str:
        if getattr(doc, "submitted_by", "") == "Branch 2":
            raise ValueError("a fault nobody foresaw")
        return original(doc, fmt, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(render, "render", faulty)
    results, _ = batch.build([spec_file], cat, found, options)
    assert [r.error is None for r in results] == [True, True, False, True, True]
    assert "a fault nobody foresaw" in str(results[2].error)
    assert len(list((tmp_path / "out").iterdir())) == 4


# --- 4. operating-system write errors -------------------------------------------------------


@pytest.mark.parametrize("where", ["file", "devnull"])
def test_4_out_dir_that_is_not_a_folder(runner: CliRunner, tmp_path: Path, where: str) -> None:
    target = tmp_path / "f"
    target.write_text("\n")
    out = str(target) if where == "file" else os.devnull
    result = runner.invoke(app, ["build", str(ANYTOWN), "--out-dir", out])
    assert result.exit_code == 2
    line = one_line_error(result.stderr)
    assert out in line or "f:" in line
    assert "give --out-dir a folder, not a file" in line


@pytest.mark.parametrize(
    ("code", "says"),
    [(errno.EROFS, "read-only"), (errno.EACCES, "permission"), (errno.ENOSPC, "disk is full")],
)
def test_4_write_refused_by_the_system(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int, says: str
) -> None:
    import tempfile

    def refuse(*args: object, **kwargs: object) -> object:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    result = runner.invoke(app, ["build", str(ANYTOWN), "--out-dir", str(tmp_path / "o")])
    assert result.exit_code == 2
    line = one_line_error(result.stderr)
    assert says in line and STEM in line


def test_4_disk_full_mid_batch_stops_with_a_summary(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A simulated ENOSPC after three files: the rest are not tried, and the summary says so."""
    motions = "".join(f"  - submitted_by: Branch {n}\n" for n in range(6))
    batch = tmp_path / "batch.yaml"
    batch.write_text(
        "defaults:\n  profile: labour-branch\n  title: T\n  demands: [independent-regulator]\n"
        "  proposer: P\n  seconder: S\nmotions:\n" + motions
    )
    real_fdopen = os.fdopen
    calls = []

    class Full:
        """A file on a full disk: writing to it fails, as the system says."""

        def __init__(self, handle: Any) -> None:
            self.handle = handle

        def __enter__(self) -> Full:
            return self

        def __exit__(self, *exc: object) -> None:
            self.handle.close()

        def write(self, data: bytes) -> int:
            raise OSError(errno.ENOSPC, "No space left on device")

    def fdopen(fd: int, *args: Any, **kwargs: Any) -> Any:
        calls.append(fd)
        handle = real_fdopen(fd, *args, **kwargs)
        return Full(handle) if len(calls) > 3 else handle

    monkeypatch.setattr(os, "fdopen", fdopen)
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(batch), "--out-dir", str(out), "--format", "txt"])
    assert result.exit_code == 2  # a write that failed: the worst code of the batch
    assert len(calls) == 4  # nothing more was tried once the disk was full
    assert sorted(p.name for p in out.iterdir()) == [f"branch-{n}-t.txt" for n in range(3)]
    assert "the disk is full" in result.stderr
    assert "Not written, as the disk is full: 2 more motions, from " in result.stderr
    assert result.stderr.splitlines()[-1].startswith("Built 3 of 6 motions")


# --- 5. SIGTERM and SIGHUP (see test_signals.py for the 500-motion batch) -------------


# --- 6. templates that fail or never end --------------------------------------------------


@pytest.mark.parametrize(
    ("template", "says"),
    [
        ("{{ 1/0 }}", "ZeroDivisionError"),
        ("{% for i in range(10**9) %}x{% endfor %}", "range()"),
        ("{{ 'x'*10**11 }}", "longer than"),
        ("{% macro f(n) %}{{ f(n) }}{% endmacro %}{{ f(1) }}", "calls itself"),
        (
            "{% for i in range(99999) %}{% for j in range(99999) %}{% endfor %}{% endfor %}",
            "steps",
        ),
        (
            "{% for i in 'x'*999999 %}{% for j in 'x'*999999 %}{% endfor %}{% endfor %}",
            "seconds",
        ),
        ("{% for i in range(9999) %}{{ 'y' * 999 }}{% endfor %}", "characters"),
        ("{{ 2 ** 99999999 }}", "too large"),
    ],
)
def test_6_template_faults_are_one_line(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, template: str, says: str
) -> None:
    from motiongen.output import render

    monkeypatch.setattr(render, "SECONDS", 1)
    folder = tmp_path / "tpl"
    folder.mkdir()
    (folder / "motion.md.j2").write_text(template + "\n")
    out = tmp_path / "out"
    result = runner.invoke(
        app, ["build", str(ANYTOWN), "--templates", str(folder), "-f", "md", "-o", str(out)]
    )
    assert result.exit_code == 2
    line = one_line_error(result.stderr)
    assert "motion.md.j2" in line and says in line
    assert not out.exists() or not list(out.iterdir())


# --- 7. closed stdin and stdout -------------------------------------------------------------


def test_7_new_yes_with_stdin_closed(tmp_path: Path) -> None:
    env = {**os.environ, "MOTIONGEN_CONFIG_DIR": str(tmp_path / "cfg")}
    result = subprocess.run(
        f"'{sys.executable}' -m motiongen new --yes --profile labour-branch --title T "
        "--demand independent-regulator --format txt 0<&-",
        shell=True,
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert "Traceback" not in result.stderr
    assert result.returncode in (0, 1) and (tmp_path / "t.txt").is_file()


def test_7_check_json_with_stdout_closed(tmp_path: Path) -> None:
    result = subprocess.run(
        f"'{sys.executable}' -m motiongen check '{ANYTOWN}' --json >&-",
        shell=True,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    line = one_line_error(result.stderr)
    assert "standard output is closed" in line


# --- 8. damaged but readable drafts and settings ----------------------------------------------


@pytest.mark.parametrize(
    ("line", "says"),
    [
        ("demands: [nosuch]", "'nosuch' is not in the catalogue"),
        ("demands: independent-regulator", "expected a list"),
        ("notes: 5", "expected a list"),
        ("_asked: 5", "damaged"),
        ("colour: red", "unknown key"),
    ],
)
def test_8_damaged_draft(runner: CliRunner, line: str, says: str) -> None:
    config = Path(os.environ["MOTIONGEN_CONFIG_DIR"])
    (config / "draft.yaml").write_text(f"title: T\n{line}\n")
    result = runner.invoke(app, ["new", "--resume", "--yes"])
    assert result.exit_code == 2
    text = one_line_error(result.stderr)
    assert "draft.yaml:2:" in text and says in text


def test_8_draft_with_a_list_for_a_profile(runner: CliRunner) -> None:
    config = Path(os.environ["MOTIONGEN_CONFIG_DIR"])
    (config / "draft.yaml").write_text("profile: [a, b]\n")
    result = runner.invoke(app, ["new", "--resume", "--yes"])
    assert result.exit_code == 2
    assert "draft.yaml:1: profile: expected text" in one_line_error(result.stderr)


@pytest.mark.parametrize(
    "settings",
    ["formats: 5\n", "out_dir: 5\n", "formats: [nosuch]\nproposer: [1]\n", "nation: mars\n"],
)
def test_8_damaged_settings_are_ignored(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, settings: str
) -> None:
    config = Path(os.environ["MOTIONGEN_CONFIG_DIR"])
    (config / "settings.yaml").write_text(settings)
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(
        app,
        [
            "new",
            "--profile",
            "labour-branch",
            "--title",
            "T",
            "--demand",
            "independent-regulator",
            "-y",
        ],
    )
    assert result.exit_code in (0, 1), result.stderr
    assert (tmp_path / "t.docx").is_file()


# --- 9. typed answers are kept when choosing again -------------------------------------------


# --- 10. --force and a symbolic link --------------------------------------------------------------


def test_10_force_replaces_the_link_not_its_target(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "o"
    out.mkdir()
    (out / "notes.txt").write_text("mine\n")
    (out / f"{STEM}.txt").symlink_to("notes.txt")
    result = runner.invoke(
        app, ["build", str(ANYTOWN), "--out-dir", str(out), "--format", "txt", "--force"]
    )
    assert result.exit_code == 0, result.stderr
    assert (out / "notes.txt").read_text() == "mine\n"
    assert not (out / f"{STEM}.txt").is_symlink()
    assert "Bring children" in (out / f"{STEM}.txt").read_text()


def test_10_without_force_a_dangling_link_is_kept(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "o"
    out.mkdir()
    (out / f"{STEM}.txt").symlink_to(tmp_path / "elsewhere.txt")
    result = runner.invoke(app, ["build", str(ANYTOWN), "--out-dir", str(out), "--format", "txt"])
    assert result.exit_code == 2 and "already there" in result.stderr
    assert not (tmp_path / "elsewhere.txt").exists()


# --- 11. one line, and nothing the terminal would obey --------------------------------------------


def test_11_escape_sequences_in_a_key_are_shown_not_run(runner: CliRunner, tmp_path: Path) -> None:
    spec = tmp_path / "m.json"
    spec.write_text(
        '{"profile": "labour-branch", "title": "T", "demands": ["independent-regulator"],'
        ' "k\\u001b]0;pwned\\u0007\\nsecond line": 1}'
    )
    result = runner.invoke(app, ["check", str(spec)])
    assert result.exit_code == 2
    assert "\\x1b]0;pwned\\x07" in result.stderr
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr


@pytest.mark.parametrize("char", ["\x00", "\x1b", "\x07", "\x85\x01"])
def test_11_control_character_in_yaml_names_its_line(
    runner: CliRunner, tmp_path: Path, char: str
) -> None:
    spec = tmp_path / "m.yaml"
    spec.write_text(f"profile: labour-branch\ntitle: T{char}x\ndemands: [independent-regulator]\n")
    result = runner.invoke(app, ["check", str(spec)])
    assert result.exit_code == 2
    line = one_line_error(result.stderr)
    assert "m.yaml:2:" in line and "control character" in line


# --- 12. deep nesting ---------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["toml", "yaml", "json"])
def test_12_deep_nesting_is_refused(runner: CliRunner, tmp_path: Path, kind: str) -> None:
    spec = tmp_path / f"deep.{kind}"
    deep = "[" * 1000 + "]" * 1000
    spec.write_text(f"x = {deep}\n" if kind == "toml" else f'{{"x": {deep}}}\n')
    result = runner.invoke(app, ["check", str(spec)])
    assert result.exit_code == 2
    assert "nested too deeply" in one_line_error(result.stderr)


# --- 13. CSV rows as a spreadsheet counts them ------------------------------------------------


def test_13_row_numbers_after_a_quoted_line_break(runner: CliRunner, tmp_path: Path) -> None:
    rows = tmp_path / "branches.csv"
    rows.write_text(
        "submitted_by,proposer,meeting_date\n"
        '"Anytown\nBranch",Chris,2027-02-03\n'
        "\n"
        "Bexley,Robin,2027-02-30\n"
    )
    result = runner.invoke(
        app, ["check", str(EXAMPLES / "region-model.yaml"), "--merge", str(rows)]
    )
    assert "branches.csv: row 2:" in (result.stdout + result.stderr).lower()
    assert "branches.csv:4: meeting_date: February 2027 has 28 days" in result.stderr


# --- lesser problems --------------------------------------------------------------------------


def test_corrupt_reference_docx(runner: CliRunner, tmp_path: Path) -> None:
    import zipfile

    good = tmp_path / "good.docx"
    from docx import Document as new_docx

    new_docx().save(str(good))
    bad = tmp_path / "letterhead.docx"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(bad, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "word/styles.xml":
                data = data[: len(data) // 2]
            target.writestr(info, data)
    result = runner.invoke(
        app, ["build", str(ANYTOWN), "--reference-docx", str(bad), "-o", str(tmp_path / "o")]
    )
    assert result.exit_code == 2
    line = one_line_error(result.stderr)
    assert "letterhead.docx" in line and "damaged" in line


def test_letterhead_with_libreoffice_style_names(runner: CliRunner, tmp_path: Path) -> None:
    """LibreOffice writes <w:name w:val="Heading 2"/> where Word writes "heading 2"."""
    from docx import Document as new_docx

    from wordtools import NS, part

    letterhead = new_docx()
    for style in letterhead.styles:
        if style.element.name_val in ("heading 1", "heading 2"):
            style.element.name_val = style.element.name_val.capitalize()
    path = tmp_path / "letterhead.docx"
    letterhead.save(str(path))
    out = tmp_path / "o"
    result = runner.invoke(
        app, ["build", str(ANYTOWN), "--reference-docx", str(path), "-f", "docx", "-o", str(out)]
    )
    assert result.exit_code == 0, result.stderr
    (made,) = out.iterdir()
    body = part(made, "word/document.xml")
    headings = body.xpath("//w:p[w:pPr/w:pStyle/@w:val='Heading2']", namespaces=NS)
    assert "This branch notes:" in ["".join(h.itertext()) for h in headings]


@pytest.mark.parametrize("command", ["build", "check"])
def test_stdout_that_is_not_utf8(tmp_path: Path, command: str) -> None:
    spec = tmp_path / "m.yaml"
    spec.write_text(SPEC.replace("title: Keep", "title: 🏠 Keep"), encoding="utf-8")
    args = ["--out-dir", "-", "--format", "md"] if command == "build" else ["--json"]
    env = {**os.environ, "PYTHONIOENCODING": "cp1252", "PYTHONUTF8": "0"}
    result = subprocess.run(
        [sys.executable, "-m", "motiongen", command, str(spec), *args],
        capture_output=True,
        env=env,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert b"Traceback" not in result.stderr
    if command == "build":
        assert "🏠 Keep".encode() in result.stdout
    else:
        import json

        assert (
            json.loads(result.stdout)["motions"][0]["title"]
            == "🏠 Keep our children's homes public"
        )


def test_a_huge_file_is_refused_without_reading_it(runner: CliRunner, tmp_path: Path) -> None:
    huge = tmp_path / "huge.yaml"
    with huge.open("wb") as handle:
        handle.write(SPEC.encode() + b"# ")
        handle.truncate(50_000_000)  # 50 MB, most of it a trailing comment
    result = runner.invoke(app, ["check", str(huge)])
    assert result.exit_code == 2
    line = one_line_error(result.stderr)
    assert "huge.yaml" in line and "50 MB" in line


def test_csv_with_only_a_header(runner: CliRunner, tmp_path: Path) -> None:
    rows = tmp_path / "branches.csv"
    rows.write_text("submitted_by,proposer\n")
    result = runner.invoke(
        app, ["check", str(EXAMPLES / "region-model.yaml"), "--merge", str(rows)]
    )
    assert result.exit_code == 2
    assert "no rows below it" in one_line_error(result.stderr)


def test_semicolon_csv_gets_a_hint(runner: CliRunner, tmp_path: Path) -> None:
    rows = tmp_path / "branches.csv"
    rows.write_text("submitted_by;proposer\nAnytown;Sam\n")
    result = runner.invoke(
        app, ["build", str(EXAMPLES / "region-model.yaml"), "--merge", str(rows)]
    )
    assert result.exit_code == 2
    assert "separated by ';'" in one_line_error(result.stderr)


@pytest.mark.parametrize("name", ["CON", "nul", "COM1", "lpt9.txt"])
def test_windows_reserved_names_are_refused(runner: CliRunner, tmp_path: Path, name: str) -> None:
    spec = tmp_path / "m.yaml"
    spec.write_text(SPEC + f"output: {name}\n")
    result = runner.invoke(app, ["build", str(spec), "-o", str(tmp_path / "o")])
    assert result.exit_code == 2
    line = one_line_error(result.stderr)
    assert "m.yaml:8: output:" in line and "device on Windows" in line


def test_a_reserved_name_from_a_title_is_changed() -> None:
    from motiongen.text import slug

    assert slug("Con") == "con-motion"
    assert slug("Aux.") == "aux-motion"
    assert slug("Conference") == "conference"


@pytest.mark.parametrize("title", ["\u200b\u200b", "\u200d\ufeff \u2060"])
def test_a_title_of_zero_width_characters_is_empty(
    runner: CliRunner, tmp_path: Path, title: str
) -> None:
    spec = tmp_path / "m.json"
    spec.write_text(
        json.dumps(
            {"profile": "labour-branch", "demands": ["independent-regulator"], "title": title}
        )
    )
    result = runner.invoke(app, ["check", str(spec)])
    assert result.exit_code == 2
    assert "title: this is empty" in one_line_error(result.stderr)


def test_a_finished_resume_without_questions_removes_the_draft(
    runner: CliRunner, tmp_path: Path
) -> None:
    draft = Path(os.environ["MOTIONGEN_CONFIG_DIR"]) / "draft.yaml"
    draft.write_text("profile: labour-branch\ntitle: T\ndemands: [independent-regulator]\n")
    result = runner.invoke(
        app, ["new", "--resume", "--yes", "--format", "txt", "--output", f"{tmp_path}/"]
    )
    assert result.exit_code in (0, 1), result.stderr
    assert (tmp_path / "t.txt").is_file()
    assert not draft.exists()


def test_a_profile_reusing_a_built_in_id_is_blamed(runner: CliRunner, tmp_path: Path) -> None:
    text = (REPO / "seeds" / "profiles" / "union-branch.yaml").read_text()
    own = tmp_path / "mine.yaml"
    own.write_text(re.sub(r"position: \d+", "position: 1", text))
    result = runner.invoke(app, ["--profiles", str(own), "profiles", "list"])
    assert result.exit_code == 2
    line = one_line_error(result.stderr)
    assert line.startswith(f"Error: {own}:") and "already used by" in line


def test_9_choosing_again_in_the_walk_through_keeps_typed_answers(tmp_path: Path) -> None:
    """In a real terminal: pick, type a fact and a belief, change the demands, write."""
    from test_new import answer_first_half, pick, spawn

    t = spawn(tmp_path, "--format", "txt", "--output", "out/")
    answer_first_half(t)
    t.see("Which demands")
    pick(t, "agency", "end-agency-staffing")
    t.send("\r")
    t.answer("Facts to note", "\r")
    t.answer("fact of your own", "Our council spent a record sum on agency staff last year.\r")
    t.answer(r"record sum(.*\n){1,4}.*fact of your own", "\r")
    t.answer("believes", "\r")
    t.answer("belief of your own", "Care is not a market.\r")
    t.answer(r"not a market(.*\n){1,4}.*belief of your own", "\r")
    t.answer("Anything else to resolve", "\r")
    t.answer(r"What next\?(.*\n)*.*Esc goes back", "change")
    t.answer(r"❯ Change an answer", "\r")
    t.answer("Which answer do you want to change", "demands")
    t.answer(r"❯ Demands: End the use", "\r")
    t.see("Which demands")
    pick(t, "outsourcing", "ban-outsourcing")
    t.send("\r")
    t.answer(r"What next\?", "\r")
    t.see("Saved the motion as")
    assert t.end() == 0
    (text,) = [p.read_text("utf-8") for p in (tmp_path / "out").glob("*.txt")]
    assert "Our council spent a record sum on agency staff last year." in text
    assert "Care is not a market." in text


def test_8_a_damaged_draft_is_kept_aside_in_the_walk_through(tmp_path: Path) -> None:
    from test_new import spawn

    (tmp_path / "cfg").mkdir()
    damaged = "profile: labour-branch\ntitle: T\nnotes: 5\n"
    (tmp_path / "cfg" / "draft.yaml").write_text(damaged)
    t = spawn(tmp_path)
    t.see(r"could not be used(.*\n)*.*It is kept as")
    t.see("Who is the motion for")
    t.stop()
    (aside,) = (tmp_path / "cfg").glob("draft-*.yaml")
    assert aside.read_text() == damaged
