// Per-channel statistics in float64 with the conventions of NumPy and
// scikit-learn, shared by the scalers.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "advad/preprocess/value_view.h"

namespace advad {

// Returns channel `col` of `values`.
std::vector<double> column_values(const ValueView& values, std::size_t col);

// Returns channel `col` of `values`, sorted ascending.
std::vector<double> sorted_column(const ValueView& values, std::size_t col);

// Returns the q-quantile (0 <= q <= 1) of ascending `sorted` values with
// linear interpolation, as numpy.quantile's default method: with
// h = (n - 1) q, it lies between the floor(h)-th and ceil(h)-th values.
double quantile_of_sorted(const std::vector<double>& sorted, double q);

// Returns the median of ascending `sorted` values, as numpy.median: the
// mean of the two middle values when the count is even.
double median_of_sorted(const std::vector<double>& sorted);

struct MeanVariance {
  double mean = 0.0;
  double variance = 0.0;  // divided by n (NumPy's ddof=0)
};

// Computes mean and variance with the corrected two-pass algorithm of
// Chan, Golub and LeVeque, as sklearn.preprocessing.StandardScaler.
MeanVariance mean_variance(const std::vector<double>& values);

// Returns whether a variance is indistinguishable from zero given the
// rounding error of the two-pass algorithm on `count` values: the test
// sklearn.preprocessing.StandardScaler uses to find constant features.
bool is_constant_variance(double variance, double mean, std::size_t count);

// Returns `scale`, or 1 when it is below 10 machine epsilons, as
// scikit-learn's scalers do for a feature without spread.
double nonzero_scale(double scale);

// Returns the channels of `values` whose rows are all equal.
std::vector<std::size_t> constant_columns(const ValueView& values);

// Throws InputError when `values` has no rows, or a value that is NaN or
// infinite (naming the row and column, 1-based, and `scaler`).
void check_fit_input(const ValueView& values, const std::string& scaler);

}  // namespace advad
