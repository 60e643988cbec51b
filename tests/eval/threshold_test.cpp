#include "advad/eval/threshold.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace advad {
namespace {

constexpr double kTolerance = 1e-12;

std::string message_of_invalid_argument(const std::vector<double>& values,
                                        double q) {
  try {
    quantile(values, q);
  } catch (const std::invalid_argument& error) {
    return error.what();
  }
  return "no std::invalid_argument thrown";
}

TEST(Quantile, MedianOfEven) {
  // n = 4, h = 3 * 0.5 = 1.5: halfway between 2 and 3.
  EXPECT_NEAR(quantile({1, 2, 3, 4}, 0.5), 2.5, kTolerance);
}

TEST(Quantile, UnsortedInput) {
  // Sorted 0, 10, 20, 30; h = 3 * 0.25 = 0.75: 0 + 0.75 * 10 = 7.5.
  EXPECT_NEAR(quantile({10, 0, 30, 20}, 0.25), 7.5, kTolerance);
}

TEST(Quantile, UpperFraction) {
  // 1..10, h = 9 * 0.9 = 8.1: 9 + 0.1 * (10 - 9) = 9.1.
  EXPECT_NEAR(quantile({7, 3, 10, 1, 5, 9, 2, 8, 4, 6}, 0.9), 9.1,
              kTolerance);
}

TEST(Quantile, HighLevelOfHundredValues) {
  // 0..99, h = 99 * 0.99 = 98.01: 98 + 0.01 * 1 = 98.01.
  std::vector<double> values(100);
  for (int i = 0; i < 100; ++i) {
    values[static_cast<std::size_t>(i)] = 99 - i;
  }
  EXPECT_NEAR(quantile(values, 0.99), 98.01, 1e-9);
}

TEST(Quantile, EndsAreMinAndMax) {
  EXPECT_EQ(quantile({4, -2, 9, 3}, 0.0), -2.0);
  EXPECT_EQ(quantile({4, -2, 9, 3}, 1.0), 9.0);
}

TEST(Quantile, SingleValue) {
  EXPECT_EQ(quantile({7.25}, 0.0), 7.25);
  EXPECT_EQ(quantile({7.25}, 0.3), 7.25);
  EXPECT_EQ(quantile({7.25}, 1.0), 7.25);
}

TEST(Quantile, RepeatedValues) {
  // Interpolating between equal order statistics gives the value.
  EXPECT_EQ(quantile({5, 5, 5}, 0.7), 5.0);
}

TEST(Quantile, ExtremeValuesStayFinite) {
  // b - a overflows to inf; the midpoint of -x and x is exactly 0.
  const double big = std::numeric_limits<double>::max();
  EXPECT_EQ(quantile({-big, big}, 0.5), 0.0);
}

TEST(Quantile, MatchesSortedFormulaOnRandomValues) {
  // Reference: sort, then the same h = (n - 1) q interpolation written
  // out directly, against the selection-based implementation.
  std::mt19937 generator(7);
  std::normal_distribution<double> normal(0.0, 1.0);
  std::vector<double> values(1001);
  for (double& value : values) {
    value = normal(generator);
  }
  std::vector<double> sorted = values;
  std::sort(sorted.begin(), sorted.end());
  for (double q : {0.0, 0.013, 0.37, 0.5, 0.95, 0.999, 1.0}) {
    const double h = 1000.0 * q;
    const auto low = static_cast<std::size_t>(std::floor(h));
    const auto high = std::min<std::size_t>(low + 1, 1000);
    const double expected =
        sorted[low] + (h - std::floor(h)) * (sorted[high] - sorted[low]);
    EXPECT_NEAR(quantile(values, q), expected, kTolerance) << "q = " << q;
  }
}

TEST(Quantile, EmptyInputRejected) {
  EXPECT_THROW(quantile({}, 0.5), std::invalid_argument);
}

TEST(Quantile, LevelOutsideRangeRejected) {
  const std::string below = message_of_invalid_argument({1, 2}, -0.1);
  const std::string above = message_of_invalid_argument({1, 2}, 1.1);
  EXPECT_NE(below.find("-0.1"), std::string::npos) << below;
  EXPECT_NE(above.find("1.1"), std::string::npos) << above;
}

TEST(Quantile, NanLevelRejected) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  EXPECT_THROW(quantile({1, 2}, nan), std::invalid_argument);
}

TEST(Quantile, NanValueNamesIndex) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const std::string message = message_of_invalid_argument({1, 2, nan}, 0.5);
  EXPECT_NE(message.find("index 2"), std::string::npos) << message;
}

TEST(Quantile, InfiniteValueRejected) {
  const double inf = std::numeric_limits<double>::infinity();
  const std::string message = message_of_invalid_argument({inf, 2}, 0.5);
  EXPECT_NE(message.find("index 0"), std::string::npos) << message;
}

}  // namespace
}  // namespace advad
