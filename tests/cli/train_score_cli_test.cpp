// Runs advad train and advad score end to end, each in its own process.
#include <charconv>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sys/wait.h>

#include "advad/detector.h"
#include "advad/experiment/experiment.h"
#include "advad/nn/runtime.h"
#include "advad/synth/kuka_synth.h"
#include "cli/program.h"
#include "test_support.h"

namespace advad {
namespace {

using testing::CommandResult;
using testing::run_advad;

// Runs `command` in a shell with standard error joined to the output.
CommandResult run_shell(const std::string& command) {
  return testing::run_shell(command + " 2>&1");
}

std::string read_text(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

void write_text(const std::string& path, const std::string& text) {
  std::ofstream file(path, std::ios::binary);
  file << text;
}

// Reads the score column of advad score's per-window CSV output.
std::vector<double> read_window_scores(const std::string& path) {
  std::ifstream file(path);
  std::string line;
  std::getline(file, line);
  EXPECT_EQ(line, "first_row,last_row,score,alarm");
  std::vector<double> scores;
  while (std::getline(file, line)) {
    std::size_t second = line.find(',', line.find(',') + 1);
    std::size_t third = line.find(',', second + 1);
    double value = 0.0;
    std::from_chars(line.data() + second + 1, line.data() + third, value);
    scores.push_back(value);
  }
  return scores;
}

// The KUKA-like test: train with the program, score the slow file with
// the program, and compare with the experiment's test scores computed in
// this process from the same options.
TEST(TrainScoreCli, SlowScoresEqualExperiment) {
  testing::TempDir dir;
  std::string kuka = dir.file("kuka");
  synth::write_kuka_like(kuka, {0.01, 7});
  std::string model = dir.file("basic.advad");
  CommandResult train = run_advad("train -q --kuka " + kuka +
                                  " --variant basic --epochs 2 --seed 7 "
                                  "--out " + model);
  ASSERT_EQ(train.status, 0) << train.output;
  std::string scores_path = dir.file("scores.csv");
  CommandResult score = run_advad("score -q --model " + model + " --kuka " +
                                  kuka + " --per windows --output " +
                                  scores_path);
  std::vector<double> scored = read_window_scores(scores_path);

  ExperimentOptions options;
  options.inputs.kuka_dir = kuka;
  options.training.epochs = 2;
  options.training.seed = 7;
  options.progress = false;
  nn::configure_threads(
      static_cast<int>(std::max(1u, std::thread::hardware_concurrency())));
  PreparedData prepared = prepare_data(options);
  Windows windows = make_windows(prepared.data, {5, 1});
  TrainedVariant trained = train_and_evaluate(parse_variant("basic"),
                                              windows, options, nullptr);

  // The test set is the held-out normal part, then the slow file: its
  // windows are the last ones.
  const std::vector<double>& expected = trained.test_scores;
  ASSERT_GT(scored.size(), 0U);
  ASSERT_LE(scored.size(), expected.size());
  std::size_t offset = expected.size() - scored.size();
  std::size_t differing = 0;
  for (std::size_t w = 0; w < scored.size(); ++w) {
    differing += scored[w] == expected[offset + w] ? 0 : 1;
  }
  EXPECT_EQ(differing, 0U) << "of " << scored.size() << " windows";

  Detector detector = Detector::load(model);
  EXPECT_EQ(detector.threshold(), trained.result.threshold);
  bool alarm = false;
  for (double value : scored) {
    alarm = alarm || value > detector.threshold();
  }
  EXPECT_EQ(score.status, alarm ? 1 : 0) << score.output;
}

// Small delimited files with three channels; the test file has a burst
// on channel b in rows 150 to 179, labelled in its anomaly column.
class ScoreCli : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    folder_ = new testing::TempDir();
    std::string train;
    std::string test;
    train = "a,b,c\n";
    test = "a,b,c,anomaly\n";
    for (int i = 0; i < 600; ++i) {
      train += row(i, false) + "\n";
    }
    for (int i = 0; i < 300; ++i) {
      bool burst = i >= 150 && i < 180;
      test += row(i, burst) + (burst ? ",1\n" : ",0\n");
    }
    write_text(file("train.csv"), train);
    write_text(file("test.csv"), test);
    trained_ = run_advad("train -q --train " + file("train.csv") +
                         " --test " + file("test.csv") +
                         " --label-column anomaly --epochs 3 --seed 2 "
                         "--out " + file("model.advad"));
  }

