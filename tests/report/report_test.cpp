#include "advad/report/report.h"

#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "test_support.h"

namespace advad {
namespace {

namespace fs = std::filesystem;

const double kNan = std::numeric_limits<double>::quiet_NaN();

EpochRecord epoch(int number, double train_loss, double validation_loss,
                  double seconds) {
  EpochRecord record;
  record.epoch = number;
  record.train_loss = train_loss;
  record.validation_loss = validation_loss;
  record.seconds = seconds;
  return record;
}

// Metrics of scores {0.1, 0.4, 0.35, 0.8}, labels {0, 0, 1, 1} at
// threshold 0.3: TP 2, FP 1, TN 1, FN 0.
VariantResult basic_variant() {
  VariantResult v;
  v.name = "basic";
  v.architecture = "basic";
  v.metrics.counts = {2, 1, 1, 0};
  v.metrics.precision = 2.0 / 3.0;
  v.metrics.recall = 1.0;
  v.metrics.f1 = 0.8;
  v.metrics.roc_auc = 0.75;
  v.metrics.pr_auc = 5.0 / 6.0;
  v.threshold = 0.3;
  v.threshold_rule = "quantile 0.99 of validation scores";
  v.epochs_run = 12;
  v.best_epoch = 9;
  v.train_seconds = 34.56;
  v.history = {epoch(1, 0.5, 0.6, 1.5), epoch(2, 0.25, 0.3, 1.25)};
  return v;
}

// No flags: precision and F1 undefined. One epoch diverged (NaN loss).
VariantResult adversarial_variant() {
  VariantResult v;
  v.name = "deep-adv";
  v.architecture = "deep";
  v.adversarial = true;
  v.metrics.counts = {0, 0, 8, 2};
  v.metrics.recall = 0.0;
  v.metrics.roc_auc = 0.5;
  v.metrics.pr_auc = 0.2;
  v.threshold = 0.000123;
  v.threshold_rule = "quantile 0.99 of validation scores";
  v.epochs_run = 3;
  v.best_epoch = 2;
  v.train_seconds = 7.0;
  EpochRecord first = epoch(1, kNan, 0.4, 2.0);
  first.discriminator_loss = 0.69;
  first.discriminator_accuracy = 0.75;
  first.adversarial_loss = 0.7;
  v.history = {first};
  return v;
}

ExperimentReport sample_report() {
  ExperimentReport report;
  report.config = {{"window", 64}, {"data", "synthetic"}};
  report.variants = {basic_variant(), adversarial_variant()};
  return report;
}

// Splits text into lines. A final line break ends the last line.
std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::string line;
  std::istringstream in(text);
  while (std::getline(in, line)) {
    lines.push_back(line);
  }
  return lines;
}

// Splits a CSV row without quoted cells, where "a," is two cells.
std::vector<std::string> cells_of(const std::string& row) {
  std::vector<std::string> cells;
  std::string cell;
  std::istringstream in(row);
  while (std::getline(in, cell, ',')) {
    cells.push_back(cell);
  }
  if (!row.empty() && row.back() == ',') {
    cells.emplace_back();
  }
  return cells;
}

std::vector<std::string> words(const std::string& line) {
  std::vector<std::string> result;
  std::istringstream in(line);
  std::string word;
  while (in >> word) {
    result.push_back(word);
  }
  return result;
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

std::string message_of_runtime_error(const std::string& folder) {
  try {
    write_results(folder, sample_report());
  } catch (const std::runtime_error& error) {
    return error.what();
  }
  return "no std::runtime_error thrown";
}

// ---- table --------------------------------------------------------------

TEST(FormatTable, HeaderAndRows) {
  const auto lines = lines_of(format_table(sample_report()));
  ASSERT_EQ(lines.size(), 3u);
  const std::vector<std::string> header = {
      "variant", "precision", "recall", "F1", "ROC-AUC",
      "PR-AUC", "threshold", "epochs", "seconds"};
  EXPECT_EQ(words(lines[0]), header);
}

TEST(FormatTable, ValuesRoundedToThreeDecimals) {
  // 2/3 -> 0.667 and 5/6 -> 0.833. The threshold has 4 significant
  // digits and 34.56 s one decimal.
  const auto lines = lines_of(format_table(sample_report()));
  const std::vector<std::string> row = {"basic", "0.667", "1.000", "0.800",
                                        "0.750", "0.833", "0.3",   "12",
                                        "34.6"};
  EXPECT_EQ(words(lines.at(1)), row);
}

TEST(FormatTable, UndefinedPrintsNa) {
  const auto lines = lines_of(format_table(sample_report()));
  const std::vector<std::string> row = {"deep-adv", "n/a",   "0.000",
                                        "n/a",      "0.500", "0.200",
                                        "0.000123", "3",     "7.0"};
  EXPECT_EQ(words(lines.at(2)), row);
}

TEST(FormatTable, FixedWidthColumns) {
  ExperimentReport report = sample_report();
  report.variants[0].name = "a-much-longer-variant-name";
  const auto lines = lines_of(format_table(report));
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[1].size(), lines[0].size());
  EXPECT_EQ(lines[2].size(), lines[0].size());
  // Columns line up: "precision" ends where the first value ends.
  EXPECT_EQ(lines[0].find("precision") + 9, lines[1].find("0.667") + 5);
}

// ---- JSON ---------------------------------------------------------------

TEST(ToJson, UndefinedMetricIsNull) {
  const nlohmann::json json = to_json(sample_report());
  const auto& metrics = json["variants"][1]["metrics"];
  EXPECT_TRUE(metrics["precision"].is_null());
  EXPECT_TRUE(metrics["f1"].is_null());
  EXPECT_EQ(metrics["recall"].get<double>(), 0.0);
}

TEST(ToJson, MetricsAndCounts) {
  const nlohmann::json json = to_json(sample_report());
  const auto& metrics = json["variants"][0]["metrics"];
  EXPECT_EQ(metrics["precision"].get<double>(), 2.0 / 3.0);
  EXPECT_EQ(metrics["pr_auc"].get<double>(), 5.0 / 6.0);
  EXPECT_EQ(metrics["counts"]["true_positives"].get<int>(), 2);
  EXPECT_EQ(metrics["counts"]["false_positives"].get<int>(), 1);
  EXPECT_EQ(metrics["counts"]["true_negatives"].get<int>(), 1);
  EXPECT_EQ(metrics["counts"]["false_negatives"].get<int>(), 0);
}

TEST(ToJson, VariantFields) {
  const nlohmann::json json = to_json(sample_report());
  const auto& variant = json["variants"][1];
  EXPECT_EQ(variant["name"], "deep-adv");
  EXPECT_EQ(variant["architecture"], "deep");
  EXPECT_EQ(variant["adversarial"], true);
  EXPECT_EQ(variant["threshold"].get<double>(), 0.000123);
  EXPECT_EQ(variant["threshold_rule"], "quantile 0.99 of validation scores");
  EXPECT_EQ(variant["epochs_run"], 3);
  EXPECT_EQ(variant["best_epoch"], 2);
  EXPECT_EQ(variant["train_seconds"].get<double>(), 7.0);
}

TEST(ToJson, HistoryPerEpoch) {
  const nlohmann::json json = to_json(sample_report());
  const auto& basic = json["variants"][0]["history"];
  ASSERT_EQ(basic.size(), 2u);
  EXPECT_EQ(basic[1]["epoch"], 2);
  EXPECT_EQ(basic[1]["train_loss"].get<double>(), 0.25);
  EXPECT_EQ(basic[1]["validation_loss"].get<double>(), 0.3);
  EXPECT_EQ(basic[1]["seconds"].get<double>(), 1.25);
  EXPECT_TRUE(basic[1]["discriminator_loss"].is_null());
  const auto& adversarial = json["variants"][1]["history"][0];
  EXPECT_EQ(adversarial["discriminator_loss"].get<double>(), 0.69);
  EXPECT_EQ(adversarial["discriminator_accuracy"].get<double>(), 0.75);
  EXPECT_EQ(adversarial["adversarial_loss"].get<double>(), 0.7);
}

TEST(ToJson, NanBecomesNull) {
  const nlohmann::json json = to_json(sample_report());
  EXPECT_TRUE(json["variants"][1]["history"][0]["train_loss"].is_null());
  const std::string text = json.dump();
  EXPECT_EQ(text.find("NaN"), std::string::npos);
  EXPECT_EQ(text.find("nan"), std::string::npos);
}

TEST(ToJson, ConfigAsGiven) {
  const nlohmann::json json = to_json(sample_report());
  EXPECT_EQ(json["config"]["window"], 64);
  EXPECT_EQ(json["config"]["data"], "synthetic");
}

// ---- CSV ----------------------------------------------------------------

TEST(FormatCsv, Header) {
  const auto lines = lines_of(format_csv(sample_report()));
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[0],
            "variant,architecture,adversarial,precision,recall,f1,roc_auc,"
            "pr_auc,threshold,threshold_rule,true_positives,false_positives,"
            "true_negatives,false_negatives,epochs_run,best_epoch,"
            "train_seconds,seed,score_source");
}

