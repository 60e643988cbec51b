#include "advad/report/report.h"

#include <atomic>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <stdexcept>

#include <fcntl.h>
#include <unistd.h>

#include <fmt/format.h>

namespace advad {
namespace {

namespace fs = std::filesystem;

// ---- table ---------------------------------------------------------------

std::string format_metric(const std::optional<double>& value) {
  return value ? fmt::format("{:.3f}", *value) : std::string("n/a");
}

std::size_t variant_column_width(const ExperimentReport& report) {
  std::size_t width = std::string("variant").size();
  for (const VariantResult& variant : report.variants) {
    width = std::max(width, variant.name.size());
  }
  return width;
}

std::string format_table_row(const VariantResult& variant,
                             std::size_t name_width) {
  const DetectionMetrics& m = variant.metrics;
  return fmt::format(
      "{:<{}}  {:>9}  {:>6}  {:>6}  {:>7}  {:>6}  {:>9.4g}  {:>6}  {:>8.1f}\n",
      variant.name, name_width, format_metric(m.precision),
      format_metric(m.recall), format_metric(m.f1), format_metric(m.roc_auc),
      format_metric(m.pr_auc), variant.threshold, variant.epochs_run,
      variant.train_seconds);
}

// ---- JSON ----------------------------------------------------------------

nlohmann::json number_or_null(double value) {
  return std::isfinite(value) ? nlohmann::json(value) : nlohmann::json();
}

nlohmann::json number_or_null(const std::optional<double>& value) {
  return value ? number_or_null(*value) : nlohmann::json();
}

nlohmann::json counts_json(const ConfusionCounts& counts) {
  return {{"true_positives", counts.true_positives},
          {"false_positives", counts.false_positives},
          {"true_negatives", counts.true_negatives},
          {"false_negatives", counts.false_negatives}};
}

nlohmann::json metrics_json(const DetectionMetrics& metrics) {
  return {{"precision", number_or_null(metrics.precision)},
          {"recall", number_or_null(metrics.recall)},
          {"f1", number_or_null(metrics.f1)},
          {"roc_auc", number_or_null(metrics.roc_auc)},
          {"pr_auc", number_or_null(metrics.pr_auc)},
          {"counts", counts_json(metrics.counts)}};
}

nlohmann::json epoch_json(const EpochRecord& record) {
  return {{"epoch", record.epoch},
          {"train_loss", number_or_null(record.train_loss)},
          {"validation_loss", number_or_null(record.validation_loss)},
          {"learning_rate", number_or_null(record.learning_rate)},
          {"discriminator_loss", number_or_null(record.discriminator_loss)},
          {"discriminator_accuracy",
           number_or_null(record.discriminator_accuracy)},
          {"discriminator_accuracy_real",
           number_or_null(record.discriminator_accuracy_real)},
          {"discriminator_accuracy_fake",
           number_or_null(record.discriminator_accuracy_fake)},
          {"adversarial_loss", number_or_null(record.adversarial_loss)},
          {"adversarial_weight", number_or_null(record.adversarial_weight)},
          {"discriminator_learning_rate",
           number_or_null(record.discriminator_learning_rate)},
          {"seconds", number_or_null(record.seconds)}};
}

nlohmann::json variant_json(const VariantResult& variant) {
  nlohmann::json history = nlohmann::json::array();
  for (const EpochRecord& record : variant.history) {
    history.push_back(epoch_json(record));
  }
  return {{"name", variant.name},
          {"architecture", variant.architecture},
          {"adversarial", variant.adversarial},
          {"metrics", metrics_json(variant.metrics)},
          {"threshold", number_or_null(variant.threshold)},
          {"threshold_rule", variant.threshold_rule},
          {"epochs_run", variant.epochs_run},
          {"best_epoch", variant.best_epoch},
          {"train_seconds", number_or_null(variant.train_seconds)},
          {"seed", variant.seed},
          {"score_source", variant.score_source},
          {"history", std::move(history)}};
}

nlohmann::json summary_json(const Summary& summary) {
  return {{"mean", number_or_null(summary.mean)},
          {"standard_deviation", number_or_null(summary.standard_deviation)},
          {"defined", summary.defined}};
}

nlohmann::json summaries_json(const std::vector<VariantSummary>& summaries) {
  nlohmann::json list = nlohmann::json::array();
  for (const VariantSummary& s : summaries) {
    list.push_back({{"name", s.name},
                    {"runs", s.runs},
                    {"precision", summary_json(s.precision)},
                    {"recall", summary_json(s.recall)},
                    {"f1", summary_json(s.f1)},
                    {"roc_auc", summary_json(s.roc_auc)},
                    {"pr_auc", summary_json(s.pr_auc)},
                    {"discriminator_accuracy",
                     summary_json(s.discriminator_accuracy)}});
  }
  return list;
}

nlohmann::json comparisons_json(
    const std::vector<PairedComparison>& comparisons) {
  nlohmann::json list = nlohmann::json::array();
  for (const PairedComparison& c : comparisons) {
    list.push_back({{"adversarial", c.adversarial},
                    {"baseline", c.baseline},
                    {"metric", c.metric},
                    {"mean_difference", number_or_null(c.mean_difference)},
                    {"test", "wilcoxon signed-rank, two-sided"},
                    {"pairs", c.test.pairs},
                    {"statistic", c.test.statistic},
                    {"p_value", number_or_null(c.test.p_value)},
                    {"exact", c.test.exact}});
  }
  return list;
}

// ---- CSV -----------------------------------------------------------------

constexpr const char* kCsvHeader =
    "variant,architecture,adversarial,precision,recall,f1,roc_auc,pr_auc,"
    "threshold,threshold_rule,true_positives,false_positives,"
    "true_negatives,false_negatives,epochs_run,best_epoch,train_seconds,"
    "seed,score_source\n";

// Quotes a text cell when it contains a separator, a quote or a line
// break, doubling inner quotes (RFC 4180).
std::string csv_text(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) {
    return text;
  }
  std::string quoted = "\"";
  for (char c : text) {
    quoted += c;
    if (c == '"') {
      quoted += '"';
    }
  }
  return quoted + "\"";
}

// Shortest text that reads back as the same double; empty when undefined.
std::string csv_number(const std::optional<double>& value) {
  if (!value || !std::isfinite(*value)) {
    return "";
  }
  return fmt::format("{}", *value);
}

std::string format_csv_row(const VariantResult& variant) {
  const DetectionMetrics& m = variant.metrics;
  const ConfusionCounts& c = m.counts;
  return fmt::format(
      "{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}\n",
      csv_text(variant.name), csv_text(variant.architecture),
      variant.adversarial ? "true" : "false", csv_number(m.precision),
      csv_number(m.recall), csv_number(m.f1), csv_number(m.roc_auc),
      csv_number(m.pr_auc), csv_number(variant.threshold),
      csv_text(variant.threshold_rule), c.true_positives, c.false_positives,
      c.true_negatives, c.false_negatives, variant.epochs_run,
      variant.best_epoch, csv_number(variant.train_seconds), variant.seed,
      csv_text(variant.score_source));
}

// ---- files ---------------------------------------------------------------

[[noreturn]] void throw_file_error(const std::string& action,
                                   const fs::path& path, int error) {
  throw std::runtime_error(fmt::format(
      "cannot {} '{}': {}; check that the results folder is writable and "
      "has free space",
      action, path.string(), std::strerror(error)));
}

void write_all(int descriptor, const std::string& content,
               const fs::path& path) {
  std::size_t written = 0;
  while (written < content.size()) {
    const ssize_t result = ::write(descriptor, content.data() + written,
                                   content.size() - written);
    if (result < 0 && errno == EINTR) {
      continue;
    }
    if (result < 0) {
      throw_file_error("write", path, errno);
    }
    written += static_cast<std::size_t>(result);
  }
}

void write_and_sync(const fs::path& path, const std::string& content) {
  const int descriptor =
      ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (descriptor < 0) {
    throw_file_error("create", path, errno);
  }
  try {
    write_all(descriptor, content, path);
    if (::fsync(descriptor) != 0) {
      throw_file_error("sync", path, errno);
    }
  } catch (...) {
    ::close(descriptor);
    throw;
  }
  if (::close(descriptor) != 0) {
    throw_file_error("close", path, errno);
  }
}

// A name in the target's folder that no other writer in this process or
// another process uses at the same time.
fs::path temporary_path_for(const fs::path& target) {
  static std::atomic<unsigned> counter{0};
  fs::path temporary = target;
  temporary += fmt::format(".tmp-{}-{}", ::getpid(), counter++);
  return temporary;
}

void write_file_atomically(const fs::path& target,
                           const std::string& content) {
  const fs::path temporary = temporary_path_for(target);
  try {
    write_and_sync(temporary, content);
  } catch (...) {
    std::error_code ignored;
    fs::remove(temporary, ignored);
    throw;
  }
  if (std::rename(temporary.c_str(), target.c_str()) != 0) {
    const int error = errno;
    std::error_code ignored;
    fs::remove(temporary, ignored);
    throw_file_error("replace", target, error);
  }
}

void create_folder(const fs::path& folder) {
  std::error_code error;
  fs::create_directories(folder, error);
  if (error) {
    throw std::runtime_error(fmt::format(
        "cannot create results folder '{}': {}; choose a writable folder",
        folder.string(), error.message()));
  }
  if (!fs::is_directory(folder)) {
    throw std::runtime_error(fmt::format(
        "results folder '{}' exists but is not a folder; choose another "
        "path",
        folder.string()));
  }
}

}  // namespace

