"""The document's own words and parts: the new spec keys in every format, the
words from one file that --templates can change (Word too), blocks a user's
template can replace, and the submission copy."""

from __future__ import annotations

import io
import json
from pathlib import Path

import docx
import pytest
from typer.testing import CliRunner

from conftest import REPO
from motiongen import catalogue, profiles
from motiongen.cli.commands import app
from motiongen.errors import InputError
from motiongen.motion.compose import compose
from motiongen.motion.spec import Motion
from motiongen.output import render, sentences
from motiongen.output.word import WordOptions, WordWriter

CAT = catalogue.load(with_user_files=False)
PROFILES = profiles.load(with_user_files=False)

FULL = Motion.model_validate(
    {
        "profile": "labour-conference",
        "title": "Children's care is not for profit",
        "submitted_by": "Anytown CLP",
        "proposer": "Sam Example",
        "seconder": "Alex Example",
        "moved_by": "Jo Delegate",
        "contact": {"name": "Sam Example", "email": "sec@example.org", "phone": "07700 900123"},
        "submitted_on": "2027-09-01",
        "carried_on": {"date": "2027-08-20", "meeting": "all-member meeting"},
        "demands": ["halt-nass"],
        "notes": ["regulations-2014"],
    }
)


def formats(motion: Motion, **options: object) -> dict[str, str]:
    doc = compose(motion, PROFILES.get(motion.profile), CAT)
    out = {fmt: render.render(doc, fmt, **options) for fmt in ("md", "txt")}  # type: ignore[arg-type]
    word_options = WordOptions(
        template_dir=options.get("template_dir"),  # type: ignore[arg-type]
        submission_copy=bool(options.get("submission_copy")),
    )
    data = WordWriter(word_options).render(doc)
    out["docx"] = "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)
    return out


def test_the_new_keys_in_all_three_formats() -> None:
    for fmt, text in formats(FULL).items():
        flat = text.replace("**", "").replace("\\", "")
        assert "Moved at conference by: Jo Delegate" in flat, fmt
        assert "Contact: Sam Example, sec@example.org, 07700 900123" in flat, fmt
        assert "Submitted on: 1 September 2027" in flat, fmt
        assert "Carried at a quorate all-member meeting on 20 August 2027." in flat, fmt


def test_carried_on_as_a_plain_date_still_works() -> None:
    motion = FULL.model_copy(update={"carried_on": FULL.carried_on.date})  # type: ignore[union-attr]
    for fmt, text in formats(motion).items():
        assert "Carried at a quorate meeting on 20 August 2027." in text, fmt


def test_a_contact_can_be_just_a_name() -> None:
    motion = Motion.model_validate({"profile": "council", "title": "T", "contact": "Sam Example"})
    assert motion.contact is not None and motion.contact.name == "Sam Example"


def test_a_bad_email_or_phone_is_one_clear_line(runner: CliRunner, tmp_path: Path) -> None:
    spec = tmp_path / "m.yaml"
    spec.write_text(
        "profile: council\ntitle: T\ncontact:\n  email: sam at example\n", encoding="utf-8"
    )
    result = runner.invoke(app, ["check", str(spec)])
    assert result.exit_code == 2
    assert "m.yaml:4: contact.email: an email address looks like secretary@example.org" in (
        result.stderr
    )
    with pytest.raises(ValueError, match="a phone number is digits"):
        Motion.model_validate({"profile": "council", "title": "T", "contact": {"phone": "ring"}})


