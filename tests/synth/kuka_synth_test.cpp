#include "advad/synth/kuka_synth.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>
#include <numbers>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "advad/common/error.h"
#include "advad/io/npy.h"
#include "test_support.h"

namespace advad::synth {
namespace {

using advad::testing::TempDir;

// Scale of the shared data set: 233792 * 0.2 = 46758.4 and
// 41538 * 0.2 = 8307.6 rows, about 14 normal and 2 slow program cycles.
constexpr double kScale = 0.2;
constexpr std::size_t kNormalRows = 46758;
constexpr std::size_t kSlowRows = 8308;

struct Table {
  std::vector<std::string> names;
  Matrix values;

  std::size_t column(const std::string& name) const {
    auto found = std::find(names.begin(), names.end(), name);
    EXPECT_NE(found, names.end()) << name;
    return static_cast<std::size_t>(found - names.begin());
  }
  float at(std::size_t row, const std::string& name) const {
    return values.at(row, column(name));
  }
};

// One run of equal `action` values, [begin, end).
struct ActionRun {
  int action;
  std::size_t begin;
  std::size_t end;
};

class KukaSynth : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    folder_ = std::make_unique<TempDir>();
    write_kuka_like(folder_->path().string(), {kScale, 42});
    std::vector<std::string> names =
        npy::read_strings(folder_->file("KukaColumnNames.npy"));
    normal_ = {names, npy::read_matrix(folder_->file("KukaNormal.npy"))};
    slow_ = {names, npy::read_matrix(folder_->file("KukaSlow.npy"))};
  }
  static void TearDownTestSuite() { folder_.reset(); }

  static std::unique_ptr<TempDir> folder_;
  static Table normal_;
  static Table slow_;
};

std::unique_ptr<TempDir> KukaSynth::folder_;
Table KukaSynth::normal_;
Table KukaSynth::slow_;

std::vector<std::string> read_lines(const std::string& path) {
  std::ifstream in(path);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) {
    lines.push_back(line);
  }
  return lines;
}

std::string read_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in),
          std::istreambuf_iterator<char>()};
}

// Returns the runs of equal `action`, without the first and last run,
// which the file boundaries may cut short.
std::vector<ActionRun> full_runs(const Table& table) {
  std::vector<ActionRun> runs;
  std::size_t begin = 0;
  for (std::size_t r = 1; r <= table.values.rows; ++r) {
    if (r == table.values.rows ||
        table.at(r, "action") != table.at(begin, "action")) {
      runs.push_back({static_cast<int>(table.at(begin, "action")), begin, r});
      begin = r;
    }
  }
  runs.erase(runs.begin());
  runs.pop_back();
  return runs;
}

// Returns the columns of the 21 gyroscope channels.
std::vector<std::size_t> gyro_columns(const Table& table) {
  std::vector<std::size_t> columns;
  for (int k = 1; k <= 7; ++k) {
    for (const char* axis : {"X", "Y", "Z"}) {
      columns.push_back(
          table.column(fmt::format("sensor_id{}_Gyro{}", k, axis)));
    }
  }
  return columns;
}

double mean_abs_gyro(const Table& table, const ActionRun& run) {
  std::vector<std::size_t> columns = gyro_columns(table);
  double sum = 0.0;
  for (std::size_t r = run.begin; r < run.end; ++r) {
    for (std::size_t c : columns) {
      sum += std::abs(table.values.at(r, c));
    }
  }
  return sum / static_cast<double>(run.end - run.begin);
}

// Per action: mean length of its full runs and mean |gyro| over them.
struct ActionStats {
  double length = 0.0;
  double gyro = 0.0;
  int count = 0;
};

std::map<int, ActionStats> action_stats(const Table& table) {
  std::map<int, ActionStats> stats;
  for (const ActionRun& run : full_runs(table)) {
    ActionStats& entry = stats[run.action];
    entry.length += static_cast<double>(run.end - run.begin);
    entry.gyro += mean_abs_gyro(table, run);
    entry.count += 1;
  }
  for (auto& [action, entry] : stats) {
    entry.length /= entry.count;
    entry.gyro /= entry.count;
  }
  return stats;
}

TEST_F(KukaSynth, NormalShape) {
  EXPECT_EQ(normal_.values.rows, kNormalRows);
  EXPECT_EQ(normal_.values.cols, 86u);
}

TEST_F(KukaSynth, SlowShape) {
  EXPECT_EQ(slow_.values.rows, kSlowRows);
  EXPECT_EQ(slow_.values.cols, 87u);
}

