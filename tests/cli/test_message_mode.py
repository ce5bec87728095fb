"""Message mode end to end through the CLI: detection, reports, import-loss list."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path


def chatscan(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "chatscan", *args], capture_output=True, text=True, check=False
    )


def telegram_chat(messages: list[object]) -> dict[str, object]:
    return {"name": "Sam", "type": "personal_chat", "id": 7, "messages": messages}


def message(n: int, who: str, text: object, minutes: int = 0) -> dict[str, object]:
    stamp = 1614852672 + 60 * (n + minutes)
    return {"id": n, "type": "message", "date": "2021-03-04T10:11:12",
            "date_unixtime": str(stamp), "from": who, "text": text}  # fmt: skip


def test_telegram_export_end_to_end(tmp_path: Path) -> None:
    export = tmp_path / "result.json"
    messages = [
        message(0, "Alex", "please stop texting me"),
        message(1, "Sam", "I was watching you last night"),
        message(2, "Sam", "you'll get hurt"),
        message(3, "Sam", 12345),  # wrong type: skipped, named by position
        message(4, "Sam", "you'll get hurt"),
    ]
    export.write_text(json.dumps(telegram_chat(messages)), encoding="utf-8")
    out = tmp_path / "out"
    proc = chatscan("scan", str(export), "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    assert "telegram, 4 messages, 4 events" in proc.stderr
    assert "1 records not readable" in proc.stderr
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert report["format"] == "telegram" and report["mode"] == "messages"
    assert report["messages_total"] == 4
    assert report["skipped"] == [
        {"position": "messages[3]", "reason": report["skipped"][0]["reason"]}
    ]
    assert "12345" not in report["skipped"][0]["reason"]
    first = report["events"][0]
    assert first["speaker"] == "Alex" and first["timestamp"].startswith("2021-03-04T10:11:12")
    assert report["events"][3]["repeat_of"] == 2
    assert report["months"] == {"2021-03": {"BOUNDARY_LANGUAGE": 1, "HARM_LANGUAGE": 2,
                                            "SURVEILLANCE_CLAIM": 1}}  # fmt: skip
    speakers = list(csv.DictReader((out / "speakers.csv").open(encoding="utf-8")))
    assert [(r["speaker"], r["messages"], r["events"]) for r in speakers] == [
        ("Sam", "3", "3"),
        ("Alex", "1", "1"),
    ]
    rows = list(csv.DictReader((out / "events.csv").open(encoding="utf-8")))
    assert rows[1]["speaker"] == "Sam" and rows[1]["source_ref"] == "messages[1]"


def test_speakers_constraint_in_a_pack(tmp_path: Path) -> None:
    pack = tmp_path / "pack.yaml"
    pack.write_text(
        "name: p\nversion: '1'\ncategories: [{name: BOUNDARY}, {name: HARM}]\n"
        "rules:\n  - {id: b, category: BOUNDARY, tier: PHRASE, pattern: 'stop texting me'}\n"
        "  - {id: h, category: HARM, tier: TOKEN, pattern: '\\bhurt\\b'}\n"
        "sequences: [{start: BOUNDARY, end: HARM, speakers: different}]\n",
        encoding="utf-8",
    )
    export = tmp_path / "chat.json"
    messages = [message(0, "Alex", "stop texting me"), message(1, "Alex", "it hurt"),
                message(2, "Sam", "you'll get hurt")]  # fmt: skip
    export.write_text(json.dumps(telegram_chat(messages)), encoding="utf-8")
    out = tmp_path / "out"
    assert chatscan("scan", str(export), "--rules", str(pack), "--out", str(out)).returncode == 0
    rows = list(csv.DictReader((out / "sequences.csv").open(encoding="utf-8")))
    assert [(r["from_speaker"], r["to_speaker"]) for r in rows] == [("Alex", "Sam")]


def test_window_option_in_time(tmp_path: Path) -> None:
    export = tmp_path / "chat.json"
    messages = [message(0, "Alex", "stop texting me"), message(1, "Sam", "you'll get hurt", 90)]
    export.write_text(json.dumps(telegram_chat(messages)), encoding="utf-8")
    for window, expected in (("1h", 0), ("2h", 1)):
        out = tmp_path / window
        proc = chatscan("scan", str(export), "--window", window, "--out", str(out))
        assert proc.returncode == 0, proc.stderr
        report = json.loads((out / "report.json").read_text(encoding="utf-8"))
        assert report["totals"]["sequences"] == expected
    bad = chatscan("scan", str(export), "--window", "soon")
    assert bad.returncode == 2 and "window 'soon'" in bad.stderr


def test_formats_command_lists_every_format() -> None:
    proc = chatscan("formats")
    assert proc.returncode == 0
    for name in ("telegram", "messenger", "paragraphs"):
        assert name in proc.stdout
