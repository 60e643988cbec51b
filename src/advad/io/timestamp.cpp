#include "advad/io/timestamp.h"

#include <charconv>
#include <chrono>
#include <cmath>

namespace advad {

namespace {

// Reads `count` decimal digits at `pos`; returns false unless all are
// digits.
bool read_digits(std::string_view text, std::size_t pos, std::size_t count,
                 int& value) {
  if (pos + count > text.size()) return false;
  value = 0;
  for (std::size_t i = pos; i < pos + count; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
    value = value * 10 + (text[i] - '0');
  }
  return true;
}

bool expect(std::string_view text, std::size_t pos, char c) {
  return pos < text.size() && text[pos] == c;
}

// Days since 1970-01-01 of a valid date, as std::chrono counts them.
std::optional<double> days_since_epoch(int year, int month, int day) {
  const std::chrono::year_month_day date{
      std::chrono::year{year}, std::chrono::month{static_cast<unsigned>(month)},
      std::chrono::day{static_cast<unsigned>(day)}};
  if (!date.ok()) return std::nullopt;
  return static_cast<double>(
      std::chrono::sys_days{date}.time_since_epoch().count());
}

// Parses ".fff" at `pos`, advancing it; returns the fraction of a second.
double read_fraction(std::string_view text, std::size_t& pos) {
  if (!expect(text, pos, '.')) return 0.0;
  double fraction = 0.0;
  double scale = 0.1;
  ++pos;
  while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
    fraction += scale * (text[pos] - '0');
    scale /= 10.0;
    ++pos;
  }
  return fraction;
}

// Parses the zone at `pos` to the end; returns its offset from UTC in
// seconds.
std::optional<double> read_zone(std::string_view text, std::size_t pos) {
  if (pos == text.size()) return 0.0;
  if (text.substr(pos) == "Z") return 0.0;
  int hours = 0;
  int minutes = 0;
  const bool sign = expect(text, pos, '+') || expect(text, pos, '-');
  if (!sign || text.size() != pos + 6 ||
      !read_digits(text, pos + 1, 2, hours) || !expect(text, pos + 3, ':') ||
      !read_digits(text, pos + 4, 2, minutes) || hours > 23 || minutes > 59) {
    return std::nullopt;
  }
  const double offset = hours * 3600.0 + minutes * 60.0;
  return text[pos] == '-' ? -offset : offset;
}

std::optional<double> parse_calendar(std::string_view text) {
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  const bool layout = read_digits(text, 0, 4, year) && expect(text, 4, '-') &&
                      read_digits(text, 5, 2, month) && expect(text, 7, '-') &&
                      read_digits(text, 8, 2, day) &&
                      (expect(text, 10, ' ') || expect(text, 10, 'T')) &&
                      read_digits(text, 11, 2, hour) && expect(text, 13, ':') &&
                      read_digits(text, 14, 2, minute) &&
                      expect(text, 16, ':') && read_digits(text, 17, 2, second);
  if (!layout || hour > 23 || minute > 59 || second > 59) return std::nullopt;
  const std::optional<double> days = days_since_epoch(year, month, day);
  std::size_t pos = 19;
  const double fraction = read_fraction(text, pos);
  const std::optional<double> zone = read_zone(text, pos);
  if (!days || !zone) return std::nullopt;
  return *days * 86400.0 + hour * 3600.0 + minute * 60.0 + second + fraction -
         *zone;
}

std::optional<double> parse_seconds(std::string_view text) {
  double value = 0.0;
  const char* end = text.data() + text.size();
  const auto result = std::from_chars(text.data(), end, value);
  if (result.ec != std::errc{} || result.ptr != end || !std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
}

std::string_view trim(std::string_view text) {
  const std::size_t begin = text.find_first_not_of(" \t");
  if (begin == std::string_view::npos) return {};
  return text.substr(begin, text.find_last_not_of(" \t") - begin + 1);
}

}  // namespace

std::optional<double> parse_timestamp(std::string_view text) {
  const std::string_view trimmed = trim(text);
  if (trimmed.size() >= 19 && expect(trimmed, 4, '-')) {
    return parse_calendar(trimmed);
  }
  return parse_seconds(trimmed);
}

}  // namespace advad
