#include "advad/eval/random_baseline.h"

#include <cmath>

#include <gtest/gtest.h>

namespace advad {
namespace {

TEST(RandomBaseline, TenThousandthValueOfStandardEngine) {
  // The C++ standard ([rand.predef]) fixes the 10000th output of
  // mt19937_64 with seed 5489 at 9981545732273789042; the score is its
  // top 53 bits times 2^-53.
  RandomBaseline baseline(5489);
  const std::vector<double> scores = baseline.scores(10000);
  const double expected =
      std::ldexp(static_cast<double>(9981545732273789042ULL >> 11), -53);
  EXPECT_EQ(scores.back(), expected);
}

TEST(RandomBaseline, SameSeedSameScores) {
  RandomBaseline a(7);
  RandomBaseline b(7);
  EXPECT_EQ(a.scores(50), b.scores(50));
}

TEST(RandomBaseline, StreamContinues) {
  // Two draws of 3 equal one draw of 6.
  RandomBaseline split(3);
  std::vector<double> first = split.scores(3);
  const std::vector<double> second = split.scores(3);
  first.insert(first.end(), second.begin(), second.end());
  RandomBaseline whole(3);
  EXPECT_EQ(first, whole.scores(6));
}

TEST(RandomBaseline, ScoresInUnitInterval) {
  RandomBaseline baseline(11);
  for (double score : baseline.scores(1000)) {
    EXPECT_GE(score, 0.0);
    EXPECT_LT(score, 1.0);
  }
}

}  // namespace
}  // namespace advad
