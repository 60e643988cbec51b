#include "advad/io/delimited.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <functional>
#include <iterator>
#include <limits>
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

  Dataset read(const std::string& text, const DelimitedOptions& options = {},
               InputReport* report = nullptr) {
    return read_delimited(file(text), options, report);
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
  ADVAD_SKIP_WITHOUT_SHARED_DATA();
  const std::string path = shared("skab/valve1/0.csv");
  const Dataset data = read_delimited(path, skab_options());
  EXPECT_EQ(data.channels, kSkabChannels);
  EXPECT_EQ(data.values.cols, 8u);
  // One header line, then one row per line.
  EXPECT_EQ(data.rows(), count_lines(path) - 1);
  EXPECT_EQ(data.rows(), 1147u);
}

TEST(DelimitedSkab, Valve1Values) {
  ADVAD_SKIP_WITHOUT_SHARED_DATA();
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
  ADVAD_SKIP_WITHOUT_SHARED_DATA();
  // awk counts 401 rows whose 'anomaly' field is 1.0.
  const Dataset data =
      read_delimited(shared("skab/valve1/0.csv"), skab_options());
  ASSERT_EQ(data.labels.size(), data.rows());
  EXPECT_EQ(std::accumulate(data.labels.begin(), data.labels.end(), 0u), 401u);
}

TEST(DelimitedSkab, Valve1Segment) {
  ADVAD_SKIP_WITHOUT_SHARED_DATA();
  const std::string path = shared("skab/valve1/0.csv");
  const Dataset data = read_delimited(path, skab_options());
  ASSERT_EQ(data.segments.size(), 1u);
  EXPECT_EQ(data.segments[0].begin, 0u);
  EXPECT_EQ(data.segments[0].end, 1147u);
  EXPECT_EQ(data.segments[0].source, path);
  EXPECT_NO_THROW(data.validate());
}

TEST(DelimitedSkab, ChangepointChannelWithoutIgnore) {
  ADVAD_SKIP_WITHOUT_SHARED_DATA();
  DelimitedOptions options;
  options.label_columns = {"anomaly"};
  const Dataset data = read_delimited(shared("skab/valve1/0.csv"), options);
  ASSERT_EQ(data.channels.size(), 9u);
  EXPECT_EQ(data.channels.back(), "changepoint");
}

TEST(DelimitedSkab, AnomalyFree) {
  ADVAD_SKIP_WITHOUT_SHARED_DATA();
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
  ADVAD_SKIP_WITHOUT_SHARED_DATA();
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
  ADVAD_SKIP_WITHOUT_SHARED_DATA();
  // The first bad cell is line 12, column a: "nan".
  const std::string message =
      error_of([] { read_delimited(edge_case("E02_nan_inf_missing.csv")); });
  EXPECT_TRUE(contains(message, "E02_nan_inf_missing.csv line 12")) << message;
  EXPECT_TRUE(contains(message, "column 'a'")) << message;
  EXPECT_TRUE(contains(message, "value 'nan' is a missing value")) << message;
  // grep and od: 'a' is missing on lines 12 and 51, 'b' on 22, 'c' on 32,
  // 'd' on 42 (an empty cell before the CRLF).
  EXPECT_TRUE(contains(message, "'a' 2, 'b' 1, 'c' 1, 'd' 1")) << message;
  EXPECT_TRUE(contains(message, "--missing drop")) << message;
}

TEST(DelimitedEdgeCases, InfinityNamed) {
  ADVAD_SKIP_WITHOUT_SHARED_DATA();
  // With column a ignored, the first bad cell is line 22, column b: "inf".
  DelimitedOptions options;
  options.ignore_columns = {"a"};
  const std::string message = error_of(
      [&] { read_delimited(edge_case("E02_nan_inf_missing.csv"), options); });
  EXPECT_TRUE(contains(message, "line 22, column 'b': value 'inf'")) << message;
}

