#include "advad/eval/pca_baseline.h"

#include <stdexcept>

#include <gtest/gtest.h>

namespace advad {
namespace {

// Two channels with y = 2x on rows x = 0..9: one principal direction,
// (1, 2) / sqrt(5), through the mean (4.5, 9).
Dataset line_data() {
  Dataset data;
  data.channels = {"x", "y"};
  data.values = Matrix(10, 2);
  for (std::size_t r = 0; r < 10; ++r) {
    data.values.at(r, 0) = static_cast<float>(r);
    data.values.at(r, 1) = static_cast<float>(2 * r);
  }
  data.segments = {{0, 10, "line"}};
  return data;
}

Dataset two_points() {
  Dataset data;
  data.channels = {"x", "y"};
  data.values = Matrix(2, 2);
  // On the line: (7, 14). Off it: the mean plus (2, -1), which is
  // orthogonal to (1, 2), so it projects onto the mean.
  data.values.at(0, 0) = 7.0F;
  data.values.at(0, 1) = 14.0F;
  data.values.at(1, 0) = 6.5F;
  data.values.at(1, 1) = 8.0F;
  data.segments = {{0, 2, "test"}};
  return data;
}

TEST(PcaBaseline, ScoresDistanceFromSubspace) {
  // Windows of one row. The first component explains all the variance,
  // so one is kept. The point on the line reconstructs exactly (error
  // 0); the other reconstructs as the mean, with error
  // (2^2 + 1^2) / 2 values = 2.5.
  const Dataset train = line_data();
  const Dataset test = two_points();
  PcaBaseline baseline;
  baseline.fit(WindowSet(train, {1, 1}));
  EXPECT_EQ(baseline.pca().component_count(), 1U);
  const std::vector<double> scores = baseline.score(WindowSet(test, {1, 1}));
  ASSERT_EQ(scores.size(), 2U);
  // float32 values and components: errors near 1e-6 of the squares.
  EXPECT_NEAR(scores[0], 0.0, 1e-4);
  EXPECT_NEAR(scores[1], 2.5, 1e-4);
}

TEST(PcaBaseline, ScoreBeforeFitRejected) {
  const Dataset test = two_points();
  const PcaBaseline baseline;
  EXPECT_THROW(baseline.score(WindowSet(test, {1, 1})), std::logic_error);
}

TEST(PcaBaseline, WidthMismatchRejected) {
  const Dataset train = line_data();
  PcaBaseline baseline;
  baseline.fit(WindowSet(train, {1, 1}));
  EXPECT_THROW(baseline.score(WindowSet(train, {2, 1})),
               std::invalid_argument);
}

}  // namespace
}  // namespace advad
