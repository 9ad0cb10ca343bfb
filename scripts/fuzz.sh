#!/usr/bin/env bash
# Bounded fuzzing of every cargo-fuzz target of whosaid.
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]
#
#   scripts/fuzz.sh 45            # CI: ~45 s per target (2 targets, plus build time)
#   scripts/fuzz.sh 1800          # the long run: 30 min per target, one hour in all
#
# Needs only the stable toolchain: cargo-fuzz's nightly flags are allowed with
# RUSTC_BOOTSTRAP=1. Installs cargo-fuzz from crates.io when missing. Seeds come from
# fuzz/seeds/ and benches/articles/; the growing corpus stays in fuzz/corpus/ (ignored by
# git). Exits non-zero when a target crashes; the crashing input is in fuzz/artifacts/TARGET/
# and must become a regression file in tests/fuzz_regressions/ (see docs/robustness.md).
set -euo pipefail

SECONDS_PER_TARGET="${1:-60}"
shift || true
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

if [ "$#" -gt 0 ]; then
    TARGETS=("$@")
else
    TARGETS=(core sql)
fi

export RUSTC_BOOTSTRAP=1
if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "fuzz.sh: installing cargo-fuzz" >&2
    cargo install cargo-fuzz --locked
fi

# One libFuzzer process by default (the machine has 2 shared cores); FUZZ_JOBS=N for more.
JOBS="${FUZZ_JOBS:-1}"
# A single input taking longer than this is reported as a hang (linear-time guard).
TIMEOUT="${FUZZ_TIMEOUT:-10}"
# Inputs up to 64 KiB: long enough for nested quotations and big name runs.
MAX_LEN="${FUZZ_MAX_LEN:-65536}"
# AddressSanitizer by default (rusqlite's vtab and FFI code is unsafe); FUZZ_SANITIZER=none
# runs about twice as many inputs per second.
SANITIZER="${FUZZ_SANITIZER:-address}"

EXTRA=()
if [ "$JOBS" -gt 1 ]; then
    # Parallel libFuzzer processes; each writes fuzz-N.log in the current directory.
    EXTRA=(-jobs="$JOBS" -workers="$JOBS")
fi

# Build every target first: a compile error is not a crash.
for target in "${TARGETS[@]}"; do
    cargo fuzz build --fuzz-dir fuzz --sanitizer "$SANITIZER" "$target"
done

status=0
for target in "${TARGETS[@]}"; do
    corpus="fuzz/corpus/$target"
    mkdir -p "$corpus"
    cp -n fuzz/seeds/*/* "$corpus"/ 2>/dev/null || true
    cp -n benches/articles/*.txt "$corpus"/ 2>/dev/null || true
    echo "fuzz.sh: $target for ${SECONDS_PER_TARGET}s" >&2
    if ! cargo fuzz run --fuzz-dir fuzz --sanitizer "$SANITIZER" "$target" "$corpus" -- \
        -max_total_time="$SECONDS_PER_TARGET" -timeout="$TIMEOUT" -rss_limit_mb=4096 \
        -max_len="$MAX_LEN" -print_final_stats=1 "${EXTRA[@]}"; then
        echo "fuzz.sh: $target FAILED; crashing inputs:" >&2
        ls -l "fuzz/artifacts/$target" >&2 || true
        status=1
    fi
done
exit "$status"
