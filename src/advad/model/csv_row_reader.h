// Rows of delimited text read one line at a time, for scoring a stream
// that is still being written (a pipe, standard input).
#pragma once

#include <cstddef>
#include <istream>
#include <string>
#include <vector>

#include "advad/model/schema.h"

namespace advad {

// Longest line the reader accepts, in bytes.
inline constexpr std::size_t kMaxLineBytes = std::size_t{1} << 20;

// Reads a header line, then one row per line. The delimiter is the one of
// ',', ';', tab and '|' that occurs most often in the header. Columns are
// matched to the schema's channels by name; context columns, columns
// named in `ignored` and a timestamp column (named "datetime",
// "timestamp", "time" or "date" in any case) are skipped. Fields may be
// quoted with '"' ("" inside quotes is one quote). Blank lines are
// skipped, and CRLF line ends and a UTF-8 byte order mark are accepted.
class CsvRowReader {
 public:
  // Reads the header; throws SchemaError when the columns do not match
  // the schema and InputError for an empty input or an overlong line.
  CsvRowReader(std::istream& input, const DataSchema& schema,
               const std::vector<std::string>& ignored, std::string source);

  // Reads the next row into `row`, the schema's channels in the schema's
  // order. Returns false at the end of the input. Throws InputError naming
  // the source, line, column and value of a field that is not a finite
  // float32 number, and for a line with another number of fields.
  bool next(std::vector<float>& row);

  std::size_t line() const { return line_; }  // 1-based, last line read

 private:
  bool read_line(std::string& line);

  std::istream& input_;
  std::string source_;
  char delimiter_ = ',';
  std::vector<std::string> names_;
  std::vector<std::size_t> columns_;  // field index of each channel
  std::size_t line_ = 0;
};

}  // namespace advad
