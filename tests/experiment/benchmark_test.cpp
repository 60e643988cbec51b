#include "advad/experiment/benchmark.h"

#include <filesystem>
#include <fstream>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "advad/common/error.h"
#include "test_support.h"

namespace advad {
namespace {

namespace fs = std::filesystem;

// Writes a SKAB-like file: `rows` rows of two channels at 1 s steps, with
// rows [anomaly_begin, anomaly_end) labelled anomalous and shifted up.
void write_skab_like(const fs::path& path, std::size_t rows,
                     std::size_t anomaly_begin, std::size_t anomaly_end) {
  fs::create_directories(path.parent_path());
  std::ofstream out(path);
  out << "datetime;a;b;anomaly;changepoint\n";
  for (std::size_t r = 0; r < rows; ++r) {
    const bool anomalous = r >= anomaly_begin && r < anomaly_end;
    const double a = std::sin(0.3 * static_cast<double>(r)) +
                     (anomalous ? 3.0 : 0.0);
    const double b = std::cos(0.2 * static_cast<double>(r));
    out << fmt::format("2020-03-09 {:02}:{:02}:{:02};{};{};{};0\n",
                       10 + r / 3600, (r / 60) % 60, r % 60, a, b,
                       anomalous ? 1.0 : 0.0);
  }
}

// A SKAB-like folder with two short files in valve1/ and an unlabelled
// anomaly-free/ file that the loader leaves out.
fs::path skab_like_folder(const testing::TempDir& dir) {
  const fs::path root = dir.path() / "skab";
  write_skab_like(root / "valve1" / "0.csv", 460, 420, 432);
  write_skab_like(root / "valve1" / "1.csv", 470, 440, 445);
  fs::create_directories(root / "anomaly-free");
  std::ofstream(root / "anomaly-free" / "anomaly-free.csv") << "a;b\n1;2\n";
  return root;
}

BenchmarkOptions quick_options(const fs::path& skab, const fs::path& out) {
  BenchmarkOptions options;
  options.skab_dir = skab.string();
  options.detectors = {"random", "pca", "basic"};
  options.training.epochs = 1;
  options.thresholds = {parse_threshold_spec("quantile:0.99"),
                        parse_threshold_spec("pot:0.9:0.01")};
  options.out = out.string();
  options.progress = false;
  return options;
}

TEST(LoadSkab, ProtocolSplit) {
  const fs::path skab = testing::shared_data_dir() / "skab";
  if (!fs::exists(skab)) {
    GTEST_SKIP() << "SKAB data not found at " << skab;
  }
  const BenchmarkDataset data = load_skab(skab.string(), 400, 0.2);
  // 16 valve1, 4 valve2 and 14 other files; anomaly-free.csv is left out.
  ASSERT_EQ(data.tasks.size(), 34U);
  const BenchmarkTask& first = data.tasks.front();
  EXPECT_EQ(first.name, "other/1.csv");
  EXPECT_EQ(first.data.train.rows(), 320U);
  EXPECT_EQ(first.data.validation.rows(), 80U);
  EXPECT_EQ(first.data.train.channels.size(), 8U);
  EXPECT_TRUE(first.data.test.has_labels());
  EXPECT_EQ(data.sampling_period_seconds.value(), 1.0);
}

TEST(LoadSmd, NamedAndAllMachines) {
  const fs::path smd = testing::shared_data_dir() / "smd";
  if (!fs::exists(smd)) {
    GTEST_SKIP() << "SMD data not found at " << smd;
  }
  const BenchmarkDataset one = load_smd(smd.string(), {"machine-1-2"}, 0.2);
  ASSERT_EQ(one.tasks.size(), 1U);
  const ExperimentData& data = one.tasks.front().data;
  EXPECT_EQ(data.train.channels.size(), 38U);
  EXPECT_EQ(data.test.labels.size(), data.test.rows());
  EXPECT_EQ(one.sampling_period_seconds.value(), 60.0);
  EXPECT_EQ(load_smd(smd.string(), {}, 0.2).tasks.size(), 3U);
}

TEST(LoadSmd, UnknownMachineNamesFile) {
  const fs::path smd = testing::shared_data_dir() / "smd";
  if (!fs::exists(smd)) {
    GTEST_SKIP() << "SMD data not found at " << smd;
  }
  try {
    load_smd(smd.string(), {"machine-9-9"}, 0.2);
    FAIL() << "no InputError";
  } catch (const InputError& error) {
    EXPECT_NE(std::string(error.what()).find("machine-9-9_train.npy"),
              std::string::npos)
        << error.what();
  }
}

TEST(RunBenchmark, RowsPerDetectorSeedAndRule) {
  testing::TempDir dir;
  const BenchmarkReport report =
      run_benchmark(quick_options(skab_like_folder(dir), dir.path() / "out"));
  // (random, pca, basic) x 2 rules, one seed; two files each.
  ASSERT_EQ(report.rows.size(), 6U);
  for (const BenchmarkRow& row : report.rows) {
    EXPECT_EQ(row.files.size(), 2U) << row.detector;
    EXPECT_EQ(row.dataset, "SKAB");
  }
  EXPECT_EQ(report.rows[0].threshold_rule, "quantile:0.99");
  EXPECT_EQ(report.rows[1].threshold_rule, "pot:0.9:0.01");
  EXPECT_FALSE(report.rows[2].seed.has_value());  // PCA is deterministic
  EXPECT_TRUE(fs::exists(dir.path() / "out" / "benchmark.json"));
  EXPECT_TRUE(fs::exists(dir.path() / "out" / "benchmark.csv"));
}

TEST(RunBenchmark, EveryTestRowScored) {
  // Test parts have 60 and 70 rows; windows of 5 with stride 1 cover all.
  testing::TempDir dir;
  const BenchmarkReport report =
      run_benchmark(quick_options(skab_like_folder(dir), dir.path() / "out"));
  const RowSummary summary = summarize(report.rows[2]);
  ASSERT_TRUE(summary.counts.has_value());
  EXPECT_EQ(summary.counts->rows, 130U);
  EXPECT_EQ(summary.excluded_rows, 0U);
  // 12 + 5 anomalous rows in two labelled events.
  EXPECT_EQ(summary.counts->point.true_positives +
                summary.counts->point.false_negatives,
            17U);
  EXPECT_EQ(summary.counts->events.labelled, 2U);
}

TEST(RunBenchmark, PcaRankingMatchesScikitLearn) {
  // Reference: the same files, MinMax fitted on rows 0-319, windows of 5,
  // sklearn.decomposition.PCA(0.95) (3 components) fitted on the training
  // windows, mean squared error per window, max over covering windows per
  // row, roc_auc_score on rows 400 onwards; scikit-learn 1.2.1, NumPy
  // 1.24.2. The shift is found but smeared: the max of covering windows
  // also raises the four normal rows on each side of an event. Tolerance
  // 1e-4 for float32 windows.
  testing::TempDir dir;
  const BenchmarkReport report =
      run_benchmark(quick_options(skab_like_folder(dir), dir.path() / "out"));
  const BenchmarkRow& pca = report.rows[2];
  ASSERT_EQ(pca.detector, "pca");
  ASSERT_EQ(pca.files.size(), 2U);
  EXPECT_NEAR(pca.files[0].ranking.roc_auc.value(), 0.8211806, 1e-4);
  EXPECT_NEAR(pca.files[1].ranking.roc_auc.value(), 0.9015385, 1e-4);
}

TEST(RunBenchmark, LabelledSplitLeftOutOfEvaluation) {
  // With a labelled fraction of 0.5, the first half of each file's 60 or
  // 70 scored rows chooses the best-f1 threshold and the second half is
  // evaluated. File 0's first half (rows 400-429) holds anomalous rows
  // 420-429; file 1's (rows 400-434) holds none, so best-f1 cannot apply
  // there and the file has no counts.
  testing::TempDir dir;
  BenchmarkOptions options =
      quick_options(skab_like_folder(dir), dir.path() / "out");
  options.detectors = {"pca"};
  options.thresholds = {parse_threshold_spec("best-f1")};
  options.labelled_fraction = 0.5;
  const BenchmarkReport report = run_benchmark(options);
  ASSERT_EQ(report.rows.size(), 1U);
  const FileResult& first = report.rows[0].files.at(0);
  ASSERT_TRUE(first.counts.has_value());
  EXPECT_EQ(first.counts->rows, 30U);
  EXPECT_EQ(first.threshold->rule, "best-f1");
  const FileResult& second = report.rows[0].files.at(1);
  EXPECT_FALSE(second.counts.has_value());
  EXPECT_NE(second.threshold_failure.find("no anomalous row"),
            std::string::npos)
      << second.threshold_failure;
}

TEST(RunBenchmark, SameSeedSameRandomScores) {
  testing::TempDir dir;
  BenchmarkOptions options =
      quick_options(skab_like_folder(dir), dir.path() / "out");
  options.detectors = {"random"};
  const BenchmarkReport first = run_benchmark(options);
  const BenchmarkReport second = run_benchmark(options);
  EXPECT_EQ(first.rows[0].files[0].ranking.roc_auc,
            second.rows[0].files[0].ranking.roc_auc);
  EXPECT_EQ(first.rows[0].files[0].threshold->value,
            second.rows[0].files[0].threshold->value);
}

TEST(RunBenchmark, InvalidOptionsRejected) {
  testing::TempDir dir;
  const fs::path skab = skab_like_folder(dir);
  BenchmarkOptions no_data = quick_options(skab, dir.path() / "out");
  no_data.skab_dir.clear();
  EXPECT_THROW(run_benchmark(no_data), InputError);

  BenchmarkOptions best_f1 = quick_options(skab, dir.path() / "out");
  best_f1.thresholds = {parse_threshold_spec("best-f1")};
  EXPECT_THROW(run_benchmark(best_f1), InputError);

  BenchmarkOptions stride = quick_options(skab, dir.path() / "out");
  stride.stride = 6;
  EXPECT_THROW(run_benchmark(stride), InputError);

  BenchmarkOptions detector = quick_options(skab, dir.path() / "out");
  detector.detectors = {"lstm"};
  EXPECT_THROW(run_benchmark(detector), InputError);
}

}  // namespace
}  // namespace advad
