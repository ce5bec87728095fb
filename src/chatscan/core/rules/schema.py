"""The rule-pack schema: what a pack file may contain, checked when it is loaded.

Plain frozen dataclasses with explicit checks: loading a pack happens at every
CLI start, and each error must name the field (and rule id) that is wrong.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, fields
from typing import Any

from chatscan.core.models import Tier

__all__ = [
    "MAX_PATTERN_LENGTH",
    "CategorySpec",
    "RulePackSpec",
    "RuleSpec",
    "SchemaError",
    "SequenceSpec",
]

MAX_PATTERN_LENGTH = 2000
SPEAKER_CONSTRAINTS = ("any", "different", "same")
MAX_RULES = 20000
MAX_CATEGORIES = 256
MAX_SEQUENCES = 1000

_CATEGORY_NAME = re.compile(r"[A-Z][A-Z0-9_]{0,63}")
_RULE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.:\-]{0,127}")
_PACK_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.\-]{0,63}")


class SchemaError(ValueError):
    """A pack document does not fit the schema; ``where`` is a dotted field path."""

    def __init__(self, where: str, message: str, rule_id: str | None = None) -> None:
        super().__init__(f"{where}: {message}" if where else message)
        self.where = where
        self.reason = message
        self.rule_id = rule_id


def _mapping(value: object, where: str, rule_id: str | None = None) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise SchemaError(where, f"must be a mapping, got {type(value).__name__}", rule_id)
    return value


def _only_known(data: dict[str, Any], cls: type, where: str, rule_id: str | None = None) -> None:
    known = {f.name for f in fields(cls)}
    for key in data:
        if key not in known:
            raise SchemaError(f"{where}.{key}".lstrip("."), "unknown field", rule_id)


def _text(
    data: dict[str, Any],
    key: str,
    where: str,
    *,
    required: bool = True,
    pattern: re.Pattern[str] | None = None,
    max_length: int = 10000,
    rule_id: str | None = None,
) -> str:
    path = f"{where}.{key}".lstrip(".")
    if key not in data:
        if required:
            raise SchemaError(path, "is required", rule_id)
        return ""
    value = data[key]
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise SchemaError(path, f"must be text, got {type(value).__name__}", rule_id)
    text = str(value)
    if required and not text:
        raise SchemaError(path, "must not be empty", rule_id)
    if len(text) > max_length:
        raise SchemaError(path, f"is longer than {max_length} characters", rule_id)
    if pattern is not None and not pattern.fullmatch(text):
        raise SchemaError(
            path, f"{text!r} is not a valid name (expected {pattern.pattern})", rule_id
        )
    return text


def _list(data: dict[str, Any], key: str, limit: int, *, required: bool = True) -> list[Any]:
    if key not in data:
        if required:
            raise SchemaError(key, "is required")
        return []
    value = data[key]
    if not isinstance(value, list):
        raise SchemaError(key, f"must be a list, got {type(value).__name__}")
    if required and not value:
        raise SchemaError(key, "must not be empty")
    if len(value) > limit:
        raise SchemaError(key, f"has {len(value)} items; at most {limit} are allowed")
    return value


@dataclass(frozen=True, slots=True)
class CategorySpec:
    name: str
    description: str = ""

    @classmethod
    def parse(cls, value: object, where: str) -> CategorySpec:
        data = _mapping(value, where)
        _only_known(data, cls, where)
        return cls(
            name=_text(data, "name", where, pattern=_CATEGORY_NAME),
            description=_text(data, "description", where, required=False),
        )


@dataclass(frozen=True, slots=True)
class RuleSpec:
    """One case-insensitive Python regular expression and what it means."""

    id: str
    category: str
    tier: Tier
    pattern: str
    description: str = ""

    @classmethod
    def parse(cls, value: object, where: str) -> RuleSpec:
        data = _mapping(value, where)
        raw_id = data.get("id")
        rule_id = str(raw_id) if isinstance(raw_id, str | int) else None
        _only_known(data, cls, where, rule_id)
        rule_id = _text(data, "id", where, pattern=_RULE_ID)
        tier = _text(data, "tier", where, rule_id=rule_id)
        if tier not in Tier.__members__:
            choices = ", ".join(Tier.__members__)
            raise SchemaError(
                f"{where}.tier", f"unknown tier {tier!r}; use one of {choices}", rule_id
            )
        return cls(
            id=rule_id,
            category=_text(data, "category", where, pattern=_CATEGORY_NAME, rule_id=rule_id),
            tier=Tier(tier),
            pattern=_text(data, "pattern", where, max_length=MAX_PATTERN_LENGTH, rule_id=rule_id),
            description=_text(data, "description", where, required=False, rule_id=rule_id),
        )


@dataclass(frozen=True, slots=True)
class SequenceSpec:
    """A start category followed, within the pack's window, by an end category.

    ``speakers`` (message mode): ``different`` — the end by someone other than the
    start's speaker (a boundary, then the other person's threat); ``same``; ``any``.
    """

    start: str
    end: str
    speakers: str = "any"

    @classmethod
    def parse(cls, value: object, where: str) -> SequenceSpec:
        data = _mapping(value, where)
        _only_known(data, cls, where)
        speakers = _text(data, "speakers", where, required=False) or "any"
        if speakers not in SPEAKER_CONSTRAINTS:
            choices = ", ".join(SPEAKER_CONSTRAINTS)
            raise SchemaError(f"{where}.speakers", f"must be one of {choices}, not {speakers!r}")
        return cls(
            start=_text(data, "start", where, pattern=_CATEGORY_NAME),
            end=_text(data, "end", where, pattern=_CATEGORY_NAME),
            speakers=speakers,
        )


@dataclass(frozen=True, slots=True)
class RulePackSpec:
    name: str
    version: str
    categories: tuple[CategorySpec, ...]
    rules: tuple[RuleSpec, ...]
    sequences: tuple[SequenceSpec, ...] = ()
    description: str = ""
    window: int = 6

    @classmethod
    def parse(cls, value: object) -> RulePackSpec:
        data = _mapping(value, "")
        _only_known(data, cls, "")
        window = data.get("window", 6)
        if isinstance(window, bool) or not isinstance(window, int) or not 1 <= window <= 1000:
            raise SchemaError("window", "must be a whole number from 1 to 1000")
        spec = cls(
            name=_text(data, "name", "", pattern=_PACK_NAME),
            version=_text(data, "version", "", max_length=64),
            description=_text(data, "description", "", required=False),
            window=window,
            categories=tuple(
                CategorySpec.parse(item, f"categories.{i}")
                for i, item in enumerate(_list(data, "categories", MAX_CATEGORIES))
            ),
            rules=tuple(
                RuleSpec.parse(item, f"rules.{i}")
                for i, item in enumerate(_list(data, "rules", MAX_RULES))
            ),
            sequences=tuple(
                SequenceSpec.parse(item, f"sequences.{i}")
                for i, item in enumerate(_list(data, "sequences", MAX_SEQUENCES, required=False))
            ),
        )
        spec._check_references()
        return spec

    def _check_references(self) -> None:
        known: set[str] = set()
        for i, category in enumerate(self.categories):
            if category.name in known:
                raise SchemaError(f"categories.{i}.name", f"{category.name!r} is defined twice")
            known.add(category.name)
        seen: set[str] = set()
        for i, rule in enumerate(self.rules):
            if rule.id in seen:
                raise SchemaError(f"rules.{i}.id", "is used by another rule too", rule.id)
            seen.add(rule.id)
            if rule.category not in known:
                raise SchemaError(
                    f"rules.{i}.category", f"unknown category {rule.category!r}", rule.id
                )
        for i, seq in enumerate(self.sequences):
            for end in (seq.start, seq.end):
                if end not in known:
                    raise SchemaError(f"sequences.{i}", f"unknown category {end!r}")

    def compile_flags(self) -> int:
        return re.IGNORECASE

    def to_dict(self) -> dict[str, Any]:
        """Plain data; ``RulePackSpec.parse(spec.to_dict()) == spec``."""
        data = asdict(self)
        for rule in data["rules"]:
            rule["tier"] = str(rule["tier"])
        for key in ("categories", "rules", "sequences"):
            data[key] = list(data[key])
        for seq in data["sequences"]:
            if seq["speakers"] == "any":
                del seq["speakers"]  # the default stays out, so older packs keep their hash
        return data
