#include "advad/model/model.h"

#include <cmath>
#include <sstream>
#include <stdexcept>

#include <fmt/format.h>

#include "advad/common/error.h"
#include "advad/model_error.h"
#include "advad/nn/layers.h"

namespace advad {

namespace {

nlohmann::json network_json(const nn::AutoencoderOptions& options) {
  return {{"architecture", nn::to_string(options.architecture)},
          {"input_width", options.input_width},
          {"hidden", options.hidden},
          {"code_layer", options.code_layer},
          {"linear_code", options.linear_code},
          {"weights", "LibTorch archive (torch::serialize::OutputArchive)"}};
}

// Returns `field` as an integer; a float such as 5e65 would convert with
// undefined behaviour, so only JSON integers are accepted.
std::int64_t integer_field(const nlohmann::json& field, const char* name) {
  if (!field.is_number_integer()) {
    throw InputError(fmt::format("network field '{}' is {}, not an integer",
                                 name, field.dump()));
  }
  return field.get<std::int64_t>();
}

nn::AutoencoderOptions network_options(const nlohmann::json& json,
                                       const DataSchema& schema) {
  nn::AutoencoderOptions options;
  options.architecture =
      nn::parse_architecture(json.at("architecture").get<std::string>());
  options.input_width = integer_field(json.at("input_width"), "input_width");
  options.hidden.clear();
  for (const nlohmann::json& width : json.at("hidden")) {
    options.hidden.push_back(integer_field(width, "hidden"));
  }
  const std::int64_t code_layer =
      integer_field(json.at("code_layer"), "code_layer");
  if (code_layer < 0) {
    throw InputError(fmt::format("network field 'code_layer' is {}, not a "
                                 "layer index",
                                 code_layer));
  }
  options.code_layer = static_cast<std::size_t>(code_layer);
  options.linear_code = json.at("linear_code").get<bool>();
  auto expected =
      static_cast<std::int64_t>(schema.window * schema.channels.size());
  if (options.input_width != expected) {
    throw InputError(fmt::format(
        "the network takes {} inputs, but a window of {} rows of {} "
        "channels has {}",
        options.input_width, schema.window, schema.channels.size(),
        expected));
  }
  return options;
}

nn::Autoencoder load_network(const std::string& weights,
                             const nn::AutoencoderOptions& options,
                             torch::Device device) {
  // The generator only initializes weights that the archive replaces.
  nn::Generator generator = nn::make_generator(0);
  nn::Autoencoder network(options, generator);
  try {
    std::istringstream stream(weights);
    torch::serialize::InputArchive archive;
    archive.load_from(stream, torch::kCPU);
    network->load(archive);
  } catch (const c10::Error& error) {
    throw InputError(fmt::format("the network weights do not load: {}",
                                 error.what_without_backtrace()));
  }
  network->to(device);
  network->eval();
  return network;
}

// Restores the scaler and checks, by scaling one row of zeros, that it was
// fitted on the schema's channel count.
std::unique_ptr<Scaler> restore_scaler(const nlohmann::json& state,
                                       std::size_t channel_count) {
  std::unique_ptr<Scaler> scaler = scaler_from_json(state);
  Matrix probe(1, channel_count);
  try {
    scaler->transform(probe);
  } catch (const std::invalid_argument& error) {
    throw InputError(fmt::format("the scaler does not fit the {} channels "
                                 "of the schema ({})",
                                 channel_count, error.what()));
  }
  return scaler;
}

double read_threshold(const nlohmann::json& json) {
  auto value = json.at("value").get<double>();
  if (!std::isfinite(value)) {
    throw InputError("the threshold is not a finite number");
  }
  return value;
}

Model unpack_fields(const ModelFileContents& contents, torch::Device device) {
  const nlohmann::json& metadata = contents.metadata;
  Model model;
  model.schema = schema_from_json(metadata.at("schema"));
  model.scaler = restore_scaler(metadata.at("scaler"),
                                model.schema.channels.size());
  model.network = load_network(
      contents.weights, network_options(metadata.at("network"), model.schema),
      device);
  model.threshold = read_threshold(metadata.at("threshold"));
  model.threshold_rule =
      metadata.at("threshold").at("rule").get<std::string>();
  model.variant = metadata.at("variant").get<std::string>();
  model.training = metadata.at("training");
  model.device = device;
  return model;
}

}  // namespace

std::string serialize_network(const nn::Autoencoder& network) {
  torch::serialize::OutputArchive archive;
  network->save(archive);
  std::ostringstream stream;
  archive.save_to(stream);
  return stream.str();
}

ModelFileContents pack_model(const Model& model) {
  ModelFileContents contents;
  contents.metadata = {
      {"schema", to_json(model.schema)},
      {"scaler", model.scaler->to_json()},
      {"network", network_json(model.network->options())},
      {"threshold",
       {{"value", model.threshold}, {"rule", model.threshold_rule}}},
      {"variant", model.variant},
      {"training", model.training},
  };
  contents.weights = serialize_network(model.network);
  return contents;
}

Model unpack_model(const ModelFileContents& contents, const std::string& path,
                   torch::Device device) {
  try {
    return unpack_fields(contents, device);
  } catch (const nlohmann::json::exception& error) {
    throw ModelFileError(
        ModelFileError::Kind::kInvalidContent,
        fmt::format("{}: the model file's metadata is invalid ({}); train "
                    "the model again",
                    path, error.what()));
  } catch (const InputError& error) {
    throw ModelFileError(
        ModelFileError::Kind::kInvalidContent,
        fmt::format("{}: the model file's content is inconsistent: {}; "
                    "train the model again",
                    path, error.what()));
  }
}

void save_model(const Model& model, const std::string& path) {
  write_model_file(path, pack_model(model));
}

Model load_model(const std::string& path, torch::Device device) {
  return unpack_model(read_model_file(path), path, device);
}

}  // namespace advad
