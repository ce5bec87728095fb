"""Rate limits per client IP (memory and a shared Redis) and CORS without wildcards."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest
import redis

from tests.service.support import client_for, upload

REDIS_URL = os.environ.get("CHATSCAN_TEST_REDIS_URL", "redis://127.0.0.1:6379")


@pytest.fixture
def redis_url() -> str:
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except redis.RedisError as exc:
        message = f"Redis at {REDIS_URL} is required for this test ({exc})"
        if os.environ.get("CI") == "true":
            pytest.fail(message + " and CI=true")
        pytest.skip(message)
    return REDIS_URL


def _post(client, name: str = "a.txt"):  # type: ignore[no-untyped-def]
    return client.post("/analyze", **upload(name, "you hurt me"))


def test_memory_limit_answers_429_with_retry_after(tmp_path: Path) -> None:
    client = client_for(tmp_path, rate_limit_analyze="3/minute")
    assert [_post(client).status_code for _ in range(3)] == [200, 200, 200]
    refused = _post(client)
    assert refused.status_code == 429
    assert 1 <= int(refused.headers["retry-after"]) <= 60
    assert refused.json()["error"] == "rate_limited" and refused.json()["code"] == "429"
    assert client.get("/health").status_code == 200  # only the costly routes are limited


def test_payment_route_is_limited_too(tmp_path: Path) -> None:
    client = client_for(tmp_path, rate_limit_payment="2/minute")
    statuses = [client.post("/create-payment-intent").status_code for _ in range(3)]
    assert statuses == [400, 400, 429]  # payments are off: 400 until the limit


def test_two_instances_share_the_limit_in_redis(tmp_path: Path, redis_url: str) -> None:
    namespace = f"chatscan-test-{uuid.uuid4().hex}"
    settings = {
        "rate_limit_analyze": "4/minute",
        "rate_limit_storage_url": redis_url,
        "rate_limit_namespace": namespace,
    }
    first = client_for(tmp_path / "a", **settings)
    second = client_for(tmp_path / "b", **settings)
    statuses = [_post(first).status_code, _post(second).status_code]
    statuses += [_post(first).status_code, _post(second).status_code]
    assert statuses == [200, 200, 200, 200]
    for client in (first, second):
        refused = _post(client)
        assert refused.status_code == 429
        assert int(refused.headers["retry-after"]) >= 1
    keys = redis.Redis.from_url(redis_url).keys(f"*{namespace}*")
    assert keys, "the counters were not kept in Redis"


def test_no_cors_headers_by_default(tmp_path: Path) -> None:
    client = client_for(tmp_path)
    response = client.get("/health", headers={"origin": "https://evil.example"})
    assert "access-control-allow-origin" not in response.headers


def test_listed_origin_only_and_never_a_wildcard(tmp_path: Path) -> None:
    client = client_for(tmp_path, cors_allow_origins="https://app.example")
    allowed = client.options(
        "/analyze",
        headers={"origin": "https://app.example", "access-control-request-method": "POST"},
    )
    assert allowed.headers["access-control-allow-origin"] == "https://app.example"
    assert allowed.headers["access-control-allow-credentials"] == "true"
    other = client.get("/health", headers={"origin": "https://evil.example"})
    assert other.headers.get("access-control-allow-origin") in (None, "")
    assert "*" not in other.headers.get("access-control-allow-origin", "")
