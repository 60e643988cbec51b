// Process-wide settings of the numeric runtime: threads, BLAS, device.
#pragma once

#include <string>

#include <torch/torch.h>

namespace advad::nn {

// The BLAS library that LibTorch's matrix products call.
struct BlasInfo {
  std::string path;       // resolved file of the library defining sgemm_
  bool reference = false; // true for the slow reference implementation
};

// Finds the library that provides sgemm_ in this process.
BlasInfo detect_blas();

// Logs a warning when the BLAS in use is the reference implementation,
// with the command that installs OpenBLAS.
void warn_if_slow_blas();

// Gives OpenBLAS `threads_per_worker` threads and LibTorch's intra-op
// pool one, so that parallel trainings never ask for more threads than
// the machine has cores and the two pools never compete.
void configure_threads(int threads_per_worker);

// Parses "cpu", "cuda" or "cuda:N". Throws InputError when the device is
// unknown or CUDA is requested but LibTorch was built without it or sees
// no GPU.
torch::Device parse_device(const std::string& name);

// Version string of LibTorch, e.g. "1.13.1".
std::string torch_version();

}  // namespace advad::nn
