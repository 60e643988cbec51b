#include "advad/preprocess/power_scaler.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <spdlog/spdlog.h>

#include "advad/common/error.h"
#include "advad/preprocess/brent.h"
#include "advad/preprocess/column_statistics.h"
#include "advad/preprocess/state_json.h"

namespace advad {

namespace {

constexpr double kEpsilon = std::numeric_limits<double>::epsilon();

// Below this ratio of standard deviation to mean, the variance of the
// transformed values is mostly float64 rounding.
constexpr double kDegenerateSpread = 1e-10;

// Returns NumPy's var() of the values transformed with `lambda`: the
// mean of squared deviations from the mean, NaN when a transformed value
// overflows. `scratch` receives the transformed values.
double transformed_variance(const std::vector<double>& values, double lambda,
                            std::vector<double>& scratch) {
  scratch.resize(values.size());
  double sum = 0.0;
  for (std::size_t i = 0; i < values.size(); ++i) {
    scratch[i] = yeo_johnson(values[i], lambda);
    sum += scratch[i];
  }
  auto count = static_cast<double>(values.size());
  double mean = sum / count;
  double squares = 0.0;
  for (double v : scratch) {
    squares += (v - mean) * (v - mean);
  }
  return squares / count;
}

}  // namespace

double yeo_johnson(double x, double lambda) {
  if (x >= 0.0) {
    if (std::fabs(lambda) < kEpsilon) {
      return std::log1p(x);
    }
    return (std::pow(x + 1.0, lambda) - 1.0) / lambda;
  }
  if (std::fabs(lambda - 2.0) > kEpsilon) {
    return -(std::pow(-x + 1.0, 2.0 - lambda) - 1.0) / (2.0 - lambda);
  }
  return -std::log1p(-x);
}

double fit_yeo_johnson_lambda(const std::vector<double>& values) {
  double log_sum = 0.0;
  for (double v : values) {
    double sign = v > 0.0 ? 1.0 : (v < 0.0 ? -1.0 : 0.0);
    log_sum += sign * std::log1p(std::fabs(v));
  }
  auto count = static_cast<double>(values.size());
  std::vector<double> scratch;
  auto negative_log_likelihood = [&](double lambda) {
    double variance = transformed_variance(values, lambda, scratch);
    if (variance < std::numeric_limits<double>::min()) {
      return std::numeric_limits<double>::infinity();
    }
    double log_likelihood =
        -count / 2.0 * std::log(variance) + (lambda - 1.0) * log_sum;
    return -log_likelihood;
  };
  return brent_minimize(negative_log_likelihood, -2.0, 2.0);
}

void PowerScaler::fit_values(const ValueView& values) {
  std::vector<std::size_t> constant = constant_columns(values);
  lambdas_.assign(values.cols(), 1.0);
  mean_.assign(values.cols(), 0.0);
  scale_.assign(values.cols(), 1.0);
  degenerate_.clear();
  for (std::size_t c = 0; c < values.cols(); ++c) {
    std::vector<double> column = column_values(values, c);
    bool is_constant =
        std::find(constant.begin(), constant.end(), c) != constant.end();
    if (!is_constant) {
      lambdas_[c] = fit_yeo_johnson_lambda(column);
    }
    if (!std::isfinite(lambdas_[c])) {
      throw InputError(fmt::format(
          "power scaler: no finite Yeo-Johnson lambda maximizes the "
          "likelihood of training column {}; choose another scaler",
          c + 1));
    }
    for (double& v : column) {
      v = yeo_johnson(v, lambdas_[c]);
    }
    MeanVariance stats = mean_variance(column);
    mean_[c] = stats.mean;
    bool no_spread =
        is_constant_variance(stats.variance, stats.mean, values.rows());
    if (!no_spread) {
      scale_[c] = std::sqrt(stats.variance);
    }
    if (!is_constant &&
        (no_spread || scale_[c] < kDegenerateSpread * std::fabs(mean_[c]))) {
      degenerate_.push_back(c);
    }
  }
  warn_degenerate();
}

void PowerScaler::warn_degenerate() const {
  if (degenerate_.empty()) {
    return;
  }
  std::vector<std::size_t> columns;
  for (std::size_t c : degenerate_) {
    columns.push_back(c + 1);
  }
  spdlog::warn("power scaler: the transformed training values of columns {} "
               "spread less than 1e-10 of their mean, so rounding noise "
               "chose lambda and they scale to about 0; use another scaler "
               "for them",
               fmt::join(columns, ", "));
}

double PowerScaler::scale_value(double x, std::size_t channel) const {
  return (yeo_johnson(x, lambdas_[channel]) - mean_[channel]) /
         scale_[channel];
}

nlohmann::json PowerScaler::to_json() const {
  return {{"name", name()},
          {"lambdas", lambdas_},
          {"mean", mean_},
          {"scale", scale_}};
}

PowerScaler PowerScaler::from_json(const nlohmann::json& state) {
  PowerScaler scaler;
  scaler.lambdas_ = read_doubles(state, "lambdas", "scaler");
  std::size_t count = scaler.lambdas_.size();
  scaler.mean_ = read_doubles(state, "mean", "scaler", count);
  scaler.scale_ = read_doubles(state, "scale", "scaler", count);
  return scaler;
}

}  // namespace advad
