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
