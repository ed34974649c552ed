// publish's output directory. Every file is opened relative to the
// directory's descriptor, never following a symbolic link, so a link
// planted inside DIR cannot send a page outside it.
#include "toolcmp/app/site.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include <algorithm>
#include <csignal>
#include <cerrno>
#include <ctime>
#include <cstring>
#include <streambuf>
#include <vector>

#include "toolcmp/base/error.h"
#include "toolcmp/base/io.h"
#include "toolcmp/base/text.h"

namespace toolcmp {

namespace {

constexpr const char* kManifest = ".toolcmp-site";
constexpr std::size_t kMaxManifestBytes = 64u << 20;
constexpr const char* kSubdirs[] = {"tools", "decisions", "compare"};

// FNV-1a over 8-byte words (then the tail byte by byte): the same for the
// same bytes on any run and machine, which the manifest needs, and fast
// enough for every page of a large site.
std::uint64_t hash_step(std::uint64_t hash, std::uint64_t word) { return (hash ^ word) * 1099511628211ull; }

std::uint64_t content_hash(std::string_view text, std::uint64_t hash = 1469598103934665603ull) {
  std::size_t i = 0;
  for (; i + 8 <= text.size(); i += 8) {
    std::uint64_t word = 0;
    for (int b = 7; b >= 0; --b) word = (word << 8) | static_cast<unsigned char>(text[i + static_cast<std::size_t>(b)]);
    hash = hash_step(hash, word);
  }
  for (; i < text.size(); ++i) hash = hash_step(hash, static_cast<unsigned char>(text[i]));
  return hash;
}

bool is_slug_char(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; }

// What publish writes, and so the only names a manifest may list.
bool is_page_path(const std::string& path) {
  if (path == "index.html" || path == "style.css") return true;
  std::size_t slash = path.find('/');
  if (slash == std::string::npos) return false;
  std::string dir = path.substr(0, slash), name = path.substr(slash + 1);
  if (std::find_if(std::begin(kSubdirs), std::end(kSubdirs), [&](const char* d) { return dir == d; }) ==
      std::end(kSubdirs)) {
    return false;
  }
  if (name.size() < 6 || name.size() > 200 || name.compare(name.size() - 5, 5, ".html") != 0) return false;
  return std::all_of(name.begin(), name.end() - 5, is_slug_char) && name[0] != '-';
}

std::uint64_t path_hash(std::string_view path) { return content_hash(path); }

// Calls visit(path, hash) for each line of a manifest, "HASH PATH"; visit
// gets an empty path for a line that is not one, and stops the reading by
// returning false.
bool each_line(std::string_view text, const std::function<bool(const std::string&, std::uint64_t)>& visit) {
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = std::min(text.find('\n', start), text.size());
    std::string_view line = text.substr(start, end - start);
    start = end + 1;
    bool hex = line.size() > 17 && line[16] == ' ' &&
               std::all_of(line.begin(), line.begin() + 16, [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
    std::string path = hex ? std::string(line.substr(17)) : "";
    if (!is_page_path(path)) path.clear();
    if (!visit(path, path.empty() ? 0 : std::stoull(std::string(line.substr(0, 16)), nullptr, 16))) return false;
  }
  return true;
}

std::string shown(const std::string& dir, const std::string& path) { return sanitize_for_terminal(dir + "/" + path); }

void write_all(int fd, std::string_view data, const std::string& what) {
  while (!data.empty()) {
    ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw Error(fmt::format("cannot write '{}': {}", what, std::strerror(errno)));
    data.remove_prefix(static_cast<std::size_t>(n));
  }
}

}  // namespace

// A new file next to the page (".NAME.RANDOM.tmp": no name a user's file
// has), removed unless it takes the page's place, on Ctrl-C too.
class SiteTemp {
 public:
  SiteTemp(int dir, const std::string& dir_path, const std::string& name, const std::string& what)
      : dir_(dir) {
    sigset_t interrupt_only, before;
    sigemptyset(&interrupt_only);
    sigaddset(&interrupt_only, SIGINT);
    ::pthread_sigmask(SIG_BLOCK, &interrupt_only, &before);
    int error = EEXIST;
    for (int attempt = 0; attempt < 16 && fd_ < 0 && error == EEXIST; ++attempt) {
      name_ = fmt::format(".{}.{:016x}.tmp", name, random_word());
      fd_ = ::openat(dir, name_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
      error = errno;
    }
    if (fd_ >= 0) {
      path_ = dir_path + name_;
      interrupt::remove_on_interrupt(path_.c_str());
    }
    ::pthread_sigmask(SIG_SETMASK, &before, nullptr);
    if (fd_ < 0) throw Error(fmt::format("cannot write '{}': {}", what, std::strerror(error)));
  }
  ~SiteTemp() {
    if (fd_ >= 0) ::close(fd_);
    if (!renamed_) ::unlinkat(dir_, name_.c_str(), 0);
    interrupt::remove_on_interrupt(nullptr);
  }
  SiteTemp(const SiteTemp&) = delete;
  SiteTemp& operator=(const SiteTemp&) = delete;
  int fd() const { return fd_; }
  // Closes the file and puts it in name's place; errno on failure.
  bool rename_to(const std::string& name) {
    ::close(fd_);
    fd_ = -1;
    renamed_ = ::renameat(dir_, name_.c_str(), dir_, name.c_str()) == 0;
    return renamed_;
  }

 private:
  static std::uint64_t random_word() {
    std::uint64_t word = 0;
    if (::getrandom(&word, sizeof word, GRND_NONBLOCK) != static_cast<ssize_t>(sizeof word)) {
      word = static_cast<std::uint64_t>(::getpid()) * 0x9E3779B97F4A7C15ull ^ static_cast<std::uint64_t>(::time(nullptr));
    }
    return word;
  }
  int dir_, fd_ = -1;
  bool renamed_ = false;
  std::string name_, path_;
};

std::string slug(std::string_view name) {
  std::string out;
  for (char c : name) {
    char lower = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    if ((lower >= 'a' && lower <= 'z') || (lower >= '0' && lower <= '9')) {
      out += lower;
    } else if (!out.empty() && out.back() != '-') {
      out += '-';
    }
    if (out.size() >= 60) break;
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out;
}

SiteDir::SiteDir(const std::string& dir) : dir_(dir) {
  if (::mkdir(dir.c_str(), 0755) != 0 && errno != EEXIST) {
    throw Error(fmt::format("cannot make '{}': {}", sanitize_for_terminal(dir), std::strerror(errno)));
  }
  fd_ = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd_ < 0) throw Error(fmt::format("cannot open '{}': {}", sanitize_for_terminal(dir), std::strerror(errno)));
  if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
    ::close(fd_);
    throw Error(fmt::format("'{}' is being published by another toolcmp; try again when it is done",
                            sanitize_for_terminal(dir)));
  }
  int manifest = ::openat(fd_, kManifest, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
  if (manifest < 0 && errno == ENOENT) return;
  struct stat st {};
  if (manifest < 0 || ::fstat(manifest, &st) != 0 || !S_ISREG(st.st_mode) ||
      static_cast<std::size_t>(st.st_size) > kMaxManifestBytes) {
    if (manifest >= 0) ::close(manifest);
    ::close(fd_);
    throw Error(fmt::format("'{}' is not a manifest toolcmp wrote (a regular file of at most 64 MiB)",
                            shown(dir, kManifest)));
  }
  std::string& text = before_text_;
  text.assign(static_cast<std::size_t>(st.st_size), '\0');
  ssize_t got = ::read(manifest, text.data(), text.size());
  ::close(manifest);
  text.resize(got < 0 ? 0 : static_cast<std::size_t>(got));
  std::size_t number = 0;
  bool good = each_line(text, [&](const std::string& path, std::uint64_t hash) {
    ++number;
    if (path.empty()) return false;
    before_.emplace_back(path_hash(path), hash);
    return true;
  });
  if (!good) {
    ::close(fd_);
    throw Error(fmt::format("{}:{}: not a line toolcmp wrote; publish lists only its own pages there",
                            shown(dir, kManifest), number));
  }
  std::sort(before_.begin(), before_.end());
}

SiteDir::~SiteDir() {
  for (auto& [name, fd] : subdirs_) ::close(fd);
  if (fd_ >= 0) ::close(fd_);
}

int SiteDir::subdir(const std::string& name) {
  if (name.empty()) return fd_;
  auto it = subdirs_.find(name);
  if (it != subdirs_.end()) return it->second;
  if (::mkdirat(fd_, name.c_str(), 0755) != 0 && errno != EEXIST) {
    throw Error(fmt::format("cannot make '{}': {}", shown(dir_, name), std::strerror(errno)));
  }
  int fd = ::openat(fd_, name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) {
    throw Error(fmt::format("'{}' is {}; publish writes only inside '{}'", shown(dir_, name),
                            errno == ELOOP || errno == ENOTDIR ? "not a directory (a symbolic link?)"
                                                               : std::strerror(errno),
                            sanitize_for_terminal(dir_)));
  }
  subdirs_.emplace(name, fd);
  return fd;
}

std::pair<int, std::string> SiteDir::place(const std::string& path) {
  if (!claimed_.count(path_hash(path))) {
    throw Error(fmt::format("internal error: '{}' was not claimed before it was written", sanitize_for_terminal(path)));
  }
  if (!now_.insert(path_hash(path)).second) {
    throw Error(fmt::format("two pages would be written to '{}'", shown(dir_, path)));
  }
  std::size_t slash = path.find('/');
  int dir = subdir(slash == std::string::npos ? "" : path.substr(0, slash));
  return {dir, slash == std::string::npos ? path : path.substr(slash + 1)};
}

bool SiteDir::unchanged(const std::string& path, int dir, const std::string& name, std::uint64_t hash,
                        std::size_t size) {
  std::optional<std::uint64_t> before = hash_before(path);
  struct stat st {};
  return before == hash && hash != 0 &&
         ::fstatat(dir, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(st.st_mode) &&
         static_cast<std::size_t>(st.st_size) == size;
}

namespace {

// Writes to a descriptor through a buffer, hashing what passes.
class HashingFileBuf : public std::streambuf {
 public:
  HashingFileBuf(int fd, std::string what) : fd_(fd), what_(std::move(what)), buffer_(1 << 16) {
    setp(buffer_.data(), buffer_.data() + buffer_.size());
  }
  int overflow(int c) override {
    flush_buffer();
    if (c != traits_type::eof()) {
      *pptr() = static_cast<char>(c);
      pbump(1);
    }
    return traits_type::not_eof(c);
  }
  int sync() override {
    flush_buffer();
    return 0;
  }
  std::uint64_t hash() const { return hash_; }
  std::size_t size() const { return size_; }

 private:
  void flush_buffer() {
    std::string_view data(pbase(), static_cast<std::size_t>(pptr() - pbase()));
    hash_ = content_hash(data, hash_);  // chunks of whole words but the last: the same as hashing it whole
    size_ += data.size();
    write_all(fd_, data, what_);
    setp(buffer_.data(), buffer_.data() + buffer_.size());
  }
  int fd_;
  std::string what_;
  std::vector<char> buffer_;
  std::uint64_t hash_ = 1469598103934665603ull;
  std::size_t size_ = 0;
};

}  // namespace

void SiteDir::put(const std::string& path, std::string_view content) {
  std::uint64_t hash = content_hash(content);
  auto [dir, name] = place(path);
  manifest_ += fmt::format("{:016x} {}\n", hash, path);
  if (unchanged(path, dir, name, hash, content.size())) {
    ++counts_.unchanged;
    return;
  }
  SiteTemp temp(dir, dir_path(path), name, shown(dir_, path));
  write_all(temp.fd(), content, shown(dir_, path));
  replace(temp, name, path);
}

void SiteDir::put_stream(const std::string& path, const std::function<void(std::ostream&)>& write) {
  auto [dir, name] = place(path);
  SiteTemp temp(dir, dir_path(path), name, shown(dir_, path));
  HashingFileBuf buffer(temp.fd(), shown(dir_, path));
  std::ostream out(&buffer);
  out.exceptions(std::ios::badbit);
  write(out);
  out.flush();
  manifest_ += fmt::format("{:016x} {}\n", buffer.hash(), path);
  if (unchanged(path, dir, name, buffer.hash(), buffer.size())) {
    ++counts_.unchanged;
    return;
  }
  replace(temp, name, path);
}

void SiteDir::replace(SiteTemp& temp, const std::string& name, const std::string& path) {
  if (!temp.rename_to(name)) throw Error(fmt::format("cannot write '{}': {}", shown(dir_, path), std::strerror(errno)));
  ++counts_.written;
}

// "DIR/tools/" for "tools/x.html": where the handler of Ctrl-C finds a temporary file.
std::string SiteDir::dir_path(const std::string& path) const {
  std::size_t slash = path.find('/');
  return dir_ + "/" + (slash == std::string::npos ? "" : path.substr(0, slash + 1));
}

std::optional<std::uint64_t> SiteDir::hash_before(const std::string& path) const {
  auto at = std::lower_bound(before_.begin(), before_.end(), std::make_pair(path_hash(path), std::uint64_t{0}));
  if (at == before_.end() || at->first != path_hash(path)) return std::nullopt;
  return at->second;
}

void SiteDir::claim(const std::vector<std::string>& paths, bool force) {
  std::vector<std::string> conflicts;
  std::string intents;
  for (const std::string& path : paths) {
    if (!is_page_path(path)) throw Error(fmt::format("'{}' is not a page name publish writes", sanitize_for_terminal(path)));
    if (!claimed_.insert(path_hash(path)).second) {
      throw Error(fmt::format("two pages would be written to '{}'", shown(dir_, path)));
    }
    if (hash_before(path)) continue;
    intents += fmt::format("{:016x} {}\n", 0, path);  // a hash no page has: written again next time
    struct stat st {};
    if (::fstatat(fd_, path.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0) conflicts.push_back(path);
  }
  if (!conflicts.empty() && !force) {
    std::string names;
    for (std::size_t i = 0; i < conflicts.size() && i < 5; ++i) names += (i ? ", " : "") + conflicts[i];
    if (conflicts.size() > 5) names += fmt::format(" and {} more", conflicts.size() - 5);
    throw Error(sanitize_for_terminal(fmt::format(
        "publish would replace {} in '{}' that it did not write: {}; move {} away, or give --force to replace {}",
        conflicts.size() == 1 ? "a file" : fmt::format("{} files", conflicts.size()), dir_, names,
        conflicts.size() == 1 ? "it" : "them", conflicts.size() == 1 ? "it" : "them")));
  }
  // The intent list: every page this run may write is in the manifest
  // before it is written, so a run killed midway leaves no page that the
  // next run would not know as its own.
  write_manifest(before_text_ + intents);
}

void SiteDir::write_manifest(const std::string& text) {
  SiteTemp temp(fd_, dir_ + "/", kManifest, shown(dir_, kManifest));
  write_all(temp.fd(), text, shown(dir_, kManifest));
  if (!temp.rename_to(kManifest)) {
    throw Error(fmt::format("cannot write '{}': {}", shown(dir_, kManifest), std::strerror(errno)));
  }
}

SiteCounts SiteDir::finish() {
  each_line(before_text_, [&](const std::string& path, std::uint64_t) {
    if (path.empty() || now_.count(path_hash(path))) return true;
    std::size_t slash = path.find('/');
    int dir = subdir(slash == std::string::npos ? "" : path.substr(0, slash));
    std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
    struct stat st {};
    // Only the file toolcmp wrote: not a directory or a link someone put there since.
    if (::fstatat(dir, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(st.st_mode) &&
        ::unlinkat(dir, name.c_str(), 0) == 0) {
      ++counts_.removed;
    }
    return true;
  });
  write_manifest(manifest_);
  return counts_;
}

}  // namespace toolcmp
