#include "advad/preprocess/window_search.h"

#include <algorithm>
#include <charconv>
#include <numeric>
#include <stdexcept>

#include <fmt/format.h>

#include "advad/common/error.h"
#include "advad/eval/metrics.h"

namespace advad {

std::string to_string(WindowCriterion criterion) {
  return criterion == WindowCriterion::kBestF1 ? "best-f1" : "roc-auc";
}

WindowCriterion parse_window_criterion(const std::string& name) {
  for (WindowCriterion criterion :
       {WindowCriterion::kRocAuc, WindowCriterion::kBestF1}) {
    if (to_string(criterion) == name) {
      return criterion;
    }
  }
  throw InputError(fmt::format(
      "unknown window criterion '{}'; choose roc-auc or best-f1", name));
}

namespace {

std::size_t parse_length(const std::string& text, const std::string& whole) {
  std::size_t value = 0;
  const char* end = text.data() + text.size();
  auto result = std::from_chars(text.data(), end, value);
  if (text.empty() || result.ec != std::errc{} || result.ptr != end ||
      value == 0) {
    throw InputError(fmt::format(
        "invalid window '{}' in '{}'; give a positive number of rows, a "
        "comma-separated list such as 5,10,20, or auto",
        text, whole));
  }
  return value;
}

}  // namespace

WindowChoice parse_window_choice(const std::string& text) {
  WindowChoice choice;
  if (text == "auto") {
    choice.automatic = true;
    return choice;
  }
  std::size_t begin = 0;
  while (true) {
    std::size_t comma = text.find(',', begin);
    std::string part = text.substr(begin, comma - begin);
    choice.lengths.push_back(parse_length(part, text));
    if (comma == std::string::npos) {
      break;
    }
    begin = comma + 1;
  }
  return choice;
}

std::vector<std::size_t> automatic_window_candidates(std::size_t longest) {
  std::vector<std::size_t> candidates;
  for (std::size_t length : {1, 2, 5, 10, 20, 50, 100}) {
    if (length <= std::max<std::size_t>(longest, 1)) {
      candidates.push_back(length);
    }
  }
  return candidates;
}

double best_f1(const std::vector<double>& scores,
               const std::vector<std::uint8_t>& labels) {
  if (scores.size() != labels.size()) {
    throw std::invalid_argument(fmt::format(
        "{} scores but {} labels", scores.size(), labels.size()));
  }
  auto positives = static_cast<std::size_t>(
      std::count(labels.begin(), labels.end(), std::uint8_t{1}));
  std::vector<std::size_t> order(scores.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return scores[a] > scores[b];
  });
  double best = 0.0;
  std::size_t true_positives = 0;
  for (std::size_t i = 0; i < order.size(); ++i) {
    true_positives += labels[order[i]];
    bool last_of_tie = i + 1 == order.size() ||
                       scores[order[i + 1]] != scores[order[i]];
    if (!last_of_tie || true_positives == 0) {
      continue;
    }
    // Flagging the i + 1 highest scores: F1 = 2 TP / (flagged + P).
    double f1 = 2.0 * static_cast<double>(true_positives) /
                static_cast<double>(i + 1 + positives);
    best = std::max(best, f1);
  }
  return best;
}

nlohmann::json WindowSearchResult::to_json() const {
  nlohmann::json tried = nlohmann::json::array();
  for (const WindowCandidate& candidate : candidates) {
    tried.push_back({{"length", candidate.length},
                     {"value", candidate.value},
                     {"windows", candidate.windows},
                     {"anomalous_windows", candidate.anomalous}});
  }
  return {{"criterion", to_string(criterion)},
          {"chosen_length", length},
          {"candidates", tried}};
}

namespace {

WindowCandidate measure(std::size_t length, WindowCriterion criterion,
                        const ScoredWindows& scored) {
  WindowCandidate candidate;
  candidate.length = length;
  candidate.windows = scored.labels.size();
  candidate.anomalous = static_cast<std::size_t>(std::count(
      scored.labels.begin(), scored.labels.end(), std::uint8_t{1}));
  if (candidate.anomalous == 0 || candidate.anomalous == candidate.windows) {
    throw InputError(fmt::format(
        "window search: the {} labelled validation windows of {} rows "
        "have {} anomalous; the criterion needs normal and anomalous "
        "windows, so give more labelled data or other window lengths",
        candidate.windows, length, candidate.anomalous));
  }
  if (criterion == WindowCriterion::kBestF1) {
    candidate.value = best_f1(scored.scores, scored.labels);
  } else {
    candidate.value = roc_auc(scored.scores, scored.labels).value_or(0.0);
  }
  return candidate;
}

}  // namespace

WindowSearchResult select_window(
    const std::vector<std::size_t>& candidates, WindowCriterion criterion,
    const std::function<ScoredWindows(std::size_t)>& evaluate) {
  if (candidates.empty()) {
    throw InputError("window search needs at least one window length");
  }
  std::vector<std::size_t> lengths = candidates;
  std::sort(lengths.begin(), lengths.end());
  lengths.erase(std::unique(lengths.begin(), lengths.end()), lengths.end());
  WindowSearchResult result;
  result.criterion = criterion;
  double best = -1.0;
  for (std::size_t length : lengths) {
    WindowCandidate candidate = measure(length, criterion, evaluate(length));
    result.candidates.push_back(candidate);
    // Lengths ascend, so a later length must beat the best clearly.
    if (candidate.value > best + 1e-9) {
      best = candidate.value;
      result.length = length;
    }
  }
  return result;
}

}  // namespace advad
