"""A user's regular expression checked, as its file is read, for shapes that run for ever.

The shapes are those that make Python's matcher take exponential (or cubic) time.
Templates have a time budget, kept by an alarm; patterns run in every check, from
Python too and outside the main thread, where no alarm can be set, so the shapes
that can run for ever are refused when the file is read instead:

- a repeated group whose inside can be split in more than one way: a repeat
  inside a repeat that can follow itself, ``(\\w+\\s?)*``, ``(a+)+``, ``(a*)*``;
- a repeated choice whose branches can match the same text: ``(a|a)*``;
- two unbounded repeats in a row that can match the same characters, with
  nothing required between them: ``\\s*\\s*x``, ``\\w+\\s*\\w+`` (cubic in the
  text, as ``finditer`` tries every start).

The analysis is conservative: it may refuse a rare pattern that is in fact fast,
and says how to write it instead. Everything else is linear or quadratic in the
text, which the program keeps short (a clause, a title).
"""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass
from typing import Any

# The parser and constants Python's own re compiles from (private, so untyped).
C: Any = importlib.import_module("re._constants")
sre_parse: Any = importlib.import_module("re._parser")

# Characters standing for all others when two parts are asked whether they can
# match the same character: ASCII, Latin-1 and a few of each class beyond.
_ALPHABET = "".join(chr(c) for c in range(0x20, 0x250)) + "\t\n\r\u2019\u201c\u2014\u3000\u0394й"
_CATEGORY = {
    C.CATEGORY_DIGIT: re.compile(r"\d"),
    C.CATEGORY_NOT_DIGIT: re.compile(r"\D"),
    C.CATEGORY_SPACE: re.compile(r"\s"),
    C.CATEGORY_NOT_SPACE: re.compile(r"\S"),
    C.CATEGORY_WORD: re.compile(r"\w"),
    C.CATEGORY_NOT_WORD: re.compile(r"\W"),
}
_BIG = 30  # a repeat of more than this many counts as unbounded
_REPEATS = (C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", C.MAX_REPEAT))
_ALL = frozenset(_ALPHABET)


@dataclass(frozen=True)
class _Shape:
    first: frozenset[str]  # characters a match can start with
    last: frozenset[str]  # characters a match can end with
    empty: bool  # whether it can match the empty string
    head: frozenset[str]  # what an unbounded repeat at its start can match
    tail: frozenset[str]  # what an unbounded repeat at its end can match
    star: bool  # holds an unbounded repeat anywhere


_NOTHING = frozenset[str]()
_EMPTY = _Shape(_NOTHING, _NOTHING, True, _NOTHING, _NOTHING, False)


class _Catastrophic(Exception):
    pass


def problem(pattern: str, *, ignore_case: bool = True) -> str | None:
    """Why ``pattern`` could take exponential (or cubic) time, or None when it cannot."""
    try:
        parsed = sre_parse.parse(pattern, re.IGNORECASE if ignore_case else 0)
    except (re.error, RecursionError, OverflowError, ValueError):
        return None  # compiling it says what is wrong
    try:
        _sequence(list(parsed), ignore_case)
    except _Catastrophic as exc:
        return str(exc)
    except RecursionError:
        return "it is nested too deeply to be checked; write it more simply"
    return None


NESTED = (
    "a repeated group holds a repeat that can run on into the group's next turn (as "
    "in '(\\w+\\s?)*' or '(a+)+'), which can take for ever on some texts; repeat the "
    "inner part once, or make what separates the turns required"
)
EMPTY_TURN = (
    "a repeated group can match nothing at all (as in '(a*)*'), which can take for "
    "ever on some texts; make its inside match at least one character"
)
ADJACENT = (
    "two repeats can match the same characters with nothing between them that the "
    "first cannot match too (as in '\\s*\\s*', '\\w+\\s*\\w+' or '.*x.*y'), which "
    "can take minutes on a long text; join them into one, or put between them "
    "something the first repeat cannot match"
)
CHOICE = (
    "a repeated choice has branches that can match the same text (as in '(a|a)*'), "
    "which can take for ever on some texts; make the branches start differently"
)


def _chars(op: Any, av: Any, fold: bool) -> frozenset[str]:
    """The characters one character-matching item matches, within the alphabet."""
    if op is C.LITERAL:
        char = chr(av)
        return frozenset({char, char.lower(), char.upper()} if fold else {char})
    if op is C.NOT_LITERAL:
        char = chr(av)
        return _ALL - ({char, char.lower(), char.upper()} if fold else {char})
    if op is C.IN:
        out: set[str] = set()
        negate = False
        for item_op, item_av in av:
            if item_op is C.NEGATE:
                negate = True
            elif item_op is C.LITERAL:
                out |= _chars(C.LITERAL, item_av, fold)
            elif item_op is C.RANGE:
                low, high = item_av
                for c in _ALPHABET:
                    if any(
                        low <= ord(v) <= high for v in ({c, c.lower(), c.upper()} if fold else {c})
                    ):
                        out.add(c)
            elif item_op is C.CATEGORY and item_av in _CATEGORY:
                out |= {c for c in _ALPHABET if _CATEGORY[item_av].match(c)}
            else:  # anything else: assume it may match anything
                out |= _ALL
        return _ALL - out if negate else frozenset(out)
    return _ALL  # ANY, and whatever else matches one character


def _sequence(items: list[tuple[Any, Any]], fold: bool) -> _Shape:
    """The shape of a sequence; refuses two unbounded repeats in a row that can
    match the same characters, with nothing required between them."""
    first: set[str] = set()
    head: set[str] = set()
    last: frozenset[str] = _NOTHING
    tail: frozenset[str] = _NOTHING
    empty = True
    star = False
    for op, av in items:
        shape = _item(op, av, fold)
        if not tail.isdisjoint(shape.head):
            raise _Catastrophic(ADJACENT)
        if empty:
            first |= shape.first
            head |= shape.head
        last = (last | shape.last) if shape.empty else shape.last
        if shape.empty:
            tail = tail | shape.tail
        elif shape.tail or tail.isdisjoint(shape.first):
            tail = shape.tail
        # else: a character the open repeat also matches leaves it open ('.*x.*y',
        # '\w+e\w+!'): the repeat can end at any of them.
        empty = empty and shape.empty
        star = star or shape.star
    return _Shape(frozenset(first), last, empty, frozenset(head), tail, star)


def _item(op: Any, av: Any, fold: bool) -> _Shape:
    if op in _REPEATS:
        low, high, inner = av
        body = _sequence(list(inner), fold)
        unbounded = high is C.MAXREPEAT or high > _BIG
        if not unbounded:
            if high >= 2 and not body.tail.isdisjoint(body.head):
                raise _Catastrophic(ADJACENT)
            return _Shape(
                body.first, body.last, body.empty or low == 0, body.head, body.tail, body.star
            )
        if body.star and body.empty:
            raise _Catastrophic(EMPTY_TURN)
        if body.star and not body.last.isdisjoint(body.first):
            raise _Catastrophic(NESTED)
        _choices(list(inner), fold)
        return _Shape(body.first, body.last, body.empty or low == 0, body.first, body.last, True)
    if op is C.SUBPATTERN:
        return _sequence(list(av[-1]), fold)
    if op is getattr(C, "ATOMIC_GROUP", object()):
        shape = _sequence(list(av), fold)
        return _Shape(shape.first, shape.last, shape.empty, _NOTHING, _NOTHING, shape.star)
    if op is C.BRANCH:
        shapes = [_sequence(list(branch), fold) for branch in av[1]]
        return _Shape(
            frozenset().union(*(s.first for s in shapes)),
            frozenset().union(*(s.last for s in shapes)),
            any(s.empty for s in shapes),
            frozenset().union(*(s.head for s in shapes)),
            frozenset().union(*(s.tail for s in shapes)),
            any(s.star for s in shapes),
        )
    if op is C.AT:
        return _EMPTY
    if op in (C.ASSERT, C.ASSERT_NOT):
        _sequence(list(av[1]), fold)
        return _EMPTY
    if op is C.GROUPREF_EXISTS:
        _, yes, no = av
        shapes = [_sequence(list(yes), fold)] + ([_sequence(list(no), fold)] if no else [])
        return _Shape(_ALL, _ALL, True, _NOTHING, _NOTHING, any(s.star for s in shapes))
    if op is C.GROUPREF:
        return _Shape(_ALL, _ALL, True, _NOTHING, _NOTHING, False)
    chars = _chars(op, av, fold)
    return _Shape(chars, chars, False, _NOTHING, _NOTHING, False)


def _choices(items: list[tuple[Any, Any]], fold: bool) -> None:
    """A repeated choice whose branches can match the same text: two that can start
    with the same character, or two that can both match nothing."""
    for op, av in items:
        if op is C.SUBPATTERN:
            _choices(list(av[-1]), fold)
        elif op is C.BRANCH:
            seen: set[str] = set()
            empties = 0
            for branch in av[1]:
                shape = _sequence(list(branch), fold)
                empties += shape.empty
                if empties > 1 or not seen.isdisjoint(shape.first):
                    raise _Catastrophic(CHOICE)
                seen |= shape.first
