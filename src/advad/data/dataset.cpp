#include "advad/data/dataset.h"

#include <algorithm>
#include <stdexcept>

#include <fmt/format.h>

#include "advad/common/error.h"

namespace advad {

void Dataset::validate() const {
  if (values.cols != channels.size()) {
    throw std::logic_error(fmt::format(
        "dataset has {} value columns but {} channel names", values.cols,
        channels.size()));
  }
  if (context.cols != context_names.size() ||
      (context.cols > 0 && context.rows != values.rows)) {
    throw std::logic_error("dataset context columns disagree with names");
  }
  if (!labels.empty() && labels.size() != values.rows) {
    throw std::logic_error(fmt::format(
        "dataset has {} labels for {} rows", labels.size(), values.rows));
  }
  std::size_t expected_begin = 0;
  for (const Segment& segment : segments) {
    if (segment.begin != expected_begin || segment.end < segment.begin) {
      throw std::logic_error("dataset segments must tile the rows in order");
    }
    expected_begin = segment.end;
  }
  if (expected_begin != values.rows) {
    throw std::logic_error("dataset segments do not cover every row");
  }
}

namespace {

// Index of each name of `wanted` among `available`; throws InputError
// naming `source` and the first missing name.
std::vector<std::size_t> column_indices(
    const std::vector<std::string>& available,
    const std::vector<std::string>& wanted, const std::string& source) {
  std::vector<std::size_t> indices;
  indices.reserve(wanted.size());
  for (const std::string& name : wanted) {
    auto found = std::find(available.begin(), available.end(), name);
    if (found == available.end()) {
      throw InputError(fmt::format(
          "{}: channel '{}' is missing; every input must contain the "
          "channels of the training data, matched by name",
          source, name));
    }
    indices.push_back(static_cast<std::size_t>(found - available.begin()));
  }
  return indices;
}

Matrix pick_columns(const Matrix& source,
                    const std::vector<std::size_t>& indices) {
  Matrix result(source.rows, indices.size());
  for (std::size_t r = 0; r < source.rows; ++r) {
    const float* from = source.row(r);
    float* to = result.row(r);
    for (std::size_t c = 0; c < indices.size(); ++c) {
      to[c] = from[indices[c]];
    }
  }
  return result;
}

bool same_names(const std::vector<std::string>& a,
                const std::vector<std::string>& b) {
  return a == b;
}

}  // namespace

Dataset select_channels(const Dataset& data,
                        const std::vector<std::string>& channel_order,
                        const std::string& source) {
  if (same_names(data.channels, channel_order)) {
    return data;
  }
  Dataset result = data;
  result.values =
      pick_columns(data.values, column_indices(data.channels, channel_order,
                                               source));
  result.channels = channel_order;
  return result;
}

Dataset concatenate(const std::vector<Dataset>& parts) {
  if (parts.empty()) {
    return {};
  }
  Dataset result;
  result.channels = parts.front().channels;
  result.context_names = parts.front().context_names;
  std::size_t total_rows = 0;
  bool all_labelled = true;
  for (const Dataset& part : parts) {
    total_rows += part.rows();
    all_labelled = all_labelled && part.has_labels();
  }
  result.values = Matrix(total_rows, result.channels.size());
  result.context = Matrix(result.context_names.empty() ? 0 : total_rows,
                          result.context_names.size());
  std::size_t offset = 0;
  for (const Dataset& part : parts) {
    std::string source = part.segments.empty() ? std::string("input")
                                                : part.segments.front().source;
    Dataset aligned = select_channels(part, result.channels, source);
    std::copy(aligned.values.values.begin(), aligned.values.values.end(),
              result.values.values.begin() +
                  static_cast<std::ptrdiff_t>(offset * result.values.cols));
    if (!result.context_names.empty()) {
      Matrix context = pick_columns(
          part.context,
          column_indices(part.context_names, result.context_names, source));
      std::copy(context.values.begin(), context.values.end(),
                result.context.values.begin() +
                    static_cast<std::ptrdiff_t>(offset * context.cols));
    }
    if (all_labelled) {
      result.labels.insert(result.labels.end(), part.labels.begin(),
                           part.labels.end());
    }
    for (const Segment& segment : part.segments) {
      result.segments.push_back({segment.begin + offset, segment.end + offset,
                                 segment.source});
    }
    offset += part.rows();
  }
  return result;
}

Dataset slice_rows(const Dataset& data, std::size_t begin, std::size_t end) {
  if (begin > end || end > data.rows()) {
    throw std::out_of_range(fmt::format(
        "row range [{}, {}) outside {} rows", begin, end, data.rows()));
  }
  Dataset result;
  result.channels = data.channels;
  result.context_names = data.context_names;
  std::size_t row_count = end - begin;
  result.values = Matrix(row_count, data.values.cols);
  std::copy(data.values.row(begin), data.values.row(begin) +
                                        row_count * data.values.cols,
            result.values.values.begin());
  if (data.context.cols > 0) {
    result.context = Matrix(row_count, data.context.cols);
    std::copy(data.context.row(begin),
              data.context.row(begin) + row_count * data.context.cols,
              result.context.values.begin());
  } else {
    result.context = Matrix(0, 0);
  }
  if (data.has_labels()) {
    result.labels.assign(data.labels.begin() + static_cast<std::ptrdiff_t>(begin),
                         data.labels.begin() + static_cast<std::ptrdiff_t>(end));
  }
  for (const Segment& segment : data.segments) {
    std::size_t lo = std::max(segment.begin, begin);
    std::size_t hi = std::min(segment.end, end);
    if (lo < hi) {
      result.segments.push_back({lo - begin, hi - begin, segment.source});
    }
  }
  return result;
}

}  // namespace advad
