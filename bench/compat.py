"""Paragraph-mode benchmark: chatscan vs. the naive reference of the original scanner.

    python bench/compat.py [--size-mb 10] [--big-gb 0] [--seed N] [--workdir DIR]

1. Generates a deterministic chat log of about ``--size-mb`` MB (anchors, speakers,
   timestamp prefixes, multi-line entries, exact and near duplicates, ~5% of entries with
   rule terms from the default pack, the rest everyday chat).
2. Times, on that same file, each side two ways, each in a fresh process:
   - the work (``timed_run.py``: the clock starts after imports): ``naive_reference.run``
     against ``chatscan scan FILE --format paragraphs --out DIR --quiet`` called through
     the CLI object — the whole command, from reading the file to the last report file;
   - the whole process (``python bench/naive_reference.py`` against ``python -m chatscan
     scan ...``), which adds each interpreter's start-up and imports.
   It prints both ratios.
3. Compares the four reports byte for byte; exits 1 if any differ (2 if chatscan fails).
4. With ``--big-gb N`` also streams an N-GB log to disk, times chatscan on it and reports
   the child's peak RSS, then deletes the file.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
REPO_ROOT = BENCH_DIR.parent
sys.path.insert(0, str(BENCH_DIR))

import naive_reference  # noqa: E402

REPORT_FILES = ["events.csv", "sequences.csv", "context_summary.csv", "pattern_summary.txt"]
MB = 1024 * 1024
GB = 1024 * MB

HIT_RATE = 0.05
ANCHOR_RATE = 0.004
EXACT_DUP_RATE = 0.02
NEAR_DUP_RATE = 0.01
MULTILINE_RATE = 0.08
TIMESTAMP_RATE = 0.30

# --- vocabulary ----------------------------------------------------------------------------
# Ordinary chat deliberately avoids rule terms (no "no", "stop", "safe", "watch",
# "account", "money", "photo", "cloud", "record", ...); check_vocabulary() enforces it.

NAMES = [
    "Alex", "Jordan", "Sam", "Riley", "Casey", "Morgan", "Taylor", "Jamie", "Dana", "Chris",
    "Mary-Kate", "O'Neil", "Dr. Lee", "J.R.", "Pat Smith", "user42", "Ana Maria", "Kim",
]  # fmt: skip
PLACES = [
    "Iowa", "New York", "California", "St. Louis", "Des Moines", "O'Fallon", "Wilkes-Barre",
    "Texas", "Lake Tahoe", "Portland",
]  # fmt: skip
ANCHOR_SEPARATORS = [" ", ", ", " — ", " - ", "—", ",", "  "]

SLOTS: dict[str, list[str]] = {
    "opener": ["hey", "ok", "sure", "lol", "hmm", "yeah", "hi", "alright", "thanks", "nope",
               "good morning", "morning", "haha", "oh", "wait", "btw", "omg", "yep"],
    "meal": ["lunch", "dinner", "brunch", "breakfast", "coffee", "drinks", "dessert"],
    "when": ["today", "tomorrow", "tonight", "this weekend", "on Friday", "next week",
             "later", "this afternoon", "after work", "on Sunday"],
    "food": ["tacos", "pizza", "bagels", "noodles", "soup", "salad", "pancakes", "curry",
             "sushi", "dumplings", "bread", "apples", "ice cream", "coffee beans", "rice"],
    "thing": ["umbrella", "charger", "blue jacket", "keys", "laptop", "lamp", "backpack",
              "notebook", "grill", "blender", "bike", "guitar", "plant", "rug", "map",
              "headphones", "suitcase", "mug", "scarf", "toaster"],
    "room": ["kitchen", "garage", "hallway", "bedroom", "attic", "basement", "office",
             "porch", "living room", "car"],
    "shop": ["bakery", "grocery store", "pharmacy", "hardware store", "market", "mall",
             "corner shop", "bookstore"],
    "street": ["Main St", "5th Ave", "Oak Road", "Elm Street", "the highway", "Route 9",
               "Maple Drive", "the bridge"],
    "relative": ["Mom", "Dad", "Grandma", "my sister", "my brother", "Aunt Jo", "Uncle Ray",
                 "the kids", "your cousin"],
    "cuisine": ["Thai", "Mexican", "Italian", "Ethiopian", "Korean", "Greek", "Indian"],
    "pet": ["cat", "dog", "puppy", "parrot", "hamster", "kitten"],
    "event": ["concert", "game", "recital", "party", "meeting", "wedding", "movie",
              "parade", "marathon", "bake sale", "class"],
    "chore": ["laundry", "dishes", "vacuuming", "yard work", "grocery run", "taxes"],
    "team": ["the Hawks", "the Cubs", "our team", "the Lions", "the home team"],
    "day": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
    "month": ["January", "March", "May", "June", "August", "October", "December"],
    "bank": ["bank", "savings", "credit union", "checking", "email"],
    "hour": ["6", "7", "7:30", "8", "9", "noon", "midnight", "half past five"],
    "emoji": ["😂", "🙂", "👍", "🎉", "❤️", "🙄", "", "", ""],
}  # fmt: skip

ORDINARY = [
    "{opener}, are we still on for {meal} {when}?",
    "I picked up {food} on the way home.",
    "Did you see the {event} {when}? It was wild {emoji}",
    "The {thing} is in the {room}, next to the {thing}.",
    "Can you grab some {food} from the {shop}?",
    "{opener}! running {n} minutes late, traffic on {street} is terrible.",
    "{relative} says hi, they loved the {food}.",
    "We should try that new {cuisine} place on {street}.",
    "I'll be home around {hour}.",
    "Don't forget the {thing} for {relative}'s birthday.",
    "Just finished the {chore}, going to take a nap.",
    "The {pet} knocked over the {thing} again {emoji}",
    "What time does the {event} start {when}?",
    "It's raining again, bring the {thing}.",
    "{opener}, can you call me when you get a minute?",
    "The game went to overtime, {team} won by {n}.",
    "I think we need more {food} for the weekend.",
    "That café on {street} has the best {food}, naïve of me to doubt it.",
    "Traffic was fine, got here in {n} minutes.",
    "Could you text {relative} about the {event}?",
    "{opener}",
    "{opener} {emoji}",
    "Where did you put the {thing}? I checked the {room} twice.",
    "Room {n} at the {shop}, see you there.",
    "Happy birthday to {relative}! {emoji}",
    "The {meal} place closes at {hour} on {day}.",
    "I'm making {food} {when}, want some?",
    "Remind me to return the {thing} to the {shop}.",
    "Can we move the {event} to {day}?",
    "Got {n} {food} for {n} bucks, what a deal.",
    "Ok I'm leaving now, see you at {hour}.",
    "How was the {event}?",
    "The {pet} needs a bath before {day}.",
    "We're out of {food} again.",
    "Let me know when you're at the {shop}.",
    "{relative} is coming over {when} for {meal}.",
]

TAILS = [
    "{emoji}", "Anyway, {meal} {when}?", "Talk {when}.", "({n} min)", "See you at {hour}.",
    "Also, {relative} called.", "Ugh.", "Seriously.", "Call me after {hour}.",
    "Oh and the {thing} is in the {room}.",
]  # fmt: skip

HIT_PHRASE = [
    "You made me so scared {when}.",
    "I was really scared when the {thing} fell.",
    "I'm keeping you safe, that's all.",
    "It's only to keep you safe.",
    "This is for your own good.",
    "I'm protecting you from {relative}.",
    "I asked you to stop texting after {hour}.",
    "She asked me to stop.",
    "I said no to the {event}.",
    "I asked for privacy last {day}.",
    "Do not contact me again.",
    "Everyone will know about the {thing}.",
    "I'll tell everyone what happened at the {event}.",
    "I'll tell people about the {thing}.",
    "I'm going to post the {thing} online.",
    "I can see you from the {room}.",
    "I can see this is going nowhere.",
    "I was watching the {event} {when}.",
    "I recorded the {event} for {relative}.",
    "I changed your password {when}.",
    "I have access to your {bank} account now.",
    "You can't access the {thing} anymore.",
    "I was scared, stop watching me.",
    "I'll tell everyone unless you stop.",
]
HIT_TOKEN = [
    "The {pet} got hurt at the park.",
    "The neighbours were yelling {when}.",
    "That storm was a real threat to the {thing}.",
    "I felt trapped in the {room} all day.",
    "He signed it under duress, apparently.",
    "Is the {room} safe for the {pet}?",
    "We protected the {thing} with bubble wrap.",
    "Privacy settings on the {thing} are weird.",
    "The property boundary is by the {thing}.",
    "Let's stop at the {shop} first.",
    "no",
    "No, the {event} is on {day}.",
    "There's a leak under the {room} sink.",
    "Don't expose the {thing} to the sun.",
    "The rain will ruin the {event}.",
    "Did you watch the {event} {when}?",
    "Record the {event} for me?",
    "Listening to the new {team} podcast.",
    "The tracking number for the {thing} is {n}.",
    "The camera on my phone is cracked.",
    "Audio on the call was terrible.",
    "What's the wifi password?",
    "I made a new account for the {shop}.",
    "Send me the photo of the {pet}.",
    "It's saved in the cloud folder.",
    "I owe you money for the {food}.",
    "Our finances look better this month.",
    "The lease ends in {month}.",
    "Stop. Just stop.",
    "Were you scared? I'm protecting the {thing}.",
]


# --- generation ----------------------------------------------------------------------------


def fill(template: str, rng: random.Random) -> str:
    """Fill ``{slot}`` fields of a template (each occurrence drawn separately)."""
    parts = template.split("{")
    out = [parts[0]]
    for part in parts[1:]:
        slot, rest = part.split("}", 1)
        value = str(rng.randint(2, 99)) if slot == "n" else rng.choice(SLOTS[slot])
        out.append(value + rest)
    return "".join(out).strip()


def curlify(text: str, rng: random.Random, rate: float) -> str:
    return text.replace("'", "’") if rng.random() < rate else text


def decorate(text: str, rng: random.Random) -> str:
    """Optional opener and tail, so that short sentences are not mostly file-wide dupes."""
    if rng.random() < 0.6:
        text = fill("{opener},", rng) + " " + text
    if rng.random() < 0.7:
        text = text + " " + fill(rng.choice(TAILS), rng)
    return text


def sentence(rng: random.Random, hit: bool) -> str:
    if hit:
        pool = HIT_PHRASE if rng.random() < 0.5 else HIT_TOKEN
        return curlify(decorate(fill(rng.choice(pool), rng), rng), rng, 0.3)
    return curlify(decorate(fill(rng.choice(ORDINARY), rng), rng), rng, 0.1)


def timestamp(rng: random.Random) -> str:
    year, month, day = rng.randint(2015, 2021), rng.randint(1, 12), rng.randint(1, 28)
    hour, minute, sec = rng.randint(1, 12), rng.randint(0, 59), rng.randint(0, 59)
    ampm = rng.choice(["AM", "PM", "am", "pm"])
    forms = [
        f"[{year}-{month:02d}-{day:02d} {hour}:{minute:02d} {ampm}] ",
        f"{month}/{day}/{year} {hour}:{minute:02d} {ampm} - ",
        f"{year}-{month:02d}-{day:02d} {hour + 8:02d}:{minute:02d}:{sec:02d} ",
        f"[{month:02d}/{day:02d}/{year % 100:02d}, {hour}:{minute:02d} {ampm.lower()}] ",
        f"{year}-{month:02d}-{day:02d}T{hour + 8:02d}:{minute:02d}:{sec:02d} ",
        f"{month}/{day}/{year % 100:02d} - ",
    ]
    return rng.choice(forms)


def chat_line(rng: random.Random, hit: bool) -> str:
    """One ``Name: message`` line, sometimes with a timestamp before or after the name."""
    name, text = rng.choice(NAMES), sentence(rng, hit)
    if rng.random() >= TIMESTAMP_RATE:
        return f"{name}: {text}"
    if rng.random() < 0.75:
        return f"{timestamp(rng)}{name}: {text}"
    return f"{name}: {timestamp(rng)}{text}"


def anchor(rng: random.Random) -> str:
    return f"{rng.choice(PLACES)}{rng.choice(ANCHOR_SEPARATORS)}{rng.randint(2014, 2022)}"


def new_entry(rng: random.Random) -> str:
    hit = rng.random() < HIT_RATE
    if rng.random() >= MULTILINE_RATE:
        return chat_line(rng, hit)
    lines = [chat_line(rng, False) for _ in range(rng.randint(2, 4))]
    if hit:
        lines[rng.randrange(len(lines))] = chat_line(rng, True)
    return "\n".join(lines)


def near_duplicate(entry: str, rng: random.Random) -> str:
    """Same fingerprint (case/space/quote changes) or a one-character variant."""
    variants = [
        entry.upper(),
        entry.lower(),
        entry.replace(" ", "   "),
        entry.replace("'", "’"),
        entry + "!",
        "  " + entry.replace(": ", ":\t", 1),
    ]
    return rng.choice(variants)


def entries(seed: int) -> Iterator[str]:
    """Endless deterministic stream of entries (anchors included)."""
    rng = random.Random(seed)
    recent: list[str] = []
    while True:
        roll = rng.random()
        if roll < ANCHOR_RATE:
            yield anchor(rng)
            continue
        if recent and roll < ANCHOR_RATE + EXACT_DUP_RATE:
            entry = rng.choice(recent)
        elif recent and roll < ANCHOR_RATE + EXACT_DUP_RATE + NEAR_DUP_RATE:
            entry = near_duplicate(rng.choice(recent), rng)
        else:
            entry = new_entry(rng)
            recent.append(entry)
            if len(recent) > 300:
                recent.pop(0)
        yield entry


def separator(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.9:
        return "\n\n"
    return "\n\n\n" if roll < 0.95 else "\n \t\n"


def write_log(path: Path, size_bytes: int, seed: int) -> int:
    """Stream entries to ``path`` until it holds at least ``size_bytes``; return its size."""
    sep_rng = random.Random(seed + 1)
    written = 0
    chunk: list[str] = []
    chunk_bytes = 0
    with open(path, "w", encoding="utf-8", newline="") as fh:
        for entry in entries(seed):
            piece = entry + separator(sep_rng)
            chunk.append(piece)
            chunk_bytes += len(piece.encode("utf-8"))
            if chunk_bytes >= MB or written + chunk_bytes >= size_bytes:
                fh.write("".join(chunk))
                written += chunk_bytes
                chunk, chunk_bytes = [], 0
                if written >= size_bytes:
                    break
    return written


def check_vocabulary(seed: int, samples: int = 3000) -> None:
    """Fail loudly if the 'ordinary' sentences start hitting rules."""
    rng = random.Random(seed)
    for _ in range(samples):
        text = sentence(rng, hit=False)
        if naive_reference.detect(text):
            raise SystemExit(f"vocabulary error: ordinary sentence hits a rule: {text!r}")


# --- running and comparing -----------------------------------------------------------------


@dataclass
class Run:
    label: str
    size_bytes: int
    seconds: float
    peak_rss_kb: int | None = None
    outputs: str = ""

    @property
    def mb_per_s(self) -> float:
        return self.size_bytes / MB / self.seconds if self.seconds else float("inf")


def child_env() -> dict[str, str]:
    env = dict(os.environ)
    src = str(REPO_ROOT / "src")
    env["PYTHONPATH"] = os.pathsep.join(p for p in [src, env.get("PYTHONPATH", "")] if p)
    return env


def run_chatscan(log: Path, out_dir: Path) -> tuple[float, int, int]:
    """Run the product on ``log``; return (seconds, exit code, the child's peak RSS in KB)."""
    cmd = [sys.executable, "-m", "chatscan", "scan", str(log), "--format", "paragraphs",
           "--out", str(out_dir), "--quiet"]  # fmt: skip
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=child_env(), cwd=REPO_ROOT)
    _, status, usage = os.wait4(proc.pid, 0)  # rusage of this child alone
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    return seconds, proc.returncode, usage.ru_maxrss


