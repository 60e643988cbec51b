// Figures drawn with gnuplot.
#pragma once

#include <string>

#include "advad/report/report.h"

namespace advad {

struct PlotOptions {
  // gnuplot program: a name looked up in PATH, or a path.
  std::string gnuplot = "gnuplot";
};

// Returns the gnuplot script behind the comparison figure: the metrics
// as an inline data block, then commands that write comparison.png
// (pngcairo terminal when gnuplot has it, else png) and comparison.svg
// into gnuplot's working folder. Undefined metrics are missing bars
// marked "n/a". Variant names are quoted and printed without gnuplot's
// enhanced-text markup. Throws std::invalid_argument for a report
// without variants.
std::string format_comparison_script(const ExperimentReport& report);

// Writes comparison.png and comparison.svg into `folder` (created when
// missing): grouped bars of precision, recall, F1, ROC-AUC and PR-AUC
// per variant. Also leaves the script as comparison.gp, so the figure
// can be redrawn by hand. Runs `gnuplot` without a shell; throws
// std::runtime_error naming the command and gnuplot's output when gnuplot
// is missing or fails.
void write_comparison_plot(const std::string& folder,
                           const ExperimentReport& report);

// Writes the comparison figure as above with the gnuplot program named
// in `options`.
void write_comparison_plot(const std::string& folder,
                           const ExperimentReport& report,
                           const PlotOptions& options);

}  // namespace advad
