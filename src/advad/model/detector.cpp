#include "advad/detector.h"

#include <utility>

#include "advad/model/detector_impl.h"
#include "advad/model/window_stream.h"
#include "advad/nn/runtime.h"

namespace advad {

Detector Detector::load(const std::string& path, const LoadOptions& options) {
  torch::Device device = nn::parse_device(options.device);
  auto impl = std::make_shared<Impl>();
  impl->model = load_model(path, device);
  return Detector(std::move(impl));
}

Detector::Detector(std::shared_ptr<Impl> impl) : impl_(std::move(impl)) {}
Detector::~Detector() = default;
Detector::Detector(Detector&& other) noexcept = default;
Detector& Detector::operator=(Detector&& other) noexcept = default;

const std::vector<std::string>& Detector::channels() const {
  return impl_->model.schema.channels;
}

const std::vector<std::string>& Detector::context_columns() const {
  return impl_->model.schema.context_columns;
}

std::size_t Detector::window() const { return impl_->model.schema.window; }

std::size_t Detector::stride() const { return impl_->model.schema.stride; }

double Detector::threshold() const { return impl_->model.threshold; }

const std::string& Detector::variant() const { return impl_->model.variant; }

std::string Detector::metadata_json() const {
  return pack_model(impl_->model).metadata.dump();
}

std::vector<std::size_t> Detector::match_columns(
    const std::vector<std::string>& columns,
    const std::vector<std::string>& ignored) const {
  return advad::match_columns(impl_->model.schema, columns, ignored,
                              "the data");
}

std::vector<WindowScore> Detector::score(const float* rows,
                                         std::size_t row_count) const {
  return analyze(rows, row_count, 0).windows;
}

ScoreReport Detector::analyze(const float* rows, std::size_t row_count,
                              std::size_t top_channels) const {
  WindowStream stream(impl_->model, top_channels);
  ScoreReport report;
  stream.push(rows, row_count, report);
  stream.finish(report);
  return report;
}

}  // namespace advad
