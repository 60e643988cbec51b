// The random baseline: scores drawn uniformly from [0, 1), independent of
// the data. Any detector that does not beat it clearly has learned
// nothing, and metrics that rate it well (point-adjusted F1 often does)
// are inflated.
#pragma once

#include <cstddef>
#include <cstdint>
#include <random>
#include <vector>

namespace advad {

class RandomBaseline {
 public:
  explicit RandomBaseline(std::uint64_t seed) : engine_(seed) {}

  // Returns the next `count` scores of the seeded stream. The values
  // depend on the seed only, with the same result for every standard
  // library: each is the top 53 bits of a 64-bit Mersenne Twister draw
  // times 2^-53.
  std::vector<double> scores(std::size_t count);

 private:
  std::mt19937_64 engine_;
};

}  // namespace advad