def run_timed(side: str, log: Path, out_dir: Path) -> float:
    """Seconds the work took inside a fresh process, imports excluded (timed_run.py)."""
    cmd = [sys.executable, str(BENCH_DIR / "timed_run.py"), side, str(log), str(out_dir)]
    proc = subprocess.run(cmd, env=child_env(), cwd=REPO_ROOT, capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError(f"{side} failed: {proc.stderr.strip()}")
    return float(proc.stdout.strip().splitlines()[-1])


def run_naive_process(log: Path, out_dir: Path) -> float:
    cmd = [sys.executable, str(BENCH_DIR / "naive_reference.py"), str(log), str(out_dir)]
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def first_difference(a: bytes, b: bytes) -> str:
    la, lb = a.split(b"\n"), b.split(b"\n")
    for i, (x, y) in enumerate(zip(la, lb, strict=False)):
        if x != y:
            return f"line {i + 1}:\n    naive:    {x[:200]!r}\n    chatscan: {y[:200]!r}"
    return f"one is a prefix of the other ({len(la)} vs {len(lb)} lines)"


def compare(naive_dir: Path, product_dir: Path) -> list[str]:
    """Names of report files that differ (or are missing), printing the first difference."""
    bad: list[str] = []
    for name in REPORT_FILES:
        ours, theirs = naive_dir / name, product_dir / name
        if not theirs.is_file():
            print(f"  {name}: MISSING from chatscan output")
            bad.append(name)
            continue
        a, b = ours.read_bytes(), theirs.read_bytes()
        if a == b:
            print(f"  {name}: identical ({len(a)} bytes)")
        else:
            print(f"  {name}: DIFFERS, first at {first_difference(a, b)}")
            bad.append(name)
    return bad


def message_fingerprint(entry: str) -> str:
    _, message = naive_reference.parse_speaker(entry)
    return naive_reference.fingerprint(naive_reference.strip_timestamp(message))


def log_stats(log: Path, events: int) -> str:
    """Entry counts of the log, and the share of (unique) messages that became events."""
    with open(log, encoding="utf-8") as fh:
        blocks = naive_reference.split_entries(fh.read())
    messages = [b for b in blocks if not naive_reference.parse_anchor(b)]
    unique = {message_fingerprint(b) for b in messages}
    pct_all = 100.0 * events / len(messages) if messages else 0.0
    pct_unique = 100.0 * events / len(unique) if unique else 0.0
    return (f"{len(blocks)} entries ({len(blocks) - len(messages)} anchors, {len(messages)} "
            f"messages, {len(unique)} unique); {events} events = {pct_all:.1f}% of messages, "
            f"{pct_unique:.1f}% of unique messages")  # fmt: skip


# --- the benchmark -------------------------------------------------------------------------


def compat_run(work: Path, size_mb: float, seed: int) -> tuple[list[Run], int]:
    log = work / "compat_log.txt"
    size = write_log(log, int(size_mb * MB), seed)
    print(f"generated {log} ({size / MB:.2f} MB, seed {seed})")

    naive_s = run_timed("naive", log, work / "naive_out")
    events = sum(1 for _ in (work / "naive_out" / "events.csv").open(encoding="utf-8")) - 1
    print(f"naive reference, timed in its process: {naive_s:.2f} s, {size / MB / naive_s:.2f} MB/s")
    print(f"  {log_stats(log, events)}")
    naive_proc_s = run_naive_process(log, work / "naive_proc_out")
    print(f"naive reference, whole process: {naive_proc_s:.2f} s")
    runs = [
        Run("naive (work)", size, naive_s, outputs="reference"),
        Run("naive (process)", size, naive_proc_s, outputs="reference"),
    ]
    try:
        in_s = run_timed("chatscan", log, work / "chatscan_in_out")
        seconds, code, rss = run_chatscan(log, work / "chatscan_out")
    except RuntimeError as exc:
        print(exc)
        runs.append(Run("chatscan", size, 0.0, outputs="exit 2"))
        return runs, 2
    if code != 0:
        print(f"chatscan exited with {code}")
        runs.append(Run("chatscan", size, seconds, rss, outputs=f"exit {code}"))
        return runs, 2
    bad = compare(work / "naive_out", work / "chatscan_out")
    bad += compare(work / "naive_out", work / "chatscan_in_out")
    status = "DIFFER" if bad else "identical"
    runs.append(Run("chatscan (work)", size, in_s, outputs=status))
    runs.append(Run("chatscan (process)", size, seconds, rss, outputs=status))
    print(f"chatscan, timed in its process: {in_s:.2f} s; whole process: {seconds:.2f} s")
    return runs, 1 if bad else 0


def big_run(work: Path, big_gb: float, seed: int) -> tuple[Run, int]:
    log = work / "big_log.txt"
    try:
        start = time.perf_counter()
        size = write_log(log, int(big_gb * GB), seed + 1000)
        gen_s = time.perf_counter() - start
        print(f"generated {log} ({size / GB:.2f} GB) in {gen_s:.1f} s")
        seconds, code, rss = run_chatscan(log, work / "big_out")
    finally:
        log.unlink(missing_ok=True)
    status = "ok" if code == 0 else f"exit {code}"
    print(f"chatscan on big file: {seconds:.2f} s, {size / MB / seconds:.2f} MB/s, "
          f"peak RSS {rss / 1024:.1f} MB, {status}")  # fmt: skip
    run = Run(f"chatscan ({big_gb:g} GB)", size, seconds, rss, outputs=status)
    return run, 0 if code == 0 else 2


def print_table(runs: list[Run]) -> None:
    header = f"{'run':<24}{'size MB':>10}{'wall s':>10}{'MB/s':>10}{'peak RSS MB':>13}  outputs"
    print("\nSUMMARY")
    print(header)
    print("-" * len(header))
    for r in runs:
        rss = f"{r.peak_rss_kb / 1024:.1f}" if r.peak_rss_kb is not None else "-"
        print(f"{r.label:<24}{r.size_bytes / MB:>10.1f}{r.seconds:>10.2f}"
              f"{r.mb_per_s:>10.2f}{rss:>13}  {r.outputs}")  # fmt: skip
    by_label = {r.label: r for r in runs}
    pairs = [("work", "reading to last report written"), ("process", "with start-up, imports")]
    for mode, what in pairs:
        naive, ours = by_label.get(f"naive ({mode})"), by_label.get(f"chatscan ({mode})")
        if naive and ours and ours.seconds and not ours.outputs.startswith("exit"):
            print(f"ratio naive/chatscan, {mode} ({what}): {naive.seconds / ours.seconds:.1f}x")


def parse_args(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--size-mb", type=float, default=10.0, help="compat log size (default 10)")
    p.add_argument("--big-gb", type=float, default=0.0, help="also time an N-GB file (0: off)")
    p.add_argument("--seed", type=int, default=20170915, help="generator seed")
    p.add_argument("--workdir", type=Path, default=None, help="parent of the temp dir")
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    check_vocabulary(args.seed)
    with tempfile.TemporaryDirectory(prefix="chatscan-bench-", dir=args.workdir) as tmp:
        work = Path(tmp)
        runs, code = compat_run(work, args.size_mb, args.seed)
        if args.big_gb > 0:
            big, big_code = big_run(work, args.big_gb, args.seed)
            runs.append(big)
            code = code or big_code
    print_table(runs)
    return code


if __name__ == "__main__":
    sys.exit(main())
