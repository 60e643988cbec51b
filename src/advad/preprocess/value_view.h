// Read access to float32 or float64 matrices as float64 values.
#pragma once

#include <cstddef>

#include "advad/data/dataset.h"

namespace advad {

// A read-only view of a Matrix or a Matrix64 whose values read as float64,
// so that the scalers fit either without copying. The matrix must outlive
// the view.
class ValueView {
 public:
  ValueView(const Matrix& values)  // NOLINT: converts implicitly on purpose
      : rows_(values.rows), cols_(values.cols), narrow_(values.values.data()) {}
  ValueView(const Matrix64& values)  // NOLINT: converts implicitly on purpose
      : rows_(values.rows), cols_(values.cols), wide_(values.values.data()) {}

  std::size_t rows() const { return rows_; }
  std::size_t cols() const { return cols_; }
  double at(std::size_t r, std::size_t c) const {
    std::size_t i = r * cols_ + c;
    return narrow_ != nullptr ? narrow_[i] : wide_[i];
  }

 private:
  std::size_t rows_;
  std::size_t cols_;
  const float* narrow_ = nullptr;
  const double* wide_ = nullptr;
};

}  // namespace advad
