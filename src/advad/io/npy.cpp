#include "advad/io/npy.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cfloat>
#include <charconv>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <limits>
#include <string_view>
#include <type_traits>

#include "advad/common/error.h"

namespace advad::npy {
namespace {

constexpr std::string_view kMagic = "\x93NUMPY";
// Bytes of payload converted per step, so that a large file never needs
// a second full-size buffer beside the result.
constexpr std::size_t kChunkBytes = std::size_t{1} << 20;
// numpy.save pads the header so that the payload starts at a multiple of
// 64 bytes. It also leaves room for 21 digits in the first dimension so
// that the array can grow in place. numpy's lib/format.py names these
// ARRAY_ALIGN and GROWTH_AXIS_MAX_DIGITS.
constexpr std::size_t kArrayAlign = 64;
constexpr std::size_t kGrowthAxisDigits = 21;
// Maximum string item length in code points. It keeps the item size
// computation from overflowing.
constexpr std::size_t kMaxStringChars = std::size_t{1} << 20;
constexpr std::size_t kNone = std::numeric_limits<std::size_t>::max();

[[noreturn]] void fail(const std::string& path, const std::string& message) {
  throw InputError(path + ": " + message);
}

std::string shape_text(const std::vector<std::size_t>& shape) {
  std::string text = "(";
  for (std::size_t i = 0; i < shape.size(); ++i) {
    text += (i == 0 ? "" : ", ") + std::to_string(shape[i]);
  }
  return text + (shape.size() == 1 ? ",)" : ")");
}

std::string format_double(double value) {
  std::array<char, 32> buffer{};
  auto result =
      std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
  return std::string(buffer.data(), result.ptr);
}

// Returns printable text of a header for error messages, cut at 100 bytes.
std::string printable(std::string_view text) {
  std::string out;
  for (char c : text.substr(0, 100)) {
    const auto byte = static_cast<unsigned char>(c);
    out += (byte >= 0x20 && byte < 0x7f) ? c : '?';
  }
  return text.size() > 100 ? out + "..." : out;
}

// ---------------------------------------------------------------------
// Header dict: a Python literal such as
//   {'descr': '<f8', 'fortran_order': False, 'shape': (5, 3), }

class DictParser {
 public:
  DictParser(std::string_view text, const std::string& path)
      : text_(text), path_(path) {}

  void parse(Header& header);

 private:
  void parse_entry(Header& header, std::vector<std::string>& seen);
  std::string parse_descr();
  std::string parse_string();
  bool parse_bool();
  std::vector<std::size_t> parse_shape();
  std::size_t parse_dimension();
  void skip_space();
  bool consume(char c);
  void expect(char c, const std::string& what);
  [[noreturn]] void fail_at(const std::string& problem) const;

