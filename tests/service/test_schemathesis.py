"""Generated requests from the app's own OpenAPI schema: never a server error."""

from __future__ import annotations

from pathlib import Path

import schemathesis
from hypothesis import HealthCheck, given, settings

from chatscan.service import create_app
from tests.service.support import make_settings

CASES = 600


def test_no_5xx_over_generated_cases(tmp_path: Path) -> None:
    app = create_app(make_settings(tmp_path, log_level="WARNING", max_upload_bytes=256 * 1024))
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    operations = {
        f"{result.ok().method.upper()} {result.ok().path}" for result in schema.get_all_operations()
    }
    assert {"POST /analyze", "GET /patterns", "POST /webhook/stripe"} <= operations
    seen: list[tuple[str, int]] = []

    @given(case=schema.as_strategy())
    @settings(
        max_examples=CASES,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def check(case: schemathesis.Case) -> None:
        response = case.call()
        seen.append((f"{case.method} {case.path}", response.status_code))
        assert response.status_code < 500, (case.method, case.path, response.text[:300])

    check()
    assert len(seen) >= 500
    tried = {operation for operation, _ in seen}
    assert "POST /analyze" in tried
    analyze = {status for op, status in seen if op == "POST /analyze"}
    assert analyze & {400, 413, 422}, analyze  # the generated uploads reached the checks
