"""Semantic-layer benchmark: messages/s on one core, batched against one at a time.

    python bench/semantic.py [--rounds 2] [--batch-size 16]

Pins the process to one CPU (where the OS allows it) and runs the semantic detector of
the built-in ``v2`` pack with one onnxruntime thread over a realistic message mix: the
messages of eval/dev.jsonl (everyday chat and the six categories, 13 tokens on average),
each once (the detector embeds a repeated text only once, so repeats would flatter it).
Prints messages/s batched (length-sorted batches of ``--batch-size``) and unbatched
(batch size 1), the ratio, and whether the hits are the same. The model is prepared
(converted or read from the cache) and the exemplars embedded before timing; the
conversion time is printed when it happened in this run.
Target: 300 messages/s or more batched.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DEV = REPO_ROOT / "eval" / "dev.jsonl"
TARGET = 300


def pin_to_one_cpu() -> str:
    try:
        cpu = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cpu})
        return f"pinned to CPU {cpu}"
    except (AttributeError, OSError):
        return "not pinned (no sched_setaffinity here)"


def rate(detector: object, texts: list[str], rounds: int) -> tuple[float, list[object]]:
    best, hits = 0.0, []
    for _ in range(rounds):
        started = time.perf_counter()
        hits = detector.detect(texts)  # type: ignore[attr-defined]
        best = max(best, len(texts) / (time.perf_counter() - started))
    return best, hits


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=16)
    args = parser.parse_args()
    pinned = pin_to_one_cpu()  # before onnxruntime starts any thread

    from chatscan.core.rules import load_pack
    from chatscan.semantic import SemanticDetector, available

    reason = available()
    if reason is not None:
        print(f"error: {reason}", file=sys.stderr)
        return 2
    texts = [json.loads(line)["text"] for line in DEV.read_text(encoding="utf-8").splitlines()]
    texts = list(dict.fromkeys(t for t in texts if t.strip()))
    pack = load_pack("v2")
    started = time.perf_counter()
    batched = SemanticDetector.from_pack(pack, batch_size=args.batch_size, threads=1)
    setup = time.perf_counter() - started
    unbatched = SemanticDetector.from_pack(pack, batch_size=1, threads=1)
    model = batched.embedder.model
    how = (
        f"converted in {model.converted_seconds:.1f} s"
        if model.converted_seconds is not None
        else "read from the cache"
    )
    print(f"semantic layer, {pinned}, 1 onnxruntime thread, {model.runtime}")
    print(f"model {model.model_id} sha256 {model.sha256[:12]}... {how}; detector ready in "
          f"{setup:.1f} s")  # fmt: skip
    print(f"messages: {len(texts)} distinct (eval/dev.jsonl), best of {args.rounds} rounds")
    batched.detect(texts[:32])
    unbatched.detect(texts[:8])
    fast, hits_batched = rate(batched, texts, args.rounds)
    slow, hits_alone = rate(unbatched, texts, args.rounds)
    print(f"batched (batch size {args.batch_size}): {fast:8.0f} messages/s")
    print(f"unbatched (batch size 1):   {slow:8.0f} messages/s")
    print(f"ratio batched/unbatched:    {fast / slow:8.2f}x")
    same = hits_batched == hits_alone
    print(f"same hits batched and unbatched: {'yes' if same else 'NO'}")
    print(f"target {TARGET} messages/s batched: {'met' if fast >= TARGET else 'NOT met'}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
