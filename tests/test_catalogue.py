"""The built-in catalogue keeps the promises PRODUCT.md makes about it."""

from __future__ import annotations

from collections import Counter

import pytest

from conftest import REPO
from motiongen.catalogue import SECTIONS, Catalogue
from motiongen.io import datafile

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
    "probation-precedent": ({"002"}, None, {"england", "wales"}),
    "tagging-overcharging": ({"002", "004"}, None, {"england", "wales"}),
}


def files_of(cat: Catalogue, refs: list) -> set[str]:
    return {cat.sources[r.source].file.split("_")[0] for r in refs}


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
        assert 1989 <= fact.year <= 2026, fact.id
        assert fact.sources and fact.holds_for and fact.scope
        assert str(fact.year) in fact.statement or fact.id in {
            "probation-precedent",
            "probation-mutual-promotion-spend",
            "tagging-overcharging",
            "contracts-sold-on",
            "children-act-history",
        }, f"{fact.id}: say in the statement when it was true"


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
    assert {s.file.split("_")[0] for s in cat.sources.values()} == {
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
