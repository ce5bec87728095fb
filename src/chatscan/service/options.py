"""What a request may choose about its analysis: the rule pack, and the semantic layer.

The service offers the built-in packs (``original``, ``v2``) and, when ``RULES_PATH``
names one, that pack under its own name. Without a choice an analysis takes the
default of its mode: ``v2`` for chat exports (message mode), ``original`` for
paragraph text, as ``chatscan scan`` does; a pack given by ``RULES_PATH`` is the
default for both modes (what configuring it has always meant).

The semantic layer's detector is built once per app instance and pack, on first use
(loading its model takes a few seconds), under a lock, and reused by every analysis
after: its ``detect`` is thread-safe.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any

from chatscan.core.engine.base import Detector
from chatscan.core.ingest import PARAGRAPHS
from chatscan.core.rules import (
    BUILTIN_PACKS,
    DEFAULT_PACK,
    MESSAGE_DEFAULT_PACK,
    RulePack,
    load_pack,
)

__all__ = ["AUTOMATIC", "PackChoices", "SemanticLayer", "parse_flag"]

AUTOMATIC = "auto"  # what the page sends for "the default of the mode"; same as none
_TRUE = ("1", "true", "yes", "on")
_FALSE = ("0", "false", "no", "off", "")


def parse_flag(value: str | None) -> bool | None:
    """A form or query boolean (``true``/``false``, ``1``/``0``, ``yes``/``no``,
    ``on``/``off``; absent or empty is false); None when it is none of those."""
    if value is None:
        return False
    text = value.strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    return None


@dataclass(frozen=True)
class PackChoices:
    """The packs this service offers, by name, and the default of each mode."""

    packs: dict[str, RulePack]
    message_default: str
    paragraph_default: str

    @classmethod
    def load(cls, rules_path: str | None) -> PackChoices:
        """The built-in packs, and the one at ``rules_path`` (which then is the default
        of both modes; a configured pack named like a built-in one takes its place)."""
        packs = {name: load_pack(name) for name in BUILTIN_PACKS}
        if rules_path is None:
            return cls(packs, MESSAGE_DEFAULT_PACK, DEFAULT_PACK)
        configured = load_pack(rules_path)
        packs[configured.name] = configured
        return cls(packs, configured.name, configured.name)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(self.packs)

    def default_for(self, fmt: str) -> str:
        """The default pack's name for an upload read as ``fmt`` (``auto`` reads a chat
        export: message mode; only ``paragraphs`` is paragraph mode)."""
        return self.paragraph_default if fmt == PARAGRAPHS else self.message_default

    def describe(self) -> list[dict[str, Any]]:
        """Each pack offered: name, version, hash, the modes it is the default of, and
        whether it has a semantic section (exemplars for the semantic layer)."""
        return [
            {
                "name": name,
                "version": pack.version,
                "hash": pack.sha256,
                "source": "builtin" if pack.source.startswith("builtin:") else "configured",
                "default_for": [
                    mode
                    for mode, default in (
                        ("messages", self.message_default),
                        ("paragraphs", self.paragraph_default),
                    )
                    if default == name
                ],
                "semantic": pack.spec.semantic is not None,
            }
            for name, pack in self.packs.items()
        ]


def _unavailable_reason() -> str | None:
    """Why the semantic layer cannot run in this process, or None when it can."""
    try:
        from chatscan.semantic import available
    except ImportError as exc:  # a chatscan without the semantic package
        return f"this build of chatscan has no semantic layer ({exc.name})"
    try:
        return available()
    except Exception as exc:  # a broken install must not stop the service
        return f"the semantic layer cannot be loaded: {type(exc).__name__}"


@dataclass
class SemanticLayer:
    """The semantic detectors of one app instance: whether they can run, and each one
    built once (per pack), lazily, under a lock."""

    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _built: dict[str, Detector] = field(default_factory=dict, repr=False)
    _asked: bool = field(default=False, repr=False)
    _reason: str | None = field(default=None, repr=False)

    def unavailable(self) -> str | None:
        """None when the semantic extra is installed; else why not (asked once)."""
        if not self._asked:
            self._reason, self._asked = _unavailable_reason(), True
        return self._reason

    def refusal(self, pack: RulePack) -> str | None:
        """Why the semantic layer cannot run with ``pack``, or None when it can."""
        reason = self.unavailable()
        if reason is not None:
            return reason
        if pack.spec.semantic is None:
            return (
                f"The rule pack {pack.name!r} has no semantic section (exemplar sentences), "
                "so the semantic layer cannot run with it; choose a pack that has one, "
                f"such as {MESSAGE_DEFAULT_PACK!r}"
            )
        return None

    def detector(self, pack: RulePack) -> Detector:
        """The detector for ``pack``: built on first use (model loaded, exemplars
        embedded), then the same one. Raises ``SemanticUnavailable`` when it cannot be."""
        key = pack.sha256
        found = self._built.get(key)
        if found is not None:
            return found
        with self._lock:
            found = self._built.get(key)
            if found is None:
                from chatscan.semantic import SemanticDetector

                found = self._built[key] = SemanticDetector.from_pack(pack)
        return found

    def built(self) -> int:
        """How many detectors have been built (for tests and health reporting)."""
        return len(self._built)
