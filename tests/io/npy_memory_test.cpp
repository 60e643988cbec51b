// Peak memory of reading a large .npy file, measured in a child process.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

#include "advad/io/npy.h"
#include "test_support.h"

namespace advad {
namespace {

// 20,000,000 float64 values: a 160 MB payload.
constexpr std::size_t kRows = 2'000'000;
constexpr std::size_t kCols = 10;

// Writes a version 1.0 "<f8" file of kRows x kCols values i / 8 in 1 MiB
// pieces, so that the writer never keeps the whole payload in memory.
void write_large_npy(const std::string& path) {
  std::string dict = "{'descr': '<f8', 'fortran_order': False, 'shape': (" +
                     std::to_string(kRows) + ", " + std::to_string(kCols) +
                     "), }";
  dict.append(64 - (10 + dict.size() + 1) % 64, ' ');
  dict.push_back('\n');
  std::ofstream out(path, std::ios::binary);
  out << "\x93NUMPY" << '\x01' << '\x00';
  out.put(static_cast<char>(dict.size() & 0xff));
  out.put(static_cast<char>(dict.size() >> 8));
  out << dict;
  std::vector<double> piece(1 << 17);
  const std::size_t total = kRows * kCols;
  for (std::size_t first = 0; first < total; first += piece.size()) {
    const std::size_t count = std::min(piece.size(), total - first);
    for (std::size_t i = 0; i < count; ++i) {
      piece[i] = static_cast<double>(first + i) / 8.0;
    }
    out.write(reinterpret_cast<const char*>(piece.data()),
              static_cast<std::streamsize>(count * sizeof(double)));
  }
}

// Returns the value in kB of a line such as "VmHWM:  1234 kB" in
// /proc/self/status, or -1.
long status_kb(const char* key) {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind(key, 0) == 0)
      return std::stol(line.substr(std::strlen(key)));
  }
  return -1;
}

struct PeakMeasure {
  double added_bytes = -1;  // peak RSS during the call minus RSS before it
  double returned_bytes = 0;
};

// Runs `read` in a child process after resetting its peak RSS (writing 5
// to /proc/self/clear_refs), and returns the peak RSS the call added.
PeakMeasure measure_in_child(const std::function<std::size_t()>& read) {
  int pipe_ends[2];
  if (::pipe(pipe_ends) != 0) return {};
  const pid_t child = ::fork();
  if (child == 0) {
    ::close(pipe_ends[0]);
    PeakMeasure measure;
    try {
      std::ofstream("/proc/self/clear_refs") << "5";
      const long before = status_kb("VmRSS:");
      measure.returned_bytes = static_cast<double>(read());
      const long peak = status_kb("VmHWM:");
      if (before > 0 && peak > 0) {
        measure.added_bytes = 1024.0 * static_cast<double>(peak - before);
      }
    } catch (...) {
      // The child must never return into the test runner.
      ::_exit(2);
    }
    const ssize_t written = ::write(pipe_ends[1], &measure, sizeof measure);
    ::_exit(written == sizeof measure ? 0 : 1);
  }
  ::close(pipe_ends[1]);
  PeakMeasure measure;
  const ssize_t got = ::read(pipe_ends[0], &measure, sizeof measure);
  ::close(pipe_ends[0]);
  int status = 0;
  ::waitpid(child, &status, 0);
  if (got != sizeof measure) measure.returned_bytes = -1;
  return measure;
}

class NpyMemory : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    scratch_ = new testing::TempDir();
    path_ = scratch_->file("large.npy");
    write_large_npy(path_);
  }
  static void TearDownTestSuite() {
    delete scratch_;
    scratch_ = nullptr;
  }

  static void expect_ratio(const PeakMeasure& measure, const char* reader) {
    ASSERT_GT(measure.returned_bytes, 0)
        << reader << ": the reading child failed";
    if (measure.added_bytes < 0) {
      GTEST_SKIP() << "peak RSS cannot be reset or read on this system";
    }
    const double ratio = measure.added_bytes / measure.returned_bytes;
    std::printf("%s: peak RSS added %.1f MB for %.1f MB returned, ratio %.3f\n",
                reader, measure.added_bytes / 1e6, measure.returned_bytes / 1e6,
                ratio);
    // The reader converts 1 MiB pieces, so the target is a peak below 1.2
    // times the returned matrix.
    EXPECT_LT(ratio, 1.2);
  }

  static testing::TempDir* scratch_;
  static std::string path_;
};

testing::TempDir* NpyMemory::scratch_ = nullptr;
std::string NpyMemory::path_;

TEST_F(NpyMemory, Float32PeakBelowTarget) {
  const PeakMeasure measure = measure_in_child([] {
    const Matrix matrix = npy::read_matrix(path_);
    return matrix.values.size() * sizeof(float);
  });
  expect_ratio(measure, "read_matrix (float32 result)");
}

TEST_F(NpyMemory, Float64PeakBelowTarget) {
  const PeakMeasure measure = measure_in_child([] {
    const Matrix64 matrix = npy::read_matrix64(path_);
    return matrix.values.size() * sizeof(double);
  });
  expect_ratio(measure, "read_matrix64 (float64 result)");
}

}  // namespace
}  // namespace advad
