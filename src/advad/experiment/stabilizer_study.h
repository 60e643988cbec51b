// The study of adversarial stabilizers: the experiment once per
// stabilizer, over several seeds, gathered in one table.
#pragma once

#include <string>
#include <vector>

#include "advad/experiment/experiment.h"

namespace advad {

// Runs the experiment once per name in `stabilizers` (each applied to
// `options.training.adversary` on top of the options given), writing each
// run's files into `options.out`/<name>, then writes stabilizers.md and
// stabilizers.csv into `options.out`: per stabilizer and variant, the
// mean discriminator accuracy over training, F1, ROC-AUC and PR-AUC as
// mean and standard deviation over the seeds, and the paired test of each
// adversarial variant against its reconstruction-only twin. Returns the
// Markdown table.
std::string run_stabilizer_study(const ExperimentOptions& options,
                                 const std::vector<std::string>& stabilizers);

}  // namespace advad
