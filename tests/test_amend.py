"""`motiongen amend`: amendments checked against the motion, applied as tracked changes."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from conftest import REPO
from motiongen import profiles
from motiongen.agenda import amendments, importer, tracked
from motiongen.agenda.amended import Amended, apply_all
from motiongen.catalogue import Catalogue
from motiongen.cli.commands import app
from motiongen.errors import InputError
from motiongen.output import layout
from wordtools import NS, W, lo_convert, part, pdf_text

TODAY = dt.date(2027, 1, 10)


MOTION = """\
profile: labour-branch
title: Bring children's social care back into public hands
submitted_by: Anytown Central Branch Labour Party
to: Anytown CLP General Committee
meeting_date: 2027-01-14
nation: england
proposer: Sam Example
seconder: Alex Example
demands: [nationalise-foster-care, end-agency-staffing, co-op-governance]
notes:
  - text: Almost two in five foster placements in England are made through agencies run for profit.
  - text: Our county spent a record sum on agency social workers last year.
believes:
  - care-not-for-profit
  - text: Children's care should never be run for profit.
resolves:
  - text: To send this motion to our MP and the local press.
"""


@pytest.fixture
def motion(tmp_path: Path) -> Path:
    path = tmp_path / "motion.yaml"
    path.write_text(MOTION, encoding="utf-8")
    return path


def amendment(folder: Path, name: str, body: str, *, by: str = "Northby Branch") -> Path:
    path = folder / name
    path.write_text(
        f"amends: motion.yaml\nmotion_number: 38\nsubmitted_by: {by}\nchanges:\n{body}",
        encoding="utf-8",
    )
    return path


def apply(paths: list[Path], cat: Catalogue, found: profiles.ProfileSet | None = None) -> Amended:
    found = found or profiles.load(with_user_files=False)
    files = [amendments.read_amendment(p, i + 1) for i, p in enumerate(paths)]
    motion, doc = importer.read_motion(paths[0].parent / "motion.yaml", cat, found)
    return apply_all(files, motion, doc, cat)


def clean_text(amended: Amended) -> list[tuple[str, list[str]]]:
    return [(s.key, [c.text for c in s.clauses]) for s in amended.clean_document().sections]


ISSUE_EXAMPLE = """\
  - in: calls on 2
    delete: "private agencies"
    insert: "private agencies and umbrella companies"
