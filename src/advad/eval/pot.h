// Peaks over threshold: extreme value thresholds on anomaly scores
// (Siffer, Fouque, Termier and Largouet, "Anomaly Detection in Streams
// with Extreme Value Theory", KDD 2017).
//
// Above a high initial threshold t, the excesses Y = X - t of normal
// scores follow a generalized Pareto distribution (GPD) with shape gamma
// and scale sigma. Fitted on the excesses, it gives the score z_q that
// normal data exceeds with probability q (the risk):
//   z_q = t + sigma / gamma * ((q n / N_t)^(-gamma) - 1),
// where n is the number of scores and N_t the number of excesses; for
// gamma = 0 (the exponential limit), z_q = t - sigma * log(q n / N_t).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "advad/eval/threshold_rule.h"

namespace advad {

// A GPD fitted by maximum likelihood.
struct GpdFit {
  double shape = 0.0;  // gamma; 0 is the exponential distribution
  double scale = 0.0;  // sigma > 0
  double log_likelihood = 0.0;
};

// Fits a GPD to excesses (all finite and > 0) by maximum likelihood with
// Grimshaw's reduction to one variable x = gamma / sigma: the likelihood
// equations hold where u(x) v(x) = 1, with u(x) = mean(1 / (1 + x Y)) and
// v(x) = 1 + mean(log(1 + x Y)), and then gamma = v(x) - 1. The roots lie
// in (-1 / max Y, 0) and (0, 2 (mean Y - min Y) / min Y^2]. Both
// intervals are scanned on a grid and every sign change refined by
// bisection. The root with the highest likelihood wins, against the
// exponential fit (gamma = 0, sigma = mean Y), which is the limit x -> 0.
// NOTE: when the likelihood has no stationary point (tails with gamma
// near or below -1, such as a uniform one), no root exists and the
// exponential fit is returned, which overstates the tail.
// Throws std::invalid_argument for no excess or an excess that is not a
// finite positive number.
GpdFit fit_gpd(const std::vector<double>& excesses);

// Returns z_q (see above) for initial threshold t, a fit of the N_t
// excesses over t among `observations` scores, and risk q. Throws
// std::invalid_argument unless 0 < q < N_t / n, because only then is
// z_q above t.
double pot_quantile(double initial_threshold, const GpdFit& fit,
                    std::size_t observations, std::size_t excesses,
                    double risk);

struct PotOptions {
  // Quantile level of the calibration scores used as the initial
  // threshold t; default 0.98, as in Siffer et al.
  double initial_level = 0.98;
  // Risk q: the probability that a normal score exceeds the threshold;
  // default 1e-3. Must be below 1 - initial_level.
  double risk = 1e-3;
};

// Returns the POT threshold z_q of calibration scores of normal data.
// Throws std::invalid_argument for fewer than two scores, non-finite
// scores, options out of range, or no score above the initial threshold.
Threshold pot_threshold(const std::vector<double>& scores,
                        const PotOptions& options);

// Streaming POT (SPOT), calibrated like pot_threshold(). A new score
// above the current threshold is an alarm and stays out of the fit. A
// score above t is a new excess, so the GPD is refitted and the
// threshold moves. Any other score only counts in n.
class Spot {
 public:
  // Calibrates on `scores`; throws as pot_threshold().
  Spot(const std::vector<double>& scores, const PotOptions& options);

  // Processes the next score; returns 1 for an alarm, else 0. Throws
  // std::invalid_argument for a non-finite score.
  std::uint8_t update(double score);

  double initial_threshold() const { return initial_threshold_; }
  double threshold() const { return threshold_; }
  const GpdFit& fit() const { return fit_; }
  std::size_t observations() const { return observations_; }
  std::size_t excesses() const { return excesses_.size(); }

 private:
  void refit();

  PotOptions options_;
  double initial_threshold_ = 0.0;
  std::vector<double> excesses_;
  std::size_t observations_ = 0;
  GpdFit fit_;
  double threshold_ = 0.0;
};

// Flags of a stream and the threshold record of SPOT.
struct SpotResult {
  std::vector<std::uint8_t> flags;
  // rule "spot"; `value` is the final threshold, and the parameters hold
  // the initial one and the final fit.
  Threshold threshold;
};

// Calibrates SPOT on `calibration` and runs it over `stream` in order.
SpotResult run_spot(const std::vector<double>& calibration,
                    const std::vector<double>& stream,
                    const PotOptions& options);

}  // namespace advad