std::string format_table(const ExperimentReport& report) {
  const std::size_t name_width = variant_column_width(report);
  std::string table = fmt::format(
      "{:<{}}  {:>9}  {:>6}  {:>6}  {:>7}  {:>6}  {:>9}  {:>6}  {:>8}\n",
      "variant", name_width, "precision", "recall", "F1", "ROC-AUC", "PR-AUC",
      "threshold", "epochs", "seconds");
  for (const VariantResult& variant : report.variants) {
    table += format_table_row(variant, name_width);
  }
  return table;
}

nlohmann::json to_json(const ExperimentReport& report) {
  nlohmann::json variants = nlohmann::json::array();
  for (const VariantResult& variant : report.variants) {
    variants.push_back(variant_json(variant));
  }
  nlohmann::json result = {{"config", report.config},
                            {"variants", std::move(variants)}};
  if (!report.summaries.empty()) {
    result["summaries"] = summaries_json(report.summaries);
    result["comparisons"] = comparisons_json(report.comparisons);
  }
  return result;
}

std::string format_csv(const ExperimentReport& report) {
  std::string csv = kCsvHeader;
  for (const VariantResult& variant : report.variants) {
    csv += format_csv_row(variant);
  }
  return csv;
}

void write_results(const std::string& folder,
                   const ExperimentReport& report) {
  const fs::path directory(folder);
  create_folder(directory);
  // Invalid UTF-8 in a name or a config string becomes U+FFFD instead of
  // failing the whole write.
  const std::string json = to_json(report).dump(
      2, ' ', false, nlohmann::json::error_handler_t::replace);
  write_file_atomically(directory / "results.json", json + "\n");
  write_file_atomically(directory / "results.csv", format_csv(report));
}

}  // namespace advad
