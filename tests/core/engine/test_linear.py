"""The long-text path (RE2 over ASCII stand-ins) must give Python ``re``'s results."""

from __future__ import annotations

import random
import re
import string

import pytest
import re2

from chatscan.core.engine import LONG_TEXT_CHARS, RuleChecker
from chatscan.core.engine.linear import (
    _RESERVED,
    IGNORECASE_ASCII_FOLDS,
    compile_linear,
    to_ascii_standins,
)
from chatscan.core.rules import CompiledRule, RulePack, load_pack, pack_from_dict
from tests.core.engine.engine_samples import (
    EVERYDAY,
    FOLD_SUBSTITUTES,
    NON_ASCII_FILLER,
    describe_difference,
    long_filler,
    reference_hits,
    sample_pattern,
    vary_case,
    vary_folds,
)

SEED = 4096
ALL_CHARS = "".join(chr(c) for c in range(0x80, 0x110000) if not 0xD800 <= c <= 0xDFFF)
EVERY_CHAR = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)
PACK = load_pack()
DEFAULT_CHECKER = RuleChecker(PACK)

# Long fillers: one with non-ASCII text (uses the stand-ins), one pure ASCII.
NON_ASCII_LONG = "désolé, see you later 😀 naïve café — " * 120
ASCII_LONG = "see you later, ok? we can talk then. " * 120
assert len(NON_ASCII_LONG) > LONG_TEXT_CHARS and len(ASCII_LONG) > LONG_TEXT_CHARS


def _one_rule_pack(pattern: str) -> RulePack:
    return pack_from_dict(
        {
            "name": "one",
            "version": "1",
            "categories": [{"name": "C"}],
            "rules": [{"id": "r", "category": "C", "tier": "TOKEN", "pattern": pattern}],
        }
    )


def _assert_checker_equals_re(pack: RulePack, text: str) -> None:
    assert len(text) > LONG_TEXT_CHARS
    checker = DEFAULT_CHECKER if pack is PACK else RuleChecker(pack)
    got = checker.check(text, range(len(pack.rules)))
    want = reference_hits(pack, text)
    assert got == want, describe_difference(text, want, got, ("re", "checker"))


# --------------------------------------------------------------------------- (a) fold table


def test_ignorecase_ascii_folds_table_is_complete() -> None:
    """Every non-ASCII code point that re (IGNORECASE) equates with [a-z0-9_]."""
    word = re.compile("[a-z0-9_]", re.IGNORECASE)
    derived: dict[int, str] = {}
    for match in word.finditer(ALL_CHARS):
        char = match.group()
        equal = [
            a for a in string.ascii_lowercase + string.digits + "_" if re.fullmatch(a, char, re.I)
        ]
        assert len(equal) == 1, (hex(ord(char)), equal)
        derived[ord(char)] = equal[0]
    assert derived == IGNORECASE_ASCII_FOLDS


@pytest.mark.parametrize("letter", string.ascii_letters + string.digits + "_")
def test_ascii_literal_folds_match_table(letter: str) -> None:
    """A literal (not a class) folds with exactly the table's characters too."""
    found = {ord(m.group()) for m in re.finditer(letter, ALL_CHARS, re.IGNORECASE)}
    assert found == {cp for cp, a in IGNORECASE_ASCII_FOLDS.items() if a == letter.lower()}


def test_no_other_ascii_character_folds_with_non_ascii() -> None:
    found = {ord(m.group()) for m in re.finditer(r"[\x00-\x7f]", ALL_CHARS, re.IGNORECASE)}
    assert found == set(IGNORECASE_ASCII_FOLDS)


def test_fold_substitutes_used_by_the_generators_are_the_table() -> None:
    used = {ord(c) for subs in FOLD_SUBSTITUTES.values() for c in subs}
    assert used == set(IGNORECASE_ASCII_FOLDS)


# --------------------------------------------------------------------------- (c) stand-ins


def test_standins_keep_length_and_are_ascii() -> None:
    standins = to_ascii_standins(EVERY_CHAR)
    assert len(standins) == len(EVERY_CHAR)
    assert standins.isascii()
    rng = random.Random(SEED)
    for _ in range(200):
        text = "".join(rng.choice(EVERY_CHAR) for _ in range(rng.randint(0, 60)))
        mapped = to_ascii_standins(text)
        assert len(mapped) == len(text)
        assert to_ascii_standins(text + "\U0001f600é") == mapped + to_ascii_standins("😀é")


@pytest.mark.parametrize("category", [r"\w", r"\W", r"\s", r"\S", r"\d", r"\D", r"."])
def test_standins_keep_class_membership_for_re2(category: str) -> None:
    """RE2 (ASCII classes) on a stand-in sees the class re sees on the original."""
    standins = to_ascii_standins(EVERY_CHAR)
    in_re = {m.start() for m in re.finditer(category, EVERY_CHAR)}
    in_re2 = {chr(c): re2.fullmatch(category, chr(c)) is not None for c in range(0x80)}
    wrong = [
        f"U+{ord(char):04X}->{standin!r}"
        for index, (char, standin) in enumerate(zip(EVERY_CHAR, standins, strict=True))
        if (index in in_re) != in_re2[standin]
    ]
    assert not wrong, f"{len(wrong)} code points, e.g. {wrong[:12]}"


