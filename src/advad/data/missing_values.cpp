#include "advad/data/missing_values.h"

#include <fmt/format.h>

#include <cmath>
#include <string>
#include <vector>

#include "advad/common/error.h"

namespace advad {

namespace {

bool missing_at(const Dataset& data, std::size_t r, std::size_t c) {
  if (data.has_values64()) return !std::isfinite(data.values64.at(r, c));
  return !std::isfinite(data.values.at(r, c));
}

double value_at(const Dataset& data, std::size_t r, std::size_t c) {
  if (data.has_values64()) return data.values64.at(r, c);
  return data.values.at(r, c);
}

std::string missing_text(const ChannelReport& channel) {
  if (channel.first_missing_text.empty()) return "an empty cell";
  return fmt::format("value '{}'", channel.first_missing_text);
}

std::string missing_counts(const InputReport& report) {
  std::string text;
  for (const ChannelReport& channel : report.channels) {
    if (channel.missing == 0) continue;
    text += fmt::format("{}'{}' {}", text.empty() ? "" : ", ", channel.name,
                        channel.missing);
  }
  return text;
}

// Moves row `from` of `matrix` to row `to` (to <= from).
template <typename T>
void move_row(BasicMatrix<T>& matrix, std::size_t from, std::size_t to) {
  if (matrix.cols == 0 || from == to) return;
  std::copy(matrix.row(from), matrix.row(from) + matrix.cols, matrix.row(to));
}

template <typename T>
void shrink_rows(BasicMatrix<T>& matrix, std::size_t rows) {
  if (matrix.cols == 0) return;
  matrix.rows = rows;
  matrix.values.resize(rows * matrix.cols);
  matrix.values.shrink_to_fit();
}

void move_data_row(Dataset& data, std::size_t from, std::size_t to) {
  move_row(data.values, from, to);
  move_row(data.values64, from, to);
  move_row(data.context, from, to);
  if (data.has_labels()) data.labels[to] = data.labels[from];
  if (data.has_times()) data.times[to] = data.times[from];
}

void shrink_data(Dataset& data, std::size_t rows) {
  shrink_rows(data.values, rows);
  shrink_rows(data.values64, rows);
  shrink_rows(data.context, rows);
  if (data.has_labels()) data.labels.resize(rows);
  if (data.has_times()) data.times.resize(rows);
}

bool row_complete(const Dataset& data, std::size_t r) {
  for (std::size_t c = 0; c < data.values.cols; ++c) {
    if (missing_at(data, r, c)) return false;
  }
  return true;
}

std::string dropped_reason(const RowNames& names, std::size_t first,
                           std::size_t last) {
  if (first == last) {
    return fmt::format("{} dropped (missing value)", names.name(first));
  }
  return fmt::format("{} to {} dropped (missing values)", names.name(first),
                     names.name(last));
}

// Writes the values of `x` at rows [first, last] of column c, filling
// from `left` and `right` (valid rows, or kNoRow at a segment end).
struct GapFiller {
  Dataset& data;
  std::size_t column;

  double position(std::size_t r) const {
    return data.has_times() ? data.times[r] : static_cast<double>(r);
  }

  void set(std::size_t r, double value) {
    if (data.has_values64()) data.values64.at(r, column) = value;
    data.values.at(r, column) = to_float32(value);
  }

  void fill(std::size_t first, std::size_t last, std::size_t left,
            std::size_t right) {
    for (std::size_t r = first; r <= last; ++r) set(r, value(r, left, right));
  }

