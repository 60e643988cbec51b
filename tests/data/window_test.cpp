#include "advad/data/window.h"

#include <gtest/gtest.h>

#include "advad/data/dataset.h"

namespace advad {
namespace {

// Rows 0..n-1 with value r in the single channel, split into segments of
// the given sizes.
Dataset counting_dataset(const std::vector<std::size_t>& segment_sizes) {
  Dataset data;
  data.channels = {"x"};
  std::size_t rows = 0;
  for (std::size_t size : segment_sizes) {
    data.segments.push_back({rows, rows + size, "part"});
    rows += size;
  }
  data.values = Matrix(rows, 1);
  for (std::size_t r = 0; r < rows; ++r) {
    data.values.at(r, 0) = static_cast<float>(r);
  }
  return data;
}

TEST(WindowSet, CountPerSegment) {
  // Segments of 10 and 7 rows with windows of 5: 10-5+1 + 7-5+1 = 9.
  Dataset data = counting_dataset({10, 7});
  WindowSet windows(data, {5, 1});
  EXPECT_EQ(windows.size(), 9U);
  EXPECT_EQ(windows.start(6), 10U);  // first window of the second segment
}

TEST(WindowSet, StrideSkipsStarts) {
  // Starts 0, 3, 6 fit in 10 rows with windows of 4 (6 + 4 = 10).
  Dataset data = counting_dataset({10});
  WindowSet windows(data, {4, 3});
  ASSERT_EQ(windows.size(), 3U);
  EXPECT_EQ(windows.start(2), 6U);
}

TEST(WindowSet, ShortSegmentSkipped) {
  Dataset data = counting_dataset({3, 8});
  WindowSet windows(data, {5, 1});
  EXPECT_EQ(windows.size(), 4U);
  ASSERT_EQ(windows.skipped_segments().size(), 1U);
}

TEST(WindowSet, ValuesPointIntoData) {
  Dataset data = counting_dataset({10});
  WindowSet windows(data, {5, 1});
  EXPECT_EQ(windows.values(4), data.values.row(4));
  EXPECT_EQ(windows.values(4)[2], 6.0F);
}

TEST(WindowSet, LabelIsAnyAnomalousRow) {
  Dataset data = counting_dataset({10});
  data.labels.assign(10, 0);
  data.labels[7] = 1;
  WindowSet windows(data, {3, 1});
  std::vector<std::uint8_t> labels = windows.labels();
  // Windows starting at 5, 6 and 7 contain row 7.
  std::vector<std::uint8_t> expected = {0, 0, 0, 0, 0, 1, 1, 1};
  EXPECT_EQ(labels, expected);
  EXPECT_EQ(windows.keep_normal_only(), 3U);
  EXPECT_EQ(windows.size(), 5U);
}

TEST(Dataset, SliceKeepsSegments) {
  Dataset data = counting_dataset({4, 6});
  Dataset slice = slice_rows(data, 2, 7);
  ASSERT_EQ(slice.segments.size(), 2U);
  EXPECT_EQ(slice.segments[0].end, 2U);
  EXPECT_EQ(slice.segments[1].end, 5U);
  EXPECT_EQ(slice.values.at(4, 0), 6.0F);
  slice.validate();
}

TEST(Dataset, ConcatenateMatchesByName) {
  Dataset a;
  a.channels = {"p", "q"};
  a.values = Matrix(1, 2);
  a.values.values = {1.0F, 2.0F};
  a.segments = {{0, 1, "a"}};
  Dataset b;
  b.channels = {"q", "p", "extra"};
  b.values = Matrix(1, 3);
  b.values.values = {20.0F, 10.0F, 99.0F};
  b.segments = {{0, 1, "b"}};
  Dataset joined = concatenate({a, b});
  ASSERT_EQ(joined.rows(), 2U);
  EXPECT_EQ(joined.values.at(1, 0), 10.0F);
  EXPECT_EQ(joined.values.at(1, 1), 20.0F);
  EXPECT_EQ(joined.segments.size(), 2U);
  joined.validate();
}

TEST(Dataset, MissingChannelNamed) {
  Dataset a;
  a.channels = {"p", "q"};
  a.values = Matrix(1, 2);
  a.segments = {{0, 1, "a.csv"}};
  Dataset b = a;
  b.channels = {"p", "r"};
  b.segments = {{0, 1, "b.csv"}};
  try {
    concatenate({a, b});
    FAIL() << "expected an error";
  } catch (const std::exception& error) {
    EXPECT_NE(std::string(error.what()).find("'q'"), std::string::npos);
    EXPECT_NE(std::string(error.what()).find("b.csv"), std::string::npos);
  }
}

}  // namespace
}  // namespace advad
