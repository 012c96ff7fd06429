"""How well motiongen keeps a motion someone else wrote: import, build, check over a corpus.

Each motion in the corpus folder (``bench/corpus/`` by default, or ``--corpus DIR``)
is a file (``NAME.txt``, ``NAME.pdf.txt``, ``NAME.email.txt``, ``NAME.docx``) beside
its ground truth, ``NAME.truth.yaml`` (the list of motions and how to gather them is
``bench/corpus.yaml``; the texts are other people's words and stay out of the
repository). For every file the installed ``motiongen`` command runs, as a user
would run it::

    motiongen import FILE -o spec.yaml --force
    motiongen build spec.yaml --format txt --out-dir out --force
    motiongen check spec.yaml --json

and the rebuilt ``.txt`` is compared with the truth. Two files run at a time.

    .venv/bin/python bench/corpus.py [--corpus DIR] [--only GLOB] [--json] [--json-out FILE]
                                     [--validate] [--jobs 2]

The truth file
--------------
``name``, ``url``, ``body`` (``profile``: the motiongen profile; ``kind``: the body
in words), ``nation``, ``year``, ``layout``, ``title`` and ``number`` as printed,
``fields`` (``submitted_by``, ``proposer``, ``seconder``, ``to``, ``meeting_date``,
``commission`` as printed, or null), ``preamble`` (opening words every lead shares,
"This Council:"), ``quoted`` (the page puts the whole motion in quotation marks,
which are not the movers'), ``sections``, ``acts`` (whether the motion asks for
anything, where its kinds do not say), ``not_motion`` (lines, or pieces of a line,
that are not motion text), ``expected_errors``, ``has_amendments``, ``composited``,
``amendments`` (published amendments kept in the file, as printed) and ``files``
(per file kind, ``not_motion`` that only that file has: an email's greeting, a Word
file's header). Each section has a ``kind`` (the verb of its lead, as ``KINDS``
reads it, or ``statement`` where the source prints no lead), its ``lead`` exactly
as printed (who speaks, the verb, who is called on and the word that leads into
the clauses: "Congress calls on the General Council to"), ``addressee`` as printed
for a section that calls on, requests or instructs someone, ``inline`` (the lead
runs on into its first clause), ``midparagraph`` (the lead stands in the middle of
a printed paragraph), ``list`` (its clauses are printed as a list) and ``clauses``:
each a ``text``, exactly as printed less its number, with ``links`` (catalogue ids
the clause truly says), ``joined`` (printed in the same paragraph or line as the
clause before) and ``prose`` (a paragraph among list items). A section runs from
its lead to the next; paragraphs with no lead of their own belong to the section
before them.

The measures, per file
----------------------
Words are compared as tokens: the text is split on whitespace, so punctuation
stays attached to its word and case counts ("and." is not "and", "Establishing"
is not "establishing", a straight quote is not a curly one). Numbering is set
aside: a token that is only a list marker ("1.", "2)", "(3)", "a.", "b)", "(c)",
"iv.", "(ii)", "·", "•", "➢", "▪") is dropped wherever it stands, and a marker
glued to its word ("1)supports", "a)Campaign", "2.Combine") loses the marker.
Dashes are words.

The rebuilt motion's text is the ``.txt`` that ``build`` writes, less what
motiongen prints around a motion: the first line (the title) and any line of
``=``/``-``/``~``/``_`` under a heading, lines labelled ``To:``, ``From:``,
``Proposer:``, ``Proposed by``, ``Seconder:``, ``Seconded by``, ``Submitted by:``,
``Moved by``, ``Date:``, ``Meeting date:`` and the closing word count ("253 words.").
Its blocks are its paragraphs (text between blank lines), and a line that starts
with a list marker starts a block of its own.

The truth's motion text is its units in order: the preamble (words every section
shares, "This Council:"), then for each section its lead as printed ("Congress calls
on the General Council to") and its clauses. Titles, numbers ("Motion 10"), names,
greetings, signatures, word-count notes and page furniture are not motion text
(the truth lists them under ``not_motion``). The two token streams are aligned
with difflib's SequenceMatcher (no junk heuristic).

body right
    the spec's ``profile`` is the truth's ``body.profile``.
title right
    the spec's ``title`` is the truth's title (whitespace aside).
leads found
    a truth lead is found when every one of its tokens is aligned, unchanged and
    consecutive, in the rebuilt text (exactly as printed, numbering aside). Its
    kind is right when the first section verb in the rebuilt text between the
    previous section's last clause and this section's first clause (where the
    rebuilt motion prints this section's lead) is the truth's kind: notes,
    believes, welcomes, recognises, resolves, agrees, calls on (calls on/upon/
    for, urges, demands), requests (requests, asks), instructs, affirms, and the
    other verbs in ``KINDS``. A file's leads are right when all are found with
    the right kind. Sections the truth prints without a lead are not counted.
clauses right
    the rebuilt blocks keep the truth's clause boundaries: no block boundary falls
    inside a clause or lead (a split); no block holds two clauses (or a clause
    and a later lead) that the source printed apart (a merge), though a lead may
    share a block with its first clause and units the source ran together in one
    paragraph may stay together or part; no clause is lost whole; and no block
    holds only words that are in no clause or lead (an extra clause, such as a
    union's name or "250 words"), unless it reads as a lead (ends with ":" and
    has at most 20 words). The count is the number of rebuilt blocks holding
    clause words (or extra words) against the truth's clauses; it is right when
    it lies between the number of clause paragraphs the source printed and the
    number of clauses.
words kept
    from the alignment's opcodes: a deleted truth token is lost, an inserted
    rebuilt token is added, and a replaced run of i truth and j rebuilt tokens
    is min(i, j) changed plus the rest lost or added. Each is given per 100
    truth tokens; the file keeps its words when lost + added + changed is at
    most 3 per 100.
who-acts kept
    every addressee the truth records ("the General Council", "Cabinet", "the
    NEC, as the employer body") appears, as printed (whitespace aside, case
    counting), in the rebuilt text.
false errors
    findings of ``check --json`` with severity ``error`` whose rule the truth
    does not expect (``expected_errors``: a rule, and optionally the start of
    its ``where``; e.g. a missing seconder the published motion never printed).
    "resolves nothing" (rule ``no-action``) on a motion that acts (its truth's
    ``acts``, or a section that calls on, requests, instructs, resolves, agrees,
    pledges or proposes) is counted apart as well.
catalogue links
    the catalogue ids (demands, evidence, beliefs) anywhere in the spec, as a set,
    against the union of the ids the truth links to its clauses: right (in
    both), wrong (in the spec only), missed (in the truth only).
failed
    import or build exited 2 or crashed, or wrote nothing: every other measure of
    that file counts as wrong, and its stderr's first line is kept as the reason.

Totals are counted over files, overall, per file kind (txt, pdf, email, docx)
and per body; words are summed over files that did not fail. ``--validate``
checks the truths instead: each file's motion text, less ``not_motion``, must be
exactly the truth's units (numbering aside), every lead's kind must be the kind
its own verb gives, and every link must be a catalogue id.
"""

