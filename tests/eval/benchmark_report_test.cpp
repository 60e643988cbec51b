#include "advad/eval/benchmark_report.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "test_support.h"

namespace advad {
namespace {

constexpr double kTolerance = 1e-12;

// File "a": one positive row, flagged (F1 1). File "b": 9 positive rows,
// 1 flagged (F1 0.2). Summed: TP 2, FN 8, F1 1/3, not the mean 0.6.
FileResult file_a() {
  FileResult file;
  file.name = "a";
  file.threshold = fixed_threshold(0.5);
  file.counts = count_series({0, 1, 0}, {0, 1, 0});
  file.ranking = {1.0, 1.0, 0.9, 0.8};
  return file;
}

FileResult file_b() {
  std::vector<std::uint8_t> labels(12, 0);
  std::vector<std::uint8_t> flags(12, 0);
  for (std::size_t r = 0; r < 9; ++r) {
    labels[r] = 1;
  }
  flags[0] = 1;
  FileResult file;
  file.name = "b";
  file.threshold = fixed_threshold(0.5);
  file.counts = count_series(flags, labels);
  file.ranking = {0.6, 0.5, 0.7, 0.4};
  file.excluded_rows = 4;
  return file;
}

BenchmarkRow two_file_row() {
  BenchmarkRow row;
  row.dataset = "SET";
  row.detector = "random";
  row.seed = 3;
  row.threshold_rule = "fixed:0.5";
  row.sampling_period_seconds = 60.0;
  row.files = {file_a(), file_b()};
  return row;
}

TEST(Summarize, SumsCountsAndAveragesRanking) {
  const RowSummary s = summarize(two_file_row());
  ASSERT_TRUE(s.metrics.has_value());
  EXPECT_NEAR(s.metrics->point.f1.value(), 1.0 / 3.0, kTolerance);
  EXPECT_EQ(s.counts->point.true_positives, 2U);
  EXPECT_NEAR(s.ranking_mean.roc_auc.value(), 0.8, kTolerance);
  EXPECT_NEAR(s.ranking_mean.vus_pr.value(), 0.6, kTolerance);
  EXPECT_EQ(s.excluded_rows, 4U);
}

TEST(Summarize, MissingThresholdLeavesNoDataSetCounts) {
  BenchmarkRow row = two_file_row();
  row.files[1].threshold.reset();
  row.files[1].counts.reset();
  row.files[1].threshold_failure = "no excess";
  const RowSummary s = summarize(row);
  EXPECT_FALSE(s.counts.has_value());
  EXPECT_FALSE(s.metrics.has_value());
}

TEST(BenchmarkJson, KeepsFilesAndNamesAggregation) {
  BenchmarkReport report;
  report.rows = {two_file_row()};
  const nlohmann::json json = to_json(report);
  const nlohmann::json& row = json["rows"][0];
  EXPECT_EQ(row["threshold_rule"], "fixed:0.5");
  EXPECT_EQ(row["files"].size(), 2U);
  EXPECT_EQ(row["files"][0]["threshold"]["rule"], "fixed");
  EXPECT_NEAR(row["aggregate"]["metrics_from_summed_counts"]["point"]["f1"]
                  .get<double>(),
              1.0 / 3.0, kTolerance);
  EXPECT_NEAR(
      row["aggregate"]["ranking_mean_over_files"]["roc_auc"].get<double>(),
      0.8, kTolerance);
  EXPECT_NEAR(row["files"][1]["metrics"]["point"]["f1"].get<double>(), 0.2,
              kTolerance);
}

TEST(BenchmarkCsv, OneLinePerFileAndSummary) {
  BenchmarkReport report;
  report.rows = {two_file_row()};
  const std::string csv = format_benchmark_csv(report);
  std::istringstream lines(csv);
  std::string header;
  std::getline(lines, header);
  std::vector<std::string> rows;
  for (std::string line; std::getline(lines, line);) {
    rows.push_back(line);
  }
  ASSERT_EQ(rows.size(), 3U);
  EXPECT_NE(rows[2].find("\"(all files)\""), std::string::npos);
  EXPECT_NE(rows[2].find("\"mean over files\""), std::string::npos);
  // Every line has as many fields as the header (no quoted commas).
  const auto fields = [](const std::string& line) {
    return std::count(line.begin(), line.end(), ',');
  };
  for (const std::string& row : rows) {
    EXPECT_EQ(fields(row), fields(header)) << row;
  }
}

TEST(BenchmarkTable, ShowsPaBesidePakAndPerFileF1) {
  BenchmarkReport report;
  report.rows = {two_file_row()};
  const std::string table = format_benchmark_table(report);
  EXPECT_NE(table.find("PA-F1"), std::string::npos);
  EXPECT_NE(table.find("PA%K"), std::string::npos);
  EXPECT_NE(table.find("0.333"), std::string::npos) << table;
  EXPECT_NE(table.find("per-file F1, SET"), std::string::npos);
  EXPECT_NE(table.find("0.200"), std::string::npos) << table;
}

TEST(WriteBenchmarkResults, WritesBothFiles) {
  testing::TempDir out;
  BenchmarkReport report;
  report.rows = {two_file_row()};
  write_benchmark_results(out.path().string(), report);
  EXPECT_TRUE(std::filesystem::exists(out.path() / "benchmark.json"));
  EXPECT_TRUE(std::filesystem::exists(out.path() / "benchmark.csv"));
  std::ifstream in(out.path() / "benchmark.json");
  EXPECT_EQ(nlohmann::json::parse(in)["rows"].size(), 1U);
}

}  // namespace
}  // namespace advad
