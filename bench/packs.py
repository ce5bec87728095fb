"""Matching speed of the built-in rule packs, measured side by side in one run.

    python bench/packs.py [--messages 200000] [--rounds 5] [--backend auto|hyperscan|re]
    python bench/packs.py --slowest 15 [--pack v2]
    python bench/packs.py --scaling

``--scaling`` times Hyperscan's scan alone for random subsets of v2's rules beside
original's: the scan grows with the number of rules, and a v2 rule costs about what an
original keyword rule costs.

``--slowest N`` lists the N rules of a pack whose Hyperscan prefilter expression, compiled
alone, takes longest to scan the export mix (a rule that leads with a common word and a
gap of several words is the usual culprit), to find what to rewrite when the ratio grows.

Two deterministic message mixes:

- ``export``: messages as ``bench/ingest.py`` writes them into its generated WhatsApp
  export (everyday chat, 5% of messages carrying a trigger phrase) — what a long real
  export mostly looks like;
- ``labelled``: the labelled dev split's messages, each repeated with small changes so
  nothing is cached by identity — written against the keywords on purpose, so about two
  in five messages give the packs candidate rules to check: a worst case.

For each mix, times ``engine.match`` of each pack over the whole mix in batches of 4096
(as message mode does), alternating the packs round by round so that machine noise hits
both alike, and prints messages per second for each (best round) and the ratio
``v2 time / original time``. The target for v2 is a ratio of at most 2. Then it times
Hyperscan's scan alone for each pack (no candidate handling, no exact check), and how
that scan of v2 compares with the whole of original's matching: the part of the ratio
that no work in Python can remove.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from chatscan.core.engine import create_engine
from chatscan.core.rules import CompiledRule, load_pack

BENCH_DIR = Path(__file__).resolve().parent
REPO_ROOT = BENCH_DIR.parent
sys.path.insert(0, str(BENCH_DIR))

import ingest  # noqa: E402

DEV = REPO_ROOT / "eval" / "dev.jsonl"
PACKS = ("original", "v2")

EVERYDAY = [
    "on my way, 10 mins",
    "can you grab milk on the way back",
    "lol that's brilliant 😂",
    "running late, start without me",
    "did you see the match last night?",
    "happy birthday!! have the best day x",
    "what time is the dentist tomorrow",
    "ok sounds good",
]


def export_mix(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return [ingest._text(rng) for _ in range(count)]


def labelled_mix(count: int, seed: int) -> list[str]:
    base = [json.loads(line)["text"] for line in DEV.read_text(encoding="utf-8").splitlines()]
    base += EVERYDAY
    rng = random.Random(seed)
    mix = []
    for i in range(count):
        text = rng.choice(base)
        mix.append(f"{text} {i % 97}" if i % 3 else text.upper() if i % 7 == 0 else text)
    return mix


def best_rate(engine: object, texts: list[str], batch: int) -> float:
    start = time.perf_counter()
    for offset in range(0, len(texts), batch):
        engine.match(texts[offset : offset + batch])  # type: ignore[attr-defined]
    return len(texts) / (time.perf_counter() - start)


def _expressions(rules: Sequence[CompiledRule], flags: int) -> list[bytes]:
    """The rules' prefilter expressions, as the engine translates them for messages."""
    from chatscan.core.engine.prefilter import to_hyperscan

    translated = [to_hyperscan(r.pattern, flags, folds=False) for r in rules]
    return [e for e in translated if e is not None]


def _scan(expressions: list[bytes], buffers: list[bytes]) -> float:
    """Seconds Hyperscan takes to scan ``buffers`` with ``expressions``, best of three."""
    import hyperscan

    from chatscan.core.engine.hyperscan_backend import scan_seconds

    db = hyperscan.Database()
    db.compile(
        expressions=expressions,
        ids=list(range(len(expressions))),
        elements=len(expressions),
        flags=[hyperscan.HS_FLAG_CASELESS] * len(expressions),
    )
    return sum(scan_seconds(db, buffer) for buffer in buffers)


def _buffers(texts: list[str], batch: int) -> list[bytes]:
    """The texts as the engine scans them: folded to ASCII, joined per batch."""
    from chatscan.core.engine.prefilter import SEPARATOR, fold_to_ascii

    return [
        SEPARATOR.join(
            fold_to_ascii(t).encode("utf-8", "surrogatepass") for t in texts[i : i + batch]
        )
        for i in range(0, len(texts), batch)
    ]


