#include "advad/io/delimited.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <functional>
#include <iterator>
#include <numeric>
#include <string>
#include <vector>

#include "advad/common/error.h"
#include "test_support.h"

namespace advad {
namespace {

using Labels = std::vector<std::uint8_t>;
using Names = std::vector<std::string>;

std::string shared(const std::string& relative) {
  return (testing::shared_data_dir() / relative).string();
}

std::string edge_case(const std::string& name) {
  return shared("edge_cases/" + name);
}

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::size_t count_lines(const std::string& path) {
  const std::string text = read_text(path);
  return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

// Returns the InputError message of `action`, or a marker when none is
// thrown.
std::string error_of(const std::function<void()>& action) {
  try {
    action();
  } catch (const InputError& error) {
    return error.what();
  }
  return "<no InputError>";
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

DelimitedOptions skab_options() {
  DelimitedOptions options;
  options.label_columns = {"anomaly"};
  options.ignore_columns = {"changepoint"};
  return options;
}

const Names kSkabChannels = {
    "Accelerometer1RMS", "Accelerometer2RMS", "Current", "Pressure",
    "Temperature",       "Thermocouple",      "Voltage", "Volume Flow RateRMS"};

class DelimitedFiles : public ::testing::Test {
 protected:
  std::string file(const std::string& text,
                   const std::string& name = "data.csv") {
    const std::string path = scratch_.file(name);
    std::ofstream out(path, std::ios::binary);
    out << text;
    return path;
  }

  Dataset read(const std::string& text, const DelimitedOptions& options = {}) {
    return read_delimited(file(text), options);
  }

  std::string error(const std::string& text,
                    const DelimitedOptions& options = {}) {
    const std::string path = file(text);
    return error_of([&] { read_delimited(path, options); });
  }

  testing::TempDir scratch_;
};

// ---------------------------------------------------------------------
// SKAB: ';'-separated, header "datetime;<8 channels>;anomaly;changepoint".

TEST(DelimitedSkab, Valve1Channels) {
  const std::string path = shared("skab/valve1/0.csv");
  const Dataset data = read_delimited(path, skab_options());
  EXPECT_EQ(data.channels, kSkabChannels);
  EXPECT_EQ(data.values.cols, 8u);
  // One header line, then one row per line.
  EXPECT_EQ(data.rows(), count_lines(path) - 1);
  EXPECT_EQ(data.rows(), 1147u);
}

TEST(DelimitedSkab, Valve1Values) {
  // Line 2: 2020-03-09 10:14:33;0.0265878;0.0401113;1.3302;0.054711;
  // 79.3366;26.0199;233.062;32.0;0.0;0.0, and the last line ends with
  // 32.0015;0.0;0.0.
  const Dataset data =
      read_delimited(shared("skab/valve1/0.csv"), skab_options());
  const std::vector<float> first = {0.0265878f, 0.0401113f, 1.3302f,  0.054711f,
                                    79.3366f,   26.0199f,   233.062f, 32.0f};
  for (std::size_t c = 0; c < first.size(); ++c) {
    EXPECT_EQ(data.values.at(0, c), first[c]) << kSkabChannels[c];
  }
  EXPECT_EQ(data.values.at(1146, 7), 32.0015f);
}

TEST(DelimitedSkab, Valve1Labels) {
  // awk counts 401 rows whose 'anomaly' field is 1.0.
  const Dataset data =
      read_delimited(shared("skab/valve1/0.csv"), skab_options());
  ASSERT_EQ(data.labels.size(), data.rows());
  EXPECT_EQ(std::accumulate(data.labels.begin(), data.labels.end(), 0u), 401u);
}

TEST(DelimitedSkab, Valve1Segment) {
  const std::string path = shared("skab/valve1/0.csv");
  const Dataset data = read_delimited(path, skab_options());
  ASSERT_EQ(data.segments.size(), 1u);
  EXPECT_EQ(data.segments[0].begin, 0u);
  EXPECT_EQ(data.segments[0].end, 1147u);
  EXPECT_EQ(data.segments[0].source, path);
  EXPECT_NO_THROW(data.validate());
}

TEST(DelimitedSkab, ChangepointChannelWithoutIgnore) {
  DelimitedOptions options;
  options.label_columns = {"anomaly"};
  const Dataset data = read_delimited(shared("skab/valve1/0.csv"), options);
  ASSERT_EQ(data.channels.size(), 9u);
  EXPECT_EQ(data.channels.back(), "changepoint");
}

TEST(DelimitedSkab, AnomalyFree) {
  const std::string path = shared("skab/anomaly-free/anomaly-free.csv");
  const Dataset data = read_delimited(path, skab_options());
  EXPECT_EQ(data.channels, kSkabChannels);
  EXPECT_EQ(data.rows(), 9405u);
  EXPECT_EQ(data.rows(), count_lines(path) - 1);
  EXPECT_FALSE(data.has_labels());
  // Line 2: ...;0.202394;0.275154;2.16975;...;122.664
  EXPECT_EQ(data.values.at(0, 0), 0.202394f);
  EXPECT_EQ(data.values.at(0, 7), 122.664f);
}

// ---------------------------------------------------------------------
// Edge cases (contents read with cat -A, awk and grep).

TEST(DelimitedEdgeCases, ConstantColumns) {
  // Header a,const5,const14_62,d and 200 rows; CRLF line endings.
  const Dataset data = read_delimited(edge_case("E01_constant_columns.csv"));
  EXPECT_EQ(data.channels, (Names{"a", "const5", "const14_62", "d"}));
  ASSERT_EQ(data.rows(), 200u);
  for (std::size_t r = 0; r < data.rows(); ++r) {
    EXPECT_EQ(data.values.at(r, 1), 5.0f) << r;
    EXPECT_EQ(data.values.at(r, 2), 14.62f) << r;
  }
  EXPECT_EQ(data.values.at(0, 0), 0.1257302210933933f);
}

TEST(DelimitedEdgeCases, NanInfMissing) {
  // The first bad cell is line 12, column a: "nan".
  const std::string message =
      error_of([] { read_delimited(edge_case("E02_nan_inf_missing.csv")); });
  EXPECT_TRUE(contains(message, "E02_nan_inf_missing.csv line 12")) << message;
  EXPECT_TRUE(contains(message, "column 'a'")) << message;
  EXPECT_TRUE(contains(message, "value 'nan'")) << message;
  EXPECT_TRUE(contains(message, "remove or fill the missing value")) << message;
}

TEST(DelimitedEdgeCases, InfinityNamed) {
  // With column a ignored, the first bad cell is line 22, column b: "inf".
  DelimitedOptions options;
  options.ignore_columns = {"a"};
  const std::string message = error_of(
      [&] { read_delimited(edge_case("E02_nan_inf_missing.csv"), options); });
  EXPECT_TRUE(contains(message, "line 22, column 'b': value 'inf'")) << message;
}

TEST(DelimitedEdgeCases, AllNanColumn) {
  const std::string message =
      error_of([] { read_delimited(edge_case("E03_all_nan_column.csv")); });
  EXPECT_TRUE(contains(message, "line 2, column 'allnan': value 'nan'"))
      << message;
}

TEST(DelimitedEdgeCases, AllNanColumnIgnored) {
  DelimitedOptions options;
  options.ignore_columns = {"allnan"};
  const Dataset data =
      read_delimited(edge_case("E03_all_nan_column.csv"), options);
  EXPECT_EQ(data.channels, (Names{"a", "b", "c"}));
  EXPECT_EQ(data.rows(), 50u);
}

TEST(DelimitedEdgeCases, ShortSeries) {
  const Dataset short_data = read_delimited(edge_case("E04_short_20rows.csv"));
  const Dataset exact_data = read_delimited(edge_case("E04_exact_64rows.csv"));
  EXPECT_EQ(short_data.rows(), 20u);
  EXPECT_EQ(exact_data.rows(), 64u);
  EXPECT_EQ(exact_data.channels, (Names{"a", "b", "c", "d"}));
}

TEST(DelimitedEdgeCases, LabelFiles) {
  // 200 lines each; grep finds the single 1 on line 151.
  const Labels ones = read_labels(edge_case("E05_labels_all_one.txt"));
  const Labels zeros = read_labels(edge_case("E05_labels_all_zero.txt"));
  const Labels single =
      read_labels(edge_case("E05_labels_single_positive.txt"));
  EXPECT_EQ(ones, Labels(200, 1));
  EXPECT_EQ(zeros, Labels(200, 0));
  Labels expected(200, 0);
  expected[150] = 1;
  EXPECT_EQ(single, expected);
}

TEST(DelimitedEdgeCases, AllEqualScores) {
  // score,label with LF endings; labels 1 on lines 5 and 8.
  DelimitedOptions options;
  options.label_columns = {"label"};
  const Dataset data =
      read_delimited(edge_case("E06_all_equal_scores.csv"), options);
  EXPECT_EQ(data.channels, (Names{"score"}));
  EXPECT_EQ(data.values.values, std::vector<float>(10, 0.5f));
  EXPECT_EQ(data.labels, (Labels{0, 0, 0, 1, 0, 0, 1, 0, 0, 0}));
}

TEST(DelimitedEdgeCases, TrainWithoutLabelColumn) {
  DelimitedOptions options;
  options.label_columns = {"anomaly"};
  const Dataset data =
      read_delimited(edge_case("E08_train_4cols.csv"), options);
  EXPECT_EQ(data.channels, (Names{"a", "b", "c", "d"}));
  EXPECT_EQ(data.rows(), 50u);
  EXPECT_FALSE(data.has_labels());
}

TEST(DelimitedEdgeCases, TestWithLabelColumn) {
  // Every 'anomaly' cell is 1.0; the last line has no line ending.
  DelimitedOptions options;
  options.label_columns = {"anomaly"};
  const Dataset data =
      read_delimited(edge_case("E08_test_5cols_extra_label.csv"), options);
  EXPECT_EQ(data.channels, (Names{"a", "b", "c", "d"}));
  EXPECT_EQ(data.labels, Labels(50, 1));
  EXPECT_EQ(data.values.at(0, 0), -0.663535198304047f);
}

TEST(DelimitedEdgeCases, TestLabelAsChannel) {
  const Dataset data =
      read_delimited(edge_case("E08_test_5cols_extra_label.csv"));
  EXPECT_EQ(data.channels, (Names{"a", "b", "c", "d", "anomaly"}));
}

DelimitedOptions e09_options() {
  DelimitedOptions options;
  options.decimal_comma = true;
  options.label_columns = {"flag"};
  return options;
}

TEST(DelimitedEdgeCases, DecimalCommaEmptyCell) {
  // Header "Num;Timestamp;Current ;flag;;"; line 8 has an empty Current.
  const std::string message = error_of([] {
    read_delimited(edge_case("E09_semicolon_decimal_comma.csv"), e09_options());
  });
  EXPECT_TRUE(contains(message, "line 8, column 'Current'")) << message;
  EXPECT_TRUE(contains(message, "empty")) << message;
  EXPECT_TRUE(contains(message, "remove or fill the missing value")) << message;
}

TEST(DelimitedEdgeCases, DecimalCommaNeeded) {
  DelimitedOptions options;
  options.label_columns = {"flag"};
  const std::string message = error_of([&] {
    read_delimited(edge_case("E09_semicolon_decimal_comma.csv"), options);
  });
  EXPECT_TRUE(contains(message, "line 2, column 'Current': value '0,1257'"))
      << message;
  EXPECT_TRUE(contains(message, "decimal_comma")) << message;
}

TEST_F(DelimitedFiles, DecimalCommaFilled) {
  // E09 with the empty cell on line 8 filled with 0,5.
  std::string text = read_text(edge_case("E09_semicolon_decimal_comma.csv"));
  const std::string empty_cell = "08:17:06.000Z;;";
  const std::size_t at = text.find(empty_cell);
  ASSERT_NE(at, std::string::npos);
  text.insert(at + empty_cell.size() - 1, "0,5");
  const Dataset data = read(text, e09_options());
  EXPECT_EQ(data.channels, (Names{"Num", "Current"}));
  ASSERT_EQ(data.rows(), 30u);
  EXPECT_EQ(data.values.at(0, 1), 0.1257f);
  EXPECT_EQ(data.values.at(5, 1), -7.39e-30f);
  EXPECT_EQ(data.values.at(6, 1), 0.5f);
  EXPECT_EQ(data.values.at(29, 0), 29.0f);
  // True on the rows numbered 0, 7, 14, 21 and 28.
  Labels expected(30, 0);
  for (const std::size_t row : {0, 7, 14, 21, 28}) expected[row] = 1;
  EXPECT_EQ(data.labels, expected);
}

TEST(DelimitedEdgeCases, BeyondFloat32) {
  // Column near_max_f8 is 1e+300 from line 2 on.
  const std::string message =
      error_of([] { read_delimited(edge_case("E11_dynamic_range.csv")); });
  EXPECT_TRUE(contains(message, "E11_dynamic_range.csv line 2")) << message;
  EXPECT_TRUE(contains(message, "column 'near_max_f8'")) << message;
  EXPECT_TRUE(contains(message, "value '1e+300'")) << message;
  EXPECT_TRUE(contains(message, "float32")) << message;
}

TEST(DelimitedEdgeCases, DynamicRangeWithoutOverflow) {
  // Without near_max_f8 every value fits: line 27 has over_max_f4 3e+38.
  DelimitedOptions options;
  options.ignore_columns = {"near_max_f8"};
  const Dataset data =
      read_delimited(edge_case("E11_dynamic_range.csv"), options);
  EXPECT_EQ(data.channels, (Names{"tiny", "huge", "over_max_f4"}));
  EXPECT_EQ(data.values.at(25, 2), 3e38f);
  EXPECT_EQ(data.values.at(0, 0), 1.257302210933933e-13f);
  EXPECT_EQ(data.values.at(0, 1), -132104863291.3019f);
}

// ---------------------------------------------------------------------
// Hand-written files

TEST_F(DelimitedFiles, QuotedFields) {
  const Dataset data = read("\"a;b\";\"say \"\"hi\"\"\";c\n1;\"2\";3\n");
  EXPECT_EQ(data.channels, (Names{"a;b", "say \"hi\"", "c"}));
  EXPECT_EQ(data.values.values, (std::vector<float>{1, 2, 3}));
}

TEST_F(DelimitedFiles, DetectedDelimiters) {
  for (const std::string d : {",", ";", "\t", "|"}) {
    const Dataset data = read("x" + d + "y z" + d + "w\n1" + d + "2" + d +
                              "3\n4" + d + "5" + d + "6\n");
    EXPECT_EQ(data.channels, (Names{"x", "y z", "w"})) << d;
    EXPECT_EQ(data.values.values, (std::vector<float>{1, 2, 3, 4, 5, 6}));
  }
}

TEST_F(DelimitedFiles, DetectionSkipsQuotedText) {
  // Two commas inside quotes, one ';' outside them.
  const Dataset data = read("\"a,b,c\";d\n1;2\n");
  EXPECT_EQ(data.channels, (Names{"a,b,c", "d"}));
}

TEST_F(DelimitedFiles, GivenDelimiter) {
  // A header with more commas than semicolons, read with ';' as given.
  DelimitedOptions options;
  options.delimiter = ';';
  const Dataset data = read("a,b;c,d,e\n1;2\n", options);
  EXPECT_EQ(data.channels, (Names{"a,b", "c,d,e"}));
}

TEST_F(DelimitedFiles, SingleColumn) {
  const Dataset data = read("value\n1\n2\n");
  EXPECT_EQ(data.channels, (Names{"value"}));
  EXPECT_EQ(data.values.values, (std::vector<float>{1, 2}));
}

TEST_F(DelimitedFiles, ByteOrderMarkAndCrlf) {
  const Dataset data = read("\xEF\xBB\xBFx,y\r\n1,2\r\n3,4\r\n");
  EXPECT_EQ(data.channels, (Names{"x", "y"}));
  EXPECT_EQ(data.values.values, (std::vector<float>{1, 2, 3, 4}));
}

TEST_F(DelimitedFiles, TrailingDelimiter) {
  const Dataset data = read("a,b,\n1,2,\n3,4,\n");
  EXPECT_EQ(data.channels, (Names{"a", "b"}));
  EXPECT_EQ(data.values.values, (std::vector<float>{1, 2, 3, 4}));
}

TEST_F(DelimitedFiles, ValueInUnnamedColumn) {
  const std::string message = error("a,b,\n1,2,\n3,4,5\n");
  EXPECT_TRUE(contains(message, "line 3, column 3: value '5'")) << message;
}

TEST_F(DelimitedFiles, UnnamedMiddleColumn) {
  const std::string message = error("a,,c\n1,2,3\n");
  EXPECT_TRUE(contains(message, "line 1: column 2 has no name")) << message;
}

TEST_F(DelimitedFiles, DuplicatedNames) {
  const std::string message = error("a,b,a,c,b,a\n1,2,3,4,5,6\n");
  EXPECT_TRUE(contains(message, "duplicated column names 'a', 'b';"))
      << message;
}

TEST_F(DelimitedFiles, WrongFieldCount) {
  const std::string message = error("a,b,c\n1,2,3\n4,5\n");
  EXPECT_TRUE(contains(message, "data.csv line 3")) << message;
  EXPECT_TRUE(contains(message, "has 2 fields but the header has 3"))
      << message;
}

TEST_F(DelimitedFiles, EmptyFile) {
  EXPECT_TRUE(contains(error(""), "the file is empty"));
}

TEST_F(DelimitedFiles, HeaderOnly) {
  EXPECT_TRUE(contains(error("a,b\r\n"), "no data rows"));
}

TEST_F(DelimitedFiles, TrailingBlankLines) {
  const Dataset data = read("a,b\n1,2\n\n\r\n");
  EXPECT_EQ(data.rows(), 1u);
}

TEST_F(DelimitedFiles, BlankLineBetweenRows) {
  const std::string message = error("a,b\n1,2\n\n3,4\n");
  EXPECT_TRUE(contains(message, "line 3: the line is empty")) << message;
}

TEST_F(DelimitedFiles, TimestampDropped) {
  for (const std::string name : {"datetime", "Timestamp", "TIME", "date"}) {
    const Dataset data = read(name + ",x\n2020-01-01 00:00:00,1.5\n");
    EXPECT_EQ(data.channels, (Names{"x"})) << name;
  }
}

TEST_F(DelimitedFiles, GivenTimestampColumn) {
  DelimitedOptions options;
  options.timestamp_column = "when";
  const Dataset data = read("when,x,time\nmonday,1,2\n", options);
  EXPECT_EQ(data.channels, (Names{"x", "time"}));
}

TEST_F(DelimitedFiles, MissingTimestampColumn) {
  DelimitedOptions options;
  options.timestamp_column = "when";
  const std::string message = error("x,y\n1,2\n", options);
  EXPECT_TRUE(contains(message, "'when' is not in the header")) << message;
  EXPECT_TRUE(contains(message, "'x', 'y'")) << message;
}

TEST_F(DelimitedFiles, LabelPriorityAndExclusion) {
  // The first label column present in option order wins; the other is
  // excluded from the channels.
  DelimitedOptions options;
  options.label_columns = {"missing", "second", "first"};
  const Dataset data = read("first,x,second\n1,5,0\n0,6,1\n", options);
  EXPECT_EQ(data.channels, (Names{"x"}));
  EXPECT_EQ(data.labels, (Labels{0, 1}));
}

TEST_F(DelimitedFiles, LabelSpellings) {
  DelimitedOptions options;
  options.label_columns = {"y"};
  const Dataset data =
      read("x,y\n1,0\n1,1\n1,0.0\n1,1.0\n1,True\n1,False\n1,true\n1,false\n",
           options);
  EXPECT_EQ(data.labels, (Labels{0, 1, 0, 1, 1, 0, 1, 0}));
}

TEST_F(DelimitedFiles, InvalidLabels) {
  DelimitedOptions options;
  options.label_columns = {"y"};
  for (const std::string value : {"2", "yes", "0.5", "", "nan", "TRUE"}) {
    const std::string message = error("x,y\n1,0\n1," + value + "\n", options);
    EXPECT_TRUE(contains(message, "line 3, column 'y': label '" + value + "'"))
        << message;
  }
}

TEST_F(DelimitedFiles, MissingValuesRejected) {
  for (const std::string value : {"", "NaN", "nan", "inf", "-inf", " "}) {
    const std::string message = error("x,y\n1,2\n3," + value + "\n");
    EXPECT_TRUE(contains(message, "data.csv line 3, column 'y'")) << message;
    EXPECT_TRUE(contains(message, "remove or fill the missing value"))
        << message;
  }
}

TEST_F(DelimitedFiles, NotANumber) {
  for (const std::string value : {"abc", "1.5.2", "0x10", "1e", "--1", "+"}) {
    const std::string message = error("x\n" + value + "\n");
    EXPECT_TRUE(contains(
        message, "line 2, column 'x': value '" + value + "' is not a number"))
        << message;
  }
}

TEST_F(DelimitedFiles, NumberFormats) {
  const Dataset data = read("x\n+1.5\n1e3\n-0\n.5\n  7  \n1e-400\n-2E+2\n");
  EXPECT_EQ(data.values.values, (std::vector<float>{1.5f, 1000.0f, -0.0f, 0.5f,
                                                    7.0f, 0.0f, -200.0f}));
}

TEST_F(DelimitedFiles, OverflowBeyondDouble) {
  const std::string message = error("x\n1\n1e400\n");
  EXPECT_TRUE(contains(message, "line 3, column 'x': value '1e400'"))
      << message;
  EXPECT_TRUE(contains(message, "float32")) << message;
}

TEST_F(DelimitedFiles, DecimalCommaWithCommaDelimiter) {
  DelimitedOptions options;
  options.decimal_comma = true;
  const std::string message = error("x,y\n1,2\n", options);
  EXPECT_TRUE(contains(message, "decimal commas need a delimiter")) << message;
}

TEST_F(DelimitedFiles, DecimalCommaValues) {
  DelimitedOptions options;
  options.decimal_comma = true;
  const Dataset data = read("x;y\n1,5;-0,25\n3;1.75\n", options);
  EXPECT_EQ(data.values.values, (std::vector<float>{1.5f, -0.25f, 3, 1.75f}));
}

TEST_F(DelimitedFiles, UnclosedQuote) {
  const std::string message = error("a,b\n\"1,2\n");
  EXPECT_TRUE(contains(message, "line 2: a quoted field is not closed"))
      << message;
}

TEST_F(DelimitedFiles, TextAfterClosingQuote) {
  const std::string message = error("a,b\n\"1\"x,2\n");
  EXPECT_TRUE(contains(message, "line 2: unexpected text after a closing"))
      << message;
}

TEST_F(DelimitedFiles, NoChannelsLeft) {
  DelimitedOptions options;
  options.label_columns = {"anomaly"};
  const std::string message = error("time,anomaly\nmonday,1\n", options);
  EXPECT_TRUE(contains(message, "no channel columns remain")) << message;
}

TEST_F(DelimitedFiles, MissingFile) {
  const std::string path = scratch_.file("absent.csv");
  const std::string message = error_of([&] { read_delimited(path); });
  EXPECT_TRUE(contains(message, path + ": cannot open")) << message;
}

// ---------------------------------------------------------------------
// Label files

TEST_F(DelimitedFiles, TextLabelSpellings) {
  const std::string path =
      file("1\n0\n1.0\n0.0\nTrue\nfalse\r\n\n\n", "labels.txt");
  EXPECT_EQ(read_labels(path), (Labels{1, 0, 1, 0, 1, 0}));
}

TEST_F(DelimitedFiles, TextLabelInvalid) {
  const std::string path = file("0\n1\n2\n", "labels.txt");
  const std::string message = error_of([&] { read_labels(path); });
  EXPECT_TRUE(contains(message, "labels.txt line 3")) << message;
  EXPECT_TRUE(contains(message, "label '2'")) << message;
}

TEST_F(DelimitedFiles, TextLabelBlankBetween) {
  const std::string path = file("0\n\n1\n", "labels.txt");
  const std::string message = error_of([&] { read_labels(path); });
  EXPECT_TRUE(contains(message, "line 2: the line is empty")) << message;
}

TEST_F(DelimitedFiles, TextLabelEmpty) {
  const std::string path = file("\n\n", "labels.txt");
  const std::string message = error_of([&] { read_labels(path); });
  EXPECT_TRUE(contains(message, "no labels")) << message;
}

TEST(DelimitedLabels, SmdNpyLabels) {
  // machine-1-2_test_label.npy: float32, 542 ones in 23694 values, the
  // first at index 4629 (printed with Python's struct module).
  const Labels labels = read_labels(shared("smd/machine-1-2_test_label.npy"));
  ASSERT_EQ(labels.size(), 23694u);
  EXPECT_EQ(std::accumulate(labels.begin(), labels.end(), 0u), 542u);
  EXPECT_EQ(labels[4628], 0);
  EXPECT_EQ(labels[4629], 1);
}

TEST(DelimitedLabels, NpyLabelsNotBinary) {
  // E07_1d.npy contains 0.0, 1.0, 2.0, 3.0, 4.0, so index 2 is invalid.
  const std::string message =
      error_of([] { read_labels(edge_case("E07_1d.npy")); });
  EXPECT_TRUE(contains(message, "label 2 at index 2")) << message;
}

TEST(DelimitedLabels, NpyLabelsTwoDimensional) {
  const std::string message =
      error_of([] { read_labels(edge_case("E07_bool.npy")); });
  EXPECT_TRUE(contains(message, "3 columns")) << message;
}

}  // namespace
}  // namespace advad