def test_standins_keep_word_boundaries_for_re2() -> None:
    rng = random.Random(SEED)
    pieces = ["a", "é", "_", "٣", " ", "\u0301", "😀", "ſ", "\u212a", "-", "\u00a0", "日"]
    for _ in range(2000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 8)))
        want = {m.start() for m in re.finditer(r"\b", text)}
        got = {m.start() for m in re2.finditer(r"\b", to_ascii_standins(text))}
        assert want == got, repr(text)


def test_standins_only_equal_ascii_the_original_equals() -> None:
    """A stand-in may only be an ASCII character re equates with the original, or one
    that marks a pattern mentioning it as not exact; otherwise an exact rule's literal
    matches a stand-in where re's literal does not match the original."""
    standins = to_ascii_standins(EVERY_CHAR)
    mapped_to: dict[str, list[int]] = {}
    for index, (char, standin) in enumerate(zip(EVERY_CHAR, standins, strict=True)):
        if standin != char and ord(standin) not in _RESERVED:
            mapped_to.setdefault(standin, []).append(index)
    wrong: list[str] = []
    for standin, indices in sorted(mapped_to.items()):
        equal = {m.start() for m in re.finditer(re.escape(standin), EVERY_CHAR, re.IGNORECASE)}
        wrong += [f"U+{ord(EVERY_CHAR[i]):04X}->{standin!r}" for i in indices if i not in equal]
    assert not wrong, f"{len(wrong)} code points, e.g. {wrong[:12]}"


# --------------------------------------------------------------------------- (b) long texts


def _decorate_around(trigger: str, rng: random.Random) -> str:
    """Non-ASCII content around (and folds inside) a trigger; its spaces stay spaces."""
    text = vary_case(trigger, rng) if rng.random() < 0.5 else trigger
    if rng.random() < 0.3:
        text = vary_folds(text, rng)
    left = rng.choice(("", " ", "é", "_", "ſ", "\u0301", "😀", "’", "\u00a0", "٣", "日", "\n"))
    right = rng.choice(("", " ", "é", "x", "\u0301", "😱", "’s", "\u00a0", "²", "\u212a", "\n"))
    return left + text + right


