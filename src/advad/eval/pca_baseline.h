// The PCA baseline. Each flattened window is projected on the principal
// components that keep 95% of the variance of the normal training
// windows, then mapped back. Its score is the mean squared reconstruction
// error, the same score the autoencoders use.
#pragma once

#include <vector>

#include "advad/data/window.h"
#include "advad/preprocess/pca.h"

namespace advad {

class PcaBaseline {
 public:
  // Fits the components on `train`. Throws as Pca::fit().
  void fit(const WindowSet& train, const PcaOptions& options = {});

  // Returns the mean squared reconstruction error of every window of
  // `windows`, in window order. Throws std::logic_error before fit() and
  // std::invalid_argument when the window width differs from the fitted
  // one.
  std::vector<double> score(const WindowSet& windows) const;

  const Pca& pca() const { return pca_; }

 private:
  Pca pca_;
  bool fitted_ = false;
};

}  // namespace advad
