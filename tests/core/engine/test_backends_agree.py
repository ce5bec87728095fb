"""The ``re`` and ``hyperscan`` backends must report identical hits on any text.

The Hyperscan backend only pre-selects (message, rule) pairs; a selection that misses
a real match, or an exact check that reports a match the prefilter rules out, shows up
here as a difference between the two engines.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence

import pytest

from chatscan.core.engine import LONG_TEXT_CHARS, Engine, create_engine
from chatscan.core.models import Hit, Tier
from chatscan.core.rules import RulePack, pack_from_dict
from tests.core.engine.engine_samples import (
    EVERYDAY,
    LEFT_GLUE,
    NEAR_MISSES,
    NON_ASCII_FILLER,
    RIGHT_GLUE,
    describe_difference,
    long_filler,
    sample_pattern,
    vary_case,
    vary_folds,
)

pytest.importorskip("hyperscan")

SEED = 20240611
CORPUS_SIZE = 100_000
LONG_EVERY = 200  # one entry in this many is longer than LONG_TEXT_CHARS

# What may stand between the words of a phrase, beside a plain space.
SPACE_SUBSTITUTES = (
    "\u00a0",
    "\u2009",
    "\u3000",
    "\x0b",
    "\x1c",
    "\n",
    "  ",
    "\t",
    "\r\n",
    "\u200b ",
    " \u0301",
)
SEPARATORS = (" ", " ", " ", ", ", ". ", "\n", "\u00a0", " — ", "\r\n", "  ", "! ", "")
ODD_ENTRIES = ("", " ", "\n", "\n\n", "😀", "\u0301" * 5, "\u200b", "\ufeff", "\x00", "'")


def _compare(engine_a: Engine, engine_b: Engine, texts: Sequence[str]) -> tuple[list[int], str]:
    """Indices where the engines differ, and a description of the first one."""
    hits_a = engine_a.match(texts)
    hits_b = engine_b.match(texts)
    assert len(hits_a) == len(hits_b) == len(texts)
    differing = [i for i, (a, b) in enumerate(zip(hits_a, hits_b, strict=True)) if a != b]
    if not differing:
        return [], ""
    first = differing[0]
    return differing, (
        f"{len(differing)} of {len(texts)} entries differ; first is #{first}:\n"
        + describe_difference(texts[first], hits_a[first], hits_b[first])
    )


# --------------------------------------------------------------------------- generator


def _decorate(trigger: str, rng: random.Random) -> str:
    """A trigger in varied case, with folds, curly quotes, odd spaces and glued neighbours."""
    text = vary_case(trigger, rng) if rng.random() < 0.6 else trigger
    if rng.random() < 0.15:
        text = vary_folds(text, rng)
    if "'" in text and rng.random() < 0.3:
        text = text.replace("'", rng.choice(("’", "ʼ", "‘")))
    if " " in text and rng.random() < 0.12:
        spaces = [i for i, char in enumerate(text) if char == " "]
        at = rng.choice(spaces)
        text = text[:at] + rng.choice(SPACE_SUBSTITUTES) + text[at + 1 :]
    if rng.random() < 0.25:
        text = rng.choice(LEFT_GLUE) + text
    if rng.random() < 0.25:
        text = text + rng.choice(RIGHT_GLUE)
    return text


def _newline_dot(rng: random.Random) -> str:
    return rng.choice(("\n", " \n ", "\r\n", " so\n", "\n\n"))


class _CorpusBuilder:
    def __init__(self, pack: RulePack, seed: int) -> None:
        self.rng = random.Random(seed)
        self.patterns = [rule.pattern for rule in pack.rules]
        self.dot_patterns = [p for p in self.patterns if ".*" in p] or self.patterns

    def trigger(self, dot: Callable[[random.Random], str] | None = None) -> str:
        """A decorated trigger of a random rule (of a ``.*`` rule when ``dot`` is given)."""
        if dot is None:
            sample = sample_pattern(self.rng.choice(self.patterns), self.rng)
        else:
            pattern = self.rng.choice(self.dot_patterns)
            sample = sample_pattern(pattern, self.rng, dot, must_match=False)
        return _decorate(sample, self.rng)

    def short(self) -> str:
        rng = self.rng
        roll = rng.random()
        if roll < 0.01:
            return rng.choice(ODD_ENTRIES)
        if roll < 0.04:  # a phrase broken by a newline: `.` must not cross it
            return self.trigger(dot=_newline_dot)
        pieces: list[str] = []
        for _ in range(rng.randint(1, 4)):
            kind = rng.random()
            if kind < 0.45:
                pieces.append(rng.choice(EVERYDAY))
            elif kind < 0.8:
                pieces.append(self.trigger())
            elif kind < 0.93:
                pieces.append(rng.choice(NEAR_MISSES))
            else:
                pieces.append(rng.choice(NON_ASCII_FILLER))
        out = pieces[0]
        for piece in pieces[1:]:
            out += rng.choice(SEPARATORS) + piece
        return out

    def long(self) -> str:
        rng = self.rng
        size = rng.randint(LONG_TEXT_CHARS + 1, 3 * LONG_TEXT_CHARS)
        if rng.random() < 0.4:
            # A phrase whose two halves are far apart on one line (or, sometimes, not).
            filler = long_filler(rng, size, newlines=rng.random() < 0.2)
            pattern = rng.choice(self.dot_patterns)
            body = sample_pattern(pattern, rng, lambda _rng: " " + filler + " ", must_match=False)
            body = _decorate(body, rng)
            head = long_filler(rng, rng.randint(0, 200))
            text = head + body
            if len(text) <= LONG_TEXT_CHARS:
                text += " " + long_filler(rng, LONG_TEXT_CHARS - len(text) + 10)
            return text
        text = long_filler(rng, size, newlines=rng.random() < 0.5)
        if rng.random() < 0.3:
            text = text.encode("ascii", "ignore").decode()  # an all-ASCII long message
            text += (
                long_filler(random.Random(0), LONG_TEXT_CHARS).encode("ascii", "ignore").decode()
            )
        for _ in range(rng.randint(0, 4)):
            at = rng.randrange(len(text) + 1)
            glue = rng.choice(("", " ", "\n"))
            text = text[:at] + glue + self.trigger() + glue + text[at:]
        return text

    def build(self, size: int) -> list[str]:
        return [self.long() if i % LONG_EVERY == 7 else self.short() for i in range(size)]


@pytest.fixture(scope="module")
def corpus(default_pack: RulePack) -> list[str]:
    return _CorpusBuilder(default_pack, SEED).build(CORPUS_SIZE)


# --------------------------------------------------------------------------- default pack


def test_samples_trigger_their_rule(default_pack: RulePack) -> None:
    """The generator's undecorated triggers really match their own rule."""
    rng = random.Random(SEED)
    for rule in default_pack.rules:
        for _ in range(20):
            sample = sample_pattern(rule.pattern, rng)
            assert rule.regex.search(sample), (rule.id, sample)


