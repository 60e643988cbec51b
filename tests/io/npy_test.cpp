#include "advad/io/npy.h"

#include <gtest/gtest.h>

#include <cfloat>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <limits>
#include <string>
#include <vector>

#include "advad/common/error.h"
#include "test_support.h"

namespace advad {
namespace {

std::string edge_case(const std::string& name) {
  return (testing::shared_data_dir() / "edge_cases" / name).string();
}

std::string smd(const std::string& name) {
  return (testing::shared_data_dir() / "smd" / name).string();
}

std::string read_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void write_bytes(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

// Appends `value` with `size` bytes, little-endian unless `big_endian`.
void append(std::string& out, std::uint64_t value, std::size_t size,
            bool big_endian = false) {
  for (std::size_t i = 0; i < size; ++i) {
    const std::size_t shift = 8 * (big_endian ? size - 1 - i : i);
    out.push_back(static_cast<char>((value >> shift) & 0xff));
  }
}

std::string f4_bytes(const std::vector<float>& values) {
  std::string out;
  for (const float value : values) {
    std::uint32_t bits = 0;
    std::memcpy(&bits, &value, 4);
    append(out, bits, 4);
  }
  return out;
}

std::string f8_bytes(const std::vector<double>& values) {
  std::string out;
  for (const double value : values) {
    std::uint64_t bits = 0;
    std::memcpy(&bits, &value, 8);
    append(out, bits, 8);
  }
  return out;
}

// Builds a .npy file: magic, version major.0, the length field (2 bytes
// for version 1, 4 otherwise), `dict` as given (no padding) and `payload`.
std::string npy_file(int major, const std::string& dict,
                     const std::string& payload) {
  std::string out = "\x93NUMPY";
  out.push_back(static_cast<char>(major));
  out.push_back('\0');
  append(out, dict.size(), major == 1 ? 2 : 4);
  return out + dict + payload;
}

std::string dict_for(const std::string& descr, const std::string& shape,
                     bool fortran_order = false) {
  return "{'descr': '" + descr +
         "', 'fortran_order': " + (fortran_order ? "True" : "False") +
         ", 'shape': " + shape + ", }";
}

// Returns the InputError message of `action`, or a marker when none is
// thrown.
std::string error_of(const std::function<void()>& action) {
  try {
    action();
  } catch (const InputError& error) {
    return error.what();
  }
  return "<no InputError>";
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

class NpyFiles : public ::testing::Test {
 protected:
  // Writes `bytes` to a scratch file and returns its path.
  std::string file(const std::string& bytes,
                   const std::string& name = "array.npy") {
    const std::string path = scratch_.file(name);
    write_bytes(path, bytes);
    return path;
  }

  std::string matrix_error(const std::string& bytes) {
    const std::string path = file(bytes);
    return error_of([&] { npy::read_matrix(path); });
  }

  testing::TempDir scratch_;
};

// ---------------------------------------------------------------------
// Edge-case files. Their payloads were printed with Python's struct
// module: the f8 files hold 0.0, 0.1, ..., 1.4 (15 values) in file order.

// Returns (3 r + c) / 10 as float, the value at row r, column c of the
// 5 x 3 edge-case arrays.
float tenth(std::size_t r, std::size_t c) {
  return static_cast<float>(static_cast<double>(3 * r + c) / 10.0);
}

void expect_tenths(const Matrix& matrix) {
  ASSERT_EQ(matrix.rows, 5u);
  ASSERT_EQ(matrix.cols, 3u);
  for (std::size_t r = 0; r < 5; ++r) {
    for (std::size_t c = 0; c < 3; ++c) {
      EXPECT_EQ(matrix.at(r, c), tenth(r, c)) << "row " << r << " col " << c;
    }
  }
}

TEST(NpyEdgeCases, COrderF8) {
  ADVAD_SKIP_WITHOUT_SHARED_DATA();
  expect_tenths(npy::read_matrix(edge_case("E07_c_order_f8.npy")));
}

TEST(NpyEdgeCases, FortranOrderF8) {
  ADVAD_SKIP_WITHOUT_SHARED_DATA();
  // The payload is 0.0, 0.3, 0.6, 0.9, 1.2, 0.1, ... (column-major).
  expect_tenths(npy::read_matrix(edge_case("E07_fortran_order_f8.npy")));
}

TEST(NpyEdgeCases, BigEndianF8) {
  ADVAD_SKIP_WITHOUT_SHARED_DATA();
  expect_tenths(npy::read_matrix(edge_case("E07_big_endian_f8.npy")));
}

TEST(NpyEdgeCases, TransposedView) {
  ADVAD_SKIP_WITHOUT_SHARED_DATA();
  // Shape (3, 5), Fortran order, payload 0.0 ... 1.4: the transpose of
  // the C-order 5 x 3 array.
  const Matrix matrix =
      npy::read_matrix(edge_case("E07_transposed_view_f8.npy"));
  ASSERT_EQ(matrix.rows, 3u);
  ASSERT_EQ(matrix.cols, 5u);
  for (std::size_t r = 0; r < 3; ++r) {
    for (std::size_t c = 0; c < 5; ++c) {
      EXPECT_EQ(matrix.at(r, c), tenth(c, r)) << "row " << r << " col " << c;
    }
  }
}

TEST(NpyEdgeCases, Float32) {
  ADVAD_SKIP_WITHOUT_SHARED_DATA();
  // The payload contains float32(i / 10) for i = 0 ... 14.
  expect_tenths(npy::read_matrix(edge_case("E07_float32.npy")));
}

TEST(NpyEdgeCases, Float16) {
  ADVAD_SKIP_WITHOUT_SHARED_DATA();
  // The exact half values, printed with struct format '<e'.
  const std::vector<float> expected = {
      0.0f, 0.0999755859375f, 0.199951171875f, 0.300048828125f, 0.39990234375f,
      0.5f, 0.60009765625f,   0.7001953125f,   0.7998046875f,   0.89990234375f,
      1.0f, 1.099609375f,     1.2001953125f,   1.2998046875f,   1.400390625f};
  const Matrix matrix = npy::read_matrix(edge_case("E07_float16.npy"));
  ASSERT_EQ(matrix.rows, 5u);
  ASSERT_EQ(matrix.cols, 3u);
  EXPECT_EQ(matrix.values, expected);
}

TEST(NpyEdgeCases, Int64) {
  ADVAD_SKIP_WITHOUT_SHARED_DATA();
  // The payload contains 0 ... 14 row-major.
  const Matrix matrix = npy::read_matrix(edge_case("E07_int64.npy"));
  ASSERT_EQ(matrix.rows, 5u);
  ASSERT_EQ(matrix.cols, 3u);
  for (std::size_t i = 0; i < 15; ++i) {
    EXPECT_EQ(matrix.values[i], static_cast<float>(i)) << "index " << i;
  }
}

TEST(NpyEdgeCases, Bool) {
  ADVAD_SKIP_WITHOUT_SHARED_DATA();
  // The payload bytes are eight 0 then seven 1.
  const Matrix matrix = npy::read_matrix(edge_case("E07_bool.npy"));
  ASSERT_EQ(matrix.rows, 5u);
  ASSERT_EQ(matrix.cols, 3u);
  for (std::size_t i = 0; i < 15; ++i) {
    EXPECT_EQ(matrix.values[i], i < 8 ? 0.0f : 1.0f) << "index " << i;
  }
}

TEST(NpyEdgeCases, OneDimensional) {
  ADVAD_SKIP_WITHOUT_SHARED_DATA();
  // Shape (5,), payload 0.0 ... 4.0: one column of five rows.
  const Matrix matrix = npy::read_matrix(edge_case("E07_1d.npy"));
  ASSERT_EQ(matrix.rows, 5u);
  ASSERT_EQ(matrix.cols, 1u);
  EXPECT_EQ(matrix.values, (std::vector<float>{0, 1, 2, 3, 4}));
}

TEST(NpyEdgeCases, ThreeDimensionalRejected) {
  ADVAD_SKIP_WITHOUT_SHARED_DATA();
  const std::string message =
      error_of([] { npy::read_matrix(edge_case("E07_3d_windows.npy")); });
  EXPECT_TRUE(contains(message, "E07_3d_windows.npy")) << message;
  EXPECT_TRUE(contains(message, "(2, 4, 3)")) << message;
  EXPECT_TRUE(contains(message, "1-D and 2-D")) << message;
}

TEST(NpyEdgeCases, ObjectArrayRejected) {
  ADVAD_SKIP_WITHOUT_SHARED_DATA();
  const std::string message =
      error_of([] { npy::read_matrix(edge_case("E07_object_pickled.npy")); });
  EXPECT_TRUE(contains(message, "E07_object_pickled.npy")) << message;
  EXPECT_TRUE(contains(message, "'|O'")) << message;
  EXPECT_TRUE(contains(message, "never loads")) << message;
}

TEST(NpyEdgeCases, ObjectArrayRejectedAsStrings) {
  ADVAD_SKIP_WITHOUT_SHARED_DATA();
  const std::string message =
      error_of([] { npy::read_strings(edge_case("E07_object_pickled.npy")); });
  EXPECT_TRUE(contains(message, "'|O'")) << message;
}

TEST(NpyEdgeCases, ZeroRowsRejected) {
  ADVAD_SKIP_WITHOUT_SHARED_DATA();
  const std::string message =
      error_of([] { npy::read_matrix(edge_case("E07_zero_rows.npy")); });
  EXPECT_TRUE(contains(message, "E07_zero_rows.npy")) << message;
  EXPECT_TRUE(contains(message, "(0, 3)")) << message;
  EXPECT_TRUE(contains(message, "no rows")) << message;
}

TEST(NpyEdgeCases, UnicodeStrings) {
  ADVAD_SKIP_WITHOUT_SHARED_DATA();
  // The payload decoded as UTF-32LE, trailing NULs removed.
  const std::vector<std::string> expected = {
      "action", "machine_nameKuka Robot_power", "anomaly"};
  EXPECT_EQ(npy::read_strings(edge_case("E07_unicode_names_U37.npy")),
            expected);
}

TEST(NpyEdgeCases, UnicodeHeader) {
  ADVAD_SKIP_WITHOUT_SHARED_DATA();
  const npy::Header header =
      npy::read_header(edge_case("E07_unicode_names_U37.npy"));
  EXPECT_EQ(header.descr, "<U37");
  EXPECT_FALSE(header.fortran_order);
  EXPECT_EQ(header.shape, (std::vector<std::size_t>{3}));
  EXPECT_EQ(header.data_offset, 128u);
  EXPECT_EQ(header.major_version, 1);
}

TEST(NpyEdgeCases, UnicodeRejectedAsMatrix) {
  ADVAD_SKIP_WITHOUT_SHARED_DATA();
  const std::string message = error_of(
      [] { npy::read_matrix(edge_case("E07_unicode_names_U37.npy")); });
  EXPECT_TRUE(contains(message, "'<U37'")) << message;
  EXPECT_TRUE(contains(message, "strings")) << message;
}

TEST(NpyEdgeCases, NumbersRejectedAsStrings) {
  ADVAD_SKIP_WITHOUT_SHARED_DATA();
  const std::string message =
      error_of([] { npy::read_strings(edge_case("E07_c_order_f8.npy")); });
  EXPECT_TRUE(contains(message, "'<f8'")) << message;
}

// ---------------------------------------------------------------------
// Double precision

void expect_tenths64(const Matrix64& matrix) {
  ASSERT_EQ(matrix.rows, 5u);
  ASSERT_EQ(matrix.cols, 3u);
  for (std::size_t r = 0; r < 5; ++r) {
    for (std::size_t c = 0; c < 3; ++c) {
      // i / 10 as Python computes it; 4 ulp (EXPECT_DOUBLE_EQ).
      EXPECT_DOUBLE_EQ(matrix.at(r, c), static_cast<double>(3 * r + c) / 10)
          << "row " << r << " col " << c;
    }
  }
}

TEST(NpyFloat64, EdgeCaseLayouts) {
  ADVAD_SKIP_WITHOUT_SHARED_DATA();
  for (const char* name : {"E07_c_order_f8.npy", "E07_fortran_order_f8.npy",
                           "E07_big_endian_f8.npy"}) {
    SCOPED_TRACE(name);
    expect_tenths64(npy::read_matrix64(edge_case(name)));
  }
}

TEST(NpyFloat64, EdgeCaseRejections) {
  ADVAD_SKIP_WITHOUT_SHARED_DATA();
  for (const char* name : {"E07_3d_windows.npy", "E07_object_pickled.npy",
                           "E07_zero_rows.npy", "E07_unicode_names_U37.npy"}) {
    const std::string message =
        error_of([&] { npy::read_matrix64(edge_case(name)); });
    EXPECT_TRUE(contains(message, name)) << message;
  }
}

TEST_F(NpyFiles, Float64KeepsLargeIntegers) {
  // 2^40 + 1 = 1099511627777 is exact in float64 but not in float32.
  std::string payload;
  append(payload, 1099511627777ull, 8);
  const std::string path = file(npy_file(1, dict_for("<i8", "(1,)"), payload));
  EXPECT_EQ(npy::read_matrix64(path).values,
            (std::vector<double>{1099511627777.0}));
}

TEST_F(NpyFiles, Float64BeyondFloat32) {
  const std::string path =
      file(npy_file(1, dict_for(">f8", "(2,)"), [] {
        std::string out;
        std::uint64_t bits = 0;
        const double value = -1e300;
        std::memcpy(&bits, &value, 8);
        append(out, bits, 8, true);
        append(out, 0, 8, true);
        return out;
      }()));
  EXPECT_EQ(npy::read_matrix64(path).values,
            (std::vector<double>{-1e300, 0.0}));
}

// Every numeric dtype in both byte orders holds 0, 1, 2, 100 (bool: 0, 1,
// 1, 1), read by both functions.
TEST_F(NpyFiles, EveryDtypeBothOrders) {
  const std::vector<std::pair<std::string, std::size_t>> dtypes = {
      {"i", 1}, {"i", 2}, {"i", 4}, {"i", 8}, {"u", 1}, {"u", 2},
      {"u", 4}, {"u", 8}, {"f", 2}, {"f", 4}, {"f", 8}, {"b", 1}};
  // Bits of 0, 1, 2 and 100 in IEEE 754 binary16, binary32 and binary64.
  const std::vector<std::uint64_t> half = {0, 0x3c00, 0x4000, 0x5640};
  const std::vector<std::uint64_t> single = {0, 0x3f800000, 0x40000000,
                                             0x42c80000};
  const std::vector<std::uint64_t> wide = {0, 0x3ff0000000000000,
                                           0x4000000000000000,
                                           0x4059000000000000};
  for (const auto& [kind, size] : dtypes) {
    for (const bool big : {false, true}) {
      const std::string descr =
          (size == 1 ? "|" : big ? ">" : "<") + kind + std::to_string(size);
      SCOPED_TRACE(descr);
      std::vector<std::uint64_t> bits = {0, 1, 2, 100};
      if (kind == "f") bits = size == 2 ? half : size == 4 ? single : wide;
      if (kind == "b") bits = {0, 1, 1, 1};
      std::string payload;
      for (const std::uint64_t value : bits) append(payload, value, size, big);
      const std::string path =
          file(npy_file(1, dict_for(descr, "(2, 2)"), payload));
      const std::vector<float> expected32 =
          kind == "b" ? std::vector<float>{0, 1, 1, 1}
                      : std::vector<float>{0, 1, 2, 100};
      EXPECT_EQ(npy::read_matrix(path).values, expected32);
      EXPECT_EQ(npy::read_matrix64(path).values,
                std::vector<double>(expected32.begin(), expected32.end()));
    }
  }
}

// ---------------------------------------------------------------------
// SMD: float32 arrays; shapes and first values printed with Python's
// struct module from the header and payload.

TEST(NpySmd, TrainShapeAndValues) {
  ADVAD_SKIP_WITHOUT_SHARED_DATA();
  const Matrix matrix = npy::read_matrix(smd("machine-1-2_train.npy"));
  EXPECT_EQ(matrix.rows, 23694u);
  EXPECT_EQ(matrix.cols, 38u);
  EXPECT_EQ(matrix.at(0, 0), 0.16f);
  EXPECT_EQ(matrix.at(0, 1), 0.058339f);
  EXPECT_EQ(matrix.at(23693, 37), 0.0f);
}

TEST(NpySmd, EveryFileShape) {
  ADVAD_SKIP_WITHOUT_SHARED_DATA();
  const std::vector<std::pair<std::string, std::size_t>> files = {
      {"machine-1-2_test.npy", 23694},
      {"machine-2-1_train.npy", 23693},
      {"machine-2-1_test.npy", 23694},
      {"machine-3-2_train.npy", 23702},
      {"machine-3-2_test.npy", 23703}};
  for (const auto& [name, rows] : files) {
    const Matrix matrix = npy::read_matrix(smd(name));
    EXPECT_EQ(matrix.rows, rows) << name;
    EXPECT_EQ(matrix.cols, 38u) << name;
  }
}

TEST(NpySmd, LabelsOneColumn) {
  ADVAD_SKIP_WITHOUT_SHARED_DATA();
  // 542 ones among 23694 values, the first at index 4629.
  const Matrix matrix = npy::read_matrix(smd("machine-1-2_test_label.npy"));
  ASSERT_EQ(matrix.rows, 23694u);
  ASSERT_EQ(matrix.cols, 1u);
  double sum = 0.0;
  for (const float value : matrix.values) sum += value;
  EXPECT_EQ(sum, 542.0);
  EXPECT_EQ(matrix.values[4628], 0.0f);
  EXPECT_EQ(matrix.values[4629], 1.0f);
}

// ---------------------------------------------------------------------
// Hand-built files

TEST_F(NpyFiles, Version2Header) {
  const std::string dict = dict_for("<f4", "(2, 2)");
  const std::string path =
      file(npy_file(2, dict, f4_bytes({1.5f, -2.0f, 3.25f, 4.0f})));
  const npy::Header header = npy::read_header(path);
  EXPECT_EQ(header.major_version, 2);
  EXPECT_EQ(header.data_offset, 12 + dict.size());
  EXPECT_EQ(npy::read_matrix(path).values,
            (std::vector<float>{1.5f, -2.0f, 3.25f, 4.0f}));
}

TEST_F(NpyFiles, Version3Header) {
  const std::string path =
      file(npy_file(3, dict_for("<f4", "(1, 3)"), f4_bytes({7, 8, 9})));
  EXPECT_EQ(npy::read_header(path).major_version, 3);
  const Matrix matrix = npy::read_matrix(path);
  EXPECT_EQ(matrix.rows, 1u);
  EXPECT_EQ(matrix.cols, 3u);
  EXPECT_EQ(matrix.values, (std::vector<float>{7, 8, 9}));
}

TEST_F(NpyFiles, UnsupportedVersions) {
  for (const int major : {0, 4}) {
    const std::string message =
        matrix_error(npy_file(major, dict_for("<f4", "(1,)"), f4_bytes({1})));
    EXPECT_TRUE(contains(message, "version " + std::to_string(major) + ".0"))
        << message;
  }
}

TEST_F(NpyFiles, MinorVersionRejected) {
  std::string bytes = npy_file(1, dict_for("<f4", "(1,)"), f4_bytes({1}));
  bytes[7] = 1;
  EXPECT_TRUE(contains(matrix_error(bytes), "version 1.1"));
}

TEST_F(NpyFiles, BadMagic) {
  std::string bytes = npy_file(1, dict_for("<f4", "(1,)"), f4_bytes({1}));
  bytes[1] = 'M';
  EXPECT_TRUE(contains(matrix_error(bytes), "not a .npy file"));
}

TEST_F(NpyFiles, ShortFile) {
  EXPECT_TRUE(contains(matrix_error("\x93NUM"), "not a .npy file"));
}

TEST_F(NpyFiles, MissingFile) {
  const std::string path = scratch_.file("absent.npy");
  const std::string message = error_of([&] { npy::read_matrix(path); });
  EXPECT_TRUE(contains(message, path)) << message;
  EXPECT_TRUE(contains(message, "cannot open")) << message;
}

TEST_F(NpyFiles, HeaderLengthTwoToThe31) {
  // A corrupt 4-byte length field: rejected before any allocation.
  std::string bytes = "\x93NUMPY";
  bytes += std::string{'\x02', '\x00'};
  append(bytes, std::uint64_t{1} << 31, 4);
  bytes += dict_for("<f4", "(1,)");
  const std::string message = matrix_error(bytes);
  EXPECT_TRUE(contains(message, "2147483648")) << message;
  EXPECT_TRUE(contains(message, "limit")) << message;
}

TEST_F(NpyFiles, HeaderLongerThanFile) {
  std::string bytes = "\x93NUMPY";
  bytes += std::string{'\x01', '\x00'};
  append(bytes, 65535, 2);
  bytes += dict_for("<f4", "(1,)");
  const std::string message = matrix_error(bytes);
  EXPECT_TRUE(contains(message, "ends inside the .npy header")) << message;
}

TEST_F(NpyFiles, BigEndianIntegers) {
  std::string payload;
  for (const std::int32_t value : {-2, 70000, 1, INT32_MIN}) {
    append(payload, static_cast<std::uint32_t>(value), 4, true);
  }
  const std::string path = file(npy_file(1, dict_for(">i4", "(4,)"), payload));
  EXPECT_EQ(npy::read_matrix(path).values,
            (std::vector<float>{-2.0f, 70000.0f, 1.0f, -2147483648.0f}));
}

TEST_F(NpyFiles, SmallIntegerTypes) {
  // Each row: dtype, payload bytes, expected values (two's complement
  // and byte order worked out by hand).
  struct Case {
    std::string descr;
    std::string payload;
    std::vector<float> expected;
  };
  const std::vector<Case> cases = {
      {"|i1", std::string{'\x80', '\x7f'}, {-128.0f, 127.0f}},
      {"|u1", std::string{'\xff', '\x00'}, {255.0f, 0.0f}},
      {"<i2", std::string{'\x00', '\x80', '\x01', '\x00'}, {-32768.0f, 1.0f}},
      {">i2", std::string{'\x80', '\x00', '\x00', '\x01'}, {-32768.0f, 1.0f}},
      {">u2", std::string{'\xff', '\xfe', '\x00', '\x02'}, {65534.0f, 2.0f}},
      {"=u4",
       std::string{'\x00', '\x00', '\x00', '\x80', '\x05', '\x00', '\x00',
                   '\x00'},
       {2147483648.0f, 5.0f}},
  };
  for (const Case& c : cases) {
    const std::string dict = dict_for(c.descr, "(2,)");
    const std::string path = file(npy_file(1, dict, c.payload));
    EXPECT_EQ(npy::read_matrix(path).values, c.expected) << c.descr;
  }
}

TEST_F(NpyFiles, SixtyFourBitIntegers) {
  // 2^64 - 1 and -2^63 convert to the nearest float32, 2^64 and -2^63.
  std::string payload;
  append(payload, UINT64_MAX, 8, true);
  append(payload, 3, 8, true);
  std::string signed_payload;
  append(signed_payload, std::uint64_t{1} << 63, 8);
  append(signed_payload, static_cast<std::uint64_t>(-7), 8);
  const std::string unsigned_path =
      file(npy_file(1, dict_for(">u8", "(2,)"), payload), "u8.npy");
  const std::string signed_path =
      file(npy_file(1, dict_for("<i8", "(2,)"), signed_payload), "i8.npy");
  EXPECT_EQ(npy::read_matrix(unsigned_path).values,
            (std::vector<float>{18446744073709551616.0f, 3.0f}));
  EXPECT_EQ(npy::read_matrix(signed_path).values,
            (std::vector<float>{-9223372036854775808.0f, -7.0f}));
}

TEST_F(NpyFiles, FortranOrderIntegers) {
  // Shape (2, 3) column-major 1 4 2 5 3 6 is [[1, 2, 3], [4, 5, 6]].
  std::string payload;
  for (const std::uint16_t value : {1, 4, 2, 5, 3, 6}) {
    append(payload, value, 2);
  }
  const std::string path =
      file(npy_file(1, dict_for("<u2", "(2, 3)", true), payload));
  const Matrix matrix = npy::read_matrix(path);
  ASSERT_EQ(matrix.rows, 2u);
  ASSERT_EQ(matrix.cols, 3u);
  EXPECT_EQ(matrix.values, (std::vector<float>{1, 2, 3, 4, 5, 6}));
}

TEST_F(NpyFiles, HalfPrecisionSpecials) {
  // Bit patterns and values from the IEEE 754 binary16 layout: 1 sign,
  // 5 exponent (bias 15) and 10 fraction bits.
  const std::vector<std::pair<std::uint16_t, float>> cases = {
      {0x0001, std::ldexp(1.0f, -24)},     // smallest subnormal
      {0x03ff, std::ldexp(1023.0f, -24)},  // largest subnormal
      {0x0400, std::ldexp(1.0f, -14)},     // smallest normal
      {0x3c00, 1.0f},
      {0xc000, -2.0f},
      {0x7bff, 65504.0f},           // largest finite
      {0x3555, 1365.0f / 4096.0f},  // (1024 + 341) * 2^(13 - 25)
      {0x7c00, std::numeric_limits<float>::infinity()},
      {0xfc00, -std::numeric_limits<float>::infinity()},
  };
  for (const bool big_endian : {false, true}) {
    std::string payload;
    for (const auto& [bits, value] : cases) {
      append(payload, bits, 2, big_endian);
    }
    const std::string shape = "(" + std::to_string(cases.size()) + ",)";
    const std::string descr = big_endian ? ">f2" : "<f2";
    const Matrix matrix =
        npy::read_matrix(file(npy_file(1, dict_for(descr, shape), payload)));
    for (std::size_t i = 0; i < cases.size(); ++i) {
      EXPECT_EQ(matrix.values[i], cases[i].second) << descr << " " << i;
    }
  }
}

TEST_F(NpyFiles, HalfNanAndNegativeZero) {
  std::string payload;
  append(payload, 0x7e00, 2);
  append(payload, 0x8000, 2);
  const Matrix matrix =
      npy::read_matrix(file(npy_file(1, dict_for("<f2", "(2,)"), payload)));
  EXPECT_TRUE(std::isnan(matrix.values[0]));
  EXPECT_EQ(matrix.values[1], 0.0f);
  EXPECT_TRUE(std::signbit(matrix.values[1]));
}

TEST_F(NpyFiles, NanAndInfinityKept) {
  const double inf = std::numeric_limits<double>::infinity();
  const std::string payload =
      f8_bytes({std::numeric_limits<double>::quiet_NaN(), inf, -inf, 1.0});
  const Matrix matrix =
      npy::read_matrix(file(npy_file(1, dict_for("<f8", "(2, 2)"), payload)));
  EXPECT_TRUE(std::isnan(matrix.values[0]));
  EXPECT_EQ(matrix.values[1], std::numeric_limits<float>::infinity());
  EXPECT_EQ(matrix.values[2], -std::numeric_limits<float>::infinity());
  EXPECT_EQ(matrix.values[3], 1.0f);
}

TEST_F(NpyFiles, Float32MaxAccepted) {
  const std::string payload = f8_bytes({FLT_MAX, -FLT_MAX});
  const Matrix matrix =
      npy::read_matrix(file(npy_file(1, dict_for("<f8", "(2,)"), payload)));
  EXPECT_EQ(matrix.values, (std::vector<float>{FLT_MAX, -FLT_MAX}));
}

TEST_F(NpyFiles, BeyondFloat32Rejected) {
  const std::string payload = f8_bytes({1.0, 2.0, 3.0, 1e300});
  const std::string message =
      matrix_error(npy_file(1, dict_for("<f8", "(2, 2)"), payload));
  EXPECT_TRUE(contains(message, "array.npy")) << message;
  EXPECT_TRUE(contains(message, "1e+300")) << message;
  EXPECT_TRUE(contains(message, "row 1, column 1")) << message;
  EXPECT_TRUE(contains(message, "float32")) << message;
}

TEST_F(NpyFiles, NegativeBeyondFloat32Rejected) {
  // -3.5e38 is just below -FLT_MAX (about -3.40282e38).
  const std::string payload = f8_bytes({-3.5e38});
  const std::string message =
      matrix_error(npy_file(1, dict_for(">f8", "(1,)"),
                            std::string(payload.rbegin(), payload.rend())));
  EXPECT_TRUE(contains(message, "-3.5e+38")) << message;
  EXPECT_TRUE(contains(message, "row 0, column 0")) << message;
}

TEST_F(NpyFiles, BeyondFloat32FortranPosition) {
  // Column-major (2, 2): the second stored value is row 1, column 0.
  const std::string payload = f8_bytes({1.0, -1e39, 3.0, 4.0});
  const std::string message =
      matrix_error(npy_file(1, dict_for("<f8", "(2, 2)", true), payload));
  EXPECT_TRUE(contains(message, "-1e+39")) << message;
  EXPECT_TRUE(contains(message, "row 1, column 0")) << message;
}

TEST_F(NpyFiles, ChunkedFortranOrder) {
  // 70000 x 3 float64 values (1.68 MB) span more than one 1 MiB chunk.
  // Stored column-major, value 3 r + c at row r, column c.
  const std::size_t rows = 70000;
  std::vector<double> values(rows * 3);
  for (std::size_t c = 0; c < 3; ++c) {
    for (std::size_t r = 0; r < rows; ++r) {
      values[c * rows + r] = static_cast<double>(3 * r + c);
    }
  }
  const std::string dict = dict_for("<f8", "(70000, 3)", true);
  const Matrix matrix =
      npy::read_matrix(file(npy_file(1, dict, f8_bytes(values))));
  ASSERT_EQ(matrix.rows, rows);
  ASSERT_EQ(matrix.cols, 3u);
  std::size_t mismatches = 0;
  for (std::size_t i = 0; i < matrix.values.size(); ++i) {
    mismatches += matrix.values[i] != static_cast<float>(i) ? 1 : 0;
  }
  EXPECT_EQ(mismatches, 0u);
}

TEST_F(NpyFiles, ChunkedOutOfRangePosition) {
  // Linear index 150000 of a column-major 70000 x 3 array is row 10000,
  // column 2, in the second chunk.
  std::vector<double> values(70000 * 3, 0.5);
  values[150000] = 1e300;
  const std::string dict = dict_for("<f8", "(70000, 3)", true);
  const std::string message = matrix_error(npy_file(1, dict, f8_bytes(values)));
  EXPECT_TRUE(contains(message, "row 10000, column 2")) << message;
}

TEST_F(NpyFiles, TruncatedPayload) {
  const std::string message =
      matrix_error(npy_file(1, dict_for("<f4", "(2, 2)"), f4_bytes({1, 2, 3})));
  EXPECT_TRUE(contains(message, "truncated")) << message;
  EXPECT_TRUE(contains(message, "(2, 2)")) << message;
}

TEST_F(NpyFiles, PaddedPayload) {
  const std::string message = matrix_error(
      npy_file(1, dict_for("<f4", "(2, 2)"), f4_bytes({1, 2, 3, 4, 5})));
  EXPECT_TRUE(contains(message, "padded")) << message;
}

TEST_F(NpyFiles, HugeShapeRejected) {
  const std::string message = matrix_error(npy_file(
      1, dict_for("<f8", "(1099511627776, 1099511627776)"), f8_bytes({1})));
  EXPECT_TRUE(contains(message, "too large")) << message;
}

TEST_F(NpyFiles, ScalarRejected) {
  const std::string message =
      matrix_error(npy_file(1, dict_for("<f8", "()"), f8_bytes({1})));
  EXPECT_TRUE(contains(message, "scalar")) << message;
}

TEST_F(NpyFiles, ZeroColumnsRejected) {
  const std::string message =
      matrix_error(npy_file(1, dict_for("<f8", "(3, 0)"), ""));
  EXPECT_TRUE(contains(message, "no columns")) << message;
}

TEST_F(NpyFiles, UnsupportedDtypes) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"<c8", "complex"},       {"<M8[ns]", "datetime"},
      {"<m8[s]", "timedelta"},  {"|S5", "raw bytes"},
      {"|V8", "raw bytes"},     {"<f16", "not supported"},
      {"<i3", "not supported"}, {"<b2", "not supported"},
      {"zz", "not a valid"},    {"", "invalid"},
      {"<U0", "not supported"}, {"<f", "not supported"}};
  for (const auto& [descr, reason] : cases) {
    const std::string message =
        matrix_error(npy_file(1, dict_for(descr, "(1,)"), ""));
    EXPECT_TRUE(contains(message, "'" + descr + "'")) << message;
    EXPECT_TRUE(contains(message, reason)) << message;
  }
}

TEST_F(NpyFiles, HeaderDictVariants) {
  // Valid Python dict literals in other layouts than numpy writes.
  const std::vector<std::string> dicts = {
      "{'shape': (2,), 'descr': '<f4', 'fortran_order': False}",
      "{\"descr\": \"<f4\", \"fortran_order\": False, \"shape\": (2,)}",
      "{ 'descr' :'<f4' ,\t'fortran_order':False,\n'shape':( 2 , ) , }\n",
      "{'descr': '<f4', 'fortran_order': False, 'shape': (2L,)}",
      "{'descr': '=f4', 'fortran_order': True, 'shape': (2,)}   \n",
      "{'descr': '|f4', 'fortran_order': False, 'shape': (2, 1, )}"};
  for (const std::string& dict : dicts) {
    const std::string path = file(npy_file(1, dict, f4_bytes({5, 6})));
    const Matrix matrix = npy::read_matrix(path);
    EXPECT_EQ(matrix.values, (std::vector<float>{5, 6})) << dict;
  }
}

TEST_F(NpyFiles, InvalidHeaderDicts) {
  ADVAD_SKIP_WITHOUT_SHARED_DATA();
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"", "expected '{'"},
      {"['descr', '<f4']", "expected '{'"},
      {"{'descr': '<f4', 'fortran_order': False}", "'shape' is missing"},
      {"{'descr': '<f4', 'fortran_order': False, 'shape': (1,), 'x': 1}",
       "unexpected key 'x'"},
      {"{'descr': '<f4', 'descr': '<f4', 'fortran_order': False, "
       "'shape': (1,)}",
       "appears twice"},
      {"{'descr': '<f4', 'fortran_order': maybe, 'shape': (1,)}",
       "True or False"},
      {"{'descr': '<f4', 'fortran_order': False, 'shape': (1)}",
       "must be a tuple"},
      {"{'descr': '<f4', 'fortran_order': False, 'shape': (-1,)}",
       "non-negative integer"},
      {"{'descr': '<f4', 'fortran_order': False, 'shape': [1]}", "'('"},
      {"{'descr': '<f4', 'fortran_order': False, 'shape': (1,) ", "',' or '}'"},
      {"{'descr': '<f4', 'fortran_order': False, 'shape': (1,)} x",
       "after the closing"},
      {"{'descr': '<f4', 'fortran_order': False,, 'shape': (1,)}",
       "quoted string"},
      {"{'descr': '<f4, 'fortran_order': False, 'shape': (1,)}", "','"},
      {"{'descr': '<f4', 'fortran_order': False, 'shape': (1,), 'unclosed}",
       "unterminated"},
      {"{'descr': 5, 'fortran_order': False, 'shape': (1,)}", "quoted"},
      {"{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (1,)}",
       "structured"},
      {"{'descr': '<f4', 'fortran_order': False, "
       "'shape': (99999999999999999999999,)}",
       "too large"}};
  for (const auto& [dict, reason] : cases) {
    const std::string path = file(npy_file(1, dict, f4_bytes({1})));
    const std::string message = error_of([&] { npy::read_header(path); });
    EXPECT_TRUE(contains(message, path)) << message;
    EXPECT_TRUE(contains(message, "invalid .npy header")) << message;
    EXPECT_TRUE(contains(message, reason)) << dict << " -> " << message;
  }
}

