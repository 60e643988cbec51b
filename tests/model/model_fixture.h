// A small trained-looking model for the tests of model files, detectors
// and stream scoring: three channels, windows of 4 rows, a MinMax scaler
// fitted on a sine wave and an untrained network with seeded weights.
#pragma once

#include <cmath>
#include <string>
#include <vector>

#include "advad/model/model.h"
#include "advad/nn/layers.h"

namespace advad::testing {

inline const std::vector<std::string>& fixture_channels() {
  static const std::vector<std::string> names = {"a", "b", "c"};
  return names;
}

// Returns `row_count` rows of three sine waves, row-major; `phase` shifts
// them so that different calls give different data.
inline std::vector<float> sine_rows(std::size_t row_count,
                                    double phase = 0.0) {
  std::vector<float> rows;
  for (std::size_t r = 0; r < row_count; ++r) {
    double t = static_cast<double>(r) + phase;
    rows.push_back(static_cast<float>(std::sin(t / 7.0)));
    rows.push_back(static_cast<float>(2.0 + std::cos(t / 11.0)));
    rows.push_back(static_cast<float>(10.0 * std::sin(t / 5.0)));
  }
  return rows;
}

inline Model make_fixture_model(nn::Architecture architecture =
                                    nn::Architecture::kBasic,
                                std::size_t stride = 1) {
  Model model;
  model.schema = {fixture_channels(), {"action"}, 4, stride};
  Matrix training(200, 3);
  training.values = sine_rows(200);
  model.scaler = make_scaler("minmax");
  model.scaler->fit(training);
  nn::Generator generator = nn::make_generator(11);
  nn::AutoencoderOptions options;
  options.input_width = 12;
  options.architecture = architecture;
  model.network = nn::Autoencoder(options, generator);
  model.network->eval();
  model.threshold = 0.05;
  model.threshold_rule = "set by the test";
  model.variant = nn::to_string(architecture);
  model.training = {{"seed", 11}};
  return model;
}

}  // namespace advad::testing
