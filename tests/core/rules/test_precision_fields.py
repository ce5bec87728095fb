"""The optional precision fields of a pack: validation, canonical form, apostrophes."""

from __future__ import annotations

import copy
import re
from typing import Any

import pytest

from chatscan.core.engine.prefilter import to_hyperscan
from chatscan.core.errors import RulePackError
from chatscan.core.rules import load_pack, pack_from_dict
from chatscan.core.rules.loader import widen_apostrophes
from chatscan.core.rules.schema import DEFAULT_NEGATORS, RulePackSpec

# The built-in pack's fingerprint; the new optional fields must not change it.
ORIGINAL_SHA256 = "1083bef5cab22f5a40642971bfc2546a398580c2811670fc0a0e9bbd445b920f"


def _pack(**extra_rule: Any) -> dict[str, Any]:
    rule = {"id": "r.scared", "category": "A", "tier": "TOKEN", "pattern": r"\bscared\b"}
    rule.update(extra_rule)
    return {"name": "p", "version": "1", "categories": [{"name": "A"}], "rules": [rule]}


def test_original_pack_hash_and_patterns_unchanged() -> None:
    pack = load_pack()
    assert pack.sha256 == ORIGINAL_SHA256
    assert pack.spec.negators is None and pack.spec.apostrophes is None
    for spec, rule in zip(pack.spec.rules, pack.rules, strict=True):
        assert rule.pattern == spec.pattern
        assert rule.regex.pattern == spec.pattern
        assert rule.score == 1.0 and not rule.filtered
    data = pack.to_dict()
    assert "negators" not in data and "apostrophes" not in data
    for rule in data["rules"]:
        assert not {"negation_window", "context", "score"} & set(rule)


def test_hash_unchanged_for_packs_without_new_fields() -> None:
    plain = pack_from_dict(_pack())
    assert "negation_window" not in plain.to_dict()["rules"][0]
    # The canonical form of a pack written before these fields existed.
    same = pack_from_dict(copy.deepcopy(_pack()))
    assert plain.sha256 == same.sha256


@pytest.mark.parametrize(
    "extra",
    [
        {"negation_window": 3},
        {"context": {"words": ["me"], "window": 3}},
        {"score": 0.5},
    ],
)
def test_new_fields_are_hashed_when_present(extra: dict[str, Any]) -> None:
    plain = pack_from_dict(_pack())
    with_field = pack_from_dict(_pack(**extra))
    assert with_field.sha256 != plain.sha256
    (key,) = extra
    assert key in with_field.to_dict()["rules"][0]
    assert RulePackSpec.parse(with_field.to_dict()) == with_field.spec


def test_pack_level_fields_are_hashed_when_present() -> None:
    plain = pack_from_dict(_pack())
    for extra in ({"negators": ["not"]}, {"apostrophes": "any"}, {"apostrophes": "exact"}):
        data = {**_pack(), **extra}
        pack = pack_from_dict(data)
        assert pack.sha256 != plain.sha256
        assert RulePackSpec.parse(pack.to_dict()) == pack.spec


def test_score_is_stored_as_a_float_and_round_trips() -> None:
    pack = pack_from_dict(_pack(score=1))
    assert pack.rules[0].score == 1.0 and isinstance(pack.rules[0].score, float)
    assert pack_from_dict(pack.to_dict()).sha256 == pack.sha256


def test_defaults() -> None:
    pack = pack_from_dict(_pack())
    assert pack.negators == DEFAULT_NEGATORS
    custom = pack_from_dict({**_pack(), "negators": ["nope", "no way"]})
    assert custom.negators == ("nope", "no way")


