"""A pack with precision fields, end to end: ``chatscan scan --rules custom.yaml``."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

PACK = """\
name: custom
version: "1"
apostrophes: any
categories: [{name: HARM}, {name: BOUNDARY}]
rules:
  - {id: harm.scared, category: HARM, tier: TOKEN, pattern: '\\bscared\\b',
     negation_window: 3, score: 0.5}
  - id: boundary.stop
    category: BOUNDARY
    tier: TOKEN
    pattern: '\\bstop\\b'
    context: {words: [texting, calling, contacting, me], window: 3}
  - {id: harm.wont_forget, category: HARM, tier: PHRASE, pattern: '\\byou''ll regret\\b'}
sequences:
  - {start: BOUNDARY, end: HARM, speakers: different}
"""

CHAT = """\
[2024-03-01 09:00] Alex: Please stop texting me.
[2024-03-01 09:01] Sam: Stop by later and we'll talk.
[2024-03-01 09:02] Sam: I was never scared of you.
[2024-03-01 09:03] Sam: You’ll regret this. I'm scared you'll leave.
"""


def test_scan_with_precision_pack(tmp_path: Path) -> None:
    pack, chat, out = tmp_path / "custom.yaml", tmp_path / "chat.txt", tmp_path / "out"
    pack.write_text(PACK, encoding="utf-8")
    chat.write_text(CHAT, encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "chatscan", "scan", str(chat), "--format", "transcript",
         "--rules", str(pack), "--out", str(out)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    events = report["events"]
    assert [e["text"] for e in events] == [
        "Please stop texting me.",
        "You’ll regret this. I'm scared you'll leave.",
    ]
    stop = events[0]["hits"][0]
    assert stop["rule_id"] == "boundary.stop"
    assert stop["context"] == "texting" and stop["score"] == 1.0
    assert stop["matched"] == "stop" and set(stop) >= {"rule_id", "category", "tier", "span"}
    by_id = {h["rule_id"]: h for h in events[1]["hits"]}
    assert by_id["harm.scared"]["score"] == 0.5 and by_id["harm.scared"]["context"] is None
    assert by_id["harm.wont_forget"]["matched"] == "You’ll regret"
    assert report["totals"]["sequences"] == 1
