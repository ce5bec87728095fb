"""Health, version and the rule pack: the cheap, public routes."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends
from starlette.concurrency import run_in_threadpool

from chatscan._version import __version__
from chatscan.core.ingest import FORMAT_NAMES
from chatscan.service.logs import log
from chatscan.service.responses import JSONBody
from chatscan.service.state import Services, services
from chatscan.service.uploads import allowed_extensions

router = APIRouter()


@router.get("/health", summary="Service and database health")
async def health(svc: Annotated[Services, Depends(services)]) -> JSONBody:
    """`status` is `healthy` with `database: ok`, or 503 `unhealthy` when the ledger
    database cannot be reached."""
    try:
        await run_in_threadpool(svc.ledger.ping)
        database = "ok"
    except Exception as exc:
        log.error("database check failed", extra={"error_type": type(exc).__name__})
        database = "unavailable"
    body = {
        "status": "healthy" if database == "ok" else "unhealthy",
        "payment_enabled": svc.settings.payment_required,
        "database": database,
        "version": __version__,
    }
    return JSONBody(body, status_code=200 if database == "ok" else 503)


@router.get("/version", summary="Service version")
async def version() -> dict[str, str]:
    return {"version": __version__}


@router.get("/config", summary="What a client needs to know before uploading")
async def config(svc: Annotated[Services, Depends(services)]) -> dict[str, Any]:
    """Limits and payment settings, so the web page checks files as the server will and
    shows the server's price (never duplicated in the page)."""
    settings = svc.settings
    return {
        "max_upload_bytes": settings.max_upload_bytes,
        "allowed_extensions": list(allowed_extensions()),
        "formats": ["auto", *FORMAT_NAMES],
        "payment_required": settings.payment_required,
        "price_amount": settings.price_amount,
        "price_currency": settings.price_currency,
        "stripe_publishable_key": settings.stripe_publishable_key
        if settings.payment_required
        else None,
        "version": __version__,
    }


@router.get("/patterns", summary="The rule pack: categories, sequences, window")
async def patterns(svc: Annotated[Services, Depends(services)]) -> dict[str, Any]:
    pack = svc.pack
    categories: dict[str, Any] = {}
    for category in pack.spec.categories:
        rules = [rule for rule in pack.spec.rules if rule.category == category.name]
        categories[category.name] = {
            "phrase_patterns": sum(1 for rule in rules if str(rule.tier) == "PHRASE"),
            "token_patterns": sum(1 for rule in rules if str(rule.tier) == "TOKEN"),
            "description": category.description
            or f"Detects {category.name.lower().replace('_', ' ')} in chat logs",
        }
    return {
        "total_categories": len(categories),
        "categories": categories,
        "sequences": [f"{seq.start} -> {seq.end}" for seq in pack.spec.sequences],
        "window_size": pack.window,
        "name": pack.name,
        "version": pack.version,
        "hash": pack.sha256,
        "formats": ["auto", *FORMAT_NAMES],
    }
