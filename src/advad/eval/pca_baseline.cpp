#include "advad/eval/pca_baseline.h"

#include <stdexcept>

#include <fmt/format.h>

namespace advad {

void PcaBaseline::fit(const WindowSet& train, const PcaOptions& options) {
  pca_.fit(train, options);
  fitted_ = true;
}

std::vector<double> PcaBaseline::score(const WindowSet& windows) const {
  if (!fitted_) {
    throw std::logic_error("PCA baseline scored before fit()");
  }
  if (windows.width() != pca_.feature_count()) {
    throw std::invalid_argument(fmt::format(
        "windows of {} values for a PCA fitted on {} values; use the same "
        "window length and channels",
        windows.width(), pca_.feature_count()));
  }
  const Matrix reconstructed =
      pca_.inverse_transform(pca_.transform(windows));
  std::vector<double> scores(windows.size());
  const std::size_t width = windows.width();
  for (std::size_t w = 0; w < windows.size(); ++w) {
    const float* original = windows.values(w);
    const float* back = reconstructed.row(w);
    double sum = 0.0;
    for (std::size_t j = 0; j < width; ++j) {
      const double difference =
          static_cast<double>(original[j]) - static_cast<double>(back[j]);
      sum += difference * difference;
    }
    scores[w] = sum / static_cast<double>(width);
  }
  return scores;
}

}  // namespace advad
