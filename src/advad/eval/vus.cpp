#include "advad/eval/vus.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>

#include <fmt/format.h>

#include "advad/eval/events.h"
#include "advad/eval/score_checks.h"

namespace advad {
namespace {

constexpr std::size_t kNoRange = std::numeric_limits<std::size_t>::max();

// Rows from the highest score down, and where each run of ties ends.
struct ScoreOrder {
  std::vector<std::size_t> rows;
  std::vector<std::size_t> step_ends;  // exclusive ends in `rows`
};

ScoreOrder order_scores(const std::vector<double>& scores) {
  ScoreOrder order;
  order.rows.resize(scores.size());
  std::iota(order.rows.begin(), order.rows.end(), std::size_t{0});
  std::sort(order.rows.begin(), order.rows.end(),
            [&](std::size_t a, std::size_t b) { return scores[a] > scores[b]; });
  for (std::size_t k = 1; k <= order.rows.size(); ++k) {
    if (k == order.rows.size() ||
        scores[order.rows[k]] != scores[order.rows[k - 1]]) {
      order.step_ends.push_back(k);
    }
  }
  return order;
}

// Index of the range (run of y > 0) of every row, or kNoRange.
std::vector<std::size_t> range_of_rows(const std::vector<double>& y,
                                       std::size_t& range_count) {
  std::vector<std::uint8_t> positive(y.size());
  for (std::size_t i = 0; i < y.size(); ++i) {
    positive[i] = y[i] > 0.0 ? 1 : 0;
  }
  const std::vector<Event> ranges = find_events(positive);
  std::vector<std::size_t> range_of(y.size(), kNoRange);
  for (std::size_t r = 0; r < ranges.size(); ++r) {
    for (std::size_t row = ranges[r].begin; row < ranges[r].end; ++row) {
      range_of[row] = r;
    }
  }
  range_count = ranges.size();
  return range_of;
}

// One point of the curves.
struct CurvePoint {
  double tpr = 0.0;
  double fpr = 0.0;
  double precision = 1.0;
};

RangeAuc areas(const std::vector<CurvePoint>& curve, bool roc_defined) {
  RangeAuc result;
  double pr = 0.0;
  for (std::size_t k = 1; k < curve.size(); ++k) {
    pr += (curve[k].tpr - curve[k - 1].tpr) *
          (curve[k].precision + curve[k - 1].precision) / 2.0;
  }
  result.pr = pr;
  if (roc_defined) {
    double roc = 0.0;
    std::vector<CurvePoint> closed = curve;
    closed.push_back({1.0, 1.0, 0.0});
    for (std::size_t k = 1; k < closed.size(); ++k) {
      roc += (closed[k].fpr - closed[k - 1].fpr) *
             (closed[k].tpr + closed[k - 1].tpr) / 2.0;
    }
    result.roc = roc;
  }
  return result;
}

RangeAuc ordered_range_auc(const ScoreOrder& order,
                           const std::vector<std::uint8_t>& labels,
                           std::size_t positives, std::size_t buffer) {
  const std::vector<double> y = range_labels(labels, buffer);
  std::size_t range_count = 0;
  const std::vector<std::size_t> range_of = range_of_rows(y, range_count);
  const double sum_y = std::accumulate(y.begin(), y.end(), 0.0);
  const double p = (static_cast<double>(positives) + sum_y) / 2.0;
  const double n = static_cast<double>(labels.size()) - p;

  std::vector<std::uint8_t> range_hit(range_count, 0);
  std::size_t ranges_hit = 0;
  double true_positive = 0.0;
  std::size_t begin = 0;
  std::vector<CurvePoint> curve = {CurvePoint{}};
  for (std::size_t end : order.step_ends) {
    for (std::size_t k = begin; k < end; ++k) {
      const std::size_t row = order.rows[k];
      true_positive += y[row];
      const std::size_t range = range_of[row];
      if (range != kNoRange && range_hit[range] == 0) {
        range_hit[range] = 1;
        ++ranges_hit;
      }
    }
    begin = end;
    const auto flagged = static_cast<double>(end);
    const double existence = static_cast<double>(ranges_hit) /
                             static_cast<double>(range_count);
    CurvePoint point;
    point.tpr = std::min(true_positive / p, 1.0) * existence;
    point.fpr = n > 0.0 ? (flagged - true_positive) / n : 0.0;
    point.precision = true_positive / flagged;
    curve.push_back(point);
  }
  return areas(curve, n > 0.0);
}

std::size_t count_positives(const std::vector<std::uint8_t>& labels) {
  return static_cast<std::size_t>(
      std::count(labels.begin(), labels.end(), std::uint8_t{1}));
}

}  // namespace

std::vector<double> range_labels(const std::vector<std::uint8_t>& labels,
                                 std::size_t buffer) {
  const std::vector<Event> events = find_events(labels);
  std::vector<double> y(labels.begin(), labels.end());
  const std::size_t reach = buffer / 2;
  for (const Event& event : events) {
    for (std::size_t d = 1; d <= reach; ++d) {
      const double weight = std::sqrt(
          1.0 - static_cast<double>(d) / static_cast<double>(buffer));
      if (event.begin >= d) {
        y[event.begin - d] += weight;
      }
      if (event.end - 1 + d < y.size()) {
        y[event.end - 1 + d] += weight;
      }
    }
  }
  for (double& value : y) {
    value = std::min(value, 1.0);
  }
  return y;
}

RangeAuc range_auc(const std::vector<double>& scores,
                   const std::vector<std::uint8_t>& labels,
                   std::size_t buffer) {
  check_scores_and_labels(scores, labels);
  find_events(labels);  // checks that labels are 0 or 1
  const std::size_t positives = count_positives(labels);
  if (positives == 0) {
    return {};
  }
  return ordered_range_auc(order_scores(scores), labels, positives, buffer);
}

VusMetrics volume_under_surface(const std::vector<double>& scores,
                                const std::vector<std::uint8_t>& labels,
                                std::size_t max_buffer) {
  check_scores_and_labels(scores, labels);
  find_events(labels);
  VusMetrics metrics;
  metrics.max_buffer = max_buffer;
  const std::size_t positives = count_positives(labels);
  if (positives == 0) {
    return metrics;
  }
  const ScoreOrder order = order_scores(scores);
  double roc_sum = 0.0;
  double pr_sum = 0.0;
  bool roc_defined = true;
  for (std::size_t buffer = 0; buffer <= max_buffer; ++buffer) {
    const RangeAuc auc = ordered_range_auc(order, labels, positives, buffer);
    roc_defined = roc_defined && auc.roc.has_value();
    roc_sum += auc.roc.value_or(0.0);
    pr_sum += *auc.pr;
  }
  const auto surfaces = static_cast<double>(max_buffer + 1);
  if (roc_defined) {
    metrics.roc = roc_sum / surfaces;
  }
  metrics.pr = pr_sum / surfaces;
  return metrics;
}

}  // namespace advad
