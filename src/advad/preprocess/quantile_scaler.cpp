#include "advad/preprocess/quantile_scaler.h"

#include <algorithm>
#include <limits>
#include <stdexcept>

#include <fmt/format.h>

#include "advad/common/error.h"
#include "advad/preprocess/column_statistics.h"
#include "advad/preprocess/special_functions.h"
#include "advad/preprocess/state_json.h"

namespace advad {

namespace {

// Margin of the normal output's bounds, scikit-learn's BOUNDS_THRESHOLD.
constexpr double kBoundsThreshold = 1e-7;

// Returns numpy.interp(x, knots, levels) for non-decreasing knots: the
// level of the last knot <= x, interpolated towards the next knot, and
// the end levels outside the knots.
double interpolate_from_below(double x, const std::vector<double>& knots,
                              const std::vector<double>& levels) {
  auto upper = std::upper_bound(knots.begin(), knots.end(), x);
  if (upper == knots.begin()) {
    return levels.front();
  }
  auto j = static_cast<std::size_t>(upper - knots.begin()) - 1;
  if (j + 1 == knots.size()) {
    return levels.back();
  }
  if (knots[j] == x) {
    return levels[j];
  }
  double slope = (levels[j + 1] - levels[j]) / (knots[j + 1] - knots[j]);
  return slope * (x - knots[j]) + levels[j];
}

// Returns -numpy.interp(-x, -knots[::-1], -levels[::-1]): the level of
// the first knot >= x, interpolated towards the previous knot, with the
// same floating-point operations.
double interpolate_from_above(double x, const std::vector<double>& knots,
                              const std::vector<double>& levels) {
  auto lower = std::lower_bound(knots.begin(), knots.end(), x);
  if (lower == knots.end()) {
    return levels.back();
  }
  auto i = static_cast<std::size_t>(lower - knots.begin());
  if (i == 0 || knots[i] == x) {
    return levels[i];
  }
  double slope = (levels[i] - levels[i - 1]) / (knots[i] - knots[i - 1]);
  return levels[i] - slope * (knots[i] - x);
}

std::string output_suffix(QuantileOutput output) {
  return output == QuantileOutput::kUniform ? "uniform" : "normal";
}

}  // namespace

QuantileScaler::QuantileScaler(QuantileOutput output, std::size_t quantiles)
    : output_(output), requested_(quantiles) {
  if (quantiles == 0) {
    throw InputError("the quantile scalers need at least 1 quantile, got 0");
  }
}

void QuantileScaler::set_references(std::size_t count) {
  references_.resize(count);
  double step = count > 1 ? 1.0 / static_cast<double>(count - 1) : 0.0;
  for (std::size_t i = 0; i < count; ++i) {
    references_[i] = static_cast<double>(i) * step;
  }
  if (count > 1) {
    references_.back() = 1.0;
  }
}

void QuantileScaler::fit_values(const ValueView& values) {
  set_references(std::min(requested_, values.rows()));
  quantiles_.assign(values.cols(), {});
  for (std::size_t c = 0; c < values.cols(); ++c) {
    std::vector<double> sorted = sorted_column(values, c);
    std::vector<double>& quantiles = quantiles_[c];
    quantiles.reserve(references_.size());
    for (double reference : references_) {
      // NumPy's percentile divides the percentages by 100 again.
      double q = std::min(1.0, reference * 100.0 / 100.0);
      quantiles.push_back(quantile_of_sorted(sorted, q));
    }
    // Interpolation rounding may break monotonicity; scikit-learn restores
    // it with a running maximum.
    for (std::size_t i = 1; i < quantiles.size(); ++i) {
      quantiles[i] = std::max(quantiles[i], quantiles[i - 1]);
    }
  }
}

double QuantileScaler::scale_value(double x, std::size_t channel) const {
  const std::vector<double>& quantiles = quantiles_[channel];
  bool normal = output_ == QuantileOutput::kNormal;
  bool at_lower = normal ? x - kBoundsThreshold < quantiles.front()
                         : x == quantiles.front();
  bool at_upper = normal ? x + kBoundsThreshold > quantiles.back()
                         : x == quantiles.back();
  double y = 0.0;
  if (at_lower) {
    y = 0.0;
  } else if (at_upper) {
    y = 1.0;
  } else {
    // Averaging the interpolations from both sides maps a run of equal
    // quantiles to the middle of their references.
    y = 0.5 * (interpolate_from_below(x, quantiles, references_) +
               interpolate_from_above(x, quantiles, references_));
  }
  if (!normal) {
    return y;
  }
  constexpr double kEpsilon = std::numeric_limits<double>::epsilon();
  static const double lowest = normal_quantile(kBoundsThreshold - kEpsilon);
  static const double highest =
      normal_quantile(1.0 - (kBoundsThreshold - kEpsilon));
  return std::clamp(normal_quantile(y), lowest, highest);
}

std::string QuantileScaler::name() const {
  return "quantile-" + output_suffix(output_);
}

nlohmann::json QuantileScaler::to_json() const {
  return {{"name", name()},
          {"requested_quantiles", requested_},
          {"references", references_},
          {"quantiles", quantiles_}};
}

QuantileScaler QuantileScaler::from_json(const nlohmann::json& state) {
  std::string name = read_string(state, "name", "scaler");
  QuantileOutput output = name == "quantile-normal" ? QuantileOutput::kNormal
                                                    : QuantileOutput::kUniform;
  QuantileScaler scaler(output,
                        read_count(state, "requested_quantiles", "scaler"));
  scaler.references_ = read_doubles(state, "references", "scaler");
  if (scaler.references_.empty()) {
    throw InputError("saved scaler state: field 'references' is empty; "
                     "save the model again");
  }
  auto found = state.find("quantiles");
  if (found == state.end() || !found->is_array()) {
    throw InputError("saved scaler state: field 'quantiles' is missing or "
                     "is not a list; save the model again");
  }
  for (std::size_t c = 0; c < found->size(); ++c) {
    scaler.quantiles_.push_back(read_doubles(
        {{"channel", (*found)[c]}}, "channel", "scaler",
        scaler.references_.size()));
  }
  return scaler;
}

}  // namespace advad
