// Helpers shared by the tests: where the shared data lives, temporary
// folders.
#pragma once

#include <filesystem>
#include <string>

#include <gtest/gtest.h>

namespace advad::testing {

// Folder with the public data sets and edge cases (shared/data beside the
// checkout, or $ADVAD_SHARED_DATA).
std::filesystem::path shared_data_dir();

// Skips the current test when the shared data folder is absent, as in a
// checkout without shared/data beside it and no ADVAD_SHARED_DATA.
#define ADVAD_SKIP_WITHOUT_SHARED_DATA()                                  \
  if (!std::filesystem::is_directory(::advad::testing::shared_data_dir())) \
  GTEST_SKIP() << "shared data not found at "                             \
               << ::advad::testing::shared_data_dir()                     \
               << "; set ADVAD_SHARED_DATA to its folder"

// A fresh empty folder under the system temporary folder, removed when the
// object goes out of scope.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::string file(const std::string& name) const;

 private:
  std::filesystem::path path_;
};

}  // namespace advad::testing
