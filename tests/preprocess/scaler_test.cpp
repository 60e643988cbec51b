#include "advad/preprocess/scaler.h"

#include <cmath>
#include <limits>
#include <string>

#include <gtest/gtest.h>

#include "advad/common/error.h"
#include "advad/preprocess/affine_scalers.h"
#include "advad/preprocess/power_scaler.h"
#include "advad/preprocess/quantile_scaler.h"

namespace advad {
namespace {

Matrix column(std::vector<float> values) {
  Matrix result(values.size(), 1);
  result.values = std::move(values);
  return result;
}

// A 4-row matrix: a ramp 0, 1, 2, 4 and the constant 5.
Matrix ramp_and_constant() {
  Matrix values(4, 2);
  values.values = {0.0F, 5.0F, 1.0F, 5.0F, 2.0F, 5.0F, 4.0F, 5.0F};
  return values;
}

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
  EXPECT_EQ(scaler.name(), "minmax-clip");
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

TEST(StandardScaler, HandComputedMoments) {
  // Ramp 0, 1, 2, 4: mean 7/4, variance (49 + 9 + 1 + 81) / 16 / 4 =
  // 35/16, so 4 maps to (4 - 1.75) / sqrt(35/16).
  StandardScaler scaler;
  ASSERT_EQ(scaler.fit(ramp_and_constant()), std::vector<std::size_t>({1}));
  EXPECT_DOUBLE_EQ(scaler.offset()[0], 1.75);
  EXPECT_DOUBLE_EQ(scaler.variance()[0], 35.0 / 16.0);
  EXPECT_EQ(scaler.divisor()[1], 1.0);
  Matrix test(1, 2);
  test.values = {4.0F, 6.0F};
  scaler.transform(test);
  EXPECT_FLOAT_EQ(test.at(0, 0),
                  static_cast<float>(2.25 / std::sqrt(35.0 / 16.0)));
  EXPECT_FLOAT_EQ(test.at(0, 1), 1.0F);  // constant 5: 6 - 5 over scale 1
}

TEST(RobustScaler, HandComputedQuartiles) {
  // 0, 1, 2, 4: median 1.5; quartiles at positions 0.75 and 2.25 are 0.75
  // and 2.5 (linear interpolation), so the range is 1.75.
  RobustScaler scaler;
  scaler.fit(ramp_and_constant());
  EXPECT_DOUBLE_EQ(scaler.offset()[0], 1.5);
  EXPECT_DOUBLE_EQ(scaler.divisor()[0], 1.75);
  EXPECT_EQ(scaler.offset()[1], 5.0);
  EXPECT_EQ(scaler.divisor()[1], 1.0);
}

TEST(MaxAbsScaler, ConstantMapsToItsSign) {
  // sklearn's MaxAbsScaler does not centre: constant c maps to sign(c).
  Matrix train(2, 3);
  train.values = {-2.0F, 0.0F, 3.0F, -2.0F, 0.0F, 3.0F};
  MaxAbsScaler scaler;
  EXPECT_EQ(scaler.fit(train), std::vector<std::size_t>({0, 1, 2}));
  scaler.transform(train);
  EXPECT_EQ(train.at(0, 0), -1.0F);
  EXPECT_EQ(train.at(0, 1), 0.0F);
  EXPECT_EQ(train.at(0, 2), 1.0F);
}

TEST(YeoJohnson, HandComputedBranches) {
  // lambda 0.5 on x = 3: (4^0.5 - 1) / 0.5 = 2; on x = -3: -(4^1.5 - 1) /
  // 1.5 = -14/3. lambda 0 uses log1p, lambda 2 uses -log1p(-x).
  EXPECT_DOUBLE_EQ(yeo_johnson(3.0, 0.5), 2.0);
  EXPECT_DOUBLE_EQ(yeo_johnson(-3.0, 0.5), -14.0 / 3.0);
  EXPECT_DOUBLE_EQ(yeo_johnson(3.0, 0.0), std::log1p(3.0));
  EXPECT_DOUBLE_EQ(yeo_johnson(-3.0, 2.0), -std::log1p(3.0));
  EXPECT_DOUBLE_EQ(yeo_johnson(2.5, 1.0), 2.5);  // lambda 1 is the identity
}

TEST(PowerScaler, ConstantChannelMapsToZero) {
  PowerScaler scaler;
  ASSERT_EQ(scaler.fit(ramp_and_constant()), std::vector<std::size_t>({1}));
  EXPECT_EQ(scaler.lambdas()[1], 1.0);
  Matrix test(2, 2);
  test.values = {1.0F, 5.0F, 2.0F, 7.0F};
  scaler.transform(test);
  EXPECT_EQ(test.at(0, 1), 0.0F);
  EXPECT_EQ(test.at(1, 1), 2.0F);  // 7 - 5 with lambda 1 and scale 1
}

TEST(QuantileScaler, UniformInterpolatesBetweenQuantiles) {
  // 5 rows, 5 quantiles: the sorted values 0, 1, 2, 4, 8 at references 0,
  // 0.25, 0.5, 0.75, 1. 3 lies halfway between 2 and 4: 0.625.
  QuantileScaler scaler(QuantileOutput::kUniform, 5);
  scaler.fit(column({4.0F, 0.0F, 8.0F, 1.0F, 2.0F}));
  Matrix test = column({3.0F, -1.0F, 0.0F, 8.0F, 100.0F});
  scaler.transform(test);
  EXPECT_FLOAT_EQ(test.at(0, 0), 0.625F);
  EXPECT_EQ(test.at(1, 0), 0.0F);
  EXPECT_EQ(test.at(2, 0), 0.0F);
  EXPECT_EQ(test.at(3, 0), 1.0F);
  EXPECT_EQ(test.at(4, 0), 1.0F);
}

TEST(QuantileScaler, RepeatedQuantilesMapToMiddle) {
  // Sorted 0, 1, 1, 1, 2: the quantiles at 0.25, 0.5 and 0.75 are all 1,
  // so 1 maps to the middle reference 0.5 (average of 0.75 from below and
  // 0.25 from above).
  QuantileScaler scaler(QuantileOutput::kUniform, 5);
  scaler.fit(column({1.0F, 0.0F, 1.0F, 2.0F, 1.0F}));
  Matrix test = column({1.0F});
  scaler.transform(test);
  EXPECT_FLOAT_EQ(test.at(0, 0), 0.5F);
}

TEST(QuantileScaler, NormalOutputClipsAtBounds) {
  // The median maps to Phi^-1(0.5) = 0; the extremes clip at
  // Phi^-1(1e-7 - 2^-52), -5.199337582 (scipy.stats.norm.ppf).
  QuantileScaler scaler(QuantileOutput::kNormal, 100);
  scaler.fit(column({1.0F, 2.0F, 3.0F}));
  Matrix test = column({2.0F, 1.0F, 3.0F});
  scaler.transform(test);
  EXPECT_NEAR(test.at(0, 0), 0.0F, 1e-7);
  EXPECT_NEAR(test.at(1, 0), -5.199337582F, 1e-6);
  EXPECT_NEAR(test.at(2, 0), 5.199337582F, 1e-6);
  EXPECT_EQ(scaler.references().size(), 3U);  // min(100, rows)
}

TEST(Scaler, FloatOverflowNamesCell) {
  StandardScaler scaler;
  Matrix train = column({0.0F, 1e-30F});
  scaler.fit(train);
  Matrix test = column({0.0F, 1e10F});
  try {
    scaler.transform(test);
    FAIL() << "expected an error";
  } catch (const InputError& error) {
    EXPECT_NE(std::string(error.what()).find("row 2, column 1"),
              std::string::npos)
        << error.what();
  }
}

TEST(Scaler, NonFiniteTrainingValueRejected) {
  StandardScaler scaler;
  Matrix train = column({0.0F, std::numeric_limits<float>::quiet_NaN()});
  EXPECT_THROW(scaler.fit(train), InputError);
}

TEST(Scaler, EmptyTrainingRejected) {
  MinMaxScaler scaler;
  EXPECT_THROW(scaler.fit(Matrix(0, 2)), InputError);
}

TEST(Scaler, ColumnCountMismatchRejected) {
  MinMaxScaler scaler;
  scaler.fit(ramp_and_constant());
  Matrix other(1, 3);
  EXPECT_THROW(scaler.transform(other), std::invalid_argument);
}

TEST(Scaler, Float64MatrixBeyondFloat32Range) {
  // 1e300 does not fit in float32; the float64 path scales it.
  Matrix64 train(2, 1);
  train.values = {0.0, 1e300};
  MinMaxScaler scaler;
  scaler.fit(train);
  Matrix64 test(1, 1);
  test.values = {5e299};
  scaler.transform(test);
  EXPECT_DOUBLE_EQ(test.at(0, 0), 0.5);
}

TEST(MakeScaler, UnknownNameListsChoices) {
  try {
    make_scaler("zscore");
    FAIL() << "expected an error";
  } catch (const InputError& error) {
    std::string message = error.what();
    for (const std::string& name : scaler_names()) {
      EXPECT_NE(message.find(name), std::string::npos) << name;
    }
  }
}

TEST(MakeScaler, ZeroQuantilesRejected) {
  EXPECT_THROW(make_scaler("quantile-normal", {0}), InputError);
}

TEST(ScalerJson, RoundTripKeepsTransform) {
  Matrix train(6, 2);
  train.values = {0.5F, 5.0F, 1.0F, 5.0F, 2.0F, 5.0F,
                  4.0F, 5.0F, 7.5F, 5.0F, -1.0F, 5.0F};
  Matrix test(3, 2);
  test.values = {-3.0F, 4.0F, 3.0F, 5.0F, 9.0F, 6.0F};
  for (const std::string& name : scaler_names()) {
    SCOPED_TRACE(name);
    std::unique_ptr<Scaler> fitted = make_scaler(name, {4});
    fitted->fit(train);
    std::unique_ptr<Scaler> restored =
        scaler_from_json(nlohmann::json::parse(fitted->to_json().dump()));
    EXPECT_EQ(restored->name(), name);
    Matrix expected = test;
    Matrix actual = test;
    fitted->transform(expected);
    restored->transform(actual);
    EXPECT_EQ(actual.values, expected.values);
  }
}

TEST(ScalerJson, MissingFieldNamed) {
  nlohmann::json state = {{"name", "standard"}, {"offset", {1.0}}};
  try {
    scaler_from_json(state);
    FAIL() << "expected an error";
  } catch (const InputError& error) {
    EXPECT_NE(std::string(error.what()).find("divisor"), std::string::npos)
        << error.what();
  }
}

TEST(ScalerJson, UnknownNameRejected) {
  EXPECT_THROW(scaler_from_json({{"name", "zscore"}}), InputError);
}

}  // namespace
}  // namespace advad
