"""Pure functions over messages and hits: events, de-duplication, sequences, counts."""

from chatscan.core.analysis.fingerprint import fingerprint, normalise
from chatscan.core.analysis.paragraph import ParagraphAnalysis
from chatscan.core.analysis.sequences import find_sequences
from chatscan.core.analysis.summary import (
    category_counts,
    context_summary,
    sequence_counts,
    strength_counts,
)

__all__ = [
    "ParagraphAnalysis",
    "category_counts",
    "context_summary",
    "find_sequences",
    "fingerprint",
    "normalise",
    "sequence_counts",
    "strength_counts",
]
