#include "advad/io/kuka.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <string>
#include <vector>

#include "advad/common/error.h"
#include "advad/io/npy.h"
#include "advad/synth/kuka_synth.h"
#include "test_support.h"

namespace advad::kuka {
namespace {

using advad::testing::TempDir;

// Rows of a hand-made folder.
constexpr std::size_t kRows = 6;

// Returns the message of the InputError thrown by load(folder), or "" when
// it throws none.
std::string load_error(const std::string& folder) {
  try {
    load(folder);
  } catch (const InputError& error) {
    return error.what();
  }
  return "";
}

// Returns kRows x names.size() values: row r, column c is 100 r + c,
// except `action` (r) and `anomaly` (1).
std::vector<double> table_values(const std::vector<std::string>& names) {
  std::vector<double> values(kRows * names.size());
  for (std::size_t r = 0; r < kRows; ++r) {
    for (std::size_t c = 0; c < names.size(); ++c) {
      double value = 100.0 * static_cast<double>(r) + static_cast<double>(c);
      if (names[c] == kActionColumn) {
        value = static_cast<double>(r);
      } else if (names[c] == kAnomalyColumn) {
        value = 1.0;
      }
      values[r * names.size() + c] = value;
    }
  }
  return values;
}

// Writes a folder with `names`, a normal file with the first
// `normal_columns` columns and a slow file with `slow_columns` columns.
void write_folder(const TempDir& folder, const std::vector<std::string>& names,
                  std::size_t normal_columns, std::size_t slow_columns) {
  npy::write_strings(folder.file(kColumnNamesFile), names);
  for (auto [file, columns] :
       {std::pair{kNormalFile, normal_columns},
        std::pair{kSlowFile, slow_columns}}) {
    std::vector<std::string> used(names.begin(),
                                  names.begin() + static_cast<std::ptrdiff_t>(columns));
    std::vector<double> values = table_values(used);
    if (file == std::string(kNormalFile) && columns == names.size()) {
      for (std::size_t r = 0; r < kRows; ++r) {
        values[r * columns + columns - 1] = 0.0;  // a normal anomaly column
      }
    }
    npy::write_matrix_f64(folder.file(file), kRows, columns, values);
  }
}

std::vector<std::string> names() { return synth::kuka_column_names(); }

// ---------------------------------------------------------------- round trip

class KukaLoad : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    folder_ = new TempDir;
    // 233792 * 0.01 = 2337.92 and 41538 * 0.01 = 415.38 rows.
    synth::write_kuka_like(folder_->path().string(), {0.01, 3});
    data_ = new KukaData(load(folder_->path().string()));
  }
  static void TearDownTestSuite() {
    delete data_;
    delete folder_;
  }

  static TempDir* folder_;
  static KukaData* data_;
};

TempDir* KukaLoad::folder_ = nullptr;
KukaData* KukaLoad::data_ = nullptr;

TEST_F(KukaLoad, RowCounts) {
  EXPECT_EQ(data_->normal.rows(), 2338u);
  EXPECT_EQ(data_->slow.rows(), 415u);
}

TEST_F(KukaLoad, ChannelsSkipActionAndAnomaly) {
  std::vector<std::string> all = names();
  std::vector<std::string> expected(all.begin() + 1, all.end() - 1);
  EXPECT_EQ(data_->normal.channels, expected);
  EXPECT_EQ(data_->slow.channels, expected);
}

TEST_F(KukaLoad, ActionIsContext) {
  EXPECT_EQ(data_->normal.context_names, std::vector<std::string>{"action"});
  Matrix file = npy::read_matrix(folder_->file(kNormalFile));
  ASSERT_EQ(data_->normal.context.rows, file.rows);
  ASSERT_EQ(data_->normal.context.cols, 1u);
  for (std::size_t r = 0; r < file.rows; ++r) {
    ASSERT_EQ(data_->normal.context.at(r, 0), file.at(r, 0)) << "row " << r;
  }
}

TEST_F(KukaLoad, ValuesMatchFile) {
  Matrix file = npy::read_matrix(folder_->file(kSlowFile));
  const Matrix& values = data_->slow.values;
  ASSERT_EQ(values.cols, 85u);
  for (std::size_t r = 0; r < file.rows; ++r) {
    for (std::size_t c = 0; c < values.cols; ++c) {
      ASSERT_EQ(values.at(r, c), file.at(r, c + 1)) << r << ", " << c;
    }
  }
}

