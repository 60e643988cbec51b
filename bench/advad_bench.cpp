// advad_bench: training and scoring speed of the study's four variants,
// each on one core, beside the time bound of their matrix products.
//
//   advad_bench train --data DIR --epochs 3 --out advad.json
//   advad_bench load --npy FILE --out load.json
//
// `train` reads a KUKA folder as 'advad experiment --kuka DIR' does and
// writes epoch times, matrix-product bounds, scoring rates, latencies,
// thread settings and peak memory as JSON. `load` times the .npy reader
// on one file, in a process of its own so that its peak memory is its own.
#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <dlfcn.h>
#include <unistd.h>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>
#include <torch/torch.h>

#include "advad/common/error.h"
#include "advad/detector.h"
#include "advad/experiment/experiment.h"
#include "advad/io/npy.h"
#include "advad/model/model.h"
#include "advad/nn/runtime.h"
#include "advad/nn/training.h"
#include "advad/preprocess/scaler.h"
#include "flop_bound.h"

namespace advad::bench {

namespace {

using Clock = std::chrono::steady_clock;
using nlohmann::json;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// ---------------------------------------------------------------- memory

// Returns a size field of /proc/self/status, such as VmRSS, in bytes, or
// 0 when the field is missing.
double status_bytes(const std::string& field) {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind(field + ":", 0) == 0) {
      return std::stod(line.substr(field.size() + 1)) * 1024.0;
    }
  }
  return 0.0;
}

double peak_resident_bytes() { return status_bytes("VmHWM"); }

// ---------------------------------------------------------------- threads

// Returns OpenBLAS' thread count, or -1 when the BLAS in use is not
// OpenBLAS.
int openblas_threads() {
  using GetThreads = int (*)();
  auto get = reinterpret_cast<GetThreads>(
      ::dlsym(RTLD_DEFAULT, "openblas_get_num_threads"));
  return get != nullptr ? get() : -1;
}

std::size_t process_threads() {
  auto tasks = std::filesystem::directory_iterator("/proc/self/task");
  return static_cast<std::size_t>(
      std::distance(tasks, std::filesystem::directory_iterator()));
}

json thread_settings() {
  torch::Tensor a = torch::rand({512, 512});
  torch::Tensor b = torch::rand({512, 512});
  (void)torch::mm(a, b).relu().sum();  // starts the thread pools
  return {{"torch_intra_op", at::get_num_threads()},
          {"torch_inter_op", at::get_num_interop_threads()},
          {"openblas", openblas_threads()},
          {"process_threads", process_threads()}};
}

std::string environment_value(const char* name) {
  const char* value = std::getenv(name);
  return value != nullptr ? value : "";
}

// Records the thread settings before and after advad's
// configure_threads(1), and inside a new std::thread, because 'advad
// experiment' calls configure_threads once and then trains each variant
// in a thread of its own.
json check_threads() {
  json report;
  report["OMP_NUM_THREADS"] = environment_value("OMP_NUM_THREADS");
  report["OPENBLAS_NUM_THREADS"] = environment_value("OPENBLAS_NUM_THREADS");
  report["cores"] = std::thread::hardware_concurrency();
  report["default"] = thread_settings();
  nn::configure_threads(1);
  report["configured"] = thread_settings();
  std::thread worker([&] { report["worker_thread"] = thread_settings(); });
  worker.join();
  return report;
}

// Sets LibTorch's intra-op and OpenBLAS' thread counts separately, which
// configure_threads() sets to the same value.
void set_threads(int intra_op, int blas) {
  at::set_num_threads(intra_op);
  using SetThreads = void (*)(int);
  if (auto set = reinterpret_cast<SetThreads>(
          ::dlsym(RTLD_DEFAULT, "openblas_set_num_threads"))) {
    set(blas);
  }
}

// ---------------------------------------------------------------- training

struct Variant {
  VariantSpec spec;
  nn::TrainingResult trained;  // of the run at the first batch size
};

json time_epochs(const std::vector<EpochRecord>& history) {
  std::vector<double> seconds;
  for (const EpochRecord& record : history) {
    seconds.push_back(record.seconds);
  }
  double total = 0.0;
  for (double s : seconds) {
    total += s;
  }
  return {{"epoch_seconds", seconds},
          {"best_epoch_seconds",
           *std::min_element(seconds.begin(), seconds.end())},
          {"mean_epoch_seconds", total / static_cast<double>(seconds.size())}};
}

