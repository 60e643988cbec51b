#include "flop_bound.h"

#include <algorithm>
#include <chrono>
#include <utility>

#include <torch/torch.h>

namespace advad::bench {

namespace {

using Clock = std::chrono::steady_clock;

// Input and output widths of each dense layer.
using Layers = std::vector<std::pair<std::int64_t, std::int64_t>>;

// Widths of the study's networks (src/advad/nn/models.h).
Layers autoencoder_layers(std::int64_t width) {
  return {{width, 64}, {64, 32}, {32, 64}, {64, width}};
}

Layers discriminator_layers(std::int64_t width) {
  return {{width, 256}, {256, 128}, {128, 64}, {64, 1}};
}

void add_forward(GemmCounts& counts, const Layers& layers,
                 std::int64_t batch, double times) {
  for (auto [in, out] : layers) {
    counts[{GemmKind::kForward, batch, in, out}] += times;
  }
}

// Autograd computes a weight gradient only for trainable weights, and an
// input gradient only where something upstream needs it: never for the
// first layer when the network's input is data.
void add_backward(GemmCounts& counts, const Layers& layers,
                  std::int64_t batch, double times, bool weights,
                  bool first_input) {
  for (std::size_t i = 0; i < layers.size(); ++i) {
    auto [in, out] = layers[i];
    if (weights) {
      counts[{GemmKind::kGradWeight, batch, in, out}] += times;
    }
    if (i > 0 || first_input) {
      counts[{GemmKind::kGradInput, batch, in, out}] += times;
    }
  }
}

// The products of one training step on `batch` windows, `times` times.
void add_step(GemmCounts& counts, std::int64_t width, bool adversarial,
              std::int64_t batch, double times) {
  Layers autoencoder = autoencoder_layers(width);
  add_forward(counts, autoencoder, batch, times);
  add_backward(counts, autoencoder, batch, times, true, false);
  if (!adversarial) {
    return;
  }
  // Discriminator step: real and fake batches each go forward and back;
  // neither input needs a gradient.
  Layers discriminator = discriminator_layers(width);
  add_forward(counts, discriminator, batch, 2 * times);
  add_backward(counts, discriminator, batch, 2 * times, true, false);
  // Autoencoder step: the fooling loss flows back through the frozen
  // discriminator into the reconstruction.
  add_forward(counts, discriminator, batch, times);
  add_backward(counts, discriminator, batch, times, false, true);
}

// Calls `step(rows, times)` for the full chunks of `chunk` rows out of
// `total`, then once for the remainder.
template <typename Step>
void for_each_chunk(std::int64_t total, std::int64_t chunk, Step step) {
  if (total / chunk > 0) {
    step(chunk, static_cast<double>(total / chunk));
  }
  if (total % chunk > 0) {
    step(total % chunk, 1.0);
  }
}

// Returns the mean seconds of `call` over the best of several trials,
// each long enough for the clock.
template <typename Call>
double best_seconds(Call call) {
  for (int i = 0; i < 3; ++i) {
    call();  // warm-up: caches, page faults, BLAS buffers
  }
  auto start = Clock::now();
  call();
  double once = std::chrono::duration<double>(Clock::now() - start).count();
  int reps = std::clamp(static_cast<int>(5e-3 / std::max(once, 1e-9)), 1,
                        10000);
  double best = once;
  for (int trial = 0; trial < 5; ++trial) {
    start = Clock::now();
    for (int r = 0; r < reps; ++r) {
      call();
    }
    double total =
        std::chrono::duration<double>(Clock::now() - start).count();
    best = std::min(best, total / reps);
  }
  return best;
}

// Times one product with the operand layouts torch::nn::Linear and its
// backward pass use.
double time_gemm(const Gemm& gemm) {
  torch::NoGradGuard no_grad;
  torch::Tensor x = torch::rand({gemm.batch, gemm.in});
  torch::Tensor dy = torch::rand({gemm.batch, gemm.out});
  torch::Tensor weight = torch::rand({gemm.out, gemm.in});
  switch (gemm.kind) {
    case GemmKind::kForward: {
      torch::Tensor y = torch::empty({gemm.batch, gemm.out});
      return best_seconds([&] { torch::mm_out(y, x, weight.t()); });
    }
    case GemmKind::kGradInput: {
      torch::Tensor dx = torch::empty({gemm.batch, gemm.in});
      return best_seconds([&] { torch::mm_out(dx, dy, weight); });
    }
    case GemmKind::kGradWeight: {
      torch::Tensor dw = torch::empty({gemm.out, gemm.in});
      return best_seconds([&] { torch::mm_out(dw, dy.t(), x); });
    }
  }
  return 0.0;
}

const char* to_string(GemmKind kind) {
  switch (kind) {
    case GemmKind::kGradInput:
      return "grad_input";
    case GemmKind::kGradWeight:
      return "grad_weight";
    case GemmKind::kForward:
      break;
  }
  return "forward";
}

}  // namespace

double Gemm::flops() const {
  return 2.0 * static_cast<double>(batch) * static_cast<double>(in) *
         static_cast<double>(out);
}

GemmCounts epoch_gemms(std::int64_t width, bool adversarial,
                       std::int64_t batch, std::int64_t train_windows,
                       std::int64_t validation_windows) {
  GemmCounts counts;
  for_each_chunk(train_windows, batch, [&](std::int64_t rows, double times) {
    // The trainer skips a last batch of one window.
    if (rows >= 2) {
      add_step(counts, width, adversarial, rows, times);
    }
  });
  for_each_chunk(validation_windows, 4096,
                 [&](std::int64_t rows, double times) {
                   add_forward(counts, autoencoder_layers(width), rows,
                               times);
                 });
  return counts;
}

GemmCounts scoring_gemms(std::int64_t width, std::int64_t windows) {
  GemmCounts counts;
  add_forward(counts, autoencoder_layers(width), windows, 1.0);
  return counts;
}

GemmProbe::GemmProbe(std::int64_t square_size) : square_size_(square_size) {
  Gemm square{GemmKind::kForward, square_size, square_size, square_size};
  square_rate_ = square.flops() / seconds(square);
}

double GemmProbe::seconds(const Gemm& gemm) {
  auto found = seconds_.find(gemm);
  if (found != seconds_.end()) {
    return found->second;
  }
  double measured = time_gemm(gemm);
  seconds_.emplace(gemm, measured);
  return measured;
}

EpochBound GemmProbe::bound(const GemmCounts& counts) {
  EpochBound result;
  for (const auto& [gemm, times] : counts) {
    result.flops += times * gemm.flops();
    result.seconds += times * seconds(gemm);
  }
  result.peak_seconds = result.flops / square_rate_;
  return result;
}

nlohmann::json GemmProbe::to_json() const {
  nlohmann::json shapes = nlohmann::json::array();
  for (const auto& [gemm, time] : seconds_) {
    shapes.push_back({{"kind", to_string(gemm.kind)},
                      {"batch", gemm.batch},
                      {"in", gemm.in},
                      {"out", gemm.out},
                      {"seconds", time},
                      {"gflops", gemm.flops() / time / 1e9}});
  }
  return {{"square_size", square_size_},
          {"square_gflops", square_rate_ / 1e9},
          {"shapes", shapes}};
}

}  // namespace advad::bench
