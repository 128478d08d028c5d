#!/usr/bin/env bash
# Benchmarks `glean extract` against ripgrep and a plain Python regex script
# on one generated literature folder, and writes BENCHMARKS.md at the root of
# the repository.
#
#   Benchmarks/run.sh              # 5 timed runs of each tool after a warm-up
#   BENCH_RUNS=10 Benchmarks/run.sh
#   GLEAN_SCRATCH_PATH=.build-mine Benchmarks/run.sh   # build in another scratch folder
#   GLEAN_BASELINE=/tmp/old/glean GLEAN_BASELINE_RULES=/tmp/old/Rules Benchmarks/run.sh
#                                  # also time a previous build beside this one
#                                  # (GLEAN_BASELINE_LABEL="..." says which, in the report;
#                                  # BENCH_INSTRUCTIONS=1 also counts both builds'
#                                  # instructions with valgrind, some minutes more)
#
# Needs: swift, python3, hyperfine, rg, /usr/bin/time, and ../shared beside
# the repository. Run it on a quiet machine: other work on the cores skews
# every figure. The folder and raw results go to Benchmarks/work/ (git-ignored).
set -euo pipefail

benchmarks="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$benchmarks/.." && pwd)"
shared="$(cd "$repo/../shared" && pwd)"
work="$benchmarks/work"
folder="$work/literature"
patterns="$shared/bench/reference-patterns.txt"
runs="${BENCH_RUNS:-5}"
scratch="${GLEAN_SCRATCH_PATH:-$repo/.build}"

for tool in swift python3 hyperfine rg /usr/bin/time; do
    command -v "$tool" >/dev/null || { echo "run.sh: $tool is not installed" >&2; exit 2; }
done
mkdir -p "$work"
# glean keeps its compiled patterns between runs (README: the compiled-pattern
# cache): the benchmark's own cache, filled by the warm-up run; the cold start
# is timed on its own below.
export GLEAN_CACHE_DIR="$work/pattern-cache"
rm -rf "$GLEAN_CACHE_DIR" "$work/pattern-cache-baseline-rules"

echo "== building glean (release)" >&2
# Built as the README builds it, with the Swift runtime linked in.
swift build --package-path "$repo" --scratch-path "$scratch" -c release --static-swift-stdlib --product glean >&2
glean="$(swift build --package-path "$repo" --scratch-path "$scratch" -c release --static-swift-stdlib --show-bin-path)/glean"

echo "== generating the literature folder" >&2
python3 "$benchmarks/make_corpus.py" "$shared/corpus/abstracts.jsonl" "$folder" >&2

glean_command="$(printf '%q ' "$glean" extract --quiet --output "$work/glean-output.jsonl" "$folder")"
rg_command="$(printf '%q ' rg -P -c -f "$patterns" "$folder")"
python_command="$(printf '%q ' python3 "$benchmarks/python_baseline.py" "$patterns" "$folder")"

uptime > "$work/load-before.txt"
echo "== timing ($runs runs each after a warm-up)" >&2
hyperfine --warmup 1 --runs "$runs" --export-json "$work/hyperfine.json" \
    --command-name glean "$glean_command" \
    --command-name rg "$rg_command" \
    --command-name python "$python_command" >&2

# The same run with a rule set that has no rules: walking, reading, sentence
# splitting and writing records, what glean costs before any rule runs. It
# finds nothing, so it exits 1 (hence its own hyperfine run, ignoring that).
no_rules="$work/no-rules"
rm -rf "$no_rules" && mkdir -p "$no_rules" && cp "$repo/Rules/fields.yaml" "$no_rules/"
reading_command="$(printf '%q ' "$glean" extract --quiet --rules "$no_rules" --output "$work/glean-no-rules.jsonl" "$folder")"
hyperfine --warmup 1 --runs "$runs" --ignore-failure --export-json "$work/hyperfine-no-rules.json" \
    --command-name "glean, no rules" "$reading_command" >&2

# The same run without the compiled-pattern cache (every pattern compiled,
# as on a first run), the two taking turns.
cold_command="$(printf '%q ' env GLEAN_CACHE_DIR= "$glean" extract --quiet --output "$work/glean-cold.jsonl" "$folder")"
python3 "$benchmarks/interleave.py" --runs "$runs" --export-json "$work/hyperfine-cache.json" \
    --command-name "glean, no pattern cache" "$cold_command" \
    --command-name "glean" "$glean_command"

# A previous build and its rules beside this one, in the same sitting, when
# GLEAN_BASELINE (a glean binary) and GLEAN_BASELINE_RULES (its rule folder)
# are set: the host's speed varies too much between sittings to compare runs,
# and it drifts within one, so the two builds take turns run by run
# (interleave.py) rather than one after the other (hyperfine).
rm -f "$work/hyperfine-baseline.json" "$work/hyperfine-baseline-floor.json" "$work/hyperfine-baseline-rules.json" \
    "$work/instructions.txt"
