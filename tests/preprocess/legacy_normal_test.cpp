// The draws of numpy.random.RandomState(seed), NumPy 1.24.2
// (tests/reference/preprocess/helpers.json). The algorithms are exact, so
// the uniforms agree to the last bit and the normals to the rounding of
// sqrt and log (1e-15 relative).
#include "advad/preprocess/legacy_normal.h"

#include <gtest/gtest.h>

#include "preprocess/reference_support.h"

namespace advad {
namespace {

using testing::read_reference;
using testing::relative_error;

TEST(LegacyNormal, UniformMatchesRandomSample) {
  nlohmann::json expected =
      read_reference("helpers.json")["random_state_random_sample_seed_0"];
  LegacyNormal generator(0);
  for (const nlohmann::json& value : expected) {
    EXPECT_EQ(generator.uniform(), value.get<double>());
  }
}

TEST(LegacyNormal, NormalMatchesStandardNormal) {
  nlohmann::json reference =
      read_reference("helpers.json")["random_state_standard_normal"];
  for (const auto& [seed, values] : reference.items()) {
    LegacyNormal generator(static_cast<std::uint32_t>(std::stoul(seed)));
    for (const nlohmann::json& value : values) {
      double drawn = generator.normal();
      EXPECT_LE(relative_error(drawn, value.get<double>(), 1e-300), 1e-15)
          << "seed " << seed << " expected " << value << " got " << drawn;
    }
  }
}

}  // namespace
}  // namespace advad
