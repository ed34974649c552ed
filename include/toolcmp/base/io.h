// The process's standard streams over their file descriptors, remembering
// why a read or write failed, and what a signal must clean up.
#pragma once

#include <cstddef>
#include <functional>
#include <istream>
#include <ostream>
#include <streambuf>
#include <string>

namespace toolcmp {

// An environment variable's value, or nullptr when unset or empty (an
// empty NO_COLOR or TOOLCMP_DB counts as unset).
const char* env(const char* name);

// An output buffer over a file descriptor. A failed write sets the
// stream's badbit and keeps errno, so the error can name its cause.
class FdOutBuf : public std::streambuf {
 public:
  explicit FdOutBuf(int fd);
  ~FdOutBuf() override;
  int error() const { return error_; }
  int fd() const { return fd_; }

 protected:
  int_type overflow(int_type c) override;
  std::streamsize xsputn(const char* data, std::streamsize size) override;
  int sync() override;

 private:
  bool drain();
  int fd_;
  int error_ = 0;
  char buffer_[1 << 16];
};

// An input buffer over a file descriptor: a failed read (a closed stdin)
// sets the stream's badbit and keeps errno.
class FdInBuf : public std::streambuf {
 public:
  explicit FdInBuf(int fd) : fd_(fd) {}
  int error() const { return error_; }
  int fd() const { return fd_; }

 protected:
  int_type underflow() override;

 private:
  int fd_;
  int error_ = 0;
  char buffer_[1 << 16];
};

// Why a stream failed: strerror of the errno an Fd*Buf kept, else a
// generic phrase.
std::string stream_failure(const std::ios& stream);

// Whether the stream writes to or reads from a terminal (false for a
// string stream).
bool stream_is_terminal(const std::ios& stream);

// Reads all of in, but at most max_bytes: one byte more is an Error naming
// what. A stream that fails (stdin closed) is an Error too.
std::string read_bounded(std::istream& in, std::size_t max_bytes, const std::string& what);

// Writes a file the way a backup must be written. A regular file (or a
// new one) gets a temporary file beside it, fsynced, renamed into place
// with the old file's mode, the directory fsynced; on any failure or
// Ctrl-C the temporary file is removed and the old file stays whole.
// Anything else (a symlink, a file with other hard links, a FIFO, a
// device, /proc/self/fd/N) is opened and written directly, never replaced.
void write_file_safely(const std::string& path, const std::function<void(std::ostream&)>& write);

// Opens /dev/null on any of descriptors 0, 1 and 2 that is closed, so that
// no file the program opens takes their place; opened the wrong way round
// (stdout read-only, stdin write-only), so that using them fails as a
// closed descriptor would.
void guard_standard_descriptors();

// publish writes thousands of pages, each built from many small strings
// freed together; glibc's per-thread cache keeps 7 chunks of a size and
// sends the rest through its free lists, about a seventh of publish's cpu.
// That cache's size can only be set in the environment before a process
// starts, so a command line that names publish starts itself again, once,
// with a cache of 1,000 a size (8% less time on the medium panel). A
// GLIBC_TUNABLES the user set is left alone; where the binary cannot be
// run again (no /proc), it goes on as it is. First thing in main.
void start_again_for_publish(int argc, char** argv);

// Ctrl-C: exit 130 at once, removing the registered temporary file;
// once a write has committed, the signal is ignored so that the exit code
// cannot say "rolled back" (see main.cpp).
namespace interrupt {
void install();
void remove_on_interrupt(const char* path);  // nullptr: nothing to remove
void mark_committed();
void reset();  // at the start of each run (tests run many in one process)
}  // namespace interrupt

}  // namespace toolcmp
