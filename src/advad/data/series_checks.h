// Checks and repairs applied to every series after reading: missing values,
// timestamps, constant channels.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "advad/data/dataset.h"
#include "advad/data/input_report.h"

namespace advad {

// Policy for a missing value: an empty cell, NaN, or +-infinity.
enum class MissingPolicy {
  kReject,       // raise an InputError naming the first missing cell
  kDrop,         // drop the row and end the segment there
  kInterpolate,  // fill linearly from the same channel's neighbors
};

// Policy for timestamps that repeat, go backwards or leave a gap.
enum class TimePolicy {
  kSplit,   // end the segment there, so that no window spans the break
  kReject,  // raise an InputError naming the two lines
};

struct SeriesCheckOptions {
  // Default kReject. kDrop removes each row with a missing value and starts
  // a new segment after it. kInterpolate fills a missing value linearly
  // between the nearest valid values of its channel in the same segment
  // (by time when the series has timestamps, else by row), and copies the
  // nearest valid value into leading and trailing gaps.
  MissingPolicy missing = MissingPolicy::kReject;
  // Default kSplit: a repeated timestamp, a step backwards or a gap longer
  // than the limit starts a new segment.
  TimePolicy time_policy = TimePolicy::kSplit;
  // Maximum step between consecutive timestamps inside a segment, in
  // seconds. std::nullopt (default): 10 times the median positive step.
  std::optional<double> max_gap_seconds;
};

// Parses "reject", "drop" or "interpolate"; throws InputError otherwise.
MissingPolicy parse_missing_policy(const std::string& name);
// Parses "split" or "reject"; throws InputError otherwise.
TimePolicy parse_time_policy(const std::string& name);
std::string to_string(MissingPolicy policy);
std::string to_string(TimePolicy policy);

// Applies the checks to `data`, freshly read from one file (one segment,
// missing values stored as NaN or infinity), and records what it found in
// `report`, whose `rows` and channel types the reader has set. The steps,
// in order: a channel without any valid value is an error whatever the
// policy. The policy kReject raises for the first missing cell. The
// timestamps are checked (TimeStepReport), then split or rejected. Rows
// with missing values are dropped or filled. Constant channels are marked.
// Irregular time steps give one warning through spdlog. Throws InputError
// naming the file, the line or row, the channel and the fix.
void check_series(Dataset& data, const SeriesCheckOptions& options,
                  InputReport& report);

// Returns the indices of channels with a single value in every row
// (none for a data set without rows).
std::vector<std::size_t> constant_channels(const Matrix& values);

}  // namespace advad
