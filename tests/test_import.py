"""`motiongen import`: motions someone else wrote, read back into specs."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from conftest import REPO
from motiongen import profiles
from motiongen.agenda import importer
from motiongen.catalogue import Catalogue
from motiongen.cli.commands import app
from motiongen.errors import InputError
from motiongen.motion import spec
from motiongen.motion.compose import Document, compose
from motiongen.output.motion import FileOptions, MotionWriter
from wordtools import lo_convert

EXAMPLES = sorted(p for p in (REPO / "examples").glob("*.yaml"))


@pytest.fixture(scope="module")
def found() -> profiles.ProfileSet:
    return profiles.load(with_user_files=False)


def shape(doc: Document) -> list[tuple[str, str, list[tuple[str, str | None]]]]:
    """Sections, their leads, and each clause's words and catalogue id."""
    return [
        (s.key, s.lead, [(c.text, c.ref) for c in s.clauses]) for s in doc.sections if s.clauses
    ]


def example_motions(cat: Catalogue, found: profiles.ProfileSet) -> list[tuple[str, Document]]:
    out = []
    for path in EXAMPLES:
        for job in spec.read(path):
            assert job.motion is not None, job.error
            out.append((job.label, compose(job.motion, found.get(job.motion.profile), cat)))
    return out


@pytest.mark.parametrize(
    ("fmt", "numbered"),
    [("docx", False), ("txt", False), ("md", False), ("docx", True), ("txt", True)],
)
def test_every_example_survives_a_round_trip(
    fmt: str, numbered: bool, tmp_path: Path, cat: Catalogue, found: profiles.ProfileSet
) -> None:
    """Built to each format (with numbered lines too) and imported back, unchanged."""
    writer = MotionWriter(FileOptions(formats=[fmt], out_dir=tmp_path, line_numbers=numbered))
    motions = example_motions(cat, found)
    assert len(motions) >= 8
    for index, (label, doc) in enumerate(motions):
        written = writer.write(doc, f"motion-{index}")
        imported = importer.import_file(written[0], cat, found)
        motion = imported.motion()
        assert motion.profile == doc.profile.id, (label, imported.warnings)
        again = compose(motion, doc.profile, cat)
        assert shape(again) == shape(doc), label
        # Each clause keeps its words, linked to the entry it was built from: none is
        # replaced by an id.
        assert [c.entries for s in again.sections for c in s.clauses] == [
            c.entries for s in doc.sections for c in s.clauses
        ]
        assert {c.kind for s in again.sections for c in s.clauses} == {"text"}
        assert (again.title, again.proposer, again.seconder, again.submitted_by) == (
            doc.title,
            doc.proposer,
            doc.seconder,
            doc.submitted_by,
        )
        assert imported.matched == sum(1 for s in doc.sections for c in s.clauses if c.ref)


HANDWRITTEN = """\
Keep our children's homes in public hands

Proposed by: Jo Bloggs
Seconded by: Sam Smith

This Branch notes that:
1. Our council closed two of its own children's homes last year.
2. In 2018 more than half of the UK's children's homes were owned by private companies.

This Branch believes:
a) Children's care should never be run for profit.
b) The children of our town should be cared for in our town.

This Branch resolves to:
(i) ask our councillors to oppose any further sale of council children's homes;
(ii) write to our MP asking her to support a cap on providers' profits.
"""


def items(data: dict[str, Any], kind: str) -> list[Any]:
    """The clauses of the sections of ``kind``, whichever form the spec is in."""
    if "sections" not in data:
        return list(data.get(kind, []))
    return [i for section in data["sections"] if section["kind"] == kind for i in section["items"]]


def leads(data: dict[str, Any]) -> list[str | None]:
    return [section.get("lead") for section in data.get("sections", [])]