@pytest.mark.parametrize(
    ("data", "needle"),
    [
        (_pack(negation_window=0), "rules.0.negation_window: must be a whole number from 1 to 10"),
        (_pack(negation_window=11), "rules.0.negation_window: must be a whole number from 1 to 10"),
        (_pack(negation_window="3"), "rules.0.negation_window: must be a whole number"),
        (_pack(negation_window=True), "rules.0.negation_window: must be a whole number"),
        (_pack(score=0), "rules.0.score: must be a number greater than 0 and at most 1"),
        (_pack(score=1.5), "rules.0.score: must be a number greater than 0 and at most 1"),
        (_pack(score="high"), "rules.0.score: must be a number"),
        (_pack(context=["me"]), "rules.0.context: must be a mapping"),
        (_pack(context={"words": [], "window": 3}), "rules.0.context.words: must not be empty"),
        (_pack(context={"words": "me", "window": 3}), "rules.0.context.words: must be a list"),
        (_pack(context={"words": ["me"]}), "rules.0.context.window: is required"),
        (_pack(context={"window": 2}), "rules.0.context.words: is required"),
        (_pack(context={"words": ["me"], "window": 0}), "rules.0.context.window: must be a whole"),
        (_pack(context={"words": ["me"], "window": 51}), "rules.0.context.window: must be a whole"),
        (_pack(context={"words": ["me", 3], "window": 2}), "rules.0.context.words.1: must be text"),
        (_pack(context={"words": ["a|b"], "window": 2}), "rules.0.context.words.0: 'a|b' is not"),
        (_pack(context={"words": [" "], "window": 2}), "rules.0.context.words.0:"),
        (_pack(context={"words": ["me"], "window": 2, "x": 1}), "rules.0.context.x: unknown field"),
        ({**_pack(), "negators": []}, "negators: must not be empty"),
        ({**_pack(), "negators": "not"}, "negators: must be a list"),
        ({**_pack(), "negators": ["not", None]}, "negators.1: must be text"),
        ({**_pack(), "apostrophes": "curly"}, "apostrophes: must be one of exact, any"),
    ],
)
def test_invalid_fields_name_rule_and_field(data: dict[str, Any], needle: str) -> None:
    with pytest.raises(RulePackError) as caught:
        pack_from_dict(data, "my.yaml")
    message = caught.value.message
    assert needle in message, message
    if needle.startswith("rules.0"):
        assert "'r.scared'" in message, message


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"\bdon't\b", r"\bdon['’‘]t\b"),
        (r"you(?:'ll| will)", r"you(?:['’‘]ll| will)"),
        (r"[a']x", r"[a'’‘]x"),
        (r"[^']+s", r"[^'’‘]+s"),
        (r"[]']", r"[]'’‘]"),
        (r"\'s", r"['’‘]s"),
        (r"\\'s", r"\\['’‘]s"),
        (r"\[it's\]", r"\[it['’‘]s\]"),
        (r"\bno quotes\b", r"\bno quotes\b"),
    ],
)
def test_widen_apostrophes(pattern: str, expected: str) -> None:
    assert widen_apostrophes(pattern) == expected
    re.compile(expected)


def test_apostrophes_any_matches_curly_and_straight() -> None:
    rule = {"id": "r.dont", "category": "A", "tier": "PHRASE", "pattern": r"\bdon't go\b"}
    data = {"name": "p", "version": "1", "categories": [{"name": "A"}], "rules": [rule]}
    exact = pack_from_dict(data).rules[0]
    wide = pack_from_dict({**data, "apostrophes": "any"}).rules[0]
    assert exact.pattern == r"\bdon't go\b"
    for text in ("don't go", "DON’T GO", "don‘t go"):
        assert wide.regex.search(text), text
    assert exact.regex.search("don't go") and not exact.regex.search("don’t go")
    assert not wide.regex.search("dont go")
    # The prefilter still translates the widened pattern (as a looser expression).
    for invariant in (False, True):
        assert to_hyperscan(wide.pattern, re.IGNORECASE, invariant=invariant) is not None


def test_yaml_pack_with_every_field(tmp_path: Any) -> None:
    path = tmp_path / "custom.yaml"
    path.write_text(
        "name: custom\nversion: '1'\napostrophes: any\nnegators: [not, never, \"n't\"]\n"
        "categories: [{name: HARM}, {name: BOUNDARY}]\n"
        "rules:\n"
        "  - {id: harm.scared, category: HARM, tier: TOKEN, pattern: '\\bscared\\b',\n"
        "     negation_window: 3, score: 0.4}\n"
        "  - id: boundary.stop\n    category: BOUNDARY\n    tier: TOKEN\n"
        "    pattern: '\\bstop\\b'\n    context: {words: [texting, me], window: 3}\n",
        encoding="utf-8",
    )
    pack = load_pack(path)
    scared, stop = pack.rules
    assert scared.negation_window == 3 and scared.score == 0.4 and scared.filtered
    assert stop.context is not None and stop.context.words == ("texting", "me")
    assert pack.negators == ("not", "never", "n't")
