#include "advad/eval/point_scores.h"

#include <limits>
#include <stdexcept>

#include <gtest/gtest.h>

#include "advad/common/error.h"

namespace advad {
namespace {

constexpr double kTolerance = 1e-12;

// One channel, segments of 6 rows ("a") and 2 rows ("b").
Dataset two_segments() {
  Dataset data;
  data.channels = {"x"};
  data.values = Matrix(8, 1);
  data.labels = {0, 0, 1, 1, 0, 0, 1, 0};
  data.segments = {{0, 6, "a"}, {6, 8, "b"}};
  return data;
}

TEST(WindowScoresToPoints, MaxOfCoveringWindows) {
  // Windows of 3 rows start at rows 0, 1, 2, 3 of segment "a"; segment
  // "b" is too short. Row 2 is covered by windows 0, 1, 2 (scores 1, 5,
  // 2): max 5; row 5 only by window 3 (score 4).
  const Dataset data = two_segments();
  const WindowSet windows(data, {3, 1});
  ASSERT_EQ(windows.size(), 4U);
  const PointScores points = window_scores_to_points(
      windows, {1.0, 5.0, 2.0, 4.0}, PointAggregation::kMax);
  EXPECT_NEAR(points.values[0].value(), 1.0, kTolerance);
  EXPECT_NEAR(points.values[1].value(), 5.0, kTolerance);
  EXPECT_NEAR(points.values[2].value(), 5.0, kTolerance);
  EXPECT_NEAR(points.values[3].value(), 5.0, kTolerance);
  EXPECT_NEAR(points.values[4].value(), 4.0, kTolerance);
  EXPECT_NEAR(points.values[5].value(), 4.0, kTolerance);
}

TEST(WindowScoresToPoints, MeanOfCoveringWindows) {
  // Row 2: (1 + 5 + 2) / 3; row 3: (5 + 2 + 4) / 3; row 4: (2 + 4) / 2.
  const Dataset data = two_segments();
  const WindowSet windows(data, {3, 1});
  const PointScores points = window_scores_to_points(
      windows, {1.0, 5.0, 2.0, 4.0}, PointAggregation::kMean);
  EXPECT_NEAR(points.values[2].value(), 8.0 / 3.0, kTolerance);
  EXPECT_NEAR(points.values[3].value(), 11.0 / 3.0, kTolerance);
  EXPECT_NEAR(points.values[4].value(), 3.0, kTolerance);
}

TEST(WindowScoresToPoints, ShortSegmentExcluded) {
  // The rows of segment "b" have no score, not a score of 0.
  const Dataset data = two_segments();
  const WindowSet windows(data, {3, 1});
  const PointScores points = window_scores_to_points(
      windows, {1.0, 5.0, 2.0, 4.0}, PointAggregation::kMax);
  EXPECT_EQ(points.excluded, 2U);
  EXPECT_FALSE(points.values[6].has_value());
  EXPECT_FALSE(points.values[7].has_value());
}

TEST(WindowScoresToPoints, StrideTailExcluded) {
  // Windows of 2 rows with stride 3 in segment "a" start at 0 and 3 and
  // cover rows 0, 1, 3, 4: rows 2 and 5 have no score.
  const Dataset data = two_segments();
  const WindowSet windows(data, {2, 3});
  const PointScores points =
      window_scores_to_points(windows, {1.0, 2.0, 3.0}, PointAggregation::kMax);
  EXPECT_FALSE(points.values[2].has_value());
  EXPECT_FALSE(points.values[5].has_value());
  EXPECT_NEAR(points.values[7].value(), 3.0, kTolerance);
  EXPECT_EQ(points.excluded, 2U);
}

TEST(WindowScoresToPoints, RejectsBadScores) {
  const Dataset data = two_segments();
  const WindowSet windows(data, {3, 1});
  const double nan = std::numeric_limits<double>::quiet_NaN();
  EXPECT_THROW(window_scores_to_points(windows, {1.0, 2.0},
                                       PointAggregation::kMax),
               std::invalid_argument);
  EXPECT_THROW(window_scores_to_points(windows, {1.0, nan, 2.0, 3.0},
                                       PointAggregation::kMax),
               std::invalid_argument);
}

TEST(ScoredRows, KeepsScoredRowsWithLabels) {
  const Dataset data = two_segments();
  const WindowSet windows(data, {3, 1});
  const PointScores points = window_scores_to_points(
      windows, {1.0, 5.0, 2.0, 4.0}, PointAggregation::kMax);
  const ScoredRows rows = scored_rows(points, data.labels, 0, 8);
  const std::vector<std::uint8_t> labels = {0, 0, 1, 1, 0, 0};
  const std::vector<std::size_t> kept = {0, 1, 2, 3, 4, 5};
  EXPECT_EQ(rows.rows, kept);
  EXPECT_EQ(rows.scores.size(), 6U);
  EXPECT_EQ(rows.labels, labels);
  EXPECT_EQ(rows.excluded, 2U);
}

TEST(ScoredRows, RowsBetweenWindowsExcluded) {
  // Windows of 2 rows every 3 rows cover rows 0-1 and 3-4 of segment "a"
  // and rows 6-7 of segment "b", so rows 2 and 5 have no score.
  const Dataset data = two_segments();
  const WindowSet windows(data, {2, 3});
  const PointScores points =
      window_scores_to_points(windows, {1.0, 2.0, 3.0}, PointAggregation::kMax);
  const ScoredRows rows = scored_rows(points, data.labels, 0, 6);
  const std::vector<std::size_t> kept = {0, 1, 3, 4};
  EXPECT_EQ(rows.rows, kept);
  EXPECT_EQ(rows.excluded, 2U);
  EXPECT_THROW(scored_rows(points, data.labels, 0, 99), std::invalid_argument);
}

TEST(PointAggregation, ParsesNames) {
  EXPECT_EQ(parse_point_aggregation("max"), PointAggregation::kMax);
  EXPECT_EQ(parse_point_aggregation("mean"), PointAggregation::kMean);
  EXPECT_THROW(parse_point_aggregation("median"), InputError);
}

}  // namespace
}  // namespace advad
