// Event-wise (range) evaluation: an event is a maximal run of rows
// labelled anomalous, a predicted event a maximal run of flagged rows.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

namespace advad {

// Rows [begin, end) of one run.
struct Event {
  std::size_t begin = 0;
  std::size_t end = 0;

  std::size_t size() const { return end - begin; }
};

// Returns the maximal runs of 1 in `marks`, in order. Throws
// std::invalid_argument for a value other than 0 and 1.
std::vector<Event> find_events(const std::vector<std::uint8_t>& marks);

// Counts of one series that add up over the files of a data set.
struct EventCounts {
  std::size_t labelled = 0;  // labelled events
  std::size_t detected = 0;  // labelled events with at least one flag
  std::size_t predicted = 0; // predicted events
  // Predicted events that overlap no labelled event: false alarms.
  std::size_t false_alarms = 0;
  // Rows from the start of each detected event to its first flagged row
  // (0 when the first row is flagged).
  std::vector<std::size_t> delays;
  std::size_t normal_rows = 0;  // rows labelled 0

  // Adds the counts of another series.
  EventCounts& operator+=(const EventCounts& other);
};

// Counts events of `flags` against `labels` (both 0/1, same length).
// Throws std::invalid_argument otherwise.
EventCounts count_events(const std::vector<std::uint8_t>& flags,
                         const std::vector<std::uint8_t>& labels);

struct EventMetrics {
  // Predicted events that overlap a labelled event, over predicted
  // events; undefined without a predicted event.
  std::optional<double> precision;
  // Detected over labelled events; undefined without a labelled event.
  std::optional<double> recall;
  // Harmonic mean; undefined when precision or recall is, 0 when both
  // are 0.
  std::optional<double> f1;
  // Mean and maximum delay in rows; undefined without a detected event.
  std::optional<double> mean_delay;
  std::optional<std::size_t> max_delay;
  // False alarms per hour of rows labelled normal; undefined without a
  // sampling period or without normal rows.
  std::optional<double> false_alarms_per_hour;
};

// Computes event metrics from counts. `sampling_period_seconds` is the
// time between rows, when known; throws std::invalid_argument unless it
// is positive.
EventMetrics event_metrics(const EventCounts& counts,
                           std::optional<double> sampling_period_seconds);

}  // namespace advad
