#include "advad/preprocess/affine_scalers.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <spdlog/spdlog.h>

#include "advad/preprocess/column_statistics.h"
#include "advad/preprocess/state_json.h"

namespace advad {

namespace {

nlohmann::json affine_json(const std::string& name,
                           const std::vector<double>& offset,
                           const std::vector<double>& divisor) {
  return {{"name", name}, {"offset", offset}, {"divisor", divisor}};
}

}  // namespace

double AffineScaler::scale_value(double x, std::size_t channel) const {
  return (x - offset_[channel]) / divisor_[channel];
}

void MinMaxScaler::fit_values(const ValueView& values) {
  std::vector<double> minimum(values.cols());
  std::vector<double> maximum(values.cols());
  for (std::size_t c = 0; c < values.cols(); ++c) {
    minimum[c] = maximum[c] = values.at(0, c);
  }
  for (std::size_t r = 1; r < values.rows(); ++r) {
    for (std::size_t c = 0; c < values.cols(); ++c) {
      minimum[c] = std::min(minimum[c], values.at(r, c));
      maximum[c] = std::max(maximum[c], values.at(r, c));
    }
  }
  set_extremes(std::move(minimum), std::move(maximum));
}

double MinMaxScaler::scale_value(double x, std::size_t channel) const {
  double scaled = AffineScaler::scale_value(x, channel);
  return clip_ ? std::clamp(scaled, 0.0, 1.0) : scaled;
}

void MinMaxScaler::set_extremes(std::vector<double> minimum,
                                std::vector<double> maximum) {
  minimum_ = std::move(minimum);
  maximum_ = std::move(maximum);
  offset_ = minimum_;
  divisor_.resize(minimum_.size());
  for (std::size_t c = 0; c < minimum_.size(); ++c) {
    divisor_[c] = nonzero_scale(maximum_[c] - minimum_[c]);
  }
}

std::string MinMaxScaler::name() const {
  return clip_ ? "minmax-clip" : "minmax";
}

nlohmann::json MinMaxScaler::to_json() const {
  return {{"name", name()}, {"minimum", minimum_}, {"maximum", maximum_}};
}

MinMaxScaler MinMaxScaler::from_json(const nlohmann::json& state) {
  MinMaxScaler scaler(read_string(state, "name", "scaler") == "minmax-clip");
  std::vector<double> minimum = read_doubles(state, "minimum", "scaler");
  std::vector<double> maximum =
      read_doubles(state, "maximum", "scaler", minimum.size());
  scaler.set_extremes(std::move(minimum), std::move(maximum));
  return scaler;
}

void StandardScaler::fit_values(const ValueView& values) {
  offset_.resize(values.cols());
  divisor_.resize(values.cols());
  variance_.resize(values.cols());
  for (std::size_t c = 0; c < values.cols(); ++c) {
    MeanVariance stats = mean_variance(column_values(values, c));
    offset_[c] = stats.mean;
    variance_[c] = stats.variance;
    bool constant =
        is_constant_variance(stats.variance, stats.mean, values.rows());
    divisor_[c] = constant ? 1.0 : std::sqrt(stats.variance);
  }
}

nlohmann::json StandardScaler::to_json() const {
  nlohmann::json state = affine_json(name(), offset_, divisor_);
  state["variance"] = variance_;
  return state;
}

StandardScaler StandardScaler::from_json(const nlohmann::json& state) {
  StandardScaler scaler;
  scaler.offset_ = read_doubles(state, "offset", "scaler");
  std::size_t count = scaler.offset_.size();
  scaler.divisor_ = read_doubles(state, "divisor", "scaler", count);
  scaler.variance_ = read_doubles(state, "variance", "scaler", count);
  return scaler;
}

void RobustScaler::fit_values(const ValueView& values) {
  offset_.resize(values.cols());
  divisor_.resize(values.cols());
  std::vector<std::size_t> constant = constant_columns(values);
  std::vector<std::size_t> centred_only;
  for (std::size_t c = 0; c < values.cols(); ++c) {
    std::vector<double> sorted = sorted_column(values, c);
    offset_[c] = median_of_sorted(sorted);
    double range =
        quantile_of_sorted(sorted, 0.75) - quantile_of_sorted(sorted, 0.25);
    divisor_[c] = nonzero_scale(range);
    bool is_constant =
        std::find(constant.begin(), constant.end(), c) != constant.end();
    if (divisor_[c] != range && !is_constant) {
      centred_only.push_back(c + 1);
    }
  }
  if (!centred_only.empty()) {
    spdlog::warn("robust scaler: columns {} have a zero interquartile range "
                 "and are only centred on their median",
                 fmt::join(centred_only, ", "));
  }
}

nlohmann::json RobustScaler::to_json() const {
  return affine_json(name(), offset_, divisor_);
}

RobustScaler RobustScaler::from_json(const nlohmann::json& state) {
  RobustScaler scaler;
  scaler.offset_ = read_doubles(state, "offset", "scaler");
  scaler.divisor_ =
      read_doubles(state, "divisor", "scaler", scaler.offset_.size());
  return scaler;
}

void MaxAbsScaler::fit_values(const ValueView& values) {
  offset_.assign(values.cols(), 0.0);
  divisor_.assign(values.cols(), 0.0);
  for (std::size_t r = 0; r < values.rows(); ++r) {
    for (std::size_t c = 0; c < values.cols(); ++c) {
      divisor_[c] = std::max(divisor_[c], std::fabs(values.at(r, c)));
    }
  }
  for (double& divisor : divisor_) {
    divisor = nonzero_scale(divisor);
  }
}

nlohmann::json MaxAbsScaler::to_json() const {
  return affine_json(name(), offset_, divisor_);
}

MaxAbsScaler MaxAbsScaler::from_json(const nlohmann::json& state) {
  MaxAbsScaler scaler;
  scaler.divisor_ = read_doubles(state, "divisor", "scaler");
  scaler.offset_.assign(scaler.divisor_.size(), 0.0);
  return scaler;
}

}  // namespace advad
