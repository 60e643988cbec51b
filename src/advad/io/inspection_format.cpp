// Text and JSON forms of an Inspection.
#include <fmt/format.h>

#include <algorithm>
#include <string>

#include "advad/io/inspection.h"

namespace advad {

namespace {

// Segments printed in the text form, at most; JSON lists all of them.
constexpr std::size_t kPrintedSegments = 20;

nlohmann::json channel_json(const ChannelReport& channel) {
  return {{"name", channel.name},
          {"type", channel.source_type},
          {"missing", channel.missing},
          {"constant", channel.constant}};
}

nlohmann::json segments_json(const Inspection& inspection) {
  const InputReport& report = inspection.report;
  nlohmann::json segments = nlohmann::json::array();
  for (std::size_t s = 0; s < report.segments.size(); ++s) {
    const SegmentReport& segment = report.segments[s];
    segments.push_back(
        {{"first", report.rows.number(segment.first_row)},
         {"last", report.rows.number(segment.last_row)},
         {"rows",
          s < inspection.segment_rows.size() ? inspection.segment_rows[s] : 0},
         {"reason", segment.reason}});
  }
  return segments;
}

nlohmann::json time_json(const std::optional<TimeStepReport>& time) {
  if (!time) return nullptr;
  return {{"steps", time->steps},
          {"median", time->median},
          {"min", time->min},
          {"max", time->max},
          {"gap_limit", time->gap_limit},
          {"irregular", time->irregular},
          {"gaps", time->gaps},
          {"duplicates", time->duplicates},
          {"backwards", time->backwards}};
}

nlohmann::json labels_json(const std::optional<LabelCounts>& labels) {
  if (!labels) return nullptr;
  return {{"normal", labels->normal}, {"anomalous", labels->anomalous}};
}

std::string rows_line(const Inspection& inspection) {
  const InputReport& report = inspection.report;
  std::string line = fmt::format("  rows: {} read", report.rows_read);
  if (report.rows_dropped > 0) {
    line += fmt::format(", {} dropped for missing values, {} kept",
                        report.rows_dropped, inspection.rows());
  }
  if (report.cells_filled > 0) {
    line +=
        fmt::format(", {} missing values interpolated", report.cells_filled);
  }
  return line + "\n";
}

std::string channel_lines(const InputReport& report) {
  std::size_t width = 4;
  for (const ChannelReport& channel : report.channels) {
    width = std::max(width, channel.name.size());
  }
  std::string text = fmt::format("  channels: {}\n", report.channels.size());
  for (const ChannelReport& channel : report.channels) {
    text += fmt::format("    {:<{}}  {:<12}  missing {}{}\n", channel.name,
                        width, channel.source_type, channel.missing,
                        channel.constant ? "  constant" : "");
  }
  return text;
}

std::string segment_lines(const Inspection& inspection) {
  const InputReport& report = inspection.report;
  const RowNames& names = report.rows;
  std::string text =
      fmt::format("  segments: {}\n", inspection.segment_rows.size());
  const std::size_t shown = std::min(report.segments.size(), kPrintedSegments);
  for (std::size_t s = 0; s < shown; ++s) {
    const SegmentReport& segment = report.segments[s];
    text += fmt::format(
        "    {} {}-{} ({} rows): {}\n", names.text_lines ? "lines" : "rows",
        names.number(segment.first_row), names.number(segment.last_row),
        s < inspection.segment_rows.size() ? inspection.segment_rows[s] : 0,
        segment.reason);
  }
  if (report.segments.size() > shown) {
    text += fmt::format("    ... {} more (see --json)\n",
                        report.segments.size() - shown);
  }
  return text;
}

std::string time_line(const std::optional<TimeStepReport>& time) {
  if (!time) return "  time steps: no timestamp column\n";
  return fmt::format(
      "  time steps (s): median {:g}, min {:g}, max {:g}; {} irregular, {} "
      "gaps over {:g}, {} repeated, {} backwards\n",
      time->median, time->min, time->max, time->irregular, time->gaps,
      time->gap_limit, time->duplicates, time->backwards);
}

std::string labels_line(const std::optional<LabelCounts>& labels) {
  if (!labels) return "  labels: none\n";
  return fmt::format("  labels: {} normal, {} anomalous\n", labels->normal,
                     labels->anomalous);
}

}  // namespace

nlohmann::json to_json(const Inspection& inspection) {
  const InputReport& report = inspection.report;
  nlohmann::json channels = nlohmann::json::array();
  for (const ChannelReport& channel : report.channels) {
    channels.push_back(channel_json(channel));
  }
  return {{"path", inspection.path},
          {"usable", inspection.usable()},
          {"rows_read", report.rows_read},
          {"rows", inspection.rows()},
          {"rows_dropped", report.rows_dropped},
          {"cells_filled", report.cells_filled},
          {"row_numbers", report.rows.text_lines ? "line" : "row"},
          {"channels", channels},
          {"segments", segments_json(inspection)},
          {"time", time_json(report.time)},
          {"labels", labels_json(inspection.labels)},
          {"warnings", report.warnings},
          {"errors", inspection.errors}};
}

std::string format_inspection(const Inspection& inspection) {
  std::string text = fmt::format("{}: {}\n", inspection.path,
                                 inspection.usable() ? "usable" : "NOT USABLE");
  if (!inspection.report.channels.empty()) {
    text += rows_line(inspection);
    text += channel_lines(inspection.report);
    text += segment_lines(inspection);
    text += time_line(inspection.report.time);
    text += labels_line(inspection.labels);
  }
  for (const std::string& warning : inspection.report.warnings) {
    text += fmt::format("  warning: {}\n", warning);
  }
  for (const std::string& error : inspection.errors) {
    text += fmt::format("  error: {}\n", error);
  }
  return text;
}

}  // namespace advad
