#include "advad/preprocess/labelled_split.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include <fmt/format.h>

#include "advad/common/error.h"

namespace advad {

LabelledSplit split_labelled(const Dataset& labelled, double fraction) {
  if (!labelled.has_labels()) {
    throw InputError("a labelled validation split needs labelled rows; give "
                     "test files with labels");
  }
  if (!(fraction > 0.0 && fraction < 1.0)) {
    throw InputError(fmt::format(
        "the labelled validation fraction must be in (0, 1), got {}",
        fraction));
  }
  std::vector<Dataset> heads;
  std::vector<Dataset> tails;
  for (const Segment& segment : labelled.segments) {
    auto tail_rows = static_cast<std::size_t>(
        std::llround(fraction * static_cast<double>(segment.size())));
    std::size_t cut = segment.end - tail_rows;
    heads.push_back(slice_rows(labelled, segment.begin, cut));
    tails.push_back(slice_rows(labelled, cut, segment.end));
  }
  LabelledSplit split{concatenate(tails), concatenate(heads)};
  const std::vector<std::uint8_t>& labels = split.validation.labels;
  auto anomalous = static_cast<std::size_t>(
      std::count(labels.begin(), labels.end(), std::uint8_t{1}));
  if (anomalous == 0 || anomalous == labels.size()) {
    throw InputError(fmt::format(
        "the labelled validation split (the last {} of each test segment, "
        "{} rows) has {} anomalous rows; it needs normal and anomalous "
        "rows: change the fraction",
        fraction, labels.size(), anomalous));
  }
  return split;
}

}  // namespace advad
