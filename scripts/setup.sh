#!/usr/bin/env bash
# Installs the Debian packages that advad needs to build, run and test,
# and only those that are missing. Run as root or with sudo available.
set -euo pipefail

packages=(
  build-essential cmake pkg-config
  libtorch-dev            # models, autograd, optimizers
  libopenblas0-pthread    # fast BLAS; libtorch-dev alone pulls the slow reference BLAS
  libopenblas-dev liblapack-dev  # LAPACK for PCA
  libcli11-dev            # command-line parsing
  nlohmann-json3-dev      # results.json and metadata
  libspdlog-dev libfmt-dev  # logging and formatting
  libssl-dev              # SHA-256 checksums of model files and training data
  gnuplot-nox             # comparison.png and comparison.svg
  libgtest-dev googletest # unit tests under CTest
  clang libclang-rt-14-dev  # libFuzzer and sanitizers for scripts/fuzz.sh
)

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null \
      | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "setup: installing ${missing[*]}"
sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  sudo_cmd=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
