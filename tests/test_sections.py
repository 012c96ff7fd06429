"""Sections as printed: their kinds, their leads, whom they ask, and who can act."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from conftest import REPO
from motiongen import catalogue, checks, profiles
from motiongen.agenda import importer
from motiongen.cli.commands import app
from motiongen.motion.compose import Document, compose
from motiongen.motion.spec import Motion
from motiongen.output.motion import FileOptions, MotionWriter
from motiongen.sections import read_lead

CAT = catalogue.load(with_user_files=False)
PROFILES = profiles.load(with_user_files=False)
EXAMPLES = sorted(p for p in (REPO / "examples").glob("*.yaml") if p.name != "region-model.yaml")

CUSTOM = {
    "profile": "labour-branch",
    "title": "Keep children's homes in public hands",
    "submitted_by": "Northtown Branch Labour Party",
    "to": "Northtown CLP General Committee",
    "nation": "england",
    "proposer": "Sam Example",
    "seconder": "Alex Example",
    "sections": [
        {
            "kind": "notes",
            "lead": "This branch notes with concern:",
            "items": [
                "residential-care-private-share",
                {"text": "Our county closed its last council-run home in 2019."},
            ],
        },
        {"kind": "believes", "items": ["care-not-for-profit"]},
        {
            "kind": "calls_on",
            "to": "the Labour Government",
            "items": ["reverse-privatisation", "end-agency-staffing"],
        },
        {
            "kind": "calls_on",
            "to": "the NEC",
            "items": [{"text": "make public ownership of children's care part of its programme"}],
        },
        {"kind": "resolves", "items": [{"text": "To send this motion to our MP."}]},
    ],
}


def composed(data: dict[str, Any]) -> tuple[Motion, Document]:
    motion = Motion.model_validate(data)
    return motion, compose(motion, PROFILES.get(motion.profile), CAT)


def findings(data: dict[str, Any]) -> list[checks.Finding]:
    motion, document = composed(data)
    return checks.run(motion, document, CAT, speakers=PROFILES.speakers)


def printed(document: Document) -> list[tuple[str, str, str | None, list[str]]]:
    return [(s.kind, s.lead, s.to, [c.text for c in s.clauses]) for s in document.sections]


def test_a_spec_gives_its_own_leads_and_two_sections_calling_on_others() -> None:
    _, document = composed(CUSTOM)
    assert [(s.kind, s.lead, s.to) for s in document.sections] == [
        ("notes", "This branch notes with concern:", None),
        ("believes", "This branch believes that:", None),
        ("calls_on", "This branch calls on the Labour Government to:", "the Labour Government"),
        ("calls_on", "This branch calls on the NEC to:", "the NEC"),
        ("resolves", "This branch resolves:", None),
    ]
    assert not [f for f in findings(CUSTOM) if f.severity == "error"]


@pytest.mark.parametrize("fmt", ["txt", "md", "docx"])
def test_build_import_build_keeps_every_lead_and_addressee(fmt: str, tmp_path: Path) -> None:
    _, document = composed(CUSTOM)
    (written,) = MotionWriter(FileOptions(formats=[fmt], out_dir=tmp_path)).write(document, "m")
    imported = importer.import_file(written, CAT, PROFILES).motion()
    again = compose(imported, PROFILES.get(imported.profile), CAT)
    assert printed(again) == printed(document)


@pytest.mark.parametrize("profile_id", ["labour-branch", "labour-conference", "labour-npf"])
def test_a_demand_the_party_cannot_deliver_is_never_put_to_the_party(profile_id: str) -> None:
    """It used to land under 'calls on the National Executive Committee to:'."""
    for demand in CAT.demands.values():
        if "party" in demand.acted_on_by or demand.retired:
            continue
        _, document = composed({"profile": profile_id, "title": "T", "demands": [demand.id]})
        (section,) = [s for s in document.sections if s.clauses]
        asked = CAT.actors_named(section.to or "", "party")
        assert not any(a.level == "party" for a in asked), (demand.id, section.lead)


def test_the_bodys_own_act_is_never_put_as_a_call_on_someone_else() -> None:
    """'Conference calls on the NEC to: To send this motion …' no more."""
    _, document = composed(
        {
            "profile": "labour-conference",
            "title": "T",
            "demands": ["end-agency-staffing"],
            "resolves": [
                {"text": "To send this motion to our MP and the local press."},
                {"text": "report back to next year's Conference."},
            ],
        }
    )
    by_lead = {s.lead: [c.text for c in s.clauses] for s in document.sections}
    assert by_lead["Conference resolves:"] == ["To send this motion to our MP and the local press."]
    assert by_lead["Conference calls on the National Executive Committee to:"] == [
        "Report back to next year's Conference."
    ]


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_no_example_has_an_error_or_a_lead_repeated_by_its_clause(path: Path) -> None:
    from motiongen.motion import spec

    for job in spec.read(path):
        assert job.motion is not None, job.error
        document = compose(job.motion, PROFILES.get(job.motion.profile), CAT)
        found = checks.run(job.motion, document, CAT, speakers=PROFILES.speakers)
        assert not [f for f in found if f.severity == "error"], (path.name, found)
        for section in document.sections:
            if section.lead.rstrip(":").endswith(" to"):
                for clause in section.clauses:
                    assert not clause.text.startswith("To "), (section.lead, clause.text)


def test_a_demand_put_to_someone_who_cannot_deliver_it_is_an_error_with_a_fix() -> None:
    data = {
        "profile": "labour-conference",
        "title": "Reverse the privatisation of children's care",
        "nation": "england",
        "sections": [{"kind": "calls_on", "to": "the NEC", "items": ["reverse-privatisation"]}],
    }
    (finding,) = [f for f in findings(data) if f.rule == "cannot-act"]
    assert finding.severity == "error"
    assert "'reverse-privatisation'" in finding.message
    assert "'Conference calls on the NEC to:'" in finding.message
    assert "the UK Government" in finding.fix
    # Asked to press for it, the NEC is in order.
    data["sections"][0]["items"] = [
        {"text": "campaign for the Government to end the privatisation of children's care"}
    ]
    assert "cannot-act" not in [f.rule for f in findings(data)]


@pytest.mark.parametrize(
    ("nation", "government"),
    [("scotland", "the Scottish Government"), ("wales", "the Welsh Government")],
)
def test_westminster_asked_to_act_on_devolved_care_is_an_error(
    nation: str, government: str
) -> None:
    data = {
        "profile": "labour-branch",
        "title": "Keep care public",
        "nation": nation,
        "sections": [
            {
                "kind": "calls_on",
                "to": "the Labour Government",
                "items": [{"text": "end profit-making in children's care"}],
            }
        ],
    }
    (finding,) = [f for f in findings(data) if f.rule == "devolved"]
    assert finding.severity == "error" and government in finding.fix
    data["sections"][0]["to"] = government
    assert "devolved" not in [f.rule for f in findings(data)]


def test_a_northern_ireland_council_resolving_to_run_homes_is_an_error() -> None:
    data = {
        "profile": "council",
        "title": "Children's homes",
        "nation": "northern-ireland",
        "demands": ["council-run-childrens-homes"],
    }
    (finding,) = [f for f in findings(data) if f.rule == "devolved"]
    assert "councils run no social services" in finding.message
    assert "Department of Health" in finding.fix


def test_someone_motiongen_does_not_know_is_not_refused() -> None:
    data = {
        "profile": "council",
        "title": "Homes",
        "nation": "england",
        "sections": [
            {"kind": "requests", "to": "the Mayor of Anytown", "items": ["end-agency-staffing"]}
        ],
    }
    assert not [f for f in findings(data) if f.rule in ("cannot-act", "devolved")]


@pytest.mark.parametrize(
    ("lead", "kind", "to"),
    [
        ("Congress calls on the General Council to:", "calls_on", "the General Council"),
        ("Council therefore requests Cabinet to:", "requests", "Cabinet"),
        ("This AGM calls upon the NEC, as the employer body, to:", "calls_on",
         "the NEC, as the employer body"),
        ("Conference instructs the Service Group Executive to:", "instructs",
         "the Service Group Executive"),
        ("Conference resolves:", "resolves", None),
        ("Conference affirms its support for", "affirms", None),
        ("This Council welcomes:", "welcomes", None),
    ],
)  # fmt: skip
def test_a_lead_as_printed_says_its_kind_and_whom_it_asks(
    lead: str, kind: str, to: str | None
) -> None:
    assert read_lead(lead) == (kind, to)


def test_amend_cites_what_the_motion_prints(runner: CliRunner, tmp_path: Path) -> None:
    """'in: resolves 1' is the clause under 'This branch resolves:', as printed."""
    motion = tmp_path / "motion.yaml"
    motion.write_text((REPO / "examples" / "anytown-branch.yaml").read_text("utf-8"), "utf-8")
    amendment = tmp_path / "a.yaml"
    amendment.write_text(
        "amends: motion.yaml\nsubmitted_by: Eastby\nchanges:\n  - in: resolves 1\n"
        '    delete: "our MP"\n    insert: "our MP and councillors"\n',
        encoding="utf-8",
    )
    result = runner.invoke(app, ["amend", str(amendment), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.stderr
    assert "In the section 'This branch resolves:' (line" in result.stdout


def test_the_schema_describes_sections(runner: CliRunner) -> None:
    schema = json.loads(runner.invoke(app, ["schema"]).stdout)
    assert "sections" in schema["properties"]
    section = schema["$defs"]["SectionSpec"]["properties"]
    assert {"kind", "lead", "to", "items"} <= set(section)
    assert "calls_on" in json.dumps(section["kind"])


def test_the_readmes_section_examples_check_without_errors(tmp_path: Path) -> None:
    import re

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    part = readme.split("### Sections of your own", 1)[1].split("\n### ", 1)[0]
    blocks = re.findall(r"```yaml\n(.*?)```", part, re.S)
    assert len(blocks) == 2  # custom leads with two calls-on sections; a devolved motion
    for n, block in enumerate(blocks):
        path = tmp_path / f"m{n}.yaml"
        path.write_text(block, encoding="utf-8")
        motion = importer.read_one(path, CAT, PROFILES, refusal="one motion")
        document = compose(motion, PROFILES.get(motion.profile), CAT)
        found = checks.run(motion, document, CAT, speakers=PROFILES.speakers)
        assert not [f for f in found if f.severity == "error"], (n, found)
        assert sum(s.kind == "calls_on" for s in document.sections) == 2
