// Brent's method against scipy.optimize.brent(f, brack=(-2, 2)) of SciPy
// 1.10.1 (tests/reference/preprocess/helpers.json). The steps are the
// same, but NumPy's vectorized sin differs from glibc's in the last bit,
// which moves the multimodal minimizer by 3e-12; 1e-9 relative is still
// far inside Brent's tolerance of 1.48e-8.
#include "advad/preprocess/brent.h"

#include <cmath>
#include <functional>
#include <limits>
#include <map>
#include <string>

#include <gtest/gtest.h>

#include "preprocess/reference_support.h"

namespace advad {
namespace {

using testing::read_reference;
using testing::relative_error;

// The functions of make_reference.py, by name.
std::map<std::string, std::function<double(double)>> functions() {
  return {
      {"quadratic", [](double x) { return (x - 1.5) * (x - 1.5) + 0.25; }},
      {"multimodal",
       [](double x) { return std::sin(3 * x) + 0.1 * x * x; }},
      {"infinite",
       [](double) { return std::numeric_limits<double>::infinity(); }},
      {"nan_outside",
       [](double x) {
         return std::fabs(x) < 5 ? (x - 0.3) * (x - 0.3)
                                 : std::numeric_limits<double>::quiet_NaN();
       }},
  };
}

TEST(BrentMinimize, MatchesScipy) {
  nlohmann::json expected =
      read_reference("helpers.json")["brent_from_bracket_minus_2_2"];
  for (const auto& [name, f] : functions()) {
    double found = brent_minimize(f, -2.0, 2.0);
    EXPECT_LE(relative_error(found, expected[name].get<double>()), 1e-9)
        << name << " expected " << expected[name] << " got " << found;
  }
}

TEST(BrentMinimize, TightToleranceFindsQuadraticMinimum) {
  // The minimizer of (x - 0.7)^2 is 0.7; Brent's method stops within the
  // tolerance of 1.48e-8 relative (scipy's default).
  double found = brent_minimize([](double x) { return (x - 0.7) * (x - 0.7); },
                                -2.0, 2.0);
  EXPECT_NEAR(found, 0.7, 1e-7);
}

}  // namespace
}  // namespace advad
