#include "advad/eval/series_evaluation.h"

#include <cmath>
#include <stdexcept>

#include "advad/eval/vus.h"

namespace advad {
namespace {

nlohmann::json counts_json(const ConfusionCounts& counts) {
  return {{"true_positives", counts.true_positives},
          {"false_positives", counts.false_positives},
          {"true_negatives", counts.true_negatives},
          {"false_negatives", counts.false_negatives}};
}

nlohmann::json rates_json(const Rates& rates) {
  return {{"precision", number_or_null(rates.precision)},
          {"recall", number_or_null(rates.recall)},
          {"f1", number_or_null(rates.f1)}};
}

nlohmann::json pak_json(const PakMetrics& pak) {
  nlohmann::json curve = nlohmann::json::array();
  for (const std::optional<double>& f1 : pak.f1) {
    curve.push_back(number_or_null(f1));
  }
  return {{"pa_f1", number_or_null(pak.pa_f1)},
          {"auc", number_or_null(pak.auc)},
          {"levels", pak_levels()},
          {"f1", curve}};
}

nlohmann::json events_json(const EventMetrics& events) {
  nlohmann::json max_delay;
  if (events.max_delay) {
    max_delay = *events.max_delay;
  }
  return {{"precision", number_or_null(events.precision)},
          {"recall", number_or_null(events.recall)},
          {"f1", number_or_null(events.f1)},
          {"mean_delay_rows", number_or_null(events.mean_delay)},
          {"max_delay_rows", max_delay},
          {"false_alarms_per_hour",
           number_or_null(events.false_alarms_per_hour)}};
}

// Adds `value` to `sum`, or marks the mean undefined.
// Mean of the defined values of `metric` over `files`; undefined when no
// file defines it.
std::optional<double> mean_of_defined(
    const std::vector<RankingMetrics>& files,
    std::optional<double> RankingMetrics::*metric) {
  double sum = 0.0;
  std::size_t count = 0;
  for (const RankingMetrics& file : files) {
    if (const std::optional<double>& value = file.*metric) {
      sum += *value;
      ++count;
    }
  }
  if (count == 0) {
    return std::nullopt;
  }
  return sum / static_cast<double>(count);
}

}  // namespace

SeriesCounts& SeriesCounts::operator+=(const SeriesCounts& other) {
  if (adjusted.empty()) {
    adjusted.resize(other.adjusted.size());
  }
  if (adjusted.size() != other.adjusted.size()) {
    throw std::logic_error("PA%K counts of different levels cannot add up");
  }
  rows += other.rows;
  point += other.point;
  for (std::size_t i = 0; i < adjusted.size(); ++i) {
    adjusted[i] += other.adjusted[i];
  }
  events += other.events;
  return *this;
}

SeriesCounts count_series(const std::vector<std::uint8_t>& flags,
                          const std::vector<std::uint8_t>& labels) {
  SeriesCounts counts;
  counts.rows = flags.size();
  counts.point = count_flags(flags, labels);
  counts.adjusted = count_adjusted(flags, labels, pak_levels());
  counts.events = count_events(flags, labels);
  return counts;
}

CountMetrics metrics_from_counts(
    const SeriesCounts& counts,
    std::optional<double> sampling_period_seconds) {
  CountMetrics metrics;
  metrics.point = rates_from_counts(counts.point);
  metrics.pak = pak_metrics(counts.adjusted, pak_levels());
  metrics.events = event_metrics(counts.events, sampling_period_seconds);
  return metrics;
}

RankingMetrics rank_series(const std::vector<double>& scores,
                           const std::vector<std::uint8_t>& labels,
                           std::size_t vus_max_buffer) {
  RankingMetrics metrics;
  metrics.roc_auc = roc_auc(scores, labels);
  metrics.pr_auc = average_precision(scores, labels);
  const VusMetrics vus = volume_under_surface(scores, labels, vus_max_buffer);
  metrics.vus_roc = vus.roc;
  metrics.vus_pr = vus.pr;
  return metrics;
}

RankingMetrics mean_over_files(const std::vector<RankingMetrics>& files) {
  RankingMetrics mean;
  mean.roc_auc = mean_of_defined(files, &RankingMetrics::roc_auc);
  mean.pr_auc = mean_of_defined(files, &RankingMetrics::pr_auc);
  mean.vus_roc = mean_of_defined(files, &RankingMetrics::vus_roc);
  mean.vus_pr = mean_of_defined(files, &RankingMetrics::vus_pr);
  return mean;
}

nlohmann::json to_json(const SeriesCounts& counts) {
  const EventCounts& e = counts.events;
  return {{"rows", counts.rows},
          {"point", counts_json(counts.point)},
          {"point_adjusted", counts.adjusted.empty()
                                 ? nlohmann::json()
                                 : counts_json(counts.adjusted.front())},
          {"events",
           {{"labelled", e.labelled},
            {"detected", e.detected},
            {"predicted", e.predicted},
            {"false_alarms", e.false_alarms},
            {"normal_rows", e.normal_rows}}}};
}

nlohmann::json to_json(const CountMetrics& metrics) {
  return {{"point", rates_json(metrics.point)},
          {"pak", pak_json(metrics.pak)},
          {"events", events_json(metrics.events)}};
}

nlohmann::json to_json(const RankingMetrics& metrics) {
  return {{"roc_auc", number_or_null(metrics.roc_auc)},
          {"pr_auc", number_or_null(metrics.pr_auc)},
          {"vus_roc", number_or_null(metrics.vus_roc)},
          {"vus_pr", number_or_null(metrics.vus_pr)}};
}

nlohmann::json number_or_null(const std::optional<double>& value) {
  if (value && std::isfinite(*value)) {
    return *value;
  }
  return nullptr;
}

}  // namespace advad
