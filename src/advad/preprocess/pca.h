// Principal component analysis on samples (rows of a matrix), in float64.
#pragma once

#include <cstddef>
#include <vector>

#include <nlohmann/json.hpp>

#include "advad/data/dataset.h"
#include "advad/data/window.h"

namespace advad {

struct PcaOptions {
  // Keep the fewest components whose explained variance ratios sum to
  // more than this fraction, in (0, 1]; ignored when `components` is set.
  double variance_fraction = 0.95;
  // Keep exactly this many components; 0 uses `variance_fraction`.
  std::size_t components = 0;
};

// Largest feature count PCA accepts: the covariance matrix and the
// eigen-decomposition's workspace take about 24 bytes per feature pair
// (400 MB at this limit).
inline constexpr std::size_t kMaxPcaFeatures = 4096;

// PCA fitted on training samples, as sklearn.decomposition.PCA with
// whiten=False and svd_solver='full': the samples are centred on their
// mean, components are the right singular vectors in order of decreasing
// variance, and the sign of each follows scikit-learn's svd_flip (the
// training sample with the largest absolute projection on a component
// projects positively). The components come from LAPACK's dsyevd on the
// covariance matrix, so variance ratios below about 1e-13 of the total
// carry rounding error that an SVD of the samples would not have.
class Pca {
 public:
  // Learns the mean and components from the rows of `samples`. Throws
  // InputError for fewer than 2 samples, more than kMaxPcaFeatures
  // features, a non-finite value, a variance_fraction outside (0, 1], or
  // more components than min(samples, features).
  void fit(const Matrix& samples, const PcaOptions& options);

  // Learns from the flattened windows of `windows` (length x channels
  // values each) without copying them; otherwise as fit(Matrix).
  void fit(const WindowSet& windows, const PcaOptions& options);

  // Returns the projections of the rows of `samples`: rows x components.
  Matrix transform(const Matrix& samples) const;

  // Returns the projections of the flattened windows of `windows`.
  Matrix transform(const WindowSet& windows) const;

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
