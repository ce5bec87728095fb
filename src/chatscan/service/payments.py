"""Stripe payments: create a PaymentIntent at the service's price, check one before an analysis,
and read signed webhook events.

Each :class:`Payments` owns its own ``stripe.StripeClient``; nothing here reads or writes the
SDK's global ``stripe.api_key``, so two apps with different settings can share a process.
Stripe's own error messages never reach a client (an authentication error names the key):
callers get one of the service's errors, and the log gets the error's type, status and code.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Any

import stripe

from chatscan.service.errors import (
    PaymentInvalid,
    PaymentRequired,
    PaymentUnavailable,
    ServiceError,
)
from chatscan.service.settings import Settings

__all__ = [
    "STRIPE_API_VERSION",
    "CreatedIntent",
    "Payments",
    "VerifiedIntent",
    "WebhookEvent",
]

log = logging.getLogger(__name__)

# The API version the installed SDK (stripe 16.1) is generated for; pinned so that an SDK or
# account upgrade cannot change the shape of the objects read below. Bump it with the SDK.
STRIPE_API_VERSION = "2026-10-28.endive"
STRIPE_TIMEOUT_SECONDS = 10.0
STRIPE_MAX_NETWORK_RETRIES = 1
WEBHOOK_TOLERANCE_SECONDS = 300  # the SDK's default; a signature older than this is refused

METADATA = {"service": "chatscan"}
_INTENT_ID = re.compile(r"pi_[A-Za-z0-9_]{1,252}")  # at most 255 characters in all
_MAX_IDEMPOTENCY_KEY = 255

UNAVAILABLE = "Payment service unavailable; please try again later"
NOT_CONFIGURED = "Payment service is not configured"
INVALID_ID = "Payment required. Please provide a valid payment_intent_id."


@dataclass(frozen=True)
class CreatedIntent:
    id: str
    client_secret: str
    amount: int
    currency: str


@dataclass(frozen=True)
class VerifiedIntent:
    id: str
    amount: int
    currency: str
    status: str


@dataclass(frozen=True)
class WebhookEvent:
    id: str
    type: str
    data_object: dict[str, Any]


class Payments:
    """Stripe, as the service uses it: one price, PaymentIntents, and webhook events."""

    def __init__(
        self,
        settings: Settings,
        *,
        timeout: float = STRIPE_TIMEOUT_SECONDS,
        max_network_retries: int = STRIPE_MAX_NETWORK_RETRIES,
    ) -> None:
        self._amount = settings.price_amount
        self._currency = settings.price_currency
        self._webhook_secret = (
            settings.stripe_webhook_secret.get_secret_value()
            if settings.stripe_webhook_secret
            else None
        )
        self._http: stripe.HTTPClient | None = None
        self._client: stripe.StripeClient | None = None
        if settings.stripe_secret_key is None:
            return
        # requests is a dependency of the SDK; it speaks plain http:// too (for a test server).
        self._http = stripe.RequestsClient(timeout=timeout)
        api_base = settings.stripe_api_base
        self._client = stripe.StripeClient(
            settings.stripe_secret_key.get_secret_value(),
            stripe_version=STRIPE_API_VERSION,
            base_addresses={"api": api_base} if api_base else None,
            max_network_retries=max_network_retries,
            http_client=self._http,
        )

    def close(self) -> None:
        """Close the HTTP session of the calling thread (others close with their threads)."""
        if self._http is not None:
            self._http.close()

    def create_intent(self, idempotency_key: str) -> CreatedIntent:
        """A new PaymentIntent for one analysis at the configured price.

        The same ``idempotency_key`` gets the same intent back from Stripe (for 24 hours).
        """
        if not idempotency_key or len(idempotency_key) > _MAX_IDEMPOTENCY_KEY:
            raise ValueError("idempotency_key must be 1 to 255 characters")
        client = self._require_client()
        try:
            intent = client.v1.payment_intents.create(
                params={
                    "amount": self._amount,
                    "currency": self._currency,
                    "metadata": dict(METADATA),
                    "automatic_payment_methods": {"enabled": True},
                },
                options={"idempotency_key": idempotency_key},
            ).to_dict()
        except stripe.StripeError as exc:
            _log_stripe_error("create a PaymentIntent", exc)
            raise PaymentUnavailable(
                "Could not create a payment with Stripe; please try again later"
            ) from None
        secret = intent.get("client_secret")
        if not isinstance(secret, str) or not secret:
            log.error("Stripe created PaymentIntent %s without a client_secret", intent.get("id"))
            raise PaymentUnavailable(UNAVAILABLE)
        return CreatedIntent(
            id=intent["id"],
            client_secret=secret,
            amount=intent["amount"],
            currency=intent["currency"],
        )

    def verify(self, intent_id: str) -> VerifiedIntent:
        """The PaymentIntent ``intent_id`` if it pays for one analysis; else a 402 (or 503)."""
        if not isinstance(intent_id, str) or not _INTENT_ID.fullmatch(intent_id):
            raise PaymentRequired(INVALID_ID)
        client = self._require_client()
        try:
            intent = client.v1.payment_intents.retrieve(
                intent_id, params={"expand": ["latest_charge"]}
            ).to_dict()
        except stripe.InvalidRequestError as exc:
            if exc.code == "resource_missing":
                raise PaymentRequired(f"Payment not found: {intent_id}") from None
            _log_stripe_error("retrieve a PaymentIntent", exc)
            raise PaymentUnavailable(UNAVAILABLE) from None
        except stripe.StripeError as exc:
            _log_stripe_error("retrieve a PaymentIntent", exc)
            raise PaymentUnavailable(UNAVAILABLE) from None
        return self._check(intent_id, intent)

    def _check(self, intent_id: str, intent: dict[str, Any]) -> VerifiedIntent:
        status = intent.get("status")
        if status != "succeeded":
            raise PaymentRequired(f"Payment not completed. Status: {status}")
        currency = str(intent.get("currency") or "").lower()
        if currency != self._currency:
            raise PaymentInvalid(
                f"Payment currency mismatch: expected {self._currency}, got {currency or 'none'}"
            )
        received = intent.get("amount_received")
        if received is None:
            received = intent.get("amount") or 0
        if received < self._amount:
            raise PaymentInvalid(
                f"Payment amount too small: expected at least {self._amount} cents, "
                f"got {received} cents"
            )
        charge = intent.get("latest_charge")
        if isinstance(charge, str):
            # Asked for expanded; an id alone cannot show a refund, so do not accept it.
            log.error("Stripe did not expand latest_charge of PaymentIntent %s", intent_id)
            raise PaymentUnavailable(UNAVAILABLE)
        if isinstance(charge, dict) and (
            charge.get("refunded") or (charge.get("amount_refunded") or 0) > 0
        ):
            raise PaymentInvalid(
                f"Payment was refunded ({charge.get('amount_refunded') or received} cents); "
                "it cannot pay for an analysis"
            )
        return VerifiedIntent(id=intent_id, amount=received, currency=currency, status=status)

    def parse_webhook(self, payload: bytes, signature_header: str | None) -> WebhookEvent:
        """The event in a webhook request, once its ``Stripe-Signature`` is verified."""
        if not self._webhook_secret:
            raise ServiceError(
                "Stripe webhooks are not configured", status=503, error="webhooks_not_configured"
            )
        construct = self._client.construct_event if self._client else stripe.Webhook.construct_event
        try:
            event = construct(
                payload, signature_header, self._webhook_secret, WEBHOOK_TOLERANCE_SECONDS
            ).to_dict()
        except stripe.SignatureVerificationError:
            raise ServiceError(
                "Invalid Stripe signature", status=400, error="bad_signature"
            ) from None
        except (ValueError, TypeError, AttributeError, KeyError):
            # Signed but not JSON, not UTF-8, or not a JSON object.
            raise _bad_payload() from None
        data = event.get("data")
        data_object = data.get("object") if isinstance(data, dict) else None
        if (
            event.get("object") != "event"
            or not isinstance(event.get("id"), str)
            or not isinstance(event.get("type"), str)
            or not isinstance(data_object, dict)
        ):
            raise _bad_payload()
        return WebhookEvent(id=event["id"], type=event["type"], data_object=data_object)

    def _require_client(self) -> stripe.StripeClient:
        if self._client is None:
            raise PaymentUnavailable(NOT_CONFIGURED)
        return self._client


def _bad_payload() -> ServiceError:
    return ServiceError("Webhook payload is not a Stripe event", status=400, error="bad_payload")


def _log_stripe_error(action: str, exc: stripe.StripeError) -> None:
    # Not the message: Stripe's can quote the API key (masked, but still).
    log.warning(
        "Stripe: could not %s: %s (http_status=%s, code=%s, request_id=%s)",
        action,
        type(exc).__name__,
        exc.http_status,
        exc.code,
        exc.request_id,
    )
