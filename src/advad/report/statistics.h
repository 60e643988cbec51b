// Summaries over seeds and the paired test of adversarial training
// against reconstruction-only training.
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

namespace advad {

// Mean and sample standard deviation (n - 1 in the denominator) of the
// defined values; `defined` counts them. The deviation is undefined with
// fewer than two values, the mean with none.
struct Summary {
  std::optional<double> mean;
  std::optional<double> standard_deviation;
  std::size_t defined = 0;
};

Summary summarize(const std::vector<std::optional<double>>& values);

// Two-sided Wilcoxon signed-rank test of paired samples x and y.
struct WilcoxonResult {
  std::size_t pairs = 0;      // pairs with a non-zero difference
  double statistic = 0.0;     // W+, the rank sum of positive x - y
  std::optional<double> p_value;  // undefined with no non-zero difference
  bool exact = false;         // exact distribution or normal approximation
};

// Drops zero differences (Wilcoxon's method, scipy's default), ranks the
// absolute differences with mid-ranks for ties, and computes the p-value
// from the exact distribution of W+ under random signs for up to 20 pairs
// (ties included), and from the normal approximation with tie correction
// beyond that. Throws std::invalid_argument when the sizes differ.
WilcoxonResult wilcoxon_signed_rank(const std::vector<double>& x,
                                    const std::vector<double>& y);

}  // namespace advad