TEST(DelimitedEdgeCases, AllNanColumn) {
  ADVAD_SKIP_WITHOUT_SHARED_DATA();
  // Every one of the 50 'allnan' cells is "nan"; the error names the
  // channel whatever the missing-value policy.
  for (const MissingPolicy policy :
       {MissingPolicy::kReject, MissingPolicy::kDrop,
        MissingPolicy::kInterpolate}) {
    DelimitedOptions options;
    options.checks.missing = policy;
    const std::string message = error_of([&] {
      read_delimited(edge_case("E03_all_nan_column.csv"), options);
    });
    EXPECT_TRUE(contains(message, "channel 'allnan' has no valid value"))
        << message;
    EXPECT_TRUE(contains(message, "all 50 rows")) << message;
    EXPECT_TRUE(contains(message, "line 2: value 'nan'")) << message;
    EXPECT_TRUE(contains(message, "--ignore-column 'allnan'")) << message;
  }
}

TEST(DelimitedEdgeCases, AllNanColumnIgnored) {
  ADVAD_SKIP_WITHOUT_SHARED_DATA();
  DelimitedOptions options;
  options.ignore_columns = {"allnan"};
  const Dataset data =
      read_delimited(edge_case("E03_all_nan_column.csv"), options);
  EXPECT_EQ(data.channels, (Names{"a", "b", "c"}));
  EXPECT_EQ(data.rows(), 50u);
}

TEST(DelimitedEdgeCases, ShortSeries) {
  ADVAD_SKIP_WITHOUT_SHARED_DATA();
  const Dataset short_data = read_delimited(edge_case("E04_short_20rows.csv"));
  const Dataset exact_data = read_delimited(edge_case("E04_exact_64rows.csv"));
  EXPECT_EQ(short_data.rows(), 20u);
  EXPECT_EQ(exact_data.rows(), 64u);
  EXPECT_EQ(exact_data.channels, (Names{"a", "b", "c", "d"}));
}

TEST(DelimitedEdgeCases, LabelFiles) {
  ADVAD_SKIP_WITHOUT_SHARED_DATA();
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
  ADVAD_SKIP_WITHOUT_SHARED_DATA();
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
  ADVAD_SKIP_WITHOUT_SHARED_DATA();
  DelimitedOptions options;
  options.label_columns = {"anomaly"};
  const Dataset data =
      read_delimited(edge_case("E08_train_4cols.csv"), options);
  EXPECT_EQ(data.channels, (Names{"a", "b", "c", "d"}));
  EXPECT_EQ(data.rows(), 50u);
  EXPECT_FALSE(data.has_labels());
}

TEST(DelimitedEdgeCases, TestWithLabelColumn) {
  ADVAD_SKIP_WITHOUT_SHARED_DATA();
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
  ADVAD_SKIP_WITHOUT_SHARED_DATA();
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
  ADVAD_SKIP_WITHOUT_SHARED_DATA();
  // Header "Num;Timestamp;Current ;flag;;"; line 8 has an empty Current.
  const std::string message = error_of([] {
    read_delimited(edge_case("E09_semicolon_decimal_comma.csv"), e09_options());
  });
  EXPECT_TRUE(contains(message, "line 8, column 'Current': an empty cell"))
      << message;
  EXPECT_TRUE(contains(message, "is a missing value")) << message;
}

TEST(DelimitedEdgeCases, DecimalCommaNeeded) {
  ADVAD_SKIP_WITHOUT_SHARED_DATA();
  DelimitedOptions options;
  options.label_columns = {"flag"};
  const std::string message = error_of([&] {
    read_delimited(edge_case("E09_semicolon_decimal_comma.csv"), options);
  });
  EXPECT_TRUE(contains(message, "line 2, column 'Current': value '0,1257'"))
      << message;
  EXPECT_TRUE(contains(message, "--decimal-comma")) << message;
}

TEST_F(DelimitedFiles, DecimalCommaFilled) {
  ADVAD_SKIP_WITHOUT_SHARED_DATA();
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
  ADVAD_SKIP_WITHOUT_SHARED_DATA();
  // Column near_max_f8 is 1e+300 from line 2 on.
  const std::string message =
      error_of([] { read_delimited(edge_case("E11_dynamic_range.csv")); });
  EXPECT_TRUE(contains(message, "E11_dynamic_range.csv line 2")) << message;
  EXPECT_TRUE(contains(message, "column 'near_max_f8'")) << message;
  EXPECT_TRUE(contains(message, "value '1e+300'")) << message;
  EXPECT_TRUE(contains(message, "float32")) << message;
}