def slowest(pack_name: str, count: int, texts: list[str]) -> int:
    pack = load_pack(pack_name)
    buffers = _buffers(texts, len(texts))
    floor = _scan([b"zzqzz"], buffers) * 1000
    costs = [
        (_scan(expressions, buffers) * 1000 if expressions else float("nan"), rule.id)
        for rule in pack.rules
        for expressions in [_expressions([rule], pack.flags)]
    ]
    costs.sort(key=lambda c: -c[0])
    print(
        f"{pack_name}: {len(texts):,} export-mix messages; a bare literal scans in {floor:.1f} ms"
    )
    for ms, rule_id in costs[:count]:
        print(f"  {ms:7.1f} ms  {rule_id}")
    return 0


def scan_alone_seconds(
    pack_name: str, texts: list[str], batch: int, sample: int = 0
) -> float | None:
    """Hyperscan's scan of the pack's prefilter database over ``texts`` in batches, no
    candidate handling and no exact check: the floor under the pack's matching time.
    With ``sample``, the database holds only that many of the rules, drawn at random."""
    try:
        import hyperscan  # noqa: F401
    except ImportError:
        return None
    pack = load_pack(pack_name)
    rules = random.Random(sample).sample(pack.rules, sample) if sample else pack.rules
    return _scan(_expressions(rules, pack.flags), _buffers(texts, batch))


def scaling(count: int, seed: int) -> int:
    original_size = len(load_pack("original").rules)
    v2_size = len(load_pack("v2").rules)
    sizes = sorted({original_size, v2_size // 4, v2_size // 2, 3 * v2_size // 4, v2_size})
    for label, make in (("export", export_mix), ("labelled", labelled_mix)):
        texts = make(count, seed)
        original = scan_alone_seconds("original", texts, 4096)
        if original is None:
            print("hyperscan is not installed")
            return 1
        print(f"{label} mix, {len(texts):,} messages: Hyperscan scan alone")
        print(f"  original, {original_size} rules: {original * 1000:6.1f} ms")
        for size in sizes:
            seconds = scan_alone_seconds("v2", texts, 4096, sample=size if size < v2_size else 0)
            print(f"  v2, {size:3} rules:      {seconds * 1000:6.1f} ms")  # type: ignore[operator]
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=200_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--backend", default="auto")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--slowest", type=int, default=0, metavar="N")
    parser.add_argument("--pack", default="v2")
    parser.add_argument("--scaling", action="store_true")
    args = parser.parse_args()
    if args.scaling:
        return scaling(args.messages, args.seed)
    if args.slowest:
        return slowest(args.pack, args.slowest, export_mix(args.messages, args.seed))

    engines = {}
    for name in PACKS:
        pack = load_pack(name)
        engines[name] = create_engine(pack, args.backend)
        print(f"{name}: {len(pack.rules)} rules, engine {engines[name].name}")
    for label, make in (("export", export_mix), ("labelled", labelled_mix)):
        texts = make(args.messages, args.seed)
        rates: dict[str, list[float]] = {name: [] for name in PACKS}
        for _ in range(args.rounds):
            for name in PACKS:
                rates[name].append(best_rate(engines[name], texts, 4096))
        print(f"\n{label} mix, {len(texts):,} messages")
        for name in PACKS:
            print(f"  {name:9} {max(rates[name]):>12,.0f} messages/s (best of {args.rounds})")
        ratio = max(rates["original"]) / max(rates["v2"])
        print(f"  v2 takes {ratio:.2f}x the time of original")
        floors = {name: scan_alone_seconds(name, texts, 4096) for name in PACKS}
        if floors["v2"] is not None and floors["original"] is not None:
            original_ms = len(texts) / max(rates["original"]) * 1000
            print(
                f"  Hyperscan scan alone: original {floors['original'] * 1000:.0f} ms,"
                f" v2 {floors['v2'] * 1000:.0f} ms; v2's scan alone is"
                f" {floors['v2'] * 1000 / original_ms:.2f}x original's whole matching"
                f" ({original_ms:.0f} ms)"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
