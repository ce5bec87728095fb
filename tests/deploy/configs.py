"""Readers for the deployment files, shared by the tests that check them."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from tests.paths import REPO_ROOT

__all__ = [
    "Dockerfile",
    "compose",
    "fly",
    "interpolate",
    "railway",
    "read_dockerfile",
    "workflow",
]

#: Variables the deployment files may set that are not service settings: the port and
#: worker count of the container's command, uvicorn's trusted proxies, PostgreSQL's image.
NON_SETTINGS = re.compile(r"^(PORT|WEB_CONCURRENCY|FORWARDED_ALLOW_IPS|POSTGRES_[A-Z_]+)$")


@dataclass
class Stage:
    base: str
    name: str
    instructions: list[tuple[str, str]] = field(default_factory=list)

    def all(self, keyword: str) -> list[str]:
        return [args for kw, args in self.instructions if kw == keyword]


@dataclass
class Dockerfile:
    stages: list[Stage]

    @property
    def final(self) -> Stage:
        return self.stages[-1]


def read_dockerfile(path: Path = REPO_ROOT / "Dockerfile") -> Dockerfile:
    """Instructions per stage, continuation lines joined and comments dropped."""
    logical: list[str] = []
    pending = ""
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        logical.append(pending + line)
        pending = ""
    stages: list[Stage] = []
    for line in logical:
        keyword, _, args = line.partition(" ")
        keyword = keyword.upper()
        if keyword == "FROM":
            parts = args.split()
            name = parts[2] if len(parts) >= 3 and parts[1].upper() == "AS" else ""
            stages.append(Stage(parts[0], name))
        elif stages:
            stages[-1].instructions.append((keyword, args.strip()))
    return Dockerfile(stages)


def _toml(name: str) -> dict[str, Any]:
    with (REPO_ROOT / name).open("rb") as stream:
        return tomllib.load(stream)


def fly() -> dict[str, Any]:
    return _toml("fly.toml")


def railway() -> dict[str, Any]:
    return _toml("railway.toml")


def _yaml(name: str) -> dict[str, Any]:
    data = yaml.safe_load((REPO_ROOT / name).read_text(encoding="utf-8"))
    assert isinstance(data, dict), name
    return data


def compose() -> dict[str, Any]:
    return _yaml("docker-compose.yml")


def workflow() -> dict[str, Any]:
    return _yaml(".github/workflows/ci.yml")


_VARIABLE = re.compile(r"\$\{(?P<name>[A-Z_][A-Z0-9_]*)(?::?-(?P<default>[^}]*))?\}")


def interpolate(value: object, env: dict[str, str] | None = None) -> str:
    """Compose's ``${NAME:-default}`` interpolation, with ``env`` (empty by default)."""
    env = env or {}
    return _VARIABLE.sub(lambda m: env.get(m["name"]) or (m["default"] or ""), str(value))
