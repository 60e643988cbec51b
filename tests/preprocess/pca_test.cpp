#include "advad/preprocess/pca.h"

#include <cmath>
#include <string>

#include <gtest/gtest.h>

#include "advad/common/error.h"
#include "advad/data/window.h"
#include "advad/io/delimited.h"
#include "advad/preprocess/affine_scalers.h"
#include "preprocess/reference_support.h"

namespace advad {
namespace {

using testing::matrix_from_json;
using testing::read_reference;
using testing::reference_dir;
using testing::relative_error;

// Points (x, 2x) for x = 0, 1, 2, 5: all variance lies along (1, 2).
Matrix line_samples() {
  Matrix samples(4, 2);
  samples.values = {0.0F, 0.0F, 1.0F, 2.0F, 2.0F, 4.0F, 5.0F, 10.0F};
  return samples;
}

TEST(Pca, LineHasOneComponent) {
  // The centred sample with the largest projection is x = 5 (3 after
  // centring), so the component points along +(1, 2) / sqrt(5).
  Pca pca;
  pca.fit(line_samples(), {});
  ASSERT_EQ(pca.component_count(), 1U);
  EXPECT_NEAR(pca.explained_variance_ratio()[0], 1.0, 1e-12);
  EXPECT_NEAR(pca.components()[0], 1.0 / std::sqrt(5.0), 1e-12);
  EXPECT_NEAR(pca.components()[1], 2.0 / std::sqrt(5.0), 1e-12);
  EXPECT_DOUBLE_EQ(pca.mean()[0], 2.0);
  EXPECT_DOUBLE_EQ(pca.mean()[1], 4.0);
}

TEST(Pca, TransformAndInverse) {
  // x = 5 centres to (3, 6), which projects to 15 / sqrt(5) = 3 sqrt(5).
  Pca pca;
  pca.fit(line_samples(), {});
  Matrix projections = pca.transform(line_samples());
  EXPECT_NEAR(projections.at(3, 0), 3.0 * std::sqrt(5.0), 1e-5);
  Matrix restored = pca.inverse_transform(projections);
  for (std::size_t i = 0; i < restored.values.size(); ++i) {
    EXPECT_NEAR(restored.values[i], line_samples().values[i], 1e-5) << i;
  }
}

TEST(Pca, ComponentCountRequested) {
  Pca pca;
  pca.fit(line_samples(), {0.95, 2});
  EXPECT_EQ(pca.component_count(), 2U);
  EXPECT_NEAR(pca.explained_variance_ratio()[1], 0.0, 1e-12);
}

TEST(Pca, TooManyComponentsRejected) {
  Pca pca;
  EXPECT_THROW(pca.fit(line_samples(), {0.95, 3}), InputError);
}

TEST(Pca, InvalidFractionRejected) {
  Pca pca;
  EXPECT_THROW(pca.fit(line_samples(), {0.0, 0}), InputError);
  EXPECT_THROW(pca.fit(line_samples(), {1.5, 0}), InputError);
}

TEST(Pca, SingleSampleRejected) {
  Pca pca;
  EXPECT_THROW(pca.fit(Matrix(1, 3), {}), InputError);
}

TEST(Pca, IdenticalSamplesRejected) {
  Pca pca;
  EXPECT_THROW(pca.fit(Matrix(3, 2), {}), InputError);
}

TEST(Pca, TooManyFeaturesRejected) {
  Pca pca;
  Matrix wide(2, kMaxPcaFeatures + 1);
  wide.values[0] = 1.0F;
  EXPECT_THROW(pca.fit(wide, {}), InputError);
}

TEST(Pca, JsonRoundTrip) {
  Pca pca;
  pca.fit(line_samples(), {0.95, 2});
  Pca restored = Pca::from_json(nlohmann::json::parse(pca.to_json().dump()));
  EXPECT_EQ(restored.transform(line_samples()).values,
            pca.transform(line_samples()).values);
  EXPECT_EQ(restored.explained_variance_ratio(),
            pca.explained_variance_ratio());
}

// The KUKA-like training subset scaled by minmax, as the script scales it.
Dataset scaled_kuka_like() {
  Dataset data =
      read_delimited((reference_dir() / "kuka_like_train.csv").string());
  MinMaxScaler scaler;
  scaler.fit(data.values);
  scaler.transform(data.values);
  return data;
}

// Compares a PCA fitted on windows with sklearn.decomposition.PCA(
// svd_solver='full') 1.2.1 (tests/reference/preprocess/pca_kuka_like.json):
// ratios to 1e-6 relative, components and mean to 1e-6 absolute (they
// are unit vectors and values in [0, 1]), signs exactly, projections to
// 1e-5 relative to max(|expected|, 1).
void expect_matches_sklearn(const Pca& pca, const nlohmann::json& expected,
                            const WindowSet& windows) {
  ASSERT_EQ(pca.component_count(), expected["component_count"]);
  std::size_t width = pca.feature_count();
  for (std::size_t k = 0; k < pca.component_count(); ++k) {
    double ratio = expected["explained_variance_ratio"][k];
    EXPECT_LE(relative_error(pca.explained_variance_ratio()[k], ratio, 0.0),
              1e-6)
        << "component " << k;
    for (std::size_t f = 0; f < width; ++f) {
      double value = expected["components"][k][f];
      EXPECT_NEAR(pca.components()[k * width + f], value, 1e-6)
          << "component " << k << " feature " << f;
    }
  }
  for (std::size_t f = 0; f < width; ++f) {
    EXPECT_NEAR(pca.mean()[f], expected["mean"][f].get<double>(), 1e-6);
  }
  Matrix projections = pca.transform(windows);
  Matrix reference = matrix_from_json(expected["first_projections"]);
  for (std::size_t r = 0; r < reference.rows; ++r) {
    for (std::size_t k = 0; k < reference.cols; ++k) {
      EXPECT_LE(relative_error(projections.at(r, k), reference.at(r, k)),
                1e-5)
          << "window " << r << " component " << k;
    }
  }
}

TEST(PcaReference, KukaLikeWindows) {
  nlohmann::json reference = read_reference("pca_kuka_like.json");
  Dataset data = scaled_kuka_like();
  WindowSet windows(data, {reference["window_length"].get<std::size_t>(), 1});
  ASSERT_EQ(windows.size(), reference["window_count"]);
  for (const nlohmann::json& expected : reference["fits"]) {
    SCOPED_TRACE(expected["options"].dump());
    PcaOptions options;
    options.variance_fraction =
        expected["options"].value("variance_fraction", 0.95);
    options.components = expected["options"].value("components", 0);
    Pca pca;
    pca.fit(windows, options);
    expect_matches_sklearn(pca, expected, windows);
  }
}

TEST(PcaReference, WindowsAndMatrixAgree) {
  Dataset data = scaled_kuka_like();
  WindowSet windows(data, {5, 1});
  Matrix flattened(windows.size(), windows.width());
  for (std::size_t w = 0; w < windows.size(); ++w) {
    std::copy(windows.values(w), windows.values(w) + windows.width(),
              flattened.row(w));
  }
  Pca from_windows;
  from_windows.fit(windows, {});
  Pca from_matrix;
  from_matrix.fit(flattened, {});
  EXPECT_EQ(from_windows.components(), from_matrix.components());
  EXPECT_EQ(from_windows.transform(windows).values,
            from_matrix.transform(flattened).values);
}

}  // namespace
}  // namespace advad
