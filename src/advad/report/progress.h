// A progress line with elapsed time and ETA for long jobs.
#pragma once

#include <chrono>
#include <cstddef>
#include <mutex>
#include <string>

namespace advad {

// Counts finished work units (epochs, say) out of an expected total, and
// prints one status line to standard error at most once per second: on a
// terminal the line is redrawn in place, otherwise a new line is written at
// most every 10 seconds. Safe to call from several threads.
class Progress {
 public:
  Progress(std::string label, std::size_t total_units, bool enabled = true);

  // Adds `units` finished units and a short note about the latest one.
  void advance(std::size_t units, const std::string& note);

  // Lowers the expected total, e.g. when early stopping skips epochs.
  void forgo(std::size_t units);

  // Prints the final line.
  void finish();

 private:
  void print_locked(bool final_line);

  std::mutex mutex_;
  std::string label_;
  std::size_t total_;
  std::size_t done_ = 0;
  std::string note_;
  bool enabled_;
  bool terminal_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_print_;
};

// Formats seconds as "m:ss" or "h:mm:ss".
std::string format_duration(double seconds);

}  // namespace advad