  std::string_view text_;
  const std::string& path_;
  std::size_t pos_ = 0;
};

void DictParser::parse(Header& header) {
  std::vector<std::string> seen;
  expect('{', "'{' opening the dict");
  while (!consume('}')) {
    parse_entry(header, seen);
    if (!consume(',')) {
      expect('}', "',' or '}'");
      break;
    }
  }
  skip_space();
  if (pos_ != text_.size()) fail_at("unexpected text after the closing '}'");
  for (const char* key : {"descr", "fortran_order", "shape"}) {
    if (std::find(seen.begin(), seen.end(), key) == seen.end()) {
      fail_at(std::string("the key '") + key + "' is missing");
    }
  }
}

void DictParser::parse_entry(Header& header, std::vector<std::string>& seen) {
  const std::string key = parse_string();
  if (std::find(seen.begin(), seen.end(), key) != seen.end()) {
    fail_at("the key '" + key + "' appears twice");
  }
  expect(':', "':' after the key '" + key + "'");
  if (key == "descr") {
    header.descr = parse_descr();
  } else if (key == "fortran_order") {
    header.fortran_order = parse_bool();
  } else if (key == "shape") {
    header.shape = parse_shape();
  } else {
    fail_at("unexpected key '" + key +
            "' (a .npy header has only 'descr', 'fortran_order' and "
            "'shape')");
  }
  seen.push_back(key);
}

std::string DictParser::parse_descr() {
  skip_space();
  if (pos_ < text_.size() && text_[pos_] == '[') {
    fail_at(
        "'descr' is a list of fields (a structured dtype), which is "
        "not supported; save a plain numeric array");
  }
  return parse_string();
}

std::string DictParser::parse_string() {
  skip_space();
  if (pos_ >= text_.size() || (text_[pos_] != '\'' && text_[pos_] != '"')) {
    fail_at("expected a quoted string");
  }
  const char quote = text_[pos_];
  const std::size_t end = text_.find(quote, pos_ + 1);
  if (end == std::string_view::npos) fail_at("unterminated string");
  std::string value(text_.substr(pos_ + 1, end - pos_ - 1));
  if (value.find('\\') != std::string::npos) {
    fail_at("escape sequences in strings are not supported");
  }
  pos_ = end + 1;
  return value;
}

bool DictParser::parse_bool() {
  skip_space();
  for (const bool value : {true, false}) {
    const std::string_view word = value ? "True" : "False";
    if (text_.substr(pos_, word.size()) == word) {
      pos_ += word.size();
      return value;
    }
  }
  fail_at("'fortran_order' must be True or False");
}

std::vector<std::size_t> DictParser::parse_shape() {
  std::vector<std::size_t> shape;
  expect('(', "'(' opening the 'shape' tuple");
  if (consume(')')) return shape;
  while (true) {
    shape.push_back(parse_dimension());
    if (consume(')')) {
      // In Python "(5)" is the integer 5; a 1-tuple is written "(5,)".
      if (shape.size() == 1) fail_at("'shape' must be a tuple, e.g. (5,)");
      return shape;
    }
    expect(',', "',' or ')' in 'shape'");
    if (consume(')')) return shape;
  }
}

std::size_t DictParser::parse_dimension() {
  skip_space();
  const std::size_t start = pos_;
  std::size_t value = 0;
  while (pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '9') {
    const std::size_t digit = static_cast<std::size_t>(text_[pos_] - '0');
    if (value > (std::numeric_limits<std::size_t>::max() - digit) / 10) {
      fail_at("a dimension in 'shape' is too large");
    }
    value = value * 10 + digit;
    ++pos_;
  }
  if (pos_ == start) fail_at("expected a non-negative integer in 'shape'");
  if (pos_ < text_.size() && text_[pos_] == 'L') ++pos_;  // Python 2 long
  return value;
}

void DictParser::skip_space() {
  while (pos_ < text_.size() && std::string_view(" \t\r\n").find(text_[pos_]) !=
                                    std::string_view::npos) {
    ++pos_;
  }
}

bool DictParser::consume(char c) {
  skip_space();
  if (pos_ < text_.size() && text_[pos_] == c) {
    ++pos_;
    return true;
  }
  return false;
}

void DictParser::expect(char c, const std::string& what) {
  if (!consume(c)) fail_at("expected " + what);
}

void DictParser::fail_at(const std::string& problem) const {
  fail(path_, "invalid .npy header at byte " + std::to_string(pos_) +
                  " of the dict: " + problem + " (header: " + printable(text_) +
                  "); the file is corrupt or was not written by numpy.save");
}

// ---------------------------------------------------------------------
// Files, prefix and header

std::ifstream open_input(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) fail(path, "cannot open the file; check that it exists");
  return in;
}

std::uint64_t file_size(const std::string& path) {
  std::error_code error;
  const std::uint64_t size = std::filesystem::file_size(path, error);
  if (error) fail(path, "cannot read the file size: " + error.message());
  return size;
}

struct Prefix {
  int major_version = 1;
  std::size_t header_length = 0;  // bytes of the dict text and padding
  std::size_t size = 0;           // bytes of magic, version and length
};

Prefix read_prefix(std::istream& in, const std::string& path) {
  std::array<char, 12> bytes{};
  in.read(bytes.data(), 8);
  if (in.gcount() < 8 || std::string_view(bytes.data(), 6) != kMagic) {
    fail(path,
         "not a .npy file (it does not start with \"\\x93NUMPY\"); "
         "save the array with numpy.save");
  }
  Prefix prefix;
  prefix.major_version = static_cast<unsigned char>(bytes[6]);
  const int minor = static_cast<unsigned char>(bytes[7]);
  if (prefix.major_version < 1 || prefix.major_version > 3 || minor != 0) {
    fail(path, "unsupported .npy format version " +
                   std::to_string(prefix.major_version) + "." +
                   std::to_string(minor) + "; advad reads 1.0, 2.0 and 3.0");
  }
  const std::size_t length_bytes = prefix.major_version == 1 ? 2 : 4;
  in.read(bytes.data() + 8, static_cast<std::streamsize>(length_bytes));
  if (static_cast<std::size_t>(in.gcount()) < length_bytes) {
    fail(path, "the file ends inside the .npy header; it is truncated");
  }
  for (std::size_t i = length_bytes; i-- > 0;) {  // little-endian length
    prefix.header_length =
        (prefix.header_length << 8) | static_cast<unsigned char>(bytes[8 + i]);
  }
  prefix.size = 8 + length_bytes;
  return prefix;
}

Header read_header_from(std::istream& in, const std::string& path,
                        std::uint64_t size) {
  const Prefix prefix = read_prefix(in, path);
  if (prefix.header_length > kMaxHeaderBytes) {
    fail(path, "the .npy header length field says " +
                   std::to_string(prefix.header_length) +
                   " bytes, over the limit of " +
                   std::to_string(kMaxHeaderBytes) + "; the file is corrupt");
  }
  if (prefix.size + prefix.header_length > size) {
    fail(path, "the file ends inside the .npy header (header length " +
                   std::to_string(prefix.header_length) + ", file size " +
                   std::to_string(size) + "); it is truncated");
  }
  std::string text(prefix.header_length, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  if (static_cast<std::size_t>(in.gcount()) != text.size()) {
    fail(path, "the file ends inside the .npy header; it is truncated");
  }
  Header header;
  DictParser(text, path).parse(header);
  header.major_version = prefix.major_version;
  header.data_offset = prefix.size + prefix.header_length;
  return header;
}

// ---------------------------------------------------------------------
// Dtype and payload size

struct Dtype {
  char kind = 0;         // 'f', 'i', 'u', 'b' or 'U'
  std::size_t size = 0;  // bytes per element
  bool swap = false;     // the byte order differs from this machine's
};

void reject_unsupported_kind(char kind, const std::string& descr,
                             const std::string& path) {
  const std::string dtype = "dtype '" + descr + "' ";
  if (kind == 'O') {
    fail(path, dtype +
                   "contains pickled Python objects, which advad never "
                   "loads; save a numeric array instead, e.g. "
                   "numpy.save(path, array.astype('float32'))");
  }
  if (kind == 'c') {
    fail(path, dtype +
                   "(complex numbers) is not supported; save a "
                   "real-valued array");
  }
  if (kind == 'M' || kind == 'm') {
    fail(path, dtype +
                   "(datetime or timedelta) is not supported; save "
                   "the values as numbers");
  }
  if (kind == 'S' || kind == 'a' || kind == 'V') {
    fail(path, dtype +
                   "(raw bytes or records) is not supported; save a "
                   "numeric array or unicode strings");
  }
  if (std::string_view("fiubU").find(kind) == std::string_view::npos) {
    fail(path, dtype + "is not a valid numpy dtype descriptor");
  }
}

bool supported_size(char kind, std::size_t size) {
  switch (kind) {
    case 'f':
      return size == 2 || size == 4 || size == 8;
    case 'i':
    case 'u':
      return size == 1 || size == 2 || size == 4 || size == 8;
    case 'b':
      return size == 1;
    default:
      return size >= 1 && size <= kMaxStringChars;  // 'U'
  }
}

Dtype parse_dtype(const std::string& descr, const std::string& path) {
  std::string_view rest = descr;
  char order = '=';
  if (!rest.empty() &&
      std::string_view("<>|=").find(rest[0]) != std::string_view::npos) {
    order = rest[0];
    rest.remove_prefix(1);
  }
  if (rest.empty()) fail(path, "dtype '" + descr + "' is invalid");
  Dtype dtype;
  dtype.kind = rest[0];
  reject_unsupported_kind(dtype.kind, descr, path);
  rest.remove_prefix(1);
  std::size_t count = 0;
  const auto result =
      std::from_chars(rest.data(), rest.data() + rest.size(), count);
  if (result.ec != std::errc{} || result.ptr != rest.data() + rest.size() ||
      !supported_size(dtype.kind, count)) {
    fail(path, "dtype '" + descr +
                   "' is not supported; advad reads f2 f4 "
                   "f8 i1 i2 i4 i8 u1 u2 u4 u8 b1 and U<n>");
  }
  dtype.size = dtype.kind == 'U' ? 4 * count : count;
  const bool little = std::endian::native == std::endian::little;
  dtype.swap = (order == '<' && !little) || (order == '>' && little);
  return dtype;
}

bool multiply(std::size_t a, std::size_t b, std::size_t& product) {
  if (b != 0 && a > std::numeric_limits<std::size_t>::max() / b) {
    return false;
  }
  product = a * b;
  return true;
}

// Returns the number of elements after checking that the file size is
// exactly data_offset + count * item size bytes.
std::size_t check_payload(const Header& header, const Dtype& dtype,
                          std::uint64_t size, const std::string& path) {
  std::size_t count = 1;
  std::size_t bytes = 0;
  bool fits = true;
  for (const std::size_t dimension : header.shape) {
    fits = fits && multiply(count, dimension, count);
  }
  fits =
      fits && multiply(count, dtype.size, bytes) &&
      bytes <= std::numeric_limits<std::uint64_t>::max() - header.data_offset;
  const std::string declared = "the header declares shape " +
                               shape_text(header.shape) + " of '" +
                               header.descr + "'";
  if (!fits) fail(path, declared + ", which is too large");
  const std::uint64_t expected = header.data_offset + std::uint64_t{bytes};
  if (size != expected) {
    const std::string problem =
        size < expected ? "the payload is truncated" : "the payload is padded";
    fail(path, problem + ": " + declared + " (" + std::to_string(bytes) +
                   " bytes from offset " + std::to_string(header.data_offset) +
                   ") but the file has " + std::to_string(size) +
                   " bytes; save the array again");
  }
  return count;
}

struct ArrayFile {
  std::ifstream stream;  // positioned at the payload
  Header header;
  Dtype dtype;
  std::size_t count = 0;  // number of elements
};

ArrayFile open_array(const std::string& path) {
  ArrayFile file;
  file.stream = open_input(path);
  const std::uint64_t size = file_size(path);
  file.header = read_header_from(file.stream, path, size);
  file.dtype = parse_dtype(file.header.descr, path);
  file.count = check_payload(file.header, file.dtype, size, path);
  return file;
}

void read_exact(std::istream& in, unsigned char* out, std::size_t size,
                const std::string& path) {
  in.read(reinterpret_cast<char*>(out), static_cast<std::streamsize>(size));
  if (static_cast<std::size_t>(in.gcount()) != size) {
    fail(path,
         "the file ended while reading the payload; it is truncated "
         "or was changed while being read");
  }
}

// ---------------------------------------------------------------------
// Element decoding

template <typename Bits>
Bits load_bits(const unsigned char* bytes, bool swap) {
  std::array<unsigned char, sizeof(Bits)> buffer;
  std::memcpy(buffer.data(), bytes, sizeof(Bits));
  if (swap) std::reverse(buffer.begin(), buffer.end());
  return std::bit_cast<Bits>(buffer);
}

// Converts an IEEE 754 binary16 value, including subnormals, infinities
// and NaN.
float half_to_float(std::uint16_t bits) {
  const bool negative = (bits & 0x8000u) != 0;
  const int exponent = (bits >> 10) & 0x1f;
  const int fraction = bits & 0x3ff;
  float magnitude = 0.0f;
  if (exponent == 0) {  // zero or subnormal: fraction * 2^-24
    magnitude = std::ldexp(static_cast<float>(fraction), -24);
  } else if (exponent == 31) {
    magnitude = fraction == 0 ? std::numeric_limits<float>::infinity()
                              : std::numeric_limits<float>::quiet_NaN();
  } else {  // (1024 + fraction) * 2^(exponent - 15 - 10)
    magnitude = std::ldexp(static_cast<float>(fraction + 1024), exponent - 25);
  }
  return negative ? -magnitude : magnitude;
}

template <typename Bits, typename Out, typename Convert>
void decode_with(const unsigned char* bytes, std::size_t count, bool swap,
                 Out* out, Convert convert) {
  for (std::size_t i = 0; i < count; ++i) {
    out[i] = static_cast<Out>(
        convert(load_bits<Bits>(bytes + i * sizeof(Bits), swap)));
  }
}

template <typename Int, typename Out>
void decode_integers(const unsigned char* bytes, std::size_t count, bool swap,
                     Out* out) {
  using Bits = std::make_unsigned_t<Int>;
  decode_with<Bits>(bytes, count, swap, out, [](Bits bits) {
    return static_cast<Out>(std::bit_cast<Int>(bits));
  });
}

double load_double(const unsigned char* bytes, bool swap) {
  return std::bit_cast<double>(load_bits<std::uint64_t>(bytes, swap));
}

// Returns the index of the first finite value beyond float32 range, or
// kNone. Output in double precision has no such value.
template <typename Out>
std::size_t decode_doubles(const unsigned char* bytes, std::size_t count,
                           bool swap, Out* out) {
  for (std::size_t i = 0; i < count; ++i) {
    const double value = load_double(bytes + i * 8, swap);
    if constexpr (std::is_same_v<Out, float>) {
      if (std::isfinite(value) && std::fabs(value) > FLT_MAX) return i;
    }
    out[i] = static_cast<Out>(value);
  }
  return kNone;
}

template <typename Int8, typename Int16, typename Int32, typename Int64,
          typename Out>
void decode_sized(std::size_t size, const unsigned char* bytes,
                  std::size_t count, bool swap, Out* out) {
  switch (size) {
    case 1:
      return decode_integers<Int8>(bytes, count, swap, out);
    case 2:
      return decode_integers<Int16>(bytes, count, swap, out);
    case 4:
      return decode_integers<Int32>(bytes, count, swap, out);
    default:
      return decode_integers<Int64>(bytes, count, swap, out);
  }
}

// Decodes `count` elements into `out`; returns the index of a value beyond
// float32 range when `Out` is float, or kNone.
template <typename Out>
std::size_t decode_chunk(const Dtype& dtype, const unsigned char* bytes,
                         std::size_t count, Out* out) {
  const bool swap = dtype.swap;
  if (dtype.kind == 'f' && dtype.size == 8) {
    return decode_doubles(bytes, count, swap, out);
  }
  if (dtype.kind == 'f' && dtype.size == 4) {
    decode_with<std::uint32_t>(bytes, count, swap, out, [](std::uint32_t b) {
      return std::bit_cast<float>(b);
    });
  } else if (dtype.kind == 'f') {
    decode_with<std::uint16_t>(bytes, count, swap, out, half_to_float);
  } else if (dtype.kind == 'i') {
    decode_sized<std::int8_t, std::int16_t, std::int32_t, std::int64_t>(
        dtype.size, bytes, count, swap, out);
  } else if (dtype.kind == 'u') {
    decode_sized<std::uint8_t, std::uint16_t, std::uint32_t, std::uint64_t>(
        dtype.size, bytes, count, swap, out);
  } else {
    decode_with<std::uint8_t>(bytes, count, swap, out, [](std::uint8_t b) {
      return b != 0 ? 1.0f : 0.0f;
    });
  }
  return kNone;
}

// ---------------------------------------------------------------------
// Matrix reading

void check_matrix_shape(const Header& header, const std::string& path) {
  const std::vector<std::size_t>& shape = header.shape;
  const std::string array = "the array has shape " + shape_text(shape);
  if (shape.empty()) {
    fail(path, array + " (a scalar); advad reads 1-D and 2-D arrays");
  }
  if (shape.size() > 2) {
    fail(path, array +
                   "; advad reads 1-D and 2-D arrays, so reshape it to "
                   "(rows, channels) before saving");
  }
  if (shape[0] == 0) {
    fail(path, array +
                   ", so it has no rows; save an array with at least "
                   "one row");
  }
  if (shape.size() == 2 && shape[1] == 0) {
    fail(path, array + ", so it has no columns");
  }
}

// Returns the row and column of the element at `index` in file order.
template <typename Out>
std::pair<std::size_t, std::size_t> position(std::size_t index,
                                             bool fortran_order,
                                             const BasicMatrix<Out>& matrix) {
  if (fortran_order) return {index % matrix.rows, index / matrix.rows};
  return {index / matrix.cols, index % matrix.cols};
}

template <typename Out>
[[noreturn]] void fail_out_of_range(double value, std::size_t index,
                                    bool fortran_order,
                                    const BasicMatrix<Out>& matrix,
                                    const std::string& path) {
  const auto [row, col] = position(index, fortran_order, matrix);
  fail(path, "value " + format_double(value) + " at row " +
                 std::to_string(row) + ", column " + std::to_string(col) +
                 " (0-based) is beyond the float32 range (largest "
                 "magnitude 3.40282e+38); rescale the data before saving, "
                 "or read it in double precision (--float64)");
}

template <typename Out>
void place(const Out* values, std::size_t first, std::size_t count,
           bool fortran_order, BasicMatrix<Out>& matrix) {
  if (!fortran_order) {
    std::copy_n(values, count,
                matrix.values.begin() + static_cast<std::ptrdiff_t>(first));
    return;
  }
  for (std::size_t k = 0; k < count; ++k) {
    const auto [row, col] = position(first + k, true, matrix);
    matrix.at(row, col) = values[k];
  }
}

template <typename Out>
void convert_payload(ArrayFile& file, BasicMatrix<Out>& matrix,
                     const std::string& path) {
  const std::size_t item = file.dtype.size;
  const std::size_t per_chunk =
      std::min(file.count, std::max<std::size_t>(1, kChunkBytes / item));
  std::vector<unsigned char> bytes(per_chunk * item);
  std::vector<Out> decoded(per_chunk);
  const bool fortran = file.header.fortran_order;
  for (std::size_t first = 0; first < file.count; first += per_chunk) {
    const std::size_t count = std::min(per_chunk, file.count - first);
    read_exact(file.stream, bytes.data(), count * item, path);
    const std::size_t bad =
        decode_chunk(file.dtype, bytes.data(), count, decoded.data());
    if (bad != kNone) {
      const double value = load_double(bytes.data() + bad * 8, file.dtype.swap);
      fail_out_of_range(value, first + bad, fortran, matrix, path);
    }
    place(decoded.data(), first, count, fortran, matrix);
  }
}

// ---------------------------------------------------------------------
// Unicode

void append_utf8(std::string& out, char32_t code_point) {
  const auto byte = [&out](std::uint32_t value) {
    out.push_back(static_cast<char>(value));
  };
  const auto cp = static_cast<std::uint32_t>(code_point);
  if (cp < 0x80) {
    byte(cp);
  } else if (cp < 0x800) {
    byte(0xc0 | (cp >> 6));
    byte(0x80 | (cp & 0x3f));
  } else if (cp < 0x10000) {
    byte(0xe0 | (cp >> 12));
    byte(0x80 | ((cp >> 6) & 0x3f));
    byte(0x80 | (cp & 0x3f));
  } else {
    byte(0xf0 | (cp >> 18));
    byte(0x80 | ((cp >> 12) & 0x3f));
    byte(0x80 | ((cp >> 6) & 0x3f));
    byte(0x80 | (cp & 0x3f));
  }
}

bool valid_code_point(std::uint32_t cp) {
  return cp <= 0x10ffff && (cp < 0xd800 || cp > 0xdfff);
}

std::string decode_utf32(const unsigned char* bytes, std::size_t chars,
                         bool swap, std::size_t index,
                         const std::string& path) {
  std::size_t end = chars;
  while (end > 0 &&
         load_bits<std::uint32_t>(bytes + (end - 1) * 4, swap) == 0) {
    --end;
  }
  std::string out;
  for (std::size_t i = 0; i < end; ++i) {
    const std::uint32_t cp = load_bits<std::uint32_t>(bytes + i * 4, swap);
    if (!valid_code_point(cp)) {
      fail(path, "string " + std::to_string(index) +
                     " contains the invalid code point " + std::to_string(cp) +
                     "; the file is corrupt");
    }
    append_utf8(out, static_cast<char32_t>(cp));
  }
  return out;
}

// Returns the length of the UTF-8 sequence that starts with `lead`, or 0.
std::size_t utf8_length(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead & 0xe0) == 0xc0) return 2;
  if ((lead & 0xf0) == 0xe0) return 3;
  if ((lead & 0xf8) == 0xf0) return 4;
  return 0;
}

