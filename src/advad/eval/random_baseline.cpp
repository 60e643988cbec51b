#include "advad/eval/random_baseline.h"

#include <cmath>

namespace advad {

std::vector<double> RandomBaseline::scores(std::size_t count) {
  std::vector<double> values(count);
  for (double& value : values) {
    value = std::ldexp(static_cast<double>(engine_() >> 11), -53);
  }
  return values;
}

}  // namespace advad
