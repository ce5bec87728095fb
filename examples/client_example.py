"""Analyse a chat export with a running Chat Pattern Scanner service, from Python.

    python examples/client_example.py [FILE] [--url URL] [--out DIR] [--payment-intent-id PI]

The service's address comes from --url, else $CHATSCAN_URL, else http://127.0.0.1:8000
(`chatscan serve` on this machine). Prints the health, the counts per category and the
first events, then saves every report file into --out when it is given.
"""

from __future__ import annotations

import argparse
import os
import sys

from chatscan.client import ChatscanAPIError, Client, PaymentRequired


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", default="examples/sample_chat.txt")
    parser.add_argument("--url", default=os.environ.get("CHATSCAN_URL", "http://127.0.0.1:8000"))
    parser.add_argument("--out", default=None, help="directory for every report file")
    parser.add_argument("--payment-intent-id", default=None)
    args = parser.parse_args(argv)

    with Client(args.url) as api:
        try:
            health = api.health()
            payments = "on" if health["payment_enabled"] else "off"
            print(f"service {health['version']}: {health['status']}, payments {payments}")
            analysis = api.analyze(args.file, payment_intent_id=args.payment_intent_id)
        except PaymentRequired as exc:
            print(f"payment needed: {exc.detail}", file=sys.stderr)
            return 2
        except ChatscanAPIError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 1

        rules = analysis["rules"]
        print(f"{analysis['format']}: {analysis['total_events']} events ({rules['name']} rules)")
        for category, count in sorted(analysis["unique_patterns"].items()):
            print(f"  {category:<24} {count}")
        for event in analysis["events"][:3]:
            rules = ", ".join(hit["rule_id"] for hit in event["hits"])
            print(f"  #{event['entry_index']} {event['speaker'] or '-'}: {rules}")

        if args.out and not args.payment_intent_id:  # a payment pays for one analysis only
            written = api.download_reports(args.file, args.out)
            print(f"reports: {', '.join(path.name for path in written)} -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
