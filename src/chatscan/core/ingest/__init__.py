"""Ingest: bytes of an export become ``Message`` records, one module per format.

Formats are registered in one table; ``detect`` picks one by content: container
member names first, then JSON key signatures, then header-line scoring. A format's
module is imported when it is first needed (``--format whatsapp`` imports only that).
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from chatscan.core.errors import InputError, UnknownFormatError
from chatscan.core.ingest.base import Format, IngestLog, IngestOptions, Sniff, Source

__all__ = [
    "FALLBACK_FORMAT",
    "FORMAT_NAMES",
    "PARAGRAPHS",
    "Detection",
    "Format",
    "IngestLog",
    "IngestOptions",
    "Source",
    "all_formats",
    "detect",
    "get_format",
    "resolve_format",
]

PARAGRAPHS = "paragraphs"
FALLBACK_FORMAT = "transcript"
MIN_CONFIDENCE = 0.3

# Format name -> module, in order of preference when two formats score the same:
# containers and structured formats first, the plain transcript (the fallback) last.
_MODULES = {
    "whatsapp": "whatsapp",
    "slack": "slack",
    "telegram": "telegram",
    "messenger": "messenger",
    "discord": "discord",
    "sms_xml": "sms_xml",
    "csv": "csv_generic",
    "signal": "signal",
    "imessage": "imessage",
    "transcript": "transcript",
    PARAGRAPHS: "paragraphs",
}
FORMAT_NAMES = tuple(_MODULES)
_LOADED: dict[str, Format] = {}


def get_format(name: str) -> Format:
    fmt = _LOADED.get(name)
    if fmt is None:
        module = importlib.import_module(f"chatscan.core.ingest.{_MODULES[name]}")
        fmt = _LOADED[name] = module.FORMAT
    return fmt


def all_formats() -> list[Format]:
    """Every format, in order of preference."""
    return [get_format(name) for name in FORMAT_NAMES]


@dataclass(frozen=True)
class Detection:
    format: str
    confidence: float
    warnings: tuple[str, ...] = ()


def detect(source: Source) -> Detection:
    """The most likely format of ``source``; the fallback, with a warning, when none fits."""
    sniff = Sniff.of(source)
    scores = [
        (fmt.sniff(sniff), -order, fmt.name)
        for order, fmt in enumerate(all_formats())
        if fmt.name != PARAGRAPHS
    ]
    if scores and max(scores)[0] >= MIN_CONFIDENCE:
        score, _, name = max(scores)
        warnings: tuple[str, ...] = ()
        if score < 0.6:
            warnings = (f"format detected as {name} with low confidence ({score:.2f}); "
                        "use --format to set it",)  # fmt: skip
        return Detection(name, round(score, 2), warnings)
    if sniff.zip_names is not None:
        raise InputError(
            f"{source.name}: a zip archive with no chat text member found that chatscan "
            f"recognises ({len(sniff.zip_names)} member(s)); it reads WhatsApp exports "
            "(_chat.txt) and Slack workspace exports"
        )
    return Detection(
        FALLBACK_FORMAT,
        0.0,
        (f"no known chat export format recognised; read as {FALLBACK_FORMAT}",),
    )


def resolve_format(name: str) -> str:
    """Check a format name given by the user (``auto`` is resolved by ``detect``)."""
    if name != "auto" and name not in _MODULES:
        known = ", ".join(["auto", *FORMAT_NAMES])
        raise UnknownFormatError(f"unknown format {name!r}; supported: {known}")
    return name
