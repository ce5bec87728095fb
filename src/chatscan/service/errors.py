"""The service's errors and their one mapping to HTTP.

Every error response is JSON ``{"detail": ..., "code": ..., "error": ...}``: ``detail``
and ``code`` (the status as a string) exactly as the original API sent them, so clients
that match on either keep working; ``error`` is a stable machine-readable name.
"""

from __future__ import annotations

__all__ = [
    "AlreadyRedeemed",
    "PaymentInvalid",
    "PaymentRequired",
    "PaymentUnavailable",
    "ServiceError",
]


class ServiceError(Exception):
    """An error with an HTTP status, a message safe to show, and a machine name."""

    status = 400
    error = "bad_request"

    def __init__(
        self,
        detail: str,
        *,
        status: int | None = None,
        error: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(detail)
        self.detail = detail
        if status is not None:
            self.status = status
        if error is not None:
            self.error = error
        self.headers = headers or {}


class PaymentRequired(ServiceError):
    """No payment, or one Stripe does not report as completed."""

    status = 402
    error = "payment_required"


class PaymentInvalid(ServiceError):
    """A completed payment that cannot pay for an analysis (amount, currency, refund)."""

    status = 402
    error = "payment_invalid"


class AlreadyRedeemed(ServiceError):
    """The payment has already paid for an analysis."""

    status = 409
    error = "payment_already_used"


class PaymentUnavailable(ServiceError):
    """Stripe could not be asked, or payments are not configured."""

    status = 503
    error = "payment_service_unavailable"
