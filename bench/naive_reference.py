"""Naive, deliberately literal re-implementation of the original offline scanner.

This is the yardstick for paragraph (compat) mode: it follows
``shared/spec/seed-scanner.md`` step by step, with no optimisation at all, so that
``bench/compat.py`` can check the product byte for byte against it and time both.

It reads the whole file into memory; do not run it on huge inputs.

Usage: ``python bench/naive_reference.py FILE OUTDIR``
"""

from __future__ import annotations

import csv
import hashlib
import re
import sys
from collections import Counter
from pathlib import Path
from typing import TypedDict

# --- the default rule pack: category -> (TOKEN rules, PHRASE rules), in spec order ---------

RULES: dict[str, tuple[list[str], list[str]]] = {
    "HARM_LANGUAGE": (
        [
            r"\bhurt\b",
            r"\byell(?:ed|ing)?\b",
            r"\bthreat(?:en(?:ed|ing)?)?\b",
            r"\bscared\b",
            r"\btrapped\b",
            r"\bduress\b",
        ],
        [r"\byou made me\b.*\bscared\b", r"\bi was\b.*\bscared\b"],
    ),
    "PROTECTOR_CLAIM": (
        [r"\bprotect(?:ing|ed)?\b", r"\bsafe\b"],
        [
            r"\bi'?m keeping you safe\b",
            r"\bto keep you safe\b",
            r"\bfor your own good\b",
            r"\bi'?m protecting you\b",
        ],
    ),
    "BOUNDARY_LANGUAGE": (
        [r"\bprivacy\b", r"\bboundar(?:y|ies)\b", r"\bstop\b", r"\bno\b"],
        [
            r"\basked (me )?to stop\b",
            r"\bi said no\b",
            r"\basked for privacy\b",
            r"\bdo not contact\b",
        ],
    ),
    "THREAT_OF_EXPOSURE": (
        [r"\bleak\b", r"\bexpose\b", r"\bruin\b"],
        [
            r"\beveryone will know\b",
            r"\bi'?ll tell (everyone|people)\b",
            r"\bi'?m going to post\b",
        ],
    ),
    "SURVEILLANCE_CLAIM": (
        [
            r"\bwatch(?:ing|ed)?\b",
            r"\brecord(?:ing|ed)?\b",
            r"\blisten(?:ing|ed)?\b",
            r"\btracking\b",
            r"\bcamera(?:s)?\b",
            r"\baudio\b",
        ],
        [r"\bi can see (you|this)\b", r"\bi was watching\b", r"\bi recorded\b"],
    ),
    "CONTROL_ACCESS": (
        [
            r"\bpassword\b",
            r"\baccount\b",
            r"\bphotos?\b",
            r"\bcloud\b",
            r"\bmoney\b",
            r"\bfinances?\b",
            r"\blease\b",
        ],
        [
            r"\bi changed your password\b",
            r"\bi have access to your\b.*\baccount\b",
            r"\byou can'?t access\b",
        ],
    ),
}

SEQUENCE_PAIRS: list[tuple[str, str]] = [
    ("HARM_LANGUAGE", "PROTECTOR_CLAIM"),
    ("BOUNDARY_LANGUAGE", "HARM_LANGUAGE"),
    ("THREAT_OF_EXPOSURE", "PROTECTOR_CLAIM"),
]
WINDOW = 6
EXCERPT_LEN = 180

SPLIT_RE = r"\n\s*\n+"
ANCHOR_RE = r"^([A-Za-z][A-Za-z .'\-]{1,60})\s*(?:[,—-])?\s*((?:19|20)\d{2})\s*$"
SPEAKER_RE = r"^([A-Za-z][A-Za-z0-9 .'\-]{1,50})\s*:\s*(.+)$"
TIMESTAMP_RE = (
    r"^\s*(?:\[\s*)?"
    r"(?:\d{1,2}/\d{1,2}/\d{2,4}|\d{4}-\d{2}-\d{2})"
    r"(?:[,\s]*\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp][Mm])?)?"
    r"\s*\]?\s*-?\s*"
)

EVENT_COLUMNS = [
    "entry_index",
    "raw_block_index",
    "context_place",
    "context_year",
    "context_key",
    "speaker",
    "fingerprint",
    "patterns",
    "strengths",
    "text",
]
SEQUENCE_COLUMNS = [
    "sequence",
    "context_key",
    "from_entry",
    "to_entry",
    "from_fp",
    "to_fp",
    "from_excerpt",
    "to_excerpt",
]
NOTES = [
    "- Anchors: lines like 'Iowa 2017' / 'Iowa, 2017' / 'Iowa — 2017'",
    f"- Sequence lookahead window: {WINDOW} entries",
    "- sequences.csv only counts sequences within the same context anchor",
    "- context_summary.csv is pattern counts by context_key (place+year)",
]


class Event(TypedDict):
    entry_index: int
    raw_block_index: int
    context_place: str
    context_year: str
    context_key: str
    speaker: str
    fingerprint: str
    patterns: list[str]
    strengths: dict[str, str]
    text: str


# --- per-entry steps -----------------------------------------------------------------------


def split_entries(text: str) -> list[str]:
    """Split on runs of blank lines, strip, drop empties."""
    parts = [p.strip() for p in re.split(SPLIT_RE, text)]
    return [p for p in parts if p]


def parse_anchor(entry: str) -> tuple[str, str] | None:
    m = re.match(ANCHOR_RE, entry)
    if not m:
        return None
    return m.group(1).strip(), m.group(2)


def parse_speaker(entry: str) -> tuple[str, str]:
    if "\n" not in entry:
        m = re.match(SPEAKER_RE, entry)
        if m:
            return m.group(1).strip(), m.group(2).strip()
    return "", entry


