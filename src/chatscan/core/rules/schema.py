"""The rule-pack schema: what a pack file may contain, checked when it is loaded.

Plain frozen dataclasses with explicit checks: loading a pack happens at every
CLI start, and each error must name the field (and rule id) that is wrong.
"""

from __future__ import annotations

import math
import re
from dataclasses import asdict, dataclass, fields
from typing import Any

from chatscan.core.models import Tier

__all__ = [
    "APOSTROPHE_MODES",
    "DEFAULT_NEGATORS",
    "MAX_PATTERN_LENGTH",
    "CategorySpec",
    "ContextSpec",
    "RulePackSpec",
    "RuleSpec",
    "SchemaError",
    "SemanticCategorySpec",
    "SemanticSpec",
    "SequenceSpec",
]

MAX_PATTERN_LENGTH = 2000
SPEAKER_CONSTRAINTS = ("any", "different", "same")
MAX_RULES = 20000
MAX_CATEGORIES = 256
MAX_SEQUENCES = 1000
MAX_NEGATION_WINDOW = 10
MAX_CONTEXT_WINDOW = 50
MAX_WORDS = 500
# The semantic section: exemplar sentences per category, hard negatives, thresholds.
MAX_EXEMPLARS = 2000  # per category
MAX_NEGATIVES = 5000
MAX_PROTOTYPE_DIMENSIONS = 4096
MAX_EXEMPLAR_CHARS = 1000
APOSTROPHE_MODES = ("exact", "any")
# Words that cancel a hit of a ``negation_window`` rule when they come shortly before it.
# ``n't`` stands for every word ending in n't (couldn't, shouldn't, ...); curly
# apostrophes count as straight ones.
DEFAULT_NEGATORS = (
    "not",
    "never",
    "no longer",
    "didn't",
    "don't",
    "doesn't",
    "wasn't",
    "isn't",
    "won't",
    "can't",
    "cannot",
    "haven't",
    "hasn't",
    "n't",
    "nobody",
    "nothing",
)

# SEMANTIC is the semantic layer's tier, never a rule's.
RULE_TIERS = (Tier.PHRASE.value, Tier.TOKEN.value)

_CATEGORY_NAME = re.compile(r"[A-Z][A-Z0-9_]{0,63}")
_RULE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.:\-]{0,127}")
_PACK_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.\-]{0,63}")
# A word or phrase: word characters joined by apostrophes, hyphens or single spaces.
_WORDS = re.compile(r"[\w'’‘]+(?:[ \-][\w'’‘]+)*")


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


def _whole_number(
    data: dict[str, Any], key: str, where: str, low: int, high: int, rule_id: str | None = None
) -> int:
    path = f"{where}.{key}".lstrip(".")
    value = data[key]
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise SchemaError(path, f"must be a whole number from {low} to {high}", rule_id)
    return value


def _words(
    data: dict[str, Any], key: str, where: str, rule_id: str | None = None
) -> tuple[str, ...]:
    """A non-empty list of words or phrases (letters, digits, apostrophes, single spaces)."""
    path = f"{where}.{key}".lstrip(".")
    value = data[key]
    if not isinstance(value, list):
        raise SchemaError(path, f"must be a list of words, got {type(value).__name__}", rule_id)
    if not value:
        raise SchemaError(path, "must not be empty", rule_id)
    if len(value) > MAX_WORDS:
        raise SchemaError(path, f"has {len(value)} items; at most {MAX_WORDS} are allowed", rule_id)
    words: list[str] = []
    for i, item in enumerate(value):
        if not isinstance(item, str):
            raise SchemaError(f"{path}.{i}", f"must be text, got {type(item).__name__}", rule_id)
        word = " ".join(item.split())
        if not word or not _WORDS.fullmatch(word):
            raise SchemaError(
                f"{path}.{i}",
                f"{item!r} is not a word or phrase (letters, digits, apostrophes, spaces)",
                rule_id,
            )
        words.append(word)
    return tuple(words)


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
class ContextSpec:
    """Words or phrases, one of which must occur within ``window`` words of a match."""

    words: tuple[str, ...]
    window: int

    @classmethod
    def parse(cls, value: object, where: str, rule_id: str) -> ContextSpec:
        data = _mapping(value, where, rule_id)
        _only_known(data, cls, where, rule_id)
        for key in ("words", "window"):
            if key not in data:
                raise SchemaError(f"{where}.{key}", "is required", rule_id)
        return cls(
            words=_words(data, "words", where, rule_id),
            window=_whole_number(data, "window", where, 1, MAX_CONTEXT_WINDOW, rule_id),
        )