// Decodes one UTF-8 sequence at `pos`; returns false when it is invalid
// (truncated, overlong, a surrogate or beyond U+10FFFF).
bool next_code_point(std::string_view text, std::size_t& pos,
                     std::uint32_t& cp) {
  const auto lead = static_cast<unsigned char>(text[pos]);
  const std::size_t length = utf8_length(lead);
  if (length == 0 || pos + length > text.size()) return false;
  constexpr std::array<std::uint32_t, 5> kLeadMask = {0, 0x7f, 0x1f, 0x0f,
                                                      0x07};
  constexpr std::array<std::uint32_t, 5> kMinimum = {0, 0, 0x80, 0x800,
                                                     0x10000};
  cp = lead & kLeadMask[length];
  for (std::size_t i = 1; i < length; ++i) {
    const auto next = static_cast<unsigned char>(text[pos + i]);
    if ((next & 0xc0) != 0x80) return false;
    cp = (cp << 6) | (next & 0x3f);
  }
  pos += length;
  return cp >= kMinimum[length] && valid_code_point(cp);
}

std::u32string decode_utf8(const std::string& text, std::size_t index,
                           const std::string& path) {
  std::u32string out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::uint32_t cp = 0;
    if (!next_code_point(text, pos, cp)) {
      fail(path, "string " + std::to_string(index) +
                     " is not valid UTF-8; fix the text before writing it");
    }
    out.push_back(static_cast<char32_t>(cp));
  }
  return out;
}