TEST(FormatCsv, RowValues) {
  const auto lines = lines_of(format_csv(sample_report()));
  const auto cells = cells_of(lines.at(1));
  ASSERT_EQ(cells.size(), 19u);
  EXPECT_EQ(cells[0], "basic");
  EXPECT_EQ(cells[2], "false");
  // Shortest round-trip text reads back as the same double.
  EXPECT_EQ(std::stod(cells[3]), 2.0 / 3.0);
  EXPECT_EQ(cells[4], "1");
  EXPECT_EQ(cells[8], "0.3");
  EXPECT_EQ(cells[10], "2");
  EXPECT_EQ(cells[13], "0");
  EXPECT_EQ(cells[16], "34.56");
  EXPECT_EQ(cells[17], "0");
}

TEST(FormatCsv, UndefinedCellsEmpty) {
  const auto lines = lines_of(format_csv(sample_report()));
  const auto cells = cells_of(lines.at(2));
  ASSERT_EQ(cells.size(), 19u);
  EXPECT_EQ(cells[3], "");
  EXPECT_EQ(cells[4], "0");
  EXPECT_EQ(cells[5], "");
}

TEST(FormatCsv, NonFiniteThresholdEmpty) {
  ExperimentReport report = sample_report();
  report.variants[0].threshold = std::numeric_limits<double>::infinity();
  const auto cells = cells_of(lines_of(format_csv(report)).at(1));
  ASSERT_EQ(cells.size(), 19u);
  EXPECT_EQ(cells[8], "");
}

