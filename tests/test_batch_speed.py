"""The large-batch shortcuts write exactly what the plain way writes."""

from __future__ import annotations

import copy
import csv
import pickle
import re
import time
import zipfile
from pathlib import Path

import docx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import REPO
from motiongen import batch, catalogue, profiles
from motiongen.catalogue import models
from motiongen.motion import spec
from motiongen.output import house, paragraphs
from motiongen.output.word import WordOptions, WordWriter
from motiongen.prepare import prepare

MODEL = REPO / "examples" / "region-model.yaml"


@pytest.fixture(scope="module")
def loaded() -> tuple[catalogue.Catalogue, profiles.ProfileSet]:
    return catalogue.load(with_user_files=False), profiles.load(with_user_files=False)


def _table(path: Path, rows: int, bad: frozenset[int] = frozenset()) -> Path:
    """A CSV of branches; the rows in ``bad`` give a date that is no date."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["submitted_by", "proposer", "seconder", "meeting_date"])
        for n in range(rows):
            day = "2027-02-31" if n in bad else "2027-02-03"
            writer.writerow([f"Branch {n:03d}", f"Proposer {n}", f"Seconder {n}", day])
    return path


def _parts(path: Path) -> list[tuple[str, bytes]]:
    """A .docx's parts in order: what Word reads (the zip's own times are left out)."""
    with zipfile.ZipFile(path) as archive:
        return [(i.filename, archive.read(i)) for i in archive.infolist()]


def _build(loaded: tuple, table: Path, out: Path, workers: int) -> list:  # type: ignore[type-arg]
    cat, found = loaded
    options = batch.Options(formats=("docx", "md"), out_dir=out, workers=workers)
    results, unusable = batch.build([MODEL], cat, found, options, merge=table)
    assert not unusable
    return results


def test_two_workers_write_what_one_writes(
    tmp_path: Path, loaded: tuple, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Same files, same order of results, documents kept; a bad motion stops no other."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1800000000")
    table = _table(tmp_path / "branches.csv", 21, bad=frozenset({4, 17}))  # three chunks
    one = _build(loaded, table, tmp_path / "one", workers=1)
    two = _build(loaded, table, tmp_path / "two", workers=2)
    assert [r.label for r in two] == [r.label for r in one]
    assert [r.error is None for r in two] == [n not in {4, 17} for n in range(21)]
    assert [str(r.error) for r in two] == [str(r.error) for r in one]
    assert [[p.name for p in r.files] for r in two] == [[p.name for p in r.files] for r in one]
    assert all(r.document is not None for r in two if r.error is None)
    names = sorted(p.name for p in (tmp_path / "one").iterdir())
    assert names == sorted(p.name for p in (tmp_path / "two").iterdir())
    assert len(names) == 2 * 19
    for name in names:
        first, second = tmp_path / "one" / name, tmp_path / "two" / name
        if name.endswith(".md"):
            assert first.read_bytes() == second.read_bytes(), name
        else:
            assert _parts(first) == _parts(second), name


def test_a_full_disk_in_a_worker_stops_the_batch(
    tmp_path: Path, loaded: tuple, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After the first motion that finds the disk full, what was handed to a worker is
    reported as it went and what was not is not tried (the workers are forked with
    this stand-in for writing)."""
    table = _table(tmp_path / "branches.csv", 80)  # ten chunks of eight
    real = batch.write

    def write(writer: object, result: object, stem: str, inputs: object) -> None:
        number = int(stem.split("-")[1])
        if number == 3:
            result.error = batch.DiskFull("the disk is full")  # type: ignore[attr-defined]
            return
        if number > 3:
            time.sleep(0.02)  # slow enough that most chunks are still waiting
        real(writer, result, stem, inputs)  # type: ignore[arg-type]

    monkeypatch.setattr(batch, "write", write)
    results = _build(loaded, table, tmp_path / "out", workers=2)
    assert [r.error is None and len(r.files) == 2 for r in results[:3]] == [True] * 3
    assert isinstance(results[3].error, batch.DiskFull)
    assert not isinstance(results[3].error, batch.NotTried)
    for result in results[4:]:
        assert (result.error is None and len(result.files) == 2) or (
            isinstance(result.error, batch.NotTried) and not result.files
        )
    assert all(isinstance(r.error, batch.NotTried) for r in results[56:])
    written = sum(1 for r in results if r.files)
    assert len(list((tmp_path / "out").iterdir())) == 2 * written


