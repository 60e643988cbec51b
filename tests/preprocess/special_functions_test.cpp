// Special functions against SciPy 1.10.1 (tests/reference/preprocess/
// helpers.json) and against identities that hold exactly.
#include "advad/preprocess/special_functions.h"

#include <cmath>
#include <limits>

#include <gtest/gtest.h>

#include "preprocess/reference_support.h"

namespace advad {
namespace {

using testing::read_reference;
using testing::relative_error;

TEST(NormalQuantile, MatchesScipy) {
  // scipy.stats.norm.ppf; 1e-14 relative to max(|x|, 1) covers a few
  // units in the last place of both implementations.
  nlohmann::json reference = read_reference("helpers.json")["normal_quantile"];
  for (std::size_t i = 0; i < reference["p"].size(); ++i) {
    double p = reference["p"][i];
    double expected = reference["x"][i];
    EXPECT_LE(relative_error(normal_quantile(p), expected), 1e-14)
        << "p " << p << " expected " << expected << " got "
        << normal_quantile(p);
  }
}

TEST(NormalQuantile, EdgesAndSymmetry) {
  EXPECT_EQ(normal_quantile(0.0), -std::numeric_limits<double>::infinity());
  EXPECT_EQ(normal_quantile(1.0), std::numeric_limits<double>::infinity());
  EXPECT_TRUE(std::isnan(normal_quantile(-0.1)));
  EXPECT_TRUE(std::isnan(normal_quantile(std::nan(""))));
  EXPECT_EQ(normal_quantile(0.5), 0.0);
  EXPECT_DOUBLE_EQ(normal_quantile(0.975), -normal_quantile(0.025));
}

TEST(Digamma, MatchesScipy) {
  // scipy.special.digamma; 1e-14 relative.
  nlohmann::json reference = read_reference("helpers.json")["digamma"];
  for (std::size_t i = 0; i < reference["x"].size(); ++i) {
    double x = reference["x"][i];
    double expected = reference["psi"][i];
    EXPECT_LE(relative_error(digamma(x), expected, 1e-300), 1e-14)
        << "x " << x << " expected " << expected << " got " << digamma(x);
  }
}

TEST(Digamma, HarmonicNumbers) {
  // psi(n + 1) - psi(1) is the n-th harmonic number: H_4 = 25/12.
  EXPECT_NEAR(digamma(5.0) - digamma(1.0), 25.0 / 12.0, 1e-15);
  EXPECT_TRUE(std::isnan(digamma(0.0)));
}

}  // namespace
}  // namespace advad
