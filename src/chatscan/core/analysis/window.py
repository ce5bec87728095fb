"""How far a sequence looks ahead: a number of messages, or a span of time."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta

from chatscan.core.errors import ChatscanError

__all__ = ["Window"]

_SPAN = re.compile(r"(\d+(?:\.\d+)?)\s*([smhdw])", re.IGNORECASE)
_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}


@dataclass(frozen=True)
class Window:
    """``messages``: look at the next N messages; ``span``: at messages up to that much
    later (messages without a timestamp then fall back to the message count)."""

    messages: int = 6
    span: timedelta | None = None

    @classmethod
    def parse(cls, text: str, default_messages: int = 6) -> Window:
        """``"6"`` (messages) or ``"48h"``, ``"30m"``, ``"2d"``, ``"1w"``."""
        value = text.strip()
        if value.isdigit() and int(value) > 0:
            return cls(messages=int(value))
        match = _SPAN.fullmatch(value)
        if match and float(match.group(1)) > 0:
            seconds = float(match.group(1)) * _SECONDS[match.group(2).lower()]
            return cls(messages=default_messages, span=timedelta(seconds=seconds))
        raise ChatscanError(
            f"window {text!r} is not a number of messages (6) or a time span (48h, 30m, 2d)"
        )

    def describe(self) -> str:
        if self.span is not None:
            return f"{self.span.total_seconds() / 3600:g} hours"
        return f"{self.messages} messages"
