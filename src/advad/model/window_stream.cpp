#include "advad/model/window_stream.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include <fmt/format.h>

#include "advad/common/error.h"
#include "advad/nn/training.h"

namespace advad {

namespace {

constexpr std::size_t kBatchWindows = 1024;
// Rows per push when a whole data set is scored.
constexpr std::size_t kBlockRows = 65536;

std::vector<std::vector<double>> channel_errors_batch(
    Model& model, const WindowSet& windows, const std::size_t* indices,
    std::size_t count) {
  auto channels = static_cast<std::int64_t>(model.schema.channels.size());
  auto length = static_cast<std::int64_t>(windows.length());
  torch::Tensor batch =
      nn::gather_windows(windows, indices, count).to(model.device);
  torch::Tensor sums = (model.network->forward(batch) - batch)
                           .pow(2)
                           .view({static_cast<std::int64_t>(count), length,
                                  channels})
                           .sum(1)
                           .to(torch::kCPU)
                           .to(torch::kFloat64)
                           .contiguous();
  const double* values = sums.data_ptr<double>();
  std::vector<std::vector<double>> errors;
  for (std::size_t i = 0; i < count; ++i) {
    errors.emplace_back(values + i * channels, values + (i + 1) * channels);
  }
  return errors;
}

}  // namespace

std::vector<std::vector<double>> channel_errors(
    Model& model, const WindowSet& windows,
    const std::vector<std::size_t>& indices) {
  torch::InferenceMode inference;
  std::vector<std::vector<double>> errors;
  for (std::size_t first = 0; first < indices.size(); first += kBatchWindows) {
    std::size_t count = std::min(kBatchWindows, indices.size() - first);
    auto batch =
        channel_errors_batch(model, windows, indices.data() + first, count);
    std::move(batch.begin(), batch.end(), std::back_inserter(errors));
  }
  return errors;
}

WindowStream::WindowStream(Model& model, std::size_t top_channels,
                           std::size_t first_row)
    : model_(model),
      tracker_(model.schema.window, model.threshold, model.schema.channels,
               top_channels, first_row),
      first_row_(first_row),
      buffer_first_row_(first_row),
      next_row_(first_row) {
  buffer_.channels = model.schema.channels;
  buffer_.values = Matrix(0, model.schema.channels.size());
}

void WindowStream::push(const float* rows, std::size_t row_count,
                        ScoreReport& output) {
  if (finished_) {
    throw std::logic_error("rows pushed after the end of the stream");
  }
  append(rows, row_count);
  score_buffer(output);
}

void WindowStream::finish(ScoreReport& output) {
  if (!finished_) {
    tracker_.finish(next_row_, output);
    finished_ = true;
  }
}

void WindowStream::check_finite(const Matrix& values, std::size_t first_row,
                                const char* what) const {
  for (std::size_t r = 0; r < values.rows; ++r) {
    for (std::size_t c = 0; c < values.cols; ++c) {
      float value = values.at(r, c);
      if (!std::isfinite(value)) {
        throw InputError(fmt::format(
            "row {} (0-based), channel '{}': value {} {}; remove or repair "
            "the row before scoring",
            first_row + r, model_.schema.channels[c], value, what));
      }
    }
  }
}

// Rows before buffer_first_row_ lie between windows when the stride
// exceeds the window and are skipped.
void WindowStream::append(const float* rows, std::size_t row_count) {
  std::size_t channels = buffer_.values.cols;
  std::size_t skip = 0;
  if (buffer_first_row_ > next_row_) {
    skip = std::min(row_count, buffer_first_row_ - next_row_);
  }
  Matrix fresh(row_count - skip, channels);
  std::copy(rows + skip * channels, rows + row_count * channels,
            fresh.values.begin());
  check_finite(fresh, next_row_ + skip, "is not finite");
  model_.scaler->transform(fresh);
  check_finite(fresh, next_row_ + skip,
               "is so far outside the training range that it overflows "
               "float32 after scaling");
  next_row_ += row_count;
  Matrix& values = buffer_.values;
  values.values.insert(values.values.end(), fresh.values.begin(),
                       fresh.values.end());
  values.rows += fresh.rows;
}

void WindowStream::score_buffer(ScoreReport& output) {
  const DataSchema& schema = model_.schema;
  if (buffer_.values.rows < schema.window) {
    return;
  }
  buffer_.segments = {{0, buffer_.values.rows, "stream"}};
  WindowSet windows(buffer_, {schema.window, schema.stride});
  std::vector<double> scores =
      nn::reconstruction_errors(model_.network, windows, model_.device);
  std::vector<std::size_t> flagged;
  for (std::size_t w = 0; w < scores.size(); ++w) {
    if (scores[w] > model_.threshold) {
      flagged.push_back(w);
    }
  }
  std::vector<std::vector<double>> errors =
      channel_errors(model_, windows, flagged);
  std::size_t next_flagged = 0;
  for (std::size_t w = 0; w < scores.size(); ++w) {
    std::size_t first_row = buffer_first_row_ + windows.start(w);
    bool alarm = scores[w] > model_.threshold;
    output.windows.push_back(
        {first_row, first_row + schema.window - 1, scores[w], alarm});
    tracker_.add_window(first_row, scores[w],
                        alarm ? std::move(errors[next_flagged++])
                              : std::vector<double>{},
                        output);
  }
  drop_rows(windows.size() * schema.stride);
}

void WindowStream::drop_rows(std::size_t row_count) {
  Matrix& values = buffer_.values;
  std::size_t dropped = std::min(row_count, values.rows);
  values.values.erase(values.values.begin(),
                      values.values.begin() +
                          static_cast<std::ptrdiff_t>(dropped * values.cols));
  values.rows -= dropped;
  buffer_first_row_ += row_count;
}

void score_segments(Model& model, const Dataset& data,
                    std::size_t top_channels, const ReportSink& sink) {
  if (data.channels != model.schema.channels) {
    throw std::logic_error("score_segments() needs the model's channels");
  }
  const std::size_t channels = data.values.cols;
  for (const Segment& segment : data.segments) {
    WindowStream stream(model, top_channels, segment.begin);
    for (std::size_t row = segment.begin; row < segment.end;
         row += kBlockRows) {
      std::size_t count = std::min(kBlockRows, segment.end - row);
      ScoreReport report;
      stream.push(data.values.values.data() + row * channels, count, report);
      sink(std::move(report));
    }
    ScoreReport report;
    stream.finish(report);
    sink(std::move(report));
  }
}

}  // namespace advad
