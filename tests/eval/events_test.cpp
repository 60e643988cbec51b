#include "advad/eval/events.h"

#include <stdexcept>

#include <gtest/gtest.h>

namespace advad {
namespace {

constexpr double kTolerance = 1e-12;

// 25 rows: labelled events A = rows 0-9 and B = rows 15-19; flags on
// rows 3-4 (in A), 12, 15-17 (in B) and 22.
std::vector<std::uint8_t> hand_labels() {
  std::vector<std::uint8_t> labels(25, 0);
  for (std::size_t r = 0; r < 10; ++r) {
    labels[r] = 1;
  }
  for (std::size_t r = 15; r < 20; ++r) {
    labels[r] = 1;
  }
  return labels;
}

std::vector<std::uint8_t> hand_flags() {
  std::vector<std::uint8_t> flags(25, 0);
  for (std::size_t r : {3, 4, 12, 15, 16, 17, 22}) {
    flags[r] = 1;
  }
  return flags;
}

TEST(FindEvents, MaximalRuns) {
  const std::vector<Event> events = find_events({1, 1, 0, 1, 0, 0, 1});
  ASSERT_EQ(events.size(), 3U);
  EXPECT_EQ(events[0].begin, 0U);
  EXPECT_EQ(events[0].end, 2U);
  EXPECT_EQ(events[1].begin, 3U);
  EXPECT_EQ(events[1].end, 4U);
  EXPECT_EQ(events[2].begin, 6U);
  EXPECT_EQ(events[2].end, 7U);
}

TEST(FindEvents, RejectsNonBinary) {
  EXPECT_THROW(find_events({0, 3}), std::invalid_argument);
}

TEST(CountEvents, HandCase) {
  // Both labelled events hold a flag. Predicted events: rows 3-4 (in A),
  // 12 (none), 15-17 (in B), 22 (none): 4 predicted, 2 false alarms.
  // Delays: A starts at 0, first flag 3; B starts and is flagged at 15.
  const EventCounts counts = count_events(hand_flags(), hand_labels());
  EXPECT_EQ(counts.labelled, 2U);
  EXPECT_EQ(counts.detected, 2U);
  EXPECT_EQ(counts.predicted, 4U);
  EXPECT_EQ(counts.false_alarms, 2U);
  const std::vector<std::size_t> delays = {3, 0};
  EXPECT_EQ(counts.delays, delays);
  EXPECT_EQ(counts.normal_rows, 10U);
}

TEST(EventMetrics, HandCase) {
  // Precision 2/4, recall 2/2, F1 = 2 * 0.5 / 1.5 = 2/3; mean delay 1.5,
  // max 3. 10 normal rows at 60 s are 1/6 h: 2 false alarms = 12 per h.
  const EventMetrics m =
      event_metrics(count_events(hand_flags(), hand_labels()), 60.0);
  EXPECT_NEAR(m.precision.value(), 0.5, kTolerance);
  EXPECT_NEAR(m.recall.value(), 1.0, kTolerance);
  EXPECT_NEAR(m.f1.value(), 2.0 / 3.0, kTolerance);
  EXPECT_NEAR(m.mean_delay.value(), 1.5, kTolerance);
  EXPECT_EQ(m.max_delay.value(), 3U);
  EXPECT_NEAR(m.false_alarms_per_hour.value(), 12.0, 1e-9);
}

TEST(EventMetrics, UnknownPeriodLeavesRateUndefined) {
  const EventMetrics m =
      event_metrics(count_events(hand_flags(), hand_labels()), std::nullopt);
  EXPECT_FALSE(m.false_alarms_per_hour.has_value());
}

TEST(EventMetrics, NothingFlagged) {
  // No predicted event: precision undefined, recall 0, no delay.
  const EventMetrics m = event_metrics(
      count_events(std::vector<std::uint8_t>(25, 0), hand_labels()), 1.0);
  EXPECT_FALSE(m.precision.has_value());
  EXPECT_NEAR(m.recall.value(), 0.0, kTolerance);
  EXPECT_FALSE(m.f1.has_value());
  EXPECT_FALSE(m.mean_delay.has_value());
  EXPECT_NEAR(m.false_alarms_per_hour.value(), 0.0, kTolerance);
}

TEST(EventMetrics, NonPositivePeriodRejected) {
  const EventCounts counts = count_events(hand_flags(), hand_labels());
  EXPECT_THROW(event_metrics(counts, 0.0), std::invalid_argument);
}

TEST(EventCounts, SumOverFiles) {
  EventCounts total = count_events(hand_flags(), hand_labels());
  total += count_events(hand_flags(), hand_labels());
  EXPECT_EQ(total.labelled, 4U);
  EXPECT_EQ(total.false_alarms, 4U);
  EXPECT_EQ(total.delays.size(), 4U);
  EXPECT_EQ(total.normal_rows, 20U);
}

TEST(CountEvents, SizeMismatchRejected) {
  EXPECT_THROW(count_events({1, 0}, {1}), std::invalid_argument);
}

}  // namespace
}  // namespace advad
