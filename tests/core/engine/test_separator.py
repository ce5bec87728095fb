"""Texts are joined with NUL for one Hyperscan scan; a text holding NUL must still match."""

from __future__ import annotations

from chatscan.core.engine import create_engine
from chatscan.core.rules import pack_from_dict


def test_texts_containing_the_separator_still_match() -> None:
    pack = pack_from_dict(
        {
            "name": "t",
            "version": "1",
            "categories": [{"name": "C"}],
            "rules": [
                {"id": "gap", "category": "C", "tier": "TOKEN", "pattern": r"stop\Wnow"},
                {"id": "any", "category": "C", "tier": "TOKEN", "pattern": r"you[^x]+hurt"},
            ],
        }
    )
    texts = ["hello", "stop\x00now", "you\x00\x00hurt me", "stop now", "nothing", "a\nb"]
    hs, plain = create_engine(pack, "hyperscan"), create_engine(pack, "re")
    found = hs.match(texts)
    assert found == plain.match(texts)
    assert [bool(hits) for hits in found] == [False, True, True, True, False, False]


def test_start_anchor_means_start_of_each_text() -> None:
    """``^`` is kept in the Hyperscan expression as "buffer start or after a separator",
    so only texts that start with the word are candidates, and hits are unchanged."""
    pack = pack_from_dict(
        {
            "name": "t",
            "version": "1",
            "categories": [{"name": "C"}],
            "rules": [{"id": "no", "category": "C", "tier": "TOKEN", "pattern": r"^no\b"}],
        }
    )
    texts = ["no way", "ok no", "No.", "nobody", "well\nno", "no\x00no", "x", "NO"]
    hs, plain = create_engine(pack, "hyperscan"), create_engine(pack, "re")
    candidates = hs.candidates(texts, invariant=False)  # type: ignore[attr-defined]
    assert sorted(candidates) == [0, 2, 5, 7]
    found = hs.match(texts)
    assert found == plain.match(texts)
    assert [bool(hits) for hits in found] == [True, False, True, False, False, True, False, True]
