// Inspection of inputs before any training: what advad reads from each
// file and every problem found, for `advad inspect`.
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "advad/data/input_report.h"
#include "advad/io/delimited.h"

namespace advad {

struct LabelCounts {
  std::size_t normal = 0;     // rows labelled 0
  std::size_t anomalous = 0;  // rows labelled 1
};

// The result of reading one input, and the problems found in it.
struct Inspection {
  std::string path;
  InputReport report;                     // filled as far as reading got
  std::vector<std::string> channels;      // after reading
  std::vector<std::size_t> segment_rows;  // rows of each segment
  std::optional<LabelCounts> labels;      // when the input has labels
  std::vector<std::string> errors;        // each makes the input unusable

  bool usable() const { return errors.empty(); }
  // Rows after the missing-value policy.
  std::size_t rows() const;
};

// Reads `path` as read_series_file() does, with labels from `label_file`
// when not empty, and checks that at least one segment contains a window of
// `window` rows (0: no check). Records an InputError as an error instead of
// throwing it. A segment shorter than the window, labels of one class
// only, and constant channels give warnings.
Inspection inspect_series_file(const std::string& path,
                               const DelimitedOptions& options,
                               const std::string& label_file,
                               std::size_t window);

// Reads a folder in the KUKA layout as kuka::load() does and returns one
// inspection for the normal and one for the slow file, or a single one
// with the error when the folder cannot be read.
std::vector<Inspection> inspect_kuka(const std::string& folder,
                                     bool action_as_channel,
                                     std::size_t window);

// Records an error in each input that lacks a channel of the first
// readable input (channels are matched by name), and a warning for extra
// channels, which are left out when the inputs are combined.
void check_channel_match(std::vector<Inspection>& inspections);

// Returns the inspection as JSON: path, usable, rows, channels, segments,
// time steps, labels, warnings and errors.
nlohmann::json to_json(const Inspection& inspection);

// Returns the inspection as indented text lines for a terminal.
std::string format_inspection(const Inspection& inspection);

}  // namespace advad
