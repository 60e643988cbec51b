// Settings of adversarial training and its stabilizers.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace advad::nn {

// What the discriminator looks at.
enum class AdversarialTarget {
  // Real windows against reconstructions: the autoencoder learns to make
  // reconstructions the discriminator takes for real windows.
  kReconstruction,
  // Codes against samples of a standard normal prior (the adversarial
  // autoencoder of Makhzani et al., 2016): the encoder learns to make its
  // codes look drawn from the prior. The code layer is then linear.
  kLatent,
};

// The discriminator's objective.
enum class AdversarialLoss {
  // Binary cross-entropy; the autoencoder minimizes -log D(fake), the
  // non-saturating form of Goodfellow et al., 2014.
  kStandard,
  // Wasserstein critic with gradient penalty (Gulrajani et al., 2017):
  // the critic maximizes mean C(real) - mean C(fake) with a penalty on
  // gradient norms away from 1 at points between real and fake.
  kWasserstein,
};

// Learning-rate schedule of both players, applied per epoch.
enum class LearningRateSchedule {
  kConstant,
  kStep,    // halves the rates every `schedule_step_epochs` epochs
  kCosine,  // cosine decay from the initial rates to 1% of them
};

struct AdversarialOptions {
  AdversarialTarget target = AdversarialTarget::kReconstruction;
  AdversarialLoss loss = AdversarialLoss::kStandard;
  // Weight of the fooling loss in the autoencoder's objective.
  double weight = 0.05;
  // Adam learning rate of the discriminator (or critic).
  double learning_rate = 1e-4;
  // Discriminator updates per batch; more than 1 strengthens it.
  int discriminator_steps = 1;
  // Autoencoder updates per batch; more than 1 strengthens it.
  int autoencoder_steps = 1;
  // Target label of real samples for the standard loss; below 1 is
  // one-sided label smoothing (Salimans et al., 2016), e.g. 0.9.
  double real_label = 1.0;
  // Gradient penalty coefficient of the Wasserstein critic.
  double gradient_penalty = 10.0;
  bool spectral_norm = false;  // spectral normalization in the discriminator
  bool batch_norm = false;     // batch instead of layer normalization
  // Epochs over which the weight ramps linearly from 0 to `weight`; 0
  // applies the full weight from the start.
  int warmup_epochs = 0;
  LearningRateSchedule schedule = LearningRateSchedule::kConstant;
  int schedule_step_epochs = 10;
};

// Names of the stabilizers that apply_stabilizer() accepts.
std::vector<std::string> stabilizer_names();

// Switches on the stabilizer called `name` in `options`: "none",
// "k-steps" (3 discriminator steps per batch), "smoothing" (real label
// 0.9), "wgan-gp", "spectral-norm", "ttur" (discriminator learning rate
// 4e-4, both decayed by a cosine schedule), "batch-norm", "warmup" (weight
// ramped over 10 epochs), "latent" (the latent-space variant). A numeric
// setting changes only while it holds its default value, so explicit
// options win over the stabilizer's value. Throws InputError listing the
// names when it is unknown.
void apply_stabilizer(const std::string& name, AdversarialOptions& options);

// Describes the settings for the report.
nlohmann::json to_json(const AdversarialOptions& options);

}  // namespace advad::nn
