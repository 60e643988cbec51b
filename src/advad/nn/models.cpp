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

torch::Tensor AutoencoderImpl::forward(const torch::Tensor& input) {
  torch::Tensor x = input;
  for (std::size_t i = 0; i < hidden_layers_.size(); ++i) {
    x = hidden_layers_[i]->forward(x);
    if (!norms_.empty()) {
      x = norms_[i]->forward(x);
    }
    x = torch::relu(x);
  }
  return torch::sigmoid(output_->forward(x));
}

DiscriminatorImpl::DiscriminatorImpl(const DiscriminatorOptions& options,
                                     Generator generator)
    : options_(options), generator_(std::move(generator)) {
  std::int64_t width = options.input_width;
  for (std::size_t i = 0; i < options.hidden.size(); ++i) {
    auto layer = register_module(fmt::format("dense{}", i),
                                 torch::nn::Linear(width, options.hidden[i]));
    glorot_init(layer, generator_);
    hidden_layers_.push_back(layer);
    norms_.push_back(register_module(
        fmt::format("norm{}", i),
        torch::nn::LayerNorm(
            torch::nn::LayerNormOptions({options.hidden[i]}))));
    width = options.hidden[i];
  }
  output_ = register_module("output", torch::nn::Linear(width, 1));
  glorot_init(output_, generator_);
}

torch::Tensor DiscriminatorImpl::forward(const torch::Tensor& input) {
  torch::Tensor x = input;
  for (std::size_t i = 0; i < hidden_layers_.size(); ++i) {
    x = hidden_layers_[i]->forward(x);
    x = torch::leaky_relu(x, options_.leaky_slope);
    x = norms_[i]->forward(x);
    if (i == 1) {
      x = dropout(x, options_.dropout_second, is_training(), generator_);
    } else if (i == 2) {
      x = dropout(x, options_.dropout_third, is_training(), generator_);
    }
  }
  return output_->forward(x).squeeze(1);
}

}  // namespace advad::nn
