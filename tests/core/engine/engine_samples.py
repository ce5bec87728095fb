"""Shared text generators for the engine tests (not a test module).

Everything here is deterministic given a ``random.Random``; nothing reads the clock.
"""

from __future__ import annotations

import random
import re
import re._constants as sre
import re._parser as sre_parse
from collections.abc import Callable, Sequence
from typing import Any

from chatscan.core.models import Hit
from chatscan.core.rules import RulePack, load_pack

__all__ = [
    "EVERYDAY",
    "FOLD_SUBSTITUTES",
    "LEFT_GLUE",
    "NEAR_MISSES",
    "NON_ASCII_FILLER",
    "RIGHT_GLUE",
    "describe_difference",
    "long_filler",
    "one_line_dot",
    "reference_hits",
    "sample_pattern",
    "vary_case",
    "vary_folds",
]

# Everyday chat lines: ASCII and not, emoji, combining marks, curly quotes, NBSP.
EVERYDAY: tuple[str, ...] = (
    "hey, are you coming tonight?",
    "lol that's hilarious 😂",
    "can you grab milk on the way home",
    "I'll be there in 10 minutes",
    "did you see the game last night",
    "happy birthday!! 🎉🎂",
    "the meeting got moved to 3pm",
    "ok",
    "sounds good 👍",
    "where did you park?",
    "Je suis en retard, désolé",
    "¿Dónde estás?",
    "Ich komme später, die Straße ist gesperrt",
    "今日は忙しいです",
    "Привет, как дела?",
    "we need to talk about the weekend",
    "thanks for dinner ❤️",
    "my phone is at 5%",
    "brb",
    "call me when you land",
    "the kids are asleep",
    "did you feed the cat?",
    "the naïve café owner said hi",
    "it’s fine, don’t worry",
    "mañana then",
    "ṫhis has a combining dot: e\u0301 and a\u0308",
    "see you at 7\u00a0pm",
    "👨‍👩‍👧 family dinner at mom’s",
    "İstanbul was lovely, ılık weather",
    "\u212aelvin says hi",
    "\u00a0\u00a0indented with no-break spaces",
    "tab\tseparated\tthings",
    "مرحبا كيف حالك",
    "שלום",
    "बहुत अच्छा",
    "ok ok ok 👌🏽",
)

NEAR_MISSES: tuple[str, ...] = (
    "nonstop",
    "unsafe",
    "knows",
    "snow",
    "stopwatch",
    "hurtle",
    "yellow",
    "threats",
    "trappedness",
    "protectorate",
    "safety",
    "nobody",
    "unprotected",
    "leaky",
    "exposed",
    "ruined",
    "watchtower",
    "recorder",
    "listener",
    "cameraman",
    "audiobook",
    "passwords",
    "accountant",
    "photography",
    "clouds",
    "moneyball",
    "leased",
    "safehouse",
    "cafésafe",
    "ſafety",
    "noé",
    "éno",
    "stop_it",
    "hurt2",
    "i wasn’t scared_",
    "you made me_scared",
    "privacy\u0130",
    "\u212anows",
)

# Text glued directly onto a trigger: word characters (no \b in re), then others.
LEFT_GLUE: tuple[str, ...] = (
    "non",
    "un",
    "café",
    "é",
    "_",
    "9",
    "ſ",
    "ß",
    "日本",
    "ı",
    "e\u0301",
    "(",
    '"',
    "“",
    "’",
    "¡",
    "👉",
    "—",
    "*",
    "#",
    "@",
    "\u200b",
    "\ufeff",
    "\u00a0",
    "\u0301",
    "ʼ",
)
RIGHT_GLUE: tuple[str, ...] = (
    "s",
    "ed",
    "é",
    "x",
    "_",
    "1",
    "\u0301",
    "’s",
    "'s",
    "!",
    "?",
    "…",
    "😱",
    ".",
    ",",
    "ſ",
    "\u212a",
    "ʼ",
    "\u200d",
    "\u00a0",
    "²",
    "٣",
)

# Non-ASCII characters Python's re equates with ASCII letters under IGNORECASE.
FOLD_SUBSTITUTES: dict[str, tuple[str, ...]] = {
    "s": ("ſ",),
    "S": ("ſ",),
    "k": ("\u212a",),
    "K": ("\u212a",),
    "i": ("\u0130", "\u0131"),
    "I": ("\u0130", "\u0131"),
}

NON_ASCII_FILLER: tuple[str, ...] = (
    "désolé",
    "naïve",
    "café",
    "日本語",
    "😀",
    "👍🏽",
    "Straße",
    "ſ",
    "\u212a",
    "\u0130",
    "\u0131",
    "e\u0301",
    "\u00a0",
    "\u2009",
    "’",
    "Привет",
    "٣٤",
    "½",
)


def vary_case(text: str, rng: random.Random) -> str:
    """Lower, upper, title, capitalised or random-per-character case."""
    choice = rng.randrange(5)
    if choice == 0:
        return text.lower()
    if choice == 1:
        return text.upper()
    if choice == 2:
        return text.title()
    if choice == 3:
        return text.capitalize()
    return "".join(c.upper() if rng.random() < 0.5 else c.lower() for c in text)


def vary_folds(text: str, rng: random.Random, rate: float = 0.3) -> str:
    """Replace some i/k/s letters by the non-ASCII characters re folds them with."""
    out = []
    for char in text:
        subs = FOLD_SUBSTITUTES.get(char)
        out.append(rng.choice(subs) if subs and rng.random() < rate else char)
    return "".join(out)


