#include "advad/report/statistics.h"

#include <cmath>

#include <gtest/gtest.h>

namespace advad {
namespace {

TEST(Summarize, MeanAndSampleDeviation) {
  // Values 1, 2, 4 (one undefined): mean 7/3, sample variance
  // ((4/3)^2 + (1/3)^2 + (5/3)^2) / 2 = 7/3.
  Summary s = summarize({1.0, std::nullopt, 2.0, 4.0});
  EXPECT_EQ(s.defined, 3U);
  EXPECT_NEAR(*s.mean, 7.0 / 3.0, 1e-12);
  EXPECT_NEAR(*s.standard_deviation, std::sqrt(7.0 / 3.0), 1e-12);
}

TEST(Summarize, UndefinedWithoutValues) {
  Summary s = summarize({std::nullopt});
  EXPECT_FALSE(s.mean.has_value());
  EXPECT_FALSE(s.standard_deviation.has_value());
  Summary one = summarize({0.5});
  EXPECT_TRUE(one.mean.has_value());
  EXPECT_FALSE(one.standard_deviation.has_value());
}

TEST(Wilcoxon, AllPositiveFivePairs) {
  // Every difference positive: W+ = 1+2+3+4+5 = 15, and only 2 of the
  // 32 sign patterns are as extreme: p = 0.0625, as
  // scipy.stats.wilcoxon([1, 2, 3, 4, 5]) reports (scipy 1.10).
  WilcoxonResult r = wilcoxon_signed_rank({2, 4, 6, 8, 10}, {1, 2, 3, 4, 5});
  EXPECT_EQ(r.pairs, 5U);
  EXPECT_DOUBLE_EQ(r.statistic, 15.0);
  EXPECT_NEAR(*r.p_value, 0.0625, 1e-12);
  EXPECT_TRUE(r.exact);
}

TEST(Wilcoxon, MixedSignsHandCount) {
  // Differences -1, 2, 3, 4 (no ties): W+ = 2+3+4 = 9 out of a total 10.
  // Rank sums at least as far from the centre 5 as 9 is: sums 0, 1, 9
  // and 10, one pattern each, so p = 4 / 16 = 0.25.
  WilcoxonResult r = wilcoxon_signed_rank({0, 2, 3, 4}, {1, 0, 0, 0});
  EXPECT_DOUBLE_EQ(r.statistic, 9.0);
  EXPECT_NEAR(*r.p_value, 0.25, 1e-12);
}

TEST(Wilcoxon, ZerosDroppedTiesMidRanked) {
  // Differences 0, 1, 1, -2: the zero is dropped, |d| = 1, 1, 2 get
  // mid-ranks 1.5, 1.5, 3, and W+ = 3. Doubled ranks 3, 3, 6 give the
  // sums 0, 3, 3, 6, 6, 9, 9, 12 (halved: 0 .. 6, centre 3), all at least
  // as far from the centre as W+ = 3 is: p = 1.
  WilcoxonResult r = wilcoxon_signed_rank({5, 2, 2, 0}, {5, 1, 1, 2});
  EXPECT_EQ(r.pairs, 3U);
  EXPECT_DOUBLE_EQ(r.statistic, 3.0);
  EXPECT_NEAR(*r.p_value, 1.0, 1e-12);
}

TEST(Wilcoxon, UndefinedWhenAllEqual) {
  WilcoxonResult r = wilcoxon_signed_rank({1, 2}, {1, 2});
  EXPECT_EQ(r.pairs, 0U);
  EXPECT_FALSE(r.p_value.has_value());
}

TEST(Wilcoxon, NormalApproximationForManyPairs) {
  // 25 positive differences 1..25: W+ = 325, mean 162.5, variance
  // 25 * 26 * 51 / 24 = 1381.25, z = 4.372, two-sided p = 1.23e-5.
  std::vector<double> x;
  std::vector<double> y(25, 0.0);
  for (int i = 1; i <= 25; ++i) {
    x.push_back(i);
  }
  WilcoxonResult r = wilcoxon_signed_rank(x, y);
  EXPECT_FALSE(r.exact);
  EXPECT_NEAR(*r.p_value, 1.23e-5, 0.01e-5);
}

TEST(Wilcoxon, SizeMismatchRejected) {
  EXPECT_THROW(wilcoxon_signed_rank({1.0}, {1.0, 2.0}),
               std::invalid_argument);
}

}  // namespace
}  // namespace advad
