"""The optional ``semantic`` section of a pack: validation, canonical form, hash."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from chatscan.core.errors import RulePackError
from chatscan.core.rules import load_pack, pack_from_dict
from chatscan.core.rules.schema import (
    MAX_EXEMPLAR_CHARS,
    MAX_PROTOTYPE_DIMENSIONS,
    RulePackSpec,
)

PACK: dict[str, Any] = {
    "name": "p",
    "version": "1",
    "categories": [{"name": "A"}, {"name": "B"}],
    "rules": [{"id": "r", "category": "A", "tier": "TOKEN", "pattern": r"\bx\b"}],
}
SECTION: dict[str, Any] = {
    "model": "some-model",
    "margin": 0.05,
    "categories": {
        "A": {"threshold": 0.6, "exemplars": ["one sentence", "another"]},
        "B": {"threshold": 1, "exemplars": ["b"], "margin": -0.1},
    },
    "negatives": ["not this"],
}


def with_section(section: object) -> dict[str, Any]:
    return {**copy.deepcopy(PACK), "semantic": section}


def changed(path: str, value: object) -> dict[str, Any]:
    """SECTION with the value at a dotted path replaced (``...=DELETE`` removes it)."""
    section = copy.deepcopy(SECTION)
    *parents, last = path.split(".")
    node = section
    for key in parents:
        node = node[key]
    if value is DELETE:
        del node[last]
    else:
        node[last] = value
    return section


DELETE = object()


def test_a_valid_section_round_trips_and_is_hashed() -> None:
    plain = pack_from_dict(PACK)
    pack = pack_from_dict(with_section(SECTION))
    spec = pack.spec.semantic
    assert spec is not None and [c.name for c in spec.categories] == ["A", "B"]
    assert spec.margin_of(spec.categories[0]) == 0.05
    assert spec.margin_of(spec.categories[1]) == -0.1
    assert spec.categories[1].threshold == 1.0
    assert "semantic" not in plain.to_dict()  # absent stays absent: old hashes hold
    assert pack.sha256 != plain.sha256
    assert RulePackSpec.parse(pack.to_dict()) == pack.spec
    assert pack_from_dict(pack.to_dict()).sha256 == pack.sha256
    other = pack_from_dict(with_section(changed("categories.A.threshold", 0.61)))
    assert other.sha256 != pack.sha256
    other = pack_from_dict(with_section(changed("negatives", ["not this", "nor this"])))
    assert other.sha256 != pack.sha256


def test_a_prototype_round_trips_and_changes_the_hash() -> None:
    plain = pack_from_dict(with_section(SECTION))
    pack = pack_from_dict(with_section(changed("categories.A.prototype", [0.5, -1, 2])))
    spec = pack.spec.semantic
    assert spec is not None
    assert spec.categories[0].prototype == (0.5, -1.0, 2.0)
    assert spec.categories[1].prototype is None
    assert "prototype" not in pack.to_dict()["semantic"]["categories"]["B"]
    assert RulePackSpec.parse(pack.to_dict()) == pack.spec
    assert pack.sha256 != plain.sha256
    nudged = pack_from_dict(with_section(changed("categories.A.prototype", [0.5, -1, 2.001])))
    assert nudged.sha256 != pack.sha256


def test_optional_fields_default() -> None:
    section = changed("margin", DELETE)
    del section["negatives"]
    spec = pack_from_dict(with_section(section)).spec.semantic
    assert spec is not None and spec.margin == 0.0 and spec.negatives == ()


@pytest.mark.parametrize(
    ("section", "message"),
    [
        ("text", "semantic: must be a mapping, got str"),
        (changed("model", DELETE), "semantic.model: is required"),
        (changed("model", "bad model!"), "semantic.model: 'bad model!' is not a valid name"),
        (changed("categories", DELETE), "semantic.categories: is required"),
        (changed("categories", {}), "semantic.categories: must not be empty"),
        (changed("categories", ["A"]), "semantic.categories: must be a mapping, got list"),
        (changed("categories.C", {"threshold": 0.5, "exemplars": ["c"]}),
         "semantic.categories.C: unknown category 'C'; the pack defines A, B"),
        (changed("categories.lower", {"threshold": 0.5, "exemplars": ["c"]}),
         "semantic.categories.lower: 'lower' is not a valid category name"),
        (changed("categories.A.threshold", DELETE), "semantic.categories.A.threshold: is required"),
        (changed("categories.A.threshold", 0), "semantic.categories.A.threshold: must be a number "
         "greater than 0 and at most 1"),
        (changed("categories.A.threshold", 1.5), "semantic.categories.A.threshold: must be"),
        (changed("categories.A.threshold", "0.5"), "semantic.categories.A.threshold: must be"),
        (changed("categories.A.threshold", True), "semantic.categories.A.threshold: must be"),
        (changed("categories.A.margin", 2), "semantic.categories.A.margin: must be a number at "
         "least -1 and at most 1"),
        (changed("categories.A.exemplars", DELETE), "semantic.categories.A.exemplars: is required"),
        (changed("categories.A.exemplars", []),
         "semantic.categories.A.exemplars: must not be empty"),
        (changed("categories.A.exemplars", "one"), "semantic.categories.A.exemplars: must be a "
         "list of sentences, got str"),
        (changed("categories.A.exemplars", ["ok", " "]),
         "semantic.categories.A.exemplars.1: must not be empty"),
        (changed("categories.A.exemplars", ["ok", 3]),
         "semantic.categories.A.exemplars.1: must be text, got int"),
        (changed("categories.A.exemplars", ["x" * (MAX_EXEMPLAR_CHARS + 1)]),
         f"semantic.categories.A.exemplars.0: is longer than {MAX_EXEMPLAR_CHARS} characters"),
        (changed("categories.A.extra", 1), "semantic.categories.A.extra: unknown field"),
        (changed("categories.A.prototype", "0.1 0.2"),
         "semantic.categories.A.prototype: must be a non-empty list of numbers"),
        (changed("categories.A.prototype", []),
         "semantic.categories.A.prototype: must be a non-empty list of numbers"),
        (changed("categories.A.prototype", [0.1, float("nan")]),
         "semantic.categories.A.prototype.1: must be a finite number, got nan"),
        (changed("categories.A.prototype", [0.1, float("inf")]),
         "semantic.categories.A.prototype.1: must be a finite number, got inf"),
        (changed("categories.A.prototype", [True, 0.1]),
         "semantic.categories.A.prototype.0: must be a finite number, got True"),
        (changed("categories.A.prototype", [0.1, "0.2"]),
         "semantic.categories.A.prototype.1: must be a finite number, got '0.2'"),
        (changed("categories.A.prototype", [0, 0.0]),
         "semantic.categories.A.prototype: must not be all zeros"),
        (changed("categories.A.prototype", [0.1] * (MAX_PROTOTYPE_DIMENSIONS + 1)),
         f"semantic.categories.A.prototype: has {MAX_PROTOTYPE_DIMENSIONS + 1} numbers; at most "
         f"{MAX_PROTOTYPE_DIMENSIONS} are allowed"),
        (changed("negatives", "not a list"), "semantic.negatives: must be a list of sentences"),
        (changed("negatives", [""]), "semantic.negatives.0: must not be empty"),
        (changed("margin", "wide"), "semantic.margin: must be a number at least -1"),
        (changed("extra", 1), "semantic.extra: unknown field"),
    ],
)  # fmt: skip
def test_bad_sections_are_refused_naming_the_field(section: object, message: str) -> None:
    with pytest.raises(RulePackError) as caught:
        pack_from_dict(with_section(section))
    assert str(caught.value).startswith(f"<rules>: {message}"), str(caught.value)


def test_too_many_exemplars_are_refused() -> None:
    from chatscan.core.rules.schema import MAX_EXEMPLARS

    section = changed("categories.A.exemplars", ["s"] * (MAX_EXEMPLARS + 1))
    with pytest.raises(RulePackError, match=f"at most {MAX_EXEMPLARS} are allowed"):
        pack_from_dict(with_section(section))


def test_built_in_packs() -> None:
    assert load_pack("original").spec.semantic is None
    v2 = load_pack("v2").spec.semantic
    assert v2 is not None and v2.model == "all-MiniLM-L6-v2-int8-coercion-1"
    # eval/packs/train_semantic.py keeps at most 400 exemplars per category (the nearest
    # explains a hit) and learns a prototype for each of the six: a pack that loads fast.
    assert len(v2.categories) == 6
    for category in v2.categories:
        assert 20 <= len(category.exemplars) <= 400
        assert category.prototype is not None and len(category.prototype) == 384
        assert 0 < category.threshold < 1
