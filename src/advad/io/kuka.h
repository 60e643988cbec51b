// Loader for the KUKA robot data set folder layout.
//
// The folder contains KukaColumnNames.npy (87 unicode names), KukaNormal.npy
// (normal rows, the first 86 named columns) and KukaSlow.npy (slow rows,
// 87 columns, the last being `anomaly`). Columns are matched by name.
#pragma once

#include <cstddef>
#include <string>

#include "advad/data/dataset.h"

namespace advad::kuka {

inline constexpr const char* kColumnNamesFile = "KukaColumnNames.npy";
inline constexpr const char* kNormalFile = "KukaNormal.npy";
inline constexpr const char* kSlowFile = "KukaSlow.npy";
inline constexpr const char* kActionColumn = "action";
inline constexpr const char* kAnomalyColumn = "anomaly";
inline constexpr std::size_t kColumnCount = 87;

struct KukaData {
  Dataset normal;  // one segment; labels from `anomaly` if present, else 0
  Dataset slow;    // one segment; labels from the `anomaly` column
};

// Loads the three files from `folder`. `action` goes to the context
// columns unless `action_as_channel`, `anomaly` becomes the labels, and
// every other column is a channel, in the order of KukaColumnNames.npy.
// KukaNormal.npy may have 86 columns or 87 with `anomaly`.
//
// Throws InputError naming the file and the fix when the folder or a file
// is missing, or a value is NaN or infinite. It also throws when the names
// are not 87 unique names that contain `action` and end with `anomaly`,
// when a file's column count disagrees with the names, and when an
// `anomaly` value is not 0 or 1.
KukaData load(const std::string& folder, bool action_as_channel = false);

}  // namespace advad::kuka