if [ -n "${GLEAN_BASELINE:-}" ]; then
    echo "== beside the previous build (taking turns)" >&2
    baseline_command="$(printf '%q ' "$GLEAN_BASELINE" extract --quiet --rules "${GLEAN_BASELINE_RULES:?set it to the rule folder of the baseline}" --output "$work/glean-baseline.jsonl" "$folder")"
    python3 "$benchmarks/interleave.py" --runs "$runs" --export-json "$work/hyperfine-baseline.json" \
        --command-name "glean, baseline" "$baseline_command" \
        --command-name "glean" "$glean_command"
    # The two floors, also side by side: each build with its own field declarations and no rules (a build
    # refuses declarations newer than it).
    baseline_no_rules="$work/no-rules-baseline"
    rm -rf "$baseline_no_rules" && mkdir -p "$baseline_no_rules" && cp "$GLEAN_BASELINE_RULES/fields.yaml" "$baseline_no_rules/"
    baseline_floor_command="$(printf '%q ' "$GLEAN_BASELINE" extract --quiet --rules "$baseline_no_rules" --output "$work/glean-baseline-no-rules.jsonl" "$folder")"
    python3 "$benchmarks/interleave.py" --runs "$runs" --ignore-failure --export-json "$work/hyperfine-baseline-floor.json" \
        --command-name "glean, baseline, no rules" "$baseline_floor_command" \
        --command-name "glean, no rules" "$reading_command"
    # The engines alone: both builds with the previous build's rules (this build's
    # compiled patterns for them in a cache folder of their own, so that the
    # cache of its own rules stays current for the counts below).
    baseline_rules_command="$(printf '%q ' env GLEAN_CACHE_DIR="$work/pattern-cache-baseline-rules" "$glean" extract --quiet --rules "$GLEAN_BASELINE_RULES" --output "$work/glean-baseline-rules.jsonl" "$folder")"
    python3 "$benchmarks/interleave.py" --runs "$runs" --export-json "$work/hyperfine-baseline-rules.json" \
        --command-name "glean, baseline" "$baseline_command" \
        --command-name "glean, baseline's rules" "$baseline_rules_command"
    # With BENCH_INSTRUCTIONS=1 and valgrind: the instructions each run executes
    # on one thread (callgrind), a count the host's load does not move.
    if [ "${BENCH_INSTRUCTIONS:-0}" = 1 ] && command -v valgrind >/dev/null; then
        echo "== instructions (callgrind, one thread; minutes)" >&2
        # valgrind cannot read the debug information Swift writes: it counts stripped copies.
        strip -o "$work/glean-stripped" "$glean"
        strip -o "$work/glean-baseline-stripped" "$GLEAN_BASELINE"
        count_instructions() {
            valgrind --tool=callgrind --smc-check=all-non-file --callgrind-out-file=/dev/null "$@" --threads 1 \
                --output "$work/glean-instructions.jsonl" "$folder" 2>&1 | awk '/Collected/ {print $NF}'
        }
        {
            echo "glean, baseline $(count_instructions "$work/glean-baseline-stripped" extract --quiet --rules "$GLEAN_BASELINE_RULES")"
            echo "glean $(count_instructions "$work/glean-stripped" extract --quiet)"
            echo "glean, baseline, no rules $(count_instructions "$work/glean-baseline-stripped" extract --quiet --rules "$baseline_no_rules")"
            echo "glean, no rules $(count_instructions "$work/glean-stripped" extract --quiet --rules "$no_rules")"
        } > "$work/instructions.txt"
    fi
fi

echo "== peak memory (one run each under /usr/bin/time -v)" >&2
for name in glean rg python; do
    command_variable="${name}_command"
    /usr/bin/time -v -o "$work/time-$name.txt" bash -c "exec ${!command_variable}" >/dev/null
done

echo "== memory as the folder grows (1,000 and 100,000 abstracts)" >&2
for documents in 1000 100000; do
    scaled="$work/scaled-$documents"
    python3 "$benchmarks/make_corpus.py" "$shared/corpus/abstracts.jsonl" "$scaled" \
        --documents "$documents" --manifest "$work/manifest-$documents.json" >&2
    /usr/bin/time -v -o "$work/time-scaled-$documents.txt" \
        "$glean" extract --quiet --output "$work/glean-scaled-$documents.jsonl" "$scaled" >/dev/null
    rm -rf "$scaled"
done

echo "== one fact-dense document as it grows (150 KB to 1.2 MB), and a 200 MB one-line text" >&2
python3 - "$work" <<'PYTHON'
import sys
work = sys.argv[1]
# A sentence with a fact of every common field, repeated: the densest text there is.
sentence = ("Twelve patients received 20 mg cisplatin and 30 mg/m2 carboplatin for six cycles "
            "(n = 12) with grade 3 neutropenia. ")
for kilobytes in (150, 300, 600, 1200):
    with open(f"{work}/dense-{kilobytes}.txt", "w") as file:
        file.write(sentence * (kilobytes * 1024 // len(sentence)))
with open(f"{work}/one-line-200mb.txt", "w") as file:
    file.write("Twelve patients were enrolled. " * (200 * 1024 * 1024 // 31))
PYTHON
for kilobytes in 150 300 600 1200; do
    hyperfine --warmup 1 --runs 3 --export-json "$work/hyperfine-dense-$kilobytes.json" \
        "$(printf '%q ' "$glean" extract --quiet --output /dev/null "$work/dense-$kilobytes.txt")" >&2
done
/usr/bin/time -v -o "$work/time-one-line.txt" "$glean" extract --quiet --output "$work/glean-one-line.jsonl" \
    "$work/one-line-200mb.txt" >/dev/null || true
rm -f "$work/one-line-200mb.txt"

echo "== where glean's time goes (one thread, --time)" >&2
"$glean" extract --quiet --threads 1 --time --output /dev/null "$folder" 2> "$work/time-profile.txt" || true

python3 "$benchmarks/report.py" --work "$work" --glean "$glean" --runs "$runs" --output "$repo/BENCHMARKS.md"
echo "== wrote $repo/BENCHMARKS.md" >&2
