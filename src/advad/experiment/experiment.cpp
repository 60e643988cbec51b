#include "advad/experiment/experiment.h"

#include <algorithm>
#include <cmath>
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
#include "advad/preprocess/labelled_split.h"
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

std::string to_string(ScoreSource source) {
  switch (source) {
    case ScoreSource::kDiscriminator:
      return "discriminator";
    case ScoreSource::kCombined:
      return "combined";
    case ScoreSource::kReconstruction:
      break;
  }
  return "reconstruction";
}

ScoreSource parse_score_source(const std::string& name) {
  for (ScoreSource source :
       {ScoreSource::kReconstruction, ScoreSource::kDiscriminator,
        ScoreSource::kCombined}) {
    if (to_string(source) == name) {
      return source;
    }
  }
  throw InputError(fmt::format(
      "unknown score '{}'; choose reconstruction, discriminator or combined",
      name));
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

// Throws InputError at the first value of `values` that is not finite.
template <typename T>
void check_finite(const BasicMatrix<T>& values,
                  const std::vector<std::string>& channels, const char* part) {
  for (std::size_t r = 0; r < values.rows; ++r) {
    const T* row = values.row(r);
    for (std::size_t c = 0; c < values.cols; ++c) {
      if (!std::isfinite(row[c])) {
        throw InputError(fmt::format(
            "{} data, row {}, channel '{}': value {} is not finite; remove "
            "or fill it before training",
            part, r + 1, channels[c], row[c]));
      }
    }
  }
}

// Checks the values as read: in double precision when the data set keeps
// them, since `values` then holds infinity for a value beyond float32.
void check_values_finite(const Dataset& data, const char* part) {
  if (data.has_values64()) {
    check_finite(data.values64, data.channels, part);
  } else {
    check_finite(data.values, data.channels, part);
  }
}

void warn_if_one_class(const std::vector<std::uint8_t>& labels) {
  auto anomalous = std::count(labels.begin(), labels.end(), std::uint8_t{1});
  if (anomalous == 0 || anomalous == static_cast<long>(labels.size())) {
    spdlog::warn("all {} test windows are {}; ROC-AUC and PR-AUC are "
                 "undefined and reported as n/a",
                 labels.size(), anomalous == 0 ? "normal" : "anomalous");
  }
}

}  // namespace

PreparedData prepare_data(const ExperimentOptions& options) {
  PreparedData prepared;
  ExperimentData& data = prepared.data;
  data = load_experiment_data(options.inputs);
  check_values_finite(data.train, "training");
  check_values_finite(data.validation, "validation");
  check_values_finite(data.test, "test");

  auto features = std::make_shared<FeaturePipeline>(options.features);
  std::optional<LabelledSplit> split;
  if (needs_labelled_split(options.features) ||
      !options.window_candidates.empty()) {
    split = split_labelled(data.test, options.features.labelled_fraction);
    spdlog::info("{} labelled test rows choose the {} and leave the test "
                 "set",
                 split->validation.rows(),
                 options.window_candidates.empty() ? "channels" : "window");
    data.test = std::move(split->rest);
  }
  prepared.constant_channels =
      features->fit(data.train, split ? &split->validation : nullptr);
  if (!prepared.constant_channels.empty()) {
    spdlog::warn("{} channels are constant in the training data and scale "
                 "to a fixed value: {}",
                 prepared.constant_channels.size(),
                 fmt::join(prepared.constant_channels, ", "));
  }
  if (options.features.reduction == "mi") {
    spdlog::info("mutual information keeps {} of {} channels: {}",
                 features->kept_channels().size(), data.train.channels.size(),
                 fmt::join(features->kept_channels(), ", "));
  }
  data.train = features->transform(data.train);
  data.validation = features->transform(data.validation);
  data.test = features->transform(data.test);
  if (split) {
    prepared.labelled = features->transform(split->validation);
  }
  prepared.scaler = features->copy_scaler();
  prepared.features = std::move(features);
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
  if (windows.test.size() == 0 && data.test.rows() > 0) {
    throw InputError(fmt::format(
        "no test window of {} rows fits in the test data; use a smaller "
        "--window or longer test files",
        options.length));
  }
  if (windows.test.size() > 0) {
    warn_if_one_class(windows.test.labels());
  }
  return windows;
}

