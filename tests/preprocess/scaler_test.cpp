#include "advad/preprocess/scaler.h"

#include <gtest/gtest.h>

namespace advad {
namespace {

TEST(MinMaxScaler, ScalesToTrainingRange) {
  // Column 0 spans [2, 6]: 4 -> 0.5, 8 -> 1.5 (outside, not clipped).
  // Column 1 is constant 3: sklearn's MinMaxScaler maps it to 0.
  Matrix train(3, 2);
  train.values = {2.0F, 3.0F, 6.0F, 3.0F, 4.0F, 3.0F};
  MinMaxScaler scaler;
  std::vector<std::size_t> constant = scaler.fit(train);
  ASSERT_EQ(constant, std::vector<std::size_t>({1}));
  Matrix test(1, 2);
  test.values = {8.0F, 5.0F};
  scaler.transform(test);
  EXPECT_FLOAT_EQ(test.at(0, 0), 1.5F);
  EXPECT_FLOAT_EQ(test.at(0, 1), 2.0F);  // (5 - 3) / 1 with unit scale
}

TEST(MinMaxScaler, ClipKeepsUnitRange) {
  Matrix train(2, 1);
  train.values = {0.0F, 10.0F};
  MinMaxScaler scaler(true);
  scaler.fit(train);
  Matrix test(2, 1);
  test.values = {-5.0F, 15.0F};
  scaler.transform(test);
  EXPECT_EQ(test.at(0, 0), 0.0F);
  EXPECT_EQ(test.at(1, 0), 1.0F);
}

TEST(MinMaxScaler, Float64StatisticsKeepTinySpread) {
  // 1e6 + 0.0625 is exact in float32; the spread 0.0625 must survive.
  Matrix train(2, 1);
  train.values = {1.0e6F, 1.0e6F + 0.0625F};
  MinMaxScaler scaler;
  EXPECT_TRUE(scaler.fit(train).empty());
  scaler.transform(train);
  EXPECT_FLOAT_EQ(train.at(1, 0), 1.0F);
}

TEST(MakeScaler, UnknownNameListsChoices) {
  try {
    make_scaler("zscore");
    FAIL() << "expected an error";
  } catch (const std::exception& error) {
    EXPECT_NE(std::string(error.what()).find("minmax"), std::string::npos);
  }
}

}  // namespace
}  // namespace advad
