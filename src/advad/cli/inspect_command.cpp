// advad inspect: what advad reads from input files, before any training.
#include <fmt/format.h>

#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "advad/cli/commands.h"
#include "advad/cli/options.h"
#include "advad/common/error.h"
#include "advad/data/series_checks.h"
#include "advad/io/delimited.h"
#include "advad/io/experiment_data.h"
#include "advad/io/inspection.h"

namespace advad::cli {

namespace {

struct InspectCli {
  std::vector<std::string> files;
  InputOptions inputs;
  std::size_t window = 0;
  bool json = false;
};

void add_inspect_options(CLI::App& command, InspectCli& cli) {
  InputOptions& inputs = cli.inputs;
  command.add_option("files", cli.files,
                     "Delimited text (.csv/.txt/.tsv) or .npy files");
  command.add_option("--kuka", inputs.kuka_dir,
                     "Folder with KukaColumnNames.npy, KukaNormal.npy and "
                     "KukaSlow.npy");
  command.add_flag("--action-as-channel", inputs.action_as_channel,
                   "Count the KUKA 'action' column as a channel");
  command.add_option("--label-column", inputs.label_column,
                     "Column of 0/1 (or True/False) row labels");
  command.add_option("--test-labels", inputs.test_label_files,
                     "Label file for each FILE, in the same order: one 0/1 "
                     "per row, as text or .npy");
  command.add_option("--ignore-column", inputs.ignore_columns,
                     "Column to leave out of the channels (repeatable)");
  add_reading_options(command, inputs);
  command
      .add_option("--window", cli.window,
                  "Check that the segments hold windows of this many "
                  "rows; 0 (default) skips the check")
      ->check(CLI::NonNegativeNumber);
  command.add_flag("--json", cli.json, "Print the findings as JSON");
}

std::vector<Inspection> inspect_all(const InspectCli& cli) {
  const InputOptions& inputs = cli.inputs;
  if (cli.files.empty() && inputs.kuka_dir.empty()) {
    throw InputError(
        "nothing to inspect; give one or more FILEs or --kuka "
        "DIR");
  }
  if (!inputs.test_label_files.empty() &&
      inputs.test_label_files.size() != cli.files.size()) {
    throw InputError(fmt::format(
        "{} --test-labels files for {} FILEs; give one label file per "
        "file, in the same order",
        inputs.test_label_files.size(), cli.files.size()));
  }
  std::vector<Inspection> inspections;
  if (!inputs.kuka_dir.empty()) {
    inspections =
        inspect_kuka(inputs.kuka_dir, inputs.action_as_channel, cli.window);
  }
  const DelimitedOptions reading = reading_options(inputs);
  for (std::size_t i = 0; i < cli.files.size(); ++i) {
    const std::string label_file =
        inputs.test_label_files.empty() ? "" : inputs.test_label_files[i];
    inspections.push_back(
        inspect_series_file(cli.files[i], reading, label_file, cli.window));
  }
  check_channel_match(inspections);
  return inspections;
}

std::size_t count_unusable(const std::vector<Inspection>& inspections) {
  std::size_t count = 0;
  for (const Inspection& inspection : inspections) {
    count += inspection.usable() ? 0 : 1;
  }
  return count;
}

void print_json(const std::vector<Inspection>& inspections) {
  nlohmann::json inputs = nlohmann::json::array();
  for (const Inspection& inspection : inspections) {
    inputs.push_back(to_json(inspection));
  }
  const nlohmann::json document = {{"usable", count_unusable(inspections) == 0},
                                   {"inputs", inputs}};
  std::cout << document.dump(2) << "\n";
}

void print_text(const std::vector<Inspection>& inspections) {
  for (const Inspection& inspection : inspections) {
    std::cout << format_inspection(inspection) << "\n";
  }
  const std::size_t unusable = count_unusable(inspections);
  if (unusable == 0) {
    std::cout << fmt::format("all {} inputs are usable\n", inspections.size());
  } else {
    std::cout << fmt::format("{} of {} inputs are not usable\n", unusable,
                             inspections.size());
  }
}

// Exit status when an input is not usable, as for other input errors.
constexpr int kUnusableStatus = 2;

int run_inspect_command(const InspectCli& cli) {
  const std::vector<Inspection> inspections = inspect_all(cli);
  if (cli.json) {
    print_json(inspections);
  } else {
    print_text(inspections);
  }
  return count_unusable(inspections) == 0 ? 0 : kUnusableStatus;
}

}  // namespace

Command add_inspect_command(CLI::App& app, GlobalFlags& flags) {
  auto state = std::make_shared<InspectCli>();
  CLI::App* command = app.add_subcommand(
      "inspect",
      "Show what advad reads from input files before any training: rows, "
      "channels, segments, time steps, missing values, constant channels, "
      "labels and every problem found. Exits with 0 when every input is "
      "usable, 2 otherwise.");
  add_global_flags(*command, flags);
  add_inspect_options(*command, *state);
  return {command, [state] { return run_inspect_command(*state); }};
}

}  // namespace advad::cli