TEST_F(KukaSynth, FileDtypes) {
  EXPECT_EQ(npy::read_header(folder_->file("KukaNormal.npy")).descr, "<f8");
  EXPECT_EQ(npy::read_header(folder_->file("KukaSlow.npy")).descr, "<f8");
  std::string names_descr =
      npy::read_header(folder_->file("KukaColumnNames.npy")).descr;
  EXPECT_EQ(names_descr.substr(0, 2), "<U");
}

TEST_F(KukaSynth, NamesMatchLayoutFile) {
  ADVAD_SKIP_WITHOUT_SHARED_DATA();
  std::vector<std::string> expected = read_lines(
      (advad::testing::shared_data_dir() / "kuka" / "column_names.txt")
          .string());
  ASSERT_EQ(expected.size(), 87u);
  EXPECT_EQ(normal_.names, expected);
  EXPECT_EQ(kuka_column_names(), expected);
}

TEST_F(KukaSynth, AnomalyColumnAllOne) {
  std::size_t column = slow_.column("anomaly");
  ASSERT_EQ(column, 86u);
  for (std::size_t r = 0; r < slow_.values.rows; ++r) {
    ASSERT_EQ(slow_.values.at(r, column), 1.0f) << "row " << r;
  }
}

TEST_F(KukaSynth, ActionsAreIndices) {
  for (const Table* table : {&normal_, &slow_}) {
    for (std::size_t r = 0; r < table->values.rows; ++r) {
      float action = table->at(r, "action");
      ASSERT_EQ(action, std::round(action)) << "row " << r;
      ASSERT_GE(action, 0.0f) << "row " << r;
      ASSERT_LE(action, 31.0f) << "row " << r;
    }
  }
}

TEST_F(KukaSynth, ActionNineOnlyInNormal) {
  std::size_t normal_nines = 0;
  for (std::size_t r = 0; r < normal_.values.rows; ++r) {
    normal_nines += normal_.at(r, "action") == 9.0f;
  }
  std::size_t slow_nines = 0;
  for (std::size_t r = 0; r < slow_.values.rows; ++r) {
    slow_nines += slow_.at(r, "action") == 9.0f;
  }
  EXPECT_GT(normal_nines, 0u);
  EXPECT_EQ(slow_nines, 0u);
}

TEST_F(KukaSynth, SomeSegmentsShorterThan64) {
  // The real files have 41-row segments; the program's shortest movement
  // lasts 41 rows (+/- 2 rows of hold jitter).
  std::vector<ActionRun> runs = full_runs(normal_);
  auto shortest = std::min_element(runs.begin(), runs.end(),
                                   [](const ActionRun& a, const ActionRun& b) {
                                     return a.end - a.begin < b.end - b.begin;
                                   });
  ASSERT_NE(shortest, runs.end());
  EXPECT_LT(shortest->end - shortest->begin, 64u);
}

TEST_F(KukaSynth, ConstantTemperatures) {
  for (const Table* table : {&normal_, &slow_}) {
    for (int k : {2, 5, 6, 7}) {
      std::string name = fmt::format("sensor_id{}_temp", k);
      float first = table->at(0, name);
      for (std::size_t r = 1; r < table->values.rows; ++r) {
        ASSERT_EQ(table->at(r, name), first) << name << " row " << r;
      }
    }
  }
}

TEST_F(KukaSynth, OtherTemperaturesDrift) {
  for (int k : {1, 3, 4}) {
    std::string name = fmt::format("sensor_id{}_temp", k);
    float low = normal_.at(0, name);
    float high = low;
    for (std::size_t r = 1; r < normal_.values.rows; ++r) {
      low = std::min(low, normal_.at(r, name));
      high = std::max(high, normal_.at(r, name));
    }
    EXPECT_GT(high - low, 0.1f) << name;
    EXPECT_GT(low, 15.0f) << name;
    EXPECT_LT(high, 45.0f) << name;
  }
}

TEST_F(KukaSynth, QuaternionsUnitNorm) {
  for (const Table* table : {&normal_, &slow_}) {
    for (int k = 1; k <= 7; ++k) {
      std::size_t first = table->column(fmt::format("sensor_id{}_q1", k));
      for (std::size_t r = 0; r < table->values.rows; ++r) {
        double norm2 = 0.0;
        for (std::size_t i = 0; i < 4; ++i) {
          double q = table->values.at(r, first + i);
          norm2 += q * q;
        }
        // float32 rounding of each component is below 6e-8 relative.
        ASSERT_NEAR(std::sqrt(norm2), 1.0, 1e-5)
            << "sensor " << k << " row " << r;
      }
    }
  }
}

