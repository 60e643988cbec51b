#include "advad/preprocess/feature_pipeline.h"

#include <string>

#include <gtest/gtest.h>

#include "advad/common/error.h"
#include "advad/io/delimited.h"
#include "advad/preprocess/labelled_split.h"
#include "preprocess/reference_support.h"

namespace advad {
namespace {

using testing::reference_dir;

Dataset kuka_like_train() {
  return read_delimited((reference_dir() / "kuka_like_train.csv").string());
}

Dataset kuka_like_test() {
  DelimitedOptions options;
  options.label_columns = {"anomaly"};
  return read_delimited((reference_dir() / "kuka_like_test.csv").string(),
                        options);
}

TEST(FeaturePipeline, ScalesOnlyWithoutReduction) {
  FeaturePipeline pipeline;
  Dataset train = kuka_like_train();
  std::vector<std::string> constant = pipeline.fit(train);
  // sensor_id2_temp and sensor_id5_temp are constant in the generator.
  EXPECT_EQ(constant, (std::vector<std::string>{"sensor_id2_temp",
                                                "sensor_id5_temp"}));
  Dataset scaled = pipeline.transform(train);
  EXPECT_EQ(scaled.channels, train.channels);
  float low = *std::min_element(scaled.values.values.begin(),
                                scaled.values.values.end());
  float high = *std::max_element(scaled.values.values.begin(),
                                 scaled.values.values.end());
  EXPECT_EQ(low, 0.0F);
  EXPECT_EQ(high, 1.0F);
}

TEST(FeaturePipeline, MutualInformationKeepsTopChannels) {
  FeatureOptions options;
  options.reduction = "mi";
  options.mi_channels = 3;
  FeaturePipeline pipeline(options);
  Dataset test = kuka_like_test();
  pipeline.fit(kuka_like_train(), &test);
  ASSERT_EQ(pipeline.kept_channels().size(), 3U);
  // The kept channels are the three best ranked, in file order.
  std::vector<std::string> best;
  for (std::size_t i = 0; i < 3; ++i) {
    best.push_back(pipeline.ranking()[i].channel);
  }
  for (const std::string& name : pipeline.kept_channels()) {
    EXPECT_NE(std::find(best.begin(), best.end(), name), best.end()) << name;
  }
  Dataset reduced = pipeline.transform(test);
  EXPECT_EQ(reduced.channels, pipeline.kept_channels());
  EXPECT_EQ(reduced.labels, test.labels);
}

TEST(FeaturePipeline, MutualInformationNeedsLabelledSplit) {
  FeatureOptions options;
  options.reduction = "mi";
  FeaturePipeline pipeline(options);
  EXPECT_THROW(pipeline.fit(kuka_like_train()), InputError);
}

TEST(FeaturePipeline, PcaProjectsWindowsToRows) {
  FeatureOptions options;
  options.reduction = "pca";
  options.pca.components = 4;
  FeaturePipeline pipeline(options);
  Dataset train = kuka_like_train();
  pipeline.fit(train);
  Dataset scaled_train = pipeline.transform(train);
  Dataset scaled_test = pipeline.transform(kuka_like_test());
  WindowSet train_windows(scaled_train, {5, 1});
  WindowSet test_windows(scaled_test, {5, 1});
  pipeline.fit_windows(train_windows);

  Dataset projected = pipeline.project_windows(test_windows);
  EXPECT_EQ(projected.channels,
            (std::vector<std::string>{"pc1", "pc2", "pc3", "pc4"}));
  EXPECT_EQ(projected.rows(), test_windows.size());
  EXPECT_EQ(projected.labels, test_windows.labels());
  EXPECT_NO_THROW(projected.validate());
  // Training projections are min-max scaled to [0, 1].
  Dataset projected_train = pipeline.project_windows(train_windows);
  float high = *std::max_element(projected_train.values.values.begin(),
                                 projected_train.values.values.end());
  EXPECT_EQ(high, 1.0F);
}

TEST(FeaturePipeline, JsonRoundTrip) {
  FeatureOptions options;
  options.scaler = "quantile-normal";
  options.scaler_options.quantiles = 50;
  options.reduction = "pca";
  FeaturePipeline pipeline(options);
  Dataset train = kuka_like_train();
  pipeline.fit(train);
  Dataset scaled = pipeline.transform(train);
  WindowSet windows(scaled, {3, 1});
  pipeline.fit_windows(windows);

  FeaturePipeline restored = FeaturePipeline::from_json(
      nlohmann::json::parse(pipeline.to_json().dump()));
  Dataset rescaled = restored.transform(train);
  EXPECT_EQ(rescaled.values.values, scaled.values.values);
  EXPECT_EQ(restored.project_windows(windows).values.values,
            pipeline.project_windows(windows).values.values);
  EXPECT_EQ(restored.describe(), pipeline.describe());
}

TEST(FeaturePipeline, UnknownReductionListsChoices) {
  FeatureOptions options;
  options.reduction = "lda";
  try {
    FeaturePipeline pipeline(options);
    FAIL() << "expected an error";
  } catch (const InputError& error) {
    EXPECT_NE(std::string(error.what()).find("none, pca, mi"),
              std::string::npos)
        << error.what();
  }
}

TEST(LabelledSplit, TakesTailOfEachSegment) {
  // Two segments of 10 rows; the last 3 of each become validation.
  Dataset data;
  data.channels = {"x"};
  data.values = Matrix(20, 1);
  for (std::size_t r = 0; r < 20; ++r) {
    data.values.at(r, 0) = static_cast<float>(r);
    data.labels.push_back(r % 10 >= 8 ? 1 : 0);
  }
  data.segments = {{0, 10, "a"}, {10, 20, "b"}};
  LabelledSplit split = split_labelled(data, 0.3);
  ASSERT_EQ(split.validation.rows(), 6U);
  EXPECT_EQ(split.validation.values.at(0, 0), 7.0F);
  EXPECT_EQ(split.validation.values.at(3, 0), 17.0F);
  EXPECT_EQ(split.rest.rows(), 14U);
  EXPECT_EQ(split.validation.segments.size(), 2U);
}

TEST(LabelledSplit, NeedsBothClasses) {
  Dataset data;
  data.channels = {"x"};
  data.values = Matrix(10, 1);
  data.labels.assign(10, 0);
  data.labels[0] = 1;  // the only anomaly is outside the tail
  data.segments = {{0, 10, "a"}};
  EXPECT_THROW(split_labelled(data, 0.5), InputError);
}

TEST(LabelledSplit, UnlabelledRejected) {
  Dataset data;
  data.channels = {"x"};
  data.values = Matrix(4, 1);
  data.segments = {{0, 4, "a"}};
  EXPECT_THROW(split_labelled(data, 0.5), InputError);
}

}  // namespace
}  // namespace advad
