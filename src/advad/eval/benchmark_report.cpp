#include "advad/eval/benchmark_report.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <stdexcept>

#include <fmt/format.h>

namespace advad {
namespace {

namespace fs = std::filesystem;

// ---- summary ----------------------------------------------------------

std::string seed_text(const std::optional<std::uint64_t>& seed) {
  return seed ? std::to_string(*seed) : std::string("-");
}

nlohmann::json seed_json(const std::optional<std::uint64_t>& seed) {
  return seed ? nlohmann::json(*seed) : nlohmann::json();
}

// ---- JSON -------------------------------------------------------------

nlohmann::json file_json(const FileResult& file,
                         std::optional<double> sampling_period) {
  nlohmann::json json = {
      {"file", file.name},
      {"threshold", file.threshold ? to_json(*file.threshold)
                                   : nlohmann::json()},
      {"excluded_rows", file.excluded_rows},
      {"ranking", to_json(file.ranking)}};
  if (!file.threshold_failure.empty()) {
    json["threshold_failure"] = file.threshold_failure;
  }
  if (file.counts) {
    json["counts"] = to_json(*file.counts);
    json["metrics"] =
        to_json(metrics_from_counts(*file.counts, sampling_period));
  }
  return json;
}

nlohmann::json row_json(const BenchmarkRow& row) {
  const RowSummary summary = summarize(row);
  nlohmann::json files = nlohmann::json::array();
  for (const FileResult& file : row.files) {
    files.push_back(file_json(file, row.sampling_period_seconds));
  }
  nlohmann::json aggregate = {
      {"counts_summed_over_files",
       summary.counts ? to_json(*summary.counts) : nlohmann::json()},
      {"metrics_from_summed_counts",
       summary.metrics ? to_json(*summary.metrics) : nlohmann::json()},
      {"ranking_mean_over_files", to_json(summary.ranking_mean)},
      {"excluded_rows", summary.excluded_rows}};
  return {{"dataset", row.dataset},
          {"detector", row.detector},
          {"seed", seed_json(row.seed)},
          {"threshold_rule", row.threshold_rule},
          {"sampling_period_seconds",
           number_or_null(row.sampling_period_seconds)},
          {"seconds", row.seconds},
          {"aggregate", aggregate},
          {"files", files}};
}

// ---- CSV --------------------------------------------------------------

std::string csv_number(const std::optional<double>& value) {
  return value ? fmt::format("{:.17g}", *value) : std::string();
}

std::string csv_text(const std::string& text) {
  std::string quoted = "\"";
  for (char c : text) {
    quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  }
  return quoted + "\"";
}

constexpr const char* kCsvHeader =
    "dataset,detector,seed,threshold_rule,file,threshold,rows,"
    "excluded_rows,true_positives,false_positives,true_negatives,"
    "false_negatives,precision,recall,f1,pa_f1,pak_auc,event_precision,"
    "event_recall,event_f1,mean_delay_rows,false_alarms_per_hour,roc_auc,"
    "pr_auc,vus_roc,vus_pr,ranking_metrics\n";

// Fields rows, TP, FP, TN, FN, then the 10 metrics from counts; all
// empty without counts.
std::vector<std::string> count_fields(const std::optional<SeriesCounts>& counts,
                                      std::optional<double> sampling_period) {
  if (!counts) {
    return std::vector<std::string>(15);
  }
  const ConfusionCounts& c = counts->point;
  const CountMetrics m = metrics_from_counts(*counts, sampling_period);
  return {std::to_string(counts->rows),
          std::to_string(c.true_positives),
          std::to_string(c.false_positives),
          std::to_string(c.true_negatives),
          std::to_string(c.false_negatives),
          csv_number(m.point.precision),
          csv_number(m.point.recall),
          csv_number(m.point.f1),
          csv_number(m.pak.pa_f1),
          csv_number(m.pak.auc),
          csv_number(m.events.precision),
          csv_number(m.events.recall),
          csv_number(m.events.f1),
          csv_number(m.events.mean_delay),
          csv_number(m.events.false_alarms_per_hour)};
}

std::string csv_line(const BenchmarkRow& row, const std::string& file,
                     const std::optional<double>& threshold,
                     const std::optional<SeriesCounts>& counts,
                     std::size_t excluded, const RankingMetrics& ranking,
                     const char* ranking_kind) {
  const std::vector<std::string> counted =
      count_fields(counts, row.sampling_period_seconds);
  std::vector<std::string> fields = {
      csv_text(row.dataset),        csv_text(row.detector),
      seed_text(row.seed),          csv_text(row.threshold_rule),
      csv_text(file),               csv_number(threshold),
      counted.front(),              std::to_string(excluded)};
  fields.insert(fields.end(), counted.begin() + 1, counted.end());
  for (const std::optional<double>& value :
       {ranking.roc_auc, ranking.pr_auc, ranking.vus_roc, ranking.vus_pr}) {
    fields.push_back(csv_number(value));
  }
  fields.push_back(csv_text(ranking_kind));
  std::string line;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    line += (i == 0 ? "" : ",") + fields[i];
  }
  return line + "\n";
}

// ---- table ------------------------------------------------------------

std::string cell(const std::optional<double>& value) {
  return value ? fmt::format("{:.3f}", *value) : std::string("n/a");
}

std::string delay_cell(const std::optional<double>& value) {
  return value ? fmt::format("{:.1f}", *value) : std::string("n/a");
}

constexpr const char* kTableFormat =
    "{:<7} {:<10} {:>4} {:<16} {:>6} {:>6} {:>7} {:>6} {:>6} {:>7} {:>6} "
    "{:>7} {:>6} {:>6} {:>7}\n";

std::string table_header() {
  return fmt::format(kTableFormat, "data", "detector", "seed", "threshold",
                     "F1", "PA-F1", "PA%K", "ev-P", "ev-R", "VUS-ROC",
                     "VUS-PR", "ROC-AUC", "PR-AUC", "delay", "FA/h");
}

std::string table_line(const BenchmarkRow& row) {
  const RowSummary s = summarize(row);
  const std::optional<CountMetrics>& m = s.metrics;
  auto pick = [&](auto getter) -> std::optional<double> {
    return m ? getter(*m) : std::nullopt;
  };
  return fmt::format(
      kTableFormat, row.dataset, row.detector, seed_text(row.seed),
      row.threshold_rule,
      cell(pick([](const CountMetrics& x) { return x.point.f1; })),
      cell(pick([](const CountMetrics& x) { return x.pak.pa_f1; })),
      cell(pick([](const CountMetrics& x) { return x.pak.auc; })),
      cell(pick([](const CountMetrics& x) { return x.events.precision; })),
      cell(pick([](const CountMetrics& x) { return x.events.recall; })),
      cell(s.ranking_mean.vus_roc), cell(s.ranking_mean.vus_pr),
      cell(s.ranking_mean.roc_auc), cell(s.ranking_mean.pr_auc),
      delay_cell(
          pick([](const CountMetrics& x) { return x.events.mean_delay; })),
      delay_cell(pick([](const CountMetrics& x) {
        return x.events.false_alarms_per_hour;
      })));
}

std::string column_name(const BenchmarkRow& row) {
  return row.seed ? fmt::format("{}/{}", row.detector, *row.seed)
                  : row.detector;
}

std::optional<double> file_f1(const FileResult& file) {
  if (!file.counts) {
    return std::nullopt;
  }
  return rates_from_counts(file.counts->point).f1;
}

// Per-file F1 of the rows of one data set and threshold rule.
std::string per_file_table(const std::vector<const BenchmarkRow*>& rows) {
  std::string text = fmt::format("\nper-file F1, {}, threshold {}\n",
                                 rows.front()->dataset,
                                 rows.front()->threshold_rule);
  text += fmt::format("{:<24}", "file");
  for (const BenchmarkRow* row : rows) {
    text += fmt::format(" {:>12}", column_name(*row));
  }
  text += "\n";
  for (std::size_t f = 0; f < rows.front()->files.size(); ++f) {
    text += fmt::format("{:<24}", rows.front()->files[f].name);
    for (const BenchmarkRow* row : rows) {
      const std::optional<double> f1 =
          f < row->files.size() ? file_f1(row->files[f]) : std::nullopt;
      text += fmt::format(" {:>12}", cell(f1));
    }
    text += "\n";
  }
  return text;
}

// ---- files ------------------------------------------------------------

void write_atomically(const fs::path& path, const std::string& text) {
  const fs::path temporary = path.string() + ".tmp";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out << text;
    out.flush();
    if (!out) {
      throw std::runtime_error(fmt::format("cannot write {}: {}",
                                           temporary.string(),
                                           std::strerror(errno)));
    }
  }
  std::error_code error;
  fs::rename(temporary, path, error);
  if (error) {
    throw std::runtime_error(fmt::format("cannot rename {} to {}: {}",
                                         temporary.string(), path.string(),
                                         error.message()));
  }
}

}  // namespace

