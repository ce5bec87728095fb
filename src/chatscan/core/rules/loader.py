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
from chatscan.core.rules.schema import ContextSpec, RulePackSpec, RuleSpec, SchemaError

__all__ = [
    "BUILTIN_PACKS",
    "DEFAULT_PACK",
    "CompiledRule",
    "RulePack",
    "load_pack",
    "pack_from_dict",
    "widen_apostrophes",
]

_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's, where built

BUILTIN_PACKS = ("original", "v2")
DEFAULT_PACK = "original"  # paragraph mode: the original scanner's pack, byte for byte
MESSAGE_DEFAULT_PACK = "v2"  # message mode: phrase rules by meaning (eval/ measures both)
MAX_PACK_BYTES = 2 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class CompiledRule:
    """A rule ready to run. ``pattern`` is what is compiled: the author's pattern, with
    ``'`` widened to ``['’‘]`` when the pack sets ``apostrophes: any``."""

    index: int
    id: str
    category: str
    tier: Tier
    pattern: str
    regex: re.Pattern[str]
    score: float = 1.0
    negation_window: int | None = None
    context: ContextSpec | None = None

    @property
    def filtered(self) -> bool:
        """Whether hits of this rule go through the negation/context post-filter."""
        return self.negation_window is not None or self.context is not None


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

    @property
    def negators(self) -> tuple[str, ...]:
        return self.spec.effective_negators

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


_APOSTROPHES = "'’‘"


def widen_apostrophes(pattern: str) -> str:
    """``pattern`` with every literal ``'`` (or ``\\'``) also matching ’ and ‘.

    Outside a character class ``'`` becomes ``['’‘]``; inside one, the class gains ’ ‘.
    Escapes other than ``\\'`` are copied as they are.
    """
    out: list[str] = []
    i, n = 0, len(pattern)
    in_class = False
    while i < n:
        char = pattern[i]
        if char == "\\" and i + 1 < n:
            nxt = pattern[i + 1]
            if nxt == "'":
                out.append(_APOSTROPHES if in_class else f"[{_APOSTROPHES}]")
            else:
                out.append(pattern[i : i + 2])
            i += 2
            continue
        if in_class:
            if char == "]":
                in_class = False
            out.append(_APOSTROPHES if char == "'" else char)
            i += 1
            continue
        if char == "[":
            in_class = True
            out.append(char)
            i += 1
            # A ']' first in the class (after an optional '^') is a literal.
            if i < n and pattern[i] == "^":
                out.append("^")
                i += 1
            if i < n and pattern[i] == "]":
                out.append("]")
                i += 1
            continue
        out.append(f"[{_APOSTROPHES}]" if char == "'" else char)
        i += 1
    return "".join(out)


def _compile_rule(
    rule: RuleSpec, index: int, flags: int, source: str, widen: bool = False
) -> CompiledRule:
    pattern = widen_apostrophes(rule.pattern) if widen else rule.pattern
    try:
        parsed = safety.parse(pattern, flags)
        regex = re.compile(pattern, flags)
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
    return CompiledRule(
        index,
        rule.id,
        rule.category,
        rule.tier,
        pattern,
        regex,
        1.0 if rule.score is None else rule.score,
        rule.negation_window,
        rule.context,
    )


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
    widen = spec.apostrophes == "any"
    rules = tuple(_compile_rule(rule, i, flags, source, widen) for i, rule in enumerate(spec.rules))
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
    """Load a built-in pack by name (``original``, ``v2``) or a YAML pack file by path;
    None is the paragraph-mode default, ``original``."""
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
