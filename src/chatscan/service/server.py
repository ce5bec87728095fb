"""``chatscan serve``: check the settings, prepare the database, run uvicorn."""

from __future__ import annotations

import gc

import uvicorn
from fastapi import FastAPI
from pydantic import ValidationError

from chatscan.core.errors import ChatscanError
from chatscan.service.app import create_app
from chatscan.service.settings import Settings

__all__ = ["StartupError", "load_settings", "run", "tune_gc", "worker_app"]

# An analysis makes hundreds of thousands of short-lived objects and almost no reference
# cycles; with the default thresholds the cyclic collector keeps re-walking them, and its
# full passes add 100-200 ms to a 1 MB analysis. Rarer passes keep it collecting cycles.
GC_THRESHOLDS = (100_000, 50, 100)


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


def tune_gc() -> None:
    """Garbage-collector settings for a server process (not applied by ``create_app``, so
    an application embedding the service keeps its own)."""
    gc.freeze()  # what start-up built lives as long as the process: never re-examined
    gc.set_threshold(*GC_THRESHOLDS)


def worker_app() -> FastAPI:
    """The app factory each uvicorn worker process calls."""
    app = create_app()
    tune_gc()
    return app


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
        tune_gc()
        uvicorn.run(app, **options)  # type: ignore[arg-type]
    else:
        del app  # each worker builds its own
        factory = "chatscan.service.server:worker_app"
        uvicorn.run(factory, factory=True, workers=workers, **options)  # type: ignore[arg-type]
