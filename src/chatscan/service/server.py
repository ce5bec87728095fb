"""``chatscan serve``: check the settings, prepare the database, run uvicorn."""

from __future__ import annotations

import uvicorn
from pydantic import ValidationError

from chatscan.core.errors import ChatscanError
from chatscan.service.app import create_app
from chatscan.service.settings import Settings

__all__ = ["StartupError", "load_settings", "run"]


class StartupError(Exception):
    """The service cannot start as configured; the message says what to change."""


def load_settings() -> Settings:
    """Settings from the environment, with every problem in one readable message."""
    try:
        return Settings()
    except ValidationError as exc:
        problems = []
        for err in exc.errors(include_input=False, include_url=False):
            field = ".".join(str(part) for part in err["loc"]).upper()
            message = str(err["msg"]).removeprefix("Value error, ")
            problems.append(f"{field}: {message}" if field else message)
        raise StartupError("invalid settings: " + "; ".join(problems)) from None


def run(host: str, port: int, workers: int) -> None:
    settings = load_settings()
    try:
        # Built once here so bad settings, rule packs or databases fail before binding,
        # and the migrations run once before any worker starts.
        app = create_app(settings)
    except (ChatscanError, ValueError) as exc:
        raise StartupError(str(exc)) from None
    except Exception as exc:  # a database that cannot be reached, most often
        raise StartupError(f"cannot start: {type(exc).__name__}: {exc}") from None
    options = {"host": host, "port": port, "access_log": False, "server_header": False}
    if workers == 1:
        uvicorn.run(app, **options)  # type: ignore[arg-type]
    else:
        uvicorn.run("chatscan.service.app:create_app", factory=True, workers=workers, **options)  # type: ignore[arg-type]
