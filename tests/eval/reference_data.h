// Reference values written by tests/reference/eval/make_reference.py with
// scikit-learn 1.2.1, SciPy 1.10.1 and NumPy 1.24.2 (Debian 12).
#pragma once

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace advad::testing {

// Reads tests/reference/eval/NAME, found from this header's own path.
inline nlohmann::json read_eval_reference(const std::string& name) {
  const std::filesystem::path folder =
      std::filesystem::path(__FILE__).parent_path().parent_path() /
      "reference" / "eval";
  std::ifstream in(folder / name);
  if (!in) {
    throw std::runtime_error("cannot open reference file " +
                             (folder / name).string());
  }
  return nlohmann::json::parse(in);
}

inline std::vector<std::uint8_t> labels_of(const nlohmann::json& values) {
  std::vector<std::uint8_t> labels;
  for (const auto& value : values) {
    labels.push_back(static_cast<std::uint8_t>(value.get<int>()));
  }
  return labels;
}

}  // namespace advad::testing
