#include "advad/preprocess/scaler.h"

#include <cmath>
#include <stdexcept>
#include <utility>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "advad/common/error.h"
#include "advad/preprocess/affine_scalers.h"
#include "advad/preprocess/column_statistics.h"
#include "advad/preprocess/power_scaler.h"
#include "advad/preprocess/quantile_scaler.h"
#include "advad/preprocess/state_json.h"

namespace advad {

namespace {

struct ScalerDescription {
  const char* name;
  const char* summary;
};

constexpr ScalerDescription kScalers[] = {
    {"minmax", "(x - min) / (max - min) with the training extremes"},
    {"minmax-clip", "minmax, clamped to [0, 1] outside the training range"},
    {"standard", "(x - mean) / standard deviation"},
    {"robust", "(x - median) / interquartile range"},
    {"maxabs", "x / max |x|"},
    {"power", "Yeo-Johnson transform by maximum likelihood, standardized"},
    {"quantile-uniform", "training quantiles mapped to [0, 1]"},
    {"quantile-normal", "training quantiles mapped to a standard normal"},
};

void check_column_count(std::size_t actual, std::size_t expected) {
  if (actual != expected) {
    throw std::invalid_argument(fmt::format(
        "scaler fitted on {} channels applied to {}", expected, actual));
  }
}

}  // namespace

std::vector<std::size_t> Scaler::fit(const Matrix& values) {
  check_fit_input(values, name());
  fit_values(values);
  return constant_columns(values);
}

std::vector<std::size_t> Scaler::fit(const Matrix64& values) {
  check_fit_input(values, name());
  fit_values(values);
  return constant_columns(values);
}

double Scaler::checked_scale(double x, std::size_t row, std::size_t col,
                             bool narrow) const {
  if (!std::isfinite(x)) {
    throw InputError(fmt::format(
        "cannot apply the {} scaler: row {}, column {} is {}; remove or fill "
        "non-finite values first",
        name(), row + 1, col + 1, x));
  }
  double scaled = scale_value(x, col);
  bool representable = narrow ? std::isfinite(static_cast<float>(scaled))
                              : std::isfinite(scaled);
  if (!representable) {
    throw InputError(fmt::format(
        "the {} scaler maps row {}, column {} (value {}) to {}, which {} "
        "cannot hold; choose another scaler or remove the outlier",
        name(), row + 1, col + 1, x, scaled, narrow ? "float32" : "float64"));
  }
  return scaled;
}

void Scaler::transform(Matrix& values) const {
  check_column_count(values.cols, channel_count());
  for (std::size_t r = 0; r < values.rows; ++r) {
    float* row = values.row(r);
    for (std::size_t c = 0; c < values.cols; ++c) {
      row[c] = static_cast<float>(checked_scale(row[c], r, c, true));
    }
  }
}

void Scaler::transform(Matrix64& values) const {
  check_column_count(values.cols, channel_count());
  for (std::size_t r = 0; r < values.rows; ++r) {
    double* row = values.row(r);
    for (std::size_t c = 0; c < values.cols; ++c) {
      row[c] = checked_scale(row[c], r, c, false);
    }
  }
}

std::vector<std::string> scaler_names() {
  std::vector<std::string> names;
  for (const ScalerDescription& scaler : kScalers) {
    names.emplace_back(scaler.name);
  }
  return names;
}

std::string describe_scalers() {
  std::string text;
  for (const ScalerDescription& scaler : kScalers) {
    text += fmt::format("{}: {}\n", scaler.name, scaler.summary);
  }
  return text;
}

std::unique_ptr<Scaler> make_scaler(const std::string& name,
                                    const ScalerOptions& options) {
  if (name == "minmax" || name == "minmax-clip") {
    return std::make_unique<MinMaxScaler>(name == "minmax-clip");
  }
  if (name == "standard") {
    return std::make_unique<StandardScaler>();
  }
  if (name == "robust") {
    return std::make_unique<RobustScaler>();
  }
  if (name == "maxabs") {
    return std::make_unique<MaxAbsScaler>();
  }
  if (name == "power") {
    return std::make_unique<PowerScaler>();
  }
  if (name == "quantile-uniform" || name == "quantile-normal") {
    QuantileOutput output = name == "quantile-normal"
                                ? QuantileOutput::kNormal
                                : QuantileOutput::kUniform;
    return std::make_unique<QuantileScaler>(output, options.quantiles);
  }
  throw InputError(fmt::format("unknown scaler '{}'; choose one of: {}", name,
                               fmt::join(scaler_names(), ", ")));
}

std::unique_ptr<Scaler> scaler_from_json(const nlohmann::json& state) {
  std::string name = read_string(state, "name", "scaler");
  if (name == "minmax" || name == "minmax-clip") {
    return std::make_unique<MinMaxScaler>(MinMaxScaler::from_json(state));
  }
  if (name == "standard") {
    return std::make_unique<StandardScaler>(StandardScaler::from_json(state));
  }
  if (name == "robust") {
    return std::make_unique<RobustScaler>(RobustScaler::from_json(state));
  }
  if (name == "maxabs") {
    return std::make_unique<MaxAbsScaler>(MaxAbsScaler::from_json(state));
  }
  if (name == "power") {
    return std::make_unique<PowerScaler>(PowerScaler::from_json(state));
  }
  if (name == "quantile-uniform" || name == "quantile-normal") {
    return std::make_unique<QuantileScaler>(QuantileScaler::from_json(state));
  }
  throw InputError(fmt::format(
      "saved scaler state names an unknown scaler '{}'; known: {}", name,
      fmt::join(scaler_names(), ", ")));
}

}  // namespace advad
