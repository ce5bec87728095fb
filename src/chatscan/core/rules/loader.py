"""Loading, validating and hashing rule packs."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import yaml

from chatscan.core.errors import RulePackError
from chatscan.core.models import Tier
from chatscan.core.rules import safety
from chatscan.core.rules.schema import RulePackSpec, RuleSpec, SchemaError

__all__ = [
    "BUILTIN_PACKS",
    "DEFAULT_PACK",
    "CompiledRule",
    "RulePack",
    "load_pack",
    "pack_from_dict",
]

_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's, where built

BUILTIN_PACKS = ("original",)
DEFAULT_PACK = "original"
MAX_PACK_BYTES = 2 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class CompiledRule:
    index: int
    id: str
    category: str
    tier: Tier
    pattern: str
    regex: re.Pattern[str]


@dataclass(frozen=True)
class RulePack:
    """A validated pack with its rules compiled, and its identity (name, version, hash)."""

    spec: RulePackSpec
    source: str
    rules: tuple[CompiledRule, ...]

    @property
    def name(self) -> str:
        return self.spec.name

    @property
    def version(self) -> str:
        return self.spec.version

    @property
    def window(self) -> int:
        return self.spec.window

    @property
    def flags(self) -> int:
        return self.spec.compile_flags()

    @cached_property
    def category_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.spec.categories)

    @cached_property
    def sha256(self) -> str:
        """SHA-256 of the pack's canonical form: sorted-key compact JSON of its data."""
        canonical = json.dumps(
            self.spec.to_dict(),
            sort_keys=True,
            separators=(",", ":"),
            ensure_ascii=False,
        )
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()

    def identity(self) -> dict[str, str]:
        return {"name": self.name, "version": self.version, "sha256": self.sha256}

    def to_dict(self) -> dict[str, object]:
        return self.spec.to_dict()


def _compile_rule(rule: RuleSpec, index: int, flags: int, source: str) -> CompiledRule:
    try:
        parsed = safety.parse(rule.pattern, flags)
        regex = re.compile(rule.pattern, flags)
    except (re.error, OverflowError, RecursionError) as exc:
        raise RulePackError(
            f"pattern does not compile: {exc}", source=source, rule_id=rule.id
        ) from None
    if safety.min_width(parsed) == 0:
        raise RulePackError(
            "pattern can match empty text, so it would flag every message",
            source=source,
            rule_id=rule.id,
        )
    if safety.nested_repeat(parsed):
        raise RulePackError(
            "pattern nests a repeat inside an unbounded repeat (like '(a+)+'), which can take "
            "exponential time on hostile text; rewrite it without the nesting",
            source=source,
            rule_id=rule.id,
        )
    return CompiledRule(index, rule.id, rule.category, rule.tier, rule.pattern, regex)


def pack_from_dict(data: object, source: str = "<rules>") -> RulePack:
    """Validate and compile a pack given as plain data (a parsed YAML document)."""
    if not isinstance(data, dict):
        raise RulePackError(
            "a rule pack must be a mapping with name, version, categories, rules", source=source
        )
    try:
        spec = RulePackSpec.parse(data)
    except SchemaError as exc:
        message = f"{exc.where}: {exc.reason}" if exc.where else exc.reason
        raise RulePackError(message, source=source, rule_id=exc.rule_id) from None
    flags = spec.compile_flags()
    rules = tuple(_compile_rule(rule, i, flags, source) for i, rule in enumerate(spec.rules))
    return RulePack(spec=spec, source=source, rules=rules)


def _read_builtin(name: str) -> tuple[str, str]:
    path = Path(__file__).parent / "packs" / f"{name}.yaml"
    return path.read_text(encoding="utf-8"), f"builtin:{name}"


def _read_file(path: Path) -> tuple[str, str]:
    source = str(path)
    if not path.exists():
        raise RulePackError("file not found", source=source)
    if path.is_dir():
        raise RulePackError("is a directory, not a rule pack file", source=source)
    try:
        size = path.stat().st_size
        if size > MAX_PACK_BYTES:
            raise RulePackError(
                f"file is {size} bytes; packs are limited to {MAX_PACK_BYTES}", source=source
            )
        raw = path.read_bytes()
    except OSError as exc:
        raise RulePackError(f"cannot read: {exc.strerror}", source=source) from None
    try:
        return raw.decode("utf-8-sig"), source
    except UnicodeDecodeError as exc:
        raise RulePackError(f"not UTF-8 text (byte offset {exc.start})", source=source) from None


def load_pack(name_or_path: str | Path | None = None) -> RulePack:
    """Load a built-in pack by name (``original``) or a YAML pack file by path."""
    if name_or_path is None:
        name_or_path = DEFAULT_PACK
    if isinstance(name_or_path, str) and name_or_path in BUILTIN_PACKS:
        text, source = _read_builtin(name_or_path)
    else:
        text, source = _read_file(Path(name_or_path))
    try:
        data = yaml.load(text, Loader=_SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or "cannot be parsed"
        raise RulePackError(f"invalid YAML{where}: {problem}", source=source) from None
    return pack_from_dict(data, source)
