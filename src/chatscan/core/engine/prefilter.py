"""Translate a Python regular expression into a looser Hyperscan expression.

The Hyperscan expression runs over UTF-8 bytes (no UTF-8 mode, ASCII case-folding)
and must match every text the Python pattern matches under IGNORECASE: it may
match more, never less. Texts it reports are then checked exactly by
:class:`~chatscan.core.engine.checker.RuleChecker`. The loosening rules:

- a non-ASCII literal or any character class that is not plain ASCII becomes
  "one code point" (1-4 bytes other than NUL, the separator; excluding ``\\n`` where
  ``re`` would);
- lookarounds, ``$`` and ``\\B`` are dropped; a back-reference becomes ``.*``; ``^``
  and ``\\A`` become "start of the buffer or just after a separator" (or a newline
  under MULTILINE);
- a small class of caseless characters (``['’‘]``) is kept exact;
- ``\\b`` is kept only next to an ASCII word literal: there a boundary in ``re``
  (Unicode word characters) implies one in Hyperscan (non-ASCII bytes are non-word);
- the ASCII letters that ``re`` folds with non-ASCII characters (i, k, s) also
  accept those characters' UTF-8 bytes.

``invariant=True`` builds an expression that is looser still: it matches every
text X whose *normalised* form (lower-cased, dashes and quotes made plain,
whitespace runs folded, see ``analysis.fingerprint``) equals that of some text Y
the pattern matches, even when X is Y with a prefix cut off. Paragraph mode uses
it to learn which entries can matter for de-duplication without fingerprinting
every entry. On top of the rules above it lets a space or any other whitespace
stand for a whole run of whitespace, lets ``.`` and every class that is not plain
ASCII span any bytes, accepts the typographic twin of ``-``, ``'`` and ``"``, and
drops a ``\\b`` that nothing in the pattern has to precede. Texts containing
U+0130 or U+0307 (the only case where lower-casing changes length) or NUL (the
separator) are outside this guarantee; callers treat them as always matching.

``None`` means the pattern cannot be translated; such a rule is checked on every text.
"""

from __future__ import annotations

import re._constants as sre
from typing import Any

from chatscan.core.engine.linear import IGNORECASE_ASCII_FOLDS
from chatscan.core.rules.safety import parse

__all__ = [
    "ASCII_FOLDED_CHARS",
    "NORMALISATION_UNSAFE_CHARS",
    "SEPARATOR",
    "fold_to_ascii",
    "to_hyperscan",
]

# Lower-casing U+0130 gives two characters, one of them U+0307; NUL is the separator.
NORMALISATION_UNSAFE_CHARS = ("\u0130", "\u0307", "\x00")

# Texts are joined with NUL, which these do not cross; texts holding NUL are checked
# against every rule by the caller.
_ANY_CODEPOINT = r"[\x01-\xff]{1,4}"
_ANY_BUT_NEWLINE = r"[^\n]{1,4}"
SEPARATOR = b"\x00"
_ANY_RUN = r"[\x01-\xff]+"
# Any run of ASCII whitespace or non-ASCII bytes: covers every Unicode whitespace run.
_WHITESPACE_RUN = r"[\x09-\x0d\x1c-\x20\x80-\xff]+"
_REPEATS = {sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT}
# A class of at most this many characters, none of them cased non-ASCII letters, is
# translated exactly rather than as "one code point".
_EXACT_CLASS_MAX = 8
_TEXT_STARTS = (sre.AT_BEGINNING, sre.AT_BEGINNING_STRING)


def _utf8_escaped(char: str) -> str:
    return "".join(f"\\x{b:02x}" for b in char.encode())


_FOLD_BYTES: dict[str, list[str]] = {}
for _cp, _letter in IGNORECASE_ASCII_FOLDS.items():
    _FOLD_BYTES.setdefault(_letter, []).append(_utf8_escaped(chr(_cp)))
# What normalisation maps to these ASCII characters.
_TYPOGRAPHIC_TWINS = {
    "-": [_utf8_escaped("—")],
    "'": [_utf8_escaped("’")],
    '"': [_utf8_escaped("“"), _utf8_escaped("”")],
}


ASCII_FOLDED_CHARS = "".join(map(chr, IGNORECASE_ASCII_FOLDS))
_TO_ASCII_FOLDS = {codepoint: letter for codepoint, letter in IGNORECASE_ASCII_FOLDS.items()}


