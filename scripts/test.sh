#!/usr/bin/env bash
# Runs every test: the formatting check, the Swift test suites, every rule's examples
# (glean test), the validator against the annotated fixtures with the
# quality gate that CI enforces, and, where the shared workspace lies beside
# the repository, the gate on the independently annotated abstracts of
# ../shared/gold/dev.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-deps.sh
# The code is formatted by swift-format with .swift-format (swift format --in-place --recursive Sources Tests Package.swift Plugins).
if swift format --version >/dev/null 2>&1; then
  swift format lint --strict --recursive Sources Tests Package.swift Plugins
else
  echo "format check skipped: swift format is not in this toolchain"
fi
swift build
swift test
.build/debug/glean test --rules Rules
.build/debug/glean validate --rules Rules --summary --min-f1 "${GLEAN_MIN_F1:-0.95}"
GOLD_DEV=../shared/gold/dev
if [ -d "$GOLD_DEV" ]; then
  echo "gold gate: $GOLD_DEV"
  .build/debug/glean validate --rules Rules --summary "$GOLD_DEV" \
    --min-f1 cohort_size=0.92 --min-f1 dose=0.92 --min-f1 cycle_count=0.85 --min-f1 ae_grade=0.85 \
    --min-accuracy dose.drug=0.90 --min-accuracy ae_grade.event=0.85
else
  echo "gold gate skipped: $GOLD_DEV is not beside this clone"
fi
