"""Negation and context conditions, applied after matching, the same in every backend."""

from __future__ import annotations

import contextlib
import random
from typing import Any

import pytest

from chatscan.core.engine import LONG_TEXT_CHARS, Engine, create_engine
from chatscan.core.engine.checker import MAX_REJECTED_LONG
from chatscan.core.engine.precision import MatchFilter, NegationCheck
from chatscan.core.errors import ChatscanError
from chatscan.core.rules import RulePack, pack_from_dict
from chatscan.core.rules.schema import DEFAULT_NEGATORS
from tests.core.engine.engine_samples import (
    EVERYDAY,
    NON_ASCII_FILLER,
    describe_difference,
    long_filler,
    vary_case,
)

RULES: list[dict[str, Any]] = [
    {"id": "harm.scared", "category": "HARM", "tier": "TOKEN", "pattern": r"\bscared\b",
     "negation_window": 4, "score": 0.6},
    {"id": "boundary.stop", "category": "BOUNDARY", "tier": "TOKEN", "pattern": r"\bstop\b",
     "context": {"words": ["texting", "calling", "contacting", "me"], "window": 3}},
    {"id": "harm.hurt_you", "category": "HARM", "tier": "PHRASE",
     "pattern": r"\bi'll hurt you\b", "negation_window": 3,
     "context": {"words": ["swear", "promise"], "window": 5}, "score": 0.9},
    {"id": "harm.far", "category": "HARM", "tier": "PHRASE", "pattern": r"\byou'll\b.*\bsorry\b",
     "negation_window": 2},
    {"id": "boundary.leave", "category": "BOUNDARY", "tier": "PHRASE",
     "pattern": r"\bleave me alone\b", "context": {"words": ["please", "just"], "window": 2}},
    {"id": "harm.plain", "category": "HARM", "tier": "TOKEN", "pattern": r"\bhurt\b"},
]  # fmt: skip


def _pack(apostrophes: str | None = "any", negators: list[str] | None = None) -> RulePack:
    data: dict[str, Any] = {
        "name": "precise",
        "version": "1",
        "categories": [{"name": "HARM"}, {"name": "BOUNDARY"}],
        "rules": RULES,
    }
    if apostrophes:
        data["apostrophes"] = apostrophes
    if negators is not None:
        data["negators"] = negators
    return pack_from_dict(data, "<precise>")


@pytest.fixture(scope="module")
def engines() -> list[Engine]:
    pack = _pack()
    found = [create_engine(pack, "re")]
    with contextlib.suppress(ChatscanError):  # hyperscan missing on this platform
        found.append(create_engine(pack, "hyperscan"))
    return found


def _ids(engine: Engine, text: str) -> set[str]:
    (hits,) = engine.match([text])
    return {h.rule_id for h in hits}


CASES: tuple[tuple[str, set[str]], ...] = (
    # negation
    ("I was never scared", set()),
    ("I'm scared", {"harm.scared"}),
    ("I'm not saying you're scared, but…", set()),
    ("not one two three four five scared", {"harm.scared"}),  # negator outside the window
    ("not one two three scared", set()),  # just inside (4 words)
    ("I'm scared, not angry", {"harm.scared"}),  # negator after the match
    ("I wasn't there. I'm scared now", {"harm.scared"}),  # negator in the previous sentence
    ("I was not sure!\nscared though", {"harm.scared"}),
    ("I didn’t get scared", set()),  # curly apostrophe
    ("I didn‘t get scared", set()),
    ("I didn't get scared", set()),
    ("she couldn’t be scared", set()),  # any n't word
    ("I'm no longer scared", set()),
    ("nobody is scared", set()),
    ("I'm not scared. Now I'm scared", {"harm.scared"}),  # the second match counts
    ("knot scared", {"harm.scared"}),  # 'not' inside a word is no negator
    # context
    ("stop texting me", {"boundary.stop"}),
    ("please stop calling", {"boundary.stop"}),
    ("stop by later", set()),
    ("stop. by the way, texting is fine", set()),  # context word beyond the window
    ("STOP CONTACTING ME", {"boundary.stop"}),
    ("stop by later. or stop texting", {"boundary.stop"}),
    ("stop metexting", set()),  # whole words only
    # both, and apostrophes
    ("I swear I'll hurt you", {"harm.hurt_you", "harm.plain"}),
    ("I swear I’ll hurt you", {"harm.hurt_you", "harm.plain"}),
    ("I swear I won't say I'll hurt you", {"harm.plain"}),
    ("I'll hurt you", {"harm.plain"}),  # no context word
    ("you'll be sorry", {"harm.far"}),
    ("you’ll be sorry", {"harm.far"}),
    ("never you'll be sorry", set()),
    ("just leave me alone", {"boundary.leave"}),
    ("leave me alone please", {"boundary.leave"}),
    ("leave me alone", set()),
)


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[t[:30] for t, _ in CASES])
def test_cases(text: str, expected: set[str], engines: list[Engine]) -> None:
    for engine in engines:
        assert _ids(engine, text) == expected, engine.name


def test_long_texts_take_the_same_decisions(engines: list[Engine]) -> None:
    filler = "we talked about the weekend and the kids. " * 120
    assert len(filler) > LONG_TEXT_CHARS
    for text, expected in CASES:
        for engine in engines:
            assert _ids(engine, filler + text) == expected, (engine.name, text)
            assert _ids(engine, text + "\n" + filler) == expected, (engine.name, text)