Windows make_windows(PreparedData& prepared, WindowOptions options) {
  Windows windows = make_windows(prepared.data, options);
  if (!prepared.features || !prepared.features->projects_windows()) {
    return windows;
  }
  FeaturePipeline& features = *prepared.features;
  features.fit_windows(windows.train);
  spdlog::info("PCA keeps {} components of {} window values",
               features.pca().component_count(), windows.train.width());
  ExperimentData& projected = prepared.projected;
  projected.description = prepared.data.description;
  projected.train = features.project_windows(windows.train);
  projected.validation = features.project_windows(windows.validation);
  projected.test = features.project_windows(windows.test);
  return {WindowSet(projected.train, {1, 1}),
          WindowSet(projected.validation, {1, 1}),
          WindowSet(projected.test, {1, 1})};
}

namespace {

// Anomaly scores of the calibration and the test windows.
struct WindowScores {
  std::vector<double> calibration;
  std::vector<double> test;
  std::string source;
};

// Standardizes `scores` with the mean and deviation of `reference`.
std::vector<double> standardize(const std::vector<double>& scores,
                                const std::vector<double>& reference) {
  double mean = 0.0;
  for (double v : reference) {
    mean += v / static_cast<double>(reference.size());
  }
  double variance = 0.0;
  for (double v : reference) {
    variance += (v - mean) * (v - mean) / static_cast<double>(reference.size());
  }
  double scale = variance > 0.0 ? 1.0 / std::sqrt(variance) : 1.0;
  std::vector<double> result;
  result.reserve(scores.size());
  for (double v : scores) {
    result.push_back((v - mean) * scale);
  }
  return result;
}

WindowScores score_windows(nn::TrainingResult& trained,
                           const WindowSet& calibration, const WindowSet& test,
                           const nn::TrainOptions& training,
                           const ExperimentOptions& options) {
  WindowScores scores;
  scores.calibration = nn::reconstruction_errors(trained.autoencoder,
                                                 calibration, training.device);
  scores.test = nn::reconstruction_errors(trained.autoencoder, test,
                                          training.device);
  scores.source = to_string(ScoreSource::kReconstruction);
  if (!trained.discriminator ||
      options.score == ScoreSource::kReconstruction) {
    return scores;
  }
  std::vector<double> d_calibration =
      nn::discriminator_scores(trained, calibration, training);
  std::vector<double> d_test = nn::discriminator_scores(trained, test,
                                                        training);
  if (options.score == ScoreSource::kDiscriminator) {
    return {std::move(d_calibration), std::move(d_test),
            to_string(ScoreSource::kDiscriminator)};
  }
  double w = options.score_weight;
  auto combine = [&](const std::vector<double>& r,
                     const std::vector<double>& d) {
    std::vector<double> zr = standardize(r, scores.calibration);
    std::vector<double> zd = standardize(d, d_calibration);
    for (std::size_t i = 0; i < zr.size(); ++i) {
      zr[i] = (1.0 - w) * zr[i] + w * zd[i];
    }
    return zr;
  };
  WindowScores combined;
  combined.test = combine(scores.test, d_test);
  combined.calibration = combine(scores.calibration, d_calibration);
  combined.source = fmt::format("combined (discriminator weight {})", w);
  return combined;
}

}  // namespace

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
  WindowScores scores = score_windows(trained, calibration, windows.test,
                                      training, options);
  std::vector<double>& calibration_scores = scores.calibration;
  std::vector<double>& test_scores = scores.test;

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
  result.seed = training.seed;
  result.score_source = scores.source;
  result.history = trained.history;
  trained_variant.training = std::move(trained);
  trained_variant.test_scores = std::move(test_scores);
  return trained_variant;
}