  double value(std::size_t r, std::size_t left, std::size_t right) const {
    if (left == kNoRow) return value_at(data, right, column);
    const double a = value_at(data, left, column);
    if (right == kNoRow) return a;
    const double b = value_at(data, right, column);
    const double share =
        (position(r) - position(left)) / (position(right) - position(left));
    return a + (b - a) * share;
  }
};

// Fills the missing values of column c in `segment`; returns the count.
std::size_t fill_column(Dataset& data, const Segment& segment, std::size_t c,
                        const InputReport& report) {
  GapFiller filler{data, c};
  std::size_t last_valid = kNoRow;
  std::size_t filled = 0;
  for (std::size_t r = segment.begin; r < segment.end; ++r) {
    if (missing_at(data, r, c)) continue;
    const std::size_t gap_start =
        last_valid == kNoRow ? segment.begin : last_valid + 1;
    if (gap_start < r) filler.fill(gap_start, r - 1, last_valid, r);
    filled += r - gap_start;
    last_valid = r;
  }
  if (last_valid == kNoRow) {
    const RowNames& names = report.rows;
    throw InputError(fmt::format(
        "{}: channel '{}' has no valid value from {} to {}, so it cannot be "
        "interpolated there; fill the values, drop the rows with --missing "
        "drop, or leave the channel out with --ignore-column '{}'",
        names.path, data.channels[c], names.name(segment.begin),
        names.name(segment.end - 1), data.channels[c]));
  }
  if (last_valid + 1 < segment.end) {
    filler.fill(last_valid + 1, segment.end - 1, last_valid, kNoRow);
    filled += segment.end - 1 - last_valid;
  }
  return filled;
}

}  // namespace

void count_missing(const Dataset& data, InputReport& report) {
  report.channels.resize(data.channels.size());
  for (std::size_t c = 0; c < data.channels.size(); ++c) {
    ChannelReport& channel = report.channels[c];
    channel.name = data.channels[c];
    channel.missing = 0;
    for (std::size_t r = 0; r < data.rows(); ++r) {
      if (!missing_at(data, r, c)) continue;
      if (channel.missing++ > 0) continue;
      if (channel.first_missing_row != r) {
        channel.first_missing_row = r;
        channel.first_missing_text = fmt::format("{}", value_at(data, r, c));
      }
    }
  }
}

void reject_empty_channels(const InputReport& report) {
  for (const ChannelReport& channel : report.channels) {
    if (report.rows_read == 0 || channel.missing < report.rows_read) continue;
    throw InputError(fmt::format(
        "{}: channel '{}' has no valid value: all {} rows are empty, NaN "
        "or infinite (first at {}: {}); leave the channel out with "
        "--ignore-column '{}' or fill it",
        report.rows.path, channel.name, report.rows_read,
        report.rows.name(channel.first_missing_row), missing_text(channel),
        channel.name));
  }
}

void reject_missing(const InputReport& report) {
  const ChannelReport* first = nullptr;
  for (const ChannelReport& channel : report.channels) {
    if (channel.missing > 0 &&
        (first == nullptr ||
         channel.first_missing_row < first->first_missing_row)) {
      first = &channel;
    }
  }
  if (first == nullptr) return;
  throw InputError(fmt::format(
      "{} {}, column '{}': {} is a missing value (missing cells per "
      "channel: {}); fill or remove the missing values, or choose "
      "--missing drop or --missing interpolate",
      report.rows.path, report.rows.name(first->first_missing_row), first->name,
      missing_text(*first), missing_counts(report)));
}

void drop_missing(Dataset& data, InputReport& report) {
  std::vector<Segment> segments;
  std::vector<SegmentReport> notes;
  std::size_t kept = 0;
  for (std::size_t s = 0; s < data.segments.size(); ++s) {
    const Segment segment = data.segments[s];
    std::string reason = report.segments[s].reason;
    std::size_t dropped_from = kNoRow;
    for (std::size_t r = segment.begin; r < segment.end; ++r) {
      if (!row_complete(data, r)) {
        if (dropped_from == kNoRow) dropped_from = r;
        continue;
      }
      if (dropped_from != kNoRow) {
        const std::string dropped =
            dropped_reason(report.rows, dropped_from, r - 1);
        reason = reason.empty() ? dropped : reason + ", then " + dropped;
        dropped_from = kNoRow;
      }
      const bool starts = segments.empty() || !reason.empty();
      if (starts) {
        segments.push_back({kept, kept, segment.source});
        notes.push_back({r, r, reason});
        reason.clear();
      }
      move_data_row(data, r, kept++);
      segments.back().end = kept;
      notes.back().last_row = r;
    }
  }
  report.rows_dropped = data.rows() - kept;
  shrink_data(data, kept);
  data.segments = std::move(segments);
  report.segments = std::move(notes);
}

void interpolate_missing(Dataset& data, InputReport& report) {
  for (const Segment& segment : data.segments) {
    for (std::size_t c = 0; c < data.values.cols; ++c) {
      report.cells_filled += fill_column(data, segment, c, report);
    }
  }
}

}  // namespace advad
