#include "advad/experiment/experiment.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <filesystem>
#include <thread>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <spdlog/spdlog.h>

#include "advad/common/error.h"
#include "advad/data/window.h"
#include "advad/eval/metrics.h"
#include "advad/eval/threshold.h"
#include "advad/nn/runtime.h"
#include "advad/preprocess/scaler.h"
#include "advad/report/plot.h"
#include "advad/report/progress.h"

namespace advad {

std::string VariantSpec::name() const {
  return nn::to_string(architecture) + (adversarial ? "-adv" : "");
}

std::vector<VariantSpec> all_variants() {
  return {{nn::Architecture::kBasic, false},
          {nn::Architecture::kBasic, true},
          {nn::Architecture::kDeep, false},
          {nn::Architecture::kDeep, true}};
}

VariantSpec parse_variant(const std::string& name) {
  for (const VariantSpec& spec : all_variants()) {
    if (spec.name() == name) {
      return spec;
    }
  }
  throw InputError(fmt::format(
      "unknown variant '{}'; choose among basic, basic-adv, deep, deep-adv",
      name));
}

namespace {

void check_values_finite(const Dataset& data, const char* part) {
  for (std::size_t r = 0; r < data.values.rows; ++r) {
    const float* row = data.values.row(r);
    for (std::size_t c = 0; c < data.values.cols; ++c) {
      if (!std::isfinite(row[c])) {
        throw InputError(fmt::format(
            "{} data, row {}, channel '{}': value {} is not finite; remove "
            "or fill it before training",
            part, r + 1, data.channels[c], row[c]));
      }
    }
  }
}

}  // namespace

PreparedData prepare_data(const ExperimentOptions& options) {
  PreparedData prepared;
  prepared.data = load_experiment_data(options.inputs);
  check_values_finite(prepared.data.train, "training");
  check_values_finite(prepared.data.validation, "validation");
  check_values_finite(prepared.data.test, "test");

  prepared.scaler = make_scaler(options.scaler);
  for (std::size_t c : prepared.scaler->fit(prepared.data.train.values)) {
    prepared.constant_channels.push_back(prepared.data.train.channels[c]);
  }
  if (!prepared.constant_channels.empty()) {
    spdlog::warn("{} channels are constant in the training data and scale "
                 "to a fixed value: {}",
                 prepared.constant_channels.size(),
                 fmt::join(prepared.constant_channels, ", "));
  }
  prepared.scaler->transform(prepared.data.train.values);
  prepared.scaler->transform(prepared.data.validation.values);
  prepared.scaler->transform(prepared.data.test.values);
  return prepared;
}

Windows make_windows(const ExperimentData& data, WindowOptions options) {
  Windows windows{WindowSet(data.train, options),
                  WindowSet(data.validation, options),
                  WindowSet(data.test, options)};
  windows.train.keep_normal_only();
  windows.validation.keep_normal_only();
  for (const WindowSet* set : {&windows.train, &windows.test}) {
    for (const std::string& source : set->skipped_segments()) {
      spdlog::warn("{}: segment shorter than the window of {} rows skipped",
                   source, options.length);
    }
  }
  if (windows.train.size() == 0) {
    throw InputError(fmt::format(
        "no training window of {} rows fits in the training data; use a "
        "smaller --window or more data",
        options.length));
  }
  if (windows.test.size() == 0) {
    throw InputError(fmt::format(
        "no test window of {} rows fits in the test data; use a smaller "
        "--window or longer test files",
        options.length));
  }
  return windows;
}

TrainedVariant train_and_evaluate(const VariantSpec& spec,
                                  const Windows& windows,
                                  const ExperimentOptions& options,
                                  Progress* progress) {
  nn::TrainOptions training = options.training;
  training.adversarial = spec.adversarial;
  std::string name = spec.name();
  auto on_epoch = [&](const EpochRecord& record) {
    if (progress != nullptr) {
      progress->advance(1, fmt::format("{} epoch {} val {:.5f}", name,
                                       record.epoch, record.validation_loss));
    }
  };
  nn::TrainingResult trained = nn::train_autoencoder(
      spec.architecture, windows.train, windows.validation, training,
      on_epoch);
  if (progress != nullptr) {
    progress->forgo(static_cast<std::size_t>(training.epochs) -
                    trained.history.size());
  }

  // The threshold comes from normal validation windows, never from test
  // labels.
  const WindowSet& calibration =
      windows.validation.size() > 0 ? windows.validation : windows.train;
  std::vector<double> calibration_scores = nn::reconstruction_errors(
      trained.autoencoder, calibration, training.device);
  std::vector<double> test_scores = nn::reconstruction_errors(
      trained.autoencoder, windows.test, training.device);

  TrainedVariant trained_variant;
  VariantResult& result = trained_variant.result;
  result.name = name;
  result.architecture = nn::to_string(spec.architecture);
  result.adversarial = spec.adversarial;
  result.threshold = quantile(calibration_scores, options.threshold_quantile);
  result.threshold_rule = fmt::format(
      "quantile {} of {} normal {} window scores", options.threshold_quantile,
      calibration_scores.size(),
      windows.validation.size() > 0 ? "validation" : "training");
  result.metrics = evaluate(test_scores, windows.test.labels(),
                            result.threshold);
  result.epochs_run = static_cast<int>(trained.history.size());
  result.best_epoch = trained.best_epoch;
  result.train_seconds = trained.seconds;
  result.history = trained.history;
  trained_variant.training = std::move(trained);
  trained_variant.test_scores = std::move(test_scores);
  return trained_variant;
}

namespace {

// Runs the variants on `jobs` threads; rethrows the first failure.
std::vector<VariantResult> run_variants(const Windows& windows,
                                        const ExperimentOptions& options,
                                        int jobs, Progress& progress) {
  std::vector<VariantResult> results(options.variants.size());
  std::vector<std::exception_ptr> errors(options.variants.size());
  std::atomic<std::size_t> next{0};
  auto worker = [&] {
    for (std::size_t i = next++; i < results.size(); i = next++) {
      try {
        results[i] = train_and_evaluate(options.variants[i], windows,
                                        options, &progress)
                         .result;
      } catch (...) {
        errors[i] = std::current_exception();
      }
    }
  };
  std::vector<std::thread> threads;
  for (int t = 0; t < jobs; ++t) {
    threads.emplace_back(worker);
  }
  for (std::thread& thread : threads) {
    thread.join();
  }
  for (const std::exception_ptr& error : errors) {
    if (error) {
      std::rethrow_exception(error);
    }
  }
  return results;
}

int choose_jobs(const ExperimentOptions& options) {
  int cores = std::max(1u, std::thread::hardware_concurrency());
  int jobs = options.jobs > 0 ? options.jobs : cores;
  if (!options.training.device.is_cpu()) {
    jobs = 1;  // variants on one GPU run one after another
  }
  return std::clamp(jobs, 1, static_cast<int>(options.variants.size()));
}

nlohmann::json describe(const ExperimentOptions& options,
                        const PreparedData& prepared, const Windows& windows,
                        int jobs) {
  const nn::TrainOptions& t = options.training;
  return {
      {"data", summarize(prepared.data)},
      {"windows",
       {{"length", options.window},
        {"stride", options.stride},
        {"train", windows.train.size()},
        {"validation", windows.validation.size()},
        {"test", windows.test.size()}}},
      {"scaler", prepared.scaler->name()},
      {"constant_channels", prepared.constant_channels},
      {"threshold_quantile", options.threshold_quantile},
      {"training",
       {{"epochs", t.epochs},
        {"batch_size", t.batch_size},
        {"learning_rate", t.learning_rate},
        {"patience", t.patience},
        {"adversarial_weight", t.adversarial_weight},
        {"discriminator_learning_rate", t.discriminator_learning_rate},
        {"seed", t.seed},
        {"device", t.device.str()}}},
      {"jobs", jobs},
      {"torch_version", nn::torch_version()},
      {"blas", nn::detect_blas().path},
  };
}

}  // namespace

ExperimentReport run_experiment(const ExperimentOptions& options) {
  if (options.variants.empty()) {
    throw InputError("no variant to run; name at least one with --variant");
  }
  PreparedData prepared = prepare_data(options);
  Windows windows = make_windows(prepared.data,
                                 {options.window, options.stride});
  int jobs = choose_jobs(options);
  int cores = std::max(1u, std::thread::hardware_concurrency());
  nn::configure_threads(std::max(1, cores / jobs));
  spdlog::info("{} training, {} validation, {} test windows; {} variants on "
               "{} threads",
               windows.train.size(), windows.validation.size(),
               windows.test.size(), options.variants.size(), jobs);

  Progress progress("training",
                    options.variants.size() *
                        static_cast<std::size_t>(options.training.epochs),
                    options.progress);
  ExperimentReport report;
  report.config = describe(options, prepared, windows, jobs);
  report.variants = run_variants(windows, options, jobs, progress);
  progress.finish();

  write_results(options.out, report);
  if (options.plot) {
    write_comparison_plot(options.out, report);
  }
  return report;
}

}  // namespace advad
