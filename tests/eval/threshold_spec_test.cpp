#include "advad/eval/threshold_spec.h"

#include <gtest/gtest.h>

#include "advad/common/error.h"
#include "advad/eval/pot.h"

namespace advad {
namespace {

TEST(ParseThresholdSpec, Defaults) {
  EXPECT_EQ(parse_threshold_spec("quantile").text(), "quantile:0.99");
  EXPECT_EQ(parse_threshold_spec("pot").text(), "pot:0.98:0.001");
  EXPECT_EQ(parse_threshold_spec("spot").text(), "spot:0.98:0.001");
  EXPECT_EQ(parse_threshold_spec("best-f1").text(), "best-f1");
}

TEST(ParseThresholdSpec, Values) {
  const ThresholdSpec pot = parse_threshold_spec("pot:0.95:1e-4");
  EXPECT_EQ(pot.kind, ThresholdRuleKind::kPot);
  EXPECT_EQ(pot.level, 0.95);
  EXPECT_EQ(pot.risk, 1e-4);
  EXPECT_EQ(parse_threshold_spec("fixed:0.25").value, 0.25);
  EXPECT_TRUE(parse_threshold_spec("best-f1").needs_labels());
}

TEST(ParseThresholdSpec, RejectsBadText) {
  EXPECT_THROW(parse_threshold_spec("median"), InputError);
  EXPECT_THROW(parse_threshold_spec("quantile:1.5"), InputError);
  EXPECT_THROW(parse_threshold_spec("quantile:abc"), InputError);
  EXPECT_THROW(parse_threshold_spec("fixed"), InputError);
  EXPECT_THROW(parse_threshold_spec("pot:0.98:0.05"), InputError);
  EXPECT_THROW(parse_threshold_spec("best-f1:3"), InputError);
  EXPECT_THROW(parse_threshold_spec("fixed:nan"), InputError);
}

TEST(ApplyThreshold, QuantileFlagsTest) {
  // Quantile 0.5 of 1, 2, 3 is 2: of the test scores only 2.5 is above.
  CalibrationScores calibration;
  calibration.normal = {1, 2, 3};
  const ThresholdOutcome outcome = apply_threshold(
      parse_threshold_spec("quantile:0.5"), calibration, {1.5, 2.5});
  ASSERT_TRUE(outcome.threshold.has_value());
  EXPECT_EQ(outcome.threshold->value, 2.0);
  const std::vector<std::uint8_t> expected = {0, 1};
  EXPECT_EQ(outcome.flags, expected);
}

TEST(ApplyThreshold, BestF1UsesLabelledSplitOnly) {
  CalibrationScores calibration;
  calibration.labelled = {0.9, 0.1};
  calibration.labels = {1, 0};
  const ThresholdOutcome outcome = apply_threshold(
      parse_threshold_spec("best-f1"), calibration, {0.2, 0.6});
  ASSERT_TRUE(outcome.threshold.has_value());
  EXPECT_DOUBLE_EQ(outcome.threshold->value, 0.5);
  const std::vector<std::uint8_t> expected = {0, 1};
  EXPECT_EQ(outcome.flags, expected);
}

TEST(ApplyThreshold, BestF1WithoutPositiveFails) {
  CalibrationScores calibration;
  calibration.labelled = {0.9, 0.1};
  calibration.labels = {0, 0};
  const ThresholdOutcome outcome = apply_threshold(
      parse_threshold_spec("best-f1"), calibration, {0.2, 0.6});
  EXPECT_FALSE(outcome.threshold.has_value());
  EXPECT_TRUE(outcome.flags.empty());
  EXPECT_NE(outcome.failure.find("no anomalous row"), std::string::npos);
}

TEST(ApplyThreshold, PotWithoutExcessFails) {
  CalibrationScores calibration;
  calibration.normal = {1, 1, 1, 1};
  const ThresholdOutcome outcome =
      apply_threshold(parse_threshold_spec("pot"), calibration, {0.2});
  EXPECT_FALSE(outcome.threshold.has_value());
  EXPECT_NE(outcome.failure.find("initial threshold"), std::string::npos);
}

TEST(ApplyThreshold, SpotMatchesRunSpot) {
  CalibrationScores calibration;
  for (int i = 0; i < 200; ++i) {
    calibration.normal.push_back(i % 17 + 0.01 * i);
  }
  const std::vector<double> test = {3.0, 40.0, 16.5, 1.0};
  const ThresholdOutcome outcome =
      apply_threshold(parse_threshold_spec("spot"), calibration, test);
  const SpotResult direct = run_spot(calibration.normal, test, {0.98, 1e-3});
  ASSERT_TRUE(outcome.threshold.has_value());
  EXPECT_EQ(outcome.flags, direct.flags);
  EXPECT_EQ(outcome.threshold->value, direct.threshold.value);
  EXPECT_EQ(outcome.flags[1], 1);
}

}  // namespace
}  // namespace advad
