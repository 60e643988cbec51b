#include "advad/nn/models.h"

#include <fmt/format.h>

#include "advad/common/error.h"

namespace advad::nn {

std::string to_string(Architecture architecture) {
  return architecture == Architecture::kBasic ? "basic" : "deep";
}

Architecture parse_architecture(const std::string& name) {
  if (name == "basic") {
    return Architecture::kBasic;
  }
  if (name == "deep") {
    return Architecture::kDeep;
  }
  throw InputError(fmt::format(
      "unknown architecture '{}'; choose 'basic' or 'deep'", name));
}

AutoencoderImpl::AutoencoderImpl(const AutoencoderOptions& options,
                                 Generator& generator)
    : options_(options) {
  std::int64_t width = options.input_width;
  for (std::size_t i = 0; i < options.hidden.size(); ++i) {
    auto layer = register_module(fmt::format("dense{}", i),
                                 torch::nn::Linear(width, options.hidden[i]));
    glorot_init(layer, generator);
    hidden_layers_.push_back(layer);
    if (options.architecture == Architecture::kDeep) {
      norms_.push_back(register_module(
          fmt::format("norm{}", i),
          torch::nn::BatchNorm1d(options.hidden[i])));
    }
    width = options.hidden[i];
  }
  output_ = register_module(
      "output", torch::nn::Linear(width, options.input_width));
  glorot_init(output_, generator);
}

torch::Tensor AutoencoderImpl::hidden_layer(std::size_t i,
                                            const torch::Tensor& input) {
  torch::Tensor x = hidden_layers_[i]->forward(input);
  if (options_.linear_code && i == options_.code_layer) {
    return x;
  }
  if (!norms_.empty()) {
    x = norms_[i]->forward(x);
  }
  return torch::relu(x);
}

torch::Tensor AutoencoderImpl::encode(const torch::Tensor& input) {
  torch::Tensor x = input;
  for (std::size_t i = 0; i <= options_.code_layer; ++i) {
    x = hidden_layer(i, x);
  }
  return x;
}

torch::Tensor AutoencoderImpl::decode(const torch::Tensor& code) {
  torch::Tensor x = code;
  for (std::size_t i = options_.code_layer + 1; i < hidden_layers_.size();
       ++i) {
    x = hidden_layer(i, x);
  }
  return torch::sigmoid(output_->forward(x));
}

torch::Tensor AutoencoderImpl::forward(const torch::Tensor& input) {
  return decode(encode(input));
}

DiscriminatorImpl::DiscriminatorImpl(const DiscriminatorOptions& options,
                                     Generator generator)
    : options_(options), generator_(std::move(generator)) {
  std::int64_t width = options.input_width;
  for (std::size_t i = 0; i < options.hidden.size(); ++i) {
    std::int64_t units = options.hidden[i];
    auto layer = register_module(fmt::format("dense{}", i),
                                 torch::nn::Linear(width, units));
    glorot_init(layer, generator_);
    hidden_layers_.push_back(layer);
    if (options.batch_norm) {
      batch_norms_.push_back(register_module(
          fmt::format("norm{}", i), torch::nn::BatchNorm1d(units)));
    } else {
      layer_norms_.push_back(register_module(
          fmt::format("norm{}", i),
          torch::nn::LayerNorm(torch::nn::LayerNormOptions({units}))));
    }
    width = units;
  }
  output_ = register_module("output", torch::nn::Linear(width, 1));
  glorot_init(output_, generator_);
  if (options.spectral_norm) {
    for (std::size_t i = 0; i <= hidden_layers_.size(); ++i) {
      std::int64_t rows = i < hidden_layers_.size() ? options.hidden[i] : 1;
      torch::Tensor u = torch::randn({rows}, generator_, torch::kFloat32);
      singular_vectors_.push_back(register_buffer(
          fmt::format("singular{}", i), u / u.norm()));
    }
  }
}

// A dense layer, with its weight divided by the estimate of its largest
// singular value when spectral normalization is on. The power iteration
// refines the stored left singular vector in training mode only.
torch::Tensor DiscriminatorImpl::dense(std::size_t i,
                                       torch::nn::Linear layer,
                                       const torch::Tensor& input) {
  if (!options_.spectral_norm) {
    return layer->forward(input);
  }
  const torch::Tensor& weight = layer->weight;
  torch::Tensor& u = singular_vectors_[i];
  torch::Tensor v;
  {
    torch::NoGradGuard no_grad;
    v = torch::mv(weight.t(), u);
    v = v / (v.norm() + 1e-12);
    if (is_training()) {
      torch::Tensor next = torch::mv(weight, v);
      u.copy_(next / (next.norm() + 1e-12));
    }
  }
  // A copy, because a later forward pass in the same step updates `u` in
  // place while this pass's graph still needs its value.
  torch::Tensor sigma = torch::dot(u.clone(), torch::mv(weight, v));
  return torch::nn::functional::linear(input, weight / sigma, layer->bias);
}

torch::Tensor DiscriminatorImpl::normalize(std::size_t i,
                                           const torch::Tensor& input) {
  return options_.batch_norm ? batch_norms_[i]->forward(input)
                             : layer_norms_[i]->forward(input);
}

torch::Tensor DiscriminatorImpl::forward(const torch::Tensor& input) {
  torch::Tensor x = input;
  for (std::size_t i = 0; i < hidden_layers_.size(); ++i) {
    x = dense(i, hidden_layers_[i], x);
    x = torch::leaky_relu(x, options_.leaky_slope);
    x = normalize(i, x);
    if (i == 1) {
      x = dropout(x, options_.dropout_second, is_training(), generator_);
    } else if (i == 2) {
      x = dropout(x, options_.dropout_third, is_training(), generator_);
    }
  }
  return dense(hidden_layers_.size(), output_, x).squeeze(1);
}

}  // namespace advad::nn
