"""The payments ledger against real SQLite and PostgreSQL databases (no mocks).

The concurrency tests release all their threads (and processes) through one barrier, so the
database — not luck in scheduling — is what has to keep "one payment, one analysis".
"""

from __future__ import annotations

import multiprocessing
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any, TypeVar

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, String, func, inspect, select
from sqlalchemy.exc import OperationalError, StatementError
from sqlalchemy.orm import Session

from chatscan.service.db import AnalysisRecord, Ledger, upgrade
from chatscan.service.db.ledger import normalize_url
from chatscan.service.db.migrate import current_revision, head_revision
from chatscan.service.db.models import Analysis, Base, Payment, Redemption

T = TypeVar("T")

LEDGER_TABLES = {"payments", "redemptions", "webhook_events", "analyses"}
#: Everything the analyses table may hold: metadata of a run, never what the chat said.
ANALYSIS_COLUMNS = {
    "id",
    "created_at",
    "size_bytes",
    "format",
    "mode",
    "messages_total",
    "events_total",
    "sequences_total",
    "duration_ms",
    "status",
    "payment_intent_id",
}
PROCESS_TIMEOUT_S = 30

# Forked, not spawned: a spawned child would have to import this test module by name, which
# pytest's importlib import mode does not make possible.
needs_fork = pytest.mark.skipif(
    "fork" not in multiprocessing.get_all_start_methods(), reason="needs the fork start method"
)


def _fork() -> Any:
    return multiprocessing.get_context("fork")


@pytest.fixture
def open_ledger() -> Iterator[Callable[[str], Ledger]]:
    """``Ledger.open``, with every ledger closed at teardown (before its database is dropped)."""
    opened: list[Ledger] = []

    def _open(url: str) -> Ledger:
        ledger = Ledger.open(url)
        opened.append(ledger)
        return ledger

    yield _open
    for ledger in opened:
        ledger.close()


@pytest.fixture
def ledger(ledger_url: str, open_ledger: Callable[[str], Ledger]) -> Ledger:
    return open_ledger(ledger_url)


def _all_at_once(count: int, action: Callable[[int], T]) -> list[T]:
    """Run ``action(0..count-1)`` on ``count`` threads released together."""
    barrier = threading.Barrier(count)

    def run(index: int) -> T:
        barrier.wait(timeout=30)
        return action(index)

    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(run, range(count)))


def _table_names(engine: Engine) -> set[str]:
    return set(inspect(engine).get_table_names())


def _revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return current_revision(connection)


def _payment(ledger: Ledger, intent_id: str) -> Payment | None:
    with Session(ledger.engine) as session:
        return session.get(Payment, intent_id)


def _analysis(created_at: datetime, **changes: Any) -> AnalysisRecord:
    fields: dict[str, Any] = {
        "id": "0b0f3c1e-4a43-4f6b-9a53-2f1d1c0f9e11",
        "created_at": created_at,
        "size_bytes": 12_345,
        "format": "whatsapp",
        "mode": "events",
        "messages_total": 120,
        "events_total": 7,
        "sequences_total": 2,
        "duration_ms": 85,
        "status": "ok",
        "payment_intent_id": "pi_analysis",
    }
    fields.update(changes)
    return AnalysisRecord(**fields)


def _upgrade_together(url: str, barrier: Any) -> None:
    barrier.wait(timeout=PROCESS_TIMEOUT_S)
    upgrade(url)


def _redeem_together(url: str, intent_id: str, threads: int, barrier: Any, results: Any) -> None:
    ledger = Ledger(url)
    try:

        def redeem(index: int) -> bool:
            barrier.wait(timeout=PROCESS_TIMEOUT_S)
            return ledger.redeem(intent_id, f"analysis-{os.getpid()}-{index}")

        with ThreadPoolExecutor(max_workers=threads) as pool:
            results.put(sum(pool.map(redeem, range(threads))))
    finally:
        ledger.close()


def _run_processes(target: Callable[..., None], args_list: list[tuple[Any, ...]]) -> None:
    processes = [_fork().Process(target=target, args=args) for args in args_list]
    for process in processes:
        process.start()
    for process in processes:
        process.join(timeout=PROCESS_TIMEOUT_S)
    for process in processes:
        if process.is_alive():
            process.kill()
    assert [process.exitcode for process in processes] == [0] * len(processes)


# Migrations


def test_open_migrates_an_empty_database(
    ledger_url: str, open_ledger: Callable[[str], Ledger]
) -> None:
    probe = Ledger(ledger_url)
    try:
        assert _table_names(probe.engine) == set()
    finally:
        probe.close()

    ledger = open_ledger(ledger_url)

    assert _table_names(ledger.engine) == LEDGER_TABLES | {"alembic_version"}
    assert head_revision() is not None
    assert _revision(ledger.engine) == head_revision()
    assert ledger.counts() == dict.fromkeys(LEDGER_TABLES, 0)


