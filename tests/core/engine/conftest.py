"""Fixtures shared by the engine tests: the default pack and its two engines."""

from __future__ import annotations

import pytest

from chatscan.core.engine import Engine, create_engine
from chatscan.core.rules import RulePack, load_pack


@pytest.fixture(scope="session")
def default_pack() -> RulePack:
    return load_pack()


@pytest.fixture(scope="session")
def re_engine(default_pack: RulePack) -> Engine:
    return create_engine(default_pack, "re")


@pytest.fixture(scope="session")
def hs_engine(default_pack: RulePack) -> Engine:
    pytest.importorskip("hyperscan")
    return create_engine(default_pack, "hyperscan")