@dataclass(frozen=True, slots=True)
class RuleSpec:
    """One case-insensitive Python regular expression and what it means.

    The precision fields are optional; ``None`` means absent (today's behaviour), and
    absent fields stay out of the canonical form, so packs without them keep their hash.
    """

    id: str
    category: str
    tier: Tier
    pattern: str
    description: str = ""
    negation_window: int | None = None
    context: ContextSpec | None = None
    score: float | None = None

    @classmethod
    def parse(cls, value: object, where: str) -> RuleSpec:
        data = _mapping(value, where)
        raw_id = data.get("id")
        rule_id = str(raw_id) if isinstance(raw_id, str | int) else None
        _only_known(data, cls, where, rule_id)
        rule_id = _text(data, "id", where, pattern=_RULE_ID)
        tier = _text(data, "tier", where, rule_id=rule_id)
        if tier not in RULE_TIERS:
            choices = ", ".join(RULE_TIERS)
            raise SchemaError(
                f"{where}.tier", f"unknown tier {tier!r}; use one of {choices}", rule_id
            )
        return cls(
            id=rule_id,
            category=_text(data, "category", where, pattern=_CATEGORY_NAME, rule_id=rule_id),
            tier=Tier(tier),
            pattern=_text(data, "pattern", where, max_length=MAX_PATTERN_LENGTH, rule_id=rule_id),
            description=_text(data, "description", where, required=False, rule_id=rule_id),
            negation_window=(
                _whole_number(data, "negation_window", where, 1, MAX_NEGATION_WINDOW, rule_id)
                if "negation_window" in data
                else None
            ),
            context=(
                ContextSpec.parse(data["context"], f"{where}.context", rule_id)
                if "context" in data
                else None
            ),
            score=_score(data, where, rule_id) if "score" in data else None,
        )


def _score(data: dict[str, Any], where: str, rule_id: str) -> float:
    value = data["score"]
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value <= 1:
        raise SchemaError(
            f"{where}.score", "must be a number greater than 0 and at most 1", rule_id
        )
    return float(value)


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


def _unit_number(
    data: dict[str, Any], key: str, where: str, low: float, high: float, *, open_low: bool
) -> float:
    """A number in (low, high] (``open_low``) or [low, high]."""
    path = f"{where}.{key}".lstrip(".")
    value = data[key]
    ok = isinstance(value, int | float) and not isinstance(value, bool)
    if ok:
        ok = (low < value if open_low else low <= value) and value <= high
    if not ok:
        bounds = f"greater than {low:g}" if open_low else f"at least {low:g}"
        raise SchemaError(path, f"must be a number {bounds} and at most {high:g}")
    return float(value)


def _sentences(value: object, where: str, limit: int, *, required: bool) -> tuple[str, ...]:
    """A list of sentences: each non-blank text of at most ``MAX_EXEMPLAR_CHARS``."""
    if not isinstance(value, list):
        raise SchemaError(where, f"must be a list of sentences, got {type(value).__name__}")
    if required and not value:
        raise SchemaError(where, "must not be empty")
    if len(value) > limit:
        raise SchemaError(where, f"has {len(value)} items; at most {limit} are allowed")
    found: list[str] = []
    for i, item in enumerate(value):
        if not isinstance(item, str):
            raise SchemaError(f"{where}.{i}", f"must be text, got {type(item).__name__}")
        if not item.strip():
            raise SchemaError(f"{where}.{i}", "must not be empty")
        if len(item) > MAX_EXEMPLAR_CHARS:
            raise SchemaError(f"{where}.{i}", f"is longer than {MAX_EXEMPLAR_CHARS} characters")
        found.append(item)
    return tuple(found)