TEST_F(NpyFiles, BigEndianStrings) {
  // '>U2' items: "hé" (U+0068 U+00E9) and "x" padded with a NUL.
  std::string payload;
  for (const std::uint32_t cp : {0x68u, 0xe9u, 0x78u, 0u}) {
    append(payload, cp, 4, true);
  }
  const std::string path = file(npy_file(1, dict_for(">U2", "(2,)"), payload));
  EXPECT_EQ(npy::read_strings(path),
            (std::vector<std::string>{"h\xc3\xa9", "x"}));
}

TEST_F(NpyFiles, InvalidCodePoint) {
  std::string payload;
  append(payload, 0x110000, 4);
  const std::string path = file(npy_file(1, dict_for("<U1", "(1,)"), payload));
  const std::string message = error_of([&] { npy::read_strings(path); });
  EXPECT_TRUE(contains(message, "invalid code point")) << message;
}

TEST_F(NpyFiles, TwoDimensionalStringsRejected) {
  const std::string path =
      file(npy_file(1, dict_for("<U1", "(1, 1)"), std::string(4, 'a')));
  const std::string message = error_of([&] { npy::read_strings(path); });
  EXPECT_TRUE(contains(message, "1-D")) << message;
}

// ---------------------------------------------------------------------
// Writers

