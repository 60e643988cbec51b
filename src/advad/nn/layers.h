// Building blocks that take an explicit random generator, so that several
// models can train in parallel threads and still be reproducible.
#pragma once

#include <cstdint>
#include <optional>

#include <torch/torch.h>

namespace advad::nn {

// Generator for parameter initialization and dropout masks of one model.
using Generator = at::Generator;

// Creates a CPU generator seeded with `seed`.
Generator make_generator(std::uint64_t seed);

// Resets a dense layer as Keras' Dense does by default: weights from the
// Glorot (Xavier) uniform distribution, limit sqrt(6 / (fan_in +
// fan_out)), and zero bias.
void glorot_init(const torch::nn::Linear& layer, Generator& generator);

// Inverted dropout with drop probability `p`, drawing the mask from
// `generator` when the input is on the CPU and from the device's default
// generator otherwise. The identity when `training` is false.
torch::Tensor dropout(const torch::Tensor& input, double p, bool training,
                      std::optional<Generator> generator);

}  // namespace advad::nn
