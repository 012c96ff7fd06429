"""Each change of an amendment found in the motion and turned into edits, or refused.

The words deleted must occur once where they are cited; no amendment may be a
direct negative or longer than its body allows; no two may change the same words.
"""

from __future__ import annotations

import bisect
import dataclasses
import difflib
import itertools
import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from motiongen.agenda.amendments import KEYS, AmendmentFile, Change, Edit, NewDemand
from motiongen.catalogue import Catalogue, nearest_hint
from motiongen.datatypes import NATION_NAMES
from motiongen.errors import ChecksFailed, InputError
from motiongen.motion.compose import Document, number_label
from motiongen.output import layout
from motiongen.profiles import Profile
from motiongen.sections import KINDS, described
from motiongen.text import count_words, fill, sentence


class AmendmentError(InputError):
    """A change that cannot be applied as written."""


class AmendmentOverLimit(ChecksFailed):
    """An amendment longer than its body allows."""


SECTION_REF = re.compile(
    r"^\s*section\s+(\d+)(?:[\s,]+(?:paragraph|para\.?|clause)?\s*(\d+))?\s*$", re.I
)
NUMBERED_REF = re.compile(
    r"^(?P<name>.*?)[\s,]*(?:(?:paragraph|para\.?|clause)\s*)?(?P<n>\d+)\s*$", re.I
)


def _plain(text: str) -> str:
    """A name as typed or printed, for comparing: lower case, no quotes, no colon."""
    text = text.replace("_", " ").replace("\u2018", "").replace("\u2019", "").strip(" '\"")
    return " ".join(text.lower().rstrip(":").split()).removesuffix(" to")


