// Sliding windows over a data set, as start rows rather than copies.
//
// A window of W rows starting at row r covers rows [r, r + W). Because the
// values are row-major, its W x channels values are one contiguous block,
// flattened row by row; windows never cross a segment boundary.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "advad/data/dataset.h"

namespace advad {

struct WindowOptions {
  std::size_t length = 5;  // rows per window
  std::size_t stride = 1;  // rows between consecutive window starts
};

// Windows over one data set: the data set stays where it is, each window
// is its start row.
class WindowSet {
 public:
  // Enumerates the windows of every segment of `data` that is at least
  // `options.length` rows long. Segments that are shorter contribute no
  // window and are listed in skipped_segments(). `data` must outlive the
  // window set.
  WindowSet(const Dataset& data, WindowOptions options);

  std::size_t size() const { return starts_.size(); }
  std::size_t length() const { return options_.length; }
  std::size_t stride() const { return options_.stride; }
  // Values per flattened window: length x channels.
  std::size_t width() const { return options_.length * data_->values.cols; }
  std::size_t start(std::size_t window) const { return starts_[window]; }
  const std::vector<std::size_t>& starts() const { return starts_; }
  const Dataset& data() const { return *data_; }
  const std::vector<std::string>& skipped_segments() const {
    return skipped_;
  }

  // Returns a pointer to the `width()` contiguous values of a window.
  const float* values(std::size_t window) const {
    return data_->values.row(starts_[window]);
  }

  // Returns 1 when any row of the window is labelled anomalous, else 0.
  // Requires labels.
  std::uint8_t label(std::size_t window) const;

  // Labels of every window; empty when the data set has no labels.
  std::vector<std::uint8_t> labels() const;

  // Drops the windows that contain an anomalous row, so that training sees
  // normal windows only. Does nothing when the data set has no labels.
  // Returns the number of windows dropped.
  std::size_t keep_normal_only();

 private:
  const Dataset* data_;
  WindowOptions options_;
  std::vector<std::size_t> starts_;
  std::vector<std::string> skipped_;
};

}  // namespace advad
