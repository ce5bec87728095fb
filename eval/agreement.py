"""Agreement between the original labels and a second, independent labelling.

Joins eval/dev.jsonl and eval/heldout.jsonl with eval/second_labels.jsonl by id and prints,
per category and per split (dev, heldout, all): Cohen's kappa on the binary decision "the
message has this category", the observed agreement and the counts
a (both yes), b (original yes, second no), c (original no, second yes), d (both no).
Then the pooled kappa over all (message, category) decisions and the share of messages
whose label sets agree exactly.

Usage:
    python3 eval/agreement.py [--second PATH] [--splits dev heldout] [--disagreements N]

``--splits heldout2 --second eval/second_labels_heldout2.jsonl`` gives the same table for
the second held-out split and its own blind second labelling.

With --disagreements N, lists up to N ids per category where the two labellings differ
(ids only, marked + for "second only" and - for "original only").
Standard library only.
"""

import argparse
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SPLITS = ("dev", "heldout")
CATEGORIES = (
    "HARM_LANGUAGE",
    "PROTECTOR_CLAIM",
    "BOUNDARY_LANGUAGE",
    "THREAT_OF_EXPOSURE",
    "SURVEILLANCE_CLAIM",
    "CONTROL_ACCESS",
)


def read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def kappa(a: int, b: int, c: int, d: int) -> tuple[float, float]:
    """Cohen's kappa and observed agreement for a 2x2 table."""
    n = a + b + c + d
    if n == 0:
        return float("nan"), float("nan")
    po = (a + d) / n
    pe = ((a + b) * (a + c) + (c + d) * (b + d)) / (n * n)
    k = 1.0 if pe == 1 else (po - pe) / (1 - pe)
    return k, po


def table(pairs: list[tuple[set, set]], cat: str | None) -> tuple[int, int, int, int]:
    a = b = c = d = 0
    cats = CATEGORIES if cat is None else (cat,)
    for first, second in pairs:
        for k in cats:
            x, y = k in first, k in second
            if x and y:
                a += 1
            elif x:
                b += 1
            elif y:
                c += 1
            else:
                d += 1
    return a, b, c, d


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--second", type=Path, default=HERE / "second_labels.jsonl")
    ap.add_argument("--splits", nargs="+", default=list(SPLITS), metavar="SPLIT")
    ap.add_argument("--disagreements", type=int, default=0, metavar="N")
    args = ap.parse_args()
    splits = tuple(args.splits)

    original: dict[str, tuple[str, set]] = {}
    for split in splits:
        for row in read_jsonl(HERE / f"{split}.jsonl"):
            original[row["id"]] = (split, set(row["labels"]))
    second: dict[str, set] = {}
    for row in read_jsonl(args.second):
        if row["id"] in second:
            print(f"error: duplicate id in second labels: {row['id']}", file=sys.stderr)
            return 1
        unknown = set(row["labels"]) - set(CATEGORIES)
        if unknown:
            print(f"error: {row['id']}: unknown labels {sorted(unknown)}", file=sys.stderr)
            return 1
        second[row["id"]] = set(row["labels"])
    missing = sorted(set(original) - set(second))
    extra = sorted(set(second) - set(original))
    if missing or extra:
        print(
            f"error: {len(missing)} ids missing from second labels {missing[:10]}, "
            f"{len(extra)} extra ids {extra[:10]}",
            file=sys.stderr,
        )
        return 1

    groups = {s: [] for s in (*splits, "all")}
    for mid, (split, labels) in original.items():
        pair = (labels, second[mid])
        groups[split].append(pair)
        groups["all"].append(pair)
    nconv = {
        s: len({m.split("-")[0] for m, (sp, _) in original.items() if s in (sp, "all")})
        for s in groups
    }

    print(
        "second labelling: "
        + ", ".join(f"{s} {len(groups[s])} messages / {nconv[s]} conversations" for s in groups)
    )
    print("a = both yes, b = original only, c = second only, d = both no\n")
    header = (
        f"{'category':<20} {'split':<8} {'kappa':>6} {'p_o':>6} {'a':>4} {'b':>4} {'c':>4} {'d':>5}"
    )
    print(header)
    print("-" * len(header))
    for cat in (*CATEGORIES, None):
        name = cat or "POOLED (all cats)"
        for s in groups:
            a, b, c, d = table(groups[s], cat)
            k, po = kappa(a, b, c, d)
            print(f"{name:<20} {s:<8} {k:>6.3f} {po:>6.3f} {a:>4} {b:>4} {c:>4} {d:>5}")
    print()
    for s in groups:
        same = sum(1 for x, y in groups[s] if x == y)
        n = len(groups[s])
        print(f"exact label-set agreement {s:<8} {same}/{n} = {same / n:.3f}")

    if args.disagreements:
        print()
        for cat in CATEGORIES:
            diff = [
                ("-" if cat in original[m][1] else "+") + m
                for m in sorted(original)
                if (cat in original[m][1]) != (cat in second[m])
            ]
            shown = diff[: args.disagreements]
            more = f" (+{len(diff) - len(shown)} more)" if len(diff) > len(shown) else ""
            print(f"{cat} ({len(diff)}): {' '.join(shown)}{more}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
