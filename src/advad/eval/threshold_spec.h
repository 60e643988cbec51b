// A threshold rule chosen on the command line, and its application to
// the scores of one series.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "advad/eval/threshold_rule.h"

namespace advad {

enum class ThresholdRuleKind { kQuantile, kBestF1, kPot, kSpot, kFixed };

struct ThresholdSpec {
  ThresholdRuleKind kind = ThresholdRuleKind::kQuantile;
  // Quantile level of normal scores (quantile) or initial level (pot and
  // spot); default 0.99 for quantile, 0.98 for pot and spot.
  double level = 0.99;
  double risk = 1e-3;  // pot and spot: probability of a false alarm
  double value = 0.0;  // fixed: the threshold itself

  // Returns the canonical text, e.g. "quantile:0.99" or "pot:0.98:0.001".
  std::string text() const;
  // Returns whether the rule reads labels (best-f1 does).
  bool needs_labels() const { return kind == ThresholdRuleKind::kBestF1; }
};

// Parses "quantile[:LEVEL]", "best-f1", "pot[:LEVEL[:RISK]]",
// "spot[:LEVEL[:RISK]]" or "fixed:VALUE". Throws InputError naming the
// text and the accepted forms.
ThresholdSpec parse_threshold_spec(const std::string& text);

// The scores a rule may learn from; test labels are never among them.
struct CalibrationScores {
  // Scores of rows of normal validation data (quantile, pot, spot).
  std::vector<double> normal;
  // A labelled validation split (best-f1 only), with its labels.
  std::vector<double> labelled;
  std::vector<std::uint8_t> labels;
};

// The flags of a test series and the threshold that set them.
struct ThresholdOutcome {
  // std::nullopt when the rule could not be applied, with the reason in
  // `failure`; `flags` is then empty.
  std::optional<Threshold> threshold;
  std::vector<std::uint8_t> flags;
  std::string failure;
};

// Sets the threshold of `spec` from `calibration` and flags `test`
// (in time order; SPOT keeps adapting along it). A rule that cannot be
// applied to these scores (best-f1 without a positive label, POT without
// an excess) returns no threshold instead of throwing.
ThresholdOutcome apply_threshold(const ThresholdSpec& spec,
                                 const CalibrationScores& calibration,
                                 const std::vector<double>& test);

}  // namespace advad
