"""The service's settings: one class, read from the environment (or a ``.env`` file).

Every field is documented in the README's "Service settings" table; a test checks that
the table and this class name the same variables.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

__all__ = ["Settings", "SettingsError"]

MB = 1024 * 1024


class SettingsError(ValueError):
    """A combination of settings the service refuses to start with."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore", frozen=True)

    payment_required: bool = Field(
        False, description="Require a paid Stripe PaymentIntent for each analysis."
    )
    stripe_secret_key: SecretStr | None = Field(
        None, description="Stripe secret key (sk_...); required when PAYMENT_REQUIRED is on."
    )
    stripe_publishable_key: str | None = Field(
        None, description="Stripe publishable key (pk_...) the web page uses for card entry."
    )
    stripe_webhook_secret: SecretStr | None = Field(
        None, description="Signing secret of the Stripe webhook endpoint (whsec_...)."
    )
    stripe_api_base: str | None = Field(
        None, description="Stripe API address; unset means Stripe itself (set only to test)."
    )
    price_amount: int = Field(500, ge=1, description="Price of one analysis, in cents.")
    price_currency: str = Field("usd", description="Currency of the price (ISO code).")
    database_url: str = Field(
        "sqlite:///./data/chatscan.db",
        description="Payments ledger database (SQLAlchemy URL; postgresql+psycopg://... too).",
    )
    max_upload_bytes: int = Field(10 * MB, ge=1, description="Largest upload accepted, bytes.")
    max_unpacked_bytes: int = Field(
        100 * MB, ge=1, description="Most a zip export may unpack to, bytes (zip bomb guard)."
    )
    pdf_max_events: int = Field(
        250,
        ge=0,
        description="Most events a result may have for the service to render its PDF "
        "(PDF layout takes about 0.1 s per event); 0 turns PDFs off.",
    )
    rate_limit_analyze: str = Field(
        "30/minute", description="Requests per client IP to /analyze (limits notation)."
    )
    rate_limit_payment: str = Field(
        "30/minute", description="Requests per client IP to /create-payment-intent."
    )
    rate_limit_storage_url: str = Field(
        "memory://", description="Where rate-limit counters live: memory:// or redis://host:port"
    )
    rate_limit_namespace: str = Field(
        "chatscan", description="Prefix of rate-limit keys (to share one Redis between services)."
    )
    cors_allow_origins: Annotated[list[str], NoDecode] = Field(
        default_factory=list,
        description="Comma-separated origins allowed to call the API from a browser.",
    )
    brand_name: str = Field(
        "Chat Pattern Scanner",
        description="Name in the CSV comment header and summary title; empty turns them off.",
    )
    brand_url: str = Field("", description="Address printed under the brand name.")
    rules_path: str | None = Field(
        None,
        description="A rule pack YAML file offered beside the built-in packs (under its "
        "name) and used by default instead of them.",
    )
    log_level: str = Field("INFO", description="Level of the service's JSON logs.")

    @field_validator("cors_allow_origins", mode="before")
    @classmethod
    def _split_origins(cls, value: object) -> object:
        if isinstance(value, str):
            return [origin.strip() for origin in value.split(",") if origin.strip()]
        return value

    @field_validator("database_url")
    @classmethod
    def _known_database(cls, value: str) -> str:
        scheme = value.split(":", 1)[0].split("+", 1)[0].lower()
        if scheme not in ("sqlite", "postgresql", "postgres"):
            raise ValueError(f"the ledger takes sqlite:// or postgresql:// URLs, not {scheme!r}")
        return value

    @field_validator("price_currency")
    @classmethod
    def _lower_currency(cls, value: str) -> str:
        return value.strip().lower()

    @model_validator(mode="after")
    def _check_combinations(self) -> Settings:
        if self.payment_required and not self.stripe_secret_key:
            raise SettingsError(
                "PAYMENT_REQUIRED is on but STRIPE_SECRET_KEY is not set; "
                "set the key or PAYMENT_REQUIRED=false"
            )
        if "*" in self.cors_allow_origins:
            raise SettingsError(
                "CORS_ALLOW_ORIGINS must list origins; '*' is refused because the API "
                "accepts credentials"
            )
        return self
