"""The exact check of one rule on one text, shared by every backend.

Backends differ only in which (text, rule) pairs they ask about; the answer always
comes from here, so every backend gives the same hits. Rules with ``negation_window``
or ``context`` have their matches post-filtered here too (see ``precision``).
"""

from __future__ import annotations

from collections.abc import Iterable

from chatscan.core.engine.linear import (
    LONG_TEXT_CHARS,
    LinearRule,
    compile_linear,
    to_ascii_standins,
)
from chatscan.core.engine.precision import MatchFilter, NegationCheck
from chatscan.core.models import Hit
from chatscan.core.rules import CompiledRule, RulePack

__all__ = ["MAX_REJECTED_LONG", "RuleChecker"]

# On a long text, how many filtered-out matches of one rule are looked past before
# giving up on that rule (each further search costs time linear in the text).
MAX_REJECTED_LONG = 100


class RuleChecker:
    """Runs rules with Python ``re`` semantics; long texts go through RE2 (linear time)."""

    def __init__(self, pack: RulePack, long_text_chars: int = LONG_TEXT_CHARS) -> None:
        self.rules: tuple[CompiledRule, ...] = pack.rules
        self.long_text_chars = long_text_chars
        self._flags = pack.flags
        self._linear_forms: list[LinearRule | None] | None = None  # built for the first long text
        self._hit_templates = [(r.id, r.category, r.tier) for r in pack.rules]
        self._scores = [r.score for r in pack.rules]
        negation = NegationCheck(pack.negators)
        filters = [MatchFilter(r, negation) if r.filtered else None for r in pack.rules]
        # None when no rule is filtered: the plain loops below stay as they were.
        self._filters: list[MatchFilter | None] | None = (
            filters if any(f is not None for f in filters) else None
        )

    def check(self, text: str, candidates: Iterable[int]) -> tuple[Hit, ...]:
        """Hits of the candidate rules (indices into the pack) on ``text``, in rule order."""
        if self._filters is not None:
            return self._check_filtered(text, candidates, self._filters)
        hits: list[Hit] = []
        if len(text) > self.long_text_chars:
            linear_forms = self._linear()
            standins = to_ascii_standins(text)
            for index in sorted(candidates):
                linear = linear_forms[index]
                if linear is not None:
                    span = linear.search_span(text, standins)
                else:
                    match = self.rules[index].regex.search(text)
                    span = match.span() if match else None
                if span is not None:
                    hits.append(Hit(*self._hit_templates[index], span[0], span[1]))
            return tuple(hits)
        rules = self.rules
        for index in sorted(candidates):
            match = rules[index].regex.search(text)
            if match is not None:
                hits.append(Hit(*self._hit_templates[index], match.start(), match.end()))
        return tuple(hits)

    def _linear(self) -> list[LinearRule | None]:
        if self._linear_forms is None:
            self._linear_forms = [compile_linear(r.pattern, self._flags) for r in self.rules]
        return self._linear_forms

    def _check_filtered(
        self, text: str, candidates: Iterable[int], filters: list[MatchFilter | None]
    ) -> tuple[Hit, ...]:
        """Like ``check``, for a pack with filtered rules: a filtered rule's hit is its
        first match (left to right, not overlapping) that its conditions accept."""
        if len(text) > self.long_text_chars:
            return self._check_filtered_long(text, candidates, filters)
        hits: list[Hit] = []
        rules, templates, scores = self.rules, self._hit_templates, self._scores
        for index in sorted(candidates):
            accept = filters[index]
            if accept is None:
                match = rules[index].regex.search(text)
                if match is not None:
                    hits.append(Hit(*templates[index], *match.span(), scores[index]))
                continue
            for n, match in enumerate(rules[index].regex.finditer(text)):
                if n == 0 and not accept.possible(text):
                    break
                ok, word = accept.accept(text, *match.span())
                if ok:
                    hits.append(Hit(*templates[index], *match.span(), scores[index], word))
                    break
        return tuple(hits)

    def _check_filtered_long(
        self, text: str, candidates: Iterable[int], filters: list[MatchFilter | None]
    ) -> tuple[Hit, ...]:
        """``_check_filtered`` on a long text: RE2 where it can, and a bounded number of
        rejected matches per rule."""
        hits: list[Hit] = []
        linear_forms = self._linear()
        standins = to_ascii_standins(text)
        for index in sorted(candidates):
            linear = linear_forms[index]
            accept = filters[index]
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
                for n, match in enumerate(self.rules[index].regex.finditer(text)):
                    ok, word = accept.accept(text, *match.span()) if accept else (True, None)
                    if ok:
                        found = (match.start(), match.end(), word)
                        break
                    if n >= MAX_REJECTED_LONG:
                        break
            if found is not None:
                hits.append(
                    Hit(*self._hit_templates[index], *found[:2], self._scores[index], found[2])
                )
        return tuple(hits)
