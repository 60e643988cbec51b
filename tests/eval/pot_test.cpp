#include "advad/eval/pot.h"

#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>

#include <gtest/gtest.h>

#include "advad/eval/threshold.h"
#include "eval/reference_data.h"

namespace advad {
namespace {

constexpr double kTolerance = 1e-12;

TEST(FitGpd, MatchesScipyMaximumLikelihood) {
  // Reference: SciPy 1.10.1 genpareto.fit(floc=0) refined by
  // Nelder-Mead (xatol = fatol = 1e-12). Both find the same maximum, so
  // the parameters agree to the optimizer's precision and advad's
  // likelihood is not lower.
  const nlohmann::json reference = testing::read_eval_reference("gpd_fit.json");
  ASSERT_EQ(reference["versions"]["scipy"], "1.10.1");
  for (const auto& item : reference["cases"]) {
    const auto excesses = item["excesses"].get<std::vector<double>>();
    const GpdFit fit = fit_gpd(excesses);
    const double scale = item["scale"].get<double>();
    EXPECT_NEAR(fit.shape, item["shape"].get<double>(), 1e-6);
    EXPECT_NEAR(fit.scale / scale, 1.0, 1e-6);
    EXPECT_GE(fit.log_likelihood,
              item["log_likelihood"].get<double>() - 1e-9);
  }
}

TEST(FitGpd, EqualExcessesAreExponential) {
  // With all Y equal, u(x) v(x) < 1 for every x != 0, so the only fit is
  // the exponential one: sigma = mean Y = 2 and log L = -n (1 + log 2).
  const GpdFit fit = fit_gpd({2.0, 2.0, 2.0, 2.0});
  EXPECT_EQ(fit.shape, 0.0);
  EXPECT_NEAR(fit.scale, 2.0, kTolerance);
  EXPECT_NEAR(fit.log_likelihood, -4.0 * (1.0 + std::log(2.0)), 1e-12);
}

TEST(FitGpd, ScaleFollowsUnit) {
  // Multiplying the excesses by c keeps the shape and multiplies the
  // scale by c.
  const nlohmann::json reference = testing::read_eval_reference("gpd_fit.json");
  auto excesses = reference["cases"][0]["excesses"].get<std::vector<double>>();
  const GpdFit base = fit_gpd(excesses);
  for (double& value : excesses) {
    value *= 1e-6;
  }
  const GpdFit scaled = fit_gpd(excesses);
  EXPECT_NEAR(scaled.shape, base.shape, 1e-9);
  EXPECT_NEAR(scaled.scale / base.scale, 1e-6, 1e-15);
}

TEST(FitGpd, RejectsBadExcesses) {
  EXPECT_THROW(fit_gpd({}), std::invalid_argument);
  EXPECT_THROW(fit_gpd({1.0, 0.0}), std::invalid_argument);
  EXPECT_THROW(fit_gpd({1.0, std::numeric_limits<double>::infinity()}),
               std::invalid_argument);
}

TEST(PotQuantile, HandFormula) {
  // t = 1, gamma = 0.5, sigma = 2, n = 1000, N_t = 20, q = 1e-3:
  // r = q n / N_t = 0.05 and z = 1 + 2 / 0.5 * (0.05^-0.5 - 1)
  // = 1 + 4 (sqrt(20) - 1).
  EXPECT_NEAR(pot_quantile(1.0, {0.5, 2.0, 0.0}, 1000, 20, 1e-3),
              1.0 + 4.0 * (std::sqrt(20.0) - 1.0), 1e-12);
}

TEST(PotQuantile, ExponentialLimit) {
  // gamma = 0: z = t - sigma log r = 1 + 2 log 20.
  EXPECT_NEAR(pot_quantile(1.0, {0.0, 2.0, 0.0}, 1000, 20, 1e-3),
              1.0 + 2.0 * std::log(20.0), 1e-12);
}

TEST(PotQuantile, RiskAboveExcessShareRejected) {
  // q n / N_t = 0.05 * 1000 / 20 = 2.5 >= 1: z would lie below t.
  EXPECT_THROW(pot_quantile(1.0, {0.1, 1.0, 0.0}, 1000, 20, 0.05),
               std::invalid_argument);
}

TEST(PotThreshold, ComposesQuantileFitAndFormula) {
  // Scores 1..1000: t is their 0.98-quantile; the excesses over it are
  // fitted and z_q follows from the formula.
  std::vector<double> scores(1000);
  std::iota(scores.begin(), scores.end(), 1.0);
  const Threshold t = pot_threshold(scores, {0.98, 1e-3});
  const double initial = quantile(scores, 0.98);
  std::vector<double> excesses;
  for (double score : scores) {
    if (score > initial) {
      excesses.push_back(score - initial);
    }
  }
  const GpdFit fit = fit_gpd(excesses);
  EXPECT_EQ(t.rule, "pot");
  EXPECT_EQ(t.parameters["excesses"], excesses.size());
  EXPECT_NEAR(t.value,
              pot_quantile(initial, fit, 1000, excesses.size(), 1e-3),
              kTolerance);
  EXPECT_GT(t.value, initial);
}

TEST(PotThreshold, RejectsBadOptions) {
  const std::vector<double> scores = {1, 2, 3, 4, 5};
  EXPECT_THROW(pot_threshold(scores, {1.0, 1e-3}), std::invalid_argument);
  EXPECT_THROW(pot_threshold(scores, {0.98, 0.05}), std::invalid_argument);
  EXPECT_THROW(pot_threshold({1.0}, {0.98, 1e-3}), std::invalid_argument);
}

TEST(PotThreshold, NoExcessRejected) {
  // Equal scores leave nothing above the initial threshold.
  EXPECT_THROW(pot_threshold({3, 3, 3, 3}, {0.9, 1e-3}),
               std::invalid_argument);
}

std::vector<double> calibration_scores() {
  std::vector<double> scores(500);
  for (std::size_t i = 0; i < scores.size(); ++i) {
    // A deterministic skewed sample: quantiles of an exponential.
    scores[i] = -std::log(1.0 - (static_cast<double>(i) + 0.5) / 500.0);
  }
  return scores;
}

TEST(Spot, AlarmStaysOutOfFit) {
  Spot spot(calibration_scores(), {0.98, 1e-3});
  const std::size_t excesses = spot.excesses();
  const std::size_t observations = spot.observations();
  const double threshold = spot.threshold();
  EXPECT_EQ(spot.update(threshold + 100.0), 1);
  EXPECT_EQ(spot.excesses(), excesses);
  EXPECT_EQ(spot.observations(), observations);
  EXPECT_EQ(spot.threshold(), threshold);
}

TEST(Spot, NormalScoreCountsOnly) {
  Spot spot(calibration_scores(), {0.98, 1e-3});
  const double threshold = spot.threshold();
  EXPECT_EQ(spot.update(0.0), 0);
  EXPECT_EQ(spot.observations(), 501U);
  EXPECT_EQ(spot.threshold(), threshold);
}

TEST(Spot, ExcessRefitsThreshold) {
  // A score between t and z_q joins the excesses; the new threshold is
  // z_q of the refitted GPD with n = 501.
  const std::vector<double> calibration = calibration_scores();
  Spot spot(calibration, {0.98, 1e-3});
  const double t = spot.initial_threshold();
  const double score = (t + spot.threshold()) / 2.0;
  std::vector<double> excesses;
  for (double value : calibration) {
    if (value > t) {
      excesses.push_back(value - t);
    }
  }
  excesses.push_back(score - t);
  EXPECT_EQ(spot.update(score), 0);
  EXPECT_EQ(spot.excesses(), excesses.size());
  EXPECT_NEAR(spot.threshold(),
              pot_quantile(t, fit_gpd(excesses), 501, excesses.size(), 1e-3),
              kTolerance);
}

TEST(Spot, RejectsNan) {
  Spot spot(calibration_scores(), {0.98, 1e-3});
  EXPECT_THROW(spot.update(std::numeric_limits<double>::quiet_NaN()),
               std::invalid_argument);
}

TEST(RunSpot, FlagsAndRecord) {
  const SpotResult result =
      run_spot(calibration_scores(), {0.1, 50.0, 0.2}, {0.98, 1e-3});
  const std::vector<std::uint8_t> expected = {0, 1, 0};
  EXPECT_EQ(result.flags, expected);
  EXPECT_EQ(result.threshold.rule, "spot");
  EXPECT_EQ(result.threshold.parameters["alarms"], 1);
  EXPECT_EQ(result.threshold.parameters["observations"], 502);
}

}  // namespace
}  // namespace advad