def _vector(value: object, where: str) -> tuple[float, ...]:
    """A list of finite numbers, not all zero (a direction in the model's space)."""
    if not isinstance(value, list) or not value:
        raise SchemaError(where, "must be a non-empty list of numbers")
    if len(value) > MAX_PROTOTYPE_DIMENSIONS:
        raise SchemaError(
            where, f"has {len(value)} numbers; at most {MAX_PROTOTYPE_DIMENSIONS} are allowed"
        )
    for i, item in enumerate(value):
        if isinstance(item, bool) or not isinstance(item, int | float) or not math.isfinite(item):
            raise SchemaError(f"{where}.{i}", f"must be a finite number, got {item!r}")
    if not any(value):
        raise SchemaError(where, "must not be all zeros")
    return tuple(float(item) for item in value)


@dataclass(frozen=True, slots=True)
class SemanticCategorySpec:
    """One category of the semantic layer.

    Without a ``prototype``, a message is flagged when its similarity to the nearest of
    ``exemplars`` is at least ``threshold`` and beats the nearest negative by at least
    ``margin`` (the section's margin when None). With one (a direction learnt from the
    category's labelled messages against everything else), it is flagged when its
    similarity to the prototype is at least ``threshold``; the nearest exemplar is still
    named, as the explanation."""

    name: str
    threshold: float
    exemplars: tuple[str, ...]
    margin: float | None = None
    prototype: tuple[float, ...] | None = None

    @classmethod
    def parse(cls, name: str, value: object, where: str) -> SemanticCategorySpec:
        data = _mapping(value, where)
        for key in data:
            if key not in ("threshold", "exemplars", "margin", "prototype"):
                raise SchemaError(f"{where}.{key}", "unknown field")
        for key in ("threshold", "exemplars"):
            if key not in data:
                raise SchemaError(f"{where}.{key}", "is required")
        return cls(
            name=name,
            threshold=_unit_number(data, "threshold", where, 0, 1, open_low=True),
            exemplars=_sentences(
                data["exemplars"], f"{where}.exemplars", MAX_EXEMPLARS, required=True
            ),
            margin=(
                _unit_number(data, "margin", where, -1, 1, open_low=False)
                if "margin" in data
                else None
            ),
            prototype=(
                _vector(data["prototype"], f"{where}.prototype") if "prototype" in data else None
            ),
        )

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"threshold": self.threshold, "exemplars": list(self.exemplars)}
        if self.margin is not None:
            data["margin"] = self.margin
        if self.prototype is not None:
            data["prototype"] = list(self.prototype)
        return data


@dataclass(frozen=True, slots=True)
class SemanticSpec:
    """The optional ``semantic`` section of a pack: which sentence-embedding ``model``,
    exemplar sentences and a threshold per category, and hard ``negatives`` (sentences
    that must not be flagged; a message nearer to one of them than to a category's
    exemplars, by less than the margin, is not flagged)."""

    model: str
    categories: tuple[SemanticCategorySpec, ...]
    negatives: tuple[str, ...] = ()
    margin: float = 0.0

    @classmethod
    def parse(cls, value: object, where: str = "semantic") -> SemanticSpec:
        data = _mapping(value, where)
        for key in data:
            if key not in ("model", "margin", "categories", "negatives"):
                raise SchemaError(f"{where}.{key}", "unknown field")
        model = _text(data, "model", where, pattern=_PACK_NAME)
        if "categories" not in data:
            raise SchemaError(f"{where}.categories", "is required")
        categories = _mapping(data["categories"], f"{where}.categories")
        if not categories:
            raise SchemaError(f"{where}.categories", "must not be empty")
        if len(categories) > MAX_CATEGORIES:
            raise SchemaError(
                f"{where}.categories", f"has {len(categories)}; at most {MAX_CATEGORIES}"
            )
        parsed = []
        for name, item in categories.items():
            if not isinstance(name, str) or not _CATEGORY_NAME.fullmatch(name):
                raise SchemaError(
                    f"{where}.categories.{name}",
                    f"{name!r} is not a valid category name (expected {_CATEGORY_NAME.pattern})",
                )
            parsed.append(SemanticCategorySpec.parse(name, item, f"{where}.categories.{name}"))
        return cls(
            model=model,
            categories=tuple(parsed),
            negatives=(
                _sentences(data["negatives"], f"{where}.negatives", MAX_NEGATIVES, required=False)
                if "negatives" in data
                else ()
            ),
            margin=(
                _unit_number(data, "margin", where, -1, 1, open_low=False)
                if "margin" in data
                else 0.0
            ),
        )

    def margin_of(self, category: SemanticCategorySpec) -> float:
        return self.margin if category.margin is None else category.margin

    def to_dict(self) -> dict[str, Any]:
        """Plain data in the file's shape; ``SemanticSpec.parse(s.to_dict()) == s``."""
        return {
            "model": self.model,
            "margin": self.margin,
            "categories": {c.name: c.to_dict() for c in self.categories},
            "negatives": list(self.negatives),
        }


