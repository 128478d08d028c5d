#!/bin/sh
# Fuzzes the input readers with libFuzzer for SECONDS (default 600) seconds.
# New interesting inputs go to Fuzz/Corpus; a crash is written to
# Fuzz/Regressions, which the reader tests replay (FuzzRegressionTests).
#   scripts/fuzz.sh [SECONDS]
set -eu
cd "$(dirname "$0")/../Fuzz"
# lld: gold stops with an internal error on the fuzzer runtime's symbols.
swift build -c release -Xswiftc -sanitize=fuzzer -Xswiftc -Xclang-linker -Xswiftc -fuse-ld=lld
mkdir -p Corpus Regressions
.build/release/FuzzReaders Corpus -max_total_time="${1:-600}" -max_len=65536 -timeout=10 \
    -artifact_prefix=Regressions/ -print_final_stats=1