"""


def test_delete_and_insert_in_a_cited_paragraph(motion: Path, cat: Catalogue) -> None:
    amended = apply([amendment(motion.parent, "a.yaml", ISSUE_EXAMPLE)], cat)
    assert amended.text(0) == (
        "Amendment 38.1 to Motion 38 'Bring children's social care back into public hands', "
        "from Northby Branch: In the section calling on the Labour Government, clause 2 "
        "(line 12), delete 'private agencies' "
        "and insert 'private agencies and umbrella companies'."
    )
    resolves = clean_text(amended)[2][1]
    assert resolves[1].startswith(
        "End councils' reliance on private agencies and umbrella companies to supply"
    )


def test_the_line_cited_is_the_line_the_numbered_text_shows(motion: Path, cat: Catalogue) -> None:
    amended = apply([amendment(motion.parent, "a.yaml", ISSUE_EXAMPLE)], cat)
    numbered = layout.numbered_lines(amended.original)
    line_12 = next(line for line in numbered if line.number == 12)
    assert "private agencies" in line_12.text


@pytest.mark.parametrize(
    ("body", "expected", "said"),
    [
        (
            '  - after: "Sure"\n    insert: "x"\n',
            None,
            None,
        ),
        (
            '  - in: notes 2\n    after: "agency social workers"\n'
            '    insert: "and agency managers"\n',
            (
                "notes",
                1,
                "Our county spent a record sum on agency social workers and agency "
                "managers last year.",
            ),
            "In the section 'This branch notes:', clause 2 (line 4), after 'agency social "
            "workers' insert 'and agency managers'.",
        ),
        (
            '  - delete: "record"\n',
            ("notes", 1, "Our county spent a sum on agency social workers last year."),
            "In the section 'This branch notes:', clause 2 (line 4), delete 'record'.",
        ),
        (
            '  - add_at_end: resolves\n    text: "To report back in June"\n',
            ("resolves", -1, "To report back in June."),
            "Add at the end of the section 'This branch resolves:' a new clause 2: 'To report "
            "back in June.'",
        ),
        (
            "  - add_at_end: resolves\n    demand: halt-nass\n",
            ("calls_on", 3, None),
            # under the lead this body puts the demand, as a rebuilt spec would
            "Add at the end of the section calling on the Labour Government a new clause 4: "
            "'Halt the National",
        ),
        (
            "  - delete_clause: notes 2\n",
            (
                "notes",
                -1,
                "Almost two in five foster placements in England are made through agencies "
                "run for profit.",
            ),
            "Delete clause 2 of the section 'This branch notes:' (line 4).",
        ),
        (
            '  - insert_after: believes 1\n    text: "Profit has no place in care"\n',
            ("believes", 1, "Profit has no place in care."),
            "Insert after clause 1 of the section 'This branch believes that:' (line 7) a new "
            "clause 2: 'Profit has no place in care.'",
        ),
    ],
)
def test_every_change_kind_applies(
    body: str,
    expected: tuple[str, int, str | None] | None,
    said: str | None,
    motion: Path,
    cat: Catalogue,
) -> None:
    path = amendment(motion.parent, "a.yaml", body)
    if expected is None:
        with pytest.raises(InputError, match="not in the motion"):
            apply([path], cat)
        return
    amended = apply([path], cat)
    key, index, text = expected
    clauses = [c for k, cs in clean_text(amended) if k == key for c in cs]
    if text is not None:
        assert clauses[index] == text
    assert said is not None and said in amended.text(0)


def test_a_demand_added_is_worded_for_the_motions_body(tmp_path: Path, cat: Catalogue) -> None:
    shutil.copy(REPO / "examples" / "union-conference.yaml", tmp_path / "motion.yaml")
    path = amendment(tmp_path, "a.yaml", "  - add_at_end: resolves\n    demand: halt-nass\n")
    amended = apply([path], cat)
    assert amended.spec()["sections"][-1]["items"][-1] == "halt-nass"
    added = clean_text(amended)[-1][1][-1]
    assert added.startswith("Campaign for the Government to halt the National Assessment")
    # Numbered as the motion shows it: the union-conference "calls on" list
    # starts again at 1), as the UNISON form does.
    last = amended.original.sections[-1].clauses[-1].number.strip("().")
    assert f"a new clause {int(last) + 1}: '{added}'" in amended.text(0)


def test_delete_all_and_replace(motion: Path, cat: Catalogue) -> None:
    body = (
        "  - delete_all: true\n    replace_with:\n"
        '      notes: ["Our county has no children\'s homes of its own."]\n'
        "      resolves:\n        - demand: council-run-childrens-homes\n"
        '        - "To report back by March."\n'
    )
    amended = apply([amendment(motion.parent, "a.yaml", body)], cat)
    sections = clean_text(amended)
    assert [key for key, _ in sections] == ["notes", "resolves"]
    assert sections[1][1][1] == "To report back by March."
    assert amended.text(0).split(": ", 1)[1].startswith("Delete all and replace with: 'This branch")
    assert all(p.mark == "del" for p in amended.paras if p.group < 4)


def test_napo_refuses_delete_all_with_its_rule(tmp_path: Path, cat: Catalogue) -> None:
    motion = tmp_path / "motion.yaml"
    shutil.copy(REPO / "examples" / "napo-agm.yaml", motion)
    body = '  - delete_all: true\n    replace_with:\n      resolves: ["To do otherwise."]\n'
    with pytest.raises(InputError, match="must keep some of the motion's words") as caught:
        apply([amendment(tmp_path, "a.yaml", body)], cat)
    assert "napo.org.uk" in str(caught.value)


BAD = [
    (
        '  - delete: "privat agency"\n    insert: "x"\n',
        2,
        "a.yaml:5: change 1: the words 'privat agency' are not in the motion (the nearest "
        "words there are 'private agencies'",
    ),
    (
        '  - delete: "profit"\n',
        2,
        "change 1: the words 'profit' occur 3 times in the motion: the section 'This branch "
        "notes:', clause 1 at line 3, the section 'This branch believes that:', clause 1 at "
        "line 7, the section 'This branch believes that:', clause 2 at line 8",
    ),
    (
        '  - in: believes 1\n    delete: "vulnerable children"\n  - in: resolves 9\n'
        '    delete: "x"\n',
        2,
        "change 2: 'resolves 9' does not name a clause of the motion: 'resolves' has "
        "clauses 1 to 1, not 9; the other sections that act are 'calls on' (3 clauses)",
    ),
    (
        "".join(f"  - delete_clause: calls on {n}\n" for n in range(1, 4))
        + "  - delete_clause: resolves 1\n",
        2,
        "change 4: amendment 38.1 removes everything the motion resolves: a direct negative is "
        "not in order. The rule: An amendment must keep some of the motion's wording",
    ),
    (
        '  - delete: "To send this motion to our MP and the local press."\n'
        "  - delete_clause: calls on 1\n  - delete_clause: calls on 2\n"
        "  - delete_clause: calls on 3\n",
        2,
        "a direct negative is not in order",
    ),
    ("  - delete_clause: notes 2\n    text: x\n", 2, "changes[1]"),
    ("  - add_at_end: resolves\n", 2, "add_at_end: needs either text: or demand:"),
]


@pytest.mark.parametrize(("body", "code", "message"), BAD)
def test_each_bad_amendment_is_one_line_with_its_exit_code(
    body: str, code: int, message: str, motion: Path, runner: CliRunner
) -> None:
    path = amendment(motion.parent, "a.yaml", body)
    result = runner.invoke(app, ["amend", str(path), "-o", str(motion.parent / "out")])
    assert result.exit_code == code, result.stderr
    assert message in result.stderr
    assert result.stderr.count("\n") == 1
    assert not (motion.parent / "out").exists(), "nothing is written for a bad amendment"


def test_over_the_bodys_amendment_limit_fails_its_checks(
    motion: Path, runner: CliRunner, tmp_path: Path
) -> None:
    own = (REPO / "seeds" / "profiles" / "labour-branch.yaml").read_text(encoding="utf-8")
    own = own.replace("id: labour-branch", "id: strict-branch").replace(
        "  word_limit: null\n", "  word_limit: 5\n  word_limit_source: our standing orders, 4.2\n"
    )
    (tmp_path / "strict.yaml").write_text(own, encoding="utf-8")
    text = motion.read_text(encoding="utf-8").replace(
        "profile: labour-branch", "profile: strict-branch"
    )
    motion.write_text(text, encoding="utf-8")
    path = amendment(
        motion.parent, "a.yaml", ISSUE_EXAMPLE.replace("umbrella", "umbrella and other")
    )
    result = runner.invoke(
        app,
        [
            "--profiles",
            str(tmp_path / "strict.yaml"),
            "amend",
            str(path),
            "-o",
            str(tmp_path / "out"),
        ],
    )
    assert result.exit_code == 1
    assert (
        "amendment 38.1 adds 7 words; a Labour branch or CLP amendment may add at most 5 "
        "(our standing orders, 4.2)" in result.stderr
    )


def test_two_amendments_to_the_same_words_clash_naming_both(
    motion: Path, runner: CliRunner
) -> None:
    first = amendment(motion.parent, "a.yaml", ISSUE_EXAMPLE)
    second = amendment(
        motion.parent,
        "b.yaml",
        '  - delete: "private agencies to supply"\n    insert: "agencies to supply"\n',
        by="Southby Branch",
    )
    result = runner.invoke(
        app, ["amend", str(first), str(second), "-o", str(motion.parent / "out")]
    )
    assert result.exit_code == 2
    assert (
        "amendment 38.1 (Northby Branch) change 1 and amendment 38.2 (Southby Branch) change 1 "
        "both change the section calling on the Labour Government, clause 2 (line 12): they "
        "clash" in result.stderr
    )


def test_several_amendments_make_one_document_one_author_each(
    motion: Path, cat: Catalogue, tmp_path: Path
) -> None:
    first = amendment(motion.parent, "a.yaml", ISSUE_EXAMPLE)
    second = amendment(motion.parent, "b.yaml", "  - delete_clause: notes 2\n", by="Southby Branch")
    amended = apply([first, second], cat)
    data = tracked.tracked_docx(amended, today=TODAY)
    body = part(data, "word/document.xml")
    authors = {e.get(f"{W}author") for e in body.iter(f"{W}ins", f"{W}del")}
    assert authors == {"Northby Branch", "Southby Branch"}
    said = "".join(t.text for t in body.iter(f"{W}t"))
    assert "amendments 38.1 from Northby Branch and 38.2 from Southby Branch" in said


def test_words_inserted_after_others_are_spaced_and_an_emptied_heading_goes(
    motion: Path, cat: Catalogue
) -> None:
    body = (
        '  - in: calls on 1\n    after: "public ownership"\n    insert: "within five years"\n'
        "  - delete_clause: resolves\n"
    )
    amended = apply([amendment(motion.parent, "a.yaml", body)], cat)
    clean = clean_text(amended)
    assert clean[2][1][0].startswith("Bring foster care into public ownership within five years,")
    assert [key for key, _ in clean] == ["notes", "believes", "calls_on"]
    heading = next(p for p in amended.paras if p.lead and p.original == "This branch resolves:")
    assert heading.mark == "del" and heading.author == "Northby Branch"


def test_the_tracked_document_holds_real_tracked_changes(
    motion: Path, runner: CliRunner, tmp_path: Path
) -> None:
    from docx import Document as open_docx

    path = amendment(motion.parent, "a.yaml", ISSUE_EXAMPLE + "  - delete_clause: notes 2\n")
    out = tmp_path / "out"
    result = runner.invoke(app, ["amend", str(path), "-o", str(out), "--today", "2027-01-10"])
    assert result.exit_code == 0, result.stderr
    names = sorted(p.name for p in out.iterdir())
    assert names == [
        "amendment-38-1-northby-branch.docx",
        "amendment-38-1-northby-branch.md",
        "amendment-38-1-northby-branch.txt",
        "motion-38-as-amended.docx",
        "motion-38-as-amended.md",
        "motion-38-as-amended.txt",
        "motion-38-as-amended.yaml",
        "motion-38-tracked-changes.docx",
    ]
    docx = out / "motion-38-tracked-changes.docx"
    body = open_docx(str(docx)).element.body
    inserted = body.findall(".//w:ins", NS)
    deleted = body.findall(".//w:del", NS)
    assert inserted and deleted
    for mark in inserted + deleted:
        assert mark.get(f"{W}author") == "Northby Branch"
        assert mark.get(f"{W}date") == "2027-01-10T00:00:00Z"
    assert "private agencies and umbrella companies" in "".join(
        t.text for t in body.findall(".//w:ins//w:t", NS)
    )
    assert "Our county spent a record sum" in "".join(
        t.text for t in body.findall(".//w:del//w:delText", NS)
    )
    # The whole deleted paragraph has its paragraph mark deleted too.
    assert body.findall(".//w:pPr/w:rPr/w:del", NS)
    # LibreOffice shows both the deleted and the inserted words.
    text = " ".join(pdf_text(lo_convert(docx, tmp_path)).split())
    assert "reliance on private agencies private agencies and umbrella companies" in text.replace(
        "agenciesprivate", "agencies private"
    )
    assert "Our county spent a record sum on agency social workers last year." in text
    # The clean motion and its spec: check reads the spec.
    clean = (out / "motion-38-as-amended.txt").read_text(encoding="utf-8")
    assert "Our county spent" not in clean and "umbrella companies" in clean
    check = runner.invoke(app, ["check", str(out / "motion-38-as-amended.yaml")])
    assert check.exit_code == 0, check.stderr
    heading, rule, blank, first, *_ = (
        (out / "amendment-38-1-northby-branch.txt").read_text(encoding="utf-8").splitlines()
    )
    assert heading == (
        "Amendment 38.1 to Motion 38 'Bring children's social care back into public hands', "
        "from Northby Branch:"
    )
    assert set(rule) == {"="} and not blank
    assert first.startswith(
        "In the section calling on the Labour Government, clause 2 (line 12), delete"
    )
    # The motion as amended keeps every clause in its section, and rebuilds as it is.
    rebuilt = runner.invoke(
        app, ["build", str(out / "motion-38-as-amended.yaml"), "-f", "txt", "-o", "-"]
    )
    assert rebuilt.stdout == (out / "motion-38-as-amended.txt").read_text(encoding="utf-8")
    again = runner.invoke(app, ["amend", str(path), "-o", str(out)])
    assert again.exit_code == 2 and "--force" in again.stderr


def test_a_word_motion_can_be_amended(tmp_path: Path, runner: CliRunner) -> None:
    built = runner.invoke(
        app,
        [
            "build",
            str(REPO / "examples" / "anytown-branch.yaml"),
            "-f",
            "docx",
            "-o",
            str(tmp_path),
        ],
    )
    assert built.exit_code == 0, built.stderr
    docx = next(tmp_path.glob("*.docx"))
    docx.rename(tmp_path / "motion.docx")
    path = tmp_path / "a.yaml"
    path.write_text(
        "amends: motion.docx\nsubmitted_by: Northby Branch\nchanges:\n" + ISSUE_EXAMPLE,
        encoding="utf-8",
    )
    result = runner.invoke(app, ["amend", str(path), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.stderr
    assert "Amendment 1 to the motion 'Bring children's social care" in result.stdout


def test_the_bodys_amendment_rules_and_deadline_are_shown(
    motion: Path, runner: CliRunner, tmp_path: Path
) -> None:
    own = (REPO / "seeds" / "profiles" / "labour-branch.yaml").read_text(encoding="utf-8")
    own = own.replace("id: labour-branch", "id: strict-branch").replace(
        "  word_limit: null\n",
        "  word_limit: null\n  notice_days: 14\n  notice_source: our standing orders, 4.3\n"
        "  rules:\n    - what: Only a branch officer may move an amendment.\n"
        "      source: our standing orders, 4.1\n      verified: true\n",
    )
    (tmp_path / "strict.yaml").write_text(own, encoding="utf-8")
    text = motion.read_text(encoding="utf-8").replace("labour-branch", "strict-branch")
    motion.write_text(text, encoding="utf-8")
    path = amendment(motion.parent, "a.yaml", ISSUE_EXAMPLE)
    args = [
        "--profiles",
        str(tmp_path / "strict.yaml"),
        "amend",
        str(path),
        "-o",
        str(tmp_path / "out"),
    ]
    late = runner.invoke(app, [*args, "--today", "2027-01-10"])
    assert late.exit_code == 0, late.stderr
    assert "Note: Only a branch officer may move an amendment (our standing orders, 4.1)." in (
        late.stderr
    )
    assert (
        "Note: amendments were due 14 days before the meeting of 14 January 2027, by "
        "31 December 2026 (our standing orders, 4.3); today is 10 January 2027." in late.stderr
    )
    early = runner.invoke(app, [*args, "--today", "2026-12-01", "--force"])
    assert early.exit_code == 0 and "were due" not in early.stderr


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    where=st.one_of(st.none(), st.text(max_size=20)),
    delete=st.one_of(
        st.text(min_size=1, max_size=40),
        st.sampled_from(["record sum", "county", "last year.", "Our", "agency social workers"]),
    ),
    insert=st.text(max_size=40),
)
def test_hostile_changes_are_applied_or_refused_cleanly(
    where: str | None, delete: str, insert: str, motion: Path, cat: Catalogue
) -> None:
    change: dict[str, str] = {"delete": delete, "insert": insert}
    if where is not None:
        change["in"] = where
    path = motion.parent / "hostile.yaml"
    path.write_text(
        json.dumps({"amends": "motion.yaml", "submitted_by": "X", "changes": [change]}),
        encoding="utf-8",
    )
    try:
        amended = apply([path], cat)
    except InputError:
        return
    before = [c.text for s in amended.original.sections for c in s.clauses]
    after = [c.text for s in amended.clean_document().sections for c in s.clauses]
    assert len(before) == len(after)
    assert sum(1 for b, a in zip(before, after, strict=True) if b != a) <= 1
    assert tracked.tracked_docx(amended, today=TODAY).startswith(b"PK")


GOLDEN = Path(__file__).parent / "golden"
README_AMENDMENT = """\
  - in: calls on 2
    delete: "private agencies"
    insert: "private agencies and umbrella companies"
  - add_at_end: resolves
    demand: fund-councils-fairly
  - delete_clause: notes 2
  - insert_after: believes 1
    text: "Public money should pay for care, not for shareholders' dividends."
