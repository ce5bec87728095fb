"""A fake Stripe API over real HTTP, for tests that run the official SDK without the internet.

It answers the few PaymentIntent calls the service makes in Stripe's wire format: form-encoded
request bodies, ``expand[]`` / ``expand[N]`` query parameters, JSON objects with ``"object"``,
Stripe's error envelope and status codes, Bearer-key authentication and ``Idempotency-Key``
replay. Every request is recorded so a test can check what reached "Stripe".

    with running_fake_stripe("sk_test_x") as fake:
        intent_id = fake.add_intent(status="succeeded")
        settings = Settings(..., stripe_api_base=fake.url)
"""

from __future__ import annotations

import contextlib
import copy
import json
import re
import secrets
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, parse_qsl, unquote, urlsplit

__all__ = ["FakeStripe", "RecordedRequest", "running_fake_stripe"]

_INTENT_PATH = re.compile(r"/v1/payment_intents/(?P<id>[^/]+)")
_EXPAND_KEY = re.compile(r"expand\[\d*\]")


@dataclass(frozen=True)
class RecordedRequest:
    """One request as the fake received it (header names lower-cased)."""

    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    form: dict[str, str]
    body: bytes


@dataclass
class _Failure:
    status: int
    times: int
    body: dict[str, Any]


@dataclass
class _State:
    intents: dict[str, dict[str, Any]] = field(default_factory=dict)
    charges: dict[str, dict[str, Any]] = field(default_factory=dict)
    # (api key, idempotency key) -> (method, path, form, status, body)
    idempotent: dict[tuple[str, str], tuple[str, str, dict[str, str], int, bytes]] = field(
        default_factory=dict
    )
    failures: list[_Failure] = field(default_factory=list)
    delay: float = 0.0


def _new_id(prefix: str) -> str:
    return f"{prefix}_{secrets.token_hex(12)}"


