// Scalers that map each channel by (x - offset) / divisor.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "advad/preprocess/scaler.h"

namespace advad {

// A scaler that maps x to (x - offset) / divisor per channel, in float64.
// Subclasses choose offset and divisor in fit().
class AffineScaler : public Scaler {
 public:
  std::size_t channel_count() const override { return offset_.size(); }
  const std::vector<double>& offset() const { return offset_; }
  const std::vector<double>& divisor() const { return divisor_; }

 protected:
  double scale_value(double x, std::size_t channel) const override;

  std::vector<double> offset_;
  std::vector<double> divisor_;
};

// MinMax scaling to [0, 1] with the training minimum and maximum, as
// sklearn.preprocessing.MinMaxScaler: offset = min, divisor = max - min.
// A channel whose range is below 10 machine epsilons gets divisor 1, so a
// constant channel maps to 0 and other values to x - min. Test values
// outside the training range map outside [0, 1] unless `clip` is set,
// which clamps them as MinMaxScaler(clip=True) does; a sigmoid output
// cannot reach values outside [0, 1].
class MinMaxScaler final : public AffineScaler {
 public:
  explicit MinMaxScaler(bool clip = false) : clip_(clip) {}

  std::string name() const override;
  nlohmann::json to_json() const override;
  static MinMaxScaler from_json(const nlohmann::json& state);

  const std::vector<double>& minimum() const { return minimum_; }
  const std::vector<double>& maximum() const { return maximum_; }

 private:
  void fit_values(const ValueView& values) override;
  double scale_value(double x, std::size_t channel) const override;
  void set_extremes(std::vector<double> minimum, std::vector<double> maximum);

  bool clip_;
  std::vector<double> minimum_;
  std::vector<double> maximum_;
};

// Standardization to zero mean and unit variance, as
// sklearn.preprocessing.StandardScaler: offset = mean, divisor = standard
// deviation (divided by n). A channel whose variance is within the
// rounding error of zero (sklearn's test) gets divisor 1, so a constant
// channel maps to 0.
class StandardScaler final : public AffineScaler {
 public:
  std::string name() const override { return "standard"; }
  nlohmann::json to_json() const override;
  static StandardScaler from_json(const nlohmann::json& state);

  const std::vector<double>& variance() const { return variance_; }

 private:
  void fit_values(const ValueView& values) override;

  std::vector<double> variance_;
};

// Median and interquartile range, as sklearn.preprocessing.RobustScaler
// with its default quantile_range (25, 75): offset = median, divisor =
// 75th - 25th percentile (NumPy's linear interpolation). A channel whose
// range is below 10 machine epsilons gets divisor 1: a constant channel
// maps to 0, and a channel that is constant on more than half of its rows
// is only centred (fit() logs a warning for those).
class RobustScaler final : public AffineScaler {
 public:
  std::string name() const override { return "robust"; }
  nlohmann::json to_json() const override;
  static RobustScaler from_json(const nlohmann::json& state);

 private:
  void fit_values(const ValueView& values) override;
};

// Division by the largest absolute training value, as
// sklearn.preprocessing.MaxAbsScaler: offset = 0, divisor = max |x|. It
// does not centre, so a constant channel c maps to sign(c): 1, -1, or 0
// for an all-zero channel (whose divisor is 1).
class MaxAbsScaler final : public AffineScaler {
 public:
  std::string name() const override { return "maxabs"; }
  nlohmann::json to_json() const override;
  static MaxAbsScaler from_json(const nlohmann::json& state);

 private:
  void fit_values(const ValueView& values) override;
};

}  // namespace advad
