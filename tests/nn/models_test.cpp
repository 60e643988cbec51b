#include "advad/nn/models.h"

#include <gtest/gtest.h>

namespace advad::nn {
namespace {

std::int64_t parameter_count(const torch::nn::Module& module) {
  std::int64_t count = 0;
  for (const auto& p : module.parameters()) {
    count += p.numel();
  }
  return count;
}

Autoencoder make_autoencoder(Architecture architecture, std::int64_t width,
                             std::uint64_t seed = 1) {
  Generator generator = make_generator(seed);
  AutoencoderOptions options;
  options.input_width = width;
  options.architecture = architecture;
  return Autoencoder(options, generator);
}

TEST(Autoencoder, BasicParameterCount) {
  // Hand count for 10 inputs: 10*64+64 + 64*32+32 + 32*64+64 + 64*10+10
  // = 704 + 2080 + 2112 + 650 = 5546.
  EXPECT_EQ(parameter_count(*make_autoencoder(Architecture::kBasic, 10)),
            5546);
}

TEST(Autoencoder, DeepAddsBatchNormParameters) {
  // 5546 plus a scale and a shift per hidden unit: 2 * (64 + 32 + 64).
  EXPECT_EQ(parameter_count(*make_autoencoder(Architecture::kDeep, 10)),
            5546 + 320);
}

TEST(Autoencoder, OutputShapeAndRange) {
  Autoencoder model = make_autoencoder(Architecture::kBasic, 12);
  torch::Tensor input = torch::randn({7, 12}) * 50.0;
  torch::Tensor output = model->forward(input);
  EXPECT_EQ(output.sizes(), input.sizes());
  EXPECT_GE(output.min().item<float>(), 0.0F);
  EXPECT_LE(output.max().item<float>(), 1.0F);
}

TEST(Autoencoder, SameSeedSameWeights) {
  Autoencoder a = make_autoencoder(Architecture::kDeep, 15, 42);
  Autoencoder b = make_autoencoder(Architecture::kDeep, 15, 42);
  Autoencoder c = make_autoencoder(Architecture::kDeep, 15, 43);
  auto pa = a->parameters();
  auto pb = b->parameters();
  auto pc = c->parameters();
  EXPECT_TRUE(torch::equal(pa[0], pb[0]));
  EXPECT_FALSE(torch::equal(pa[0], pc[0]));
}

TEST(Autoencoder, GlorotLimit) {
  // Glorot uniform for a 400 -> 64 layer draws from [-l, l] with
  // l = sqrt(6 / 464) = 0.11371; 25,600 draws come close to both ends.
  Autoencoder model = make_autoencoder(Architecture::kBasic, 400);
  torch::Tensor weight = model->parameters()[0];
  double limit = std::sqrt(6.0 / 464.0);
  EXPECT_LE(weight.abs().max().item<double>(), limit);
  EXPECT_GT(weight.abs().max().item<double>(), 0.99 * limit);
}

TEST(Discriminator, ParameterCount) {
  // Hand count for 10 inputs: dense 10*256+256 = 2816, layer norm 512,
  // dense 256*128+128 = 32896, layer norm 256, dense 128*64+64 = 8256,
  // layer norm 128, output 64+1 = 65; total 44929.
  DiscriminatorOptions options;
  options.input_width = 10;
  Discriminator model(options, make_generator(3));
  EXPECT_EQ(parameter_count(*model), 44929);
}

TEST(Discriminator, DropoutOnlyWhenTraining) {
  DiscriminatorOptions options;
  options.input_width = 8;
  Discriminator model(options, make_generator(3));
  torch::Tensor input = torch::rand({32, 8});
  model->eval();
  torch::Tensor first = model->forward(input);
  torch::Tensor second = model->forward(input);
  EXPECT_EQ(first.sizes(), torch::IntArrayRef({32}));
  EXPECT_TRUE(torch::equal(first, second));
  model->train();
  EXPECT_FALSE(torch::equal(model->forward(input), first));
}

TEST(Dropout, KeepsExpectedValue) {
  // Inverted dropout keeps the mean: E[x * mask / (1 - p)] = x. With
  // 200,000 ones and p = 0.4 the standard error of the mean is
  // sqrt(0.4 / 0.6 / 200000) = 0.0018, so 0.01 is over 5 standard errors.
  Generator generator = make_generator(9);
  torch::Tensor ones = torch::ones({200000});
  torch::Tensor dropped = dropout(ones, 0.4, true, generator);
  EXPECT_NEAR(dropped.mean().item<double>(), 1.0, 0.01);
  double zero_share = (dropped == 0).to(torch::kFloat64).mean().item<double>();
  EXPECT_NEAR(zero_share, 0.4, 0.01);
}

TEST(Architecture, ParseNames) {
  EXPECT_EQ(parse_architecture("basic"), Architecture::kBasic);
  EXPECT_EQ(parse_architecture("deep"), Architecture::kDeep);
  EXPECT_THROW(parse_architecture("lstm"), std::exception);
}

}  // namespace
}  // namespace advad::nn