TEST_F(NpyFiles, WriteMatrixMatchesNumpy) {
  ADVAD_SKIP_WITHOUT_SHARED_DATA();
  // E07_float32.npy was written by numpy.save from float32(i / 10); the
  // same values must give the same bytes.
  Matrix matrix(5, 3);
  for (std::size_t i = 0; i < 15; ++i) {
    matrix.values[i] = static_cast<float>(static_cast<double>(i) / 10.0);
  }
  const std::string path = scratch_.file("written.npy");
  npy::write_matrix(path, matrix);
  EXPECT_EQ(read_bytes(path), read_bytes(edge_case("E07_float32.npy")));
}

TEST_F(NpyFiles, WriteMatrixF64MatchesNumpy) {
  ADVAD_SKIP_WITHOUT_SHARED_DATA();
  // The doubles stored in E07_c_order_f8.npy, written back, give the
  // bytes numpy.save wrote.
  const std::string reference = read_bytes(edge_case("E07_c_order_f8.npy"));
  std::vector<double> values(15);
  std::memcpy(values.data(), reference.data() + 128, 15 * sizeof(double));
  const std::string path = scratch_.file("written.npy");
  npy::write_matrix_f64(path, 5, 3, values);
  EXPECT_EQ(read_bytes(path), reference);
}

