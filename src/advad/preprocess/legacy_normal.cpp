#include "advad/preprocess/legacy_normal.h"

#include <cmath>

namespace advad {

double LegacyNormal::uniform() {
  // 27 high bits of one output and 26 of the next make 53 bits.
  std::uint32_t high = engine_() >> 5;
  std::uint32_t low = engine_() >> 6;
  return (high * 67108864.0 + low) / 9007199254740992.0;
}

double LegacyNormal::normal() {
  if (has_cached_) {
    has_cached_ = false;
    return cached_;
  }
  double x1 = 0.0;
  double x2 = 0.0;
  double radius_squared = 0.0;
  do {
    x1 = 2.0 * uniform() - 1.0;
    x2 = 2.0 * uniform() - 1.0;
    radius_squared = x1 * x1 + x2 * x2;
  } while (radius_squared >= 1.0 || radius_squared == 0.0);
  double factor = std::sqrt(-2.0 * std::log(radius_squared) / radius_squared);
  cached_ = factor * x1;
  has_cached_ = true;
  return factor * x2;
}

}  // namespace advad
