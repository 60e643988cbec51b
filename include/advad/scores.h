// Scores, flags and alarm events that a detector computes for data.
//
// Row numbers are 0-based indices of data rows in the order they were
// given (a header line is not a row), and ranges include both ends.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace advad {

// The score of one window: its mean squared reconstruction error over all
// of its values after scaling.
struct WindowScore {
  std::size_t first_row = 0;
  std::size_t last_row = 0;  // first_row + window - 1
  double score = 0.0;
  bool alarm = false;  // score > threshold
};

// The score of one row: the maximum score of the windows that cover it.
struct PointScore {
  std::size_t row = 0;
  // Empty for a row that no window covers: a row after the last window
  // when the stride skips it, or any row of data shorter than one window.
  std::optional<double> score;
  bool alarm = false;  // score > threshold
};

// One channel's share of an alarm event's reconstruction error.
struct ChannelShare {
  std::string channel;
  // Sum of the channel's squared errors over the event's flagged windows,
  // divided by the sum over all channels: in [0, 1].
  double share = 0.0;
};

// A run of consecutive flagged rows.
struct AlarmEvent {
  std::size_t first_row = 0;
  std::size_t last_row = 0;
  std::size_t peak_row = 0;  // first row with the highest score of the run
  double peak_score = 0.0;
  std::size_t windows = 0;   // flagged windows inside the run
  // Channels with the largest shares, largest first.
  std::vector<ChannelShare> top_channels;
};

// Everything that Detector::analyze() computes for a block of rows.
struct ScoreReport {
  std::vector<WindowScore> windows;
  std::vector<PointScore> points;  // one per row
  std::vector<AlarmEvent> events;

  // Returns true when any row is flagged.
  bool alarm() const { return !events.empty(); }
};

}  // namespace advad