TEST_F(NpyFiles, WriteMatrixRoundTrip) {
  Matrix matrix(3, 4);
  const std::vector<float> values = {0.0f,
                                     -0.0f,
                                     1.5f,
                                     -2.25f,
                                     FLT_MAX,
                                     -FLT_MAX,
                                     FLT_MIN,
                                     std::numeric_limits<float>::denorm_min(),
                                     1e-30f,
                                     123456.789f,
                                     std::numeric_limits<float>::infinity(),
                                     7.0f};
  matrix.values = values;
  const std::string path = scratch_.file("round.npy");
  npy::write_matrix(path, matrix);
  const Matrix back = npy::read_matrix(path);
  EXPECT_EQ(back.rows, 3u);
  EXPECT_EQ(back.cols, 4u);
  EXPECT_EQ(back.values, values);
  EXPECT_TRUE(std::signbit(back.values[1]));
}

TEST_F(NpyFiles, WriteMatrixAligned) {
  // numpy pads the header so the payload starts at a multiple of 64.
  for (const std::size_t rows : {1u, 12u, 123456u}) {
    const std::string path = scratch_.file("aligned.npy");
    npy::write_matrix(path, Matrix(rows, 2));
    const npy::Header header = npy::read_header(path);
    EXPECT_EQ(header.data_offset % 64, 0u) << rows;
    EXPECT_EQ(header.shape, (std::vector<std::size_t>{rows, 2}));
    EXPECT_EQ(read_bytes(path)[header.data_offset - 1], '\n');
  }
}

