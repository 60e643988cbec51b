#include "advad/data/series_checks.h"

#include <fmt/format.h>

#include <algorithm>

#include "advad/common/error.h"
#include "advad/data/missing_values.h"
#include "advad/data/time_steps.h"

namespace advad {

namespace {

template <typename T>
std::vector<std::size_t> constant_columns(const BasicMatrix<T>& values) {
  std::vector<std::size_t> constant;
  if (values.rows == 0) return constant;
  for (std::size_t c = 0; c < values.cols; ++c) {
    const T first = values.at(0, c);
    bool same = true;
    for (std::size_t r = 1; r < values.rows && same; ++r) {
      same = values.at(r, c) == first;
    }
    if (same) constant.push_back(c);
  }
  return constant;
}

void describe_segments(const Dataset& data, InputReport& report) {
  report.segments.clear();
  for (const Segment& segment : data.segments) {
    report.segments.push_back({segment.begin,
                               segment.end == 0 ? 0 : segment.end - 1,
                               "start of the file"});
  }
}

void mark_constant(const Dataset& data, InputReport& report) {
  const std::vector<std::size_t> constant =
      data.has_values64() ? constant_columns(data.values64)
                          : constant_columns(data.values);
  for (const std::size_t c : constant) report.channels[c].constant = true;
}

void apply_missing_policy(Dataset& data, MissingPolicy policy,
                          InputReport& report) {
  std::size_t missing = 0;
  for (const ChannelReport& channel : report.channels) {
    missing += channel.missing;
  }
  if (missing == 0) return;
  if (policy == MissingPolicy::kDrop) drop_missing(data, report);
  if (policy == MissingPolicy::kInterpolate) interpolate_missing(data, report);
  if (data.rows() == 0) {
    throw InputError(fmt::format(
        "{}: every row has a missing value, so no row is left after "
        "dropping them; leave out the channels that are always missing "
        "with --ignore-column, or choose --missing interpolate",
        report.rows.path));
  }
}

}  // namespace

MissingPolicy parse_missing_policy(const std::string& name) {
  if (name == "reject") return MissingPolicy::kReject;
  if (name == "drop") return MissingPolicy::kDrop;
  if (name == "interpolate") return MissingPolicy::kInterpolate;
  throw InputError(
      fmt::format("unknown missing-value policy '{}'; choose reject, drop or "
                  "interpolate",
                  name));
}

TimePolicy parse_time_policy(const std::string& name) {
  if (name == "split") return TimePolicy::kSplit;
  if (name == "reject") return TimePolicy::kReject;
  throw InputError(
      fmt::format("unknown time policy '{}'; choose split or reject", name));
}

std::string to_string(MissingPolicy policy) {
  switch (policy) {
    case MissingPolicy::kDrop:
      return "drop";
    case MissingPolicy::kInterpolate:
      return "interpolate";
    default:
      return "reject";
  }
}

std::string to_string(TimePolicy policy) {
  return policy == TimePolicy::kReject ? "reject" : "split";
}

void check_series(Dataset& data, const SeriesCheckOptions& options,
                  InputReport& report) {
  report.rows_read = data.rows();
  count_missing(data, report);
  reject_empty_channels(report);
  if (options.missing == MissingPolicy::kReject) reject_missing(report);
  describe_segments(data, report);
  check_time_steps(data, options, report);
  apply_missing_policy(data, options.missing, report);
  mark_constant(data, report);
}

std::vector<std::size_t> constant_channels(const Matrix& values) {
  return constant_columns(values);
}

}  // namespace advad
