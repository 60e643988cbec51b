// Argument checks shared by the metrics and the threshold rules. They
// throw std::invalid_argument: a score or label that breaks them is a bug
// in the caller or the model, not a problem in the user's files.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace advad {

// Throws when a value of `scores` is NaN or infinite, naming its index and
// value; `what` names the values in the message ("score" by default).
void check_finite_scores(const std::vector<double>& scores,
                         std::string_view what = "score");

// Throws when a label is neither 0 nor 1, naming its index and value.
void check_binary_labels(const std::vector<std::uint8_t>& labels);

// Throws when `scores` and `labels` differ in length, a score is not
// finite, or a label is neither 0 nor 1.
void check_scores_and_labels(const std::vector<double>& scores,
                             const std::vector<std::uint8_t>& labels);

}  // namespace advad