"""


@pytest.mark.parametrize(
    "name",
    [
        "amendment-38-1-northby-branch.md",
        "amendment-38-1-northby-branch.txt",
        "motion-38-as-amended.txt",
        "motion-38-as-amended.yaml",
    ],
)
def test_amend_writes_what_the_golden_files_hold(
    name: str, motion: Path, runner: CliRunner, tmp_path: Path
) -> None:
    """The amendment, the clean motion and its spec; after a deliberate change:
    UPDATE_GOLDEN=1 pytest tests/test_amend.py, then read the diff."""
    path = amendment(motion.parent, "a.yaml", README_AMENDMENT)
    out = tmp_path / "out"
    result = runner.invoke(app, ["amend", str(path), "-o", str(out), "--today", "2027-01-10"])
    assert result.exit_code == 0, result.stderr
    text = (out / name).read_text(encoding="utf-8")
    golden = GOLDEN / f"amend-{name}"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(text, encoding="utf-8")
    assert golden.is_file(), f"no golden file yet: run with UPDATE_GOLDEN=1 and read {golden}"
    assert text == golden.read_text(encoding="utf-8")


def test_a_heading_can_be_amended_and_the_spec_follows(tmp_path: Path, cat: Catalogue) -> None:
    shutil.copy(REPO / "examples" / "union-conference.yaml", tmp_path / "motion.yaml")
    body = '  - delete: "the Service Group Executive"\n    insert: "the National Executive"\n'
    amended = apply([amendment(tmp_path, "a.yaml", body)], cat)
    heading = next(p for p in amended.paras if p.lead and p.changed)
    assert heading.clean == "Conference calls on the National Executive to:"
    line = next(
        x.number
        for x in layout.numbered_lines(amended.original)
        if x.text.startswith(heading.original)
    )
    assert amended.text(0).endswith(
        f"In the heading 'Conference calls on the Service Group Executive to:' (line {line}), "
        "delete 'the Service Group Executive' and insert 'the National Executive'."
    )
    (calls_on,) = [x for x in amended.spec()["sections"] if x["kind"] == "calls_on"]
    assert calls_on["to"] == "the National Executive"
    data = tracked.tracked_docx(amended, today=TODAY)
    deleted = "".join(t.text for t in part(data, "word/document.xml").iter(f"{W}delText"))
    assert deleted == "the Service Group Executive"


def test_an_amended_heading_is_kept_and_checked(motion: Path, runner: CliRunner) -> None:
    """The motion as amended keeps the heading as amended, whom it now asks included,
    and check then says what that body cannot carry out."""
    path = amendment(
        motion.parent, "a.yaml", '  - delete: "the Labour Government"\n    insert: "the NEC"\n'
    )
    out = motion.parent / "out"
    result = runner.invoke(app, ["amend", str(path), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    clean = (out / "motion-38-as-amended.txt").read_text(encoding="utf-8")
    assert "This branch calls on the NEC to:" in clean
    rebuilt = runner.invoke(
        app, ["build", str(out / "motion-38-as-amended.yaml"), "-f", "txt", "-o", "-"]
    )
    assert rebuilt.stdout == clean
    check = runner.invoke(app, ["check", str(out / "motion-38-as-amended.yaml"), "--json"])
    found = json.loads(check.stdout)["motions"][0]["findings"]
    assert any(f["rule"] == "cannot-act" and "the NEC" in f["message"] for f in found)


def test_the_shipped_example_amendment_applies(runner: CliRunner, tmp_path: Path) -> None:
    example = REPO / "examples" / "amendments" / "northby-38.1.yaml"
    motion = REPO / "examples" / "anytown-branch.yaml"  # outside its folder: --motion
    result = runner.invoke(
        app, ["amend", str(example), "--motion", str(motion), "-o", str(tmp_path)]
    )
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("Amendment 38.1 to Motion 38 'Bring children's social care")
    assert (tmp_path / "motion-38-tracked-changes.docx").is_file()
