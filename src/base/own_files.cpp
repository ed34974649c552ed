#include "toolcmp/base/own_files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>

#include <fmt/format.h>

#include "toolcmp/base/io.h"

namespace toolcmp {

std::string real_path(const std::string& path) {
  char* resolved = ::realpath(path.c_str(), nullptr);
  if (!resolved) return path;
  std::string out(resolved);
  std::free(resolved);
  return out;
}

std::string parent_of(const std::string& path) {
  std::size_t slash = path.rfind('/');
  return slash == 0 || slash == std::string::npos ? "/" : path.substr(0, slash);
}

std::optional<Untrusted> find_untrusted(const std::string& path, uid_t owner) {
  for (std::string at = real_path(path);; at = parent_of(at)) {
    struct stat st {};
    if (::lstat(at.c_str(), &st) != 0) return Untrusted{at, 0, 0, false, errno};
    bool sticky_dir = S_ISDIR(st.st_mode) && (st.st_mode & S_ISVTX) != 0;
    mode_t mode = st.st_mode & 07777;
    if (st.st_uid != 0 && st.st_uid != owner) return Untrusted{at, st.st_uid, mode, true, 0};
    if ((st.st_mode & (S_IWGRP | S_IWOTH)) != 0 && !sticky_dir) return Untrusted{at, st.st_uid, mode, false, 0};
    if (at == "/") return std::nullopt;
  }
}

namespace {

// Why the directory, or one above it, could hold what another user wrote.
std::optional<std::string> directory_refusal(const std::string& dir) {
  std::optional<Untrusted> found = find_untrusted(dir, ::geteuid());
  if (!found) return std::nullopt;
  if (found->errno_value != 0) return fmt::format("{}: {}", found->at, std::strerror(found->errno_value));
  if (found->foreign_owner) return fmt::format("{} belongs to user {}", found->at, found->uid);
  return fmt::format("{} can be written by other users (mode {:o})", found->at, found->mode);
}

// Why the file itself is not one this user's toolcmp wrote.
std::optional<std::string> file_refusal(const struct stat& st) {
  if (S_ISLNK(st.st_mode)) return std::string("it is a symbolic link");
  if (!S_ISREG(st.st_mode)) return std::string("it is not a regular file");
  if (st.st_uid != ::geteuid()) return fmt::format("it belongs to user {}", st.st_uid);
  if ((st.st_mode & (S_IWGRP | S_IWOTH)) != 0) {
    return fmt::format("it can be written by other users (mode {:o})", st.st_mode & 07777);
  }
  if (static_cast<std::size_t>(st.st_size) > UserCache::kMaxBytes) {
    return fmt::format("it is larger than a cache of {} bytes", UserCache::kMaxBytes);
  }
  return std::nullopt;
}

void make_directory(const std::string& dir) {
  if (::mkdir(dir.c_str(), 0700) != 0 && errno == ENOENT) {
    make_directory(parent_of(dir));
    ::mkdir(dir.c_str(), 0700);
  }
}

}  // namespace

UserCache UserCache::named(const std::string& name) {
  const char* xdg = env("XDG_CACHE_HOME");
  if (xdg && xdg[0] == '/') return UserCache(std::string(xdg) + "/toolcmp/" + name);
  const char* home = env("HOME");
  if (home && home[0] == '/') return UserCache(std::string(home) + "/.cache/toolcmp/" + name);
  return UserCache("");
}

std::optional<std::string> UserCache::refused() const {
  struct stat st {};
  if (path_.empty() || ::lstat(path_.c_str(), &st) != 0) return std::nullopt;
  if (std::optional<std::string> why = directory_refusal(parent_of(path_))) return why;
  return file_refusal(st);
}

std::vector<std::string> UserCache::lines() const {
  std::vector<std::string> out;
  if (path_.empty() || directory_refusal(parent_of(path_))) return out;
  int fd = ::open(path_.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) return out;
  struct stat st {};
  std::string text;
  bool own = ::fstat(fd, &st) == 0 && !file_refusal(st);
  if (own) {
    text.resize(kMaxBytes + 1);
    std::size_t got = 0;
    ssize_t n = 0;
    while (got < text.size() && (n = ::read(fd, &text[got], text.size() - got)) != 0) {
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) break;
      got += static_cast<std::size_t>(n);
    }
    own = n >= 0 && got <= kMaxBytes;
    text.resize(got);
  }
  ::close(fd);
  if (!own) return out;
  for (std::size_t start = 0, end; start < text.size(); start = end + 1) {
    end = text.find('\n', start);
    if (end == std::string::npos) break;  // a last line cut short is not a line
    out.push_back(text.substr(start, end - start));
  }
  return out;
}

bool UserCache::holds(const std::string& line) const {
  std::vector<std::string> all = lines();
  return std::find(all.begin(), all.end(), line) != all.end();
}

void UserCache::add(const std::string& line) const {
  if (path_.empty() || line.find('\n') != std::string::npos || line.size() >= kMaxBytes / kMaxLines) return;
  std::string dir = parent_of(path_);
  make_directory(dir);
  if (directory_refusal(dir)) return;
  // Only a file of this user's, as lines() reads it, is replaced: anything
  // else there (a FIFO, a link, a file others may write) is left alone.
  struct stat st {};
  if (::lstat(path_.c_str(), &st) == 0 && (file_refusal(st) || st.st_nlink != 1)) return;
  std::vector<std::string> all = lines();
  all.erase(std::remove(all.begin(), all.end(), line), all.end());
  all.push_back(line);
  std::size_t from = all.size() > kMaxLines ? all.size() - kMaxLines : 0;
  // A new file is made 0600 first: write_file_safely keeps an existing
  // file's mode, where it would give a new one the umask's (0664 under
  // umask 002, which lines() would then refuse).
  int made = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (made >= 0) ::close(made);
  try {
    write_file_safely(path_, [&](std::ostream& out) {
      for (std::size_t i = from; i < all.size(); ++i) out << all[i] << '\n';
    });
  } catch (const std::exception&) {
    // A cache that cannot be written stays as it was: the next command checks again.
  }
}

}  // namespace toolcmp