RowSummary summarize(const BenchmarkRow& row) {
  RowSummary summary;
  SeriesCounts total;
  bool complete = !row.files.empty();
  std::vector<RankingMetrics> rankings;
  for (const FileResult& file : row.files) {
    summary.excluded_rows += file.excluded_rows;
    rankings.push_back(file.ranking);
    if (file.counts) {
      total += *file.counts;
    } else {
      complete = false;
    }
  }
  summary.ranking_mean = mean_over_files(rankings);
  if (complete) {
    summary.counts = total;
    summary.metrics =
        metrics_from_counts(total, row.sampling_period_seconds);
  }
  return summary;
}

nlohmann::json to_json(const BenchmarkReport& report) {
  nlohmann::json rows = nlohmann::json::array();
  for (const BenchmarkRow& row : report.rows) {
    rows.push_back(row_json(row));
  }
  return {{"config", report.config}, {"rows", rows}};
}

std::string format_benchmark_csv(const BenchmarkReport& report) {
  std::string text = kCsvHeader;
  for (const BenchmarkRow& row : report.rows) {
    for (const FileResult& file : row.files) {
      std::optional<double> threshold;
      if (file.threshold) {
        threshold = file.threshold->value;
      }
      text += csv_line(row, file.name, threshold, file.counts,
                       file.excluded_rows, file.ranking, "file");
    }
    const RowSummary s = summarize(row);
    text += csv_line(row, "(all files)", std::nullopt, s.counts,
                     s.excluded_rows, s.ranking_mean, "mean over files");
  }
  return text;
}