def test_hits_carry_score_and_context(engines: list[Engine]) -> None:
    text = "stop texting me, I'm scared and hurt"
    for engine in engines:
        (hits,) = engine.match([text])
        by_id = {h.rule_id: h for h in hits}
        assert by_id["boundary.stop"].context == "texting"
        assert by_id["boundary.stop"].score == 1.0
        assert by_id["harm.scared"].score == 0.6 and by_id["harm.scared"].context is None
        assert by_id["harm.plain"].score == 1.0 and by_id["harm.plain"].context is None
        scared = by_id["harm.scared"]
        assert text[scared.start : scared.end] == "scared"


def test_apostrophes_exact_keeps_curly_apart() -> None:
    engine = create_engine(_pack(apostrophes=None), "re")
    assert _ids(engine, "you'll be sorry") == {"harm.far"}
    assert _ids(engine, "you’ll be sorry") == set()


def test_pack_negators_replace_the_default() -> None:
    engine = create_engine(_pack(negators=["hardly", "no way"]), "re")
    assert _ids(engine, "I was never scared") == {"harm.scared"}
    assert _ids(engine, "I was hardly scared") == set()
    assert _ids(engine, "no way am I scared") == set()
    assert _ids(engine, "no, I am scared") == {"harm.scared"}


def test_default_negators() -> None:
    check = NegationCheck(DEFAULT_NEGATORS)
    for negator in ("not", "never", "didn't", "don’t", "cannot", "nothing", "shouldn't"):
        text = f"{negator} scared"
        assert check.negated(text, text.index("scared"), 1), negator
    for word in ("now", "nothings", "no", "longer"):
        text = f"{word} scared"
        assert not check.negated(text, text.index("scared"), 1), word


def test_long_text_gives_up_after_many_rejected_matches() -> None:
    pack = _pack()
    engine = create_engine(pack, "re")
    many = "x " * LONG_TEXT_CHARS + "I'm not scared. " * (MAX_REJECTED_LONG + 10)
    assert len(many) > LONG_TEXT_CHARS
    assert _ids(engine, many + "I'm scared") == set()  # documented limit on long texts
    few = "I'm not scared. " * 5 + "x " * LONG_TEXT_CHARS
    assert _ids(engine, few + "I'm scared") == {"harm.scared"}


# --------------------------------------------------------------------------- agreement

TRIGGERS = (
    "scared",
    "stop",
    "i'll hurt you",
    "you'll be so sorry",
    "leave me alone",
    "hurt",
)
NEAR = (
    "not",
    "never",
    "didn’t",
    "don't",
    "no longer",
    "nobody",
    "texting",
    "me",
    "swear",
    "please",
    "just",
    "calling",
)
GLUE = (" ", " ", ", ", ". ", "\n", "! ", " — ", "\u00a0", "?", "…")


def _corpus(seed: int, size: int) -> list[str]:
    rng = random.Random(seed)
    out: list[str] = []
    for i in range(size):
        pieces = []
        for _ in range(rng.randint(1, 7)):
            roll = rng.random()
            if roll < 0.3:
                pieces.append(rng.choice(TRIGGERS))
            elif roll < 0.7:
                pieces.append(rng.choice(NEAR))
            elif roll < 0.9:
                pieces.append(rng.choice(EVERYDAY))
            else:
                pieces.append(rng.choice(NON_ASCII_FILLER))
        text = pieces[0]
        for piece in pieces[1:]:
            text += rng.choice(GLUE) + piece
        if rng.random() < 0.4:
            text = vary_case(text, rng)
        if rng.random() < 0.3:
            text = text.replace("'", rng.choice(("’", "‘")))
        if i % 250 == 3:
            text = long_filler(rng, LONG_TEXT_CHARS + 10, newlines=rng.random() < 0.5) + text
        out.append(text)
    return out


def test_backends_agree_on_generated_corpus() -> None:
    pytest.importorskip("hyperscan")
    pack = _pack()
    re_engine, hs_engine = create_engine(pack, "re"), create_engine(pack, "hyperscan")
    corpus = _corpus(20240611, 20_000)
    hits_re = re_engine.match(corpus)
    hits_hs = hs_engine.match(corpus)
    differing = [i for i, (a, b) in enumerate(zip(hits_re, hits_hs, strict=True)) if a != b]
    assert not differing, describe_difference(
        corpus[differing[0]], hits_re[differing[0]], hits_hs[differing[0]]
    )
    # The corpus exercises every rule, both kept and filtered out.
    seen = {h.rule_id for found in hits_re for h in found}
    assert seen == {rule["id"] for rule in RULES}
    unfiltered = create_engine(
        pack_from_dict(
            {
                "name": "loose",
                "version": "1",
                "apostrophes": "any",
                "categories": [{"name": "HARM"}, {"name": "BOUNDARY"}],
                "rules": [
                    {k: v for k, v in r.items() if k not in ("negation_window", "context")}
                    for r in RULES
                ],
            }
        ),
        "re",
    ).match(corpus)
    loose = sum(len(h) for h in unfiltered)
    kept = sum(len(h) for h in hits_re)
    assert kept < loose  # some hits were filtered out
    # With no candidates narrowed by hyperscan, check() still applies the filter.
    for text, found in list(zip(corpus, hits_re, strict=True))[:2000]:
        assert hs_engine.check(text, range(len(pack.rules))) == found


def test_context_pretest_rejects_texts_without_any_context_word() -> None:
    """``possible`` is the one quick search that lets the checker skip a context rule."""
    pack = _pack()
    stop = next(r for r in pack.rules if r.id == "boundary.stop")
    check = MatchFilter(stop, NegationCheck(DEFAULT_NEGATORS))
    assert check.possible("please stop TEXTING")
    assert check.possible("stop it, leave me be")
    assert not check.possible("stop by later for the keys")
    assert not check.possible("the bus stop at memorial road")  # "me" only inside a word