def fold_to_ascii(text: str) -> str:
    """``text`` with the characters ``re`` folds with i, k or s (İ ı ſ K) made those
    letters, so that expressions built with ``folds=False`` apply to it. Offsets move;
    the separator and every other character stay."""
    return text.translate(_TO_ASCII_FOLDS)


class _Untranslatable(Exception):
    pass


def _byte(codepoint: int) -> str:
    return f"\\x{codepoint:02x}"


def _is_word_ascii(codepoint: int) -> bool:
    return codepoint < 0x80 and (chr(codepoint).isalnum() or codepoint == 0x5F)


def _min_width(op: Any, av: Any) -> int:
    if op in (sre.LITERAL, sre.NOT_LITERAL, sre.ANY, sre.IN):
        return 1
    if op in _REPEATS:
        return av[0] * sum(_min_width(o, a) for o, a in av[2])
    if op == sre.SUBPATTERN:
        return sum(_min_width(o, a) for o, a in av[3])
    if op == sre.ATOMIC_GROUP:
        return sum(_min_width(o, a) for o, a in av)
    if op == sre.BRANCH:
        return min(sum(_min_width(o, a) for o, a in alt) for alt in av[1])
    return 0


class _Translator:
    def __init__(self, invariant: bool, multiline: bool = False, folds: bool = True) -> None:
        self.invariant = invariant
        self.multiline = multiline
        self.folds = _FOLD_BYTES if folds else {}
        self.any_codepoint = _ANY_RUN if invariant else _ANY_CODEPOINT
        self.any_but_newline = _ANY_RUN if invariant else _ANY_BUT_NEWLINE

    def literal(self, codepoint: int, boundary_before: bool, boundary_after: bool) -> str:
        char = chr(codepoint)
        if self.invariant and char.isspace():
            return _WHITESPACE_RUN
        if codepoint >= 0x80:
            return self.any_but_newline
        plain = ("\\b" if boundary_before else "") + _byte(codepoint)
        plain += "\\b" if boundary_after else ""
        alternatives = list(self.folds.get(char.lower(), []))
        if self.invariant:
            alternatives += _TYPOGRAPHIC_TWINS.get(char, [])
        if not alternatives:
            return plain
        return "(?:" + "|".join([plain, *alternatives]) + ")"

    def char_class(self, items: Any) -> str:
        members: list[tuple[int, int]] = []
        for op, av in items:
            if op == sre.LITERAL:
                members.append((av, av))
            elif op == sre.RANGE:
                members.append(av)
            else:  # NEGATE, CATEGORY (\d \w \s): any code point, newline included
                return self.any_codepoint
        if any(hi >= 0x80 for _, hi in members):
            return self.non_ascii_class(members)
        chars = {chr(c) for lo, hi in members for c in range(lo, hi + 1)}
        if self.invariant and any(c.isspace() for c in chars):
            return _ANY_RUN  # a whitespace run, or any other member: keep it simple
        body = "".join(_byte(lo) if lo == hi else f"{_byte(lo)}-{_byte(hi)}" for lo, hi in members)
        alternatives = [
            fold
            for letter, folds in self.folds.items()
            if letter in chars or letter.upper() in chars
            for fold in folds
        ]
        if self.invariant:
            alternatives += [
                t for c, twins in _TYPOGRAPHIC_TWINS.items() if c in chars for t in twins
            ]
        cls = f"[{body}]"
        return "(?:" + "|".join([cls, *alternatives]) + ")" if alternatives else cls

    def non_ascii_class(self, members: list[tuple[int, int]]) -> str:
        """A class with non-ASCII members: exact when it is a few caseless characters
        (``['’‘]``), so Hyperscan keeps its literals; otherwise "one code point"."""
        chars = [
            chr(c) for lo, hi in members for c in range(lo, min(hi, lo + _EXACT_CLASS_MAX) + 1)
        ]
        if (
            self.invariant
            or len(chars) > _EXACT_CLASS_MAX
            or any(ord(c) >= 0x80 and (c.lower() != c or c.upper() != c) for c in chars)
        ):
            return self.any_codepoint
        ascii_members = [(ord(c), ord(c)) for c in chars if ord(c) < 0x80]
        alternatives = (
            [self.char_class([(sre.LITERAL, lo) for lo, _ in ascii_members])]
            if ascii_members
            else []
        )
        alternatives += [_utf8_escaped(c) for c in chars if ord(c) >= 0x80]
        return "(?:" + "|".join(alternatives) + ")"

    def sequence(self, items: Any, dotall: bool, at_start: bool) -> str:
        items = list(items)
        before: set[int] = set()
        after: set[int] = set()
        leading = at_start
        for i, (op, av) in enumerate(items):
            if op == sre.AT and av == sre.AT_BOUNDARY and not (self.invariant and leading):
                nxt = items[i + 1] if i + 1 < len(items) else None
                prev = items[i - 1] if i > 0 else None
                if nxt and nxt[0] == sre.LITERAL and _is_word_ascii(nxt[1]):
                    before.add(i + 1)
                elif prev and prev[0] == sre.LITERAL and _is_word_ascii(prev[1]):
                    after.add(i - 1)
            leading = leading and _min_width(op, av) == 0
        out: list[str] = []
        leading = at_start
        for i, (op, av) in enumerate(items):
            out.append(self.item(op, av, dotall, leading, i in before, i in after))
            leading = leading and _min_width(op, av) == 0
        return "".join(out)

    def item(
        self, op: Any, av: Any, dotall: bool, at_start: bool, b_before: bool, b_after: bool
    ) -> str:
        if op == sre.LITERAL:
            return self.literal(av, b_before, b_after)
        if op == sre.NOT_LITERAL:
            return self.any_codepoint
        if op == sre.ANY:
            return self.any_codepoint if dotall else self.any_but_newline
        if op == sre.IN:
            return self.char_class(av)
        if op == sre.BRANCH:
            return "(?:" + "|".join(self.sequence(alt, dotall, at_start) for alt in av[1]) + ")"
        if op == sre.SUBPATTERN:
            _group, add_flags, del_flags, sub = av
            inner = (dotall or bool(add_flags & sre.SRE_FLAG_DOTALL)) and not (
                del_flags & sre.SRE_FLAG_DOTALL
            )
            return "(?:" + self.sequence(sub, inner, at_start) + ")"
        if op == sre.ATOMIC_GROUP:
            return "(?:" + self.sequence(av, dotall, at_start) + ")"
        if op in _REPEATS:
            lo, hi, sub = av
            return "(?:" + self.sequence(sub, dotall, at_start) + ")" + _repeat(lo, hi)
        if op == sre.AT and not self.invariant and av in _TEXT_STARTS:
            # The start of a text is the start of the buffer or just after a separator.
            multiline = self.multiline and av == sre.AT_BEGINNING
            return r"(?:^|[\x00\n])" if multiline else r"(?:^|\x00)"
        if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
            return ""
        if op == sre.GROUPREF:
            return r"[\x01-\xff]*"
        raise _Untranslatable(str(op))