// ---------------------------------------------------------------------
// Writing

void append_little_endian(std::string& out, std::uint64_t value,
                          std::size_t bytes) {
  for (std::size_t i = 0; i < bytes; ++i) {
    out.push_back(static_cast<char>((value >> (8 * i)) & 0xff));
  }
}

// Returns magic, version 1.0, header length and the dict, padded as
// numpy.save pads it.
std::string header_bytes(const std::string& descr,
                         const std::vector<std::size_t>& shape) {
  std::string dict =
      "{'descr': '" + descr +
      "', 'fortran_order': False, 'shape': " + shape_text(shape) + ", }";
  const std::size_t digits = std::to_string(shape[0]).size();
  dict.append(kGrowthAxisDigits - std::min(kGrowthAxisDigits, digits), ' ');
  const std::size_t prefix_size = kMagic.size() + 2 + 2;
  // numpy adds a full 64 bytes of padding when the length is aligned.
  const std::size_t used = prefix_size + dict.size() + 1;
  dict.append(kArrayAlign - used % kArrayAlign, ' ');
  dict.push_back('\n');
  std::string out(kMagic);
  out += std::string{'\x01', '\x00'};
  append_little_endian(out, dict.size(), 2);
  return out + dict;
}

template <typename Bits, typename Value>
void write_values(std::ostream& out, const Value* values, std::size_t count) {
  const std::size_t per_chunk = kChunkBytes / sizeof(Bits);
  std::string buffer;
  for (std::size_t first = 0; first < count; first += per_chunk) {
    buffer.clear();
    const std::size_t end = std::min(count, first + per_chunk);
    for (std::size_t i = first; i < end; ++i) {
      append_little_endian(buffer, std::bit_cast<Bits>(values[i]),
                           sizeof(Bits));
    }
    out.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
  }
}

