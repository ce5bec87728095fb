"""The original API's behaviour, as its own clients and tests relied on it."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from chatscan.core.ingest import all_formats
from tests.paths import SEED_OUTPUTS
from tests.service.support import SAMPLE, client_for, upload


@pytest.fixture
def client(tmp_path: Path) -> TestClient:
    return client_for(tmp_path)


def test_health_reports_payments_and_database(client: TestClient) -> None:
    body = client.get("/health").json()
    assert body["status"] == "healthy"
    assert body["payment_enabled"] is False
    assert body["database"] == "ok"


def test_version(client: TestClient) -> None:
    from chatscan import __version__

    assert client.get("/version").json() == {"version": __version__}


def test_patterns_lists_the_pack(client: TestClient) -> None:
    body = client.get("/patterns").json()
    assert body["total_categories"] == 6
    assert {"HARM_LANGUAGE", "BOUNDARY_LANGUAGE", "THREAT_OF_EXPOSURE"} <= set(body["categories"])
    harm = body["categories"]["HARM_LANGUAGE"]
    assert harm["phrase_patterns"] > 0 and harm["token_patterns"] > 0
    assert harm["description"]
    assert "HARM_LANGUAGE -> PROTECTOR_CLAIM" in body["sequences"]
    assert body["window_size"] == 6
    assert body["name"] == "original" and len(body["hash"]) == 64 and body["version"]


def test_analyze_returns_every_original_field(client: TestClient) -> None:
    response = client.post("/analyze", **upload("test_chat.txt", SAMPLE))
    assert response.status_code == 200
    body = response.json()
    for name in (
        "total_events",
        "unique_patterns",
        "sequence_counts",
        "context_summary",
        "events_csv",
        "sequences_csv",
        "context_summary_csv",
        "summary_text",
    ):
        assert name in body, name
    assert body["total_events"] == 2
    assert body["unique_patterns"]["HARM_LANGUAGE"] >= 1
    assert body["context_summary"][0]["context_key"].startswith("Iowa")
    assert body["context_summary_csv"].splitlines()[-1].startswith("Iowa")


def test_analyze_adds_structured_events_and_provenance(client: TestClient) -> None:
    body = client.post("/analyze", **upload("chat.txt", SAMPLE)).json()
    assert body["format"] == "transcript" and body["mode"] == "messages"
    assert body["messages_total"] == 2
    assert len(body["source_sha256"]) == 64
    # a chat export (message mode): v2, message mode's default pack, as `chatscan scan`
    assert body["rules"]["name"] == "v2" and len(body["rules"]["hash"]) == 64
    assert body["detectors"] == []  # the rules only: no semantic layer asked for
    first = body["events"][0]
    hit = first["hits"][0]
    assert hit["rule_id"] and hit["category"] in first["categories"]
    assert (hit["detector"], hit["tier"]) == ("rules", "PHRASE")
    start, end = hit["span"]
    assert (hit["start"], hit["end"]) == (start, end)
    assert first["text"][start:end] == hit["matched"]
    assert first["speaker"] == "John"


@pytest.mark.parametrize(
    "text",
    ["", "Hello world\nThis is a normal conversation\nNothing concerning here"],
    ids=["empty", "no-patterns"],
)
def test_nothing_to_find_is_zero_events(client: TestClient, text: str) -> None:
    response = client.post("/analyze", **upload("normal.txt", text))
    assert response.status_code == 200
    assert response.json()["total_events"] == 0


def test_contexts_are_kept_apart(client: TestClient) -> None:
    log = (
        "Iowa 2017\n\nPerson A: you hurt me\nPerson B: I protect you\n\n"
        "California 2018\n\nPerson C: I will tell everyone\nPerson D: for your own good"
    )
    body = client.post("/analyze", **upload("context_test.txt", log)).json()
    keys = {row["context_key"] for row in body["context_summary"]}
    assert keys == {"Iowa 2017", "California 2018"}


def test_rejected_extension_keeps_the_original_wording(client: TestClient) -> None:
    response = client.post("/analyze", **upload("test.exe", b"binary content"))
    assert response.status_code == 400
    body = response.json()
    assert body["detail"].startswith("File type not allowed. Allowed types: .txt, .log, .csv")
    assert body["code"] == "400"


def test_every_ingest_extension_is_allowed(client: TestClient) -> None:
    extensions = {ext for fmt in all_formats() for ext in fmt.extensions}
    assert {".json", ".xml", ".zip", ".md"} <= extensions
    detail = client.post("/analyze", **upload("x.exe", b"x")).json()["detail"]
    for ext in extensions:
        assert ext in detail


@pytest.mark.parametrize("name", ["test.txt", "test.log", "test.csv", "TEST.TXT"])
def test_original_file_types_work(client: TestClient, name: str) -> None:
    assert client.post("/analyze", **upload(name, "Test content")).status_code == 200


def test_unicode(client: TestClient) -> None:
    log = "Test with Unicode: café, naïve, 你好\nPerson: I'm scared — please stop"
    assert client.post("/analyze", **upload("unicode.txt", log)).json()["total_events"] > 0


def test_branding_header_and_title_block(client: TestClient) -> None:
    body = client.post("/analyze", **upload("branded.txt", "you hurt me")).json()
    for name in ("events_csv", "sequences_csv", "context_summary_csv"):
        lines = body[name].split("\r\n")
        assert lines[0].startswith("# Chat Pattern Scanner Analysis - ")
        assert lines[1].startswith("# Generated by Chat Pattern Scanner v")
    assert "CHAT PATTERN SCANNER ANALYSIS REPORT" in body["summary_text"]
    assert "Generated by Chat Pattern Scanner" in body["summary_text"]


def test_operator_brand_and_url(tmp_path: Path) -> None:
    client = client_for(tmp_path, brand_name="Safe Harbour Legal", brand_url="https://example.org")
    body = client.post("/analyze", **upload("branded.txt", "you hurt me")).json()
    assert "# Generated by Safe Harbour Legal v" in body["events_csv"]
    assert "# https://example.org\r\n" in body["events_csv"]
    assert "Generated by Safe Harbour Legal" in body["summary_text"]
    assert "https://example.org" in body["summary_text"]


def test_empty_brand_gives_the_offline_reports_byte_for_byte(tmp_path: Path) -> None:
    """format=paragraphs without a brand is the original offline scanner, exactly."""
    client = client_for(tmp_path, brand_name="")
    seed = (SEED_OUTPUTS / "chat_log.txt").read_bytes()
    body = client.post("/analyze", **upload("chat_log.txt", seed, format="paragraphs")).json()
    assert body["mode"] == "paragraphs"
    for field, filename in (
        ("events_csv", "events.csv"),
        ("sequences_csv", "sequences.csv"),
        ("context_summary_csv", "context_summary.csv"),
        ("summary_text", "pattern_summary.txt"),
    ):
        assert body[field].encode() == (SEED_OUTPUTS / filename).read_bytes(), field


def test_format_as_query_parameter_and_unknown_format(client: TestClient) -> None:
    ok = client.post("/analyze?format=paragraphs", **upload("chat.txt", SAMPLE))
    assert ok.json()["format"] == "paragraphs"
    bad = client.post("/analyze?format=fax", **upload("chat.txt", SAMPLE))
    assert bad.status_code == 400
    assert "fax" in bad.json()["detail"] and "whatsapp" in bad.json()["detail"]


def test_openapi_docs_are_served(client: TestClient) -> None:
    assert client.get("/docs").status_code == 200
    schema = client.get("/openapi.json").json()
    body = schema["paths"]["/analyze"]["post"]["requestBody"]["content"]
    assert "file" in body["multipart/form-data"]["schema"]["properties"]


def test_errors_are_json_with_detail_and_code(client: TestClient) -> None:
    for response in (
        client.get("/no-such-page"),
        client.put("/analyze"),
        client.post("/analyze", content=b"not multipart"),
        client.post("/analyze?output=docx", **upload("a.txt", "x")),
        client.post("/analyze?include=everything", **upload("a.txt", "x")),
    ):
        body = response.json()
        assert set(body) >= {"detail", "code", "error"}
        assert body["code"] == str(response.status_code)
