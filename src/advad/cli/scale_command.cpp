// advad scale: fit a scaler on one file and write another one scaled, to
// look at what the models see.
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <spdlog/spdlog.h>

#include "advad/cli/commands.h"
#include "advad/cli/options.h"
#include "advad/common/error.h"
#include "advad/io/delimited.h"
#include "advad/io/experiment_data.h"
#include "advad/preprocess/scaler.h"

namespace advad::cli {

namespace {

struct ScaleCli {
  std::string scaler = "minmax";
  ScalerOptions scaler_options;
  std::string fit_file;
  std::string apply_file;
  std::string out;
  std::string parameters_out;
  // Label and ignored columns and the shared reading options.
  InputOptions inputs;
};

DelimitedOptions reader_options(const ScaleCli& cli) {
  return reading_options(cli.inputs);
}

// Returns a CSV field: quoted, with doubled quotes, when it contains a
// comma, a quote, a line break or surrounding spaces.
std::string csv_field(const std::string& text) {
  bool plain = text.find_first_of(",\"\r\n") == std::string::npos &&
               (text.empty() || (text.front() != ' ' && text.back() != ' '));
  if (plain) {
    return text;
  }
  std::string quoted = "\"";
  for (char c : text) {
    quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  }
  return quoted + "\"";
}

void write_header(std::ostream& out, const Dataset& data,
                  const std::string& label_name) {
  std::vector<std::string> fields;
  for (const std::string& channel : data.channels) {
    fields.push_back(csv_field(channel));
  }
  if (data.has_labels()) {
    fields.push_back(csv_field(label_name));
  }
  out << fmt::format("{}\n", fmt::join(fields, ","));
}

// Writes the scaled values with the shortest text that reads back to the
// same float32 (or, with --float64, float64) value.
void write_scaled_csv(const std::string& path, const Dataset& data,
                      const std::string& label_name) {
  std::ofstream out(path);
  if (!out) {
    throw InputError(fmt::format("{}: cannot open for writing: {}", path,
                                 std::strerror(errno)));
  }
  write_header(out, data, label_name);
  for (std::size_t r = 0; r < data.rows(); ++r) {
    std::string line;
    for (std::size_t c = 0; c < data.values.cols; ++c) {
      if (c > 0) {
        line += ',';
      }
      line += data.has_values64() ? fmt::format("{}", data.values64.at(r, c))
                                  : fmt::format("{}", data.values.at(r, c));
    }
    if (data.has_labels()) {
      line += fmt::format(",{}", data.labels[r]);
    }
    out << line << '\n';
  }
  if (!out.flush()) {
    throw InputError(fmt::format("{}: writing failed: {}", path,
                                 std::strerror(errno)));
  }
}

void write_parameters(const std::string& path, const Scaler& scaler) {
  std::ofstream out(path);
  out << scaler.to_json().dump(2) << '\n';
  if (!out.flush()) {
    throw InputError(fmt::format("{}: cannot write the scaler parameters",
                                 path));
  }
}

int run_scale_command(const ScaleCli& cli) {
  DelimitedOptions options = reader_options(cli);
  std::unique_ptr<Scaler> scaler =
      make_scaler(cli.scaler, cli.scaler_options);
  Dataset fit_data = read_series_file(cli.fit_file, options);
  std::vector<std::size_t> constant = fit_data.has_values64()
                                          ? scaler->fit(fit_data.values64)
                                          : scaler->fit(fit_data.values);
  if (!constant.empty()) {
    std::vector<std::string> names;
    for (std::size_t c : constant) {
      names.push_back(fit_data.channels[c]);
    }
    spdlog::warn("{} channels are constant in {} and scale to a fixed value: "
                 "{}",
                 names.size(), cli.fit_file, fmt::join(names, ", "));
  }

  Dataset applied = select_channels(read_series_file(cli.apply_file, options),
                                    fit_data.channels, cli.apply_file);
  if (applied.has_values64()) {
    scaler->transform(applied.values64);
  } else {
    scaler->transform(applied.values);
  }
  const std::string& label_column = cli.inputs.label_column;
  std::string label_name =
      label_column.empty() ? std::string("label") : label_column;
  write_scaled_csv(cli.out, applied, label_name);
  if (!cli.parameters_out.empty()) {
    write_parameters(cli.parameters_out, *scaler);
  }
  std::cout << fmt::format(
      "{} rows x {} channels of {} scaled by {} (fitted on {} rows of {}) "
      "written to {}\n",
      applied.rows(), applied.channels.size(), cli.apply_file,
      scaler->name(), fit_data.rows(), cli.fit_file, cli.out);
  return 0;
}

void add_reader_options(CLI::App& command, ScaleCli& cli) {
  command.add_option("--label-column", cli.inputs.label_column,
                     "Column of 0/1 row labels: left out of the channels "
                     "and copied to the output unscaled");
  command.add_option("--ignore-column", cli.inputs.ignore_columns,
                     "Column to leave out of the channels (repeatable)");
  add_reading_options(command, cli.inputs);
}

}  // namespace

Command add_scale_command(CLI::App& app, GlobalFlags& flags) {
  auto state = std::make_shared<ScaleCli>();
  CLI::App* command = app.add_subcommand(
      "scale",
      "Fit a scaler on the channels of one file and write another file "
      "scaled by it, as the models see it. Channels are matched by name.");
  add_global_flags(*command, flags);
  command->add_option("--scaler", state->scaler,
                      "Scaler to fit:\n" + describe_scalers())
      ->capture_default_str();
  command->add_option("--quantiles", state->scaler_options.quantiles,
                      "Quantiles estimated by the quantile scalers (fewer "
                      "when the fit file has fewer rows)")
      ->capture_default_str()->check(CLI::Range(1, 1000000));
  command->add_option("--fit", state->fit_file,
                      "File whose rows the scaler is fitted on (.csv/.txt "
                      "or .npy)")
      ->required();
  command->add_option("--apply", state->apply_file,
                      "File to scale; may be the --fit file")
      ->required();
  command->add_option("--out", state->out,
                      "CSV file to write: the scaled channels, then the "
                      "labels when --label-column names them")
      ->required();
  command->add_option("--parameters", state->parameters_out,
                      "JSON file to write the fitted scaler parameters to");
  add_reader_options(*command, *state);
  return {command, [state] { return run_scale_command(*state); }};
}

}  // namespace advad::cli
