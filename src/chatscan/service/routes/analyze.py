"""``POST /analyze``: upload, (pay), analyse, answer — the product's one paid route."""

from __future__ import annotations

import time
import uuid
from datetime import UTC, datetime
from pathlib import PurePath
from typing import Annotated, Literal

import anyio
from fastapi import APIRouter, Depends, Query, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from chatscan.core.errors import ChatscanError
from chatscan.core.ingest import FORMAT_NAMES, PARAGRAPHS
from chatscan.core.result import Result
from chatscan.core.rules import RulePack
from chatscan.reports import REPORTS
from chatscan.service.analysis import (
    EXTRAS,
    OUTPUTS,
    AnalysisInput,
    Rendered,
    analyse,
    response_body,
)
from chatscan.service.db import AnalysisRecord
from chatscan.service.errors import AlreadyRedeemed, PaymentInvalid, PaymentRequired, ServiceError
from chatscan.service.logs import log
from chatscan.service.options import AUTOMATIC, parse_flag
from chatscan.service.ratelimit import client_address
from chatscan.service.responses import JSONBody
from chatscan.service.state import Services, services
from chatscan.service.uploads import allowed_extensions, parse_multipart

router = APIRouter()

FORMAT_CHOICES = ("auto", *FORMAT_NAMES)
# Analyses are CPU-bound and threads share one interpreter lock: one at a time per worker
# process (the rest wait their turn, in order); more cores want more workers.
_ANALYSES = anyio.CapacityLimiter(1)


UPLOAD_SCHEMA = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["file"],
                    "properties": {
                        "file": {"type": "string", "format": "binary"},
                        "payment_intent_id": {"type": "string"},
                        "format": {"type": "string", "enum": list(FORMAT_CHOICES)},
                        "errors": {"type": "string", "enum": ["replace", "strict"]},
                        "output": {"type": "string", "enum": list(OUTPUTS)},
                        "include": {"type": "string"},
                        "rules": {
                            "type": "string",
                            "description": "Rule pack: a name /config lists; default: the "
                            "default of the mode (v2 for chat exports, original for paragraphs)",
                        },
                        "semantic": {
                            "type": "boolean",
                            "description": "Run the semantic layer too (message mode; "
                            "where installed, with a pack that has exemplars)",
                        },
                    },
                }
            }
        },
    },
    "responses": {
        "200": {
            "description": "The analysis (JSON); with output=zip, html or pdf that file",
            "content": {"application/zip": {}, "text/html": {}, "application/pdf": {}},
        },
        "400": {"description": "Unusable upload or options"},
        "402": {"description": "Payment required or not valid"},
        "409": {"description": "This payment has already paid for an analysis"},
        "413": {"description": "File too large"},
        "429": {"description": "Rate limit exceeded"},
    },
}


def _choice(name: str, value: str | None, choices: tuple[str, ...], default: str) -> str:
    if value is None or value == "":
        return default
    if value not in choices:
        raise ServiceError(
            f"Unknown {name} {value!r}. Use one of: {', '.join(choices)}", error=f"bad_{name}"
        )
    return value


def _semantic(value: str | None) -> bool:
    flag = parse_flag(value)
    if flag is None:
        raise ServiceError(f"Unknown semantic {value!r}. Use true or false", error="bad_semantic")
    return flag


def _options(svc: Services, fmt: str, rules: str | None, semantic: bool) -> RulePack:
    """The pack this analysis uses, after checking the options chosen go together."""
    packs = svc.packs
    name = _choice("rules", rules, (AUTOMATIC, *packs.names), AUTOMATIC)
    pack = packs.packs[packs.default_for(fmt) if name == AUTOMATIC else name]
    if semantic:
        if fmt == PARAGRAPHS:
            raise ServiceError(
                "The semantic layer works on messages (chat exports), not paragraph mode: "
                "choose another format, or leave the semantic layer off",
                error="semantic_needs_messages",
            )
        refusal = svc.semantic.refusal(pack)
        if refusal is not None:
            raise ServiceError(refusal, error="semantic_unavailable")
    return pack


