"""Settings: unsafe combinations refused, every variable documented with its default."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pydantic import ValidationError

from chatscan.service import Settings
from tests.paths import REPO_ROOT
from tests.settings_defaults import shown_default


def _readme_table() -> dict[str, str]:
    text = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("### Service settings", 1)[1]
    rows = re.findall(r"^\| `([A-Z_]+)` \| `([^`]*)` \| (.+) \|$", section, re.M)
    return {name: default for name, default, _ in rows}


def test_readme_documents_every_setting_with_its_default() -> None:
    documented = _readme_table()
    fields = Settings.model_fields
    assert set(documented) == {name.upper() for name in fields}
    for name, field in fields.items():
        assert documented[name.upper()] == shown_default(field), name
        assert field.description, f"{name} has no help text"


def test_payments_without_a_key_refuse_to_start() -> None:
    with pytest.raises(ValidationError, match="STRIPE_SECRET_KEY"):
        Settings(_env_file=None, payment_required=True)  # type: ignore[call-arg]


def test_wildcard_origin_is_refused() -> None:
    with pytest.raises(ValidationError, match="CORS_ALLOW_ORIGINS"):
        Settings(_env_file=None, cors_allow_origins="https://a.example,*")  # type: ignore[call-arg]


def test_environment_is_read(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CORS_ALLOW_ORIGINS", "https://a.example, https://b.example")
    monkeypatch.setenv("PRICE_CURRENCY", "EUR")
    monkeypatch.setenv("MAX_UPLOAD_BYTES", "2048")
    settings = Settings()
    assert settings.cors_allow_origins == ["https://a.example", "https://b.example"]
    assert settings.price_currency == "eur"
    assert settings.max_upload_bytes == 2048
