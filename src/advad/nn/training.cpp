#include "advad/nn/training.h"

#include <chrono>
#include <cstring>
#include <limits>
#include <numeric>
#include <random>
#include <stdexcept>

namespace advad::nn {

namespace {

using Clock = std::chrono::steady_clock;

// Shuffles in place with Fisher-Yates on a 64-bit Mersenne Twister; unlike
// std::shuffle the order does not depend on the standard library.
void shuffle_indices(std::vector<std::size_t>& indices, std::mt19937_64& rng) {
  for (std::size_t i = indices.size(); i > 1; --i) {
    std::size_t j = static_cast<std::size_t>(rng() % i);
    std::swap(indices[i - 1], indices[j]);
  }
}

// Copies of every parameter and buffer, to restore the best epoch.
std::vector<torch::Tensor> snapshot(const torch::nn::Module& module) {
  std::vector<torch::Tensor> state;
  for (const auto& p : module.parameters()) {
    state.push_back(p.detach().clone());
  }
  for (const auto& b : module.buffers()) {
    state.push_back(b.detach().clone());
  }
  return state;
}

void restore(torch::nn::Module& module,
             const std::vector<torch::Tensor>& state) {
  torch::NoGradGuard no_grad;
  std::size_t i = 0;
  for (auto& p : module.parameters()) {
    p.copy_(state[i++]);
  }
  for (auto& b : module.buffers()) {
    b.copy_(state[i++]);
  }
}

void set_requires_grad(torch::nn::Module& module, bool value) {
  for (auto& p : module.parameters()) {
    p.requires_grad_(value);
  }
}

// Running sums over the batches of one epoch.
struct EpochSums {
  double reconstruction = 0.0;
  double discriminator = 0.0;
  double adversarial = 0.0;
  double correct_real = 0.0;
  double correct_fake = 0.0;
  std::size_t windows = 0;
};

// State of one training run.
class Trainer {
 public:
  Trainer(Architecture architecture, const WindowSet& train,
          const WindowSet& validation, const TrainOptions& options)
      : train_(train),
        validation_(validation),
        options_(options),
        generator_(make_generator(options.seed)),
        rng_(options.seed ^ 0x9e3779b97f4a7c15ULL) {
    if (train.size() == 0) {
      throw std::invalid_argument("no training windows");
    }
    AutoencoderOptions ae_options;
    ae_options.input_width = static_cast<std::int64_t>(train.width());
    ae_options.architecture = architecture;
    autoencoder_ = Autoencoder(ae_options, generator_);
    autoencoder_->to(options.device);
    ae_optimizer_ = std::make_unique<torch::optim::Adam>(
        autoencoder_->parameters(),
        torch::optim::AdamOptions(options.learning_rate));
    if (options.adversarial) {
      create_discriminator();
    }
  }

  TrainingResult run(const EpochCallback& on_epoch);

 private:
  void create_discriminator();
  EpochRecord run_epoch(int epoch);
  void reconstruction_step(const torch::Tensor& batch, EpochSums& sums);
  void adversarial_step(const torch::Tensor& batch, EpochSums& sums);
  double validation_loss();