def _run(svc: Services, job: AnalysisInput, pack: RulePack, semantic: bool) -> Result:
    """The analysis, in a worker thread: the semantic detector is built here on first use
    (loading its model takes seconds), then reused."""
    detectors = (svc.semantic.detector(pack),) if semantic else ()
    return analyse(job, pack, detectors)


def _check_extension(filename: str) -> None:
    allowed = allowed_extensions()
    if PurePath(filename).suffix.lower() not in allowed:
        raise ServiceError(
            f"File type not allowed. Allowed types: {', '.join(allowed)}",
            error="file_type_not_allowed",
        )


async def _check_payment(svc: Services, intent_id: str | None) -> None:
    """Before analysing: a payment Stripe reports as paid, not refunded, not yet used."""
    if not intent_id:
        raise PaymentRequired("Payment required. Please provide payment_intent_id.")
    if svc.payments is None:  # settings make this impossible; kept for type narrowing
        raise PaymentRequired("Payment service not configured")
    if await run_in_threadpool(svc.ledger.is_redeemed, intent_id):
        raise AlreadyRedeemed(_USED)
    if await run_in_threadpool(svc.ledger.is_refunded, intent_id):
        raise PaymentInvalid("Payment was refunded; it cannot pay for an analysis")
    intent = await run_in_threadpool(svc.payments.verify, intent_id)
    await run_in_threadpool(
        lambda: svc.ledger.record_payment(
            intent.id, amount=intent.amount, currency=intent.currency, status=intent.status
        )
    )


def _response(
    result: Result, svc: Services, analysis_id: str, output: str, include: frozenset[str]
) -> Response:
    rendered = Rendered(result, svc.report_options, svc.settings.pdf_max_events)
    if output == "json":
        return JSONBody(response_body(rendered, analysis_id, include))
    if output == "zip":
        payload, media_type, filename = rendered.zip(pdf="pdf" in include), "application/zip", "zip"
    else:
        if output == "pdf" and (refusal := rendered.pdf_refusal()):
            raise ServiceError(refusal, status=413, error="pdf_too_large")
        payload, media_type = rendered.get(output), REPORTS[output].media_type
        filename = REPORTS[output].filename.rsplit(".", 1)[1]
    disposition = f'attachment; filename="chatscan-{analysis_id}.{filename}"'
    return Response(payload, media_type=media_type, headers={"Content-Disposition": disposition})


def _include(value: str | None) -> frozenset[str]:
    wanted = frozenset(part.strip() for part in (value or "").split(",") if part.strip())
    unknown = sorted(wanted - set(EXTRAS))
    if unknown:
        raise ServiceError(
            f"Unknown include {', '.join(map(repr, unknown))}. Use any of: {', '.join(EXTRAS)}",
            error="bad_include",
        )
    return wanted


def _record(
    analysis_id: str,
    size: int,
    started: float,
    intent_id: str | None,
    *,
    result: Result | None = None,
    error: str | None = None,
    requested: str = "",
) -> AnalysisRecord:
    """What the ledger keeps of an analysis, done or refused: sizes and counts, no text."""
    return AnalysisRecord(
        id=analysis_id,
        created_at=datetime.now(UTC),
        size_bytes=size,
        format=result.format if result else requested,
        mode=result.mode if result else "",
        messages_total=result.messages_total if result else 0,
        events_total=len(result.events) if result else 0,
        sequences_total=len(result.sequences) if result else 0,
        duration_ms=int((time.perf_counter() - started) * 1000),
        status=error or "ok",
        payment_intent_id=intent_id,
    )


def _facts(record: AnalysisRecord) -> dict[str, object]:
    """A record's fields for a log line."""
    return {
        "size_bytes": record.size_bytes,
        "format": record.format,
        "mode": record.mode,
        "messages_total": record.messages_total,
        "events_total": record.events_total,
        "sequences_total": record.sequences_total,
        "duration_ms": record.duration_ms,
        "error": None if record.status == "ok" else record.status,
    }


_USED = "This payment has already been used for an analysis. Each payment pays for one analysis."


