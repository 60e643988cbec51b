// Scores, flags and alarm events written as CSV or JSON lines.
#pragma once

#include <cstddef>
#include <ostream>

#include "advad/scores.h"

namespace advad {

struct ScoreFormat {
  bool json_lines = false;  // JSON lines instead of CSV
  bool per_window = false;  // one record per window instead of per row
};

// Writes the records of score reports as they arrive.
//
// CSV per row: row,score,alarm (score empty for a row no window covers).
// CSV per window: first_row,last_row,score,alarm.
// CSV events: first_row,last_row,peak_row,peak_score,windows,top_channels
// with top channels as "name=share" separated by ';'.
// JSON lines carry the same fields with "type" set to "point", "window"
// or "event"; an event's top_channels is a list of {channel, share}.
// Scores are written with the fewest digits that read back as the same
// double. Alarm flags are 0/1 in CSV and booleans in JSON.
class ScoreWriter {
 public:
  // Events go to `events` when it is not null; otherwise JSON lines
  // output carries them among the scores and CSV output leaves them out.
  // Every event is also logged as a warning.
  ScoreWriter(std::ostream& scores, std::ostream* events,
              ScoreFormat format);

  // Writes the records of `report` and flushes the streams. Throws
  // std::runtime_error when a stream fails.
  void write(const ScoreReport& report);

  // Flushes the streams and checks them.
  void finish();

  std::size_t rows() const { return rows_; }
  std::size_t windows() const { return windows_; }
  std::size_t events() const { return events_; }

 private:
  void write_header();
  void write_point(const PointScore& point);
  void write_window(const WindowScore& window);
  void write_event(const AlarmEvent& event);
  void check_streams() const;

  std::ostream& scores_;
  std::ostream* events_stream_;
  ScoreFormat format_;
  std::size_t rows_ = 0;
  std::size_t windows_ = 0;
  std::size_t events_ = 0;
};

}  // namespace advad