nn::TrainOptions training_options(const VariantSpec& spec, int epochs,
                                  std::int64_t batch) {
  nn::TrainOptions options;
  options.epochs = epochs;
  options.patience = 0;  // every epoch runs
  options.batch_size = batch;
  options.adversarial = spec.adversarial;
  return options;
}

// Trains `spec` for `epochs` at `batch` and sets its epoch times and the
// bound of its matrix products into `out`.
nn::TrainingResult time_training(const VariantSpec& spec,
                                 const Windows& windows, int epochs,
                                 std::int64_t batch, GemmProbe& probe,
                                 json& out) {
  nn::TrainingResult trained = nn::train_autoencoder(
      spec.architecture, windows.train, windows.validation,
      training_options(spec, epochs, batch));
  out = time_epochs(trained.history);
  EpochBound bound = probe.bound(epoch_gemms(
      static_cast<std::int64_t>(windows.train.width()), spec.adversarial,
      batch, static_cast<std::int64_t>(windows.train.size()),
      static_cast<std::int64_t>(windows.validation.size())));
  out["bound_seconds"] = bound.seconds;
  out["peak_bound_seconds"] = bound.peak_seconds;
  out["gemm_flops"] = bound.flops;
  spdlog::info("{} batch {}: best epoch {:.3f} s, matrix-product bound "
               "{:.3f} s",
               spec.name(), batch, out["best_epoch_seconds"].get<double>(),
               bound.seconds);
  return trained;
}

// Times the basic variant at batch 256 for each pair of LibTorch intra-op
// and OpenBLAS thread counts, 1 or all cores. 'advad experiment' gives
// both all cores when it trains a single variant. Restores one thread
// of each afterwards.
json time_thread_settings(const Windows& windows, int epochs) {
  auto cores =
      static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  VariantSpec basic{nn::Architecture::kBasic, false};
  json out = json::array();
  for (int intra_op : {1, cores}) {
    for (int blas : {1, cores}) {
      set_threads(intra_op, blas);
      nn::TrainingResult trained = nn::train_autoencoder(
          basic.architecture, windows.train, windows.validation,
          training_options(basic, epochs, 256));
      json timing = time_epochs(trained.history);
      timing["torch_intra_op"] = intra_op;
      timing["openblas"] = blas;
      out.push_back(timing);
    }
  }
  set_threads(1, 1);
  return out;
}

// ---------------------------------------------------------------- scoring

// Calls `run` until `min_seconds` have passed; returns calls per second.
double calls_per_second(const std::function<void()>& run,
                        double min_seconds) {
  run();  // warm-up
  auto start = Clock::now();
  std::size_t calls = 0;
  while (seconds_since(start) < min_seconds) {
    run();
    ++calls;
  }
  return static_cast<double>(calls) / seconds_since(start);
}

// Returns the median seconds of `calls` single calls of `run`.
double median_latency(const std::function<void()>& run, int calls) {
  for (int i = 0; i < 100; ++i) {
    run();  // warm-up
  }
  std::vector<double> seconds(static_cast<std::size_t>(calls));
  for (double& s : seconds) {
    auto start = Clock::now();
    run();
    s = seconds_since(start);
  }
  std::nth_element(seconds.begin(), seconds.begin() + calls / 2,
                   seconds.end());
  return seconds[static_cast<std::size_t>(calls / 2)];
}

// Windows per second of reconstruction_errors() in batches of `batch`.
double engine_rate(nn::Autoencoder& network, const WindowSet& windows,
                   std::int64_t batch) {
  double calls = calls_per_second(
      [&] {
        nn::reconstruction_errors(network, windows, torch::kCPU, batch);
      },
      0.5);
  return calls * static_cast<double>(windows.size());
}

// Scoring through the engine: reconstruction_errors() at its default
// batch of 4096 windows and at smaller batches, whose intermediate
// tensors stay in the core's cache, and one window's forward pass and
// mean squared error.
json time_engine_scoring(nn::Autoencoder& network, const WindowSet& windows,
                         GemmProbe& probe) {
  json out;
  auto width = static_cast<std::int64_t>(windows.width());
  for (std::int64_t batch : {4096, 1024, 256, 64}) {
    EpochBound bound = probe.bound(scoring_gemms(width, batch));
    out["batches"][std::to_string(batch)] = {
        {"windows_per_second", engine_rate(network, windows, batch)},
        {"bound_windows_per_second",
         static_cast<double>(batch) / bound.seconds}};
  }
  out["windows_per_second"] =
      out["batches"]["4096"]["windows_per_second"];
  std::size_t first = 0;
  torch::Tensor single = nn::gather_windows(windows, &first, 1);
  torch::InferenceMode inference;
  out["single_window_seconds"] = median_latency(
      [&] {
        torch::Tensor error = (network->forward(single) - single).pow(2);
        (void)error.mean().item<double>();
      },
      2000);
  return out;
}

