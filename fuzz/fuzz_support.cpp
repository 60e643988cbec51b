#include "fuzz_support.h"

#include <spdlog/spdlog.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace advad::fuzz {

namespace {

namespace fs = std::filesystem;

fs::path& folder() {
  static fs::path path;
  return path;
}

void remove_folder() {
  std::error_code ignored;
  fs::remove_all(folder(), ignored);
}

const fs::path& scratch_folder() {
  if (folder().empty()) {
    std::string pattern =
        (fs::temp_directory_path() / "advad-fuzz-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) {
      std::perror("advad fuzz: cannot create a temporary folder");
      std::abort();
    }
    folder() = pattern;
    std::atexit(remove_folder);
  }
  return folder();
}

}  // namespace

std::string write_input(const std::uint8_t* data, std::size_t size,
                        const std::string& name) {
  const fs::path path = scratch_folder() / name;
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(data),
            static_cast<std::streamsize>(size));
  out.close();
  if (!out) {
    std::fprintf(stderr, "advad fuzz: cannot write %s\n", path.c_str());
    std::abort();
  }
  return path.string();
}

void silence_logging() { spdlog::set_level(spdlog::level::off); }

}  // namespace advad::fuzz