@dataclass(frozen=True, slots=True)
class RulePackSpec:
    name: str
    version: str
    categories: tuple[CategorySpec, ...]
    rules: tuple[RuleSpec, ...]
    sequences: tuple[SequenceSpec, ...] = ()
    description: str = ""
    window: int = 6
    negators: tuple[str, ...] | None = None  # None: DEFAULT_NEGATORS
    apostrophes: str | None = None  # None: "exact"; "any": ' in patterns also matches ’ ‘
    semantic: SemanticSpec | None = None  # the semantic layer's exemplars and thresholds

    @classmethod
    def parse(cls, value: object) -> RulePackSpec:
        data = _mapping(value, "")
        _only_known(data, cls, "")
        window = data.get("window", 6)
        if isinstance(window, bool) or not isinstance(window, int) or not 1 <= window <= 1000:
            raise SchemaError("window", "must be a whole number from 1 to 1000")
        apostrophes = None
        if "apostrophes" in data:
            apostrophes = data["apostrophes"]
            if apostrophes not in APOSTROPHE_MODES:
                choices = ", ".join(APOSTROPHE_MODES)
                raise SchemaError("apostrophes", f"must be one of {choices}, not {apostrophes!r}")
        spec = cls(
            semantic=SemanticSpec.parse(data["semantic"]) if "semantic" in data else None,
            negators=_words(data, "negators", "") if "negators" in data else None,
            apostrophes=apostrophes,
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
        if self.semantic is not None:
            for category in self.semantic.categories:
                if category.name not in known:
                    raise SchemaError(
                        f"semantic.categories.{category.name}",
                        f"unknown category {category.name!r}; the pack defines "
                        f"{', '.join(sorted(known))}",
                    )

    def compile_flags(self) -> int:
        return re.IGNORECASE

    @property
    def effective_negators(self) -> tuple[str, ...]:
        return DEFAULT_NEGATORS if self.negators is None else self.negators

    def to_dict(self) -> dict[str, Any]:
        """Plain data; ``RulePackSpec.parse(spec.to_dict()) == spec``."""
        data = asdict(self)
        if self.semantic is None:
            del data["semantic"]  # absent stays absent, so packs without it keep their hash
        else:
            data["semantic"] = self.semantic.to_dict()
        for rule in data["rules"]:
            rule["tier"] = str(rule["tier"])
        for key in ("categories", "rules", "sequences"):
            data[key] = list(data[key])
        for seq in data["sequences"]:
            if seq["speakers"] == "any":
                del seq["speakers"]  # the default stays out, so older packs keep their hash
        # Optional fields are in the canonical form only when present, likewise.
        for rule in data["rules"]:
            for key in ("negation_window", "context", "score"):
                if rule[key] is None:
                    del rule[key]
            if "context" in rule:
                rule["context"]["words"] = list(rule["context"]["words"])
        for key in ("negators", "apostrophes"):
            if data[key] is None:
                del data[key]
        if "negators" in data:
            data["negators"] = list(data["negators"])
        return data
