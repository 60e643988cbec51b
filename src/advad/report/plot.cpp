#include "advad/report/plot.h"

#include <array>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>
#include <stdexcept>
#include <vector>

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fmt/format.h>

extern char** environ;

namespace advad {
namespace {

namespace fs = std::filesystem;

constexpr const char* kScriptName = "comparison.gp";
constexpr const char* kPngName = "comparison.png";
constexpr const char* kSvgName = "comparison.svg";

// Keeps gnuplot's output bounded in the error message.
constexpr std::size_t kMaxCapturedOutput = 16 * 1024;

// ---- script --------------------------------------------------------------

struct MetricColumn {
  const char* label;
  std::optional<double> DetectionMetrics::*value;
};

constexpr std::array<MetricColumn, 5> kMetricColumns = {{
    {"precision", &DetectionMetrics::precision},
    {"recall", &DetectionMetrics::recall},
    {"F1", &DetectionMetrics::f1},
    {"ROC-AUC", &DetectionMetrics::roc_auc},
    {"PR-AUC", &DetectionMetrics::pr_auc},
}};

// Gap between clusters, in bar widths (gnuplot's "clustered gap").
constexpr int kClusterGap = 1;

// A gnuplot single-quoted string: no escapes except '' for a quote.
// Control characters would end the line, so they become spaces.
std::string quote_for_gnuplot(const std::string& text) {
  std::string quoted = "'";
  for (char c : text) {
    if (c == '\'') {
      quoted += "''";
    } else if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
      quoted += ' ';
    } else {
      quoted += c;
    }
  }
  return quoted + "'";
}

std::string format_value(const std::optional<double>& value) {
  return value ? fmt::format("{}", *value) : std::string("NaN");
}

// One row per metric: its label, then one column per variant.
std::string metrics_block(const ExperimentReport& report) {
  std::string block = "$metrics << EOD\n";
  for (const MetricColumn& column : kMetricColumns) {
    block += fmt::format("\"{}\"", column.label);
    for (const VariantResult& variant : report.variants) {
      block += ' ';
      block += format_value(variant.metrics.*column.value);
    }
    block += "\n";
  }
  return block + "EOD\n";
}

// Returns the centre of bar `variant` in cluster `metric`. Gnuplot puts
// clusters at x = 0, 1, ... and bars of width 1 / (n + gap) side by side
// around each cluster's x.
double bar_centre(std::size_t metric, std::size_t variant,
                  std::size_t variant_count) {
  const double width = 1.0 / static_cast<double>(variant_count + kClusterGap);
  const double offset = static_cast<double>(variant) -
                        (static_cast<double>(variant_count) - 1.0) / 2.0;
  return static_cast<double>(metric) + offset * width;
}

// Returns a data block of "n/a" labels where a metric is undefined, or
// an empty string when all are defined.
std::string missing_block(const ExperimentReport& report) {
  std::string rows;
  const std::size_t count = report.variants.size();
  for (std::size_t m = 0; m < kMetricColumns.size(); ++m) {
    for (std::size_t v = 0; v < count; ++v) {
      if (!(report.variants[v].metrics.*kMetricColumns[m].value)) {
        rows += fmt::format("{:.6f} 0.02 \"n/a\"\n", bar_centre(m, v, count));
      }
    }
  }
  return rows.empty() ? rows : "$missing << EOD\n" + rows + "EOD\n";
}

constexpr const char* kStyle = R"(set title 'Detection metrics per variant'
set xlabel 'metric'
set ylabel 'value'
set xrange [-0.5:4.5]
set yrange [0:1]
set ytics 0.1
set grid ytics
set style data histograms
set style fill solid 0.85 border -1
set key outside right top vertical Left reverse
set datafile missing NaN
)";

// The "if" picks pngcairo (anti-aliased) where gnuplot was built with it.
constexpr const char* kPngTerminal =
    R"(if (strstrt(GPVAL_TERMINALS." ", " pngcairo ") > 0) {
  set terminal pngcairo size 1000,560 noenhanced font "sans,11"
} else {
  set terminal png size 1000,560 noenhanced
}
)";

