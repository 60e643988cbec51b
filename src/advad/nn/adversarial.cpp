#include "advad/nn/adversarial.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "advad/common/error.h"

namespace advad::nn {

std::vector<std::string> stabilizer_names() {
  return {"none",     "k-steps",    "smoothing", "wgan-gp", "spectral-norm",
          "ttur",     "batch-norm", "warmup",    "latent"};
}

void apply_stabilizer(const std::string& name, AdversarialOptions& options) {
  if (name == "none") {
    return;
  }
  // A stabilizer sets its parameter only where the options still hold the
  // plain value, so that an explicit option such as --warmup-epochs wins.
  const AdversarialOptions plain;
  if (name == "k-steps") {
    if (options.discriminator_steps == plain.discriminator_steps) {
      options.discriminator_steps = 3;
    }
  } else if (name == "smoothing") {
    if (options.real_label == plain.real_label) {
      options.real_label = 0.9;
    }
  } else if (name == "wgan-gp") {
    options.loss = AdversarialLoss::kWasserstein;
  } else if (name == "spectral-norm") {
    options.spectral_norm = true;
  } else if (name == "ttur") {
    if (options.learning_rate == plain.learning_rate) {
      options.learning_rate = 4e-4;
    }
    options.schedule = LearningRateSchedule::kCosine;
  } else if (name == "batch-norm") {
    options.batch_norm = true;
  } else if (name == "warmup") {
    if (options.warmup_epochs == plain.warmup_epochs) {
      options.warmup_epochs = 10;
    }
  } else if (name == "latent") {
    options.target = AdversarialTarget::kLatent;
  } else {
    throw InputError(fmt::format("unknown stabilizer '{}'; choose among {}",
                                 name, fmt::join(stabilizer_names(), ", ")));
  }
}

nlohmann::json to_json(const AdversarialOptions& options) {
  const char* schedules[] = {"constant", "step", "cosine"};
  return {
      {"target", options.target == AdversarialTarget::kLatent
                     ? "latent"
                     : "reconstruction"},
      {"loss", options.loss == AdversarialLoss::kWasserstein ? "wgan-gp"
                                                             : "standard"},
      {"weight", options.weight},
      {"learning_rate", options.learning_rate},
      {"discriminator_steps", options.discriminator_steps},
      {"autoencoder_steps", options.autoencoder_steps},
      {"real_label", options.real_label},
      {"gradient_penalty", options.gradient_penalty},
      {"spectral_norm", options.spectral_norm},
      {"batch_norm", options.batch_norm},
      {"warmup_epochs", options.warmup_epochs},
      {"schedule", schedules[static_cast<int>(options.schedule)]},
      {"schedule_step_epochs", options.schedule_step_epochs},
  };
}

}  // namespace advad::nn
