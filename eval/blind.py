"""Write label-free copies of the evaluation splits for a blind second labelling.

Reads eval/dev.jsonl and eval/heldout.jsonl (or the splits named on the command line,
e.g. ``python3 eval/blind.py heldout2``) and writes /tmp/blind/<split>.jsonl with only the
fields id, conv, speaker and text.
"""

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = Path("/tmp/blind")
KEEP = ("id", "conv", "speaker", "text")


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    for split in sys.argv[1:] or ("dev", "heldout"):
        src = HERE / f"{split}.jsonl"
        dst = OUT / f"{split}.jsonl"
        n = 0
        with src.open(encoding="utf-8") as fin, dst.open("w", encoding="utf-8") as fout:
            for line in fin:
                if not line.strip():
                    continue
                row = json.loads(line)
                fout.write(json.dumps({k: row[k] for k in KEEP}, ensure_ascii=False) + "\n")
                n += 1
        print(f"{split}: {n} messages -> {dst}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
