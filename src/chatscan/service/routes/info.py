"""Health, version, configuration and the rule packs: the cheap, public routes.

None of them loads the semantic layer's model: ``/config`` and ``/patterns`` say only
whether its extra is installed, and ``/health`` does not look at it at all.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query
from starlette.concurrency import run_in_threadpool

from chatscan._version import __version__
from chatscan.core.ingest import FORMAT_NAMES
from chatscan.core.rules import RulePack
from chatscan.service.errors import ServiceError
from chatscan.service.logs import log
from chatscan.service.options import AUTOMATIC
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


def _semantic_status(svc: Services) -> dict[str, Any]:
    reason = svc.semantic.unavailable()
    packs = [name for name, pack in svc.packs.packs.items() if pack.spec.semantic is not None]
    if reason is None and not packs:
        reason = "none of the rule packs offered has a semantic section (exemplar sentences)"
    return {"available": reason is None, "reason": reason, "packs": packs}


def _semantic_section(pack: RulePack) -> dict[str, Any] | None:
    """A pack's semantic section in brief: its model, and per category the number of
    exemplar sentences and the threshold (null for a pack without one)."""
    spec = pack.spec.semantic
    if spec is None:
        return None
    return {
        "model": spec.model,
        "categories": {
            c.name: {"exemplars": len(c.exemplars), "threshold": c.threshold}
            for c in spec.categories
        },
        "negatives": len(spec.negatives),
    }


def _choices(svc: Services) -> dict[str, Any]:
    """The analysis options a request may choose, with their defaults."""
    packs = svc.packs
    return {
        "packs": packs.describe(),
        "default_packs": {
            "messages": packs.message_default,
            "paragraphs": packs.paragraph_default,
        },
        "semantic": _semantic_status(svc),
    }


@router.get("/config", summary="What a client needs to know before uploading")
async def config(svc: Annotated[Services, Depends(services)]) -> dict[str, Any]:
    """Limits and payment settings, so the web page checks files as the server will and
    shows the server's price (never duplicated in the page); the rule packs offered
    (`packs`: name, version, hash, the modes each is the default of) and whether the
    semantic layer can run (`semantic`: `available`, and `reason` when it cannot)."""
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
        **_choices(svc),
    }


@router.get("/patterns", summary="A rule pack: categories, sequences, window")
async def patterns(
    svc: Annotated[Services, Depends(services)],
    rules: Annotated[
        str | None, Query(max_length=64, description="Which pack (default: paragraph mode's)")
    ] = None,
) -> dict[str, Any]:
    """One rule pack's categories (with their rule counts), sequences and window, by
    default paragraph mode's (`original`, as the original API described); `?rules=v2`
    for another one. `packs`, `default_packs` and `semantic` are as in `/config`."""
    choices = svc.packs
    name = rules or AUTOMATIC
    if name == AUTOMATIC:
        name = choices.paragraph_default
    if name not in choices.packs:
        raise ServiceError(
            f"Unknown rules {name!r}. Use one of: {', '.join(choices.names)}", error="bad_rules"
        )
    pack = choices.packs[name]
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
        "semantic_section": _semantic_section(pack),
        **_choices(svc),
    }