// Writes through a temporary file beside `path`, then renames it, so that
// readers never see a half-written file.
void write_atomically(const std::string& path,
                      const std::function<void(std::ostream&)>& write_body) {
  const std::string temporary = path + ".tmp";
  std::error_code ignored;
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    if (!out) {
      fail(path, "cannot create '" + temporary +
                     "'; check that the folder exists and is writable");
    }
    write_body(out);
    out.close();
    if (!out) {
      std::filesystem::remove(temporary, ignored);
      fail(path, "writing failed; check the free disk space");
    }
  }
  std::error_code error;
  std::filesystem::rename(temporary, path, error);
  if (error) {
    std::filesystem::remove(temporary, ignored);
    fail(path, "cannot replace the file: " + error.message());
  }
}

void check_size(std::size_t rows, std::size_t cols, std::size_t size) {
  std::size_t product = 0;
  if (!multiply(rows, cols, product) || product != size) {
    throw std::invalid_argument(
        "npy: " + std::to_string(size) + " values do not fill a " +
        std::to_string(rows) + " x " + std::to_string(cols) + " matrix");
  }
}

}  // namespace

Header read_header(const std::string& path) {
  std::ifstream in = open_input(path);
  return read_header_from(in, path, file_size(path));
}

namespace {

template <typename Out>
BasicMatrix<Out> read_any_matrix(const std::string& path) {
  ArrayFile file = open_array(path);
  if (file.dtype.kind == 'U') {
    fail(path, "dtype '" + file.header.descr +
                   "' holds strings, not "
                   "numbers; save a numeric array");
  }
  check_matrix_shape(file.header, path);
  const std::size_t rows = file.header.shape[0];
  const std::size_t cols =
      file.header.shape.size() == 2 ? file.header.shape[1] : 1;
  BasicMatrix<Out> matrix(rows, cols);
  convert_payload(file, matrix, path);
  return matrix;
}

}  // namespace

