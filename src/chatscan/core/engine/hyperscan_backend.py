"""The fast backend: one Hyperscan scan over many texts, then an exact check.

Texts are encoded to UTF-8 and joined with a separator byte into one buffer
(``\\n``, which no translated ``.`` crosses and which is a non-word byte for
``\\b``; NUL in invariant mode). Hyperscan reports, per rule, every offset where a
match ends; each offset is mapped back to its text, and only those (text, rule)
pairs are checked with Python ``re`` semantics.
"""

from __future__ import annotations

import bisect
from collections.abc import Collection, Sequence
from itertools import accumulate

import hyperscan

from chatscan.core.engine.checker import RuleChecker
from chatscan.core.engine.prefilter import INVARIANT_SEPARATOR, to_hyperscan
from chatscan.core.models import Hit
from chatscan.core.rules import RulePack

__all__ = ["HyperscanEngine"]

_FLAGS = hyperscan.HS_FLAG_CASELESS


def _compile(expressions: list[tuple[int, bytes]]) -> hyperscan.Database | None:
    if not expressions:
        return None
    db = hyperscan.Database()
    try:
        db.compile(
            expressions=[expr for _, expr in expressions],
            ids=[i for i, _ in expressions],
            elements=len(expressions),
            flags=[_FLAGS] * len(expressions),
        )
    except hyperscan.error:
        return None
    return db


def _utf8(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")


class _Prefilter:
    """One compiled database; rules it cannot express are candidates for every text."""

    def __init__(self, pack: RulePack, invariant: bool) -> None:
        translated = [
            (i, to_hyperscan(rule.pattern, pack.flags, invariant=invariant))
            for i, rule in enumerate(pack.rules)
        ]
        usable = [(i, expr) for i, expr in translated if expr is not None]
        db = _compile(usable)
        if db is None:
            # Some expression is beyond Hyperscan: find which, compile the rest.
            usable = [(i, expr) for i, expr in usable if _compile([(i, expr)]) is not None]
            db = _compile(usable)
        usable_ids = {i for i, _ in usable}
        self.unfiltered = frozenset(i for i in range(len(pack.rules)) if i not in usable_ids)
        self.separator = INVARIANT_SEPARATOR if invariant else b"\n"
        self._db = db
        self._scratch = hyperscan.Scratch(db) if db is not None else None

    def scan(self, texts: Sequence[str]) -> dict[int, Collection[int]]:
        found: dict[int, set[int]] = {}
        if self._db is not None and texts:
            # ends[k] is the byte offset just past text k; a separator follows it.
            sizes = [len(t) + 1 if t.isascii() else len(_utf8(t)) + 1 for t in texts]
            ends = [end - 1 for end in accumulate(sizes)]
            matches: list[tuple[int, int]] = []
            append = matches.append

            def on_match(rule: int, _start: int, end: int, _flags: int, _ctx: object) -> None:
                append((rule, end))

            buffer = _utf8(self.separator.decode().join(texts))
            self._db.scan(buffer, match_event_handler=on_match, scratch=self._scratch)
            left = bisect.bisect_left
            for rule, end in matches:
                index = left(ends, end)
                rules = found.get(index)
                if rules is None:
                    found[index] = {rule}
                else:
                    rules.add(rule)
        if not self.unfiltered:
            return found  # type: ignore[return-value]
        return {k: self.unfiltered | found.get(k, set()) for k in range(len(texts))}


class HyperscanEngine:
    name = "hyperscan"

    def __init__(self, pack: RulePack) -> None:
        self._pack = pack
        self._checker = RuleChecker(pack)
        self._prefilters: dict[bool, _Prefilter] = {}

    def _prefilter(self, invariant: bool) -> _Prefilter:
        prefilter = self._prefilters.get(invariant)
        if prefilter is None:
            prefilter = self._prefilters[invariant] = _Prefilter(self._pack, invariant)
        return prefilter

    @property
    def unfiltered_rules(self) -> frozenset[int]:
        return self._prefilter(False).unfiltered

    def candidates(self, texts: Sequence[str], *, invariant: bool) -> dict[int, Collection[int]]:
        return self._prefilter(invariant).scan(texts)

    def check(self, text: str, rules: Collection[int]) -> tuple[Hit, ...]:
        return self._checker.check(text, rules)

    def match(self, texts: Sequence[str]) -> list[tuple[Hit, ...]]:
        results: list[tuple[Hit, ...]] = [()] * len(texts)
        check = self._checker.check
        for index, rules in self.candidates(texts, invariant=False).items():
            results[index] = check(texts[index], rules)
        return results
