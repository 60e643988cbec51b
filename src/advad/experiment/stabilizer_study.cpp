#include "advad/experiment/stabilizer_study.h"

#include <filesystem>
#include <fstream>
#include <vector>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "advad/common/error.h"

namespace advad {

namespace {

std::string cell(const Summary& summary) {
  if (!summary.mean) {
    return "n/a";
  }
  if (!summary.standard_deviation) {
    return fmt::format("{:.3f}", *summary.mean);
  }
  return fmt::format("{:.3f} ± {:.3f}", *summary.mean,
                     *summary.standard_deviation);
}

// The p-value and direction of the test on `metric` for `variant`, or
// "-" for a reconstruction-only variant.
std::string test_cell(const ExperimentReport& report,
                      const std::string& variant, const std::string& metric) {
  for (const PairedComparison& c : report.comparisons) {
    if (c.adversarial != variant || c.metric != metric) {
      continue;
    }
    if (!c.test.p_value || !c.mean_difference) {
      return "n/a";
    }
    return fmt::format("{:+.3f} (p {:.3f})", *c.mean_difference,
                       *c.test.p_value);
  }
  return "-";
}

std::string csv_cell(const Summary& summary) {
  return summary.mean ? fmt::format("{}", *summary.mean) : std::string();
}

std::string csv_deviation(const Summary& summary) {
  return summary.standard_deviation
             ? fmt::format("{}", *summary.standard_deviation)
             : std::string();
}

void write_text(const std::filesystem::path& path, const std::string& text) {
  std::ofstream file(path);
  file << text;
  if (!file) {
    throw InputError(fmt::format("cannot write {}; check that the folder "
                                 "is writable",
                                 path.string()));
  }
}

}  // namespace

std::string run_stabilizer_study(
    const ExperimentOptions& options,
    const std::vector<std::string>& stabilizers) {
  std::string markdown =
      "| stabilizer | variant | D accuracy | F1 | ROC-AUC | PR-AUC | "
      "ΔF1 vs twin (p) | ΔROC-AUC vs twin (p) | ΔPR-AUC vs twin (p) |\n"
      "|---|---|---|---|---|---|---|---|---|\n";
  std::string csv =
      "stabilizer,variant,runs,d_accuracy_mean,d_accuracy_sd,f1_mean,f1_sd,"
      "roc_auc_mean,roc_auc_sd,pr_auc_mean,pr_auc_sd\n";
  // Stabilizers change adversarial training only, so the
  // reconstruction-only variants train once, in the first run, and their
  // results join every later run's comparison.
  std::vector<VariantResult> twins;
  for (const std::string& name : stabilizers) {
    ExperimentOptions run = options;
    nn::apply_stabilizer(name, run.training.adversary);
    run.out = (std::filesystem::path(options.out) / name).string();
    if (!twins.empty()) {
      std::erase_if(run.variants,
                    [](const VariantSpec& v) { return !v.adversarial; });
    }
    spdlog::info("stabilizer {}: results in {}", name, run.out);
    ExperimentReport report = run_experiment(run);
    if (twins.empty()) {
      for (const VariantResult& v : report.variants) {
        if (!v.adversarial) {
          twins.push_back(v);
        }
      }
    } else {
      report.variants.insert(report.variants.begin(), twins.begin(),
                             twins.end());
      report.comparisons = compare_adversarial(report.variants);
    }
    std::vector<VariantSummary> summaries = summarize_variants(report.variants);
    for (const VariantSummary& s : summaries) {
      markdown += fmt::format(
          "| {} | {} | {} | {} | {} | {} | {} | {} | {} |\n", name, s.name,
          cell(s.discriminator_accuracy), cell(s.f1), cell(s.roc_auc),
          cell(s.pr_auc), test_cell(report, s.name, "f1"),
          test_cell(report, s.name, "roc_auc"),
          test_cell(report, s.name, "pr_auc"));
      csv += fmt::format("{},{},{},{},{},{},{},{},{},{},{}\n", name, s.name,
                         s.runs, csv_cell(s.discriminator_accuracy),
                         csv_deviation(s.discriminator_accuracy),
                         csv_cell(s.f1), csv_deviation(s.f1),
                         csv_cell(s.roc_auc), csv_deviation(s.roc_auc),
                         csv_cell(s.pr_auc), csv_deviation(s.pr_auc));
    }
  }
  std::filesystem::path folder(options.out);
  std::filesystem::create_directories(folder);
  write_text(folder / "stabilizers.md", markdown);
  write_text(folder / "stabilizers.csv", csv);
  return markdown;
}

}  // namespace advad
