"""The web page: ``GET /`` and its static files under ``/static``, with strict headers.

The page is plain HTML, CSS and JavaScript shipped inside the package (no build step, no
CDN); the only outside script it may load is Stripe.js, and only when payments are on.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from fastapi import APIRouter
from starlette.responses import HTMLResponse, Response
from starlette.staticfiles import StaticFiles

__all__ = ["CONTENT_SECURITY_POLICY", "SECURITY_HEADERS", "STATIC_DIR", "router"]

STATIC_DIR = Path(__file__).resolve().parent.parent / "static"

CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self' https://js.stripe.com",
        "style-src 'self'",
        "img-src 'self' data: blob:",
        "connect-src 'self' https://api.stripe.com",
        "frame-src https://js.stripe.com https://hooks.stripe.com",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)

SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    # No versioned file names: the browser revalidates (ETag) rather than keep a stale page.
    "Cache-Control": "no-cache",
}


class _Static(StaticFiles):
    """Static files with the page's security headers on every file served."""

    def file_response(self, *args: Any, **kwargs: Any) -> Response:
        response = super().file_response(*args, **kwargs)
        response.headers.update(SECURITY_HEADERS)
        return response


@cache
def _index() -> bytes:
    return (STATIC_DIR / "index.html").read_bytes()


router = APIRouter()


@router.get("/", include_in_schema=False)
async def index() -> HTMLResponse:
    """The upload-and-results page."""
    return HTMLResponse(_index(), headers=SECURITY_HEADERS)


router.mount("/static", _Static(directory=STATIC_DIR, follow_symlink=False), name="static")
