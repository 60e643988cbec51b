// The networks of the study, on flattened windows (W x channels inputs).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <torch/torch.h>

#include "advad/nn/layers.h"

namespace advad::nn {

enum class Architecture {
  kBasic,  // dense layers with ReLU
  kDeep,   // each hidden dense layer followed by batch normalization, ReLU
};

std::string to_string(Architecture architecture);

// Parses "basic" or "deep"; throws InputError otherwise.
Architecture parse_architecture(const std::string& name);

struct AutoencoderOptions {
  std::int64_t input_width = 0;             // W x channels
  Architecture architecture = Architecture::kBasic;
  std::vector<std::int64_t> hidden = {64, 32, 64};  // encoder, code, decoder
  // Index in `hidden` of the code layer, which encode() returns.
  std::size_t code_layer = 1;
  // Leaves the code layer without ReLU (and batch normalization), so that
  // codes can match a Gaussian prior in the latent adversarial variant.
  bool linear_code = false;
};

// Autoencoder: dense hidden layers (ReLU, with batch normalization before
// it in the deep architecture) and a dense output with a sigmoid, so
// reconstructions lie in [0, 1] like MinMax-scaled inputs.
class AutoencoderImpl : public torch::nn::Module {
 public:
  AutoencoderImpl(const AutoencoderOptions& options, Generator& generator);

  // Maps a batch [N, input_width] to reconstructions of the same shape.
  torch::Tensor forward(const torch::Tensor& input);

  // Maps a batch to its codes [N, hidden[code_layer]].
  torch::Tensor encode(const torch::Tensor& input);

  // Maps codes back to reconstructions.
  torch::Tensor decode(const torch::Tensor& code);

  const AutoencoderOptions& options() const { return options_; }

 private:
  torch::Tensor hidden_layer(std::size_t i, const torch::Tensor& input);

  AutoencoderOptions options_;
  std::vector<torch::nn::Linear> hidden_layers_;
  std::vector<torch::nn::BatchNorm1d> norms_;
  torch::nn::Linear output_{nullptr};
};
TORCH_MODULE(Autoencoder);

struct DiscriminatorOptions {
  std::int64_t input_width = 0;
  std::vector<std::int64_t> hidden = {256, 128, 64};
  double leaky_slope = 0.2;
  // Dropout after the second and the third hidden layer.
  double dropout_second = 0.4;
  double dropout_third = 0.3;
  // Divides each dense weight by its largest singular value, estimated by
  // one power iteration per training step (Miyato et al., ICLR 2018).
  bool spectral_norm = false;
  // Batch normalization in place of layer normalization.
  bool batch_norm = false;
};

// Discriminator: dense 256, 128, 64, each with LeakyReLU (slope 0.2) and
// layer normalization, dropout 0.4 after the second and 0.3 after the
// third, and one output unit. forward() returns the logit; the
// probability that the input is a real window is its sigmoid.
class DiscriminatorImpl : public torch::nn::Module {
 public:
  DiscriminatorImpl(const DiscriminatorOptions& options, Generator generator);

  // Returns logits of shape [N].
  torch::Tensor forward(const torch::Tensor& input);

 private:
  torch::Tensor dense(std::size_t i, torch::nn::Linear layer,
                      const torch::Tensor& input);
  torch::Tensor normalize(std::size_t i, const torch::Tensor& input);

  DiscriminatorOptions options_;
  Generator generator_;
  std::vector<torch::nn::Linear> hidden_layers_;
  std::vector<torch::nn::LayerNorm> layer_norms_;
  std::vector<torch::nn::BatchNorm1d> batch_norms_;
  std::vector<torch::Tensor> singular_vectors_;  // left, one per dense layer
  torch::nn::Linear output_{nullptr};
};
TORCH_MODULE(Discriminator);

}  // namespace advad::nn