def test_open_twice_keeps_schema_and_data(
    ledger_url: str, open_ledger: Callable[[str], Ledger]
) -> None:
    first = open_ledger(ledger_url)
    assert first.redeem("pi_kept", "analysis-1")
    first.close()

    again = open_ledger(ledger_url)

    assert _revision(again.engine) == head_revision()
    assert again.is_redeemed("pi_kept")
    assert again.counts()["redemptions"] == 1


@needs_fork
def test_upgrade_from_four_processes_at_once(ledger_url: str) -> None:
    barrier = _fork().Barrier(4)

    _run_processes(_upgrade_together, [(ledger_url, barrier)] * 4)

    ledger = Ledger(ledger_url)
    try:
        assert _revision(ledger.engine) == head_revision()
        assert _table_names(ledger.engine) >= LEDGER_TABLES
        assert ledger.redeem("pi_after_race", "analysis-1")
    finally:
        ledger.close()


def test_migrations_create_exactly_the_models_schema(ledger: Ledger) -> None:
    with ledger.engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "compare_server_default": True}
        )
        differences = compare_metadata(context, Base.metadata)

    assert differences == []


def test_no_column_can_hold_chat_text(ledger: Ledger) -> None:
    inspector = inspect(ledger.engine)
    assert {column["name"] for column in inspector.get_columns("analyses")} == ANALYSIS_COLUMNS
    for table in LEDGER_TABLES:
        for column in inspector.get_columns(table):
            if isinstance(column["type"], String):  # TEXT/CLOB reflect with no length
                assert column["type"].length is not None, (table, column["name"])
                assert column["type"].length <= 255, (table, column["name"])


# Redemptions


def test_redeem_once_per_intent(ledger: Ledger) -> None:
    assert not ledger.is_redeemed("pi_one")

    assert ledger.redeem("pi_one", "analysis-1") is True
    assert ledger.redeem("pi_one", "analysis-2") is False
    assert ledger.redeem("pi_two", "analysis-3") is True

    assert ledger.is_redeemed("pi_one")
    assert ledger.is_redeemed("pi_two")
    assert not ledger.is_redeemed("pi_three")
    assert ledger.counts()["redemptions"] == 2


def test_redeem_from_twenty_threads_at_once_succeeds_once(ledger: Ledger) -> None:
    outcomes = _all_at_once(20, lambda index: ledger.redeem("pi_race", f"analysis-{index}"))

    assert outcomes.count(True) == 1
    assert outcomes.count(False) == 19
    assert ledger.counts()["redemptions"] == 1


@needs_fork
def test_redeem_from_two_processes_of_ten_threads_succeeds_once(ledger: Ledger) -> None:
    url = ledger.engine.url.render_as_string(hide_password=False)
    barrier = _fork().Barrier(20)
    results = _fork().Queue()
    args = (url, "pi_process_race", 10, barrier, results)

    processes = [_fork().Process(target=_redeem_together, args=args) for _ in range(2)]
    for process in processes:
        process.start()
    try:
        totals = [results.get(timeout=PROCESS_TIMEOUT_S) for _ in processes]
    finally:
        for process in processes:
            process.join(timeout=PROCESS_TIMEOUT_S)
            if process.is_alive():
                process.kill()

    assert sum(totals) == 1
    assert [process.exitcode for process in processes] == [0, 0]
    with Session(ledger.engine) as session:
        rows = session.scalar(
            select(func.count())
            .select_from(Redemption)
            .where(Redemption.intent_id == "pi_process_race")
        )
    assert rows == 1


# Webhook events


def test_webhook_event_is_stored_once(ledger: Ledger) -> None:
    assert ledger.store_webhook_event("evt_1", "payment_intent.succeeded") is True
    assert ledger.store_webhook_event("evt_1", "payment_intent.succeeded") is False
    assert ledger.store_webhook_event("evt_2", "charge.refunded") is True
    assert ledger.counts()["webhook_events"] == 2


def test_duplicate_webhook_deliveries_at_once_are_stored_once(ledger: Ledger) -> None:
    outcomes = _all_at_once(10, lambda _: ledger.store_webhook_event("evt_dup", "charge.refunded"))

    assert outcomes.count(True) == 1
    assert ledger.counts()["webhook_events"] == 1


# Payments


def test_record_payment_inserts_then_updates(ledger: Ledger) -> None:
    ledger.record_payment("pi_pay", amount=500, currency="usd", status="requires_payment_method")
    created = _payment(ledger, "pi_pay")
    assert created is not None
    assert (created.amount, created.currency, created.status) == (
        500,
        "usd",
        "requires_payment_method",
    )
    assert created.refunded is False
    assert created.first_seen.tzinfo is not None

    ledger.record_payment("pi_pay", amount=500, currency="usd", status="succeeded")

    updated = _payment(ledger, "pi_pay")
    assert updated is not None
    assert updated.status == "succeeded"
    assert updated.first_seen == created.first_seen
    assert updated.updated_at >= created.updated_at
    assert ledger.counts()["payments"] == 1


