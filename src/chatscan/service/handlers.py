"""Every error becomes ``{"detail", "code", "error"}`` JSON here (unexpected ones in
``logs.RequestContext``, which also logs them by type only)."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException

from chatscan.core.errors import ChatscanError
from chatscan.service.errors import ServiceError
from chatscan.service.responses import JSONBody

__all__ = ["error_response", "install_handlers"]

_HTTP_NAMES = {404: "not_found", 405: "method_not_allowed", 413: "file_too_large"}


def error_response(
    status: int, detail: str, error: str, headers: dict[str, str] | None = None, **more: object
) -> JSONBody:
    body = {"detail": detail, "code": str(status), "error": error, **more}
    return JSONBody(body, status_code=status, headers=headers)


async def _service_error(_request: Request, exc: Exception) -> JSONBody:
    assert isinstance(exc, ServiceError)
    return error_response(exc.status, exc.detail, exc.error, exc.headers)


async def _chatscan_error(_request: Request, exc: Exception) -> JSONBody:
    assert isinstance(exc, ChatscanError)
    return error_response(400, exc.message, exc.code)


async def _http_error(_request: Request, exc: Exception) -> JSONBody:
    assert isinstance(exc, HTTPException)
    error = _HTTP_NAMES.get(exc.status_code, "http_error")
    return error_response(exc.status_code, str(exc.detail), error, dict(exc.headers or {}))


async def _validation_error(_request: Request, exc: Exception) -> JSONBody:
    assert isinstance(exc, RequestValidationError)
    # loc and msg only: the rejected input itself is never echoed back or logged
    problems = [
        {"loc": [str(part) for part in err.get("loc", ())], "msg": str(err.get("msg", ""))}
        for err in exc.errors()
    ]
    where = "; ".join(f"{'.'.join(p['loc'])}: {p['msg']}" for p in problems)
    return error_response(422, f"Invalid request: {where}", "invalid_request", errors=problems)


def install_handlers(app: FastAPI) -> None:
    app.add_exception_handler(ServiceError, _service_error)
    app.add_exception_handler(ChatscanError, _chatscan_error)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
