// Reader for delimited text files (CSV, SKAB's `;`-separated files).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "advad/data/dataset.h"
#include "advad/data/input_report.h"
#include "advad/data/series_checks.h"

namespace advad {

struct DelimitedOptions {
  // Field separator; std::nullopt detects it from the header line among
  // ',', ';', '\t' and '|'.
  std::optional<char> delimiter;
  // Name of the timestamp column, excluded from the channels and parsed
  // into Dataset::times (see parse_timestamp). Empty: a column named
  // "datetime", "timestamp", "time" or "date" (any case) is taken as the
  // timestamp when present. A timestamp column listed in ignore_columns is
  // not parsed.
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
  // Missing-value and time policies applied after reading.
  SeriesCheckOptions checks;
  // Default false: a value beyond float32 range is an error. True: values
  // are kept in Dataset::values64 (see Dataset) and only values beyond
  // float64 range are errors. Also applies to .npy files read through
  // read_series_file().
  bool float64 = false;
};

// Reads a delimited text file with a header row into a Dataset with one
// segment, then applies check_series() with options.checks, which may
// split it. Channels keep the header's names (without surrounding spaces),
// in file order. Fields may be quoted ("a;b", "say ""hi"""), but a quoted
// field cannot span lines. CRLF line endings and a UTF-8 byte order mark
// are accepted. Empty unnamed columns at the end of the header (a trailing
// delimiter on every line) are ignored. Labels accept 0/1, 0.0/1.0 and
// True/False. An empty cell, NaN or +-infinity is a missing value, handled
// by options.checks.missing. Throws InputError naming the file, line,
// column and value for a cell that is not a number, a value beyond float32
// range (float64 range with options.float64), an invalid label or
// timestamp, or a row with a different number of fields. Also throws for
// an empty file, a file without data rows, duplicated or missing column
// names, and whatever check_series() rejects. Fills `report` when given.
Dataset read_delimited(const std::string& path,
                       const DelimitedOptions& options = {},
                       InputReport* report = nullptr);

// Reads like read_delimited() but leaves missing values as NaN and skips
// check_series(), so that labels from another file can be attached first.
// Sets report.rows, the channel names and types, and the first missing
// cell of each channel.
Dataset read_delimited_unchecked(const std::string& path,
                                 const DelimitedOptions& options,
                                 InputReport& report);

// Parses a delimiter as given on the command line: one character, or
// "tab" or "\t" for a tab. Throws InputError for anything else, a quote
// or a line break.
char parse_delimiter(const std::string& text);

// Reads a label file: a text file with one label per line, or a 1-D .npy
// array of 0/1 values when the name ends in ".npy". Text labels may be
// 0/1, 0.0/1.0 or True/False, and blank lines at the end are ignored.
// Throws InputError naming the line (text) or 0-based index (.npy) and
// the value that is not 0 or 1.
std::vector<std::uint8_t> read_labels(const std::string& path);

}  // namespace advad
