#include "advad/io/delimited.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cfloat>
#include <charconv>
#include <cmath>
#include <fstream>
#include <limits>
#include <optional>
#include <string_view>

#include "advad/common/error.h"
#include "advad/data/series_checks.h"
#include "advad/io/npy.h"
#include "advad/io/timestamp.h"

namespace advad {
namespace {

constexpr std::string_view kDelimiterCandidates = ",;\t|";
constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";
constexpr std::size_t kNone = std::numeric_limits<std::size_t>::max();

[[noreturn]] void fail(const std::string& message) {
  throw InputError(message);
}

std::string line_location(const std::string& path, std::size_t line) {
  return path + " line " + std::to_string(line);
}

std::string_view trim(std::string_view text) {
  const std::size_t begin = text.find_first_not_of(" \t");
  if (begin == std::string_view::npos) return {};
  const std::size_t end = text.find_last_not_of(" \t");
  return text.substr(begin, end - begin + 1);
}

std::string lowercase(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

std::string quoted_list(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& name : names) {
    out += (out.empty() ? "'" : ", '") + name + "'";
  }
  return out;
}

// Reads physical lines, counting them from 1, without the line ending
// (LF or CRLF) and without a UTF-8 byte order mark on the first line.
class LineReader {
 public:
  explicit LineReader(const std::string& path) : in_(path, std::ios::binary) {
    if (!in_) fail(path + ": cannot open the file; check that it exists");
  }

  // Reads the next line; returns false at the end of the file.
  bool next(std::string& line) {
    if (!std::getline(in_, line)) return false;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (number_ == 0 && line.starts_with(kByteOrderMark)) {
      line.erase(0, kByteOrderMark.size());
    }
    ++number_;
    return true;
  }

  std::size_t number() const { return number_; }

