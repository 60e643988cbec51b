// The data layout a model was trained on, and checks of new data against
// it. Channels are matched by name, never by position.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "advad/data/dataset.h"

namespace advad {

struct DataSchema {
  // Channels the network reconstructs, in the order of its inputs.
  std::vector<std::string> channels;
  // Columns that described the situation during training but are not
  // reconstructed, such as the KUKA movement index `action`; scoring
  // skips them.
  std::vector<std::string> context_columns;
  std::size_t window = 0;  // rows per window
  std::size_t stride = 1;  // rows between window starts
};

nlohmann::json to_json(const DataSchema& schema);

// Reads a schema written by to_json(); throws InputError describing the
// first missing or invalid field.
DataSchema schema_from_json(const nlohmann::json& json);

// Returns, for every channel of `schema` in order, the index of the
// column of the same name in `columns`. Context columns of the schema and
// the columns named in `ignored` may be present and are skipped. Throws
// SchemaError naming `source`, the missing channels and the extra
// columns.
std::vector<std::size_t> match_columns(
    const DataSchema& schema, const std::vector<std::string>& columns,
    const std::vector<std::string>& ignored, const std::string& source);

// Returns `data` with the schema's channels in the schema's order, after
// the check of match_columns() on its channels.
Dataset conform_to_schema(const Dataset& data, const DataSchema& schema,
                          const std::vector<std::string>& ignored,
                          const std::string& source);

}  // namespace advad