class FakeStripe:
    """A Stripe API server on 127.0.0.1 for one secret key; start it with ``start()``."""

    def __init__(self, api_key: str) -> None:
        self.api_key = api_key
        self.requests: list[RecordedRequest] = []
        self.honour_expand = True  # False: answer as if ``expand`` had not been asked for
        self._state = _State()
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle -------------------------------------------------------------------------

    def start(self) -> FakeStripe:
        fake = self

        class Handler(_Handler):
            stripe = fake

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.02},
            name="fake-stripe",
            daemon=True,
        )
        self._thread.start()
        return self

    def close(self) -> None:
        """Stop answering: afterwards connections to ``url`` are refused."""
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    @property
    def url(self) -> str:
        host, port = self._address
        return f"http://{host}:{port}"

    @property
    def _address(self) -> tuple[str, int]:
        if self._server is None:
            raise RuntimeError("the fake Stripe server is not running")
        host, port = self._server.server_address[:2]
        return str(host), int(port)

    # -- control API for tests -------------------------------------------------------------

    def add_intent(
        self,
        status: str = "succeeded",
        amount: int = 500,
        currency: str = "usd",
        refunded: bool = False,
        *,
        amount_received: int | None = None,
        metadata: dict[str, str] | None = None,
    ) -> str:
        """Store a PaymentIntent (with a charge when it succeeded) and return its id."""
        intent = _intent(amount, currency, metadata or {})
        with self._lock:
            self._state.intents[intent["id"]] = intent
            self._set_status(intent, status)
            if amount_received is not None:
                intent["amount_received"] = amount_received
            if refunded:
                self._refund(intent, None)
        return intent["id"]

    def set_status(self, intent_id: str, status: str) -> None:
        with self._lock:
            self._set_status(self._state.intents[intent_id], status)

    def refund(self, intent_id: str, amount: int | None = None) -> None:
        """Refund the intent's charge, all of it unless ``amount`` (cents) is given."""
        with self._lock:
            self._refund(self._state.intents[intent_id], amount)

    def intent(self, intent_id: str) -> dict[str, Any]:
        """A copy of the stored intent, as Stripe would send it unexpanded."""
        with self._lock:
            return copy.deepcopy(self._state.intents[intent_id])

    @property
    def intent_ids(self) -> list[str]:
        with self._lock:
            return list(self._state.intents)

    def fail_next(
        self,
        status: int = 500,
        times: int = 1,
        *,
        error_type: str = "api_error",
        code: str | None = None,
        message: str = "Something went wrong on Stripe's end.",
    ) -> None:
        """Answer the next ``times`` authenticated requests with a Stripe error of ``status``."""
        _, body = _error_body(status, error_type, message, code=code)
        with self._lock:
            self._state.failures.append(_Failure(status, times, body))

    def delay(self, seconds: float) -> None:
        """Wait this long before answering each request (0 turns it off)."""
        with self._lock:
            self._state.delay = seconds

    def requests_to(self, method: str, path_prefix: str) -> list[RecordedRequest]:
        with self._lock:
            return [
                r
                for r in self.requests
                if r.method == method.upper() and r.path.startswith(path_prefix)
            ]

    # -- state changes (lock held) ---------------------------------------------------------

    def _set_status(self, intent: dict[str, Any], status: str) -> None:
        intent["status"] = status
        if status == "succeeded":
            intent["amount_received"] = intent["amount"]
            if intent["latest_charge"] is None:
                charge = _charge(intent)
                self._state.charges[charge["id"]] = charge
                intent["latest_charge"] = charge["id"]
                intent["payment_method"] = charge["payment_method"]
        elif status == "canceled":
            intent["canceled_at"] = int(time.time())
            intent["cancellation_reason"] = "requested_by_customer"

    def _refund(self, intent: dict[str, Any], amount: int | None) -> None:
        charge_id = intent["latest_charge"]
        if charge_id is None:
            raise ValueError(f"{intent['id']} has no charge to refund")
        charge = self._state.charges[charge_id]
        refunded = charge["amount_refunded"] + (amount if amount is not None else charge["amount"])
        charge["amount_refunded"] = min(refunded, charge["amount"])
        charge["refunded"] = charge["amount_refunded"] >= charge["amount"]

    # -- request handling (called from server threads) -------------------------------------

    def _handle(
        self, method: str, target: str, headers: dict[str, str], body: bytes
    ) -> tuple[int, dict[str, Any], dict[str, str]]:
        parts = urlsplit(target)
        query = parse_qs(parts.query, keep_blank_values=True)
        form = dict(parse_qsl(body.decode("utf-8"), keep_blank_values=True)) if body else {}
        with self._lock:
            self.requests.append(RecordedRequest(method, parts.path, query, headers, form, body))
            delay = self._state.delay
        if delay:
            time.sleep(delay)

        auth = headers.get("authorization", "")
        if not auth.startswith("Bearer ") or not auth.removeprefix("Bearer "):
            return _error(
                401,
                "invalid_request_error",
                "You did not provide an API key. You need to provide your API key in the "
                "Authorization header, using Bearer auth "
                "(e.g. 'Authorization: Bearer YOUR_SECRET_KEY').",
            )
        key = auth.removeprefix("Bearer ")
        if key != self.api_key:
            # Stripe's own wording and masking: the key's type prefix and last four characters.
            masked = key[:8] + "*" * max(len(key) - 12, 0) + key[-4:]
            return _error(401, "invalid_request_error", f"Invalid API Key provided: {masked}")

        with self._lock:
            if self._state.failures:
                failure = self._state.failures[0]
                failure.times -= 1
                if failure.times <= 0:
                    self._state.failures.pop(0)
                return failure.status, copy.deepcopy(failure.body), {}

        expand = {v for k, vs in query.items() if _EXPAND_KEY.fullmatch(k) for v in vs}
        expand |= {v for k, v in form.items() if _EXPAND_KEY.fullmatch(k)}
        if not self.honour_expand:
            expand.clear()

        if method == "POST" and parts.path == "/v1/payment_intents":
            return self._create(key, headers.get("idempotency-key"), form, expand)
        match = _INTENT_PATH.fullmatch(parts.path)
        if method == "GET" and match:
            return self._retrieve(unquote(match["id"]), expand)
        return _error(
            404,
            "invalid_request_error",
            f"Unrecognized request URL ({method}: {parts.path}). "
            "Please see https://stripe.com/docs or we can help at https://support.stripe.com/.",
        )

    def _create(
        self, key: str, idempotency_key: str | None, form: dict[str, str], expand: set[str]
    ) -> tuple[int, dict[str, Any], dict[str, str]]:
        with self._lock:
            if idempotency_key:
                seen = self._state.idempotent.get((key, idempotency_key))
                if seen is not None:
                    method, path, seen_form, status, body = seen
                    if (method, path, seen_form) != ("POST", "/v1/payment_intents", form):
                        return _error(
                            400,
                            "idempotency_error",
                            "Keys for idempotent requests can only be used with the same "
                            "parameters they were first used with. Try using a key other than "
                            f"'{idempotency_key}' if you meant to execute a different request.",
                        )
                    return status, json.loads(body), {"Idempotent-Replayed": "true"}

            status, body = self._create_intent(form, expand)
            if idempotency_key:
                self._state.idempotent[(key, idempotency_key)] = (
                    "POST",
                    "/v1/payment_intents",
                    form,
                    status,
                    json.dumps(body).encode(),
                )
            return status, body, {}

    def _create_intent(self, form: dict[str, str], expand: set[str]) -> tuple[int, dict[str, Any]]:
        for param in ("amount", "currency"):
            if param not in form:
                return _error_body(
                    400,
                    "invalid_request_error",
                    f"Missing required param: {param}.",
                    code="parameter_missing",
                    param=param,
                )
        try:
            amount = int(form["amount"])
        except ValueError:
            return _error_body(
                400,
                "invalid_request_error",
                "Invalid integer: " + form["amount"],
                code="parameter_invalid_integer",
                param="amount",
            )
        metadata = {m[1]: v for k, v in form.items() if (m := re.fullmatch(r"metadata\[(.+)\]", k))}
        intent = _intent(amount, form["currency"].lower(), metadata)
        intent["status"] = "requires_payment_method"
        if form.get("automatic_payment_methods[enabled]") == "true":
            intent["automatic_payment_methods"] = {"allow_redirects": "always", "enabled": True}
        self._state.intents[intent["id"]] = intent
        return 200, self._render(intent, expand)

    def _retrieve(
        self, intent_id: str, expand: set[str]
    ) -> tuple[int, dict[str, Any], dict[str, str]]:
        with self._lock:
            intent = self._state.intents.get(intent_id)
            if intent is None:
                return _error(
                    404,
                    "invalid_request_error",
                    f"No such payment_intent: '{intent_id}'",
                    code="resource_missing",
                    param="intent",
                )
            return 200, self._render(intent, expand), {}

    def _render(self, intent: dict[str, Any], expand: set[str]) -> dict[str, Any]:
        out = copy.deepcopy(intent)
        if "latest_charge" in expand and out["latest_charge"] is not None:
            out["latest_charge"] = copy.deepcopy(self._state.charges[out["latest_charge"]])
        return out


