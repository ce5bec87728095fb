"""The paid path end to end: the real Stripe SDK against a fake Stripe over HTTP, the real
ledger, webhooks signed with Stripe's scheme."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from chatscan.service import create_app
from tests.service.fake_stripe import FakeStripe, running_fake_stripe
from tests.service.stripe_signing import event_payload, sign_webhook
from tests.service.support import SAMPLE, make_settings, upload

KEY = "sk_test_chatscan"
WHSEC = "whsec_chatscan_test"


@pytest.fixture
def stripe_fake() -> Iterator[FakeStripe]:
    with running_fake_stripe(KEY) as fake:
        yield fake


def paid_settings(tmp_path: Path, fake: FakeStripe, **overrides: Any) -> Any:
    return make_settings(
        tmp_path,
        payment_required=True,
        stripe_secret_key=KEY,
        stripe_webhook_secret=WHSEC,
        stripe_api_base=fake.url,
        **overrides,
    )


@pytest.fixture
def client(tmp_path: Path, stripe_fake: FakeStripe) -> TestClient:
    return TestClient(create_app(paid_settings(tmp_path, stripe_fake)))


def _webhook(client: TestClient, event_type: str, obj: dict[str, Any], **kw: Any) -> Any:
    payload = event_payload(kw.pop("event_id", None), event_type, obj)
    header = sign_webhook(payload, kw.pop("secret", WHSEC), kw.pop("timestamp", None))
    return client.post("/webhook/stripe", content=payload, headers={"stripe-signature": header})


def test_health_says_payments_are_on(client: TestClient) -> None:
    assert client.get("/health").json()["payment_enabled"] is True


def test_create_intent_uses_the_server_price(client: TestClient, stripe_fake: FakeStripe) -> None:
    response = client.post("/create-payment-intent", json={"amount": 1, "currency": "jpy"})
    assert response.status_code == 200
    body = response.json()
    assert body["amount"] == 500 and body["currency"] == "usd"
    assert body["payment_intent_id"].startswith("pi_")
    assert body["client_secret"].startswith(body["payment_intent_id"] + "_secret_")
    sent = stripe_fake.requests_to("POST", "/v1/payment_intents")[-1]
    assert sent.form["amount"] == "500" and sent.form["currency"] == "usd"
    assert sent.headers.get("idempotency-key")
    assert sent.headers.get("stripe-version")


def test_idempotency_key_from_the_client_is_passed_on(
    client: TestClient, stripe_fake: FakeStripe
) -> None:
    headers = {"idempotency-key": "order-12345678"}
    first = client.post("/create-payment-intent", headers=headers).json()
    second = client.post("/create-payment-intent", headers=headers).json()
    assert first["payment_intent_id"] == second["payment_intent_id"]
    other = client.post("/create-payment-intent").json()
    assert other["payment_intent_id"] != first["payment_intent_id"]


def test_analysis_needs_a_payment(client: TestClient) -> None:
    response = client.post("/analyze", **upload("chat.txt", SAMPLE))
    assert response.status_code == 402
    assert response.json()["detail"] == "Payment required. Please provide payment_intent_id."


@pytest.mark.parametrize("where", ["form", "query"])
def test_one_payment_pays_for_one_analysis(
    client: TestClient, stripe_fake: FakeStripe, where: str
) -> None:
    intent = stripe_fake.add_intent(status="succeeded")

    def pay() -> Any:
        if where == "form":
            return client.post("/analyze", **upload("c.txt", SAMPLE, payment_intent_id=intent))
        return client.post(f"/analyze?payment_intent_id={intent}", **upload("c.txt", SAMPLE))

    first = pay()
    assert first.status_code == 200 and first.json()["total_events"] == 2
    again = pay()
    assert again.status_code == 409
    assert "already been used" in again.json()["detail"]


@pytest.mark.parametrize(
    "status", ["requires_payment_method", "requires_confirmation", "processing", "canceled"]
)
def test_unfinished_payments_are_402(
    client: TestClient, stripe_fake: FakeStripe, status: str
) -> None:
    intent = stripe_fake.add_intent(status=status)
    response = client.post("/analyze", **upload("c.txt", SAMPLE, payment_intent_id=intent))
    assert response.status_code == 402
    assert response.json()["detail"] == f"Payment not completed. Status: {status}"


@pytest.mark.parametrize(
    "kwargs, words",
    [
        ({"amount": 499}, "499"),
        ({"currency": "eur"}, "eur"),
        ({"refunded": True}, "refunded"),
    ],
)
def test_payments_that_cannot_pay_are_402(
    client: TestClient, stripe_fake: FakeStripe, kwargs: dict[str, Any], words: str
) -> None:
    intent = stripe_fake.add_intent(status="succeeded", **kwargs)
    response = client.post("/analyze", **upload("c.txt", SAMPLE, payment_intent_id=intent))
    assert response.status_code == 402
    assert words in response.json()["detail"]


def test_unknown_and_malformed_intents(client: TestClient, stripe_fake: FakeStripe) -> None:
    unknown = client.post("/analyze", **upload("c.txt", SAMPLE, payment_intent_id="pi_nope123"))
    assert unknown.status_code == 402
    before = len(stripe_fake.requests)
    bad = client.post("/analyze", **upload("c.txt", SAMPLE, payment_intent_id="../v1/charges"))
    assert bad.status_code == 402
    assert len(stripe_fake.requests) == before  # never sent to Stripe


def test_stripe_down_is_503_and_leaves_the_payment_usable(
    client: TestClient, stripe_fake: FakeStripe
) -> None:
    intent = stripe_fake.add_intent(status="succeeded")
    stripe_fake.fail_next(status=500, times=2)  # the SDK retries once
    down = client.post("/analyze", **upload("c.txt", SAMPLE, payment_intent_id=intent))
    assert down.status_code == 503
    assert KEY not in down.text
    ok = client.post("/analyze", **upload("c.txt", SAMPLE, payment_intent_id=intent))
    assert ok.status_code == 200


def test_a_failed_analysis_does_not_use_up_the_payment(
    client: TestClient, stripe_fake: FakeStripe
) -> None:
    intent = stripe_fake.add_intent(status="succeeded")
    bad = b"Ann: caf\xe9\n"
    failed = client.post(
        "/analyze", **upload("c.txt", bad, payment_intent_id=intent, errors="strict")
    )
    assert failed.status_code == 400
    wrong_type = client.post("/analyze", **upload("c.exe", SAMPLE, payment_intent_id=intent))
    assert wrong_type.status_code == 400
    ok = client.post("/analyze", **upload("c.txt", SAMPLE, payment_intent_id=intent))
    assert ok.status_code == 200
    ledger = client.app.state.services.ledger  # type: ignore[attr-defined]
    assert ledger.is_redeemed(intent)
    assert ledger.counts()["analyses"] == 2  # the refused one is kept too, without content
    with ledger.engine.connect() as connection:
        rows = connection.execute(
            text("SELECT status, payment_intent_id FROM analyses ORDER BY created_at")
        ).all()
    assert [tuple(row) for row in rows] == [("bad_encoding", None), ("ok", intent)]


def test_refund_webhook_blocks_an_unused_payment(
    client: TestClient, stripe_fake: FakeStripe
) -> None:
    intent = stripe_fake.add_intent(status="succeeded")
    charge = {"id": "ch_x1", "object": "charge", "payment_intent": intent, "refunded": True}
    assert _webhook(client, "charge.refunded", charge).json() == {
        "received": True,
        "duplicate": False,
    }
    response = client.post("/analyze", **upload("c.txt", SAMPLE, payment_intent_id=intent))
    assert response.status_code == 402
    assert "refunded" in response.json()["detail"]


def test_webhook_events_are_stored_once(client: TestClient) -> None:
    obj = {
        "id": "pi_hook1",
        "object": "payment_intent",
        "amount": 500,
        "amount_received": 500,
        "currency": "usd",
        "status": "succeeded",
    }
    first = _webhook(client, "payment_intent.succeeded", obj, event_id="evt_once")
    again = _webhook(client, "payment_intent.succeeded", obj, event_id="evt_once")
    assert first.json()["duplicate"] is False and again.json()["duplicate"] is True
    failed = _webhook(client, "payment_intent.payment_failed", {**obj, "id": "pi_hook2"})
    assert failed.status_code == 200
    other = _webhook(client, "customer.created", {"id": "cus_1", "object": "customer"})
    assert other.status_code == 200
    ledger = client.app.state.services.ledger  # type: ignore[attr-defined]
    assert ledger.counts()["webhook_events"] == 3


@pytest.mark.parametrize(
    "kind", ["wrong-secret", "tampered", "stale", "missing", "garbage", "replayed-old"]
)
def test_bad_signatures_are_refused(client: TestClient, kind: str) -> None:
    payload = event_payload("evt_sig", "charge.refunded", {"payment_intent": "pi_z"})
    header: str | None = sign_webhook(payload, WHSEC)
    if kind == "wrong-secret":
        header = sign_webhook(payload, "whsec_forged")
    elif kind == "tampered":
        payload = payload.replace(b"pi_z", b"pi_y")
    elif kind == "stale":
        header = sign_webhook(payload, WHSEC, timestamp=1_600_000_000)
    elif kind == "missing":
        header = None
    elif kind == "garbage":
        header = "t=abc,v1=zzz"
    elif kind == "replayed-old":
        # a captured delivery re-sent later: its signed timestamp is now too old
        import time

        header = sign_webhook(payload, WHSEC, timestamp=int(time.time()) - 301)
    headers = {"stripe-signature": header} if header else {}
    response = client.post("/webhook/stripe", content=payload, headers=headers)
    assert response.status_code == 400
    assert response.json()["error"] == "bad_signature"
    ledger = client.app.state.services.ledger  # type: ignore[attr-defined]
    assert ledger.counts()["webhook_events"] == 0


def test_webhook_with_bad_json_is_400(client: TestClient) -> None:
    payload = b"not json at all"
    header = sign_webhook(payload, WHSEC)
    response = client.post("/webhook/stripe", content=payload, headers={"stripe-signature": header})
    assert response.status_code == 400
    assert json.loads(response.text)["code"] == "400"
