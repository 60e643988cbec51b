#include "advad/nn/runtime.h"

#include <climits>
#include <cstdlib>
#include <dlfcn.h>

#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <torch/version.h>

#include "advad/common/error.h"

namespace advad::nn {

namespace {

bool contains(const std::string& text, const char* part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

BlasInfo detect_blas() {
  BlasInfo info;
  void* symbol = ::dlsym(RTLD_DEFAULT, "sgemm_");
  Dl_info where{};
  if (symbol == nullptr || ::dladdr(symbol, &where) == 0 ||
      where.dli_fname == nullptr) {
    return info;
  }
  char resolved[PATH_MAX];
  info.path = ::realpath(where.dli_fname, resolved) != nullptr
                  ? resolved
                  : where.dli_fname;
  // Debian installs the reference BLAS under .../blas/ and the optimized
  // ones under folders named after them (openblas-pthread, blis, atlas).
  bool optimized = contains(info.path, "openblas") ||
                   contains(info.path, "blis") ||
                   contains(info.path, "atlas") || contains(info.path, "mkl");
  info.reference = !optimized;
  return info;
}

void warn_if_slow_blas() {
  BlasInfo info = detect_blas();
  if (info.reference) {
    spdlog::warn(
        "matrix products run on the reference BLAS ({}), about 25 times "
        "slower than OpenBLAS; install it with "
        "'apt-get install libopenblas0-pthread' (scripts/setup.sh does)",
        info.path.empty() ? "unknown library" : info.path);
  }
}

void configure_threads(int threads_per_worker) {
  int threads = std::max(1, threads_per_worker);
  // The matrix products, where the time goes, run in OpenBLAS with its own
  // threads. LibTorch's intra-op OpenMP threads stay at one: on top of
  // OpenBLAS's they spin against each other, and a lone training on a
  // loaded 2-core machine ran over 30 times slower with 2 of them.
  at::set_num_threads(1);
  // OpenBLAS spawns its own threads unless told otherwise; several
  // trainings in parallel would then oversubscribe the cores.
  using SetThreads = void (*)(int);
  if (auto set_openblas = reinterpret_cast<SetThreads>(
          ::dlsym(RTLD_DEFAULT, "openblas_set_num_threads"))) {
    set_openblas(threads);
  }
}

torch::Device parse_device(const std::string& name) {
  torch::Device device = torch::kCPU;
  try {
    device = torch::Device(name);
  } catch (const c10::Error&) {
    throw InputError(fmt::format(
        "unknown device '{}'; use 'cpu', 'cuda' or 'cuda:N'", name));
  }
  if (device.is_cuda() && !torch::cuda::is_available()) {
    throw InputError(fmt::format(
        "device '{}' requested, but this LibTorch build sees no CUDA GPU; "
        "use --device cpu or a CUDA build of LibTorch",
        name));
  }
  if (!device.is_cpu() && !device.is_cuda()) {
    throw InputError(fmt::format(
        "device '{}' is not supported; use 'cpu' or 'cuda'", name));
  }
  return device;
}

std::string torch_version() {
  return fmt::format("{}.{}.{}", TORCH_VERSION_MAJOR, TORCH_VERSION_MINOR,
                     TORCH_VERSION_PATCH);
}

}  // namespace advad::nn
