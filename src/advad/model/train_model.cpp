#include "advad/model/train_model.h"

#include <chrono>
#include <ctime>

#include <fmt/chrono.h>
#include <fmt/format.h>

#include "advad/model/data_hash.h"
#include "advad/nn/runtime.h"
#include "advad/version.h"

namespace advad {

namespace {

std::string utc_now() {
  std::time_t now =
      std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", fmt::gmtime(now));
}

nlohmann::json options_json(const ExperimentOptions& options,
                            const VariantSpec& spec) {
  const nn::TrainOptions& t = options.training;
  nlohmann::json json = {{"epochs", t.epochs},
                         {"batch_size", t.batch_size},
                         {"learning_rate", t.learning_rate},
                         {"patience", t.patience},
                         {"scaler", options.features.scaler},
                         {"threshold_quantile", options.threshold_quantile},
                         {"validation_fraction",
                          options.inputs.validation_fraction},
                         {"device", t.device.str()}};
  if (spec.adversarial) {
    json["adversarial"] = nn::to_json(t.adversary);
  }
  return json;
}

nlohmann::json training_json(const ExperimentOptions& options,
                             const VariantSpec& spec,
                             const PreparedData& prepared,
                             const Windows& windows,
                             const TrainedVariant& trained) {
  ExperimentReport report;
  report.variants = {trained.result};
  return {
      {"seed", options.training.seed},
      {"options", options_json(options, spec)},
      {"data", summarize(prepared.data)},
      {"data_sha256", data_sha256(prepared.data.train)},
      {"data_sha256_covers",
       "channel names and scaled values of the training part"},
      {"constant_channels", prepared.constant_channels},
      {"windows",
       {{"train", windows.train.size()},
        {"validation", windows.validation.size()},
        {"test", windows.test.size()}}},
      {"result", to_json(report).at("variants").at(0)},
      {"advad_version", version()},
      {"torch_version", nn::torch_version()},
      {"created_utc", utc_now()},
  };
}

}  // namespace

TrainedModel train_model(const ExperimentOptions& experiment_options,
                         const VariantSpec& spec, Progress* progress) {
  // A model file carries the autoencoder only, so windows are scored by
  // reconstruction error whatever score the experiment options name.
  ExperimentOptions options = experiment_options;
  options.score = ScoreSource::kReconstruction;
  PreparedData prepared = prepare_data(options);
  Windows windows =
      make_windows(prepared.data, {options.window, options.stride});
  TrainedVariant trained =
      train_and_evaluate(spec, windows, options, progress);

  TrainedModel out;
  Model& model = out.model;
  model.schema = {prepared.data.train.channels,
                  prepared.data.train.context_names, options.window,
                  options.stride};
  model.network = trained.training.autoencoder;
  model.network->eval();
  model.threshold = trained.result.threshold;
  model.threshold_rule = trained.result.threshold_rule;
  model.variant = spec.name();
  model.training = training_json(options, spec, prepared, windows, trained);
  model.device = options.training.device;
  model.scaler = std::move(prepared.scaler);
  out.result = std::move(trained.result);
  out.test_scores = std::move(trained.test_scores);
  return out;
}

}  // namespace advad
