#include "advad/model/alarm_tracker.h"

#include <optional>
#include <vector>

#include <gtest/gtest.h>

namespace advad {
namespace {

// Windows of 3 rows starting at rows 0..5 over 8 rows, threshold 0.5.
// Row scores, the maximum over the windows covering each row (windows
// r-2..r), by hand: 0.1, 0.2, 0.9, 0.9, 0.9, 0.3, 0.1, 0.1.
ScoreReport track_example() {
  AlarmTracker tracker(3, 0.5, {"a", "b"}, 5);
  ScoreReport report;
  std::vector<double> scores = {0.1, 0.2, 0.9, 0.3, 0.1, 0.1};
  for (std::size_t w = 0; w < scores.size(); ++w) {
    std::vector<double> errors;
    if (scores[w] > 0.5) {
      errors = {1.0, 3.0};
    }
    tracker.add_window(w, scores[w], errors, report);
  }
  tracker.finish(8, report);
  return report;
}

TEST(AlarmTracker, RowScoresAreWindowMaxima) {
  ScoreReport report = track_example();
  std::vector<double> expected = {0.1, 0.2, 0.9, 0.9, 0.9, 0.3, 0.1, 0.1};
  ASSERT_EQ(report.points.size(), expected.size());
  for (std::size_t r = 0; r < expected.size(); ++r) {
    EXPECT_EQ(report.points[r].row, r);
    ASSERT_TRUE(report.points[r].score.has_value()) << r;
    EXPECT_EQ(*report.points[r].score, expected[r]) << r;
    EXPECT_EQ(report.points[r].alarm, expected[r] > 0.5) << r;
  }
}

TEST(AlarmTracker, OneEventOverFlaggedRows) {
  ScoreReport report = track_example();
  ASSERT_EQ(report.events.size(), 1U);
  const AlarmEvent& event = report.events[0];
  EXPECT_EQ(event.first_row, 2U);
  EXPECT_EQ(event.last_row, 4U);
  EXPECT_EQ(event.peak_row, 2U);
  EXPECT_EQ(event.peak_score, 0.9);
  EXPECT_EQ(event.windows, 1U);
}

TEST(AlarmTracker, SharesOfFlaggedWindowErrors) {
  // The flagged window's errors 1 and 3 give shares 3/4 for b, 1/4 for a.
  const AlarmEvent event = track_example().events.at(0);
  ASSERT_EQ(event.top_channels.size(), 2U);
  EXPECT_EQ(event.top_channels[0].channel, "b");
  EXPECT_DOUBLE_EQ(event.top_channels[0].share, 0.75);
  EXPECT_EQ(event.top_channels[1].channel, "a");
  EXPECT_DOUBLE_EQ(event.top_channels[1].share, 0.25);
}

TEST(AlarmTracker, TopChannelsLimited) {
  AlarmTracker tracker(1, 0.0, {"a", "b", "c"}, 1);
  ScoreReport report;
  tracker.add_window(0, 1.0, {0.5, 0.2, 0.3}, report);
  tracker.finish(1, report);
  ASSERT_EQ(report.events.at(0).top_channels.size(), 1U);
  EXPECT_EQ(report.events[0].top_channels[0].channel, "a");
}

TEST(AlarmTracker, SeparateRunsSeparateEvents) {
  // Window 1: rows 0, 1, 3 and 4 flagged, row 2 not.
  AlarmTracker tracker(1, 0.5, {"a"}, 5);
  ScoreReport report;
  std::vector<double> scores = {0.9, 0.8, 0.1, 0.7, 0.95};
  for (std::size_t r = 0; r < scores.size(); ++r) {
    std::vector<double> errors;
    if (scores[r] > 0.5) {
      errors = {scores[r]};
    }
    tracker.add_window(r, scores[r], errors, report);
  }
  tracker.finish(5, report);
  ASSERT_EQ(report.events.size(), 2U);
  EXPECT_EQ(report.events[0].last_row, 1U);
  EXPECT_EQ(report.events[1].first_row, 3U);
  EXPECT_EQ(report.events[1].peak_row, 4U);
  EXPECT_EQ(report.events[1].windows, 2U);
}

TEST(AlarmTracker, StrideGapsLeaveRowsUnscored) {
  // Windows of 2 rows every 3 rows over 8 rows start at 0, 3 and 6, so
  // rows 2 and 5 belong to no window.
  AlarmTracker tracker(2, 0.5, {"a"}, 5);
  ScoreReport report;
  for (std::size_t start : {0U, 3U, 6U}) {
    tracker.add_window(start, 0.1, {}, report);
  }
  tracker.finish(8, report);
  ASSERT_EQ(report.points.size(), 8U);
  EXPECT_FALSE(report.points[2].score.has_value());
  EXPECT_FALSE(report.points[5].score.has_value());
  EXPECT_TRUE(report.points[7].score.has_value());
}

TEST(AlarmTracker, RowFinalBehindNextWindow) {
  AlarmTracker tracker(3, 0.5, {"a"}, 5);
  ScoreReport report;
  tracker.add_window(0, 0.1, {}, report);
  EXPECT_TRUE(report.points.empty());
  tracker.add_window(1, 0.1, {}, report);
  ASSERT_EQ(report.points.size(), 1U);  // row 0 only
  EXPECT_EQ(report.points[0].row, 0U);
}

TEST(AlarmTracker, FirstRowOffset) {
  AlarmTracker tracker(2, 0.5, {"a"}, 5, 100);
  ScoreReport report;
  tracker.add_window(100, 0.9, {1.0}, report);
  tracker.finish(102, report);
  ASSERT_EQ(report.points.size(), 2U);
  EXPECT_EQ(report.points[0].row, 100U);
  EXPECT_EQ(report.events.at(0).last_row, 101U);
}

TEST(AlarmTracker, OpenEventClosedAtFinish) {
  AlarmTracker tracker(2, 0.5, {"a"}, 5);
  ScoreReport report;
  tracker.add_window(0, 0.9, {1.0}, report);
  EXPECT_TRUE(report.events.empty());
  tracker.finish(2, report);
  EXPECT_EQ(report.events.size(), 1U);
}

}  // namespace
}  // namespace advad
