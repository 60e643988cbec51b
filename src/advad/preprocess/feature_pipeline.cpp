#include "advad/preprocess/feature_pipeline.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <spdlog/spdlog.h>

#include "advad/common/error.h"
#include "advad/preprocess/affine_scalers.h"
#include "advad/preprocess/state_json.h"

namespace advad {

std::vector<std::string> reduction_names() { return {"none", "pca", "mi"}; }

void check_feature_options(const FeatureOptions& options) {
  make_scaler(options.scaler, options.scaler_options);
  std::vector<std::string> reductions = reduction_names();
  if (std::find(reductions.begin(), reductions.end(), options.reduction) ==
      reductions.end()) {
    throw InputError(fmt::format("unknown reduction '{}'; choose one of: {}",
                                 options.reduction,
                                 fmt::join(reductions, ", ")));
  }
  if (!(options.mi_fraction > 0.0 && options.mi_fraction <= 1.0)) {
    throw InputError(fmt::format(
        "the share of channels kept by mutual information must be in "
        "(0, 1], got {}",
        options.mi_fraction));
  }
  if (!(options.labelled_fraction > 0.0 && options.labelled_fraction < 1.0)) {
    throw InputError(fmt::format(
        "the labelled validation fraction must be in (0, 1), got {}",
        options.labelled_fraction));
  }
}

bool needs_labelled_split(const FeatureOptions& options) {
  return options.reduction == "mi";
}

FeaturePipeline::FeaturePipeline(FeatureOptions options)
    : options_(std::move(options)) {
  check_feature_options(options_);
  scaler_ = make_scaler(options_.scaler, options_.scaler_options);
}

void FeaturePipeline::select_by_mutual_information(const Dataset& train,
                                                   const Dataset* labelled) {
  if (labelled == nullptr) {
    throw InputError("the mi reduction needs a labelled validation split "
                     "with anomalies, which unsupervised data lacks");
  }
  Dataset aligned = select_channels(*labelled, train.channels,
                                    "labelled validation data");
  ranking_ = rank_channels_by_mutual_information(aligned, options_.mi);
  std::size_t keep = channels_to_keep(ranking_.size(), options_.mi_channels,
                                      options_.mi_fraction);
  std::vector<std::size_t> indices;
  for (std::size_t i = 0; i < keep; ++i) {
    indices.push_back(ranking_[i].index);
  }
  // Kept channels stay in their original order.
  std::sort(indices.begin(), indices.end());
  kept_.clear();
  for (std::size_t index : indices) {
    kept_.push_back(train.channels[index]);
  }
  spdlog::info("mutual information keeps {} of {} channels: {}", keep,
               ranking_.size(), fmt::join(kept_, ", "));
}

std::vector<std::string> FeaturePipeline::fit(const Dataset& train,
                                              const Dataset* labelled) {
  kept_ = train.channels;
  if (options_.reduction == "mi") {
    select_by_mutual_information(train, labelled);
  }
  Dataset kept_train = select_channels(train, kept_, "training data");
  std::vector<std::size_t> constant =
      kept_train.has_values64() ? scaler_->fit(kept_train.values64)
                                : scaler_->fit(kept_train.values);
  std::vector<std::string> names;
  for (std::size_t c : constant) {
    names.push_back(kept_[c]);
  }
  return names;
}

Dataset FeaturePipeline::transform(const Dataset& data) const {
  std::string source =
      data.segments.empty() ? std::string("data") : data.segments[0].source;
  Dataset result = select_channels(data, kept_, source);
  if (result.has_values64()) {
    scaler_->transform(result.values64);
    result.values = to_float32(result.values64);
  } else {
    scaler_->transform(result.values);
  }
  return result;
}

std::unique_ptr<Scaler> FeaturePipeline::copy_scaler() const {
  return scaler_from_json(scaler_->to_json());
}

void FeaturePipeline::fit_windows(const WindowSet& train_windows) {
  if (!projects_windows()) {
    return;
  }
  pca_.fit(train_windows, options_.pca);
  Matrix projections = pca_.transform(train_windows);
  projection_scaler_ = std::make_unique<MinMaxScaler>();
  projection_scaler_->fit(projections);
  double explained = 0.0;
  for (double ratio : pca_.explained_variance_ratio()) {
    explained += ratio;
  }
  spdlog::info("PCA keeps {} components of {} window values, {:.4f} of the "
               "variance",
               pca_.component_count(), pca_.feature_count(), explained);
}

namespace {

// Returns one segment per input segment that has windows, over the rows
// that stand for its windows.
std::vector<Segment> window_segments(const WindowSet& windows) {
  std::vector<Segment> segments;
  const std::vector<Segment>& input = windows.data().segments;
  std::size_t s = 0;
  for (std::size_t w = 0; w < windows.size(); ++w) {
    while (s < input.size() && windows.start(w) >= input[s].end) {
      ++s;
    }
    if (segments.empty() || segments.back().source != input[s].source ||
        segments.back().end != w) {
      segments.push_back({w, w + 1, input[s].source});
    } else {
      segments.back().end = w + 1;
    }
  }
  return segments;
}

}  // namespace

Dataset FeaturePipeline::project_windows(const WindowSet& windows) const {
  if (!projection_scaler_) {
    throw std::logic_error("project_windows() called before fit_windows()");
  }
  Dataset result;
  for (std::size_t k = 0; k < pca_.component_count(); ++k) {
    result.channels.push_back(fmt::format("pc{}", k + 1));
  }
  result.values = pca_.transform(windows);
  projection_scaler_->transform(result.values);
  result.labels = windows.labels();
  result.segments = window_segments(windows);
  return result;
}

nlohmann::json FeaturePipeline::describe() const {
  nlohmann::json description = {{"scaler", scaler_->name()},
                                {"reduction", options_.reduction}};
  if (options_.reduction == "mi") {
    nlohmann::json scores = nlohmann::json::array();
    for (const ChannelScore& score : ranking_) {
      scores.push_back({{"channel", score.channel}, {"score", score.score}});
    }
    description["mutual_information"] = scores;
    description["kept_channels"] = kept_;
  }
  if (projects_windows() && projection_scaler_) {
    description["pca"] = {
        {"window_values", pca_.feature_count()},
        {"components", pca_.component_count()},
        {"explained_variance_ratio", pca_.explained_variance_ratio()}};
  }
  return description;
}

nlohmann::json FeaturePipeline::to_json() const {
  const FeatureOptions& o = options_;
  nlohmann::json state = {
      {"options",
       {{"scaler", o.scaler},
        {"quantiles", o.scaler_options.quantiles},
        {"reduction", o.reduction},
        {"pca_variance_fraction", o.pca.variance_fraction},
        {"pca_components", o.pca.components},
        {"mi_channels", o.mi_channels},
        {"mi_fraction", o.mi_fraction},
        {"mi_neighbors", o.mi.neighbors},
        {"mi_seed", o.mi.seed},
        {"labelled_fraction", o.labelled_fraction}}},
      {"kept_channels", kept_},
      {"scaler", scaler_->to_json()}};
  if (projection_scaler_) {
    state["pca"] = pca_.to_json();
    state["projection_scaler"] = projection_scaler_->to_json();
  }
  return state;
}

namespace {

FeatureOptions options_from_json(const nlohmann::json& state) {
  const std::string owner = "feature pipeline";
  FeatureOptions o;
  o.scaler = read_string(state, "scaler", owner);
  o.scaler_options.quantiles = read_count(state, "quantiles", owner);
  o.reduction = read_string(state, "reduction", owner);
  o.pca.variance_fraction = read_double(state, "pca_variance_fraction", owner);
  o.pca.components = read_count(state, "pca_components", owner);
  o.mi_channels = read_count(state, "mi_channels", owner);
  o.mi_fraction = read_double(state, "mi_fraction", owner);
  o.mi.neighbors = read_count(state, "mi_neighbors", owner);
  o.mi.seed = static_cast<std::uint32_t>(read_count(state, "mi_seed", owner));
  o.labelled_fraction = read_double(state, "labelled_fraction", owner);
  return o;
}

}  // namespace

FeaturePipeline FeaturePipeline::from_json(const nlohmann::json& state) {
  if (!state.contains("options") || !state.contains("scaler") ||
      !state.contains("kept_channels")) {
    throw InputError("saved feature pipeline state lacks its options, "
                     "scaler or channels; save the model again");
  }
  FeaturePipeline pipeline(options_from_json(state["options"]));
  pipeline.scaler_ = scaler_from_json(state["scaler"]);
  const nlohmann::json& kept_names = state["kept_channels"];
  auto is_string = [](const nlohmann::json& name) { return name.is_string(); };
  if (!kept_names.is_array() ||
      !std::all_of(kept_names.begin(), kept_names.end(), is_string)) {
    throw InputError("saved feature pipeline state: field 'kept_channels' "
                     "is not a list of names; save the model again");
  }
  pipeline.kept_ = kept_names.get<std::vector<std::string>>();
  if (state.contains("pca")) {
    if (!state.contains("projection_scaler")) {
      throw InputError("saved feature pipeline state has PCA but no "
                       "projection scaler; save the model again");
    }
    pipeline.pca_ = Pca::from_json(state["pca"]);
    pipeline.projection_scaler_ = scaler_from_json(state["projection_scaler"]);
  }
  return pipeline;
}

}  // namespace advad
