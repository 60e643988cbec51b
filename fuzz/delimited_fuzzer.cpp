// Fuzz target of the delimited text reader. The first input byte chooses
// the reading options, the rest is the file. Every reading function must
// return a consistent data set or throw InputError.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "advad/io/delimited.h"
#include "advad/io/timestamp.h"
#include "fuzz_support.h"

namespace {

using advad::fuzz::expect_input_error;

// Bits 0-1: delimiter (detected, ',', ';', tab); bit 2: decimal comma;
// bits 3-4: missing-value policy; bit 5: time policy; bit 6: float64;
// bit 7: a one-second gap limit instead of the default.
advad::DelimitedOptions options_from(std::uint8_t bits) {
  advad::DelimitedOptions options;
  constexpr char kDelimiters[] = {0, ',', ';', '\t'};
  if ((bits & 3) != 0) options.delimiter = kDelimiters[bits & 3];
  options.decimal_comma = (bits & 4) != 0;
  options.checks.missing =
      static_cast<advad::MissingPolicy>(((bits >> 3) & 3) % 3);
  options.checks.time_policy =
      (bits & 32) != 0 ? advad::TimePolicy::kReject : advad::TimePolicy::kSplit;
  options.float64 = (bits & 64) != 0;
  if ((bits & 128) != 0) options.checks.max_gap_seconds = 1.0;
  options.label_columns = {"anomaly", "label"};
  options.ignore_columns = {"changepoint"};
  return options;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  advad::fuzz::silence_logging();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size) {
  if (size == 0) return 0;
  const advad::DelimitedOptions options = options_from(data[0]);
  const std::string path =
      advad::fuzz::write_input(data + 1, size - 1, "input.csv");
  expect_input_error([&] {
    advad::InputReport report;
    advad::read_delimited(path, options, &report).validate();
  });
  expect_input_error([&] { advad::read_labels(path); });
  advad::parse_timestamp(
      std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