def one_line_dot(rng: random.Random) -> str:
    """What a ``.`` in a sampled trigger becomes: a short run of non-newline text."""
    return rng.choice((" ", " really ", " so ", "é", "…", " 😱 ", "\u00a0", "x", ","))


def long_filler(rng: random.Random, size: int, newlines: bool = True) -> str:
    """About ``size`` characters of everyday text with non-ASCII pieces, no trigger words."""
    parts: list[str] = []
    length = 0
    while length < size:
        piece = rng.choice(EVERYDAY) if rng.random() < 0.7 else rng.choice(NON_ASCII_FILLER)
        sep = rng.choice((" ", " ", ". ", ", ", "\n" if newlines else " ", " — "))
        parts.append(piece + sep)
        length += len(piece) + len(sep)
    return "".join(parts)


_CATEGORY_SAMPLES = {
    sre.CATEGORY_WORD: "aZ7_é",
    sre.CATEGORY_DIGIT: "0٣",
    sre.CATEGORY_SPACE: " \u00a0",
    sre.CATEGORY_NOT_WORD: " ,!",
    sre.CATEGORY_NOT_DIGIT: "a ",
    sre.CATEGORY_NOT_SPACE: "a,",
}


def _sample_class(items: Any, rng: random.Random) -> str:
    if items and items[0][0] == sre.NEGATE:
        regex = re.compile(f"[^{''.join(_class_item_text(i) for i in items[1:])}]")
        return rng.choice([c for c in " xq,é😀" if regex.fullmatch(c)])
    members: list[str] = []
    for iop, iav in items:
        if iop == sre.LITERAL:
            members.append(chr(iav))
        elif iop == sre.RANGE:
            members.append(chr(rng.randint(iav[0], iav[1])))
        elif iop == sre.CATEGORY:
            members.append(rng.choice(_CATEGORY_SAMPLES[iav]))
        else:
            raise NotImplementedError(f"class item {iop}")
    return rng.choice(members)


def _class_item_text(item: Any) -> str:
    op, av = item
    if op == sre.LITERAL:
        return re.escape(chr(av))
    if op == sre.RANGE:
        return f"{re.escape(chr(av[0]))}-{re.escape(chr(av[1]))}"
    raise NotImplementedError(f"negated class item {op}")


def _sample_items(
    items: Any, rng: random.Random, dot: Callable[[random.Random], str], out: list[str]
) -> None:
    for op, av in items:
        if op == sre.LITERAL:
            out.append(chr(av))
        elif op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
            continue  # a lookaround the sample happens to break is retried
        elif op == sre.ANY:
            out.append(dot(rng))
        elif op == sre.IN:
            out.append(_sample_class(av, rng))
        elif op == sre.BRANCH:
            _sample_items(rng.choice(av[1]), rng, dot, out)
        elif op == sre.SUBPATTERN:
            _sample_items(av[3], rng, dot, out)
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            lo, hi, sub = av
            if len(sub) == 1 and sub[0][0] == sre.ANY:
                lo = max(lo, 1)  # so that a ``.*`` really shows its ``dot`` text
            count = rng.randint(lo, min(hi, lo + 2))
            for _ in range(count):
                _sample_items(sub, rng, dot, out)
        else:
            raise NotImplementedError(f"cannot sample {op}")


def sample_pattern(
    pattern: str,
    rng: random.Random,
    dot: Callable[[random.Random], str] = one_line_dot,
    must_match: bool = True,
) -> str:
    """A string ``pattern`` matches (for literal/class/branch/repeat/``.`` patterns).

    With ``must_match`` false, the string is built the same way but not checked (used
    with a ``dot`` that returns newlines, which ``.`` cannot match).
    """
    parsed = sre_parse.parse(pattern)
    regex = re.compile(pattern, re.IGNORECASE)
    for _attempt in range(100):
        out: list[str] = []
        _sample_items(parsed, rng, dot, out)
        sample = "".join(out)
        if not must_match or regex.search(sample):
            return sample
    raise AssertionError(f"no sample of {pattern!r} found")


def reference_hits(pack: RulePack, text: str) -> tuple[Hit, ...]:
    """Hits computed the slow obvious way: every rule's ``regex.search``."""
    hits = []
    for rule in pack.rules:
        match = rule.regex.search(text)
        if match is not None:
            hits.append(Hit(rule.id, rule.category, rule.tier, match.start(), match.end()))
    return tuple(hits)


def _around(text: str, start: int, end: int, margin: int = 40) -> str:
    return repr(text[max(0, start - margin) : end + margin])


def describe_difference(
    text: str,
    left: Sequence[Hit],
    right: Sequence[Hit],
    names: tuple[str, str] = ("re", "hyperscan"),
) -> str:
    """A readable account of two hit lists that differ on one text."""
    only_left = [h for h in left if h not in right]
    only_right = [h for h in right if h not in left]
    lines = [f"text ({len(text)} chars): {text[:300]!r}{'…' if len(text) > 300 else ''}"]
    for name, hits in ((names[0], only_left), (names[1], only_right)):
        for hit in hits:
            lines.append(
                f"  only {name}: {hit.rule_id} [{hit.start}:{hit.end}] "
                f"around {_around(text, hit.start, hit.end)}"
            )
    lines.append(f"  {names[0]}: {[(h.rule_id, h.start, h.end) for h in left]}")
    lines.append(f"  {names[1]}: {[(h.rule_id, h.start, h.end) for h in right]}")
    return "\n".join(lines)


def default_pack() -> RulePack:
    return load_pack()
