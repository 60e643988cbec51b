#include "advad/preprocess/column_statistics.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include <fmt/format.h>

#include "advad/common/error.h"

namespace advad {

std::vector<double> column_values(const ValueView& values, std::size_t col) {
  std::vector<double> result(values.rows());
  for (std::size_t r = 0; r < values.rows(); ++r) {
    result[r] = values.at(r, col);
  }
  return result;
}

std::vector<double> sorted_column(const ValueView& values,
                                  std::size_t col) {
  std::vector<double> result = column_values(values, col);
  std::sort(result.begin(), result.end());
  return result;
}

double quantile_of_sorted(const std::vector<double>& sorted, double q) {
  if (sorted.empty() || !(q >= 0.0 && q <= 1.0)) {
    throw std::invalid_argument(
        fmt::format("quantile {} of {} values", q, sorted.size()));
  }
  double h = static_cast<double>(sorted.size() - 1) * q;
  double below = std::floor(h);
  auto lower = static_cast<std::size_t>(below);
  std::size_t upper = std::min(lower + 1, sorted.size() - 1);
  double gamma = h - below;
  double a = sorted[lower];
  double b = sorted[upper];
  // NumPy interpolates from the nearer end, which keeps the result exact
  // when gamma is 0 or 1.
  double difference = b - a;
  return gamma >= 0.5 ? b - difference * (1.0 - gamma)
                      : a + difference * gamma;
}

double median_of_sorted(const std::vector<double>& sorted) {
  if (sorted.empty()) {
    throw std::invalid_argument("median of no values");
  }
  std::size_t middle = sorted.size() / 2;
  if (sorted.size() % 2 == 1) {
    return sorted[middle];
  }
  return (sorted[middle - 1] + sorted[middle]) / 2.0;
}

MeanVariance mean_variance(const std::vector<double>& values) {
  MeanVariance result;
  if (values.empty()) {
    return result;
  }
  auto count = static_cast<double>(values.size());
  double sum = 0.0;
  for (double v : values) {
    sum += v;
  }
  result.mean = sum / count;
  double correction = 0.0;
  double squares = 0.0;
  for (double v : values) {
    double deviation = v - result.mean;
    correction += deviation;
    squares += deviation * deviation;
  }
  result.variance = (squares - correction * correction / count) / count;
  return result;
}

bool is_constant_variance(double variance, double mean, std::size_t count) {
  constexpr double kEpsilon = std::numeric_limits<double>::epsilon();
  auto n = static_cast<double>(count);
  double mean_term = n * mean * kEpsilon;
  return variance <= n * kEpsilon * variance + mean_term * mean_term;
}

double nonzero_scale(double scale) {
  constexpr double kEpsilon = std::numeric_limits<double>::epsilon();
  return scale < 10.0 * kEpsilon ? 1.0 : scale;
}

std::vector<std::size_t> constant_columns(const ValueView& values) {
  std::vector<std::size_t> constant;
  for (std::size_t c = 0; c < values.cols(); ++c) {
    bool equal = true;
    for (std::size_t r = 1; r < values.rows() && equal; ++r) {
      equal = values.at(r, c) == values.at(0, c);
    }
    if (equal) {
      constant.push_back(c);
    }
  }
  return constant;
}

void check_fit_input(const ValueView& values, const std::string& scaler) {
  if (values.rows() == 0) {
    throw InputError(fmt::format(
        "cannot fit the {} scaler on zero training rows; give training data",
        scaler));
  }
  for (std::size_t r = 0; r < values.rows(); ++r) {
    for (std::size_t c = 0; c < values.cols(); ++c) {
      if (!std::isfinite(values.at(r, c))) {
        throw InputError(fmt::format(
            "cannot fit the {} scaler: training row {}, column {} is {}; "
            "remove or fill non-finite values first",
            scaler, r + 1, c + 1, values.at(r, c)));
      }
    }
  }
}

}  // namespace advad
