"""The built-in catalogue keeps the promises PRODUCT.md makes about it."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from conftest import REPO
from motiongen.catalogue import SECTIONS, Catalogue
from motiongen.catalogue.models import NATIONS, PRIMARY_KINDS, SECONDARY_KINDS, Demand
from motiongen.io import datafile
from motiongen.text import british_date

PRODUCT_DEMANDS = {
    "reverse-privatisation": {"000", "002", "003"},
    "nationalise-foster-care": {"000", "003"},
    "council-run-childrens-homes": {"003", "000"},
    "council-insourcing-powers": {"000"},
    "parliament-sets-compensation": {"000"},
    "ban-outsourcing": {"000", "002"},
    "reverse-2014-regulations": {"001", "003"},
    "no-profit-child-protection": {"002", "004"},
    "definancialise": {"000", "001", "004"},
    "end-agency-staffing": {"000", "001"},
    "living-wage-care-workers": {"000"},
    "workforce-stability": {"001", "003"},
    "halt-nass": {"001"},
    "co-op-governance": {"000"},
    "assets-as-commons": {"000"},
    "foi-for-providers": {"001"},
    "keep-ofsted-registration": {"004"},
    "keep-director-of-childrens-services": {"004"},
    "independent-regulator": {"001"},
    "minister-for-social-services": {"003"},
    "fund-councils-fairly": {"001", "003"},
    "protect-sure-start": {"001"},
    "community-social-work": {"003"},
    "defend-children-act": {"003"},
    "unions-campaign-together": {"002"},
    "local-campaign": {"000"},
    "national-care-service": {"000"},
}

# id -> (source files, year or None when the source gives none, nations)
PRODUCT_EVIDENCE = {
    "foster-placements-private-share": ({"003"}, 2021, {"england"}),
    "residential-care-private-share": ({"003"}, 2021, {"england"}),
    "councils-without-childrens-homes": ({"003"}, 2021, {"england"}),
    "childrens-homes-private-ownership": (
        {"000"},
        2018,
        {"england", "wales", "scotland", "northern-ireland"},
    ),
    "regulations-2014": ({"001", "003"}, 2014, {"england"}),
    "consultation-2014": ({"004"}, 2014, {"england"}),
    "probation-precedent": ({"002"}, 2015, {"england", "wales"}),
    "tagging-overcharging": ({"002", "004"}, 2014, {"england", "wales"}),
}


def files_of(cat: Catalogue, refs: list) -> set[str]:
    return {
        (cat.sources[r.source].file or r.source).split("_")[0]
        for r in refs
        if cat.sources[r.source].file
    }


def test_every_demand_id_of_product_md_is_there_with_its_sources(cat: Catalogue) -> None:
    for demand_id, expected in PRODUCT_DEMANDS.items():
        demand = cat.demand(demand_id)
        assert expected <= files_of(cat, demand.sources), demand_id


def test_every_evidence_id_of_product_md_is_there(cat: Catalogue) -> None:
    for evidence_id, (files, year, nations) in PRODUCT_EVIDENCE.items():
        fact = cat.fact(evidence_id)
        assert files_of(cat, fact.sources) == files, evidence_id
        if year is not None:
            assert fact.year == year, evidence_id
        assert set(fact.holds_for) == nations, evidence_id


def test_the_catalogue_goes_beyond_the_product_table(cat: Catalogue) -> None:
    assert len(cat.demands) > len(PRODUCT_DEMANDS)
    assert len(cat.evidence) > len(PRODUCT_EVIDENCE)


def test_ids_are_unique_within_each_section_across_files() -> None:
    for section in SECTIONS:
        ids = []
        for path in sorted((REPO / "seeds").glob("*.yaml")):
            ids += [entry["id"] for entry in datafile.load(path).data.get(section, [])]
        duplicated = [i for i, n in Counter(ids).items() if n > 1]
        assert duplicated == [], section


def test_every_reference_resolves(cat: Catalogue) -> None:
    for demand in cat.demands.values():
        assert demand.theme in cat.themes
        for ref in demand.evidence:
            assert ref in cat.evidence, (demand.id, ref)
        for ref in demand.beliefs:
            assert ref in cat.beliefs, (demand.id, ref)
        for ref in [*demand.overlaps, *(c.with_ for c in demand.conflicts)]:
            assert ref in cat.demands, (demand.id, ref)
    for section in ("demands", "evidence", "beliefs", "guidance"):
        for entry in getattr(cat, section).values():
            assert entry.sources, entry.id
            assert all(r.source in cat.sources for r in entry.sources), entry.id


def test_every_demand_has_a_source_a_theme_and_a_framable_clause(cat: Catalogue) -> None:
    for demand in cat.demands.values():
        assert demand.sources and demand.theme
        assert demand.clause[0].islower() and not demand.clause.endswith(".")
        assert demand.acted_on_by


def test_every_fact_has_a_year_a_source_and_a_place(cat: Catalogue) -> None:
    for fact in cat.evidence.values():
        assert fact.sources and fact.scope, fact.id
        assert all(ref.at.strip() for ref in fact.sources), f"{fact.id}: name the place"
        if not fact.holds_for:
            assert "not stated" in fact.scope, f"{fact.id}: say the source names no nation"
        if fact.year is None:
            assert fact.kind == "event", f"{fact.id}: only an event may go without a year"
            continue
        assert 1989 <= fact.year <= 2026, fact.id
        financial_year = f"{fact.year - 1}/{fact.year % 100:02d}"  # 2022/23 for 2023
        assert (
            str(fact.year) in fact.statement
            or financial_year in fact.statement
            or fact.id == "children-act-history"
        ), f"{fact.id}: say in the statement when it was true"


def test_every_fact_states_its_year_nations_and_place(cat: Catalogue) -> None:
    for fact in cat.evidence.values():
        assert fact.year is not None, fact.id
        assert fact.holds_for, fact.id
        assert all(ref.at.strip() for ref in fact.sources), fact.id
    # Where the source names no nation or year, the fact says whence they come.
    for fact_id in ("statutory-duties-bill-defeated", "regulations-not-reversed-2017"):
        assert "name no nation" in (cat.fact(fact_id).caveat or ""), fact_id
    for fact_id in ("probation-precedent", "probation-mutual-promotion-spend"):
        fact = cat.fact(fact_id)
        assert fact.statement.startswith("By 2015") and "May 2015" in (fact.caveat or "")


def test_every_demand_states_its_nations(cat: Catalogue) -> None:
    with pytest.raises(ValueError, match="applies_in"):
        Demand.model_validate({**TENTATIVE_DEMAND, "tentative": None, "clause": "give x"})
    national = [d for d in cat.demands.values() if "national" in d.acted_on_by]
    # The UK Government acts on children's services for England alone.
    assert all(d.applies_in == ["england"] for d in national), [
        d.id for d in national if d.applies_in != ["england"]
    ]
    per_nation = {n: [d.id for d in cat.demands.values() if n in d.applies_in] for n in NATIONS}
    for nation in ("wales", "scotland", "northern-ireland"):
        assert len(per_nation[nation]) >= 3, nation
    # Northern Ireland's councils run no social services.
    assert not any("council" in cat.demand(d).acted_on_by for d in per_nation["northern-ireland"])


def test_facts_resting_on_second_hand_sources_say_so(cat: Catalogue) -> None:
    for fact in cat.evidence.values():
        kinds = {cat.sources[r.source].kind for r in fact.sources}
        if kinds <= set(SECONDARY_KINDS):
            assert fact.caveat, fact.id


def test_every_fact_is_no_later_than_its_sources(cat: Catalogue) -> None:
    for fact in cat.evidence.values():
        if fact.year is None:
            continue
        for source, _ in cat.cited(fact.sources):
            latest = source.latest_year
            assert latest is not None, f"{source.id}: give a year, not_after or read date"
            assert fact.year <= latest, f"{fact.id} ({fact.year}) is later than {source.id}"
        if fact.takes_effect is not None:
            assert fact.takes_effect.year > fact.year, fact.id
            assert british_date(fact.takes_effect) in fact.statement, fact.id


def test_every_source_outside_the_five_has_an_address_publisher_and_date(
    cat: Catalogue,
) -> None:
    primary = [s for s in cat.sources.values() if s.file is None]
    assert len(primary) >= 10
    for source in primary:
        assert source.address and source.address.startswith("https://"), source.id
        assert source.publisher, source.id
        assert source.kind in PRIMARY_KINDS + SECONDARY_KINDS, source.id
        assert source.published, f"{source.id}: give the date it shows, or say it shows none"
        assert source.year is not None or source.read is not None, source.id


def test_law_and_policy_facts_say_when_they_were_last_checked(cat: Catalogue) -> None:
    laws = [f for f in cat.evidence.values() if f.kind == "law"]
    assert len(laws) >= 6
    for fact in laws:
        assert fact.last_checked is not None, fact.id
    for fact_id in ("cwsa-2026-profit-cap-power", "scotland-profit-limitation-power-2026"):
        statement = cat.fact(fact_id).statement
        assert "may" in statement or "power" in statement, fact_id
    assert "not yet in force" in cat.fact("scotland-profit-limitation-power-2026").statement


def test_sources_are_named_as_a_secretary_knows_them(cat: Catalogue) -> None:
    assert cat.sources["lswg-briefing-2021"].label == "LSWG 2021"
    labels = [s.label for s in cat.sources.values()]
    assert len(set(labels)) == len(labels)
    assert not any(label[:3].isdigit() for label in labels)


def test_the_sources_are_named_and_dated_as_they_are(cat: Catalogue) -> None:
    gftu = cat.sources["gftu-resolution-9"]
    assert gftu.year == 2015 and "Napo" in (gftu.date_note or "")
    assert "2015" in gftu.citation("paragraph (2)")
    jones = cat.sources["jones-community-care-2014"]
    assert jones.title.startswith("'The mantra will be")
    post = cat.sources["npf-submission-2018"]
    assert "member's submission" in post.citation("proposal 1")
    assert "Policy Commission" not in post.citation("proposal 1")


def test_entries_say_what_their_sources_say(cat: Catalogue) -> None:
    regulations = cat.fact("regulations-2014")
    assert "private companies as well" not in regulations.statement
    assert regulations.caveat and "GFTU" in regulations.caveat
    consultation = cat.fact("consultation-2014")
    assert "only" in consultation.statement and "few" not in consultation.statement
    assert "paragraphs 3 and 4" in consultation.sources[0].at
    assert "cross-party" in cat.fact("children-act-history").statement
    assert "pilot" not in cat.fact("independent-practices-2006").statement
    assert "closure" not in cat.fact("social-impact-bonds-floated-2017").statement
    assert "most" not in cat.demand("tackle-child-poverty").clause.split()
    ncs = cat.demand("national-care-service")
    assert "National Care Service" in ncs.clause and "adults" in ncs.clause
    assert "public hands" not in ncs.clause and "these policies" not in ncs.clause
    assert cat.demand("defend-children-act").applies_in == ["england"]
    assert "they run" not in cat.demand("nationalise-foster-care").clause
    assert "growing number" not in cat.beliefs["poverty-drives-need"].text
    assert "plan to create a market" not in cat.demand("ban-outsourcing").clause
    assert "Revenue Support Grant" not in cat.demand("fund-councils-fairly").clause
    assert "public services" not in cat.demand("foi-for-providers").clause
    assert "buys its services" not in cat.demand("no-charity-fronts").clause
    assert all(r.at != "paragraph (5)a" for r in cat.demand("reverse-privatisation").sources)
    assert cat.guidance["name-the-contractor"].prefer == "Serco Track and Trace"


# Demands from proposals that only asked for something to be looked into.
TENTATIVE = {
    "council-insourcing-powers",
    "co-op-governance",
    "assets-as-commons",
    "parliament-sets-compensation",
    "national-care-service",
    "definancialise",
}
# Demands built from what a source describes or mentions in passing.
FROM_ASIDES = {
    "living-wage-care-workers",
    "foi-for-providers",
    "provider-failure-plans",
    "no-charity-fronts",
}


def test_demands_from_tentative_proposals_read_as_tentative(cat: Catalogue) -> None:
    marked = {d.id for d in cat.demands.values() if d.tentative}
    assert marked == TENTATIVE | FROM_ASIDES
    for demand_id in marked:
        demand = cat.demand(demand_id)
        assert demand.clause.startswith(("examine ", "bring forward proposals ")), demand_id
    for demand_id in TENTATIVE:
        assert "investigate" in (cat.demand(demand_id).tentative or ""), demand_id
    for demand_id in FROM_ASIDES:
        tentative = cat.demand(demand_id).tentative or ""
        assert re.search(r"no demand|for nothing|neither asks", tentative), demand_id


TENTATIVE_DEMAND = {
    "id": "x-demand",
    "title": "X",
    "theme": "ownership",
    "clause": "give councils powers",
    "tentative": "The source asks only to investigate.",
    "acted_on_by": ["national"],
    "sources": [{"source": "npf-submission-2018", "at": "proposal 3"}],
}


def test_a_tentative_demand_cannot_read_as_settled() -> None:
    with pytest.raises(ValueError, match="tentative"):
        Demand.model_validate({**TENTATIVE_DEMAND, "applies_in": ["england"]})


NEW_DEMANDS = {
    "use-profit-cap-power": ("cwsa-2026-s17", ["england"]),
    "england-follow-wales": ("ciw-removing-profit", ["england"]),
    "scotland-profit-limit": ("scotland-care-act-2026-s27", ["scotland"]),
}


def test_demands_for_the_law_as_it_stands(cat: Catalogue) -> None:
    for demand_id, (law, nations) in NEW_DEMANDS.items():
        demand = cat.demand(demand_id)
        cited = {r.source for r in demand.sources}
        assert law in cited, demand_id
        assert cited & {s.id for s in cat.sources.values() if s.file}, (
            f"{demand_id}: cite the campaign documents it continues"
        )
        assert demand.applies_in == nations, demand_id
        assert demand.overlaps or demand.conflicts, demand_id
    conflicts = {c.with_ for c in cat.demand("use-profit-cap-power").conflicts}
    assert "reverse-privatisation" in conflicts


def test_no_demand_asks_for_a_power_that_now_exists(cat: Catalogue) -> None:
    for demand in cat.demands.values():
        clause = demand.clause.casefold()
        assert "power to cap" not in clause or clause.startswith("use "), demand.id
        assert "shadow" not in clause, demand.id


def test_facts_do_not_speak_of_the_past_as_news(cat: Catalogue) -> None:
    for fact in cat.evidence.values():
        lowered = f" {fact.statement.casefold()} "
        for word in (" now ", " currently ", " this year ", " recently ", " today "):
            assert word not in lowered, (fact.id, word)


def test_every_source_document_is_cited(cat: Catalogue) -> None:
    cited: set[str] = set()
    for section in ("demands", "evidence", "beliefs", "guidance"):
        for entry in getattr(cat, section).values():
            cited |= {r.source for r in entry.sources}
    for counter in cat.counter_arguments.values():
        cited |= {r.source for r in counter.raised_in}
    assert cited == set(cat.sources)
    assert {s.file.split("_")[0] for s in cat.sources.values() if s.file} == {
        "000",
        "001",
        "002",
        "003",
        "004",
    }


def test_every_theme_has_demands(cat: Catalogue) -> None:
    assert {d.theme for d in cat.demands.values()} == set(cat.themes)


@pytest.mark.parametrize(
    "rule_id",
    [
        "children-and-families-social-worker",
        "politically-chosen-austerity",
        "not-an-industry",
        "name-the-contractor",
        "help-not-interventions",
        "speak-of-community-social-work",
    ],
)
def test_guidance_examples_fire_and_pass(cat: Catalogue, rule_id: str) -> None:
    rule = cat.guidance[rule_id]
    assert rule.examples is not None
    for text in rule.examples.fires:
        assert rule.matches(text), (rule_id, text)
    for text in rule.examples.passes:
        assert not rule.matches(text), (rule_id, text)


def test_the_catalogue_does_not_break_its_own_guidance(cat: Catalogue) -> None:
    texts = [d.clause for d in cat.demands.values()]
    texts += [b.text for b in cat.beliefs.values()]
    texts += [f.statement for f in cat.evidence.values()]
    for rule in cat.guidance.values():
        for text in texts:
            assert not rule.matches(text), (rule.id, text)


def test_counter_arguments_have_replies_from_other_sources(cat: Catalogue) -> None:
    assert len(cat.counter_arguments) >= 4
    raised_in_004 = [
        c
        for c in cat.counter_arguments.values()
        if any(r.source == "jones-community-care-2014" for r in c.raised_in)
    ]
    assert len(raised_in_004) >= 3
    for counter in cat.counter_arguments.values():
        assert counter.replies
