#include "advad/nn/adversarial.h"

#include <cmath>

#include <gtest/gtest.h>

#include "advad/nn/training.h"

namespace advad::nn {
namespace {

// Two sine channels in [0, 1].
Dataset sine_dataset(std::size_t rows) {
  Dataset data;
  data.channels = {"a", "b"};
  data.values = Matrix(rows, 2);
  for (std::size_t r = 0; r < rows; ++r) {
    double t = static_cast<double>(r);
    data.values.at(r, 0) = static_cast<float>(0.5 + 0.4 * std::sin(t / 9.0));
    data.values.at(r, 1) = static_cast<float>(0.5 + 0.3 * std::cos(t / 5.0));
  }
  data.segments.push_back({0, rows, "sine"});
  return data;
}

TrainOptions adversarial_options(const std::string& stabilizer) {
  TrainOptions options;
  options.epochs = 3;
  options.batch_size = 32;
  options.patience = 0;
  options.adversarial = true;
  options.seed = 11;
  apply_stabilizer(stabilizer, options.adversary);
  return options;
}

class Stabilizer : public ::testing::TestWithParam<std::string> {};

TEST_P(Stabilizer, TrainsWithFiniteDiagnostics) {
  Dataset data = sine_dataset(240);
  WindowSet train(data, {5, 1});
  WindowSet validation(data, {5, 4});
  TrainOptions options = adversarial_options(GetParam());
  TrainingResult result = train_autoencoder(Architecture::kDeep, train,
                                            validation, options);
  ASSERT_EQ(result.history.size(), 3U);
  for (const EpochRecord& record : result.history) {
    EXPECT_TRUE(std::isfinite(record.train_loss));
    EXPECT_TRUE(std::isfinite(record.validation_loss));
    ASSERT_TRUE(record.discriminator_loss.has_value());
    EXPECT_TRUE(std::isfinite(*record.discriminator_loss));
    ASSERT_TRUE(record.discriminator_accuracy_real.has_value());
    EXPECT_GE(*record.discriminator_accuracy_real, 0.0);
    EXPECT_LE(*record.discriminator_accuracy_real, 1.0);
    EXPECT_NEAR(*record.discriminator_accuracy,
                0.5 * (*record.discriminator_accuracy_real +
                       *record.discriminator_accuracy_fake),
                1e-12);
  }
  std::vector<double> scores =
      discriminator_scores(result, validation, options);
  ASSERT_EQ(scores.size(), validation.size());
  for (double score : scores) {
    EXPECT_TRUE(std::isfinite(score));
  }
}

INSTANTIATE_TEST_SUITE_P(All, Stabilizer,
                         ::testing::ValuesIn(stabilizer_names()));

TEST(Stabilizer, UnknownNameListsChoices) {
  AdversarialOptions options;
  try {
    apply_stabilizer("dropout", options);
    FAIL() << "expected an error";
  } catch (const std::exception& error) {
    EXPECT_NE(std::string(error.what()).find("wgan-gp"), std::string::npos);
  }
}

TEST(ApplyStabilizer, ExplicitSettingWins) {
  // --warmup-epochs 4 --stabilizer warmup keeps 4; the plain options get
  // the stabilizer's 10 epochs.
  AdversarialOptions given;
  given.warmup_epochs = 4;
  apply_stabilizer("warmup", given);
  EXPECT_EQ(given.warmup_epochs, 4);
  AdversarialOptions plain;
  apply_stabilizer("warmup", plain);
  EXPECT_EQ(plain.warmup_epochs, 10);
  apply_stabilizer("k-steps", plain);
  EXPECT_EQ(plain.discriminator_steps, 3);
}

TEST(Warmup, RampsWeightLinearly) {
  // warmup over 10 epochs: epoch e applies weight * e / 10.
  Dataset data = sine_dataset(120);
  WindowSet windows(data, {5, 1});
  TrainOptions options = adversarial_options("warmup");
  TrainingResult result =
      train_autoencoder(Architecture::kBasic, windows, windows, options);
  for (const EpochRecord& record : result.history) {
    EXPECT_NEAR(*record.adversarial_weight,
                options.adversary.weight * record.epoch / 10.0, 1e-12);
  }
}

TEST(Schedule, CosineEndsAtOnePercent) {
  // Cosine decay over 3 epochs: factors 1, 0.505, 0.01 of the start rate.
  Dataset data = sine_dataset(120);
  WindowSet windows(data, {5, 1});
  TrainOptions options = adversarial_options("ttur");
  TrainingResult result =
      train_autoencoder(Architecture::kBasic, windows, windows, options);
  EXPECT_NEAR(result.history[0].learning_rate, 1e-3, 1e-12);
  EXPECT_NEAR(result.history[1].learning_rate, 0.505e-3, 1e-12);
  EXPECT_NEAR(result.history[2].learning_rate, 0.01e-3, 1e-12);
  EXPECT_NEAR(*result.history[2].discriminator_learning_rate, 0.01 * 4e-4,
              1e-12);
}

TEST(SpectralNorm, LargestSingularValueNearOne) {
  // After enough power iterations the normalized weight W / sigma has a
  // largest singular value of 1; 30 steps bring the estimate within 2%.
  DiscriminatorOptions options;
  options.input_width = 20;
  options.spectral_norm = true;
  Discriminator model(options, make_generator(2));
  model->train();
  torch::Tensor input = torch::rand({8, 20});
  for (int i = 0; i < 30; ++i) {
    model->forward(input);
  }
  torch::NoGradGuard no_grad;
  torch::Tensor weight = model->named_parameters()["dense0.weight"];
  torch::Tensor u = model->named_buffers()["singular0"];
  torch::Tensor v = torch::mv(weight.t(), u);
  double sigma = torch::dot(u, torch::mv(weight, v / v.norm())).item<double>();
  double largest = std::get<1>(torch::svd(weight))[0].item<double>();
  EXPECT_NEAR(sigma / largest, 1.0, 0.02);
}

TEST(LatentVariant, CodeLayerIsLinear) {
  // A linear code can take negative values; a ReLU code cannot.
  Dataset data = sine_dataset(120);
  WindowSet windows(data, {5, 1});
  TrainOptions options = adversarial_options("latent");
  TrainingResult result =
      train_autoencoder(Architecture::kBasic, windows, windows, options);
  std::size_t picks[] = {0, 1, 2, 3, 4, 5, 6, 7};
  torch::NoGradGuard no_grad;
  torch::Tensor code =
      result.autoencoder->encode(gather_windows(windows, picks, 8));
  EXPECT_EQ(code.size(1), 32);
  EXPECT_LT(code.min().item<double>(), 0.0);
}

}  // namespace
}  // namespace advad::nn
