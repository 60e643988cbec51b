#include "advad/data/dataset.h"

#include <gtest/gtest.h>

#include <cfloat>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include "advad/common/error.h"

namespace advad {
namespace {

using Names = std::vector<std::string>;

// Two rows of channels `names`; row r, column c is 10 r + c + offset.
Dataset two_rows(const Names& names, float offset, const std::string& source) {
  Dataset data;
  data.channels = names;
  data.values = Matrix(2, names.size());
  for (std::size_t r = 0; r < 2; ++r) {
    for (std::size_t c = 0; c < names.size(); ++c) {
      data.values.at(r, c) = static_cast<float>(10 * r + c) + offset;
    }
  }
  data.segments = {{0, 2, source}};
  return data;
}

Dataset with_times(Dataset data, double first) {
  data.times = {first, first + 1};
  return data;
}

TEST(Dataset, ConcatenateMatchesByName) {
  const Dataset train = two_rows({"a", "b"}, 0, "train.csv");
  const Dataset test = two_rows({"b", "a", "label"}, 100, "test.csv");
  const Dataset both = concatenate({train, test});
  ASSERT_EQ(both.rows(), 4u);
  // test.csv row 0: b = 100, a = 101.
  EXPECT_EQ(both.values.at(2, 0), 101.0f);
  EXPECT_EQ(both.values.at(2, 1), 100.0f);
  ASSERT_EQ(both.segments.size(), 2u);
  EXPECT_EQ(both.segments[1].begin, 2u);
  EXPECT_NO_THROW(both.validate());
}

TEST(Dataset, MissingChannelNamed) {
  const Dataset train = two_rows({"a", "b", "c"}, 0, "train.csv");
  const Dataset test = two_rows({"a", "c"}, 0, "test.csv");
  try {
    concatenate({train, test});
    FAIL() << "no InputError";
  } catch (const InputError& error) {
    const std::string message = error.what();
    EXPECT_NE(message.find("test.csv: channel 'b' is missing"),
              std::string::npos)
        << message;
  }
}

TEST(Dataset, ConcatenateKeepsTimes) {
  const Dataset both = concatenate({with_times(two_rows({"a"}, 0, "x"), 5),
                                    with_times(two_rows({"a"}, 0, "y"), 9)});
  EXPECT_EQ(both.times, (std::vector<double>{5, 6, 9, 10}));
}

TEST(Dataset, ConcatenateDropsPartialTimes) {
  const Dataset both = concatenate(
      {with_times(two_rows({"a"}, 0, "x"), 5), two_rows({"a"}, 0, "y")});
  EXPECT_FALSE(both.has_times());
  EXPECT_NO_THROW(both.validate());
}

TEST(Dataset, SliceKeepsTimesAndValues64) {
  Dataset data = with_times(two_rows({"a", "b"}, 0, "x"), 5);
  data.values64 = Matrix64(2, 2);
  data.values64.values = {1e300, 2, 3, 4e300};
  const Dataset last = slice_rows(data, 1, 2);
  EXPECT_EQ(last.times, (std::vector<double>{6}));
  EXPECT_EQ(last.values64.values, (std::vector<double>{3, 4e300}));
  EXPECT_NO_THROW(last.validate());
}

TEST(Dataset, SelectChannelsValues64) {
  Dataset data = two_rows({"a", "b"}, 0, "x");
  data.values64 = Matrix64(2, 2);
  data.values64.values = {1, 2, 3, 4};
  const Dataset swapped = select_channels(data, {"b", "a"}, "x");
  EXPECT_EQ(swapped.values64.values, (std::vector<double>{2, 1, 4, 3}));
}

TEST(Dataset, ValidateRejectsTimeCount) {
  Dataset data = two_rows({"a"}, 0, "x");
  data.times = {1.0};
  EXPECT_THROW(data.validate(), std::logic_error);
}

TEST(Dataset, ToFloat32Saturates) {
  EXPECT_EQ(to_float32(1e300), std::numeric_limits<float>::infinity());
  EXPECT_EQ(to_float32(-1e300), -std::numeric_limits<float>::infinity());
  EXPECT_EQ(to_float32(static_cast<double>(FLT_MAX)), FLT_MAX);
  EXPECT_EQ(to_float32(0.5), 0.5f);
  EXPECT_TRUE(std::isnan(to_float32(std::nan(""))));
}

}  // namespace
}  // namespace advad
