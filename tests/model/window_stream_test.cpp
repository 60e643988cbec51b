#include "advad/model/window_stream.h"

#include <numeric>

#include <gtest/gtest.h>

#include "advad/nn/training.h"
#include "model_fixture.h"

namespace advad {
namespace {

Dataset scaled_rows(Model& model, std::size_t row_count) {
  Dataset data;
  data.channels = testing::fixture_channels();
  data.values = Matrix(row_count, 3);
  data.values.values = testing::sine_rows(row_count, 1.5);
  data.segments = {{0, row_count, "rows"}};
  model.scaler->transform(data.values);
  return data;
}

TEST(ChannelErrors, SumToScoreTimesWidth) {
  // A window's score is the mean of its 4 x 3 squared errors, so its
  // per-channel sums add up to 12 times the score (float32 sums, hence
  // the relative tolerance).
  Model model = testing::make_fixture_model();
  Dataset data = scaled_rows(model, 30);
  WindowSet windows(data, {4, 1});
  std::vector<double> scores =
      nn::reconstruction_errors(model.network, windows, torch::kCPU);
  std::vector<std::size_t> indices = {0, 5, 26};
  auto errors = channel_errors(model, windows, indices);
  ASSERT_EQ(errors.size(), 3U);
  for (std::size_t i = 0; i < indices.size(); ++i) {
    ASSERT_EQ(errors[i].size(), 3U);
    double total = std::accumulate(errors[i].begin(), errors[i].end(), 0.0);
    EXPECT_NEAR(total, 12.0 * scores[indices[i]], 1e-5 * total) << i;
  }
}

TEST(WindowStream, StrideSkipsRowsBetweenWindows) {
  // Windows of 4 rows every 6 rows over 20 rows start at 0, 6 and 12.
  Model model = testing::make_fixture_model(nn::Architecture::kBasic, 6);
  std::vector<float> rows = testing::sine_rows(20);
  WindowStream stream(model, 5);
  ScoreReport report;
  for (std::size_t r = 0; r < 20; ++r) {
    stream.push(rows.data() + 3 * r, 1, report);
  }
  stream.finish(report);
  ASSERT_EQ(report.windows.size(), 3U);
  EXPECT_EQ(report.windows[1].first_row, 6U);
  EXPECT_EQ(report.windows[2].first_row, 12U);
  ASSERT_EQ(report.points.size(), 20U);
  EXPECT_FALSE(report.points[4].score.has_value());
  EXPECT_TRUE(report.points[6].score.has_value());
}

TEST(WindowStream, SegmentsScoredSeparately) {
  // Two segments of 10 rows give 7 windows each and none across them.
  Model model = testing::make_fixture_model();
  Dataset data;
  data.channels = testing::fixture_channels();
  data.values = Matrix(20, 3);
  data.values.values = testing::sine_rows(20);
  data.segments = {{0, 10, "one"}, {10, 20, "two"}};
  std::vector<WindowScore> windows;
  std::size_t points = 0;
  score_segments(model, data, 5, [&](ScoreReport&& report) {
    windows.insert(windows.end(), report.windows.begin(),
                   report.windows.end());
    points += report.points.size();
  });
  ASSERT_EQ(windows.size(), 14U);
  EXPECT_EQ(windows[6].first_row, 6U);
  EXPECT_EQ(windows[7].first_row, 10U);
  EXPECT_EQ(points, 20U);
}

}  // namespace
}  // namespace advad
