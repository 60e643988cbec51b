#!/usr/bin/env bash
# Installs missing packages, builds advad and runs the study on generated
# KUKA-like data; extra arguments go to `advad experiment`.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bash "$root/scripts/build.sh"
"$root/build/advad" experiment --out "$root/results" "$@"
