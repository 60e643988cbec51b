#include "advad/eval/point_adjust.h"

#include <stdexcept>

#include <gtest/gtest.h>

#include "eval/reference_data.h"

namespace advad {
namespace {

constexpr double kTolerance = 1e-12;

// The hand case of the event tests: events A = rows 0-9 (2 of 10
// flagged, 20%) and B = rows 15-19 (3 of 5 flagged, 60%), and false
// flags on rows 12 and 22. Point-wise TP 5, FP 2, FN 10.
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

// F1 = 2 TP / (flagged + positives) with 15 positives.
double hand_f1(int k) {
  if (k < 20) {
    return 30.0 / 32.0;  // both events adjusted: TP 15, flagged 17
  }
  if (k < 60) {
    return 14.0 / 24.0;  // B only: TP 7, flagged 9
  }
  return 10.0 / 22.0;  // none: TP 5, flagged 7
}

TEST(AdjustFlags, StrictlyMoreThanK) {
  // A has exactly 20% flagged: adjusted at K = 19, not at K = 20.
  const auto at19 = adjust_flags(hand_flags(), hand_labels(), 19);
  const auto at20 = adjust_flags(hand_flags(), hand_labels(), 20);
  EXPECT_EQ(at19[0], 1);
  EXPECT_EQ(at20[0], 0);
  EXPECT_EQ(at20[19], 1);  // B (60%) is still adjusted
}

TEST(AdjustFlags, KZeroIsPointAdjustment) {
  const auto adjusted = adjust_flags(hand_flags(), hand_labels(), 0);
  for (std::size_t r = 0; r < 10; ++r) {
    EXPECT_EQ(adjusted[r], 1) << "row " << r;
  }
  EXPECT_EQ(adjusted[12], 1);  // false flags stay
  EXPECT_EQ(adjusted[11], 0);
}

TEST(AdjustFlags, KHundredChangesNothing) {
  EXPECT_EQ(adjust_flags(hand_flags(), hand_labels(), 100), hand_flags());
}

TEST(CountAdjusted, HandCountsAtEachLevel) {
  const auto counts =
      count_adjusted(hand_flags(), hand_labels(), {0, 19, 20, 59, 60, 100});
  const std::vector<std::size_t> tp = {15, 15, 7, 7, 5, 5};
  for (std::size_t i = 0; i < tp.size(); ++i) {
    EXPECT_EQ(counts[i].true_positives, tp[i]) << "level index " << i;
    EXPECT_EQ(counts[i].false_positives, 2U) << "level index " << i;
    EXPECT_EQ(counts[i].false_negatives, 15 - tp[i]) << "level index " << i;
  }
}

TEST(PakMetrics, HandCurveAndArea) {
  // F1 is 15/16 for K < 20, 7/12 for 20 <= K < 60 and 5/11 above. With
  // steps of 0.01, the trapezoids give 0.19 * 15/16 + 0.005 * (15/16 +
  // 7/12) + 0.39 * 7/12 + 0.005 * (7/12 + 5/11) + 0.40 * 5/11.
  const std::vector<int> levels = pak_levels();
  const PakMetrics m = pak_metrics(
      count_adjusted(hand_flags(), hand_labels(), levels), levels);
  ASSERT_EQ(m.f1.size(), 101U);
  for (int k : {0, 19, 20, 59, 60, 100}) {
    EXPECT_NEAR(m.f1[static_cast<std::size_t>(k)].value(), hand_f1(k),
                kTolerance)
        << "K = " << k;
  }
  EXPECT_NEAR(m.pa_f1.value(), 15.0 / 16.0, kTolerance);
  const double area = 0.19 * 15.0 / 16.0 +
                      0.005 * (15.0 / 16.0 + 7.0 / 12.0) + 0.39 * 7.0 / 12.0 +
                      0.005 * (7.0 / 12.0 + 5.0 / 11.0) + 0.40 * 5.0 / 11.0;
  EXPECT_NEAR(m.auc.value(), area, 1e-12);
}

TEST(PakMetrics, RandomFlagsInflatePaOnly) {
  // One long event of 100 rows with a single flag in it: PA counts the
  // whole event, so PA F1 = 2 * 100 / (101 + 100), but PA%K adjusts only
  // for K < 1 and the area stays near the point-wise F1 2 / 101.
  std::vector<std::uint8_t> labels(200, 0);
  std::vector<std::uint8_t> flags(200, 0);
  for (std::size_t r = 50; r < 150; ++r) {
    labels[r] = 1;
  }
  flags[70] = 1;
  flags[10] = 1;
  const std::vector<int> levels = pak_levels();
  const PakMetrics m =
      pak_metrics(count_adjusted(flags, labels, levels), levels);
  EXPECT_NEAR(m.pa_f1.value(), 200.0 / 201.0, kTolerance);
  const double area = 0.005 * (200.0 / 201.0 + 2.0 / 102.0) +
                      0.99 * 2.0 / 102.0;
  EXPECT_NEAR(m.auc.value(), area, kTolerance);
}

TEST(PakMetrics, NoFlagsLeavesAreaUndefined) {
  const std::vector<int> levels = pak_levels();
  const PakMetrics m = pak_metrics(
      count_adjusted(std::vector<std::uint8_t>(25, 0), hand_labels(), levels),
      levels);
  EXPECT_FALSE(m.pa_f1.has_value());
  EXPECT_FALSE(m.auc.has_value());
}

TEST(PakMetrics, MatchesNumpyTranscription) {
  // range_metrics.json: PA%K F1 at K = 0..100 from the script's own
  // NumPy transcription of the definition, on flags = score > 6.
  const nlohmann::json reference =
      testing::read_eval_reference("range_metrics.json");
  for (const auto& item : reference["cases"]) {
    const auto scores = item["scores"].get<std::vector<double>>();
    const auto labels = testing::labels_of(item["labels"]);
    std::vector<std::uint8_t> flags;
    for (double score : scores) {
      flags.push_back(score > item["threshold"].get<double>() ? 1 : 0);
    }
    const std::vector<int> levels = pak_levels();
    const PakMetrics m =
        pak_metrics(count_adjusted(flags, labels, levels), levels);
    for (std::size_t k = 0; k < levels.size(); ++k) {
      EXPECT_NEAR(m.f1[k].value(), item["pak_f1"][k].get<double>(),
                  kTolerance)
          << "K = " << k;
    }
  }
}

TEST(AdjustFlags, RejectsBadLevel) {
  EXPECT_THROW(adjust_flags(hand_flags(), hand_labels(), 101),
               std::invalid_argument);
  EXPECT_THROW(adjust_flags(hand_flags(), hand_labels(), -1),
               std::invalid_argument);
}

}  // namespace
}  // namespace advad