TEST(DelimitedEdgeCases, DynamicRangeWithoutOverflow) {
  ADVAD_SKIP_WITHOUT_SHARED_DATA();
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
  const Dataset data = read("when,x,time\n5,1,2\n6.5,1,2\n", options);
  EXPECT_EQ(data.channels, (Names{"x", "time"}));
  EXPECT_EQ(data.times, (std::vector<double>{5.0, 6.5}));
}

TEST_F(DelimitedFiles, InvalidTimestamp) {
  const std::string message = error("date,x\n03/09/2020,1\n");
  EXPECT_TRUE(contains(message, "line 2, column 'date': timestamp "
                                "'03/09/2020' is not in a supported format"))
      << message;
  EXPECT_TRUE(contains(message, "--ignore-column 'date'")) << message;
}

TEST_F(DelimitedFiles, IgnoredTimestampNotParsed) {
  DelimitedOptions options;
  options.ignore_columns = {"date"};
  const Dataset data = read("date,x\n03/09/2020,1\n", options);
  EXPECT_EQ(data.channels, (Names{"x"}));
  EXPECT_FALSE(data.has_times());
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
    const std::string message = error("x,y\n1,2\n3," + value + "\n4,5\n");
    EXPECT_TRUE(contains(message, "data.csv line 3, column 'y'")) << message;
    EXPECT_TRUE(contains(message, "is a missing value")) << message;
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
  ADVAD_SKIP_WITHOUT_SHARED_DATA();
  // machine-1-2_test_label.npy: float32, 542 ones in 23694 values, the
  // first at index 4629 (printed with Python's struct module).
  const Labels labels = read_labels(shared("smd/machine-1-2_test_label.npy"));
  ASSERT_EQ(labels.size(), 23694u);
  EXPECT_EQ(std::accumulate(labels.begin(), labels.end(), 0u), 542u);
  EXPECT_EQ(labels[4628], 0);
  EXPECT_EQ(labels[4629], 1);
}

TEST(DelimitedLabels, NpyLabelsNotBinary) {
  ADVAD_SKIP_WITHOUT_SHARED_DATA();
  // E07_1d.npy contains 0.0, 1.0, 2.0, 3.0, 4.0, so index 2 is invalid.
  const std::string message =
      error_of([] { read_labels(edge_case("E07_1d.npy")); });
  EXPECT_TRUE(contains(message, "label 2 at index 2")) << message;
}

TEST(DelimitedLabels, NpyLabelsTwoDimensional) {
  ADVAD_SKIP_WITHOUT_SHARED_DATA();
  const std::string message =
      error_of([] { read_labels(edge_case("E07_bool.npy")); });
  EXPECT_TRUE(contains(message, "3 columns")) << message;
}

// ---------------------------------------------------------------------
// Missing-value policies on E02: 'a' is "nan" on line 12 and "NaN" on
// line 51 (the last row), 'b' is "inf" on line 22, 'c' is "-inf" on line
// 32, and 'd' is empty on line 42 (grep and od). Row r is line r + 2.

DelimitedOptions with_missing(MissingPolicy policy) {
  DelimitedOptions options;
  options.checks.missing = policy;
  return options;
}

TEST(DelimitedMissing, DropSplitsSegments) {
  ADVAD_SKIP_WITHOUT_SHARED_DATA();
  InputReport report;
  const Dataset data = read_delimited(edge_case("E02_nan_inf_missing.csv"),
                                      with_missing(MissingPolicy::kDrop),
                                      &report);
  EXPECT_EQ(data.rows(), 45u);
  EXPECT_EQ(report.rows_dropped, 5u);
  // Kept runs: rows 0-9, 11-19, 21-29, 31-39, 41-48; row 49 ends the file.
  ASSERT_EQ(data.segments.size(), 5u);
  const std::vector<std::size_t> sizes = {10, 9, 9, 9, 8};
  for (std::size_t s = 0; s < sizes.size(); ++s) {
    EXPECT_EQ(data.segments[s].size(), sizes[s]) << s;
  }
  ASSERT_EQ(report.segments.size(), 5u);
  EXPECT_EQ(report.segments[1].first_row, 11u);
  EXPECT_EQ(report.segments[1].reason, "line 12 dropped (missing value)");
  EXPECT_NO_THROW(data.validate());
}

