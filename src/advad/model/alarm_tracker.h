// Turns window scores, arriving in order, into final row scores and alarm
// events with the channels that contribute most to them. Memory stays
// bounded by the window length, whatever the length of the stream.
#pragma once

#include <cstddef>
#include <deque>
#include <optional>
#include <string>
#include <vector>

#include "advad/scores.h"

namespace advad {

class AlarmTracker {
 public:
  // `channels` names the columns of the per-channel errors; events list
  // the `top_channels` largest shares. Rows are numbered from `first_row`.
  AlarmTracker(std::size_t window, double threshold,
               std::vector<std::string> channels, std::size_t top_channels,
               std::size_t first_row = 0);

  // Adds the window that starts at row `first_row`; windows must arrive
  // in increasing order of their first row. `channel_errors` holds the
  // per-channel sums of squared errors of a flagged window and may be
  // empty for a window that is not flagged. Rows before `first_row` become
  // final, since no later window covers them.
  void add_window(std::size_t first_row, double score,
                  std::vector<double> channel_errors, ScoreReport& output);

  // Ends the stream before row `end_row`: the remaining rows become final
  // and an open event closes.
  void finish(std::size_t end_row, ScoreReport& output);

 private:
  struct FlaggedWindow {
    std::size_t first_row = 0;
    std::vector<double> channel_errors;
  };

  void finalize_before(std::size_t row, ScoreReport& output);
  void finalize_row(std::optional<double> score, ScoreReport& output);
  void extend_event(std::size_t row, double score);
  void close_event(ScoreReport& output);
  std::vector<ChannelShare> top_shares() const;

  std::size_t window_;
  double threshold_;
  std::vector<std::string> channels_;
  std::size_t top_channels_;

  std::size_t next_row_;  // first row that is not final
  // Maximum window score of rows next_row_, next_row_ + 1, ... so far.
  std::deque<std::optional<double>> pending_;
  // Flagged windows whose first row is not final yet.
  std::deque<FlaggedWindow> flagged_;

  std::optional<AlarmEvent> event_;  // the open event
  std::vector<double> event_errors_;  // its per-channel sums
};

}  // namespace advad
