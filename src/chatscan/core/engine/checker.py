"""The exact check of one rule on one text, shared by every backend.

Backends differ only in which (text, rule) pairs they ask about; the answer always
comes from here, so every backend gives the same hits.
"""

from __future__ import annotations

from collections.abc import Iterable

from chatscan.core.engine.linear import (
    LONG_TEXT_CHARS,
    LinearRule,
    compile_linear,
    to_ascii_standins,
)
from chatscan.core.models import Hit
from chatscan.core.rules import CompiledRule, RulePack

__all__ = ["RuleChecker"]


class RuleChecker:
    """Runs rules with Python ``re`` semantics; long texts go through RE2 (linear time)."""

    def __init__(self, pack: RulePack, long_text_chars: int = LONG_TEXT_CHARS) -> None:
        self.rules: tuple[CompiledRule, ...] = pack.rules
        self.long_text_chars = long_text_chars
        self._flags = pack.flags
        self._linear_forms: list[LinearRule | None] | None = None  # built for the first long text
        self._hit_templates = [(r.id, r.category, r.tier) for r in pack.rules]

    def check(self, text: str, candidates: Iterable[int]) -> tuple[Hit, ...]:
        """Hits of the candidate rules (indices into the pack) on ``text``, in rule order."""
        hits: list[Hit] = []
        if len(text) > self.long_text_chars:
            if self._linear_forms is None:
                self._linear_forms = [compile_linear(r.pattern, self._flags) for r in self.rules]
            linear_forms = self._linear_forms
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
