"""Uploads: size limits enforced while streaming, encodings, odd multipart bodies, ZIP."""

from __future__ import annotations

import io
import select
import socket
import zipfile
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from chatscan.service import create_app
from tests.service.support import SAMPLE, client_for, make_settings, running_server, upload

LIMIT = 64 * 1024


@pytest.fixture
def client(tmp_path: Path) -> TestClient:
    return client_for(tmp_path, max_upload_bytes=LIMIT)


def test_over_the_limit_is_413_with_the_original_wording(tmp_path: Path) -> None:
    client = client_for(tmp_path)  # the default: 10 MB
    response = client.post("/analyze", **upload("big.txt", b"a" * (10 * 1024 * 1024 + 1)))
    assert response.status_code == 413
    assert response.json()["detail"] == "File too large. Maximum size: 10MB"


def test_exactly_the_limit_is_accepted(client: TestClient) -> None:
    assert client.post("/analyze", **upload("ok.txt", b"a" * LIMIT)).status_code == 200
    assert client.post("/analyze", **upload("no.txt", b"a" * (LIMIT + 1))).status_code == 413


def _send_until_answered(url: str, declared: int | None, total: int) -> tuple[bytes, int]:
    """Stream a multipart body of ``total`` bytes over a raw socket, stopping as soon as
    the server answers; return the answer and how many body bytes had been sent."""
    host, port = url.removeprefix("http://").split(":")
    boundary = "chatscanboundary"
    head = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; '
        'filename="huge.txt"\r\nContent-Type: text/plain\r\n\r\n'
    ).encode()
    length = f"Content-Length: {declared}\r\n" if declared else "Transfer-Encoding: chunked\r\n"
    request = (
        f"POST /analyze HTTP/1.1\r\nHost: {host}\r\n"
        f"Content-Type: multipart/form-data; boundary={boundary}\r\n{length}\r\n"
    ).encode()
    block = b"x" * (256 * 1024)
    sent = 0
    answer = b""
    with socket.create_connection((host, int(port)), timeout=30) as sock:
        sock.sendall(request)
        pieces = [head]
        while sent < total and not answer:
            piece = pieces.pop() if pieces else block
            frame = piece if declared else b"%x\r\n%s\r\n" % (len(piece), piece)
            try:
                sock.sendall(frame)
            except OSError:
                break
            sent += len(piece)
            readable, _, _ = select.select([sock], [], [], 0)
            if readable:
                answer = sock.recv(65536)
        if not answer:
            sock.settimeout(10)
            answer = sock.recv(65536)
    return answer, sent


@pytest.mark.parametrize("declare_length", [True, False], ids=["content-length", "chunked"])
def test_a_2gb_body_is_refused_without_being_read(tmp_path: Path, declare_length: bool) -> None:
    app = create_app(make_settings(tmp_path, max_upload_bytes=1024 * 1024))
    total = 2 * 1024**3
    with running_server(app) as url:
        answer, sent = _send_until_answered(url, total if declare_length else None, total)
    assert answer.startswith(b"HTTP/1.1 413"), answer[:100]
    assert b"File too large. Maximum size: 1MB" in answer
    assert sent < 16 * 1024 * 1024, f"{sent} bytes were sent before the refusal"


def test_undecodable_bytes_are_replaced_and_reported(client: TestClient) -> None:
    data = b"Ann: hello\nBob: you hurt me \xff\xfe and I said no\n"
    body = client.post("/analyze", **upload("bad.txt", data)).json()
    assert body["replaced_sequences"] >= 1
    assert body["first_bad_byte_offset"] == data.index(b"\xff")
    warning = " ".join(body["warnings"])
    assert str(data.index(b"\xff")) in warning
    assert body["total_events"] == 1