from __future__ import annotations

import argparse
import difflib
import fnmatch
import itertools
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = REPO / "bench" / "corpus"
KINDS_OF_FILE = (".email.txt", ".pdf.txt", ".txt", ".docx")
TIMEOUT = 300

# A list marker standing alone, and one glued to the front of its word.
_MARKER = re.compile(
    r"^(?:\(?(?:\d{1,3}|[a-z]|[ivxl]{1,6})[.)]|\((?:\d{1,3}|[a-z]|[ivxl]{1,6})\)|[·•➢▪◦●])$"
)
_GLUED = re.compile(r"^(?:\(?(?:\d{1,3}|[a-z]|[ivxl]{1,6})\)|\d{1,3}\.)(?=[A-Za-z‘“'\"(])")
_LINE_MARKER = re.compile(
    r"^\s*(?:\(?(?:\d{1,3}|[a-z]|[ivxl]{1,6})[.)]|\((?:\d{1,3}|[a-z]|[ivxl]{1,6})\)"
    r"|[·•➢▪◦●*\-–])(?:\s|(?=[A-Za-z]))"
)
_UNDERLINE = re.compile(r"^\s*[=\-~_]{3,}\s*$")
_LABEL = re.compile(
    r"^\s*(?:To|From|Proposer|Proposed by|Seconder|Seconded by|Submitted by|Moved by|Date"
    r"|Meeting date)\s*:",
    re.IGNORECASE,
)
_WORD_COUNT = re.compile(r"^\s*\d[\d,]*\s+words?\b.*$", re.IGNORECASE)

