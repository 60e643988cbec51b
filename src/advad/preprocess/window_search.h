// Choice of the window length by a criterion measured on labelled
// validation windows.
//
// Reconstruction errors of different window lengths are not comparable
// (a longer window averages over more values), so the search compares a
// rank-based or threshold-free measure of how well the scores separate
// labelled anomalous from normal windows.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace advad {

enum class WindowCriterion {
  kRocAuc,  // area under the ROC curve of the scores
  kBestF1,  // F1 at the best threshold on the scores
};

std::string to_string(WindowCriterion criterion);

// Parses "roc-auc" or "best-f1"; throws InputError naming both.
WindowCriterion parse_window_criterion(const std::string& name);

// The value of the --window option: one length, a list to search, or
// "auto" for the default candidates.
struct WindowChoice {
  bool automatic = false;
  std::vector<std::size_t> lengths;  // empty when automatic
};

// Parses "auto", "5" or "5,10,20". Throws InputError for an empty list,
// a length of 0, or text that is not a positive integer.
WindowChoice parse_window_choice(const std::string& text);

// Returns the candidates of --window auto: 1, 2, 5, 10, 20, 50 and 100
// rows, without those longer than `longest` (e.g. the shortest training
// segment). Returns {1} when `longest` is 0 or 1.
std::vector<std::size_t> automatic_window_candidates(std::size_t longest);

// Returns the highest F1 over all thresholds, flagging scores >= the
// threshold (tied scores flag together). Throws std::invalid_argument for
// mismatched sizes; returns 0 when no label is 1.
double best_f1(const std::vector<double>& scores,
               const std::vector<std::uint8_t>& labels);

// Anomaly scores of labelled validation windows for one window length.
struct ScoredWindows {
  std::vector<double> scores;
  std::vector<std::uint8_t> labels;  // 1 = anomalous window
};

struct WindowCandidate {
  std::size_t length = 0;
  double value = 0.0;           // of the criterion
  std::size_t windows = 0;      // labelled windows scored
  std::size_t anomalous = 0;    // of which anomalous
};

struct WindowSearchResult {
  WindowCriterion criterion = WindowCriterion::kRocAuc;
  std::size_t length = 0;  // the chosen window length
  std::vector<WindowCandidate> candidates;

  nlohmann::json to_json() const;
};

// Calls `evaluate` for each candidate length and returns the length with
// the highest criterion value. Within 1e-9 of the best, the shortest
// length wins because it gives more windows and fewer network inputs.
// Throws InputError when `candidates` is empty or a candidate's windows
// lack normal or anomalous labels.
WindowSearchResult select_window(
    const std::vector<std::size_t>& candidates, WindowCriterion criterion,
    const std::function<ScoredWindows(std::size_t)>& evaluate);

}  // namespace advad
