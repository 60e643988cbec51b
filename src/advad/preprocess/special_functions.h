// Special functions that the preprocessing steps need in float64.
#pragma once

namespace advad {

// Returns the standard normal quantile Phi^-1(p): -infinity at 0,
// +infinity at 1, NaN outside [0, 1], as scipy.stats.norm.ppf. Accurate
// to a few units in the last place: Halley steps on std::erfc refine a
// rational first guess.
double normal_quantile(double p);

// Returns the digamma function psi(x) = d/dx ln Gamma(x) for x > 0, as
// scipy.special.digamma, to about 1e-15 relative: the recurrence
// psi(x) = psi(x + 1) - 1/x moves x to 10 or more, then the asymptotic
// series takes over. Returns NaN for x <= 0.
double digamma(double x);

}  // namespace advad
