#!/usr/bin/env bash
# Sets glean up on a fresh machine and runs it on the bundled sample folder:
# installs libpcre2-dev if missing, builds the release binary, extracts facts
# from Samples/ into sample-output.jsonl and prints a summary.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-deps.sh
swift build -c release --static-swift-stdlib --product glean
status=0
.build/release/glean extract Samples --output sample-output.jsonl || status=$?
echo "wrote sample-output.jsonl ($(wc -l < sample-output.jsonl) records); first record:"
head -n 1 sample-output.jsonl
# 0: facts found; 1: none found; anything else is a failure.
[ "$status" -le 1 ]
