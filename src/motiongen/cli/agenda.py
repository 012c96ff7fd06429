"""`motiongen import` and `amend`: motions someone else wrote, and amendments to them."""

from __future__ import annotations

from pathlib import Path

import typer

from motiongen.cli.app import TEMPLATES_OPTION, app, guard


@app.command("import")
@guard
def import_motion(
    file: Path = typer.Argument(..., metavar="FILE", help="The motion: .docx, .txt or .md."),
    profile: str | None = typer.Option(
        None, "--profile", help="Who the motion is for, when its wording does not say."
    ),
    output: Path | None = typer.Option(
        None, "--output", "-o", help="The spec file to write (default: FILE's name, .yaml)."
    ),
    force: bool = typer.Option(False, "--force", help="Replace the spec file if it is there."),
) -> None:
    """Read a motion someone else wrote into a spec file you can check, edit and rebuild.

    It finds the title, the sections (notes, believes, resolves, calls on), the
    clauses and the proposer and seconder, and turns clauses close to the catalogue
    into its ids, keeping the file's words beside them as comments.

    Example: motiongen import model-motion.docx --profile union-branch -o our-motion.yaml
    """
    from motiongen.cli import papers  # the core: not for --help (start-up)

    raise typer.Exit(papers.import_command(file=file, profile=profile, output=output, force=force))


@app.command("amend")
@guard
def amend_motion(
    amendments: list[Path] = typer.Argument(
        ..., metavar="AMENDMENT", help="Amendment files (YAML), all to the same motion."
    ),
    formats: str = typer.Option(
        "docx,md,txt",
        "--format",
        "-f",
        help="Formats of the amendments and the clean motion: docx, md, txt, pdf.",
    ),
    out_dir: Path = typer.Option(Path("."), "--out-dir", "-o", help="Folder for the documents."),
    motion: Path | None = typer.Option(
        None,
        "--motion",
        metavar="FILE",
        help="The motion amended (spec, .docx, .txt or .md), wherever it is; without it, "
        "each amendment's amends: names it in the amendment's own folder.",
    ),
    profile: str | None = typer.Option(
        None,
        "--profile",
        metavar="ID",
        help="Who the motion is for, when it is a .docx or .txt file (as an amendment's "
        "profile: says).",
    ),
    force: bool = typer.Option(False, "--force", help="Replace documents that already exist."),
    line_width: int | None = typer.Option(
        None,
        "--line-width",
        min=30,
        max=200,
        help="Characters a line, for the line numbers cited (default: the body's, or 80).",
    ),
    today: str | None = typer.Option(
        None, "--today", help="Date the tracked changes as if today were this day, e.g. 14/01/2027."
    ),
    templates: Path | None = TEMPLATES_OPTION,
) -> None:
    """Check amendments against the motion and write the motion as amended, each
    change a Word tracked change by its amending body.

    Writes each amendment in the body's form (docx, md, txt), the motion with
    tracked changes (docx), the clean motion as amended and its spec. Several
    amendment files make one document, one author per body.

    An amendment file names the motion and its changes, for example:
    amends: motion.yaml (a file in the amendment's folder; or give --motion FILE),
    submitted_by: Northby Branch, and under changes: '- in: resolves 2' with
    'delete: "private agencies"' and 'insert: "..."'. Other changes: add_at_end,
    insert_after, delete_clause, delete_all_after, delete_all_from, delete_all (see
    the README, "Amending a motion on the agenda").

    Examples: motiongen amend northby-38.1.yaml southby-38.2.yaml --out-dir agenda;
    motiongen amend tuc-38.1.yaml --motion tuc-motion.docx --profile union-conference
    """
    from motiongen.cli import papers  # the core: not for --help (start-up)

    raise typer.Exit(
        papers.amend_command(
            amendments=amendments,
            formats=formats,
            out_dir=out_dir,
            force=force,
            line_width=line_width,
            today=today,
            templates=templates,
            motion=motion,
            profile=profile,
        )
    )