TEST(FormatCsv, QuotesSpecialText) {
  ExperimentReport report = sample_report();
  report.variants[0].name = "odd,\"name\"";
  const auto lines = lines_of(format_csv(report));
  EXPECT_EQ(lines.at(1).rfind("\"odd,\"\"name\"\"\",basic,", 0), 0u)
      << lines.at(1);
}

// ---- files --------------------------------------------------------------

TEST(WriteResults, CreatesFolderAndFiles) {
  testing::TempDir temp;
  const fs::path folder = temp.path() / "runs" / "first";
  write_results(folder.string(), sample_report());
  EXPECT_TRUE(fs::is_regular_file(folder / "results.json"));
  EXPECT_TRUE(fs::is_regular_file(folder / "results.csv"));
}

TEST(WriteResults, JsonReadsBack) {
  testing::TempDir temp;
  write_results(temp.path().string(), sample_report());
  const std::string text = read_file(temp.path() / "results.json");
  EXPECT_EQ(nlohmann::json::parse(text), to_json(sample_report()));
  // Pretty-printed with 2 spaces: the second line is an indented key.
  EXPECT_EQ(lines_of(text).at(1).rfind("  \"", 0), 0u);
  EXPECT_EQ(text.back(), '\n');
}

TEST(WriteResults, CsvMatchesFormat) {
  testing::TempDir temp;
  write_results(temp.path().string(), sample_report());
  EXPECT_EQ(read_file(temp.path() / "results.csv"),
            format_csv(sample_report()));
}

TEST(WriteResults, ReplacesAndLeavesNoTemporary) {
  testing::TempDir temp;
  write_results(temp.path().string(), sample_report());
  ExperimentReport shorter = sample_report();
  shorter.variants.pop_back();
  write_results(temp.path().string(), shorter);
  EXPECT_EQ(read_file(temp.path() / "results.csv"), format_csv(shorter));
  std::size_t entries = 0;
  for ([[maybe_unused]] const auto& entry :
       fs::directory_iterator(temp.path())) {
    ++entries;
  }
  EXPECT_EQ(entries, 2u);
}

TEST(WriteResults, FolderIsFileNamesPath) {
  testing::TempDir temp;
  const std::string file = temp.file("not-a-folder");
  std::ofstream(file) << "x";
  const std::string message = message_of_runtime_error(file);
  EXPECT_NE(message.find(file), std::string::npos) << message;
}

TEST(WriteResults, TargetIsFolderNamesPath) {
  // rename() cannot replace a folder with a file.
  testing::TempDir temp;
  fs::create_directories(temp.path() / "results.json" / "inside");
  const std::string message = message_of_runtime_error(temp.path().string());
  const std::string target = (temp.path() / "results.json").string();
  EXPECT_NE(message.find("'" + target + "'"), std::string::npos) << message;
}

}  // namespace
}  // namespace advad
