"""The document's own words from one data file, put together for every output format.

"Proposer", "216 words.", "Sources", "Page X of Y": each motion's are put
together once here and read by the Markdown and text templates and by Word.

The words live in ``templates/sentences.toml``; a ``sentences.toml`` in the
user's ``--templates`` folder replaces any of them, so the Word document
changes with the Markdown and text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from motiongen.errors import InputError
from motiongen.io import datafile
from motiongen.paths import data_dir
from motiongen.text import fill

if TYPE_CHECKING:  # types for annotations only: the words need no composing code to run
    from motiongen.motion.compose import CitedSource, Document

FILE = "sentences.toml"


@cache
def load(user_dir: str | None = None) -> dict[str, str]:
    """The motion's words, packaged, with the user's own over them."""
    return _merged(user_dir)[""]


def table(name: str, user_dir: str | Path | None = None) -> dict[str, str]:
    """The words of another document (``[report]``, ``[brief]``, ``[amendment]``,
    ``[tracked]``), with the user's own over them."""
    return _merged(str(user_dir) if user_dir is not None else None)[name]


@cache
def _merged(user_dir: str | None) -> dict[str, dict[str, str]]:
    words = _builtin()
    if user_dir is None:
        return words
    path = Path(user_dir) / FILE
    if not path.is_file():
        return words
    own = _parse(path.read_text(encoding="utf-8"), str(path))
    merged = {}
    for name, known in words.items():
        mine = own.pop(name, {})
        for key in mine:
            if key not in known:
                where = f"[{name}] " if name else ""
                raise InputError(
                    f"'{where}{key}' is not one of the document's sentences",
                    file=path,
                    field=f"{name}.{key}" if name else key,
                    hint="the built-in sentences.toml lists them all; copy its key",
                )
        merged[name] = {**known, **mine}
    for name in own:
        raise InputError(
            f"[{name}] is not one of the documents whose words can be changed",
            file=path,
            field=name,
            hint="the built-in sentences.toml lists them: " + ", ".join(n for n in words if n),
        )
    return merged


def _builtin() -> dict[str, dict[str, str]]:
    """The packaged words, parsed once and kept in the cache folder: reading TOML
    brings in tomllib, whose patterns cost more than the rest of a build's words."""
    text = (data_dir("templates") / FILE).read_text(encoding="utf-8")
    words: dict[str, dict[str, str]] = datafile.cached(
        "sentences", [text.encode("utf-8")], lambda: _parse(text, FILE)
    )
    return words


def _parse(text: str, where: str) -> dict[str, dict[str, str]]:
    """The file's words by document: the motion's ("") at the top, the others in tables."""
    import tomllib  # here: its patterns cost start-up time that `check` never needs

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"this is not valid TOML: {exc}", file=where) from None
    out: dict[str, dict[str, str]] = {"": {}}
    for key, value in data.items():
        if isinstance(value, dict):
            out[key] = {}
            for inner, words in value.items():
                _is_text(words, where, f"{key}.{inner}")
                out[key][inner] = words
            continue
        _is_text(value, where, key)
        out[""][key] = value
    return out


def _is_text(value: object, where: str, key: str) -> None:
    if not isinstance(value, str):
        raise InputError(
            "each sentence is a line of text in quotes",
            file=where,
            field=key,
            hint=f'write it as {key.rsplit(".", 1)[-1]} = "…"',
        )


@dataclass(frozen=True)
class Words:
    """The labelled lines and sentences of one motion, in every format's order."""

    meta: list[tuple[str, str]]
    people: list[tuple[str, str]]
    carried: str | None
    word_count: str | None
    sources_heading: str
    sources: list[str] = field(default_factory=list)
    running_header: str = ""
    page: str = "Page {page} of {pages}"


def words_for(
    doc: Document, user_dir: str | Path | None = None, *, submission_copy: bool = False
) -> Words:
    """Everything a renderer says besides the motion's own clauses.

    A submission copy is the motion alone: no word count and no sources, as
    offices that want the bare motion ask.
    """
    say = load(str(user_dir) if user_dir is not None else None)
    meta = _rows(
        say,
        [
            ("submitted_by", doc.submitted_by),
            ("to", doc.to),
            ("commission", doc.commission if _names_a_commission(doc) else None),
            ("meeting_date", doc.meeting_date),
            ("deadline", doc.deadline),
            ("submitted_on", doc.submitted_on),
        ],
    )
    people = _rows(
        say,
        [
            ("proposer", doc.proposer),
            ("seconder", doc.seconder),
            ("moved_by", doc.moved_by),
            ("contact", ", ".join(doc.contact) if doc.contact else None),
        ],
    )
    carried = None
    if doc.carried_on:
        key = "carried_at" if doc.carried_at else "carried"
        carried = fill(say[key], {"date": doc.carried_on, "meeting": doc.carried_at or ""})
    count = None
    sources: list[str] = []
    if not submission_copy:
        count = _word_count(doc, say)
        sources = _sources(doc, say)
    header_key = "running_header" if doc.submitted_by else "running_header_title_only"
    return Words(
        meta=meta,
        people=people,
        carried=carried,
        word_count=count,
        sources_heading=say["sources_heading"],
        sources=sources,
        running_header=fill(
            say[header_key], {"title": doc.title, "submitted_by": doc.submitted_by or ""}
        ),
        page=say["page"],
    )


def _source_values(source: CitedSource) -> dict[str, str]:
    return {
        "title": source.title,
        "body": source.body,
        "year": source.year,
        "at": source.at,
        "address": source.address,
    }


def _names_a_commission(doc: Document) -> bool:
    """Only a body whose profile asks for a commission shows one (the NPF)."""
    return "commission" in doc.profile.required or doc.profile.defaults.commission is not None


def _rows(say: dict[str, str], rows: list[tuple[str, str | None]]) -> list[tuple[str, str]]:
    return [(say[key], value) for key, value in rows if value]


def _word_count(doc: Document, say: dict[str, str]) -> str:
    """'216 words. The limit is 250.' and how they were counted; just the count
    where the body sets no limit."""
    line = fill(say["word_count"], {"words": f"{doc.words:,}"})
    if doc.word_limit is None:
        return line
    rule = say["count_rule_with_title" if doc.profile.count_title else "count_rule"]
    return " ".join([line, fill(say["word_limit"], {"limit": f"{doc.word_limit:,}"}), rule])


def _sources(doc: Document, say: dict[str, str]) -> list[str]:
    """One short reference for each source list: the numbers of the notes it
    backs, then the documents and their years, and the catalogue's caveat
    where a fact has one. Notes from the same documents share a line."""
    grouped: dict[tuple[str, str], list[str]] = {}
    for citation in doc.citations:
        sources = "; ".join(fill(say["source"], _source_values(s)) for s in citation.sources)
        number = citation.clause.rstrip(".)").lstrip("(")
        grouped.setdefault((sources, citation.caveat or ""), []).append(number)
    entries = []
    for (sources, caveat), numbers in grouped.items():
        if len(numbers) > 1:
            listed = ", ".join(numbers[:-1]) + say["and"] + numbers[-1]
            clause = fill(say["source_for_many"], {"numbers": listed})
        elif numbers[0]:
            clause = fill(say["source_for"], {"number": numbers[0]})
        else:
            clause = say["source_for_single"]
        entry = fill(say["source_entry"], {"clause": clause, "sources": sources})
        entries.append(f"{entry} {caveat}" if caveat else entry)
    return entries
