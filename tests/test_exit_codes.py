"""Exit codes come from one mapping, whatever the failure and wherever it happened."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import REPO
from motiongen import batch, catalogue, errors, profiles
from motiongen.batch import Options
from motiongen.errors import ChecksFailed, InputError, MotiongenError, exit_code, worst
from motiongen.io.files import FileExists


def test_each_kind_of_outcome_has_its_code() -> None:
    assert exit_code() == 0
    assert exit_code(checks_failed=True) == 1
    assert exit_code(ChecksFailed("over the limit")) == 1
    assert exit_code(InputError("bad YAML")) == 2
    assert exit_code(FileExists("already there")) == 2
    assert exit_code(MotiongenError("LibreOffice took too long")) == 2
    assert exit_code(OSError("disk full")) == 2
    assert exit_code(KeyboardInterrupt()) == 130


def test_a_batch_takes_its_most_serious_code() -> None:
    assert worst([]) == 0
    assert worst([0, 1, 0]) == 1
    assert worst([1, 2, 0]) == 2


def test_libreoffice_failing_on_one_file_is_the_same_code_as_a_time_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(batch, "pdfs", lambda documents: [None] * len(documents))
    out = tmp_path / "out"
    results, _ = batch.build(
        [REPO / "examples" / "anytown-branch.yaml"],
        catalogue.load(),
        profiles.load(),
        Options(formats=("docx", "pdf"), out_dir=out),
    )
    assert results[0].error is not None
    assert errors.exit_code(results[0].error) == errors.exit_code(
        MotiongenError("LibreOffice took more than 300 seconds to make PDFs")
    )
    assert not out.exists() or not list(out.iterdir())  # the Word file is not written alone
