#include "advad/model/schema.h"

#include <algorithm>
#include <cstdint>
#include <set>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "advad/common/error.h"
#include "advad/model_error.h"

namespace advad {

namespace {

constexpr std::size_t kNamesShown = 10;

bool contains(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

// Lists the first kNamesShown names and counts the rest.
std::string list_names(const std::vector<std::string>& names) {
  std::size_t shown = std::min(names.size(), kNamesShown);
  std::vector<std::string> quoted;
  for (std::size_t i = 0; i < shown; ++i) {
    quoted.push_back("'" + names[i] + "'");
  }
  std::string text = fmt::format("{}", fmt::join(quoted, ", "));
  if (names.size() > shown) {
    text += fmt::format(" and {} more", names.size() - shown);
  }
  return text;
}

std::string describe_mismatch(const std::vector<std::string>& missing,
                              const std::vector<std::string>& extra,
                              std::size_t channel_count,
                              const std::string& source) {
  std::string text = fmt::format(
      "{} does not have the {} channels the model was trained on:", source,
      channel_count);
  if (!missing.empty()) {
    text += fmt::format(" {} missing ({})", missing.size(),
                        list_names(missing));
  }
  if (!extra.empty()) {
    text += fmt::format("{} {} extra column{} not in the model ({})",
                        missing.empty() ? "" : ";", extra.size(),
                        extra.size() == 1 ? "" : "s", list_names(extra));
  }
  return text +
         "; give data recorded with the model's channels (matched by name, "
         "in any order), and leave extra columns out with --ignore-column "
         "NAME (or --label-column for labels)";
}

std::size_t positive_size(const nlohmann::json& json, const char* key) {
  // A float such as 5e65 would convert to an integer with undefined
  // behaviour, so only JSON integers are accepted.
  const nlohmann::json& field = json.at(key);
  if (!field.is_number_integer() || field.get<std::int64_t>() <= 0) {
    throw InputError(fmt::format(
        "schema field '{}' is {}, not a positive integer", key,
        field.dump()));
  }
  return static_cast<std::size_t>(field.get<std::int64_t>());
}

void check_unique(const std::vector<std::string>& names) {
  std::set<std::string> seen;
  for (const std::string& name : names) {
    if (!seen.insert(name).second) {
      throw InputError(fmt::format("schema lists channel '{}' twice", name));
    }
  }
}

}  // namespace

nlohmann::json to_json(const DataSchema& schema) {
  return {{"channels", schema.channels},
          {"context_columns", schema.context_columns},
          {"window", schema.window},
          {"stride", schema.stride}};
}

DataSchema schema_from_json(const nlohmann::json& json) {
  DataSchema schema;
  try {
    schema.channels = json.at("channels").get<std::vector<std::string>>();
    schema.context_columns =
        json.at("context_columns").get<std::vector<std::string>>();
    schema.window = positive_size(json, "window");
    schema.stride = positive_size(json, "stride");
  } catch (const nlohmann::json::exception& error) {
    throw InputError(fmt::format("invalid schema: {}", error.what()));
  }
  if (schema.channels.empty()) {
    throw InputError("schema lists no channel");
  }
  check_unique(schema.channels);
  return schema;
}

std::vector<std::size_t> match_columns(
    const DataSchema& schema, const std::vector<std::string>& columns,
    const std::vector<std::string>& ignored, const std::string& source) {
  std::vector<std::size_t> indices;
  std::vector<std::string> missing;
  for (const std::string& channel : schema.channels) {
    auto found = std::find(columns.begin(), columns.end(), channel);
    if (found == columns.end()) {
      missing.push_back(channel);
    } else {
      indices.push_back(static_cast<std::size_t>(found - columns.begin()));
    }
  }
  std::vector<std::string> extra;
  for (const std::string& column : columns) {
    if (!contains(schema.channels, column) &&
        !contains(schema.context_columns, column) &&
        !contains(ignored, column)) {
      extra.push_back(column);
    }
  }
  if (!missing.empty() || !extra.empty()) {
    std::string message = describe_mismatch(missing, extra,
                                            schema.channels.size(), source);
    throw SchemaError(std::move(missing), std::move(extra), message);
  }
  return indices;
}

Dataset conform_to_schema(const Dataset& data, const DataSchema& schema,
                          const std::vector<std::string>& ignored,
                          const std::string& source) {
  match_columns(schema, data.channels, ignored, source);
  return select_channels(data, schema.channels, source);
}

}  // namespace advad
