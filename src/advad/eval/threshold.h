// Threshold rules that turn anomaly scores into flags.
#pragma once

#include <vector>

namespace advad {

// Returns the q-quantile of `values` (0 <= q <= 1) with linear
// interpolation between order statistics, as numpy.quantile's default
// method: with h = (n - 1) q, it lies between the floor(h)-th and the
// ceil(h)-th smallest value. Runs in O(n) on the copy it takes.
// Throws std::invalid_argument for an empty input, a q outside [0, 1]
// (NaN included) or a value that is not finite (the message names its
// index).
double quantile(std::vector<double> values, double q);

}  // namespace advad
