#include "advad/model/model_file.h"

#include <filesystem>
#include <fstream>
#include <string>

#include <gtest/gtest.h>

#include "advad/model/atomic_file.h"
#include "advad/model/sha256.h"
#include "advad/model_error.h"
#include "test_support.h"

namespace advad {
namespace {

using Kind = ModelFileError::Kind;

ModelFileContents sample_contents() {
  return {{{"schema", {{"window", 5}}}, {"note", "hello"}},
          std::string("\x00\x01weights\xff", 10)};
}

// Returns the error that decoding `bytes` throws; fails the test when
// decoding succeeds.
ModelFileError decode_error(const std::string& bytes) {
  try {
    decode_model_file(bytes, "m.advad");
  } catch (const ModelFileError& error) {
    return error;
  }
  ADD_FAILURE() << "decoding succeeded";
  return ModelFileError(Kind::kInvalidContent, "");
}

std::string message_of(const ModelFileError& error) { return error.what(); }

TEST(ModelFile, RoundTrip) {
  std::string bytes = encode_model_file(sample_contents());
  ModelFileContents decoded = decode_model_file(bytes, "m.advad");
  EXPECT_EQ(decoded.metadata, sample_contents().metadata);
  EXPECT_EQ(decoded.weights, sample_contents().weights);
}

TEST(ModelFile, HeaderLayout) {
  std::string bytes = encode_model_file(sample_contents());
  std::string metadata = sample_contents().metadata.dump();
  // Signature, version 1 as 4 bytes little-endian, metadata size as 8.
  EXPECT_EQ(bytes.substr(0, 8), "ADVADMDL");
  EXPECT_EQ(bytes.substr(8, 4), std::string("\x01\x00\x00\x00", 4));
  EXPECT_EQ(static_cast<unsigned char>(bytes[12]), metadata.size());
  // 20 header bytes, metadata, 8 size bytes, 10 weight bytes, 32 checksum.
  EXPECT_EQ(bytes.size(), 20 + metadata.size() + 8 + 10 + 32);
}

TEST(ModelFile, FlippedByteIsCorrupt) {
  std::string bytes = encode_model_file(sample_contents());
  bytes[25] ^= 0x20;  // inside the metadata
  ModelFileError error = decode_error(bytes);
  EXPECT_EQ(error.kind(), Kind::kCorrupt);
  EXPECT_NE(message_of(error).find("corrupt"), std::string::npos);
  EXPECT_NE(message_of(error).find("checksum"), std::string::npos);
  EXPECT_NE(message_of(error).find("m.advad"), std::string::npos);
}

TEST(ModelFile, FlippedWeightByteIsCorrupt) {
  std::string bytes = encode_model_file(sample_contents());
  bytes[bytes.size() - 35] ^= 0x01;  // last weight byte
  EXPECT_EQ(decode_error(bytes).kind(), Kind::kCorrupt);
}

TEST(ModelFile, TrailingBytesAreCorrupt) {
  std::string bytes = encode_model_file(sample_contents()) + "extra";
  ModelFileError error = decode_error(bytes);
  EXPECT_EQ(error.kind(), Kind::kCorrupt);
  EXPECT_NE(message_of(error).find("5 bytes follow"), std::string::npos);
}

TEST(ModelFile, CutChecksumIsTruncated) {
  std::string bytes = encode_model_file(sample_contents());
  bytes.resize(bytes.size() - 10);
  ModelFileError error = decode_error(bytes);
  EXPECT_EQ(error.kind(), Kind::kTruncated);
  EXPECT_NE(message_of(error).find("truncated"), std::string::npos);
}

TEST(ModelFile, CutMetadataIsTruncated) {
  std::string bytes = encode_model_file(sample_contents()).substr(0, 24);
  ModelFileError error = decode_error(bytes);
  EXPECT_EQ(error.kind(), Kind::kTruncated);
  EXPECT_NE(message_of(error).find("24 bytes"), std::string::npos);
}

TEST(ModelFile, CutSignatureIsTruncated) {
  EXPECT_EQ(decode_error("ADVA").kind(), Kind::kTruncated);
}

TEST(ModelFile, EmptyIsTruncated) {
  EXPECT_EQ(decode_error("").kind(), Kind::kTruncated);
}

TEST(ModelFile, HugeSizeFieldIsTruncated) {
  std::string bytes = encode_model_file(sample_contents());
  for (int i = 12; i < 20; ++i) {
    bytes[i] = '\xff';  // metadata size 2^64 - 1
  }
  EXPECT_EQ(decode_error(bytes).kind(), Kind::kTruncated);
}

TEST(ModelFile, OtherVersionRejected) {
  std::string bytes = encode_model_file(sample_contents());
  bytes[8] = 2;
  ModelFileError error = decode_error(bytes);
  EXPECT_EQ(error.kind(), Kind::kUnsupportedVersion);
  EXPECT_NE(message_of(error).find("version 2"), std::string::npos);
  EXPECT_NE(message_of(error).find("reads version 1"), std::string::npos);
}

TEST(ModelFile, CsvIsNotModel) {
  ModelFileError error = decode_error("a,b,c\n1,2,3\n");
  EXPECT_EQ(error.kind(), Kind::kNotModel);
  EXPECT_NE(message_of(error).find("not an advad model file"),
            std::string::npos);
}

TEST(ModelFile, InvalidJsonWithValidChecksum) {
  // Breaks the JSON and writes a matching checksum, as a faulty writer
  // would.
  std::string bytes = encode_model_file(sample_contents());
  std::string body = bytes.substr(0, bytes.size() - 32);
  body[20] = 'x';
  Sha256Digest checksum = sha256(body);
  bytes = body + std::string(checksum.begin(), checksum.end());
  ModelFileError error = decode_error(bytes);
  EXPECT_EQ(error.kind(), Kind::kInvalidContent);
  EXPECT_NE(message_of(error).find("not valid JSON"), std::string::npos);
}

TEST(ModelFile, MissingFileUnreadable) {
  try {
    read_model_file("/nonexistent/model.advad");
    FAIL() << "reading succeeded";
  } catch (const ModelFileError& error) {
    EXPECT_EQ(error.kind(), Kind::kUnreadable);
    EXPECT_NE(std::string(error.what()).find("/nonexistent/model.advad"),
              std::string::npos);
  }
}

TEST(ModelFile, ErrorsAreInputErrors) {
  EXPECT_THROW(decode_model_file("plain text", "x"), InputError);
}

TEST(ModelFile, WriteThenRead) {
  testing::TempDir folder;
  std::string path = folder.file("m.advad");
  write_model_file(path, sample_contents());
  ModelFileContents read = read_model_file(path);
  EXPECT_EQ(read.weights, sample_contents().weights);
}

TEST(AtomicFile, LeavesNoTemporaryFile) {
  testing::TempDir folder;
  std::string path = folder.file("out.bin");
  write_file_atomically(path, "first");
  write_file_atomically(path, "second");
  std::size_t files = 0;
  for (const auto& entry :
       std::filesystem::directory_iterator(folder.path())) {
    (void)entry;
    ++files;
  }
  EXPECT_EQ(files, 1U);
  std::ifstream file(path);
  std::string content;
  file >> content;
  EXPECT_EQ(content, "second");
}

TEST(AtomicFile, MissingFolderIsInputError) {
  EXPECT_THROW(write_file_atomically("/nonexistent/folder/out.bin", "x"),
               InputError);
}

}  // namespace
}  // namespace advad
