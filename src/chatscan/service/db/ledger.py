"""The payments ledger: which payments exist, which were spent, which webhooks were handled.

The service calls it from worker threads, so it holds one Engine and a sessionmaker (both
thread-safe) and opens a short session per call. Every check that must hold across threads
and processes ("one payment pays for one analysis", "one webhook event is handled once") is
enforced by the database itself — a unique constraint or ``ON CONFLICT DO NOTHING`` — never
by reading first and writing later.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, exists, func, insert, select, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import sessionmaker
from sqlalchemy.pool import StaticPool

from chatscan.service.db.models import Analysis, Payment, Redemption, WebhookEvent

__all__ = [
    "AnalysisRecord",
    "Ledger",
    "is_memory_sqlite",
    "make_engine",
    "normalize_url",
]

#: Seconds to wait for a PostgreSQL connection before failing (``?connect_timeout=`` wins).
PG_CONNECT_TIMEOUT_S = 2
#: How long SQLite waits for another thread or process to release its write lock.
SQLITE_BUSY_TIMEOUT_S = 10.0

_TABLES: tuple[type[Payment | Redemption | WebhookEvent | Analysis], ...] = (
    Payment,
    Redemption,
    WebhookEvent,
    Analysis,
)


@dataclass(frozen=True)
class AnalysisRecord:
    """What the ledger keeps about one analysis: metadata only, never chat text."""

    id: str
    created_at: datetime
    size_bytes: int
    format: str
    mode: str
    messages_total: int
    events_total: int
    sequences_total: int
    duration_ms: int
    status: str
    payment_intent_id: str | None = None


def normalize_url(url: str | URL) -> URL:
    """Parse ``url``, sending plain ``postgresql://`` (and ``postgres://``) to psycopg 3.

    SQLAlchemy's default PostgreSQL driver is psycopg2, which the service does not install.
    """
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.get_backend_name() not in ("postgresql", "sqlite"):
        raise ValueError(
            f"the ledger supports SQLite and PostgreSQL, not {parsed.get_backend_name()!r}"
        )
    return parsed


def is_memory_sqlite(url: URL) -> bool:
    """Whether ``url`` names an in-memory SQLite database (one per connection)."""
    if url.get_backend_name() != "sqlite":
        return False
    database = url.database or ""
    return database in ("", ":memory:") or url.query.get("mode") == "memory"


def make_engine(url: str | URL, **kwargs: Any) -> Engine:
    """An Engine set up for the ledger on SQLite or PostgreSQL.

    SQLite: the file's directory is created, connections may cross threads, and every
    connection turns on WAL and a busy timeout, so concurrent writers (threads or processes)
    wait for each other instead of failing with "database is locked". PostgreSQL: a short
    connect timeout, so a dead server fails a request (or ``ping``) quickly.
    """
    parsed = normalize_url(url)
    options: dict[str, Any] = {"pool_pre_ping": True}
    connect_args: dict[str, Any] = {}
    if parsed.get_backend_name() == "sqlite":
        connect_args["check_same_thread"] = False
        connect_args["timeout"] = SQLITE_BUSY_TIMEOUT_S
        if is_memory_sqlite(parsed):
            # One shared connection, or every connection would see its own empty database.
            options["poolclass"] = StaticPool
        elif parsed.database and not parsed.database.startswith("file:"):
            Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    elif "connect_timeout" not in parsed.query:
        connect_args["connect_timeout"] = PG_CONNECT_TIMEOUT_S
    options["connect_args"] = connect_args
    options.update(kwargs)
    engine = create_engine(parsed, **options)
    if parsed.get_backend_name() == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas(wal=not is_memory_sqlite(parsed)))
    return engine


def _sqlite_pragmas(*, wal: bool) -> Callable[[Any, Any], None]:
    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        try:
            # The busy timeout first: switching to WAL itself needs the lock.
            cursor.execute(f"PRAGMA busy_timeout = {int(SQLITE_BUSY_TIMEOUT_S * 1000)}")
            if wal:
                cursor.execute("PRAGMA journal_mode = WAL")
        finally:
            cursor.close()

    return on_connect


def _now() -> datetime:
    return datetime.now(UTC)


class Ledger:
    """The payments ledger over one database; safe to share between threads."""

    def __init__(self, url: str) -> None:
        """Connect lazily to ``url``; the schema must already be migrated (see ``open``)."""
        self._engine = make_engine(url)
        self._sessions = sessionmaker(self._engine, expire_on_commit=False)

    @classmethod
    def open(cls, url: str) -> Ledger:
        """Migrate the database at ``url`` to the latest schema, then open a ledger on it."""
        from chatscan.service.db.migrate import upgrade, upgrade_connection

        if is_memory_sqlite(normalize_url(url)):
            # A fresh connection would see another empty database: migrate through ours.
            ledger = cls(url)
            with ledger._engine.begin() as connection:
                upgrade_connection(connection)
            return ledger
        upgrade(url)
        return cls(url)

    @property
    def engine(self) -> Engine:
        return self._engine

    def ping(self) -> None:
        """Raise (``sqlalchemy.exc.OperationalError``) unless the database answers."""
        with self._engine.connect() as connection:
            connection.execute(text("SELECT 1")).scalar_one()

    def record_payment(self, intent_id: str, *, amount: int, currency: str, status: str) -> None:
        """Insert or update a payment's amount, currency and status (refunded is kept)."""
        now = _now()
        statement = self._insert(Payment).values(
            intent_id=intent_id,
            amount=amount,
            currency=currency,
            status=status,
            refunded=False,
            first_seen=now,
            updated_at=now,
        )
        statement = statement.on_conflict_do_update(
            index_elements=[Payment.intent_id],
            set_={"amount": amount, "currency": currency, "status": status, "updated_at": now},
        )
        with self._sessions.begin() as session:
            session.execute(statement)

    def mark_refunded(self, intent_id: str) -> None:
        """Flag a payment as refunded, creating a placeholder row if it was never seen.

        The refund webhook may arrive before (or without) any check of the payment; the flag
        must stick so that the payment can never be redeemed later.
        """
        now = _now()
        statement = self._insert(Payment).values(
            intent_id=intent_id,
            amount=0,
            currency="",
            status="refunded",
            refunded=True,
            first_seen=now,
            updated_at=now,
        )
        statement = statement.on_conflict_do_update(
            index_elements=[Payment.intent_id],
            set_={"refunded": True, "updated_at": now},
        )
        with self._sessions.begin() as session:
            session.execute(statement)

    def is_refunded(self, intent_id: str) -> bool:
        with self._sessions() as session:
            refunded = session.scalar(
                select(Payment.refunded).where(Payment.intent_id == intent_id)
            )
        return bool(refunded)

    def is_redeemed(self, intent_id: str) -> bool:
        with self._sessions() as session:
            return bool(session.scalar(select(exists().where(Redemption.intent_id == intent_id))))

    def redeem(self, intent_id: str, analysis_id: str) -> bool:
        """Spend a payment on an analysis: True the first time, False ever after.

        A plain INSERT that the unique constraint on ``intent_id`` lets through once, however
        many threads or processes try at the same moment.
        """
        statement = insert(Redemption).values(
            intent_id=intent_id, analysis_id=analysis_id, redeemed_at=_now()
        )
        try:
            with self._sessions.begin() as session:
                session.execute(statement)
        except IntegrityError:
            # Any other integrity failure (there should be none) must not pass for "used".
            if self.is_redeemed(intent_id):
                return False
            raise
        return True

    def store_webhook_event(self, event_id: str, event_type: str) -> bool:
        """Remember a webhook event; True only for its first delivery."""
        statement = (
            self._insert(WebhookEvent)
            .values(event_id=event_id, type=event_type, received_at=_now())
            .on_conflict_do_nothing(index_elements=[WebhookEvent.event_id])
        )
        # psycopg 3 under SQLAlchemy reports rowcount -1 here, so ask for the inserted key
        # back wherever the database can say it (PostgreSQL, SQLite >= 3.35).
        returning = self._engine.dialect.insert_returning
        if returning:
            statement = statement.returning(WebhookEvent.event_id)
        with self._sessions.begin() as session:
            result = session.execute(statement)
            if returning:
                return result.scalar_one_or_none() is not None
            return result.rowcount == 1  # type: ignore[attr-defined]

    def record_analysis(self, record: AnalysisRecord) -> None:
        with self._sessions.begin() as session:
            session.add(Analysis(**asdict(record)))

    def counts(self) -> dict[str, int]:
        """Rows per ledger table (for tests and health details)."""
        with self._sessions() as session:
            return {
                model.__tablename__: session.scalar(select(func.count()).select_from(model)) or 0
                for model in _TABLES
            }

    def close(self) -> None:
        """Close every pooled connection."""
        self._engine.dispose()

    def _insert(self, model: type[Payment | WebhookEvent]) -> Any:
        """The dialect's own INSERT, which knows ``ON CONFLICT`` (both spell it alike)."""
        if self._engine.dialect.name == "postgresql":
            return postgresql.insert(model)
        return sqlite.insert(model)
