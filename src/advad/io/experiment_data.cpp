#include "advad/io/experiment_data.h"

#include <algorithm>
#include <cmath>
#include <filesystem>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <spdlog/spdlog.h>

#include "advad/common/error.h"
#include "advad/io/delimited.h"
#include "advad/io/kuka.h"
#include "advad/io/npy.h"
#include "advad/synth/kuka_synth.h"

namespace advad {

namespace {

namespace fs = std::filesystem;

bool has_extension(const std::string& path, const char* extension) {
  std::string found = fs::path(path).extension().string();
  std::transform(found.begin(), found.end(), found.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  return found == extension;
}

// Splits every segment of `data` in time order: the first part goes to
// `head`, the last `tail_fraction` of its rows to `tail`.
void split_segments(const Dataset& data, double tail_fraction, Dataset& head,
                    Dataset& tail) {
  std::vector<Dataset> heads;
  std::vector<Dataset> tails;
  for (const Segment& segment : data.segments) {
    auto tail_rows = static_cast<std::size_t>(
        std::llround(tail_fraction * static_cast<double>(segment.size())));
    std::size_t cut = segment.end - tail_rows;
    heads.push_back(slice_rows(data, segment.begin, cut));
    tails.push_back(slice_rows(data, cut, segment.end));
  }
  head = concatenate(heads);
  tail = concatenate(tails);
}

void check_fraction(double value, const char* name) {
  if (!(value >= 0.0 && value < 1.0)) {
    throw InputError(fmt::format(
        "{} must be in [0, 1), got {}", name, value));
  }
}

ExperimentData load_kuka(const InputOptions& options) {
  std::string folder = options.kuka_dir;
  std::string description = fmt::format("KUKA folder {}", folder);
  if (folder.empty()) {
    folder = options.generated_dir;
    synth::write_kuka_like(folder, {options.synth_scale, options.synth_seed});
    description = fmt::format(
        "generated KUKA-like data (scale {}, seed {}) in {}",
        options.synth_scale, options.synth_seed, folder);
    spdlog::info("generated KUKA-like data in {}", folder);
  }
  kuka::KukaData kuka = kuka::load(folder, options.action_as_channel);

  ExperimentData data;
  data.description = description;
  Dataset rest;
  Dataset held_out;
  split_segments(kuka.normal, options.test_normal_fraction, rest, held_out);
  double validation_share =
      options.validation_fraction / (1.0 - options.test_normal_fraction);
  split_segments(rest, validation_share, data.train, data.validation);
  data.test = concatenate({held_out, kuka.slow});
  return data;
}

// Reads a .npy matrix as a data set with channels "ch1" ... "chN".
Dataset read_npy_series(const std::string& path, bool float64,
                        InputReport& report) {
  Dataset data;
  if (float64) {
    data.values64 = npy::read_matrix64(path);
    data.values = to_float32(data.values64);
  } else {
    data.values = npy::read_matrix(path);
  }
  const std::string dtype = npy::read_header(path).descr;
  report = InputReport{};
  report.rows = RowNames{path, false};
  for (std::size_t c = 0; c < data.values.cols; ++c) {
    data.channels.push_back(fmt::format("ch{}", c + 1));
    ChannelReport channel;
    channel.name = data.channels.back();
    channel.source_type = dtype;
    report.channels.push_back(channel);
  }
  data.segments.push_back({0, data.values.rows, path});
  return data;
}

std::vector<Dataset> read_all(const std::vector<std::string>& paths,
                              const std::vector<std::string>& label_files,
                              const InputOptions& options) {
  const DelimitedOptions reading = reading_options(options);
  std::vector<Dataset> parts;
  for (std::size_t i = 0; i < paths.size(); ++i) {
    const std::string label_file =
        i < label_files.size() ? label_files[i] : std::string();
    parts.push_back(read_series_file(paths[i], reading, label_file));
  }
  return parts;
}

void check_label_file_count(const InputOptions& options) {
  if (options.test_label_files.empty() ||
      options.test_label_files.size() == options.test_files.size()) {
    return;
  }
  throw InputError(fmt::format(
      "{} --test-labels files for {} --test files; give one label file "
      "per test file, in the same order",
      options.test_label_files.size(), options.test_files.size()));
}

void attach_labels(Dataset& data, const std::string& label_file,
                   const std::string& path) {
  std::vector<std::uint8_t> labels = read_labels(label_file);
  if (labels.size() != data.rows()) {
    throw InputError(fmt::format(
        "{} has {} labels but {} has {} rows; the label file needs one "
        "value per row",
        label_file, labels.size(), path, data.rows()));
  }
  data.labels = std::move(labels);
}

std::size_t count_positive(const std::vector<std::uint8_t>& labels) {
  return static_cast<std::size_t>(
      std::count(labels.begin(), labels.end(), std::uint8_t{1}));
}

ExperimentData load_files(const InputOptions& options) {
  if (options.test_files.empty() && options.test_required) {
    throw InputError(
        "--train needs at least one --test file with labelled rows");
  }
  check_label_file_count(options);
  std::vector<Dataset> trains = read_all(options.train_files, {}, options);
  std::vector<Dataset> tests =
      read_all(options.test_files, options.test_label_files, options);
  for (std::size_t i = 0; i < tests.size(); ++i) {
    if (!tests[i].has_labels() && !options.label_column.empty() &&
        options.test_label_files.empty()) {
      throw InputError(fmt::format(
          "{} has no column '{}' for --label-column; its columns are {}",
          options.test_files[i], options.label_column,
          fmt::join(tests[i].channels, ", ")));
    }
    if (!tests[i].has_labels()) {
      throw InputError(fmt::format(
          "{} has no labels; name its label column with --label-column or "
          "give a label file with --test-labels",
          options.test_files[i]));
    }
  }

  ExperimentData data;
  data.description = fmt::format("{} training and {} test files",
                                 trains.size(), tests.size());
  Dataset train_all = concatenate(trains);
  split_segments(train_all, options.validation_fraction, data.train,
                 data.validation);
  if (tests.empty()) {
    data.test.channels = data.train.channels;
    data.test.values = Matrix(0, data.train.channels.size());
    data.test.context_names = data.train.context_names;
    data.test.context = Matrix(0, data.train.context_names.size());
    return data;
  }
  data.test = concatenate(tests);
  data.test = select_channels(data.test, data.train.channels, "test data");
  return data;
}

nlohmann::json summarize_part(const Dataset& data) {
  nlohmann::json part = {{"rows", data.rows()},
                         {"segments", data.segments.size()}};
  if (data.has_labels()) {
    part["anomalous_rows"] = count_positive(data.labels);
  }
  return part;
}

}  // namespace

Dataset read_series_file(const std::string& path,
                         const DelimitedOptions& options,
                         const std::string& label_file,
                         InputReport* report) {
  if (!fs::exists(path)) {
    throw InputError(fmt::format("{}: file not found", path));
  }
  InputReport local;
  InputReport& target = report != nullptr ? *report : local;
  Dataset data = has_extension(path, ".npy")
                     ? read_npy_series(path, options.float64, target)
                     : read_delimited_unchecked(path, options, target);
  if (!label_file.empty()) {
    attach_labels(data, label_file, path);
  }
  check_series(data, options.checks, target);
  return data;
}

Dataset read_series_file(const std::string& path,
                         const std::vector<std::string>& label_columns,
                         const std::vector<std::string>& ignore_columns) {
  DelimitedOptions options;
  options.label_columns = label_columns;
  options.ignore_columns = ignore_columns;
  return read_series_file(path, options);
}

DelimitedOptions reading_options(const InputOptions& options) {
  DelimitedOptions reading;
  if (!options.label_column.empty()) {
    reading.label_columns.push_back(options.label_column);
  }
  reading.ignore_columns = options.ignore_columns;
  reading.delimiter = options.delimiter;
  reading.decimal_comma = options.decimal_comma;
  reading.timestamp_column = options.timestamp_column;
  reading.checks = options.checks;
  reading.float64 = options.float64;
  return reading;
}

ExperimentData load_experiment_data(const InputOptions& options) {
  check_fraction(options.validation_fraction, "validation fraction");
  check_fraction(options.test_normal_fraction, "test normal fraction");
  if (!options.kuka_dir.empty() && !options.train_files.empty()) {
    throw InputError("give either --kuka or --train files, not both");
  }
  if (options.train_files.empty() && !options.test_files.empty()) {
    throw InputError("--test files need --train files to learn from");
  }
  ExperimentData data = options.train_files.empty() ? load_kuka(options)
                                                    : load_files(options);
  data.train.validate();
  data.validation.validate();
  data.test.validate();
  return data;
}

nlohmann::json summarize(const ExperimentData& data) {
  return {{"source", data.description},
          {"channels", data.train.channels.size()},
          {"context_columns", data.train.context_names},
          {"train", summarize_part(data.train)},
          {"validation", summarize_part(data.validation)},
          {"test", summarize_part(data.test)}};
}

}  // namespace advad
