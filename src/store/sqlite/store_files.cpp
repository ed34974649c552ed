#include "store/sqlite/store_files.h"

#include <sqlite3.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <fmt/format.h>

#include "toolcmp/base/error.h"

namespace toolcmp {

void refuse_special_file(const std::string& path) {
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0) return;
  if (S_ISLNK(st.st_mode)) {
    throw UsageError(fmt::format("'{}' is a symbolic link; toolcmp opens only the database file itself, because its "
                                 "log and lock files must sit beside the real file. Give --db the real path",
                                 path));
  }
  if (S_ISREG(st.st_mode)) return;
  const char* kind = S_ISFIFO(st.st_mode)  ? "a FIFO"
                     : S_ISCHR(st.st_mode) ? "a character device"
                     : S_ISBLK(st.st_mode) ? "a block device"
                     : S_ISSOCK(st.st_mode) ? "a socket"
                                            : "not a regular file";
  throw UsageError(fmt::format("'{}' is {}; the database must be a regular file", path, kind));
}

std::unique_ptr<sql::Database> open_for_reading(const std::string& path) {
  std::string dir = path.find('/') == std::string::npos ? "." : path.substr(0, path.find_last_of('/'));
  if (dir.empty()) dir = "/";
  struct stat st {};
  bool foreign = ::stat(path.c_str(), &st) == 0 && st.st_uid != ::geteuid();
  bool has_wal = ::access((path + "-wal").c_str(), F_OK) == 0;
  if (has_wal || (!foreign && ::access(dir.c_str(), W_OK) == 0)) {
    return std::make_unique<sql::Database>(path, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOFOLLOW);
  }
  std::string uri = "file:";
  for (char c : path) {
    if (c == '%' || c == '?' || c == '#' || static_cast<unsigned char>(c) < 0x21 || static_cast<unsigned char>(c) >= 0x7f) {
      uri += fmt::format("%{:02X}", static_cast<unsigned char>(c));
    } else {
      uri += c;
    }
  }
  uri += "?immutable=1";
  return std::make_unique<sql::Database>(uri, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOFOLLOW | SQLITE_OPEN_URI);
}

bool file_exists(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0;
}

bool is_directory(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

void make_parent_directories(const std::string& path, std::vector<std::string>* made) {
  std::string::size_type slash = path.find_last_of('/');
  if (slash == std::string::npos || slash == 0) return;
  std::string dir = path.substr(0, slash);
  if (file_exists(dir)) return;
  make_parent_directories(dir, made);
  if (::mkdir(dir.c_str(), 0700) == 0) {
    if (made) made->push_back(dir);
  } else if (errno != EEXIST) {
    throw Error(fmt::format("cannot create directory '{}' for the database: {}", dir, std::strerror(errno)));
  }
}


WriterPresence::WriterPresence(const std::string& path) {
  // The lock must be on the file the path names once it is held: a file
  // taken back while this waited is let go, and the one there now tried.
  for (int attempt = 0; attempt < 100; ++attempt) {
    fd_ = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC);
    if (fd_ < 0) return;
    struct stat held {}, named {};
    if (::fstat(fd_, &held) != 0 || !S_ISREG(held.st_mode)) break;
    while (::flock(fd_, LOCK_SH) != 0 && errno == EINTR) {
    }
    if (::stat(path.c_str(), &named) == 0 && named.st_dev == held.st_dev && named.st_ino == held.st_ino) return;
    ::close(fd_);
    fd_ = -1;
  }
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

WriterPresence::~WriterPresence() {
  if (fd_ >= 0) ::close(fd_);
}

bool WriterPresence::alone() { return fd_ >= 0 && ::flock(fd_, LOCK_EX | LOCK_NB) == 0; }

NewDatabaseFile::NewDatabaseFile(const std::string& path, bool create_directories) : path_(path) {
  std::string::size_type slash = path.find_last_of('/');
  std::string dir = slash == std::string::npos ? "." : slash == 0 ? "/" : path.substr(0, slash);
  if (create_directories) {
    make_parent_directories(path, &directories_);
  } else if (!is_directory(dir)) {
    throw Error(fmt::format("cannot create database '{}': directory '{}' does not exist", path, dir));
  }
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    if (errno == EEXIST) return;  // another toolcmp made it first: theirs to keep
    int error = errno;
    take_back();
    throw Error(fmt::format("cannot create database '{}': {}", path, std::strerror(error)));
  }
  struct stat st {};
  if (::fstat(fd, &st) == 0) {
    device_ = st.st_dev;
    inode_ = st.st_ino;
    made_ = true;
  }
  ::close(fd);
}

NewDatabaseFile::~NewDatabaseFile() {
  if (!kept_) take_back();
}

void NewDatabaseFile::take_back() {
  struct stat st {};
  if (made_ && ::stat(path_.c_str(), &st) == 0 && st.st_dev == device_ && st.st_ino == inode_) {
    for (const char* suffix : {"-wal", "-shm", "-journal"}) ::unlink((path_ + suffix).c_str());
    ::unlink(path_.c_str());
  }
  made_ = false;
  kept_ = true;
  for (auto dir = directories_.rbegin(); dir != directories_.rend(); ++dir) ::rmdir(dir->c_str());
}

}  // namespace toolcmp
