"""The one exception hierarchy of chatscan.

Every error a user can cause derives from :class:`ChatscanError` and carries a
message that names what is wrong and where, never any chat text. The CLI turns
these into one line and exit code 2; the service maps them to HTTP in one place.
"""

from __future__ import annotations

__all__ = [
    "ChatscanError",
    "EncodingError",
    "InputError",
    "RulePackError",
    "UnknownFormatError",
]


class ChatscanError(Exception):
    """Base class: a problem with what the user gave us (input, rules, options)."""

    code = "chatscan_error"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InputError(ChatscanError):
    """The input file cannot be read or is not what it claims to be."""

    code = "bad_input"


class EncodingError(InputError):
    """Strict decoding was asked for and the bytes are not valid text."""

    code = "bad_encoding"

    def __init__(self, message: str, *, offset: int) -> None:
        super().__init__(message)
        self.offset = offset


class UnknownFormatError(InputError):
    """A format name that no ingest module provides."""

    code = "unknown_format"


class RulePackError(ChatscanError):
    """A rule pack is not valid: bad YAML, bad schema, or a rule that cannot be used."""

    code = "bad_rule_pack"

    def __init__(self, message: str, *, source: str, rule_id: str | None = None) -> None:
        where = f"{source}: rule {rule_id!r}: " if rule_id else f"{source}: "
        super().__init__(where + message)
        self.source = source
        self.rule_id = rule_id
        self.reason = message