TEST(DelimitedMissing, DropKeepsOtherValues) {
  ADVAD_SKIP_WITHOUT_SHARED_DATA();
  const Dataset data = read_delimited(edge_case("E02_nan_inf_missing.csv"),
                                      with_missing(MissingPolicy::kDrop));
  // Line 13 (0.264456,-0.313923,...) follows the dropped line 12.
  EXPECT_EQ(data.values.at(10, 0), 0.264456f);
  EXPECT_EQ(data.values.at(9, 0), -0.653829f);
}

TEST(DelimitedMissing, InterpolateFillsMidpoints) {
  ADVAD_SKIP_WITHOUT_SHARED_DATA();
  InputReport report;
  const Dataset data = read_delimited(edge_case("E02_nan_inf_missing.csv"),
                                      with_missing(MissingPolicy::kInterpolate),
                                      &report);
  ASSERT_EQ(data.rows(), 50u);
  EXPECT_EQ(report.cells_filled, 5u);
  EXPECT_EQ(data.segments.size(), 1u);
  // A gap of one row is the mean of its neighbors (lines 11/13, 21/23,
  // 31/33, 41/43), computed in double and rounded to float.
  EXPECT_FLOAT_EQ(data.values.at(10, 0), (-0.653829 + 0.264456) / 2);
  EXPECT_FLOAT_EQ(data.values.at(20, 1), (0.935050 + 0.630411) / 2);
  EXPECT_FLOAT_EQ(data.values.at(30, 2), (0.843733 + -1.422742) / 2);
  EXPECT_FLOAT_EQ(data.values.at(40, 3), (-2.398233 + -1.487073) / 2);
  // The trailing gap on line 51 takes line 50's value.
  EXPECT_EQ(data.values.at(49, 0), 1.086831f);
}

TEST(DelimitedMissing, CountsPerChannel) {
  ADVAD_SKIP_WITHOUT_SHARED_DATA();
  InputReport report;
  read_delimited(edge_case("E02_nan_inf_missing.csv"),
                 with_missing(MissingPolicy::kInterpolate), &report);
  ASSERT_EQ(report.channels.size(), 4u);
  EXPECT_EQ(report.channels[0].missing, 2u);
  EXPECT_EQ(report.channels[1].missing, 1u);
  EXPECT_EQ(report.channels[2].missing, 1u);
  EXPECT_EQ(report.channels[3].missing, 1u);
  EXPECT_EQ(report.channels[2].first_missing_text, "-inf");
  EXPECT_EQ(report.channels[3].first_missing_text, "");
  EXPECT_EQ(report.channels[3].first_missing_row, 40u);
  EXPECT_EQ(report.channels[0].source_type, "decimal text");
}

TEST_F(DelimitedFiles, InterpolateByTime) {
  // x is missing at t = 1 between t = 0 (x = 0) and t = 4 (x = 8): the
  // time-weighted value is 8 * 1 / 4 = 2, not the row midpoint 4.
  const Dataset data = read("time,x\n0,0\n1,\n4,8\n",
                            with_missing(MissingPolicy::kInterpolate));
  EXPECT_EQ(data.values.at(1, 0), 2.0f);
}

TEST_F(DelimitedFiles, InterpolateLeadingGap) {
  const Dataset data = read("x,y\n,1\n,2\n5,3\n7,4\n",
                            with_missing(MissingPolicy::kInterpolate));
  EXPECT_EQ(data.values.at(0, 0), 5.0f);
  EXPECT_EQ(data.values.at(1, 0), 5.0f);
}

TEST_F(DelimitedFiles, InterpolateEmptySegment) {
  // The gap after line 3 splits the series; x has no value in the second
  // segment (lines 4-5).
  const std::string message =
      error("time,x\n0,1\n1,2\n100,\n101,nan\n",
            with_missing(MissingPolicy::kInterpolate));
  EXPECT_TRUE(contains(message, "channel 'x' has no valid value from line 4 "
                                "to line 5"))
      << message;
}

TEST_F(DelimitedFiles, DropEveryRow) {
  const std::string message =
      error("x,y\n1,\n,2\n", with_missing(MissingPolicy::kDrop));
  EXPECT_TRUE(contains(message, "no row is left")) << message;
}

