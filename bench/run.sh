#!/usr/bin/env bash
# Benchmarks advad against a PyTorch eager reference and against the
# time bound of its matrix products, in one run, and prints every ratio.
#
# Installs what is missing (the build's packages through scripts/setup.sh,
# python3-torch and python3-numpy through apt-get), builds advad and
# bench/advad_bench in build-bench/, generates KUKA-like data and runs
# both sides one after the other, each variant on one core. It also
# records the peak memory of 'advad experiment' on data of the real
# files' size (scale 1.0, 160.8 MB of float64 normal rows).
#
#   bench/run.sh [--scale F] [--epochs N] [--out DIR]
#
# The defaults (scale 0.1, 3 epochs) train on 14,023 windows. They take
# about 5 minutes on 2 cores after the build, and the first build about 6
# more. bench/RESULTS.md records one run.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
scale=0.1
epochs=3
out="${TMPDIR:-/tmp}/advad-bench"
python=/usr/bin/python3  # Debian's, which python3-torch installs into

usage() {
  echo "usage: bench/run.sh [--scale F] [--epochs N] [--out DIR]"
  echo "  --scale F   size of the generated data as a fraction of the real"
  echo "              KUKA files (default $scale)"
  echo "  --epochs N  epochs per timed run (default $epochs)"
  echo "  --out DIR   folder for data and JSON results (default $out)"
}

while [ $# -gt 0 ]; do
  case "$1" in
    --scale) scale="$2"; shift 2 ;;
    --epochs) epochs="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) echo "run.sh: unknown option '$1'" >&2; usage >&2; exit 2 ;;
  esac
done

install_reference_packages() {
  if "$python" -c "import numpy, torch" 2>/dev/null; then
    return
  fi
  echo "run.sh: installing python3-torch and python3-numpy"
  local sudo_cmd=()
  if [ "$(id -u)" -ne 0 ]; then
    sudo_cmd=(sudo)
  fi
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq \
    python3-torch python3-numpy
}

build() {
  local launcher=()
  if command -v ccache > /dev/null; then
    launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  fi
  cmake -S "$root" -B "$root/build-bench" -DCMAKE_BUILD_TYPE=Release \
    -DADVAD_BUILD_BENCH=ON -DADVAD_BUILD_TESTS=OFF "${launcher[@]}" \
    > /dev/null
  cmake --build "$root/build-bench" -j "$(nproc)" --target advad advad_bench
}

bash "$root/scripts/setup.sh"
install_reference_packages
build

advad="$root/build-bench/advad"
bench="$root/build-bench/bench/advad_bench"
mkdir -p "$out"
# Both sides run at the same lower priority, so that the benchmark yields
# to other work on a shared machine and its ratios stay comparable.
run=(nice -n 5)

"$advad" synth --quiet --out "$out/data" --scale "$scale"
# Scale 1.0 writes the real file's 233,792 x 86 float64 values: 160.8 MB.
"$advad" synth --quiet --out "$out/load" --scale 1.0

echo "run.sh: advad (scale $scale, $epochs epochs)" >&2
"${run[@]}" "$bench" train --data "$out/data" --epochs "$epochs" \
  --out "$out/advad.json"
"${run[@]}" "$bench" load --npy "$out/load/KukaNormal.npy" \
  --out "$out/load.json"
echo "run.sh: peak memory of 'advad experiment' on the scale 1.0 data" >&2
# One epoch of one variant is enough to reach the peak of loading, scaling
# and training. The passive OpenMP wait policy only keeps this run from
# the spin-wait slowdown that the thread-settings table shows.
OMP_WAIT_POLICY=passive "${run[@]}" "$python" "$root/bench/peak_memory.py" \
  --kuka "$out/load" --out "$out/experiment_memory.json" -- \
  "$advad" experiment --kuka "$out/load" --variant basic --epochs 1 \
  --no-plot --quiet --out "$out/experiment"
echo "run.sh: PyTorch eager reference" >&2
# torch.set_num_threads() leaves OpenBLAS' own threads alone, so they are
# limited here; advad sets both itself.
OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 "${run[@]}" "$python" \
  "$root/bench/reference.py" --data "$out/data" --epochs "$epochs" \
  --out "$out/reference.json"

"$python" "$root/bench/report.py" "$out/advad.json" "$out/load.json" \
  "$out/reference.json" "$out/experiment_memory.json" | tee "$out/report.md"
echo "run.sh: results in $out" >&2
