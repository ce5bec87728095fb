"""No chat text in any log line, at any level, on any path through the service."""

from __future__ import annotations

import io
import logging
import zipfile
from pathlib import Path

import pytest

from tests.service.support import client_for, upload

MARKER = "Zorblatquix"


def _exports() -> list[tuple[str, bytes, dict[str, str]]]:
    chat = f"Ann: you hurt me {MARKER}\nBob: for your own good {MARKER}\n".encode()
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr(f"{MARKER}.jpg", MARKER.encode())
    return [
        ("chat.txt", chat, {}),
        ("chat.txt", chat, {"format": "paragraphs"}),
        ("chat.txt", chat + b"\xff" + MARKER.encode(), {}),
        ("chat.txt", chat + b"\xff" + MARKER.encode(), {"errors": "strict"}),
        ("chat.txt", chat, {"output": "zip"}),
        (f"{MARKER}.exe", chat, {}),
        ("chat.txt", chat, {"format": MARKER}),
        ("export.json", b'{"messages": "' + MARKER.encode() + b'"', {}),
        ("chat.zip", archive.getvalue(), {}),
        ("chat.txt", chat, {"payment_intent_id": f"pi_{MARKER}"}),
    ]


def test_marker_word_never_reaches_the_logs(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, capfd: pytest.CaptureFixture[str]
) -> None:
    caplog.set_level(logging.DEBUG)
    logging.getLogger().setLevel(logging.DEBUG)
    client = client_for(tmp_path, log_level="DEBUG")
    statuses = set()
    for name, data, fields in _exports():
        response = client.post("/analyze", **upload(name, data, **fields))
        statuses.add(response.status_code)
        if name == "chat.txt" and not fields:
            assert MARKER in response.text  # the analysis itself does carry the text
    assert statuses == {200, 400}
    logged = caplog.text + "".join(r.getMessage() for r in caplog.records)
    out, err = capfd.readouterr()
    assert '"message":"analysis done"' in err  # the JSON logs were captured at all
    for where, text in (("log records", logged), ("stdout", out), ("stderr", err)):
        assert MARKER not in text, f"chat text leaked into {where}"
        assert MARKER.lower() not in text.lower()