  static void TearDownTestSuite() { delete folder_; }

  void SetUp() override { ASSERT_EQ(trained_.status, 0) << trained_.output; }

  static std::string row(int i, bool burst) {
    double t = static_cast<double>(i);
    std::ostringstream text;
    text << std::sin(t / 7.0) << "," << std::cos(t / 11.0) + (burst ? 3 : 0)
         << "," << 0.5 * std::sin(t / 5.0);
    return text.str();
  }

  static std::string file(const std::string& name) {
    return folder_->file(name);
  }

  // Copies the model file with `edit` applied to its bytes.
  static std::string edited_model(
      const std::string& name,
      const std::function<void(std::string&)>& edit) {
    std::string bytes = read_text(file("model.advad"));
    edit(bytes);
    write_text(file(name), bytes);
    return file(name);
  }

  static CommandResult score(const std::string& model,
                             const std::string& options) {
    return run_advad("score -q --model " + model + " " + options);
  }

  static testing::TempDir* folder_;
  static CommandResult trained_;
};

testing::TempDir* ScoreCli::folder_ = nullptr;
CommandResult ScoreCli::trained_;

TEST_F(ScoreCli, BurstRaisesAlarmOnChannelB) {
  CommandResult result =
      score(file("model.advad"), "--input " + file("test.csv") +
                                     " --label-column anomaly --format "
                                     "jsonl --output " + file("out.jsonl"));
  EXPECT_EQ(result.status, 1) << result.output;

  std::ifstream lines(file("out.jsonl"));
  std::string line;
  std::size_t points = 0;
  std::vector<nlohmann::json> events;
  while (std::getline(lines, line)) {
    nlohmann::json record = nlohmann::json::parse(line);
    if (record["type"] == "point") {
      ++points;
    } else if (record["type"] == "event") {
      events.push_back(record);
    }
  }
  EXPECT_EQ(points, 300U);
  ASSERT_FALSE(events.empty());

  // The longest event lies on the burst, and b leads its channels.
  const nlohmann::json* longest = &events[0];
  for (const nlohmann::json& event : events) {
    if (event["last_row"].get<int>() - event["first_row"].get<int>() >
        (*longest)["last_row"].get<int>() -
            (*longest)["first_row"].get<int>()) {
      longest = &event;
    }
  }
  EXPECT_GE((*longest)["last_row"].get<int>(), 150);
  EXPECT_LE((*longest)["first_row"].get<int>(), 179);
  EXPECT_EQ((*longest)["top_channels"][0]["channel"], "b");
}

TEST_F(ScoreCli, FollowEqualsFile) {
  std::string options = " --label-column anomaly --per windows --output ";
  CommandResult from_file = score(
      file("model.advad"),
      "--input " + file("test.csv") + options + file("file.csv"));
  CommandResult followed = run_shell(
      "cat " + file("test.csv") + " | " + ADVAD_PROGRAM +
      " score -q --follow --model " + file("model.advad") + options +
      file("follow.csv"));
  EXPECT_EQ(followed.status, from_file.status) << followed.output;
  std::vector<double> a = read_window_scores(file("file.csv"));
  std::vector<double> b = read_window_scores(file("follow.csv"));
  ASSERT_EQ(a.size(), 300U - 4U);
  ASSERT_EQ(b.size(), a.size());
  for (std::size_t w = 0; w < a.size(); ++w) {
    // One window per row in follow mode; see window_stream.h.
    EXPECT_NEAR(b[w], a[w], 1e-6 * a[w]) << w;
  }
}

TEST_F(ScoreCli, CorruptModelRejected) {
  std::string model = edited_model("corrupt.advad", [](std::string& bytes) {
    bytes[bytes.size() / 2] ^= 0x10;
  });
  CommandResult result = score(model, "--input " + file("train.csv"));
  EXPECT_EQ(result.status, 2);
  EXPECT_NE(result.output.find("corrupt"), std::string::npos)
      << result.output;
}

TEST_F(ScoreCli, TruncatedModelRejected) {
  std::string model = edited_model("cut.advad", [](std::string& bytes) {
    bytes.resize(bytes.size() / 2);
  });
  CommandResult result = score(model, "--input " + file("train.csv"));
  EXPECT_EQ(result.status, 2);
  EXPECT_NE(result.output.find("truncated"), std::string::npos)
      << result.output;
}

TEST_F(ScoreCli, NewerVersionRejected) {
  std::string model = edited_model("v7.advad", [](std::string& bytes) {
    bytes[8] = 7;
  });
  CommandResult result = score(model, "--input " + file("train.csv"));
  EXPECT_EQ(result.status, 2);
  EXPECT_NE(result.output.find("version 7 is not supported"),
            std::string::npos)
      << result.output;
  EXPECT_NE(result.output.find("reads version 1"), std::string::npos);
}

TEST_F(ScoreCli, CsvAsModelRejected) {
  CommandResult result =
      score(file("train.csv"), "--input " + file("train.csv"));
  EXPECT_EQ(result.status, 2);
  EXPECT_NE(result.output.find("not an advad model file"),
            std::string::npos)
      << result.output;
}

TEST_F(ScoreCli, WrongChannelsNamed) {
  write_text(file("other.csv"), "a,b,d\n1,2,3\n4,5,6\n");
  CommandResult result =
      score(file("model.advad"), "--input " + file("other.csv"));
  EXPECT_EQ(result.status, 2);
  EXPECT_NE(result.output.find("1 missing ('c')"), std::string::npos)
      << result.output;
  EXPECT_NE(result.output.find("extra column not in the model ('d')"),
            std::string::npos)
      << result.output;
}

TEST_F(ScoreCli, ShortInputNoAlarm) {
  write_text(file("short.csv"), "a,b,c\n1,2,3\n4,5,6\n");
  CommandResult result =
      score(file("model.advad"), "--input " + file("short.csv"));
  EXPECT_EQ(result.status, 0) << result.output;
  // One record per row, neither covered by a 5-row window.
  EXPECT_NE(result.output.find("row,score,alarm\n0,,0\n1,,0\n"),
            std::string::npos)
      << result.output;
}

TEST_F(ScoreCli, NanInStreamNamed) {
  CommandResult result = run_shell(
      "printf 'a,b,c\\n1,2,3\\n1,nan,3\\n' | " + std::string(ADVAD_PROGRAM) +
      " score -q --follow --model " + file("model.advad"));
  EXPECT_EQ(result.status, 2);
  EXPECT_NE(result.output.find("line 3, column 'b'"), std::string::npos)
      << result.output;
}

TEST_F(ScoreCli, TwoSourcesRejected) {
  CommandResult result =
      score(file("model.advad"), "--follow --input " + file("test.csv"));
  EXPECT_EQ(result.status, 2);
}

TEST_F(ScoreCli, EventsFileCsv) {
  CommandResult result = score(
      file("model.advad"), "--input " + file("test.csv") +
                               " --label-column anomaly --events " +
                               file("events.csv") + " --output " +
                               file("points.csv"));
  EXPECT_EQ(result.status, 1);
  std::string events = read_text(file("events.csv"));
  EXPECT_EQ(events.rfind(
                "first_row,last_row,peak_row,peak_score,windows,"
                "top_channels\n",
                0),
            0U);
  EXPECT_NE(events.find("b="), std::string::npos) << events;
}

TEST(TrainCli, MissingOutputFolderFailsFast) {
  CommandResult result =
      run_advad("train -q --out /nonexistent/folder/model.advad");
  EXPECT_EQ(result.status, 2);
  EXPECT_NE(result.output.find("/nonexistent/folder"), std::string::npos)
      << result.output;
}

TEST_F(ScoreCli, TrainsOnNormalDataAlone) {
  // A detector for deployment may have no labelled data: the model is
  // written with the threshold from normal validation windows, and it
  // still finds the burst.
  CommandResult trained = run_advad(
      "train -q --train " + file("train.csv") +
      " --epochs 3 --seed 2 --out " + file("normal_only.advad"));
  ASSERT_EQ(trained.status, 0) << trained.output;
  EXPECT_NE(trained.output.find("n/a"), std::string::npos) << trained.output;
  CommandResult result =
      score(file("normal_only.advad"),
            "--input " + file("test.csv") +
                " --label-column anomaly --output " + file("normal.csv"));
  EXPECT_EQ(result.status, 1) << result.output;
}

}  // namespace
}  // namespace advad