@pytest.mark.parametrize("where", ["form", "query"])
def test_strict_encoding_is_400_naming_the_offset(client: TestClient, where: str) -> None:
    data = b"Ann: hello\nBob: caf\xe9\n"
    if where == "form":
        response = client.post("/analyze", **upload("bad.txt", data, errors="strict"))
    else:
        response = client.post("/analyze?errors=strict", **upload("bad.txt", data))
    assert response.status_code == 400
    assert str(data.index(b"\xe9")) in response.json()["detail"]
    assert response.json()["error"] == "bad_encoding"


def test_missing_file_part(client: TestClient) -> None:
    response = client.post("/analyze", files={"other": ("a.txt", b"x")})
    assert response.status_code == 400
    assert response.json()["error"] == "file_missing"


def test_two_files_are_refused(client: TestClient) -> None:
    files = [("file", ("a.txt", b"x")), ("file", ("b.txt", b"y"))]
    response = client.post("/analyze", files=files)
    assert response.status_code == 400
    assert response.json()["error"] == "too_many_files"


@pytest.mark.parametrize(
    "content_type, body",
    [
        ("multipart/form-data", b"--x\r\n"),
        ("multipart/form-data; boundary=x", b"garbage without boundary"),
        ("multipart/form-data; boundary=x", b"--x\r\nContent-Disposition: form-data\r\n"),
        ("application/json", b'{"file": "x"}'),
        ("text/plain", b"hello"),
    ],
)
def test_malformed_bodies_are_400(client: TestClient, content_type: str, body: bytes) -> None:
    response = client.post("/analyze", content=body, headers={"content-type": content_type})
    assert response.status_code == 400, response.text
    assert response.json()["code"] == "400"


def test_long_form_field_is_refused(client: TestClient) -> None:
    response = client.post("/analyze", **upload("a.txt", "x", payment_intent_id="p" * 5000))
    assert response.status_code == 400
    assert response.json()["error"] == "field_too_long"


@pytest.mark.parametrize("how", ["query", "accept"])
def test_zip_output_holds_every_report(client: TestClient, how: str) -> None:
    if how == "query":
        response = client.post("/analyze?output=zip", **upload("chat.txt", SAMPLE))
    else:
        headers = {"accept": "application/zip"}
        response = client.post("/analyze", headers=headers, **upload("chat.txt", SAMPLE))
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/zip"
    assert "attachment" in response.headers["content-disposition"]
    names = set(zipfile.ZipFile(io.BytesIO(response.content)).namelist())
    assert names == {
        "events.csv",
        "sequences.csv",
        "context_summary.csv",
        "speakers.csv",
        "pattern_summary.txt",
        "report.json",
        "report.html",
        "manifest.json",
    }


def test_zip_of_paragraph_mode(client: TestClient) -> None:
    response = client.post("/analyze?output=zip&format=paragraphs", **upload("c.txt", SAMPLE))
    names = set(zipfile.ZipFile(io.BytesIO(response.content)).namelist())
    assert "speakers.csv" not in names and "events.csv" in names


def test_whatsapp_zip_upload_is_read(client: TestClient) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "WhatsApp Chat with Sam.txt",
            "12/03/2021, 21:15 - Sam: I will hurt you\n"
            "12/03/2021, 21:16 - Alex: please stop, I said no\n",
        )
    response = client.post("/analyze", **upload("chat.zip", buffer.getvalue()))
    body = response.json()
    assert body["format"] == "whatsapp"
    assert body["messages_total"] == 2 and body["total_events"] == 2


def test_a_zip_that_is_not_a_chat_is_400(client: TestClient) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("photo.jpg", b"\xff\xd8\xff")
    response = client.post("/analyze", **upload("chat.zip", buffer.getvalue()))
    assert response.status_code == 400


