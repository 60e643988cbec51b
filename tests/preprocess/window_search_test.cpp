#include "advad/preprocess/window_search.h"

#include <string>

#include <gtest/gtest.h>

#include "advad/common/error.h"

namespace advad {
namespace {

TEST(BestF1, HandComputed) {
  // Scores 0.9 (1), 0.8 (0), 0.7 (1), 0.1 (0); 2 positives. Flagging the
  // top 1: F1 = 2/3; top 3: 2 * 2 / (3 + 2) = 0.8, the best.
  EXPECT_DOUBLE_EQ(best_f1({0.9, 0.8, 0.7, 0.1}, {1, 0, 1, 0}), 0.8);
}

TEST(BestF1, TiedScoresFlagTogether) {
  // Both 0.5 flag together: 2 * 1 / (2 + 1) = 2/3, not 1.
  EXPECT_DOUBLE_EQ(best_f1({0.5, 0.5}, {1, 0}), 2.0 / 3.0);
}

TEST(BestF1, NoPositiveIsZero) {
  EXPECT_EQ(best_f1({0.5, 0.2}, {0, 0}), 0.0);
}

TEST(ParseWindowChoice, FormsAccepted) {
  EXPECT_TRUE(parse_window_choice("auto").automatic);
  EXPECT_EQ(parse_window_choice("5").lengths, std::vector<std::size_t>{5});
  EXPECT_EQ(parse_window_choice("5,10,20").lengths,
            (std::vector<std::size_t>{5, 10, 20}));
}

TEST(ParseWindowChoice, InvalidRejected) {
  for (const char* text : {"", "0", "5,", "five", "5,-1", "3.5"}) {
    EXPECT_THROW(parse_window_choice(text), InputError) << text;
  }
}

TEST(AutomaticCandidates, LimitedByLongest) {
  EXPECT_EQ(automatic_window_candidates(12),
            (std::vector<std::size_t>{1, 2, 5, 10}));
  EXPECT_EQ(automatic_window_candidates(0), std::vector<std::size_t>{1});
}

TEST(SelectWindow, HighestCriterionWins) {
  // Length 10 separates the labels perfectly (ROC-AUC 1), 5 does not.
  auto evaluate = [](std::size_t length) {
    if (length == 10) {
      return ScoredWindows{{0.1, 0.2, 0.9}, {0, 0, 1}};
    }
    return ScoredWindows{{0.1, 0.9, 0.2}, {0, 0, 1}};
  };
  WindowSearchResult result =
      select_window({10, 5}, WindowCriterion::kRocAuc, evaluate);
  EXPECT_EQ(result.length, 10U);
  ASSERT_EQ(result.candidates.size(), 2U);
  EXPECT_EQ(result.candidates[0].length, 5U);  // tried in ascending order
  EXPECT_DOUBLE_EQ(result.candidates[0].value, 0.5);
  EXPECT_DOUBLE_EQ(result.candidates[1].value, 1.0);
}

TEST(SelectWindow, TieGoesToShortest) {
  auto evaluate = [](std::size_t) {
    return ScoredWindows{{0.1, 0.9}, {0, 1}};
  };
  EXPECT_EQ(select_window({20, 2, 5}, WindowCriterion::kBestF1, evaluate)
                .length,
            2U);
}

TEST(SelectWindow, OneClassRejected) {
  auto evaluate = [](std::size_t) { return ScoredWindows{{0.1}, {0}}; };
  EXPECT_THROW(select_window({5}, WindowCriterion::kRocAuc, evaluate),
               InputError);
}

TEST(WindowCriterion, NamesRoundTrip) {
  for (WindowCriterion criterion :
       {WindowCriterion::kRocAuc, WindowCriterion::kBestF1}) {
    EXPECT_EQ(parse_window_criterion(to_string(criterion)), criterion);
  }
  EXPECT_THROW(parse_window_criterion("auc"), InputError);
}

}  // namespace
}  // namespace advad