TEST_F(DelimitedFiles, DropKeepsLabelsAligned) {
  DelimitedOptions options = with_missing(MissingPolicy::kDrop);
  options.label_columns = {"y"};
  const Dataset data = read("x,y\n1,0\nnan,1\n3,1\n", options);
  EXPECT_EQ(data.values.values, (std::vector<float>{1, 3}));
  EXPECT_EQ(data.labels, (Labels{0, 1}));
}

// ---------------------------------------------------------------------
// Timestamps

TEST(DelimitedTime, SkabTimes) {
  ADVAD_SKIP_WITHOUT_SHARED_DATA();
  // 2020-03-09 10:14:33 UTC is 1583748873 s (Python calendar.timegm).
  const Dataset data =
      read_delimited(shared("skab/valve1/0.csv"), skab_options());
  ASSERT_EQ(data.times.size(), data.rows());
  EXPECT_EQ(data.times[0], 1583748873.0);
  EXPECT_EQ(data.times[1], 1583748874.0);
}

TEST(DelimitedTime, SkabIrregularStepsKept) {
  ADVAD_SKIP_WITHOUT_SHARED_DATA();
  // Python's datetime finds 556 steps of 2 s among 9404 steps of
  // anomaly-free.csv, all others 1 s, and no gap over 10 s.
  InputReport report;
  const Dataset data = read_delimited(
      shared("skab/anomaly-free/anomaly-free.csv"), skab_options(), &report);
  ASSERT_TRUE(report.time.has_value());
  EXPECT_EQ(report.time->steps, 9404u);
  EXPECT_EQ(report.time->median, 1.0);
  EXPECT_EQ(report.time->max, 2.0);
  EXPECT_EQ(report.time->irregular, 556u);
  EXPECT_EQ(report.time->gaps, 0u);
  EXPECT_EQ(data.segments.size(), 1u);
  ASSERT_EQ(report.warnings.size(), 1u);
  EXPECT_TRUE(contains(report.warnings[0], "556 of 9404 time steps"))
      << report.warnings[0];
}

TEST(DelimitedTime, SkabGapSplits) {
  ADVAD_SKIP_WITHOUT_SHARED_DATA();
  // Python's datetime: valve1/2.csv has 1075 rows and steps 76 s from line
  // 567 to line 568.
  InputReport report;
  const Dataset data = read_delimited(shared("skab/valve1/2.csv"),
                                      skab_options(), &report);
  ASSERT_EQ(data.segments.size(), 2u);
  EXPECT_EQ(data.segments[0].end, 566u);
  EXPECT_EQ(data.segments[1].begin, 566u);
  EXPECT_EQ(data.segments[1].end, 1075u);
  ASSERT_EQ(report.segments.size(), 2u);
  EXPECT_EQ(report.segments[1].reason,
            "gap of 76 s after line 567 (limit 10 s)");
  EXPECT_EQ(report.time->gaps, 1u);
}

TEST(DelimitedTime, SkabFourGaps) {
  ADVAD_SKIP_WITHOUT_SHARED_DATA();
  // Python's datetime: other/13.csv has steps of 33, 19, 21 and 16 s.
  const Dataset data =
      read_delimited(shared("skab/other/13.csv"), skab_options());
  EXPECT_EQ(data.segments.size(), 5u);
}

TEST(DelimitedTime, SkabGapRejected) {
  ADVAD_SKIP_WITHOUT_SHARED_DATA();
  DelimitedOptions options = skab_options();
  options.checks.time_policy = TimePolicy::kReject;
  const std::string message =
      error_of([&] { read_delimited(shared("skab/other/2.csv"), options); });
  // Python's datetime: a step of 247 s from line 105 to line 106.
  EXPECT_TRUE(contains(message, "gap of 247 s after line 105")) << message;
  EXPECT_TRUE(contains(message, "--time-policy split")) << message;
}

TEST(DelimitedTime, SkabGapWithinRaisedLimit) {
  ADVAD_SKIP_WITHOUT_SHARED_DATA();
  DelimitedOptions options = skab_options();
  options.checks.max_gap_seconds = 300.0;
  const Dataset data = read_delimited(shared("skab/other/2.csv"), options);
  EXPECT_EQ(data.segments.size(), 1u);
}

