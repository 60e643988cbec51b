#include "advad/data/time_steps.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "advad/common/error.h"

namespace advad {

namespace {

// Steps that differ from the median by more than this share of it count
// as irregular.
constexpr double kIrregularShare = 0.1;
// Without a given limit, a step longer than this many median steps is a
// gap.
constexpr double kGapMedians = 10.0;

std::string seconds(double value) { return fmt::format("{:g} s", value); }

double median_of(std::vector<double> values) {
  const auto middle =
      values.begin() + static_cast<std::ptrdiff_t>(values.size() / 2);
  std::nth_element(values.begin(), middle, values.end());
  if (values.size() % 2 == 1) return *middle;
  const double upper = *middle;
  const double lower = *std::max_element(values.begin(), middle);
  return lower + (upper - lower) / 2.0;
}

// Counts the steps and measures their median, minimum and maximum.
TimeStepReport measure(const Dataset& data) {
  TimeStepReport stats;
  stats.min = std::numeric_limits<double>::infinity();
  stats.max = -std::numeric_limits<double>::infinity();
  std::vector<double> positive;
  for (const Segment& segment : data.segments) {
    for (std::size_t r = segment.begin + 1; r < segment.end; ++r) {
      const double step = data.times[r] - data.times[r - 1];
      ++stats.steps;
      stats.min = std::min(stats.min, step);
      stats.max = std::max(stats.max, step);
      if (step > 0) positive.push_back(step);
    }
  }
  if (stats.steps == 0) stats.min = stats.max = 0.0;
  if (!positive.empty()) stats.median = median_of(std::move(positive));
  return stats;
}

double gap_limit(const SeriesCheckOptions& options, double median,
                 const std::string& path) {
  if (!options.max_gap_seconds) {
    return median > 0 ? kGapMedians * median
                      : std::numeric_limits<double>::infinity();
  }
  const double limit = *options.max_gap_seconds;
  if (!(limit > 0) || std::isnan(limit)) {
    throw InputError(fmt::format(
        "{}: the gap limit {} is not a positive number of seconds; give "
        "--max-gap a value above 0",
        path, limit));
  }
  return limit;
}

// Describes the step that ends at `row`; empty when it is a regular one.
std::string step_problem(const RowNames& names, std::size_t row, double step,
                         double limit) {
  const std::string before = names.name(row - 1);
  if (step == 0) {
    return fmt::format("the timestamp of {} repeats that of {}",
                       names.name(row), before);
  }
  if (step < 0) {
    return fmt::format("{} is {} earlier than {} (rows out of time order)",
                       names.name(row), seconds(-step), before);
  }
  if (step > limit || std::isnan(step)) {
    return fmt::format("gap of {} after {} (limit {})", seconds(step), before,
                       seconds(limit));
  }
  return {};
}

void count_problem(double step, TimeStepReport& stats) {
  if (step == 0) {
    ++stats.duplicates;
  } else if (step < 0) {
    ++stats.backwards;
  } else {
    ++stats.gaps;
  }
}

bool irregular(double step, double median) {
  return step > 0 && std::fabs(step - median) > kIrregularShare * median;
}

[[noreturn]] void reject_step(const InputReport& report,
                              const std::string& problem,
                              const TimeStepReport& stats) {
  throw InputError(fmt::format(
      "{}: {} ({} repeated timestamps, {} steps backwards, {} gaps in the "
      "file); fix the timestamps, raise the gap limit with --max-gap "
      "SECONDS, or split the series at such steps with --time-policy split",
      report.rows.path, problem, stats.duplicates, stats.backwards,
      stats.gaps));
}

void warn_irregular(const TimeStepReport& stats, InputReport& report) {
  if (stats.irregular == 0) return;
  const std::string message = fmt::format(
      "{}: {} of {} time steps differ from the median step of {} by more "
      "than 10% (steps range from {} to {})",
      report.rows.path, stats.irregular, stats.steps, seconds(stats.median),
      seconds(stats.min), seconds(stats.max));
  spdlog::warn("{}", message);
  report.warnings.push_back(message);
}

}  // namespace

void check_time_steps(Dataset& data, const SeriesCheckOptions& options,
                      InputReport& report) {
  if (!data.has_times()) return;
  TimeStepReport stats = measure(data);
  stats.gap_limit = gap_limit(options, stats.median, report.rows.path);
  std::vector<Segment> segments;
  std::vector<SegmentReport> notes;
  std::string first_problem;
  for (std::size_t s = 0; s < data.segments.size(); ++s) {
    const Segment& segment = data.segments[s];
    if (segment.size() == 0) continue;
    segments.push_back({segment.begin, segment.begin, segment.source});
    notes.push_back(report.segments[s]);
    for (std::size_t r = segment.begin + 1; r < segment.end; ++r) {
      const double step = data.times[r] - data.times[r - 1];
      std::string problem = step_problem(report.rows, r, step, stats.gap_limit);
      if (problem.empty()) {
        stats.irregular += irregular(step, stats.median) ? 1 : 0;
        continue;
      }
      count_problem(step, stats);
      if (first_problem.empty()) first_problem = problem;
      segments.back().end = r;
      notes.back().last_row = r - 1;
      segments.push_back({r, r, segment.source});
      notes.push_back({r, r, std::move(problem)});
    }
    segments.back().end = segment.end;
    notes.back().last_row = segment.end - 1;
  }
  if (!first_problem.empty() && options.time_policy == TimePolicy::kReject) {
    reject_step(report, first_problem, stats);
  }
  data.segments = std::move(segments);
  report.segments = std::move(notes);
  warn_irregular(stats, report);
  report.time = stats;
}

}  // namespace advad
