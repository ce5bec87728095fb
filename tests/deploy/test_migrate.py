"""``chatscan migrate``, the release step of a deployment, on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.pool import NullPool

from chatscan.cli_service import migrate
from chatscan.service.db.ledger import normalize_url
from chatscan.service.db.migrate import head_revision

runner = CliRunner()


def test_migrate_brings_an_empty_database_to_head_twice_over(
    ledger_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # no stray .env file
    for _ in range(2):  # the second run finds the schema at head and does nothing
        done = runner.invoke(migrate, [], env={"DATABASE_URL": ledger_url})
        assert done.exit_code == 0, done.output
        assert f"is at revision {head_revision()}" in done.output
    engine = create_engine(normalize_url(ledger_url), poolclass=NullPool)
    try:
        with engine.connect() as connection:
            revision = connection.execute(text("SELECT version_num FROM alembic_version"))
            assert revision.scalar_one() == head_revision()
        assert "redemptions" in inspect(engine).get_table_names()
    finally:
        engine.dispose()


def test_migrate_hides_the_database_password(
    sqlite_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    done = runner.invoke(migrate, [], env={"DATABASE_URL": sqlite_url})
    assert done.exit_code == 0 and sqlite_url in done.output
    url = "postgresql://chatscan:s3cret@127.0.0.1:1/chatscan"
    refused = runner.invoke(migrate, [], env={"DATABASE_URL": url})
    assert refused.exit_code == 1 and refused.output.startswith("error: cannot migrate")
    assert "s3cret" not in refused.output


def test_migrate_refuses_settings_serve_would_refuse(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    env = {"DATABASE_URL": f"sqlite:///{tmp_path / 'l.db'}", "PAYMENT_REQUIRED": "true"}
    done = runner.invoke(migrate, [], env=env)
    assert done.exit_code == 2
    assert done.output.startswith("error: invalid settings:")
    assert "STRIPE_SECRET_KEY" in done.output
    assert not (tmp_path / "l.db").exists()
