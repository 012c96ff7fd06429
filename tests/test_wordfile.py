"""Word files from strangers: every damaged shape and every bomb a hostile round found
is one line and exit 2, within seconds and under 1 GB, in every command that reads a
.docx (import, check, brief, composite, amends:, --reference-docx); and a letterhead
carries into a motion only what a letterhead may.

The commands run in a child process with its address space held to 1 GB
(``RLIMIT_AS``) and a time limit, as a user's machine would feel them.
"""

from __future__ import annotations

import io
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree

import hostiledocx as hostile
from child import motiongen
from conftest import REPO

SECONDS = 10.0  # what a shape may take, start-up included
EXAMPLE = REPO / "examples" / "anytown-branch.yaml"


def one_line_exit_2(result: subprocess.CompletedProcess[str], name: str) -> str:
    assert "Traceback" not in result.stderr, result.stderr[-2000:]
    assert "MemoryError" not in result.stderr
    assert result.returncode == 2, (result.returncode, result.stderr[-2000:])
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert name in lines[0]
    return lines[0]


@pytest.fixture(scope="module")
def shapes(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every shape, written once: the bombs take a second or so each to make."""
    folder = tmp_path_factory.mktemp("hostile")
    for name, (make, _) in SHAPES.items():
        (folder / f"{name}.docx").write_bytes(make())
    return folder


SHAPES = {**hostile.DAMAGED, **hostile.BOMBS, **hostile.LETTERHEADS}
ALL = [*hostile.DAMAGED, *hostile.BOMBS]


# --- import and check ---------------------------------------------------------------------------


@pytest.mark.parametrize("shape", ALL)
@pytest.mark.parametrize("command", ["import", "check"])
def test_each_hostile_shape_is_one_line_exit_2_in_seconds_under_1_gb(
    shape: str, command: str, shapes: Path
) -> None:
    name = f"{shape}.docx"
    args = [command, name] + (["-o", "out.yaml"] if command == "import" else [])
    line = one_line_exit_2(motiongen(args, shapes), name)
    assert SHAPES[shape][1] in line  # what is wrong
    assert "as .docx" in line.split(SHAPES[shape][1], 1)[1]  # and what to do
    assert not (shapes / "out.yaml").exists()


@pytest.mark.parametrize("shape", ["empty-paragraphs", "no-body", "entity-in-body"])
def test_brief_composite_and_amends_read_a_docx_through_the_same_reader(
    shape: str, shapes: Path, tmp_path: Path
) -> None:
    docx = tmp_path / "theirs.docx"
    docx.write_bytes((shapes / f"{shape}.docx").read_bytes())
    words = SHAPES[shape][1]  # what is wrong, said by each command
    brief = motiongen(["brief", str(docx), "-f", "md", "-o", "out"], tmp_path)
    assert words in one_line_exit_2(brief, "theirs.docx")
    composite = motiongen(["composite", str(EXAMPLE), str(docx), "-o", "out"], tmp_path)
    assert "theirs.docx" in composite.stderr and words in composite.stderr
    assert "Traceback" not in composite.stderr
    assert composite.returncode == 2
    amendment = tmp_path / "amendment.yaml"
    amendment.write_text(
        "amends: theirs.docx\nsubmitted_by: Northby Branch\nchanges:\n  - delete_clause: notes 1\n",
        encoding="utf-8",
    )
    amend = motiongen(["amend", str(amendment), "--out-dir", "out"], tmp_path)
    assert "theirs.docx" in amend.stderr and words in amend.stderr
    assert "Traceback" not in amend.stderr
    assert amend.returncode == 2
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_check_of_several_files_reports_the_bad_one_and_checks_the_others(
    shapes: Path,
) -> None:
    council = REPO / "examples" / "council.yaml"
    result = motiongen(["check", str(EXAMPLE), "no-body.docx", str(council)], shapes)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1 and "no-body.docx" in result.stderr
    assert f"{EXAMPLE}: " in result.stdout and f"{council}: " in result.stdout


# --- letterheads ----------------------------------------------------------------------------------


@pytest.mark.parametrize("shape", [*hostile.LETTERHEADS, *ALL])
def test_a_hostile_letterhead_is_one_line_exit_2_in_seconds_under_1_gb(
    shape: str, shapes: Path, tmp_path: Path
) -> None:
    letterhead = shapes / f"{shape}.docx"
    args = ["build", str(EXAMPLE), "-f", "docx", "-o", str(tmp_path / "out")]
    line = one_line_exit_2(motiongen([*args, "--reference-docx", str(letterhead)], tmp_path), shape)
    assert "--reference-docx" in line and SHAPES[shape][1] in line
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_a_letterhead_carries_its_styles_header_footer_and_logo_and_nothing_else(
    tmp_path: Path,
) -> None:
    from wordtools import tiny_png

    with_logo = hostile.letterhead(logo=tiny_png())
    logo_parts = {
        n: d for n, d in hostile.members(with_logo).items() if "media/" in n or "header1" in n
    }
    hostile_letterhead = hostile.letterhead_with_macros_and_links()
    # the macro letterhead, with the logo letterhead's header (and its picture)
    merged = hostile.rezip(
        hostile_letterhead,
        {
            "word/header1.xml": None,  # replaced by the logo letterhead's, added below
            "[Content_Types].xml": lambda data: data.replace(
                b"</Types>", b'<Default Extension="png" ContentType="image/png"/></Types>'
            ),
        },
        add=logo_parts,
    )
    letterhead = tmp_path / "letterhead.docx"
    letterhead.write_bytes(merged)
    out = tmp_path / "out"
    result = motiongen(
        ["build", str(EXAMPLE), "-f", "docx", "-o", str(out), "--reference-docx", str(letterhead)],
        tmp_path,
    )
    assert result.returncode in (0, 1), result.stderr
    (made,) = out.glob("*.docx")
    with zipfile.ZipFile(made) as archive:
        names = set(archive.namelist())
        parts = {n: archive.read(n) for n in names}
    assert not [n for n in names if "vbaProject" in n or n.startswith("customXml/item9")]
    assert b"vbaProject" not in parts["[Content_Types].xml"]
    for name, data in parts.items():
        if name.endswith(".rels"):
            assert b'TargetMode="External"' not in data, name
            assert b"attachedTemplate" not in data and b"vbaProject" not in data, name
    assert b"attachedTemplate" not in parts["word/settings.xml"]
    footers = b"".join(d for n, d in parts.items() if n.startswith("word/footer"))
    assert b"example.invalid" in footers and b"w:hyperlink" not in footers  # the words stay
    assert b"Promoted by the Anytown Branch secretary" in footers
    headers = b"".join(d for n, d in parts.items() if n.startswith("word/header"))
    assert b"Anytown Branch \xc2\xb7 1 High Street" in headers
    pictures = [d for n, d in parts.items() if n.startswith("word/media/")]
    assert pictures and all(p == tiny_png() for p in pictures)  # the logo, whole
    styles = etree.fromstring(parts["word/styles.xml"])
    w = f"{{{hostile.W_NS}}}"
    normal = next(s for s in styles.iter(f"{w}style") if s.get(f"{w}styleId") == "Normal")
    assert normal.find(f"{w}rPr/{w}sz").get(f"{w}val") == "26"  # 13 pt, the letterhead's own


# --- the reader's own limits, in process ---------------------------------------------------------


def test_the_counts_stop_a_part_within_the_size_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from motiongen.io import wordfile

    path = tmp_path / "m.docx"
    path.write_bytes(hostile.good())
    body, styles = wordfile.read_document(path)
    assert len(body.findall(f"{{{hostile.W_NS}}}p")) == len(hostile.MOTION)
    assert styles["Title"] == "title"
    for limit, value, words in (
        ("PARAGRAPHS", 3, "more than 3 paragraphs"),
        ("ELEMENTS", 20, "more than 20 XML elements"),
        ("PART_BYTES", 1_000, "inflates to more than 0.001 MB"),
        ("PARTS", 5, "parts"),
        ("TOTAL_BYTES", 5_000, "together"),
        ("SECONDS", -1.0, "seconds"),
    ):
        with monkeypatch.context() as patch:
            patch.setattr(wordfile, limit, value)
            with pytest.raises(wordfile.WordFileError, match=words) as caught:
                wordfile.read_document(path)
        assert str(caught.value).startswith(f"{path}: ")


def test_a_doctype_is_refused_in_any_encoding(tmp_path: Path) -> None:
    from motiongen.io import wordfile

    body = (
        '<?xml version="1.0" encoding="UTF-16"?>\n<!DOCTYPE w:document [<!ENTITY a "b">]>\n'
        f'<w:document xmlns:w="{hostile.W_NS}"><w:body><w:p><w:r><w:t>&a;</w:t></w:r></w:p>'
        "</w:body></w:document>"
    ).encode("utf-16")
    path = tmp_path / "m.docx"
    path.write_bytes(hostile.rezip(hostile.good(), {"word/document.xml": body}))
    with pytest.raises(wordfile.WordFileError, match="DOCTYPE"):
        wordfile.read_document(path)


def test_a_letterhead_package_is_what_python_docx_and_word_open(tmp_path: Path) -> None:
    """The package made of a letterhead opens and names only the parts it holds."""
    import docx

    from motiongen.io import wordfile

    path = tmp_path / "letterhead.docx"
    path.write_bytes(hostile.letterhead_with_macros_and_links())
    made = wordfile.letterhead(path)
    document = docx.Document(io.BytesIO(made))
    assert document.sections[0].footer.paragraphs[0].text.startswith("Promoted by")
    with zipfile.ZipFile(io.BytesIO(made)) as archive:
        names = set(archive.namelist())
        types = archive.read("[Content_Types].xml").decode()
    for override in etree.fromstring(types.encode()):
        if override.get("PartName"):
            assert override.get("PartName").lstrip("/") in names
    assert "word/vbaProject.bin" not in names and "customXml/item9.xml" not in names


def test_a_letterhead_carries_pictures_up_to_a_size_together(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from motiongen.io import wordfile
    from wordtools import tiny_png

    path = tmp_path / "letterhead.docx"
    path.write_bytes(hostile.letterhead(logo=tiny_png()))
    assert b"word/media/" in wordfile.letterhead(path)  # the logo is carried
    monkeypatch.setattr(wordfile, "PICTURES_BYTES", len(tiny_png()) - 1)
    with pytest.raises(wordfile.WordFileError, match="pictures come to more than"):
        wordfile.letterhead(path)


def test_a_letterhead_header_keeps_its_words_and_none_of_what_reaches_outside(
    tmp_path: Path,
) -> None:
    from motiongen.io import wordfile

    path = tmp_path / "letterhead.docx"
    path.write_bytes(hostile.letterhead_with_outside_things_in_its_header())
    with zipfile.ZipFile(io.BytesIO(wordfile.letterhead(path))) as archive:
        names = set(archive.namelist())
        header = archive.read("word/header1.xml").decode()
    assert "word/embeddings/ole.bin" not in names and "word/chunk.html" not in names
    assert "word/_rels/header1.xml.rels" not in names  # it keeps no relationship
    assert "Anytown Branch" in header and "the picture" in header  # the words stay
    for gone in ("OLEObject", "r:link", "altChunk", "INCLUDEPICTURE", "INCLUDETEXT", "blip"):
        assert gone not in header, gone
