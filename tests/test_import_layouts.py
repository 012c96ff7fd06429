"""Motions as other people lay them out, read back word for word.

Each motion here is our own, written in a layout real motions come in: a
conference book pasted from a web page, a PDF paste with hard wraps and "(1)"
on a line of its own, a council's "This Council: 1. Notes that:", an email
with a greeting and a signature, a Napo motion whose action sits mid-paragraph,
a branch's "1)support" list. The rebuilt motion must keep every word of the
motion as printed (numbering aside) and leave out what is not the motion.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from motiongen import checks, profiles
from motiongen.agenda import importer, leads
from motiongen.catalogue import Catalogue
from motiongen.checks import Finding
from motiongen.motion.compose import compose
from motiongen.output.render import render

MARKER = re.compile(
    r"^(?:\(?(?:\d{1,3}|[a-z]|[ivx]{1,5})[.)]|\((?:\d{1,3}|[a-z]|[ivx]{1,5})\)|[·•])$"
)


@pytest.fixture(scope="module")
def found() -> profiles.ProfileSet:
    return profiles.load(with_user_files=False)


def words(text: str) -> list[str]:
    """The words of a text as printed, list markers aside."""
    return [w for w in text.split() if not MARKER.match(w)]


def rebuilt(imported: importer.Imported, cat: Catalogue, found: profiles.ProfileSet) -> str:
    """The motion's own text as the rebuilt .txt prints it: preamble, leads, clauses."""
    motion = imported.motion()
    doc = compose(motion, found.get(motion.profile), cat)
    parts = [doc.preamble or ""]
    for section in doc.sections:
        parts.append(section.lead)
        parts += [c.text for c in section.clauses]
    return " ".join(p for p in parts if p)


def run_checks(motion: Any, cat: Catalogue, found: profiles.ProfileSet) -> list[Finding]:
    profile = found.get(motion.profile)
    return checks.run(motion, compose(motion, profile, cat), cat, speakers=found.speakers)


def sections(data: dict[str, Any]) -> list[tuple[str, str, str | None, list[str]]]:
    """Each section as printed: kind, lead (the body's own where the spec gives none),
    whom it asks, and its clauses."""
    found = profiles.load(with_user_files=False)
    cat = _catalogue()
    doc = compose(spec_motion(data), found.get(data["profile"]), cat)
    return [(s.kind, s.lead, s.to, [c.text for c in s.clauses]) for s in doc.sections]


def spec_motion(data: dict[str, Any]) -> Any:
    from motiongen.motion.spec import Motion

    return Motion.model_validate(data)


def _catalogue() -> Catalogue:
    from motiongen import catalogue

    return catalogue.load(with_user_files=False)


def read(
    tmp_path: Path, name: str, text: str, cat: Catalogue, found: profiles.ProfileSet
) -> importer.Imported:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return importer.import_file(path, cat, found)


NOTES = (
    "Congress notes that private groups now run most children's homes in England, and that "
    "the largest are owned by investment funds."
)
BELIEVES = (
    "Congress believes that a child's home should never be a source of profit. Congress "
    "further notes that councils pay far more for a private placement than for a place in a "
    "home they run."
)
CALLS = [
    "campaign for a cap on the profits of children's home providers",
    "support councils that bring homes back in house; and",
    "work with affiliates in the sector to organise care staff",
]
TUC_PAGE = (
    "[2027] Motion 12 Children's homes – public not profit\n\nComposited motion\n\n"
    f"Received from:\n\n{NOTES}\n\n{BELIEVES}\n\nCongress calls on the General Council to:\n"
    + "".join(f"{n}. {c}\n" for n, c in zip(("i", "ii", "iii"), CALLS, strict=True))
    + "\nNorthby Care Workers' Union\n"
)
TUC_MOTION = " ".join([NOTES, BELIEVES, "Congress calls on the General Council to:", *CALLS])