TEST(DelimitedTime, IsoTimestampsE09) {
  ADVAD_SKIP_WITHOUT_SHARED_DATA();
  // 2022-10-26T08:17:00.000Z is 1666772220 s (Python calendar.timegm),
  // then one row per second.
  DelimitedOptions options = e09_options();
  options.checks.missing = MissingPolicy::kInterpolate;
  const Dataset data =
      read_delimited(edge_case("E09_semicolon_decimal_comma.csv"), options);
  ASSERT_EQ(data.times.size(), 30u);
  EXPECT_EQ(data.times[0], 1666772220.0);
  EXPECT_EQ(data.times[29], 1666772249.0);
  // Line 8's empty Current lies between -7,39E-30 and -0,4577.
  EXPECT_FLOAT_EQ(data.values.at(6, 1), (-7.39e-30 + -0.4577) / 2);
}

TEST_F(DelimitedFiles, DuplicateTimestampSplits) {
  InputReport report;
  const Dataset data = read("time,x\n0,1\n1,2\n1,3\n2,4\n", {}, &report);
  ASSERT_EQ(data.segments.size(), 2u);
  EXPECT_EQ(data.segments[1].begin, 2u);
  EXPECT_EQ(report.segments[1].reason,
            "the timestamp of line 4 repeats that of line 3");
  EXPECT_EQ(report.time->duplicates, 1u);
}

TEST_F(DelimitedFiles, BackwardStepRejected) {
  DelimitedOptions options;
  options.checks.time_policy = TimePolicy::kReject;
  const std::string message = error("time,x\n0,1\n5,2\n3,3\n4,4\n", options);
  EXPECT_TRUE(contains(message, "line 4 is 2 s earlier than line 3"))
      << message;
}

TEST_F(DelimitedFiles, BackwardStepSplits) {
  InputReport report;
  const Dataset data = read("time,x\n0,1\n5,2\n3,3\n4,4\n", {}, &report);
  EXPECT_EQ(data.segments.size(), 2u);
  EXPECT_EQ(report.time->backwards, 1u);
}

// ---------------------------------------------------------------------
// Double precision

TEST(DelimitedFloat64, DynamicRangeKept) {
  ADVAD_SKIP_WITHOUT_SHARED_DATA();
  // near_max_f8 is 1e+300 on every line; over_max_f4 is 3e+38 on line 27.
  DelimitedOptions options;
  options.float64 = true;
  const Dataset data =
      read_delimited(edge_case("E11_dynamic_range.csv"), options);
  ASSERT_TRUE(data.has_values64());
  EXPECT_EQ(data.values64.at(0, 2), 1e300);
  EXPECT_EQ(data.values64.at(0, 0), 1.257302210933933e-13);
  EXPECT_EQ(data.values64.at(25, 3), 3e38);
  // The float32 copy marks values beyond its range as infinite.
  EXPECT_EQ(data.values.at(0, 2), std::numeric_limits<float>::infinity());
  EXPECT_EQ(data.values.at(25, 3), 3e38f);
}

TEST_F(DelimitedFiles, Float64BeyondDouble) {
  DelimitedOptions options;
  options.float64 = true;
  const std::string message = error("x\n1e400\n", options);
  EXPECT_TRUE(contains(message, "beyond the float64 range")) << message;
}

TEST_F(DelimitedFiles, Float64Interpolated) {
  DelimitedOptions options = with_missing(MissingPolicy::kInterpolate);
  options.float64 = true;
  const Dataset data = read("x\n1e300\nnan\n3e300\n", options);
  EXPECT_DOUBLE_EQ(data.values64.at(1, 0), 2e300);
}

TEST_F(DelimitedFiles, ParseDelimiter) {
  EXPECT_EQ(parse_delimiter("tab"), '\t');
  EXPECT_EQ(parse_delimiter("\\t"), '\t');
  EXPECT_EQ(parse_delimiter(";"), ';');
  EXPECT_TRUE(contains(error_of([] { parse_delimiter(";;"); }),
                       "invalid delimiter ';;'"));
  EXPECT_TRUE(contains(error_of([] { parse_delimiter("\""); }),
                       "invalid delimiter"));
}

}  // namespace
}  // namespace advad
