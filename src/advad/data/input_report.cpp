#include "advad/data/input_report.h"

#include <fmt/format.h>

namespace advad {

std::string RowNames::name(std::size_t row) const {
  if (text_lines) return fmt::format("line {}", number(row));
  return fmt::format("row {} (0-based)", row);
}

std::size_t RowNames::number(std::size_t row) const {
  return text_lines ? row + 2 : row;
}

}  // namespace advad