def test_a_conference_book_page_keeps_its_words_and_finds_its_body(
    tmp_path: Path, cat: Catalogue, found: profiles.ProfileSet
) -> None:
    imported = read(tmp_path, "m12.txt", TUC_PAGE, cat, found)
    data = imported.data
    assert data["profile"] == "union-conference"
    assert data["title"] == "Children's homes – public not profit"
    assert data["submitted_by"] == "Northby Care Workers' Union"  # the union under the motion
    assert sections(data) == [
        ("notes", "Congress notes that", None, [NOTES.removeprefix("Congress notes that ")]),
        (
            "believes",
            "Congress believes that",
            None,
            ["a child's home should never be a source of profit."],
        ),
        (
            "notes",
            "Congress further notes that",
            None,
            ["councils pay far more for a private placement than for a place in a home they run."],
        ),
        (
            "calls_on",
            "Congress calls on the General Council to:",
            "the General Council",
            CALLS,
        ),
    ]
    assert words(rebuilt(imported, cat, found)) == words(TUC_MOTION)
    for furniture in ("Composited motion", "Received from:", "Northby Care Workers' Union"):
        assert furniture in imported.left_out
    assert "Left out, not the motion's words: Composited motion" in imported.yaml()


PDF_PASTE = """\
12
Resolution 4
Keep child protection public
(1)
Conference notes that the Government has consulted on letting councils hand child protection work
to outside bodies, and that the consultation closed in the spring with most replies opposed
to the not-for-profit model it put forward, which would have moved whole teams out of the council.
(2)
Conference believes that decisions about removing a child from a family must stay with public
bodies answerable to elected councillors, whatever model of delivery is chosen for other services.
(3)
Conference calls on the Executive to:
a.
oppose any transfer of statutory child protection functions to private or arm's-length providers;
b.
campaign with other unions for the funding councils need to keep these services in house.
"""


def test_a_pdf_paste_with_hard_wraps_and_markers_on_their_own_lines(
    tmp_path: Path, cat: Catalogue, found: profiles.ProfileSet
) -> None:
    imported = read(tmp_path, "res4.pdf.txt", PDF_PASTE, cat, found)
    data = imported.data
    assert data["title"] == "Keep child protection public"
    assert data["profile"] == "union-conference"
    got = sections(data)
    assert [(k, lead, to) for k, lead, to, _ in got] == [
        ("notes", "Conference notes that", None),
        ("believes", "Conference believes that", None),
        ("calls_on", "Conference calls on the Executive to:", "the Executive"),
    ]
    # The hard-wrapped lines are one clause.
    assert "replies opposed to the not-for-profit model it put forward" in got[0][3][0]
    assert len(got[2][3]) == 2
    assert {"12", "Resolution 4"} <= set(imported.left_out)
    motion = " ".join(line for line in PDF_PASTE.splitlines()[3:] if not MARKER.match(line))
    assert words(rebuilt(imported, cat, found)) == words(motion)


COUNCIL = """\
Notice of Motion – Keeping our children's homes public

Proposer: Councillor A Example
Seconder: Councillor B Example

This Council:

1. Notes that:

·  the borough spends more each year on private residential placements;

·  two of its own children's homes closed in the last ten years, and;

2. Believes that:

·  children in care should live close to their schools and friends.

3. Resolves to:

·  ask the Cabinet Member for Children to report on reopening a council home;

·  write to the Secretary of State asking for a cap on provider profits.
"""


def test_a_council_motion_with_a_preamble_and_numbered_leads(
    tmp_path: Path, cat: Catalogue, found: profiles.ProfileSet
) -> None:
    imported = read(tmp_path, "council.txt", COUNCIL, cat, found)
    data = imported.data
    assert data["profile"] == "council"
    assert data["title"] == "Keeping our children's homes public"
    assert (data["proposer"], data["seconder"]) == ("Councillor A Example", "Councillor B Example")
    assert data["preamble"] == "This Council:"
    assert [(k, lead) for k, lead, _, _ in sections(data)] == [
        ("notes", "Notes that:"),
        ("believes", "Believes that:"),
        ("resolves", "Resolves to:"),
    ]
    # Each clause as printed: "; and" and "and;" are the movers' punctuation.
    assert sections(data)[0][3] == [
        "the borough spends more each year on private residential placements;",
        "two of its own children's homes closed in the last ten years, and;",
    ]
    text = rebuilt(imported, cat, found)
    assert text.startswith("This Council: Notes that: the borough")
    assert "; ask the Cabinet Member" not in text  # a clause is never re-punctuated
    findings = run_checks(imported.motion(), cat, found)
    assert not [f for f in findings if f.rule == "no-action"]


