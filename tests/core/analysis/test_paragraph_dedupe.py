"""Paragraph mode fingerprints only entries the invariant prefilter flags; the events must
equal those of fingerprinting every entry (the plain-``re`` backend does exactly that)."""

from __future__ import annotations

import io
import random

import pytest

from chatscan.core.pipeline import ScanOptions, scan_stream
from chatscan.core.rules import RulePack, load_pack, pack_from_dict

# Texts that hit only through a phrase, so that a variant may hit nothing at all.
PHRASES = [
    "for your own good",
    "everyone will know",
    "I said no",
    "do not contact me",
    "I'll tell everyone",
    "I'm going to post it",
    "I can see you",
    "you can't access it",
    "well-known secret",
    'he said "stop it" twice',
    "i have access to your bank account",
    "you made me feel scared",
]
FILLER = ["see you at noon", "the bus was late", "pick up milk", "great game", "İstanbul trip"]
SPEAKERS = ["Alex", "Jordan", "Sam Lee"]
TIMESTAMPS = [
    "[2017-09-15 10:23 AM] ",
    "9/20/2017 8:15 PM - ",
    "2017-09-21 08:00:01 ",
    "2017-09-21",
]


def variant(text: str, rng: random.Random) -> str:
    """Same normalised form, different raw text."""
    out = []
    for char in text:
        roll = rng.random()
        if char == " " and roll < 0.3:
            out.append(rng.choice(["\n", "\t", "  ", "\u00a0", " \n ", "\u3000"]))
        elif char == "'" and roll < 0.5:
            out.append("’")
        elif char == "-" and roll < 0.5:
            out.append("—")
        elif char == '"' and roll < 0.5:
            out.append(rng.choice("“”"))
        elif char.isalpha() and roll < 0.2:
            out.append(char.swapcase())
        elif char == "k" and roll < 0.3:
            out.append("\u212a")  # Kelvin sign: lower-cases to k
        elif char == "i" and roll < 0.1:
            out.append("\u0130")  # lower-cases to i + U+0307
        else:
            out.append(char)
    return "".join(out)


def decorate(text: str, rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.3:
        return f"{rng.choice(SPEAKERS)}: {text}"
    if roll < 0.5:
        return rng.choice(TIMESTAMPS) + text
    return text


def corpus(seed: int, entries: int) -> str:
    rng = random.Random(seed)
    blocks: list[str] = []
    for _ in range(entries):
        roll = rng.random()
        if roll < 0.02:
            blocks.append(rng.choice(["Iowa 2017", "New York, 2019", "California — 2018"]))
        elif roll < 0.6:
            base = f"{rng.choice(PHRASES)} {rng.choice(FILLER)} {rng.randint(0, 300)}"
            # the variant usually comes first: it must still be remembered for de-duplication
            pair = [decorate(variant(base, rng), rng), decorate(base, rng)]
            blocks.extend(pair if rng.random() < 0.8 else pair[::-1])
        else:
            blocks.append(decorate(variant(rng.choice(FILLER), rng), rng))
    return "\n\n".join(blocks) + "\n"


def events(text: str, backend: str, pack: RulePack) -> list[tuple[object, ...]]:
    options = ScanOptions(format="paragraphs", rules=pack, backend=backend)
    result = scan_stream(io.BytesIO(text.encode("utf-8")), "corpus.txt", options)
    return [
        (e.index, e.message.index, e.message.context.key, e.message.speaker, e.fingerprint,
         e.categories, e.strengths, e.message.text, e.message.source_ref, e.hits)
        for e in result.events
    ] + [("sequences", len(result.sequences), result.messages_total)]  # fmt: skip


def custom_pack() -> RulePack:
    data = load_pack().to_dict()
    data["rules"].append(
        {
            "id": "x.dash",
            "category": "HARM_LANGUAGE",
            "tier": "PHRASE",
            "pattern": r"\bwell-known\b",
        }
    )
    data["rules"].append(
        {
            "id": "x.quote",
            "category": "BOUNDARY_LANGUAGE",
            "tier": "PHRASE",
            "pattern": r'"stop[^"]*"',
        }
    )
    data["rules"].append(
        {
            "id": "x.class",
            "category": "CONTROL_ACCESS",
            "tier": "PHRASE",
            "pattern": r"bank\s+account",
        }
    )
    return pack_from_dict(data, "custom")


@pytest.mark.parametrize("seed", range(6))
def test_hyperscan_paragraph_events_equal_fingerprint_everything(seed: int) -> None:
    text = corpus(seed, 3000)
    for pack in (load_pack(), custom_pack()):
        expected = events(text, "re", pack)
        assert len(expected) > 500
        assert events(text, "hyperscan", pack) == expected


def test_variant_before_original_suppresses_the_original() -> None:
    # "you can’t access" (curly) hits nothing; its straight twin would, but the original
    # skips it as a duplicate of the earlier entry.
    text = "Alex: you can’t access it\n\nSam: You can't   access it\n\nyou can't access it now\n"
    for backend in ("re", "hyperscan"):
        found = events(text, backend, load_pack())
        assert [row[7] for row in found[:-1]] == ["you can't access it now"]
