"""The code blocks of the guides in docs/: what they show, to be run or checked by tests."""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass
from pathlib import Path

from tests.paths import REPO_ROOT

__all__ = ["DOCS", "Block", "blocks", "local_url", "shell_commands", "table_rows"]

DOCS = REPO_ROOT / "docs"
LOCAL = "http://127.0.0.1:8000"
_FENCE = re.compile(r"^```(\w*)")
_FILE_MARK = re.compile(r"^<!-- file: (\S+) -->$")
_ANY_BASE = re.compile(r"https?://[A-Za-z0-9.-]+(?::\d+)?")


@dataclass(frozen=True)
class Block:
    doc: str
    lang: str
    text: str
    line: int  # where the fence opens, 1-based
    file: str | None  # the name given by a `<!-- file: NAME -->` line just above

    def where(self) -> str:
        return f"{self.doc}:{self.line}"


def blocks(path: Path) -> list[Block]:
    found: list[Block] = []
    lines = path.read_text(encoding="utf-8").splitlines()
    i = 0
    while i < len(lines):
        opened = _FENCE.match(lines[i].strip())
        if not opened:
            i += 1
            continue
        mark = _FILE_MARK.match(lines[i - 1].strip()) if i else None
        start, body = i, []
        i += 1
        while i < len(lines) and lines[i].strip() != "```":
            body.append(lines[i])
            i += 1
        indent = min((len(x) - len(x.lstrip()) for x in body if x.strip()), default=0)
        text = "\n".join(x[indent:] for x in body)
        found.append(Block(path.name, opened[1], text, start + 1, mark[1] if mark else None))
        i += 1
    return found


def shell_commands(block: Block) -> list[str]:
    """The commands of a ``sh`` block: comments and blank lines dropped, ``\\`` joined."""
    commands: list[str] = []
    pending = ""
    for raw in block.text.splitlines():
        line = raw.strip()
        if not pending and (not line or line.startswith("#")):
            continue
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        commands.append(pending + line)
        pending = ""
    return commands


def argv(command: str) -> list[str]:
    return shlex.split(command)


def local_url(command: str) -> str:
    """The command with any service address as the local one (``curl`` lines of the
    deployment guide name public addresses; the examples script uses the local one)."""
    return _ANY_BASE.sub(LOCAL, command)


def table_rows(path: Path, heading: str) -> dict[str, str]:
    """``| `NAME` | `default` | ... |`` rows of the first table after ``heading``."""
    text = path.read_text(encoding="utf-8").split(heading, 1)[1]
    rows = re.findall(r"^\| `([A-Z_]+)` \| `([^`]*)` \| (.+) \|$", text.split("\n## ", 1)[0], re.M)
    return {name: default for name, default, _ in rows}