def strip_timestamp(message: str) -> str:
    return re.sub(TIMESTAMP_RE, "", message, count=1).strip()


def fingerprint(message: str) -> str:
    norm = message.lower()
    norm = norm.replace("—", "-").replace("’", "'").replace("“", '"').replace("”", '"')
    norm = re.sub(r"\s+", " ", norm).strip()
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()[:16]


def detect(message: str) -> dict[str, str]:
    """Category -> PHRASE|TOKEN for every category that hits."""
    hits: dict[str, str] = {}
    for category, (tokens, phrases) in RULES.items():
        if any(re.search(p, message, re.IGNORECASE) for p in phrases):
            hits[category] = "PHRASE"
        elif any(re.search(p, message, re.IGNORECASE) for p in tokens):
            hits[category] = "TOKEN"
    return hits


# --- whole-file passes ---------------------------------------------------------------------


def build_events(text: str) -> list[Event]:
    events: list[Event] = []
    seen: set[str] = set()
    place, year, key = "", "", "UNANCHORED"
    for block_index, entry in enumerate(split_entries(text)):
        anchor = parse_anchor(entry)
        if anchor:
            place, year = anchor
            key = f"{place} {year}"
            continue
        speaker, message = parse_speaker(entry)
        message = strip_timestamp(message)
        fp = fingerprint(message)
        if fp in seen:
            continue
        seen.add(fp)
        hits = detect(message)
        if not hits:
            continue
        patterns = sorted(hits)
        events.append(
            Event(
                entry_index=len(events),
                raw_block_index=block_index,
                context_place=place,
                context_year=year,
                context_key=key,
                speaker=speaker,
                fingerprint=fp,
                patterns=patterns,
                strengths={c: hits[c] for c in patterns},
                text=message.replace("\n", "\\n"),
            )
        )
    return events


def find_sequences(events: list[Event]) -> list[list[str | int]]:
    rows: list[list[str | int]] = []
    for i, ev in enumerate(events):
        for start, end in SEQUENCE_PAIRS:
            if start not in ev["patterns"]:
                continue
            for j in range(i + 1, min(i + 1 + WINDOW, len(events))):
                other = events[j]
                if other["context_key"] != ev["context_key"]:
                    continue
                if end in other["patterns"]:
                    rows.append(
                        [
                            f"{start} -> {end}",
                            ev["context_key"],
                            ev["entry_index"],
                            other["entry_index"],
                            ev["fingerprint"],
                            other["fingerprint"],
                            ev["text"][:EXCERPT_LEN],
                            other["text"][:EXCERPT_LEN],
                        ]
                    )
                    break
    return rows


def context_rows(events: list[Event]) -> tuple[list[str], list[list[str | int]]]:
    categories = sorted(RULES)
    counts: dict[str, Counter[str]] = {}
    for ev in events:
        counts.setdefault(ev["context_key"], Counter()).update(ev["patterns"])
    ordered = sorted(counts.items(), key=lambda kv: -sum(kv[1].values()))  # stable
    rows: list[list[str | int]] = [[k, *(c[cat] for cat in categories)] for k, c in ordered]
    return ["context_key", *categories], rows


def summary_text(events: list[Event], sequences: list[list[str | int]]) -> str:
    per_category: Counter[str] = Counter()
    per_strength: Counter[str] = Counter()
    for ev in events:
        for cat in ev["patterns"]:
            per_category[cat] += 1
            per_strength[ev["strengths"][cat]] += 1
    per_sequence: Counter[str] = Counter(str(row[0]) for row in sequences)
    sections = [
        ("PATTERN SUMMARY (deduped, paragraph-chunked)", "=" * 42, per_category),
        ("HIT STRENGTH SUMMARY (PHRASE vs TOKEN)", "=" * 37, per_strength),
        ("SEQUENCE SUMMARY (same-context, windowed)", "=" * 40, per_sequence),
    ]
    lines: list[str] = []
    for title, underline, counter in sections:
        lines += [title, underline]
        lines += [f"{k}: {v}" for k, v in counter.most_common()]  # ties: first-seen order
        lines.append("")
    lines += ["NOTES", "-" * 5, *NOTES]
    return "\n".join(lines) + "\n"


# --- output --------------------------------------------------------------------------------


def write_csv(path: Path, header: list[str], rows: list[list[str | int]]) -> None:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        writer.writerows(rows)


def event_row(ev: Event) -> list[str | int]:
    strengths = ";".join(f"{c}:{ev['strengths'][c]}" for c in ev["patterns"])
    return [
        ev["entry_index"],
        ev["raw_block_index"],
        ev["context_place"],
        ev["context_year"],
        ev["context_key"],
        ev["speaker"],
        ev["fingerprint"],
        ";".join(ev["patterns"]),
        strengths,
        ev["text"],
    ]


def run(input_path: str | Path, out_dir: str | Path) -> list[Event]:
    """Scan ``input_path`` and write the four reports into ``out_dir``; return the events."""
    with open(input_path, encoding="utf-8") as fh:
        text = fh.read()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    events = build_events(text)
    sequences = find_sequences(events)
    write_csv(out / "events.csv", EVENT_COLUMNS, [event_row(ev) for ev in events])
    write_csv(out / "sequences.csv", SEQUENCE_COLUMNS, sequences)
    write_csv(out / "context_summary.csv", *context_rows(events))
    with open(out / "pattern_summary.txt", "w", newline="", encoding="utf-8") as fh:
        fh.write(summary_text(events, sequences))
    return events


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: python bench/naive_reference.py FILE OUTDIR", file=sys.stderr)
        return 2
    events = run(argv[0], argv[1])
    print(f"{len(events)} events written to {argv[1]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
