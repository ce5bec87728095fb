"""Time one side of the benchmark inside a fresh process, after its imports.

    python bench/timed_run.py naive|chatscan FILE OUT_DIR

Prints the seconds the work took — from reading FILE to the last report file written —
as the only line on stdout. Interpreter start-up and imports are outside the clock for
both sides alike; ``compat.py`` also times whole processes.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent


def main(side: str, source: str, out: str) -> float:
    if side == "naive":
        sys.path.insert(0, str(BENCH_DIR))
        import naive_reference

        start = time.perf_counter()
        naive_reference.run(Path(source), Path(out))
        return time.perf_counter() - start
    from chatscan.cli import app

    args = ["scan", source, "--format", "paragraphs", "--out", out, "--quiet"]
    start = time.perf_counter()
    try:
        app(args, standalone_mode=False)
    except SystemExit as exc:
        if exc.code:
            raise
    return time.perf_counter() - start


if __name__ == "__main__":
    print(f"{main(*sys.argv[1:4]):.6f}")
