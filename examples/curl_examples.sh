#!/usr/bin/env bash
# The curl calls shown in the README and docs/, against a service on this machine
# (start it first with `chatscan serve`). Run from anywhere:
#   bash examples/curl_examples.sh                                 payments off (the default)
#   PAYMENTS=on PAYMENT_INTENT_ID=pi_... bash examples/curl_examples.sh
# Each answer is saved in $OUT_DIR (default ./curl-out), which gets its own copy of
# examples/sample_chat.txt. Tests run this very file against a live service, with its
# address put in place of http://127.0.0.1:8000.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="${OUT_DIR:-curl-out}"
mkdir -p "$work/examples"
cp "$repo/examples/sample_chat.txt" "$work/examples/"
cd "$work"

# Is it up? (status, database, whether payments are on, version)
curl -s http://127.0.0.1:8000/health > health.json
# The rule pack: categories, sequences, window, formats accepted
curl -s http://127.0.0.1:8000/patterns > patterns.json

if [ "${PAYMENTS:-off}" = off ]; then
    # Analyse a chat: JSON with the counts, the CSVs, the events
    curl -F file=@examples/sample_chat.txt http://127.0.0.1:8000/analyze > analysis.json
    # Name the format instead of detecting it
    curl -F file=@examples/sample_chat.txt -F format=paragraphs http://127.0.0.1:8000/analyze > paragraphs.json
    # Every report file in one ZIP (the CSVs, pattern_summary.txt, report.json, report.html)
    curl -F file=@examples/sample_chat.txt -o reports.zip "http://127.0.0.1:8000/analyze?output=zip"
else
    # Start a payment at the server's price (the web page confirms it with Stripe.js)
    curl -X POST http://127.0.0.1:8000/create-payment-intent > intent.json
    # Analyse with a payment Stripe reports as succeeded
    curl -F file=@examples/sample_chat.txt -F payment_intent_id="$PAYMENT_INTENT_ID" http://127.0.0.1:8000/analyze > paid.json
fi
echo "answers saved in $work"
