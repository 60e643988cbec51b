// Scoring of rows as they arrive: scaling, windowing, reconstruction
// errors, row scores and alarm events, in memory bounded by the window
// and the rows of one push.
#pragma once

#include <cstddef>
#include <functional>
#include <vector>

#include "advad/data/dataset.h"
#include "advad/data/window.h"
#include "advad/model/alarm_tracker.h"
#include "advad/model/model.h"
#include "advad/scores.h"

namespace advad {

// Returns, for each window `indices[i]` of `windows`, the sums over the
// window's rows of the squared reconstruction errors of each channel
// (one vector of channel-count values per index).
std::vector<std::vector<double>> channel_errors(
    Model& model, const WindowSet& windows,
    const std::vector<std::size_t>& indices);

class WindowStream {
 public:
  // `model` must outlive the stream. Rows are numbered from `first_row`.
  WindowStream(Model& model, std::size_t top_channels,
               std::size_t first_row = 0);

  // Appends `row_count` raw rows (row-major, the model's channels in the
  // model's order) and adds to `output` the windows they complete and the
  // rows and events that became final. Throws InputError naming the row
  // (0-based, counted from the start of the stream) and the channel of a
  // value that is not finite or overflows float32 when scaled.
  // NOTE: LibTorch's matrix products may round a window's score
  // differently in the last bits when it is computed in a batch of another
  // size, so pushing the same rows in other blocks can change scores by a
  // few units in the last place.
  void push(const float* rows, std::size_t row_count, ScoreReport& output);

  // Ends the stream: the last rows become final and an open event closes.
  void finish(ScoreReport& output);

  std::size_t rows_seen() const { return next_row_ - first_row_; }

 private:
  void check_finite(const Matrix& values, std::size_t first_row,
                    const char* what) const;
  void append(const float* rows, std::size_t row_count);
  void score_buffer(ScoreReport& output);
  void drop_rows(std::size_t row_count);

  Model& model_;
  AlarmTracker tracker_;
  // Scaled rows that a later window needs; row 0 is the first row of the
  // next window to score, row buffer_first_row_ of the stream.
  Dataset buffer_;
  std::size_t first_row_;
  std::size_t buffer_first_row_;
  std::size_t next_row_;  // number of the next row pushed
  bool finished_ = false;
};

// Receives the rows, windows and events that became final.
using ReportSink = std::function<void(ScoreReport&&)>;

// Scores each segment of `data` (raw values, the model's channels in the
// model's order) as a stream of its own, so that no window crosses a
// segment boundary, in blocks of rows that bound the memory of one
// report. Rows are numbered as in `data`.
void score_segments(Model& model, const Dataset& data,
                    std::size_t top_channels, const ReportSink& sink);

}  // namespace advad
