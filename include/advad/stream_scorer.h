// Scoring of a live stream of rows, window by window, in bounded memory.
#pragma once

#include <cstddef>
#include <memory>

#include "advad/detector.h"
#include "advad/scores.h"

namespace advad {

// Scores rows as they arrive. Each push() returns the windows that its
// rows complete, the rows whose score became final (a row is final once
// no later window can cover it) and the alarm events that ended. Memory
// is bounded by the window length plus the rows of one push. The scores
// equal those of Detector::analyze() on all rows at once.
//
// The scorer shares the detector's model, so it stays valid after the
// detector is destroyed; a detector and its scorers must be used from one
// thread at a time.
class StreamScorer {
 public:
  explicit StreamScorer(const Detector& detector,
                        std::size_t top_channels = 5);
  ~StreamScorer();
  StreamScorer(StreamScorer&& other) noexcept;
  StreamScorer& operator=(StreamScorer&& other) noexcept;

  // Appends `row_count` rows laid out as Detector's rows. Throws
  // InputError naming the row (counted from the start of the stream) and
  // channel of a value that is not finite.
  ScoreReport push(const float* rows, std::size_t row_count);

  // Ends the stream: returns the last rows and the event still open.
  // Further pushes throw std::logic_error.
  ScoreReport finish();

  std::size_t rows_seen() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace advad