 private:
  std::ifstream in_;
  std::size_t number_ = 0;
};

// ---------------------------------------------------------------------
// Fields

// Reads the quoted field that starts at `pos` (the opening quote) into
// `field`; returns the position of the delimiter after it or the line end.
std::size_t read_quoted(std::string_view line, std::size_t pos, char delimiter,
                        std::string& field, const std::string& where) {
  for (std::size_t i = pos + 1;;) {
    const std::size_t quote = line.find('"', i);
    if (quote == std::string_view::npos) {
      fail(where +
           ": a quoted field is not closed on this line; add the "
           "closing '\"' (line breaks inside quotes are not "
           "supported)");
    }
    field.append(line.substr(i, quote - i));
    if (quote + 1 < line.size() && line[quote + 1] == '"') {
      field.push_back('"');  // a doubled quote stands for one quote
      i = quote + 2;
      continue;
    }
    std::size_t end = quote + 1;
    while (end < line.size() && line[end] == ' ') ++end;
    if (end < line.size() && line[end] != delimiter) {
      fail(where +
           ": unexpected text after a closing quote; quote the "
           "whole field");
    }
    return end;
  }
}

std::vector<std::string> split_fields(std::string_view line, char delimiter,
                                      const std::string& where) {
  std::vector<std::string> fields;
  std::size_t pos = 0;
  while (true) {
    std::string field;
    std::size_t start = pos;
    while (start < line.size() && line[start] == ' ') ++start;
    if (start < line.size() && line[start] == '"') {
      pos = read_quoted(line, start, delimiter, field, where);
    } else {
      const std::size_t end = std::min(line.find(delimiter, pos), line.size());
      field.assign(line.substr(pos, end - pos));
      pos = end;
    }
    fields.push_back(std::move(field));
    if (pos >= line.size()) return fields;
    ++pos;  // skip the delimiter
  }
}

// Returns the candidate that occurs most often outside quotes in the
// header line, or ',' when none occurs (a single column).
char detect_delimiter(std::string_view header) {
  std::array<std::size_t, kDelimiterCandidates.size()> counts{};
  bool quoted = false;
  for (const char c : header) {
    if (c == '"') quoted = !quoted;
    const std::size_t index = kDelimiterCandidates.find(c);
    if (!quoted && index != std::string_view::npos) ++counts[index];
  }
  const auto best = std::max_element(counts.begin(), counts.end());
  if (*best == 0) return ',';
  return kDelimiterCandidates[static_cast<std::size_t>(best - counts.begin())];
}

// ---------------------------------------------------------------------
// Header layout

enum class Role { kChannel, kTimestamp, kLabel, kExcluded };

struct Layout {
  std::vector<std::string> names;  // header fields, trimmed
  std::size_t named_count = 0;     // fields before trailing unnamed ones
  std::vector<Role> roles;         // one per named column
  std::size_t label_index = kNone;
  std::size_t timestamp_index = kNone;  // unless ignored
  std::vector<std::size_t> channel_indices;
};

std::size_t find_name(const Layout& layout, std::string_view name) {
  for (std::size_t i = 0; i < layout.named_count; ++i) {
    if (layout.names[i] == name) return i;
  }
  return kNone;
}

void check_names(const Layout& layout, const std::string& path) {
  std::vector<std::string> duplicates;
  for (std::size_t i = 0; i < layout.named_count; ++i) {
    const std::string& name = layout.names[i];
    if (name.empty()) {
      fail(line_location(path, 1) + ": column " + std::to_string(i + 1) +
           " has no name; add a name to the header");
    }
    const bool repeated = find_name(layout, name) != i;
    if (repeated && std::find(duplicates.begin(), duplicates.end(), name) ==
                        duplicates.end()) {
      duplicates.push_back(name);
    }
  }
  if (!duplicates.empty()) {
    fail(line_location(path, 1) + ": duplicated column names " +
         quoted_list(duplicates) + "; give each column a unique name");
  }
}

std::size_t find_timestamp(const Layout& layout,
                           const DelimitedOptions& options,
                           const std::string& path) {
  if (!options.timestamp_column.empty()) {
    const std::size_t index = find_name(layout, options.timestamp_column);
    if (index == kNone) {
      fail(path + ": the timestamp column '" + options.timestamp_column +
           "' is not in the header; the columns are " +
           quoted_list({layout.names.begin(),
                        layout.names.begin() +
                            static_cast<std::ptrdiff_t>(layout.named_count)}));
    }
    return index;
  }
  for (std::size_t i = 0; i < layout.named_count; ++i) {
    const std::string name = lowercase(layout.names[i]);
    if (name == "datetime" || name == "timestamp" || name == "time" ||
        name == "date") {
      return i;
    }
  }
  return kNone;
}

void assign_roles(Layout& layout, const DelimitedOptions& options,
                  const std::string& path) {
  layout.roles.assign(layout.named_count, Role::kChannel);
  const std::size_t timestamp = find_timestamp(layout, options, path);
  if (timestamp != kNone) layout.roles[timestamp] = Role::kTimestamp;
  for (const std::string& name : options.label_columns) {
    const std::size_t index = find_name(layout, name);
    if (index == kNone) continue;
    const bool first = layout.label_index == kNone;
    if (first) layout.label_index = index;
    layout.roles[index] = first ? Role::kLabel : Role::kExcluded;
  }
  for (const std::string& name : options.ignore_columns) {
    const std::size_t index = find_name(layout, name);
    if (index != kNone && index != layout.label_index) {
      layout.roles[index] = Role::kExcluded;
    }
  }
}

Layout build_layout(const std::vector<std::string>& fields,
                    const DelimitedOptions& options, const std::string& path) {
  Layout layout;
  for (const std::string& field : fields) {
    layout.names.emplace_back(trim(field));
  }
  layout.named_count = layout.names.size();
  while (layout.named_count > 0 &&
         layout.names[layout.named_count - 1].empty()) {
    --layout.named_count;
  }
  check_names(layout, path);
  assign_roles(layout, options, path);
  for (std::size_t i = 0; i < layout.named_count; ++i) {
    if (layout.roles[i] == Role::kChannel) layout.channel_indices.push_back(i);
    if (layout.roles[i] == Role::kTimestamp) layout.timestamp_index = i;
  }
  if (layout.channel_indices.empty()) {
    fail(path +
         ": no channel columns remain after removing the timestamp, "
         "label and ignored columns; check the column options");
  }
  return layout;
}

// ---------------------------------------------------------------------
// Cells

enum class ParseStatus { kOk, kEmpty, kNotANumber, kNotFinite, kOutOfRange };

std::string with_decimal_point(std::string_view text, bool decimal_comma) {
  std::string out(text);
  if (decimal_comma) std::replace(out.begin(), out.end(), ',', '.');
  if (out.size() > 1 && out[0] == '+' && out[1] != '-') out.erase(0, 1);
  return out;
}

// Classifies a value that from_chars reports out of double range: a
// magnitude below 1 underflows to zero, anything else is too large.
ParseStatus parse_out_of_range(std::string_view text, double& value) {
  long double wide = 0.0L;
  const auto result =
      std::from_chars(text.data(), text.data() + text.size(), wide);
  if (result.ec == std::errc{} && std::fabs(wide) < 1.0L) {
    value = std::signbit(wide) ? -0.0 : 0.0;
    return ParseStatus::kOk;
  }
  return ParseStatus::kOutOfRange;
}

ParseStatus parse_double(std::string_view cell, bool decimal_comma,
                         double& value) {
  const std::string text = with_decimal_point(trim(cell), decimal_comma);
  if (text.empty()) return ParseStatus::kEmpty;
  const char* end = text.data() + text.size();
  const auto result = std::from_chars(text.data(), end, value);
  if (result.ec == std::errc::invalid_argument || result.ptr != end) {
    return ParseStatus::kNotANumber;
  }
  if (result.ec == std::errc::result_out_of_range) {
    return parse_out_of_range(text, value);
  }
  if (!std::isfinite(value)) return ParseStatus::kNotFinite;
  return ParseStatus::kOk;
}

[[noreturn]] void fail_cell(ParseStatus status, std::string_view cell,
                            const DelimitedOptions& options,
                            const std::string& where) {
  const std::string value = "value '" + std::string(trim(cell)) + "'";
  if (status == ParseStatus::kOutOfRange && !options.float64) {
    fail(where + ": " + value +
         " is beyond the float32 range (largest magnitude 3.40282e+38); "
         "rescale the column, e.g. change its unit, or read the data in "
         "double precision (--float64)");
  }
  if (status == ParseStatus::kOutOfRange) {
    fail(where + ": " + value +
         " is beyond the float64 range (largest magnitude 1.79769e+308); "
         "rescale the column");
  }
  double ignored = 0.0;
  const bool comma_hint =
      !options.decimal_comma && cell.find(',') != std::string_view::npos &&
      parse_double(cell, true, ignored) == ParseStatus::kOk;
  fail(where + ": " + value + " is not a number; fix the cell" +
       (comma_hint ? " or enable decimal commas (--decimal-comma)" : ""));
}

// Returns 0 or 1 for a label cell, or kNone when it is not a label.
std::size_t parse_label(std::string_view cell, bool decimal_comma) {
  const std::string_view text = trim(cell);
  if (text == "True" || text == "true") return 1;
  if (text == "False" || text == "false") return 0;
  double value = 0.0;
  if (parse_double(text, decimal_comma, value) != ParseStatus::kOk) {
    return kNone;
  }
  if (value == 0.0) return 0;
  if (value == 1.0) return 1;
  return kNone;
}

[[noreturn]] void fail_label(std::string_view cell, const std::string& where) {
  fail(where + ": label '" + std::string(trim(cell)) +
       "' is not 0 or 1; write labels as 0, 1, 0.0, 1.0, True or False");
}

// ---------------------------------------------------------------------
// Rows

// The cells of the file, one row after another. Missing values are NaN.
struct Table {
  std::vector<float> values;
  std::vector<double> values64;  // instead of `values` with float64
  std::vector<std::uint8_t> labels;
  std::vector<double> times;
  std::size_t rows = 0;
  std::vector<bool> integral;  // per channel: every valid value is whole
};

// Where a row is in the file, for messages.
struct RowContext {
  const Layout& layout;
  const DelimitedOptions& options;
  InputReport& report;
  std::string where;  // "<path> line <n>"
};

void check_field_count(const std::vector<std::string>& fields,
                       const Layout& layout, const std::string& where) {
  if (fields.size() != layout.names.size() &&
      fields.size() != layout.named_count) {
    fail(where + ": the row has " + std::to_string(fields.size()) +
         " fields but the header has " + std::to_string(layout.names.size()) +
         "; check the delimiter and the quoting of this line");
  }
  for (std::size_t i = layout.named_count; i < fields.size(); ++i) {
    if (!trim(fields[i]).empty()) {
      fail(where + ", column " + std::to_string(i + 1) + ": value '" +
           std::string(trim(fields[i])) +
           "' is in a column without a header name; name the column or "
           "remove the value");
    }
  }
}

std::string column_where(const RowContext& row, std::size_t index) {
  return row.where + ", column '" + row.layout.names[index] + "'";
}

void note_missing(std::string_view cell, std::size_t channel, std::size_t row,
                  InputReport& report) {
  ChannelReport& note = report.channels[channel];
  if (note.first_missing_row != kNoRow) return;
  note.first_missing_row = row;
  note.first_missing_text = std::string(trim(cell));
}

// Returns the value of a channel cell; NaN for a missing one.
double read_value(std::string_view cell, std::size_t channel,
                  const RowContext& row, Table& table) {
  double value = 0.0;
  const ParseStatus status =
      parse_double(cell, row.options.decimal_comma, value);
  if (status == ParseStatus::kEmpty || status == ParseStatus::kNotFinite) {
    note_missing(cell, channel, table.rows, row.report);
    return std::numeric_limits<double>::quiet_NaN();
  }
  const bool beyond_float = std::fabs(value) > FLT_MAX;
  if (status != ParseStatus::kOk || (beyond_float && !row.options.float64)) {
    const std::size_t index = row.layout.channel_indices[channel];
    fail_cell(status == ParseStatus::kOk ? ParseStatus::kOutOfRange : status,
              cell, row.options, column_where(row, index));
  }
  if (value != std::floor(value)) table.integral[channel] = false;
  return value;
}

void read_timestamp(const std::vector<std::string>& fields,
                    const RowContext& row, Table& table) {
  const std::size_t index = row.layout.timestamp_index;
  if (index == kNone) return;
  const std::optional<double> time = parse_timestamp(fields[index]);
  if (!time) {
    const std::string& name = row.layout.names[index];
    fail(column_where(row, index) + ": timestamp '" +
         std::string(trim(fields[index])) +
         "' is not in a supported format; write YYYY-MM-DD hh:mm:ss[.fff], "
         "YYYY-MM-DDThh:mm:ss[.fff][Z] or seconds, name the timestamp "
         "column with --timestamp-column, or leave the column out with "
         "--ignore-column '" + name + "'");
  }
  table.times.push_back(*time);
}

void read_label(const std::vector<std::string>& fields, const RowContext& row,
                Table& table) {
  const std::size_t index = row.layout.label_index;
  if (index == kNone) return;
  const std::size_t label =
      parse_label(fields[index], row.options.decimal_comma);
  if (label == kNone) fail_label(fields[index], column_where(row, index));
  table.labels.push_back(static_cast<std::uint8_t>(label));
}

void read_row(const std::vector<std::string>& fields, const RowContext& row,
              Table& table) {
  check_field_count(fields, row.layout, row.where);
  const std::vector<std::size_t>& indices = row.layout.channel_indices;
  for (std::size_t channel = 0; channel < indices.size(); ++channel) {
    const double value = read_value(fields[indices[channel]], channel, row,
                                    table);
    if (row.options.float64) {
      table.values64.push_back(value);
    } else {
      table.values.push_back(static_cast<float>(value));
    }
  }
  read_timestamp(fields, row, table);
  read_label(fields, row, table);
  ++table.rows;
}

// Reads the lines after the header. A blank line is accepted only when
// no row follows it.
Table read_rows(LineReader& reader, const Layout& layout, char delimiter,
                const DelimitedOptions& options, InputReport& report) {
  Table table;
  table.integral.assign(layout.channel_indices.size(), true);
  const std::string& path = report.rows.path;
  std::size_t blank_line = 0;
  std::string line;
  while (reader.next(line)) {
    if (trim(line).empty()) {
      if (blank_line == 0) blank_line = reader.number();
      continue;
    }
    if (blank_line != 0) {
      fail(line_location(path, blank_line) +
           ": the line is empty; remove blank lines between rows");
    }
    const RowContext row{layout, options, report,
                         line_location(path, reader.number())};
    read_row(split_fields(line, delimiter, row.where), row, table);
  }
  return table;
}

char choose_delimiter(const DelimitedOptions& options, std::string_view header,
                      const std::string& path) {
  const char delimiter = options.delimiter.value_or(detect_delimiter(header));
  if (delimiter == '"' || delimiter == '\n' || delimiter == '\r') {
    fail(path + ": the delimiter cannot be a quote or a line break");
  }
  if (options.decimal_comma && delimiter == ',') {
    fail(path +
         ": decimal commas need a delimiter other than ','; set the "
         "delimiter (for example ';') or turn decimal commas off");
  }
  return delimiter;
}

Dataset make_dataset(const Layout& layout, Table table,
                     const std::string& path) {
  Dataset data;
  for (const std::size_t index : layout.channel_indices) {
    data.channels.push_back(layout.names[index]);
  }
  const std::size_t cols = data.channels.size();
  if (table.values64.empty()) {
    data.values.rows = table.rows;
    data.values.cols = cols;
    data.values.values = std::move(table.values);
  } else {
    data.values64.rows = table.rows;
    data.values64.cols = cols;
    data.values64.values = std::move(table.values64);
    data.values = to_float32(data.values64);
  }
  data.labels = std::move(table.labels);
  data.times = std::move(table.times);
  data.segments.push_back(Segment{0, table.rows, path});
  return data;
}

void describe_channels(const Layout& layout, const Table& table,
                       InputReport& report) {
  for (std::size_t c = 0; c < layout.channel_indices.size(); ++c) {
    report.channels[c].name = layout.names[layout.channel_indices[c]];
    report.channels[c].source_type =
        table.integral[c] ? "integer text" : "decimal text";
  }
}

// ---------------------------------------------------------------------
// Label files

std::string format_float(float value) {
  std::array<char, 32> buffer{};
  const auto result =
      std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
  return std::string(buffer.data(), result.ptr);
}

bool has_npy_extension(const std::string& path) {
  return path.size() >= 4 && lowercase(path.substr(path.size() - 4)) == ".npy";
}

std::vector<std::uint8_t> read_npy_labels(const std::string& path) {
  const Matrix matrix = npy::read_matrix(path);
  if (matrix.cols != 1) {
    fail(path + ": the label array has " + std::to_string(matrix.cols) +
         " columns; expected a 1-D array of 0/1 values");
  }
  std::vector<std::uint8_t> labels;
  labels.reserve(matrix.rows);
  for (std::size_t i = 0; i < matrix.rows; ++i) {
    const float value = matrix.values[i];
    if (value != 0.0f && value != 1.0f) {
      fail(path + ": label " + format_float(value) + " at index " +
           std::to_string(i) + " (0-based) is not 0 or 1; fix the labels");
    }
    labels.push_back(value == 1.0f ? 1 : 0);
  }
  return labels;
}

std::vector<std::uint8_t> read_text_labels(const std::string& path) {
  LineReader reader(path);
  std::vector<std::uint8_t> labels;
  std::size_t blank_line = 0;
  std::string line;
  while (reader.next(line)) {
    if (trim(line).empty()) {
      if (blank_line == 0) blank_line = reader.number();
      continue;
    }
    if (blank_line != 0) {
      fail(line_location(path, blank_line) +
           ": the line is empty; remove blank lines between labels");
    }
    const std::size_t label = parse_label(line, false);
    if (label == kNone) fail_label(line, line_location(path, reader.number()));
    labels.push_back(static_cast<std::uint8_t>(label));
  }
  if (labels.empty()) fail(path + ": the file contains no labels");
  return labels;
}

}  // namespace

Dataset read_delimited_unchecked(const std::string& path,
                                 const DelimitedOptions& options,
                                 InputReport& report) {
  LineReader reader(path);
  std::string header;
  if (!reader.next(header) || trim(header).empty()) {
    fail(path +
         ": the file is empty or its first line is blank; expected "
         "a header row with column names");
  }
  const char delimiter = choose_delimiter(options, header, path);
  const Layout layout = build_layout(
      split_fields(header, delimiter, line_location(path, 1)), options, path);
  report = InputReport{};
  report.rows = RowNames{path, true};
  report.channels.resize(layout.channel_indices.size());
  Table table = read_rows(reader, layout, delimiter, options, report);
  if (table.rows == 0) {
    fail(path + ": the file has a header but no data rows");
  }
  describe_channels(layout, table, report);
  return make_dataset(layout, std::move(table), path);
}

Dataset read_delimited(const std::string& path,
                       const DelimitedOptions& options, InputReport* report) {
  InputReport local;
  InputReport& target = report != nullptr ? *report : local;
  Dataset data = read_delimited_unchecked(path, options, target);
  check_series(data, options.checks, target);
  return data;
}

char parse_delimiter(const std::string& text) {
  if (text == "tab" || text == "\\t") return '\t';
  if (text.size() != 1 || text == "\"" || text == "\n" || text == "\r") {
    fail("invalid delimiter '" + text +
         "'; give one character such as ',' or ';', or 'tab'");
  }
  return text[0];
}

std::vector<std::uint8_t> read_labels(const std::string& path) {
  if (has_npy_extension(path)) return read_npy_labels(path);
  return read_text_labels(path);
}

}  // namespace advad
