"""Hostile catalogue files give a clear error or a catalogue, never a traceback."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from motiongen import catalogue
from motiongen.errors import MotiongenError

FIELDS = ["id", "title", "theme", "clause", "acted_on_by", "sources", "evidence", "year", "at"]
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.text(max_size=40),
    st.sampled_from(["ownership", "halt-nass", "npf-submission-2018"]),
)
values = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.sampled_from(FIELDS), children, max_size=5),
    ),
    max_leaves=20,
)
documents = st.dictionaries(
    st.sampled_from(["demands", "evidence", "beliefs", "themes", "guidance", "sources", "x"]),
    values,
    max_size=3,
)


def as_yaml(value: object) -> str:
    import json

    return json.dumps(value, ensure_ascii=False, default=str)  # JSON is YAML 1.2


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(document=documents)
def test_structured_garbage(tmp_path: Path, document: dict) -> None:
    path = tmp_path / "own.yaml"
    path.write_text(as_yaml(document), encoding="utf-8")
    try:
        catalogue.load([path], with_user_files=False)
    except MotiongenError as exc:
        assert str(exc).startswith(str(path))


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text(max_size=200))
def test_textual_garbage(tmp_path: Path, text: str) -> None:
    path = tmp_path / "own.yaml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    try:
        catalogue.load([path], with_user_files=False)
    except MotiongenError as exc:
        assert str(exc)
