#!/usr/bin/env bash
# Runs every test: the Swift test suites, every rule's examples
# (glean test), and the validator against the annotated fixtures with the
# quality gate that CI enforces.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-deps.sh
swift build
swift test
.build/debug/glean test --rules Rules
.build/debug/glean validate --rules Rules --summary --min-f1 "${GLEAN_MIN_F1:-0.95}"
