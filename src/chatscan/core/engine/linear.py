"""Linear-time matching for long messages, with Python-``re`` results on ASCII rules.

Python's ``re`` can take quadratic time on long hostile text (``you made me``
repeated 100k times against ``you made me.*scared``). Messages longer than
``LONG_TEXT_CHARS`` are therefore checked with RE2, which is linear.

RE2 and ``re`` disagree on non-ASCII text (``\\b`` and ``\\s`` are ASCII-only in
RE2; ``re`` folds ``ſ`` to ``s`` under IGNORECASE). For a rule whose pattern is
pure ASCII, we map every character of the text one-for-one to an ASCII stand-in
that ``re`` treats the same way the pattern can observe (a word character, a
space, a digit, the letter it folds to, or plain punctuation), so RE2 on the
stand-in text gives exactly the spans ``re`` gives on the original.
"""

from __future__ import annotations

import re
import re._constants as sre
from typing import Any

import re2

from chatscan.core.rules.safety import children, parse

__all__ = ["LONG_TEXT_CHARS", "LinearRule", "compile_linear", "to_ascii_standins"]

LONG_TEXT_CHARS = 4096

# Non-ASCII characters that Python's re, under IGNORECASE, equates with ASCII letters
# (computed over every code point; tests/core/engine/test_linear.py re-derives it).
IGNORECASE_ASCII_FOLDS = {0x130: "i", 0x131: "i", 0x17F: "s", 0x212A: "k"}

# Stand-ins, each a character RE2 classes the way re classes what it stands for. A rule
# whose pattern names one of them (as a literal or inside a range) is not run exactly.
_WORD_STANDIN = "_"  # \w, not \d, not \s, no letter
_DIGIT_STANDIN = "0"  # \d and \w
_SPACE_STANDIN = "\x0c"  # \s (form feed: in both engines' \s, distinct from " ")
_OTHER_STANDIN = "\x7f"  # none of \w \d \s
# ASCII whitespace that re's \s matches and RE2's \s does not.
_ASCII_SPACES_RE2_MISSES = {0x0B: _SPACE_STANDIN, 0x1C: _SPACE_STANDIN, 0x1D: _SPACE_STANDIN,
                            0x1E: _SPACE_STANDIN, 0x1F: _SPACE_STANDIN}  # fmt: skip
_RESERVED = {
    ord(_WORD_STANDIN),
    ord(_DIGIT_STANDIN),
    ord(_SPACE_STANDIN),
    ord(_OTHER_STANDIN),
    *_ASCII_SPACES_RE2_MISSES,
}


class _StandIns(dict[int, str]):
    def __missing__(self, codepoint: int) -> str:
        if codepoint < 0x80:
            value = _ASCII_SPACES_RE2_MISSES.get(codepoint, chr(codepoint))
        elif codepoint in IGNORECASE_ASCII_FOLDS:
            value = IGNORECASE_ASCII_FOLDS[codepoint]
        else:
            char = chr(codepoint)
            if char.isspace():
                value = _SPACE_STANDIN
            elif char.isdecimal():
                value = _DIGIT_STANDIN
            elif char.isalnum():
                value = _WORD_STANDIN
            else:
                value = _OTHER_STANDIN
        self[codepoint] = value
        return value


_STANDINS = _StandIns()


_ASCII_NEEDING_STANDINS = "".join(map(chr, _ASCII_SPACES_RE2_MISSES))


def to_ascii_standins(text: str) -> str:
    """Map each character to its ASCII stand-in; length and offsets are unchanged."""
    if text.isascii() and not any(char in text for char in _ASCII_NEEDING_STANDINS):
        return text
    return text.translate(_STANDINS)


_UNSUPPORTED_ANCHORS = {sre.AT_END, sre.AT_END_STRING, sre.AT_BEGINNING_STRING}


def _codepoints_mentioned(items: Any, out: list[tuple[int, int]]) -> bool:
    """Collect literal/range code points; False if the pattern uses something RE2 would
    read differently (``$`` also matches before a final newline in ``re``; ``\\A``,
    ``\\Z``), cannot run (lookarounds, back-references) or a case-sensitive group."""
    for op, av in items:
        if op == sre.AT and av in _UNSUPPORTED_ANCHORS:
            return False
        if op in (sre.LITERAL, sre.NOT_LITERAL):
            out.append((av, av))
        elif op == sre.IN:
            for iop, iav in av:
                if iop in (sre.LITERAL, sre.NOT_LITERAL):
                    out.append((iav, iav))
                elif iop == sre.RANGE:
                    out.append(iav)
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            if not _codepoints_mentioned(av[2], out):
                return False
        elif op == sre.SUBPATTERN:
            if av[2] & sre.SRE_FLAG_IGNORECASE or not _codepoints_mentioned(av[3], out):
                return False
        elif op == sre.ATOMIC_GROUP:
            if not _codepoints_mentioned(av, out):
                return False
        elif op == sre.BRANCH:
            if not all(_codepoints_mentioned(alt, out) for alt in av[1]):
                return False
        elif op in (sre.ASSERT, sre.ASSERT_NOT, sre.GROUPREF, sre.GROUPREF_EXISTS):
            return False
    return True


def _has_unbounded_repeat(items: Any) -> bool:
    for op, av in items:
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT) and av[1] == sre.MAXREPEAT:
            return True
        if any(_has_unbounded_repeat(child) for child in children(op, av)):
            return True
    return False


class LinearRule:
    """One rule compiled for RE2, over stand-in text (exact) or raw text (close)."""

    __slots__ = ("exact", "regex")

    def __init__(self, regex: Any, exact: bool) -> None:
        self.regex = regex
        self.exact = exact

    def search_span(self, text: str, standins: str, pos: int = 0) -> tuple[int, int] | None:
        """The first match's span, searching from character ``pos``."""
        if not self.exact and _has_surrogates(text):
            text = _SURROGATE.sub("\ufffd", text)  # RE2 takes UTF-8 only; lengths stay
        subject = standins if self.exact else text
        match = self.regex.search(subject, pos) if pos else self.regex.search(subject)
        return match.span() if match else None


_SURROGATE = re.compile("[\ud800-\udfff]")


def _has_surrogates(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def compile_linear(pattern: str, flags: int) -> LinearRule | None:
    """An RE2 form of ``pattern``, or None when RE2 cannot express it."""
    points: list[tuple[int, int]] = []
    try:
        parsed = parse(pattern, flags)
        supported = _codepoints_mentioned(parsed, points)
    except Exception:
        return None
    if not supported:
        return None
    if not flags & re.IGNORECASE:
        return None  # the fold stand-ins assume IGNORECASE; packs always set it
    exact = all(hi < 0x80 for _, hi in points) and not any(
        lo <= reserved <= hi for lo, hi in points for reserved in _RESERVED
    )
    if not exact and not _has_unbounded_repeat(parsed):
        return None  # re is linear on it and exact: RE2 would only add its differences
    prefix = "(?i)" if flags & re.IGNORECASE else ""
    try:
        regex = re2.compile(prefix + pattern)
    except Exception:
        return None
    return LinearRule(regex, exact)
