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
