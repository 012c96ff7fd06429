"""Hostile motions into composite and brief: a clear error or clean documents, never a traceback."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from motiongen import catalogue, profiles
from motiongen.conference import brief, composite, report
from motiongen.errors import MotiongenError
from motiongen.output import paper
from test_spec_hostile import CONTROL, hostile_text

CAT = catalogue.load(with_user_files=False)
PROFILES = profiles.load(with_user_files=False)

motions = st.fixed_dictionaries(
    {
        "profile": st.sampled_from(["labour-conference", "union-conference", "council"]),
        "title": hostile_text,
        "demands": st.lists(st.sampled_from(sorted(CAT.demands)), max_size=4, unique=True),
    },
    optional={
        "submitted_by": hostile_text,
        "notes": st.lists(
            st.one_of(
                st.sampled_from(sorted(CAT.evidence)[:6]), st.builds(dict, text=hostile_text)
            ),
            max_size=3,
            unique_by=str,
        ),
        "believes": st.lists(st.builds(dict, text=hostile_text), max_size=2, unique_by=str),
        "resolves": st.lists(st.builds(dict, text=hostile_text), max_size=2, unique_by=str),
    },
)


def clean_outputs(made: paper.Paper) -> None:
    text = paper.render(made, "md").decode("utf-8")
    assert not CONTROL.search(text), repr(text)
    paper.word(made)  # python-docx refuses XML-illegal text: none may reach it


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(group=st.lists(motions, min_size=1, max_size=3), max_words=st.none() | st.integers(1, 400))
def test_hostile_motions_composite_cleanly(
    tmp_path: Path, group: list[dict], max_words: int | None
) -> None:
    paths = []
    for index, motion in enumerate(group):
        path = tmp_path / f"m{index}.json"
        path.write_text(json.dumps(motion), encoding="utf-8")
        paths.append(path)
    try:
        result = composite.build(paths, CAT, PROFILES, composite.Request(max_words=max_words))
    except MotiongenError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    accounted = [p for p in result.parts if p.item is not None or p.why]
    assert len(accounted) == len(result.parts)
    clean_outputs(report.paper(result, "c.yaml"))
    clean_outputs(brief.paper(brief.make(result.motion, result.profile, CAT)))


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(motion=motions, minutes=st.floats(0.5, 30))
def test_hostile_motion_briefs_cleanly(tmp_path: Path, motion: dict, minutes: float) -> None:
    path = tmp_path / "m.json"
    path.write_text(json.dumps(motion), encoding="utf-8")
    try:
        found, profile = brief.read(path, CAT, PROFILES)
    except MotiongenError as exc:
        assert str(exc)
        return
    notes = brief.make(found, profile, CAT, minutes=minutes)
    assert notes.words <= notes.target or len(notes.parts) == 2  # opening and close alone
    clean_outputs(brief.paper(notes))
