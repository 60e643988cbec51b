// Fuzz target of the .npy reader: the input is the file. Every reading
// function must return a consistent result or throw InputError.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "advad/io/delimited.h"
#include "advad/io/experiment_data.h"
#include "advad/io/npy.h"
#include "fuzz_support.h"

namespace {

using advad::fuzz::expect_input_error;

template <typename Matrix>
void check_shape(const Matrix& matrix) {
  if (matrix.rows == 0 || matrix.cols == 0 ||
      matrix.values.size() != matrix.rows * matrix.cols) {
    std::abort();
  }
}

// Chooses the missing-value policy and the precision from the input size,
// so that the corpus covers all of them.
advad::DelimitedOptions series_options(std::size_t size) {
  advad::DelimitedOptions options;
  options.checks.missing = static_cast<advad::MissingPolicy>(size % 3);
  options.float64 = (size / 3) % 2 == 1;
  return options;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  advad::fuzz::silence_logging();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size) {
  const std::string path = advad::fuzz::write_input(data, size, "input.npy");
  expect_input_error([&] { advad::npy::read_header(path); });
  expect_input_error([&] { check_shape(advad::npy::read_matrix(path)); });
  expect_input_error([&] { check_shape(advad::npy::read_matrix64(path)); });
  expect_input_error([&] { advad::npy::read_strings(path); });
  expect_input_error([&] { advad::read_labels(path); });
  expect_input_error([&] {
    advad::InputReport report;
    advad::read_series_file(path, series_options(size), {}, &report).validate();
  });
  return 0;
}
