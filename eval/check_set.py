#!/usr/bin/env python3
"""Check the labelled evaluation set (eval/dev.jsonl, eval/heldout.jsonl) and print its counts.

Checks, for both files: every line is one JSON object with exactly the fields id, conv,
speaker, text and labels, of the right types; labels are category names of the rule pack,
without repeats and in the pack's order; ids are unique across both files and read
``<conv>-NN`` in message order; the lines of a conversation are together; a conversation
has 8 to 30 messages; no conversation is in both files.

Prints messages, conversations and positives per category for each split, the share of
messages with no label, and the hard negatives: messages that one of the pack's patterns
matches in a category the message is not labelled with (strict: messages with no label at
all that a pattern matches). The patterns are read from the pack YAML with a small reader
for its one-line rule entries, so the script needs nothing beyond the standard library.

Exit code 0 when everything is in order, 1 when a check fails, 2 when a file is missing.
Usage: python3 eval/check_set.py [--pack PATH] [FILE ...]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_FILES = (HERE / "dev.jsonl", HERE / "heldout.jsonl")
DEFAULT_PACK = HERE.parent / "src" / "chatscan" / "core" / "rules" / "packs" / "original.yaml"
CATEGORIES = (
    "HARM_LANGUAGE",
    "PROTECTOR_CLAIM",
    "BOUNDARY_LANGUAGE",
    "THREAT_OF_EXPOSURE",
    "SURVEILLANCE_CLAIM",
    "CONTROL_ACCESS",
)
FIELDS = ("id", "conv", "speaker", "text", "labels")
MIN_MESSAGES, MAX_MESSAGES = 8, 30

RULE_LINE = re.compile(
    r"^\s*-\s*\{id:\s*(?P<id>[\w.:-]+),\s*category:\s*(?P<category>\w+),"
    r"\s*tier:\s*\w+,\s*pattern:\s*'(?P<pattern>(?:[^']|'')*)'\s*\}\s*$"
)
CATEGORY_LINE = re.compile(r"^\s*-\s*name:\s*(?P<name>[A-Z][A-Z0-9_]*)\s*$")


def read_pack(path: Path) -> tuple[list[str], list[tuple[str, str, re.Pattern[str]]]]:
    """Category names and (rule id, category, compiled pattern) from the pack's one-line
    rule entries (``- {id: …, category: …, tier: …, pattern: '…'}``)."""
    categories: list[str] = []
    rules: list[tuple[str, str, re.Pattern[str]]] = []
    section = ""
    for line in path.read_text(encoding="utf-8").splitlines():
        if re.match(r"^[a-z_]+:", line):
            section = line.split(":", 1)[0]
            continue
        if section == "categories" and (match := CATEGORY_LINE.match(line)):
            categories.append(match["name"])
        elif section == "rules" and (match := RULE_LINE.match(line)):
            pattern = match["pattern"].replace("''", "'")
            rules.append((match["id"], match["category"], re.compile(pattern, re.IGNORECASE)))
    return categories, rules


def check_file(
    path: Path, categories: tuple[str, ...], seen_ids: dict[str, str], problems: list[str]
) -> list[dict]:
    """The valid records of one file; every problem found is appended to ``problems``."""
    records: list[dict] = []
    order = {name: index for index, name in enumerate(categories)}
    finished: set[str] = set()
    current: str | None = None
    number_in_conv = 0
    where = path.name
    raw_lines = path.read_text(encoding="utf-8").split("\n")
    if raw_lines and raw_lines[-1] == "":
        raw_lines.pop()
    for line_no, raw in enumerate(raw_lines, start=1):
        at = f"{where}:{line_no}"
        if not raw.strip():
            problems.append(f"{at}: blank line")
            continue
        try:
            record = json.loads(raw)
        except json.JSONDecodeError as exc:
            problems.append(f"{at}: not valid JSON ({exc.msg}, column {exc.colno})")
            continue
        if not isinstance(record, dict):
            problems.append(f"{at}: not a JSON object")
            continue
        if set(record) != set(FIELDS):
            missing = sorted(set(FIELDS) - set(record))
            extra = sorted(set(record) - set(FIELDS))
            problems.append(
                f"{at}: fields must be {', '.join(FIELDS)} (missing {missing}, extra {extra})"
            )
            continue
        bad_types = [
            key
            for key in ("id", "conv", "speaker", "text")
            if not isinstance(record[key], str) or not record[key].strip()
        ]
        if bad_types:
            problems.append(f"{at}: {', '.join(bad_types)} must be non-empty text")
            continue

        message_id, conv = record["id"], record["conv"]
        if message_id in seen_ids:
            problems.append(f"{at}: id {message_id!r} already used at {seen_ids[message_id]}")
        seen_ids.setdefault(message_id, at)
        if conv != current:
            if conv in finished:
                problems.append(f"{at}: conversation {conv!r} is not contiguous")
            if current is not None:
                finished.add(current)
            current, number_in_conv = conv, 0
        number_in_conv += 1
        expected = f"{conv}-{number_in_conv:02d}"
        if message_id != expected:
            problems.append(f"{at}: id {message_id!r} should be {expected!r} (message order)")

        labels = record["labels"]
        if not isinstance(labels, list) or not all(isinstance(x, str) for x in labels):
            problems.append(f"{at}: labels must be a list of category names")
            continue
        unknown = [label for label in labels if label not in order]
        if unknown:
            problems.append(f"{at}: unknown label(s) {unknown}")
            continue
        if len(set(labels)) != len(labels):
            problems.append(f"{at}: a label is repeated: {labels}")
        if labels != sorted(labels, key=order.__getitem__):
            problems.append(f"{at}: labels not in the pack's category order: {labels}")
        records.append(record)
    sizes = Counter(record["conv"] for record in records)
    for conv, size in sizes.items():
        if not MIN_MESSAGES <= size <= MAX_MESSAGES:
            problems.append(
                f"{where}: conversation {conv!r} has {size} messages "
                f"(expected {MIN_MESSAGES}-{MAX_MESSAGES})"
            )
    return records


def hard_negatives(
    records: list[dict], rules: list[tuple[str, str, re.Pattern[str]]]
) -> tuple[int, int]:
    """(messages a pattern matches in a category they are not labelled with,
    messages with no label that a pattern matches)."""
    broad = strict = 0
    for record in records:
        matched = {category for _, category, rx in rules if rx.search(record["text"])}
        if matched - set(record["labels"]):
            broad += 1
            if not record["labels"]:
                strict += 1
    return broad, strict


def share(part: int, whole: int) -> str:
    return f"{part} ({100 * part / whole:.1f}%)" if whole else "0"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("files", nargs="*", type=Path, default=list(DEFAULT_FILES))
    parser.add_argument("--pack", type=Path, default=DEFAULT_PACK, help="rule pack YAML")
    args = parser.parse_args(argv)

    missing = [str(path) for path in [*args.files, args.pack] if not path.is_file()]
    if missing:
        print(f"error: no such file: {', '.join(missing)}", file=sys.stderr)
        return 2

    problems: list[str] = []
    pack_categories, rules = read_pack(args.pack)
    if tuple(pack_categories) != CATEGORIES:
        problems.append(f"{args.pack.name}: categories {pack_categories} differ from {CATEGORIES}")
    if not rules:
        problems.append(f"{args.pack.name}: no rules could be read")

    seen_ids: dict[str, str] = {}
    splits: dict[str, list[dict]] = {}
    conv_file: dict[str, str] = {}
    for path in args.files:
        records = check_file(path, CATEGORIES, seen_ids, problems)
        splits[path.stem] = records
        for conv in dict.fromkeys(record["conv"] for record in records):
            if conv in conv_file:
                problems.append(
                    f"conversation {conv!r} is in both {conv_file[conv]} and {path.name}"
                )
            conv_file.setdefault(conv, path.name)

    everything = [record for records in splits.values() for record in records]
    columns = [*splits, "total"]
    tables = {**splits, "total": everything}
    width = max(len(name) for name in CATEGORIES)
    print(f"{'':{width}}  " + "  ".join(f"{name:>16}" for name in columns))

    def row(title: str, values: list[str]) -> None:
        print(f"{title:{width}}  " + "  ".join(f"{value:>16}" for value in values))

    row("messages", [str(len(tables[name])) for name in columns])
    row("conversations", [str(len({r["conv"] for r in tables[name]})) for name in columns])
    for category in CATEGORIES:
        row(category, [str(sum(category in r["labels"] for r in tables[name])) for name in columns])
    unlabelled = {name: sum(not r["labels"] for r in tables[name]) for name in columns}
    row("no label", [share(unlabelled[name], len(tables[name])) for name in columns])
    row("multi-label", [str(sum(len(r["labels"]) > 1 for r in tables[n])) for n in columns])
    if rules:
        counts = {name: hard_negatives(tables[name], rules) for name in columns}
        row("hard negatives", [share(counts[n][0], len(tables[n])) for n in columns])
        row("  strict (no label)", [share(counts[n][1], len(tables[n])) for n in columns])
    if len(everything):
        held = sum(len(records) for name, records in splits.items() if "heldout" in name)
        print(f"held-out share of messages: {share(held, len(everything))}")

    if problems:
        print(f"\n{len(problems)} problem(s):", file=sys.stderr)
        for problem in problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    print("\nOK: " + ("both files are" if len(splits) == 2 else f"all {len(splits)} files are") + " valid")
    return 0


if __name__ == "__main__":
    sys.exit(main())
