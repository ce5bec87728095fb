"""Stripe webhook requests for tests: event bodies and ``Stripe-Signature`` headers.

The signature is written from Stripe's documented scheme, not with the SDK, so the tests
check the SDK-based verification against an independent signer:
``t=<unix time>,v1=<hex HMAC-SHA256 of "<t>.<raw body>" keyed by the endpoint secret>``.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import time
from typing import Any

__all__ = ["event_payload", "sign_webhook"]

EVENT_API_VERSION = "2026-10-28.endive"


def sign_webhook(payload: bytes, secret: str, timestamp: int | None = None) -> str:
    """The ``Stripe-Signature`` header Stripe would send with ``payload`` at ``timestamp``."""
    ts = int(time.time()) if timestamp is None else timestamp
    signed = f"{ts}.".encode() + payload
    digest = hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()
    return f"t={ts},v1={digest}"


def event_payload(
    event_id: str | None = None,
    type: str = "payment_intent.succeeded",
    obj: dict[str, Any] | None = None,
) -> bytes:
    """A webhook body as Stripe sends it: a snapshot event, pretty-printed JSON."""
    event = {
        "id": event_id or f"evt_{secrets.token_hex(12)}",
        "object": "event",
        "api_version": EVENT_API_VERSION,
        "created": int(time.time()),
        "data": {"object": obj if obj is not None else _payment_intent()},
        "livemode": False,
        "pending_webhooks": 1,
        "request": {"id": None, "idempotency_key": None},
        "type": type,
    }
    return json.dumps(event, indent=2).encode()


def _payment_intent() -> dict[str, Any]:
    intent_id = f"pi_{secrets.token_hex(12)}"
    return {
        "id": intent_id,
        "object": "payment_intent",
        "amount": 500,
        "amount_received": 500,
        "currency": "usd",
        "latest_charge": f"ch_{secrets.token_hex(12)}",
        "livemode": False,
        "metadata": {"service": "chatscan"},
        "status": "succeeded",
    }
