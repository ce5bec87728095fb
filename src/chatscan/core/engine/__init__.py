"""Matching engines: one interface, a fast Hyperscan backend and a plain-``re`` one."""

from __future__ import annotations

from chatscan.core.engine.base import Engine
from chatscan.core.engine.checker import RuleChecker
from chatscan.core.engine.linear import LONG_TEXT_CHARS
from chatscan.core.engine.re_backend import ReEngine
from chatscan.core.errors import ChatscanError
from chatscan.core.rules import RulePack

__all__ = ["BACKENDS", "LONG_TEXT_CHARS", "Engine", "ReEngine", "RuleChecker", "create_engine"]

BACKENDS = ("auto", "hyperscan", "re")


def _hyperscan_engine(pack: RulePack) -> Engine:
    from chatscan.core.engine.hyperscan_backend import HyperscanEngine

    return HyperscanEngine(pack)


def create_engine(pack: RulePack, backend: str = "auto") -> Engine:
    """The engine for ``pack``: ``hyperscan`` when installed (``auto``), else ``re``."""
    if backend == "re":
        return ReEngine(pack)
    if backend in ("auto", "hyperscan"):
        try:
            return _hyperscan_engine(pack)
        except ImportError:
            if backend == "hyperscan":
                raise ChatscanError(
                    "the hyperscan backend is not installed on this platform"
                ) from None
            return ReEngine(pack)
    raise ChatscanError(f"unknown engine backend {backend!r}; choose one of {', '.join(BACKENDS)}")
