// Checks of the steps between consecutive timestamps of a data set.
#pragma once

#include "advad/data/dataset.h"
#include "advad/data/input_report.h"
#include "advad/data/series_checks.h"

namespace advad {

// Measures the steps between consecutive rows of each segment into
// report.time. A step that is zero (a repeated timestamp), negative (rows
// out of order) or longer than the gap limit is handled according to
// options.time_policy. kSplit starts a new segment at the later row and
// records it in report.segments, which must be parallel to data.segments.
// kReject throws an InputError naming both lines. Positive steps within the
// limit that differ from the median step by more than 10% are counted,
// and give one spdlog warning. Does nothing when `data` has no times.
void check_time_steps(Dataset& data, const SeriesCheckOptions& options,
                      InputReport& report);

}  // namespace advad