def test_a_council_motion_in_word_with_word_numbered_leads(
    tmp_path: Path, cat: Catalogue, found: profiles.ProfileSet
) -> None:
    from docx import Document as new_docx

    document = new_docx()
    document.add_heading("Keeping our children's homes public", level=1)
    document.add_paragraph("This Council:")
    document.add_paragraph("Notes that:", style="List Number")
    document.add_paragraph(
        "the borough spends more each year on private placements;", style="List Bullet"
    )
    document.add_paragraph("Resolves to:", style="List Number")
    document.add_paragraph(
        "ask the Cabinet Member for Children to report on a council home.", style="List Bullet"
    )
    table = document.add_table(rows=2, cols=2)
    for row, (label, value) in zip(
        table.rows,
        [("Proposer", "Councillor A Example"), ("Seconder", "Councillor B Example")],
        strict=True,
    ):
        row.cells[0].text, row.cells[1].text = label, value
    path = tmp_path / "council.docx"
    document.save(str(path))
    data = importer.import_file(path, cat, found).data
    assert data["profile"] == "council"
    assert data["preamble"] == "This Council:"
    assert [(k, lead, items) for k, lead, _, items in sections(data)] == [
        ("notes", "Notes that:", ["the borough spends more each year on private placements;"]),
        (
            "resolves",
            "Resolves to:",
            ["ask the Cabinet Member for Children to report on a council home."],
        ),
    ]
    assert (data["proposer"], data["seconder"]) == ("Councillor A Example", "Councillor B Example")


EMAIL = """\
Hi all,

Here is the motion for Thursday, as the committee agreed it.

Keep care local

This CLP notes that the county placed more children outside its own area this year than ever before.

This CLP believes that every child in care deserves a placement near home.

This CLP calls on the Labour group on the county council to press for two new children's homes.

Thanks,
Sam
Branch secretary
"""


def test_an_email_keeps_neither_its_greeting_nor_its_signature(
    tmp_path: Path, cat: Catalogue, found: profiles.ProfileSet
) -> None:
    imported = read(tmp_path, "motion.email.txt", EMAIL, cat, found)
    data = imported.data
    assert data["title"] == "Keep care local"  # not "Hi all,"
    assert data["profile"] == "labour-branch"
    assert [lead for _, lead, _, _ in sections(data)] == [
        "This CLP notes that",
        "This CLP believes that",
        "This CLP calls on the Labour group on the county council to",
    ]
    assert sections(data)[2][2] == "the Labour group on the county council"
    assert all("Sam" not in c for _, _, _, items in sections(data) for c in items)
    for line in ("Hi all,", "Thanks,", "Sam", "Branch secretary"):
        assert line in imported.left_out


NAPO = (
    "14. Probation and children's services\n\nThis AGM believes that the lessons of "
    "part-privatising probation should be heeded before any children's service is contracted "
    "out. This AGM calls on Napo to share its evidence with the unions that organise in "
    "children's social care.\n\nProposer: Northby Branch\n"
)


