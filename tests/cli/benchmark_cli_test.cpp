// Runs advad benchmark end to end.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sys/wait.h>

#include "cli/program.h"
#include "test_support.h"

namespace advad {
namespace {

namespace fs = std::filesystem;

using testing::CommandResult;
using testing::run_advad;

TEST(BenchmarkCommand, SkabBaselines) {
  // Random and PCA need no training, so all 34 SKAB files run quickly.
  const fs::path skab = testing::shared_data_dir() / "skab";
  if (!fs::exists(skab)) {
    GTEST_SKIP() << "SKAB data not found at " << skab;
  }
  testing::TempDir out;
  const CommandResult result = run_advad(
      "benchmark -q --skab " + skab.string() +
      " --detector random --detector pca --threshold quantile:0.99 "
      "--threshold spot --out " +
      out.path().string());
  ASSERT_EQ(result.status, 0) << result.output;
  EXPECT_NE(result.output.find("PA%K"), std::string::npos);
  EXPECT_NE(result.output.find("per-file F1, SKAB"), std::string::npos);
  std::ifstream in(out.path() / "benchmark.json");
  const nlohmann::json json = nlohmann::json::parse(in);
  ASSERT_EQ(json["rows"].size(), 4U);
  EXPECT_EQ(json["rows"][0]["files"].size(), 34U);
  EXPECT_EQ(json["rows"][1]["threshold_rule"], "spot:0.98:0.001");
  EXPECT_TRUE(fs::exists(out.path() / "benchmark.csv"));
}

TEST(BenchmarkCommand, NoDataSetRejected) {
  testing::TempDir out;
  const CommandResult result = run_advad(
      "benchmark -q --detector random --out " + out.path().string());
  EXPECT_EQ(result.status, 2);
  EXPECT_NE(result.output.find("--skab"), std::string::npos)
      << result.output;
}

TEST(BenchmarkCommand, BestF1NeedsLabelledSplit) {
  const fs::path smd = testing::shared_data_dir() / "smd";
  if (!fs::exists(smd)) {
    GTEST_SKIP() << "SMD data not found at " << smd;
  }
  testing::TempDir out;
  const CommandResult result = run_advad(
      "benchmark -q --smd " + smd.string() +
      " --detector random --threshold best-f1 --out " + out.path().string());
  EXPECT_EQ(result.status, 2);
  EXPECT_NE(result.output.find("--labelled-fraction"), std::string::npos)
      << result.output;
}

TEST(BenchmarkCommand, UnknownThresholdRuleRejected) {
  testing::TempDir out;
  const CommandResult result = run_advad(
      "benchmark -q --smd /tmp --threshold median --out " +
      out.path().string());
  EXPECT_EQ(result.status, 2);
  EXPECT_NE(result.output.find("median"), std::string::npos)
      << result.output;
}

}  // namespace
}  // namespace advad