def test_carried_at_needs_carried_on(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(
        app,
        ["new", "--profile", "council", "--title", "T", "--demand", "halt-nass",
         "--carried-at", "full council", "--output", f"{tmp_path}/", "--yes"],
    )  # fmt: skip
    assert result.exit_code == 2
    assert "--carried-at names the meeting, so it needs --carried-on" in result.stderr


def test_the_schema_has_the_new_keys(runner: CliRunner) -> None:
    schema = json.loads(runner.invoke(app, ["schema"]).stdout)
    assert {"contact", "submitted_on", "moved_by", "carried_on"} <= set(schema["properties"])


def test_the_submission_copy_is_the_motion_alone() -> None:
    full = formats(FULL)
    bare = formats(FULL, submission_copy=True)
    for fmt in ("md", "txt", "docx"):
        assert "Sources" in full[fmt] and "The limit is 250" in full[fmt]
        assert "Sources" not in bare[fmt] and "words." not in bare[fmt], fmt
        assert "Proposer" in bare[fmt] and "Children's care is not for profit" in bare[fmt]


def test_user_sentences_change_every_format_word_included(tmp_path: Path) -> None:
    (tmp_path / "sentences.toml").write_text(
        'proposer = "Moved by the branch secretary"\n'
        'sources_heading = "Where the facts come from"\n',
        encoding="utf-8",
    )
    for fmt, text in formats(FULL, template_dir=tmp_path).items():
        assert "Moved by the branch secretary" in text, fmt
        assert "Where the facts come from" in text, fmt
        assert "Proposer" not in text, fmt


def test_an_unknown_sentence_names_the_file_and_key(tmp_path: Path) -> None:
    (tmp_path / "sentences.toml").write_text('proposr = "Mover"\n', encoding="utf-8")
    with pytest.raises(InputError, match="'proposr' is not one of") as caught:
        sentences.load(str(tmp_path))
    assert "sentences.toml" in str(caught.value)


def test_a_user_template_replaces_one_block(tmp_path: Path) -> None:
    (tmp_path / "motion.md.j2").write_text(
        '{% extends "default:motion.md.j2" %}\n'
        "{% block title %}# {{ doc.title | md }}\n\n"
        "For the GC, from Anytown CLP.\n{% endblock %}\n",
        encoding="utf-8",
    )
    doc = compose(FULL, PROFILES.get(FULL.profile), CAT)
    mine = render.render(doc, "md", template_dir=tmp_path)
    built_in = render.render(doc, "md")
    assert mine.startswith("# Children's care is not for profit\n\nFor the GC, from Anytown CLP.\n")
    # Everything after the title is the built-in template's, unchanged.
    assert mine.split("\n", 4)[4] == built_in.split("\n", 2)[2]


def test_a_user_template_replaces_each_section(tmp_path: Path) -> None:
    (tmp_path / "motion.txt.j2").write_text(
        '{% extends "default:motion.txt.j2" %}\n'
        "{% block section %}[{{ section.key }}] {{ section.lead }}\n{% endblock %}\n",
        encoding="utf-8",
    )
    doc = compose(FULL, PROFILES.get(FULL.profile), CAT)
    text = render.render(doc, "txt", template_dir=tmp_path)
    assert "[notes] Conference notes:" in text
    assert "Children's care is not for profit\n=================================" in text


def test_headings_are_level_2_in_markdown_and_text() -> None:
    out = formats(FULL)
    assert out["md"].startswith("# Children's care is not for profit\n")
    assert "\n## Conference notes:\n" in out["md"]
    assert "\nConference notes:\n-----------------\n" in out["txt"]
    assert "  \n" not in out["md"], "no trailing-space line breaks"


def test_new_takes_the_new_keys_as_flags(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(
        app,
        [
            "new", "--profile", "labour-conference", "--title", "Care not profit",
            "--submitted-by", "Anytown CLP", "--demand", "halt-nass",
            "--moved-by", "Jo Delegate", "--contact-name", "Sam Example",
            "--contact-email", "sec@example.org", "--submitted-on", "2027-09-01",
            "--carried-on", "2027-08-20", "--carried-at", "all-member meeting",
            "--output", f"{tmp_path}/", "--format", "txt", "--yes",
        ],
    )  # fmt: skip
    assert result.exit_code in (0, 1), result.stderr
    (txt,) = tmp_path.glob("*.txt")
    text = txt.read_text("utf-8")
    assert "Moved at conference by: Jo Delegate" in text
    assert "Contact: Sam Example, sec@example.org" in text
    assert "Carried at a quorate all-member meeting on 20 August 2027." in text
    (saved,) = tmp_path.glob("*.yaml")
    assert "moved_by: Jo Delegate" in saved.read_text("utf-8")


def test_submission_copy_through_the_cli(runner: CliRunner, tmp_path: Path) -> None:
    spec = REPO / "examples" / "union-conference.yaml"
    result = runner.invoke(app, ["build", str(spec), "--submission-copy", "-f", "md", "-o", "-"])
    assert result.exit_code == 0, result.stderr
    assert "## Conference notes:" in result.stdout and "Sources" not in result.stdout


@pytest.mark.parametrize("profile_id", sorted(PROFILES.profiles))
def test_markdown_reads_back_with_the_same_outline(profile_id: str) -> None:
    """A CommonMark reader (markdown-it, which rich brings) sees the title as the
    one h1 and each section as an h2, as Word and the text version do."""
    import html
    import re

    from markdown_it import MarkdownIt

    from motiongen.motion import spec
    from test_golden import EXAMPLES

    (job,) = spec.read(REPO / "examples" / EXAMPLES[profile_id])
    assert job.motion is not None
    doc = compose(job.motion, PROFILES.get(profile_id), CAT)
    page = MarkdownIt("commonmark").render(render.render(doc, "md"))
    headings = [(tag, html.unescape(text)) for tag, text in re.findall(r"<(h\d)>(.*?)</h\d>", page)]
    assert headings[0] == ("h1", doc.title)
    assert [t for t, _ in headings].count("h1") == 1
    leads = [text for tag, text in headings if tag == "h2"]
    assert leads[: len(doc.sections)] == [s.lead for s in doc.sections]
    for section in doc.sections:
        numbered = [c for c in section.clauses if c.number]
        if numbered and doc.profile.number_format in ("1.", "1)"):
            first = int(numbered[0].number.rstrip(".)"))
            assert ("<ol>" if first == 1 else f'<ol start="{first}">') in page


OTHER_WORDS = """\
[brief]
sources_heading = "If they ask where it comes from"
[report]
clauses_heading = "Clause by clause, and whose"
[amendment]
heading = "Amendment {label} to {motion}, moved by {body}:"
[tracked]
word_count = "Words once amended"
"""


def _docx_text(path: Path) -> str:
    return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)


def test_the_brief_report_amendment_and_tracked_words_come_from_templates(
    runner: CliRunner, tmp_path: Path
) -> None:
    """--templates reaches every document, not only the motion."""
    own = tmp_path / "own"
    own.mkdir()
    (own / "sentences.toml").write_text(OTHER_WORDS, encoding="utf-8")
    examples = REPO / "examples"
    out = tmp_path / "brief"
    args = ["brief", str(examples / "anytown-branch.yaml"), "-o", str(out), "--templates", str(own)]
    assert runner.invoke(app, args).exit_code == 0
    (brief_md,) = out.glob("*.md")
    assert "If they ask where it comes from" in brief_md.read_text(encoding="utf-8")
    (brief_docx,) = out.glob("*.docx")
    assert "If they ask where it comes from" in _docx_text(brief_docx)

    spec = tmp_path / "composite" / "c.yaml"
    motions = [str(examples / f"composite-{name}.yaml") for name in ("anytown", "carlisle")]
    result = runner.invoke(app, ["composite", *motions, "-o", str(spec), "--templates", str(own)])
    assert result.exit_code in (0, 1), result.output
    assert "Clause by clause, and whose" in (spec.parent / "c-report.md").read_text("utf-8")

    agenda = tmp_path / "agenda"
    amendment = examples / "amendments" / "northby-38.1.yaml"
    args = ["amend", str(amendment), "--motion", str(examples / "anytown-branch.yaml")]
    args += ["-o", str(agenda), "--templates", str(own), "-f", "txt,docx"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    (text,) = agenda.glob("amendment-*.txt")
    assert "moved by Northby Branch:" in text.read_text(encoding="utf-8")
    (tracked,) = agenda.glob("*tracked-changes.docx")
    assert "Words once amended" in _docx_text(tracked)


def test_an_unknown_document_table_is_refused(tmp_path: Path) -> None:
    (tmp_path / "sentences.toml").write_text('[breif]\ntitle = "x"\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"\[breif\] is not one of the documents"):
        sentences.table("brief", tmp_path)
    (tmp_path / "sentences.toml").write_text('[brief]\ntitel = "x"\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"'\[brief\] titel' is not one of"):
        sentences.table("brief", tmp_path)
