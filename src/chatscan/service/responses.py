"""JSON responses that never fail on what a chat contains (see ``json_bytes``)."""

from __future__ import annotations

from typing import Any

from starlette.responses import JSONResponse

from chatscan.reports.json_report import json_bytes

__all__ = ["JSONBody"]


class JSONBody(JSONResponse):
    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        return json_bytes(content)