TEST_F(NpyFiles, WriteMatrixF64RoundTrip) {
  const std::vector<double> values = {0.1, -2.5, 1e-3, 3.0e38, 42.0, -7.0};
  const std::string path = scratch_.file("round64.npy");
  npy::write_matrix_f64(path, 2, 3, values);
  EXPECT_EQ(npy::read_header(path).descr, "<f8");
  const Matrix back = npy::read_matrix(path);
  ASSERT_EQ(back.values.size(), values.size());
  for (std::size_t i = 0; i < values.size(); ++i) {
    EXPECT_EQ(back.values[i], static_cast<float>(values[i])) << i;
  }
}

TEST_F(NpyFiles, WriteDeterministicAndNoTemporary) {
  Matrix matrix(2, 2);
  matrix.values = {1, 2, 3, 4};
  const std::string first = scratch_.file("first.npy");
  const std::string second = scratch_.file("second.npy");
  npy::write_matrix(first, matrix);
  npy::write_matrix(second, matrix);
  EXPECT_EQ(read_bytes(first), read_bytes(second));
  EXPECT_FALSE(std::filesystem::exists(first + ".tmp"));
}

TEST_F(NpyFiles, WriteReplacesFile) {
  const std::string path = scratch_.file("replace.npy");
  write_bytes(path, "old contents");
  Matrix matrix(1, 1);
  matrix.values = {9.0f};
  npy::write_matrix(path, matrix);
  EXPECT_EQ(npy::read_matrix(path).values, (std::vector<float>{9.0f}));
}

