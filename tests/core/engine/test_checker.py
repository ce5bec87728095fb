"""RuleChecker builds hits field by field: they must equal hits built the usual way."""

from __future__ import annotations

from typing import Any

from chatscan.core.engine import RuleChecker
from chatscan.core.models import Hit, Tier
from chatscan.core.rules import RulePack, pack_from_dict


def _pack(rules: list[dict[str, Any]]) -> RulePack:
    data = {"name": "scored", "version": "1", "categories": [{"name": "HARM"}], "rules": rules}
    return pack_from_dict(data, "<scored>")


def test_hits_equal_hits_built_by_name() -> None:
    pack = _pack(
        [
            {"id": "a", "category": "HARM", "tier": "TOKEN", "pattern": r"\bhurt\b"},
            {"id": "b", "category": "HARM", "tier": "PHRASE", "pattern": r"\bscared\b",
             "negation_window": 3, "score": 0.7},
            {"id": "c", "category": "HARM", "tier": "PHRASE", "pattern": r"\bstop\b",
             "context": {"words": ["calling"], "window": 2}},
        ]
    )  # fmt: skip
    hits = RuleChecker(pack).check("it hurt, I was scared, stop calling", range(3))
    assert hits == (
        Hit(rule_id="a", category="HARM", tier=Tier.TOKEN, start=3, end=7),
        Hit(rule_id="b", category="HARM", tier=Tier.PHRASE, start=15, end=21, score=0.7),
        Hit("c", "HARM", Tier.PHRASE, 23, 27, score=1.0, context="calling"),
    )
    assert [h._asdict() for h in hits] == [Hit(*h)._asdict() for h in hits]
    assert all(len(h) == len(Hit._fields) for h in hits)


def test_a_pack_without_conditions_keeps_its_scores() -> None:
    pack = _pack(
        [{"id": "a", "category": "HARM", "tier": "TOKEN", "pattern": "hurt", "score": 0.4}]
    )
    checker = RuleChecker(pack, long_text_chars=50)
    (short,) = checker.check("it hurt", [0])
    (long,) = checker.check("x" * 60 + " it hurt", [0])
    assert short.score == long.score == 0.4
