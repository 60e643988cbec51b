// A trained anomaly detector loaded from a model file written by
// 'advad train'.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "advad/scores.h"

namespace advad {

struct LoadOptions {
  // Where the network runs: "cpu" (the default), "cuda" or "cuda:N" with
  // a CUDA build of LibTorch.
  std::string device = "cpu";
};

class StreamScorer;

// Scores rows of sensor data by reconstruction error. Rows are raw
// values, row-major, each holding channels().size() values in the order
// of channels(); the detector scales them as during training.
//
// A detector may be moved but not copied. Use it from one thread at a
// time.
class Detector {
 public:
  // Reads and checks a model file. Throws ModelFileError naming the file
  // and what is wrong with it.
  static Detector load(const std::string& path,
                       const LoadOptions& options = {});

  ~Detector();
  Detector(Detector&& other) noexcept;
  Detector& operator=(Detector&& other) noexcept;

  // Channel names in the order rows must hold them.
  const std::vector<std::string>& channels() const;
  // Columns of the training data that the model does not reconstruct
  // (such as the KUKA movement index); data to score may contain them.
  const std::vector<std::string>& context_columns() const;
  std::size_t window() const;  // rows per window
  std::size_t stride() const;  // rows between window starts
  double threshold() const;    // windows scoring above it raise an alarm
  // "basic", "basic-adv", "deep" or "deep-adv".
  const std::string& variant() const;
  // Returns the model file's metadata (schema, scaler, network, threshold,
  // training) as JSON text.
  std::string metadata_json() const;

  // Returns, for every name of `channels()`, the index of the column of
  // that name in `columns`. Columns named in context_columns() or in
  // `ignored` may be present. Throws SchemaError listing the missing
  // channels and the extra columns.
  std::vector<std::size_t> match_columns(
      const std::vector<std::string>& columns,
      const std::vector<std::string>& ignored = {}) const;

  // Scores the windows of `row_count` rows. Throws InputError naming the
  // row and channel of a value that is not finite.
  std::vector<WindowScore> score(const float* rows,
                                 std::size_t row_count) const;

  // Scores windows and rows and finds alarm events, each with its
  // `top_channels` largest channel shares.
  ScoreReport analyze(const float* rows, std::size_t row_count,
                      std::size_t top_channels = 5) const;

 private:
  friend class StreamScorer;
  struct Impl;
  explicit Detector(std::shared_ptr<Impl> impl);

  std::shared_ptr<Impl> impl_;
};

}  // namespace advad