def test_a_motion_typed_in_libreoffice_imports_with_its_sections(
    tmp_path: Path, cat: Catalogue, found: profiles.ProfileSet
) -> None:
    typed = tmp_path / "branch-motion.txt"
    typed.write_text(HANDWRITTEN, encoding="utf-8")
    docx = lo_convert(typed, tmp_path, "docx:MS Word 2007 XML", infilter="Text (encoded):UTF8")
    imported = importer.import_file(docx, cat, found, profile_id="labour-branch")
    data = imported.data
    assert data["title"] == "Keep our children's homes in public hands"
    assert (data["proposer"], data["seconder"]) == ("Jo Bloggs", "Sam Smith")
    assert items(data, "notes")[0] == {
        "text": "Our council closed two of its own children's homes last year."
    }
    # the catalogue's own words, kept as words and linked to the entry
    assert items(data, "notes")[1] == {
        "text": "In 2018 more than half of the UK's children's homes were owned by private "
        "companies.",
        "link": "childrens-homes-private-ownership",
    }
    assert [b["text"] for b in items(data, "believes")] == [
        "Children's care should never be run for profit.",
        "The children of our town should be cared for in our town.",
    ]
    # Each lead kept as the motion words it.
    assert leads(data) == [
        "This Branch notes that:",
        "This Branch believes:",
        "This Branch resolves to:",
    ]
    assert [r["text"] for r in items(data, "resolves")] == [
        "ask our councillors to oppose any further sale of council children's homes;",
        "write to our MP asking her to support a cap on providers' profits.",
    ]
    assert imported.summary().startswith("title, 3 sections, 6 clauses, 1 linked")
    imported.motion()


def test_word_numbered_lists_are_clauses(
    tmp_path: Path, cat: Catalogue, found: profiles.ProfileSet
) -> None:
    from docx import Document as new_docx

    document = new_docx()
    document.add_heading("Save Sure Start", level=1)
    document.add_paragraph("Conference notes:")
    document.add_paragraph("Two centres in our area closed this year.", style="List Number")
    document.add_paragraph("Conference calls on the NEC to:")
    document.add_paragraph("Fund a campaign to reopen them.", style="List Number")
    document.add_paragraph("Proposer: A Member")
    path = tmp_path / "sure-start.docx"
    document.save(str(path))
    imported = importer.import_file(path, cat, found, profile_id="union-conference")
    assert imported.data["title"] == "Save Sure Start"
    assert items(imported.data, "notes") == [{"text": "Two centres in our area closed this year."}]
    # The body's own layout prints these very leads: the spec keeps the short form.
    assert imported.data["resolves"] == [{"text": "Fund a campaign to reopen them."}]
    assert imported.data["calls_on"] == "the NEC"
    assert imported.data["proposer"] == "A Member"


def test_a_motion_form_with_a_table_and_headings_without_colons(
    tmp_path: Path, cat: Catalogue, found: profiles.ProfileSet
) -> None:
    from docx import Document as new_docx

    document = new_docx()
    document.add_paragraph("Save our children's centres", style="Title")
    table = document.add_table(rows=2, cols=2)
    for row, (label, value) in zip(
        table.rows, [("Proposer", "Jo Bloggs"), ("Seconder", "Sam Smith")], strict=True
    ):
        row.cells[0].text, row.cells[1].text = label, value
    document.add_heading("This branch notes", level=2)
    document.add_paragraph("Two centres closed this year.")
    document.add_heading("This branch resolves", level=2)
    document.add_paragraph("To campaign to reopen them.")
    path = tmp_path / "form.docx"
    document.save(str(path))
    data = importer.import_file(path, cat, found, profile_id="labour-branch").data
    assert (data["proposer"], data["seconder"]) == ("Jo Bloggs", "Sam Smith")
    assert items(data, "notes") == [{"text": "Two centres closed this year."}]
    assert items(data, "resolves") == [{"text": "To campaign to reopen them."}]


def test_markdown_headings_are_sections(
    tmp_path: Path, cat: Catalogue, found: profiles.ProfileSet
) -> None:
    path = tmp_path / "motion.md"
    path.write_text(
        "# Save our centres\n\n## We note\n\n- Two centres closed.\n\n## We resolve\n\n"
        "1. To campaign to reopen them.\n",
        encoding="utf-8",
    )
    data = importer.import_file(path, cat, found, profile_id="labour-branch").data
    assert data["title"] == "Save our centres"
    assert items(data, "notes") == [{"text": "Two centres closed."}]
    assert items(data, "resolves") == [{"text": "To campaign to reopen them."}]
    assert leads(data) == ["We note", "We resolve"]


