// The feature preparation of the study: a scaler, then optionally a
// reduction of the channels or of the windows.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "advad/data/dataset.h"
#include "advad/data/window.h"
#include "advad/preprocess/mutual_information.h"
#include "advad/preprocess/pca.h"
#include "advad/preprocess/scaler.h"

namespace advad {

struct FeatureOptions {
  // Scaler fitted on the training rows; one of scaler_names().
  std::string scaler = "minmax";
  ScalerOptions scaler_options;
  // Reduction after scaling. "none" keeps the channels. "pca" replaces
  // each window by its projections on the principal components of the
  // training windows. "mi" keeps the channels with the highest mutual
  // information with the labels of a labelled validation split.
  std::string reduction = "none";
  PcaOptions pca;
  // Channels "mi" keeps: `mi_channels` when not 0, else
  // ceil(mi_fraction x channels) (default half).
  std::size_t mi_channels = 0;
  double mi_fraction = 0.5;
  MutualInformationOptions mi;
  // Share of each labelled test segment, taken from its end, that
  // split_labelled() sets apart to rank channels for "mi" (those rows then
  // leave the test set), in (0, 1).
  double labelled_fraction = 0.3;
};

// Names of the reductions: none, pca, mi.
std::vector<std::string> reduction_names();

// Throws InputError for an unknown scaler or reduction, an mi_fraction
// outside (0, 1] or a labelled_fraction outside (0, 1).
void check_feature_options(const FeatureOptions& options);

// Returns whether fit() needs a labelled validation split.
bool needs_labelled_split(const FeatureOptions& options);

// Fits the feature steps on training data and applies them to any data.
//
// Use: fit() on the training rows (and, for "mi", a labelled split such as
// split_labelled() returns), transform() every part. For "pca", cut the
// windows of the transformed parts, fit_windows() on the training windows
// and project_windows() every window set: the result has one row per
// window, so the networks take it with a window length of 1.
class FeaturePipeline {
 public:
  // Throws InputError as check_feature_options().
  explicit FeaturePipeline(FeatureOptions options = {});

  // Ranks the channels on `labelled` for "mi" (which needs it), then fits
  // the scaler on the kept channels of `train` (on Dataset::values64 when
  // `train` has them). Returns the names of the kept channels that are
  // constant in the training data.
  std::vector<std::string> fit(const Dataset& train,
                               const Dataset* labelled = nullptr);

  // Returns `data` with the kept channels, matched by name, scaled. When
  // `data` has float64 values, those are scaled and rounded into `values`.
  Dataset transform(const Dataset& data) const;

  // Returns whether windows must go through fit_windows() and
  // project_windows().
  bool projects_windows() const { return options_.reduction == "pca"; }

  // Fits PCA on the flattened training windows, then a MinMax scaler on
  // their projections so that a sigmoid output can reconstruct them.
  void fit_windows(const WindowSet& train_windows);

  // Returns one row per window: its scaled projections as channels "pc1",
  // "pc2", ..., the window's label (1 when any of its rows is anomalous)
  // when the data has labels, and one segment per input segment.
  Dataset project_windows(const WindowSet& windows) const;

  const FeatureOptions& options() const { return options_; }
  const Scaler& scaler() const { return *scaler_; }
  // Returns a fitted copy of the scaler, for owners that keep only it.
  std::unique_ptr<Scaler> copy_scaler() const;
  const std::vector<std::string>& kept_channels() const { return kept_; }
  // Channels ranked by mutual information ("mi" only).
  const std::vector<ChannelScore>& ranking() const { return ranking_; }
  const Pca& pca() const { return pca_; }

  // Returns the settings and what was fitted, for the results file.
  nlohmann::json describe() const;

  nlohmann::json to_json() const;
  // Restores a fitted pipeline; throws InputError for invalid state.
  static FeaturePipeline from_json(const nlohmann::json& state);

 private:
  void select_by_mutual_information(const Dataset& train,
                                    const Dataset* labelled);

  FeatureOptions options_;
  std::unique_ptr<Scaler> scaler_;
  std::vector<std::string> kept_;
  std::vector<ChannelScore> ranking_;
  Pca pca_;
  std::unique_ptr<Scaler> projection_scaler_;
};

}  // namespace advad
