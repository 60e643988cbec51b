#include "advad/preprocess/pca.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <stdexcept>

#include <fmt/format.h>

#include "advad/common/error.h"
#include "advad/preprocess/lapack.h"
#include "advad/preprocess/state_json.h"

namespace advad {

namespace {

// Samples as pointers to `width` contiguous float32 values each, so that
// windows need not be copied into a matrix.
struct Samples {
  std::size_t count = 0;
  std::size_t width = 0;
  std::function<const float*(std::size_t)> row;
};

Samples matrix_samples(const Matrix& samples) {
  return {samples.rows, samples.cols,
          [&samples](std::size_t r) { return samples.row(r); }};
}

Samples window_samples(const WindowSet& windows) {
  return {windows.size(), windows.width(),
          [&windows](std::size_t w) { return windows.values(w); }};
}

// Rows per block of centred float64 samples: blocks of about 32 MB.
std::size_t block_rows(std::size_t width) {
  return std::max<std::size_t>(1, (std::size_t{1} << 22) / width);
}

int as_int(std::size_t value) { return static_cast<int>(value); }

void check_samples(const Samples& samples) {
  if (samples.count < 2) {
    throw InputError(fmt::format(
        "PCA needs at least 2 training samples, got {}", samples.count));
  }
  if (samples.width == 0 || samples.width > kMaxPcaFeatures) {
    throw InputError(fmt::format(
        "PCA over samples of {} values needs a {} x {} covariance matrix; "
        "at most {} values are supported: use a shorter window or fewer "
        "channels",
        samples.width, samples.width, samples.width, kMaxPcaFeatures));
  }
}

std::vector<double> sample_mean(const Samples& samples) {
  std::vector<double> mean(samples.width, 0.0);
  for (std::size_t i = 0; i < samples.count; ++i) {
    const float* row = samples.row(i);
    for (std::size_t f = 0; f < samples.width; ++f) {
      if (!std::isfinite(row[f])) {
        throw InputError(fmt::format(
            "PCA: training sample {}, value {} is {}; remove non-finite "
            "values first",
            i + 1, f + 1, row[f]));
      }
      mean[f] += row[f];
    }
  }
  for (double& m : mean) {
    m /= static_cast<double>(samples.count);
  }
  return mean;
}

// Writes rows [begin, end) minus `mean` into `block`, row-major.
void fill_centred(const Samples& samples, const std::vector<double>& mean,
                  std::size_t begin, std::size_t end,
                  std::vector<double>& block) {
  block.resize((end - begin) * samples.width);
  for (std::size_t i = begin; i < end; ++i) {
    const float* row = samples.row(i);
    double* to = block.data() + (i - begin) * samples.width;
    for (std::size_t f = 0; f < samples.width; ++f) {
      to[f] = row[f] - mean[f];
    }
  }
}

// Returns the upper triangle of sum(x x^T) over the centred samples,
// column-major width x width.
std::vector<double> scatter_matrix(const Samples& samples,
                                   const std::vector<double>& mean) {
  int width = as_int(samples.width);
  std::vector<double> scatter(samples.width * samples.width, 0.0);
  std::vector<double> block;
  std::size_t step = block_rows(samples.width);
  for (std::size_t begin = 0; begin < samples.count; begin += step) {
    std::size_t end = std::min(samples.count, begin + step);
    fill_centred(samples, mean, begin, end, block);
    // A row-major block of samples is, column-major, a width x rows
    // matrix whose columns are the samples.
    int rows = as_int(end - begin);
    double one = 1.0;
    dsyrk_("U", "N", &width, &rows, &one, block.data(), &width, &one,
           scatter.data(), &width, 1, 1);
  }
  return scatter;
}

struct EigenDecomposition {
  std::vector<double> values;   // ascending
  std::vector<double> vectors;  // column j belongs to values[j]
};

EigenDecomposition symmetric_eigen(std::vector<double> matrix,
                                   std::size_t order) {
  int n = as_int(order);
  EigenDecomposition result;
  result.values.resize(order);
  int query = -1;
  int info = 0;
  double work_size = 0.0;
  int iwork_size = 0;
  dsyevd_("V", "U", &n, matrix.data(), &n, result.values.data(), &work_size,
          &query, &iwork_size, &query, &info, 1, 1);
  int lwork = static_cast<int>(work_size) + 1;
  int liwork = iwork_size;
  std::vector<double> work(static_cast<std::size_t>(lwork));
  std::vector<int> iwork(static_cast<std::size_t>(liwork));
  dsyevd_("V", "U", &n, matrix.data(), &n, result.values.data(), work.data(),
          &lwork, iwork.data(), &liwork, &info, 1, 1);
  if (info != 0) {
    throw std::runtime_error(fmt::format(
        "PCA: LAPACK dsyevd failed to converge (info {})", info));
  }
  result.vectors = std::move(matrix);
  return result;
}

// Returns the projections (rows x components, row-major, float64) of the
// centred samples [begin, end) on the row-major `components`.
std::vector<double> project_block(const Samples& samples,
                                  const std::vector<double>& mean,
                                  const std::vector<double>& components,
                                  std::size_t component_count,
                                  std::size_t begin, std::size_t end,
                                  std::vector<double>& block) {
  fill_centred(samples, mean, begin, end, block);
  int width = as_int(samples.width);
  int rows = as_int(end - begin);
  int count = as_int(component_count);
  std::vector<double> projections((end - begin) * component_count);
  double one = 1.0;
  double zero = 0.0;
  // Column-major: (count x rows) = components (width x count)^T times
  // block (width x rows).
  dgemm_("T", "N", &count, &rows, &width, &one, components.data(), &width,
         block.data(), &width, &zero, projections.data(), &count, 1, 1);
  return projections;
}

// Calls `visit(sample, projections)` for every sample, block by block.
void for_each_projection(
    const Samples& samples, const std::vector<double>& mean,
    const std::vector<double>& components, std::size_t component_count,
    const std::function<void(std::size_t, const double*)>& visit) {
  std::vector<double> block;
  std::size_t step = block_rows(samples.width);
  for (std::size_t begin = 0; begin < samples.count; begin += step) {
    std::size_t end = std::min(samples.count, begin + step);
    std::vector<double> projections = project_block(
        samples, mean, components, component_count, begin, end, block);
    for (std::size_t i = begin; i < end; ++i) {
      visit(i, projections.data() + (i - begin) * component_count);
    }
  }
}

// Flips each component so that the sample with the largest absolute
// projection (the first one on ties) projects positively, as
// sklearn.utils.extmath.svd_flip with u_based_decision=True.
void flip_signs(const Samples& samples, const std::vector<double>& mean,
                std::vector<double>& components, std::size_t count) {
  std::vector<double> largest(count, -1.0);
  std::vector<double> sign(count, 1.0);
  for_each_projection(samples, mean, components, count,
                      [&](std::size_t, const double* projection) {
                        for (std::size_t k = 0; k < count; ++k) {
                          if (std::fabs(projection[k]) > largest[k]) {
                            largest[k] = std::fabs(projection[k]);
                            sign[k] = projection[k] < 0.0 ? -1.0 : 1.0;
                          }
                        }
                      });
  std::size_t width = samples.width;
  for (std::size_t k = 0; k < count; ++k) {
    for (std::size_t f = 0; f < width; ++f) {
      components[k * width + f] *= sign[k];
    }
  }
}

// Returns the number of components scikit-learn keeps for a fraction:
// one more than the number of cumulative ratios <= fraction.
std::size_t count_for_fraction(const std::vector<double>& ratios,
                               double fraction) {
  double cumulative = 0.0;
  std::size_t at_or_below = 0;
  for (double ratio : ratios) {
    cumulative += ratio;
    if (cumulative <= fraction) {
      ++at_or_below;
    }
  }
  return std::min(at_or_below + 1, ratios.size());
}

std::size_t choose_component_count(const PcaOptions& options,
                                   const std::vector<double>& ratios) {
  if (options.components > 0) {
    if (options.components > ratios.size()) {
      throw InputError(fmt::format(
          "PCA: {} components requested but at most {} exist (the smaller "
          "of the sample and feature counts)",
          options.components, ratios.size()));
    }
    return options.components;
  }
  if (!(options.variance_fraction > 0.0 &&
        options.variance_fraction <= 1.0)) {
    throw InputError(fmt::format(
        "PCA variance fraction must be in (0, 1], got {}",
        options.variance_fraction));
  }
  return count_for_fraction(ratios, options.variance_fraction);
}

Matrix project_all(const Samples& samples, const std::vector<double>& mean,
                   const std::vector<double>& components,
                   std::size_t count) {
  if (samples.width != mean.size()) {
    throw std::invalid_argument(fmt::format(
        "PCA fitted on {} features applied to {}", mean.size(),
        samples.width));
  }
  Matrix result(samples.count, count);
  for_each_projection(samples, mean, components, count,
                      [&](std::size_t i, const double* projection) {
                        float* to = result.row(i);
                        for (std::size_t k = 0; k < count; ++k) {
                          to[k] = static_cast<float>(projection[k]);
                        }
                      });
  return result;
}

struct PcaFit {
  std::size_t component_count = 0;
  std::vector<double> mean;
  std::vector<double> components;
  std::vector<double> explained_variance_ratio;
};

PcaFit fit_samples(const Samples& samples, const PcaOptions& options) {
  check_samples(samples);
  PcaFit fit;
  fit.mean = sample_mean(samples);
  std::vector<double> scatter = scatter_matrix(samples, fit.mean);
  std::size_t width = samples.width;
  double trace = 0.0;
  for (std::size_t f = 0; f < width; ++f) {
    trace += scatter[f * width + f];
  }
  if (!(trace > 0.0)) {
    throw InputError("PCA: every training sample is the same, so there is "
                     "no variance to explain");
  }
  EigenDecomposition eigen = symmetric_eigen(std::move(scatter), width);

  // Eigenvalues of the scatter matrix are squared singular values; at most
  // min(samples, features) of them belong to the samples.
  std::size_t available = std::min(samples.count, width);
  std::vector<double> ratios(available);
  for (std::size_t k = 0; k < available; ++k) {
    ratios[k] = std::max(0.0, eigen.values[width - 1 - k]) / trace;
  }
  fit.component_count = choose_component_count(options, ratios);
  ratios.resize(fit.component_count);
  fit.explained_variance_ratio = std::move(ratios);
  for (std::size_t k = 0; k < fit.component_count; ++k) {
    const double* vector = eigen.vectors.data() + (width - 1 - k) * width;
    fit.components.insert(fit.components.end(), vector, vector + width);
  }
  flip_signs(samples, fit.mean, fit.components, fit.component_count);
  return fit;
}

}  // namespace

void Pca::fit(const Matrix& samples, const PcaOptions& options) {
  PcaFit fit = fit_samples(matrix_samples(samples), options);
  component_count_ = fit.component_count;
  mean_ = std::move(fit.mean);
  components_ = std::move(fit.components);
  explained_variance_ratio_ = std::move(fit.explained_variance_ratio);
}

void Pca::fit(const WindowSet& windows, const PcaOptions& options) {
  PcaFit fit = fit_samples(window_samples(windows), options);
  component_count_ = fit.component_count;
  mean_ = std::move(fit.mean);
  components_ = std::move(fit.components);
  explained_variance_ratio_ = std::move(fit.explained_variance_ratio);
}

Matrix Pca::transform(const Matrix& samples) const {
  return project_all(matrix_samples(samples), mean_, components_,
                     component_count_);
}

Matrix Pca::transform(const WindowSet& windows) const {
  return project_all(window_samples(windows), mean_, components_,
                     component_count_);
}

Matrix Pca::inverse_transform(const Matrix& projections) const {
  if (projections.cols != component_count_) {
    throw std::invalid_argument(fmt::format(
        "PCA with {} components applied back to {} columns",
        component_count_, projections.cols));
  }
  std::size_t width = mean_.size();
  Matrix result(projections.rows, width);
  for (std::size_t r = 0; r < projections.rows; ++r) {
    float* to = result.row(r);
    for (std::size_t f = 0; f < width; ++f) {
      double value = mean_[f];
      for (std::size_t k = 0; k < component_count_; ++k) {
        value += projections.at(r, k) * components_[k * width + f];
      }
      to[f] = static_cast<float>(value);
    }
  }
  return result;
}

nlohmann::json Pca::to_json() const {
  return {{"component_count", component_count_},
          {"mean", mean_},
          {"components", components_},
          {"explained_variance_ratio", explained_variance_ratio_}};
}

Pca Pca::from_json(const nlohmann::json& state) {
  Pca pca;
  pca.component_count_ = read_count(state, "component_count", "PCA");
  pca.mean_ = read_doubles(state, "mean", "PCA");
  pca.components_ = read_doubles(state, "components", "PCA",
                                 pca.component_count_ * pca.mean_.size());
  pca.explained_variance_ratio_ = read_doubles(
      state, "explained_variance_ratio", "PCA", pca.component_count_);
  return pca;
}

}  // namespace advad