constexpr const char* kSvgTerminal =
    "set terminal svg size 1000,560 noenhanced font \"sans,11\"\n";

// Bars carry no title because gnuplot drops a plot without valid points
// from the key, as happens to a variant whose metrics are all undefined.
// The key comes from "keyentry" items instead.
std::string plot_command(const ExperimentReport& report, bool has_missing) {
  std::vector<std::string> items;
  for (std::size_t v = 0; v < report.variants.size(); ++v) {
    items.push_back(fmt::format("$metrics using {}{} linecolor {} notitle",
                                v + 2, v == 0 ? ":xtic(1)" : "", v + 1));
  }
  for (std::size_t v = 0; v < report.variants.size(); ++v) {
    items.push_back(fmt::format(
        "keyentry with boxes linecolor {} title {}", v + 1,
        quote_for_gnuplot(report.variants[v].name)));
  }
  if (has_missing) {
    items.push_back(
        "$missing using 1:2:3 with labels rotate by 90 left notitle");
  }
  std::string command = "plot ";
  for (std::size_t i = 0; i < items.size(); ++i) {
    command += (i == 0 ? "" : ", \\\n     ") + items[i];
  }
  return command + "\n";
}

// ---- running gnuplot -----------------------------------------------------

struct ProgramResult {
  int wait_status = 0;
  std::string output;  // stdout and stderr together, first 16 KiB
};

std::string describe_command(const std::vector<std::string>& arguments) {
  std::string text;
  for (const std::string& argument : arguments) {
    text += (text.empty() ? "" : " ") + argument;
  }
  return text;
}

std::string read_all(int descriptor) {
  std::string output;
  std::array<char, 4096> buffer{};
  while (true) {
    const ssize_t count = ::read(descriptor, buffer.data(), buffer.size());
    if (count < 0 && errno == EINTR) {
      continue;
    }
    if (count <= 0) {
      return output;
    }
    // Output past the cap is read and dropped, so that the child does not
    // block on a full pipe.
    const auto kept = std::min(static_cast<std::size_t>(count),
                               kMaxCapturedOutput - output.size());
    output.append(buffer.data(), kept);
  }
}

int wait_for(pid_t pid) {
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) {
      throw std::runtime_error(fmt::format(
          "waiting for process {} failed: {}", pid, std::strerror(errno)));
    }
  }
  return status;
}

// Starts the program with stdin from /dev/null and stdout and stderr into
// `pipe_write`. Returns posix_spawnp's error number (0 on success).
int spawn(const std::vector<std::string>& arguments, const fs::path& folder,
          int pipe_write, pid_t& pid) {
  std::vector<char*> argv;
  for (const std::string& argument : arguments) {
    argv.push_back(const_cast<char*>(argument.c_str()));
  }
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addchdir_np(&actions, folder.c_str());
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, pipe_write, 1);
  posix_spawn_file_actions_adddup2(&actions, pipe_write, 2);
  const int error = ::posix_spawnp(&pid, argv[0], &actions, nullptr,
                                   argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  return error;
}

// Runs a program in `folder` without a shell and captures its output.
// Returns std::nullopt with `start_error` set when it cannot start.
std::optional<ProgramResult> run_program(
    const std::vector<std::string>& arguments, const fs::path& folder,
    int& start_error) {
  std::array<int, 2> pipe_ends{};
  if (::pipe2(pipe_ends.data(), O_CLOEXEC) != 0) {
    start_error = errno;
    return std::nullopt;
  }
  pid_t pid = 0;
  start_error = spawn(arguments, folder, pipe_ends[1], pid);
  ::close(pipe_ends[1]);
  if (start_error != 0) {
    ::close(pipe_ends[0]);
    return std::nullopt;
  }
  ProgramResult result;
  result.output = read_all(pipe_ends[0]);
  ::close(pipe_ends[0]);
  result.wait_status = wait_for(pid);
  return result;
}

std::string describe_exit(int wait_status) {
  if (WIFEXITED(wait_status)) {
    return fmt::format("exit status {}", WEXITSTATUS(wait_status));
  }
  if (WIFSIGNALED(wait_status)) {
    return fmt::format("signal {}", WTERMSIG(wait_status));
  }
  return fmt::format("wait status {}", wait_status);
}

