#include "advad/data/window.h"

#include <algorithm>
#include <stdexcept>

namespace advad {

WindowSet::WindowSet(const Dataset& data, WindowOptions options)
    : data_(&data), options_(options) {
  if (options.length == 0 || options.stride == 0) {
    throw std::invalid_argument("window length and stride must be positive");
  }
  for (const Segment& segment : data.segments) {
    if (segment.size() < options.length) {
      skipped_.push_back(segment.source);
      continue;
    }
    for (std::size_t start = segment.begin;
         start + options.length <= segment.end; start += options.stride) {
      starts_.push_back(start);
    }
  }
}

std::uint8_t WindowSet::label(std::size_t window) const {
  auto first = data_->labels.begin() +
               static_cast<std::ptrdiff_t>(starts_[window]);
  auto last = first + static_cast<std::ptrdiff_t>(options_.length);
  return std::any_of(first, last, [](std::uint8_t v) { return v != 0; }) ? 1
                                                                          : 0;
}

std::vector<std::uint8_t> WindowSet::labels() const {
  std::vector<std::uint8_t> result;
  if (!data_->has_labels()) {
    return result;
  }
  result.reserve(size());
  for (std::size_t w = 0; w < size(); ++w) {
    result.push_back(label(w));
  }
  return result;
}

std::size_t WindowSet::keep_normal_only() {
  if (!data_->has_labels()) {
    return 0;
  }
  std::vector<std::size_t> normal;
  normal.reserve(starts_.size());
  for (std::size_t w = 0; w < starts_.size(); ++w) {
    if (label(w) == 0) {
      normal.push_back(starts_[w]);
    }
  }
  std::size_t dropped = starts_.size() - normal.size();
  starts_ = std::move(normal);
  return dropped;
}

}  // namespace advad
