#include "advad/preprocess/state_json.h"

#include <fmt/format.h>

#include "advad/common/error.h"

namespace advad {

namespace {

[[noreturn]] void throw_invalid(const std::string& owner,
                                const std::string& key,
                                const std::string& expected) {
  throw InputError(fmt::format(
      "saved {} state: field '{}' is missing or is not {}; save the model "
      "again with this version of advad",
      owner, key, expected));
}

}  // namespace

std::vector<double> read_doubles(const nlohmann::json& state,
                                 const std::string& key,
                                 const std::string& owner,
                                 std::size_t expected_size) {
  auto found = state.find(key);
  if (found == state.end() || !found->is_array()) {
    throw_invalid(owner, key, "a list of numbers");
  }
  std::vector<double> values;
  values.reserve(found->size());
  for (const nlohmann::json& item : *found) {
    if (!item.is_number()) {
      throw_invalid(owner, key, "a list of numbers");
    }
    values.push_back(item.get<double>());
  }
  if (expected_size != std::string::npos && values.size() != expected_size) {
    throw_invalid(owner, key,
                  fmt::format("a list of {} numbers", expected_size));
  }
  return values;
}

double read_double(const nlohmann::json& state, const std::string& key,
                   const std::string& owner) {
  auto found = state.find(key);
  if (found == state.end() || !found->is_number()) {
    throw_invalid(owner, key, "a number");
  }
  return found->get<double>();
}

std::size_t read_count(const nlohmann::json& state, const std::string& key,
                       const std::string& owner) {
  auto found = state.find(key);
  if (found == state.end() || !found->is_number_unsigned()) {
    throw_invalid(owner, key, "a non-negative integer");
  }
  return found->get<std::size_t>();
}

std::string read_string(const nlohmann::json& state, const std::string& key,
                        const std::string& owner) {
  auto found = state.find(key);
  if (found == state.end() || !found->is_string()) {
    throw_invalid(owner, key, "a string");
  }
  return found->get<std::string>();
}

}  // namespace advad