TEST_F(KukaLoad, NormalLabelsZero) {
  ASSERT_EQ(data_->normal.labels.size(), 2338u);
  EXPECT_EQ(std::count(data_->normal.labels.begin(),
                       data_->normal.labels.end(), 0),
            2338);
}

TEST_F(KukaLoad, SlowLabelsOne) {
  ASSERT_EQ(data_->slow.labels.size(), 415u);
  EXPECT_EQ(
      std::count(data_->slow.labels.begin(), data_->slow.labels.end(), 1),
      415);
}

TEST_F(KukaLoad, OneSegmentPerFile) {
  ASSERT_EQ(data_->normal.segments.size(), 1u);
  EXPECT_EQ(data_->normal.segments[0].begin, 0u);
  EXPECT_EQ(data_->normal.segments[0].end, 2338u);
  EXPECT_EQ(data_->normal.segments[0].source, folder_->file(kNormalFile));
  ASSERT_EQ(data_->slow.segments.size(), 1u);
  EXPECT_EQ(data_->slow.segments[0].source, folder_->file(kSlowFile));
}

TEST_F(KukaLoad, DatasetsValidate) {
  EXPECT_NO_THROW(data_->normal.validate());
  EXPECT_NO_THROW(data_->slow.validate());
}

TEST_F(KukaLoad, ActionAsChannel) {
  KukaData data = load(folder_->path().string(), true);
  ASSERT_EQ(data.slow.channels.size(), 86u);
  EXPECT_EQ(data.slow.channels.front(), "action");
  EXPECT_TRUE(data.slow.context_names.empty());
  EXPECT_EQ(data.slow.context.cols, 0u);
  EXPECT_NO_THROW(data.slow.validate());
}

// ---------------------------------------------------------------- layouts

TEST(KukaLayout, ColumnsMatchedByName) {
  // `action` moved to index 5: its values must still land in the context.
  std::vector<std::string> moved = names();
  std::rotate(moved.begin(), moved.begin() + 1, moved.begin() + 6);
  ASSERT_EQ(moved[5], "action");
  TempDir folder;
  write_folder(folder, moved, 86, 87);
  KukaData data = load(folder.path().string());
  ASSERT_EQ(data.normal.context.cols, 1u);
  EXPECT_EQ(data.normal.context.at(4, 0), 4.0f);  // action = row index
  EXPECT_EQ(data.normal.channels[0], moved[0]);
  EXPECT_EQ(data.normal.channels[5], moved[6]);
  // Row 2, file column 6: 100 * 2 + 6 = 206.
  EXPECT_EQ(data.normal.values.at(2, 5), 206.0f);
}

TEST(KukaLayout, NormalWithAnomalyColumn) {
  TempDir folder;
  write_folder(folder, names(), 87, 87);
  KukaData data = load(folder.path().string());
  EXPECT_EQ(data.normal.channels.size(), 85u);
  ASSERT_EQ(data.normal.labels.size(), kRows);
  EXPECT_EQ(std::count(data.normal.labels.begin(), data.normal.labels.end(),
                       0),
            static_cast<long>(kRows));
}

// ---------------------------------------------------------------- errors

TEST(KukaErrors, MissingFolder) {
  TempDir parent;
  std::string message = load_error(parent.file("absent"));
  EXPECT_NE(message.find("not found"), std::string::npos) << message;
  EXPECT_NE(message.find("KukaSlow.npy"), std::string::npos) << message;
}

TEST(KukaErrors, PathIsAFile) {
  TempDir parent;
  std::ofstream(parent.file("plain")) << "x";
  std::string message = load_error(parent.file("plain"));
  EXPECT_NE(message.find("not a folder"), std::string::npos) << message;
}

TEST(KukaErrors, MissingFile) {
  for (const char* missing : {kColumnNamesFile, kNormalFile, kSlowFile}) {
    TempDir folder;
    write_folder(folder, names(), 86, 87);
    std::filesystem::remove(folder.file(missing));
    std::string message = load_error(folder.path().string());
    EXPECT_NE(message.find(std::string("has no ") + missing),
              std::string::npos)
        << message;
    EXPECT_NE(message.find("must contain"), std::string::npos) << message;
  }
}

