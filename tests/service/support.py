"""Helpers for the service's tests: settings, in-process clients, real uvicorn servers."""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from fastapi import FastAPI
from fastapi.testclient import TestClient

from chatscan.service import Settings, create_app

SAMPLE = (
    "Iowa 2017\n\nJohn: I'm going to hurt you if you don't listen.\nJane: Please stop, I said no.\n"
)


def require_semantic() -> None:
    """Skip when the semantic extra is not installed here, but fail under ``CI=true``:
    CI must test the semantic layer the hosted service offers."""
    from chatscan.semantic import available

    reason = available()
    if reason is None:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"the semantic layer is required under CI=true: {reason}", pytrace=False)
    pytest.skip(reason)


def make_settings(tmp_path: Path, **overrides: Any) -> Settings:
    """Settings for a test: its own SQLite ledger, no .env file, no environment surprises."""
    values: dict[str, Any] = {
        "database_url": f"sqlite:///{tmp_path / 'ledger.db'}",
        "rate_limit_analyze": "10000/minute",
        "rate_limit_payment": "10000/minute",
        "log_level": "DEBUG",
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


def client_for(tmp_path: Path, **overrides: Any) -> TestClient:
    return TestClient(create_app(make_settings(tmp_path, **overrides)))


def upload(name: str, data: bytes | str, **fields: str) -> dict[str, Any]:
    """Keyword arguments for ``client.post`` sending one file (and form fields)."""
    content = data.encode() if isinstance(data, str) else data
    return {"files": {"file": (name, content, "text/plain")}, "data": fields}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def running_server(app: FastAPI) -> Iterator[str]:
    """The app served by a real uvicorn in a thread; yields its base address."""
    port = free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.02)
    try:
        yield url
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def wait_healthy(url: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"{url} did not become healthy")
