// ROC-AUC and average precision against scikit-learn 1.2.1 on scores
// with many ties.
#include <gtest/gtest.h>

#include "advad/eval/metrics.h"
#include "eval/reference_data.h"

namespace advad {
namespace {

// Both sides sum the same tie groups in a different order.
constexpr double kTolerance = 1e-12;

TEST(SklearnReference, RocAucAndAveragePrecision) {
  const nlohmann::json reference = testing::read_eval_reference("ranking.json");
  ASSERT_EQ(reference["versions"]["sklearn"], "1.2.1");
  ASSERT_EQ(reference["cases"].size(), 3U);
  for (const auto& item : reference["cases"]) {
    const auto scores = item["scores"].get<std::vector<double>>();
    const auto labels = testing::labels_of(item["labels"]);
    EXPECT_NEAR(roc_auc(scores, labels).value(),
                item["roc_auc"].get<double>(), kTolerance);
    EXPECT_NEAR(average_precision(scores, labels).value(),
                item["average_precision"].get<double>(), kTolerance);
  }
}

TEST(RatesFromCounts, HandCounts) {
  // TP 3, FP 1, FN 2: P = 3/4, R = 3/5, F1 = 6 / (4 + 5) = 2/3.
  const Rates rates = rates_from_counts({3, 1, 10, 2});
  EXPECT_NEAR(rates.precision.value(), 0.75, kTolerance);
  EXPECT_NEAR(rates.recall.value(), 0.6, kTolerance);
  EXPECT_NEAR(rates.f1.value(), 2.0 / 3.0, kTolerance);
}

TEST(RatesFromCounts, NoFlagsLeavesPrecisionUndefined) {
  const Rates rates = rates_from_counts({0, 0, 5, 2});
  EXPECT_FALSE(rates.precision.has_value());
  EXPECT_FALSE(rates.f1.has_value());
  EXPECT_NEAR(rates.recall.value(), 0.0, kTolerance);
}

TEST(CountFlags, MatchesHandCount) {
  const ConfusionCounts c = count_flags({1, 0, 1, 0}, {1, 1, 0, 0});
  EXPECT_EQ(c.true_positives, 1U);
  EXPECT_EQ(c.false_negatives, 1U);
  EXPECT_EQ(c.false_positives, 1U);
  EXPECT_EQ(c.true_negatives, 1U);
}

TEST(CountFlags, RejectsBadFlag) {
  EXPECT_THROW(count_flags({2}, {0}), std::invalid_argument);
  EXPECT_THROW(count_flags({1}, {0, 1}), std::invalid_argument);
}

TEST(ConfusionCounts, SumAddsEachField) {
  ConfusionCounts total{1, 2, 3, 4};
  total += ConfusionCounts{10, 20, 30, 40};
  EXPECT_EQ(total.true_positives, 11U);
  EXPECT_EQ(total.false_positives, 22U);
  EXPECT_EQ(total.true_negatives, 33U);
  EXPECT_EQ(total.false_negatives, 44U);
}

}  // namespace
}  // namespace advad