// A model file of `network` as 'advad train' would write it, with a
// scaler fitted on the raw training rows.
Model make_model(const nn::Autoencoder& network, const std::string& variant,
                 const ExperimentData& raw, std::size_t window) {
  Model model;
  model.schema = {raw.train.channels, raw.train.context_names, window, 1};
  model.scaler = make_scaler("minmax");
  model.scaler->fit(raw.train.values);
  model.network = network;
  model.threshold = 1.0;
  model.threshold_rule = "benchmark";
  model.variant = variant;
  model.training = json::object();
  return model;
}

// Scoring through the public Detector API on raw rows: all test rows at
// once, and the rows of a single window.
json time_detector_scoring(const Detector& detector, const Dataset& test,
                           std::size_t window) {
  const float* rows = test.values.values.data();
  std::size_t row_count = test.values.rows;
  auto windows = static_cast<double>(row_count - window + 1);
  double rate = calls_per_second(
      [&] { (void)detector.score(rows, row_count); }, 0.5);
  double latency = median_latency(
      [&] { (void)detector.score(rows, window); }, 2000);
  return {{"windows_per_second", rate * windows},
          {"single_window_seconds", latency}};
}

json time_scoring(Variant& variant, const Windows& windows,
                  const ExperimentData& raw, std::size_t window,
                  const std::filesystem::path& folder, GemmProbe& probe) {
  json out;
  out["engine"] = time_engine_scoring(variant.trained.autoencoder,
                                      windows.test, probe);
  std::string path = (folder / (variant.spec.name() + ".advad")).string();
  save_model(make_model(variant.trained.autoencoder, variant.spec.name(),
                        raw, window),
             path);
  out["detector"] = time_detector_scoring(Detector::load(path), raw.test,
                                          window);
  return out;
}

// ---------------------------------------------------------------- commands

struct TrainCli {
  std::string data;
  int epochs = 3;
  std::vector<std::int64_t> batch_sizes = {256, 32};
  std::string out;
};

ExperimentOptions experiment_options(const TrainCli& cli) {
  ExperimentOptions options;
  options.inputs.kuka_dir = cli.data;
  return options;
}

double float32_bytes(const ExperimentData& data) {
  double values = static_cast<double>(data.train.values.values.size() +
                                      data.validation.values.values.size() +
                                      data.test.values.values.size());
  return 4.0 * values;
}

json describe_windows(const Windows& windows) {
  return {{"width", windows.train.width()},
          {"train", windows.train.size()},
          {"validation", windows.validation.size()},
          {"test", windows.test.size()}};
}

// Trains every variant at every batch size of `cli` into `out`, and
// returns the variants with the models of their first batch size.
std::vector<Variant> time_variants(const Windows& windows,
                                   const TrainCli& cli, GemmProbe& probe,
                                   json& out) {
  std::vector<Variant> variants;
  for (const VariantSpec& spec : all_variants()) {
    Variant& variant = variants.emplace_back(Variant{spec, {}});
    for (std::int64_t batch : cli.batch_sizes) {
      json timing;
      nn::TrainingResult trained = time_training(
          spec, windows, cli.epochs, batch, probe, timing);
      out[spec.name()][std::to_string(batch)] = timing;
      if (!variant.trained.autoencoder) {
        variant.trained = std::move(trained);
      }
    }
  }
  return variants;
}

