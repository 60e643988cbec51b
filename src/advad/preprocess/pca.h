// Principal component analysis on samples (rows of a matrix), in float64.
#pragma once

#include <cstddef>
#include <vector>

#include <nlohmann/json.hpp>

#include "advad/data/dataset.h"

namespace advad {

struct PcaOptions {
  // Keep the fewest components whose explained variance ratios sum to at
  // least this fraction; ignored when `components` is set.
  double variance_fraction = 0.95;
  // Keep exactly this many components; 0 uses `variance_fraction`.
  std::size_t components = 0;
};

// PCA fitted on training samples, as sklearn.decomposition.PCA with
// whiten=False: the samples are centred on their mean, components are
// the right singular vectors in order of decreasing variance.
class Pca {
 public:
  // Learns the mean and components from the rows of `samples`.
  void fit(const Matrix& samples, const PcaOptions& options);

  // Returns the projections of the rows of `samples`: rows x components.
  Matrix transform(const Matrix& samples) const;

  // Returns rows mapped back from component space: rows x features.
  Matrix inverse_transform(const Matrix& projections) const;

  std::size_t component_count() const { return component_count_; }
  std::size_t feature_count() const { return mean_.size(); }
  const std::vector<double>& mean() const { return mean_; }
  // Row-major components x features.
  const std::vector<double>& components() const { return components_; }
  // Variance ratio of every kept component.
  const std::vector<double>& explained_variance_ratio() const {
    return explained_variance_ratio_;
  }

  nlohmann::json to_json() const;
  static Pca from_json(const nlohmann::json& state);

 private:
  std::size_t component_count_ = 0;
  std::vector<double> mean_;
  std::vector<double> components_;
  std::vector<double> explained_variance_ratio_;
};

}  // namespace advad
