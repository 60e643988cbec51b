// Runs `advad scale` and `advad sweep` end to end on small inputs.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sys/wait.h>

#include "advad/io/delimited.h"
#include "cli/program.h"
#include "preprocess/reference_support.h"
#include "test_support.h"

namespace advad {
namespace {

using testing::read_reference;
using testing::reference_dir;
using testing::relative_error;

using testing::CommandResult;
using testing::run_advad;

std::string reference_file(const std::string& name) {
  return (reference_dir() / name).string();
}

std::string read_text(const std::string& path) {
  std::ifstream file(path);
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

TEST(ScaleCommand, MatchesSklearnOnSmallFiles) {
  // The reference holds sklearn 1.2.1's output for the same files; 1e-6
  // relative to max(|expected|, 1), as in the scaler tests.
  nlohmann::json reference = read_reference("scalers_small.json");
  auto constant =
      reference["constant_channels"].get<std::vector<std::size_t>>();
  testing::TempDir out;
  for (const nlohmann::json& expected : reference["scalers"]) {
    std::string name = expected["name"];
    if (!expected["options"].empty()) {
      continue;  // the quantile scalers with their option
    }
    SCOPED_TRACE(name);
    std::string path = out.file(name + ".csv");
    CommandResult result = run_advad(
        "scale --scaler " + name + " --fit " +
        reference_file("small_train.csv") + " --apply " +
        reference_file("small_test.csv") + " --out " + path);
    ASSERT_EQ(result.status, 0) << result.output;
    Dataset scaled = read_delimited(path);
    ASSERT_EQ(scaled.channels, reference["channels"]);
    const nlohmann::json& rows = expected["test_transformed"];
    ASSERT_EQ(scaled.rows(), rows.size());
    double tolerance = name == "power" ? 1e-4 : 1e-6;
    for (std::size_t r = 0; r < scaled.rows(); ++r) {
      for (std::size_t c = 0; c < scaled.values.cols; ++c) {
        bool is_constant =
            std::find(constant.begin(), constant.end(), c) != constant.end();
        if (name == "power" && is_constant) {
          continue;  // lambda differs there, see PowerScaler
        }
        EXPECT_LE(relative_error(scaled.values.at(r, c),
                                 rows[r][c].get<double>()),
                  tolerance)
            << "row " << r << " channel " << c;
      }
    }
  }
}

TEST(ScaleCommand, LabelsCopiedUnscaled) {
  testing::TempDir out;
  std::string path = out.file("scaled.csv");
  CommandResult result = run_advad(
      "scale --scaler quantile-normal --quantiles 50 --label-column anomaly "
      "--fit " + reference_file("kuka_like_train.csv") + " --apply " +
      reference_file("kuka_like_test.csv") + " --out " + path);
  ASSERT_EQ(result.status, 0) << result.output;
  DelimitedOptions options;
  options.label_columns = {"anomaly"};
  Dataset scaled = read_delimited(path, options);
  Dataset original =
      read_delimited(reference_file("kuka_like_test.csv"), options);
  EXPECT_EQ(scaled.labels, original.labels);
  EXPECT_EQ(scaled.channels, original.channels);
  // The constant channels of the training file are reported.
  EXPECT_NE(result.output.find("sensor_id2_temp"), std::string::npos)
      << result.output;
}

TEST(ScaleCommand, ParametersWritten) {
  testing::TempDir out;
  std::string parameters = out.file("scaler.json");
  CommandResult result = run_advad(
      "scale --scaler robust --fit " + reference_file("small_train.csv") +
      " --apply " + reference_file("small_train.csv") + " --out " +
      out.file("scaled.csv") + " --parameters " + parameters);
  ASSERT_EQ(result.status, 0) << result.output;
  nlohmann::json state = nlohmann::json::parse(read_text(parameters));
  EXPECT_EQ(state["name"], "robust");
  EXPECT_EQ(state["offset"].size(), 6U);
}

TEST(ScaleCommand, UnknownScalerListsChoices) {
  testing::TempDir out;
  CommandResult result = run_advad(
      "scale --scaler zscore --fit " + reference_file("small_train.csv") +
      " --apply " + reference_file("small_test.csv") + " --out " +
      out.file("scaled.csv"));
  EXPECT_EQ(result.status, 2);
  EXPECT_NE(result.output.find("quantile-normal"), std::string::npos)
      << result.output;
}

TEST(ScaleCommand, MissingChannelNamed) {
  // The KUKA-like test file lacks the channels of the small file.
  testing::TempDir out;
  CommandResult result = run_advad(
      "scale --fit " + reference_file("small_train.csv") + " --apply " +
      reference_file("kuka_like_test.csv") + " --out " +
      out.file("scaled.csv"));
  EXPECT_EQ(result.status, 2);
  EXPECT_NE(result.output.find("'ramp'"), std::string::npos)
      << result.output;
}

TEST(ScaleCommand, MissingFileNamed) {
  testing::TempDir out;
  CommandResult result = run_advad(
      "scale --fit /nonexistent/train.csv --apply " +
      reference_file("small_test.csv") + " --out " + out.file("scaled.csv"));
  EXPECT_EQ(result.status, 2);
  EXPECT_NE(result.output.find("/nonexistent/train.csv"), std::string::npos)
      << result.output;
}

TEST(SweepCommand, OneRowPerScalerAndVariant) {
  testing::TempDir out;
  CommandResult result = run_advad(
      "sweep -q --no-plot --synth-scale 0.01 --epochs 1 --seed 2 "
      "--variant basic --scalers minmax,robust --reductions none --out " +
      out.path().string());
  ASSERT_EQ(result.status, 0) << result.output;
  std::string table = read_text(out.file("sweep.csv"));
  EXPECT_NE(table.find("\nminmax,none,basic,"), std::string::npos) << table;
  EXPECT_NE(table.find("\nrobust,none,basic,"), std::string::npos) << table;
  EXPECT_TRUE(std::filesystem::exists(out.path() / "robust-none" /
                                      "results.json"));
  EXPECT_NE(result.output.find("robust"), std::string::npos);
}

TEST(SweepCommand, UnknownReductionRejectedFirst) {
  testing::TempDir out;
  CommandResult result = run_advad(
      "sweep -q --synth-scale 0.01 --reductions none,lda --out " +
      out.path().string());
  EXPECT_EQ(result.status, 2);
  EXPECT_NE(result.output.find("none, pca, mi"), std::string::npos)
      << result.output;
  EXPECT_FALSE(std::filesystem::exists(out.path() / "minmax-none"));
}

TEST(SweepCommand, SingleScalerOptionRejected) {
  testing::TempDir out;
  CommandResult result = run_advad("sweep -q --scaler robust --out " +
                                   out.path().string());
  EXPECT_EQ(result.status, 2);
  EXPECT_NE(result.output.find("--scalers"), std::string::npos)
      << result.output;
}

}  // namespace
}  // namespace advad