def test_generated_corpus_is_varied(corpus: list[str]) -> None:
    assert len(corpus) >= 100_000
    long_entries = [t for t in corpus if len(t) > LONG_TEXT_CHARS]
    assert len(long_entries) >= CORPUS_SIZE // LONG_EVERY
    assert any(t.isascii() for t in long_entries)
    assert any("\n" in t for t in corpus)
    for needle in ("ſ", "\u212a", "\u0130", "\u0131", "’", "\u00a0", "\u0301", "😱", "non"):
        assert any(needle in t for t in corpus), needle


def test_engines_agree_on_generated_corpus(
    corpus: list[str], default_pack: RulePack, re_engine: Engine, hs_engine: Engine
) -> None:
    differing, message = _compare(re_engine, hs_engine, corpus)
    assert not differing, message
    # Batches where no text holds a newline take another path in the Hyperscan backend.
    one_line = [t for t in corpus if "\n" not in t][:20_000]
    differing, message = _compare(re_engine, hs_engine, one_line)
    assert not differing, message

    hits = re_engine.match(corpus)
    with_hits = sum(1 for h in hits if h)
    assert 0 < with_hits < len(corpus)
    # The long entries really exercise the long-text path, phrases far apart included.
    assert any(
        len(text) > LONG_TEXT_CHARS and any(h.end - h.start > LONG_TEXT_CHARS for h in found)
        for text, found in zip(corpus, hits, strict=True)
    )
    found_rules = {h.rule_id for found in hits for h in found}
    assert found_rules == {rule.id for rule in default_pack.rules}


_FAR = "and then " + "we talked about the weekend, désolé 😀 " * 130  # one line, > 4096 chars
_FAR_LINES = "and then\n" + "we talked about the weekend, désolé 😀\n" * 130