std::string trim(const std::string& text) {
  const auto first = text.find_first_not_of(" \n\r\t");
  if (first == std::string::npos) {
    return "";
  }
  return text.substr(first, text.find_last_not_of(" \n\r\t") - first + 1);
}

bool exited_cleanly(int wait_status) {
  return WIFEXITED(wait_status) && WEXITSTATUS(wait_status) == 0;
}

// A program given as a relative path must not be looked up relative to
// `folder`, where it runs.
std::string resolve_program(const std::string& program) {
  if (program.find('/') == std::string::npos) {
    return program;
  }
  return fs::absolute(program).string();
}

// Runs the script in `folder` and returns gnuplot's output (warnings).
std::string run_gnuplot(const std::string& program, const fs::path& folder) {
  // -d (--default-settings) skips the user's ~/.gnuplot, whose settings
  // would change the figure.
  const std::vector<std::string> arguments = {resolve_program(program), "-d",
                                              kScriptName};
  const std::string command = describe_command(arguments);
  int start_error = 0;
  const auto result = run_program(arguments, folder, start_error);
  if (!result) {
    throw std::runtime_error(fmt::format(
        "cannot run '{}' in folder '{}': {}; install gnuplot (Debian and "
        "Ubuntu package gnuplot-nox) or name the program to use",
        command, folder.string(), std::strerror(start_error)));
  }
  if (!exited_cleanly(result->wait_status)) {
    throw std::runtime_error(fmt::format(
        "'{}' in folder '{}' failed with {}: {}", command, folder.string(),
        describe_exit(result->wait_status), trim(result->output)));
  }
  return result->output;
}

// ---- files ---------------------------------------------------------------

void prepare_folder(const fs::path& folder) {
  std::error_code error;
  fs::create_directories(folder, error);
  if (error || !fs::is_directory(folder)) {
    throw std::runtime_error(fmt::format(
        "cannot create figure folder '{}': {}; choose a writable folder",
        folder.string(),
        error ? error.message() : std::string("not a folder")));
  }
  // A figure left from an earlier run must not pass for this run's
  // when gnuplot fails.
  fs::remove(folder / kPngName, error);
  fs::remove(folder / kSvgName, error);
}

void write_text(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  if (!out) {
    throw std::runtime_error(fmt::format(
        "cannot write '{}'; check that the folder is writable",
        path.string()));
  }
}

void check_figure(const fs::path& path, const std::string& gnuplot_output) {
  std::error_code error;
  if (fs::file_size(path, error) == 0 || error) {
    throw std::runtime_error(fmt::format(
        "gnuplot exited without error but did not write '{}'; its output: "
        "{}",
        path.string(), trim(gnuplot_output)));
  }
}

}  // namespace

std::string format_comparison_script(const ExperimentReport& report) {
  if (report.variants.empty()) {
    throw std::invalid_argument(
        "cannot draw the comparison figure of a report without variants");
  }
  const std::string missing = missing_block(report);
  const std::string plot = plot_command(report, !missing.empty());
  return fmt::format(
      "# Detection metrics per variant. Redraw in this folder with:\n"
      "#   gnuplot -d {}\n{}{}{}set style histogram clustered gap {}\n"
      "{}set output '{}'\n{}{}set output '{}'\nreplot\nunset output\n",
      kScriptName, metrics_block(report), missing, kStyle, kClusterGap,
      kPngTerminal, kPngName, plot, kSvgTerminal, kSvgName);
}

void write_comparison_plot(const std::string& folder,
                           const ExperimentReport& report) {
  write_comparison_plot(folder, report, PlotOptions{});
}

void write_comparison_plot(const std::string& folder,
                           const ExperimentReport& report,
                           const PlotOptions& options) {
  const std::string script = format_comparison_script(report);
  const fs::path directory(folder);
  prepare_folder(directory);
  write_text(directory / kScriptName, script);
  const std::string output = run_gnuplot(options.gnuplot, directory);
  check_figure(directory / kPngName, output);
  check_figure(directory / kSvgName, output);
}

}  // namespace advad
