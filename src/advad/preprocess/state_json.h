// Readers for the fitted parameters that preprocessing steps store as JSON.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace advad {

// Returns state[key] as a list of numbers. Throws InputError naming `owner`
// and `key` when it is missing, not a list of numbers, or (unless
// `expected_size` is npos) not `expected_size` long.
std::vector<double> read_doubles(const nlohmann::json& state,
                                 const std::string& key,
                                 const std::string& owner,
                                 std::size_t expected_size = std::string::npos);

// Returns state[key] as a number; throws InputError naming `owner` and
// `key` when it is missing or not a number.
double read_double(const nlohmann::json& state, const std::string& key,
                   const std::string& owner);

// Returns state[key] as a non-negative integer; throws InputError naming
// `owner` and `key` when it is missing or not one.
std::size_t read_count(const nlohmann::json& state, const std::string& key,
                       const std::string& owner);

// Returns state[key] as a string; throws InputError naming `owner` and
// `key` when it is missing or not a string.
std::string read_string(const nlohmann::json& state, const std::string& key,
                        const std::string& owner);

}  // namespace advad
