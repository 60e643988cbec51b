// Per-channel scalers fitted on training data and applied to any data.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "advad/data/dataset.h"

namespace advad {

// A per-channel transform with parameters learned from training rows.
// Statistics are computed in float64 so that long float32 series keep
// exact constants constant.
class Scaler {
 public:
  virtual ~Scaler() = default;

  // Learns the parameters from every row of `values`. Returns the indices
  // of channels that are constant in the training data; they are mapped to
  // a fixed value by transform().
  virtual std::vector<std::size_t> fit(const Matrix& values) = 0;

  // Transforms `values` in place, column by column.
  virtual void transform(Matrix& values) const = 0;

  virtual std::string name() const = 0;
  virtual nlohmann::json to_json() const = 0;
};

// MinMax scaling to [0, 1]: (x - min) / (max - min) with the training
// minimum and maximum, as sklearn.preprocessing.MinMaxScaler. A constant
// channel maps to 0. Test values outside the training range map outside
// [0, 1] unless `clip` is set.
class MinMaxScaler final : public Scaler {
 public:
  explicit MinMaxScaler(bool clip = false) : clip_(clip) {}

  std::vector<std::size_t> fit(const Matrix& values) override;
  void transform(Matrix& values) const override;
  std::string name() const override { return "minmax"; }
  nlohmann::json to_json() const override;

  const std::vector<double>& minimum() const { return minimum_; }
  const std::vector<double>& maximum() const { return maximum_; }

 private:
  bool clip_;
  std::vector<double> minimum_;
  std::vector<double> maximum_;
};

// Names accepted by make_scaler().
std::vector<std::string> scaler_names();

// Creates the scaler called `name`; throws InputError listing the known
// names when it is unknown.
std::unique_ptr<Scaler> make_scaler(const std::string& name);

}  // namespace advad
