#include "toolcmp/io.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <ios>

#include <fmt/format.h>

#include "toolcmp/error.h"

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