# Section kinds, each with the verbs that open a section of that kind.
KINDS: dict[str, str] = {
    "calls on": r"calls? (?:up)?on|calls? for|urges?|demands?",
    "requests": r"requests?|asks?|(?:is|are|be) (?:asked|requested)",
    "instructs": r"instructs?|(?:is|are|be) instructed",
    "resolves": r"resolves?|resolved",
    "agrees": r"agrees?",
    "notes": r"notes?|noting",
    "believes": r"believes?",
    "welcomes": r"welcomes?",
    "recognises": r"recognises?|recognizes?",
    "affirms": r"affirms?|reaffirms?",
    "condemns": r"condemns?|deplores?",
    "supports": r"supports?",
    "congratulates": r"congratulates?",
    "regrets": r"regrets?",
    "considers": r"considers?",
    "acknowledges": r"acknowledges?",
    "pledges": r"pledges?",
    "proposes": r"proposes?|propose",
    "endorses": r"endorses?",
    "insists": r"insists?",
    "asserts": r"asserts?",
    "is appalled": r"is appalled",
    "views": r"views?",
    "understands": r"understands?",
    "declares": r"declares?",
    "opposes": r"opposes?|is opposed",
    "is encouraged": r"is encouraged",
    "is aware": r"is aware",
    "assures": r"assures?|makes the assurance",
}
_KIND_RE = {k: re.compile(rf"\b(?:{v})\b", re.IGNORECASE) for k, v in KINDS.items()}
PROFILES = {
    "labour-branch",
    "labour-conference",
    "labour-npf",
    "union-branch",
    "union-conference",
    "council",
    "napo-agm",
}
ACTION_KINDS = {"calls on", "requests", "instructs", "resolves", "agrees", "pledges", "proposes"}


def tokens(text: str) -> list[str]:
    """The words of ``text``, numbering aside (see the module's docstring)."""
    out = []
    for raw in text.split():
        if _MARKER.match(raw):
            continue
        word = _GLUED.sub("", raw)
        if word:
            out.append(word)
    return out


def kind_of(text: str) -> str | None:
    """The kind of the first section verb in ``text``, if any."""
    best: tuple[int, str] | None = None
    for kind, pattern in _KIND_RE.items():
        found = pattern.search(text)
        if found and (best is None or found.start() < best[0]):
            best = (found.start(), kind)
    return best[1] if best else None


def norm(text: str) -> str:
    return " ".join(text.split())


# ----------------------------------------------------------------------------- truth


@dataclass
class Unit:
    """A run of motion text: the preamble, a lead or a clause."""

    role: str  # "preamble", "lead" or "clause"
    section: int
    text: str
    starts_block: bool
    tokens: list[str] = field(default_factory=list)
    start: int = 0


def load_yaml(path: Path) -> Any:
    return YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8"))


def units_of(truth: dict[str, Any]) -> list[Unit]:
    """The truth's motion text as units in order, with where each starts in the stream."""
    units: list[Unit] = []
    if truth.get("preamble"):
        units.append(Unit("preamble", -1, truth["preamble"], True))
    for number, section in enumerate(truth["sections"]):
        lead = section.get("lead")
        inline = bool(section.get("inline"))
        if lead:
            units.append(Unit("lead", number, lead, not section.get("midparagraph")))
        for place, clause in enumerate(section["clauses"]):
            text = clause["text"] if isinstance(clause, dict) else clause
            joined = bool(clause.get("joined")) if isinstance(clause, dict) else False
            after_inline_lead = place == 0 and lead and inline
            units.append(Unit("clause", number, text, not (joined or after_inline_lead)))
    at = 0
    for unit in units:
        unit.tokens = tokens(unit.text)
        unit.start = at
        at += len(unit.tokens)
    return units


def truth_links(truth: dict[str, Any]) -> set[str]:
    found: set[str] = set()
    for section in truth["sections"]:
        for clause in section["clauses"]:
            if isinstance(clause, dict):
                found.update(clause.get("links") or [])
    return found


def action_expected(truth: dict[str, Any]) -> bool:
    """Whether the motion acts: the truth's ``acts``, else whether a section is an action."""
    if truth.get("acts") is not None:
        return bool(truth["acts"])
    return any(s.get("kind") in ACTION_KINDS for s in truth["sections"])


# ----------------------------------------------------------------------------- files


