// The in-memory data model: named channels, per-row labels, and segments.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace advad {

// A dense row-major matrix of float32 values: row r, column c is
// values[r * cols + c].
struct Matrix {
  std::size_t rows = 0;
  std::size_t cols = 0;
  std::vector<float> values;

  Matrix() = default;
  Matrix(std::size_t row_count, std::size_t col_count)
      : rows(row_count), cols(col_count), values(row_count * col_count) {}

  float& at(std::size_t r, std::size_t c) { return values[r * cols + c]; }
  float at(std::size_t r, std::size_t c) const { return values[r * cols + c]; }
  const float* row(std::size_t r) const { return values.data() + r * cols; }
  float* row(std::size_t r) { return values.data() + r * cols; }
};

// A contiguous range of rows [begin, end) recorded without a break: one
// file or one recording. No window crosses a segment boundary.
struct Segment {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::string source;  // file or recording the rows came from

  std::size_t size() const { return end - begin; }
};

// A multivariate time series ready for windowing.
//
// `values` holds the channels that the models reconstruct. `context`
// holds columns that describe the situation but are not reconstructed
// (the KUKA `action` index, for example). `labels` is empty when labels
// are unknown, otherwise one 0/1 value per row (1 = anomalous).
struct Dataset {
  std::vector<std::string> channels;
  Matrix values;
  std::vector<std::string> context_names;
  Matrix context;
  std::vector<std::uint8_t> labels;
  std::vector<Segment> segments;

  std::size_t rows() const { return values.rows; }
  bool has_labels() const { return !labels.empty(); }

  // Checks that shapes, labels and segments agree; throws std::logic_error.
  void validate() const;
};

// Concatenates data sets with the same channels (matched by name, in the
// order of the first one) into one, keeping every segment separate.
// Throws InputError naming the missing channel when a part lacks one.
Dataset concatenate(const std::vector<Dataset>& parts);

// Returns a copy of `data` whose columns follow `channel_order` (matched by
// name). Extra channels of `data` are dropped. Throws InputError naming
// `source` and the missing channel when one is absent.
Dataset select_channels(const Dataset& data,
                        const std::vector<std::string>& channel_order,
                        const std::string& source);

// Returns the rows [begin, end) of `data` as a new data set with one
// segment per overlapped input segment.
Dataset slice_rows(const Dataset& data, std::size_t begin, std::size_t end);

}  // namespace advad
