"""``create_app(settings)``: the FastAPI application, built from settings, never at import."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from chatscan._version import __version__
from chatscan.service.handlers import install_handlers
from chatscan.service.logs import RequestContext, configure_logging
from chatscan.service.responses import JSONBody
from chatscan.service.routes import analyze, info, page, payments
from chatscan.service.settings import Settings
from chatscan.service.state import build_services

__all__ = ["create_app"]

DESCRIPTION = """Find the language of harm, "protection", boundaries, exposure threats,
surveillance and control of access in a chat export, in order, by context, speaker and
time. Upload with `POST /analyze`; when payments are on, pay first with
`POST /create-payment-intent` (one payment, one analysis)."""


def create_app(settings: Settings | None = None) -> FastAPI:
    """The app for ``settings`` (read from the environment when None).

    Refuses to build (raising) on unsafe settings; migrates the ledger database.
    """
    settings = settings or Settings()
    configure_logging(settings.log_level)
    svc = build_services(settings)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        svc.ledger.close()

    app = FastAPI(
        title="Chat Pattern Scanner API",
        version=__version__,
        description=DESCRIPTION,
        default_response_class=JSONBody,
        lifespan=lifespan,
    )
    app.state.services = svc
    install_handlers(app)
    for module in (info, analyze, payments, page):
        app.include_router(module.router)
    if settings.cors_allow_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_allow_origins,
            allow_credentials=True,
            allow_methods=["GET", "POST", "OPTIONS"],
            allow_headers=["Content-Type", "Idempotency-Key", "X-Request-ID"],
            expose_headers=["X-Request-ID", "Retry-After", "Content-Disposition"],
        )
    app.add_middleware(RequestContext)
    return app
