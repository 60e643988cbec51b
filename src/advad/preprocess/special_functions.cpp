#include "advad/preprocess/special_functions.h"

#include <cmath>
#include <limits>
#include <numbers>

namespace advad {

namespace {

// Returns Phi(x), the standard normal distribution function, with full
// relative accuracy in the lower tail.
double normal_cdf(double x) {
  return 0.5 * std::erfc(-x / std::numbers::sqrt2);
}

// Returns a first guess of Phi^-1(p) for 0 < p <= 0.5 with an absolute
// error below 4.5e-4 (Abramowitz and Stegun, formula 26.2.23).
double lower_tail_guess(double p) {
  double t = std::sqrt(-2.0 * std::log(p));
  double numerator = 2.515517 + t * (0.802853 + t * 0.010328);
  double denominator = 1.0 + t * (1.432788 + t * (0.189269 + t * 0.001308));
  return -(t - numerator / denominator);
}

// Solves Phi(x) = p for 0 < p <= 0.5 by Halley's method, which converges
// cubically: three steps take the first guess's error below 1e-16.
double lower_tail_quantile(double p) {
  double x = lower_tail_guess(p);
  for (int iteration = 0; iteration < 6; ++iteration) {
    double density =
        std::exp(-0.5 * x * x) / std::sqrt(2.0 * std::numbers::pi);
    double residual = normal_cdf(x) - p;
    double step = residual / (density + 0.5 * x * residual);
    x -= step;
    if (std::fabs(step) <= 1e-16 * std::fabs(x) || step == 0.0) {
      break;
    }
  }
  return x;
}

}  // namespace

double normal_quantile(double p) {
  if (!(p >= 0.0 && p <= 1.0)) {
    return std::numeric_limits<double>::quiet_NaN();
  }
  if (p == 0.0) {
    return -std::numeric_limits<double>::infinity();
  }
  if (p == 1.0) {
    return std::numeric_limits<double>::infinity();
  }
  if (p == 0.5) {
    return 0.0;
  }
  if (p < 0.5) {
    return lower_tail_quantile(p);
  }
  return -lower_tail_quantile(1.0 - p);
}

double digamma(double x) {
  if (!(x > 0.0)) {
    return std::numeric_limits<double>::quiet_NaN();
  }
  double shift = 0.0;
  while (x < 10.0) {
    shift -= 1.0 / x;
    x += 1.0;
  }
  // psi(x) ~ ln x - 1/(2x) - sum B_2k / (2k x^2k), Bernoulli numbers B_2k.
  double inverse_square = 1.0 / (x * x);
  double series =
      inverse_square *
      (1.0 / 12 -
       inverse_square *
           (1.0 / 120 -
            inverse_square *
                (1.0 / 252 -
                 inverse_square *
                     (1.0 / 240 -
                      inverse_square *
                          (1.0 / 132 -
                           inverse_square *
                               (691.0 / 32760 -
                                inverse_square * (1.0 / 12)))))));
  return shift + std::log(x) - 0.5 / x - series;
}

}  // namespace advad
