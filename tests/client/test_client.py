"""``chatscan.client`` against the real app served by uvicorn: answers, and every kind of
refusal as its own exception carrying the service's ``detail``."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

import chatscan
from chatscan.client import (
    BadRequest,
    ChatscanAPIError,
    Client,
    FileTooLarge,
    PaymentAlreadyUsed,
    PaymentRequired,
    RateLimited,
    ServiceUnreachable,
)
from tests.client.live import SAMPLE_CHAT, STRIPE_KEY, live_service
from tests.service.fake_stripe import FakeStripe, running_fake_stripe
from tests.service.support import free_port


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Client]:
    tmp = tmp_path_factory.mktemp("client")
    with live_service(tmp, max_upload_bytes=64 * 1024) as url, Client(url) as client:
        yield client


def test_health_version_and_patterns(api: Client) -> None:
    health = api.health()
    assert health["status"] == "healthy" and health["database"] == "ok"
    assert health["payment_enabled"] is False
    assert api.version() == chatscan.__version__
    patterns = api.patterns()
    pack = chatscan.load_pack()
    assert patterns["hash"] == pack.sha256
    assert set(patterns["categories"]) == set(pack.category_names)


def test_analyze_gives_what_a_local_scan_finds(api: Client) -> None:
    analysis = api.analyze(SAMPLE_CHAT, format="paragraphs")
    local = chatscan.scan_file(SAMPLE_CHAT, chatscan.ScanOptions(format="paragraphs"))
    assert analysis["total_events"] == len(local.events) > 0
    assert analysis["sequence_counts"] == local.sequence_counts
    assert analysis["unique_patterns"] == local.category_counts
    assert analysis["source_sha256"] == local.source.sha256
    assert analysis["events_csv"].encode() == chatscan.render("events", local)


def test_analyze_detects_the_format_by_default(api: Client, tmp_path: Path) -> None:
    chat = tmp_path / "chat.txt"
    chat.write_text("[2024-01-02 10:00] Sam: I'm scared of you.\n", encoding="utf-8")
    analysis = api.analyze(chat)
    assert analysis["mode"] == "messages"
    assert analysis["total_events"] == 1


def test_a_refused_file_type_raises_bad_request(api: Client, tmp_path: Path) -> None:
    exe = tmp_path / "tool.exe"
    exe.write_bytes(b"MZ")
    with pytest.raises(BadRequest) as caught:
        api.analyze(exe)
    error = caught.value
    assert error.status == 400 and error.code == "400"
    assert error.error == "file_type_not_allowed"
    assert error.detail.startswith("File type not allowed")
    assert isinstance(error, ChatscanAPIError)


def test_an_unknown_format_raises_bad_request(api: Client) -> None:
    with pytest.raises(BadRequest, match="Unknown format 'fax'"):
        api.analyze(SAMPLE_CHAT, format="fax")


def test_a_file_over_the_limit_raises_file_too_large(api: Client, tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(b"Sam: hello\n" * 20_000)  # 220 KB against a 64 KB limit
    with pytest.raises(FileTooLarge) as caught:
        api.analyze(big)
    assert caught.value.status == 413
    assert caught.value.detail == "File too large. Maximum size: 65536 bytes"


def test_payment_intent_while_payments_are_off_is_refused(api: Client) -> None:
    with pytest.raises(BadRequest, match="Payment is not required in this mode"):
        api.create_payment_intent()


def test_too_many_requests_raise_rate_limited(tmp_path: Path) -> None:
    with live_service(tmp_path, rate_limit_analyze="1/minute") as url, Client(url) as client:
        client.analyze(SAMPLE_CHAT)
        with pytest.raises(RateLimited) as caught:
            client.analyze(SAMPLE_CHAT)
    assert caught.value.status == 429
    assert caught.value.retry_after is not None and caught.value.retry_after > 0


def test_no_service_raises_service_unreachable(tmp_path: Path) -> None:
    client = Client(f"http://127.0.0.1:{free_port()}", timeout=5)
    with client, pytest.raises(ServiceUnreachable, match="cannot reach"):
        client.health()


@pytest.fixture
def stripe_fake() -> Iterator[FakeStripe]:
    with running_fake_stripe(STRIPE_KEY) as fake:
        yield fake


def test_a_paid_analysis_then_the_same_payment_again(
    tmp_path: Path, stripe_fake: FakeStripe
) -> None:
    paid = {
        "payment_required": True,
        "stripe_secret_key": STRIPE_KEY,
        "stripe_api_base": stripe_fake.url,
    }
    with live_service(tmp_path, **paid) as url, Client(url) as client:
        assert client.health()["payment_enabled"] is True
        with pytest.raises(PaymentRequired, match="Payment required") as unpaid:
            client.analyze(SAMPLE_CHAT)
        assert unpaid.value.status == 402

        intent = client.create_payment_intent()
        assert intent["amount"] == 500 and intent["currency"] == "usd"
        assert intent["payment_intent_id"].startswith("pi_") and intent["client_secret"]
        with pytest.raises(PaymentRequired):  # created, not yet paid
            client.analyze(SAMPLE_CHAT, intent["payment_intent_id"])

        paid_id = stripe_fake.add_intent(status="succeeded")
        analysis = client.analyze(SAMPLE_CHAT, payment_intent_id=paid_id)
        assert analysis["total_events"] > 0
        with pytest.raises(PaymentAlreadyUsed) as again:
            client.analyze(SAMPLE_CHAT, payment_intent_id=paid_id)
    error = again.value
    assert error.status == 409 and error.error == "payment_already_used"
    assert "already been used" in error.detail


# -- the analysis options: rule pack and semantic layer ----------------------------------


@pytest.mark.parametrize(
    "kwargs, pack",
    [({}, "v2"), ({"rules": "original"}, "original"), ({"rules": "v2"}, "v2")],
)
def test_analyze_passes_the_rule_pack(api: Client, kwargs: dict[str, str], pack: str) -> None:
    analysis = api.analyze(SAMPLE_CHAT, **kwargs)
    assert analysis["rules"]["name"] == pack and analysis["detectors"] == []
    local = chatscan.scan_file(SAMPLE_CHAT, chatscan.ScanOptions(rules=chatscan.load_pack(pack)))
    assert analysis["total_events"] == len(local.events)


def test_config_and_patterns_of_a_pack(api: Client) -> None:
    config = api.config()
    assert [p["name"] for p in config["packs"]] == ["original", "v2"]
    assert config["default_packs"] == {"messages": "v2", "paragraphs": "original"}
    assert api.patterns("v2")["hash"] == chatscan.load_pack("v2").sha256


def test_an_unknown_pack_is_a_bad_request(api: Client) -> None:
    with pytest.raises(BadRequest, match="Unknown rules 'bogus'") as caught:
        api.analyze(SAMPLE_CHAT, rules="bogus")
    assert caught.value.error == "bad_rules"


@pytest.mark.parametrize("rules", ["my-pack.yaml", "packs/custom", "pack.YML"])
def test_a_local_pack_file_is_refused_before_any_request(
    api: Client, tmp_path: Path, rules: str
) -> None:
    with pytest.raises(ValueError, match="a local rule pack file cannot be sent"):
        api.analyze(SAMPLE_CHAT, rules=rules)
    existing = tmp_path / "v3"
    existing.write_text("name: v3\n", encoding="utf-8")
    with pytest.raises(ValueError, match="cannot be sent"):
        api.analyze(SAMPLE_CHAT, rules=str(existing))


def test_semantic_is_passed_through(api: Client) -> None:
    from tests.service.support import require_semantic

    with pytest.raises(BadRequest, match="no semantic section") as refused:
        api.analyze(SAMPLE_CHAT, rules="original", semantic=True)
    assert refused.value.error == "semantic_unavailable"
    require_semantic()
    analysis = api.analyze(SAMPLE_CHAT, semantic=True)
    [identity] = analysis["detectors"]
    assert identity["name"] == "semantic"
    detectors = {hit["detector"] for event in analysis["events"] for hit in event["hits"]}
    assert "rules" in detectors
