// Access to the scikit-learn reference values of the preprocessing tests,
// written by tests/reference/preprocess/make_reference.py.
#pragma once

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "advad/data/dataset.h"

namespace advad::testing {

// Folder of the reference files: ADVAD_TEST_REFERENCE_DIR when the build
// defines it, else tests/reference/preprocess beside this header.
inline std::filesystem::path reference_dir() {
#ifdef ADVAD_TEST_REFERENCE_DIR
  return std::filesystem::path(ADVAD_TEST_REFERENCE_DIR) / "preprocess";
#else
  return std::filesystem::path(__FILE__).parent_path().parent_path() /
         "reference" / "preprocess";
#endif
}

// Returns the parsed reference file `name`; fails the test when missing.
inline nlohmann::json read_reference(const std::string& name) {
  std::filesystem::path path = reference_dir() / name;
  std::ifstream file(path);
  if (!file) {
    ADD_FAILURE() << "reference file " << path << " not found";
    return nlohmann::json::object();
  }
  return nlohmann::json::parse(file);
}

// Returns a float32 matrix from a JSON list of rows.
inline Matrix matrix_from_json(const nlohmann::json& rows) {
  std::size_t cols = rows.empty() ? 0 : rows[0].size();
  Matrix result(rows.size(), cols);
  for (std::size_t r = 0; r < rows.size(); ++r) {
    for (std::size_t c = 0; c < cols; ++c) {
      result.at(r, c) = rows[r][c].get<float>();
    }
  }
  return result;
}

// Returns |actual - expected| / max(|expected|, floor): a relative error
// that turns absolute below `floor`.
inline double relative_error(double actual, double expected,
                             double floor = 1.0) {
  return std::fabs(actual - expected) / std::max(std::fabs(expected), floor);
}

}  // namespace advad::testing
