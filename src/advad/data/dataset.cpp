#include "advad/data/dataset.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <stdexcept>

#include <fmt/format.h>

#include "advad/common/error.h"

namespace advad {

namespace {

void validate_optional_columns(const Dataset& data) {
  if (!data.times.empty() && data.times.size() != data.values.rows) {
    throw std::logic_error(fmt::format("dataset has {} times for {} rows",
                                       data.times.size(), data.values.rows));
  }
  if (data.values64.cols > 0 && (data.values64.rows != data.values.rows ||
                                 data.values64.cols != data.values.cols)) {
    throw std::logic_error(
        "dataset double-precision values disagree with the float32 values");
  }
}

}  // namespace

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
  validate_optional_columns(*this);
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

template <typename T>
BasicMatrix<T> pick_columns(const BasicMatrix<T>& source,
                            const std::vector<std::size_t>& indices) {
  BasicMatrix<T> result(source.rows, indices.size());
  for (std::size_t r = 0; r < source.rows; ++r) {
    const T* from = source.row(r);
    T* to = result.row(r);
    for (std::size_t c = 0; c < indices.size(); ++c) {
      to[c] = from[indices[c]];
    }
  }
  return result;
}

// Copies the rows of `part` into `whole` from row `offset` on.
template <typename T>
void copy_rows(const BasicMatrix<T>& part, std::size_t offset,
               BasicMatrix<T>& whole) {
  std::copy(part.values.begin(), part.values.end(),
            whole.values.begin() +
                static_cast<std::ptrdiff_t>(offset * whole.cols));
}

// Returns the rows [begin, end) of `source`.
template <typename T>
BasicMatrix<T> row_range(const BasicMatrix<T>& source, std::size_t begin,
                         std::size_t end) {
  BasicMatrix<T> result(end - begin, source.cols);
  std::copy(source.row(begin), source.row(begin) + result.values.size(),
            result.values.begin());
  return result;
}

template <typename T>
std::vector<T> element_range(const std::vector<T>& source, std::size_t begin,
                             std::size_t end) {
  return {source.begin() + static_cast<std::ptrdiff_t>(begin),
          source.begin() + static_cast<std::ptrdiff_t>(end)};
}

struct PartFlags {
  bool labels = true;
  bool times = true;
  bool values64 = true;
};

PartFlags common_columns(const std::vector<Dataset>& parts) {
  PartFlags flags;
  for (const Dataset& part : parts) {
    flags.labels = flags.labels && part.has_labels();
    flags.times = flags.times && part.has_times();
    flags.values64 = flags.values64 && part.has_values64();
  }
  return flags;
}

std::string source_of(const Dataset& part) {
  return part.segments.empty() ? std::string("input")
                               : part.segments.front().source;
}

// Appends the rows of `part` to `result`, which has room for them from
// row `offset` on.
void append_part(const Dataset& part, std::size_t offset, PartFlags flags,
                 Dataset& result) {
  const std::string source = source_of(part);
  Dataset aligned = select_channels(part, result.channels, source);
  copy_rows(aligned.values, offset, result.values);
  if (flags.values64) copy_rows(aligned.values64, offset, result.values64);
  if (!result.context_names.empty()) {
    copy_rows(pick_columns(part.context,
                           column_indices(part.context_names,
                                          result.context_names, source)),
              offset, result.context);
  }
  if (flags.labels) {
    result.labels.insert(result.labels.end(), part.labels.begin(),
                         part.labels.end());
  }
  if (flags.times) {
    result.times.insert(result.times.end(), part.times.begin(),
                        part.times.end());
  }
  for (const Segment& segment : part.segments) {
    result.segments.push_back(
        {segment.begin + offset, segment.end + offset, segment.source});
  }
}

}  // namespace

float to_float32(double value) {
  if (std::isfinite(value) && std::fabs(value) > FLT_MAX) {
    return value > 0 ? INFINITY : -INFINITY;
  }
  return static_cast<float>(value);
}

Matrix to_float32(const Matrix64& wide) {
  Matrix narrow(wide.rows, wide.cols);
  std::transform(wide.values.begin(), wide.values.end(),
                 narrow.values.begin(),
                 [](double value) { return to_float32(value); });
  return narrow;
}

Dataset select_channels(const Dataset& data,
                        const std::vector<std::string>& channel_order,
                        const std::string& source) {
  if (data.channels == channel_order) {
    return data;
  }
  const std::vector<std::size_t> indices =
      column_indices(data.channels, channel_order, source);
  Dataset result = data;
  result.values = pick_columns(data.values, indices);
  if (data.has_values64()) {
    result.values64 = pick_columns(data.values64, indices);
  }
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
  for (const Dataset& part : parts) {
    total_rows += part.rows();
  }
  const PartFlags flags = common_columns(parts);
  result.values = Matrix(total_rows, result.channels.size());
  if (flags.values64) {
    result.values64 = Matrix64(total_rows, result.channels.size());
  }
  result.context = Matrix(result.context_names.empty() ? 0 : total_rows,
                          result.context_names.size());
  std::size_t offset = 0;
  for (const Dataset& part : parts) {
    append_part(part, offset, flags, result);
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
  result.values = row_range(data.values, begin, end);
  result.context = data.context.cols > 0
                       ? row_range(data.context, begin, end)
                       : Matrix(0, 0);
  if (data.has_values64()) {
    result.values64 = row_range(data.values64, begin, end);
  }
  if (data.has_labels()) {
    result.labels = element_range(data.labels, begin, end);
  }
  if (data.has_times()) {
    result.times = element_range(data.times, begin, end);
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
