#!/usr/bin/env bash
# Builds the libFuzzer targets of the input readers with clang and runs
# each one for SECONDS (default 60) on the edge-case files as seeds.
#
#   scripts/fuzz.sh [SECONDS]
#
# Needs the Debian packages clang and libclang-rt-14-dev. The build,
# the growing corpus and any crashing input stay in $ADVAD_FUZZ_BUILD
# (default build-fuzz in the checkout); the seeds are read from
# $ADVAD_SHARED_DATA/edge_cases (default ../shared/data/edge_cases beside
# the checkout), when it exists, and never written. Exits non-zero when a target crashes;
# the input that crashed it is saved as artifacts/<target>/crash-*.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
seconds="${1:-60}"
build="${ADVAD_FUZZ_BUILD:-$root/build-fuzz}"
seeds="${ADVAD_SHARED_DATA:-$root/../shared/data}/edge_cases"
jobs="${ADVAD_FUZZ_JOBS:-2}"
fuzzers=(npy_fuzzer delimited_fuzzer model_fuzzer)

# Without the shared edge cases the targets still run, from fuzz/seeds/
# and an empty corpus, so a checkout without them is fuzzed all the same.
seed_dirs=()
if [ -d "$seeds" ]; then
  seed_dirs=("$seeds")
else
  echo "fuzz: seed folder $seeds not found, running without it;" \
    "set ADVAD_SHARED_DATA to use the edge cases" >&2
fi

cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_COMPILER=clang++ -DADVAD_BUILD_FUZZERS=ON \
  -DADVAD_BUILD_TESTS=OFF >/dev/null
cmake --build "$build" --target "${fuzzers[@]}" -j "$jobs"

# The targets write their input files into a folder under TMPDIR.
mkdir -p "$build/tmp"
export TMPDIR="$build/tmp"
for fuzzer in "${fuzzers[@]}"; do
  corpus="$build/corpus/$fuzzer"
  artifacts="$build/artifacts/$fuzzer"
  mkdir -p "$corpus" "$artifacts"
  echo "fuzz: running $fuzzer for $seconds s"
  # Targets with seeds of their own find them in fuzz/seeds/<name>.
  extra_seeds=()
  if [ -d "$root/fuzz/seeds/${fuzzer%_fuzzer}" ]; then
    extra_seeds=("$root/fuzz/seeds/${fuzzer%_fuzzer}")
  fi
  "$build/fuzz/$fuzzer" -max_total_time="$seconds" -print_final_stats=1 \
    -artifact_prefix="$artifacts/" "$corpus" "${seed_dirs[@]}" \
    "${extra_seeds[@]}"
done
