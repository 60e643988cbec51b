#include "advad/model/csv_row_reader.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <limits>
#include <string_view>

#include <fmt/format.h>

#include "advad/common/error.h"

namespace advad {

namespace {

constexpr std::string_view kDelimiters = ",;\t|";
constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

std::string_view trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text[0]))) {
    text.remove_prefix(1);
  }
  while (!text.empty() &&
         std::isspace(static_cast<unsigned char>(text.back()))) {
    text.remove_suffix(1);
  }
  return text;
}

char detect_delimiter(std::string_view header) {
  std::array<std::size_t, kDelimiters.size()> counts{};
  bool quoted = false;
  for (char c : header) {
    if (c == '"') {
      quoted = !quoted;
    }
    std::size_t index = kDelimiters.find(c);
    if (!quoted && index != std::string_view::npos) {
      ++counts[index];
    }
  }
  auto best = std::max_element(counts.begin(), counts.end());
  return *best == 0 ? ','
                    : kDelimiters[static_cast<std::size_t>(
                          best - counts.begin())];
}

// Splits a line at `delimiter` outside quotes and removes the quotes.
std::vector<std::string> split(std::string_view line, char delimiter) {
  std::vector<std::string> fields(1);
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (c == '"' && quoted && i + 1 < line.size() && line[i + 1] == '"') {
      fields.back().push_back('"');
      ++i;
    } else if (c == '"') {
      quoted = !quoted;
    } else if (c == delimiter && !quoted) {
      fields.emplace_back();
    } else {
      fields.back().push_back(c);
    }
  }
  for (std::string& field : fields) {
    field = std::string(trim(field));
  }
  return fields;
}

bool is_timestamp_name(std::string name) {
  std::transform(name.begin(), name.end(), name.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  return name == "datetime" || name == "timestamp" || name == "time" ||
         name == "date";
}

std::vector<std::string> skipped_columns(
    const std::vector<std::string>& names,
    const std::vector<std::string>& ignored) {
  std::vector<std::string> skipped = ignored;
  for (const std::string& name : names) {
    if (is_timestamp_name(name)) {
      skipped.push_back(name);
    }
  }
  return skipped;
}

// Parses a whole field as a double; a magnitude too small for a double
// reads as zero, as in the file reader.
bool parse_number(std::string_view text, double& value) {
  const char* end = text.data() + text.size();
  auto result = std::from_chars(text.data(), end, value);
  if (result.ptr != end) {
    return false;
  }
  if (result.ec == std::errc::result_out_of_range) {
    long double wide = 0.0L;
    auto retry = std::from_chars(text.data(), end, wide);
    if (retry.ec != std::errc{} || std::fabs(wide) >= 1.0L) {
      return false;
    }
    value = std::signbit(wide) ? -0.0 : 0.0;
    return true;
  }
  return result.ec == std::errc{};
}

}  // namespace

CsvRowReader::CsvRowReader(std::istream& input, const DataSchema& schema,
                           const std::vector<std::string>& ignored,
                           std::string source)
    : input_(input), source_(std::move(source)) {
  std::string header;
  if (!read_line(header)) {
    throw InputError(fmt::format(
        "{}: no header line; the first line must name the columns",
        source_));
  }
  if (header.starts_with(kByteOrderMark)) {
    header.erase(0, kByteOrderMark.size());
  }
  delimiter_ = detect_delimiter(header);
  names_ = split(header, delimiter_);
  columns_ = match_columns(schema, names_, skipped_columns(names_, ignored),
                           source_);
}

bool CsvRowReader::read_line(std::string& line) {
  while (true) {
    line.clear();
    // Reads at most kMaxLineBytes + 1 characters, so that an endless line
    // cannot exhaust memory.
    char c = 0;
    bool any = false;
    while (input_.get(c) && c != '\n') {
      any = true;
      if (line.size() == kMaxLineBytes) {
        throw InputError(fmt::format(
            "{}, line {}: longer than {} bytes; check that the input is "
            "delimited text with one row per line",
            source_, line_ + 1, kMaxLineBytes));
      }
      line.push_back(c);
    }
    if (!any && !input_) {
      return false;
    }
    ++line_;
    if (!line.empty() && line.back() == '\r') {
      line.pop_back();
    }
    if (!trim(line).empty()) {
      return true;
    }
  }
}

bool CsvRowReader::next(std::vector<float>& row) {
  std::string line;
  if (!read_line(line)) {
    return false;
  }
  std::vector<std::string> fields = split(line, delimiter_);
  if (fields.size() != names_.size()) {
    throw InputError(fmt::format(
        "{}, line {}: {} fields but the header names {} columns; every row "
        "needs one field per column",
        source_, line_, fields.size(), names_.size()));
  }
  row.resize(columns_.size());
  for (std::size_t c = 0; c < columns_.size(); ++c) {
    const std::string& text = fields[columns_[c]];
    std::string_view digits = text;
    if (digits.size() > 1 && digits[0] == '+' && digits[1] != '-') {
      digits.remove_prefix(1);
    }
    double value = 0.0;
    bool parsed = parse_number(digits, value);
    if (!parsed || !std::isfinite(value) ||
        std::fabs(value) > std::numeric_limits<float>::max()) {
      throw InputError(fmt::format(
          "{}, line {}, column '{}': value '{}' is not a finite float32 "
          "number; the stream needs a number in every channel of every row",
          source_, line_, names_[columns_[c]], text));
    }
    row[c] = static_cast<float>(value);
  }
  return true;
}

}  // namespace advad
