#include "advad/model/score_writer.h"

#include <stdexcept>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

namespace advad {

namespace {

// Quotes a CSV cell when RFC 4180 requires it.
std::string csv_cell(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) {
    return text;
  }
  std::string quoted = "\"";
  for (char c : text) {
    quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  }
  return quoted + "\"";
}

std::string shares_cell(const std::vector<ChannelShare>& shares) {
  std::vector<std::string> parts;
  for (const ChannelShare& share : shares) {
    parts.push_back(fmt::format("{}={}", share.channel, share.share));
  }
  return csv_cell(fmt::format("{}", fmt::join(parts, ";")));
}

nlohmann::json shares_json(const std::vector<ChannelShare>& shares) {
  nlohmann::json list = nlohmann::json::array();
  for (const ChannelShare& share : shares) {
    list.push_back({{"channel", share.channel}, {"share", share.share}});
  }
  return list;
}

std::string describe_shares(const std::vector<ChannelShare>& shares) {
  std::vector<std::string> parts;
  for (const ChannelShare& share : shares) {
    parts.push_back(fmt::format("{} {:.1f}%", share.channel,
                                100.0 * share.share));
  }
  return fmt::format("{}", fmt::join(parts, ", "));
}

}  // namespace

ScoreWriter::ScoreWriter(std::ostream& scores, std::ostream* events,
                         ScoreFormat format)
    : scores_(scores), events_stream_(events), format_(format) {
  write_header();
}

void ScoreWriter::write_header() {
  if (format_.json_lines) {
    return;
  }
  scores_ << (format_.per_window ? "first_row,last_row,score,alarm\n"
                                 : "row,score,alarm\n");
  if (events_stream_ != nullptr) {
    *events_stream_
        << "first_row,last_row,peak_row,peak_score,windows,top_channels\n";
  }
}

void ScoreWriter::write(const ScoreReport& report) {
  if (format_.per_window) {
    for (const WindowScore& window : report.windows) {
      write_window(window);
    }
  } else {
    for (const PointScore& point : report.points) {
      write_point(point);
    }
  }
  rows_ += report.points.size();
  windows_ += report.windows.size();
  for (const AlarmEvent& event : report.events) {
    write_event(event);
  }
  scores_.flush();
  if (events_stream_ != nullptr) {
    events_stream_->flush();
  }
  check_streams();
}

void ScoreWriter::finish() {
  scores_.flush();
  if (events_stream_ != nullptr) {
    events_stream_->flush();
  }
  check_streams();
}

void ScoreWriter::write_point(const PointScore& point) {
  if (format_.json_lines) {
    nlohmann::json record = {{"type", "point"},
                             {"row", point.row},
                             {"score", nullptr},
                             {"alarm", point.alarm}};
    if (point.score) {
      record["score"] = *point.score;
    }
    scores_ << record.dump() << '\n';
    return;
  }
  std::string score = point.score ? fmt::format("{}", *point.score) : "";
  scores_ << fmt::format("{},{},{}\n", point.row, score,
                         point.alarm ? 1 : 0);
}

void ScoreWriter::write_window(const WindowScore& window) {
  if (format_.json_lines) {
    nlohmann::json record = {{"type", "window"},
                             {"first_row", window.first_row},
                             {"last_row", window.last_row},
                             {"score", window.score},
                             {"alarm", window.alarm}};
    scores_ << record.dump() << '\n';
    return;
  }
  scores_ << fmt::format("{},{},{},{}\n", window.first_row, window.last_row,
                         window.score, window.alarm ? 1 : 0);
}

void ScoreWriter::write_event(const AlarmEvent& event) {
  ++events_;
  spdlog::warn("alarm: rows {} to {}, peak score {:.6g} at row {}; top "
               "channels: {}",
               event.first_row, event.last_row, event.peak_score,
               event.peak_row, describe_shares(event.top_channels));
  std::ostream* out = events_stream_;
  if (out == nullptr && format_.json_lines) {
    out = &scores_;
  }
  if (out == nullptr) {
    return;
  }
  if (format_.json_lines) {
    nlohmann::json record = {{"type", "event"},
                             {"first_row", event.first_row},
                             {"last_row", event.last_row},
                             {"peak_row", event.peak_row},
                             {"peak_score", event.peak_score},
                             {"windows", event.windows},
                             {"top_channels",
                              shares_json(event.top_channels)}};
    *out << record.dump() << '\n';
    return;
  }
  *out << fmt::format("{},{},{},{},{},{}\n", event.first_row, event.last_row,
                      event.peak_row, event.peak_score, event.windows,
                      shares_cell(event.top_channels));
}

void ScoreWriter::check_streams() const {
  if (!scores_ || (events_stream_ != nullptr && !*events_stream_)) {
    throw std::runtime_error("writing the scores failed (disk full or the "
                             "reader closed the output?)");
  }
}

}  // namespace advad