# (text, rule ids that must hit): the spec's own examples, through both engines.
KNOWN_CASES: tuple[tuple[str, frozenset[str]], ...] = (
    ("you made me scared", frozenset({"harm.token.scared", "harm.phrase.you_made_me_scared"})),
    ("you made me\nscared", frozenset({"harm.token.scared"})),
    ("you made me so\r\nscared", frozenset({"harm.token.scared"})),
    ("nonstop", frozenset()),
    ("unsafe", frozenset()),
    ("knows", frozenset()),
    ("cafésafe", frozenset()),
    ("safe", frozenset({"protector.token.safe"})),
    ("ſafe", frozenset({"protector.token.safe"})),
    ("ſAFE!", frozenset({"protector.token.safe"})),
    ("safe\u0301", frozenset({"protector.token.safe"})),
    ("e\u0301safe", frozenset({"protector.token.safe"})),
    ("safeé", frozenset()),
    ("safe😀", frozenset({"protector.token.safe"})),
    ("İ was scared", frozenset({"harm.token.scared", "harm.phrase.i_was_scared"})),
    ("ı was scared", frozenset({"harm.token.scared", "harm.phrase.i_was_scared"})),
    ("ıı was scared", frozenset({"harm.token.scared"})),
    (
        "I'm \u212aeeping you safe",
        frozenset({"protector.token.safe", "protector.phrase.keeping_you_safe"}),
    ),
    ("I’m keeping you safe", frozenset({"protector.token.safe"})),
    (
        "Im keeping you safe",
        frozenset({"protector.token.safe", "protector.phrase.keeping_you_safe"}),
    ),
    ("no", frozenset({"boundary.token.no"})),
    ("no\u00a0way", frozenset({"boundary.token.no"})),
    ("nö", frozenset()),
    ("I SAID NO", frozenset({"boundary.token.no", "boundary.phrase.i_said_no"})),
    ("i said\u00a0no", frozenset({"boundary.token.no"})),
    ("i\u00a0said no", frozenset({"boundary.token.no"})),
    (
        "you made me " + _FAR + " scared",
        frozenset({"harm.token.scared", "harm.phrase.you_made_me_scared"}),
    ),
    ("you made me " + _FAR_LINES + " scared", frozenset({"harm.token.scared"})),
    (_FAR + "ſafe", frozenset({"protector.token.safe"})),
    (_FAR + "cafésafe", frozenset()),
    (_FAR + "İ was scared", frozenset({"harm.token.scared", "harm.phrase.i_was_scared"})),
    (
        _FAR + "I'm \u212aeeping you safe",
        frozenset({"protector.token.safe", "protector.phrase.keeping_you_safe"}),
    ),
    (_FAR + "you made me\nscared", frozenset({"harm.token.scared"})),
    (_FAR + "you\u00a0made me scared", frozenset({"harm.token.scared"})),
    (_FAR + "you made\x0bme scared", frozenset({"harm.token.scared"})),
    (_FAR + "i said\u3000no", frozenset({"boundary.token.no"})),
    (_FAR + "to keep\u2009you safe", frozenset({"protector.token.safe"})),
)


@pytest.mark.parametrize(
    ("text", "expected"),
    KNOWN_CASES,
    ids=[f"{i}-{t[:24]!r}" for i, (t, _) in enumerate(KNOWN_CASES)],
)
def test_known_cases(
    text: str, expected: frozenset[str], re_engine: Engine, hs_engine: Engine
) -> None:
    for engine in (re_engine, hs_engine):
        (hits,) = engine.match([text])
        assert {h.rule_id for h in hits} == expected, engine.name


def test_match_keeps_order_and_handles_empty(re_engine: Engine, hs_engine: Engine) -> None:
    texts = ["", "safe", "", "\n", "hurt", ""]
    for engine in (re_engine, hs_engine):
        assert engine.match([]) == []
        got = engine.match(texts)
        assert [tuple(h.rule_id for h in hits) for hits in got] == [
            (),
            ("protector.token.safe",),
            (),
            (),
            ("harm.token.hurt",),
            (),
        ]


# --------------------------------------------------------------------------- custom pack