namespace {

// Runs every variant with every seed on `jobs` threads, in the order
// variant by variant, seed by seed; rethrows the first failure.
std::vector<VariantResult> run_variants(const Windows& windows,
                                        const ExperimentOptions& options,
                                        int jobs, Progress& progress) {
  auto seeds = static_cast<std::size_t>(std::max(1, options.seeds));
  std::size_t runs = options.variants.size() * seeds;
  std::vector<VariantResult> results(runs);
  std::vector<std::exception_ptr> errors(runs);
  std::atomic<std::size_t> next{0};
  auto worker = [&] {
    for (std::size_t i = next++; i < runs; i = next++) {
      try {
        ExperimentOptions run_options = options;
        run_options.training.seed = options.training.seed + i % seeds;
        results[i] = train_and_evaluate(options.variants[i / seeds], windows,
                                        run_options, &progress)
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
  int runs = static_cast<int>(options.variants.size()) *
             std::max(1, options.seeds);
  return std::clamp(jobs, 1, runs);
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
      {"features", prepared.features ? prepared.features->describe()
                                     : nlohmann::json(nullptr)},
      {"constant_channels", prepared.constant_channels},
      {"threshold_quantile", options.threshold_quantile},
      {"seeds", options.seeds},
      {"score", to_string(options.score)},
      {"score_weight", options.score_weight},
      {"training",
       {{"epochs", t.epochs},
        {"batch_size", t.batch_size},
        {"learning_rate", t.learning_rate},
        {"patience", t.patience},
        {"adversarial", nn::to_json(t.adversary)},
        {"seed", t.seed},
        {"device", t.device.str()}}},
      {"jobs", jobs},
      {"torch_version", nn::torch_version()},
      {"blas", nn::detect_blas().path},
  };
}

}  // namespace

WindowSearchResult search_window(const PreparedData& prepared,
                                 const ExperimentOptions& options) {
  if (options.features.reduction == "pca") {
    throw InputError("the window search works on channels, not on PCA "
                     "projections of windows; use --reduction none or mi "
                     "with it");
  }
  // Lengths that leave no window in a part are dropped with a warning.
  std::vector<std::size_t> candidates;
  for (std::size_t length : options.window_candidates) {
    const WindowOptions cut{length, options.stride};
    if (WindowSet(prepared.data.train, cut).size() > 0 &&
        WindowSet(prepared.data.validation, cut).size() > 0 &&
        WindowSet(prepared.labelled, cut).size() > 0) {
      candidates.push_back(length);
    } else {
      spdlog::warn("window search: windows of {} rows do not fit the "
                   "segments; length left out",
                   length);
    }
  }
  const VariantSpec basic{nn::Architecture::kBasic, false};
  auto evaluate = [&](std::size_t length) {
    Windows windows{WindowSet(prepared.data.train, {length, options.stride}),
                    WindowSet(prepared.data.validation,
                              {length, options.stride}),
                    WindowSet(prepared.labelled, {length, options.stride})};
    windows.train.keep_normal_only();
    windows.validation.keep_normal_only();
    if (windows.train.size() == 0 || windows.validation.size() == 0) {
      throw InputError(fmt::format(
          "window search: no normal training or validation window of {} "
          "rows fits; remove that length from the candidates",
          length));
    }
    spdlog::info("window search: training basic with windows of {} rows",
                 length);
    TrainedVariant trained =
        train_and_evaluate(basic, windows, options, nullptr);
    return ScoredWindows{std::move(trained.test_scores),
                         windows.test.labels()};
  };
  return select_window(candidates, options.window_criterion, evaluate);
}

ExperimentReport run_experiment(const ExperimentOptions& options) {
  if (options.variants.empty()) {
    throw InputError("no variant to run; name at least one with --variant");
  }
  PreparedData prepared = prepare_data(options);
  std::optional<WindowSearchResult> search;
  ExperimentOptions chosen = options;
  if (!options.window_candidates.empty()) {
    search = search_window(prepared, options);
    chosen.window = search->length;
    spdlog::info("window search: {} rows by {} on the labelled split",
                 search->length, to_string(search->criterion));
  }
  Windows windows = make_windows(prepared, {chosen.window, chosen.stride});
  int jobs = choose_jobs(options);
  int cores = std::max(1u, std::thread::hardware_concurrency());
  nn::configure_threads(std::max(1, cores / jobs));
  spdlog::info("{} training, {} validation, {} test windows; {} variants on "
               "{} threads",
               windows.train.size(), windows.validation.size(),
               windows.test.size(), options.variants.size(), jobs);

  Progress progress("training",
                    options.variants.size() *
                        static_cast<std::size_t>(std::max(1, options.seeds)) *
                        static_cast<std::size_t>(options.training.epochs),
                    options.progress);
  ExperimentReport report;
  report.config = describe(chosen, prepared, windows, jobs);
  if (search) {
    report.config["window_search"] = search->to_json();
  }
  report.variants = run_variants(windows, chosen, jobs, progress);
  progress.finish();
  if (options.seeds > 1) {
    report.summaries = summarize_variants(report.variants);
    report.comparisons = compare_adversarial(report.variants);
  }

  write_results(options.out, report);
  if (options.plot) {
    write_comparison_plot(options.out, report);
  }
  return report;
}

}  // namespace advad
