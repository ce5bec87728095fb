"""Translate a Python regular expression into a looser Hyperscan expression.

The Hyperscan expression runs over UTF-8 bytes (no UTF-8 mode, ASCII case-folding)
and must match every message the Python pattern matches under IGNORECASE: it may
match more, never less. Messages it reports are then checked exactly by
:class:`~chatscan.core.engine.checker.RuleChecker`. The loosening rules:

- a non-ASCII literal or any character class that is not plain ASCII becomes
  "one code point" (1-4 bytes; excluding ``\\n`` where ``re`` would);
- lookarounds, anchors and ``\\B`` are dropped; a back-reference becomes ``.*``;
- ``\\b`` is kept only next to an ASCII word literal: there a boundary in ``re``
  (Unicode word characters) implies one in Hyperscan (non-ASCII bytes are non-word);
- the ASCII letters that ``re`` folds with non-ASCII characters (i, k, s) also
  accept those characters' UTF-8 bytes.

``None`` means the pattern cannot be translated; such a rule is checked on every message.
"""

from __future__ import annotations

import re._constants as sre
from typing import Any

from chatscan.core.engine.linear import IGNORECASE_ASCII_FOLDS
from chatscan.core.rules.safety import parse

__all__ = ["to_hyperscan"]

_ANY_CODEPOINT = r"[\x00-\xff]{1,4}"
_ANY_BUT_NEWLINE = r"[^\n]{1,4}"
_REPEATS = {sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT}

_FOLD_BYTES: dict[str, list[str]] = {}
for _cp, _letter in IGNORECASE_ASCII_FOLDS.items():
    _FOLD_BYTES.setdefault(_letter, []).append("".join(f"\\x{b:02x}" for b in chr(_cp).encode()))


class _Untranslatable(Exception):
    pass


def _byte(codepoint: int) -> str:
    return f"\\x{codepoint:02x}"


def _is_word_ascii(codepoint: int) -> bool:
    return codepoint < 0x80 and (chr(codepoint).isalnum() or codepoint == 0x5F)


def _literal(codepoint: int, boundary_before: bool, boundary_after: bool) -> str:
    if codepoint >= 0x80:
        return _ANY_BUT_NEWLINE
    char = chr(codepoint).lower()
    plain = ("\\b" if boundary_before else "") + _byte(codepoint) + ("\\b" if boundary_after else "")
    folds = _FOLD_BYTES.get(char)
    if not folds:
        return plain
    return "(?:" + "|".join([plain, *folds]) + ")"


def _char_class(items: Any) -> str:
    members: list[tuple[int, int]] = []
    for op, av in items:
        if op == sre.LITERAL:
            members.append((av, av))
        elif op == sre.RANGE:
            members.append(av)
        else:  # NEGATE, CATEGORY (\d \w \s): any code point, newline included
            return _ANY_CODEPOINT
    if any(hi >= 0x80 for _, hi in members):
        return _ANY_CODEPOINT
    body = "".join(_byte(lo) if lo == hi else f"{_byte(lo)}-{_byte(hi)}" for lo, hi in members)
    folds = [
        fold
        for letter, fold_list in _FOLD_BYTES.items()
        for fold in fold_list
        if any(lo <= ord(c) <= hi for lo, hi in members for c in (letter, letter.upper()))
    ]
    cls = f"[{body}]"
    return "(?:" + "|".join([cls, *folds]) + ")" if folds else cls


def _repeat(lo: int, hi: int) -> str:
    if hi == sre.MAXREPEAT:
        return "*" if lo == 0 else ("+" if lo == 1 else f"{{{lo},}}")
    return f"{{{lo},{hi}}}"


def _sequence(items: Any, dotall: bool) -> str:
    items = list(items)
    before: set[int] = set()
    after: set[int] = set()
    for i, (op, av) in enumerate(items):
        if op == sre.AT and av == sre.AT_BOUNDARY:
            nxt = items[i + 1] if i + 1 < len(items) else None
            prev = items[i - 1] if i > 0 else None
            if nxt and nxt[0] == sre.LITERAL and _is_word_ascii(nxt[1]):
                before.add(i + 1)
            elif prev and prev[0] == sre.LITERAL and _is_word_ascii(prev[1]):
                after.add(i - 1)
    out: list[str] = []
    for i, (op, av) in enumerate(items):
        if op == sre.LITERAL:
            out.append(_literal(av, i in before, i in after))
        elif op == sre.NOT_LITERAL:
            out.append(_ANY_CODEPOINT)
        elif op == sre.ANY:
            out.append(_ANY_CODEPOINT if dotall else _ANY_BUT_NEWLINE)
        elif op == sre.IN:
            out.append(_char_class(av))
        elif op == sre.BRANCH:
            out.append("(?:" + "|".join(_sequence(alt, dotall) for alt in av[1]) + ")")
        elif op == sre.SUBPATTERN:
            _group, add_flags, del_flags, sub = av
            inner_dotall = (dotall or bool(add_flags & sre.SRE_FLAG_DOTALL)) and not (
                del_flags & sre.SRE_FLAG_DOTALL
            )
            out.append("(?:" + _sequence(sub, inner_dotall) + ")")
        elif op == sre.ATOMIC_GROUP:
            out.append("(?:" + _sequence(av, dotall) + ")")
        elif op in _REPEATS:
            lo, hi, sub = av
            out.append("(?:" + _sequence(sub, dotall) + ")" + _repeat(lo, hi))
        elif op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
            continue
        elif op == sre.GROUPREF:
            out.append(r"[\x00-\xff]*")
        else:
            raise _Untranslatable(str(op))
    return "".join(out)


def to_hyperscan(pattern: str, flags: int) -> bytes | None:
    """A Hyperscan expression matching at least what ``pattern`` matches, or None."""
    try:
        parsed = parse(pattern, flags)
        dotall = bool(parsed.state.flags & sre.SRE_FLAG_DOTALL)
        expression = _sequence(parsed, dotall)
    except (_Untranslatable, RecursionError):
        return None
    return expression.encode("ascii") if expression else None
