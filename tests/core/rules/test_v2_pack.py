"""The built-in message-mode pack ``v2``: negation, context words, apostrophes, scores.

Each case is a message and the categories v2 must (and must not) find in it, through
both backends, so the precision conditions hold wherever the pack runs.
"""

from __future__ import annotations

import pytest

from chatscan.core.engine import BACKENDS, create_engine
from chatscan.core.models import Tier
from chatscan.core.rules import MESSAGE_DEFAULT_PACK, load_pack

PACK = load_pack("v2")
ENGINES = {name: create_engine(PACK, name) for name in BACKENDS if name != "auto"}

H, P, B, E, S, C = (
    "HARM_LANGUAGE",
    "PROTECTOR_CLAIM",
    "BOUNDARY_LANGUAGE",
    "THREAT_OF_EXPOSURE",
    "SURVEILLANCE_CLAIM",
    "CONTROL_ACCESS",
)

CASES = [
    # negation: a fear word under "never/not" a few words before does not fire
    ("I'm scared of him", {H}),
    ("I was never scared of him", set()),
    ("I'm so scared he'll come back tonight", {H}),
    ("I'm not scared he'll come back", set()),
    ("he grabbed my wrist", {H}),
    ("he has never grabbed me", set()),
    # context words: "stop" is a boundary only with texting/calling/contacting/me...
    ("please stop texting me", {B}),
    ("can you stop at the shop on the way back", set()),
    ("stop by later if you want", set()),
    # ...and "no" only as a refusal
    ("no. you're not having my passcode", {B}),
    ("no worries, take your time", set()),
    ("no idea lol", set()),
    # curly and straight apostrophes alike
    ("you'll regret this", {H}),
    ("you’ll regret this", {H}),
    ("you’re not going anywhere until we sort this out", {H}),
    ("I’m not giving you my password", {B}),
    # phrases by meaning, and everyday uses of the same words
    ("if you go, your boss gets those pictures", {E}),
    ("I read your messages last night", {S}),
    ("turn your location back on", {S}),
    ("I'll share my location so you can see when I'm close", set()),
    ("give me your passcode. now.", {C}),
    ("what's the wifi password again?", set()),
    ("it's for your own good", {P}),
    ("drive safe, text when you're back x", set()),
]


@pytest.mark.parametrize("backend", sorted(ENGINES))
@pytest.mark.parametrize(("text", "expected"), CASES, ids=[text for text, _ in CASES])
def test_v2_finds_the_meaning(backend: str, text: str, expected: set[str]) -> None:
    (hits,) = ENGINES[backend].match([text])
    assert {hit.category for hit in hits} == expected


def test_context_word_and_score_travel_with_the_hit() -> None:
    (hits,) = ENGINES["re"].match(["please stop texting me"])
    token = [hit for hit in hits if hit.tier is Tier.TOKEN]
    assert token, hits
    assert token[0].context == "texting"
    assert token[0].score == 0.6
    assert all(hit.score == 0.9 for hit in hits if hit.tier is Tier.PHRASE)


def test_v2_is_the_message_mode_default_and_is_hashed() -> None:
    assert MESSAGE_DEFAULT_PACK == "v2"
    assert PACK.name == "v2"
    assert len(PACK.sha256) == 64
    assert PACK.spec.apostrophes == "any"