json run_train(const TrainCli& cli) {
  json report;
  report["threads"] = check_threads();  // leaves one thread configured
  report["torch_version"] = nn::torch_version();
  report["blas"] = nn::detect_blas().path;
  report["baseline_resident_bytes"] = status_bytes("VmRSS");

  ExperimentOptions options = experiment_options(cli);
  PreparedData prepared = prepare_data(options);
  Windows windows = make_windows(prepared.data,
                                 {options.window, options.stride});
  report["windows"] = describe_windows(windows);
  report["data_float32_bytes"] = float32_bytes(prepared.data);

  GemmProbe probe;
  std::vector<Variant> variants =
      time_variants(windows, cli, probe, report["training"]);
  report["peak_resident_bytes_training"] = peak_resident_bytes();
  report["thread_settings"] = time_thread_settings(windows, cli.epochs);

  ExperimentData raw = load_experiment_data(options.inputs);
  std::filesystem::path folder = std::filesystem::temp_directory_path() /
                                 fmt::format("advad_bench_{}", ::getpid());
  std::filesystem::create_directories(folder);
  for (Variant& variant : variants) {
    report["scoring"][variant.spec.name()] =
        time_scoring(variant, windows, raw, options.window, folder, probe);
  }
  std::filesystem::remove_all(folder);
  report["gemm"] = probe.to_json();
  report["peak_resident_bytes"] = peak_resident_bytes();
  return report;
}

// Reads `path` with the .npy reader `repeats` times; the first read may
// come from disk, later ones from the page cache.
json run_load(const std::string& path, int repeats) {
  nn::configure_threads(1);
  json report;
  report["baseline_resident_bytes"] = status_bytes("VmRSS");
  report["file_bytes"] = std::filesystem::file_size(path);
  std::vector<double> seconds;
  for (int i = 0; i < repeats; ++i) {
    auto start = Clock::now();
    Matrix matrix = npy::read_matrix(path);
    seconds.push_back(seconds_since(start));
    report["float32_bytes"] = 4.0 * static_cast<double>(matrix.values.size());
  }
  report["load_seconds"] = seconds;
  report["best_load_seconds"] =
      *std::min_element(seconds.begin(), seconds.end());
  report["peak_resident_bytes"] = peak_resident_bytes();
  return report;
}

// Throws InputError before any work when `path` cannot be written.
void check_output_folder(const std::string& path) {
  std::filesystem::path folder = std::filesystem::path(path).parent_path();
  if (!folder.empty() && !std::filesystem::is_directory(folder)) {
    throw InputError(fmt::format(
        "output folder '{}' of '{}' does not exist; create it first",
        folder.string(), path));
  }
}

void write_json(const std::string& path, const json& report) {
  std::ofstream file(path);
  file << report.dump(2) << '\n';
  if (!file) {
    throw InputError(fmt::format(
        "failed to write '{}'. Check that its folder exists and is "
        "writable.",
        path));
  }
}

}  // namespace

}  // namespace advad::bench

int main(int argc, char** argv) {
  using namespace advad::bench;
  CLI::App app("Training and scoring speed of the study's four variants");
  app.require_subcommand(1);

  TrainCli train;
  CLI::App* train_command = app.add_subcommand(
      "train", "Time training, scoring and the matrix-product bound");
  train_command->add_option("--data", train.data,
                            "KUKA folder, as 'advad synth' writes it")
      ->required()->check(CLI::ExistingDirectory);
  train_command->add_option("--epochs", train.epochs, "Epochs per run")
      ->capture_default_str()->check(CLI::Range(1, 1000));
  train_command->add_option("--batch-size", train.batch_sizes,
                            "Batch sizes to time (repeatable)")
      ->capture_default_str()->check(CLI::Range(2, 1 << 20));
  train_command->add_option("--out", train.out, "JSON file to write")
      ->required();

  std::string npy_path;
  std::string load_out;
  int repeats = 3;
  CLI::App* load_command = app.add_subcommand(
      "load", "Time the .npy reader on one file");
  load_command->add_option("--npy", npy_path, ".npy file to read")
      ->required()->check(CLI::ExistingFile);
  load_command->add_option("--repeats", repeats, "Reads of the file")
      ->capture_default_str()->check(CLI::Range(1, 100));
  load_command->add_option("--out", load_out, "JSON file to write")
      ->required();

  CLI11_PARSE(app, argc, argv);
  try {
    if (*train_command) {
      check_output_folder(train.out);
      write_json(train.out, run_train(train));
    } else {
      check_output_folder(load_out);
      write_json(load_out, run_load(npy_path, repeats));
    }
  } catch (const advad::InputError& error) {
    spdlog::error("{}", error.what());
    return 2;
  } catch (const std::exception& error) {
    spdlog::error("{}", error.what());
    return 1;
  }
  return 0;
}