def test_an_action_in_the_middle_of_a_paragraph_is_a_section_of_its_own(
    tmp_path: Path, cat: Catalogue, found: profiles.ProfileSet
) -> None:
    imported = read(tmp_path, "napo.txt", NAPO, cat, found)
    data = imported.data
    assert data["profile"] == "napo-agm"
    assert data["title"] == "Probation and children's services"  # "14." is its number
    assert data["proposer"] == "Northby Branch"
    assert [(k, lead, to) for k, lead, to, _ in sections(data)] == [
        ("believes", "This AGM believes that", None),
        ("calls_on", "This AGM calls on Napo to", "Napo"),
    ]
    findings = run_checks(imported.motion(), cat, found)
    assert not [f for f in findings if f.rule == "no-action"]  # it acts, mid-paragraph


def test_other_verbs_open_sections_that_act(
    tmp_path: Path, cat: Catalogue, found: profiles.ProfileSet
) -> None:
    text = (
        "Pay for care staff\n\nConference affirms its support for a national minimum rate "
        "for care workers.\n\nConference endorses the charter and agrees to affiliate to the "
        "campaign behind it.\n\n250 words\n"
    )
    imported = read(tmp_path, "affirms.txt", text, cat, found)
    kinds = [k for k, _, _, _ in sections(imported.data)]
    assert kinds == ["affirms", "resolves"]  # "and agrees to affiliate" acts
    assert "250 words" in imported.left_out  # a word count is not a clause
    findings = run_checks(imported.motion(), cat, found)
    assert not [f for f in findings if f.rule == "no-action"]


def test_a_word_a_line_break_split_is_one_word_again() -> None:
    from motiongen.agenda.reading import _text_paragraphs

    text = (
        "Conference notes that councils were told they could hand the work to not-\n"
        "for-profit bodies, and that many of the replies to the consultation said that\n"
        "this would fragment the service and make it less accountable to councillors\n"
        "and to the families who depend on it every day of the year.\n"
    )
    [para] = _text_paragraphs(text, markdown=False)
    assert "to not-for-profit bodies, and" in para.text


def test_glued_numbers_and_bullets_are_numbering_not_words(
    tmp_path: Path, cat: Catalogue, found: profiles.ProfileSet
) -> None:
    text = (
        "Support the care strike\n\nThis branch notes:\n1)the strike at two private homes;\n"
        "2)the owners' refusal to talk.\n\nThis branch resolves:\n· to donate £200 to the "
        "strike fund\n· to invite a striker to speak\n"
    )
    data = read(tmp_path, "branch.txt", text, cat, found).data
    assert sections(data)[0][3] == [
        "the strike at two private homes;",
        "the owners' refusal to talk.",
    ]
    assert sections(data)[1][3] == [
        "to donate £200 to the strike fund",
        "to invite a striker to speak",
    ]


def test_a_long_first_paragraph_and_a_long_title_never_fail(
    tmp_path: Path, cat: Catalogue, found: profiles.ProfileSet
) -> None:
    long_title = "Children's social care " * 14  # about 320 characters
    text = f"{long_title.strip()}\n\nConference notes that {'the market has grown ' * 30}.\n"
    imported = read(tmp_path, "long.txt", text, cat, found)
    motion = imported.motion()  # no "should have at most 255 characters"
    assert len(motion.title) <= 255
    assert any("title was" in w for w in imported.warnings)
    paragraph = " ".join(["The council has relied on agency placements for years"] * 20) + "."
    imported = read(tmp_path, "first.txt", paragraph + "\n", cat, found)
    assert imported.motion().sections[0].items[0].text == paragraph  # type: ignore[union-attr]


def test_the_quotation_marks_a_clerk_put_round_a_motion_come_off(
    tmp_path: Path, cat: Catalogue, found: profiles.ProfileSet
) -> None:
    text = (
        "Care leavers\n\nCouncillor A Example moved and Councillor B Example seconded the "
        "following motion:\n\n“Council notes that care leavers are exempt from council tax.\n\n"
        "Council calls on the government to fund councils to keep that promise.”\n"
    )
    imported = read(tmp_path, "minute.txt", text, cat, found)
    data = imported.data
    assert data["profile"] == "council"
    assert (data["proposer"], data["seconder"]) == ("Councillor A Example", "Councillor B Example")
    got = sections(data)
    assert got[0][1] == "Council notes that" and got[1][3] == [
        "fund councils to keep that promise."
    ]
    assert any("quotation marks" in w for w in imported.warnings)


