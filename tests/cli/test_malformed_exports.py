"""Malformed exports end in one clear line and exit code 2, never a traceback or chat text."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

SECRET = "PLUMTREE"  # planted in chat text: must never appear in an error


def chatscan(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "chatscan", *args], capture_output=True, text=True, check=False
    )


def truncated_json(path: Path) -> None:
    path.write_text('{"name": "x", "type": "personal_chat", "messages": [{"id": 1, "type": '
                    f'"message", "text": "{SECRET}", "from": "A", "date": "2021-01-0')  # fmt: skip


def zip_without_chat(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("IMG-0001.jpg", SECRET)


def xml_bomb(path: Path) -> None:
    path.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
        '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
        '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>\n'
        f'<smses count="1"><sms date="1" type="1" body="&lol3; {SECRET}" address="1"/></smses>\n'
    )


def binary(path: Path) -> None:
    path.write_bytes(b"\x00\x01\x02" + SECRET.encode() + bytes(range(256)) * 4)


CASES = {
    "truncated-json": ("chat.json", "telegram", truncated_json, "cut off"),
    "zip-without-chat": ("WhatsApp Chat.zip", "whatsapp", zip_without_chat, "no chat text member"),
    "xml-bomb": ("sms.xml", "sms_xml", xml_bomb, "DOCTYPE"),
    "binary": ("chat.txt", "auto", binary, "binary data"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_malformed_export(case: str, tmp_path: Path) -> None:
    name, fmt, make, needle = CASES[case]
    path = tmp_path / name
    make(path)
    for chosen in {fmt, "auto"}:
        proc = chatscan("scan", str(path), "--format", chosen, "--out", str(tmp_path / "o"))
        assert proc.returncode == 2, (chosen, proc.stderr)
        lines = [line for line in proc.stderr.splitlines() if line.strip()]
        assert len(lines) == 1 and lines[0].startswith("error: "), proc.stderr
        assert needle.lower() in lines[0].lower(), lines[0]
        assert SECRET not in proc.stderr and "Traceback" not in proc.stderr
