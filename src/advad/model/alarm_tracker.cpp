#include "advad/model/alarm_tracker.h"

#include <algorithm>
#include <numeric>
#include <stdexcept>
#include <utility>

namespace advad {

AlarmTracker::AlarmTracker(std::size_t window, double threshold,
                           std::vector<std::string> channels,
                           std::size_t top_channels, std::size_t first_row)
    : window_(window),
      threshold_(threshold),
      channels_(std::move(channels)),
      top_channels_(top_channels),
      next_row_(first_row),
      event_errors_(channels_.size(), 0.0) {
  if (window == 0) {
    throw std::invalid_argument("alarm tracker needs a window of 1 row");
  }
}

void AlarmTracker::add_window(std::size_t first_row, double score,
                              std::vector<double> channel_errors,
                              ScoreReport& output) {
  if (first_row < next_row_) {
    throw std::logic_error("windows must arrive in order of their first row");
  }
  finalize_before(first_row, output);
  // pending_ now starts at first_row.
  if (pending_.size() < window_) {
    pending_.resize(window_);
  }
  for (std::size_t i = 0; i < window_; ++i) {
    std::optional<double>& row_score = pending_[i];
    row_score = row_score ? std::max(*row_score, score) : score;
  }
  if (score > threshold_) {
    if (channel_errors.size() != channels_.size()) {
      throw std::logic_error("a flagged window needs one error per channel");
    }
    flagged_.push_back({first_row, std::move(channel_errors)});
  }
}

void AlarmTracker::finish(std::size_t end_row, ScoreReport& output) {
  finalize_before(std::max(end_row, next_row_ + pending_.size()), output);
  close_event(output);
}

void AlarmTracker::finalize_before(std::size_t row, ScoreReport& output) {
  while (next_row_ < row) {
    std::optional<double> score;
    if (!pending_.empty()) {
      score = pending_.front();
      pending_.pop_front();
    }
    finalize_row(score, output);
  }
}

void AlarmTracker::finalize_row(std::optional<double> score,
                                ScoreReport& output) {
  std::size_t row = next_row_++;
  bool alarm = score && *score > threshold_;
  output.points.push_back({row, score, alarm});
  if (!alarm) {
    close_event(output);
    return;
  }
  extend_event(row, *score);
  // A flagged window's rows all score above the threshold, so the window
  // belongs to the event that contains its first row.
  while (!flagged_.empty() && flagged_.front().first_row == row) {
    const std::vector<double>& errors = flagged_.front().channel_errors;
    for (std::size_t c = 0; c < errors.size(); ++c) {
      event_errors_[c] += errors[c];
    }
    ++event_->windows;
    flagged_.pop_front();
  }
}

void AlarmTracker::extend_event(std::size_t row, double score) {
  if (!event_) {
    event_ = AlarmEvent{row, row, row, score, 0, {}};
  }
  event_->last_row = row;
  if (score > event_->peak_score) {
    event_->peak_score = score;
    event_->peak_row = row;
  }
}

void AlarmTracker::close_event(ScoreReport& output) {
  if (!event_) {
    return;
  }
  event_->top_channels = top_shares();
  output.events.push_back(std::move(*event_));
  event_.reset();
  std::fill(event_errors_.begin(), event_errors_.end(), 0.0);
}

std::vector<ChannelShare> AlarmTracker::top_shares() const {
  double total = std::accumulate(event_errors_.begin(), event_errors_.end(),
                                 0.0);
  std::vector<std::size_t> order(channels_.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  // Largest first; equal shares keep the model's channel order.
  std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) {
    return event_errors_[a] > event_errors_[b];
  });
  std::vector<ChannelShare> shares;
  if (!(total > 0.0)) {
    return shares;
  }
  for (std::size_t i = 0; i < std::min(top_channels_, order.size()); ++i) {
    shares.push_back({channels_[order[i]], event_errors_[order[i]] / total});
  }
  return shares;
}

}  // namespace advad
