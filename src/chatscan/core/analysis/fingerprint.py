"""Message fingerprints: the original scanner's normalisation and 16-hex SHA-256 prefix."""

from __future__ import annotations

import hashlib

__all__ = ["fingerprint", "normalise"]


def normalise(text: str) -> str:
    """Lower-case, plain dashes and quotes, whitespace runs folded to one space, stripped."""
    lowered = text.lower()
    if not lowered.isascii():
        lowered = lowered.replace("—", "-").replace("’", "'").replace("“", '"').replace("”", '"')
    return " ".join(lowered.split())


def fingerprint(text: str) -> bytes:
    """The first 8 bytes of SHA-256 of the normalised text (``.hex()`` gives the 16-hex form)."""
    return hashlib.sha256(normalise(text).encode("utf-8", "surrogatepass")).digest()[:8]
