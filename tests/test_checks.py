"""Each rule of `motiongen check`, firing and not firing."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from motiongen import catalogue, checks, profiles
from motiongen.checks.findings import Finding
from motiongen.motion.compose import compose
from motiongen.motion.spec import Motion

CAT = catalogue.load(with_user_files=False)
PROFILES = profiles.load(with_user_files=False)
TODAY = dt.date(2026, 11, 1)

GOOD: dict[str, Any] = {
    "profile": "labour-branch",
    "title": "Bring children's homes back into public hands",
    "submitted_by": "Anytown Branch",
    "to": "Anytown CLP",
    "meeting_date": "2026-12-01",
    "nation": "england",
    "proposer": "Sam",
    "seconder": "Alex",
    "demands": ["council-run-childrens-homes", "end-agency-staffing"],
    "notes": ["residential-care-private-share"],
    "believes": ["care-not-for-profit"],
}


MANY_NOTES = ["residential-care-private-share", "cla-england-2025", "lga-10k-week-placements"]
# Enough for a 600-word submission.
LONG = [d.id for d in CAT.demands.values() if d.applies_in == ["england"] and not d.retired]

# Enough demands to run a 200-word motion over its limit.
MANY = [
    "reverse-privatisation",
    "nationalise-foster-care",
    "fund-councils-fairly",
    "parliament-sets-compensation",
    "council-run-childrens-homes",
    "definancialise",
]


def findings(today: dt.date = TODAY, max_age: int = 5, **changes: Any) -> list[Finding]:
    data = {**GOOD, **changes}
    data = {k: v for k, v in data.items() if v is not None}
    motion = Motion.model_validate(data)
    document = compose(motion, PROFILES.get(motion.profile), CAT)
    return checks.run(
        motion, document, CAT, today=today, max_age=max_age, speakers=PROFILES.speakers
    )


def rules(found: list[Finding]) -> set[str]:
    return {f.rule for f in found}


def test_a_good_motion_has_no_findings() -> None:
    assert findings() == []


def test_required_fields() -> None:
    found = findings(proposer=None, seconder=None)
    missing = {f.where for f in found if f.rule == "required-field"}
    assert missing == {"proposer", "seconder"}
    assert all(f.severity == "error" for f in found if f.rule == "required-field")
    council = findings(profile="council", meeting_date=None)
    assert ("required-field", "meeting_date") in {(f.rule, f.where) for f in council}
    assert "required-field" not in rules(findings(profile="labour-conference", proposer=None))


def test_word_limit_names_the_count_the_limit_and_the_costliest_clauses() -> None:
    found = findings(profile="napo-agm", demands=MANY)
    (limit,) = [f for f in found if f.rule == "word-limit"]
    assert limit.severity == "error"
    assert "over the limit of 200" in limit.message
    assert "the longest clauses are calls on" in limit.fix
    assert "napo.org.uk" in (limit.source or "")
    assert "word-limit" not in rules(findings(profile="napo-agm"))


def test_a_spec_can_raise_the_limit() -> None:
    assert "word-limit" not in rules(findings(profile="napo-agm", demands=MANY, word_limit=400))


def test_title_limit() -> None:
    long_title = "Stop the sale of our children's homes to hedge funds and private equity now"
    found = findings(profile="labour-conference", title=long_title)
    assert "title-limit" in rules(found)
    assert "title-limit" not in rules(findings(profile="labour-conference"))
    assert "title-limit" not in rules(findings(title=long_title))


@pytest.mark.parametrize("title", ["Motion", "Children's services", "Motion 3", "Care"])
def test_vague_titles(title: str) -> None:
    assert "title-vague" in rules(findings(title=title))


def test_titles_in_capitals() -> None:
    assert "title-capitals" in rules(findings(title="KEEP CHILD PROTECTION PUBLIC"))
    assert "title-capitals" not in rules(findings(title="Keep child protection public"))


def test_no_action_and_empty_sections() -> None:
    found = findings(demands=[], notes=[], believes=[])
    assert "no-action" in rules(found)
    assert {f.where for f in found if f.rule == "empty-section"} == {"notes", "believes"}
    assert "no-action" not in rules(findings(demands=[], resolves=[{"text": "To send it on."}]))


def test_own_resolves_should_act() -> None:
    found = findings(resolves=[{"text": "Our MP is great."}])
    assert "resolve-without-action" in rules(found)
    assert "resolve-without-action" not in rules(findings(resolves=[{"text": "To tell our MP."}]))
    # After a lead ending in "to:", a bare verb is right.
    assert "resolve-without-action" not in rules(
        findings(profile="union-conference", resolves=[{"text": "Publish this motion."}])
    )


@pytest.mark.parametrize(
    "text",
    [
        "[Branch name] notes the cuts.",
        "Our MP, <name>, agrees.",
        "Meeting on XXX.",
        "Date TBC.",
        "Insert [your CLP] here.",
    ],
)
def test_placeholders_left_in_free_text(text: str) -> None:
    found = [f for f in findings(notes=[{"text": text}]) if f.rule == "placeholder"]
    assert found and found[0].severity == "error" and found[0].where == "notes 1"


def test_placeholders_in_names_and_not_in_real_brackets() -> None:
    assert "placeholder" in rules(findings(proposer="<proposer>"))
    assert "placeholder" not in rules(findings(title="Conference [amended] keeps care public"))
    assert "placeholder" not in rules(findings(notes=[{"text": "We have 3 branches (Text)."}]))


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        (
            "We thank our child protection social workers.",
            "wording:children-and-families-social-worker",
        ),
        ("Austerity has cut our services.", "wording:politically-chosen-austerity"),
        ("Investors love the social work industry.", "wording:not-an-industry"),
        ("Early interventions matter.", "wording:help-not-interventions"),
    ],
)
def test_guidance_fires_on_free_text(text: str, rule: str) -> None:
    found = [f for f in findings(believes=[{"text": text}]) if f.rule == rule]
    assert found, rule
    assert found[0].where == "believes 1"
    assert "A Labour Child and Family Social Work Service (Labour Social Work Group, 2021)" in (
        found[0].source or ""
    )


def test_guidance_does_not_fire_on_text_that_follows_it() -> None:
    texts = [
        "We thank our children and families social workers.",
        "Politically-chosen austerity has cut our services.",
        "Social work is a public service.",
    ]
    found = findings(believes=[{"text": t} for t in texts])
    assert not [f for f in found if f.rule.startswith("wording:")]


def test_guidance_applies_to_the_title() -> None:
    found = findings(title="End austerity for children's services")
    assert any(
        f.rule == "wording:politically-chosen-austerity" and f.where == "title" for f in found
    )


def test_proper_form() -> None:
    found = findings(
        profile="council",
        resolves=[{"text": "Conference calls for change."}],
        meeting_date="2027-03-01",
    )
    assert "proper-form" in rules(found)
    assert "proper-form" not in rules(
        findings(
            profile="council",
            resolves=[{"text": "To ask This Council's leader to act."}],
            meeting_date="2027-03-01",
        )
    )
    assert "proper-form" not in rules(findings(notes=[{"text": "This branch has 200 members."}]))


def test_old_figures_but_not_old_events() -> None:
    assert "old-evidence" not in rules(findings())  # a 2021 figure at a 2026 meeting
    old = [f for f in findings(max_age=4) if f.rule == "old-evidence"]
    assert (
        old
        and "dates from 2021" in old[0].message
        and "residential-care-private-share" in (old[0].message)
    )
    events = findings(notes=["regulations-2014"], max_age=1)
    assert "old-evidence" not in rules(events)


def test_age_is_measured_at_the_meeting() -> None:
    near = findings(meeting_date="2026-06-01", today=dt.date(2026, 1, 1))
    far = findings(meeting_date="2031-06-01", today=dt.date(2026, 1, 1))
    assert "old-evidence" not in rules(near)
    assert "old-evidence" in rules(far)


def test_facts_and_demands_in_the_wrong_nation() -> None:
    found = findings(nation="scotland", demands=["reverse-2014-regulations"])
    assert ("fact-elsewhere", "notes 1") in {(f.rule, f.where) for f in found}
    assert "demand-elsewhere" in rules(found)
    assert not {"fact-elsewhere", "demand-elsewhere"} & rules(findings())
    uk_wide = findings(
        nation="scotland",
        notes=["childrens-homes-private-ownership"],
        demands=["unions-campaign-together"],
    )
    assert not {"fact-elsewhere", "demand-elsewhere"} & rules(uk_wide)


def test_a_demand_put_to_the_uk_government_is_flagged_outside_england() -> None:
    # Children's services are devolved: the UK Government acts for England alone.
    for nation in ("wales", "scotland", "northern-ireland"):
        found = findings(nation=nation, notes=[], demands=["nationalise-foster-care"])
        assert "demand-elsewhere" in rules(found), nation


def test_each_nation_has_demands_worded_for_its_own_bodies() -> None:
    for nation, demand_id, body in (
        ("wales", "wales-profit-timetable", "Welsh Government"),
        ("scotland", "scotland-council-care", "Scottish Government"),
        ("northern-ireland", "ni-keep-care-public", "Health and Social Care Trusts"),
    ):
        found = findings(nation=nation, notes=[], demands=[demand_id])
        assert "demand-elsewhere" not in rules(found), nation
        assert body in CAT.demand(demand_id).clause
        assert "demand-elsewhere" in rules(findings(demands=[demand_id])), demand_id


@pytest.mark.parametrize("profile_id", ["labour-branch", "labour-conference", "labour-npf"])
@pytest.mark.parametrize(
    ("nation", "government"),
    [
        ("england", "the Labour Government"),
        ("wales", "the Welsh Government"),
        ("scotland", "the Scottish Government"),
        ("northern-ireland", "the Department of Health in Northern Ireland"),
    ],
)
def test_a_labour_motion_asks_the_government_of_its_own_nation(
    profile_id: str, nation: str, government: str
) -> None:
    # The body's own lead for a national demand must not raise "devolved" by itself.
    data = {**GOOD, "profile": profile_id, "nation": nation, "notes": [], "believes": []}
    data["demands"] = ["end-agency-staffing"]
    motion = Motion.model_validate(data)
    document = compose(motion, PROFILES.get(profile_id), CAT)
    asks = [s for s in document.sections if s.to and "Government" in s.lead + s.to]
    asks += [s for s in document.sections if s.to == government]
    assert asks and all(s.to == government and government in s.lead for s in asks)
    found = checks.run(motion, document, CAT, today=TODAY, speakers=PROFILES.speakers)
    assert "devolved" not in rules(found), [f.message for f in found]


def test_the_cma_study_is_not_cited_for_northern_ireland() -> None:
    found = findings(
        nation="northern-ireland", notes=["cma-placements-market-problems-2022"], demands=[]
    )
    assert ("fact-elsewhere", "notes 1") in {(f.rule, f.where) for f in found}
    wales = findings(nation="wales", notes=["cma-placements-market-problems-2022"], demands=[])
    assert "fact-elsewhere" not in rules(wales)


def test_a_motion_without_a_nation_gets_advice() -> None:
    assert "nation-unknown" in rules(findings(nation=None))


def test_overlapping_and_conflicting_demands() -> None:
    found = findings(demands=["co-op-governance", "council-run-childrens-homes"])
    conflict = [f for f in found if f.rule == "demands-conflict"]
    assert len(conflict) == 1 and conflict[0].severity == "warning"
    overlap = findings(demands=["reverse-privatisation", "nationalise-foster-care"])
    assert "demands-overlap" in rules(overlap)
    assert not {"demands-conflict", "demands-overlap"} & rules(findings())


def test_demands_a_council_cannot_act_on() -> None:
    found = findings(profile="council", demands=["local-campaign"], meeting_date="2027-03-01")
    assert "cannot-act" in rules(found)
    fine = findings(profile="council", demands=["independent-regulator"], meeting_date="2027-03-01")
    assert "cannot-act" not in rules(fine)


def test_notice_before_the_meeting() -> None:
    late = findings(today=dt.date(2026, 11, 28))  # meeting 1 December, 7 days' notice
    (notice,) = [f for f in late if f.rule == "notice"]
    assert notice.severity == "warning" and "24 November 2026" in notice.message
    soon = findings(today=dt.date(2026, 11, 20))
    assert [f.severity for f in soon if f.rule == "notice"] == ["advice"]
    assert "notice" not in rules(findings(today=dt.date(2026, 10, 1)))


def test_past_meetings_and_deadlines() -> None:
    assert "meeting-passed" in rules(findings(today=dt.date(2027, 3, 1)))
    found = findings(profile="napo-agm", deadline="2026-10-01")
    assert "deadline-passed" in rules(found)
    assert "deadline-after-meeting" in rules(findings(deadline="2027-03-01"))


def test_austerity_advice_passes_text_that_says_whose_and_when() -> None:
    texts = [
        "Tory austerity closed our children's centres.",
        "The austerity of 2010 to 2024 closed our children's centres.",
    ]
    found = findings(believes=[{"text": t} for t in texts])
    assert "wording:politically-chosen-austerity" not in rules(found)
    bare = findings(believes=[{"text": "Austerity closed our children's centres."}])
    (advice,) = [f for f in bare if f.rule == "wording:politically-chosen-austerity"]
    assert advice.severity == "advice" and "governments from 2010" in advice.fix


@pytest.mark.parametrize(
    ("key", "text"),
    [
        ("resolves", "To ask the next Labour government to act."),
        ("notes", "Our shadow minister spoke at the rally."),
        ("believes", "When Labour is elected, councils must get these powers."),
    ],
)
def test_opposition_wording_in_a_labour_motion_after_july_2024(key: str, text: str) -> None:
    found = [f for f in findings(**{key: [{"text": text}]}) if f.rule == "opposition-wording"]
    assert len(found) == 1, found
    assert found[0].severity == "warning"
    assert found[0].where.startswith(key)
    assert "Labour Government" in found[0].fix


def test_opposition_wording_is_fine_before_july_2024_and_outside_labour() -> None:
    clause = [{"text": "To ask the next Labour government to act."}]
    before = findings(
        resolves=clause, meeting_date="2024-05-01", today=dt.date(2024, 4, 1), notes=[]
    )
    assert "opposition-wording" not in rules(before)
    union = findings(profile="union-branch", resolves=clause)
    assert "opposition-wording" not in rules(union)


@pytest.mark.parametrize("profile_id", ["labour-branch", "labour-conference", "labour-npf"])
def test_labour_profiles_frame_every_demand_for_labour_in_government(profile_id: str) -> None:
    found = findings(
        profile=profile_id,
        demands=list(CAT.demands),
        commission="Break down barriers to opportunity",
        word_limit=100_000,
    )
    assert "opposition-wording" not in rules(found)
    document = compose(
        Motion.model_validate({**GOOD, "profile": profile_id, "demands": list(CAT.demands)}),
        PROFILES.get(profile_id),
        CAT,
    )
    leads = [section.lead for section in document.sections]
    assert any("the Labour Government" in lead for lead in leads), leads


def test_law_last_checked_over_a_year_before_the_meeting() -> None:
    notes = ["cwsa-2026-profit-cap-power"]
    late = findings(notes=notes, meeting_date="2028-01-10", today=dt.date(2027, 12, 1))
    (advice,) = [f for f in late if f.rule == "law-last-checked"]
    assert advice.severity == "advice"
    assert advice.fix == "check whether this has changed since November 2026"
    soon = findings(notes=notes, meeting_date="2027-06-01", today=dt.date(2027, 5, 1))
    assert "law-last-checked" not in rules(soon)
    figures = findings(meeting_date="2028-01-10", today=dt.date(2027, 12, 1))
    assert "law-last-checked" not in rules(figures)


def test_an_event_is_not_called_old_however_long_ago() -> None:
    found = findings(notes=["probation-precedent", "contracts-sold-on"], max_age=0)
    assert ("old-evidence", "notes 1") not in {(f.rule, f.where) for f in found}
    assert ("old-evidence", "notes 2") in {(f.rule, f.where) for f in found}


def test_a_retired_demand_fails_and_names_what_to_use_instead() -> None:
    found = findings(demands=["halt-nass"])
    (retired,) = [f for f in found if f.rule == "retired-demand"]
    assert retired.severity == "error" and retired.where == "calls on 1"
    assert "March 2022" in retired.message
    assert "naas-closed-2022" in retired.fix and "workforce-stability" in retired.fix
    assert retired.source and "Community Care" in retired.source
    assert "retired-demand" not in rules(findings())


def test_limits_from_unverified_sources_are_advice() -> None:
    # The Policy Forum's 600 words comes from an older cycle, not verified.
    long = findings(profile="labour-npf", commission="X", demands=LONG, notes=MANY_NOTES)
    (limit,) = [f for f in long if f.rule == "word-limit"]
    assert limit.severity == "advice" and "not verified" in limit.message
    assert not any(f.severity == "error" for f in long)
    # A limit the user set is their own word, and firm.
    own = findings(
        profile="labour-npf", commission="X", demands=LONG, notes=MANY_NOTES, word_limit=100
    )
    assert [f.severity for f in own if f.rule == "word-limit"] == ["error"]
    # Napo's 200 words was read on its own page: still an error.
    napo = findings(profile="napo-agm", demands=MANY)
    assert [f.severity for f in napo if f.rule == "word-limit"] == ["error"]


CONFERENCE: dict[str, Any] = {
    "profile": "labour-conference",
    "title": "Children's care is not for profit",
    "to": None,
    "proposer": None,
    "seconder": None,
    "demands": ["use-profit-cap-power"],
}


def test_a_conference_motion_needs_a_note_after_the_cut_off() -> None:
    # 2024: the cut-off was 5 July 2024, read on Labour's own page, so a warning.
    old = findings(**CONFERENCE, meeting_date="2024-09-22", notes=[])
    (late,) = [f for f in old if f.rule == "contemporary"]
    assert late.severity == "warning" and "5 July 2024" in late.message
    assert late.source and "verified" in late.source
    fresh = findings(
        **CONFERENCE,
        meeting_date="2024-09-22",
        notes=[{"text": "On 20 July 2024 the new Government announced a review."}],
    )
    assert "contemporary" not in rules(fresh)
    before = findings(
        **CONFERENCE,
        meeting_date="2024-09-22",
        notes=[{"text": "On 1 July 2024 the old Government announced a review."}],
    )
    assert "contemporary" in rules(before)


def test_a_year_whose_cut_off_is_unknown_takes_the_earliest_seen() -> None:
    found = findings(**CONFERENCE, meeting_date="2027-09-26", notes=["cwsa-2026-profit-cap-power"])
    (late,) = [f for f in found if f.rule == "contemporary"]
    assert late.severity == "advice" and "5 July 2027" in late.message
    month = findings(
        **CONFERENCE,
        meeting_date="2027-09-26",
        notes=[{"text": "In August 2027 the council closed its last children's home."}],
    )
    assert "contemporary" not in rules(month)
    # Profiles without the rule never ask for it.
    assert "contemporary" not in rules(findings(notes=[]))


def test_dates_are_read_from_the_users_own_notes() -> None:
    assert checks.dates_in("On 3 September 2027, and on 2027-09-04") == [
        dt.date(2027, 9, 3),
        dt.date(2027, 9, 4),
    ]
    assert checks.dates_in("In February 2028 it closed") == [dt.date(2028, 2, 29)]
    assert checks.dates_in("On 31 February 2027, by 2027-13-01") == []


def test_a_body_that_names_itself_two_ways_is_not_flagged_for_either() -> None:
    for text in ("Conference calls for change.", "This Conference calls for change."):
        found = findings(profile="labour-conference", resolves=[{"text": text}])
        assert "proper-form" not in rules(found), text


def test_the_rule_cited_for_a_missing_seconder_is_the_one_the_profile_says_covers_it() -> None:
    found = findings(profile="council", seconder=None, meeting_date="2027-03-01")
    (missing,) = [f for f in found if f.rule == "required-field" and f.where == "seconder"]
    rule = PROFILES.get("council").rule_for("seconder")
    assert rule is not None and missing.source is not None
    assert missing.source.startswith(rule.source)


def test_who_acts_comes_from_the_profile() -> None:
    council = PROFILES.get("council")
    branch = PROFILES.get("union-branch")
    assert council.acts_at == "council" and branch.acts_at == "union"
    assert set(PROFILES.speakers) >= {"This Council", "Conference", "We"}
