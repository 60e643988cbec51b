#include "advad/eval/pot.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>

#include <fmt/format.h>

#include "advad/eval/score_checks.h"
#include "advad/eval/threshold.h"

namespace advad {
namespace {

// Grid points per scanned stretch of each root interval.
constexpr std::size_t kGridPoints = 48;
// Bisection steps; 200 halvings shrink any double interval to adjacent
// numbers long before they run out.
constexpr int kBisectionSteps = 200;
// Smallest |x| (in units of 1 / mean excess) scanned. Closer to 0,
// u(x) v(x) - 1 is about x^2 (mean(Y^2) / 2 mean(Y)^2 - 1), below the
// rounding error of the sums, and any root there gives a fit
// indistinguishable from the exponential one.
constexpr double kSmallestStep = 1e-6;

double negative_infinity() {
  return -std::numeric_limits<double>::infinity();
}

void check_excesses(const std::vector<double>& excesses) {
  if (excesses.empty()) {
    throw std::invalid_argument(
        "cannot fit a generalized Pareto distribution to no excess");
  }
  for (std::size_t i = 0; i < excesses.size(); ++i) {
    if (!(std::isfinite(excesses[i]) && excesses[i] > 0.0)) {
      throw std::invalid_argument(fmt::format(
          "excess at index {} is {}; excesses over the threshold must be "
          "finite and positive",
          i, excesses[i]));
    }
  }
}

// Grimshaw's function u(x) v(x) - 1 on excesses scaled to mean 1.
double grimshaw(const std::vector<double>& y, double x) {
  double u = 0.0;
  double v = 0.0;
  for (double value : y) {
    const double s = x * value;
    u += 1.0 / (1.0 + s);
    v += std::log1p(s);
  }
  const auto n = static_cast<double>(y.size());
  return (u / n) * (1.0 + v / n) - 1.0;
}

// Returns `count` points from `low` to `high` (both > 0), evenly spaced
// on a log scale.
std::vector<double> geometric(double low, double high, std::size_t count) {
  std::vector<double> points(count);
  const double ratio = std::log(high / low) / static_cast<double>(count - 1);
  for (std::size_t k = 0; k < count; ++k) {
    points[k] = low * std::exp(ratio * static_cast<double>(k));
  }
  points.back() = high;
  return points;
}

// Scan points of (-1 / max y, 0), dense near both ends, in increasing
// order. Written as x = -f / max y with f in (0, 1).
std::vector<double> left_grid(double max_y) {
  std::vector<double> fractions = geometric(kSmallestStep, 0.5, kGridPoints);
  for (double gap : geometric(1e-12, 0.5, kGridPoints)) {
    fractions.push_back(1.0 - gap);
  }
  std::vector<double> grid;
  for (double fraction : fractions) {
    grid.push_back(-fraction / max_y);
  }
  std::sort(grid.begin(), grid.end());
  grid.erase(std::unique(grid.begin(), grid.end()), grid.end());
  return grid;
}

// Scan points of (0, upper], dense near 0, in increasing order.
std::vector<double> right_grid(double upper) {
  if (!(upper > 0.0 && std::isfinite(upper))) {
    return {};
  }
  if (upper <= kSmallestStep) {
    return {upper / 2.0, upper};
  }
  return geometric(kSmallestStep, upper, 2 * kGridPoints);
}

// Refines a sign change of grimshaw() between a and b by bisection.
double bisect(const std::vector<double>& y, double a, double b,
              double value_at_a) {
  for (int step = 0; step < kBisectionSteps; ++step) {
    const double middle = a + (b - a) / 2.0;
    if (middle <= a || middle >= b) {
      break;
    }
    const double value = grimshaw(y, middle);
    if ((value < 0.0) == (value_at_a < 0.0)) {
      a = middle;
      value_at_a = value;
    } else {
      b = middle;
    }
  }
  return a + (b - a) / 2.0;
}

// Returns every root of grimshaw() found between grid neighbours.
void collect_roots(const std::vector<double>& y,
                   const std::vector<double>& grid,
                   std::vector<double>& roots) {
  for (std::size_t k = 0; k + 1 < grid.size(); ++k) {
    const double a = grimshaw(y, grid[k]);
    const double b = grimshaw(y, grid[k + 1]);
    if (a == 0.0) {
      roots.push_back(grid[k]);
    } else if ((a < 0.0) != (b < 0.0) && b != 0.0) {
      roots.push_back(bisect(y, grid[k], grid[k + 1], a));
    }
  }
}

// Log-likelihood of a GPD with shape `gamma` and scale `sigma`; minus
// infinity outside the support.
double log_likelihood(const std::vector<double>& y, double gamma,
                      double sigma) {
  const auto n = static_cast<double>(y.size());
  if (!(sigma > 0.0)) {
    return negative_infinity();
  }
  if (gamma == 0.0) {
    const double sum = std::accumulate(y.begin(), y.end(), 0.0);
    return -n * std::log(sigma) - sum / sigma;
  }
  double sum = 0.0;
  for (double value : y) {
    const double s = gamma * value / sigma;
    if (!(s > -1.0)) {
      return negative_infinity();
    }
    sum += std::log1p(s);
  }
  return -n * std::log(sigma) - (1.0 + 1.0 / gamma) * sum;
}

// The fit at a root x of grimshaw(): gamma = v(x) - 1, sigma = gamma / x.
GpdFit fit_at_root(const std::vector<double>& y, double x) {
  double v = 0.0;
  for (double value : y) {
    v += std::log1p(x * value);
  }
  GpdFit fit;
  fit.shape = v / static_cast<double>(y.size());
  fit.scale = fit.shape / x;
  fit.log_likelihood = log_likelihood(y, fit.shape, fit.scale);
  return fit;
}

void check_options(const PotOptions& options) {
  if (!(options.initial_level > 0.0 && options.initial_level < 1.0)) {
    throw std::invalid_argument(fmt::format(
        "initial level {} of peaks over threshold is outside (0, 1); "
        "choose a high quantile level such as 0.98",
        options.initial_level));
  }
  if (!(options.risk > 0.0 && options.risk < 1.0 - options.initial_level)) {
    throw std::invalid_argument(fmt::format(
        "risk {} of peaks over threshold is outside (0, 1 - initial level "
        "{}); choose a smaller risk such as 1e-3",
        options.risk, options.initial_level));
  }
}

void check_scores(const std::vector<double>& scores) {
  if (scores.size() < 2) {
    throw std::invalid_argument(fmt::format(
        "peaks over threshold needs at least 2 calibration scores, got {}",
        scores.size()));
  }
  check_finite_scores(scores, "calibration score");
}

// Excesses of `scores` over `threshold`.
std::vector<double> excesses_over(const std::vector<double>& scores,
                                  double threshold) {
  std::vector<double> excesses;
  for (double score : scores) {
    if (score > threshold) {
      excesses.push_back(score - threshold);
    }
  }
  if (excesses.empty()) {
    throw std::invalid_argument(fmt::format(
        "no calibration score lies above the initial threshold {}; lower "
        "the initial level or calibrate on more scores",
        threshold));
  }
  return excesses;
}

nlohmann::json fit_json(const GpdFit& fit) {
  return {{"shape", fit.shape},
          {"scale", fit.scale},
          {"log_likelihood", fit.log_likelihood}};
}

}  // namespace

GpdFit fit_gpd(const std::vector<double>& excesses) {
  check_excesses(excesses);
  // Scaling to mean 1 makes the grid independent of the score unit; the
  // shape is unchanged and the scale and likelihood are mapped back.
  const double mean =
      std::accumulate(excesses.begin(), excesses.end(), 0.0) /
      static_cast<double>(excesses.size());
  std::vector<double> y(excesses.size());
  std::transform(excesses.begin(), excesses.end(), y.begin(),
                 [mean](double value) { return value / mean; });
  const auto [min_y, max_y] = std::minmax_element(y.begin(), y.end());

  std::vector<double> roots;
  collect_roots(y, left_grid(*max_y), roots);
  collect_roots(y, right_grid(2.0 * (1.0 - *min_y) / (*min_y * *min_y)),
                roots);

  GpdFit best{0.0, 1.0, log_likelihood(y, 0.0, 1.0)};
  for (double root : roots) {
    const GpdFit candidate = fit_at_root(y, root);
    if (candidate.log_likelihood > best.log_likelihood) {
      best = candidate;
    }
  }
  const auto n = static_cast<double>(y.size());
  best.scale *= mean;
  best.log_likelihood -= n * std::log(mean);
  return best;
}

double pot_quantile(double initial_threshold, const GpdFit& fit,
                    std::size_t observations, std::size_t excesses,
                    double risk) {
  const double ratio = risk * static_cast<double>(observations) /
                       static_cast<double>(excesses);
  if (!(risk > 0.0 && ratio < 1.0)) {
    throw std::invalid_argument(fmt::format(
        "risk {} is not in (0, {} excesses / {} scores); the threshold "
        "would not lie above the initial threshold, so lower the risk",
        risk, excesses, observations));
  }
  const double log_ratio = std::log(ratio);
  if (fit.shape == 0.0) {
    return initial_threshold - fit.scale * log_ratio;
  }
  // sigma / gamma * (r^-gamma - 1), with expm1 for gamma near 0.
  return initial_threshold +
         fit.scale * std::expm1(-fit.shape * log_ratio) / fit.shape;
}

Threshold pot_threshold(const std::vector<double>& scores,
                        const PotOptions& options) {
  check_options(options);
  check_scores(scores);
  const double initial = quantile(scores, options.initial_level);
  const std::vector<double> excesses = excesses_over(scores, initial);
  const GpdFit fit = fit_gpd(excesses);
  Threshold threshold;
  threshold.rule = "pot";
  threshold.value = pot_quantile(initial, fit, scores.size(),
                                 excesses.size(), options.risk);
  threshold.parameters = {{"initial_level", options.initial_level},
                          {"risk", options.risk},
                          {"initial_threshold", initial},
                          {"scores", scores.size()},
                          {"excesses", excesses.size()},
                          {"fit", fit_json(fit)}};
  return threshold;
}

Spot::Spot(const std::vector<double>& scores, const PotOptions& options)
    : options_(options) {
  check_options(options);
  check_scores(scores);
  initial_threshold_ = quantile(scores, options.initial_level);
  excesses_ = excesses_over(scores, initial_threshold_);
  observations_ = scores.size();
  refit();
}

void Spot::refit() {
  fit_ = fit_gpd(excesses_);
  threshold_ = pot_quantile(initial_threshold_, fit_, observations_,
                            excesses_.size(), options_.risk);
}

std::uint8_t Spot::update(double score) {
  if (!std::isfinite(score)) {
    throw std::invalid_argument(fmt::format(
        "score {} is not finite; check the model output for NaN or "
        "overflow",
        score));
  }
  if (score > threshold_) {
    return 1;
  }
  ++observations_;
  if (score > initial_threshold_) {
    excesses_.push_back(score - initial_threshold_);
    refit();
  }
  return 0;
}

SpotResult run_spot(const std::vector<double>& calibration,
                    const std::vector<double>& stream,
                    const PotOptions& options) {
  Spot spot(calibration, options);
  const double calibrated = spot.threshold();
  SpotResult result;
  result.flags.reserve(stream.size());
  std::size_t alarms = 0;
  for (double score : stream) {
    result.flags.push_back(spot.update(score));
    alarms += result.flags.back();
  }
  result.threshold.rule = "spot";
  result.threshold.value = spot.threshold();
  result.threshold.parameters = {
      {"initial_level", options.initial_level},
      {"risk", options.risk},
      {"initial_threshold", spot.initial_threshold()},
      {"calibration_scores", calibration.size()},
      {"calibrated_threshold", calibrated},
      {"final_threshold", spot.threshold()},
      {"observations", spot.observations()},
      {"excesses", spot.excesses()},
      {"alarms", alarms},
      {"fit", fit_json(spot.fit())}};
  return result;
}

}  // namespace advad