@router.post(
    "/analyze",
    summary="Analyse a chat export",
    openapi_extra=UPLOAD_SCHEMA,
    response_class=JSONBody,
)
async def analyze(
    request: Request,
    svc: Annotated[Services, Depends(services)],
    payment_intent_id: Annotated[str | None, Query(max_length=255)] = None,
    format: Annotated[str | None, Query(description="Export format; default auto")] = None,
    output: Annotated[str | None, Query(description="json (default), zip, html or pdf")] = None,
    include: Annotated[
        str | None, Query(description="Comma list added to the JSON: html, pdf, zip")
    ] = None,
    errors: Annotated[Literal["replace", "strict"] | None, Query()] = None,
    rules: Annotated[
        str | None, Query(max_length=64, description="Rule pack name (see /config)")
    ] = None,
    semantic: Annotated[
        str | None, Query(max_length=8, description="true: run the semantic layer too")
    ] = None,
) -> Response:
    """Upload a chat export as multipart field `file` (with `payment_intent_id` as a form
    field or query parameter when payments are on). Returns the analysis as JSON: the
    original API's fields plus structured events, format, warnings and the rule pack's
    identity. `include=html,pdf,zip` adds `report_html`, `report_pdf` (base64) and
    `reports_zip` (base64) to the JSON; `?output=zip` (or `Accept: application/zip`),
    `output=html` or `output=pdf` answers with that file instead. `rules` picks a rule
    pack that `/config` lists (default: `v2` for chat exports, `original` for paragraph
    text); `semantic=true` runs the semantic layer beside the rules (message mode, where
    installed). Every hit says which detector produced it and why."""
    settings = svc.settings
    await run_in_threadpool(svc.limits.hit, "analyze", client_address(request))
    upload = await parse_multipart(
        request.headers.get("content-type"),
        request.headers.get("content-length"),
        request.stream(),
        limit=settings.max_upload_bytes,
    )
    fields = upload.fields
    if upload.filename is None:
        raise ServiceError(
            "No file uploaded: send the chat export in a multipart field named 'file'",
            error="file_missing",
        )
    _check_extension(upload.filename)
    fmt = _choice("format", fields.get("format", format), FORMAT_CHOICES, "auto")
    strict = _choice("errors", fields.get("errors", errors), ("replace", "strict"), "replace")
    accept = request.headers.get("accept", "")
    default_output = "zip" if "application/zip" in accept else "json"
    chosen = _choice("output", fields.get("output", output), OUTPUTS, default_output)
    extras = _include(fields.get("include", include))
    with_semantic = _semantic(fields.get("semantic", semantic))
    pack = _options(svc, fmt, fields.get("rules", rules), with_semantic)
    intent_id = fields.get("payment_intent_id") or payment_intent_id
    if settings.payment_required:
        await _check_payment(svc, intent_id)
    else:
        intent_id = None

    analysis_id = uuid.uuid4().hex
    job = AnalysisInput(
        upload.filename,
        bytes(upload.data),
        fmt,
        strict == "strict",
        settings.max_unpacked_bytes,
    )
    size = len(upload.data)
    del upload
    started = time.perf_counter()
    try:
        result = await anyio.to_thread.run_sync(
            _run, svc, job, pack, with_semantic, limiter=_ANALYSES
        )
    except ChatscanError as exc:
        refused = _record(analysis_id, size, started, None, error=exc.code, requested=fmt)
        await run_in_threadpool(svc.ledger.record_analysis, refused)
        log.info("analysis refused", extra={"analysis_id": analysis_id, **_facts(refused)})
        raise
    # Reports (a PDF above all) are CPU work too: rendered under the same one-at-a-time rule.
    response = await anyio.to_thread.run_sync(
        _response, result, svc, analysis_id, chosen, extras, limiter=_ANALYSES
    )
    record = _record(analysis_id, size, started, intent_id, result=result)
    if intent_id and not await run_in_threadpool(svc.ledger.redeem, intent_id, analysis_id):
        raise AlreadyRedeemed(_USED)
    await run_in_threadpool(svc.ledger.record_analysis, record)
    chosen_options = {"rules": pack.name, "semantic": with_semantic}
    log.info(
        "analysis done", extra={"analysis_id": analysis_id, **_facts(record), **chosen_options}
    )
    return response
