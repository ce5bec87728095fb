"""Checks that a rule pattern is safe to run on untrusted text.

Python's ``re`` backtracks; a pattern with a repeat nested inside another
unbounded repeat (``(a+)+``, ``(\\w+\\s?)*``) can take exponential time on a
short hostile message. Such patterns are refused when a pack is loaded.
"""

from __future__ import annotations

import re._constants as sre
import re._parser as sre_parse
from typing import Any

__all__ = ["children", "min_width", "nested_repeat", "parse"]

_REPEATS = {sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT}


def parse(pattern: str, flags: int) -> sre_parse.SubPattern:
    return sre_parse.parse(pattern, flags)


def children(op: Any, av: Any) -> list[Any]:
    if op in _REPEATS:
        return [av[2]]
    if op == sre.SUBPATTERN:
        return [av[3]]
    if op == sre.ATOMIC_GROUP:
        return [av]
    if op == sre.BRANCH:
        return list(av[1])
    if op in (sre.ASSERT, sre.ASSERT_NOT):
        return [av[1]]
    if op == sre.GROUPREF_EXISTS:
        return [p for p in av[1:] if p is not None]
    return []


def _can_repeat_many(items: Any) -> bool:
    """Whether a sub-pattern contains any repeat that can take more than one item."""
    for op, av in items:
        if op in _REPEATS and av[1] > 1:
            return True
        if any(_can_repeat_many(child) for child in children(op, av)):
            return True
    return False


def nested_repeat(items: Any) -> bool:
    """True when an unbounded repeat contains another repeat (super-linear backtracking)."""
    for op, av in items:
        if op in _REPEATS and av[1] == sre.MAXREPEAT and _can_repeat_many(av[2]):
            return True
        if any(nested_repeat(child) for child in children(op, av)):
            return True
    return False


def min_width(items: sre_parse.SubPattern) -> int:
    """The fewest characters a match can span (0: the pattern can match empty text)."""
    return items.getwidth()[0]
