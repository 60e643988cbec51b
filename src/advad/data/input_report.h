// What a reader and the series checks found in one input, for messages and
// for `advad inspect`.
#pragma once

#include <cstddef>
#include <limits>
#include <optional>
#include <string>
#include <vector>

namespace advad {

inline constexpr std::size_t kNoRow = std::numeric_limits<std::size_t>::max();

// How rows of an input are named in messages: text files by their 1-based
// line (the header is line 1, so row r is line r + 2), binary arrays by
// their 0-based row index.
struct RowNames {
  std::string path;
  bool text_lines = false;

  // Returns "line 12" or "row 10 (0-based)" for the file row `row`.
  std::string name(std::size_t row) const;
  // Returns the line number (text) or row index (binary) of `row`.
  std::size_t number(std::size_t row) const;
};

// One channel as read, before and after the missing-value policy.
struct ChannelReport {
  std::string name;
  std::string source_type;  // "<f8" for .npy, "decimal text", ...
  std::size_t missing = 0;  // empty, NaN or infinite cells as read
  std::size_t first_missing_row = kNoRow;  // file row, 0-based
  std::string first_missing_text;          // the cell as written
  bool constant = false;  // one value in every row after the policy
};

// One segment of the result: the file rows it spans (0-based, inclusive,
// in file order) and why it starts where it does.
struct SegmentReport {
  std::size_t first_row = 0;
  std::size_t last_row = 0;
  std::string reason;
};

// Steps between consecutive timestamps inside each file, in seconds.
struct TimeStepReport {
  std::size_t steps = 0;  // consecutive row pairs
  double median = 0.0;    // of the positive steps
  double min = 0.0;
  double max = 0.0;
  double gap_limit = 0.0;      // steps above it are gaps
  std::size_t irregular = 0;   // positive steps within the gap limit that
                               // differ from the median by more than 10%
  std::size_t gaps = 0;        // steps longer than gap_limit
  std::size_t duplicates = 0;  // steps of zero
  std::size_t backwards = 0;   // negative steps (rows out of order)
};

// Everything found in one input.
struct InputReport {
  RowNames rows;
  std::size_t rows_read = 0;     // data rows in the file
  std::size_t rows_dropped = 0;  // by the missing-value policy "drop"
  std::size_t cells_filled = 0;  // by the policy "interpolate"
  std::vector<ChannelReport> channels;
  std::vector<SegmentReport> segments;  // one per segment of the result
  std::optional<TimeStepReport> time;   // when the input has timestamps
  std::vector<std::string> warnings;    // usable, but worth a look
};

}  // namespace advad
