"""The plain-``re`` backend: every rule on every text. The reference for correctness."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from chatscan.core.engine.checker import RuleChecker
from chatscan.core.models import Hit
from chatscan.core.rules import RulePack

__all__ = ["ReEngine"]


class ReEngine:
    name = "re"

    def __init__(self, pack: RulePack) -> None:
        self._checker = RuleChecker(pack)
        self._all = range(len(pack.rules))

    def match(self, texts: Sequence[str]) -> list[tuple[Hit, ...]]:
        check, every_rule = self._checker.check, self._all
        return [check(text, every_rule) for text in texts]

    def candidates(self, texts: Sequence[str], *, invariant: bool) -> dict[int, Collection[int]]:
        return dict.fromkeys(range(len(texts)), self._all)

    def candidates_in_utf8(self, data: bytes, ends: Sequence[int]) -> dict[int, Collection[int]]:
        return dict.fromkeys(range(len(ends)), self._all)

    def check(self, text: str, rules: Collection[int]) -> tuple[Hit, ...]:
        return self._checker.check(text, rules)
