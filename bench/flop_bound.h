// The matrix products an epoch of each study variant performs, and the
// time this machine's BLAS needs for them: a lower bound on the epoch.
//
// Only dense-layer products count. Activations, normalization, losses,
// Adam updates and batch gathering are left out, so an epoch that reaches
// its bound spends all of its time in matrix products.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include <nlohmann/json.hpp>

namespace advad::bench {

// Role of a product in a dense layer y = x W^T: the forward pass, or one
// of the two products of its backward pass.
enum class GemmKind {
  kForward,     // x[batch, in] W^T        -> y[batch, out]
  kGradInput,   // dy[batch, out] W        -> dx[batch, in]
  kGradWeight,  // dy^T[out, batch] x      -> dW[out, in]
};

// One product of a dense layer with `in` inputs and `out` outputs on
// `batch` rows; 2 * batch * in * out floating-point operations.
struct Gemm {
  GemmKind kind = GemmKind::kForward;
  std::int64_t batch = 0;
  std::int64_t in = 0;
  std::int64_t out = 0;

  double flops() const;
  auto key() const { return std::tie(kind, batch, in, out); }
  bool operator<(const Gemm& other) const { return key() < other.key(); }
};

// Number of times an epoch performs each product.
using GemmCounts = std::map<Gemm, double>;

// Cost of one epoch's matrix products.
struct EpochBound {
  double flops = 0.0;    // floating-point operations of all products
  double seconds = 0.0;  // their time at the rates measured per shape
  // Their time at the rate of the large square product, the machine's
  // best; a looser bound than `seconds`.
  double peak_seconds = 0.0;
};

// Lists the products of one epoch: `train_windows` windows in batches of
// `batch`, then the validation pass over `validation_windows` windows in
// chunks of 4096, as advad's trainer does it. `adversarial` adds the
// discriminator step and the discriminator's part of the autoencoder step.
GemmCounts epoch_gemms(std::int64_t width, bool adversarial,
                       std::int64_t batch, std::int64_t train_windows,
                       std::int64_t validation_windows);

// Lists the products of scoring `windows` windows in one batch: the
// autoencoder's forward pass.
GemmCounts scoring_gemms(std::int64_t width, std::int64_t windows);

// Times LibTorch matrix products on the calling thread and caches the
// time of each shape.
class GemmProbe {
 public:
  // Measures the rate of an n x n x n product, n = `square_size`.
  explicit GemmProbe(std::int64_t square_size = 1024);

  // Returns the best seconds of one product of this shape.
  double seconds(const Gemm& gemm);

  // Returns the time bound of one epoch's products.
  EpochBound bound(const GemmCounts& counts);

  double square_flops_per_second() const { return square_rate_; }

  // Lists every measured shape with its rate in GFLOP/s.
  nlohmann::json to_json() const;

 private:
  std::int64_t square_size_;
  double square_rate_ = 0.0;
  std::map<Gemm, double> seconds_;
};

}  // namespace advad::bench
