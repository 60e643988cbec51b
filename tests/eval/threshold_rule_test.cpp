#include "advad/eval/threshold_rule.h"

#include <cmath>
#include <limits>
#include <stdexcept>

#include <gtest/gtest.h>

namespace advad {
namespace {

constexpr double kTolerance = 1e-12;

TEST(QuantileThreshold, RecordsRuleAndLevel) {
  // 1..10 at level 0.9: h = 9 * 0.9 = 8.1, so 9 + 0.1 = 9.1.
  const Threshold t =
      quantile_threshold({1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 0.9);
  EXPECT_EQ(t.rule, "quantile");
  EXPECT_NEAR(t.value, 9.1, kTolerance);
  EXPECT_EQ(t.parameters["level"], 0.9);
  EXPECT_EQ(t.parameters["scores"], 10);
}

TEST(BestF1Threshold, TiedScoresFormOneStep) {
  // Labels 1, 1, 0, 0, 0 on scores 0.9, 0.8, 0.8, 0.3, 0.1 (P = 2).
  // Flagging >= 0.9: F1 = 2 * 1 / (1 + 2) = 2/3; >= 0.8 (both tied
  // scores): 2 * 2 / (3 + 2) = 0.8; >= 0.3: 4/6; >= 0.1: 4/7. The best
  // step ends at 0.8, so the threshold is halfway to 0.3. Splitting the
  // tie (positive first) would wrongly reach F1 = 1.
  const auto t =
      best_f1_threshold({0.9, 0.8, 0.8, 0.3, 0.1}, {1, 1, 0, 0, 0});
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(t->rule, "best-f1");
  EXPECT_NEAR(t->value, 0.55, kTolerance);
  EXPECT_NEAR(t->parameters["validation_f1"].get<double>(), 0.8,
              kTolerance);
}

TEST(BestF1Threshold, AllFlaggedGoesBelowLowest) {
  // Labels 1, 0, 1 on 0.9, 0.5, 0.1: F1 is 2/3 (>= 0.9), 2/4 (>= 0.5)
  // and 4/5 (all), so every score must be flagged.
  const auto t = best_f1_threshold({0.9, 0.5, 0.1}, {1, 0, 1});
  ASSERT_TRUE(t.has_value());
  EXPECT_LT(t->value, 0.1);
  EXPECT_EQ(t->value,
            std::nextafter(0.1, -std::numeric_limits<double>::infinity()));
}

TEST(BestF1Threshold, EqualF1KeepsHigherThreshold) {
  // Labels 1, 0, 0, 1 on 4, 3, 2, 1: F1 is 2/3 at >= 4 and 4/6 = 2/3
  // again when all are flagged; the first (higher) one wins.
  const auto t = best_f1_threshold({4, 3, 2, 1}, {1, 0, 0, 1});
  ASSERT_TRUE(t.has_value());
  EXPECT_NEAR(t->value, 3.5, kTolerance);
}

TEST(BestF1Threshold, NoPositiveIsUndefined) {
  EXPECT_FALSE(best_f1_threshold({0.1, 0.2}, {0, 0}).has_value());
}

TEST(BestF1Threshold, RejectsBadInput) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  EXPECT_THROW(best_f1_threshold({nan, 0.2}, {1, 0}), std::invalid_argument);
  EXPECT_THROW(best_f1_threshold({0.1}, {1, 0}), std::invalid_argument);
  EXPECT_THROW(best_f1_threshold({0.1}, {2}), std::invalid_argument);
}

TEST(FixedThreshold, KeepsValue) {
  const Threshold t = fixed_threshold(0.25);
  EXPECT_EQ(t.rule, "fixed");
  EXPECT_EQ(t.value, 0.25);
  EXPECT_THROW(fixed_threshold(std::numeric_limits<double>::infinity()),
               std::invalid_argument);
}

TEST(FlagScores, StrictlyAbove) {
  const std::vector<std::uint8_t> expected = {0, 0, 1};
  EXPECT_EQ(flag_scores({0.1, 0.5, 0.7}, 0.5), expected);
}

TEST(FlagScores, RejectsNan) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  EXPECT_THROW(flag_scores({0.1}, nan), std::invalid_argument);
  EXPECT_THROW(flag_scores({nan}, 0.5), std::invalid_argument);
}

TEST(ThresholdJson, NamesRule) {
  const nlohmann::json json = to_json(quantile_threshold({1, 2, 3}, 0.5));
  EXPECT_EQ(json["rule"], "quantile");
  EXPECT_EQ(json["value"], 2.0);
  EXPECT_EQ(json["parameters"]["level"], 0.5);
}

}  // namespace
}  // namespace advad
