"""Creating PaymentIntents and receiving Stripe's webhooks."""

from __future__ import annotations

import re
import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Header, Request
from pydantic import BaseModel, ConfigDict
from starlette.concurrency import run_in_threadpool

from chatscan.service.errors import ServiceError
from chatscan.service.logs import log
from chatscan.service.ratelimit import client_address
from chatscan.service.state import Services, services

router = APIRouter()

WEBHOOK_LIMIT = 1024 * 1024  # Stripe events are a few KB
_IDEMPOTENCY_KEY = re.compile(r"^[A-Za-z0-9._:-]{8,255}$")


class PaymentIntentRequest(BaseModel):
    """Accepted for compatibility with the original clients; the server sets the price,
    so ``amount`` and ``currency`` sent here are ignored."""

    model_config = ConfigDict(extra="ignore")
    amount: int | None = None
    currency: str | None = None


class PaymentIntentResponse(BaseModel):
    client_secret: str
    payment_intent_id: str
    amount: int
    currency: str


@router.post(
    "/create-payment-intent",
    summary="Start a payment for one analysis",
    response_model=PaymentIntentResponse,
)
async def create_payment_intent(
    request: Request,
    svc: Annotated[Services, Depends(services)],
    _body: Annotated[PaymentIntentRequest | None, Body()] = None,
    idempotency_key: Annotated[str | None, Header(max_length=255)] = None,
) -> PaymentIntentResponse:
    """Creates a Stripe PaymentIntent for the server's price (`PRICE_AMOUNT` in
    `PRICE_CURRENCY`); confirm it with Stripe.js using `client_secret`, then send
    `payment_intent_id` with `/analyze`. An `Idempotency-Key` header is passed on to
    Stripe (a fresh key is made for each request without one)."""
    await run_in_threadpool(svc.limits.hit, "payment", client_address(request))
    if not svc.settings.payment_required or svc.payments is None:
        raise ServiceError("Payment is not required in this mode", error="payments_off")
    key = idempotency_key if idempotency_key and _IDEMPOTENCY_KEY.match(idempotency_key) else None
    intent = await run_in_threadpool(svc.payments.create_intent, key or uuid.uuid4().hex)
    await run_in_threadpool(
        lambda: svc.ledger.record_payment(
            intent.id, amount=intent.amount, currency=intent.currency, status="created"
        )
    )
    return PaymentIntentResponse(
        client_secret=intent.client_secret,
        payment_intent_id=intent.id,
        amount=intent.amount,
        currency=intent.currency,
    )


def _apply(svc: Services, event_type: str, obj: dict[str, Any]) -> None:
    """What each handled event changes in the ledger."""
    if event_type in ("payment_intent.succeeded", "payment_intent.payment_failed"):
        intent_id = str(obj.get("id", ""))
        if intent_id:
            svc.ledger.record_payment(
                intent_id,
                amount=int(obj.get("amount_received") or obj.get("amount") or 0),
                currency=str(obj.get("currency", "")),
                status=str(obj.get("status") or event_type.rsplit(".", 1)[1]),
            )
    elif event_type == "charge.refunded":
        intent_id = obj.get("payment_intent")
        if isinstance(intent_id, str) and intent_id:
            svc.ledger.mark_refunded(intent_id)


@router.post("/webhook/stripe", summary="Stripe webhook endpoint")
async def stripe_webhook(
    request: Request,
    svc: Annotated[Services, Depends(services)],
    stripe_signature: Annotated[str | None, Header()] = None,
) -> dict[str, Any]:
    """Verifies `Stripe-Signature` with `STRIPE_WEBHOOK_SECRET`, stores each event once by
    its id, and records `payment_intent.succeeded`, `payment_intent.payment_failed` and
    `charge.refunded` in the ledger (a refunded payment cannot pay for an analysis)."""
    if svc.payments is None:
        raise ServiceError(
            "Stripe webhooks are not configured", status=404, error="webhooks_not_configured"
        )
    payload = bytearray()
    async for chunk in request.stream():
        payload += chunk
        if len(payload) > WEBHOOK_LIMIT:
            raise ServiceError("Webhook payload too large", status=413, error="payload_too_large")
    event = svc.payments.parse_webhook(bytes(payload), stripe_signature)
    new = await run_in_threadpool(svc.ledger.store_webhook_event, event.id, event.type)
    if new:
        await run_in_threadpool(_apply, svc, event.type, event.data_object)
    log.info(
        "webhook",
        extra={"event_id": event.id, "event_type": event.type, "duplicate": not new},
    )
    return {"received": True, "duplicate": not new}
