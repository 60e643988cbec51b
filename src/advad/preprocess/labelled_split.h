// A labelled validation split for the steps that need labelled anomalies
// (selection by mutual information, the window search).
#pragma once

#include "advad/data/dataset.h"

namespace advad {

struct LabelledSplit {
  Dataset validation;  // labelled rows that choose features or windows
  Dataset rest;        // the other rows, for the final evaluation
};

// Takes the last `fraction` of the rows of every segment of `labelled`
// (rounded to whole rows, in time order) as the validation part and keeps
// the rest. The tail is used because anomalies tend to follow a normal
// start in recorded test runs (every SKAB file starts with over 400
// normal rows). Throws InputError when `labelled` has no labels, when
// `fraction` is not in (0, 1), or when the validation part lacks normal
// or anomalous rows.
LabelledSplit split_labelled(const Dataset& labelled, double fraction);

}  // namespace advad