# (rule id, pattern, texts it matches). Each rule shows one construct the prefilter
# must translate loosely (or give up on) without losing a match.
CUSTOM_RULES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("class.range", r"\bre[a-z]+ed\b", ("reported", "they REMOVED it", "reſtored", "re\u212aeyed")),
    ("class.digit", r"\b\d{3}-\d{4}\b", ("call 555-1234", "٥٥٥-١٢٣٤", "５５５-１２３４")),
    ("class.space", r"\bcall\s+me\b", ("call me", "call\tme", "call\u00a0me", "CALL\u3000ME")),
    ("class.word", r"@\w+", ("@bob", "@josé", "@日本", "@_")),
    ("class.negated", r"<[^<>\n]+>", ("<b>", "<é>", "< >")),
    ("class.negated_word", r"\b[^\W\d_]+ly\b", ("sadly", "trèsly", "ſly")),
    ("literal.cafe", r"\bcafé\b", ("café", "CAFÉ", "Café au lait")),
    ("literal.naive", "naïve", ("naïve", "NAÏVE", "so naïve")),
    ("literal.curly", "don’t", ("don’t", "DON’T", "i don’t know")),
    ("look.ahead", r"\bsafe(?= now)", ("safe now", "SAFE NOW")),
    ("look.ahead_not", r"\bstop(?!watch)\b", ("stop", "stop!", "STOP it")),
    ("look.behind", r"(?<=my )password\b", ("my password", "MY PASSWORD")),
    ("look.behind_not", r"(?<!un)safe\b", ("safe", "notsafe", "ſafe")),
    ("anchor.start", r"^hello\b", ("hello there", "HELLO")),
    ("anchor.end", r"\bbye$", ("ok bye", "bye\n", "BYE")),
    ("anchor.multiline", r"(?m)^ok$", ("ok", "fine\nok\nthen")),
    ("anchor.end_z", r"\bend\Z", ("the end", "END")),
    ("alternation", r"\b(?:leave|go|run) now\b", ("leave now", "GO NOW", "run now!")),
    ("repeat.lazy", r"\bfrom .+? to\b", ("from here to there", "from A to B to C")),
    ("repeat.possessive", r"\bgo++al\b", ("goal", "gooooal", "GOOAL")),
    ("group.atomic", r"\b(?>ha|he)llo\b", ("hallo", "hello")),
    ("group.backref", r"\b(\w+) \1\b", ("the the", "very very", "été été")),
    ("group.conditional", r"(<)?\bok(?(1)>|!)", ("<ok>", "ok!")),
    ("flag.dotall", r"(?s:\bkiss.bye\b)", ("kiss\nbye", "kiss bye", "kissébye")),
    ("flag.verbose", r"(?x) \b big \s+ dog \b", ("big dog", "BIG  DOG")),
    ("flag.case_sensitive", r"\b(?-i:Stop)\b", ("Stop", "Stop now")),
    ("fold.kelvin", r"\bk9\b", ("k9", "K9", "\u212a9")),
    ("range.greek", r"[α-ω]+ς\b", ("λογος", "ΛΟΓΟΣ")),
)
CUSTOM_NEGATIVES: tuple[str, ...] = (
    "stopwatch",
    "unsafe",
    "my  password",
    "say hello",
    "bye now",
    "kiss\n\nbye",
    "<\n>",
    "the then",
    "<ok!",
    "STOP",
    "cafés",
    "from here\nto there",
    "ascii only text",
)


def _custom_pack() -> RulePack:
    return pack_from_dict(
        {
            "name": "tricky",
            "version": "1",
            "categories": [{"name": "TRICKY"}],
            "rules": [
                {"id": rule_id, "category": "TRICKY", "tier": "TOKEN", "pattern": pattern}
                for rule_id, pattern, _ in CUSTOM_RULES
            ],
        },
        source="<tricky>",
    )


def _custom_corpus(seed: int) -> list[str]:
    """Each example plain, re-cased, folded, glued, split, and inside long messages.

    Kept to ~1.5 MB: with rules such as ``@\\w+`` the Hyperscan backend currently gets a
    match callback for every byte up to the end of its joined buffer, which is slow.
    """
    rng = random.Random(seed)
    positives = [text for _, _, texts in CUSTOM_RULES for text in texts]
    ascii_filler = "we met at the park and talked for a while. " * 100
    out: list[str] = []
    for round_no in range(2):
        for text in [*positives, *CUSTOM_NEGATIVES]:
            variants = [
                text,
                vary_case(text, rng),
                vary_folds(text, rng, 0.5),
                rng.choice(EVERYDAY) + " " + text + " " + rng.choice(EVERYDAY),
                rng.choice(LEFT_GLUE) + text + rng.choice(RIGHT_GLUE),
                "\n" + text + "\n",
                text.replace(" ", rng.choice(SPACE_SUBSTITUTES)),
                text + rng.choice(SEPARATORS) + rng.choice(positives),
            ]
            out.extend(variants)
            variant = rng.choice(variants)
            out.append(long_filler(rng, LONG_TEXT_CHARS) + " " + variant + " " + "désolé 😀")
            out.append(ascii_filler + text if round_no % 2 else text + "\n" + ascii_filler)
    return out


