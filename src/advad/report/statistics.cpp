#include "advad/report/statistics.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

namespace advad {

Summary summarize(const std::vector<std::optional<double>>& values) {
  Summary summary;
  double sum = 0.0;
  for (const auto& value : values) {
    if (value) {
      sum += *value;
      ++summary.defined;
    }
  }
  if (summary.defined == 0) {
    return summary;
  }
  double mean = sum / static_cast<double>(summary.defined);
  summary.mean = mean;
  if (summary.defined < 2) {
    return summary;
  }
  double squares = 0.0;
  for (const auto& value : values) {
    if (value) {
      squares += (*value - mean) * (*value - mean);
    }
  }
  summary.standard_deviation =
      std::sqrt(squares / static_cast<double>(summary.defined - 1));
  return summary;
}

namespace {

// Mid-ranks (1-based) of `values`, ties sharing the mean of their ranks.
std::vector<double> mid_ranks(const std::vector<double>& values) {
  std::vector<std::size_t> order(values.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return values[a] < values[b];
  });
  std::vector<double> ranks(values.size());
  for (std::size_t i = 0; i < order.size();) {
    std::size_t j = i;
    while (j < order.size() && values[order[j]] == values[order[i]]) {
      ++j;
    }
    double rank = 0.5 * static_cast<double>(i + j + 1);
    for (std::size_t k = i; k < j; ++k) {
      ranks[order[k]] = rank;
    }
    i = j;
  }
  return ranks;
}

// P(|W+ - mean| >= |observed - mean|) over all 2^n sign assignments.
// Ranks are mid-ranks, so twice each rank is an integer: the counts run
// over doubled rank sums.
double exact_p_value(const std::vector<double>& ranks, double observed) {
  std::vector<long long> doubled;
  long long total = 0;
  for (double rank : ranks) {
    doubled.push_back(std::llround(2.0 * rank));
    total += doubled.back();
  }
  std::vector<double> ways(static_cast<std::size_t>(total) + 1, 0.0);
  ways[0] = 1.0;
  for (long long r : doubled) {
    for (long long s = total; s >= r; --s) {
      ways[static_cast<std::size_t>(s)] += ways[static_cast<std::size_t>(s - r)];
    }
  }
  double center = 0.5 * static_cast<double>(total);
  double distance = std::abs(2.0 * observed - center);
  double extreme = 0.0;
  for (long long s = 0; s <= total; ++s) {
    if (std::abs(static_cast<double>(s) - center) >= distance - 1e-9) {
      extreme += ways[static_cast<std::size_t>(s)];
    }
  }
  return std::min(1.0, extreme / std::pow(2.0, ranks.size()));
}

double normal_p_value(const std::vector<double>& ranks, double observed) {
  auto n = static_cast<double>(ranks.size());
  double mean = n * (n + 1.0) / 4.0;
  double variance = 0.0;
  for (double rank : ranks) {
    variance += rank * rank / 4.0;
  }
  double z = (observed - mean) / std::sqrt(variance);
  return std::erfc(std::abs(z) / std::sqrt(2.0));
}

}  // namespace

WilcoxonResult wilcoxon_signed_rank(const std::vector<double>& x,
                                    const std::vector<double>& y) {
  if (x.size() != y.size()) {
    throw std::invalid_argument("paired samples differ in size");
  }
  std::vector<double> differences;
  for (std::size_t i = 0; i < x.size(); ++i) {
    if (x[i] != y[i]) {
      differences.push_back(x[i] - y[i]);
    }
  }
  WilcoxonResult result;
  result.pairs = differences.size();
  if (differences.empty()) {
    return result;
  }
  std::vector<double> magnitudes;
  for (double d : differences) {
    magnitudes.push_back(std::abs(d));
  }
  std::vector<double> ranks = mid_ranks(magnitudes);
  for (std::size_t i = 0; i < ranks.size(); ++i) {
    if (differences[i] > 0) {
      result.statistic += ranks[i];
    }
  }
  result.exact = ranks.size() <= 20;
  result.p_value = result.exact ? exact_p_value(ranks, result.statistic)
                                : normal_p_value(ranks, result.statistic);
  return result;
}

}  // namespace advad
