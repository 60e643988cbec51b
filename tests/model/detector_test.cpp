// The public API on a model file: loading, block and stream scoring.
#include "advad/detector.h"

#include <cmath>
#include <numeric>
#include <string>

#include <gtest/gtest.h>

#include "advad/model_error.h"
#include "advad/nn/training.h"
#include "advad/stream_scorer.h"
#include "model_fixture.h"
#include "test_support.h"

namespace advad {
namespace {

// Saves the fixture model with a threshold at the median window score of
// `rows`, so that about half of the windows raise an alarm.
class DetectorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Model model = testing::make_fixture_model();
    rows_ = testing::sine_rows(60, 3.0);
    path_ = folder_.file("m.advad");
    std::vector<double> scores = direct_scores(model);
    std::sort(scores.begin(), scores.end());
    model.threshold = scores[scores.size() / 2];
    save_model(model, path_);
  }

  // Scores the rows with the experiment's own functions: scaling, a
  // WindowSet and nn::reconstruction_errors.
  std::vector<double> direct_scores(Model& model) const {
    Dataset data;
    data.channels = testing::fixture_channels();
    data.values = Matrix(row_count(), 3);
    data.values.values = rows_;
    data.segments = {{0, row_count(), "rows"}};
    model.scaler->transform(data.values);
    WindowSet windows(data, {model.schema.window, model.schema.stride});
    return nn::reconstruction_errors(model.network, windows, torch::kCPU);
  }

  std::size_t row_count() const { return rows_.size() / 3; }

  testing::TempDir folder_;
  std::string path_;
  std::vector<float> rows_;
};

TEST_F(DetectorTest, ReportsSchema) {
  Detector detector = Detector::load(path_);
  EXPECT_EQ(detector.channels(), testing::fixture_channels());
  EXPECT_EQ(detector.context_columns(),
            (std::vector<std::string>{"action"}));
  EXPECT_EQ(detector.window(), 4U);
  EXPECT_EQ(detector.stride(), 1U);
  EXPECT_EQ(detector.variant(), "basic");
}

TEST_F(DetectorTest, ScoresEqualExperimentFunctions) {
  Detector detector = Detector::load(path_);
  Model model = load_model(path_);
  std::vector<double> expected = direct_scores(model);
  std::vector<WindowScore> scores = detector.score(rows_.data(), row_count());
  ASSERT_EQ(scores.size(), expected.size());
  for (std::size_t w = 0; w < scores.size(); ++w) {
    EXPECT_EQ(scores[w].first_row, w);
    EXPECT_EQ(scores[w].last_row, w + 3);
    EXPECT_EQ(scores[w].score, expected[w]) << w;  // bit for bit
    EXPECT_EQ(scores[w].alarm, expected[w] > detector.threshold()) << w;
  }
}

TEST_F(DetectorTest, SharesOfAllChannelsSumToOne) {
  Detector detector = Detector::load(path_);
  ScoreReport report = detector.analyze(rows_.data(), row_count(), 3);
  ASSERT_FALSE(report.events.empty());
  for (const AlarmEvent& event : report.events) {
    double shares = 0.0;
    for (const ChannelShare& share : event.top_channels) {
      shares += share.share;
    }
    EXPECT_NEAR(shares, 1.0, 1e-12);
  }
}

TEST_F(DetectorTest, EventsCoverFlaggedRows) {
  Detector detector = Detector::load(path_);
  ScoreReport report = detector.analyze(rows_.data(), row_count());
  ASSERT_EQ(report.points.size(), row_count());
  std::size_t flagged_in_events = 0;
  for (const AlarmEvent& event : report.events) {
    flagged_in_events += event.last_row - event.first_row + 1;
  }
  std::size_t flagged = 0;
  for (const PointScore& point : report.points) {
    flagged += point.alarm ? 1 : 0;
  }
  EXPECT_EQ(flagged_in_events, flagged);
  EXPECT_TRUE(report.alarm());
}

TEST_F(DetectorTest, StreamEqualsBlock) {
  Detector detector = Detector::load(path_);
  ScoreReport block = detector.analyze(rows_.data(), row_count());
  StreamScorer stream(detector);
  std::vector<WindowScore> windows;
  std::vector<AlarmEvent> events;
  for (std::size_t r = 0; r < row_count(); ++r) {
    ScoreReport update = stream.push(rows_.data() + 3 * r, 1);
    windows.insert(windows.end(), update.windows.begin(),
                   update.windows.end());
    events.insert(events.end(), update.events.begin(), update.events.end());
  }
  ScoreReport last = stream.finish();
  events.insert(events.end(), last.events.begin(), last.events.end());
  ASSERT_EQ(windows.size(), block.windows.size());
  for (std::size_t w = 0; w < windows.size(); ++w) {
    // One window per push runs a batch of one; see the tolerance note in
    // window_stream.h.
    EXPECT_NEAR(windows[w].score, block.windows[w].score,
                1e-6 * block.windows[w].score)
        << w;
  }
  EXPECT_EQ(events.size(), block.events.size());
  EXPECT_EQ(stream.rows_seen(), row_count());
}

TEST_F(DetectorTest, StreamMemoryBounded) {
  // A push of one row finalizes at most one row, however long the
  // stream has run.
  Detector detector = Detector::load(path_);
  StreamScorer stream(detector);
  std::size_t largest = 0;
  for (int repeat = 0; repeat < 20; ++repeat) {
    for (std::size_t r = 0; r < row_count(); ++r) {
      ScoreReport update = stream.push(rows_.data() + 3 * r, 1);
      largest = std::max(largest, update.points.size());
    }
  }
  EXPECT_LE(largest, 1U);
  EXPECT_EQ(stream.rows_seen(), 20 * row_count());
}

TEST_F(DetectorTest, NanRowNamed) {
  Detector detector = Detector::load(path_);
  rows_[3 * 7 + 1] = std::nanf("");
  try {
    detector.score(rows_.data(), row_count());
    FAIL() << "scoring succeeded";
  } catch (const InputError& error) {
    std::string message = error.what();
    EXPECT_NE(message.find("row 7"), std::string::npos) << message;
    EXPECT_NE(message.find("'b'"), std::string::npos) << message;
  }
}

TEST_F(DetectorTest, ShortInputHasNoWindow) {
  Detector detector = Detector::load(path_);
  ScoreReport report = detector.analyze(rows_.data(), 3);
  EXPECT_TRUE(report.windows.empty());
  ASSERT_EQ(report.points.size(), 3U);
  EXPECT_FALSE(report.points[0].score.has_value());
}

TEST_F(DetectorTest, MatchColumnsThrowsSchemaError) {
  Detector detector = Detector::load(path_);
  EXPECT_EQ(detector.match_columns({"c", "b", "a", "action"}),
            (std::vector<std::size_t>{2, 1, 0}));
  EXPECT_THROW(detector.match_columns({"a", "b"}), SchemaError);
}

TEST_F(DetectorTest, StreamOutlivesDetector) {
  auto detector = std::make_unique<Detector>(Detector::load(path_));
  StreamScorer stream(*detector);
  detector.reset();
  ScoreReport update = stream.push(rows_.data(), row_count());
  EXPECT_EQ(update.windows.size(), row_count() - 3);
}

TEST(Detector, LoadMissingFileThrows) {
  EXPECT_THROW(Detector::load("/nonexistent/m.advad"), ModelFileError);
}

}  // namespace
}  // namespace advad
