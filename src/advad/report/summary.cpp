// Summaries over seeds and the paired adversarial tests.
#include <algorithm>
#include <map>
#include <utility>

#include <fmt/format.h>

#include "advad/report/report.h"

namespace advad {

namespace {

// Mean discriminator accuracy over the epochs of one run, or nothing for
// a run without a discriminator.
std::optional<double> mean_accuracy(const VariantResult& variant) {
  double sum = 0.0;
  std::size_t count = 0;
  for (const EpochRecord& record : variant.history) {
    if (record.discriminator_accuracy) {
      sum += *record.discriminator_accuracy;
      ++count;
    }
  }
  if (count == 0) {
    return std::nullopt;
  }
  return sum / static_cast<double>(count);
}

using MetricGetter = std::optional<double> (*)(const DetectionMetrics&);

struct NamedMetric {
  const char* name;
  MetricGetter get;
};

constexpr NamedMetric kComparedMetrics[] = {
    {"f1", [](const DetectionMetrics& m) { return m.f1; }},
    {"roc_auc", [](const DetectionMetrics& m) { return m.roc_auc; }},
    {"pr_auc", [](const DetectionMetrics& m) { return m.pr_auc; }},
};

PairedComparison compare_metric(const std::vector<const VariantResult*>& adv,
                                const std::vector<const VariantResult*>& base,
                                const NamedMetric& metric) {
  PairedComparison comparison;
  comparison.adversarial = adv.front()->name;
  comparison.baseline = base.front()->name;
  comparison.metric = metric.name;
  std::vector<double> x;
  std::vector<double> y;
  for (const VariantResult* a : adv) {
    auto twin = std::find_if(base.begin(), base.end(),
                             [&](const VariantResult* b) {
                               return b->seed == a->seed;
                             });
    if (twin == base.end()) {
      continue;
    }
    std::optional<double> xa = metric.get(a->metrics);
    std::optional<double> yb = metric.get((*twin)->metrics);
    if (xa && yb) {
      x.push_back(*xa);
      y.push_back(*yb);
    }
  }
  if (!x.empty()) {
    double difference = 0.0;
    for (std::size_t i = 0; i < x.size(); ++i) {
      difference += x[i] - y[i];
    }
    comparison.mean_difference = difference / static_cast<double>(x.size());
  }
  comparison.test = wilcoxon_signed_rank(x, y);
  return comparison;
}

std::string format_spread(const Summary& summary) {
  if (!summary.mean) {
    return "n/a";
  }
  if (!summary.standard_deviation) {
    return fmt::format("{:.3f}", *summary.mean);
  }
  return fmt::format("{:.3f}±{:.3f}", *summary.mean,
                     *summary.standard_deviation);
}

// What a paired test shows at the 5% level, in words.
std::string verdict(const PairedComparison& comparison) {
  if (!comparison.test.p_value || !comparison.mean_difference) {
    return "no difference to test";
  }
  if (*comparison.test.p_value >= 0.05) {
    return "no significant difference";
  }
  return *comparison.mean_difference > 0 ? "adversarial better"
                                         : "adversarial worse";
}

}  // namespace

std::vector<VariantSummary> summarize_variants(
    const std::vector<VariantResult>& variants) {
  std::vector<VariantSummary> summaries;
  std::map<std::string, std::vector<const VariantResult*>> groups;
  for (const VariantResult& variant : variants) {
    if (groups[variant.name].empty()) {
      VariantSummary summary;
      summary.name = variant.name;
      summaries.push_back(std::move(summary));
    }
    groups[variant.name].push_back(&variant);
  }
  for (VariantSummary& summary : summaries) {
    const auto& runs = groups[summary.name];
    auto collect = [&](auto get) {
      std::vector<std::optional<double>> values;
      for (const VariantResult* run : runs) {
        values.push_back(get(*run));
      }
      return summarize(values);
    };
    summary.runs = runs.size();
    summary.precision = collect([](const auto& r) { return r.metrics.precision; });
    summary.recall = collect([](const auto& r) { return r.metrics.recall; });
    summary.f1 = collect([](const auto& r) { return r.metrics.f1; });
    summary.roc_auc = collect([](const auto& r) { return r.metrics.roc_auc; });
    summary.pr_auc = collect([](const auto& r) { return r.metrics.pr_auc; });
    summary.discriminator_accuracy = collect(mean_accuracy);
  }
  return summaries;
}

std::vector<PairedComparison> compare_adversarial(
    const std::vector<VariantResult>& variants) {
  std::map<std::string, std::vector<const VariantResult*>> groups;
  std::vector<std::string> order;
  for (const VariantResult& variant : variants) {
    if (groups[variant.name].empty()) {
      order.push_back(variant.name);
    }
    groups[variant.name].push_back(&variant);
  }
  std::vector<PairedComparison> comparisons;
  for (const std::string& name : order) {
    const auto& runs = groups[name];
    if (!runs.front()->adversarial) {
      continue;
    }
    auto twin = groups.find(runs.front()->architecture);
    if (twin == groups.end() || twin->second.front()->adversarial) {
      continue;
    }
    for (const NamedMetric& metric : kComparedMetrics) {
      comparisons.push_back(compare_metric(runs, twin->second, metric));
    }
  }
  return comparisons;
}

std::string format_summary_table(const ExperimentReport& report) {
  std::string text = fmt::format(
      "{:<24} {:>4} {:>13} {:>13} {:>13} {:>13} {:>13}\n", "variant",
      "runs", "F1", "ROC-AUC", "PR-AUC", "recall", "D accuracy");
  for (const VariantSummary& s : report.summaries) {
    text += fmt::format("{:<24} {:>4} {:>13} {:>13} {:>13} {:>13} {:>13}\n",
                        s.name, s.runs, format_spread(s.f1),
                        format_spread(s.roc_auc), format_spread(s.pr_auc),
                        format_spread(s.recall),
                        format_spread(s.discriminator_accuracy));
  }
  if (report.comparisons.empty()) {
    return text;
  }
  text += "\nWilcoxon signed-rank test over seeds, adversarial minus "
          "reconstruction-only:\n";
  for (const PairedComparison& c : report.comparisons) {
    std::string p = c.test.p_value ? fmt::format("{:.4f}", *c.test.p_value)
                                   : std::string("n/a");
    std::string difference =
        c.mean_difference ? fmt::format("{:+.4f}", *c.mean_difference)
                          : std::string("n/a");
    text += fmt::format("  {} vs {} {:<8} mean difference {} W+ {} p {} "
                        "({} pairs): {}\n",
                        c.adversarial, c.baseline, c.metric, difference,
                        c.test.statistic, p, c.test.pairs, verdict(c));
  }
  return text;
}

}  // namespace advad
