"""`motiongen amend` at agenda size: many bodies, awkward numbers, names that meet,
the councils' "delete all after", additions numbered as they stand, the motion
found only where the amendment may point, the body of a text motion, and
thousands of changes."""

from __future__ import annotations

import os
import re
from pathlib import Path

import docx
import pytest
from typer.testing import CliRunner

from motiongen.api import Motiongen
from motiongen.cli.commands import app
from motiongen.output.word import PROPERTY_MAX
from wordtools import NS, W, part

MOTION = """\
profile: labour-branch
title: Keep our libraries open
submitted_by: Anytown Central Branch Labour Party
meeting_date: 2027-01-14
proposer: Sam Example
seconder: Alex Example
notes:
  - text: The county plans to close six of its fourteen libraries next year.
  - text: Library visits in the county rose last year for the first time in a decade.
believes:
  - text: A library is a public space open to all, free at the point of use.
resolves:
  - text: To write to the county council opposing every closure.
  - text: To ask our councillors to hold a public meeting on the plans.
"""

# Eight bodies with ordinary names, together far past the 255 characters a Word
# document property holds.
BODIES = [
    "Northby and District Trades Union Council",
    "Southby Constituency Labour Party Branch",
    "Eastby Ward Labour Party Branch Committee",
    "Westby Unison Local Government Branch",
    "Upperby and Lowerby Community Branch",
    "Middleton Central Branch Labour Party",
    "Greater Anytown Trades Council Delegates",
    "Riverside and Harbour Ward Labour Branch",
]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "motion.yaml").write_text(MOTION, encoding="utf-8")
    return tmp_path


def amendment(folder: Path, name: str, changes: str, *, head: str = "") -> Path:
    path = folder / name
    head = head or "amends: motion.yaml\nmotion_number: 38\nsubmitted_by: Northby Branch\n"
    path.write_text(head + "changes:\n" + changes, encoding="utf-8")
    return path


def amend(runner: CliRunner, *args: str | Path) -> tuple[int, str, str]:
    result = runner.invoke(app, ["amend", *map(str, args), "--today", "2027-01-10"])
    return result.exit_code, result.stdout, result.stderr


