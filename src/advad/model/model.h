// A trained detector: everything needed to score new data, and its model
// file.
#pragma once

#include <memory>
#include <string>

#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include "advad/model/model_file.h"
#include "advad/model/schema.h"
#include "advad/nn/models.h"
#include "advad/preprocess/scaler.h"

namespace advad {

struct Model {
  DataSchema schema;
  std::unique_ptr<Scaler> scaler;  // fitted on the training data
  nn::Autoencoder network{nullptr};
  // A window whose score exceeds the threshold raises an alarm.
  double threshold = 0.0;
  std::string threshold_rule;  // how the threshold was chosen
  std::string variant;         // "basic", "basic-adv", "deep", "deep-adv"
  // Seed, options, versions, training data hash, time and evaluation.
  nlohmann::json training;
  torch::Device device = torch::kCPU;  // where the network runs
};

// Serializes the network's parameters and buffers as a LibTorch archive.
std::string serialize_network(const nn::Autoencoder& network);

// Returns the contents of the model file of `model`.
ModelFileContents pack_model(const Model& model);

// Rebuilds a model from a model file's contents read from `path`, with
// its network on `device` in evaluation mode. Throws ModelFileError
// (kind kInvalidContent) when the content is inconsistent.
Model unpack_model(const ModelFileContents& contents, const std::string& path,
                   torch::Device device = torch::kCPU);

// Writes the model file atomically.
void save_model(const Model& model, const std::string& path);

// Reads and checks a model file; throws ModelFileError.
Model load_model(const std::string& path, torch::Device device = torch::kCPU);

}  // namespace advad
