#include "advad/report/progress.h"

#include <cstdio>

#include <fmt/format.h>
#include <unistd.h>

namespace advad {

Progress::Progress(std::string label, std::size_t total_units, bool enabled)
    : label_(std::move(label)),
      total_(total_units),
      enabled_(enabled),
      terminal_(::isatty(STDERR_FILENO) != 0),
      start_(std::chrono::steady_clock::now()),
      last_print_(start_) {}

void Progress::advance(std::size_t units, const std::string& note) {
  std::lock_guard lock(mutex_);
  done_ += units;
  note_ = note;
  auto now = std::chrono::steady_clock::now();
  auto interval = terminal_ ? std::chrono::seconds(1)
                            : std::chrono::seconds(10);
  if (now - last_print_ >= interval) {
    last_print_ = now;
    print_locked(false);
  }
}

void Progress::forgo(std::size_t units) {
  std::lock_guard lock(mutex_);
  total_ = units > total_ - done_ ? done_ : total_ - units;
}

void Progress::finish() {
  std::lock_guard lock(mutex_);
  print_locked(true);
}

void Progress::print_locked(bool final_line) {
  if (!enabled_) {
    return;
  }
  double elapsed = std::chrono::duration<double>(
                       std::chrono::steady_clock::now() - start_)
                       .count();
  double fraction = total_ == 0 ? 1.0
                                : static_cast<double>(done_) /
                                      static_cast<double>(total_);
  std::string eta = "?";
  if (done_ > 0 && !final_line) {
    eta = format_duration(elapsed * (1.0 - fraction) / fraction);
  }
  std::string line = fmt::format(
      "{} {:3.0f}% ({}/{}) elapsed {} ETA {}  {}", label_, 100.0 * fraction,
      done_, total_, format_duration(elapsed), final_line ? "0:00" : eta,
      note_);
  if (terminal_) {
    std::fprintf(stderr, "\r%-100.100s%s", line.c_str(),
                 final_line ? "\n" : "");
  } else {
    std::fprintf(stderr, "%s\n", line.c_str());
  }
  std::fflush(stderr);
}

std::string format_duration(double seconds) {
  auto total = static_cast<long long>(seconds + 0.5);
  long long hours = total / 3600;
  long long minutes = (total % 3600) / 60;
  long long secs = total % 60;
  if (hours > 0) {
    return fmt::format("{}:{:02}:{:02}", hours, minutes, secs);
  }
  return fmt::format("{}:{:02}", minutes, secs);
}

}  // namespace advad
