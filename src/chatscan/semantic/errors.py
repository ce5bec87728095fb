"""The semantic layer's one error."""

from __future__ import annotations

from chatscan.core.errors import ChatscanError

__all__ = ["SemanticUnavailable"]


class SemanticUnavailable(ChatscanError):
    """The semantic layer cannot run: its extra is not installed, the rule pack has no
    ``semantic`` section, or the model is not the expected one. The message says which."""

    code = "semantic_unavailable"
