// One-dimensional minimization by Brent's method, step for step as
// scipy.optimize.brent (SciPy 1.10) so that both find the same local
// minimum of the same function.
#pragma once

#include <functional>

namespace advad {

struct BrentOptions {
  // Relative tolerance on the minimizer; scipy's default.
  double tolerance = 1.48e-8;
  // Iterations of Brent's method before it returns its best point.
  int max_iterations = 500;
  // Growth steps of the bracket search before it gives up.
  int max_bracket_iterations = 1000;
};

// Returns a local minimizer of `f`. The search starts from the points
// `a` and `b`, expands downhill until three points bracket a minimum (as
// scipy.optimize.bracket with grow_limit 110), then runs Brent's parabolic
// and golden-section steps. Infinite and NaN values of `f` are compared as
// scipy compares them, so a function that is infinite everywhere still
// returns a point. Throws std::runtime_error when the bracket search
// exceeds its iterations.
double brent_minimize(const std::function<double(double)>& f, double a,
                      double b, const BrentOptions& options = {});

}  // namespace advad