  const WindowSet& train_;
  const WindowSet& validation_;
  TrainOptions options_;
  Generator generator_;
  std::mt19937_64 rng_;
  Autoencoder autoencoder_{nullptr};
  Discriminator discriminator_{nullptr};
  std::unique_ptr<torch::optim::Adam> ae_optimizer_;
  std::unique_ptr<torch::optim::Adam> d_optimizer_;
};

void Trainer::create_discriminator() {
  DiscriminatorOptions d_options;
  d_options.input_width = static_cast<std::int64_t>(train_.width());
  discriminator_ = Discriminator(
      d_options, make_generator(options_.seed ^ 0xd1b54a32d192ed03ULL));
  discriminator_->to(options_.device);
  d_optimizer_ = std::make_unique<torch::optim::Adam>(
      discriminator_->parameters(),
      torch::optim::AdamOptions(options_.discriminator_learning_rate));
}

void Trainer::reconstruction_step(const torch::Tensor& batch,
                                  EpochSums& sums) {
  ae_optimizer_->zero_grad();
  torch::Tensor loss =
      torch::mse_loss(autoencoder_->forward(batch), batch);
  loss.backward();
  ae_optimizer_->step();
  sums.reconstruction += loss.item<double>() * batch.size(0);
}

// One alternating step: the discriminator learns real windows (label 1)
// from reconstructions (label 0), then the autoencoder minimizes MSE plus
// the weighted loss of having its reconstructions called real.
void Trainer::adversarial_step(const torch::Tensor& batch, EpochSums& sums) {
  auto n = static_cast<double>(batch.size(0));
  torch::Tensor reconstruction = autoencoder_->forward(batch);

  // Discriminator step on detached reconstructions.
  d_optimizer_->zero_grad();
  torch::Tensor real_logits = discriminator_->forward(batch);
  torch::Tensor fake_logits = discriminator_->forward(reconstruction.detach());
  torch::Tensor d_loss =
      0.5 * (torch::binary_cross_entropy_with_logits(
                 real_logits, torch::ones_like(real_logits)) +
             torch::binary_cross_entropy_with_logits(
                 fake_logits, torch::zeros_like(fake_logits)));
  d_loss.backward();
  d_optimizer_->step();

  // Autoencoder step; the discriminator's weights need no gradient here.
  set_requires_grad(*discriminator_, false);
  ae_optimizer_->zero_grad();
  torch::Tensor mse = torch::mse_loss(reconstruction, batch);
  torch::Tensor fooled_logits = discriminator_->forward(reconstruction);
  torch::Tensor adversarial = torch::binary_cross_entropy_with_logits(
      fooled_logits, torch::ones_like(fooled_logits));
  torch::Tensor loss = mse + options_.adversarial_weight * adversarial;
  loss.backward();
  ae_optimizer_->step();
  set_requires_grad(*discriminator_, true);

  sums.reconstruction += mse.item<double>() * n;
  sums.discriminator += d_loss.item<double>() * n;
  sums.adversarial += adversarial.item<double>() * n;
  sums.correct_real += (real_logits > 0).sum().item<double>();
  sums.correct_fake += (fake_logits < 0).sum().item<double>();
}

double Trainer::validation_loss() {
  if (validation_.size() == 0) {
    return std::numeric_limits<double>::quiet_NaN();
  }
  std::vector<double> errors = reconstruction_errors(
      autoencoder_, validation_, options_.device);
  return std::accumulate(errors.begin(), errors.end(), 0.0) /
         static_cast<double>(errors.size());
}

EpochRecord Trainer::run_epoch(int epoch) {
  auto start = Clock::now();
  std::vector<std::size_t> order(train_.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  shuffle_indices(order, rng_);

  autoencoder_->train();
  if (discriminator_) {
    discriminator_->train();
  }
  EpochSums sums;
  auto batch_size = static_cast<std::size_t>(options_.batch_size);
  for (std::size_t first = 0; first < order.size(); first += batch_size) {
    std::size_t count = std::min(batch_size, order.size() - first);
    // Batch normalization cannot normalize a batch of one window.
    if (count < 2 && first > 0) {
      break;
    }
    torch::Tensor batch = gather_windows(train_, order.data() + first, count)
                              .to(options_.device);
    if (discriminator_) {
      adversarial_step(batch, sums);
    } else {
      reconstruction_step(batch, sums);
    }
    sums.windows += count;
  }

  EpochRecord record;
  record.epoch = epoch;
  auto windows = static_cast<double>(sums.windows);
  record.train_loss = sums.reconstruction / windows;
  record.validation_loss = validation_loss();
  if (discriminator_) {
    record.discriminator_loss = sums.discriminator / windows;
    record.adversarial_loss = sums.adversarial / windows;
    record.discriminator_accuracy =
        (sums.correct_real + sums.correct_fake) / (2.0 * windows);
  }
  record.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  return record;
}

TrainingResult Trainer::run(const EpochCallback& on_epoch) {
  auto start = Clock::now();
  TrainingResult result;
  double best_loss = std::numeric_limits<double>::infinity();
  std::vector<torch::Tensor> best_state;
  int epochs_without_improvement = 0;
  for (int epoch = 1; epoch <= options_.epochs; ++epoch) {
    EpochRecord record = run_epoch(epoch);
    result.history.push_back(record);
    if (on_epoch) {
      on_epoch(record);
    }
    // A NaN validation loss (no validation windows) never improves, so
    // the last epoch is kept.
    if (record.validation_loss < best_loss) {
      best_loss = record.validation_loss;
      best_state = snapshot(*autoencoder_);
      result.best_epoch = epoch;
      epochs_without_improvement = 0;
    } else if (options_.patience > 0 &&
               ++epochs_without_improvement >= options_.patience) {
      break;
    }
  }
  if (!best_state.empty()) {
    restore(*autoencoder_, best_state);
  } else {
    result.best_epoch = static_cast<int>(result.history.size());
  }
  autoencoder_->eval();
  result.autoencoder = autoencoder_;
  result.discriminator = discriminator_;
  result.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  return result;
}

}  // namespace

TrainingResult train_autoencoder(Architecture architecture,
                                 const WindowSet& train,
                                 const WindowSet& validation,
                                 const TrainOptions& options,
                                 const EpochCallback& on_epoch) {
  if (options.epochs < 1 || options.batch_size < 2) {
    throw std::invalid_argument(
        "training needs at least 1 epoch and a batch size of at least 2");
  }
  Trainer trainer(architecture, train, validation, options);
  return trainer.run(on_epoch);
}

torch::Tensor gather_windows(const WindowSet& windows,
                             const std::size_t* indices, std::size_t count) {
  auto width = static_cast<std::int64_t>(windows.width());
  torch::Tensor batch =
      torch::empty({static_cast<std::int64_t>(count), width}, torch::kFloat32);
  float* destination = batch.data_ptr<float>();
  std::size_t bytes = windows.width() * sizeof(float);
  for (std::size_t i = 0; i < count; ++i) {
    std::memcpy(destination + i * windows.width(),
                windows.values(indices[i]), bytes);
  }
  return batch;
}

std::vector<double> reconstruction_errors(Autoencoder& model,
                                          const WindowSet& windows,
                                          torch::Device device,
                                          std::int64_t batch_size) {
  torch::InferenceMode inference;
  bool was_training = model->is_training();
  model->eval();
  std::vector<double> errors;
  errors.reserve(windows.size());
  std::vector<std::size_t> indices(windows.size());
  std::iota(indices.begin(), indices.end(), std::size_t{0});
  auto step = static_cast<std::size_t>(batch_size);
  for (std::size_t first = 0; first < indices.size(); first += step) {
    std::size_t count = std::min(step, indices.size() - first);
    torch::Tensor batch =
        gather_windows(windows, indices.data() + first, count).to(device);
    torch::Tensor error =
        (model->forward(batch) - batch).pow(2).mean(1).to(torch::kCPU)
            .to(torch::kFloat64);
    const double* values = error.data_ptr<double>();
    errors.insert(errors.end(), values, values + count);
  }
  model->train(was_training);
  return errors;
}

}  // namespace advad::nn
