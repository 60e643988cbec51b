// Threshold rules that need no extreme value theory, and the record that
// every rule returns so that results name the rule behind a number.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace advad {

// A threshold and how it was set. A point is flagged when its score is
// above `value`.
struct Threshold {
  // "quantile", "best-f1", "pot", "spot" or "fixed".
  std::string rule;
  // The rule's inputs and fitted values, e.g. {"level": 0.99,
  // "scores": 400}, written as given into result files.
  nlohmann::json parameters = nlohmann::json::object();
  double value = 0.0;
};

// Returns the `level`-quantile of scores of normal data (numpy's default
// interpolation, see quantile()). Throws std::invalid_argument as
// quantile() does.
Threshold quantile_threshold(const std::vector<double>& normal_scores,
                             double level);

// Returns the threshold with the highest point-wise F1 on a labelled
// validation split. Every distinct score is a candidate: flagging the
// scores at or above it, the threshold lies halfway to the next lower
// distinct score (or one unit in the last place below the lowest score),
// so tied scores always fall on the same side. On equal F1 the higher
// threshold wins. std::nullopt when `labels` hold no positive, because F1
// is then undefined at every threshold. Throws std::invalid_argument for
// mismatched sizes, non-finite scores or labels other than 0 and 1.
std::optional<Threshold> best_f1_threshold(
    const std::vector<double>& scores,
    const std::vector<std::uint8_t>& labels);

// Returns a threshold fixed by the user. Throws std::invalid_argument for
// a value that is not finite.
Threshold fixed_threshold(double value);

// Returns 1 for every score above `threshold`, else 0. Throws
// std::invalid_argument for a non-finite score or a NaN threshold.
std::vector<std::uint8_t> flag_scores(const std::vector<double>& scores,
                                      double threshold);

// Serializes a threshold as {"rule", "parameters", "value"}.
nlohmann::json to_json(const Threshold& threshold);

}  // namespace advad
