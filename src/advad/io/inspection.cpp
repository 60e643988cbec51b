#include "advad/io/inspection.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <filesystem>

#include "advad/common/error.h"
#include "advad/data/series_checks.h"
#include "advad/io/experiment_data.h"
#include "advad/io/kuka.h"
#include "advad/io/npy.h"

namespace advad {

namespace {

// Segments listed by name in a warning, at most.
constexpr std::size_t kListedSegments = 5;

void summarize(const Dataset& data, Inspection& inspection) {
  inspection.channels = data.channels;
  for (const Segment& segment : data.segments) {
    inspection.segment_rows.push_back(segment.size());
  }
  if (!data.has_labels()) return;
  LabelCounts counts;
  for (const std::uint8_t label : data.labels) {
    (label != 0 ? counts.anomalous : counts.normal) += 1;
  }
  inspection.labels = counts;
}

std::string span_text(const InputReport& report, std::size_t s) {
  const SegmentReport& segment = report.segments[s];
  const RowNames& names = report.rows;
  return fmt::format("{} {}-{}{}", names.text_lines ? "lines" : "rows",
                     names.number(segment.first_row),
                     names.number(segment.last_row),
                     names.text_lines ? "" : " (0-based)");
}

void check_window(std::size_t window, Inspection& inspection) {
  const std::vector<std::size_t>& sizes = inspection.segment_rows;
  if (window == 0 || sizes.empty()) return;
  std::vector<std::string> short_ones;
  for (std::size_t s = 0; s < sizes.size(); ++s) {
    if (sizes[s] >= window) continue;
    short_ones.push_back(
        fmt::format("{} ({} rows)", span_text(inspection.report, s), sizes[s]));
  }
  if (short_ones.size() == sizes.size()) {
    const std::size_t longest = *std::max_element(sizes.begin(), sizes.end());
    inspection.errors.push_back(fmt::format(
        "{}: no window of {} rows fits, because the longest segment has {} "
        "rows; use --window {} or less, or a longer recording",
        inspection.path, window, longest, longest));
    return;
  }
  if (short_ones.empty()) return;
  const std::size_t listed = std::min(short_ones.size(), kListedSegments);
  inspection.report.warnings.push_back(fmt::format(
      "{}: {} of {} segments are shorter than the window of {} rows and "
      "give no window: {}{}",
      inspection.path, short_ones.size(), sizes.size(), window,
      fmt::join(short_ones.begin(), short_ones.begin() + listed, ", "),
      short_ones.size() > listed ? ", ..." : ""));
}

void check_labels(Inspection& inspection) {
  if (!inspection.labels) return;
  const LabelCounts counts = *inspection.labels;
  if (counts.normal > 0 && counts.anomalous > 0) return;
  inspection.report.warnings.push_back(fmt::format(
      "{}: every row is labelled {}, so as test data ROC-AUC and PR-AUC "
      "are undefined (reported as n/a)",
      inspection.path, counts.normal > 0 ? "normal (0)" : "anomalous (1)"));
}

void check_constant(Inspection& inspection) {
  std::vector<std::string> names;
  for (const ChannelReport& channel : inspection.report.channels) {
    if (channel.constant) names.push_back(channel.name);
  }
  if (names.empty()) return;
  inspection.report.warnings.push_back(fmt::format(
      "{}: {} constant channels ({}); as training data they carry no "
      "information and scale to a fixed value",
      inspection.path, names.size(), fmt::join(names, ", ")));
}

// Describes a data set read without check_series(), as kuka::load()
// returns them: one segment, no missing values.
InputReport describe_plain(const Dataset& data, const std::string& path) {
  InputReport report;
  report.rows = RowNames{path, false};
  report.rows_read = data.rows();
  const std::string dtype = npy::read_header(path).descr;
  for (const std::string& name : data.channels) {
    ChannelReport channel;
    channel.name = name;
    channel.source_type = dtype;
    report.channels.push_back(channel);
  }
  for (const std::size_t c : constant_channels(data.values)) {
    report.channels[c].constant = true;
  }
  if (data.rows() > 0) {
    report.segments.push_back({0, data.rows() - 1, "start of the file"});
  }
  return report;
}

Inspection inspect_plain(const Dataset& data, const std::string& path,
                         std::size_t window) {
  Inspection inspection;
  inspection.path = path;
  inspection.report = describe_plain(data, path);
  summarize(data, inspection);
  check_window(window, inspection);
  check_labels(inspection);
  check_constant(inspection);
  return inspection;
}

const Inspection* first_usable(const std::vector<Inspection>& inspections) {
  for (const Inspection& inspection : inspections) {
    if (inspection.usable()) return &inspection;
  }
  return nullptr;
}

std::vector<std::string> names_missing_from(
    const std::vector<std::string>& names,
    const std::vector<std::string>& available) {
  std::vector<std::string> missing;
  for (const std::string& name : names) {
    if (std::find(available.begin(), available.end(), name) ==
        available.end()) {
      missing.push_back(name);
    }
  }
  return missing;
}

std::string quoted(const std::vector<std::string>& names) {
  std::string text;
  for (const std::string& name : names) {
    text += fmt::format("{}'{}'", text.empty() ? "" : ", ", name);
  }
  return text;
}

}  // namespace

std::size_t Inspection::rows() const {
  std::size_t total = 0;
  for (const std::size_t size : segment_rows) total += size;
  return total;
}

Inspection inspect_series_file(const std::string& path,
                               const DelimitedOptions& options,
                               const std::string& label_file,
                               std::size_t window) {
  Inspection inspection;
  inspection.path = path;
  try {
    const Dataset data =
        read_series_file(path, options, label_file, &inspection.report);
    summarize(data, inspection);
    check_window(window, inspection);
    check_labels(inspection);
    check_constant(inspection);
  } catch (const InputError& error) {
    inspection.errors.push_back(error.what());
  }
  return inspection;
}

std::vector<Inspection> inspect_kuka(const std::string& folder,
                                     bool action_as_channel,
                                     std::size_t window) {
  namespace fs = std::filesystem;
  try {
    const kuka::KukaData data = kuka::load(folder, action_as_channel);
    return {
        inspect_plain(data.normal,
                      (fs::path(folder) / kuka::kNormalFile).string(), window),
        inspect_plain(data.slow, (fs::path(folder) / kuka::kSlowFile).string(),
                      window)};
  } catch (const InputError& error) {
    Inspection inspection;
    inspection.path = folder;
    inspection.errors.push_back(error.what());
    return {inspection};
  }
}

void check_channel_match(std::vector<Inspection>& inspections) {
  const Inspection* reference = first_usable(inspections);
  if (reference == nullptr) return;
  const std::vector<std::string> wanted = reference->channels;
  const std::string source = reference->path;
  for (Inspection& inspection : inspections) {
    if (!inspection.usable() || &inspection == reference) continue;
    const std::vector<std::string> missing =
        names_missing_from(wanted, inspection.channels);
    if (!missing.empty()) {
      inspection.errors.push_back(fmt::format(
          "{}: channels {} of {} are missing; every input must contain "
          "the channels of the first one, matched by name",
          inspection.path, quoted(missing), source));
    }
    const std::vector<std::string> extra =
        names_missing_from(inspection.channels, wanted);
    if (!extra.empty()) {
      inspection.report.warnings.push_back(fmt::format(
          "{}: channels {} are not in {} and are left out when the inputs "
          "are combined",
          inspection.path, quoted(extra), source));
    }
  }
}

}  // namespace advad
