// advad score: scores new data with a model file written by advad train.
#include <algorithm>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "advad/cli/commands.h"
#include "advad/common/error.h"
#include "advad/io/experiment_data.h"
#include "advad/io/kuka.h"
#include "advad/model/atomic_file.h"
#include "advad/model/csv_row_reader.h"
#include "advad/model/model.h"
#include "advad/model/score_writer.h"
#include "advad/model/window_stream.h"
#include "advad/nn/runtime.h"

namespace advad::cli {

namespace {

// Exit statuses of advad score. 2 (invalid input) comes from main().
constexpr int kNoAlarmStatus = 0;
constexpr int kAlarmStatus = 1;
constexpr int kFailureStatus = 3;

struct ScoreCli {
  std::string model;
  std::string input;
  std::string kuka;
  std::string kuka_part = "slow";
  bool follow = false;
  std::string output = "-";
  std::string events;
  std::string format = "csv";
  std::string per = "points";
  std::size_t top_channels = 5;
  std::vector<std::string> ignore_columns;
  std::string label_column;
  std::string device = "cpu";
};

void add_input_options(CLI::App& command, ScoreCli& cli) {
  command.add_option("--model", cli.model, "Model file written by advad train")
      ->required();
  command.add_option("--input", cli.input,
                     "Data to score: delimited text (.csv/.txt/.tsv) or a "
                     ".npy matrix; '-' reads delimited text from standard "
                     "input as a stream (as --follow)");
  command.add_option("--kuka", cli.kuka,
                     "KUKA folder (KukaColumnNames.npy, KukaNormal.npy, "
                     "KukaSlow.npy) whose --kuka-part file is scored")
      ->check(CLI::ExistingDirectory);
  command.add_option("--kuka-part", cli.kuka_part,
                     "File of the KUKA folder to score: slow or normal")
      ->capture_default_str()
      ->check(CLI::IsMember({"slow", "normal"}));
  command.add_flag("--follow", cli.follow,
                   "Read delimited text with a header line from standard "
                   "input and score each window as soon as its last row "
                   "arrives, in memory bounded by the window");
  command.add_option("--ignore-column", cli.ignore_columns,
                     "Column of the input that is not a channel of the "
                     "model (repeatable)");
  command.add_option("--label-column", cli.label_column,
                     "Column of 0/1 row labels in the input, left out of "
                     "the channels");
  command.add_option("--device", cli.device,
                     "cpu, cuda or cuda:N (needs a CUDA build of LibTorch)")
      ->capture_default_str();
}

void add_output_options(CLI::App& command, ScoreCli& cli) {
  command.add_option("--output", cli.output,
                     "File for the scores and flags; '-' is standard output")
      ->capture_default_str();
  command.add_option("--events", cli.events,
                     "File for the alarm events, in --format; '-' is "
                     "standard output. Without it, JSON lines output "
                     "carries each event after its last row; every event "
                     "is also logged on standard error");
  command.add_option("--format", cli.format, "Output format: csv or jsonl")
      ->capture_default_str()
      ->check(CLI::IsMember({"csv", "jsonl"}));
  command.add_option("--per", cli.per,
                     "One output record per row (points: the maximum score "
                     "of the windows covering the row) or per window")
      ->capture_default_str()
      ->check(CLI::IsMember({"points", "windows"}));
  command.add_option("--top-channels", cli.top_channels,
                     "Channels listed per alarm event, by their share of "
                     "the event's squared reconstruction error")
      ->capture_default_str()
      ->check(CLI::Range(0, 100000));
}

// Reads the data to score and puts its channels in the model's order.
Dataset read_data(const ScoreCli& cli, const DataSchema& schema) {
  std::vector<std::string> ignored = cli.ignore_columns;
  if (!cli.kuka.empty()) {
    bool action_as_channel = std::find(schema.channels.begin(),
                                       schema.channels.end(),
                                       kuka::kActionColumn) !=
                             schema.channels.end();
    kuka::KukaData kuka = kuka::load(cli.kuka, action_as_channel);
    Dataset& part = cli.kuka_part == "slow" ? kuka.slow : kuka.normal;
    std::string source = fmt::format("{} in {}",
                                     cli.kuka_part == "slow"
                                         ? kuka::kSlowFile
                                         : kuka::kNormalFile,
                                     cli.kuka);
    return conform_to_schema(part, schema, ignored, source);
  }
  DelimitedOptions options;
  if (!cli.label_column.empty()) {
    options.label_columns = {cli.label_column};
  }
  options.ignore_columns = ignored;
  options.ignore_columns.insert(options.ignore_columns.end(),
                                schema.context_columns.begin(),
                                schema.context_columns.end());
  Dataset data = read_series_file(cli.input, options);
  return conform_to_schema(data, schema, ignored, cli.input);
}

// Opens `path` for writing, or returns standard output for "-".
std::ostream& open_output(const std::string& path, std::ofstream& file) {
  if (path == "-") {
    return std::cout;
  }
  check_output_path(path);
  file.open(path, std::ios::binary | std::ios::trunc);
  if (!file) {
    throw std::runtime_error(fmt::format("cannot open {} for writing", path));
  }
  return file;
}

bool streaming(const ScoreCli& cli) {
  return cli.follow || cli.input == "-";
}

void check_sources(const ScoreCli& cli) {
  int files = (!cli.input.empty() && cli.input != "-" ? 1 : 0) +
              (cli.kuka.empty() ? 0 : 1);
  if (streaming(cli) ? files != 0 : files != 1) {
    throw InputError(
        "give exactly one of --input FILE, --kuka DIR and --follow (which "
        "reads standard input, as --input -)");
  }
}

void score_stream(Model& model, const ScoreCli& cli, ScoreWriter& writer) {
  std::vector<std::string> ignored = cli.ignore_columns;
  if (!cli.label_column.empty()) {
    ignored.push_back(cli.label_column);
  }
  CsvRowReader reader(std::cin, model.schema, ignored, "standard input");
  WindowStream stream(model, cli.top_channels);
  std::vector<float> row;
  while (reader.next(row)) {
    ScoreReport report;
    stream.push(row.data(), 1, report);
    writer.write(report);
  }
  ScoreReport report;
  stream.finish(report);
  writer.write(report);
}

void score_file(Model& model, const ScoreCli& cli, ScoreWriter& writer) {
  Dataset data = read_data(cli, model.schema);
  score_segments(model, data, cli.top_channels,
                 [&writer](ScoreReport&& report) { writer.write(report); });
}

int run_score(const ScoreCli& cli) {
  check_sources(cli);
  Model model = load_model(cli.model, nn::parse_device(cli.device));
  std::ofstream output_file;
  std::ofstream events_file;
  std::ostream& output = open_output(cli.output, output_file);
  std::ostream* events =
      cli.events.empty() ? nullptr : &open_output(cli.events, events_file);
  ScoreWriter writer(output, events,
                     {cli.format == "jsonl", cli.per == "windows"});
  if (streaming(cli)) {
    score_stream(model, cli, writer);
  } else {
    score_file(model, cli, writer);
  }
  writer.finish();
  spdlog::info("{} rows, {} windows, {} alarm events (threshold {:.6g})",
               writer.rows(), writer.windows(), writer.events(),
               model.threshold);
  return writer.events() > 0 ? kAlarmStatus : kNoAlarmStatus;
}

int run_score_command(const ScoreCli& cli) {
  try {
    return run_score(cli);
  } catch (const InputError&) {
    throw;  // main() reports it with the invalid-input status
  } catch (const std::exception& error) {
    spdlog::error("{}", error.what());
    return kFailureStatus;
  }
}

}  // namespace

Command add_score_command(CLI::App& app, GlobalFlags& flags) {
  auto state = std::make_shared<ScoreCli>();
  CLI::App* command = app.add_subcommand(
      "score",
      "Score data with a model file written by advad train: per-row or "
      "per-window scores and alarm flags, and alarm events with the "
      "channels behind them. Exit status: 0 no alarm, 1 alarm raised, 2 "
      "invalid input or model file, 3 other failure.");
  add_global_flags(*command, flags);
  add_input_options(*command, *state);
  add_output_options(*command, *state);
  return {command, [state] { return run_score_command(*state); }};
}

}  // namespace advad::cli