Matrix read_matrix(const std::string& path) {
  return read_any_matrix<float>(path);
}

Matrix64 read_matrix64(const std::string& path) {
  return read_any_matrix<double>(path);
}

std::vector<std::string> read_strings(const std::string& path) {
  ArrayFile file = open_array(path);
  if (file.dtype.kind != 'U') {
    fail(path, "dtype '" + file.header.descr +
                   "' is not a unicode string dtype such as '<U16'");
  }
  if (file.header.shape.size() != 1) {
    fail(path, "the string array has shape " + shape_text(file.header.shape) +
                   "; expected a 1-D array");
  }
  const std::size_t item = file.dtype.size;
  const std::size_t per_chunk =
      std::min(file.count, std::max<std::size_t>(1, kChunkBytes / item));
  std::vector<unsigned char> bytes(per_chunk * item);
  std::vector<std::string> strings;
  strings.reserve(file.count);
  for (std::size_t first = 0; first < file.count; first += per_chunk) {
    const std::size_t count = std::min(per_chunk, file.count - first);
    read_exact(file.stream, bytes.data(), count * item, path);
    for (std::size_t k = 0; k < count; ++k) {
      strings.push_back(decode_utf32(bytes.data() + k * item, item / 4,
                                     file.dtype.swap, first + k, path));
    }
  }
  return strings;
}

