"""The fast backend: one Hyperscan scan over many texts, then an exact check.

Texts are encoded to UTF-8 and joined with NUL (a non-word byte for ``\\b``, which
the translated classes do not cross) into one buffer. Hyperscan reports, per rule,
every offset where a match ends; each offset is mapped back to its text, and only
those (text, rule) pairs are checked with Python ``re`` semantics. A text that holds
NUL itself is a candidate for every rule.
"""

from __future__ import annotations

import bisect
import hashlib
import os
import sys
import tempfile
import time
from collections.abc import Collection, Sequence
from itertools import accumulate
from pathlib import Path

import hyperscan

from chatscan.core.engine.checker import RuleChecker
from chatscan.core.engine.prefilter import (
    ASCII_FOLDED_CHARS,
    SEPARATOR,
    fold_to_ascii,
    to_hyperscan,
)
from chatscan.core.models import Hit
from chatscan.core.rules import RulePack

__all__ = ["HyperscanEngine", "scan_seconds"]

_FLAGS = hyperscan.HS_FLAG_CASELESS


def _cache_dir() -> Path:
    configured = os.environ.get("CHATSCAN_CACHE_DIR")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "chatscan"


def _cache_key(expressions: list[tuple[int, bytes]]) -> str:
    digest = hashlib.sha256(f"{hyperscan.__version__}|{sys.platform}|{_FLAGS}".encode())
    for i, expr in expressions:
        digest.update(b"%d:%s\x00" % (i, expr))
    return digest.hexdigest()[:32]


def _load_cached(expressions: list[tuple[int, bytes]]) -> hyperscan.Database | None:
    """A database compiled earlier for exactly these expressions (compiling takes ~0.1 s)."""
    key = _cache_key(expressions)
    db = _MEMO.get(key)
    if db is not None:
        return db
    try:
        db = hyperscan.loadb((_cache_dir() / f"hs-{key}.db").read_bytes(), hyperscan.HS_MODE_BLOCK)
    except (OSError, hyperscan.error):
        return None
    _MEMO[key] = db
    return db


def _store_cached(expressions: list[tuple[int, bytes]], db: hyperscan.Database) -> None:
    key = _cache_key(expressions)
    _MEMO[key] = db
    directory = _cache_dir()
    try:
        directory.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=directory, suffix=".part")
        with os.fdopen(fd, "wb") as handle:
            handle.write(hyperscan.dumpb(db))
        os.replace(temp, directory / f"hs-{key}.db")
    except (OSError, hyperscan.error):
        pass  # the cache only saves time; without it we compile each run


_MEMO: dict[str, hyperscan.Database] = {}


def _compile(expressions: list[tuple[int, bytes]]) -> hyperscan.Database | None:
    if not expressions:
        return None
    cached = _load_cached(expressions)
    if cached is not None:
        return cached
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
    _store_cached(expressions, db)
    return db


def _utf8(text: str) -> bytes:
    return text.encode("utf-8", "surrogatepass")


def scan_seconds(db: hyperscan.Database, data: bytes) -> float:
    """Best of three scans of ``data``, in seconds (no match is collected)."""
    scratch = hyperscan.Scratch(db)
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        db.scan(data, match_event_handler=lambda *_: None, scratch=scratch)
        best = min(best, time.perf_counter() - start)
    return best


class _Prefilter:
    """One compiled database; rules it cannot express are candidates for every text."""

    def __init__(self, pack: RulePack, invariant: bool) -> None:
        # Messages are scanned folded to ASCII at İ ı ſ K (fold_to_ascii), with
        # expressions that leave those characters' bytes out: Hyperscan compiles them
        # in about half the time (v2: 4 s rather than 7 s with hyperscan 0.7.8) and
        # scans them about as fast. Paragraph mode's invariant expressions scan raw
        # UTF-8 and keep them.
        self.ascii_folded = not invariant
        translated = [
            (i, to_hyperscan(rule.pattern, pack.flags, invariant=invariant, folds=invariant))
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
        self.separator = SEPARATOR
        self._usable = frozenset(usable_ids)
        self._db = db
        self._scratch = hyperscan.Scratch(db) if db is not None else None

    def scan(self, texts: Sequence[str]) -> dict[int, Collection[int]]:
        found: dict[int, set[int]] = {}
        if self._db is not None and texts:
            separator = self.separator.decode()
            joined = separator.join(texts)
            if (
                self.ascii_folded
                and not joined.isascii()
                and any(c in joined for c in ASCII_FOLDED_CHARS)
            ):
                texts = [fold_to_ascii(text) for text in texts]
                joined = separator.join(texts)
            buffer = _utf8(joined)
            matches: list[tuple[int, int]] = []
            append = matches.append

            def on_match(rule: int, _start: int, end: int, _flags: int, _ctx: object) -> None:
                append((end, rule))

            self._db.scan(buffer, match_event_handler=on_match, scratch=self._scratch)
            if joined.count(separator) == len(texts) - 1:
                # No text holds the separator: a match's text is the number of
                # separators before its end, counted incrementally.
                matches.sort()
                index, position = 0, 0
                for end, rule in matches:
                    index += buffer.count(self.separator, position, end)
                    position = end
                    found.setdefault(index, set()).add(rule)
            else:
                # ends[k] is the byte offset just past text k; a separator follows it.
                sizes = [len(t) + 1 if t.isascii() else len(_utf8(t)) + 1 for t in texts]
                ends = [end - 1 for end in accumulate(sizes)]
                left = bisect.bisect_left
                for end, rule in matches:
                    found.setdefault(left(ends, end), set()).add(rule)
                for k, text in enumerate(texts):
                    if separator in text:
                        found[k] = set(self._usable)
        if not self.unfiltered:
            return found  # type: ignore[return-value]
        return {k: self.unfiltered | found.get(k, set()) for k in range(len(texts))}

    def scan_pieces(self, data: bytes, ends: Sequence[int]) -> dict[int, Collection[int]]:
        """Candidates for consecutive pieces of ``data`` (byte ``ends[k]`` ends piece k).

        Matches may run across pieces; that only adds candidates.
        """
        found: dict[int, set[int]] = {}
        if self._db is not None and ends:
            matches: list[int] = []

            def on_match(rule: int, _start: int, end: int, _flags: int, _ctx: object) -> None:
                matches.append(end)
                matches.append(rule)

            self._db.scan(data, match_event_handler=on_match, scratch=self._scratch)
            left, last = bisect.bisect_left, len(ends)
            for n in range(0, len(matches), 2):
                index = left(ends, matches[n])
                if index < last:
                    found.setdefault(index, set()).add(matches[n + 1])
        if not self.unfiltered:
            return found  # type: ignore[return-value]
        return {k: self.unfiltered | found.get(k, set()) for k in range(len(ends))}


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

    def candidates_in_utf8(self, data: bytes, ends: Sequence[int]) -> dict[int, Collection[int]]:
        return self._prefilter(True).scan_pieces(data, ends)

    def check(self, text: str, rules: Collection[int]) -> tuple[Hit, ...]:
        return self._checker.check(text, rules)

    def match(self, texts: Sequence[str]) -> list[tuple[Hit, ...]]:
        results: list[tuple[Hit, ...]] = [()] * len(texts)
        check = self._checker.check
        for index, rules in self.candidates(texts, invariant=False).items():
            results[index] = check(texts[index], rules)
        return results
