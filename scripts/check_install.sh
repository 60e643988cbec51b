#!/usr/bin/env bash
# Checks the installed CMake package: installs advad from a build folder
# into a temporary prefix, builds examples/ against it with
# find_package(advad), trains a small model with the installed program and
# runs the example on it.
#
# Usage: scripts/check_install.sh [BUILD_DIR]   (default: build/)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${1:-$root/build}"
jobs="$(nproc)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release > /dev/null
cmake --build "$build" --target advad advad_api -j "$jobs"
cmake --install "$build" --prefix "$work/prefix" > /dev/null

# The example sees only the installed prefix, not the source tree.
cmake -S "$root/examples" -B "$work/example" -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_PREFIX_PATH="$work/prefix" > /dev/null
cmake --build "$work/example" -j "$jobs"

# Three channels of sine waves; the test file adds a burst on channel b
# in rows 300 to 339 and labels it.
awk 'BEGIN { print "a,b,c";
  for (i = 0; i < 1200; i++)
    printf "%.6f,%.6f,%.6f\n", sin(i / 7), cos(i / 11), sin(i / 5) * 0.5 }' \
  > "$work/train.csv"
awk 'BEGIN { print "a,b,c,anomaly";
  for (i = 0; i < 600; i++) {
    burst = (i >= 300 && i < 340);
    printf "%.6f,%.6f,%.6f,%d\n", sin(i / 7), cos(i / 11) + 3 * burst,
      sin(i / 5) * 0.5, burst } }' > "$work/test.csv"

"$work/prefix/bin/advad" train -q --train "$work/train.csv" \
  --test "$work/test.csv" --label-column anomaly --epochs 3 --seed 1 \
  --out "$work/model.advad" > /dev/null

status=0
"$work/example/score_file" "$work/model.advad" "$work/test.csv" \
  > "$work/example.txt" || status=$?
cat "$work/example.txt"
if [ "$status" -ne 1 ]; then
  echo "check_install: expected exit status 1 (alarm) from the example," \
    "got $status" >&2
  exit 1
fi
if ! grep -q "^  b " "$work/example.txt"; then
  echo "check_install: channel b, which carries the burst, is not among" \
    "the top channels" >&2
  exit 1
fi
echo "check_install: the installed package builds and runs the example"
