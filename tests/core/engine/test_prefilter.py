"""``to_hyperscan`` must be looser than ``re`` (IGNORECASE): never miss a match."""

from __future__ import annotations

import random
import re

import pytest

from chatscan.core.engine.prefilter import NORMALISATION_UNSAFE_CHARS, to_hyperscan
from chatscan.core.rules import CompiledRule, load_pack
from tests.core.engine.engine_samples import (
    LEFT_GLUE,
    RIGHT_GLUE,
    sample_pattern,
    vary_case,
    vary_folds,
)

hyperscan = pytest.importorskip("hyperscan")

SEED = 1337
PACK = load_pack()
V2 = load_pack("v2")


def _database(expression: bytes) -> hyperscan.Database:
    db = hyperscan.Database()
    db.compile(expressions=[expression], ids=[0], elements=1, flags=[hyperscan.HS_FLAG_CASELESS])
    return db


def _hs_matches(db: hyperscan.Database, data: bytes) -> bool:
    found: list[int] = []

    def on_match(_id: int, _start: int, end: int, _flags: int, _ctx: object) -> None:
        found.append(end)

    db.scan(data, match_event_handler=on_match)
    return bool(found)


def _assert_looser(
    pattern: str, texts: list[str] | tuple[str, ...], invariant: bool = False
) -> int:
    """Every text re matches, Hyperscan matches too; returns how many re matched.

    The ``invariant`` expression promises more (texts equal after normalisation), so
    at least this, outside the characters it declares unsafe.
    """
    expression = to_hyperscan(pattern, re.IGNORECASE, invariant=invariant)
    assert expression is not None, f"{pattern!r} is not translated"
    db = _database(expression)
    regex = re.compile(pattern, re.IGNORECASE)
    matched = 0
    for text in texts:
        if invariant and any(c in text for c in NORMALISATION_UNSAFE_CHARS):
            continue
        if regex.search(text):
            matched += 1
            assert _hs_matches(db, text.encode()), (
                f"re matches but Hyperscan does not:\n  pattern {pattern!r}\n"
                f"  expression {expression!r}\n  text {text!r}"
            )
    return matched


