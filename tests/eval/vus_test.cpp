#include "advad/eval/vus.h"

#include <cmath>
#include <limits>
#include <stdexcept>

#include <gtest/gtest.h>

#include "advad/eval/metrics.h"
#include "eval/reference_data.h"

namespace advad {
namespace {

constexpr double kTolerance = 1e-12;

// Six rows with one event on rows 2-3. In descending score order the
// rows are 2 (0.9), 4 (0.8), 1 (0.5), 3 (0.3), 5 (0.2), 0 (0.1).
const std::vector<double> kScores = {0.1, 0.5, 0.9, 0.3, 0.8, 0.2};
const std::vector<std::uint8_t> kLabels = {0, 0, 1, 1, 0, 0};

TEST(RangeLabels, BufferDecaysAsSquareRoot) {
  // Buffer 5 reaches floor(5/2) = 2 rows each side with weights
  // sqrt(1 - 1/5) and sqrt(1 - 2/5).
  const std::vector<double> y =
      range_labels({0, 0, 0, 1, 1, 0, 0, 0}, 5);
  EXPECT_NEAR(y[0], 0.0, kTolerance);
  EXPECT_NEAR(y[1], std::sqrt(0.6), kTolerance);
  EXPECT_NEAR(y[2], std::sqrt(0.8), kTolerance);
  EXPECT_NEAR(y[3], 1.0, kTolerance);
  EXPECT_NEAR(y[5], std::sqrt(0.8), kTolerance);
  EXPECT_NEAR(y[6], std::sqrt(0.6), kTolerance);
  EXPECT_NEAR(y[7], 0.0, kTolerance);
}

TEST(RangeLabels, OverlapsAddAndCap) {
  // Events on rows 0 and 2, buffer 2: row 1 gets sqrt(1/2) from each,
  // capped at 1.
  const std::vector<double> y = range_labels({1, 0, 1}, 2);
  EXPECT_NEAR(y[1], 1.0, kTolerance);
}

TEST(RangeLabels, BufferOneAddsNothing) {
  const std::vector<double> y = range_labels({0, 1, 0}, 1);
  EXPECT_NEAR(y[0], 0.0, kTolerance);
  EXPECT_NEAR(y[2], 0.0, kTolerance);
}

TEST(RangeAuc, BufferZeroHandCurve) {
  // P = 2, N = 4, one range. Curve points (FPR, TPR, precision) after
  // each score: (0, 1/2, 1), (1/4, 1/2, 1/2), (2/4, 1/2, 1/3),
  // (2/4, 1, 1/2), (3/4, 1, 2/5), (1, 1, 1/3), then (1, 1).
  // ROC area: 1/4 * 1/2 + 1/4 * 1/2 + 1/4 + 1/4 = 3/4, the plain
  // ROC-AUC. PR area from (0, 1): 1/2 * 1 + 1/2 * (1/3 + 1/2) / 2 = 17/24.
  const RangeAuc auc = range_auc(kScores, kLabels, 0);
  EXPECT_NEAR(auc.roc.value(), 0.75, kTolerance);
  EXPECT_NEAR(auc.roc.value(), roc_auc(kScores, kLabels).value(), kTolerance);
  EXPECT_NEAR(auc.pr.value(), 17.0 / 24.0, kTolerance);
}

// Curve of buffer 2 from the definition: w = sqrt(1/2) on rows 1 and 4,
// so y = (0, w, 1, 1, w, 0), P_2 = (2 + 2 + 2w) / 2 = 2 + w and
// N_2 = 4 - w. One range (rows 1-4). After each score, TP adds y of the
// row: 1, 1 + w, 1 + 2w, 2 + 2w, 2 + 2w, 2 + 2w.
struct HandPoint {
  double tpr;
  double fpr;
  double precision;
};

std::vector<HandPoint> buffer_two_curve() {
  const double w = std::sqrt(0.5);
  const double p = 2.0 + w;
  const double n = 4.0 - w;
  const double tp[] = {1.0, 1.0 + w, 1.0 + 2 * w, 2 + 2 * w, 2 + 2 * w,
                       2 + 2 * w};
  std::vector<HandPoint> curve = {{0.0, 0.0, 1.0}};
  for (int k = 0; k < 6; ++k) {
    const double flagged = k + 1;
    curve.push_back({std::min(tp[k] / p, 1.0), (flagged - tp[k]) / n,
                     tp[k] / flagged});
  }
  return curve;
}

TEST(RangeAuc, BufferTwoHandCurve) {
  // ROC: trapezoids over FPR, closed at (1, 1). PR: trapezoids over TPR
  // of the precision, from (0, 1).
  const std::vector<HandPoint> curve = buffer_two_curve();
  double roc = (1.0 - curve.back().fpr) * (curve.back().tpr + 1.0) / 2.0;
  double pr = 0.0;
  for (std::size_t k = 1; k < curve.size(); ++k) {
    roc += (curve[k].fpr - curve[k - 1].fpr) *
           (curve[k].tpr + curve[k - 1].tpr) / 2.0;
    pr += (curve[k].tpr - curve[k - 1].tpr) *
          (curve[k].precision + curve[k - 1].precision) / 2.0;
  }
  // Numerically: ROC 0.934286..., PR 0.917762...
  EXPECT_NEAR(roc, 0.9342865, 1e-6);
  const RangeAuc auc = range_auc(kScores, kLabels, 2);
  EXPECT_NEAR(auc.roc.value(), roc, kTolerance);
  EXPECT_NEAR(auc.pr.value(), pr, kTolerance);
}

TEST(VolumeUnderSurface, MeanOverBuffers) {
  // Buffers 0, 1 and 2; buffer 1 reaches floor(1/2) = 0 rows, so it
  // equals buffer 0.
  const VusMetrics vus = volume_under_surface(kScores, kLabels, 2);
  const RangeAuc zero = range_auc(kScores, kLabels, 0);
  const RangeAuc two = range_auc(kScores, kLabels, 2);
  EXPECT_NEAR(vus.roc.value(), (2 * zero.roc.value() + two.roc.value()) / 3,
              kTolerance);
  EXPECT_NEAR(vus.pr.value(), (2 * zero.pr.value() + two.pr.value()) / 3,
              kTolerance);
  EXPECT_EQ(vus.max_buffer, 2U);
}

TEST(RangeAuc, TiesFormOneStep) {
  // All scores equal: one step flags every row. TPR 1, FPR 1 at once,
  // so ROC = 1/2 (the diagonal) and PR = 1 * (1 + P/n) / 2 at buffer 0.
  const std::vector<double> scores(6, 0.5);
  const RangeAuc auc = range_auc(scores, kLabels, 0);
  EXPECT_NEAR(auc.roc.value(), 0.5, kTolerance);
  EXPECT_NEAR(auc.pr.value(), (1.0 + 2.0 / 6.0) / 2.0, kTolerance);
}

TEST(VolumeUnderSurface, MatchesNumpyTranscription) {
  // range_metrics.json: range-AUC for buffers 0..8 and their means from
  // the script's own NumPy transcription of the definition.
  const nlohmann::json reference =
      testing::read_eval_reference("range_metrics.json");
  for (const auto& item : reference["cases"]) {
    const auto scores = item["scores"].get<std::vector<double>>();
    const auto labels = testing::labels_of(item["labels"]);
    for (std::size_t b = 0; b <= 8; ++b) {
      const RangeAuc auc = range_auc(scores, labels, b);
      EXPECT_NEAR(auc.roc.value(), item["range_auc_roc"][b].get<double>(),
                  kTolerance)
          << "buffer " << b;
      EXPECT_NEAR(auc.pr.value(), item["range_auc_pr"][b].get<double>(),
                  kTolerance)
          << "buffer " << b;
    }
    const VusMetrics vus = volume_under_surface(scores, labels, 8);
    EXPECT_NEAR(vus.roc.value(), item["vus_roc"].get<double>(), kTolerance);
    EXPECT_NEAR(vus.pr.value(), item["vus_pr"].get<double>(), kTolerance);
  }
}

TEST(VolumeUnderSurface, NoPositiveIsUndefined) {
  const VusMetrics vus =
      volume_under_surface({0.1, 0.2, 0.3}, {0, 0, 0}, 4);
  EXPECT_FALSE(vus.roc.has_value());
  EXPECT_FALSE(vus.pr.has_value());
}

TEST(VolumeUnderSurface, AllPositiveLeavesRocUndefined) {
  const VusMetrics vus = volume_under_surface({0.1, 0.2}, {1, 1}, 2);
  EXPECT_FALSE(vus.roc.has_value());
  EXPECT_NEAR(vus.pr.value(), 1.0, kTolerance);
}

TEST(VolumeUnderSurface, RejectsBadInput) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  EXPECT_THROW(volume_under_surface({nan, 0.2}, {0, 1}, 2),
               std::invalid_argument);
  EXPECT_THROW(volume_under_surface({0.1}, {0, 1}, 2), std::invalid_argument);
  EXPECT_THROW(volume_under_surface({0.1, 0.2}, {0, 2}, 2),
               std::invalid_argument);
}

}  // namespace
}  // namespace advad