std::string format_benchmark_table(const BenchmarkReport& report) {
  std::string text = table_header();
  for (const BenchmarkRow& row : report.rows) {
    text += table_line(row);
  }
  text +=
      "F1, PA-F1 (point-adjusted), PA%K (area under F1 over K), ev-P and "
      "ev-R (events), delay (rows)\nand FA/h (false alarms per hour) come "
      "from counts summed over the files of a data set;\nVUS-ROC, VUS-PR, "
      "ROC-AUC and PR-AUC are means over the files that define them. n/a: "
      "undefined.\n";
  std::map<std::pair<std::string, std::string>,
           std::vector<const BenchmarkRow*>>
      groups;
  std::vector<std::pair<std::string, std::string>> order;
  for (const BenchmarkRow& row : report.rows) {
    const auto key = std::make_pair(row.dataset, row.threshold_rule);
    if (groups.find(key) == groups.end()) {
      order.push_back(key);
    }
    groups[key].push_back(&row);
  }
  for (const auto& key : order) {
    text += per_file_table(groups[key]);
  }
  return text;
}

void write_benchmark_results(const std::string& folder,
                             const BenchmarkReport& report) {
  std::error_code error;
  fs::create_directories(folder, error);
  if (error) {
    throw std::runtime_error(fmt::format("cannot create folder {}: {}",
                                         folder, error.message()));
  }
  write_atomically(fs::path(folder) / "benchmark.json",
                   to_json(report).dump(2) + "\n");
  write_atomically(fs::path(folder) / "benchmark.csv",
                   format_benchmark_csv(report));
}

}  // namespace advad
