// Per-channel scalers fitted on training data and applied to any data.
//
// Every scaler reproduces the scikit-learn 1.2 transformer named in its
// class comment, with statistics in float64. The concrete classes are in
// affine_scalers.h, power_scaler.h and quantile_scaler.h.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "advad/data/dataset.h"
#include "advad/preprocess/value_view.h"

namespace advad {

// A per-channel transform with parameters learned from training rows.
// Statistics are computed in float64 so that long float32 series keep
// exact constants constant. Float32 and float64 matrices (the latter for
// data beyond float32 range) are fitted and transformed alike.
class Scaler {
 public:
  virtual ~Scaler() = default;

  // Learns the parameters from every row of `values`. Returns the indices
  // of channels that are constant in the training data; transform() maps
  // their training value to a fixed value (0 for most scalers, see each
  // class). Throws InputError for zero rows or a non-finite value.
  std::vector<std::size_t> fit(const Matrix& values);
  std::vector<std::size_t> fit(const Matrix64& values);

  // Transforms `values` in place, column by column. Throws
  // std::invalid_argument when the column count differs from the fitted
  // one, and InputError when a result is not finite (or, for Matrix, does
  // not fit in float32).
  void transform(Matrix& values) const;
  void transform(Matrix64& values) const;

  // The name make_scaler() accepts for this scaler and its options.
  virtual std::string name() const = 0;

  // Returns the fitted parameters with "name"; scaler_from_json() reads
  // them back.
  virtual nlohmann::json to_json() const = 0;

  // Channels the scaler was fitted on; 0 before fit().
  virtual std::size_t channel_count() const = 0;

 protected:
  // Learns the parameters from `values`, which have rows and finite values.
  virtual void fit_values(const ValueView& values) = 0;

  // Returns the scaled value of `x` from channel `channel`.
  virtual double scale_value(double x, std::size_t channel) const = 0;

 private:
  // Returns scale_value(x, col); throws InputError naming the row and
  // column when x or the result (as float32 if `narrow`) is not finite.
  double checked_scale(double x, std::size_t row, std::size_t col,
                       bool narrow) const;
};

struct ScalerOptions {
  // Quantiles the quantile scalers estimate, as the n_quantiles of
  // sklearn.preprocessing.QuantileTransformer (default 1000). Fewer are
  // used when the training data has fewer rows.
  std::size_t quantiles = 1000;
};

// Names accepted by make_scaler(), in the order of the study.
std::vector<std::string> scaler_names();

// Returns one line per scaler name saying what it does, for help texts.
std::string describe_scalers();

// Creates the scaler called `name`; throws InputError listing the known
// names when it is unknown, or when options.quantiles is 0.
std::unique_ptr<Scaler> make_scaler(const std::string& name,
                                    const ScalerOptions& options = {});

// Restores a fitted scaler from Scaler::to_json() output. Throws
// InputError when the name is unknown or a parameter is missing or has the
// wrong size.
std::unique_ptr<Scaler> scaler_from_json(const nlohmann::json& state);

}  // namespace advad
