"""Auto-detection picks the right format for every fixture, and falls back loudly."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from chatscan.core.ingest import FALLBACK_FORMAT, FORMAT_NAMES, Source, detect
from tests.paths import REPO_ROOT, SHARED

FIXTURES = REPO_ROOT / "tests" / "fixtures"
FOLDER_FORMAT = {
    "csv": "csv",
    "discord": "discord",
    "imessage": "imessage",
    "messenger": "messenger",
    "signal": "signal",
    "sms": "sms_xml",
    "telegram": "telegram",
    "transcript": "transcript",
    "whatsapp": "whatsapp",
}
CHAT_MINER = SHARED / "fixtures" / "chat-miner"
PUBLIC = {
    **{p: "whatsapp" for p in sorted((CHAT_MINER / "whatsapp").glob("test_*.txt"))},
    CHAT_MINER / "telegram" / "test_single_export.json": "telegram",
    CHAT_MINER / "telegram" / "test_batch_export.json": "telegram",
    CHAT_MINER / "instagram" / "test_export.json": "messenger",
    CHAT_MINER / "signal" / "test_export.txt": "signal",
}


def our_fixtures() -> list[tuple[Path, str]]:
    cases = []
    for folder, fmt in FOLDER_FORMAT.items():
        for path in sorted((FIXTURES / folder).iterdir()):
            if path.is_file() and not path.name.endswith(".expected.json"):
                cases.append((path, fmt))
    return cases


@pytest.mark.parametrize(("path", "fmt"), our_fixtures(), ids=lambda v: getattr(v, "name", v))
def test_detects_our_fixtures(path: Path, fmt: str) -> None:
    found = detect(Source(path.name, path=path))
    assert found.format == fmt, found


@pytest.mark.parametrize(
    ("path", "fmt"), sorted(PUBLIC.items()), ids=lambda v: getattr(v, "name", v)
)
def test_detects_public_fixtures(path: Path, fmt: str) -> None:
    if fmt not in FORMAT_NAMES:
        pytest.fail(f"format {fmt} is not registered")
    found = detect(Source(path.name, path=path))
    assert found.format == fmt, found


def test_detects_a_slack_zip(tmp_path: Path) -> None:
    archive = shutil.make_archive(str(tmp_path / "export"), "zip", FIXTURES / "slack" / "workspace")
    assert detect(Source("export.zip", path=Path(archive))).format == "slack"


def test_prose_falls_back_with_a_warning() -> None:
    text = b"The weather was mild. We walked to the harbour and back before lunch.\n" * 20
    found = detect(Source("notes.txt", data=text))
    assert found.format == FALLBACK_FORMAT
    assert found.warnings and "format" in found.warnings[0]
