"""Ingest: bytes of an export become ``Message`` records, one module per format.

Formats are registered in one table; ``detect`` picks one by content: container
member names first, then JSON key signatures, then header-line scoring.
"""

from __future__ import annotations

from dataclasses import dataclass

from chatscan.core.errors import InputError, UnknownFormatError
from chatscan.core.ingest import (
    csv_generic,
    discord,
    imessage,
    messenger,
    paragraphs,
    signal,
    slack,
    sms_xml,
    telegram,
    transcript,
    whatsapp,
)
from chatscan.core.ingest.base import Format, IngestLog, IngestOptions, Sniff, Source

__all__ = [
    "FALLBACK_FORMAT",
    "FORMATS",
    "PARAGRAPHS",
    "Detection",
    "Format",
    "IngestLog",
    "IngestOptions",
    "Source",
    "detect",
    "register",
    "resolve_format",
]

PARAGRAPHS = "paragraphs"
FORMATS: dict[str, Format] = {}
MIN_CONFIDENCE = 0.3


def register(fmt: Format) -> Format:
    FORMATS[fmt.name] = fmt
    return fmt


# In order of preference when two formats score the same: containers and structured
# formats first, the plain transcript (also the fallback) last.
for _module in (
    whatsapp,
    slack,
    telegram,
    messenger,
    discord,
    sms_xml,
    csv_generic,
    signal,
    imessage,
    transcript,
    paragraphs,
):
    register(_module.FORMAT)
FALLBACK_FORMAT = "transcript"


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
        for order, fmt in enumerate(FORMATS.values())
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
    if name != "auto" and name not in FORMATS:
        known = ", ".join(["auto", *FORMATS])
        raise UnknownFormatError(f"unknown format {name!r}; supported: {known}")
    return name