def docx_text(path: Path) -> str:
    """A Word file's paragraphs and table cells in reading order, with list numbers."""
    import docx  # python-docx, a dependency of motiongen
    from docx.oxml.ns import qn

    document = docx.Document(str(path))
    lines: list[str] = []

    def text_of(element: Any) -> str:
        parts = []
        for node in element.iter(qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr")):
            parts.append(
                node.text or ""
                if node.tag == qn("w:t")
                else "\t"
                if node.tag == qn("w:tab")
                else "\n"
            )
        return "".join(parts)

    for section in document.sections:
        for paragraph in section.header.paragraphs:
            lines.append(paragraph.text)
    body = document.element.body
    for child in body.iterchildren():
        if child.tag == qn("w:p"):
            lines.append(text_of(child))
            lines.append("")
        elif child.tag == qn("w:tbl"):
            for row in child.iter(qn("w:tr")):
                cells = []
                for cell in row.iter(qn("w:tc")):
                    cells.append(
                        " ".join("".join(t.text or "" for t in cell.iter(qn("w:t"))).split())
                    )
                lines.append(" ".join(cells))
            lines.append("")
    for section in document.sections:
        for paragraph in section.footer.paragraphs:
            lines.append(paragraph.text)
    return "\n".join(lines)


def file_text(path: Path) -> str:
    if path.name.endswith(".docx"):
        return docx_text(path)
    return path.read_text(encoding="utf-8")


def kind_of_file(path: Path) -> str:
    for suffix, kind in ((".email.txt", "email"), (".pdf.txt", "pdf"), (".docx", "docx")):
        if path.name.endswith(suffix):
            return kind
    return "txt"


def truth_path_for(path: Path) -> Path:
    """``NAME.truth.yaml`` for ``NAME.txt``, ``NAME.pdf.txt``, ``NAME.email.txt``, ``NAME.docx``."""
    for suffix in KINDS_OF_FILE:
        if path.name.endswith(suffix):
            return path.with_name(path.name[: -len(suffix)] + ".truth.yaml")
    raise ValueError(f"{path}: not a motion file")


def motion_files(corpus: Path, only: str | None) -> list[Path]:
    files = []
    for path in sorted(corpus.iterdir()):
        if path.name.endswith(".truth.yaml") or path.name.startswith(("_", ".")):
            continue
        if not any(path.name.endswith(s) for s in KINDS_OF_FILE):
            continue
        if only and not fnmatch.fnmatch(path.name, only):
            continue
        if truth_path_for(path).exists():
            files.append(path)
    return files


# ----------------------------------------------------------------------------- rebuilt


def rebuilt_blocks(text: str) -> list[list[str]]:
    """The rebuilt motion's blocks of tokens, motiongen's own furniture left out."""
    lines = text.splitlines()
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    blocks: list[list[str]] = []
    current: list[str] = []
    for number, line in enumerate(lines):
        if number == first or _UNDERLINE.match(line) or _LABEL.match(line):
            continue
        if _WORD_COUNT.match(line):
            continue
        if not line.strip():
            if current:
                blocks.append(current)
            current = []
            continue
        if _LINE_MARKER.match(line) and current:
            blocks.append(current)
            current = []
        current.extend(tokens(line))
    if current:
        blocks.append(current)
    return [b for b in blocks if b]


# ----------------------------------------------------------------------------- measure


@dataclass
class Result:
    file: str
    name: str
    kind: str
    body: str
    failed: str | None = None
    body_right: bool = False
    profile: str | None = None
    title_right: bool = False
    leads: int = 0
    leads_found: int = 0
    lead_kinds_right: int = 0
    leads_right: int = 0
    lead_misses: list[str] = field(default_factory=list)
    clauses: int = 0
    clause_blocks: int = 0
    clause_count_right: bool = False
    clauses_right: bool = False
    splits: int = 0
    merges: int = 0
    lost_clauses: int = 0
    extra_blocks: list[str] = field(default_factory=list)
    truth_words: int = 0
    lost: int = 0
    added: int = 0
    changed: int = 0
    words_kept: bool = False
    addressees: int = 0
    addressees_kept: int = 0
    addressees_missing: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    false_errors: list[str] = field(default_factory=list)
    false_no_action: bool = False
    links_right: int = 0
    links_wrong: list[str] = field(default_factory=list)
    links_missed: list[str] = field(default_factory=list)

    @property
    def per100(self) -> float:
        return 100 * (self.lost + self.added + self.changed) / max(self.truth_words, 1)


def catalogue_ids() -> set[str]:
    """Every demand, evidence and belief id, read from the installed catalogue."""
    ids: set[str] = set()
    done = subprocess.run(
        [motiongen(), "demands", "list", "--json"], capture_output=True, text=True, check=True
    )
    ids.update(d["id"] for d in json.loads(done.stdout))
    import motiongen as package

    seeds = Path(package.__file__).parent / "_data" / "seeds"
    if not seeds.is_dir():
        seeds = REPO / "seeds"
    for name, key in (("evidence.yaml", "evidence"), ("beliefs.yaml", "beliefs")):
        path = seeds / name
        if path.exists():
            ids.update(e["id"] for e in (load_yaml(path) or {}).get(key, []))
    return ids


def spec_ids(node: Any, known: set[str]) -> set[str]:
    found: set[str] = set()
    if isinstance(node, str):
        if node in known:
            found.add(node)
    elif isinstance(node, dict):
        for key, value in node.items():
            if key in ("text", "title"):
                continue
            found |= spec_ids(value, known)
    elif isinstance(node, list):
        for item in node:
            found |= spec_ids(item, known)
    return found


def motiongen() -> str:
    here = Path(sys.executable).parent / "motiongen"
    return str(here) if here.exists() else (shutil.which("motiongen") or "motiongen")


def run(command: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(
            command, capture_output=True, text=True, env=env, timeout=TIMEOUT, check=False
        )
    except subprocess.TimeoutExpired:
        return subprocess.CompletedProcess(command, 124, "", f"timed out after {TIMEOUT} s")


def first_line(text: str) -> str:
    for line in text.splitlines():
        if line.strip():
            return line.strip()[:200]
    return "(no message)"


def reason(stderr: str, folder: Path) -> str:
    """The first line of an error, without the temporary folder's name."""
    return first_line(stderr.replace(f"{folder}/", ""))


def measure(path: Path, known: set[str]) -> Result:
    truth = load_yaml(truth_path_for(path))
    result = Result(path.name, truth["name"], kind_of_file(path), truth["body"]["profile"])
    units = units_of(truth)
    result.clauses = sum(1 for u in units if u.role == "clause")
    result.leads = sum(1 for u in units if u.role == "lead")
    result.truth_words = sum(len(u.tokens) for u in units)
    addressees = [s["addressee"] for s in truth["sections"] if s.get("addressee")]
    result.addressees = len(addressees)
    with tempfile.TemporaryDirectory(prefix="corpus-") as tmp:
        folder = Path(tmp)
        env = {
            **os.environ,
            "MOTIONGEN_CACHE_DIR": str(folder / "cache"),
            "MOTIONGEN_CONFIG_DIR": str(folder / "config"),
            "NO_COLOR": "1",
            "COLUMNS": "200",
        }
        source = folder / path.name
        shutil.copyfile(path, source)
        spec = folder / "spec.yaml"
        done = run([motiongen(), "import", str(source), "-o", str(spec), "--force"], env)
        if done.returncode not in (0, 1) or not spec.exists():
            result.failed = f"import exit {done.returncode}: {reason(done.stderr, folder)}"
            result.links_missed = sorted(truth_links(truth))
            result.addressees_missing = addressees
            return result
        out = folder / "out"
        done = run(
            [motiongen(), "build", str(spec), "--format", "txt", "--out-dir", str(out), "--force"],
            env,
        )
        written = sorted(out.glob("*.txt")) if out.exists() else []
        if done.returncode not in (0, 1) or not written:
            result.failed = f"build exit {done.returncode}: {reason(done.stderr, folder)}"
            result.links_missed = sorted(truth_links(truth))
            result.addressees_missing = addressees
            return result
        rebuilt = written[0].read_text(encoding="utf-8")
        checked = run([motiongen(), "check", str(spec), "--json"], env)
        spec_data = load_yaml(spec) or {}
    try:
        findings = json.loads(checked.stdout)["motions"][0]["findings"]
    except (ValueError, KeyError, IndexError):
        findings = []
    compare(result, truth, units, spec_data, rebuilt, findings, known)
    return result


def compare(
    result: Result,
    truth: dict[str, Any],
    units: list[Unit],
    spec: dict[str, Any],
    rebuilt: str,
    findings: list[dict[str, Any]],
    known: set[str],
) -> None:
    result.profile = spec.get("profile")
    result.body_right = result.profile == truth["body"]["profile"]
    result.title_right = norm(str(spec.get("title") or "")) == norm(truth.get("title") or "")

    blocks = rebuilt_blocks(rebuilt)
    stream: list[str] = []
    block_of: list[int] = []
    for number, block in enumerate(blocks):
        stream.extend(block)
        block_of.extend([number] * len(block))
    truth_stream = [t for u in units for t in u.tokens]
    matcher = difflib.SequenceMatcher(None, truth_stream, stream, autojunk=False)
    mapped: dict[int, int] = {}
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            for k in range(i2 - i1):
                mapped[i1 + k] = j1 + k
        elif tag == "delete":
            result.lost += i2 - i1
        elif tag == "insert":
            result.added += j2 - j1
        else:
            common = min(i2 - i1, j2 - j1)
            result.changed += common
            result.lost += (i2 - i1) - common
            result.added += (j2 - j1) - common
    result.words_kept = result.per100 <= 3

    # Leads: every token aligned, consecutive; kind from where the rebuilt lead stands.
    def spots(unit: Unit) -> list[int]:
        return [mapped[i] for i in range(unit.start, unit.start + len(unit.tokens)) if i in mapped]

    for number, unit in enumerate(units):
        if unit.role != "lead":
            continue
        here = [mapped.get(unit.start + k) for k in range(len(unit.tokens))]
        found = None not in here and all(
            b == a + 1  # type: ignore[operator]
            for a, b in itertools.pairwise(here)
        )
        section = truth["sections"][unit.section]
        before = [j for u in units[:number] if u.role == "clause" for j in spots(u)]
        begin = max(before, default=-1) + 1
        own = [u for u in units if u.role == "clause" and u.section == unit.section]
        first = next((spots(u) for u in own if spots(u)), [])
        end = min(first) if first else begin
        region = " ".join(stream[begin:end])
        kind_right = kind_of(region) == section["kind"]
        result.leads_found += bool(found)
        result.lead_kinds_right += kind_right
        if found and kind_right:
            result.leads_right += 1
        else:
            result.lead_misses.append(f"{unit.text[:60]!r} -> {region[:80] or '(nothing)'!r}")

    # Clauses: splits, merges, whole clauses lost, extra blocks.
    owner = [u for u in units for _ in u.tokens]  # truth token -> its unit
    block_units: dict[int, list[int]] = defaultdict(list)  # block -> unit numbers, in order
    number_of = {id(u): n for n, u in enumerate(units)}
    for i, j in sorted(mapped.items(), key=lambda pair: pair[1]):
        held = block_units[block_of[j]]
        n = number_of[id(owner[i])]
        if not held or held[-1] != n:
            held.append(n)
    for unit in units:
        where = {block_of[j] for j in spots(unit)}
        if len(where) > 1:
            result.splits += 1
        if unit.role == "clause" and unit.tokens and not where:
            result.lost_clauses += 1

    def required(k: int) -> bool:
        """Whether the source printed a break before unit ``k`` that must stay."""
        unit, previous = units[k], units[k - 1] if k else None
        if not unit.starts_block or previous is None:
            return False
        if unit.role == "clause":
            return not (previous.role == "lead" and previous.section == unit.section)
        return previous.role == "clause"

    for held in block_units.values():
        for a, b in itertools.pairwise(held):
            if any(required(k) for k in range(a + 1, b + 1)):
                result.merges += 1
    clause_blocks = 0
    for number, block in enumerate(blocks):
        held = block_units.get(number, [])
        if any(units[n].role == "clause" for n in held):
            clause_blocks += 1
        elif not held:
            text = " ".join(block)
            if text.endswith(":") and len(block) <= 20:
                continue
            clause_blocks += 1
            result.extra_blocks.append(text[:80])
    result.clause_blocks = clause_blocks
    printed = sum(
        1
        for k, u in enumerate(units)
        if u.role == "clause"
        and (u.starts_block or (k and units[k - 1].role == "lead" and units[k - 1].starts_block))
    )
    result.clause_count_right = printed <= clause_blocks <= result.clauses
    result.clauses_right = (
        result.splits == 0
        and result.merges == 0
        and result.lost_clauses == 0
        and not result.extra_blocks
        and result.clause_count_right
    )

    # Who acts: each addressee as printed.
    flat = norm(rebuilt)
    for section in truth["sections"]:
        if section.get("addressee"):
            if norm(section["addressee"]) in flat:
                result.addressees_kept += 1
            else:
                result.addressees_missing.append(section["addressee"])

    # Errors that the truth does not expect.
    expected = truth.get("expected_errors") or []
    for finding in findings:
        if finding.get("severity") != "error":
            continue
        rule, where = finding.get("rule", ""), str(finding.get("where") or "")
        label = f"{rule}: {where}".rstrip(": ")
        result.errors.append(label)
        if not any(
            e["rule"] == rule and where.startswith(str(e.get("where") or "")) for e in expected
        ):
            result.false_errors.append(f"{label} ({finding.get('message', '')[:90]})")
            if rule == "no-action" and action_expected(truth):
                result.false_no_action = True

    # Catalogue links, as sets of ids.
    linked = spec_ids(spec, known)
    wanted = truth_links(truth)
    result.links_right = len(linked & wanted)
    result.links_wrong = sorted(linked - wanted)
    result.links_missed = sorted(wanted - linked)


def measure_safely(args: tuple[Path, set[str]]) -> Result:
    path, known = args
    try:
        return measure(path, known)
    except Exception as error:  # the bench reports a crash as a failed file, never stops
        truth = load_yaml(truth_path_for(path))
        result = Result(path.name, truth["name"], kind_of_file(path), truth["body"]["profile"])
        result.failed = f"bench: {type(error).__name__}: {error}"[:200]
        return result


# ----------------------------------------------------------------------------- validate


def without_furniture(
    text: str, entries: list[str], inside_lines: bool = True
) -> tuple[str, list[str]]:
    """``text`` less each entry: a whole line where one matches, else (if ``inside_lines``)
    its first occurrence inside a line, as where a PDF runs a heading into a paragraph."""
    lines = [norm(line) for line in text.splitlines()]
    missing = []
    for entry in entries:
        piece = norm(entry)
        if piece in lines:
            lines[lines.index(piece)] = ""
            continue
        joined = "\n".join(lines)
        at = joined.find(piece) if inside_lines else -1
        if at < 0:
            missing.append(piece)
            continue
        lines = (joined[:at] + " " + joined[at + len(piece) :]).split("\n")
    return "\n".join(lines), missing


def unquoted(text: str) -> str:
    """``text`` without the quotation marks a clerk put around the whole motion."""
    body = text.strip()
    if body[:1] in "“\"‘'":
        body = body[1:]
    if body[-1:] in "”\"’'":
        body = body[:-1]
    return body


def validate(path: Path, known: set[str]) -> list[str]:
    """What is wrong with a file's truth, as messages (none when it is right)."""
    problems: list[str] = []
    truth = load_yaml(truth_path_for(path))
    kind = kind_of_file(path)
    # The file's own furniture first (a Word file's names and header), then the page's.
    entries = list(((truth.get("files") or {}).get(kind) or {}).get("not_motion") or [])
    entries += truth.get("not_motion") or []
    # A word a PDF split at a line's end ("not-" / "for-profit") is one word of the motion.
    joined = re.sub(r"(\w)-[ \t]*\n[ \t]*(?=\w)", r"\1-", file_text(path))
    text, missing = without_furniture(joined, entries, inside_lines=kind != "docx")
    if truth.get("quoted"):
        text = unquoted(text)
    if kind == "txt":
        problems += [f"not_motion not in the file: {m[:70]!r}" for m in missing]
    units = units_of(truth)
    want = [t for u in units for t in u.tokens]
    have = tokens(text)
    if want != have:
        matcher = difflib.SequenceMatcher(None, want, have, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag != "equal":
                problems.append(
                    f"{tag}: truth {' '.join(want[i1:i2])[:90]!r}"
                    f" / file {' '.join(have[j1:j2])[:90]!r}"
                )
    for section in truth["sections"]:
        lead = section.get("lead")
        if lead and kind_of(lead) != section["kind"]:
            problems.append(f"lead {lead!r} reads as {kind_of(lead)!r}, not {section['kind']!r}")
        if section.get("addressee") and norm(section["addressee"]) not in norm(lead or ""):
            problems.append(f"addressee {section['addressee']!r} is not in its lead")
    for link in truth_links(truth):
        if link not in known:
            problems.append(f"unknown catalogue id {link!r}")
    if truth["body"]["profile"] not in PROFILES:
        problems.append(f"unknown profile {truth['body']['profile']!r}")
    return problems


# ----------------------------------------------------------------------------- report


def pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:5.1f}%" if whole else "    -"


def summary(results: list[Result]) -> dict[str, Any]:
    ok = [r for r in results if not r.failed]
    words = sum(r.truth_words for r in ok)
    return {
        "files": len(results),
        "failed": sum(1 for r in results if r.failed),
        "body_right": sum(r.body_right for r in results),
        "title_right": sum(r.title_right for r in results),
        "leads": sum(r.leads for r in results),
        "leads_found": sum(r.leads_found for r in results),
        "lead_kinds_right": sum(r.lead_kinds_right for r in results),
        "leads_right": sum(r.leads_right for r in results),
        "files_leads_right": sum(1 for r in results if not r.failed and r.leads_right == r.leads),
        "clauses": sum(r.clauses for r in results),
        "files_clause_count_right": sum(r.clause_count_right for r in results),
        "files_clauses_right": sum(r.clauses_right for r in results),
        "files_words_kept": sum(r.words_kept for r in results),
        "truth_words": words,
        "lost_per_100": round(100 * sum(r.lost for r in ok) / words, 2) if words else None,
        "added_per_100": round(100 * sum(r.added for r in ok) / words, 2) if words else None,
        "changed_per_100": round(100 * sum(r.changed for r in ok) / words, 2) if words else None,
        "addressees": sum(r.addressees for r in results),
        "addressees_kept": sum(r.addressees_kept for r in results),
        "files_who_acts_kept": sum(
            1 for r in results if not r.failed and r.addressees_kept == r.addressees
        ),
        "files_with_false_errors": sum(1 for r in results if r.false_errors),
        "false_errors": sum(len(r.false_errors) for r in results),
        "false_no_action": sum(r.false_no_action for r in results),
        "links_right": sum(r.links_right for r in results),
        "links_wrong": sum(len(r.links_wrong) for r in results),
        "links_missed": sum(len(r.links_missed) for r in results),
    }


def table(results: list[Result]) -> str:
    """One line a file: body, leads right, clauses, words (lost-added+changed~ per 100),
    addressees kept, false errors and catalogue links (right/wrong/missed)."""
    head = (
        f"{'file':44} {'body':5} {'leads':>7} {'clauses':>9} {'words/100':>18}"
        f" {'who':>5} {'false':>5} {'links r/w/m':>11}"
    )
    rows = [head, "-" * len(head)]
    for r in results:
        if r.failed:
            rows.append(f"{r.file[:44]:44} FAILED  {r.failed[:80]}")
            continue
        words = f"{r.lost:>3}-{r.added:>3}+{r.changed:>3}~ {r.per100:5.1f}"
        links = f"{r.links_right}/{len(r.links_wrong)}/{len(r.links_missed)}"
        rows.append(
            f"{r.file[:44]:44} {'yes' if r.body_right else 'no':5}"
            f" {r.leads_right:>3}/{r.leads:<3}"
            f" {'ok' if r.clauses_right else 'no':>3} {r.clause_blocks:>2}/{r.clauses:<2}"
            f" {words:>18} {r.addressees_kept:>2}/{r.addressees:<2}"
            f" {len(r.false_errors):>5} {links:>11}"
        )
    return "\n".join(rows)


def totals_text(name: str, s: dict[str, Any]) -> str:
    n = s["files"]

    def share(key: str) -> str:
        return f"{s[key]:>3}/{n} {pct(s[key], n)}"

    return "\n".join(
        [
            f"{name}: {n} files, {s['failed']} failed",
            f"  body right            {share('body_right')}",
            f"  title right           {share('title_right')}",
            f"  leads right (files)   {share('files_leads_right')}   of {s['leads']} leads:"
            f" text {s['leads_found']}, kind {s['lead_kinds_right']}, both {s['leads_right']}",
            f"  clauses right (files) {share('files_clauses_right')}"
            f"   count right {s['files_clause_count_right']}/{n}",
            f"  words kept (files)    {share('files_words_kept')}   per 100 words:"
            f" {s['lost_per_100']} lost, {s['added_per_100']} added,"
            f" {s['changed_per_100']} changed",
            f"  who-acts kept (files) {share('files_who_acts_kept')}"
            f"   addressees {s['addressees_kept']}/{s['addressees']}",
            f"  false errors          {s['files_with_false_errors']:>3} files,"
            f" {s['false_errors']} errors, {s['false_no_action']} 'resolves nothing'",
            f"  catalogue links       {s['links_right']} right, {s['links_wrong']} wrong,"
            f" {s['links_missed']} missed",
        ]
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--corpus", type=Path, default=DEFAULT_CORPUS, help="the folder of motions and truths"
    )
    parser.add_argument("--only", help="a glob of file names to run, e.g. 'tuc-*'")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--json-out", type=Path, help="also write the JSON to this file")
    parser.add_argument("--validate", action="store_true", help="check the truths instead")
    parser.add_argument("--jobs", type=int, default=2, help="files measured at once (2)")
    args = parser.parse_args()
    corpus = args.corpus.resolve()
    if not corpus.is_dir():
        print(f"{corpus}: no corpus folder here (see bench/corpus.yaml)", file=sys.stderr)
        return 2
    files = motion_files(corpus, args.only)
    if not files:
        print(f"{corpus}: no motion with a truth file", file=sys.stderr)
        return 2
    known = catalogue_ids()
    if args.validate:
        bad = 0
        for path in files:
            problems = validate(path, known)
            if problems:
                bad += 1
                print(f"{path.name}:")
                for problem in problems:
                    print(f"  {problem}")
        print(f"{len(files) - bad} of {len(files)} files match their truth")
        return 1 if bad else 0
    with ProcessPoolExecutor(max_workers=args.jobs) as pool:
        results = list(pool.map(measure_safely, [(p, known) for p in files]))
    groups: dict[str, list[Result]] = {"all": results}
    for r in results:
        groups.setdefault(f"kind {r.kind}", []).append(r)
    for r in results:
        groups.setdefault(f"body {r.body}", []).append(r)
    payload = {
        "corpus": str(corpus),
        "files": [asdict(r) | {"per_100": round(r.per100, 2)} for r in results],
        "totals": {name: summary(group) for name, group in groups.items()},
    }
    if args.json_out:
        args.json_out.write_text(json.dumps(payload, indent=2, ensure_ascii=False), "utf-8")
    if args.json:
        print(json.dumps(payload, indent=2, ensure_ascii=False))
        return 0
    print(table(results))
    print()
    for name, group in groups.items():
        print(totals_text(name, summary(group)))
        print()
    common = Counter(e.split(" (")[0] for r in results for e in r.false_errors)
    if common:
        print(
            "false errors, most common:", ", ".join(f"{k} ×{v}" for k, v in common.most_common(6))
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
