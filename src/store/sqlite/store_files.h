// The database's files on disk, before SQLite sees them: what may be
// opened, how another user's file is read, and a new file taken back
// when nothing was written to it. Private to src/store*.cpp.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "store/sqlite/sqlite.h"

namespace toolcmp {

// A FIFO would hang every read, a device would take a journal beside it:
// only a regular file (or nothing yet) is a database (UsageError). A
// symbolic link is refused too: SQLite would put the log and lock files
// beside the link.
void refuse_special_file(const std::string& path);

// Another user's database, or one in a directory this user cannot write,
// is read as immutable: SQLite then needs no -shm file, so it neither
// fails for want of one nor leaves one owned by the reader. Only while no
// -wal file exists, that is while no writer has uncommitted-to-file
// changes; otherwise the log is read as usual.
std::unique_ptr<sql::Database> open_for_reading(const std::string& path);

bool file_exists(const std::string& path);
bool is_directory(const std::string& path);

// mkdir -p, giving each directory it creates mode 0700; those it made are
// added to made.
void make_parent_directories(const std::string& path, std::vector<std::string>* made = nullptr);

// Every toolcmp that opens a database file to write holds a shared
// flock on it for as long as it has it open (flock is apart from SQLite's
// own fcntl locks). A writer taking back a file it made (NewDatabaseFile)
// does so only if it gets the lock exclusively: then no other toolcmp has
// the file open, and one that opens it meanwhile waits, then finds the
// path gone at its commit and fails rather than report a lost write.
class WriterPresence {
 public:
  explicit WriterPresence(const std::string& path);  // blocks while a take-back holds it
  ~WriterPresence();
  WriterPresence(const WriterPresence&) = delete;
  WriterPresence& operator=(const WriterPresence&) = delete;
  bool alone();  // the shared lock made exclusive, if no other writer holds it

 private:
  int fd_ = -1;
};

// A database file made for a write (mode 0600, with its directories when
// asked). Unless kept, it is taken back when this goes away: a command
// that fails, or commits nothing, leaves no file, log or directory behind
// (a failed review naming an unknown tool, a write under ulimit -f 0).
// Only the file this made is removed: if another toolcmp made the file
// first, or it was replaced since, it is left alone.
class NewDatabaseFile {
 public:
  NewDatabaseFile(const std::string& path, bool create_directories);
  ~NewDatabaseFile();
  NewDatabaseFile(const NewDatabaseFile&) = delete;
  NewDatabaseFile& operator=(const NewDatabaseFile&) = delete;
  void keep() { kept_ = true; }
  void take_back();  // now, while the caller holds the write lock
  bool made() const { return made_; }
  bool kept() const { return kept_; }

 private:

  std::string path_;
  std::vector<std::string> directories_;
  unsigned long long device_ = 0, inode_ = 0;
  bool made_ = false, kept_ = false;
};

}  // namespace toolcmp
