// Reconstruction and adversarial training of an autoencoder on windows.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include <torch/torch.h>

#include "advad/data/window.h"
#include "advad/nn/adversarial.h"
#include "advad/nn/models.h"
#include "advad/report/report.h"

namespace advad::nn {

struct TrainOptions {
  int epochs = 30;                // upper bound; early stopping may end sooner
  std::int64_t batch_size = 256;
  double learning_rate = 1e-3;    // Adam, autoencoder
  // Epochs without a lower validation loss before training stops; the
  // weights of the best epoch are restored. 0 trains every epoch.
  int patience = 5;
  // Trains against a discriminator as `adversary` describes; otherwise on
  // the reconstruction error alone.
  bool adversarial = false;
  AdversarialOptions adversary;
  std::uint64_t seed = 0;
  torch::Device device = torch::kCPU;
};

struct TrainingResult {
  Autoencoder autoencoder{nullptr};
  Discriminator discriminator{nullptr};  // null unless adversarial
  std::vector<EpochRecord> history;
  int best_epoch = 0;                    // 1-based epoch whose weights are kept
  double seconds = 0.0;
};

// Called after each epoch with its record, from the training thread.
using EpochCallback = std::function<void(const EpochRecord&)>;

// Trains an autoencoder of `architecture` on `train` windows, stopping
// early on the mean reconstruction error of `validation` windows. Uses
// only `options.seed` for randomness (initialization, shuffling, dropout),
// so the same seed gives the same model whatever other threads do.
TrainingResult train_autoencoder(Architecture architecture,
                                 const WindowSet& train,
                                 const WindowSet& validation,
                                 const TrainOptions& options,
                                 const EpochCallback& on_epoch = {});

// Copies the windows `indices[0..count)` into a new [count, width] float
// tensor on the CPU.
torch::Tensor gather_windows(const WindowSet& windows,
                             const std::size_t* indices, std::size_t count);

// Returns, for every window, how unlike a real one the trained
// discriminator finds it: 1 - sigmoid(D(x)) for the standard loss, -C(x)
// for a Wasserstein critic; for the latent variant D looks at the
// window's code. Requires an adversarially trained result.
std::vector<double> discriminator_scores(const TrainingResult& trained,
                                         const WindowSet& windows,
                                         const TrainOptions& options);

// Returns the mean squared reconstruction error of every window, in
// window order, with the model in evaluation mode.
std::vector<double> reconstruction_errors(Autoencoder& model,
                                          const WindowSet& windows,
                                          torch::Device device,
                                          std::int64_t batch_size = 1024);

}  // namespace advad::nn