TEST_F(KukaSynth, GyroWithinRange) {
  for (const Table* table : {&normal_, &slow_}) {
    for (int k = 1; k <= 7; ++k) {
      for (const char* axis : {"X", "Y", "Z"}) {
        std::string name = fmt::format("sensor_id{}_Gyro{}", k, axis);
        std::size_t column = table->column(name);
        for (std::size_t r = 0; r < table->values.rows; ++r) {
          ASSERT_LE(std::abs(table->values.at(r, column)), 2000.0f)
              << name << " row " << r;
        }
      }
    }
  }
}

TEST_F(KukaSynth, NormalGyroSaturates) {
  // Two movements spin the flange 22 turns in 4 s with 0.5 s ramps, so
  // its peak rate is 22 * 360 / 3.5 = 2263 deg/s, beyond +/-2000 deg/s.
  std::size_t saturated = 0;
  for (std::size_t r = 0; r < normal_.values.rows; ++r) {
    saturated += std::abs(normal_.at(r, "sensor_id7_GyroZ")) == 2000.0f;
  }
  EXPECT_GT(saturated, 0u);
}

TEST_F(KukaSynth, AccelerometerReadsGravityAtRest) {
  // Holds fill most rows, where the specific force is gravity: 1 g.
  for (int k = 1; k <= 7; ++k) {
    std::size_t first = normal_.column(fmt::format("sensor_id{}_AccX", k));
    std::vector<double> norms;
    for (std::size_t r = 0; r < normal_.values.rows; ++r) {
      double sum = 0.0;
      for (std::size_t i = 0; i < 3; ++i) {
        double a = normal_.values.at(r, first + i);
        sum += a * a;
      }
      norms.push_back(std::sqrt(sum));
    }
    std::nth_element(norms.begin(), norms.begin() + norms.size() / 2,
                     norms.end());
    EXPECT_NEAR(norms[norms.size() / 2], 1.0, 0.02) << "sensor " << k;
  }
}

TEST_F(KukaSynth, PowerTriangleHolds) {
  const std::string prefix = "machine_nameKuka Robot_";
  for (const Table* table : {&normal_, &slow_}) {
    for (std::size_t r = 0; r < table->values.rows; ++r) {
      double p = table->at(r, prefix + "power");
      double q = table->at(r, prefix + "reactive_power");
      double s = table->at(r, prefix + "apparent_power");
      // Relative float32 rounding, squared terms: a few 1e-7.
      ASSERT_NEAR((p * p + q * q) / (s * s), 1.0, 1e-5) << "row " << r;
    }
  }
}

TEST_F(KukaSynth, PowerChannelsConsistent) {
  const std::string prefix = "machine_nameKuka Robot_";
  for (std::size_t r = 0; r < normal_.values.rows; ++r) {
    double p = normal_.at(r, prefix + "power");
    double s = normal_.at(r, prefix + "apparent_power");
    double factor = normal_.at(r, prefix + "power_factor");
    double phase = normal_.at(r, prefix + "phase_angle");
    double current = normal_.at(r, prefix + "current");
    double voltage = normal_.at(r, prefix + "voltage");
    ASSERT_NEAR(p / s, factor, 1e-5) << "row " << r;
    ASSERT_NEAR(std::cos(phase * std::numbers::pi / 180.0), factor, 1e-5) << "row " << r;
    ASSERT_NEAR(current * voltage / s, 1.0, 1e-5) << "row " << r;
  }
}

TEST_F(KukaSynth, MeterReadingsPlausible) {
  const std::string prefix = "machine_nameKuka Robot_";
  for (std::size_t r = 0; r < normal_.values.rows; ++r) {
    ASSERT_NEAR(normal_.at(r, prefix + "frequency"), 50.0, 0.2);
    ASSERT_NEAR(normal_.at(r, prefix + "voltage"), 230.0, 5.0);
    ASSERT_GT(normal_.at(r, prefix + "power"), 0.0f);
  }
}

TEST_F(KukaSynth, SlowActionsLastLonger) {
  // Moves fill 46% of an action's rows on average over the program, and
  // the slow file stretches each move by 1/f with f in [0.4, 0.6]. The
  // expected mean length ratio is 1 + 0.46 (1/f - 1): 1.31 for f = 0.6,
  // 1.69 for f = 0.4, and 1.47 for f uniform, where E[1/f] =
  // ln(0.6 / 0.4) / 0.2 = 2.03. Holds vary by +/- 2 rows.
  std::map<int, ActionStats> normal = action_stats(normal_);
  std::map<int, ActionStats> slow = action_stats(slow_);
  double ratio_sum = 0.0;
  int common = 0;
  for (const auto& [action, entry] : slow) {
    if (normal.count(action) != 0) {
      ratio_sum += entry.length / normal[action].length;
      ++common;
    }
  }
  ASSERT_GE(common, 25);
  EXPECT_GT(ratio_sum / common, 1.3);
  EXPECT_LT(ratio_sum / common, 1.69);
}

