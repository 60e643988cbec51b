#include "advad/stream_scorer.h"

#include "advad/model/detector_impl.h"
#include "advad/model/window_stream.h"

namespace advad {

struct StreamScorer::Impl {
  Impl(std::shared_ptr<Detector::Impl> detector, std::size_t top_channels)
      : detector(std::move(detector)),
        stream(this->detector->model, top_channels) {}

  std::shared_ptr<Detector::Impl> detector;  // keeps the model alive
  WindowStream stream;
};

StreamScorer::StreamScorer(const Detector& detector, std::size_t top_channels)
    : impl_(std::make_unique<Impl>(detector.impl_, top_channels)) {}

StreamScorer::~StreamScorer() = default;
StreamScorer::StreamScorer(StreamScorer&& other) noexcept = default;
StreamScorer& StreamScorer::operator=(StreamScorer&& other) noexcept =
    default;

ScoreReport StreamScorer::push(const float* rows, std::size_t row_count) {
  ScoreReport report;
  impl_->stream.push(rows, row_count, report);
  return report;
}

ScoreReport StreamScorer::finish() {
  ScoreReport report;
  impl_->stream.finish(report);
  return report;
}

std::size_t StreamScorer::rows_seen() const {
  return impl_->stream.rows_seen();
}

}  // namespace advad