def test_results_are_reported_while_motions_are_still_being_composed(
    tmp_path: Path, loaded: tuple, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A large batch's progress bar moves from the first chunk written, not only
    once every motion has been composed."""
    composed: list[int] = []
    first_seen: list[int] = []
    real = batch.prepare

    def slow_prepare(*args: object, **kwargs: object) -> object:
        composed.append(1)
        if len(composed) > 2 * batch.CHUNK and not first_seen:
            time.sleep(0.05)  # composing the rest takes a while: the workers get ahead
        return real(*args, **kwargs)  # type: ignore[arg-type]

    def on_result(result: object) -> None:
        if not first_seen:
            first_seen.append(len(composed))

    monkeypatch.setattr(batch, "prepare", slow_prepare)
    cat, found = loaded
    table = _table(tmp_path / "branches.csv", 20 * batch.CHUNK)
    options = batch.Options(formats=("docx", "md"), out_dir=tmp_path / "out", workers=2)
    results, unusable = batch.build([MODEL], cat, found, options, merge=table, on_result=on_result)
    assert not unusable and all(r.error is None for r in results)
    rows = [int(r.label.rsplit(" ", 1)[1]) for r in results]
    assert rows == sorted(rows)  # the spec's order
    assert first_seen and first_seen[0] < len(results)


def test_a_word_writer_travels_to_a_worker_whole(loaded: tuple) -> None:
    """Pickled for a worker process, it writes the very same parts."""
    cat, found = loaded
    job = spec.read_jobs([REPO / "examples" / "union-branch.yaml"], None)[0][0]
    document = prepare(job, cat, found).document
    assert document is not None
    writer = WordWriter(WordOptions(line_numbers=True))
    copy_of = pickle.loads(pickle.dumps(writer))
    assert copy_of.base == writer.base and copy_of.ids == writer.ids
    house_now = house.now
    try:
        house.now = lambda: house_now().replace(year=2027, month=1, day=2)  # type: ignore[assignment]
        first, second = writer.render(document), copy_of.render(document)
    finally:
        house.now = house_now  # type: ignore[assignment]
    assert _zip_parts(first) == _zip_parts(second)


def _zip_parts(data: bytes) -> list[tuple[str, bytes]]:
    import io

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return [(i.filename, archive.read(i)) for i in archive.infolist()]


def test_properties_laid_out_once_are_those_of_a_fresh_writer(loaded: tuple) -> None:
    """The second motion through a writer has the properties a writer of its own gives it."""
    cat, found = loaded
    jobs = [
        spec.read_jobs([REPO / "examples" / name], None)[0][0]
        for name in ("union-branch.yaml", "council.yaml")
    ]
    first, second = (prepare(job, cat, found).document for job in jobs)
    assert first is not None and second is not None
    shared = WordWriter()
    shared.render(first)
    again = dict(_zip_parts(shared.render(second)))["docProps/core.xml"]
    fresh = dict(_zip_parts(WordWriter().render(second)))["docProps/core.xml"]
    stamp = re.compile(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")
    assert stamp.sub(b"T", again) == stamp.sub(b"T", fresh)
    assert b"Labour Group" in again and b"Anytown" not in again.split(b"<dc:title>")[1][:60]


def test_new_list_writes_what_python_docx_writes() -> None:
    """Ids fill the first gap, and the new list goes before numIdMacAtCleanup."""
    numbering = docx.Document().part.numbering_part.element
    for num in numbering.findall(house.tag("num")):
        numbering.remove(num)
    for num_id in (1, 2, 4):
        num = numbering.makeelement(house.tag("num"), {house.tag("numId"): str(num_id)})
        house.child(num, "abstractNumId", val="0")
        numbering.append(num)
    house.child(numbering, "numIdMacAtCleanup", val="3")
    theirs = copy.deepcopy(numbering)
    for start in (5, 1):
        num = theirs.add_num(2)
        num.add_lvlOverride(ilvl=0).add_startOverride(start)
    ours = copy.deepcopy(numbering)
    assert [paragraphs.new_list(ours, 2, start) for start in (5, 1)] == [3, 5]
    from docx.opc.oxml import serialize_part_xml

    assert serialize_part_xml(ours) == serialize_part_xml(theirs)


def test_wording_matches_are_the_same_from_memory(monkeypatch: pytest.MonkeyPatch) -> None:
    """Remembered matches are those a fresh search finds, before and after it starts again."""
    monkeypatch.setattr(models, "_SEARCHED_MAX", 2)
    monkeypatch.setattr(models, "_SEARCHED", {})
    rule = models.Guidance(
        id="interventions",
        avoid=[r"\binterventions?\b", r"\bsurveillance of (?:children|families)\b"],
        prefer="help",
        reason="r",
        sources=[{"source": "source-1", "at": "p. 1"}],
    )
    texts = [
        "Interventions and surveillance of families, then more intervention.",
        "No match here.",
        "surveillance of children",
    ]

    def fresh(text: str) -> list[tuple[int, str]]:
        found = [m for p in rule.avoid for m in re.finditer(p, text, flags=re.IGNORECASE)]
        return sorted((m.start(), m.group(0)) for m in found)

    for _ in range(2):
        for text in texts:
            assert [(m.start(), m.group(0)) for m in rule.matches(text)] == fresh(text)
    assert len(models._SEARCHED) <= 2
    assert [m.group(0) for m in rule.matches(texts[0])] == [
        "Interventions",
        "surveillance of families",
        "intervention",
    ]


@pytest.mark.parametrize(
    "expression",
    [
        "doc.sections.append",  # a list method that changes it
        "doc.title.__class__",
        "render.__globals__",
        "doc.__class__.mro",
    ],
)
def test_remembered_attribute_answers_refuse_what_the_sandbox_refuses(expression: str) -> None:
    """Asked twice, after safe reads of the same types, the sandbox still says no."""
    from jinja2 import DictLoader, StrictUndefined
    from jinja2.exceptions import SecurityError, UndefinedError

    from motiongen.output import render

    env = render._make_sandbox()(loader=DictLoader({}), undefined=StrictUndefined)
    safe = env.from_string("{{ doc.title.upper() }} {{ doc.sections.count(1) }} {{ doc.append }}")
    unsafe = env.from_string("{{ " + expression + " }}")

    class Doc:
        title = "t"
        append = "a"  # the same name as a list's method, and harmless here
        sections: list[int] = [1]  # noqa: RUF012

    for _ in range(2):
        assert safe.render(doc=Doc(), render=render.render) == "T 1 a"
        with pytest.raises((SecurityError, UndefinedError)):
            unsafe.render(doc=Doc(), render=render.render)


def _placed(*paras: paragraphs.Para) -> list[object]:
    """The paragraphs placed in a python-docx document's body, read back by python-docx."""
    document = docx.Document()
    body = paragraphs.Body(document.part.numbering_part.element)
    body.blocks += paras
    body.place(document.element.body)
    return list(document.paragraphs)


def test_paragraphs_placed_in_one_go_read_back_as_written() -> None:
    tricky = [
        paragraphs.Para("Heading2", keep_next=True, counted=True, body_size=True),
        paragraphs.Para('odd"&<id>\tx', num_id=7),
        paragraphs.Para("Normal", keep_next=True, num_id=3, counted=True),
    ]
    tricky[0].add("A & B < C > D 'quoted' \"double\"")
    tricky[1].add("Label: ", bold=True).add("  leading and trailing  ")
    tricky[2].add("first line\nsecond line \n third ]]> é 😀")
    placed = _placed(*tricky)
    assert [p.text for p in placed] == [  # type: ignore[attr-defined]
        "A & B < C > D 'quoted' \"double\"",
        "Label:   leading and trailing  ",
        "first line\nsecond line \n third ]]> é 😀",
    ]
    first, label, _ = placed
    assert first.style.style_id == "Heading2"  # type: ignore[attr-defined]
    assert first.paragraph_format.keep_with_next  # type: ignore[attr-defined]
    assert label.runs[0].bold and not label.runs[1].bold  # type: ignore[attr-defined]


@given(st.text(max_size=80))
def test_any_text_reaches_the_document_as_xml_can_hold_it(text: str) -> None:
    """What XML 1.0 cannot hold is dropped, never a broken part; the rest reads back."""
    (placed,) = _placed(paragraphs.Para("Normal").add(text))
    kept = re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]", "", text)
    kept = kept.replace("\r\n", "\n").replace("\r", "\n")  # a line break, however written
    assert placed.text == kept  # type: ignore[attr-defined]