TEST_F(KukaSynth, SlowGyroIsWeaker) {
  // A movement turns each link through the same angles at either speed,
  // so the mean |gyro| of an action scales with 1 / its length ratio
  // (about 1 / 1.47 = 0.68), raised toward 1 by the noise floor.
  std::map<int, ActionStats> normal = action_stats(normal_);
  std::map<int, ActionStats> slow = action_stats(slow_);
  double ratio_sum = 0.0;
  int common = 0;
  for (const auto& [action, entry] : slow) {
    if (normal.count(action) != 0) {
      ratio_sum += entry.gyro / normal[action].gyro;
      ++common;
    }
  }
  ASSERT_GE(common, 25);
  EXPECT_LT(ratio_sum / common, 0.8);
  EXPECT_GT(ratio_sum / common, 0.5);
}

TEST_F(KukaSynth, SlowRowsMostlyWithinNormalRanges) {
  // A per-channel range check must not catch every slow row. Worn-gear
  // heating lifts two temperatures toward the top of their normal range
  // and gear vibration widens the accelerometer spread, so many slow rows
  // leave some channel's range, but at least a quarter stay inside all.
  std::vector<float> low(86);
  std::vector<float> high(86);
  for (std::size_t c = 0; c < 86; ++c) {
    low[c] = high[c] = normal_.values.at(0, c);
    for (std::size_t r = 1; r < normal_.values.rows; ++r) {
      low[c] = std::min(low[c], normal_.values.at(r, c));
      high[c] = std::max(high[c], normal_.values.at(r, c));
    }
  }
  std::size_t inside = 0;
  for (std::size_t r = 0; r < slow_.values.rows; ++r) {
    bool row_inside = true;
    for (std::size_t c = 0; c < 86; ++c) {
      float value = slow_.values.at(r, c);
      row_inside = row_inside && value >= low[c] && value <= high[c];
    }
    inside += row_inside;
  }
  EXPECT_GT(inside, slow_.values.rows / 4);
  EXPECT_LT(inside, slow_.values.rows);
}

TEST(KukaSynthFiles, SameSeedSameBytes) {
  TempDir first;
  TempDir second;
  write_kuka_like(first.path().string(), {0.02, 5});
  write_kuka_like(second.path().string(), {0.02, 5});
  for (const char* file :
       {"KukaColumnNames.npy", "KukaNormal.npy", "KukaSlow.npy"}) {
    std::string bytes = read_bytes(first.file(file));
    EXPECT_FALSE(bytes.empty()) << file;
    EXPECT_EQ(bytes, read_bytes(second.file(file))) << file;
  }
}

TEST(KukaSynthFiles, OtherSeedOtherBytes) {
  TempDir first;
  TempDir second;
  write_kuka_like(first.path().string(), {0.02, 5});
  write_kuka_like(second.path().string(), {0.02, 6});
  for (const char* file : {"KukaNormal.npy", "KukaSlow.npy"}) {
    std::string bytes = read_bytes(first.file(file));
    EXPECT_FALSE(bytes.empty()) << file;
    EXPECT_NE(bytes, read_bytes(second.file(file))) << file;
  }
}

TEST(KukaSynthFiles, SmallScaleRowCounts) {
  // 233792 * 0.001 = 233.792 and 41538 * 0.001 = 41.538, rounded.
  TempDir folder;
  write_kuka_like(folder.path().string(), {0.001, 1});
  EXPECT_EQ(npy::read_header(folder.file("KukaNormal.npy")).shape,
            (std::vector<std::size_t>{234, 86}));
  EXPECT_EQ(npy::read_header(folder.file("KukaSlow.npy")).shape,
            (std::vector<std::size_t>{42, 87}));
}

TEST(KukaSynthFiles, CreatesMissingFolder) {
  TempDir parent;
  std::string folder = parent.file("a/b");
  write_kuka_like(folder, {0.001, 1});
  EXPECT_TRUE(std::filesystem::is_regular_file(folder + "/KukaSlow.npy"));
}

TEST(KukaSynthFiles, InvalidScaleRejected) {
  TempDir folder;
  for (double scale : {0.0, -1.0, std::nan(""), 10.5, 1e-6}) {
    EXPECT_THROW(write_kuka_like(folder.path().string(), {scale, 1}),
                 InputError)
        << scale;
  }
}

TEST(KukaSynthFiles, FolderIsAFile) {
  TempDir parent;
  std::ofstream(parent.file("taken")) << "x";
  EXPECT_THROW(write_kuka_like(parent.file("taken"), {0.001, 1}),
               InputError);
}

}  // namespace
}  // namespace advad::synth
