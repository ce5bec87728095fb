"""The exact check of one rule on one text, shared by every backend.

Backends differ only in which (text, rule) pairs they ask about; the answer always
comes from here, so every backend gives the same hits. Rules with ``negation_window``
or ``context`` have their matches post-filtered here too (see ``precision``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterator
from typing import NamedTuple

from chatscan.core.engine.linear import (
    LONG_TEXT_CHARS,
    LinearRule,
    compile_linear,
    to_ascii_standins,
)
from chatscan.core.engine.precision import MatchFilter, NegationCheck
from chatscan.core.models import Hit, Tier
from chatscan.core.rules import RulePack

__all__ = ["MAX_REJECTED_LONG", "RuleChecker"]

# On a long text, how many filtered-out matches of one rule are looked past before
# giving up on that rule (each further search costs time linear in the text).
MAX_REJECTED_LONG = 100

# Hits are built with tuple.__new__ and every field of Hit given, in order: half the
# time of calling the named tuple, for the hundreds of thousands of hits a long export
# makes (test_checker.py fails if Hit's fields change).
_new_hit = tuple.__new__


class _Rule(NamedTuple):
    search: Callable[[str], re.Match[str] | None]
    finditer: Callable[[str], Iterator[re.Match[str]]]
    head: tuple[str, str, Tier]  # rule id, category, tier: a hit's first fields
    score: float
    accept: MatchFilter | None  # None: every match counts


class RuleChecker:
    """Runs rules with Python ``re`` semantics; long texts go through RE2 (linear time)."""

    def __init__(self, pack: RulePack, long_text_chars: int = LONG_TEXT_CHARS) -> None:
        self.rules = pack.rules
        self.long_text_chars = long_text_chars
        self._flags = pack.flags
        self._linear_forms: list[LinearRule | None] | None = None  # built for the first long text
        negation = NegationCheck(pack.negators)
        self._rules = [
            _Rule(
                r.regex.search,
                r.regex.finditer,
                (r.id, r.category, r.tier),
                r.score,
                MatchFilter(r, negation) if r.filtered else None,
            )
            for r in pack.rules
        ]

    def check(self, text: str, candidates: Collection[int]) -> tuple[Hit, ...]:
        """Hits of the candidate rules (indices into the pack) on ``text``, in rule order.

        A filtered rule's hit is its first match (left to right, not overlapping) that
        its conditions accept."""
        if len(text) > self.long_text_chars:
            return self._check_long(text, candidates)
        hits: list[Hit] = []
        rules = self._rules
        for index in sorted(candidates) if len(candidates) > 1 else candidates:
            rule = rules[index]
            accept = rule.accept
            if accept is None:
                match = rule.search(text)
                if match is not None:
                    hits.append(_new_hit(Hit, (*rule.head, *match.span(), rule.score, None, None)))
                continue
            for n, match in enumerate(rule.finditer(text)):
                if n == 0 and not accept.possible(text):
                    break
                span = match.span()
                ok, word = accept.accept(text, *span)
                if ok:
                    hits.append(_new_hit(Hit, (*rule.head, *span, rule.score, word, None)))
                    break
        return tuple(hits)

    def _linear(self) -> list[LinearRule | None]:
        if self._linear_forms is None:
            self._linear_forms = [compile_linear(r.pattern, self._flags) for r in self.rules]
        return self._linear_forms

    def _check_long(self, text: str, candidates: Collection[int]) -> tuple[Hit, ...]:
        """``check`` on a long text: RE2 where it can, and a bounded number of rejected
        matches per rule."""
        hits: list[Hit] = []
        linear_forms = self._linear()
        standins = to_ascii_standins(text)
        for index in sorted(candidates):
            linear = linear_forms[index]
            rule = self._rules[index]
            accept = rule.accept
            if accept is not None and not accept.possible(text):
                continue
            found: tuple[int, int, str | None] | None = None
            if linear is not None:
                pos, rejected = 0, 0
                while rejected <= MAX_REJECTED_LONG:
                    span = linear.search_span(text, standins, pos)
                    if span is None:
                        break
                    ok, word = accept.accept(text, *span) if accept else (True, None)
                    if ok:
                        found = (span[0], span[1], word)
                        break
                    rejected += 1
                    pos = span[1]
            else:
                for n, match in enumerate(rule.finditer(text)):
                    ok, word = accept.accept(text, *match.span()) if accept else (True, None)
                    if ok:
                        found = (match.start(), match.end(), word)
                        break
                    if n >= MAX_REJECTED_LONG:
                        break
            if found is not None:
                hits.append(Hit(*rule.head, *found[:2], rule.score, found[2]))
        return tuple(hits)