CIRCULAR = (
    "BRANCH CIRCULAR 14/2027 – CHILDREN'S HOMES\n\n"
    "Branches will recall that Conference adopted Motion 7 on children's homes in the "
    "following terms:\n\n"
    "“The NEC is instructed to run a campaign for children's homes run by councils, with the "
    "branches in the sector.\n\n"
    "• A cap on what a placement may cost.\n\n"
    "• Staff employed by the council, not by agencies.”\n"
)


def test_a_circular_quoting_a_motion_leaves_out_its_own_words_about_it(
    tmp_path: Path, cat: Catalogue, found: profiles.ProfileSet
) -> None:
    # The sentence that introduces the motion is the sender's, not the movers'.
    imported = read(tmp_path, "circular.txt", CIRCULAR, cat, found)
    assert any(t.startswith("Branches will recall") for t in imported.left_out)
    got = sections(imported.data)
    assert got[0][1] == "The NEC is instructed to"
    assert "Branches" not in " ".join(" ".join(items) for *_, items in got)


def test_a_motion_that_instructs_the_nec_is_a_conference_motion(
    tmp_path: Path, cat: Catalogue, found: profiles.ProfileSet
) -> None:
    # Only a union's conference instructs its national executive; a branch asks it.
    text = CIRCULAR.split("terms:\n\n", 1)[1].replace("“", "").replace("”", "")
    imported = read(tmp_path, "motion.txt", "Children's homes\n\n" + text, cat, found)
    assert imported.data["profile"] == "union-conference"
    assert "'NEC is instructed'" in imported.body_evidence


def test_a_model_motions_covering_words_are_not_the_motion(
    tmp_path: Path, cat: Catalogue, found: profiles.ProfileSet
) -> None:
    text = (
        "Model motion for CLPs – please put it to your branch\n\n"
        "Please put or adapt this motion at your next meeting. Let us know how it goes:\n\n"
        "This CLP notes that most children's homes are now run for profit.\n\n"
        "This CLP calls on the Labour Government to cap the profits of care providers.\n"
    )
    imported = read(tmp_path, "model.txt", text, cat, found)
    assert imported.data["title"] == "Model motion for CLPs – please put it to your branch"
    assert any(t.startswith("Please put or adapt") for t in imported.left_out)
    assert "adapt" not in rebuilt(imported, cat, found)


def test_a_minute_under_a_council_motion_gives_its_seconder_and_is_left_out(
    tmp_path: Path, cat: Catalogue, found: profiles.ProfileSet
) -> None:
    text = (
        "Children's homes\n\n"
        "To submit the following Notices of Motion by Councillors A Example and B Example:-\n\n"
        "This Council notes that the county runs no children's home of its own.\n\n"
        "This Council resolves to open two homes by 2029.\n\n"
        "Minutes:\n\n"
        "12.1  The motion was moved by Mr Example and seconded by Ms Sample.\n"
    )
    imported = read(tmp_path, "minute.txt", text, cat, found)
    data = imported.data
    assert data["submitted_by"] == "Councillors A Example and B Example"
    assert data["seconder"] == "Ms Sample"
    assert "Minutes:" in imported.left_out
    assert "moved" not in rebuilt(imported, cat, found)


