// The in-memory data model: named channels, per-row labels, and segments.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace advad {

// A dense row-major matrix: row r, column c is values[r * cols + c].
template <typename T>
struct BasicMatrix {
  std::size_t rows = 0;
  std::size_t cols = 0;
  std::vector<T> values;

  BasicMatrix() = default;
  BasicMatrix(std::size_t row_count, std::size_t col_count)
      : rows(row_count), cols(col_count), values(row_count * col_count) {}

  T& at(std::size_t r, std::size_t c) { return values[r * cols + c]; }
  T at(std::size_t r, std::size_t c) const { return values[r * cols + c]; }
  const T* row(std::size_t r) const { return values.data() + r * cols; }
  T* row(std::size_t r) { return values.data() + r * cols; }
};

// Values as the networks take them.
using Matrix = BasicMatrix<float>;
// Values read in double precision, for data beyond float32 range.
using Matrix64 = BasicMatrix<double>;

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
//
// `times` is empty when the input has no timestamp, otherwise the time of
// each row in seconds (since 1970-01-01 UTC for calendar timestamps).
//
// `values64` is empty (0 x 0) unless the input was read in double
// precision. Then it has the shape of `values` and contains the values as
// read, while `values` contains their float32 rounding, with +-infinity
// for a value beyond float32 range. The caller scales `values64` and
// converts the result into `values` before training.
struct Dataset {
  std::vector<std::string> channels;
  Matrix values;
  std::vector<std::string> context_names;
  Matrix context;
  std::vector<std::uint8_t> labels;
  std::vector<Segment> segments;
  std::vector<double> times;
  Matrix64 values64;

  std::size_t rows() const { return values.rows; }
  bool has_labels() const { return !labels.empty(); }
  bool has_times() const { return !times.empty(); }
  bool has_values64() const { return values64.cols > 0; }

  // Checks that shapes, labels and segments agree; throws std::logic_error.
  void validate() const;
};

// Rounds a value to float32; a finite value beyond float32 range becomes
// +-infinity instead of the undefined result of a plain conversion.
float to_float32(double value);

// Rounds every value of `wide` with to_float32(double).
Matrix to_float32(const Matrix64& wide);

// Concatenates data sets with the same channels (matched by name, in the
// order of the first one) into one, keeping every segment separate.
// Labels, times and double-precision values are kept only when every part
// has them. Throws InputError naming the missing channel when a part lacks
// one.
Dataset concatenate(const std::vector<Dataset>& parts);

// Returns a copy of `data` whose columns (in `values` and `values64`) follow
// `channel_order`, matched by name. Extra channels of `data` are dropped.
// Throws InputError naming `source` and the missing channel when one is
// absent.
Dataset select_channels(const Dataset& data,
                        const std::vector<std::string>& channel_order,
                        const std::string& source);

// Returns the rows [begin, end) of `data`, with their labels, times and
// double-precision values, as a new data set with one segment per
// overlapped input segment.
Dataset slice_rows(const Dataset& data, std::size_t begin, std::size_t end);

}  // namespace advad
