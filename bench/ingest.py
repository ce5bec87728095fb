"""Ingest benchmark: parse-only and parse+scan throughput of message-mode formats.

    python bench/ingest.py [--size-mb 50]

Generates a deterministic ~50 MB WhatsApp export (Android layout, 24-hour clock) and a
~50 MB Telegram Desktop JSON export, then for each, in a fresh process, times
(a) parsing alone (every message read, nothing matched) and (b) the whole scan
(`chatscan scan FILE --format NAME`, reports written), and prints MB/s, messages/s
and the process's peak RSS. Target: parse+scan of the WhatsApp file at 20 MB/s or
more on one core, memory flat in file size apart from results.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
REPO_ROOT = BENCH_DIR.parent
MB = 1024 * 1024

NAMES = ["Alex Morgan", "Jordan Lee", "Sam Rivera", "Casey Kim"]
EVERYDAY = [
    "see you at noon", "the bus was late again", "can you pick up milk on the way home",
    "great game last night", "what time is dinner", "I'll call you after work",
    "did you feed the cat", "happy birthday!!", "running ten minutes behind",
    "the meeting moved to thursday", "send me the address please", "that film was long",
]  # fmt: skip
TRIGGERS = [
    "I was watching you all night", "you made me so scared", "I said no",
    "I'm keeping you safe", "I changed your password", "I'll tell everyone",
    "stop texting me", "I recorded the call", "it's for your own good",
]  # fmt: skip


def _text(rng: random.Random) -> str:
    if rng.random() < 0.05:
        return rng.choice(TRIGGERS)
    words = [rng.choice(EVERYDAY) for _ in range(rng.randint(1, 3))]
    text = ", ".join(words)
    if rng.random() < 0.05:
        text += "\n" + rng.choice(EVERYDAY)
    return text


def write_whatsapp(path: Path, size: int, seed: int) -> int:
    rng = random.Random(seed)
    stamp = datetime(2019, 1, 1, 8, 0)
    written = 0
    with path.open("w", encoding="utf-8", newline="\n") as out:
        out.write("01/01/2019, 08:00 - Messages and calls are end-to-end encrypted.\n")
        while written < size:
            lines = []
            for _ in range(2000):
                stamp += timedelta(seconds=rng.randint(5, 900))
                text = _text(rng) if rng.random() > 0.01 else "<Media omitted>"
                lines.append(f"{stamp:%d/%m/%Y, %H:%M} - {rng.choice(NAMES)}: {text}\n")
            chunk = "".join(lines)
            out.write(chunk)
            written += len(chunk.encode())
    return path.stat().st_size


def write_telegram(path: Path, size: int, seed: int) -> int:
    rng = random.Random(seed)
    stamp = datetime(2019, 1, 1, 8, 0)
    with path.open("w", encoding="utf-8") as out:
        out.write('{\n "name": "Benchmark chat",\n "type": "personal_chat",\n "id": 1,\n')
        out.write(' "messages": [\n')
        written, index = 0, 0
        while written < size:
            stamp += timedelta(seconds=rng.randint(5, 900))
            message = {
                "id": index,
                "type": "message",
                "date": stamp.isoformat(),
                "date_unixtime": str(int(stamp.timestamp())),
                "from": rng.choice(NAMES),
                "from_id": "user1",
                "text": _text(rng),
            }
            chunk = ("  " if index == 0 else ",\n  ") + json.dumps(message, ensure_ascii=False)
            out.write(chunk)
            written += len(chunk)
            index += 1
        out.write("\n ]\n}\n")
    return path.stat().st_size


_PARSE_ONLY = """
import sys, time
from pathlib import Path
from chatscan.core.ingest import IngestLog, IngestOptions, Source, get_format
fmt, path = sys.argv[1], Path(sys.argv[2])
start = time.perf_counter()
messages = get_format(fmt).read(Source(path.name, path=path), IngestOptions(), IngestLog())
count = sum(1 for _ in messages)
print(time.perf_counter() - start, count)
"""


def _timed(cmd: list[str]) -> tuple[float, int, str]:
    """Wall seconds, peak RSS (KB) and stdout of a fresh process."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        p for p in [str(REPO_ROOT / "src"), env.get("PYTHONPATH", "")] if p
    )
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, env=env, cwd=REPO_ROOT, text=True)
    out = proc.stdout.read() if proc.stdout else ""
    _, status, usage = os.wait4(proc.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"{cmd[:4]} failed")
    return time.perf_counter() - start, usage.ru_maxrss, out


def measure(fmt: str, path: Path, work: Path) -> None:
    size = path.stat().st_size / MB
    _, parse_rss, out = _timed([sys.executable, "-c", _PARSE_ONLY, fmt, str(path)])
    parse_s, count = out.split()
    parse_s_f, messages = float(parse_s), int(count)
    scan_s, scan_rss, _ = _timed(
        [sys.executable, "-m", "chatscan", "scan", str(path), "--format", fmt,
         "--out", str(work / f"{fmt}_out"), "--quiet"]
    )  # fmt: skip
    print(f"{fmt:<9} {size:7.1f} MB {messages:>9} messages")
    print(f"  parse only : {parse_s_f:6.2f} s  {size / parse_s_f:6.1f} MB/s  "
          f"{messages / parse_s_f:9.0f} msg/s  peak RSS {parse_rss / 1024:6.1f} MB")  # fmt: skip
    print(f"  parse+scan : {scan_s:6.2f} s  {size / scan_s:6.1f} MB/s  "
          f"{messages / scan_s:9.0f} msg/s  peak RSS {scan_rss / 1024:6.1f} MB "
          "(whole process, reports written)")  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mb", type=float, default=50.0)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="chatscan-ingest-") as tmp:
        work = Path(tmp)
        whatsapp = work / "whatsapp.txt"
        telegram = work / "result.json"
        write_whatsapp(whatsapp, int(args.size_mb * MB), args.seed)
        write_telegram(telegram, int(args.size_mb * MB), args.seed)
        measure("whatsapp", whatsapp, work)
        measure("telegram", telegram, work)
    return 0


if __name__ == "__main__":
    sys.exit(main())
