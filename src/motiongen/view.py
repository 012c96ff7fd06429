"""The catalogue and the profiles as plain data: all that `demands` and `profiles` show.

One function, `build`, turns the validated models into this view, for the
built-in data (kept in the cache by `viewcache`) and for the user's own files
alike, so the tables and ``--json`` read the same shape whichever way it came.
Everything in it is plain JSON: strings, numbers, booleans, None, lists and
dicts, in the order the catalogue and the profiles give them.
"""

from __future__ import annotations

from typing import Any

from motiongen.catalogue import Catalogue, records
from motiongen.catalogue.models import NATION_NAMES, Demand
from motiongen.profiles import Profile, ProfileSet

View = dict[str, Any]


def build(catalogue: Catalogue | None = None, profiles: ProfileSet | None = None) -> View:
    """The view of whichever of the two is given (a command needs only its own)."""
    view: View = {"nations": dict(NATION_NAMES)}
    if catalogue is not None:
        view["themes"] = {t.id: t.title for t in catalogue.themes.values()}
        view["demands"] = {d.id: demand(catalogue, d) for d in catalogue.demands.values()}
    if profiles is not None:
        view["profiles"] = {p.id: profile(p) for p in profiles.profiles.values()}
    return view


def demand(catalogue: Catalogue, item: Demand) -> dict[str, Any]:
    """The ``--json`` records, and what the panel words through the models' own methods."""
    facts = [catalogue.evidence[e] for e in item.evidence]
    return {
        "record": records.demand(catalogue, item),
        "full": records.demand(catalogue, item, full=True),
        "firmness": item.firmness,
        "citations": [source.citation(at) for source, at in catalogue.cited(item.sources)],
        "facts": [
            {"id": f.id, "statement": f.statement, "scope": f.scope, "when": f.when} for f in facts
        ],
    }


def profile(item: Profile) -> dict[str, Any]:
    return {"record": item.model_dump(mode="json"), "verified": item.verified}
