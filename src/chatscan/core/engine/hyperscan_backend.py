"""The fast backend: one Hyperscan scan over many messages, then an exact check.

Messages are encoded to UTF-8 and joined with ``\\n`` (which no translated
expression's ``.`` crosses and which is a non-word byte for ``\\b``) into one
buffer. Hyperscan reports, per rule, every offset where a match ends; each offset
is mapped back to its message, and only those (message, rule) pairs are checked
with Python ``re`` semantics.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from itertools import accumulate

import hyperscan

from chatscan.core.engine.checker import RuleChecker
from chatscan.core.engine.prefilter import to_hyperscan
from chatscan.core.models import Hit
from chatscan.core.rules import RulePack

__all__ = ["HyperscanEngine"]

_FLAGS = hyperscan.HS_FLAG_CASELESS


def _compiles(expression: bytes) -> bool:
    db = hyperscan.Database()
    try:
        db.compile(expressions=[expression], ids=[0], elements=1, flags=[_FLAGS])
    except hyperscan.error:
        return False
    return True


class HyperscanEngine:
    name = "hyperscan"

    def __init__(self, pack: RulePack) -> None:
        self._checker = RuleChecker(pack)
        translated = [(i, to_hyperscan(rule.pattern, pack.flags)) for i, rule in enumerate(pack.rules)]
        usable = [(i, expr) for i, expr in translated if expr is not None and _compiles(expr)]
        usable_ids = {i for i, _ in usable}
        # Rules Hyperscan cannot express are checked on every message.
        self.unfiltered_rules = tuple(i for i in range(len(pack.rules)) if i not in usable_ids)
        self._db: hyperscan.Database | None = None
        if usable:
            self._db = hyperscan.Database()
            self._db.compile(
                expressions=[expr for _, expr in usable],
                ids=[i for i, _ in usable],
                elements=len(usable),
                flags=[_FLAGS] * len(usable),
            )
            self._scratch = hyperscan.Scratch(self._db)

    def match(self, texts: Sequence[str]) -> list[tuple[Hit, ...]]:
        if not texts:
            return []
        candidates: list[set[int]] = [set(self.unfiltered_rules) for _ in texts]
        if self._db is not None:
            encoded = [text.encode("utf-8", "surrogatepass") for text in texts]
            # ends[k] is the offset just past message k; the separator follows it.
            ends = list(accumulate(len(b) + 1 for b in encoded))
            ends = [end - 1 for end in ends]
            found: list[tuple[int, int]] = []
            append = found.append

            def on_match(rule: int, _start: int, end: int, _flags: int, _ctx: object) -> None:
                append((rule, end))

            self._db.scan(b"\n".join(encoded), match_event_handler=on_match, scratch=self._scratch)
            left = bisect.bisect_left
            for rule, end in found:
                candidates[left(ends, end)].add(rule)
        check = self._checker.check
        return [check(text, rules) if rules else () for text, rules in zip(texts, candidates, strict=True)]