# (pattern, texts): the texts re matches (and a few it does not, which prove nothing).
PREFILTER_CASES: tuple[tuple[str, tuple[str, ...]], ...] = (
    (r"\bsafe\b", ("safe", "SAFE", "ſafe", "ſAFE", "(safe)", "safe\u0301", "e\u0301safe")),
    (r"\bsafe\b", ("😀safe😀", "safe’", "\u00a0safe\u00a0", "\nsafe\n", "cafésafe")),
    (r"\bkeep\b", ("\u212aeep", "KEEP", "\u212a\u212aeep", "keep!")),
    (r"\bi was\b", ("İ was", "ı was", "I WAS", "\u0130 WAS", "i waſ")),
    (r"\bthis\b", ("thiſ", "THİS", "thıs", "\u212athis")),
    (r"\bI\b", ("İ", "ı", "i")),
    (r"[a-z]+ing", ("ſing", "İNG", "KİNG", "\u212aing")),
    (r"[A-Z]{3}", ("ſıK", "\u212a\u212a\u212a", "abc")),
    (r"[h-l]", ("\u212a", "İ", "ı")),
    (r"[r-t]x", ("ſx", "SX")),
    (r"[^a-z]x", ("éx", "\nx", "1x")),
    (r"[\]\-^]+", ("]-^", "^")),
    (r"\d{3}", ("١٢٣", "１２３", "123")),
    (r"\s+x", ("\u00a0x", "\u3000x", "\nx", "\x0bx", "\x85x", "\x1cx")),
    (r"\w+@", ("日本@", "é@", "ſ@", "_@")),
    (r"\W", ("é\u00a0", "😀", "\n")),
    (r"a[^\n]b", ("aéb", "a😀b", "a\rb")),
    (r"a.b", ("aéb", "a😀b", "a\u2028b", "a\x85b")),
    (r"a.{0,2}b", ("aéüb", "a😀😀b", "ab")),
    (r"(?s:a.b)", ("a\nb", "aéb")),
    (r"(?s)x.y", ("x\ny", "x😀y")),
    (r"(?s:a(?-s:.)b)", ("aéb", "a\nb")),
    (r"\bcafé\b", ("café", "CAFÉ", "cafÉ", "Café!")),
    (r"naïve", ("NAÏVE", "naïve")),
    (r"don’t", ("DON’T", "don’t")),
    (r"ǆ", ("Ǆ", "ǅ", "ǆ")),
    (r"σ", ("ς", "Σ", "σ")),
    (r"ß", ("ẞ", "ß")),
    (r"µ", ("μ", "Μ")),
    ("\u212a", ("k", "K", "\u212a")),
    (r"ſ", ("s", "S")),
    (r"\u0130", ("i", "I")),
    (r"\x00x", ("\x00x",)),
    (r"a{2,3}b", ("aab", "AAAB")),
    (r"(?<=my )password\b", ("my password", "MY PASSWORD")),
    (r"(?<!un)safe\b", ("safe", "notsafe", "ſafe")),
    (r"\bsafe(?= now)", ("safe now", "SAFE NOW")),
    (r"\bstop(?!watch)\b", ("stop", "STOP!")),
    (r"^hello$", ("hello", "hello\n")),
    (r"(?m)^ok$", ("x\nok\ny", "ok")),
    (r"\Aok\Z", ("ok",)),
    (r"\bend\B", ("endx", "ende")),
    (r"\B-\B", ("--", " - ")),
    (r"\b(?:leave|go) now\b", ("leave now", "GO NOW", "gO\u00a0now")),
    (r"\bfrom .+? to\b", ("from é to", "from a to b to c")),
    (r"\bgo++al\b", ("goal", "GOOOAL")),
    (r"(?>ab|a)c", ("abc", "ac")),
    (r"\b(\w+) \1\b", ("été été", "the the", "ſ S")),
    (r"(?P<w>\w)(?P=w)", ("ss", "ſS", "éÉ")),
    (r"(?-i:Stop)", ("Stop",)),
    (r"(?x) big \s dog", ("big dog", "BIG\ndog")),
    (r"\bi'?m keeping you safe\b", ("İ'm \u212aeeping you ſafe", "im keeping you safe")),
    (r"\byou made me\b.*\bscared\b", ("you made me so scared", "YOU MADE ME 😱 SCARED")),
    (r"\bit['’‘]?s\b", ("it’s", "IT‘S", "it's", "its")),
    (r"don[’']t", ("DON’T", "don't")),
    (r"(?:^|[.!?] )no\b", ("no", "ok. no", "NO way", "fine! no")),
    (r"(?m)^no\b", ("x\nno", "no")),
    (r"\Ano\b", ("no thanks",)),
)


@pytest.mark.parametrize(
    ("pattern", "texts"),
    PREFILTER_CASES,
    ids=[f"{i}-{p}" for i, (p, _) in enumerate(PREFILTER_CASES)],
)
def test_translation_never_misses(pattern: str, texts: tuple[str, ...]) -> None:
    assert _assert_looser(pattern, texts) > 0, "no text is a re match: the case proves nothing"
    _assert_looser(pattern, texts, invariant=True)


MUTATION_CHARS = "aeiksx_-1 \n\u00a0éſ\u212a\u0130\u0131😀\u0301’'Σς١"


def _mutations(text: str, rng: random.Random, count: int) -> list[str]:
    """Random one- to three-character edits of ``text``."""
    out = []
    for _ in range(count):
        chars = list(text)
        for _ in range(rng.randint(1, 3)):
            at = rng.randrange(len(chars) + 1)
            edit = rng.randrange(3)
            if edit == 0 or not chars:
                chars.insert(at, rng.choice(MUTATION_CHARS))
            elif at < len(chars):
                if edit == 1:
                    chars[at] = rng.choice(MUTATION_CHARS)
                else:
                    del chars[at]
        out.append("".join(chars))
    return out


@pytest.mark.parametrize(
    ("pattern", "texts"),
    PREFILTER_CASES,
    ids=[f"{i}-{p}" for i, (p, _) in enumerate(PREFILTER_CASES)],
)
def test_translation_never_misses_on_mutated_texts(pattern: str, texts: tuple[str, ...]) -> None:
    rng = random.Random(f"{SEED}-{pattern}-{texts}")
    mutated = [m for text in texts for m in _mutations(text, rng, 60)]
    _assert_looser(pattern, mutated)
    _assert_looser(pattern, mutated, invariant=True)


