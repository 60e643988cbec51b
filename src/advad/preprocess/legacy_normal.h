// Normal variates in the stream of numpy.random.RandomState.
#pragma once

#include <cstdint>
#include <random>

namespace advad {

// Draws the same standard normal values as
// numpy.random.RandomState(seed).standard_normal(), which scikit-learn
// uses for its random_state: MT19937 seeded with `seed`, 53-bit uniforms
// from two 32-bit outputs, and the polar Box-Muller method that returns
// the second variate of each pair first.
class LegacyNormal {
 public:
  explicit LegacyNormal(std::uint32_t seed) : engine_(seed) {}

  // Returns a uniform value in [0, 1), as RandomState.random_sample().
  double uniform();

  // Returns a standard normal value.
  double normal();

 private:
  std::mt19937 engine_;
  bool has_cached_ = false;
  double cached_ = 0.0;
};

}  // namespace advad