def test_a_minuted_council_motion_keeps_its_opening_sentences(
    tmp_path: Path, cat: Catalogue, found: profiles.ProfileSet
) -> None:
    # Its opening sentences share a paragraph with the lead: they are the motion's.
    opening = (
        "Children in our care deserve homes close to their schools and friends. As their "
        "corporate parent the council should run such homes itself."
    )
    text = (
        "(3)  Children's homes close to home\n\n"
        "The Motion was proposed by Councillor A Example and seconded by Councillor Sample. "
        "The Motion read as follows:\n\n"
        f"{opening} Therefore Northby Council resolves that - the executive bring forward "
        "plans to open two homes in the borough by 2029.\n\n"
        "B EXAMPLE\n"
    )
    imported = read(tmp_path, "minute.txt", text, cat, found)
    data = imported.data
    assert data["title"] == "Children's homes close to home"
    assert data["seconder"] == "Councillor Sample"  # not "Councillor Sample. The Motion"
    assert "submitted_by" not in data  # the council speaks; it does not send the motion
    got = sections(data)
    assert got[0][3] == [opening]
    assert got[1][1] == "Therefore Northby Council resolves that -"
    assert got[1][3][0].startswith("the executive bring forward")
    assert opening in rebuilt(imported, cat, found)
    headed = read(
        tmp_path, "m2.txt", "Motion submitted by Councillor A Example\n\n" + text, cat, found
    )
    assert headed.data["submitted_by"] == "Councillor A Example"


def test_a_request_in_the_passive_and_an_instruction_run_on_are_leads(
    tmp_path: Path, cat: Catalogue, found: profiles.ProfileSet
) -> None:
    text = (
        "Children's homes\n\n"
        "Congress supports the campaign to end profit in children's homes. The General Council "
        "are asked to lobby the Government to cap providers' profits.\n\n"
        "This conference believes that the campaign should start this year and instructs the "
        "service group executive to take it up with the NEC.\n\n"
        "Given the profits made by the largest owners, their debts and their closures, and the "
        "cost of each placement to councils, this conference therefore calls upon the NEC to "
        "fund the campaign.\n"
    )
    imported = read(tmp_path, "motion.txt", text, cat, found)
    got = sections(imported.data)
    leads_and_whom = [(lead, to) for _, lead, to, _ in got]
    assert ("The General Council are asked to", "The General Council") in leads_and_whom
    assert ("and instructs the service group executive to", "the service group executive") in (
        leads_and_whom
    )
    assert any(
        to == "the NEC" and lead.endswith("calls upon the NEC to") for lead, to in (leads_and_whom)
    )
    found_checks = run_checks(imported.motion(), cat, found)
    assert "no-action" not in {f.rule for f in found_checks}


def test_social_workers_are_the_subject_not_a_unions_members(
    tmp_path: Path, cat: Catalogue, found: profiles.ProfileSet
) -> None:
    text = (
        "Keep care local\n\nThis branch notes that agencies supply a third of our social "
        "workers, and that social care workers leave for agency pay.\n\n"
        "This branch calls on the Labour Government to end agency use.\n"
    )
    imported = read(tmp_path, "m.txt", text, cat, found)
    assert imported.data["profile"] == "labour-branch"
    assert "'workers'" not in imported.body_evidence


def test_proposed_and_seconded_without_by_are_the_movers(
    tmp_path: Path, cat: Catalogue, found: profiles.ProfileSet
) -> None:
    text = (
        "Keep care local\n\nThis branch notes that agencies cost more.\n\n"
        "Proposed: Sam Example\nSeconded: Alex Example\n"
    )
    data = read(tmp_path, "m.txt", text, cat, found).data
    assert (data["proposer"], data["seconder"]) == ("Sam Example", "Alex Example")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=400))
def test_finding_leads_never_raises_and_every_lead_is_a_span_of_its_paragraph(text: str) -> None:
    for lead in leads.find(text, speakerless=True, anywhere=True):
        assert 0 <= lead.start < lead.end <= len(text)
        assert lead.text(text) == text[lead.start : lead.end].strip()


def test_a_rebuilt_import_renders_as_text(
    tmp_path: Path, cat: Catalogue, found: profiles.ProfileSet
) -> None:
    """The sections form as the .txt prints it: preamble, leads as headings, words as given."""
    imported = read(tmp_path, "council.txt", COUNCIL, cat, found)
    motion = imported.motion()
    text = render(compose(motion, found.get(motion.profile), cat), "txt")
    assert "This Council:\n\nNotes that:\n" in text
    assert "the borough spends more each year on private residential placements;" in text