class _Handler(BaseHTTPRequestHandler):
    stripe: FakeStripe  # set on the subclass made by FakeStripe.start
    server_version = "nginx"
    sys_version = ""

    def do_GET(self) -> None:
        self._answer()

    def do_POST(self) -> None:
        self._answer()

    def do_DELETE(self) -> None:
        self._answer()

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        headers = {k.lower(): v for k, v in self.headers.items()}
        status, payload, extra = self.stripe._handle(self.command, self.path, headers, body)
        data = json.dumps(payload, indent=2).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Request-Id", _new_id("req"))
        if "stripe-version" in headers:
            self.send_header("Stripe-Version", headers["stripe-version"])
        if "idempotency-key" in headers:
            self.send_header("Idempotency-Key", headers["idempotency-key"])
        for name, value in extra.items():
            self.send_header(name, value)
        self.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(data)  # unless the client gave up waiting (a timeout test)

    def log_message(self, format: str, *args: Any) -> None:
        pass


def _error_body(
    status: int, type_: str, message: str, *, code: str | None = None, param: str | None = None
) -> tuple[int, dict[str, Any]]:
    error: dict[str, Any] = {"message": message, "type": type_}
    if code is not None:
        error["code"] = code
        error["doc_url"] = f"https://stripe.com/docs/error-codes/{code.replace('_', '-')}"
    if param is not None:
        error["param"] = param
    return status, {"error": error}


def _error(
    status: int, type_: str, message: str, *, code: str | None = None, param: str | None = None
) -> tuple[int, dict[str, Any], dict[str, str]]:
    return (*_error_body(status, type_, message, code=code, param=param), {})


def _intent(amount: int, currency: str, metadata: dict[str, str]) -> dict[str, Any]:
    intent_id = _new_id("pi")
    return {
        "id": intent_id,
        "object": "payment_intent",
        "amount": amount,
        "amount_capturable": 0,
        "amount_received": 0,
        "automatic_payment_methods": None,
        "canceled_at": None,
        "cancellation_reason": None,
        "capture_method": "automatic_async",
        "client_secret": f"{intent_id}_secret_{secrets.token_hex(12)}",
        "confirmation_method": "automatic",
        "created": int(time.time()),
        "currency": currency,
        "customer": None,
        "description": None,
        "last_payment_error": None,
        "latest_charge": None,
        "livemode": False,
        "metadata": metadata,
        "next_action": None,
        "payment_method": None,
        "payment_method_types": ["card"],
        "receipt_email": None,
        "status": "requires_payment_method",
    }


def _charge(intent: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": _new_id("ch"),
        "object": "charge",
        "amount": intent["amount"],
        "amount_captured": intent["amount"],
        "amount_refunded": 0,
        "captured": True,
        "created": int(time.time()),
        "currency": intent["currency"],
        "disputed": False,
        "livemode": False,
        "metadata": {},
        "paid": True,
        "payment_intent": intent["id"],
        "payment_method": _new_id("pm"),
        "refunded": False,
        "status": "succeeded",
    }


@contextmanager
def running_fake_stripe(api_key: str = "sk_test_fake") -> Iterator[FakeStripe]:
    """A started :class:`FakeStripe` that accepts ``api_key``; closed on exit."""
    fake = FakeStripe(api_key).start()
    try:
        yield fake
    finally:
        fake.close()
