"""Paragraph (compat) analysis: file-wide de-duplication, then events in order."""

from __future__ import annotations

from collections.abc import Iterable
from itertools import islice

from chatscan.core.analysis.fingerprint import fingerprint
from chatscan.core.engine import Engine
from chatscan.core.models import Event, Message

__all__ = ["ParagraphAnalysis"]

BATCH_MESSAGES = 4096


class ParagraphAnalysis:
    """Consumes messages in batches; an entry whose fingerprint appeared earlier
    anywhere in the file is skipped, the rest are matched and become events."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.events: list[Event] = []
        self.messages_total = 0
        self.duplicates_skipped = 0
        self._seen: set[bytes] = set()

    def feed(self, messages: Iterable[Message]) -> None:
        iterator = iter(messages)
        while batch := list(islice(iterator, BATCH_MESSAGES)):
            self._feed_batch(batch)

    def _feed_batch(self, batch: list[Message]) -> None:
        seen = self._seen
        fresh: list[tuple[Message, bytes]] = []
        for message in batch:
            key = fingerprint(message.text)
            if key in seen:
                self.duplicates_skipped += 1
                continue
            seen.add(key)
            fresh.append((message, key))
        self.messages_total += len(batch)
        matches = self.engine.match([message.text for message, _ in fresh])
        events = self.events
        for (message, key), hits in zip(fresh, matches, strict=True):
            if hits:
                events.append(Event(len(events), message, hits, key.hex()))
