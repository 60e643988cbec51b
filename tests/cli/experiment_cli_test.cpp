// Runs the advad program end to end on small inputs.
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sys/wait.h>

#include "cli/program.h"
#include "test_support.h"

namespace advad {
namespace {

using testing::CommandResult;
using testing::run_advad;

nlohmann::json read_json(const std::string& path) {
  std::ifstream file(path);
  return nlohmann::json::parse(file);
}

TEST(ExperimentCommand, GeneratedDataWritesFourFiles) {
  testing::TempDir out;
  CommandResult result = run_advad(
      "experiment -q --synth-scale 0.01 --epochs 2 --seed 3 --out " +
      out.path().string());
  ASSERT_EQ(result.status, 0) << result.output;
  for (const char* name : {"results.json", "results.csv", "comparison.png",
                           "comparison.svg"}) {
    EXPECT_TRUE(std::filesystem::exists(out.path() / name)) << name;
  }
  nlohmann::json results = read_json(out.file("results.json"));
  ASSERT_EQ(results["variants"].size(), 4U);
  EXPECT_EQ(results["variants"][1]["name"], "basic-adv");
  EXPECT_EQ(results["config"]["windows"]["length"], 5);
  // The table names every variant.
  EXPECT_NE(result.output.find("deep-adv"), std::string::npos);
}

TEST(ExperimentCommand, WindowSearchChoosesOnLabelledSplit) {
  // The search trains once per candidate, keeps the best, and the labelled
  // split (30% of each test segment) leaves the test set.
  testing::TempDir out;
  CommandResult result = run_advad(
      "experiment -q --synth-scale 0.01 --epochs 1 --variant basic "
      "--window-search 2,5 --no-plot --out " + out.path().string());
  ASSERT_EQ(result.status, 0) << result.output;
  nlohmann::json config = read_json(out.file("results.json"))["config"];
  const nlohmann::json& search = config["window_search"];
  ASSERT_EQ(search["candidates"].size(), 2U);
  EXPECT_EQ(search["candidates"][0]["length"], 2);
  EXPECT_EQ(search["candidates"][1]["length"], 5);
  EXPECT_EQ(config["windows"]["length"], search["chosen_length"]);
  const auto test_rows = config["data"]["test"]["rows"].get<std::size_t>();
  const auto split_windows =
      search["candidates"][1]["windows"].get<std::size_t>();
  // Held-out normal and slow segments: windows of 5 lose 4 rows each.
  EXPECT_GT(split_windows, 0U);
  EXPECT_LT(split_windows, test_rows);
}

TEST(ExperimentCommand, PcaAndMutualInformationReductions) {
  testing::TempDir out;
  for (const std::string reduction : {"pca", "mi"}) {
    CommandResult result = run_advad(
        "experiment -q --synth-scale 0.01 --epochs 1 --variant basic "
        "--reduction " + reduction + " --no-plot --out " +
        (out.path() / reduction).string());
    ASSERT_EQ(result.status, 0) << reduction << ": " << result.output;
    nlohmann::json features = read_json(
        (out.path() / reduction / "results.json").string())["config"]
                                                           ["features"];
    EXPECT_EQ(features["reduction"], reduction);
  }
  nlohmann::json pca = read_json(
      (out.path() / "pca" / "results.json").string())["config"];
  // Windows of 5 rows of 85 channels, projected on fewer components.
  EXPECT_EQ(pca["features"]["pca"]["window_values"], 425);
  EXPECT_LT(pca["features"]["pca"]["components"].get<int>(), 425);
}

TEST(ExperimentCommand, SameSeedSameResults) {
  testing::TempDir first;
  testing::TempDir second;
  std::string options =
      "experiment -q --no-plot --synth-scale 0.01 --epochs 2 --seed 4 "
      "--variant basic --variant deep-adv --out ";
  ASSERT_EQ(run_advad(options + first.path().string()).status, 0);
  ASSERT_EQ(run_advad(options + second.path().string()).status, 0);
  nlohmann::json a = read_json(first.file("results.json"));
  nlohmann::json b = read_json(second.file("results.json"));
  for (std::size_t i = 0; i < 2; ++i) {
    EXPECT_EQ(a["variants"][i]["metrics"], b["variants"][i]["metrics"]);
    EXPECT_EQ(a["variants"][i]["threshold"], b["variants"][i]["threshold"]);
  }
}

TEST(ExperimentCommand, SeedsGiveSummariesAndTests) {
  testing::TempDir out;
  CommandResult result = run_advad(
      "experiment -q --no-plot --synth-scale 0.005 --epochs 1 --seeds 3 "
      "--variant basic --variant basic-adv --stabilizer smoothing --out " +
      out.path().string());
  ASSERT_EQ(result.status, 0) << result.output;
  nlohmann::json results = read_json(out.file("results.json"));
  ASSERT_EQ(results["variants"].size(), 6U);
  EXPECT_EQ(results["variants"][2]["seed"], 2);
  ASSERT_EQ(results["summaries"].size(), 2U);
  EXPECT_EQ(results["summaries"][1]["runs"], 3);
  // One comparison per metric: F1, ROC-AUC and PR-AUC.
  ASSERT_EQ(results["comparisons"].size(), 3U);
  EXPECT_EQ(results["comparisons"][0]["baseline"], "basic");
  EXPECT_EQ(results["config"]["training"]["adversarial"]["real_label"], 0.9);
  EXPECT_NE(result.output.find("Wilcoxon"), std::string::npos);
}

TEST(ExperimentCommand, SkabFiles) {
  std::filesystem::path skab = testing::shared_data_dir() / "skab";
  if (!std::filesystem::exists(skab)) {
    GTEST_SKIP() << "SKAB data not found at " << skab;
  }
  testing::TempDir out;
  CommandResult result = run_advad(
      "experiment -q --no-plot --epochs 1 --variant basic --train " +
      (skab / "anomaly-free/anomaly-free.csv").string() + " --test " +
      (skab / "valve1/0.csv").string() +
      " --label-column anomaly --ignore-column changepoint --out " +
      out.path().string());
  ASSERT_EQ(result.status, 0) << result.output;
  nlohmann::json results = read_json(out.file("results.json"));
  EXPECT_EQ(results["config"]["data"]["channels"], 8);
  EXPECT_GT(results["config"]["data"]["test"]["anomalous_rows"], 0);
}

TEST(ExperimentCommand, MissingTrainFileNamed) {
  testing::TempDir out;
  CommandResult result = run_advad(
      "experiment -q --train /nonexistent/train.csv --test "
      "/nonexistent/test.csv --label-column anomaly --out " +
      out.path().string());
  EXPECT_EQ(result.status, 2);
  EXPECT_NE(result.output.find("/nonexistent/train.csv"), std::string::npos)
      << result.output;
}

TEST(ExperimentCommand, TestWithoutLabelsRejected) {
  std::filesystem::path skab = testing::shared_data_dir() / "skab";
  if (!std::filesystem::exists(skab)) {
    GTEST_SKIP() << "SKAB data not found at " << skab;
  }
  testing::TempDir out;
  std::string file = (skab / "anomaly-free/anomaly-free.csv").string();
  CommandResult result = run_advad("experiment -q --train " + file +
                                   " --test " + file + " --out " +
                                   out.path().string());
  EXPECT_EQ(result.status, 2);
  EXPECT_NE(result.output.find("--label-column"), std::string::npos)
      << result.output;
}

TEST(ExperimentCommand, MisspelledLabelColumnNamed) {
  ADVAD_SKIP_WITHOUT_SHARED_DATA();
  const std::filesystem::path skab = testing::shared_data_dir() / "skab";
  testing::TempDir out;
  CommandResult result = run_advad(
      "experiment -q --train " +
      (skab / "anomaly-free/anomaly-free.csv").string() + " --test " +
      (skab / "valve1/0.csv").string() +
      " --label-column anomal --out " + out.path().string());
  EXPECT_EQ(result.status, 2);
  EXPECT_NE(result.output.find("no column 'anomal'"), std::string::npos)
      << result.output;
  // The message lists the columns, the right name among them.
  EXPECT_NE(result.output.find("anomaly"), std::string::npos)
      << result.output;
}

TEST(ProgramOptions, InvalidValueExitsWithInputStatus) {
  // Out-of-range and non-numeric values are invalid options: status 2,
  // like any invalid input, with the option named.
  for (const std::string value : {"0", "abc"}) {
    CommandResult result = run_advad("experiment --epochs " + value);
    EXPECT_EQ(result.status, 2) << value << ": " << result.output;
    EXPECT_NE(result.output.find("--epochs"), std::string::npos)
        << result.output;
  }
  EXPECT_EQ(run_advad("experiment --help").status, 0);
  EXPECT_EQ(run_advad("--version").status, 0);
}

TEST(SynthCommand, SameSeedSameBytes) {
  testing::TempDir first;
  testing::TempDir second;
  ASSERT_EQ(run_advad("synth --scale 0.002 --seed 9 --out " +
                      first.path().string()).status, 0);
  ASSERT_EQ(run_advad("synth --scale 0.002 --seed 9 --out " +
                      second.path().string()).status, 0);
  for (const char* name :
       {"KukaColumnNames.npy", "KukaNormal.npy", "KukaSlow.npy"}) {
    std::ifstream a(first.path() / name, std::ios::binary);
    std::ifstream b(second.path() / name, std::ios::binary);
    std::stringstream a_bytes;
    std::stringstream b_bytes;
    a_bytes << a.rdbuf();
    b_bytes << b.rdbuf();
    EXPECT_FALSE(a_bytes.str().empty()) << name;
    EXPECT_EQ(a_bytes.str(), b_bytes.str()) << name;
  }
}

}  // namespace
}  // namespace advad
