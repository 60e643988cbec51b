// Reader and writer for NumPy .npy files (format versions 1.0, 2.0, 3.0).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "advad/data/dataset.h"

namespace advad::npy {

// Maximum length of the header dict in bytes. numpy.save writes 118 bytes
// for any 1-D or 2-D array of the dtypes read here, so a length field
// beyond this limit marks a corrupt file. It is rejected before anything
// is allocated.
inline constexpr std::size_t kMaxHeaderBytes = std::size_t{1} << 20;

// Contents of a .npy header.
struct Header {
  std::string descr;  // dtype string, e.g. "<f8", ">i4", "<U37", "|b1"
  bool fortran_order = false;
  std::vector<std::size_t> shape;
  std::size_t data_offset = 0;  // byte offset of the payload in the file
  int major_version = 1;
};

// Reads and validates the header of `path`. It must have the magic
// string, version 1.0, 2.0 or 3.0, a header length of at most
// kMaxHeaderBytes, and a dict with exactly the keys 'descr',
// 'fortran_order' and 'shape'. Keys may come in any order, with any
// whitespace and an optional trailing comma. Does not interpret `descr` or
// check the payload. Throws InputError naming the file and the problem.
Header read_header(const std::string& path);

// Reads a numeric 1-D or 2-D array as float32, row-major. A 1-D array of
// n values becomes n rows x 1 column. Accepts f2 f4 f8 i1 i2 i4 i8 u1 u2
// u4 u8 b1 in either byte order and C or Fortran order. Converts in
// chunks so that the only full-size buffer is the returned matrix. NaN and
// infinity are kept as they are. Throws InputError naming the file and
// the problem: an object, string or other unsupported dtype, a 0-D or
// 3-D and higher array, zero rows or columns, or a payload size that
// disagrees with the header. A finite value beyond float32 range is an
// error naming its 0-based row and column.
Matrix read_matrix(const std::string& path);

// Reads like read_matrix() but into double precision, so no finite value
// is out of range. f8 values are kept exactly.
Matrix64 read_matrix64(const std::string& path);

// Reads a 1-D array of fixed-width unicode strings ("<U..", ">U..") and
// returns them as UTF-8 with trailing NUL characters removed. Throws
// InputError for any other dtype or shape, or an invalid code point.
std::vector<std::string> read_strings(const std::string& path);

// Writes a row-major matrix as "<f4" (version 1.0, C order). The header
// is laid out as numpy.save lays it out, so the payload starts at a
// multiple of 64 bytes. Writes to a temporary file beside `path` and
// renames it. Throws InputError when the file cannot be written.
void write_matrix(const std::string& path, const Matrix& matrix);

// Writes `rows x cols` row-major values as "<f8", like write_matrix.
void write_matrix_f64(const std::string& path, std::size_t rows,
                      std::size_t cols, const std::vector<double>& values);

// Writes a 1-D array of strings as "<U{n}", n the longest string length
// in code points (at least 1). Strings are UTF-8 in memory and UTF-32LE on
// disk. Throws InputError naming the index of a string that is not valid
// UTF-8.
void write_strings(const std::string& path,
                   const std::vector<std::string>& strings);

}  // namespace advad::npy
