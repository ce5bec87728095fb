"""The ledger's tables: payments, their redemptions, webhook deliveries and analysis metadata.

Nothing here can hold the text of a chat: analyses keep sizes, counts and timings only.
The first migration (``migrations/versions/0001_ledger.py``) creates exactly this schema;
a test compares the two with Alembic's autogenerate.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    BigInteger,
    DateTime,
    Dialect,
    Integer,
    MetaData,
    String,
    TypeDecorator,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

__all__ = ["Analysis", "Base", "Payment", "Redemption", "UTCDateTime", "WebhookEvent"]

#: Stable constraint names, so a migration can refer to them on every database.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

ID_LENGTH = 255
SHORT_LENGTH = 64


class UTCDateTime(TypeDecorator[datetime]):
    """A timezone-aware UTC datetime on every database.

    SQLite has no time zones (it would hand back naive datetimes) and PostgreSQL answers in
    the session's zone; this type refuses naive values on the way in and always returns UTC.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError("the ledger stores timezone-aware datetimes only")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {datetime: UTCDateTime()}  # noqa: RUF012 - SQLAlchemy's own API


class Payment(Base):
    """A Stripe PaymentIntent as last seen, by API check or webhook."""

    __tablename__ = "payments"

    intent_id: Mapped[str] = mapped_column(String(ID_LENGTH), primary_key=True)
    amount: Mapped[int] = mapped_column(Integer)
    currency: Mapped[str] = mapped_column(String(SHORT_LENGTH))
    status: Mapped[str] = mapped_column(String(SHORT_LENGTH))
    refunded: Mapped[bool] = mapped_column(default=False, server_default=false())
    first_seen: Mapped[datetime]
    updated_at: Mapped[datetime]


class Redemption(Base):
    """One payment spent on one analysis; the unique intent_id is what enforces "one"."""

    __tablename__ = "redemptions"
    __table_args__ = (UniqueConstraint("intent_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    intent_id: Mapped[str] = mapped_column(String(ID_LENGTH))
    analysis_id: Mapped[str] = mapped_column(String(ID_LENGTH))
    redeemed_at: Mapped[datetime]


class WebhookEvent(Base):
    """A Stripe webhook delivery already handled (Stripe may deliver one event many times)."""

    __tablename__ = "webhook_events"

    event_id: Mapped[str] = mapped_column(String(ID_LENGTH), primary_key=True)
    type: Mapped[str] = mapped_column(String(ID_LENGTH))
    received_at: Mapped[datetime]


class Analysis(Base):
    """Metadata of one analysis run: sizes, counts, timing and outcome; never chat text."""

    __tablename__ = "analyses"

    id: Mapped[str] = mapped_column(String(ID_LENGTH), primary_key=True)
    created_at: Mapped[datetime]
    size_bytes: Mapped[int] = mapped_column(BigInteger)
    format: Mapped[str] = mapped_column(String(SHORT_LENGTH))
    mode: Mapped[str] = mapped_column(String(SHORT_LENGTH))
    messages_total: Mapped[int] = mapped_column(Integer)
    events_total: Mapped[int] = mapped_column(Integer)
    sequences_total: Mapped[int] = mapped_column(Integer)
    duration_ms: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(SHORT_LENGTH))
    payment_intent_id: Mapped[str | None] = mapped_column(String(ID_LENGTH))
