"""Rule packs: the built-in pack, hashing, round trips and validation errors."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from chatscan.core.errors import RulePackError
from chatscan.core.models import Tier
from chatscan.core.rules import load_pack, pack_from_dict
from chatscan.core.rules.schema import RulePackSpec
from tests.paths import SHARED

# The default pack as the original scanner's spec tables it: category -> (tokens, phrases).
SPEC_TABLE = SHARED / "spec" / "seed-scanner.md"


def spec_rules() -> dict[str, tuple[list[str], list[str]]]:
    table: dict[str, tuple[list[str], list[str]]] = {}
    for line in SPEC_TABLE.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in re.split(r"(?<!\\)\|", line)[1:-1]]
        if len(cells) == 3 and cells[0].isupper() and "_" in cells[0]:
            tokens, phrases = ([p.replace("\\|", "|") for p in re.findall(r"`([^`]+)`", c)]
                               for c in cells[1:])  # fmt: skip
            table[cells[0]] = (tokens, phrases)
    return table


def test_builtin_pack_is_the_original_table() -> None:
    pack = load_pack("original")
    table = spec_rules()
    assert sorted(table) == sorted(pack.category_names)
    for category, (tokens, phrases) in table.items():
        ours = [r for r in pack.spec.rules if r.category == category]
        assert [r.pattern for r in ours if r.tier is Tier.TOKEN] == tokens
        assert [r.pattern for r in ours if r.tier is Tier.PHRASE] == phrases
    assert [(s.start, s.end) for s in pack.spec.sequences] == [
        ("HARM_LANGUAGE", "PROTECTOR_CLAIM"),
        ("BOUNDARY_LANGUAGE", "HARM_LANGUAGE"),
        ("THREAT_OF_EXPOSURE", "PROTECTOR_CLAIM"),
    ]
    assert pack.window == 6


def test_hash_is_of_content_not_formatting(tmp_path: Path) -> None:
    pack = load_pack()
    data = pack.to_dict()
    reformatted = tmp_path / "pack.yaml"
    reformatted.write_text(
        yaml.safe_dump(data, default_flow_style=True, width=40), encoding="utf-8"
    )
    assert load_pack(reformatted).sha256 == pack.sha256
    data["rules"][0]["description"] = "changed"
    assert pack_from_dict(data).sha256 != pack.sha256


def test_spec_round_trips_through_plain_data() -> None:
    spec = load_pack().spec
    assert RulePackSpec.parse(spec.to_dict()) == spec


@pytest.mark.parametrize(
    ("mutate", "needle"),
    [
        (lambda d: d.pop("name"), "name: is required"),
        (lambda d: d.update(window=0), "window: must be a whole number"),
        (lambda d: d.update(extra=1), "extra: unknown field"),
        (lambda d: d["rules"][2].update(pattern=""), "rule 'harm.token.threat': rules.2.pattern"),
        (lambda d: d["rules"][2].update(tier=3), "rule 'harm.token.threat'"),
        (lambda d: d["rules"][2].update(colour="red"), "rules.2.colour: unknown field"),
        (lambda d: d["sequences"].append({"start": "HARM_LANGUAGE", "end": "NOPE"}), "NOPE"),
        (lambda d: d["categories"].append({"name": "HARM_LANGUAGE"}), "defined twice"),
        (lambda d: d["rules"][5].update(pattern="a" * 3000), "longer than 2000"),
    ],
)
def test_invalid_packs_say_what_and_where(mutate: object, needle: str) -> None:
    data = load_pack().to_dict()
    mutate(data)  # type: ignore[operator]
    with pytest.raises(RulePackError) as caught:
        pack_from_dict(data, "my.yaml")
    assert caught.value.message.startswith("my.yaml: ")
    assert needle in caught.value.message


def test_every_rule_compiles_case_insensitively() -> None:
    for rule in load_pack().rules:
        assert rule.regex.flags & re.IGNORECASE
