#include "test_support.h"

#include <atomic>
#include <cstdlib>
#include <random>

#include <unistd.h>

namespace advad::testing {

std::filesystem::path shared_data_dir() {
  if (const char* custom = std::getenv("ADVAD_SHARED_DATA")) {
    return custom;
  }
  return ADVAD_SHARED_DATA_DIR;
}

TempDir::TempDir() {
  static std::atomic<int> counter{0};
  std::random_device entropy;
  path_ = std::filesystem::temp_directory_path() /
          ("advad-test-" + std::to_string(::getpid()) + "-" +
           std::to_string(counter++) + "-" + std::to_string(entropy()));
  std::filesystem::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

std::string TempDir::file(const std::string& name) const {
  return (path_ / name).string();
}

}  // namespace advad::testing