def _decorated_samples(pattern: str, rng: random.Random, count: int) -> list[str]:
    out = []
    for _ in range(count):
        text = sample_pattern(pattern, rng)
        text = vary_case(text, rng)
        if rng.random() < 0.5:
            text = vary_folds(text, rng, 0.5)
        if rng.random() < 0.3:
            text = rng.choice(LEFT_GLUE) + text
        if rng.random() < 0.3:
            text = text + rng.choice(RIGHT_GLUE)
        out.append(text)
    return out


@pytest.mark.parametrize("rule", PACK.rules + V2.rules, ids=[r.id for r in PACK.rules + V2.rules])
def test_default_pack_translation_never_misses(rule: CompiledRule) -> None:
    pattern = rule.pattern
    rng = random.Random(f"{SEED}-{pattern}")
    texts = _decorated_samples(pattern, rng, 300)
    assert _assert_looser(pattern, texts) > 100
    assert _assert_looser(pattern, texts, invariant=True) > 50


@pytest.mark.parametrize(
    "pattern", [r"(a)?(?(1)b|c)", r"(?P<q>\")?\w+(?(q)\")", r"(<)?\bok(?(1)>|!)"]
)
@pytest.mark.parametrize("invariant", [False, True])
def test_conditional_group_is_not_translated(pattern: str, invariant: bool) -> None:
    # A bare "(?(1)a|b)" is not a valid Python pattern (no group 1), so each case
    # defines the group it tests.
    assert to_hyperscan(pattern, re.IGNORECASE, invariant=invariant) is None


@pytest.mark.parametrize("invariant", [False, True])
def test_translations_are_ascii_and_compile(invariant: bool) -> None:
    """Every default-pack rule is prefiltered (none falls back to "check everything")."""
    for rule in PACK.rules:
        expression = to_hyperscan(rule.pattern, PACK.flags, invariant=invariant)
        assert expression is not None, rule.id
        expression.decode("ascii")
        _database(expression)


@pytest.mark.parametrize(
    ("pattern", "text"),
    [
        (r"\bsafe\b", "unsafe"),
        (r"\bsafe\b", "safety"),
        (r"\byou made me\b.*\bscared\b", "you made me\nscared"),
        (r"\bno\b", "nobody"),
        (r"\bi said no\b", "i said nothing"),
        # A small class of caseless characters stays exact: no "any code point".
        (r"\bit['’‘]?s\b", "it—s"),
        (r"\bit['’‘]?s\b", "it😀s"),
        # A start anchor stays a start anchor (of the buffer or after a separator).
        (r"(?:^|[.!?] )no\b", "ok no"),
        (r"^no\b", "well no"),
        (r"(?m)^no\b", "well no"),
    ],
)
def test_translation_still_filters(pattern: str, text: str) -> None:
    """Looser, yet still a filter: plain ASCII non-matches are rejected."""
    expression = to_hyperscan(pattern, re.IGNORECASE)
    assert expression is not None
    assert not _hs_matches(_database(expression), text.encode())


@pytest.mark.parametrize(
    ("pattern", "text"),
    [(r"\bkill\b", "\u212aİLL"), (r"\bsafe\b", "ſAFE"), (r"[a-z]+ing", "ſıng"), (r"\bi\b", "ı")],
)
def test_ascii_folded_translation(pattern: str, text: str) -> None:
    """Without the fold bytes the expression is plain ASCII literals (what Hyperscan
    scans fastest in a large pack), and holds for texts passed through fold_to_ascii."""
    from chatscan.core.engine.prefilter import fold_to_ascii

    expression = to_hyperscan(pattern, re.IGNORECASE, folds=False)
    assert expression is not None
    assert b"\\xc4" not in expression and b"\\xc5" not in expression
    assert re.search(pattern, text, re.IGNORECASE)
    assert _hs_matches(_database(expression), fold_to_ascii(text).encode())
    assert not _hs_matches(_database(expression), text.encode())
