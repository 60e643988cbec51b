#include "advad/eval/series_evaluation.h"

#include <algorithm>

#include <gtest/gtest.h>

namespace advad {
namespace {

constexpr double kTolerance = 1e-12;

TEST(SeriesCounts, DataSetF1FromSummedCounts) {
  // File 1: 1 positive, flagged exactly: F1 = 1. File 2: 9 positives, 1
  // of them flagged: TP 1, FN 8, F1 = 2 / (1 + 9) = 0.2. The mean of
  // per-file F1 is 0.6, but the data set has TP 2, FP 0, FN 8:
  // F1 = 4 / (2 + 10) = 1/3.
  const SeriesCounts first = count_series({0, 1, 0}, {0, 1, 0});
  std::vector<std::uint8_t> labels(12, 0);
  std::fill(labels.begin(), labels.begin() + 9, std::uint8_t{1});
  std::vector<std::uint8_t> flags(12, 0);
  flags[0] = 1;
  const SeriesCounts second = count_series(flags, labels);
  SeriesCounts total;
  total += first;
  total += second;
  EXPECT_EQ(total.rows, 15U);
  const CountMetrics m = metrics_from_counts(total, std::nullopt);
  EXPECT_NEAR(m.point.f1.value(), 1.0 / 3.0, kTolerance);
  EXPECT_NEAR(metrics_from_counts(first, std::nullopt).point.f1.value(), 1.0,
              kTolerance);
  EXPECT_NEAR(metrics_from_counts(second, std::nullopt).point.f1.value(),
              0.2, kTolerance);
}

TEST(SeriesCounts, PaCountsAddUp) {
  // File 2's event of 9 rows has 1 flag: PA turns it into 9 hits, so
  // the summed PA counts are TP 10, FP 0, FN 0 and PA F1 = 1.
  std::vector<std::uint8_t> labels(12, 0);
  std::fill(labels.begin(), labels.begin() + 9, std::uint8_t{1});
  std::vector<std::uint8_t> flags(12, 0);
  flags[0] = 1;
  SeriesCounts total = count_series({0, 1, 0}, {0, 1, 0});
  total += count_series(flags, labels);
  EXPECT_EQ(total.adjusted.front().true_positives, 10U);
  const CountMetrics m = metrics_from_counts(total, std::nullopt);
  EXPECT_NEAR(m.pak.pa_f1.value(), 1.0, kTolerance);
}

TEST(RankSeries, CombinesRankingMetrics) {
  // Scores and labels of the scikit-learn documentation example:
  // ROC-AUC 0.75, AP 5/6.
  const RankingMetrics m =
      rank_series({0.1, 0.4, 0.35, 0.8}, {0, 0, 1, 1}, 2);
  EXPECT_NEAR(m.roc_auc.value(), 0.75, kTolerance);
  EXPECT_NEAR(m.pr_auc.value(), 5.0 / 6.0, kTolerance);
  EXPECT_TRUE(m.vus_roc.has_value());
  EXPECT_TRUE(m.vus_pr.has_value());
}

TEST(MeanOverFiles, SkipsFilesWhereUndefined) {
  // PR-AUC is undefined for b, so its mean is a's value alone.
  const RankingMetrics a{0.6, 0.5, 0.7, 0.4};
  const RankingMetrics b{0.8, std::nullopt, 0.9, 0.2};
  const RankingMetrics c{std::nullopt, std::nullopt, std::nullopt,
                         std::nullopt};
  const RankingMetrics mean = mean_over_files({a, b, c});
  EXPECT_NEAR(mean.roc_auc.value(), 0.7, kTolerance);
  EXPECT_NEAR(mean.pr_auc.value(), 0.5, kTolerance);
  EXPECT_FALSE(mean_over_files({c}).pr_auc.has_value());
  EXPECT_NEAR(mean.vus_roc.value(), 0.8, kTolerance);
  EXPECT_NEAR(mean.vus_pr.value(), 0.3, kTolerance);
  EXPECT_FALSE(mean_over_files({}).roc_auc.has_value());
}

TEST(SeriesJson, UndefinedIsNull) {
  const CountMetrics m =
      metrics_from_counts(count_series({0, 0}, {0, 1}), std::nullopt);
  const nlohmann::json json = to_json(m);
  EXPECT_TRUE(json["point"]["precision"].is_null());
  EXPECT_TRUE(json["pak"]["auc"].is_null());
  EXPECT_EQ(json["point"]["recall"], 0.0);
}

}  // namespace
}  // namespace advad
