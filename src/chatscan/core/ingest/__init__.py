"""Ingest: bytes of an export become ``Message`` records, one module per format."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from chatscan.core.errors import UnknownFormatError
from chatscan.core.ingest.paragraphs import read_paragraphs
from chatscan.core.models import Message

__all__ = ["FORMATS", "Reader", "resolve_format"]

Reader = Callable[[Iterable[str]], Iterator[Message]]

FORMATS: dict[str, Reader] = {
    "paragraphs": read_paragraphs,
}


def resolve_format(name: str) -> str:
    """The concrete format for a requested name (``auto`` picks by content)."""
    if name == "auto":
        return "paragraphs"
    if name not in FORMATS:
        known = ", ".join(["auto", *FORMATS])
        raise UnknownFormatError(f"unknown format {name!r}; supported: {known}")
    return name
