#include "advad/preprocess/scaler.h"

#include <algorithm>
#include <limits>
#include <stdexcept>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "advad/common/error.h"

namespace advad {

std::vector<std::size_t> MinMaxScaler::fit(const Matrix& values) {
  if (values.rows == 0) {
    throw std::invalid_argument("cannot fit a scaler on zero rows");
  }
  minimum_.assign(values.cols, std::numeric_limits<double>::infinity());
  maximum_.assign(values.cols, -std::numeric_limits<double>::infinity());
  for (std::size_t r = 0; r < values.rows; ++r) {
    const float* row = values.row(r);
    for (std::size_t c = 0; c < values.cols; ++c) {
      double v = row[c];
      minimum_[c] = std::min(minimum_[c], v);
      maximum_[c] = std::max(maximum_[c], v);
    }
  }
  std::vector<std::size_t> constant;
  for (std::size_t c = 0; c < values.cols; ++c) {
    if (maximum_[c] == minimum_[c]) {
      constant.push_back(c);
    }
  }
  return constant;
}

void MinMaxScaler::transform(Matrix& values) const {
  if (values.cols != minimum_.size()) {
    throw std::invalid_argument(fmt::format(
        "scaler fitted on {} channels applied to {}", minimum_.size(),
        values.cols));
  }
  std::vector<double> scale(values.cols);
  for (std::size_t c = 0; c < values.cols; ++c) {
    double range = maximum_[c] - minimum_[c];
    scale[c] = range > 0.0 ? 1.0 / range : 1.0;
  }
  for (std::size_t r = 0; r < values.rows; ++r) {
    float* row = values.row(r);
    for (std::size_t c = 0; c < values.cols; ++c) {
      double scaled = (row[c] - minimum_[c]) * scale[c];
      if (clip_) {
        scaled = std::clamp(scaled, 0.0, 1.0);
      }
      row[c] = static_cast<float>(scaled);
    }
  }
}

nlohmann::json MinMaxScaler::to_json() const {
  return {{"name", name()},
          {"clip", clip_},
          {"minimum", minimum_},
          {"maximum", maximum_}};
}

std::vector<std::string> scaler_names() { return {"minmax", "minmax-clip"}; }

std::unique_ptr<Scaler> make_scaler(const std::string& name) {
  if (name == "minmax") {
    return std::make_unique<MinMaxScaler>(false);
  }
  if (name == "minmax-clip") {
    return std::make_unique<MinMaxScaler>(true);
  }
  throw InputError(fmt::format("unknown scaler '{}'; choose one of: {}", name,
                               fmt::join(scaler_names(), ", ")));
}

}  // namespace advad
