"""Two service processes, one PostgreSQL ledger, 20 simultaneous uses of one payment."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from chatscan.service.db import Ledger
from tests.service.fake_stripe import FakeStripe, running_fake_stripe
from tests.service.support import SAMPLE, free_port, wait_healthy

KEY = "sk_test_concurrency"


@contextmanager
def serving(env: dict[str, str], log: Path) -> Iterator[str]:
    """``chatscan serve`` as its own process; yields its address once healthy."""
    port = free_port()
    command = [sys.executable, "-m", "chatscan", "serve", "--port", str(port)]
    with log.open("wb") as out:
        process = subprocess.Popen(
            command, env={**os.environ, **env}, stdout=out, stderr=subprocess.STDOUT
        )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url)
        yield url
    except RuntimeError:
        raise RuntimeError(f"{url} did not start: {log.read_text()[-2000:]}") from None
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture
def stripe_fake() -> Iterator[FakeStripe]:
    with running_fake_stripe(KEY) as fake:
        yield fake


def test_exactly_one_of_20_concurrent_uses_succeeds(
    tmp_path: Path, postgres_url: str, stripe_fake: FakeStripe
) -> None:
    env = {
        "DATABASE_URL": postgres_url,
        "PAYMENT_REQUIRED": "true",
        "STRIPE_SECRET_KEY": KEY,
        "STRIPE_API_BASE": stripe_fake.url,
        "RATE_LIMIT_ANALYZE": "10000/minute",
        "LOG_LEVEL": "WARNING",
    }
    intent = stripe_fake.add_intent(status="succeeded")
    # Stripe answering slowly lets every request pass the "already used?" check before
    # any of them redeems: the unique constraint alone must then decide.
    stripe_fake.delay(0.5)
    with (
        serving(env, tmp_path / "a.log") as first,
        serving(env, tmp_path / "b.log") as second,
    ):
        urls = [first, second] * 10

        def use(url: str) -> int:
            files = {"file": ("chat.txt", SAMPLE.encode(), "text/plain")}
            data = {"payment_intent_id": intent}
            return httpx.post(f"{url}/analyze", files=files, data=data, timeout=60).status_code

        with ThreadPoolExecutor(max_workers=20) as pool:
            statuses = Counter(pool.map(use, urls))
    assert statuses == {200: 1, 409: 19}, statuses
    checks = stripe_fake.requests_to("GET", f"/v1/payment_intents/{intent}")
    assert len(checks) >= 10, "the requests did not race past the early check"
    ledger = Ledger(postgres_url)
    try:
        assert ledger.counts()["redemptions"] == 1
        assert ledger.counts()["analyses"] == 1
    finally:
        ledger.close()
