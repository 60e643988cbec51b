#include "advad/nn/training.h"

#include <cmath>
#include <thread>

#include <gtest/gtest.h>

namespace advad::nn {
namespace {

// Two sine channels in [0, 1] with periods of 20 and 7 rows.
Dataset sine_dataset(std::size_t rows) {
  Dataset data;
  data.channels = {"slow", "fast"};
  data.values = Matrix(rows, 2);
  for (std::size_t r = 0; r < rows; ++r) {
    double t = static_cast<double>(r);
    data.values.at(r, 0) = static_cast<float>(0.5 + 0.4 * std::sin(t / 20.0));
    data.values.at(r, 1) = static_cast<float>(0.5 + 0.3 * std::sin(t / 7.0));
  }
  data.segments.push_back({0, rows, "sine"});
  return data;
}

TrainOptions quick_options(bool adversarial) {
  TrainOptions options;
  options.epochs = 4;
  options.batch_size = 32;
  options.patience = 0;
  options.adversarial = adversarial;
  options.seed = 5;
  return options;
}

TEST(GatherWindows, CopiesContiguousRows) {
  Dataset data = sine_dataset(30);
  WindowSet windows(data, {4, 1});
  std::size_t picks[] = {3, 0};
  torch::Tensor batch = gather_windows(windows, picks, 2);
  ASSERT_EQ(batch.sizes(), torch::IntArrayRef({2, 8}));
  // Window 3 starts at row 3: its 6th value is row 5, channel "fast".
  EXPECT_EQ(batch[0][5].item<float>(), data.values.at(5, 1));
  EXPECT_EQ(batch[1][0].item<float>(), data.values.at(0, 0));
}

TEST(ReconstructionErrors, MatchManualMean) {
  Dataset data = sine_dataset(40);
  WindowSet windows(data, {5, 1});
  Generator generator = make_generator(1);
  AutoencoderOptions options;
  options.input_width = 10;
  Autoencoder model(options, generator);
  std::vector<double> errors =
      reconstruction_errors(model, windows, torch::kCPU, 7);
  ASSERT_EQ(errors.size(), windows.size());
  std::size_t pick[] = {11};
  torch::Tensor input = gather_windows(windows, pick, 1);
  torch::NoGradGuard no_grad;
  double expected =
      (model->forward(input) - input).pow(2).mean().item<double>();
  EXPECT_NEAR(errors[11], expected, 1e-6 * expected);
}

TEST(TrainAutoencoder, LossDecreases) {
  Dataset data = sine_dataset(600);
  WindowSet train(data, {5, 1});
  WindowSet validation(data, {5, 3});
  TrainOptions options = quick_options(false);
  options.epochs = 15;
  TrainingResult result = train_autoencoder(Architecture::kBasic, train,
                                            validation, options);
  ASSERT_EQ(result.history.size(), 15U);
  // From Glorot weights the first epoch ends near the variance of the
  // data; fifteen epochs of Adam at 1e-3 cut the validation error by
  // more than half on these smooth signals.
  EXPECT_LT(result.history.back().validation_loss,
            0.5 * result.history.front().validation_loss);
}

TEST(TrainAutoencoder, SameSeedSameModelUnderParallelLoad) {
  Dataset data = sine_dataset(300);
  WindowSet train(data, {5, 1});
  WindowSet validation(data, {5, 2});
  TrainOptions options = quick_options(true);
  TrainingResult first;
  TrainingResult second;
  // Train both at once on two threads, as the experiment does: per-model
  // generators keep the results independent of the interleaving.
  std::thread other([&] {
    second = train_autoencoder(Architecture::kDeep, train, validation,
                               options);
  });
  first = train_autoencoder(Architecture::kDeep, train, validation, options);
  other.join();
  auto a = first.autoencoder->parameters();
  auto b = second.autoencoder->parameters();
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_TRUE(torch::equal(a[i], b[i])) << "parameter " << i;
  }
  EXPECT_EQ(first.history.back().discriminator_loss,
            second.history.back().discriminator_loss);
}

TEST(TrainAutoencoder, AdversarialRecordsDiscriminator) {
  Dataset data = sine_dataset(200);
  WindowSet train(data, {5, 1});
  WindowSet validation(data, {5, 2});
  TrainingResult result = train_autoencoder(
      Architecture::kBasic, train, validation, quick_options(true));
  ASSERT_TRUE(result.discriminator);
  const EpochRecord& last = result.history.back();
  ASSERT_TRUE(last.discriminator_accuracy.has_value());
  EXPECT_GE(*last.discriminator_accuracy, 0.0);
  EXPECT_LE(*last.discriminator_accuracy, 1.0);
  ASSERT_TRUE(last.discriminator_loss.has_value());
  EXPECT_TRUE(std::isfinite(*last.discriminator_loss));
}

TEST(TrainAutoencoder, EarlyStoppingKeepsBestEpoch) {
  Dataset data = sine_dataset(300);
  WindowSet train(data, {5, 1});
  WindowSet validation(data, {5, 2});
  TrainOptions options = quick_options(false);
  options.epochs = 40;
  options.patience = 2;
  options.learning_rate = 0.05;  // large steps make the loss bounce
  TrainingResult result = train_autoencoder(Architecture::kBasic, train,
                                            validation, options);
  double best = result.history[result.best_epoch - 1].validation_loss;
  for (const EpochRecord& record : result.history) {
    EXPECT_GE(record.validation_loss, best);
  }
  std::vector<double> errors =
      reconstruction_errors(result.autoencoder, validation, torch::kCPU);
  double mean = 0.0;
  for (double e : errors) {
    mean += e / static_cast<double>(errors.size());
  }
  // The restored weights reproduce the best epoch's validation loss.
  EXPECT_NEAR(mean, best, 1e-6 + 1e-5 * best);
}

TEST(TrainAutoencoder, RejectsBatchOfOne) {
  Dataset data = sine_dataset(50);
  WindowSet windows(data, {5, 1});
  TrainOptions options = quick_options(false);
  options.batch_size = 1;
  EXPECT_THROW(train_autoencoder(Architecture::kBasic, windows, windows,
                                 options),
               std::invalid_argument);
}

}  // namespace
}  // namespace advad::nn
