#include "advad/io/inspection.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "advad/synth/kuka_synth.h"
#include "test_support.h"

namespace advad {
namespace {

std::string edge_case(const std::string& name) {
  return (testing::shared_data_dir() / "edge_cases" / name).string();
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

DelimitedOptions with_missing(MissingPolicy policy) {
  DelimitedOptions options;
  options.checks.missing = policy;
  return options;
}

TEST(Inspection, ReadErrorRecorded) {
  ADVAD_SKIP_WITHOUT_SHARED_DATA();
  const Inspection inspection =
      inspect_series_file(edge_case("E02_nan_inf_missing.csv"), {}, {}, 0);
  EXPECT_FALSE(inspection.usable());
  ASSERT_EQ(inspection.errors.size(), 1u);
  EXPECT_TRUE(contains(inspection.errors[0], "line 12, column 'a'"))
      << inspection.errors[0];
  // The missing counts were taken before the error: 'a' 2 (lines 12, 51).
  ASSERT_EQ(inspection.report.channels.size(), 4u);
  EXPECT_EQ(inspection.report.channels[0].missing, 2u);
}

TEST(Inspection, WindowTooLong) {
  ADVAD_SKIP_WITHOUT_SHARED_DATA();
  const Inspection inspection =
      inspect_series_file(edge_case("E04_short_20rows.csv"), {}, {}, 64);
  ASSERT_EQ(inspection.errors.size(), 1u);
  EXPECT_TRUE(contains(inspection.errors[0],
                       "no window of 64 rows fits, because the longest "
                       "segment has 20 rows; use --window 20 or less"))
      << inspection.errors[0];
}

TEST(Inspection, ShortSegmentsWarned) {
  ADVAD_SKIP_WITHOUT_SHARED_DATA();
  // Dropping E02's missing rows leaves segments of 10, 9, 9, 9 and 8
  // rows; a window of 10 fits only the first.
  const Inspection inspection =
      inspect_series_file(edge_case("E02_nan_inf_missing.csv"),
                          with_missing(MissingPolicy::kDrop), {}, 10);
  EXPECT_TRUE(inspection.usable());
  ASSERT_EQ(inspection.report.warnings.size(), 1u);
  EXPECT_TRUE(contains(inspection.report.warnings[0],
                       "4 of 5 segments are shorter than the window of 10 "
                       "rows and give no window: lines 13-21 (9 rows)"))
      << inspection.report.warnings[0];
}

TEST(Inspection, ChannelMatch) {
  ADVAD_SKIP_WITHOUT_SHARED_DATA();
  std::vector<Inspection> inspections = {
      inspect_series_file(edge_case("E08_test_5cols_extra_label.csv"), {}, {},
                          0),
      inspect_series_file(edge_case("E08_train_4cols.csv"), {}, {}, 0)};
  check_channel_match(inspections);
  EXPECT_TRUE(inspections[0].usable());
  ASSERT_EQ(inspections[1].errors.size(), 1u);
  EXPECT_TRUE(contains(inspections[1].errors[0], "channels 'anomaly' of"))
      << inspections[1].errors[0];
}

TEST(Inspection, TextForm) {
  ADVAD_SKIP_WITHOUT_SHARED_DATA();
  const Inspection inspection =
      inspect_series_file(edge_case("E01_constant_columns.csv"), {}, {}, 0);
  const std::string text = format_inspection(inspection);
  EXPECT_TRUE(contains(text, "E01_constant_columns.csv: usable")) << text;
  EXPECT_TRUE(contains(text, "rows: 200 read")) << text;
  EXPECT_TRUE(contains(text, "const5")) << text;
  EXPECT_TRUE(contains(text, "missing 0  constant")) << text;
  EXPECT_TRUE(contains(text, "lines 2-201 (200 rows): start of the file"))
      << text;
  EXPECT_TRUE(contains(text, "labels: none")) << text;
}

TEST(Inspection, JsonForm) {
  ADVAD_SKIP_WITHOUT_SHARED_DATA();
  const Inspection inspection = inspect_series_file(
      edge_case("E06_all_equal_scores.csv"),
      [] {
        DelimitedOptions options;
        options.label_columns = {"label"};
        return options;
      }(),
      {}, 0);
  const nlohmann::json json = to_json(inspection);
  EXPECT_EQ(json["usable"], true);
  EXPECT_EQ(json["rows"], 10);
  EXPECT_EQ(json["labels"]["anomalous"], 2);
  EXPECT_EQ(json["channels"][0]["type"], "decimal text");
  EXPECT_EQ(json["row_numbers"], "line");
  EXPECT_TRUE(json["time"].is_null());
}

TEST(Inspection, KukaFolder) {
  testing::TempDir folder;
  synth::write_kuka_like(folder.path().string(), {0.002, 1});
  const std::vector<Inspection> inspections =
      inspect_kuka(folder.path().string(), false, 5);
  ASSERT_EQ(inspections.size(), 2u);
  EXPECT_TRUE(inspections[0].usable());
  EXPECT_TRUE(contains(inspections[0].path, "KukaNormal.npy"));
  // 87 names less 'action' (context) and 'anomaly' (labels).
  EXPECT_EQ(inspections[0].channels.size(), 85u);
  ASSERT_TRUE(inspections[1].labels.has_value());
  EXPECT_GT(inspections[1].labels->anomalous, 0u);
}

TEST(Inspection, KukaMissingFolder) {
  const std::vector<Inspection> inspections =
      inspect_kuka("/nonexistent/kuka", false, 0);
  ASSERT_EQ(inspections.size(), 1u);
  ASSERT_EQ(inspections[0].errors.size(), 1u);
  EXPECT_TRUE(contains(inspections[0].errors[0], "not found"));
}

}  // namespace
}  // namespace advad