@dataclass
class Motionview:
    """The motion's sections and clauses as printed, and its numbered lines.

    What each change asks of it (a clause's number, the line at a place) is looked
    up in tables made once, so that thousands of changes take time in proportion.
    """

    doc: Document
    lines: list[layout.Line]
    _starts: dict[tuple[int, int | None], tuple[list[int], list[int]]] = field(
        init=False, repr=False, default_factory=dict
    )

    @classmethod
    def of(cls, doc: Document, width: int | None) -> Motionview:
        return cls(doc, layout.numbered_lines(doc, width))

    def __post_init__(self) -> None:
        for line in self.lines:  # in order: each paragraph's lines by where they start
            starts, numbers = self._starts.setdefault((line.section, line.clause), ([], []))
            starts.append(line.start)
            numbers.append(line.number)

    @cached_property
    def _numbers(self) -> list[list[int]]:
        """Each section's clause numbers as printed (or places, where it prints none)."""
        out = []
        for section in self.doc.sections:
            shown = [c.number.strip("().") for c in section.clauses]
            out.append([int(n) if n.isdigit() else i + 1 for i, n in enumerate(shown)])
        return out

    @cached_property
    def _index(self) -> list[dict[int, int]]:
        """Each section's clauses by number: the first clause printed with it."""
        return [{n: c for c, n in reversed(list(enumerate(numbers)))} for numbers in self._numbers]

    @cached_property
    def _numbered(self) -> list[bool]:
        return [any(c.number for c in section.clauses) for section in self.doc.sections]

    def clauses(self, s: int | None = None) -> list[tuple[int, int]]:
        """Every clause, or every clause of section ``s``, as (section, clause)."""
        return [
            (i, c)
            for i, section in enumerate(self.doc.sections)
            if s is None or i == s
            for c in range(len(section.clauses))
        ]

    def number(self, s: int, c: int) -> int:
        """The clause's number as printed, or its place in its section where it has none."""
        return self._numbers[s][c]

    def numbered(self, s: int) -> bool:
        return self._numbered[s]

    def line(self, s: int, c: int | None, offset: int = 0) -> int:
        """The number of the line holding character ``offset`` of the paragraph (as
        layout.line_at finds it, by looking up the paragraph's own lines)."""
        skip = 0 if c is None else layout.label_width(self.doc.sections[s].clauses[c])
        starts, numbers = self._starts.get((s, c), ([], []))
        at = bisect.bisect_right(starts, offset + skip) - 1
        return numbers[at] if at >= 0 else 0

    def last_line(self, s: int, c: int) -> int:
        return max(self._starts[(s, c)][1])

    def text(self, s: int, c: int | None) -> str:
        """A paragraph's words; ``c`` None is the section's heading (its lead)."""
        section = self.doc.sections[s]
        return section.lead if c is None else section.clauses[c].text

    def section(self, s: int) -> str:
        """The section as an amendment cites it: 'the section calling on the Labour
        Government', or by its lead where it asks no one."""
        section = self.doc.sections[s]
        return described(section.kind, section.to, section.lead)

    def name(self, s: int, c: int | None) -> str:
        """'the section calling on the Labour Government, clause 2', or "the heading
        'Conference calls on the NEC to:'"."""
        if c is None:
            return f"the heading '{self.doc.sections[s].lead}'"
        if not self.numbered(s) and len(self.doc.sections[s].clauses) == 1:
            return self.section(s)
        return f"{self.section(s)}, clause {self.number(s, c)}"

    def clause_of(self, s: int, c: int) -> str:
        """'clause 2 of the section calling on the Labour Government', or 'the clause of
        …' where the section prints one clause, unnumbered."""
        if not self.numbered(s) and len(self.doc.sections[s].clauses) == 1:
            return f"the clause of {self.section(s)}"
        return f"clause {self.number(s, c)} of {self.section(s)}"

    def where(self, s: int, c: int | None, offset: int = 0) -> str:
        return f"{self.name(s, c)} (line {self.line(s, c, offset)})"

    def cited(self, s: int, c: int) -> str:
        """How to cite the clause in an amendment file's ``in:`` ("calls on 2")."""
        return self.doc.place(self.doc.sections[s], self.doc.sections[s].clauses[c])

    # --- reading a reference ----------------------------------------------------------

    def sections_named(self, name: str) -> list[int]:
        """The sections a name given in an amendment means: as check cites them
        ('calls on', 'calls on the NEC'), by their kind, whom they ask, or words of
        their lead ('calls on the Labour Government')."""
        wanted = _plain(name)
        if not wanted:
            return []
        exact, partial = [], []
        for s, section in enumerate(self.doc.sections):
            names = {
                _plain(self.doc.section_name(section)),
                _plain(section.name),
                _plain(section.kind),
                _plain(section.lead),
                _plain(self.section(s)),
            }
            if section.to:
                names.add(_plain(section.to))
            if wanted in names:
                exact.append(s)
            elif len(wanted.split()) >= 2 and wanted in _plain(section.lead):
                partial.append(s)
        return exact or partial

    def resolve(self, text: str) -> tuple[int, int] | str:
        """The (section, clause) a reference names, or why it names none."""
        match = SECTION_REF.match(text)
        if match:
            s = int(match.group(1)) - 1
            if not 0 <= s < len(self.doc.sections):
                return f"the motion has {len(self.doc.sections)} sections, not {s + 1}"
            if match.group(2) is None:
                if len(self.doc.sections[s].clauses) == 1:
                    return (s, 0)
                return "name the clause too: 'section 3 clause 2'"
            return self._clause(s, int(match.group(2)))
        match = NUMBERED_REF.match(text)
        name, number = (match.group("name"), int(match.group("n"))) if match else (text, None)
        found = self.sections_named(name)
        if not found:
            known = ", ".join(f"'{self.doc.section_name(x)}'" for x in self.doc.sections)
            return f"the motion has no section '{name.strip()}' (its sections: {known})"
        if len(found) > 1:
            names = ", ".join(f"'{self.doc.section_name(self.doc.sections[s])}'" for s in found)
            return f"'{name.strip()}' could be any of {names}: name the one you mean"
        s = found[0]
        if number is None:
            if len(self.doc.sections[s].clauses) == 1:
                return (s, 0)
            return f"name the clause too: '{self.doc.section_name(self.doc.sections[s])} 2'"
        clause = self._clause(s, number)
        if isinstance(clause, str) and self.doc.sections[s].acts:
            others = [
                f"'{self.doc.section_name(x)}' ({len(x.clauses)} clauses)"
                for i, x in enumerate(self.doc.sections)
                if x.acts and i != s
            ]
            if others:
                clause += "; the other sections that act are " + ", ".join(others)
        return clause

    def _clause(self, s: int, number: int) -> tuple[int, int] | str:
        if number in self._index[s]:
            return (s, self._index[s][number])
        numbers = self._numbers[s]
        name = self.doc.section_name(self.doc.sections[s])
        if not numbers:
            return f"'{name}' has no clauses"
        return f"'{name}' has clauses {numbers[0]} to {numbers[-1]}, not {number}"


