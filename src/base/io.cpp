#include "toolcmp/base/io.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <ios>

#include <fmt/format.h>

#include "toolcmp/base/error.h"

namespace toolcmp {

FdOutBuf::FdOutBuf(int fd) : fd_(fd) { setp(buffer_, buffer_ + sizeof buffer_); }

FdOutBuf::~FdOutBuf() { drain(); }

bool FdOutBuf::drain() {
  const char* at = pbase();
  while (at < pptr()) {
    ssize_t written = ::write(fd_, at, static_cast<std::size_t>(pptr() - at));
    if (written < 0 && errno == EINTR) continue;
    if (written <= 0) {
      if (error_ == 0) error_ = written < 0 ? errno : EIO;
      setp(buffer_, buffer_ + sizeof buffer_);
      return false;
    }
    at += written;
  }
  setp(buffer_, buffer_ + sizeof buffer_);
  return true;
}

FdOutBuf::int_type FdOutBuf::overflow(int_type c) {
  if (error_ != 0 || !drain()) return traits_type::eof();
  if (!traits_type::eq_int_type(c, traits_type::eof())) {
    *pptr() = traits_type::to_char_type(c);
    pbump(1);
  }
  return traits_type::not_eof(c);
}

std::streamsize FdOutBuf::xsputn(const char* data, std::streamsize size) {
  std::streamsize done = 0;
  while (done < size) {
    if (error_ != 0) return done;
    std::streamsize room = epptr() - pptr();
    if (room == 0) {
      if (!drain()) return done;
      continue;
    }
    std::streamsize chunk = std::min(room, size - done);
    std::memcpy(pptr(), data + done, static_cast<std::size_t>(chunk));
    pbump(static_cast<int>(chunk));
    done += chunk;
  }
  return done;
}

int FdOutBuf::sync() { return error_ == 0 && drain() ? 0 : -1; }

FdInBuf::int_type FdInBuf::underflow() {
  if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
  if (error_ != 0) return traits_type::eof();
  for (;;) {
    ssize_t got = ::read(fd_, buffer_, sizeof buffer_);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) {
      error_ = errno;
      // istream turns an exception from its buffer into badbit.
      throw std::ios_base::failure(std::strerror(error_));
    }
    if (got == 0) return traits_type::eof();
    setg(buffer_, buffer_, buffer_ + got);
    return traits_type::to_int_type(*gptr());
  }
}

std::string stream_failure(const std::ios& stream) {
  int error = 0;
  if (auto* out = dynamic_cast<FdOutBuf*>(stream.rdbuf())) error = out->error();
  if (auto* in = dynamic_cast<FdInBuf*>(stream.rdbuf())) error = in->error();
  return error != 0 ? std::strerror(error) : "the stream failed";
}

bool stream_is_terminal(const std::ios& stream) {
  if (auto* out = dynamic_cast<FdOutBuf*>(stream.rdbuf())) return ::isatty(out->fd()) == 1;
  if (auto* in = dynamic_cast<FdInBuf*>(stream.rdbuf())) return ::isatty(in->fd()) == 1;
  return false;
}

std::string read_bounded(std::istream& in, std::size_t max_bytes, const std::string& what) {
  std::string text;
  char chunk[1 << 16];
  while (in) {
    in.read(chunk, sizeof chunk);
    text.append(chunk, static_cast<std::size_t>(in.gcount()));
    if (text.size() > max_bytes) {
      throw UsageError(fmt::format("{} is longer than {} bytes; the limit is {}", what, max_bytes, max_bytes));
    }
  }
  if (in.bad()) throw Error(fmt::format("cannot read {}: {}", what, stream_failure(in)));
  return text;
}

