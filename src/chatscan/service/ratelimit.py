"""Per-client-IP rate limits, counted in memory or in a shared Redis (the ``limits`` library).

A moving window per route; several app instances pointed at one Redis share the counts.
"""

from __future__ import annotations

import logging
import math
import time

from limits import RateLimitItem, parse
from limits.errors import ConfigurationError
from limits.storage import Storage, storage_from_string
from limits.strategies import MovingWindowRateLimiter
from starlette.requests import Request

from chatscan.service.errors import ServiceError

__all__ = ["RateLimited", "RateLimits", "client_address"]

log = logging.getLogger("chatscan.service")


def client_address(request: Request) -> str:
    """Whom a request is counted against: the client's IP (behind a proxy, the one uvicorn
    takes from ``X-Forwarded-For`` when the proxy is in ``FORWARDED_ALLOW_IPS``)."""
    return request.client.host if request.client else "unknown"


class RateLimited(ServiceError):
    status = 429
    error = "rate_limited"


class RateLimits:
    """The limits of the routes that cost something: analyses and payment intents."""

    def __init__(self, storage_url: str, namespace: str, rules: dict[str, str]) -> None:
        try:
            self.items: dict[str, RateLimitItem] = {
                scope: parse(rule) for scope, rule in rules.items()
            }
        except ValueError as exc:
            raise ValueError(f"invalid rate limit: {exc}") from None
        try:
            self.storage: Storage = storage_from_string(storage_url)
        except ConfigurationError as exc:
            raise ValueError(f"RATE_LIMIT_STORAGE_URL: {exc}") from None
        self.limiter = MovingWindowRateLimiter(self.storage)
        self.namespace = namespace

    def hit(self, scope: str, client: str) -> None:
        """Count one request; raise :class:`RateLimited` with ``Retry-After`` past the limit.

        When the counter store itself fails (Redis down), the request is let through and
        the failure logged: an outage of the limiter should not stop paid analyses.
        """
        item = self.items[scope]
        try:
            allowed = self.limiter.hit(item, self.namespace, scope, client)
            if allowed:
                return
            stats = self.limiter.get_window_stats(item, self.namespace, scope, client)
        except Exception as exc:  # any storage failure: fail open, loudly
            log.error("rate limit storage failed", extra={"error_type": type(exc).__name__})
            return
        retry = max(1, math.ceil(stats.reset_time - time.time()))
        raise RateLimited(
            f"Rate limit exceeded: {item} per client. Try again in {retry} s.",
            headers={"Retry-After": str(retry)},
        )

    def check_storage(self) -> bool:
        try:
            return bool(self.storage.check())
        except Exception:
            return False
