"""Catalogue entries as plain dicts: the stable JSON shape scripts rely on."""

from __future__ import annotations

from typing import Any

from motiongen.catalogue import Catalogue
from motiongen.catalogue.models import Demand, Evidence, SourceRef


def source_refs(catalogue: Catalogue, refs: list[SourceRef]) -> list[dict[str, Any]]:
    out = []
    for ref in refs:
        source = catalogue.sources[ref.source]
        out.append(
            {
                "source": source.id,
                "file": source.file,
                "title": source.title,
                "year": source.year,
                "label": source.label,
                "kind": source.kind,
                "publisher": source.publisher or source.body,
                "published": source.published,
                "address": source.address,
                "at": ref.at,
            }
        )
    return out


def fact(catalogue: Catalogue, item: Evidence) -> dict[str, Any]:
    return {
        "id": item.id,
        "statement": item.statement,
        "kind": item.kind,
        "year": item.year,
        "takes_effect": item.takes_effect.isoformat() if item.takes_effect else None,
        "last_checked": item.last_checked.isoformat() if item.last_checked else None,
        "holds_for": list(item.holds_for),
        "scope": item.scope,
        "caveat": item.caveat,
        "sources": source_refs(catalogue, item.sources),
    }


def demand(catalogue: Catalogue, item: Demand, *, full: bool = False) -> dict[str, Any]:
    """``full`` spells out the evidence and beliefs instead of giving their ids."""
    record: dict[str, Any] = {
        "id": item.id,
        "title": item.title,
        "theme": item.theme,
        "theme_title": catalogue.themes[item.theme].title,
        "clause": item.clause,
        "tentative": item.tentative,
        "note": item.note,
        "acted_on_by": list(item.acted_on_by),
        "applies_in": list(item.applies_in),
        "sources": source_refs(catalogue, item.sources),
        "evidence": list(item.evidence),
        "beliefs": list(item.beliefs),
        "overlaps": list(item.overlaps),
        "covers": list(item.covers),
        "conflicts": [{"with": c.with_, "why": c.why} for c in item.conflicts],
        "retired": None
        if item.retired is None
        else {
            "since": item.retired.since.isoformat(),
            "why": item.retired.why,
            "notes": list(item.retired.notes),
            "demands": list(item.retired.demands),
            "sources": source_refs(catalogue, item.retired.sources),
        },
    }
    if full:
        record["evidence"] = [fact(catalogue, catalogue.evidence[e]) for e in item.evidence]
        record["beliefs"] = [{"id": b, "text": catalogue.beliefs[b].text} for b in item.beliefs]
    return record
