#include "advad/eval/threshold_spec.h"

#include <cmath>
#include <stdexcept>

#include <fmt/format.h>

#include "advad/common/error.h"
#include "advad/eval/pot.h"

namespace advad {
namespace {

constexpr const char* kAcceptedForms =
    "quantile[:LEVEL], best-f1, pot[:LEVEL[:RISK]], spot[:LEVEL[:RISK]] or "
    "fixed:VALUE";

std::vector<std::string> split_fields(const std::string& text) {
  std::vector<std::string> fields;
  std::size_t begin = 0;
  while (true) {
    const std::size_t colon = text.find(':', begin);
    fields.push_back(text.substr(begin, colon - begin));
    if (colon == std::string::npos) {
      return fields;
    }
    begin = colon + 1;
  }
}

double parse_number(const std::string& field, const std::string& text) {
  std::size_t used = 0;
  double value = 0.0;
  try {
    value = std::stod(field, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used == 0 || used != field.size() || !std::isfinite(value)) {
    throw InputError(fmt::format(
        "threshold rule '{}': '{}' is not a finite number; use {}", text,
        field, kAcceptedForms));
  }
  return value;
}

void check_field_count(const std::vector<std::string>& fields,
                       std::size_t min, std::size_t max,
                       const std::string& text) {
  if (fields.size() < min || fields.size() > max) {
    throw InputError(fmt::format(
        "threshold rule '{}' has {} values; use {}", text,
        fields.size() - 1, kAcceptedForms));
  }
}

void check_level(double level, const std::string& text) {
  if (!(level > 0.0 && level < 1.0)) {
    throw InputError(fmt::format(
        "threshold rule '{}': level {} is outside (0, 1); choose a "
        "quantile level such as 0.99",
        text, level));
  }
}

ThresholdSpec parse_pot_like(ThresholdRuleKind kind,
                             const std::vector<std::string>& fields,
                             const std::string& text) {
  check_field_count(fields, 1, 3, text);
  ThresholdSpec spec;
  spec.kind = kind;
  spec.level = fields.size() > 1 ? parse_number(fields[1], text) : 0.98;
  spec.risk = fields.size() > 2 ? parse_number(fields[2], text) : 1e-3;
  check_level(spec.level, text);
  if (!(spec.risk > 0.0 && spec.risk < 1.0 - spec.level)) {
    throw InputError(fmt::format(
        "threshold rule '{}': risk {} is outside (0, 1 - level); choose a "
        "smaller risk such as 0.001",
        text, spec.risk));
  }
  return spec;
}

ThresholdOutcome flag_with(const Threshold& threshold,
                           const std::vector<double>& test) {
  ThresholdOutcome outcome;
  outcome.flags = flag_scores(test, threshold.value);
  outcome.threshold = threshold;
  return outcome;
}

ThresholdOutcome apply_best_f1(const CalibrationScores& calibration,
                               const std::vector<double>& test) {
  const std::optional<Threshold> threshold =
      best_f1_threshold(calibration.labelled, calibration.labels);
  if (!threshold) {
    ThresholdOutcome outcome;
    outcome.failure =
        "the labelled validation split has no anomalous row, so F1 is "
        "undefined at every threshold";
    return outcome;
  }
  return flag_with(*threshold, test);
}

ThresholdOutcome apply_spot(const ThresholdSpec& spec,
                            const CalibrationScores& calibration,
                            const std::vector<double>& test) {
  SpotResult result =
      run_spot(calibration.normal, test, {spec.level, spec.risk});
  ThresholdOutcome outcome;
  outcome.threshold = std::move(result.threshold);
  outcome.flags = std::move(result.flags);
  return outcome;
}

ThresholdOutcome apply_rule(const ThresholdSpec& spec,
                            const CalibrationScores& calibration,
                            const std::vector<double>& test) {
  switch (spec.kind) {
    case ThresholdRuleKind::kQuantile:
      return flag_with(quantile_threshold(calibration.normal, spec.level),
                       test);
    case ThresholdRuleKind::kBestF1:
      return apply_best_f1(calibration, test);
    case ThresholdRuleKind::kPot:
      return flag_with(
          pot_threshold(calibration.normal, {spec.level, spec.risk}), test);
    case ThresholdRuleKind::kSpot:
      return apply_spot(spec, calibration, test);
    case ThresholdRuleKind::kFixed:
      return flag_with(fixed_threshold(spec.value), test);
  }
  throw std::logic_error("unknown threshold rule");
}

}  // namespace

std::string ThresholdSpec::text() const {
  switch (kind) {
    case ThresholdRuleKind::kQuantile:
      return fmt::format("quantile:{}", level);
    case ThresholdRuleKind::kBestF1:
      return "best-f1";
    case ThresholdRuleKind::kPot:
      return fmt::format("pot:{}:{}", level, risk);
    case ThresholdRuleKind::kSpot:
      return fmt::format("spot:{}:{}", level, risk);
    case ThresholdRuleKind::kFixed:
      return fmt::format("fixed:{}", value);
  }
  return "unknown";
}

ThresholdSpec parse_threshold_spec(const std::string& text) {
  const std::vector<std::string> fields = split_fields(text);
  const std::string& name = fields.front();
  ThresholdSpec spec;
  if (name == "quantile") {
    check_field_count(fields, 1, 2, text);
    spec.level = fields.size() > 1 ? parse_number(fields[1], text) : 0.99;
    check_level(spec.level, text);
  } else if (name == "best-f1") {
    check_field_count(fields, 1, 1, text);
    spec.kind = ThresholdRuleKind::kBestF1;
  } else if (name == "pot") {
    spec = parse_pot_like(ThresholdRuleKind::kPot, fields, text);
  } else if (name == "spot") {
    spec = parse_pot_like(ThresholdRuleKind::kSpot, fields, text);
  } else if (name == "fixed") {
    check_field_count(fields, 2, 2, text);
    spec.kind = ThresholdRuleKind::kFixed;
    spec.value = parse_number(fields[1], text);
  } else {
    throw InputError(fmt::format("unknown threshold rule '{}'; use {}",
                                 text, kAcceptedForms));
  }
  return spec;
}

ThresholdOutcome apply_threshold(const ThresholdSpec& spec,
                                 const CalibrationScores& calibration,
                                 const std::vector<double>& test) {
  try {
    return apply_rule(spec, calibration, test);
  } catch (const std::invalid_argument& error) {
    // Rules fail on unusable calibration scores (too few, no excess);
    // the result then records why instead of a number.
    ThresholdOutcome outcome;
    outcome.failure = error.what();
    return outcome;
  }
}

}  // namespace advad