@pytest.mark.parametrize(
    "name, data",
    [
        ("export.json", b'{"messages": 5}'),
        ("export.json", b'{"name": "x", "messages": [{"id": 1'),
        ("sms.xml", b"<?xml version='1.0'?><!DOCTYPE x [<!ENTITY a 'b'>]><smses>&a;</smses>"),
        ("data.csv", b"\x00\x01\x02\x03" * 100),
        ("chat.zip", b"PK\x03\x04 not really a zip"),
    ],
)
def test_malformed_exports_never_500(client: TestClient, name: str, data: bytes) -> None:
    response = client.post("/analyze", **upload(name, data))
    assert response.status_code in (200, 400), response.text
    if response.status_code == 400:
        assert response.json()["code"] == "400"


def test_lone_surrogates_in_a_json_export_are_answered(client: TestClient) -> None:
    export = (
        b'{"name": "Sam", "type": "personal_chat", "id": 1, "messages": [{"id": 1, '
        b'"type": "message", "date": "2021-03-12T21:15:00", "from": "Sam", '
        b'"text": "I will hurt you \\ud83d"}]}'
    )
    for output in ("json", "zip"):
        response = client.post(f"/analyze?output={output}", **upload("result.json", export))
        assert response.status_code == 200, response.text
    assert client.post("/analyze", **upload("result.json", export)).json()["total_events"] == 1


def test_a_zip_bomb_is_refused(tmp_path: Path) -> None:
    client = client_for(tmp_path, max_unpacked_bytes=1024 * 1024)
    line = b"12/03/2021, 21:15 - Sam: hello there\n"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("_chat.txt", line * (2 * 1024 * 1024 // len(line)))
    assert len(buffer.getvalue()) < 100 * 1024  # small on the wire
    response = client.post("/analyze", **upload("chat.zip", buffer.getvalue()))
    assert response.status_code == 400
    assert "1048576 bytes" in response.json()["detail"]


def test_include_adds_html_pdf_and_a_verifiable_zip(client: TestClient) -> None:
    import base64
    import hashlib
    import json

    body = client.post("/analyze?include=html,pdf,zip", **upload("chat.txt", SAMPLE)).json()
    assert body["report_html"].lower().startswith("<!doctype html>")
    pdf = base64.b64decode(body["report_pdf"])
    assert pdf.startswith(b"%PDF-")
    archive = zipfile.ZipFile(io.BytesIO(base64.b64decode(body["reports_zip"])))
    manifest = json.loads(archive.read("manifest.json"))
    listed = {entry["name"]: entry["sha256"] for entry in manifest["files"]}
    assert "report.pdf" in listed and "report.html" in listed
    for name, digest in listed.items():
        assert hashlib.sha256(archive.read(name)).hexdigest() == digest, name
    assert manifest["source"]["sha256"] == body["source_sha256"]


@pytest.mark.parametrize(
    "output, media_type, magic",
    [("html", "text/html", b"<!doctype html>"), ("pdf", "application/pdf", b"%PDF-")],
)
def test_output_as_one_report_file(
    client: TestClient, output: str, media_type: str, magic: bytes
) -> None:
    response = client.post(f"/analyze?output={output}", **upload("chat.txt", SAMPLE))
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(media_type)
    assert response.content[: len(magic)].lower() == magic.lower()


def test_results_over_the_pdf_limit_get_no_pdf(tmp_path: Path) -> None:
    import base64

    client = client_for(tmp_path, pdf_max_events=1)
    body = client.post("/analyze?include=pdf,zip", **upload("chat.txt", SAMPLE)).json()
    assert body["total_events"] == 2
    assert body["report_pdf"] is None
    assert "limit is 1" in body["pdf_omitted"] and body["pdf_omitted"] in body["warnings"]
    names = zipfile.ZipFile(io.BytesIO(base64.b64decode(body["reports_zip"]))).namelist()
    assert "report.pdf" not in names and "report.html" in names
    refused = client.post("/analyze?output=pdf", **upload("chat.txt", SAMPLE))
    assert refused.status_code == 413 and refused.json()["error"] == "pdf_too_large"