TEST_F(NpyFiles, WriteIntoMissingFolder) {
  const std::string path = scratch_.file("missing/out.npy");
  const std::string message =
      error_of([&] { npy::write_matrix(path, Matrix(1, 1)); });
  EXPECT_TRUE(contains(message, path)) << message;
}

TEST_F(NpyFiles, WriteMismatchedSize) {
  EXPECT_THROW(npy::write_matrix_f64(scratch_.file("bad.npy"), 2, 2, {1.0}),
               std::invalid_argument);
}

TEST_F(NpyFiles, WriteStringsRoundTrip) {
  // U+00B0, two CJK characters and U+1F600 take 2, 3 and 4 UTF-8 bytes.
  const std::vector<std::string> strings = {
      "Temperature \xc2\xb0"
      "C",
      "\xe6\x95\xb0\xe6\x8d\xae", "\xf0\x9f\x98\x80", ""};
  const std::string path = scratch_.file("names.npy");
  npy::write_strings(path, strings);
  const npy::Header header = npy::read_header(path);
  EXPECT_EQ(header.descr, "<U14");  // "Temperature °C" has 14 code points
  EXPECT_EQ(header.shape, (std::vector<std::size_t>{4}));
  EXPECT_EQ(header.data_offset % 64, 0u);
  EXPECT_EQ(npy::read_strings(path), strings);
}

