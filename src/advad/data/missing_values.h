// Missing values in a data set: counted, rejected, dropped or filled. A
// value is missing when it is not finite: NaN or +-infinity in `values64`
// when the data set has double-precision values, else in `values`.
#pragma once

#include "advad/data/dataset.h"
#include "advad/data/input_report.h"

namespace advad {

// Counts the missing cells of each channel into report.channels, with the
// first missing row. Keeps a first_missing_text that the reader set and
// formats the value otherwise.
void count_missing(const Dataset& data, InputReport& report);

// Throws InputError naming each channel that has no valid value.
void reject_empty_channels(const InputReport& report);

// Throws InputError naming the first missing cell in file order (row, then
// column) and the number of missing cells per channel, when there is one.
void reject_missing(const InputReport& report);

// Removes every row with a missing value. A segment continues only over
// consecutive kept rows, so each run of dropped rows ends a segment.
// Updates report.segments (parallel to data.segments, in file rows) and
// report.rows_dropped. `data` must still have the rows of the file.
void drop_missing(Dataset& data, InputReport& report);

// Fills every missing value linearly between the nearest valid values of
// its channel in the same segment, by time when `data` has times and by
// row position otherwise. Leading and trailing missing values take the
// nearest valid value. Throws InputError when a channel has no valid value
// in a segment.
void interpolate_missing(Dataset& data, InputReport& report);

}  // namespace advad
