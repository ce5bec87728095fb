"""Files chatscan keeps between runs: verified on read, written atomically.

One file per entry, ``<name>``: a header line ``chatscan-cache 1 <sha256 of the payload>``
then the payload. A file whose payload does not match its header (truncated, edited,
half-written by a crash) reads as missing, so the caller rebuilds it. Writes go to a
temporary file in the same directory and are renamed into place, so two processes
filling the same entry at once each leave a whole file.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from pathlib import Path

__all__ = ["cache_dir", "read_entry", "write_entry"]

_MAGIC = b"chatscan-cache 1 "


def cache_dir() -> Path:
    """``$CHATSCAN_CACHE_DIR``, else ``$XDG_CACHE_HOME/chatscan``, else ``~/.cache/chatscan``."""
    configured = os.environ.get("CHATSCAN_CACHE_DIR")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "chatscan"


def read_entry(path: Path) -> bytes | None:
    """The payload stored at ``path``, or None when missing, unreadable or corrupt."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    newline = data.find(b"\n", 0, len(_MAGIC) + 65)
    if not data.startswith(_MAGIC) or newline != len(_MAGIC) + 64:
        return None
    payload = data[newline + 1 :]
    if hashlib.sha256(payload).hexdigest().encode() != data[len(_MAGIC) : newline]:
        return None
    return payload


def write_entry(path: Path, payload: bytes) -> bool:
    """Store ``payload`` at ``path`` (creating the directory); False when not writable."""
    header = _MAGIC + hashlib.sha256(payload).hexdigest().encode() + b"\n"
    temp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
        with os.fdopen(fd, "wb") as handle:
            handle.write(header)
            handle.write(payload)
        os.chmod(temp, 0o644)  # readable by other users (an image built as root, run as one)
        os.replace(temp, path)
        return True
    except OSError:
        if temp is not None:
            with contextlib.suppress(OSError):
                os.unlink(temp)
        return False
