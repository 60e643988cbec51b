#include "advad/eval/metrics.h"

#include <cmath>
#include <cstdint>
#include <fstream>
#include <limits>
#include <random>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "test_support.h"

namespace advad {
namespace {

using Labels = std::vector<std::uint8_t>;

constexpr double kTolerance = 1e-12;

// Reads a label file with one 0 or 1 per line.
Labels read_labels(const std::string& name) {
  const auto path = testing::shared_data_dir() / "edge_cases" / name;
  std::ifstream in(path);
  EXPECT_TRUE(in) << "cannot open " << path;
  Labels labels;
  int value = 0;
  while (in >> value) {
    labels.push_back(static_cast<std::uint8_t>(value));
  }
  return labels;
}

// Scores 0, 1, ..., n - 1: strictly increasing with the index.
std::vector<double> index_scores(std::size_t n) {
  std::vector<double> scores(n);
  for (std::size_t i = 0; i < n; ++i) {
    scores[i] = static_cast<double>(i);
  }
  return scores;
}

std::string message_of_invalid_argument(const std::vector<double>& scores,
                                        const Labels& labels,
                                        double threshold) {
  try {
    evaluate(scores, labels, threshold);
  } catch (const std::invalid_argument& error) {
    return error.what();
  }
  return "no std::invalid_argument thrown";
}

// ROC-AUC by counting every (positive, negative) pair: 1 when the
// positive scores higher, 1/2 on a tie.
double brute_force_roc_auc(const std::vector<double>& scores,
                           const Labels& labels) {
  double wins = 0.0;
  double pairs = 0.0;
  for (std::size_t p = 0; p < scores.size(); ++p) {
    for (std::size_t n = 0; n < scores.size(); ++n) {
      if (labels[p] != 1 || labels[n] != 0) {
        continue;
      }
      pairs += 1.0;
      if (scores[p] > scores[n]) {
        wins += 1.0;
      } else if (scores[p] == scores[n]) {
        wins += 0.5;
      }
    }
  }
  return wins / pairs;
}

// Average precision from its definition: for each distinct score t from
// the highest, P(t) and R(t) over the items scored >= t, summed as
// (R(t) - R(previous t)) P(t).
double brute_force_average_precision(const std::vector<double>& scores,
                                     const Labels& labels) {
  const std::set<double, std::greater<>> thresholds(scores.begin(),
                                                    scores.end());
  double positives = 0.0;
  for (auto label : labels) {
    positives += label;
  }
  double sum = 0.0;
  double previous_recall = 0.0;
  for (double t : thresholds) {
    double flagged = 0.0;
    double hits = 0.0;
    for (std::size_t i = 0; i < scores.size(); ++i) {
      flagged += scores[i] >= t ? 1.0 : 0.0;
      hits += scores[i] >= t && labels[i] == 1 ? 1.0 : 0.0;
    }
    const double recall = hits / positives;
    sum += (recall - previous_recall) * (hits / flagged);
    previous_recall = recall;
  }
  return sum;
}

// ---- scikit-learn documentation example --------------------------------
// Scores {0.1, 0.4, 0.35, 0.8} with labels {0, 0, 1, 1} are the example
// of the roc_auc_score and average_precision_score docs. The values below
// are computed by hand with the non-interpolated AP of scikit-learn 0.19
// and later (0.13 printed 0.79 from an interpolated curve).

const std::vector<double> kDocScores = {0.1, 0.4, 0.35, 0.8};
const Labels kDocLabels = {0, 0, 1, 1};

TEST(RocAuc, SklearnExample) {
  // The positives win 3 of 4 pairs (0.35 > 0.1, 0.8 > 0.1, 0.8 > 0.4)
  // and lose 0.35 < 0.4.
  EXPECT_NEAR(roc_auc(kDocScores, kDocLabels).value(), 0.75, kTolerance);
}

TEST(AveragePrecision, SklearnExample) {
  // From the top, 0.8 (positive) gives P = 1 and R = 1/2, 0.4 (negative)
  // leaves R unchanged, and 0.35 (positive) gives P = 2/3 and R = 1.
  // AP = 1/2 * 1 + 1/2 * 2/3 = 5/6.
  EXPECT_NEAR(average_precision(kDocScores, kDocLabels).value(), 5.0 / 6.0,
              kTolerance);
}

// ---- ties ---------------------------------------------------------------

TEST(RocAuc, TiesCountHalf) {
  // Positives 0.5 and 0.9, negatives 0.2, 0.5, 0.5. The positive 0.5
  // wins 1 pair and ties 2 (1 + 2 * 1/2 = 2), and 0.9 wins 3.
  // U = 5 of 6 pairs.
  const std::vector<double> scores = {0.2, 0.5, 0.5, 0.5, 0.9};
  const Labels labels = {0, 1, 0, 0, 1};
  EXPECT_NEAR(roc_auc(scores, labels).value(), 5.0 / 6.0, kTolerance);
}

TEST(AveragePrecision, TiesFormOneStep) {
  // One group at 0.8 with 2 positives and 1 negative: R goes 0 -> 1 at
  // P = 2/3, so AP = 2/3. Breaking the tie would give 1 (positives
  // first) or 1/2 * 1/2 + 1/2 * 2/3 = 7/12 (negative first).
  const std::vector<double> scores = {0.8, 0.8, 0.8, 0.1};
  const Labels labels = {1, 1, 0, 0};
  EXPECT_NEAR(average_precision(scores, labels).value(), 2.0 / 3.0,
              kTolerance);
}

TEST(RocAuc, TiedGroupWithPositivesAndNegative) {
  // Each positive at 0.8 ties the negative 0.8 (1/2) and beats 0.1 (1).
  // U = 2 * 1.5 = 3 of 4 pairs.
  const std::vector<double> scores = {0.8, 0.8, 0.8, 0.1};
  const Labels labels = {1, 1, 0, 0};
  EXPECT_NEAR(roc_auc(scores, labels).value(), 0.75, kTolerance);
}

TEST(RocAuc, AllEqualScores) {
  // Ten scores of 0.5 with two positives. Every pair ties: AUC = 1/2.
  const std::vector<double> scores(10, 0.5);
  const Labels labels = {0, 0, 0, 1, 0, 0, 1, 0, 0, 0};
  EXPECT_NEAR(roc_auc(scores, labels).value(), 0.5, kTolerance);
}

TEST(AveragePrecision, AllEqualScores) {
  // One threshold step flags all ten: P = 2/10, R = 1, so AP = 0.2.
  const std::vector<double> scores(10, 0.5);
  const Labels labels = {0, 0, 0, 1, 0, 0, 1, 0, 0, 0};
  EXPECT_NEAR(average_precision(scores, labels).value(), 0.2, kTolerance);
}

TEST(Evaluate, AllEqualScoresFileRead) {
  ADVAD_SKIP_WITHOUT_SHARED_DATA();
  // The all-equal-scores edge case file: a "score,label" header, then
  // ten rows of score 0.5 with two positive labels.
  std::ifstream in(testing::shared_data_dir() / "edge_cases" /
                   "E06_all_equal_scores.csv");
  ASSERT_TRUE(in);
  std::string line;
  std::getline(in, line);
  std::vector<double> scores;
  Labels labels;
  while (std::getline(in, line)) {
    const auto comma = line.find(',');
    scores.push_back(std::stod(line.substr(0, comma)));
    const int label = std::stoi(line.substr(comma + 1));
    labels.push_back(static_cast<std::uint8_t>(label));
  }
  // Threshold 0.4 flags all 10 with TP 2 and FP 8. P = 0.2, R = 1 and
  // F1 = 2 * 0.2 / 1.2 = 1/3.
  const DetectionMetrics m = evaluate(scores, labels, 0.4);
  ASSERT_EQ(scores.size(), 10u);
  EXPECT_NEAR(m.roc_auc.value(), 0.5, kTolerance);
  EXPECT_NEAR(m.pr_auc.value(), 0.2, kTolerance);
  EXPECT_NEAR(m.precision.value(), 0.2, kTolerance);
  EXPECT_NEAR(m.recall.value(), 1.0, kTolerance);
  EXPECT_NEAR(m.f1.value(), 1.0 / 3.0, kTolerance);
}

TEST(Evaluate, AllEqualScoresAtThreshold) {
  // Score 0.5 is not > 0.5: no flags, so precision and F1 are undefined
  // and recall is 0 of 2.
  const std::vector<double> scores(10, 0.5);
  const Labels labels = {0, 0, 0, 1, 0, 0, 1, 0, 0, 0};
  const DetectionMetrics m = evaluate(scores, labels, 0.5);
  EXPECT_FALSE(m.precision.has_value());
  EXPECT_NEAR(m.recall.value(), 0.0, kTolerance);
  EXPECT_FALSE(m.f1.has_value());
}

// ---- one class ----------------------------------------------------------

TEST(RocAuc, OneClassIsUndefined) {
  EXPECT_FALSE(roc_auc({0.1, 0.2}, {0, 0}).has_value());
  EXPECT_FALSE(roc_auc({0.1, 0.2}, {1, 1}).has_value());
  EXPECT_FALSE(roc_auc({}, {}).has_value());
}

TEST(AveragePrecision, NoPositiveIsUndefined) {
  EXPECT_FALSE(average_precision({0.1, 0.2}, {0, 0}).has_value());
  EXPECT_FALSE(average_precision({}, {}).has_value());
}

TEST(Evaluate, LabelsAllZeroFile) {
  ADVAD_SKIP_WITHOUT_SHARED_DATA();
  // Without a positive label, recall, F1, ROC-AUC and AP are undefined.
  // Scores 0..199 above 100 flag 99 rows, all false positives.
  const Labels labels = read_labels("E05_labels_all_zero.txt");
  ASSERT_EQ(labels.size(), 200u);
  const DetectionMetrics m = evaluate(index_scores(200), labels, 100.0);
  EXPECT_EQ(m.counts.false_positives, 99u);
  EXPECT_NEAR(m.precision.value(), 0.0, kTolerance);
  EXPECT_FALSE(m.recall.has_value());
  EXPECT_FALSE(m.f1.has_value());
  EXPECT_FALSE(m.roc_auc.has_value());
  EXPECT_FALSE(m.pr_auc.has_value());
}

TEST(Evaluate, LabelsAllOneFile) {
  ADVAD_SKIP_WITHOUT_SHARED_DATA();
  // ROC-AUC needs negatives, so it is undefined. Every step has
  // precision 1, so AP = 1. Scores above 100 flag 99 of 200.
  const Labels labels = read_labels("E05_labels_all_one.txt");
  ASSERT_EQ(labels.size(), 200u);
  const DetectionMetrics m = evaluate(index_scores(200), labels, 100.0);
  EXPECT_FALSE(m.roc_auc.has_value());
  EXPECT_NEAR(m.pr_auc.value(), 1.0, kTolerance);
  EXPECT_NEAR(m.precision.value(), 1.0, kTolerance);
  EXPECT_NEAR(m.recall.value(), 99.0 / 200.0, kTolerance);
}

TEST(Evaluate, LabelsSinglePositiveFile) {
  ADVAD_SKIP_WITHOUT_SHARED_DATA();
  // The positive is on line 151, so index 150 scores 150. It beats 150
  // of 199 negatives: AUC = 150/199. 49 negatives score higher, so at
  // its step P = 1/50 = AP. Threshold 100 flags 101..199 with TP 1 and
  // FP 98: P = 1/99, R = 1, F1 = 2 / (99 + 1) = 0.02.
  const Labels labels = read_labels("E05_labels_single_positive.txt");
  ASSERT_EQ(labels.size(), 200u);
  ASSERT_EQ(labels[150], 1);
  const DetectionMetrics m = evaluate(index_scores(200), labels, 100.0);
  EXPECT_NEAR(m.roc_auc.value(), 150.0 / 199.0, kTolerance);
  EXPECT_NEAR(m.pr_auc.value(), 1.0 / 50.0, kTolerance);
  EXPECT_NEAR(m.precision.value(), 1.0 / 99.0, kTolerance);
  EXPECT_NEAR(m.recall.value(), 1.0, kTolerance);
  EXPECT_NEAR(m.f1.value(), 0.02, kTolerance);
}

// ---- counts, precision, recall, F1 --------------------------------------

TEST(CountConfusion, SklearnExample) {
  // Threshold 0.3 flags 0.4, 0.35 and 0.8, so TP 2 (0.35, 0.8),
  // FP 1 (0.4), TN 1 (0.1) and FN 0.
  const ConfusionCounts c = count_confusion(kDocScores, kDocLabels, 0.3);
  EXPECT_EQ(c.true_positives, 2u);
  EXPECT_EQ(c.false_positives, 1u);
  EXPECT_EQ(c.true_negatives, 1u);
  EXPECT_EQ(c.false_negatives, 0u);
}

TEST(CountConfusion, ScoreEqualToThresholdNotFlagged) {
  const ConfusionCounts c = count_confusion({0.5}, {1}, 0.5);
  EXPECT_EQ(c.true_positives, 0u);
  EXPECT_EQ(c.false_negatives, 1u);
}

TEST(Evaluate, PrecisionRecallF1) {
  // From the counts above, P = 2/3, R = 2/2 = 1 and
  // F1 = 2 * (2/3) * 1 / (2/3 + 1) = 0.8.
  const DetectionMetrics m = evaluate(kDocScores, kDocLabels, 0.3);
  EXPECT_NEAR(m.precision.value(), 2.0 / 3.0, kTolerance);
  EXPECT_NEAR(m.recall.value(), 1.0, kTolerance);
  EXPECT_NEAR(m.f1.value(), 0.8, kTolerance);
  EXPECT_NEAR(m.roc_auc.value(), 0.75, kTolerance);
  EXPECT_NEAR(m.pr_auc.value(), 5.0 / 6.0, kTolerance);
}

TEST(Evaluate, NoFlagsLeavesPrecisionUndefined) {
  // Threshold 0.9 flags nothing: P = 0/0, R = 0/2 = 0, F1 undefined.
  const DetectionMetrics m = evaluate(kDocScores, kDocLabels, 0.9);
  EXPECT_FALSE(m.precision.has_value());
  EXPECT_NEAR(m.recall.value(), 0.0, kTolerance);
  EXPECT_FALSE(m.f1.has_value());
}

TEST(Evaluate, F1ZeroWhenPrecisionAndRecallZero) {
  // Only the negative is flagged: TP 0, FP 1, FN 1. P = 0, R = 0.
  const DetectionMetrics m = evaluate({0.9, 0.1}, {0, 1}, 0.5);
  EXPECT_NEAR(m.precision.value(), 0.0, kTolerance);
  EXPECT_NEAR(m.recall.value(), 0.0, kTolerance);
  EXPECT_NEAR(m.f1.value(), 0.0, kTolerance);
}

TEST(Evaluate, EmptyInputAllUndefined) {
  const DetectionMetrics m = evaluate({}, {}, 0.5);
  EXPECT_EQ(m.counts.true_negatives, 0u);
  EXPECT_FALSE(m.precision.has_value());
  EXPECT_FALSE(m.recall.has_value());
  EXPECT_FALSE(m.f1.has_value());
  EXPECT_FALSE(m.roc_auc.has_value());
  EXPECT_FALSE(m.pr_auc.has_value());
}

// ---- larger random case -------------------------------------------------

TEST(RocAuc, MatchesPairCountOnRandomTies) {
  // 400 scores from 25 integer levels, so ties are frequent.
  std::mt19937 generator(20240607);
  std::uniform_int_distribution<int> level(0, 24);
  std::bernoulli_distribution anomaly(0.3);
  std::vector<double> scores;
  Labels labels;
  for (int i = 0; i < 400; ++i) {
    scores.push_back(level(generator) / 4.0);
    labels.push_back(anomaly(generator) ? 1 : 0);
  }
  EXPECT_NEAR(roc_auc(scores, labels).value(),
              brute_force_roc_auc(scores, labels), kTolerance);
  EXPECT_NEAR(average_precision(scores, labels).value(),
              brute_force_average_precision(scores, labels), kTolerance);
}

// ---- invalid input ------------------------------------------------------

TEST(Evaluate, NanScoreNamesIndex) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const std::string message =
      message_of_invalid_argument({0.1, 0.2, nan}, {0, 1, 0}, 0.5);
  EXPECT_NE(message.find("index 2"), std::string::npos) << message;
  EXPECT_NE(message.find("is NaN"), std::string::npos) << message;
}

TEST(Evaluate, InfiniteScoreRejected) {
  const double inf = std::numeric_limits<double>::infinity();
  const std::string message =
      message_of_invalid_argument({inf, 0.2}, {0, 1}, 0.5);
  EXPECT_NE(message.find("index 0"), std::string::npos) << message;
}

TEST(Evaluate, SizeMismatchRejected) {
  const std::string message =
      message_of_invalid_argument({0.1, 0.2}, {0, 1, 1}, 0.5);
  EXPECT_NE(message.find("2 scores, 3 labels"), std::string::npos)
      << message;
}

TEST(Evaluate, NonBinaryLabelRejected) {
  const std::string message =
      message_of_invalid_argument({0.1, 0.2}, {0, 2}, 0.5);
  EXPECT_NE(message.find("index 1 is 2"), std::string::npos) << message;
}

TEST(Evaluate, NanThresholdRejected) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  EXPECT_THROW(evaluate({0.1}, {0}, nan), std::invalid_argument);
}

TEST(RocAuc, NanScoreRejected) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  EXPECT_THROW(roc_auc({nan, 0.1}, {1, 0}), std::invalid_argument);
  EXPECT_THROW(average_precision({nan, 0.1}, {1, 0}),
               std::invalid_argument);
}

}  // namespace
}  // namespace advad
