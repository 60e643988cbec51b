#include "advad/model/atomic_file.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <stdexcept>

#include <fcntl.h>
#include <sys/stat.h>
#include <fmt/format.h>
#include <unistd.h>

#include "advad/common/error.h"

namespace advad {

namespace {

namespace fs = std::filesystem;

fs::path folder_of(const std::string& path) {
  fs::path folder = fs::path(path).parent_path();
  return folder.empty() ? fs::path(".") : folder;
}

[[noreturn]] void fail(const std::string& what, const std::string& path) {
  throw std::runtime_error(
      fmt::format("{} {}: {}", what, path, std::strerror(errno)));
}

void write_all(int fd, std::string_view bytes, const std::string& path) {
  while (!bytes.empty()) {
    ssize_t written = ::write(fd, bytes.data(), bytes.size());
    if (written < 0 && errno == EINTR) {
      continue;
    }
    if (written < 0) {
      fail("cannot write", path);
    }
    bytes.remove_prefix(static_cast<std::size_t>(written));
  }
}

// Syncs the folder so that the rename itself survives a crash.
void sync_folder(const fs::path& folder) {
  int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY);
  if (fd < 0) {
    fail("cannot open folder", folder.string());
  }
  int status = ::fsync(fd);
  ::close(fd);
  if (status != 0) {
    fail("cannot sync folder", folder.string());
  }
}

// Writes and syncs the temporary file; removes it and throws on failure.
void write_temporary(int fd, std::string_view bytes,
                     const std::string& temporary) {
  try {
    write_all(fd, bytes, temporary);
    if (::fsync(fd) != 0) {
      fail("cannot sync", temporary);
    }
  } catch (...) {
    ::close(fd);
    ::unlink(temporary.c_str());
    throw;
  }
  if (::close(fd) != 0) {
    ::unlink(temporary.c_str());
    fail("cannot close", temporary);
  }
}

}  // namespace

void check_output_path(const std::string& path) {
  fs::path folder = folder_of(path);
  std::error_code error;
  if (!fs::is_directory(folder, error)) {
    throw InputError(fmt::format(
        "{}: folder '{}' does not exist; create it or choose another path",
        path, folder.string()));
  }
  if (fs::is_directory(path, error)) {
    throw InputError(fmt::format(
        "{} is a folder; give the path of the file to write", path));
  }
}

void write_file_atomically(const std::string& path, std::string_view bytes) {
  check_output_path(path);
  fs::path folder = folder_of(path);
  std::string temporary =
      (folder / ("." + fs::path(path).filename().string() + ".tmp-XXXXXX"))
          .string();
  int fd = ::mkstemp(temporary.data());
  if (fd < 0) {
    fail("cannot create a temporary file in", folder.string());
  }
  // mkstemp() creates the file readable by its owner only; a model or
  // result file is as readable as any other output file.
  ::fchmod(fd, 0644);
  write_temporary(fd, bytes, temporary);
  if (::rename(temporary.c_str(), path.c_str()) != 0) {
    int saved = errno;
    ::unlink(temporary.c_str());
    errno = saved;
    fail("cannot rename the temporary file to", path);
  }
  sync_folder(folder);
}

}  // namespace advad
