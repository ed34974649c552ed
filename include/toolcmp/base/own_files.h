// Files only this user (or root) could have written: the check ssh makes
// of its keys, and a cache kept in such a file.
//
// UserCache: a small file of lines in the user's own cache directory, for facts that
// save work when they hold and cost only that work when they are lost: the
// PostgreSQL schemas this user's toolcmp has checked. A file that anyone
// but this user (or root) could have written is not read: not the file,
// its directory, or any directory above it (a sticky one such as /tmp
// excepted), as ssh checks its keys; nor a symlink, a FIFO, or a file
// larger than a cache of this kind can be. Nothing here fails a command:
// a cache that cannot be read is empty, one that cannot be written stays
// as it was.
#pragma once

#include <sys/types.h>

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace toolcmp {

// A path's real form (symlinks resolved), or the path itself when it cannot
// be resolved; and the directory a path is in ("/" for "/x").
std::string real_path(const std::string& path);
std::string parent_of(const std::string& path);

// The first of path and the directories above it, up to /, that someone
// other than root or owner could change: one that belongs to another user,
// or that others may write (a sticky directory such as /tmp excepted:
// nobody else can rename what is in it). path is resolved first. A path
// that cannot be examined (lstat fails) is reported too, with its errno.
struct Untrusted {
  std::string at;
  uid_t uid = 0;
  mode_t mode = 0;
  bool foreign_owner = false;  // else writable by others, or errno_value
  int errno_value = 0;
};
std::optional<Untrusted> find_untrusted(const std::string& path, uid_t owner);

class UserCache {
 public:
  static constexpr std::size_t kMaxLines = 64;
  static constexpr std::size_t kMaxBytes = 16 * 1024;

  // The file at path; an empty path is a cache that holds nothing.
  explicit UserCache(std::string path) : path_(std::move(path)) {}
  // $XDG_CACHE_HOME/toolcmp/NAME, else ~/.cache/toolcmp/NAME; none when
  // neither variable is set (or XDG_CACHE_HOME is not absolute and HOME
  // is unset).
  static UserCache named(const std::string& name);

  const std::string& path() const { return path_; }
  // Why a file there is not read, when it is not: "it can be written by
  // other users (mode 666)", "/home/u belongs to user 1001", ...; none
  // when there is no file or it is read.
  std::optional<std::string> refused() const;
  // Whether line is one of the file's lines.
  bool holds(const std::string& line) const;
  // Adds line (newest last, kMaxLines kept): a new file written beside the
  // old one and renamed over it; the directories are made (0700) when
  // missing. A line with a newline in it is not added.
  void add(const std::string& line) const;

 private:
  std::vector<std::string> lines() const;
  std::string path_;
};

}  // namespace toolcmp
