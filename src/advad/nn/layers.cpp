#include "advad/nn/layers.h"

#include <ATen/CPUGeneratorImpl.h>
#include <cmath>

namespace advad::nn {

Generator make_generator(std::uint64_t seed) {
  return at::make_generator<at::CPUGeneratorImpl>(seed);
}

void glorot_init(const torch::nn::Linear& layer, Generator& generator) {
  torch::NoGradGuard no_grad;
  auto fan_out = static_cast<double>(layer->weight.size(0));
  auto fan_in = static_cast<double>(layer->weight.size(1));
  double limit = std::sqrt(6.0 / (fan_in + fan_out));
  layer->weight.uniform_(-limit, limit, generator);
  if (layer->bias.defined()) {
    layer->bias.zero_();
  }
}

torch::Tensor dropout(const torch::Tensor& input, double p, bool training,
                      std::optional<Generator> generator) {
  if (!training || p <= 0.0) {
    return input;
  }
  auto keep = torch::empty_like(input, torch::MemoryFormat::Contiguous);
  if (input.is_cpu() && generator) {
    keep.bernoulli_(1.0 - p, *generator);
  } else {
    keep.bernoulli_(1.0 - p);
  }
  return input * keep / (1.0 - p);
}

}  // namespace advad::nn
