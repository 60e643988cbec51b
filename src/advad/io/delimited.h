// Reader for delimited text files (CSV, SKAB's `;`-separated files).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "advad/data/dataset.h"

namespace advad {

struct DelimitedOptions {
  // Field separator; std::nullopt detects it from the header line among
  // ',', ';', '\t' and '|'.
  std::optional<char> delimiter;
  // Name of the timestamp column, dropped from the channels. Empty: a
  // column named "datetime", "timestamp", "time" or "date" (any case) is
  // taken as the timestamp when present.
  std::string timestamp_column;
  // Columns holding per-row 0/1 labels. The first one present becomes
  // Dataset::labels; all of them are excluded from the channels. Missing
  // label columns are not an error (training files have none).
  std::vector<std::string> label_columns;
  // Further columns to exclude from the channels (for example SKAB's
  // "changepoint").
  std::vector<std::string> ignore_columns;
  // Reads "1,5" as 1.5. Requires a delimiter other than ','.
  bool decimal_comma = false;
};

// Reads a delimited text file with a header row into a Dataset with one
// segment. Channels keep the header's names (without surrounding spaces),
// in file order. Fields may be quoted ("a;b", "say ""hi"""), but a quoted
// field cannot span lines. CRLF line endings and a UTF-8 byte order mark
// are accepted. Empty unnamed columns at the end of the header (a trailing
// delimiter on every line) are ignored. Labels accept 0/1, 0.0/1.0 and
// True/False. Throws InputError naming the file, line, column and value
// for a cell that is not a number, an empty cell, NaN or infinity, a value
// beyond float32 range, an invalid label, or a row with a different
// number of fields. Also throws for an empty file, a file without data
// rows, and duplicated or missing column names.
Dataset read_delimited(const std::string& path,
                       const DelimitedOptions& options = {});

// Reads a label file: a text file with one label per line, or a 1-D .npy
// array of 0/1 values when the name ends in ".npy". Text labels may be
// 0/1, 0.0/1.0 or True/False, and blank lines at the end are ignored.
// Throws InputError naming the line (text) or 0-based index (.npy) and
// the value that is not 0 or 1.
std::vector<std::uint8_t> read_labels(const std::string& path);

}  // namespace advad
