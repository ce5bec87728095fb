"""The rule-pack schema: what a pack file may contain, checked when it is loaded."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from chatscan.core.models import Tier

__all__ = ["CategorySpec", "RulePackSpec", "RuleSpec", "SequenceSpec"]

MAX_PATTERN_LENGTH = 2000

CategoryName = Annotated[str, StringConstraints(pattern=r"^[A-Z][A-Z0-9_]{0,63}$")]
RuleId = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.:\-]{0,127}$")]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False)


class CategorySpec(_Strict):
    name: CategoryName
    description: str = ""


class RuleSpec(_Strict):
    """One case-insensitive Python regular expression and what it means."""

    id: RuleId
    category: CategoryName
    tier: Tier
    pattern: Annotated[str, StringConstraints(min_length=1, max_length=MAX_PATTERN_LENGTH)]
    description: str = ""


class SequenceSpec(_Strict):
    """A start category followed, within the pack's window, by an end category."""

    start: CategoryName
    end: CategoryName


class RulePackSpec(_Strict):
    name: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,63}$")]
    version: Annotated[str, StringConstraints(min_length=1, max_length=64)]
    description: str = ""
    window: int = Field(default=6, ge=1, le=1000)
    categories: list[CategorySpec] = Field(min_length=1, max_length=256)
    rules: list[RuleSpec] = Field(min_length=1, max_length=20000)
    sequences: list[SequenceSpec] = Field(default_factory=list, max_length=1000)

    @model_validator(mode="after")
    def _references_are_consistent(self) -> RulePackSpec:
        names = [c.name for c in self.categories]
        duplicated = {n for n in names if names.count(n) > 1}
        if duplicated:
            raise ValueError(f"category {sorted(duplicated)[0]!r} is defined twice")
        known = set(names)
        seen: set[str] = set()
        for rule in self.rules:
            if rule.id in seen:
                raise ValueError(f"rule id {rule.id!r} is used twice")
            seen.add(rule.id)
            if rule.category not in known:
                raise ValueError(f"rule {rule.id!r} names unknown category {rule.category!r}")
        for seq in self.sequences:
            for end in (seq.start, seq.end):
                if end not in known:
                    raise ValueError(
                        f"sequence {seq.start} -> {seq.end} names unknown category {end!r}"
                    )
        return self

    def compile_flags(self) -> int:
        return re.IGNORECASE
