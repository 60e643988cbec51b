// Mutual information between each channel and the row labels, and the
// channel selection built on it.
//
// Selection by mutual information needs labelled anomalies, which the
// unsupervised setting of the study does not have: it must come from a
// labelled validation split kept apart from the test data.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "advad/data/dataset.h"

namespace advad {

struct MutualInformationOptions {
  // Neighbours of the k-nearest-neighbour estimator (scikit-learn's
  // n_neighbors, default 3).
  std::size_t neighbors = 3;
  // Seed of the noise of relative size 1e-10 that breaks ties between
  // equal values (scikit-learn's random_state).
  std::uint32_t seed = 0;
};

// Returns the estimate, in nats, of the mutual information between the
// continuous `values` and the discrete `labels` by the nearest-neighbour
// method of Ross (2014), as scikit-learn 1.2's estimator for one column
// (sklearn.feature_selection._mutual_info._compute_mi_cd): for each point,
// the distance r to its k-th neighbour of the same label (k = min(
// neighbors, label count - 1)) and the count m of all points closer than
// r give psi(N) + <psi(k)> - <psi(N_label)> - <psi(m)>, clamped at 0.
// Points whose label occurs once are ignored. Distances are compared as
// squares, as scikit-learn's KD-tree compares them.
double mutual_information(const std::vector<double>& values,
                          const std::vector<std::uint8_t>& labels,
                          std::size_t neighbors);

// Returns the mutual information of every column of `values` with
// `labels`, as sklearn.feature_selection.mutual_info_classif(values,
// labels, n_neighbors=neighbors, random_state=seed) on continuous
// features: each column is divided by its standard deviation, noise of
// 1e-10 times max(1, mean |x|) from RandomState(seed) is added in
// scikit-learn's order, then the estimator above runs per column.
// Throws std::invalid_argument when the label count differs from the row
// count.
std::vector<double> mutual_information_per_column(
    const Matrix& values, const std::vector<std::uint8_t>& labels,
    const MutualInformationOptions& options = {});

struct ChannelScore {
  std::string channel;
  std::size_t index = 0;  // column in the data set
  double score = 0.0;     // mutual information in nats
};

// Returns the channels of `labelled` ranked by mutual information with
// its row labels, highest first (ties in channel order). Throws InputError
// when `labelled` has no labels or lacks normal or anomalous rows, since
// the ranking needs labelled anomalies.
std::vector<ChannelScore> rank_channels_by_mutual_information(
    const Dataset& labelled, const MutualInformationOptions& options = {});

// Returns how many of `total` channels to keep: `count` when it is not 0,
// else ceil(fraction * total), at least 1 and at most `total`.
std::size_t channels_to_keep(std::size_t total, std::size_t count,
                             double fraction);

}  // namespace advad
