// Runs `advad inspect` on every edge-case file, and the experiment on the
// short series, through the built program.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "cli/program.h"
#include "test_support.h"

namespace advad {
namespace {

using testing::CommandResult;

// Runs advad with `arguments`; standard error is discarded unless
// `with_errors`, so that --json output parses.
CommandResult run_advad(const std::string& arguments,
                        bool with_errors = false) {
  return testing::run_advad(arguments, with_errors
                                           ? testing::Streams::kBoth
                                           : testing::Streams::kOutputOnly);
}

std::string edge_case(const std::string& name) {
  return (testing::shared_data_dir() / "edge_cases" / name).string();
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// Runs `advad inspect --json` and returns the exit status and document.
struct Inspected {
  int status = -1;
  nlohmann::json document;
  std::string output;

  const nlohmann::json& input(std::size_t i = 0) const {
    return document["inputs"][i];
  }
  // Returns the first error of input `i`, or "".
  std::string error(std::size_t i = 0) const {
    const nlohmann::json& errors = input(i)["errors"];
    return errors.empty() ? "" : errors[0].get<std::string>();
  }
  std::string warnings(std::size_t i = 0) const {
    return input(i)["warnings"].dump();
  }
};

Inspected inspect(const std::string& arguments) {
  const CommandResult result = run_advad("inspect --json " + arguments);
  Inspected inspected;
  inspected.status = result.status;
  inspected.output = result.output;
  inspected.document = nlohmann::json::parse(result.output, nullptr, false);
  return inspected;
}

// ---------------------------------------------------------------------
// E01 constant columns, with the E05 label files (200 rows, 200 labels).

TEST(InspectEdgeCases, ConstantColumns) {
  ADVAD_SKIP_WITHOUT_SHARED_DATA();
  const Inspected result = inspect(edge_case("E01_constant_columns.csv"));
  ASSERT_EQ(result.status, 0) << result.output;
  const nlohmann::json& channels = result.input()["channels"];
  ASSERT_EQ(channels.size(), 4u);
  EXPECT_FALSE(channels[0]["constant"].get<bool>());
  EXPECT_TRUE(channels[1]["constant"].get<bool>());
  EXPECT_TRUE(channels[2]["constant"].get<bool>());
  EXPECT_TRUE(contains(result.warnings(),
                       "2 constant channels (const5, "
                       "const14_62)"))
      << result.warnings();
  EXPECT_EQ(result.input()["rows"], 200);
}

TEST(InspectEdgeCases, LabelsAllOne) {
  ADVAD_SKIP_WITHOUT_SHARED_DATA();
  const Inspected result =
      inspect(edge_case("E01_constant_columns.csv") + " --test-labels " +
              edge_case("E05_labels_all_one.txt"));
  ASSERT_EQ(result.status, 0) << result.output;
  EXPECT_EQ(result.input()["labels"]["anomalous"], 200);
  EXPECT_EQ(result.input()["labels"]["normal"], 0);
  EXPECT_TRUE(contains(result.warnings(), "every row is labelled anomalous"))
      << result.warnings();
}

TEST(InspectEdgeCases, LabelsAllZero) {
  ADVAD_SKIP_WITHOUT_SHARED_DATA();
  const Inspected result =
      inspect(edge_case("E01_constant_columns.csv") + " --test-labels " +
              edge_case("E05_labels_all_zero.txt"));
  ASSERT_EQ(result.status, 0) << result.output;
  EXPECT_EQ(result.input()["labels"]["normal"], 200);
  EXPECT_TRUE(contains(result.warnings(), "every row is labelled normal"))
      << result.warnings();
}

TEST(InspectEdgeCases, LabelsSinglePositive) {
  ADVAD_SKIP_WITHOUT_SHARED_DATA();
  const Inspected result =
      inspect(edge_case("E01_constant_columns.csv") + " --test-labels " +
              edge_case("E05_labels_single_positive.txt"));
  ASSERT_EQ(result.status, 0) << result.output;
  EXPECT_EQ(result.input()["labels"]["anomalous"], 1);
  EXPECT_EQ(result.input()["labels"]["normal"], 199);
  EXPECT_FALSE(contains(result.warnings(), "every row is labelled"));
}

TEST(InspectEdgeCases, LabelCountMismatch) {
  ADVAD_SKIP_WITHOUT_SHARED_DATA();
  // E04_exact has 64 rows, the label file 200 lines.
  const Inspected result =
      inspect(edge_case("E04_exact_64rows.csv") + " --test-labels " +
              edge_case("E05_labels_all_one.txt"));
  EXPECT_EQ(result.status, 2);
  EXPECT_TRUE(contains(result.error(), "has 200 labels")) << result.error();
}

// ---------------------------------------------------------------------
// E02 missing values: 'a' on lines 12 and 51, 'b' on 22, 'c' on 32, 'd'
// (an empty cell) on 42.

TEST(InspectEdgeCases, MissingRejected) {
  ADVAD_SKIP_WITHOUT_SHARED_DATA();
  const Inspected result = inspect(edge_case("E02_nan_inf_missing.csv"));
  EXPECT_EQ(result.status, 2);
  EXPECT_TRUE(contains(result.error(), "line 12, column 'a': value 'nan'"))
      << result.error();
  EXPECT_EQ(result.input()["channels"][0]["missing"], 2);
}

TEST(InspectEdgeCases, MissingDropped) {
  ADVAD_SKIP_WITHOUT_SHARED_DATA();
  const Inspected result =
      inspect(edge_case("E02_nan_inf_missing.csv") + " --missing drop");
  ASSERT_EQ(result.status, 0) << result.output;
  EXPECT_EQ(result.input()["rows"], 45);
  EXPECT_EQ(result.input()["rows_dropped"], 5);
  const nlohmann::json& segments = result.input()["segments"];
  ASSERT_EQ(segments.size(), 5u);
  EXPECT_EQ(segments[1]["first"], 13);
  EXPECT_EQ(segments[1]["reason"], "line 12 dropped (missing value)");
}

TEST(InspectEdgeCases, MissingInterpolated) {
  ADVAD_SKIP_WITHOUT_SHARED_DATA();
  const Inspected result =
      inspect(edge_case("E02_nan_inf_missing.csv") + " --missing interpolate");
  ASSERT_EQ(result.status, 0) << result.output;
  EXPECT_EQ(result.input()["cells_filled"], 5);
  EXPECT_EQ(result.input()["channels"][1]["missing"], 1);
}

TEST(InspectEdgeCases, MissingTextOutput) {
  ADVAD_SKIP_WITHOUT_SHARED_DATA();
  const CommandResult result = run_advad("inspect --missing drop " +
                                         edge_case("E02_nan_inf_missing.csv"));
  ASSERT_EQ(result.status, 0) << result.output;
  EXPECT_TRUE(contains(result.output, "segments: 5")) << result.output;
  EXPECT_TRUE(contains(result.output,
                       "lines 13-21 (9 rows): line 12 "
                       "dropped (missing value)"))
      << result.output;
  EXPECT_TRUE(contains(result.output, "all 1 inputs are usable"))
      << result.output;
}

// ---------------------------------------------------------------------
// E03 all-NaN column

TEST(InspectEdgeCases, AllNanColumn) {
  ADVAD_SKIP_WITHOUT_SHARED_DATA();
  for (const char* policy : {"reject", "drop", "interpolate"}) {
    const Inspected result =
        inspect(edge_case("E03_all_nan_column.csv") + " --missing " + policy);
    EXPECT_EQ(result.status, 2) << policy;
    EXPECT_TRUE(contains(result.error(), "channel 'allnan' has no valid value"))
        << result.error();
  }
}

TEST(InspectEdgeCases, AllNanColumnIgnored) {
  ADVAD_SKIP_WITHOUT_SHARED_DATA();
  const Inspected result =
      inspect(edge_case("E03_all_nan_column.csv") + " --ignore-column allnan");
  ASSERT_EQ(result.status, 0) << result.output;
  EXPECT_EQ(result.input()["channels"].size(), 3u);
}

// ---------------------------------------------------------------------
// E04 short series and a window of 64 rows

TEST(InspectEdgeCases, ShortSeries) {
  ADVAD_SKIP_WITHOUT_SHARED_DATA();
  const Inspected result =
      inspect(edge_case("E04_short_20rows.csv") + " --window 64");
  EXPECT_EQ(result.status, 2);
  EXPECT_TRUE(contains(result.error(),
                       "no window of 64 rows fits, because "
                       "the longest segment has 20 rows"))
      << result.error();
}

TEST(InspectEdgeCases, ExactSeries) {
  ADVAD_SKIP_WITHOUT_SHARED_DATA();
  const Inspected result =
      inspect(edge_case("E04_exact_64rows.csv") + " --window 64");
  ASSERT_EQ(result.status, 0) << result.output;
  EXPECT_EQ(result.input()["rows"], 64);
}

// ---------------------------------------------------------------------
// E06 all-equal scores

TEST(InspectEdgeCases, AllEqualScores) {
  ADVAD_SKIP_WITHOUT_SHARED_DATA();
  const Inspected result =
      inspect(edge_case("E06_all_equal_scores.csv") + " --label-column label");
  ASSERT_EQ(result.status, 0) << result.output;
  EXPECT_TRUE(result.input()["channels"][0]["constant"].get<bool>());
  EXPECT_EQ(result.input()["labels"]["anomalous"], 2);
  EXPECT_EQ(result.input()["labels"]["normal"], 8);
}

// ---------------------------------------------------------------------
// E07 .npy variants: readable ones with their shape and dtype.

TEST(InspectEdgeCases, ReadableNpy) {
  ADVAD_SKIP_WITHOUT_SHARED_DATA();
  struct Case {
    const char* name;
    int rows;
    std::size_t channels;
    const char* type;
  };
  for (const Case& c :
       {Case{"E07_c_order_f8.npy", 5, 3, "<f8"},
        Case{"E07_fortran_order_f8.npy", 5, 3, "<f8"},
        Case{"E07_transposed_view_f8.npy", 3, 5, "<f8"},
        Case{"E07_big_endian_f8.npy", 5, 3, ">f8"},
        Case{"E07_float16.npy", 5, 3, "<f2"},
        Case{"E07_float32.npy", 5, 3, "<f4"},
        Case{"E07_int64.npy", 5, 3, "<i8"}, Case{"E07_bool.npy", 5, 3, "|b1"},
        Case{"E07_1d.npy", 5, 1, "<f8"}}) {
    SCOPED_TRACE(c.name);
    const Inspected result = inspect(edge_case(c.name));
    ASSERT_EQ(result.status, 0) << result.output;
    EXPECT_EQ(result.input()["rows"], c.rows);
    ASSERT_EQ(result.input()["channels"].size(), c.channels);
    EXPECT_EQ(result.input()["channels"][0]["type"], c.type);
    EXPECT_EQ(result.input()["channels"][0]["name"], "ch1");
  }
}

TEST(InspectEdgeCases, RejectedNpy) {
  ADVAD_SKIP_WITHOUT_SHARED_DATA();
  struct Case {
    const char* name;
    const char* problem;
  };
  for (const Case& c :
       {Case{"E07_3d_windows.npy", "shape (2, 4, 3)"},
        Case{"E07_object_pickled.npy", "pickled Python objects"},
        Case{"E07_zero_rows.npy", "no rows"},
        Case{"E07_unicode_names_U37.npy", "holds strings"}}) {
    SCOPED_TRACE(c.name);
    const Inspected result = inspect(edge_case(c.name));
    EXPECT_EQ(result.status, 2);
    EXPECT_TRUE(contains(result.error(), c.name)) << result.error();
    EXPECT_TRUE(contains(result.error(), c.problem)) << result.error();
  }
}

// ---------------------------------------------------------------------
// E08 channels matched by name

TEST(InspectEdgeCases, ExtraLabelColumn) {
  ADVAD_SKIP_WITHOUT_SHARED_DATA();
  const Inspected result = inspect(edge_case("E08_train_4cols.csv") + " " +
                                   edge_case("E08_test_5cols_extra_label.csv") +
                                   " --label-column anomaly");
  ASSERT_EQ(result.status, 0) << result.output;
  EXPECT_EQ(result.input(1)["labels"]["anomalous"], 50);
  EXPECT_EQ(result.input(1)["channels"].size(), 4u);
}

TEST(InspectEdgeCases, ExtraChannelWarned) {
  ADVAD_SKIP_WITHOUT_SHARED_DATA();
  const Inspected result = inspect(edge_case("E08_train_4cols.csv") + " " +
                                   edge_case("E08_test_5cols_extra_label.csv"));
  ASSERT_EQ(result.status, 0) << result.output;
  EXPECT_TRUE(contains(result.warnings(1), "channels 'anomaly' are not in"))
      << result.warnings(1);
}

TEST(InspectEdgeCases, MissingChannelNamed) {
  ADVAD_SKIP_WITHOUT_SHARED_DATA();
  const Inspected result = inspect(edge_case("E08_test_5cols_extra_label.csv") +
                                   " " + edge_case("E08_train_4cols.csv"));
  EXPECT_EQ(result.status, 2);
  EXPECT_TRUE(contains(result.error(1), "channels 'anomaly' of"))
      << result.error(1);
  EXPECT_FALSE(result.document["usable"].get<bool>());
}

// ---------------------------------------------------------------------
// E09 ';' with decimal commas, True/False labels, ISO timestamps

TEST(InspectEdgeCases, DecimalCommaEmptyCell) {
  ADVAD_SKIP_WITHOUT_SHARED_DATA();
  const Inspected result =
      inspect(edge_case("E09_semicolon_decimal_comma.csv") +
              " --decimal-comma --label-column flag");
  EXPECT_EQ(result.status, 2);
  EXPECT_TRUE(contains(result.error(),
                       "line 8, column 'Current': an empty "
                       "cell is a missing value"))
      << result.error();
}

TEST(InspectEdgeCases, DecimalCommaInterpolated) {
  ADVAD_SKIP_WITHOUT_SHARED_DATA();
  const Inspected result =
      inspect(edge_case("E09_semicolon_decimal_comma.csv") +
              " --decimal-comma --label-column flag --missing interpolate");
  ASSERT_EQ(result.status, 0) << result.output;
  EXPECT_EQ(result.input()["time"]["median"], 1.0);
  EXPECT_EQ(result.input()["time"]["steps"], 29);
  // True on the rows numbered 0, 7, 14, 21 and 28.
  EXPECT_EQ(result.input()["labels"]["anomalous"], 5);
  EXPECT_EQ(result.input()["channels"][1]["name"], "Current");
}

TEST(InspectEdgeCases, DecimalCommaNeeded) {
  ADVAD_SKIP_WITHOUT_SHARED_DATA();
  const Inspected result = inspect(
      edge_case("E09_semicolon_decimal_comma.csv") + " --label-column flag");
  EXPECT_EQ(result.status, 2);
  EXPECT_TRUE(contains(result.error(), "--decimal-comma")) << result.error();
}

// ---------------------------------------------------------------------
// E11 values beyond float32

TEST(InspectEdgeCases, BeyondFloat32) {
  ADVAD_SKIP_WITHOUT_SHARED_DATA();
  const Inspected result = inspect(edge_case("E11_dynamic_range.csv"));
  EXPECT_EQ(result.status, 2);
  EXPECT_TRUE(contains(result.error(),
                       "line 2, column 'near_max_f8': value "
                       "'1e+300' is beyond the float32 range"))
      << result.error();
}

TEST(InspectEdgeCases, Float64Accepted) {
  ADVAD_SKIP_WITHOUT_SHARED_DATA();
  const Inspected result =
      inspect(edge_case("E11_dynamic_range.csv") + " --float64");
  ASSERT_EQ(result.status, 0) << result.output;
  EXPECT_TRUE(result.input()["channels"][2]["constant"].get<bool>());
}

// ---------------------------------------------------------------------
// Options and SKAB

TEST(InspectCommand, NothingToInspect) {
  const CommandResult result = run_advad("inspect", true);
  EXPECT_EQ(result.status, 2);
  EXPECT_TRUE(contains(result.output, "nothing to inspect")) << result.output;
}

TEST(InspectCommand, SkabGap) {
  ADVAD_SKIP_WITHOUT_SHARED_DATA();
  // Python's datetime: valve1/2.csv steps 76 s after line 567.
  const std::filesystem::path skab = testing::shared_data_dir() / "skab";
  const Inspected result =
      inspect((skab / "valve1/2.csv").string() +
              " --label-column anomaly --ignore-column changepoint");
  ASSERT_EQ(result.status, 0) << result.output;
  EXPECT_EQ(result.input()["time"]["gaps"], 1);
  EXPECT_EQ(result.input()["segments"].size(), 2u);
  EXPECT_EQ(result.input()["segments"][1]["first"], 568);
}

TEST(InspectCommand, SkabGapRejected) {
  ADVAD_SKIP_WITHOUT_SHARED_DATA();
  const std::filesystem::path skab = testing::shared_data_dir() / "skab";
  const Inspected result =
      inspect((skab / "valve1/2.csv").string() + " --time-policy reject");
  EXPECT_EQ(result.status, 2);
  EXPECT_TRUE(contains(result.error(), "gap of 76 s after line 567"))
      << result.error();
}

// ---------------------------------------------------------------------
// The experiment on the E04 series with a window of 64 rows

TEST(ExperimentInputs, ShortSeriesError) {
  ADVAD_SKIP_WITHOUT_SHARED_DATA();
  testing::TempDir out;
  const CommandResult result = run_advad(
      "experiment -q --no-plot --epochs 1 --variant basic --window 64 "
      "--train " +
          edge_case("E04_short_20rows.csv") + " --test " +
          edge_case("E08_test_5cols_extra_label.csv") +
          " --label-column anomaly --out " + out.path().string(),
      true);
  EXPECT_EQ(result.status, 2) << result.output;
  EXPECT_TRUE(contains(result.output, "no training window of 64 rows"))
      << result.output;
}

TEST(ExperimentInputs, ExactSeriesRuns) {
  ADVAD_SKIP_WITHOUT_SHARED_DATA();
  testing::TempDir out;
  const std::string labels = out.file("labels.txt");
  {
    std::ofstream file(labels);
    for (int i = 0; i < 64; ++i) file << (i < 60 ? "0\n" : "1\n");
  }
  const CommandResult result = run_advad(
      "experiment -q --no-plot --epochs 1 --variant basic --window 64 "
      "--validation-fraction 0 --train " +
          edge_case("E04_exact_64rows.csv") + " --test " +
          edge_case("E04_exact_64rows.csv") + " --test-labels " + labels +
          " --out " + out.path().string(),
      true);
  EXPECT_EQ(result.status, 0) << result.output;
  // One test window, labelled anomalous: ROC-AUC is undefined.
  EXPECT_TRUE(contains(result.output, "n/a")) << result.output;
}

}  // namespace
}  // namespace advad