def test_mark_refunded_on_an_unknown_intent_creates_it(ledger: Ledger) -> None:
    assert ledger.is_refunded("pi_unknown") is False

    ledger.mark_refunded("pi_unknown")

    assert ledger.is_refunded("pi_unknown") is True
    row = _payment(ledger, "pi_unknown")
    assert row is not None
    assert (row.amount, row.currency, row.status, row.refunded) == (0, "", "refunded", True)

    # A later look at the payment updates it but must not forget the refund.
    ledger.record_payment("pi_unknown", amount=500, currency="usd", status="succeeded")
    assert ledger.is_refunded("pi_unknown") is True
    later = _payment(ledger, "pi_unknown")
    assert later is not None
    assert (later.amount, later.status) == (500, "succeeded")


def test_mark_refunded_on_a_known_intent_keeps_its_details(ledger: Ledger) -> None:
    ledger.record_payment("pi_known", amount=500, currency="eur", status="succeeded")
    ledger.record_payment("pi_other", amount=500, currency="eur", status="succeeded")

    ledger.mark_refunded("pi_known")

    assert ledger.is_refunded("pi_known") is True
    assert ledger.is_refunded("pi_other") is False
    row = _payment(ledger, "pi_known")
    assert row is not None
    assert (row.amount, row.currency, row.status) == (500, "eur", "succeeded")
    assert ledger.counts()["payments"] == 2


# Analyses


def test_record_analysis_stores_a_row(ledger: Ledger) -> None:
    created_at = datetime(2025, 3, 1, 14, 30, 5, 123456, tzinfo=timezone(timedelta(hours=2)))
    record = _analysis(created_at)

    ledger.record_analysis(record)
    ledger.record_analysis(_analysis(created_at, id="second", status="EmptyExport"))

    assert ledger.counts() == {
        "payments": 0,
        "redemptions": 0,
        "webhook_events": 0,
        "analyses": 2,
    }
    with Session(ledger.engine) as session:
        row = session.get(Analysis, record.id)
    assert row is not None
    assert row.created_at == created_at
    assert row.created_at.utcoffset() == timedelta(0)
    assert (row.size_bytes, row.messages_total, row.events_total) == (12_345, 120, 7)
    assert (row.format, row.mode, row.status) == ("whatsapp", "events", "ok")
    assert row.payment_intent_id == "pi_analysis"


def test_record_analysis_refuses_naive_datetimes(ledger: Ledger) -> None:
    with pytest.raises(StatementError, match="timezone-aware"):
        ledger.record_analysis(_analysis(datetime(2025, 3, 1, 14, 30)))
    assert ledger.counts()["analyses"] == 0


# Connections and URLs


def test_ping_answers(ledger: Ledger) -> None:
    ledger.ping()


def test_ping_raises_when_postgresql_is_unreachable() -> None:
    ledger = Ledger("postgresql://postgres@127.0.0.1:1/nothing")
    try:
        started = time.monotonic()
        with pytest.raises(OperationalError):
            ledger.ping()
        assert time.monotonic() - started < 10
    finally:
        ledger.close()


def test_plain_postgresql_urls_use_psycopg(
    postgres_url: str, open_ledger: Callable[[str], Ledger]
) -> None:
    plain = postgres_url.replace("postgresql+psycopg://", "postgresql://", 1)
    assert plain != postgres_url

    ledger = open_ledger(plain)

    assert ledger.engine.url.drivername == "postgresql+psycopg"
    ledger.ping()


def test_normalize_url() -> None:
    assert normalize_url("postgres://u@h/db").drivername == "postgresql+psycopg"
    assert normalize_url("postgresql+psycopg://u@h/db").drivername == "postgresql+psycopg"
    assert normalize_url("sqlite:///./data/chatscan.db").drivername == "sqlite"
    with pytest.raises(ValueError, match="SQLite and PostgreSQL"):
        normalize_url("mysql://u@h/db")


def test_sqlite_file_gets_its_directory_and_wal(
    tmp_path: Path, open_ledger: Callable[[str], Ledger]
) -> None:
    path = tmp_path / "missing" / "dirs" / "chatscan.db"

    ledger = open_ledger(f"sqlite:///{path}")
    ledger.ping()

    assert path.is_file()
    with sqlite3.connect(path) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    with ledger.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 10_000


def test_in_memory_sqlite_is_migrated_through_its_own_connection(
    open_ledger: Callable[[str], Ledger],
) -> None:
    ledger = open_ledger("sqlite://")

    assert ledger.redeem("pi_memory", "analysis-1") is True
    assert ledger.redeem("pi_memory", "analysis-2") is False
    with pytest.raises(ValueError, match="in-memory"):
        upgrade("sqlite://")


def test_timestamps_are_utc(ledger: Ledger) -> None:
    before = datetime.now(UTC)
    ledger.record_payment("pi_time", amount=1, currency="usd", status="succeeded")
    row = _payment(ledger, "pi_time")
    assert row is not None
    assert row.updated_at.utcoffset() == timedelta(0)
    assert before - timedelta(seconds=5) <= row.updated_at <= datetime.now(UTC)
