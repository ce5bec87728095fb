"""Health reports the database; ``chatscan serve`` refuses bad settings in one line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

from chatscan.service import create_app
from tests.service.support import make_settings


def test_health_is_503_when_the_database_goes_away(tmp_path: Path, postgres_url: str) -> None:
    client = TestClient(create_app(make_settings(tmp_path, database_url=postgres_url)))
    assert client.get("/health").json()["database"] == "ok"
    name = postgres_url.rsplit("/", 1)[1]
    admin = create_engine(
        postgres_url.rsplit("/", 1)[0] + "/test", isolation_level="AUTOCOMMIT", poolclass=NullPool
    )
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
    admin.dispose()
    response = client.get("/health")
    assert response.status_code == 503
    assert response.json()["status"] == "unhealthy"
    assert response.json()["database"] == "unavailable"


def _serve(env: dict[str, str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("STRIPE_", "PAYMENT_"))}
    return subprocess.run(
        [sys.executable, "-m", "chatscan", "serve", "--port", "1"],
        env={**clean, **env},
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    "env, words",
    [
        ({"PAYMENT_REQUIRED": "true"}, "STRIPE_SECRET_KEY"),
        ({"CORS_ALLOW_ORIGINS": "*"}, "CORS_ALLOW_ORIGINS"),
        ({"MAX_UPLOAD_BYTES": "lots"}, "MAX_UPLOAD_BYTES"),
        ({"RATE_LIMIT_ANALYZE": "often"}, "rate limit"),
        ({"RULES_PATH": "/no/such/pack.yaml"}, "pack.yaml"),
        ({"DATABASE_URL": "mysql://x@127.0.0.1/db"}, "DATABASE_URL"),
    ],
)
def test_serve_refuses_bad_settings_in_one_line(
    tmp_path: Path, env: dict[str, str], words: str
) -> None:
    result = _serve(env, tmp_path)
    assert result.returncode == 2, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(lines) == 1, result.stderr
    assert words in lines[0]
    assert "Traceback" not in result.stderr
