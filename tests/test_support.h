// Helpers shared by the tests: where the shared data lives, temporary
// folders.
#pragma once

#include <filesystem>
#include <string>

namespace advad::testing {

// Folder with the public data sets and edge cases (shared/data beside the
// checkout, or $ADVAD_SHARED_DATA).
std::filesystem::path shared_data_dir();

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
