#include "advad/eval/events.h"

#include <algorithm>
#include <numeric>
#include <stdexcept>

#include <fmt/format.h>

namespace advad {
namespace {

void check_same_length(const std::vector<std::uint8_t>& flags,
                       const std::vector<std::uint8_t>& labels) {
  if (flags.size() != labels.size()) {
    throw std::invalid_argument(fmt::format(
        "flags and labels differ in length ({} flags, {} labels); pass "
        "one label per flag",
        flags.size(), labels.size()));
  }
}

// Returns whether any of marks[begin, end) is 1.
bool any_marked(const std::vector<std::uint8_t>& marks, const Event& range) {
  return std::any_of(marks.begin() + static_cast<long>(range.begin),
                     marks.begin() + static_cast<long>(range.end),
                     [](std::uint8_t mark) { return mark == 1; });
}

// Returns the first row of `range` marked 1; the range must have one.
std::size_t first_marked(const std::vector<std::uint8_t>& marks,
                         const Event& range) {
  std::size_t row = range.begin;
  while (marks[row] != 1) {
    ++row;
  }
  return row;
}

}  // namespace

std::vector<Event> find_events(const std::vector<std::uint8_t>& marks) {
  std::vector<Event> events;
  for (std::size_t i = 0; i < marks.size(); ++i) {
    if (marks[i] > 1) {
      throw std::invalid_argument(fmt::format(
          "value at index {} is {}; flags and labels must be 0 or 1", i,
          marks[i]));
    }
    if (marks[i] == 0) {
      continue;
    }
    if (events.empty() || events.back().end != i) {
      events.push_back({i, i + 1});
    } else {
      events.back().end = i + 1;
    }
  }
  return events;
}

EventCounts& EventCounts::operator+=(const EventCounts& other) {
  labelled += other.labelled;
  detected += other.detected;
  predicted += other.predicted;
  false_alarms += other.false_alarms;
  delays.insert(delays.end(), other.delays.begin(), other.delays.end());
  normal_rows += other.normal_rows;
  return *this;
}

EventCounts count_events(const std::vector<std::uint8_t>& flags,
                         const std::vector<std::uint8_t>& labels) {
  check_same_length(flags, labels);
  const std::vector<Event> labelled = find_events(labels);
  const std::vector<Event> predicted = find_events(flags);
  EventCounts counts;
  counts.labelled = labelled.size();
  counts.predicted = predicted.size();
  for (const Event& event : labelled) {
    if (any_marked(flags, event)) {
      ++counts.detected;
      counts.delays.push_back(first_marked(flags, event) - event.begin);
    }
  }
  for (const Event& event : predicted) {
    if (!any_marked(labels, event)) {
      ++counts.false_alarms;
    }
  }
  counts.normal_rows = static_cast<std::size_t>(
      std::count(labels.begin(), labels.end(), std::uint8_t{0}));
  return counts;
}

EventMetrics event_metrics(const EventCounts& counts,
                           std::optional<double> sampling_period_seconds) {
  if (sampling_period_seconds && !(*sampling_period_seconds > 0.0)) {
    throw std::invalid_argument(fmt::format(
        "sampling period {} s is not positive; give the seconds between "
        "rows",
        *sampling_period_seconds));
  }
  EventMetrics metrics;
  if (counts.predicted > 0) {
    metrics.precision =
        static_cast<double>(counts.predicted - counts.false_alarms) /
        static_cast<double>(counts.predicted);
  }
  if (counts.labelled > 0) {
    metrics.recall = static_cast<double>(counts.detected) /
                     static_cast<double>(counts.labelled);
  }
  if (metrics.precision && metrics.recall) {
    const double sum = *metrics.precision + *metrics.recall;
    metrics.f1 =
        sum > 0.0 ? 2.0 * *metrics.precision * *metrics.recall / sum : 0.0;
  }
  if (!counts.delays.empty()) {
    const double total = std::accumulate(counts.delays.begin(),
                                         counts.delays.end(), 0.0);
    metrics.mean_delay = total / static_cast<double>(counts.delays.size());
    metrics.max_delay =
        *std::max_element(counts.delays.begin(), counts.delays.end());
  }
  if (sampling_period_seconds && counts.normal_rows > 0) {
    const double hours = static_cast<double>(counts.normal_rows) *
                         *sampling_period_seconds / 3600.0;
    metrics.false_alarms_per_hour =
        static_cast<double>(counts.false_alarms) / hours;
  }
  return metrics;
}

}  // namespace advad