TEST(KukaErrors, WrongNameCount) {
  std::vector<std::string> short_names = names();
  short_names.erase(short_names.begin() + 3);
  TempDir folder;
  write_folder(folder, short_names, 85, 86);
  std::string message = load_error(folder.path().string());
  EXPECT_NE(message.find("86 column names, expected 87"), std::string::npos)
      << message;
}

TEST(KukaErrors, DuplicateName) {
  std::vector<std::string> doubled = names();
  doubled[20] = doubled[10];
  TempDir folder;
  write_folder(folder, doubled, 86, 87);
  std::string message = load_error(folder.path().string());
  EXPECT_NE(message.find("'sensor_id1_AccY' appears twice"),
            std::string::npos)
      << message;
}

TEST(KukaErrors, MissingActionName) {
  std::vector<std::string> renamed = names();
  renamed[0] = "movement";
  TempDir folder;
  write_folder(folder, renamed, 86, 87);
  std::string message = load_error(folder.path().string());
  EXPECT_NE(message.find("no column is named 'action'"), std::string::npos)
      << message;
}

TEST(KukaErrors, AnomalyNotLast) {
  std::vector<std::string> swapped = names();
  std::swap(swapped[85], swapped[86]);
  TempDir folder;
  write_folder(folder, swapped, 86, 87);
  std::string message = load_error(folder.path().string());
  EXPECT_NE(message.find("must be 'anomaly'"), std::string::npos) << message;
}

TEST(KukaErrors, NormalColumnCount) {
  TempDir folder;
  write_folder(folder, names(), 85, 87);
  std::string message = load_error(folder.path().string());
  EXPECT_NE(message.find("KukaNormal.npy: 85 columns"), std::string::npos)
      << message;
  EXPECT_NE(message.find("87 names"), std::string::npos) << message;
}

TEST(KukaErrors, SlowColumnCount) {
  TempDir folder;
  write_folder(folder, names(), 86, 86);
  std::string message = load_error(folder.path().string());
  EXPECT_NE(message.find("KukaSlow.npy: 86 columns"), std::string::npos)
      << message;
  EXPECT_NE(message.find("87 names"), std::string::npos) << message;
}

TEST(KukaErrors, AnomalyNotBinary) {
  TempDir folder;
  write_folder(folder, names(), 86, 87);
  std::vector<double> values = table_values(names());
  values[3 * 87 + 86] = 2.0;  // row 3, column 'anomaly'
  npy::write_matrix_f64(folder.file(kSlowFile), kRows, 87, values);
  std::string message = load_error(folder.path().string());
  EXPECT_NE(message.find("row 3 (0-based), column 'anomaly': value 2 is "
                         "not 0 or 1"),
            std::string::npos)
      << message;
}

TEST(KukaErrors, NaNValue) {
  TempDir folder;
  write_folder(folder, names(), 86, 87);
  std::vector<std::string> normal_names = names();
  normal_names.pop_back();
  std::vector<double> values = table_values(normal_names);
  values[2 * 86 + 34] = std::numeric_limits<double>::quiet_NaN();
  npy::write_matrix_f64(folder.file(kNormalFile), kRows, 86, values);
  std::string message = load_error(folder.path().string());
  // Column 34 = 9 leading columns + 2 sensors x 11 + AccX..AccZ.
  ASSERT_EQ(names()[34], "sensor_id3_GyroX");
  EXPECT_NE(message.find("KukaNormal.npy: row 2 (0-based), column "
                         "'sensor_id3_GyroX': value nan"),
            std::string::npos)
      << message;
}

TEST(KukaErrors, InfiniteValue) {
  TempDir folder;
  write_folder(folder, names(), 86, 87);
  std::vector<double> values = table_values(names());
  values[5 * 87 + 0] = -std::numeric_limits<double>::infinity();
  npy::write_matrix_f64(folder.file(kSlowFile), kRows, 87, values);
  std::string message = load_error(folder.path().string());
  EXPECT_NE(message.find("row 5 (0-based), column 'action'"),
            std::string::npos)
      << message;
}

}  // namespace
}  // namespace advad::kuka