def test_no_sections_is_one_text_section_with_a_warning(
    tmp_path: Path, cat: Catalogue, found: profiles.ProfileSet
) -> None:
    path = tmp_path / "letter.txt"
    path.write_text("A letter\n\nWe want the homes kept open.\n\nPlease help.\n", encoding="utf-8")
    imported = importer.import_file(path, cat, found)
    assert imported.data["sections"] == [
        {
            "kind": "resolves",
            "lead": "",
            "items": [{"text": "We want the homes kept open."}, {"text": "Please help."}],
        }
    ]
    assert any("no section leads" in w for w in imported.warnings)
    assert "# Note: no section leads" in imported.yaml()


def _zip_without_word_parts() -> bytes:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


ODT_LIKE = _zip_without_word_parts()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"PK\x03\x04 this zip is cut short", "damaged"),
        (ODT_LIKE, "not a Word document"),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600,
            "password-protected or in the old .doc",
        ),
        (b"\x89PNG\r\n\x1a\n a picture", "not a Word document"),
    ],
)
def test_a_file_that_is_not_a_usable_word_document_is_one_line_and_exit_2(
    content: bytes, message: str, tmp_path: Path, runner: CliRunner
) -> None:
    path = tmp_path / "motion.docx"
    path.write_bytes(content)
    result = runner.invoke(app, ["import", str(path)])
    assert result.exit_code == 2
    assert message in result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert not (tmp_path / "motion.yaml").exists()


def test_import_writes_a_spec_that_check_reads(
    tmp_path: Path, runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    built = runner.invoke(
        app, ["build", str(REPO / "examples" / "union-conference.yaml"), "-f", "docx", "-q"]
    )
    assert built.exit_code == 0, built.stderr
    docx = next(tmp_path.glob("*.docx"))
    result = runner.invoke(app, ["import", docx.name, "-o", "theirs.yaml"])
    assert result.exit_code == 0, result.stderr
    assert re.search(r"title, 3 sections, (\d+) clauses, \1 linked to the catalogue", result.stderr)
    text = (tmp_path / "theirs.yaml").read_text(encoding="utf-8")
    assert "link: ban-outsourcing" in text and "\n  - ban-outsourcing" not in text
    assert runner.invoke(app, ["check", "theirs.yaml"]).exit_code == 0
    # build --profile re-frames the imported motion for another body
    council = runner.invoke(
        app, ["build", "theirs.yaml", "--profile", "council", "-f", "txt", "-o", "-"]
    )
    assert council.exit_code in (0, 1), council.stderr
    assert "This Council notes:" in council.stdout and "Conference notes:" not in council.stdout
    again = runner.invoke(app, ["import", docx.name, "-o", "theirs.yaml"])
    assert again.exit_code == 2 and "--force" in again.stderr
    # check reads the Word file itself, importing it on the fly
    direct = runner.invoke(app, ["check", docx.name])
    assert direct.exit_code == 0, direct.stderr
    assert "Oppose the privatisation of children's services" in direct.stdout  # its findings


def test_check_reports_an_unreadable_document_as_unusable(
    tmp_path: Path, runner: CliRunner
) -> None:
    path = tmp_path / "motion.docx"
    path.write_bytes(b"not a zip")
    result = runner.invoke(app, ["check", str(path)])
    assert result.exit_code == 2
    assert "not a Word document" in result.stderr
    assert result.stderr.count(str(path)) == 1  # the file named once, at the start


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(lines=st.lists(st.text(min_size=0, max_size=80), min_size=1, max_size=12))
def test_hostile_text_is_imported_or_refused_cleanly(
    lines: list[str], tmp_path: Path, cat: Catalogue
) -> None:
    found = profiles.load(with_user_files=False)
    path = tmp_path / "hostile.md"
    path.write_text("\n".join(lines), encoding="utf-8", errors="surrogatepass")
    try:
        imported = importer.import_file(path, cat, found)
        imported.yaml()
        imported.motion()
    except InputError:
        pass
