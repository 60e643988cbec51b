#include "advad/io/kuka.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <set>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "advad/common/error.h"
#include "advad/io/npy.h"

namespace advad::kuka {
namespace {

namespace fs = std::filesystem;

std::string layout_hint() {
  return fmt::format(
      "the folder must contain {} (the {} column names), {} (normal rows, "
      "the first {} columns) and {} (slow rows, all {} columns)",
      kColumnNamesFile, kColumnCount, kNormalFile, kColumnCount - 1,
      kSlowFile, kColumnCount);
}

// Throws InputError unless `folder` is a folder containing the three files.
void check_folder(const fs::path& folder) {
  std::error_code error;
  if (!fs::exists(folder, error)) {
    throw InputError(fmt::format("KUKA folder '{}' not found; check the "
                                 "path ({})",
                                 folder.string(), layout_hint()));
  }
  if (!fs::is_directory(folder, error)) {
    throw InputError(fmt::format(
        "'{}' is not a folder; pass the folder of the KUKA files ({})",
        folder.string(), layout_hint()));
  }
  std::vector<std::string> missing;
  for (const char* file : {kColumnNamesFile, kNormalFile, kSlowFile}) {
    if (!fs::is_regular_file(folder / file, error)) {
      missing.push_back(file);
    }
  }
  if (!missing.empty()) {
    throw InputError(fmt::format("KUKA folder '{}' has no {}; {}",
                                 folder.string(),
                                 fmt::join(missing, " and no "),
                                 layout_hint()));
  }
}

void check_unique(const std::vector<std::string>& names,
                  const std::string& path) {
  std::set<std::string> seen;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (!seen.insert(names[i]).second) {
      throw InputError(fmt::format(
          "{}: column name '{}' appears twice (again at index {}); names "
          "must be unique because columns are matched by name",
          path, names[i], i));
    }
  }
}

// Reads the column names and checks the count, uniqueness, `action`, and
// `anomaly` being last.
std::vector<std::string> read_names(const std::string& path) {
  std::vector<std::string> names = npy::read_strings(path);
  if (names.size() != kColumnCount) {
    throw InputError(fmt::format(
        "{}: {} column names, expected {} (action, 8 power meter channels, "
        "7 sensors x 11 channels, anomaly); use the column name file of "
        "the KUKA data set",
        path, names.size(), kColumnCount));
  }
  check_unique(names, path);
  if (std::find(names.begin(), names.end(), kActionColumn) == names.end()) {
    throw InputError(fmt::format(
        "{}: no column is named '{}'; the names must include the movement "
        "index '{}'",
        path, kActionColumn, kActionColumn));
  }
  if (names.back() != kAnomalyColumn) {
    throw InputError(fmt::format(
        "{}: the last name is '{}' but must be '{}', because {} contains the "
        "first {} columns and {} adds '{}'",
        path, names.back(), kAnomalyColumn, kNormalFile, kColumnCount - 1,
        kSlowFile, kAnomalyColumn));
  }
  return names;
}

// Throws InputError unless `table` has one column per name, or one less
// when `anomaly_optional` (the names end with `anomaly`).
void check_column_count(const Matrix& table,
                        const std::vector<std::string>& names,
                        const std::string& path, bool anomaly_optional) {
  std::size_t full = names.size();
  if (table.cols == full || (anomaly_optional && table.cols + 1 == full)) {
    return;
  }
  std::string expected =
      anomaly_optional
          ? fmt::format("{} columns (all but '{}') or {} columns", full - 1,
                        kAnomalyColumn, full)
          : fmt::format("{} columns, one per name", full);
  throw InputError(fmt::format(
      "{}: {} columns, but {} lists {} names, so the file must have {}; "
      "save it with the columns of the names file",
      path, table.cols, kColumnNamesFile, full, expected));
}

void check_finite(const Matrix& table, const std::vector<std::string>& names,
                  const std::string& path) {
  for (std::size_t r = 0; r < table.rows; ++r) {
    const float* row = table.row(r);
    for (std::size_t c = 0; c < table.cols; ++c) {
      if (!std::isfinite(row[c])) {
        throw InputError(fmt::format(
            "{}: row {} (0-based), column '{}': value {} is not a finite "
            "number; repair or drop the row before loading",
            path, r, names[c], row[c]));
      }
    }
  }
}

Matrix copy_columns(const Matrix& table,
                    const std::vector<std::size_t>& columns) {
  Matrix result(table.rows, columns.size());
  for (std::size_t r = 0; r < table.rows; ++r) {
    const float* from = table.row(r);
    float* to = result.row(r);
    for (std::size_t c = 0; c < columns.size(); ++c) {
      to[c] = from[columns[c]];
    }
  }
  return result;
}

std::vector<std::uint8_t> read_labels(const Matrix& table,
                                      std::size_t column,
                                      const std::string& path) {
  std::vector<std::uint8_t> labels(table.rows);
  for (std::size_t r = 0; r < table.rows; ++r) {
    float value = table.at(r, column);
    if (value != 0.0f && value != 1.0f) {
      throw InputError(fmt::format(
          "{}: row {} (0-based), column '{}': value {} is not 0 or 1; fix "
          "the label",
          path, r, kAnomalyColumn, value));
    }
    labels[r] = value == 1.0f ? 1 : 0;
  }
  return labels;
}

// Splits the columns of `table`, named by the first table.cols `names`,
// into channels, the `action` context and the `anomaly` labels.
Dataset to_dataset(const Matrix& table, const std::vector<std::string>& names,
                   const std::string& path, bool action_as_channel) {
  std::vector<std::size_t> channel_columns;
  std::optional<std::size_t> action_column;
  std::optional<std::size_t> anomaly_column;
  Dataset data;
  for (std::size_t c = 0; c < table.cols; ++c) {
    if (names[c] == kAnomalyColumn) {
      anomaly_column = c;
    } else if (names[c] == kActionColumn && !action_as_channel) {
      action_column = c;
    } else {
      channel_columns.push_back(c);
      data.channels.push_back(names[c]);
    }
  }
  data.values = copy_columns(table, channel_columns);
  if (action_column) {
    data.context_names = {kActionColumn};
    data.context = copy_columns(table, {*action_column});
  }
  data.labels = anomaly_column ? read_labels(table, *anomaly_column, path)
                               : std::vector<std::uint8_t>(table.rows, 0);
  data.segments = {{0, table.rows, path}};
  return data;
}

// Reads one data file and converts it after checking its shape and values.
Dataset load_table(const std::string& path,
                   const std::vector<std::string>& names,
                   bool anomaly_optional, bool action_as_channel) {
  Matrix table = npy::read_matrix(path);
  check_column_count(table, names, path, anomaly_optional);
  check_finite(table, names, path);
  return to_dataset(table, names, path, action_as_channel);
}

}  // namespace

KukaData load(const std::string& folder, bool action_as_channel) {
  fs::path base(folder);
  check_folder(base);
  std::vector<std::string> names =
      read_names((base / kColumnNamesFile).string());
  KukaData data;
  data.normal = load_table((base / kNormalFile).string(), names, true,
                           action_as_channel);
  data.slow = load_table((base / kSlowFile).string(), names, false,
                         action_as_channel);
  return data;
}

}  // namespace advad::kuka
