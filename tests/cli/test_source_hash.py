"""report.json's SHA-256 is of the file as given, whatever the format reads inside it."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import zipfile
from pathlib import Path


def scanned_hash(path: Path, out: Path) -> str:
    proc = subprocess.run(
        [sys.executable, "-m", "chatscan", "scan", str(path), "--out", str(out), "-q"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    return json.loads((out / "report.json").read_text(encoding="utf-8"))["source"]["sha256"]


def test_text_export_and_zip_export_hash_the_file(tmp_path: Path) -> None:
    chat = "04/03/2021, 10:11 - Sam Lee: I was watching you\n04/03/2021, 10:12 - Al: stop\n"
    text = tmp_path / "WhatsApp Chat with Sam.txt"
    text.write_text(chat, encoding="utf-8")
    archive = tmp_path / "WhatsApp Chat with Sam.zip"
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as out:
        out.writestr("_chat.txt", chat)
    for path in (text, archive):
        expected = hashlib.sha256(path.read_bytes()).hexdigest()
        assert scanned_hash(path, tmp_path / path.suffix) == expected
