"""Payments against a fake Stripe over real HTTP, with the official SDK doing the talking."""

from __future__ import annotations

import json
import logging
import re
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import stripe

from chatscan.service.errors import (
    PaymentInvalid,
    PaymentRequired,
    PaymentUnavailable,
    ServiceError,
)
from chatscan.service.payments import (
    STRIPE_API_VERSION,
    CreatedIntent,
    Payments,
    VerifiedIntent,
    WebhookEvent,
)
from chatscan.service.settings import Settings
from tests.service.fake_stripe import FakeStripe, running_fake_stripe
from tests.service.stripe_signing import event_payload, sign_webhook

KEY = "sk_test_51FakeKeyForChatscanTests0000"
WEBHOOK_SECRET = "whsec_test_chatscan_0123456789abcdef"
UNAVAILABLE = "Payment service unavailable; please try again later"
INVALID_ID = "Payment required. Please provide a valid payment_intent_id."


def make_settings(fake: FakeStripe | None, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "payment_required": True,
        "stripe_secret_key": KEY,
        "stripe_webhook_secret": WEBHOOK_SECRET,
        "stripe_api_base": fake.url if fake else None,
        "price_amount": 500,
        "price_currency": "usd",
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


@pytest.fixture
def fake() -> Iterator[FakeStripe]:
    with running_fake_stripe(KEY) as server:
        yield server


@pytest.fixture
def make_payments(fake: FakeStripe) -> Iterator[Callable[..., Payments]]:
    made: list[Payments] = []

    def make(*, timeout: float = 5.0, retries: int = 1, **overrides: Any) -> Payments:
        payments = Payments(
            make_settings(fake, **overrides), timeout=timeout, max_network_retries=retries
        )
        made.append(payments)
        return payments

    yield make
    for payments in made:
        payments.close()


@pytest.fixture
def payments(make_payments: Callable[..., Payments]) -> Payments:
    return make_payments()


# -- create_intent ---------------------------------------------------------------------------


def test_create_intent_sends_only_the_configured_price(
    fake: FakeStripe, make_payments: Callable[..., Payments]
) -> None:
    payments = make_payments(price_amount=1234, price_currency="EUR")

    created = payments.create_intent("order-1")

    assert isinstance(created, CreatedIntent)
    assert created.id.startswith("pi_")
    assert created.client_secret.startswith(f"{created.id}_secret_")
    assert (created.amount, created.currency) == (1234, "eur")
    [request] = fake.requests_to("POST", "/v1/payment_intents")
    assert request.headers["content-type"] == "application/x-www-form-urlencoded"
    assert request.form == {
        "amount": "1234",
        "currency": "eur",
        "metadata[service]": "chatscan",
        "automatic_payment_methods[enabled]": "true",
    }
    stored = fake.intent(created.id)
    assert (stored["amount"], stored["currency"], stored["metadata"]) == (
        1234,
        "eur",
        {"service": "chatscan"},
    )
    assert stored["automatic_payment_methods"]["enabled"] is True


def test_create_intent_takes_no_price_from_its_caller(payments: Payments) -> None:
    with pytest.raises(TypeError):
        payments.create_intent("order-1", amount=1)  # type: ignore[call-arg]


def test_same_idempotency_key_returns_the_same_intent(fake: FakeStripe, payments: Payments) -> None:
    first = payments.create_intent("order-42")
    again = payments.create_intent("order-42")
    other = payments.create_intent("order-43")

    assert again == first
    assert other.id != first.id
    assert sorted(fake.intent_ids) == sorted({first.id, other.id})
    sent = [r.headers.get("idempotency-key") for r in fake.requests_to("POST", "/v1/")]
    assert sent == ["order-42", "order-42", "order-43"]


@pytest.mark.parametrize("key", ["", "k" * 256])
def test_create_intent_refuses_an_unusable_idempotency_key(
    fake: FakeStripe, payments: Payments, key: str
) -> None:
    with pytest.raises(ValueError, match="idempotency_key"):
        payments.create_intent(key)
    assert fake.requests == []


def test_requests_carry_the_pinned_api_version_and_the_key(
    fake: FakeStripe, payments: Payments
) -> None:
    intent_id = fake.add_intent()
    payments.create_intent("order-1")
    payments.verify(intent_id)

    assert len(fake.requests) == 2
    for request in fake.requests:
        assert request.headers["stripe-version"] == STRIPE_API_VERSION
        assert request.headers["authorization"] == f"Bearer {KEY}"


def test_api_version_is_the_one_the_sdk_is_generated_for() -> None:
    # Fails after an SDK upgrade on purpose: review the objects read, then bump the pin.
    assert stripe.api_version == STRIPE_API_VERSION


def test_create_intent_retries_a_stripe_failure_with_the_same_key(
    fake: FakeStripe, payments: Payments
) -> None:
    fake.fail_next(500)

    created = payments.create_intent("order-7")

    posts = fake.requests_to("POST", "/v1/payment_intents")
    assert [r.headers["idempotency-key"] for r in posts] == ["order-7", "order-7"]
    assert fake.intent_ids == [created.id]


@pytest.mark.parametrize("how", ["down", "wrong_key", "failing"])
def test_create_intent_unavailable(
    fake: FakeStripe, make_payments: Callable[..., Payments], how: str
) -> None:
    payments = make_payments(stripe_secret_key="sk_test_wrong" if how == "wrong_key" else KEY)
    if how == "down":
        fake.close()
    if how == "failing":
        fake.fail_next(500, times=2)

    with pytest.raises(PaymentUnavailable) as caught:
        payments.create_intent("order-1")

    assert caught.value.status == 503
    assert "Stripe" in caught.value.detail
    assert "sk_test" not in caught.value.detail
    assert fake.intent_ids == []


# -- verify ----------------------------------------------------------------------------------


def test_verify_accepts_a_paid_intent(fake: FakeStripe, payments: Payments) -> None:
    intent_id = fake.add_intent(status="succeeded", amount=500, currency="usd")

    verified = payments.verify(intent_id)

    assert verified == VerifiedIntent(id=intent_id, amount=500, currency="usd", status="succeeded")
    [request] = fake.requests_to("GET", f"/v1/payment_intents/{intent_id}")
    expand = [v for k, vs in request.query.items() if k.startswith("expand[") for v in vs]
    assert expand == ["latest_charge"]
    assert request.body == b""


def test_verify_accepts_more_than_the_price(fake: FakeStripe, payments: Payments) -> None:
    intent_id = fake.add_intent(amount=900)
    assert payments.verify(intent_id).amount == 900


def test_an_intent_created_then_paid_verifies(fake: FakeStripe, payments: Payments) -> None:
    created = payments.create_intent("order-1")
    with pytest.raises(PaymentRequired, match="Status: requires_payment_method"):
        payments.verify(created.id)

    fake.set_status(created.id, "succeeded")

    assert payments.verify(created.id).amount == 500


REFUSALS: list[tuple[str, dict[str, Any], type[ServiceError], str]] = [
    ("not_found", {}, PaymentRequired, "Payment not found: {id}"),
    *[
        (status, {"status": status}, PaymentRequired, f"Payment not completed. Status: {status}")
        for status in (
            "requires_payment_method",
            "requires_confirmation",
            "requires_action",
            "processing",
            "requires_capture",
            "canceled",
        )
    ],
    (
        "wrong_currency",
        {"currency": "eur"},
        PaymentInvalid,
        "Payment currency mismatch: expected usd, got eur",
    ),
    (
        "too_small",
        {"amount": 499},
        PaymentInvalid,
        "Payment amount too small: expected at least 500 cents, got 499 cents",
    ),
    (
        "partly_received",
        {"amount": 500, "amount_received": 100},
        PaymentInvalid,
        "Payment amount too small: expected at least 500 cents, got 100 cents",
    ),
    ("refunded", {"refunded": True}, PaymentInvalid, "Payment was refunded (500 cents)*"),
]


@pytest.mark.parametrize(
    ("setup", "error", "detail"),
    [pytest.param(*case[1:], id=case[0]) for case in REFUSALS],
)
def test_verify_refuses(
    fake: FakeStripe,
    payments: Payments,
    setup: dict[str, Any],
    error: type[ServiceError],
    detail: str,
) -> None:
    intent_id = fake.add_intent(**setup) if setup else "pi_3NoSuchIntent00000000000"

    with pytest.raises(error) as caught:
        payments.verify(intent_id)

    assert type(caught.value) is error
    assert caught.value.status == 402
    expected = detail.format(id=intent_id)
    if expected.endswith("*"):
        assert caught.value.detail.startswith(expected[:-1])
    else:
        assert caught.value.detail == expected
    assert len(fake.requests) == 1


def test_verify_refuses_a_partly_refunded_payment(fake: FakeStripe, payments: Payments) -> None:
    intent_id = fake.add_intent()
    payments.verify(intent_id)
    fake.refund(intent_id, amount=100)

    with pytest.raises(PaymentInvalid, match=r"^Payment was refunded \(100 cents\)"):
        payments.verify(intent_id)


def test_verify_does_not_accept_a_charge_it_cannot_see(
    fake: FakeStripe, payments: Payments
) -> None:
    intent_id = fake.add_intent()
    fake.honour_expand = False

    with pytest.raises(PaymentUnavailable, match=f"^{re.escape(UNAVAILABLE)}$"):
        payments.verify(intent_id)


@pytest.mark.parametrize(
    "intent_id",
    [
        "",
        "pi_",
        "ch_3Nabc",
        "PI_3Nabc",
        "3Nabc",
        "pi_3Nabc/../../v1/charges",
        "pi_3Nabc?expand[]=customer",
        "pi_3N abc",
        "pi_3Nabc\n",
        "pi_3Nabc-x",
        "pi_3Nábc",
        "pi_" + "a" * 253,
    ],
)
def test_a_malformed_id_never_reaches_stripe(
    fake: FakeStripe, payments: Payments, intent_id: str
) -> None:
    with pytest.raises(PaymentRequired) as caught:
        payments.verify(intent_id)

    assert caught.value.detail == INVALID_ID
    assert fake.requests == []


def test_the_longest_well_formed_id_is_asked_about(fake: FakeStripe, payments: Payments) -> None:
    intent_id = "pi_" + "a" * 252

    with pytest.raises(PaymentRequired, match=r"^Payment not found: pi_a+$"):
        payments.verify(intent_id)

    assert len(fake.requests) == 1


def test_verify_when_stripe_is_down(fake: FakeStripe, payments: Payments) -> None:
    intent_id = fake.add_intent()
    fake.close()

    with pytest.raises(PaymentUnavailable) as caught:
        payments.verify(intent_id)

    assert (caught.value.status, caught.value.detail) == (503, UNAVAILABLE)


def test_verify_with_a_wrong_key_does_not_leak_it(
    fake: FakeStripe, make_payments: Callable[..., Payments], caplog: pytest.LogCaptureFixture
) -> None:
    wrong = "sk_live_51WrongKeyThatMustStaySecret9876"
    intent_id = fake.add_intent()
    payments = make_payments(stripe_secret_key=wrong)

    with caplog.at_level(logging.DEBUG), pytest.raises(PaymentUnavailable) as caught:
        payments.verify(intent_id)

    assert (caught.value.status, caught.value.detail) == (503, UNAVAILABLE)
    assert fake.requests[0].headers["authorization"] == f"Bearer {wrong}"  # Stripe said 401
    ours = "\n".join(r.getMessage() for r in caplog.records if r.name.startswith("chatscan"))
    assert "AuthenticationError" in ours
    for text in (str(caught.value), repr(caught.value), ours):
        assert wrong not in text
        assert wrong[-4:] not in text  # not even Stripe's masked form
    assert caught.value.__cause__ is None
    assert caught.value.__suppress_context__


def test_verify_retries_one_stripe_failure(fake: FakeStripe, payments: Payments) -> None:
    intent_id = fake.add_intent()
    fake.fail_next(500)

    assert payments.verify(intent_id).id == intent_id
    assert len(fake.requests) == 2


@pytest.mark.parametrize(
    ("status", "error_type", "code"),
    [
        (500, "api_error", None),
        (503, "api_error", None),
        (429, "invalid_request_error", "rate_limit"),
        (403, "invalid_request_error", "secret_key_required"),
        (400, "invalid_request_error", "parameter_invalid_string"),
        (404, "invalid_request_error", None),
        (400, "card_error", "card_declined"),
    ],
)
def test_verify_when_stripe_keeps_failing(
    fake: FakeStripe, payments: Payments, status: int, error_type: str, code: str | None
) -> None:
    intent_id = fake.add_intent()
    fake.fail_next(status, times=5, error_type=error_type, code=code, message=f"boom {KEY}")

    with pytest.raises(PaymentUnavailable, match=f"^{re.escape(UNAVAILABLE)}$"):
        payments.verify(intent_id)


def test_verify_when_stripe_is_too_slow(
    fake: FakeStripe, make_payments: Callable[..., Payments]
) -> None:
    intent_id = fake.add_intent()
    payments = make_payments(timeout=0.2, retries=0)
    fake.delay(1.0)

    started = time.monotonic()
    with pytest.raises(PaymentUnavailable, match=f"^{re.escape(UNAVAILABLE)}$"):
        payments.verify(intent_id)
    assert time.monotonic() - started < 0.9


def test_payments_without_a_key_are_unavailable(fake: FakeStripe) -> None:
    payments = Payments(make_settings(fake, payment_required=False, stripe_secret_key=None))

    with pytest.raises(PaymentUnavailable):
        payments.create_intent("order-1")
    with pytest.raises(PaymentUnavailable):
        payments.verify("pi_3Nabc")
    assert fake.requests == []


def test_two_apps_with_different_settings_share_a_process() -> None:
    with running_fake_stripe("sk_test_one") as one, running_fake_stripe("sk_test_two") as two:
        first = Payments(make_settings(one, stripe_secret_key="sk_test_one"))
        second = Payments(make_settings(two, stripe_secret_key="sk_test_two", price_amount=900))
        paid_one, paid_two = one.add_intent(), two.add_intent(amount=900)

        assert first.verify(paid_one).amount == 500
        assert second.verify(paid_two).amount == 900
        assert first.create_intent("k").amount == 500
        assert second.create_intent("k").amount == 900
        with pytest.raises(PaymentRequired, match="not found"):
            first.verify(paid_two)

    assert stripe.api_key is None
    assert [r.headers["authorization"] for r in two.requests] == ["Bearer sk_test_two"] * 2


# -- webhooks --------------------------------------------------------------------------------


def test_a_signed_webhook_parses(payments: Payments) -> None:
    obj = {"id": "pi_3Nabc", "object": "payment_intent", "amount": 500, "status": "succeeded"}
    payload = event_payload("evt_1Nabc", "payment_intent.succeeded", obj)

    event = payments.parse_webhook(payload, sign_webhook(payload, WEBHOOK_SECRET))

    assert event == WebhookEvent(id="evt_1Nabc", type="payment_intent.succeeded", data_object=obj)


def test_a_webhook_signed_with_a_rolled_secret_parses(payments: Payments) -> None:
    payload = event_payload("evt_1Nabc", "charge.refunded", {"id": "ch_1", "object": "charge"})
    old = sign_webhook(payload, "whsec_old_secret")
    new = sign_webhook(payload, WEBHOOK_SECRET)
    header = f"{old},v1={new.split('v1=')[1]}"  # Stripe signs with both during a roll

    assert payments.parse_webhook(payload, header).type == "charge.refunded"


def test_a_webhook_within_the_tolerance_parses(payments: Payments) -> None:
    payload = event_payload("evt_1Nabc")
    header = sign_webhook(payload, WEBHOOK_SECRET, timestamp=int(time.time()) - 280)

    assert payments.parse_webhook(payload, header).id == "evt_1Nabc"


def test_webhooks_parse_without_an_api_key(fake: FakeStripe) -> None:
    payments = Payments(make_settings(fake, payment_required=False, stripe_secret_key=None))
    payload = event_payload("evt_1Nabc")

    assert payments.parse_webhook(payload, sign_webhook(payload, WEBHOOK_SECRET)).id == "evt_1Nabc"


def _forged(payload: bytes) -> tuple[bytes, str | None]:
    return payload, sign_webhook(payload, "whsec_someone_else")


def _tampered(payload: bytes) -> tuple[bytes, str | None]:
    header = sign_webhook(payload, WEBHOOK_SECRET)
    return payload.replace(b'"amount": 500', b'"amount": 5'), header


def _stale(payload: bytes) -> tuple[bytes, str | None]:
    return payload, sign_webhook(payload, WEBHOOK_SECRET, timestamp=int(time.time()) - 301)


def _replayed_with_new_time(payload: bytes) -> tuple[bytes, str | None]:
    old = sign_webhook(payload, WEBHOOK_SECRET, timestamp=int(time.time()) - 3600)
    return payload, f"t={int(time.time())},v1={old.split('v1=')[1]}"


def _header(value: str | None) -> Callable[[bytes], tuple[bytes, str | None]]:
    return lambda payload: (payload, value)


def _scheme(scheme: str) -> Callable[[bytes], tuple[bytes, str | None]]:
    def make(payload: bytes) -> tuple[bytes, str | None]:
        return payload, sign_webhook(payload, WEBHOOK_SECRET).replace("v1=", f"{scheme}=")

    return make


@pytest.mark.parametrize(
    "attack",
    [
        pytest.param(_forged, id="wrong_secret"),
        pytest.param(_tampered, id="tampered_payload"),
        pytest.param(_stale, id="stale_timestamp"),
        pytest.param(_replayed_with_new_time, id="old_signature_new_timestamp"),
        pytest.param(_header(None), id="missing_header"),
        pytest.param(_header(""), id="empty_header"),
        pytest.param(_header("garbage"), id="garbage_header"),
        pytest.param(_header("t=notanumber,v1=abc"), id="bad_timestamp"),
        pytest.param(_header("v1=0123456789abcdef"), id="no_timestamp"),
        pytest.param(_header(f"t={int(time.time())}"), id="no_signature"),
        pytest.param(_scheme("v0"), id="wrong_scheme"),
    ],
)
def test_a_bad_signature_is_refused(
    payments: Payments, attack: Callable[[bytes], tuple[bytes, str | None]]
) -> None:
    payload, header = attack(event_payload("evt_1Nabc"))

    with pytest.raises(ServiceError) as caught:
        payments.parse_webhook(payload, header)

    assert (caught.value.status, caught.value.error) == (400, "bad_signature")
    assert caught.value.detail == "Invalid Stripe signature"


@pytest.mark.parametrize(
    "payload",
    [
        pytest.param(b"not json", id="not_json"),
        pytest.param(b"\xff\xfe{}", id="not_utf8"),
        pytest.param(b"[]", id="a_list"),
        pytest.param(b'{"id": "evt_1", "type": "x"}', id="no_object"),
        pytest.param(json.dumps({"id": "evt_1", "object": "charge"}).encode(), id="not_event"),
        pytest.param(
            json.dumps({"id": "evt_1", "object": "event", "type": "x", "data": {}}).encode(),
            id="no_data_object",
        ),
        pytest.param(
            json.dumps({"id": "evt_1", "object": "v2.core.event", "type": "x"}).encode(),
            id="thin_event",
        ),
    ],
)
def test_a_signed_payload_that_is_not_an_event_is_refused(
    payments: Payments, payload: bytes
) -> None:
    with pytest.raises(ServiceError) as caught:
        payments.parse_webhook(payload, sign_webhook(payload, WEBHOOK_SECRET))

    assert (caught.value.status, caught.value.error) == (400, "bad_payload")


def test_webhooks_not_configured(fake: FakeStripe) -> None:
    payments = Payments(make_settings(fake, stripe_webhook_secret=None))
    payload = event_payload("evt_1Nabc")

    with pytest.raises(ServiceError) as caught:
        payments.parse_webhook(payload, sign_webhook(payload, WEBHOOK_SECRET))

    assert (caught.value.status, caught.value.error) == (503, "webhooks_not_configured")
    assert caught.value.detail == "Stripe webhooks are not configured"
