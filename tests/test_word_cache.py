"""The Word base document is made once and cached; the cache never changes a document."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from conftest import REPO
from motiongen import catalogue, profiles
from motiongen.motion import spec
from motiongen.motion.compose import compose
from motiongen.output import wordbase
from motiongen.output.word import WordOptions, WordWriter


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("MOTIONGEN_CACHE_DIR", str(folder))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")
    return folder


def document():  # type: ignore[no-untyped-def]
    (job,) = spec.read(REPO / "examples" / "anytown-branch.yaml")
    assert job.motion is not None
    profile_set = profiles.load(with_user_files=False)
    return compose(
        job.motion, profile_set.get(job.motion.profile), catalogue.load(with_user_files=False)
    )


def parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def skeletons(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.word.pickle"))


def test_a_warm_cache_writes_the_same_document(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    doc = document()
    made: list[WordOptions] = []
    real = wordbase._make_skeleton

    def counted(options: WordOptions) -> dict[str, object]:
        made.append(options)
        return real(options)

    monkeypatch.setattr(wordbase, "_make_skeleton", counted)
    cold = WordWriter().render(doc)
    warm_writer = WordWriter()
    warm = warm_writer.render(doc)
    assert len(made) == 1
    assert len(skeletons(cache)) == 1
    assert cold == warm
    monkeypatch.setenv("MOTIONGEN_CACHE_DIR", "")
    assert parts(WordWriter().render(doc)) == parts(cold)
    assert warm_writer.ids == WordWriter().ids


def test_other_options_or_page_words_make_another_base(cache: Path, tmp_path: Path) -> None:
    doc = document()
    plain = parts(WordWriter().render(doc))
    numbered = parts(WordWriter(WordOptions(line_numbers=True)).render(doc))
    assert b"lnNumType" in numbered["word/document.xml"]
    assert b"lnNumType" not in plain["word/document.xml"]
    own = tmp_path / "templates"
    own.mkdir()
    (own / "sentences.toml").write_text('page = "Sheet {page} of {pages}"\n', "utf-8")
    worded = parts(WordWriter(WordOptions(template_dir=own)).render(doc))
    footers = b"".join(v for k, v in worded.items() if "footer" in k)
    assert b"Sheet" in footers
    other = tmp_path / "other"  # another folder: a process reads each folder's words once
    other.mkdir()
    (other / "sentences.toml").write_text('page = "Leaf {page} of {pages}"\n', "utf-8")
    reworded = parts(WordWriter(WordOptions(template_dir=other)).render(doc))
    assert b"Leaf" in b"".join(v for k, v in reworded.items() if "footer" in k)
    assert len(skeletons(cache)) == 4


def test_an_edited_reference_document_makes_a_new_base(cache: Path, tmp_path: Path) -> None:
    from docx import Document as open_docx
    from docx.shared import Pt

    reference = tmp_path / "letterhead.docx"
    first = open_docx()
    first.styles["Normal"].font.size = Pt(11)
    first.save(str(reference))
    doc = document()
    small = parts(WordWriter(WordOptions(reference=reference)).render(doc))
    second = open_docx()
    second.styles["Normal"].font.size = Pt(14)
    second.save(str(reference))
    large = parts(WordWriter(WordOptions(reference=reference)).render(doc))
    assert small["word/styles.xml"] != large["word/styles.xml"]
    assert b'w:val="28"' in large["word/styles.xml"]


def test_a_damaged_cache_costs_only_the_making(cache: Path) -> None:
    doc = document()
    good = WordWriter().render(doc)
    (entry,) = skeletons(cache)
    for damage in (b"\x80\x05garbage", entry.read_bytes()[:-50], b""):
        entry.write_bytes(damage)
        assert parts(WordWriter().render(doc)) == parts(good)


def test_an_unwritable_cache_folder_is_no_error(unwritable_cache: Path) -> None:
    data = WordWriter().render(document())
    assert b"word/document.xml" in data