TEST_F(NpyFiles, WriteStringsHeaderText) {
  // Header as numpy.save writes it for ['action', 'anomaly'], laid out
  // like the numpy-written E07_unicode_names_U37.npy: the dict, 20 spaces
  // of room for the first dimension, padding to 128 bytes and a newline.
  const std::string path = scratch_.file("two.npy");
  npy::write_strings(path, {"action", "anomaly"});
  const std::string bytes = read_bytes(path);
  ASSERT_EQ(bytes.size(), 128u + 2 * 7 * 4);
  const std::string dict =
      "{'descr': '<U7', 'fortran_order': False, 'shape': (2,), }";
  EXPECT_EQ(bytes.substr(0, 8), std::string("\x93NUMPY\x01\x00", 8));
  EXPECT_EQ(bytes.substr(8, 2), std::string("\x76\x00", 2));  // 118
  EXPECT_EQ(bytes.substr(10, dict.size()), dict);
  EXPECT_EQ(bytes.substr(10 + dict.size(), 117 - dict.size()),
            std::string(117 - dict.size(), ' '));
  EXPECT_EQ(bytes[127], '\n');
}

TEST_F(NpyFiles, WriteStringsInvalidUtf8) {
  const std::string path = scratch_.file("bad.npy");
  const std::vector<std::vector<std::string>> inputs = {
      {"ok", "\xff"},               // invalid lead byte
      {"ok", "\xc3"},               // truncated sequence
      {"ok", "\xc0\xaf"},           // overlong '/'
      {"ok", "\xed\xa0\x80"},       // surrogate U+D800
      {"ok", "\xf4\x90\x80\x80"}};  // beyond U+10FFFF
  for (const auto& strings : inputs) {
    const std::string message =
        error_of([&] { npy::write_strings(path, strings); });
    EXPECT_TRUE(contains(message, "string 1 is not valid UTF-8")) << message;
  }
  EXPECT_FALSE(std::filesystem::exists(path));
}

}  // namespace
}  // namespace advad
