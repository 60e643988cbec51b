// Fuzz target of the model file reader, without the network weights
// (LibTorch's archive reader is not advad code). The input is read two
// ways: as the bytes of a model file, which must decode or throw
// ModelFileError, and as metadata JSON wrapped in a valid container, whose
// schema and scaler state must load or throw InputError.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "advad/common/error.h"
#include "advad/data/dataset.h"
#include "advad/model/model_file.h"
#include "advad/model/schema.h"
#include "advad/model_error.h"
#include "advad/preprocess/scaler.h"
#include "fuzz_support.h"

namespace {

// Loads the parts of `metadata` that do not need LibTorch, as loading a
// model does, and transforms one row with the scaler.
void load_metadata(const nlohmann::json& metadata) {
  const advad::DataSchema schema =
      advad::schema_from_json(metadata.at("schema"));
  auto scaler = advad::scaler_from_json(metadata.at("scaler"));
  advad::Matrix row(1, schema.channels.size());
  try {
    scaler->transform(row);
  } catch (const std::invalid_argument&) {
    // A scaler fitted on another channel count: the loader reports it.
  }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  advad::fuzz::silence_logging();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  try {
    advad::decode_model_file(bytes, "input.advad");
  } catch (const advad::ModelFileError&) {
  }

  const nlohmann::json metadata =
      nlohmann::json::parse(bytes, nullptr, /*allow_exceptions=*/false);
  if (metadata.is_discarded()) {
    return 0;
  }
  advad::ModelFileContents contents{metadata, "weights"};
  const advad::ModelFileContents decoded = advad::decode_model_file(
      advad::encode_model_file(contents), "input.advad");
  try {
    load_metadata(decoded.metadata);
  } catch (const advad::InputError&) {
  } catch (const nlohmann::json::exception&) {
    // The loader turns these into ModelFileError.
  }
  return 0;
}
