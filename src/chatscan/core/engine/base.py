"""The one small interface every matching backend implements."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from chatscan.core.models import Hit

__all__ = ["Engine"]


class Engine(Protocol):
    """Matches a pack's rules against many texts at once."""

    name: str

    def match(self, texts: Sequence[str]) -> list[tuple[Hit, ...]]:
        """Hits for each text, in the same order; rules in pack order within a text."""
        ...
