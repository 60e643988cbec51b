#include "advad/eval/threshold.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

#include <fmt/format.h>

namespace advad {
namespace {

// "NaN" for any NaN (fmt would print "nan" or "-nan"), else the value.
std::string describe_number(double value) {
  return std::isnan(value) ? std::string("NaN") : fmt::format("{}", value);
}

void check_level(double q) {
  if (!(q >= 0.0 && q <= 1.0)) {
    throw std::invalid_argument(fmt::format(
        "quantile level q = {} is outside [0, 1]; choose q between 0 and 1",
        describe_number(q)));
  }
}

void check_values(const std::vector<double>& values) {
  if (values.empty()) {
    throw std::invalid_argument(
        "cannot take a quantile of no values; provide at least one score");
  }
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (!std::isfinite(values[i])) {
      throw std::invalid_argument(fmt::format(
          "value at index {} is {}; a quantile needs finite values, so "
          "check the scores for NaN or overflow",
          i, describe_number(values[i])));
    }
  }
}

// Returns a + (b - a) t for a <= b, evaluated from the nearer end as
// numpy's _lerp does, so that t = 1 gives b exactly.
double interpolate(double a, double b, double t) {
  if (t == 0.0) {
    return a;
  }
  const double difference = b - a;
  if (std::isinf(difference)) {
    // b - a overflows for values of opposite sign near the double limit,
    // but this form cannot overflow and keeps the result finite.
    return a * (1.0 - t) + b * t;
  }
  if (t >= 0.5) {
    return b - difference * (1.0 - t);
  }
  return a + difference * t;
}

}  // namespace

double quantile(std::vector<double> values, double q) {
  check_level(q);
  check_values(values);
  const double position = static_cast<double>(values.size() - 1) * q;
  const auto lower_index = static_cast<std::size_t>(std::floor(position));
  const double fraction = position - static_cast<double>(lower_index);

  const auto lower = values.begin() + static_cast<long>(lower_index);
  std::nth_element(values.begin(), lower, values.end());
  if (lower + 1 == values.end()) {
    return *lower;
  }
  // After nth_element every element past `lower` is >= *lower, so the
  // next order statistic is the smallest of them.
  const double upper = *std::min_element(lower + 1, values.end());
  return interpolate(*lower, upper, fraction);
}

}  // namespace advad
