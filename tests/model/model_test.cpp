#include "advad/model/model.h"

#include <string>

#include <gtest/gtest.h>

#include "advad/model_error.h"
#include "model_fixture.h"
#include "test_support.h"

namespace advad {
namespace {

torch::Tensor reconstruct(Model& model, const torch::Tensor& input) {
  torch::InferenceMode inference;
  return model.network->forward(input);
}

ModelFileError unpack_error(const ModelFileContents& contents) {
  try {
    unpack_model(contents, "m.advad");
  } catch (const ModelFileError& error) {
    return error;
  }
  ADD_FAILURE() << "unpacking succeeded";
  return ModelFileError(ModelFileError::Kind::kCorrupt, "");
}

TEST(Model, SaveLoadKeepsEveryField) {
  testing::TempDir folder;
  Model saved = testing::make_fixture_model();
  save_model(saved, folder.file("m.advad"));
  Model loaded = load_model(folder.file("m.advad"));
  EXPECT_EQ(loaded.schema.channels, saved.schema.channels);
  EXPECT_EQ(loaded.schema.context_columns, saved.schema.context_columns);
  EXPECT_EQ(loaded.schema.window, 4U);
  EXPECT_EQ(loaded.threshold, saved.threshold);
  EXPECT_EQ(loaded.threshold_rule, "set by the test");
  EXPECT_EQ(loaded.variant, "basic");
  EXPECT_EQ(loaded.training.at("seed"), 11);
  EXPECT_EQ(loaded.scaler->to_json(), saved.scaler->to_json());
}

TEST(Model, LoadedNetworkGivesSameBits) {
  Model saved = testing::make_fixture_model(nn::Architecture::kDeep);
  Model loaded = unpack_model(pack_model(saved), "m.advad");
  torch::Tensor input = torch::rand({9, 12});
  EXPECT_TRUE(torch::equal(reconstruct(saved, input),
                           reconstruct(loaded, input)));
}

TEST(Model, LoadedNetworkInEvalMode) {
  Model loaded = unpack_model(
      pack_model(testing::make_fixture_model(nn::Architecture::kDeep)),
      "m.advad");
  EXPECT_FALSE(loaded.network->is_training());
}

TEST(Model, WidthMismatchIsInvalidContent) {
  ModelFileContents contents = pack_model(testing::make_fixture_model());
  contents.metadata["schema"]["window"] = 5;  // 5 x 3 != 12 inputs
  ModelFileError error = unpack_error(contents);
  EXPECT_EQ(error.kind(), ModelFileError::Kind::kInvalidContent);
  EXPECT_NE(std::string(error.what()).find("12 inputs"), std::string::npos)
      << error.what();
}

TEST(Model, MissingThresholdIsInvalidContent) {
  ModelFileContents contents = pack_model(testing::make_fixture_model());
  contents.metadata.erase("threshold");
  EXPECT_EQ(unpack_error(contents).kind(),
            ModelFileError::Kind::kInvalidContent);
}

TEST(Model, ScalerChannelMismatchIsInvalidContent) {
  ModelFileContents contents = pack_model(testing::make_fixture_model());
  contents.metadata["schema"]["channels"] = {"a", "b", "c", "d"};
  contents.metadata["network"]["input_width"] = 16;
  EXPECT_EQ(unpack_error(contents).kind(),
            ModelFileError::Kind::kInvalidContent);
}

TEST(Model, DamagedWeightsAreInvalidContent) {
  ModelFileContents contents = pack_model(testing::make_fixture_model());
  contents.weights = "not a LibTorch archive";
  ModelFileError error = unpack_error(contents);
  EXPECT_EQ(error.kind(), ModelFileError::Kind::kInvalidContent);
  EXPECT_NE(std::string(error.what()).find("weights"), std::string::npos);
}

}  // namespace
}  // namespace advad
