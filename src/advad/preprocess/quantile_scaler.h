// Mapping of each channel through its training quantiles.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "advad/preprocess/scaler.h"

namespace advad {

enum class QuantileOutput { kUniform, kNormal };

// A quantile transform per channel, as
// sklearn.preprocessing.QuantileTransformer with subsample larger than the
// data (every training row is used, nothing is drawn at random).
//
// fit() estimates min(quantiles, rows) evenly spaced quantiles of each
// channel (NumPy's linear interpolation, made non-decreasing). transform()
// maps a value by linear interpolation between them to [0, 1], averaging
// the interpolation from below and from above so that a repeated quantile
// maps to the middle of its references. Values at or beyond the training
// extremes map to 0 and 1. The normal output then applies Phi^-1 and
// clips to Phi^-1(1e-7 - 2^-52) and its negative, about +/-5.199.
//
// A constant channel c maps to the lower bound, as in scikit-learn: 0
// (uniform) or about -5.199 (normal) for c and values below it, 1 or
// about 5.199 above it.
class QuantileScaler final : public Scaler {
 public:
  // Throws InputError when `quantiles` is 0.
  QuantileScaler(QuantileOutput output, std::size_t quantiles);

  std::string name() const override;
  std::size_t channel_count() const override { return quantiles_.size(); }
  nlohmann::json to_json() const override;
  static QuantileScaler from_json(const nlohmann::json& state);

  // Probabilities of the quantiles: 0 to 1 in equal steps.
  const std::vector<double>& references() const { return references_; }
  // quantiles()[c] holds the quantiles of channel c, non-decreasing.
  const std::vector<std::vector<double>>& quantiles() const {
    return quantiles_;
  }

 private:
  void fit_values(const ValueView& values) override;
  double scale_value(double x, std::size_t channel) const override;
  void set_references(std::size_t count);

  QuantileOutput output_;
  std::size_t requested_;
  std::vector<double> references_;
  std::vector<std::vector<double>> quantiles_;
};

}  // namespace advad
