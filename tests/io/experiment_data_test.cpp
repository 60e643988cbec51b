#include "advad/io/experiment_data.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

#include "advad/common/error.h"
#include "advad/data/window.h"
#include "advad/io/npy.h"
#include "test_support.h"

namespace advad {
namespace {

using Names = std::vector<std::string>;

std::string edge_case(const std::string& name) {
  return (testing::shared_data_dir() / "edge_cases" / name).string();
}

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

InputOptions e08_options() {
  InputOptions options;
  options.train_files = {edge_case("E08_train_4cols.csv")};
  options.test_files = {edge_case("E08_test_5cols_extra_label.csv")};
  options.label_column = "anomaly";
  return options;
}

TEST(ExperimentData, ExtraLabelColumnAllowed) {
  ADVAD_SKIP_WITHOUT_SHARED_DATA();
  const ExperimentData data = load_experiment_data(e08_options());
  EXPECT_EQ(data.train.channels, (Names{"a", "b", "c", "d"}));
  EXPECT_EQ(data.test.channels, (Names{"a", "b", "c", "d"}));
  // 50 rows, 20% of them (10) from the end for validation.
  EXPECT_EQ(data.train.rows(), 40u);
  EXPECT_EQ(data.validation.rows(), 10u);
  EXPECT_EQ(data.test.labels, std::vector<std::uint8_t>(50, 1));
}

// Writes `zeros` labels 0, then `ones` labels 1, one per line.
std::string label_file(const testing::TempDir& scratch, std::size_t zeros,
                       std::size_t ones) {
  const std::string path = scratch.file("labels.txt");
  std::ofstream out(path);
  for (std::size_t i = 0; i < zeros + ones; ++i) {
    out << (i < zeros ? "0\n" : "1\n");
  }
  return path;
}

TEST(ExperimentData, MissingTestChannelNamed) {
  ADVAD_SKIP_WITHOUT_SHARED_DATA();
  // Swapped E08: without a label column, 'anomaly' is a training channel
  // that the test file lacks.
  testing::TempDir scratch;
  InputOptions options;
  options.train_files = {edge_case("E08_test_5cols_extra_label.csv")};
  options.test_files = {edge_case("E08_train_4cols.csv")};
  options.test_label_files = {label_file(scratch, 25, 25)};
  const std::string message = error_of([&] { load_experiment_data(options); });
  EXPECT_TRUE(contains(message, "channel 'anomaly' is missing")) << message;
}

TEST(ExperimentData, MissingChannelAcrossFiles) {
  ADVAD_SKIP_WITHOUT_SHARED_DATA();
  InputOptions options;
  options.train_files = {edge_case("E08_test_5cols_extra_label.csv")};
  options.test_files = {edge_case("E06_all_equal_scores.csv")};
  options.label_column = "label";
  const std::string message = error_of([&] { load_experiment_data(options); });
  EXPECT_TRUE(contains(message, "channel 'a' is missing")) << message;
}

TEST(ExperimentData, ShortSeriesGivesNoWindow) {
  ADVAD_SKIP_WITHOUT_SHARED_DATA();
  const Dataset data =
      read_series_file(edge_case("E04_short_20rows.csv"), DelimitedOptions{});
  const WindowSet windows(data, {64, 1});
  EXPECT_EQ(windows.size(), 0u);
  EXPECT_EQ(windows.skipped_segments().size(), 1u);
}

TEST(ExperimentData, ExactSeriesGivesOneWindow) {
  ADVAD_SKIP_WITHOUT_SHARED_DATA();
  const Dataset data =
      read_series_file(edge_case("E04_exact_64rows.csv"), DelimitedOptions{});
  const WindowSet windows(data, {64, 1});
  EXPECT_EQ(windows.size(), 1u);
}

TEST(ExperimentData, ExactSeriesWithoutValidation) {
  ADVAD_SKIP_WITHOUT_SHARED_DATA();
  // With no validation part, all 64 training rows form one window.
  testing::TempDir scratch;
  InputOptions options;
  options.train_files = {edge_case("E04_exact_64rows.csv")};
  options.test_files = {edge_case("E04_exact_64rows.csv")};
  options.test_label_files = {label_file(scratch, 60, 4)};
  options.validation_fraction = 0.0;
  const ExperimentData data = load_experiment_data(options);
  EXPECT_EQ(data.train.rows(), 64u);
  EXPECT_EQ(WindowSet(data.train, {64, 1}).size(), 1u);
  EXPECT_EQ(WindowSet(data.test, {64, 1}).size(), 1u);
}

TEST(ExperimentData, LabelFileBeforeDrop) {
  // The labels of the file are attached before the dropped row goes, so
  // the remaining labels stay with their rows.
  testing::TempDir scratch;
  const std::string data_path = scratch.file("data.csv");
  const std::string label_path = scratch.file("labels.txt");
  std::ofstream(data_path) << "x\n1\nnan\n3\n";
  std::ofstream(label_path) << "0\n1\n1\n";
  DelimitedOptions options;
  options.checks.missing = MissingPolicy::kDrop;
  const Dataset data = read_series_file(data_path, options, label_path);
  EXPECT_EQ(data.labels, (std::vector<std::uint8_t>{0, 1}));
  EXPECT_EQ(data.values.values, (std::vector<float>{1, 3}));
}

TEST(ExperimentData, NpyFloat64) {
  ADVAD_SKIP_WITHOUT_SHARED_DATA();
  // E07_big_endian_f8.npy contains 0.0, 0.1, ..., 1.4 in 5 rows of 3.
  DelimitedOptions options;
  options.float64 = true;
  InputReport report;
  const Dataset data = read_series_file(edge_case("E07_big_endian_f8.npy"),
                                        options, {}, &report);
  ASSERT_TRUE(data.has_values64());
  EXPECT_EQ(data.values64.at(4, 2), 1.4);
  EXPECT_EQ(data.values.at(4, 2), 1.4f);
  EXPECT_EQ(data.channels, (Names{"ch1", "ch2", "ch3"}));
  EXPECT_EQ(report.channels[0].source_type, ">f8");
}

TEST(ExperimentData, NpyBeyondFloat32WithFloat64) {
  testing::TempDir scratch;
  const std::string path = scratch.file("wide.npy");
  npy::write_matrix_f64(path, 2, 1, {1e300, -2e300});
  EXPECT_TRUE(
      contains(error_of([&] { read_series_file(path, DelimitedOptions{}); }),
               "--float64"));
  DelimitedOptions options;
  options.float64 = true;
  const Dataset data = read_series_file(path, options);
  EXPECT_EQ(data.values64.values, (std::vector<double>{1e300, -2e300}));
}

TEST(ExperimentData, ReadingOptionsCopied) {
  InputOptions options;
  options.label_column = "anomaly";
  options.delimiter = ';';
  options.decimal_comma = true;
  options.checks.missing = MissingPolicy::kDrop;
  options.float64 = true;
  const DelimitedOptions reading = reading_options(options);
  EXPECT_EQ(reading.label_columns, (Names{"anomaly"}));
  EXPECT_EQ(reading.delimiter, ';');
  EXPECT_TRUE(reading.decimal_comma);
  EXPECT_EQ(reading.checks.missing, MissingPolicy::kDrop);
  EXPECT_TRUE(reading.float64);
}

}  // namespace
}  // namespace advad
