#include "advad/nn/training.h"

#include <chrono>
#include <cmath>
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
  std::size_t judged = 0;  // samples of each kind the discriminator saw
};

// Returns the learning-rate factor of a 1-based epoch.
double schedule_factor(const AdversarialOptions& adversary, int epoch,
                       int epochs) {
  switch (adversary.schedule) {
    case LearningRateSchedule::kStep:
      return std::pow(0.5, (epoch - 1) / std::max(1,
                               adversary.schedule_step_epochs));
    case LearningRateSchedule::kCosine: {
      double progress = epochs > 1 ? static_cast<double>(epoch - 1) /
                                         static_cast<double>(epochs - 1)
                                   : 0.0;
      return 0.01 + 0.99 * 0.5 * (1.0 + std::cos(progress * M_PI));
    }
    case LearningRateSchedule::kConstant:
      break;
  }
  return 1.0;
}

void set_learning_rate(torch::optim::Adam& optimizer, double rate) {
  for (auto& group : optimizer.param_groups()) {
    static_cast<torch::optim::AdamOptions&>(group.options()).lr(rate);
  }
}

// Discriminator outputs for a batch of real and a batch of fake samples.
struct Judgement {
  torch::Tensor real;
  torch::Tensor fake;
};

// State of one training run.
class Trainer {
 public:
  Trainer(Architecture architecture, const WindowSet& train,
          const WindowSet& validation, const TrainOptions& options)
      : train_(train),
        validation_(validation),
        options_(options),
        adversary_(options.adversary),
        generator_(make_generator(options.seed)),
        rng_(options.seed ^ 0x9e3779b97f4a7c15ULL) {
    if (train.size() == 0) {
      throw std::invalid_argument("no training windows");
    }
    AutoencoderOptions ae_options;
    ae_options.input_width = static_cast<std::int64_t>(train.width());
    ae_options.architecture = architecture;
    ae_options.linear_code = options.adversarial && latent();
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
  bool latent() const {
    return adversary_.target == AdversarialTarget::kLatent;
  }
  bool wasserstein() const {
    return adversary_.loss == AdversarialLoss::kWasserstein;
  }
  void create_discriminator();
  EpochRecord run_epoch(int epoch);
  void reconstruction_step(const torch::Tensor& batch, EpochSums& sums);
  void adversarial_step(const torch::Tensor& batch, EpochSums& sums);
  Judgement discriminator_step(const torch::Tensor& real,
                               const torch::Tensor& fake, EpochSums& sums);
  torch::Tensor discriminator_loss(const Judgement& judged,
                                   const torch::Tensor& real,
                                   const torch::Tensor& fake);
  torch::Tensor gradient_penalty(const torch::Tensor& real,
                                 const torch::Tensor& fake);
  torch::Tensor fooling_loss(const torch::Tensor& fake);
  void count_correct(const Judgement& judged, EpochSums& sums) const;
  torch::Tensor prior_sample(const torch::Tensor& like);
  double validation_loss();

  const WindowSet& train_;
  const WindowSet& validation_;
  TrainOptions options_;
  AdversarialOptions adversary_;
  Generator generator_;
  std::mt19937_64 rng_;
  Autoencoder autoencoder_{nullptr};
  Discriminator discriminator_{nullptr};
  std::unique_ptr<torch::optim::Adam> ae_optimizer_;
  std::unique_ptr<torch::optim::Adam> d_optimizer_;
  double weight_ = 0.0;  // adversarial weight of the current epoch
};

void Trainer::create_discriminator() {
  DiscriminatorOptions d_options;
  d_options.input_width =
      latent() ? autoencoder_->options().hidden[1]
               : static_cast<std::int64_t>(train_.width());
  d_options.spectral_norm = adversary_.spectral_norm;
  d_options.batch_norm = adversary_.batch_norm;
  discriminator_ = Discriminator(
      d_options, make_generator(options_.seed ^ 0xd1b54a32d192ed03ULL));
  discriminator_->to(options_.device);
  // The Wasserstein critic trains with Adam betas (0.5, 0.9), as in the
  // WGAN-GP paper; the standard discriminator with Adam's defaults.
  torch::optim::AdamOptions d_adam(adversary_.learning_rate);
  if (wasserstein()) {
    d_adam.betas({0.5, 0.9});
  }
  d_optimizer_ = std::make_unique<torch::optim::Adam>(
      discriminator_->parameters(), d_adam);
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

torch::Tensor Trainer::prior_sample(const torch::Tensor& like) {
  if (like.is_cpu()) {
    return torch::randn(like.sizes(), generator_, like.options());
  }
  return torch::randn(like.sizes(), like.options());
}

// Penalizes critic gradient norms away from 1 at random points on the
// lines between real and fake samples.
torch::Tensor Trainer::gradient_penalty(const torch::Tensor& real,
                                        const torch::Tensor& fake) {
  torch::Tensor mix = torch::rand({real.size(0), 1}, generator_)
                          .to(real.device());
  torch::Tensor between =
      (mix * real + (1.0 - mix) * fake).detach().requires_grad_(true);
  torch::Tensor critic = discriminator_->forward(between);
  torch::Tensor gradient =
      torch::autograd::grad({critic.sum()}, {between},
                            /*grad_outputs=*/{}, /*retain_graph=*/true,
                            /*create_graph=*/true)[0];
  return (gradient.norm(2, 1) - 1.0).pow(2).mean();
}

torch::Tensor Trainer::discriminator_loss(const Judgement& judged,
                                          const torch::Tensor& real,
                                          const torch::Tensor& fake) {
  if (wasserstein()) {
    return judged.fake.mean() - judged.real.mean() +
           adversary_.gradient_penalty * gradient_penalty(real, fake);
  }
  torch::Tensor real_target =
      torch::full_like(judged.real, adversary_.real_label);
  return 0.5 * (torch::binary_cross_entropy_with_logits(judged.real,
                                                        real_target) +
                torch::binary_cross_entropy_with_logits(
                    judged.fake, torch::zeros_like(judged.fake)));
}

// Counts correct calls. The standard discriminator calls a sample real
// when its logit is positive; a critic's scale is arbitrary, so a sample
// counts as called real when its value is above the midpoint of the
// batch's mean real and mean fake values.
void Trainer::count_correct(const Judgement& judged, EpochSums& sums) const {
  torch::Tensor cut = torch::zeros({}, judged.real.options());
  if (wasserstein()) {
    cut = 0.5 * (judged.real.mean() + judged.fake.mean());
  }
  sums.correct_real += (judged.real > cut).sum().item<double>();
  sums.correct_fake += (judged.fake <= cut).sum().item<double>();
  sums.judged += static_cast<std::size_t>(judged.real.size(0));
}

// One update of the discriminator on detached real and fake samples.
Judgement Trainer::discriminator_step(const torch::Tensor& real,
                                      const torch::Tensor& fake,
                                      EpochSums& sums) {
  d_optimizer_->zero_grad();
  Judgement judged{discriminator_->forward(real),
                   discriminator_->forward(fake)};
  torch::Tensor loss = discriminator_loss(judged, real, fake);
  loss.backward();
  d_optimizer_->step();
  sums.discriminator += loss.item<double>() * real.size(0);
  return judged;
}

torch::Tensor Trainer::fooling_loss(const torch::Tensor& fake) {
  torch::Tensor judged = discriminator_->forward(fake);
  if (wasserstein()) {
    return -judged.mean();
  }
  return torch::binary_cross_entropy_with_logits(judged,
                                                 torch::ones_like(judged));
}

// One alternating step. First the discriminator learns real samples from
// fake ones (reconstructions, or codes against prior samples for the
// latent variant), then the autoencoder minimizes its reconstruction MSE
// plus the weighted loss of having its fakes called real.
void Trainer::adversarial_step(const torch::Tensor& batch, EpochSums& sums) {
  auto n = static_cast<double>(batch.size(0));
  torch::Tensor code = autoencoder_->encode(batch);
  torch::Tensor reconstruction = autoencoder_->decode(code);
  torch::Tensor fake = latent() ? code : reconstruction;
  torch::Tensor real = latent() ? prior_sample(code) : batch;

  Judgement judged;
  for (int step = 0; step < adversary_.discriminator_steps; ++step) {
    judged = discriminator_step(real, fake.detach(), sums);
  }
  count_correct(judged, sums);

  // The discriminator's weights need no gradient in the autoencoder step.
  set_requires_grad(*discriminator_, false);
  for (int step = 0; step < adversary_.autoencoder_steps; ++step) {
    if (step > 0) {
      code = autoencoder_->encode(batch);
      reconstruction = autoencoder_->decode(code);
      fake = latent() ? code : reconstruction;
    }
    ae_optimizer_->zero_grad();
    torch::Tensor mse = torch::mse_loss(reconstruction, batch);
    torch::Tensor fooling = fooling_loss(fake);
    torch::Tensor loss = mse + weight_ * fooling;
    loss.backward();
    ae_optimizer_->step();
    if (step == 0) {
      sums.reconstruction += mse.item<double>() * n;
      sums.adversarial += fooling.item<double>() * n;
    }
  }
  set_requires_grad(*discriminator_, true);
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

  double factor = schedule_factor(adversary_, epoch, options_.epochs);
  set_learning_rate(*ae_optimizer_, options_.learning_rate * factor);
  if (discriminator_) {
    set_learning_rate(*d_optimizer_, adversary_.learning_rate * factor);
    double ramp = adversary_.warmup_epochs > 0
                      ? std::min(1.0, static_cast<double>(epoch) /
                                          adversary_.warmup_epochs)
                      : 1.0;
    weight_ = adversary_.weight * ramp;
    discriminator_->train();
  }
  autoencoder_->train();

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
  record.learning_rate = options_.learning_rate * factor;
  auto windows = static_cast<double>(sums.windows);
  record.train_loss = sums.reconstruction / windows;
  record.validation_loss = validation_loss();
  if (discriminator_) {
    auto judged = static_cast<double>(sums.judged);
    double d_updates = windows * adversary_.discriminator_steps;
    record.discriminator_loss = sums.discriminator / d_updates;
    record.adversarial_loss = sums.adversarial / windows;
    record.discriminator_accuracy_real = sums.correct_real / judged;
    record.discriminator_accuracy_fake = sums.correct_fake / judged;
    record.discriminator_accuracy =
        (sums.correct_real + sums.correct_fake) / (2.0 * judged);
    record.adversarial_weight = weight_;
    record.discriminator_learning_rate = adversary_.learning_rate * factor;
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

std::vector<double> discriminator_scores(const TrainingResult& trained,
                                         const WindowSet& windows,
                                         const TrainOptions& options) {
  if (!trained.discriminator) {
    throw std::invalid_argument(
        "discriminator scores need an adversarially trained model");
  }
  torch::InferenceMode inference;
  Autoencoder autoencoder = trained.autoencoder;
  Discriminator discriminator = trained.discriminator;
  autoencoder->eval();
  discriminator->eval();
  bool latent = options.adversary.target == AdversarialTarget::kLatent;
  bool critic = options.adversary.loss == AdversarialLoss::kWasserstein;
  std::vector<double> scores;
  scores.reserve(windows.size());
  std::vector<std::size_t> indices(windows.size());
  std::iota(indices.begin(), indices.end(), std::size_t{0});
  const std::size_t step = 1024;
  for (std::size_t first = 0; first < indices.size(); first += step) {
    std::size_t count = std::min(step, indices.size() - first);
    torch::Tensor batch = gather_windows(windows, indices.data() + first,
                                         count)
                              .to(options.device);
    torch::Tensor judged = discriminator->forward(
        latent ? autoencoder->encode(batch) : batch);
    torch::Tensor score = critic ? -judged : 1.0 - torch::sigmoid(judged);
    score = score.to(torch::kCPU).to(torch::kFloat64).contiguous();
    const double* values = score.data_ptr<double>();
    scores.insert(scores.end(), values, values + count);
  }
  return scores;
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
