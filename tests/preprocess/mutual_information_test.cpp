#include "advad/preprocess/mutual_information.h"

#include <filesystem>
#include <string>

#include <gtest/gtest.h>

#include "advad/common/error.h"
#include "advad/io/delimited.h"
#include "advad/preprocess/column_statistics.h"
#include "preprocess/reference_support.h"
#include "test_support.h"

namespace advad {
namespace {

using testing::read_reference;
using testing::reference_dir;

// 1, 2, 3, 4 labelled 0 and 11, 12, 13, 14 labelled 1.
Dataset separated_classes() {
  Dataset data;
  data.channels = {"separated", "constant"};
  data.values = Matrix(8, 2);
  for (std::size_t r = 0; r < 8; ++r) {
    data.values.at(r, 0) = static_cast<float>(r < 4 ? r + 1 : r + 7);
    data.values.at(r, 1) = 2.0F;
    data.labels.push_back(r < 4 ? 0 : 1);
  }
  data.segments.push_back({0, 8, "hand-made"});
  return data;
}

TEST(MutualInformation, SeparatedClassesHandComputed) {
  // k = 3. Within a class of 1..4, the 3rd neighbour of each point is at
  // distance 3 (of 1 and 4) or 2 (of 2 and 3), and exactly 3 points lie
  // closer, itself included, so m = 3 = k everywhere: the estimate is
  // psi(8) + psi(3) - psi(4) - psi(3) = 1/4 + 1/5 + 1/6 + 1/7.
  Dataset data = separated_classes();
  double expected = 1.0 / 4 + 1.0 / 5 + 1.0 / 6 + 1.0 / 7;
  std::vector<double> scores =
      mutual_information_per_column(data.values, data.labels);
  EXPECT_NEAR(scores[0], expected, 1e-12);
  EXPECT_NEAR(mutual_information(column_values(data.values, 0), data.labels,
                                 3),
              expected, 1e-12);
}

TEST(MutualInformation, ConstantChannelScoresZero) {
  // Without noise all 8 points tie at distance 0, so m = 8 and the
  // estimate psi(8) + psi(3) - psi(4) - psi(8) is negative: clamped to 0.
  Dataset data = separated_classes();
  EXPECT_EQ(mutual_information(column_values(data.values, 1), data.labels, 3),
            0.0);
}

TEST(MutualInformation, SizeMismatchRejected) {
  EXPECT_THROW(mutual_information({1.0, 2.0}, {0}, 3), std::invalid_argument);
}

// Compares with sklearn.feature_selection.mutual_info_classif 1.2.1 and,
// without its noise, with its per-column estimator; 1e-9 absolute (nats).
void expect_matches_sklearn(const Dataset& data,
                            const nlohmann::json& reference) {
  ASSERT_EQ(data.channels, reference["channels"]);
  for (const auto& [seed, expected] : reference["with_noise"].items()) {
    MutualInformationOptions options;
    options.seed = static_cast<std::uint32_t>(std::stoul(seed));
    std::vector<double> scores =
        mutual_information_per_column(data.values, data.labels, options);
    for (std::size_t c = 0; c < scores.size(); ++c) {
      EXPECT_NEAR(scores[c], expected[c].get<double>(), 1e-9)
          << "seed " << seed << " channel " << data.channels[c];
    }
  }
  for (std::size_t c = 0; c < data.values.cols; ++c) {
    std::vector<double> column = column_values(data.values, c);
    double spread = nonzero_scale(std::sqrt(mean_variance(column).variance));
    for (double& v : column) {
      v /= spread;
    }
    EXPECT_NEAR(mutual_information(column, data.labels, 3),
                reference["without_noise"][c].get<double>(), 1e-9)
        << "without noise, channel " << data.channels[c];
  }
}

Dataset kuka_like_labelled() {
  Dataset train =
      read_delimited((reference_dir() / "kuka_like_train.csv").string());
  train.labels.assign(train.rows(), 0);
  DelimitedOptions options;
  options.label_columns = {"anomaly"};
  Dataset test = read_delimited(
      (reference_dir() / "kuka_like_test.csv").string(), options);
  return concatenate({train, test});
}

TEST(MutualInformationReference, KukaLike) {
  expect_matches_sklearn(
      kuka_like_labelled(),
      read_reference("mutual_information_kuka_like.json"));
}

TEST(MutualInformationReference, SkabValve) {
  std::filesystem::path file = testing::shared_data_dir() / "skab/valve1/0.csv";
  if (!std::filesystem::exists(file)) {
    GTEST_SKIP() << "SKAB data not found at " << file;
  }
  DelimitedOptions options;
  options.label_columns = {"anomaly"};
  options.ignore_columns = {"changepoint"};
  Dataset data = read_delimited(file.string(), options);
  ASSERT_EQ(data.rows(), 1147U);
  expect_matches_sklearn(data, read_reference("mutual_information_skab.json"));
}

TEST(RankChannels, HighestFirst) {
  std::vector<ChannelScore> ranking =
      rank_channels_by_mutual_information(separated_classes());
  ASSERT_EQ(ranking.size(), 2U);
  EXPECT_EQ(ranking[0].channel, "separated");
  EXPECT_EQ(ranking[1].index, 1U);
}

TEST(RankChannels, NeedsAnomalies) {
  Dataset data = separated_classes();
  data.labels.assign(data.rows(), 0);
  try {
    rank_channels_by_mutual_information(data);
    FAIL() << "expected an error";
  } catch (const InputError& error) {
    EXPECT_NE(std::string(error.what()).find("anomalous"), std::string::npos)
        << error.what();
  }
}

TEST(ChannelsToKeep, CountOrFraction) {
  EXPECT_EQ(channels_to_keep(10, 0, 0.5), 5U);
  EXPECT_EQ(channels_to_keep(10, 0, 0.25), 3U);  // ceil(2.5)
  EXPECT_EQ(channels_to_keep(10, 3, 0.5), 3U);
  EXPECT_EQ(channels_to_keep(10, 0, 0.01), 1U);
  EXPECT_EQ(channels_to_keep(3, 5, 0.5), 3U);
}

}  // namespace
}  // namespace advad