namespace {

[[noreturn]] void write_failed(const std::string& path, int error) {
  throw Error(fmt::format("cannot write '{}': {}", path, std::strerror(error)));
}

// Writes through fd; fsyncs it when it is a regular file.
void write_to_fd(int fd, const std::string& path, const std::function<void(std::ostream&)>& write, bool sync) {
  FdOutBuf buffer(fd);
  std::ostream out(&buffer);
  write(out);
  out.flush();
  if (!out) write_failed(path, buffer.error() != 0 ? buffer.error() : EIO);
  if (sync && ::fsync(fd) != 0) write_failed(path, errno);
}

// A temporary file that removes itself unless it was renamed into place.
class TempFile {
 public:
  explicit TempFile(const std::string& beside) {
    auto slash = beside.find_last_of('/');
    std::string dir = slash == std::string::npos ? "" : beside.substr(0, slash + 1);
    std::string base = slash == std::string::npos ? beside : beside.substr(slash + 1);
    path_ = dir + "." + base + ".tmp-XXXXXX";
    // Ctrl-C is held back between making the file and naming it to the handler,
    // so that no moment leaves a temporary file nobody will remove.
    sigset_t interrupt_only;
    sigset_t before;
    sigemptyset(&interrupt_only);
    sigaddset(&interrupt_only, SIGINT);
    ::pthread_sigmask(SIG_BLOCK, &interrupt_only, &before);
    fd_ = ::mkstemp(path_.data());
    int error = errno;
    if (fd_ >= 0) interrupt::remove_on_interrupt(path_.c_str());
    ::pthread_sigmask(SIG_SETMASK, &before, nullptr);
    if (fd_ < 0) write_failed(beside, error);
  }
  ~TempFile() {
    if (fd_ >= 0) ::close(fd_);
    if (!renamed_) ::unlink(path_.c_str());
    interrupt::remove_on_interrupt(nullptr);
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  int fd() const { return fd_; }
  void rename_to(const std::string& target) {
    if (::close(fd_) != 0) {
      fd_ = -1;
      write_failed(target, errno);
    }
    fd_ = -1;
    if (::rename(path_.c_str(), target.c_str()) != 0) write_failed(target, errno);
    renamed_ = true;
  }

 private:
  std::string path_;
  int fd_ = -1;
  bool renamed_ = false;
};

void fsync_directory_of(const std::string& path) {
  auto slash = path.find_last_of('/');
  std::string dir = slash == std::string::npos ? "." : slash == 0 ? "/" : path.substr(0, slash);
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

}  // namespace

void write_file_safely(const std::string& path, const std::function<void(std::ostream&)>& write) {
  struct stat st {};
  bool exists = ::lstat(path.c_str(), &st) == 0;
  if (exists && !(S_ISREG(st.st_mode) && st.st_nlink == 1)) {
    int fd = ::open(path.c_str(), O_WRONLY | O_TRUNC | O_CLOEXEC);
    if (fd < 0) write_failed(path, errno);
    struct stat target {};
    bool regular = ::fstat(fd, &target) == 0 && S_ISREG(target.st_mode);
    {
      struct CloseOnThrow {  // a failed write closes the descriptor on its way out
        int& fd;
        ~CloseOnThrow() {
          if (fd >= 0) ::close(fd);
        }
      } guard{fd};
      write_to_fd(fd, path, write, regular);
      int done = fd;
      fd = -1;
      if (::close(done) != 0) write_failed(path, errno);
    }
    return;
  }
  mode_t mode = 0;
  if (exists) {
    mode = st.st_mode & 07777;
  } else {
    mode_t mask = ::umask(0);
    ::umask(mask);
    mode = 0666 & ~mask;
  }
  TempFile temp(path);
  if (::fchmod(temp.fd(), mode) != 0) write_failed(path, errno);
  write_to_fd(temp.fd(), path, write, true);
  temp.rename_to(path);
  fsync_directory_of(path);
}

void start_again_for_publish(int argc, char** argv) {
  if (std::getenv("GLIBC_TUNABLES")) return;
  bool publish = false;
  for (int i = 1; i < argc; ++i) publish = publish || std::strcmp(argv[i], "publish") == 0;
  if (!publish || setenv("GLIBC_TUNABLES", "glibc.malloc.tcache_count=1000", 1) != 0) return;
  execv("/proc/self/exe", argv);
  unsetenv("GLIBC_TUNABLES");
}

void guard_standard_descriptors() {
  for (int fd = 0; fd <= 2; ++fd) {
    if (::fcntl(fd, F_GETFD) != -1 || errno != EBADF) continue;
    int opened = ::open("/dev/null", fd == 0 ? O_WRONLY : O_RDONLY);
    if (opened >= 0 && opened != fd) {
      ::dup2(opened, fd);
      ::close(opened);
    }
  }
}

const char* env(const char* name) {
  const char* value = std::getenv(name);
  return value && *value ? value : nullptr;
}

namespace interrupt {
namespace {

volatile std::sig_atomic_t committed = 0;
char temp_path[4096] = {};

extern "C" void on_interrupt(int) {
  if (committed) return;
  if (temp_path[0] != '\0') ::unlink(temp_path);
  ::_exit(kExitInterrupted);
}

}  // namespace

void install() { std::signal(SIGINT, on_interrupt); }

void remove_on_interrupt(const char* path) {
  temp_path[0] = '\0';
  if (path && std::strlen(path) < sizeof temp_path) {
    std::memcpy(temp_path + 1, path + 1, std::strlen(path));  // the first byte last: never half a path
    std::atomic_signal_fence(std::memory_order_seq_cst);
    temp_path[0] = path[0];
  }
}

void mark_committed() { committed = 1; }

void reset() {
  committed = 0;
  remove_on_interrupt(nullptr);
}

}  // namespace interrupt

}  // namespace toolcmp