def test_custom_rule_examples_match_in_re() -> None:
    pack = _custom_pack()
    for rule, (rule_id, _, texts) in zip(pack.rules, CUSTOM_RULES, strict=True):
        for text in texts:
            assert rule.regex.search(text), (rule_id, text)


def test_engines_agree_on_custom_pack() -> None:
    pack = _custom_pack()
    re_engine = create_engine(pack, "re")
    hs_engine = create_engine(pack, "hyperscan")
    corpus = _custom_corpus(SEED)
    differing, message = _compare(re_engine, hs_engine, corpus)
    assert not differing, message
    # Batches where no text holds a newline take another path in the Hyperscan backend.
    one_line = [t for t in corpus if "\n" not in t][:20_000]
    differing, message = _compare(re_engine, hs_engine, one_line)
    assert not differing, message

    hits = re_engine.match(corpus)
    seen = {h.rule_id for found in hits for h in found}
    missing = [rule_id for rule_id, _, _ in CUSTOM_RULES if rule_id not in seen]
    assert not missing, f"rules with no hit in the corpus: {missing}"
    assert 0 < sum(1 for h in hits if h) < len(corpus)


def test_hits_are_well_formed(default_pack: RulePack, hs_engine: Engine) -> None:
    text = "I was scared, you made me scared, stop"
    (hits,) = hs_engine.match([text])
    assert hits == tuple(
        sorted(hits, key=lambda h: [r.id for r in default_pack.rules].index(h.rule_id))
    )
    for hit in hits:
        assert isinstance(hit, Hit)
        assert hit.tier in (Tier.TOKEN, Tier.PHRASE)
        assert 0 <= hit.start < hit.end <= len(text)


@pytest.mark.parametrize("pack_name", ["original", "v2"])
def test_the_ascii_folded_database_agrees(pack_name: str) -> None:
    """Messages are scanned folded to ASCII at İ ı ſ K, with expressions that leave
    those characters out; the hits are still those of ``re``, on texts full of them."""
    from chatscan.core.engine.hyperscan_backend import HyperscanEngine
    from chatscan.core.rules import load_pack

    pack = load_pack(pack_name)
    texts = _CorpusBuilder(pack, SEED + 1).build(10_000)
    assert any("\u0131" in t or "\u0130" in t for t in texts)
    engine = HyperscanEngine(pack)
    assert engine._prefilter(False).ascii_folded
    differing, message = _compare(create_engine(pack, "re"), engine, texts)
    assert not differing, message


@pytest.mark.parametrize(
    ("rule_id", "text"),
    [
        ("harm.phrase.fist_through", "nonstop Punch Wardrobe Window"),
        ("harm.phrase.fist_through", "hello nonstop punch the wardrobe"),
        ("surveillance.phrase.camera_watching", "Put A One In The"),
        ("surveillance.phrase.camera_watching", "x" * 100 + " so he put a one in the hall"),
    ],
)
def test_matches_newer_hyperscan_builds_missed_are_found(rule_id: str, text: str) -> None:
    """The hyperscan wheels 0.8 and 0.9 (Vectorscan 5.4.12) missed these matches when
    other text came before them in the buffer (the first two with İ ı ſ K spelt out in
    the expression, the others without); 0.7.8 (Hyperscan 5.4.11), the version pinned in
    pyproject.toml and constraints.txt, finds them."""
    from chatscan.core.engine.hyperscan_backend import HyperscanEngine
    from chatscan.core.rules import load_pack

    engine = HyperscanEngine(load_pack("v2"))
    for batch in ([text], ["hello", text], [f"lol ok {text}"], [text, "bye"]):
        position = next(k for k, t in enumerate(batch) if text in t)
        found = {hit.rule_id for hit in engine.match(batch)[position]}
        assert rule_id in found, batch
