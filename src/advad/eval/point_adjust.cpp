#include "advad/eval/point_adjust.h"

#include <stdexcept>

#include <fmt/format.h>

#include "advad/eval/events.h"

namespace advad {
namespace {

void check_level(int k_percent) {
  if (k_percent < 0 || k_percent > 100) {
    throw std::invalid_argument(fmt::format(
        "PA%K level {} is outside [0, 100]; give a percentage", k_percent));
  }
}

// Returns whether more than K% of an event's rows are flagged, in
// integers so that the boundary case is exact.
bool adjusts(std::size_t flagged, std::size_t rows, int k_percent) {
  return 100 * flagged > static_cast<std::size_t>(k_percent) * rows;
}

std::size_t count_flagged(const std::vector<std::uint8_t>& flags,
                          const Event& event) {
  std::size_t flagged = 0;
  for (std::size_t row = event.begin; row < event.end; ++row) {
    flagged += flags[row];
  }
  return flagged;
}

}  // namespace

std::vector<int> pak_levels() {
  std::vector<int> levels(101);
  for (int k = 0; k <= 100; ++k) {
    levels[static_cast<std::size_t>(k)] = k;
  }
  return levels;
}

std::vector<std::uint8_t> adjust_flags(const std::vector<std::uint8_t>& flags,
                                       const std::vector<std::uint8_t>& labels,
                                       int k_percent) {
  check_level(k_percent);
  count_flags(flags, labels);  // checks sizes and values
  std::vector<std::uint8_t> adjusted = flags;
  for (const Event& event : find_events(labels)) {
    if (adjusts(count_flagged(flags, event), event.size(), k_percent)) {
      for (std::size_t row = event.begin; row < event.end; ++row) {
        adjusted[row] = 1;
      }
    }
  }
  return adjusted;
}

std::vector<ConfusionCounts> count_adjusted(
    const std::vector<std::uint8_t>& flags,
    const std::vector<std::uint8_t>& labels, const std::vector<int>& levels) {
  for (int k : levels) {
    check_level(k);
  }
  const ConfusionCounts plain = count_flags(flags, labels);
  const std::vector<Event> events = find_events(labels);
  std::vector<std::size_t> flagged(events.size());
  for (std::size_t e = 0; e < events.size(); ++e) {
    flagged[e] = count_flagged(flags, events[e]);
  }
  std::vector<ConfusionCounts> counts(levels.size(), plain);
  for (std::size_t i = 0; i < levels.size(); ++i) {
    for (std::size_t e = 0; e < events.size(); ++e) {
      if (adjusts(flagged[e], events[e].size(), levels[i])) {
        // Missed rows of an adjusted event turn into hits.
        const std::size_t missed = events[e].size() - flagged[e];
        counts[i].true_positives += missed;
        counts[i].false_negatives -= missed;
      }
    }
  }
  return counts;
}

PakMetrics pak_metrics(const std::vector<ConfusionCounts>& counts,
                       const std::vector<int>& levels) {
  if (counts.size() != levels.size()) {
    throw std::invalid_argument(fmt::format(
        "{} sets of counts for {} PA%K levels; pass one per level",
        counts.size(), levels.size()));
  }
  PakMetrics metrics;
  bool complete = true;
  for (std::size_t i = 0; i < levels.size(); ++i) {
    if (i > 0 && levels[i] <= levels[i - 1]) {
      throw std::invalid_argument("PA%K levels must be increasing");
    }
    metrics.f1.push_back(rates_from_counts(counts[i]).f1);
    complete = complete && metrics.f1.back().has_value();
  }
  if (!levels.empty() && levels.front() == 0) {
    metrics.pa_f1 = metrics.f1.front();
  }
  if (!complete || levels.size() < 2 || levels.front() != 0 ||
      levels.back() != 100) {
    return metrics;
  }
  double area = 0.0;
  for (std::size_t i = 1; i < levels.size(); ++i) {
    const double width = (levels[i] - levels[i - 1]) / 100.0;
    area += width * (*metrics.f1[i] + *metrics.f1[i - 1]) / 2.0;
  }
  metrics.auc = area;
  return metrics;
}

}  // namespace advad
