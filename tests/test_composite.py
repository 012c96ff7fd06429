"""`motiongen composite`: one motion from several, every clause accounted for, and --group."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import REPO
from motiongen import catalogue, profiles
from motiongen.cli.commands import app
from motiongen.conference import composite, grouping, report
from motiongen.errors import InputError
from motiongen.motion import spec
from motiongen.motion.spec import FreeText
from motiongen.output import paper

EXAMPLES = REPO / "examples"
THREE = [EXAMPLES / f"composite-{name}.yaml" for name in ("anytown", "barrow", "carlisle")]
CAT = catalogue.load(with_user_files=False)
PROFILES = profiles.load(with_user_files=False)
SETTLED = composite.Request(number=3, prefer=("council-run-childrens-homes",), max_words=250)


def make(request: composite.Request = SETTLED, paths: list[Path] = THREE) -> composite.Composite:
    return composite.build(paths, CAT, PROFILES, request)


def input_clauses(path: Path) -> list[str]:
    (job,) = spec.read(path)
    motion = job.motion
    assert motion is not None
    out = list(motion.demands)
    for item in [*motion.notes, *motion.believes, *motion.resolves]:
        out.append(item.text if isinstance(item, FreeText) else str(item))
    return out


def test_three_motions_become_one_with_no_repeated_clause() -> None:
    result = make()
    motion = result.motion
    assert motion.submitted_by == "Composite 3, from Anytown, Barrow and Carlisle CLPs"
    assert (motion.proposer, motion.seconder) == ("Anytown CLP", "Barrow CLP")
    texts = [c.text for s in result.document.sections for c in s.clauses]
    assert len(texts) == len(set(texts))
    assert len(motion.demands) == len(set(motion.demands))
    # Overlap is not "covers": every demand of every motion (bar the conflict's loser)
    # is in the composite, once.
    asked = {d for path in THREE for d in spec.read(path)[0].motion.demands}  # type: ignore[union-attr]
    assert set(motion.demands) == asked - {"co-op-governance"}
    own = [
        t for t in [*motion.notes, *motion.believes, *motion.resolves] if isinstance(t, FreeText)
    ]
    assert own and all(t.by in ("Anytown CLP", "Barrow CLP", "Carlisle CLP") for t in own)


def test_free_text_is_kept_in_its_own_words() -> None:
    result = make()
    words = {t.text for t in result.motion.notes if isinstance(t, FreeText)}
    assert (
        "On 2 September 2027 foster carers told Anytown CLP of the strain on local placements."
        in words
    )


def test_the_report_accounts_for_every_clause_of_every_motion() -> None:
    result = make()
    for index, path in enumerate(THREE):
        parts = [p for p in result.parts if p.motion == index]
        assert len(parts) == len(input_clauses(path))
        for part in parts:
            went = part.item is not None and result.items[part.item].number
            assert went or part.why, part
    md = paper.render(report.paper(result, "composite-3.yaml"), "md").decode("utf-8")
    numbers = sorted((i.number for i in result.items if i.number), key=lambda n: int(n[1:]))
    assert numbers == [f"C{n}" for n in range(1, len(numbers) + 1)]
    for number in numbers:
        assert f"| {number} |" in md
    for source in result.sources:
        assert f"## {source.label}: " in md
    # every input clause has its row, and every row says where it went
    table_rows = [
        line
        for line in md.splitlines()
        if line.startswith("| demand") or line.startswith(("| notes", "| believes", "| resolves"))
    ]
    assert len(table_rows) == sum(len(input_clauses(p)) for p in THREE)
    for row in table_rows:
        fate = row.rstrip(" |").rsplit("|", 1)[1].strip()
        assert fate.startswith(("C", "left out: ")), row
    assert "left out: duplicate" not in md
    assert "the same entry as the clause from Anytown CLP" in md
    assert "the same words as the clause from Anytown CLP" in md
    assert "which carries it" not in md


def test_a_conflict_is_listed_and_then_settled_by_prefer() -> None:
    open_result = make(composite.Request(number=3, max_words=250))
    (conflict,) = open_result.undecided
    assert {conflict.first, conflict.second} == {"co-op-governance", "council-run-childrens-homes"}
    assert not {"co-op-governance", "council-run-childrens-homes"} & set(open_result.motion.demands)
    md = paper.render(report.paper(open_result, "c.yaml"), "md").decode("utf-8")
    assert "## For the compositing meeting to decide" in md
    assert (
        "in conflict with council-run-childrens-homes: for the compositing meeting to decide" in md
    )

    settled = make()
    assert settled.undecided == []
    assert "council-run-childrens-homes" in settled.motion.demands
    assert "co-op-governance" not in settled.motion.demands
    md = paper.render(report.paper(settled, "c.yaml"), "md").decode("utf-8")
    assert "(council-run-childrens-homes); left out \u201cDemocratic" in md
    assert "(co-op-governance) (--prefer)" in md


def test_conflict_through_the_cli(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "c3.yaml"
    args = ["composite", *map(str, THREE), "--max-words", "250", "-o", str(out)]
    first = runner.invoke(app, args)
    assert first.exit_code == 1
    assert "For the compositing meeting to decide: " in first.stderr
    assert "--prefer co-op-governance" in first.stderr
    assert out.is_file()  # the report is what the meeting works from
    again = runner.invoke(app, [*args, "--prefer", "council-run-childrens-homes"])
    assert again.exit_code == 2 and "already there" in again.stderr  # never overwritten
    settled = runner.invoke(app, [*args, "--prefer", "council-run-childrens-homes", "--force"])
    assert "For the compositing meeting to decide" not in settled.stderr
    assert settled.exit_code == 1 and "what will not fit" in settled.stderr  # all kept: over
    assert "council-run-childrens-homes" in out.read_text(encoding="utf-8")
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["c3-report.docx", "c3-report.md", "c3.docx", "c3.md", "c3.yaml"]
    built = runner.invoke(app, ["build", str(out), "-o", str(tmp_path / "again"), "-f", "md"])
    assert built.exit_code == 0, built.stderr  # the composite spec is an ordinary spec


def test_prefer_that_settles_nothing_is_unusable(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(
        app,
        ["composite", *map(str, THREE), "--prefer", "halt-nass", "-o", str(tmp_path / "c.yaml")],
    )
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert "the conflicts are: council-run-childrens-homes or co-op-governance" in result.stderr


def test_over_the_limit_writes_it_whole_and_says_what_will_not_fit(
    runner: CliRunner, tmp_path: Path
) -> None:
    result = make(composite.Request(number=3, prefer=("council-run-childrens-homes",)))
    assert result.over == result.document.words - 250 > 0
    past = result.not_fitting()
    assert past and sum(i.words for i in past) >= result.over
    error = composite.over_limit(result)
    assert error is not None
    assert f"{result.over} over the limit of 250" in str(error)
    assert "what will not fit: C" in str(error) and "from Barrow CLP" in str(error)
    out = tmp_path / "c.yaml"
    cli = runner.invoke(
        app,
        ["composite", *map(str, THREE), "-o", str(out), "--prefer", "council-run-childrens-homes"],
    )
    assert cli.exit_code == 1
    assert "Error: the composite runs to " in cli.stderr and "what will not fit: C" in cli.stderr
    assert out.is_file()  # written whole, for the movers to agree the cuts
    md = (tmp_path / "c-report.md").read_text("utf-8")
    assert "## Over the word limit" in md and "Nothing has been cut" in md


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        (["composite-anytown.yaml"], "at least two motions"),
        (["council.yaml", "union-conference.yaml"], "are not composited"),
        (["union-conference.yaml", "composite-anytown.yaml"], "cannot be composited with"),
        (["composite-anytown.yaml", "motion.odt"], "save it as .docx"),
        (["anytown-branch.yaml", "labour-conference.yaml"], "are not composited"),
    ],
)
def test_unusable_sets_exit_2_with_one_line(
    runner: CliRunner, files: list[str], expected: str, tmp_path: Path
) -> None:
    paths = [str(EXAMPLES / f) for f in files]
    result = runner.invoke(app, ["composite", *paths, "-o", str(tmp_path / "c.yaml")])
    assert result.exit_code == 2, result.output
    assert result.stderr.count("\n") == 1
    assert expected in result.stderr


def test_mover_and_seconder_by_flag() -> None:
    result = make(
        composite.Request(
            number=3,
            prefer=("council-run-childrens-homes",),
            max_words=250,
            mover="carlisle",
            seconder="Barrow",
        )
    )
    assert (result.motion.proposer, result.motion.seconder) == ("Carlisle CLP", "Barrow CLP")
    with pytest.raises(InputError, match="matches none"):
        make(composite.Request(max_words=250, mover="Zetland"))


def test_bodies_are_written_as_the_profile_says() -> None:
    plurals = {"CLP": "CLPs", "Branch": "branches"}
    assert composite.bodies(["Anytown Branch", "Barrow Branch"], plurals) == (
        "Anytown and Barrow branches"
    )
    assert composite.bodies(["Anytown CLP", "Barrow Branch"], plurals) == (
        "Anytown CLP and Barrow Branch"
    )


# --- grouping ---------------------------------------------------------------------------

DOZEN = {
    "fostering-anytown": ["nationalise-foster-care", "council-run-childrens-homes"],
    "fostering-barrow": ["nationalise-foster-care", "definancialise"],
    "fostering-carlisle": [
        "nationalise-foster-care",
        "council-run-childrens-homes",
        "definancialise",
    ],
    "fostering-dover": ["nationalise-foster-care", "reverse-privatisation"],
    "workforce-ely": ["end-agency-staffing", "workforce-stability"],
    "workforce-frome": ["end-agency-staffing", "living-wage-care-workers"],
    "workforce-goole": ["workforce-stability", "living-wage-care-workers", "end-agency-staffing"],
    "regulator-hove": ["keep-ofsted-registration", "independent-regulator"],
    "regulator-ilkley": ["keep-ofsted-registration", "keep-director-of-childrens-services"],
    "funding-jarrow": ["fund-councils-fairly", "protect-sure-start"],
    "funding-kendal": ["fund-councils-fairly", "tackle-child-poverty"],
    "campaign-leek": ["unions-campaign-together", "local-campaign"],
}


def write_dozen(folder: Path) -> list[Path]:
    paths = []
    for name, demands in DOZEN.items():
        town = name.split("-")[1].title()
        path = folder / f"{name}.yaml"
        path.write_text(
            f"profile: labour-conference\ntitle: {name.split('-')[0].title()} motion\n"
            f"submitted_by: {town} CLP\ndemands: [{', '.join(demands)}]\n",
            encoding="utf-8",
        )
        paths.append(path)
    return paths


def test_group_puts_the_fostering_motions_together(tmp_path: Path) -> None:
    entries, problems = grouping.read(write_dozen(tmp_path))
    assert not problems
    groups = grouping.group(entries, CAT, PROFILES)
    fostering = [g for g in groups if any(m.path.stem.startswith("fostering") for m in g.members)]
    assert len(fostering) == 1
    assert sorted(m.path.stem for m in fostering[0].members) == sorted(
        n for n in DOZEN if n.startswith("fostering")
    )
    assert "all ask for nationalise-foster-care" in fostering[0].why
    for found in groups:
        kinds = {m.path.stem.split("-")[0] for m in found.members}
        assert len(kinds) == 1, kinds


def test_group_through_the_cli(runner: CliRunner, tmp_path: Path) -> None:
    paths = [str(p) for p in write_dozen(tmp_path)]
    text = runner.invoke(app, ["composite", "--group", *paths])
    assert text.exit_code == 0, text.stderr
    assert "Group 1 (4 motions): all ask for nationalise-foster-care" in text.stdout
    assert "  Dover CLP: \u201cFostering motion\u201d" in text.stdout
    assert "To composite them: motiongen composite " in text.stdout
    as_json = runner.invoke(app, ["composite", "--group", "--json", *paths])
    data = json.loads(as_json.stdout)
    first = data["groups"][0]
    assert {m["submitted_by"] for m in first["motions"]} == {
        "Anytown CLP",
        "Barrow CLP",
        "Carlisle CLP",
        "Dover CLP",
    }
    assert first["why"].startswith("all ask for nationalise-foster-care")


def test_group_never_mixes_bodies(tmp_path: Path) -> None:
    union = tmp_path / "u.yaml"
    union.write_text(
        "profile: union-conference\ntitle: Fostering\nsubmitted_by: Anytown Branch\n"
        "demands: [nationalise-foster-care, council-run-childrens-homes]\n",
        encoding="utf-8",
    )
    entries, _ = grouping.read([*write_dozen(tmp_path), union])
    groups = grouping.group(entries, CAT, PROFILES)
    (alone,) = [g for g in groups if any(m.path == union for m in g.members)]
    assert len(alone.members) == 1


def test_groups_do_not_depend_on_the_order_of_the_files(tmp_path: Path) -> None:
    paths = write_dozen(tmp_path)
    entries, _ = grouping.read(paths)
    forward = grouping.group(entries, CAT, PROFILES)
    backward = grouping.group(list(reversed(entries)), CAT, PROFILES)

    def as_sets(groups: list[grouping.Group]) -> set[frozenset[str]]:
        return {frozenset(m.path.stem for m in g.members) for g in groups}

    assert as_sets(forward) == as_sets(backward)


def test_the_three_examples_are_grouped_together() -> None:
    entries, _ = grouping.read(THREE)
    (found,) = grouping.group(entries, CAT, PROFILES)
    assert len(found.members) == 3


def test_a_batch_file_is_grouped_but_not_offered_as_a_composite(runner: CliRunner) -> None:
    result = runner.invoke(app, ["composite", "--group", str(EXAMPLES / "region-batch.yaml")])
    assert result.exit_code == 0
    assert "put each motion in a spec file of its own" in result.stdout
    assert "To composite them: " not in result.stdout


def test_branch_motions_composited_for_their_conference(runner: CliRunner, tmp_path: Path) -> None:
    paths = []
    for town, demands in (
        ("Anytown", "[ban-outsourcing, end-agency-staffing]"),
        ("Barrow", "[ban-outsourcing, reverse-2014-regulations]"),
    ):
        path = tmp_path / f"{town.lower()}.yaml"
        path.write_text(
            f"profile: union-branch\ntitle: Keep it public\nsubmitted_by: {town} Branch\n"
            f"demands: {demands}\n",
            encoding="utf-8",
        )
        paths.append(str(path))
    refused = runner.invoke(app, ["composite", *paths, "-o", str(tmp_path / "c.yaml")])
    assert refused.exit_code == 2
    assert "add --profile union-conference" in refused.stderr
    done = runner.invoke(
        app, ["composite", *paths, "--profile", "union-conference", "-o", str(tmp_path / "c.yaml")]
    )
    assert done.exit_code == 0, done.stderr
    text = (tmp_path / "c.yaml").read_text(encoding="utf-8")
    assert "submitted_by: Composite, from Anytown and Barrow branches" in text
    assert "profile: union-conference" in text


def test_max_words_never_loosens_the_bodys_limit() -> None:
    request = composite.Request(prefer=("council-run-childrens-homes",), max_words=400)
    result = make(request)
    assert result.limit == 250 and result.over == result.document.words - 250


def test_a_word_motion_is_imported_into_the_composite(runner: CliRunner, tmp_path: Path) -> None:
    built = runner.invoke(
        app,
        ["build", str(EXAMPLES / "composite-barrow.yaml"), "-f", "docx", "-o", str(tmp_path)],
    )
    assert built.exit_code == 0, built.stderr
    (docx,) = tmp_path.glob("*.docx")
    result = runner.invoke(
        app,
        [
            "composite",
            str(EXAMPLES / "composite-anytown.yaml"),
            str(docx),
            str(EXAMPLES / "composite-carlisle.yaml"),
            "--prefer",
            "council-run-childrens-homes",
            "--max-words",
            "250",
            "-o",
            str(tmp_path / "c.yaml"),
        ],
    )
    assert result.exit_code == 1, result.stderr  # over 250 words, as the three specs are
    assert "what will not fit" in result.stderr
    assert "Barrow" in (tmp_path / "c.yaml").read_text("utf-8")