void write_matrix(const std::string& path, const Matrix& matrix) {
  check_size(matrix.rows, matrix.cols, matrix.values.size());
  write_atomically(path, [&](std::ostream& out) {
    out << header_bytes("<f4", {matrix.rows, matrix.cols});
    write_values<std::uint32_t>(out, matrix.values.data(),
                                matrix.values.size());
  });
}

void write_matrix_f64(const std::string& path, std::size_t rows,
                      std::size_t cols, const std::vector<double>& values) {
  check_size(rows, cols, values.size());
  write_atomically(path, [&](std::ostream& out) {
    out << header_bytes("<f8", {rows, cols});
    write_values<std::uint64_t>(out, values.data(), values.size());
  });
}

void write_strings(const std::string& path,
                   const std::vector<std::string>& strings) {
  std::vector<std::u32string> decoded;
  decoded.reserve(strings.size());
  std::size_t width = 1;  // numpy stores empty strings as '<U1'
  for (std::size_t i = 0; i < strings.size(); ++i) {
    decoded.push_back(decode_utf8(strings[i], i, path));
    width = std::max(width, decoded.back().size());
  }
  write_atomically(path, [&](std::ostream& out) {
    out << header_bytes("<U" + std::to_string(width), {strings.size()});
    for (std::u32string& text : decoded) {
      text.resize(width, U'\0');
      write_values<std::uint32_t>(out, text.data(), text.size());
    }
  });
}

}  // namespace advad::npy