# Where a new clause's number goes in its sentence until every change is known: a
# character no motion's words hold (they are cleaned of controls as they are read).
_NUMBER = "\x00"


class Applier:
    """Turns each change of one amendment into edits, or a clear error."""

    def __init__(
        self,
        view: Motionview,
        profile: Profile,
        catalogue: Catalogue,
        calls_on: str,
        file: AmendmentFile,
        who: int,
    ) -> None:
        self.view = view
        self.profile = profile
        self.catalogue = catalogue
        self.calls_on = calls_on
        self.file = file
        self.who = who

    def error(self, index: int, key: str, message: str, hint: str | None = None) -> AmendmentError:
        return AmendmentError(
            f"change {index + 1}: {message}",
            file=self.file.path,
            line=self.file.line("changes", index, key),
            hint=hint,
        )

    def ref(self, index: int, key: str, text: str) -> tuple[int, int]:
        found = self.view.resolve(text)
        if isinstance(found, str):
            raise self.error(
                index,
                key,
                f"'{text}' does not name a clause of the motion: {found}",
                "cite it as the motion prints it, e.g. 'calls on 2', 'notes 3' or "
                "'section 3 clause 2'",
            )
        return found

    def section_ref(self, index: int, key: str, text: str) -> int:
        """The one section a name means ('resolves', 'calls on', 'notes')."""
        found = self.view.sections_named(text)
        if len(found) == 1:
            return found[0]
        if not found and _plain(text) == "resolves":
            acting = [s for s, x in enumerate(self.view.doc.sections) if x.acts]
            if acting:
                return acting[-1]
        view = self.view
        known = ", ".join(f"'{view.doc.section_name(x)}'" for x in view.doc.sections)
        raise self.error(
            index,
            key,
            f"'{text}' names {'no section' if not found else 'more than one section'} "
            f"of the motion (its sections: {known})",
            "name the section as check cites it: 'calls on', 'resolves', 'notes'",
        )

    def home(self, demand_id: str) -> int | None:
        """The section whose lead this body puts the demand under, if the motion has it."""
        demand = self.catalogue.demands.get(demand_id)
        if demand is None:
            return None
        _, wording = self.profile.frame(demand.acted_on_by)
        leads = set()
        # The motion may be for any nation: its lead names that nation's government.
        for nation in (None, *NATION_NAMES):
            values = self.profile.lead_values(
                self.calls_on, self.catalogue.devolved_government(nation)
            )
            to = fill(wording.to, values) if wording.to else ""
            leads.add(fill(wording.lead, {**values, "to": to}))
        found = [i for i, x in enumerate(self.view.doc.sections) if x.lead in leads and x.clauses]
        return found[-1] if found else None

    def worded(self, index: int, key: str, demand_id: str) -> str:
        if demand_id not in self.catalogue.demands:
            raise self.error(
                index,
                key,
                f"there is no demand '{demand_id}'",
                nearest_hint(demand_id, self.catalogue.demands, "demands"),
            )
        demand = self.catalogue.demands[demand_id]
        level, wording = self.profile.frame(demand.acted_on_by)
        values = {"calls_on": self.calls_on, "body": self.profile.body}
        return sentence(fill(wording.item, {**values, "clause": demand.clause_at(level)}))

    def find(
        self, index: int, key: str, words: str, where: str | None
    ) -> tuple[int, int | None, int]:
        """The one place ``words`` occur: in the cited paragraph, or anywhere (the
        sections' headings included)."""
        view = self.view
        places: list[tuple[int, int | None]]
        if where is not None:
            places = [self.ref(index, "in", where)]
        else:
            places = [(s, None) for s in range(len(view.doc.sections))]
            places += view.clauses()
        hits = [
            (s, c, m.start())
            for s, c in places
            for m in re.finditer(re.escape(words), view.text(s, c))
        ]
        if len(hits) == 1:
            return hits[0]
        scope = f"in {where}" if where else "in the motion"
        if not hits:
            near = _nearest(words, [view.text(s, c) for s, c in places])
            hint = f"the nearest words there are '{near}'" if near else None
            raise self.error(
                index,
                key,
                f"the words '{words}' are not {scope}",
                (hint + "; copy the words exactly as the motion has them") if hint else None,
            )
        found = ", ".join(f"{view.name(s, c)} at line {view.line(s, c, o)}" for s, c, o in hits)
        raise self.error(
            index,
            key,
            f"the words '{words}' occur {len(hits)} times {scope}: {found}",
            "add words around them so they occur once"
            + ("" if where else ", or name the clause with in:, e.g. in: calls on 2"),
        )

    def edits(self) -> list[Edit]:
        out = []
        for index, change in enumerate(self.file.amendment.changes):
            out.append(self.edit(index, change))
        return self._numbered(out)

    def edit(self, index: int, change: Change) -> Edit:
        """One change, checked against the motion and said in the body's form."""
        make = {
            "delete": self._words,
            "delete_clause": self._delete_clause,
            "add_at_end": self._new_paragraph,
            "insert_after": self._new_paragraph,
            "delete_all_after": self._cut,
            "delete_all_from": self._cut,
        }.get(change.form, self._replace_all)
        return make(index, change, {"who": self.who, "change": index + 1})

    def _words(self, index: int, change: Change, base: dict[str, Any]) -> Edit:
        """Delete words (and insert others in their place), or insert words after others."""
        view = self.view
        words = change.delete if change.delete is not None else change.after
        assert words is not None
        key = "delete" if change.delete is not None else "after"
        s, c, start = self.find(index, key, words, change.in_)
        insert = change.insert or ""
        section_key = view.doc.sections[s].kind
        at = f"In {view.where(s, c, start)}"
        text = view.text(s, c)
        if change.delete is not None:
            end = start + len(words)
            if not insert and text[end : end + 1] == " " and text[start - 1 : start] in ("", " "):
                end += 1  # deleting a word takes one of the spaces round it with it
            said = f"{at}, delete '{words}'" + (f" and insert '{insert}'." if insert else ".")
        else:
            start = end = start + len(words)
            said = f"{at}, after '{words}' insert '{insert}'."
            if insert[:1].isalnum() and text[end - 1 : end].isalnum():
                insert = " " + insert
        return Edit(
            **base,
            kind="replace",
            section=s,
            clause=c,
            start=start,
            end=end,
            text=insert,
            key=section_key,
            words=words,
            sentence=said,
        )

    def _delete_clause(self, index: int, change: Change, base: dict[str, Any]) -> Edit:
        view = self.view
        assert change.delete_clause is not None
        s, c = self.ref(index, "delete_clause", change.delete_clause)
        first, last = view.line(s, c), view.last_line(s, c)
        lines_said = f"line {first}" if first == last else f"lines {first} to {last}"
        section_key = view.doc.sections[s].kind
        return Edit(
            **base,
            kind="delete_para",
            section=s,
            clause=c,
            key=section_key,
            words=view.text(s, c),
            sentence=f"Delete {view.clause_of(s, c)} ({lines_said}).",
        )

    def _cut(self, index: int, change: Change, base: dict[str, Any]) -> Edit:
        """ "Delete all after 'X'" (or "from 'X'", the words too), to the end of the
        motion, and insert words in their place if given."""
        view = self.view
        words = change.cut
        assert words is not None
        key = change.form
        s, c, start = self.find(index, key, words, change.in_)
        text = view.text(s, c)
        insert = change.insert or ""
        if key == "delete_all_after":
            start += len(words)
            if insert[:1].isalnum() and text[start - 1 : start].isalnum():
                insert = " " + insert
        elif not insert and text[start - 1 : start] == " ":
            start -= 1  # the space before the words goes with them
        if c is None and insert:
            raise self.error(
                index,
                "insert",
                f"'{words}' is in the heading '{text}', so every clause under it goes and "
                "the words inserted would stand in a heading with nothing under it",
                "cite words in a clause, or use delete_all: with replace_with: for new sections",
            )
        where = f"{view.name(s, c)}, line {view.line(s, c, start)}"
        said = f"Delete all {'after' if key == 'delete_all_after' else 'from'} '{words}' ({where})"
        return Edit(
            **base,
            kind="cut",
            section=s,
            clause=c,
            start=start,
            end=len(text),
            text=insert,
            key=view.doc.sections[s].kind,
            words=words,
            sentence=said
            + (f" and insert '{insert.strip()}'" if insert else "")
            + ("" if insert.endswith((".", "!", "?")) else "."),
        )

    def _new_paragraph(self, index: int, change: Change, base: dict[str, Any]) -> Edit:
        """A clause added at the end of a section, or after a clause; its number, as it
        will stand, is given once every change of the amendment is known (_numbered)."""
        view = self.view
        key = "demand" if change.demand else "text"
        text = (
            self.worded(index, key, change.demand) if change.demand else sentence(change.text or "")
        )
        if change.form == "add_at_end":
            s = self._end_of(index, change)
            c = len(view.doc.sections[s].clauses) - 1
            said = f"Add at the end of {view.section(s)} a new clause {_NUMBER}: '{text}'"
        else:
            assert change.insert_after is not None
            s, c = self.ref(index, "insert_after", change.insert_after)
            said = (
                f"Insert after {view.clause_of(s, c)} (line {view.last_line(s, c)}) "
                f"a new clause {_NUMBER}: '{text}'"
            )
        return Edit(
            **base,
            kind="new_para",
            section=s,
            clause=c,
            text=text,
            ref=change.demand,
            key=view.doc.sections[s].kind,
            sentence=said + ("" if text.endswith((".", "!", "?")) else "."),
        )

    def _numbered(self, edits: list[Edit]) -> list[Edit]:
        """Each new clause numbered as it will stand once the amendment is carried:
        after the clauses before it, the amendment's other new ones included and the
        ones it deletes left out ("a new clause 4", then "a new clause 5"). Sections
        numbered through the motion carry the count from one to the next."""
        view = self.view
        doc = view.doc
        after: dict[tuple[int, int], list[int]] = {}  # the new clauses after each clause
        gone: set[tuple[int, int]] = set()
        cut: tuple[int, int] | None = None  # where a "delete all after/from" starts
        for i, e in enumerate(edits):
            if e.kind == "new_para" and e.clause is not None:
                after.setdefault((e.section, e.clause), []).append(i)
            elif e.kind == "delete_para" and e.clause is not None:
                gone.add((e.section, e.clause))
            elif e.kind == "cut":
                at = (e.section, -1 if e.clause is None else e.clause)
                cut = at if e.start > 0 or e.text else (at[0], at[1] - 1)
        if not after:
            return edits
        numbers: dict[int, int] = {}
        shift = 0  # clauses added less clauses deleted in the sections before
        through = doc.profile.numbering == "continuous"
        for s, section in enumerate(doc.sections):
            if not section.clauses:
                continue
            n = view.number(s, 0) + (shift if through else 0) - 1
            for c in range(len(section.clauses)):
                if (s, c) not in gone and (cut is None or (s, c) <= cut):
                    n += 1
                for i in after.get((s, c), []):
                    n += 1
                    numbers[i] = n
            shift = n - view.number(s, len(section.clauses) - 1)
        return [
            dataclasses.replace(e, sentence=e.sentence.replace(_NUMBER, str(numbers[i]), 1))
            if i in numbers
            else e
            for i, e in enumerate(edits)
        ]

    def _end_of(self, index: int, change: Change) -> int:
        """The section a clause is added at the end of: the one named, or, for a
        catalogue demand added to 'resolves', the one this body puts it under."""
        named = change.add_at_end or "resolves"
        home = self.home(change.demand) if change.demand else None
        if home is not None and _plain(named) == "resolves":
            return home  # a demand goes under the lead its body words it with
        s = self.section_ref(index, "add_at_end", named)
        if not self.view.doc.sections[s].clauses:
            raise self.error(
                index,
                "add_at_end",
                f"the motion has no {named} section to add to",
                "use delete_all: with replace_with: to add a section",
            )
        return s

    def _replace_all(self, index: int, change: Change, base: dict[str, Any]) -> Edit:
        """Delete all and replace, where the body allows it."""
        assert change.replace_with is not None
        if not self.profile.amendments.replace_all:
            rule = self.profile.amendments.negative
            raise self.error(
                index,
                "delete_all",
                f"a {self.profile.name} amendment must keep some of the motion's words, so "
                "'delete all and replace' is not in order"
                + (f": {rule.what} ({rule.source})" if rule else ""),
                "delete and insert words in the paragraphs instead",
            )
        sections = []
        for section_key in KEYS:
            items = change.replace_with.get(section_key)  # type: ignore[call-overload]
            if not items:
                continue
            worded: list[tuple[str, str | None]] = []
            for item in items:
                if isinstance(item, NewDemand):
                    worded.append((self.worded(index, "replace_with", item.demand), item.demand))
                else:
                    worded.append((sentence(item), None))
            sections.append((section_key, tuple(worded)))
        if not any(KINDS[key].acts for key, _ in sections):
            self._negative(index, "delete_all")
        body = " ".join(
            f"{self._lead(key)} "
            + " ".join(f"{number_label(i + 1, '1.')} {t}" for i, (t, _) in enumerate(items))
            for key, items in sections
        )
        return Edit(
            **base,
            kind="replace_all",
            replace_with=tuple(sections),
            sentence=f"Delete all and replace with: '{body}'",
        )

    def _lead(self, key: str) -> str:
        values = {"calls_on": self.calls_on, "body": self.profile.body}
        if key == "resolves":
            return self.profile.own_section(values)[1]
        return self.profile.lead(key, None, values)

    def _negative(self, index: int, key: str) -> None:
        rule = self.profile.amendments.negative
        raise AmendmentError(
            f"change {index + 1}: amendment {self.file.label} removes everything the motion "
            "resolves: a direct negative is not in order"
            + (f". The rule: {rule.what} Source: {rule.source}" if rule else ""),
            file=self.file.path,
            line=self.file.line("changes", index, key),
            hint="keep some of the motion's words, or vote against the motion instead",
        )

    def check(self, edits: list[Edit]) -> None:
        """No direct negative; not over the body's amendment word limit."""
        view = self.view
        resolves = [p for p in view.clauses() if view.doc.sections[p[0]].acts]
        gone = {(e.section, e.clause) for e in edits if e.kind == "delete_para"}
        for e in edits:
            if e.kind == "cut":
                at = (e.section, -1 if e.clause is None else e.clause)
                gone.update(p for p in resolves if (p[0], p[1]) > at)
            if e.kind not in ("replace", "cut") or e.clause is None:
                continue
            whole = e.start == 0 and e.end >= len(view.text(e.section, e.clause))
            if whole and not e.text.strip():
                gone.add((e.section, e.clause))
        added = [e for e in edits if e.kind == "new_para" and view.doc.sections[e.section].acts]
        if resolves and all(p in gone for p in resolves) and not added:
            cuts = [i for i, e in enumerate(edits) if e.kind == "cut"]
            last = (
                cuts[0]
                if cuts
                else max(i for i, e in enumerate(edits) if (e.section, e.clause) in gone)
            )
            self._negative(last, self.file.amendment.changes[last].form)
        limit = self.profile.amendments.word_limit
        if limit is not None:
            words = sum(count_words(e.text) for e in edits)
            words += sum(
                count_words(t) for e in edits for _, items in e.replace_with for t, _ in items
            )
            if words > limit:
                source = self.profile.amendments.word_limit_source
                raise AmendmentOverLimit(
                    f"amendment {self.file.label} adds {words} words; a {self.profile.name} "
                    f"amendment may add at most {limit}" + (f" ({source})" if source else ""),
                    file=self.file.path,
                    line=self.file.line("changes"),
                    hint="cut the words it inserts",
                )