def _long_texts_for(rule: CompiledRule, rng: random.Random, count: int) -> list[str]:
    texts = []
    for i in range(count):
        trigger = _decorate_around(sample_pattern(rule.pattern, rng), rng)
        filler = long_filler(rng, LONG_TEXT_CHARS + rng.randint(1, 500), newlines=i % 2 == 0)
        if i % 5 == 4:
            filler = filler.encode("ascii", "ignore").decode() + ASCII_LONG
        at = rng.choice((0, len(filler) // 2, len(filler), rng.randrange(len(filler))))
        texts.append(filler[:at] + trigger + filler[at:])
    return texts


@pytest.mark.parametrize("rule", PACK.rules, ids=[r.id for r in PACK.rules])
def test_default_rules_on_long_texts_match_re(rule: CompiledRule) -> None:
    rng = random.Random(f"{SEED}-{rule.id}")
    linear = compile_linear(rule.pattern, PACK.flags)
    assert linear is not None and linear.exact, "default-pack rules take the exact RE2 path"
    for text in _long_texts_for(rule, rng, 24):
        _assert_checker_equals_re(PACK, text)


def test_default_rules_long_texts_actually_hit() -> None:
    """The long texts above are not vacuous: most contain their rule's match."""
    rng = random.Random(SEED)
    rule = next(r for r in PACK.rules if r.id == "harm.phrase.you_made_me_scared")
    texts = _long_texts_for(rule, rng, 40)
    assert sum(1 for t in texts if rule.regex.search(t)) >= 5


# Characters that may stand between the words of a phrase in a long message; re treats
# none of them (bar the space) as the pattern's literal space.
PHRASE_SEPARATORS = {
    "space": " ",
    "tab": "\t",
    "newline": "\n",
    "nbsp": "\u00a0",
    "thin-space": "\u2009",
    "ideographic-space": "\u3000",
    "line-separator": "\u2028",
    "nel": "\x85",
    "vertical-tab": "\x0b",
    "file-separator": "\x1c",
}


@pytest.mark.parametrize("separator", PHRASE_SEPARATORS.values(), ids=PHRASE_SEPARATORS.keys())
@pytest.mark.parametrize("filler", [NON_ASCII_LONG, ASCII_LONG], ids=["non-ascii", "ascii"])
def test_phrase_with_odd_space_in_long_text_matches_re(separator: str, filler: str) -> None:
    for phrase in ("you made me scared", "i said no", "to keep you safe", "i'm going to post"):
        _assert_checker_equals_re(PACK, filler + phrase.replace(" ", separator, 1) + " ok")


# Custom ASCII-only patterns: the docstring promises exact re results for them.
ASCII_PATTERN_CASES: dict[str, tuple[str, str, str]] = {
    # id: (pattern, filler, tail of the long text)
    "dollar-at-end": (r"\bscared$", NON_ASCII_LONG, "so scared"),
    "dollar-before-final-newline": (r"\bscared$", NON_ASCII_LONG, "so scared\n"),
    "dollar-before-final-newline-ascii": (r"\bscared$", ASCII_LONG, "so scared\n"),
    "multiline-anchors": (r"(?m)^ok$", NON_ASCII_LONG, "\nok\nthen"),
    "space-class-nbsp": (r"you\smade", NON_ASCII_LONG, "you\u00a0made"),
    "space-class-fs": (r"you\smade", NON_ASCII_LONG, "you\x1cmade"),
    "space-class-vt-ascii-text": (r"you\smade", ASCII_LONG, "you\x0bmade"),
    "space-class-fs-ascii-text": (r"you\smade", ASCII_LONG, "you\x1fmade"),
    "digit-class-arabic": (r"\b\d{2}\b", NON_ASCII_LONG, "code ١٢ ok"),
    "digit-range-arabic": (r"\b[0-9]{2}\b", NON_ASCII_LONG, "code ١٢ ok"),
    "digit-literal-arabic": (r"\b0\b", NON_ASCII_LONG, "zero ٠ ok"),
    "not-space-nbsp": (r"a[^ ]b", NON_ASCII_LONG, "a\u00a0b"),
    "hex-escape-non-ascii": (r"\bcaf\xe9\b", ASCII_LONG, "café"),
    "case-sensitive-fold": (r"\b(?-i:s)afe\b", NON_ASCII_LONG, "ſafe"),
    "fold-kelvin": (r"\bkeep\b", NON_ASCII_LONG, "\u212aeep"),
    "fold-dotless-i": (r"\bi was\b", NON_ASCII_LONG, "\u0131 was"),
    "word-class": (r"\b\w+ly\b", NON_ASCII_LONG, "trèsly"),
    "underscore-literal": (r"a_b", NON_ASCII_LONG, "aéb a_b"),
    "dot-line-separator": (r"a.b", NON_ASCII_LONG, "a\u2028b"),
    "dot-newline": (r"a.b", NON_ASCII_LONG, "a\nb"),
    "dotall-newline": (r"(?s:a.b)", NON_ASCII_LONG, "a\nb"),
    "lazy-repeat": (r"\bfrom .+? to\b", NON_ASCII_LONG, "from é to ü to x"),
    "alternation": (r"\b(?:leave|go) now\b", NON_ASCII_LONG, "GO NOW"),
    "negated-class-letters": (r"\bno[^a-z]", NON_ASCII_LONG, "noé noſ no!"),
}


@pytest.mark.parametrize(
    ("pattern", "filler", "tail"), ASCII_PATTERN_CASES.values(), ids=ASCII_PATTERN_CASES.keys()
)
def test_ascii_pattern_on_long_text_matches_re(pattern: str, filler: str, tail: str) -> None:
    pack = _one_rule_pack(pattern)
    _assert_checker_equals_re(pack, filler + tail)
    _assert_checker_equals_re(pack, tail + " " + filler)


def test_non_ascii_pattern_without_unbounded_repeat_stays_exact_on_long_text() -> None:
    """re is linear on such a pattern, so the long path keeps it (RE2 would differ)."""
    _assert_checker_equals_re(_one_rule_pack(r"\bcafé\b"), NON_ASCII_LONG + "caféx")


@pytest.mark.xfail(
    strict=True,
    reason="non-ASCII patterns with an unbounded repeat run on raw text in RE2 on long "
    "messages: linear, but RE2's \\b is ASCII-only (documented as close)",
)
def test_non_ascii_pattern_with_repeat_word_boundary_on_long_text() -> None:
    _assert_checker_equals_re(_one_rule_pack(r"\bcafé\b.*x"), NON_ASCII_LONG + "caféx x")


@pytest.mark.parametrize("pattern", [r"\bnaïve\b", r"\bsafe\b"], ids=["non-ascii", "ascii"])
def test_long_text_with_lone_surrogate(pattern: str) -> None:
    """JSON exports can hold lone surrogates; the long path must not raise on them."""
    text = NON_ASCII_LONG + "broken \ud83d emoji, naïve and safe"
    _assert_checker_equals_re(_one_rule_pack(pattern), text)


def test_threshold_is_exclusive() -> None:
    """A message of exactly LONG_TEXT_CHARS characters is checked by re itself."""
    checker = RuleChecker(PACK)
    tail = " you\u00a0made me scared é"
    short = "x" * (LONG_TEXT_CHARS - len(tail)) + tail
    assert len(short) == LONG_TEXT_CHARS
    assert checker.check(short, range(len(PACK.rules))) == reference_hits(PACK, short)


def test_everyday_text_has_no_trigger_words() -> None:
    """The fillers are neutral (bar the word 'no'), so hits come from the triggers."""
    text = " ".join([*EVERYDAY, *NON_ASCII_FILLER])
    assert {h.rule_id for h in reference_hits(PACK, text)} <= {"boundary.token.no"}
