"""What one app instance holds: settings and the parts built from them."""

from __future__ import annotations

from dataclasses import dataclass, field

from fastapi import Request

from chatscan._version import __version__
from chatscan.reports import ReportOptions
from chatscan.service.db import Ledger
from chatscan.service.options import PackChoices, SemanticLayer
from chatscan.service.payments import Payments
from chatscan.service.ratelimit import RateLimits
from chatscan.service.settings import Settings

__all__ = ["Services", "build_services", "services"]


@dataclass(frozen=True)
class Services:
    settings: Settings
    packs: PackChoices
    ledger: Ledger
    payments: Payments | None
    limits: RateLimits
    report_options: ReportOptions
    semantic: SemanticLayer = field(default_factory=SemanticLayer)


def build_services(settings: Settings) -> Services:
    """Load the rule packs offered, migrate and open the ledger, connect the rate-limit
    store. The semantic layer is not loaded here: on the first analysis that asks."""
    packs = PackChoices.load(settings.rules_path)
    limits = RateLimits(
        settings.rate_limit_storage_url,
        settings.rate_limit_namespace,
        {"analyze": settings.rate_limit_analyze, "payment": settings.rate_limit_payment},
    )
    return Services(
        settings=settings,
        packs=packs,
        ledger=Ledger.open(settings.database_url),
        payments=Payments(settings) if settings.stripe_secret_key else None,
        limits=limits,
        report_options=ReportOptions(
            tool_version=__version__, brand_name=settings.brand_name, brand_url=settings.brand_url
        ),
    )


def services(request: Request) -> Services:
    """FastAPI dependency: this app instance's services."""
    found: Services = request.app.state.services
    return found
