// Training of one variant into a model ready to save, with the steps of
// the experiment.
#pragma once

#include "advad/experiment/experiment.h"
#include "advad/model/model.h"
#include "advad/report/progress.h"

namespace advad {

struct TrainedModel {
  Model model;
  // The evaluation on the test windows, as the experiment reports it.
  VariantResult result;
  std::vector<double> test_scores;  // one per test window
};

// Loads and scales the data (prepare_data), cuts windows (make_windows),
// trains and evaluates `spec` (train_and_evaluate) and returns the model
// with its schema, scaler, network, threshold and training metadata.
// `progress` may be null. Throws InputError for unusable input.
TrainedModel train_model(const ExperimentOptions& options,
                         const VariantSpec& spec, Progress* progress);

}  // namespace advad
