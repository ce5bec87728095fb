"""The small interfaces: every matching backend (``Engine``), and every extra detector
that runs beside the rules (``Detector``, such as the semantic layer)."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Protocol

from chatscan.core.models import Hit

__all__ = ["Detector", "Engine"]


class Engine(Protocol):
    """Matches a pack's rules against many texts at once."""

    name: str

    def match(self, texts: Sequence[str]) -> list[tuple[Hit, ...]]:
        """Hits for each text, in the same order; rules in pack order within a text."""
        ...

    def candidates(self, texts: Sequence[str], *, invariant: bool) -> dict[int, Collection[int]]:
        """Which rules may match which texts: {text index: rule indices}, a superset.

        With ``invariant``, also a superset for every text whose normalised form
        equals a suffix-of-text match (see ``prefilter``), except texts holding one
        of ``NORMALISATION_UNSAFE_CHARS``, which callers must treat as candidates.
        """
        ...

    def candidates_in_utf8(self, data: bytes, ends: Sequence[int]) -> dict[int, Collection[int]]:
        """Invariant-mode candidates for consecutive pieces of UTF-8 ``data`` separated by
        whitespace, piece k ending at byte ``ends[k]``: {piece index: rule indices}."""
        ...

    def check(self, text: str, rules: Collection[int]) -> tuple[Hit, ...]:
        """The exact hits of the given rules on ``text``."""
        ...


class Detector(Protocol):
    """Finds hits in whole messages beside a pack's rules (message mode only).

    It gets whole batches of message texts; its hits come after the rules' hits of each
    message. ``identity`` says exactly what produced them (model, data, thresholds:
    strings), for every report.
    """

    name: str

    def detect(self, texts: Sequence[str]) -> list[tuple[Hit, ...]]:
        """Hits for each text, in the same order."""
        ...

    def identity(self) -> dict[str, str]:
        """Name, model, versions and hashes of what this detector runs."""
        ...