def one_line(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr
    return lines[0]


def texts(docx: Path, tag: str) -> list[str]:
    """The words of every tracked insertion (w:ins) or deletion (w:del), with its author."""
    body = part(docx, "word/document.xml")
    out = []
    for change in body.iter(f"{W}{tag}"):
        words = "".join(t.text or "" for t in change.iter(f"{W}t", f"{W}delText"))
        if words:
            out.append(f"{change.get(f'{W}author')}: {words}")
    return out


# --- any number of bodies, any names ------------------------------------------------------


def test_eight_bodies_write_their_tracked_and_amended_documents(
    runner: CliRunner, folder: Path
) -> None:
    assert len("; ".join(BODIES)) > PROPERTY_MAX
    paths = [
        amendment(
            folder,
            f"a{i}.yaml",
            f'  - add_at_end: notes\n    text: "A fact we add, number {i + 1}."\n',
            head=f"amends: motion.yaml\nmotion_number: 38\nsubmitted_by: {body}\n",
        )
        for i, body in enumerate(BODIES)
    ]
    code, _, err = amend(runner, *paths, "-o", folder / "out", "-f", "docx,txt")
    assert code == 0, err
    tracked = folder / "out" / "motion-38-tracked-changes.docx"
    assert (folder / "out" / "motion-38-as-amended.docx").is_file()
    core = part(tracked, "docProps/core.xml")
    for key in (
        "{http://purl.org/dc/elements/1.1/}creator",
        f"{{{core.nsmap['cp']}}}lastModifiedBy",
    ):
        value = core.findtext(key)
        assert value is not None and len(value) <= PROPERTY_MAX
        # Whole names, then how many more: no name is cut in the middle.
        cut = re.fullmatch(r"(.*) and (\d+) others", value)
        assert cut, value
        named, more = cut.groups()
        assert named.split("; ") == BODIES[: len(named.split("; "))]
        assert len(named.split("; ")) + int(more) == len(BODIES)
    added = texts(tracked, "ins")
    for i, body in enumerate(BODIES):
        assert f"{body}: A fact we add, number {i + 1}." in added
    clean = (folder / "out" / "motion-38-as-amended.txt").read_text(encoding="utf-8")
    assert "10. A fact we add, number 8." in clean


# --- names that never collide ------------------------------------------------------------


def test_two_amendments_of_one_number_and_body_are_both_written(
    runner: CliRunner, folder: Path
) -> None:
    head = 'amends: motion.yaml\nnumber: "38.1"\nsubmitted_by: Northby Branch\n'
    first = amendment(folder, "a.yaml", '  - add_at_end: notes\n    text: "One."\n', head=head)
    second = amendment(folder, "b.yaml", '  - add_at_end: believes\n    text: "Two."\n', head=head)
    out = folder / "out"
    for force in ([], ["--force"]):  # the second run replaces the first run's own files
        code, _, err = amend(runner, first, second, "-o", out, "-f", "txt", *force)
        assert code == 0, err
    one = (out / "amendment-38-1-northby-branch.txt").read_text(encoding="utf-8")
    two = (out / "amendment-38-1-northby-branch-2.txt").read_text(encoding="utf-8")
    assert "'One.'" in one and "'Two.'" in two
    assert len(list(out.glob("amendment-*.txt"))) == 2

    # An input is never written over, --force or not, and nothing is written then.
    spec = folder / "motion-38-as-amended.yaml"
    spec.write_text(MOTION, encoding="utf-8")
    head = "amends: motion-38-as-amended.yaml\nmotion_number: 38\nsubmitted_by: Southby Branch\n"
    third = amendment(folder, "c.yaml", '  - add_at_end: notes\n    text: "Three."\n', head=head)
    code, _, err = amend(runner, third, "-o", folder, "-f", "txt", "--force")
    assert code == 2
    assert "would write over one of the files it reads" in one_line(err)
    assert spec.read_text(encoding="utf-8") == MOTION
    assert not list(folder.glob("amendment-*"))


# --- numbers fit for a terminal and a file name --------------------------------------------


@pytest.mark.parametrize(
    ("key", "value", "shown"),
    [
        ("number", '"38.1\\e[31m"', "\\x1b"),
        ("number", '"38.1\\r"', "\\r"),
        ("motion_number", '"38\\u202e"', "\\u202e"),
        ("motion_number", '"3\\u200b8"', "\\u200b"),
    ],
)
def test_a_number_with_a_control_or_invisible_character_is_refused(
    runner: CliRunner, folder: Path, key: str, value: str, shown: str
) -> None:
    head = f"amends: motion.yaml\n{key}: {value}\nsubmitted_by: Northby Branch\n"
    path = amendment(folder, "a.yaml", '  - add_at_end: notes\n    text: "One."\n', head=head)
    code, out, err = amend(runner, path, "-o", folder / "out")
    assert code == 2
    line = one_line(err)
    assert f"a.yaml:2: {key}:" in line and shown in line
    assert "\x1b" not in err + out and "\u202e" not in err
    assert not (folder / "out").exists()


# --- delete all after / from --------------------------------------------------------------


def test_delete_all_after_and_from_cut_to_the_end_of_the_motion(
    runner: CliRunner, folder: Path
) -> None:
    after = amendment(
        folder,
        "a.yaml",
        '  - delete_all_after: "To write to the county council"\n'
        '    insert: "and to our MP opposing every closure"\n',
    )
    code, out, err = amend(runner, after, "-o", folder / "a", "-f", "docx,txt")
    assert code == 0, err
    said = (folder / "a" / "amendment-38-1-northby-branch.txt").read_text(encoding="utf-8")
    assert (
        "Delete all after 'To write to the county council' (the section 'This branch "
        "resolves:', clause 1, line 7) and insert 'and to our MP opposing every closure'."
    ) in said
    clean = (folder / "a" / "motion-38-as-amended.txt").read_text(encoding="utf-8")
    assert "To write to the county council and to our MP opposing every closure." in clean
    assert "public meeting" not in clean
    deleted = texts(folder / "a" / "motion-38-tracked-changes.docx", "del")
    assert deleted == [
        "Northby Branch:  opposing every closure.",
        "Northby Branch: To ask our councillors to hold a public meeting on the plans.",
    ]

    start = amendment(
        folder, "b.yaml", '  - in: notes 2\n    delete_all_from: "for the first time"\n'
    )
    code, out, err = amend(runner, start, "-o", folder / "b", "-f", "docx,txt")
    # From notes 2 to the end: everything the motion resolves goes, a direct negative.
    assert code == 2
    assert "b.yaml:6: change 1: amendment 38.1 removes everything the motion resolves" in one_line(
        err
    )
    start.write_text(
        start.read_text("utf-8")
        .replace("notes 2", "resolves 2")
        .replace("for the first time", "on the plans"),
        encoding="utf-8",
    )
    code, out, err = amend(runner, start, "-o", folder / "b", "-f", "docx,txt")
    assert code == 0, err
    assert "Delete all from 'on the plans' (the section 'This branch resolves:', clause 2" in out
    clean = (folder / "b" / "motion-38-as-amended.txt").read_text(encoding="utf-8")
    assert "2. To ask our councillors to hold a public meeting." in clean
    deleted = texts(folder / "b" / "motion-38-tracked-changes.docx", "del")
    assert deleted == ["Northby Branch:  on the plans."]


def test_delete_all_after_is_checked_like_the_other_forms(runner: CliRunner, folder: Path) -> None:
    cases = {
        '  - delete_all_after: "no such words"\n': "the words 'no such words' are not in",
        '  - delete_all_after: "county"\n': "the words 'county' occur 3 times",
        '  - delete_all_after: "visits"\n    delete: "visits"\n': "each change is one of",
        '  - delete_all_from: "visits"\n    text: "x"\n': "text: does not go with delete_all_from:",
    }
    for changes, said in cases.items():
        path = amendment(folder, "a.yaml", changes)
        code, _, err = amend(runner, path, "-o", folder / "out")
        assert code == 2, changes
        assert said in one_line(err), err
    # A later amendment's change after the cut clashes with it.
    cut = amendment(folder, "a.yaml", '  - delete_all_after: "opposing"\n')
    later = amendment(folder, "b.yaml", '  - in: resolves 2\n    delete: "public"\n')
    code, _, err = amend(runner, cut, later, "-o", folder / "out")
    assert code == 2
    assert "they clash" in one_line(err)
    # So does a clause added to a section it deletes, and words inserted into a
    # heading whose clauses all go are refused.
    cut = amendment(
        folder,
        "a.yaml",
        '  - delete_all_after: "in the county rose"\n'
        '  - add_at_end: resolves\n    text: "To start a campaign."\n',
    )
    code, _, err = amend(runner, cut, "-o", folder / "out")
    assert code == 2
    assert "change 1 and amendment 38.1 (Northby Branch) change 2 both change" in one_line(err)
    heading = amendment(
        folder, "a.yaml", '  - delete_all_after: "This branch resolves"\n    insert: ": x"\n'
    )
    code, _, err = amend(runner, heading, "-o", folder / "out")
    assert code == 2
    assert "in the heading 'This branch resolves:', so every clause under it goes" in one_line(err)
    assert not (folder / "out").exists()


# --- additions numbered as they will stand ------------------------------------------------


def test_two_additions_are_numbered_as_they_will_stand(runner: CliRunner, folder: Path) -> None:
    path = amendment(
        folder,
        "a.yaml",
        '  - add_at_end: notes\n    text: "A first new fact."\n'
        '  - add_at_end: notes\n    text: "A second new fact."\n'
        '  - insert_after: notes 1\n    text: "A fact between."\n'
        '  - add_at_end: resolves\n    text: "To tell the local paper."\n'
        '  - add_at_end: resolves\n    text: "To join the campaign."\n',
    )
    code, out, err = amend(runner, path, "-o", folder / "out", "-f", "txt")
    assert code == 0, err
    assert re.findall(r"a new clause (\d+): '([^']*)'", out) == [
        ("4", "A first new fact."),
        ("5", "A second new fact."),
        ("2", "A fact between."),
        ("3", "To tell the local paper."),
        ("4", "To join the campaign."),
    ]
    clean = (folder / "out" / "motion-38-as-amended.txt").read_text(encoding="utf-8")
    for number, words in re.findall(r"a new clause (\d+): '([^']*)'", out):
        assert f"{number}. {words}" in clean


# --- amends: inside the amendment's folder ------------------------------------------------

SECRET = "private_key_line: do-not-show-this-anywhere\n"


@pytest.mark.parametrize("how", ["up", "absolute", "link", "up and back"])
def test_amends_outside_the_folder_is_refused_without_reading_it(
    runner: CliRunner, tmp_path: Path, how: str
) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    outside = tmp_path / "elsewhere.yaml"
    outside.write_text(SECRET, encoding="utf-8")
    named = {
        "up": "../elsewhere.yaml",
        "absolute": str(outside),
        "link": "motion.yaml",
        "up and back": "../inbox/../elsewhere.yaml",
    }[how]
    if how == "link":
        (inbox / "motion.yaml").symlink_to(outside)
    head = f"amends: {named}\nsubmitted_by: Northby Branch\n"
    path = amendment(inbox, "a.yaml", '  - add_at_end: notes\n    text: "One."\n', head=head)
    code, out, err = amend(runner, path, "-o", tmp_path / "out")
    assert code == 2
    line = one_line(err)
    assert line.startswith(f"Error: {path}:1: amends: it names a file outside this amendment")
    assert "--motion" in line
    assert "private_key_line" not in err + out and "do-not-show" not in err + out
    assert not (tmp_path / "out").exists()


def test_motion_gives_the_motion_anywhere(runner: CliRunner, tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (tmp_path / "motion.yaml").write_text(MOTION, encoding="utf-8")
    body = '  - add_at_end: notes\n    text: "One."\n'
    with_name = amendment(inbox, "a.yaml", body, head="amends: ../motion.yaml\nsubmitted_by: X\n")
    without = amendment(inbox, "b.yaml", body, head="submitted_by: Y\n")
    for path in (with_name, without):
        out = tmp_path / path.stem
        code, _, err = amend(runner, path, "--motion", tmp_path / "motion.yaml", "-o", out)
        assert code == 0, err
    # From Python too.
    done = Motiongen().amend(
        [without], tmp_path / "py", formats="txt", motion=tmp_path / "motion.yaml"
    )
    assert "a new clause 3: 'One.'" in done.amended.text(0)
    code, _, err = amend(runner, without, "-o", tmp_path / "x")
    assert code == 2
    assert "b.yaml:1: amends: the amendment does not say which motion it amends" in one_line(err)
    code, _, err = amend(runner, without, "--motion", tmp_path / "nowhere.yaml", "-o", tmp_path)
    assert code == 2
    assert "nowhere.yaml: --motion: no such file" in one_line(err)
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)  # read, it would wait for ever
    for given in (["--motion", fifo], []):
        head = "amends: pipe.yaml\nsubmitted_by: X\n" if not given else "submitted_by: X\n"
        path = amendment(tmp_path, "c.yaml", body, head=head)
        code, _, err = amend(runner, path, *given, "-o", tmp_path / "x")
        assert code == 2
        where = "c.yaml:1: amends:" if not given else "pipe.yaml: --motion:"
        assert f"{where} this is not a file motiongen can read" in one_line(err)
    itself = amendment(tmp_path, "d.yaml", body, head="amends: d.yaml\nsubmitted_by: X\n")
    code, _, err = amend(runner, itself, "-o", tmp_path / "x")
    assert code == 2
    assert "d.yaml:1: amends: it names an amendment file, not the motion" in one_line(err)


# --- the body of a .txt or .docx motion ---------------------------------------------------

# A congress motion as a union's office pastes it, of our own writing: the union's
# name under it, and leads that name no body.
TUC_STYLE = """\
Fair pay for school support staff

Notes that school support staff have seen their real pay fall for ten years.

Believes that every worker in a school deserves a wage they can live on.

Calls on the Executive to:

1. campaign for a national pay body for school support staff

2. support branches balloting for action on pay.

Eastshire Support Staff Union
"""


def test_profile_gives_the_body_of_a_text_motion(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "motion.txt").write_text(TUC_STYLE, encoding="utf-8")
    changes = '  - in: calls on 2\n    after: "support branches"\n    insert: "and members"\n'
    head = "amends: motion.txt\nsubmitted_by: Northby Union Branch\n"
    path = amendment(tmp_path, "a.yaml", changes, head=head)
    for given in (["--profile", "council"], []):
        if not given:  # the amendment file says it instead
            path.write_text(head + "profile: council\nchanges:\n" + changes, encoding="utf-8")
        out = tmp_path / f"out{len(given)}"
        code, _, err = amend(runner, path, *given, "-o", out, "-f", "txt")
        assert code == 0, err
        spec = (out / "fair-pay-for-school-support-staff-as-amended.yaml").read_text("utf-8")
        assert "\nprofile: council\n" in spec
        clean = (out / "fair-pay-for-school-support-staff-as-amended.txt").read_text("utf-8")
        assert "Support branches and members balloting for action on pay." in clean
    # The same motion as a Word file, its body given on the command line.
    word = docx.Document()
    for paragraph in TUC_STYLE.split("\n\n"):
        word.add_paragraph(paragraph.strip())
    word.save(str(tmp_path / "motion.docx"))
    path.write_text(head.replace("motion.txt", "motion.docx") + "changes:\n" + changes, "utf-8")
    code, _, err = amend(runner, path, "--profile", "council", "-o", tmp_path / "word", "-f", "txt")
    assert code == 0, err
    spec = (tmp_path / "word" / "fair-pay-for-school-support-staff-as-amended.yaml").read_text()
    assert "\nprofile: council\n" in spec
    # A spec names its own body: another one given for it is refused, not ignored.
    (tmp_path / "spec.yaml").write_text(MOTION, encoding="utf-8")
    other = amendment(
        tmp_path, "b.yaml", '  - add_at_end: notes\n    text: "One."\n', head="submitted_by: X\n"
    )
    args = ["--motion", tmp_path / "spec.yaml", "--profile", "council", "-o", tmp_path / "x"]
    code, _, err = amend(runner, other, *args)
    assert code == 2
    assert "spec.yaml: profile: this motion's spec is for 'labour-branch'" in one_line(err)
    code, _, err = amend(runner, path, "--profile", "councl", "-o", tmp_path / "x")
    assert code == 2
    assert "there is no profile 'councl'" in one_line(err)


# --- thousands of changes -----------------------------------------------------------------


def test_five_thousand_changes_apply_and_write(tmp_path: Path) -> None:
    clauses = 5000
    notes = "".join(f"  - text: Item {c + 1}, w{c:04d}.\n" for c in range(clauses))
    (tmp_path / "motion.yaml").write_text(
        "profile: labour-branch\ntitle: A long motion\nsubmitted_by: Anytown Branch\n"
        "resolves:\n  - text: To send this motion to our MP.\nnotes:\n" + notes,
        encoding="utf-8",
    )
    changes = "".join(
        f'  - in: notes {c + 1}\n    delete: "w{c:04d}"\n    insert: "v{c:04d}"\n'
        for c in range(clauses)
    )
    path = amendment(tmp_path, "a.yaml", changes)
    result = Motiongen().amend([path], tmp_path / "out", formats="txt")
    assert len(result.amended.edits) == clauses
    clean = (tmp_path / "out" / "motion-38-as-amended.txt").read_text(encoding="utf-8")
    assert "5000. Item 5000, v4999." in clean
    tracked = tmp_path / "out" / "motion-38-tracked-changes.docx"
    assert len(texts(tracked, "del")) == clauses
    # One Word list for each section, not one for each of its paragraphs.
    numbering = part(tracked, "word/numbering.xml")
    assert len(numbering.findall("w:num", NS)) < 20
