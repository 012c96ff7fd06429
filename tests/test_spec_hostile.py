"""Hostile spec files: a clear error or a clean document, never a traceback, and
no control character ever reaches an output."""

from __future__ import annotations

import json
import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from motiongen import catalogue, profiles
from motiongen.errors import MotiongenError
from motiongen.io import datafile
from motiongen.motion import spec
from motiongen.output import render
from motiongen.output.word import WordWriter
from motiongen.prepare import prepare

CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")
CAT = catalogue.load(with_user_files=False)
WORD = WordWriter()
PROFILES = profiles.load(with_user_files=False)

hostile_text = st.one_of(
    st.text(max_size=60),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=60),
    st.sampled_from(
        [
            "\x00",
            "\x0b\x0c\x1b[31m",
            "\ufffe",
            "[/]",
            "[bold]x",
            "*_#<>`",
            "1. a",
            "- b",
            "\u202e",
            "a" * 5000,
            "{{ 7 * 7 }}",
            "{clause}",
            "{0.__class__}",
            "🏳️‍🌈",
            "\r\n\r\n",
        ]
    ),
)
ids = st.one_of(
    st.sampled_from(sorted(CAT.demands)[:6]), st.text(max_size=20), st.integers(), st.none()
)
motions = st.fixed_dictionaries(
    {
        "profile": st.one_of(st.sampled_from(sorted(PROFILES.profiles)), hostile_text),
        "title": hostile_text,
    },
    optional={
        "submitted_by": hostile_text,
        "proposer": st.one_of(hostile_text, st.integers(), st.booleans(), st.lists(st.none())),
        "seconder": hostile_text,
        "to": hostile_text,
        "meeting_date": st.one_of(st.dates().map(str), hostile_text),
        "nation": st.one_of(st.sampled_from(["england", "NO", "scotland"]), hostile_text),
        "demands": st.lists(ids, max_size=4),
        "notes": st.lists(
            st.one_of(
                st.sampled_from(sorted(CAT.evidence)[:4]), st.builds(dict, text=hostile_text)
            ),
            max_size=3,
        ),
        "believes": st.lists(st.builds(dict, text=hostile_text), max_size=2),
        "resolves": st.lists(st.builds(dict, text=hostile_text), max_size=2),
        "word_limit": st.one_of(st.integers(), hostile_text),
        "moved_by": hostile_text,
        "submitted_on": st.one_of(st.dates().map(str), hostile_text),
        "contact": st.one_of(
            hostile_text,
            st.fixed_dictionaries(
                {}, optional={"name": hostile_text, "email": hostile_text, "phone": hostile_text}
            ),
        ),
        "carried_on": st.one_of(
            st.dates().map(str),
            hostile_text,
            st.fixed_dictionaries(
                {"date": st.dates().map(str)}, optional={"meeting": hostile_text}
            ),
        ),
    },
)


def check_outputs(path: Path) -> None:
    try:
        jobs = spec.read(path)
    except MotiongenError as exc:
        assert str(exc)
        return
    for job in jobs:
        result = prepare(job, CAT, PROFILES)
        if result.document is None:
            assert result.error is not None and str(result.error)
            continue
        for fmt in ("md", "txt"):
            text = render.render(result.document, fmt)
            assert not CONTROL.search(text), repr(text)
        WORD.render(result.document)  # python-docx refuses XML-illegal text: none may reach it


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(motion=motions)
def test_hostile_values_in_json(tmp_path: Path, motion: dict) -> None:
    path = tmp_path / "m.json"
    path.write_text(json.dumps(motion, ensure_ascii=True), encoding="utf-8")
    check_outputs(path)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text(max_size=300))
def test_hostile_yaml_text(tmp_path: Path, text: str) -> None:
    path = tmp_path / "m.yaml"
    path.write_bytes(text.encode("utf-8", errors="surrogatepass"))
    check_outputs(path)


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(title=hostile_text, proposer=hostile_text)
def test_user_text_is_shown_as_written(tmp_path: Path, title: str, proposer: str) -> None:
    motion = {
        "profile": "labour-branch",
        "title": title,
        "proposer": proposer,
        "demands": ["halt-nass"],
    }
    path = tmp_path / "m.json"
    path.write_text(json.dumps(motion), encoding="utf-8")
    try:
        (job,) = spec.read(path)
    except MotiongenError:
        return
    if job.motion is None:
        return
    result = prepare(job, CAT, PROFILES)
    assert result.document is not None
    txt = render.render(result.document, "txt")
    assert txt.startswith(job.motion.title + "\n")
    assert f"Proposer: {job.motion.proposer}\n" in txt


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    title=hostile_text,
    clauses=st.lists(hostile_text, max_size=4),
    comment=hostile_text,
)
def test_a_spec_written_reads_back_as_the_same_motion(
    title: str, clauses: list[str], comment: str
) -> None:
    """The one spec writer: whatever a motion holds, its file means the same motion,
    and a comment from a file's words cannot break the YAML."""
    data = {"profile": "labour-branch", "title": title, "resolves": [{"text": c} for c in clauses]}
    try:
        motion = spec.Motion.model_validate(data)
    except ValueError:
        return  # refused where it enters; nothing to write
    header = [f"Imported from x.txt: {comment}"]
    text = spec.spec_text(motion, header)
    comments = {("resolves", 0): comment}
    again = spec.dump(
        motion.model_dump(mode="python", exclude_none=True, exclude_defaults=True), header, comments
    )
    for written in (text, again):
        loaded = spec.Motion.model_validate(datafile.loads(written, "spec.yaml").data)
        assert loaded == motion
