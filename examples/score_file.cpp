// Scores a comma-separated file with a model written by 'advad train' and
// prints the alarm events with the channels behind them.
//
// Usage: score_file MODEL CSV
// The CSV's first line names the columns; every channel of the model must
// be one of them, and other columns are ignored. Exit status: 0 no alarm,
// 1 alarm, 2 invalid input.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include <advad/advad.h>

namespace {

std::vector<std::string> split(const std::string& line) {
  std::vector<std::string> fields;
  std::stringstream stream(line);
  std::string field;
  while (std::getline(stream, field, ',')) {
    fields.push_back(field);
  }
  return fields;
}

// Reads the rows of `path` with the detector's channels in its order.
std::vector<float> read_rows(const std::string& path,
                             const advad::Detector& detector) {
  std::ifstream file(path);
  std::string line;
  if (!std::getline(file, line)) {
    throw advad::InputError(path + ": empty file");
  }
  std::vector<std::string> header = split(line);
  // Columns that are not channels of the model are skipped.
  std::vector<std::string> ignored;
  for (const std::string& name : header) {
    ignored.push_back(name);
  }
  std::vector<std::size_t> columns = detector.match_columns(header, ignored);
  std::vector<float> rows;
  while (std::getline(file, line)) {
    std::vector<std::string> fields = split(line);
    for (std::size_t column : columns) {
      rows.push_back(std::stof(fields.at(column)));
    }
  }
  return rows;
}

void print_event(const advad::AlarmEvent& event) {
  std::printf("alarm: rows %zu to %zu, peak score %.6g at row %zu\n",
              event.first_row, event.last_row, event.peak_score,
              event.peak_row);
  for (const advad::ChannelShare& share : event.top_channels) {
    std::printf("  %-24s %5.1f%%\n", share.channel.c_str(),
                100.0 * share.share);
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: score_file MODEL CSV\n";
    return 2;
  }
  try {
    advad::Detector detector = advad::Detector::load(argv[1]);
    std::vector<float> rows = read_rows(argv[2], detector);
    std::size_t row_count = rows.size() / detector.channels().size();
    advad::ScoreReport report =
        detector.analyze(rows.data(), row_count, 5);
    std::printf("advad %s, model %s: %zu rows, %zu windows, threshold "
                "%.6g\n",
                advad::version().c_str(), detector.variant().c_str(),
                row_count, report.windows.size(), detector.threshold());
    for (const advad::AlarmEvent& event : report.events) {
      print_event(event);
    }
    return report.alarm() ? 1 : 0;
  } catch (const advad::InputError& error) {
    std::cerr << "error: " << error.what() << "\n";
    return 2;
  } catch (const std::exception& error) {
    std::cerr << "error: " << error.what() << "\n";
    return 3;
  }
}
