"""Structured JSON logs: one line per event, with the request id; never chat text.

Only fields named in ``SAFE_FIELDS`` (ids, sizes, counts, durations, names of things)
are copied from a record's ``extra``; the messages themselves are fixed strings.
"""

from __future__ import annotations

import logging
import re
import sys
import time
import uuid
from contextvars import ContextVar
from typing import Any

import orjson
from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["RequestContext", "configure_logging", "log", "request_id"]

log = logging.getLogger("chatscan.service")
request_id: ContextVar[str] = ContextVar("request_id", default="-")

SAFE_FIELDS = (
    "method",
    "path",
    "status",
    "duration_ms",
    "request_bytes",
    "response_bytes",
    "client",
    "analysis_id",
    "size_bytes",
    "format",
    "mode",
    "messages_total",
    "events_total",
    "sequences_total",
    "warnings_total",
    "rules",
    "semantic",
    "error",
    "error_type",
    "event_type",
    "event_id",
    "payment_intent_id",
    "duplicate",
    "database",
)
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


class JSONFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": request_id.get(),
        }
        for name in SAFE_FIELDS:
            if name in record.__dict__:
                line[name] = record.__dict__[name]
        if record.exc_info and record.exc_info[0] is not None:
            # The type only: an exception's message could quote its input.
            line["exception"] = record.exc_info[0].__name__
        return orjson.dumps(line, default=str).decode()


class _StderrHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to whatever ``sys.stderr`` is now (a server may swap it after start-up)."""

    @property  # type: ignore[override]
    def stream(self) -> Any:
        return sys.stderr

    @stream.setter
    def stream(self, _value: Any) -> None:
        pass


def configure_logging(level: str) -> None:
    """JSON lines on stderr for the service's logger (idempotent)."""
    log.setLevel(level.upper())
    if not any(isinstance(h, _StderrHandler) for h in log.handlers):
        handler = _StderrHandler()
        handler.setFormatter(JSONFormatter())
        log.addHandler(handler)
    log.propagate = False
    # Their INFO lines are chatter (migrations run, Stripe request addresses): warnings only.
    for noisy in ("alembic", "stripe"):
        logging.getLogger(noisy).setLevel(logging.WARNING)


class RequestContext:
    """ASGI middleware: a request id for every request (the client's ``X-Request-ID``
    when it is a plain token), echoed in the response, and one access log line."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        given = headers.get(b"x-request-id", b"").decode("latin-1")
        rid = given if _REQUEST_ID.match(given) else uuid.uuid4().hex
        token = request_id.set(rid)
        started = time.perf_counter()
        status, sent, started_response = 500, 0, False

        async def send_with_id(message: Message) -> None:
            nonlocal status, sent, started_response
            if message["type"] == "http.response.start":
                status, started_response = message["status"], True
                message["headers"] = [*message.get("headers", []), (b"x-request-id", rid.encode())]
            elif message["type"] == "http.response.body":
                sent += len(message.get("body", b""))
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        except Exception as exc:
            # Handled here, not by Starlette's outer error middleware, which would hand
            # the exception (and its message, which may quote input) to the server's log.
            log.error("unhandled error", extra={"error_type": type(exc).__name__})
            if not started_response:
                await send_with_id(_internal_error(rid))
                await send_with_id({"type": "http.response.body", "body": _internal_body(rid)})
        finally:
            length = headers.get(b"content-length", b"0").decode("latin-1")
            log.info(
                "request",
                extra={
                    "method": scope["method"],
                    "path": scope["path"],
                    "status": status,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 1),
                    "request_bytes": int(length) if length.isdigit() else None,
                    "response_bytes": sent,
                },
            )
            request_id.reset(token)


def _internal_body(rid: str) -> bytes:
    detail = f"Internal error (request {rid})"
    return orjson.dumps({"detail": detail, "code": "500", "error": "internal"})


def _internal_error(rid: str) -> Message:
    length = str(len(_internal_body(rid))).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", length)]
    return {"type": "http.response.start", "status": 500, "headers": headers}