def _repeat(lo: int, hi: int) -> str:
    if hi == sre.MAXREPEAT:
        return "*" if lo == 0 else ("+" if lo == 1 else f"{{{lo},}}")
    return f"{{{lo},{hi}}}"


def _trim_tail(items: list[Any]) -> list[Any]:
    """Cut what may follow the last required item: a prefix of every match still ends
    inside the same text, and Hyperscan reports every end offset, so a trailing
    ``\\w+`` would report every later byte."""
    while items:
        op, av = items[-1]
        if (
            op == sre.GROUPREF
            or (op in _REPEATS and av[0] == 0)
            or (
                op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT)
                and len(items) > 1
                and (items[-2][0] in _REPEATS or items[-2][0] == sre.GROUPREF)
            )
        ):
            items.pop()
        else:
            if op in _REPEATS and av[1] != av[0]:
                items[-1] = (op, (av[0], av[0], av[2]))
            break
    return items


def to_hyperscan(
    pattern: str, flags: int, *, invariant: bool = False, folds: bool = True
) -> bytes | None:
    """A Hyperscan expression matching at least what ``pattern`` matches, or None.

    ``folds=False`` leaves out the UTF-8 bytes of the non-ASCII characters that fold to
    i, k and s: the expression then holds only for texts passed through
    :func:`fold_to_ascii` first (and does not hold for ``invariant``)."""
    try:
        parsed = parse(pattern, flags)
        dotall = bool(parsed.state.flags & sre.SRE_FLAG_DOTALL)
        items = _trim_tail(list(parsed))
        multiline = bool(parsed.state.flags & sre.SRE_FLAG_MULTILINE)
        translator = _Translator(invariant, multiline, folds=folds or invariant)
        expression = translator.sequence(items, dotall, at_start=True)
    except (_Untranslatable, RecursionError):
        return None
    return expression.encode("ascii") if expression else None
