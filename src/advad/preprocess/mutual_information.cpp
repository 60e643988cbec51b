#include "advad/preprocess/mutual_information.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

#include <fmt/format.h>

#include "advad/common/error.h"
#include "advad/preprocess/column_statistics.h"
#include "advad/preprocess/legacy_normal.h"
#include "advad/preprocess/special_functions.h"

namespace advad {

namespace {

// Per-point quantities of the estimator; only points whose label occurs
// more than once take part.
struct PointTerms {
  double squared_radius = 0.0;
  std::size_t neighbors = 0;
  std::size_t label_count = 0;
};

// Returns the distance from sorted[p] to its k-th nearest other value, as
// scikit-learn's tree returns it: the square root of the squared
// difference.
double kth_neighbor_distance(const std::vector<double>& sorted,
                             std::size_t p, std::size_t k) {
  std::size_t left = p;   // next candidate below is left - 1
  std::size_t right = p;  // next candidate above is right + 1
  double distance = 0.0;
  for (std::size_t found = 0; found < k; ++found) {
    bool has_left = left > 0;
    bool has_right = right + 1 < sorted.size();
    double below = has_left ? sorted[p] - sorted[left - 1] : INFINITY;
    double above = has_right ? sorted[right + 1] - sorted[p] : INFINITY;
    if (below <= above) {
      distance = below;
      --left;
    } else {
      distance = above;
      ++right;
    }
  }
  return std::sqrt(distance * distance);
}

// Fills the radius and counts of the points labelled `label`.
void fill_label_terms(const std::vector<double>& values,
                      const std::vector<std::uint8_t>& labels,
                      std::uint8_t label, std::size_t neighbors,
                      std::vector<PointTerms>& terms) {
  std::vector<std::size_t> members;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (labels[i] == label) {
      members.push_back(i);
    }
  }
  std::sort(members.begin(), members.end(),
            [&](std::size_t a, std::size_t b) { return values[a] < values[b]; });
  std::vector<double> sorted;
  sorted.reserve(members.size());
  for (std::size_t i : members) {
    sorted.push_back(values[i]);
  }
  std::size_t k = members.size() > 1
                      ? std::min(neighbors, members.size() - 1)
                      : 0;
  for (std::size_t p = 0; p < members.size(); ++p) {
    PointTerms& point = terms[members[p]];
    point.label_count = members.size();
    if (k > 0) {
      // Points at exactly the k-th distance fall outside the radius.
      double radius =
          std::nextafter(kth_neighbor_distance(sorted, p, k), 0.0);
      point.squared_radius = radius * radius;
      point.neighbors = k;
    }
  }
}

// Returns how many of the ascending `sorted` values v satisfy
// (v - center)^2 <= squared_radius in floating point.
std::size_t count_within(const std::vector<double>& sorted, double center,
                         double squared_radius) {
  auto outside_below = [&](double v) {
    return v < center && !((center - v) * (center - v) <= squared_radius);
  };
  auto not_outside_above = [&](double v) {
    return v <= center || (v - center) * (v - center) <= squared_radius;
  };
  auto first = std::partition_point(sorted.begin(), sorted.end(),
                                    outside_below);
  auto last = std::partition_point(sorted.begin(), sorted.end(),
                                   not_outside_above);
  return static_cast<std::size_t>(last - first);
}

}  // namespace

double mutual_information(const std::vector<double>& values,
                          const std::vector<std::uint8_t>& labels,
                          std::size_t neighbors) {
  if (values.size() != labels.size()) {
    throw std::invalid_argument(fmt::format(
        "{} values but {} labels", values.size(), labels.size()));
  }
  std::vector<PointTerms> terms(values.size());
  for (std::uint8_t label : {std::uint8_t{0}, std::uint8_t{1}}) {
    fill_label_terms(values, labels, label, neighbors, terms);
  }
  std::vector<double> kept;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (terms[i].label_count > 1) {
      kept.push_back(values[i]);
    }
  }
  if (kept.empty()) {
    return 0.0;
  }
  std::sort(kept.begin(), kept.end());
  double neighbor_sum = 0.0;
  double label_sum = 0.0;
  double within_sum = 0.0;
  for (std::size_t i = 0; i < values.size(); ++i) {
    const PointTerms& point = terms[i];
    if (point.label_count <= 1) {
      continue;
    }
    auto within = count_within(kept, values[i], point.squared_radius);
    neighbor_sum += digamma(static_cast<double>(point.neighbors));
    label_sum += digamma(static_cast<double>(point.label_count));
    within_sum += digamma(static_cast<double>(within));
  }
  auto count = static_cast<double>(kept.size());
  double estimate = digamma(count) + neighbor_sum / count -
                    label_sum / count - within_sum / count;
  return std::max(0.0, estimate);
}

std::vector<double> mutual_information_per_column(
    const Matrix& values, const std::vector<std::uint8_t>& labels,
    const MutualInformationOptions& options) {
  if (labels.size() != values.rows) {
    throw std::invalid_argument(fmt::format(
        "{} labels for {} rows", labels.size(), values.rows));
  }
  std::vector<std::vector<double>> columns(values.cols);
  std::vector<double> noise_scale(values.cols);
  for (std::size_t c = 0; c < values.cols; ++c) {
    columns[c] = column_values(values, c);
    double spread =
        nonzero_scale(std::sqrt(mean_variance(columns[c]).variance));
    double absolute_sum = 0.0;
    for (double& v : columns[c]) {
      v /= spread;
      absolute_sum += std::fabs(v);
    }
    double mean_absolute = absolute_sum / static_cast<double>(values.rows);
    noise_scale[c] = 1e-10 * std::max(1.0, mean_absolute);
  }
  // scikit-learn draws the noise as one rows x columns array, row by row.
  LegacyNormal noise(options.seed);
  for (std::size_t r = 0; r < values.rows; ++r) {
    for (std::size_t c = 0; c < values.cols; ++c) {
      columns[c][r] += noise_scale[c] * noise.normal();
    }
  }
  std::vector<double> result;
  result.reserve(values.cols);
  for (const std::vector<double>& column : columns) {
    result.push_back(mutual_information(column, labels, options.neighbors));
  }
  return result;
}

std::vector<ChannelScore> rank_channels_by_mutual_information(
    const Dataset& labelled, const MutualInformationOptions& options) {
  std::size_t anomalous = static_cast<std::size_t>(
      std::count(labelled.labels.begin(), labelled.labels.end(), 1));
  if (anomalous == 0 || anomalous == labelled.labels.size()) {
    throw InputError(fmt::format(
        "selection by mutual information needs labelled normal and "
        "anomalous rows, but the labelled split has {} anomalous of {} "
        "rows; use another reduction or give labelled anomalies",
        anomalous, labelled.labels.size()));
  }
  std::vector<double> scores =
      mutual_information_per_column(labelled.values, labelled.labels,
                                    options);
  std::vector<ChannelScore> ranking;
  for (std::size_t c = 0; c < scores.size(); ++c) {
    ranking.push_back({labelled.channels[c], c, scores[c]});
  }
  std::stable_sort(ranking.begin(), ranking.end(),
                   [](const ChannelScore& a, const ChannelScore& b) {
                     return a.score > b.score;
                   });
  return ranking;
}

std::size_t channels_to_keep(std::size_t total, std::size_t count,
                             double fraction) {
  std::size_t keep = count;
  if (keep == 0) {
    keep = static_cast<std::size_t>(
        std::ceil(fraction * static_cast<double>(total)));
  }
  return std::clamp<std::size_t>(keep, 1, total);
}

}  // namespace advad