def _nearest(words: str, texts: list[str]) -> str | None:
    """The run of words in ``texts`` most like ``words``, to show what does occur."""
    size = max(1, len(words.split()))
    best: tuple[float, str] | None = None
    for text in texts:
        tokens = text.split()
        for n in {size - 1, size, size + 1} - {0}:
            for i in range(0, max(1, len(tokens) - n + 1)):
                candidate = " ".join(tokens[i : i + n]).strip(".,;:")
                ratio = difflib.SequenceMatcher(None, words.lower(), candidate.lower()).ratio()
                if best is None or ratio > best[0]:
                    best = (ratio, candidate)
    return best[1] if best and best[0] >= 0.5 else None


class Clash(InputError):
    """Two amendments change the same words."""


def clashes(edits: list[Edit], files: list[AmendmentFile], view: Motionview) -> None:
    """Two changes touching the same words cannot both be carried: name both.

    Only changes to the same paragraph can touch, save a "delete all" (which touches
    every change) and a "delete all after/from" (every change from its words to the
    end), so each paragraph's changes are sorted by where they start and each is
    compared with the furthest-reaching one before it: thousands of changes are
    checked in the time of a sort, not of every pair.
    """
    order = {id(e): i for i, e in enumerate(edits)}

    def clash(a: Edit, b: Edit) -> None:
        first, second = sorted((a, b), key=lambda e: order[id(e)])
        at = first if first.kind not in ("replace_all", "new_para") else second
        where = (
            "the whole motion"
            if "replace_all" in (a.kind, b.kind)
            else view.where(at.section, at.clause, at.start)
        )
        _clash(first, second, files, where)

    everything = [e for e in edits if e.kind == "replace_all"]
    if everything and len(edits) > 1:
        clash(everything[0], next(e for e in edits if e is not everything[0]))
    for cut in (e for e in edits if e.kind == "cut"):
        at = (cut.section, -1 if cut.clause is None else cut.clause)
        for other in edits:
            if other is cut:
                continue
            if other.kind == "new_para":
                if other.section > cut.section:  # a clause added to a section it deletes
                    clash(cut, other)
                continue
            place = (other.section, -1 if other.clause is None else other.clause)
            same = place == at and (other.end > cut.start or other.start >= cut.start)
            if place > at or same or other.kind == "cut":
                clash(cut, other)
    by_place: dict[tuple[int, int | None], list[Edit]] = {}
    for e in edits:
        if e.kind in ("replace", "delete_para"):
            by_place.setdefault((e.section, e.clause), []).append(e)
    for mine in by_place.values():
        if len(mine) < 2:
            continue
        if any(e.kind == "delete_para" for e in mine):
            clash(mine[0], mine[1])  # a deleted clause: any other change to it clashes
        mine = sorted(mine, key=lambda e: (e.start, e.end, order[id(e)]))
        furthest = mine[0]
        for before, b in itertools.pairwise(mine):
            if furthest.end > b.start or (before.start, before.end) == (b.start, b.end):
                clash(furthest if furthest.end > b.start else before, b)
            if b.end > furthest.end:
                furthest = b


def _clash(a: Edit, b: Edit, files: list[AmendmentFile], where: str) -> None:
    first, second = files[a.who], files[b.who]
    raise Clash(
        f"amendment {first.label} ({first.amendment.submitted_by}) change {a.change} "
        f"and amendment {second.label} ({second.amendment.submitted_by}) change "
        f"{b.change} both change {where}: they clash",
        file=second.path,
        line=second.line("changes", b.change - 1),
        hint="take them one at a time: the meeting votes on each",
    )
