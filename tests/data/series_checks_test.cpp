#include "advad/data/series_checks.h"

#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <limits>
#include <string>
#include <vector>

#include "advad/common/error.h"

namespace advad {
namespace {

constexpr float kNan = std::numeric_limits<float>::quiet_NaN();

// One channel "x" with `values`, read from the binary file "x.npy".
Dataset series(const std::vector<float>& values) {
  Dataset data;
  data.channels = {"x"};
  data.values = Matrix(values.size(), 1);
  data.values.values = values;
  data.segments = {{0, values.size(), "x.npy"}};
  return data;
}

InputReport binary_report() {
  InputReport report;
  report.rows = RowNames{"x.npy", false};
  return report;
}

std::string error_of(const std::function<void()>& action) {
  try {
    action();
  } catch (const InputError& error) {
    return error.what();
  }
  return "<no InputError>";
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(SeriesChecks, RejectNamesBinaryRow) {
  Dataset data = series({1, 2, kNan, 4});
  InputReport report = binary_report();
  const std::string message = error_of([&] { check_series(data, {}, report); });
  EXPECT_TRUE(contains(message,
                       "x.npy row 2 (0-based), column 'x': value "
                       "'nan' is a missing value"))
      << message;
}

TEST(SeriesChecks, InfinityIsMissing) {
  Dataset data = series({1, std::numeric_limits<float>::infinity(), 3, 5});
  InputReport report = binary_report();
  SeriesCheckOptions options;
  options.missing = MissingPolicy::kInterpolate;
  check_series(data, options, report);
  // Row 1 lies halfway between 1 and 3.
  EXPECT_EQ(data.values.at(1, 0), 2.0f);
  EXPECT_EQ(report.channels[0].missing, 1u);
}

TEST(SeriesChecks, DropSplitsAtEveryRun) {
  Dataset data = series({1, kNan, kNan, 4, 5, kNan, 7});
  InputReport report = binary_report();
  SeriesCheckOptions options;
  options.missing = MissingPolicy::kDrop;
  check_series(data, options, report);
  EXPECT_EQ(data.values.values, (std::vector<float>{1, 4, 5, 7}));
  ASSERT_EQ(data.segments.size(), 3u);
  EXPECT_EQ(data.segments[1].begin, 1u);
  EXPECT_EQ(data.segments[2].begin, 3u);
  EXPECT_EQ(report.segments[1].reason,
            "row 1 (0-based) to row 2 (0-based) dropped (missing values)");
  EXPECT_EQ(report.rows_dropped, 3u);
}

TEST(SeriesChecks, ConstantChannelMarked) {
  Dataset data = series({3, 3, 3});
  InputReport report = binary_report();
  check_series(data, {}, report);
  EXPECT_TRUE(report.channels[0].constant);
}

TEST(SeriesChecks, VaryingChannelNotConstant) {
  Dataset data = series({3, 3, 4});
  InputReport report = binary_report();
  check_series(data, {}, report);
  EXPECT_FALSE(report.channels[0].constant);
}

TEST(SeriesChecks, GapLimitOption) {
  // Steps 1, 1, 5: the default limit is 10 (10 x median 1); a limit of
  // 2 s splits before the last row.
  Dataset data = series({1, 2, 3, 4});
  data.times = {0, 1, 2, 7};
  InputReport report = binary_report();
  SeriesCheckOptions options;
  options.max_gap_seconds = 2.0;
  check_series(data, options, report);
  ASSERT_EQ(data.segments.size(), 2u);
  EXPECT_EQ(data.segments[1].begin, 3u);
  EXPECT_EQ(report.time->gap_limit, 2.0);
  EXPECT_EQ(report.time->median, 1.0);
}

TEST(SeriesChecks, InvalidGapLimit) {
  Dataset data = series({1, 2});
  data.times = {0, 1};
  InputReport report = binary_report();
  SeriesCheckOptions options;
  options.max_gap_seconds = -1.0;
  EXPECT_TRUE(contains(error_of([&] { check_series(data, options, report); }),
                       "not a positive number of seconds"));
}

TEST(SeriesChecks, IrregularCounted) {
  // Steps 1, 1, 1, 1.2, 1.05: median 1; 1.2 differs by more than 10%,
  // 1.05 does not.
  Dataset data = series({1, 2, 3, 4, 5, 6});
  data.times = {0, 1, 2, 3, 4.2, 5.25};
  InputReport report = binary_report();
  check_series(data, {}, report);
  EXPECT_EQ(report.time->irregular, 1u);
  EXPECT_EQ(report.warnings.size(), 1u);
}

TEST(SeriesChecks, PolicyNames) {
  EXPECT_EQ(parse_missing_policy("drop"), MissingPolicy::kDrop);
  EXPECT_EQ(parse_time_policy("reject"), TimePolicy::kReject);
  EXPECT_EQ(to_string(MissingPolicy::kInterpolate), "interpolate");
  EXPECT_TRUE(contains(error_of([] { parse_missing_policy("zero"); }),
                       "choose reject, drop or interpolate"));
}

}  // namespace
}  // namespace advad
