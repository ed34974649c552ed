#include "toolcmp/app/import_input.h"

#include <fcntl.h>
#include <malloc.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string_view>

#include <fmt/format.h>

#include "toolcmp/base/error.h"

namespace toolcmp {

ImportInput::ImportInput(const std::string& path) {
  if (path == "-") {
    source_ = std::make_unique<ByteSource>(STDIN_FILENO, "stdin");
    read_utf16_as_utf8("stdin");
    return;
  }
  fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd_ < 0) throw RecordError(fmt::format("cannot read '{}': {}", path, std::strerror(errno)));
  struct stat st {};
  if (::fstat(fd_, &st) == 0 && S_ISDIR(st.st_mode)) {
    ::close(fd_);
    fd_ = -1;
    throw RecordError(fmt::format("cannot read '{}': it is a directory", path));
  }
  source_ = std::make_unique<ByteSource>(fd_, path);
  read_utf16_as_utf8(path);
}

ImportInput::~ImportInput() {
  if (utf8_) std::fclose(utf8_);
  if (fd_ >= 0) ::close(fd_);
}

void ImportInput::read_utf16_as_utf8(const std::string& name) {
  if (!starts_with_utf16_bom(*source_)) return;
  try {
    utf8_ = utf16_to_utf8_file(*source_);
  } catch (const Error& e) {
    throw RecordError(e.what());
  }
  source_ = std::make_unique<ByteSource>(::fileno(utf8_), name);
}

namespace {

bool is_regular_file(const std::string& path) {
  struct stat st {};
  return path != "-" && ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

}  // namespace

PlannedInput plan_input(const std::string& path, const std::optional<ImportFormat>& format) {
  PlannedInput plan{path, std::nullopt, "", nullptr, std::nullopt};
  try {
    auto input = std::make_unique<ImportInput>(path);
    std::string_view first = input->source().peek(4096);
    if (first.find_first_not_of(" \t\r\n") == std::string_view::npos) return plan;  // empty: nothing to import
    if (format) {
      plan.format = *format;
    } else {
      DetectedFormat detected = detect_format(path == "-" ? "" : path, first);
      plan.format = detected.format;
      if (detected.from_name) plan.how = std::move(detected.how);
    }
    if (!is_regular_file(path)) plan.open = std::move(input);
  } catch (const RecordError& e) {
    plan.error = e;
  }
  return plan;
}

RecordError with_format_hint(const RecordError& e, const PlannedInput& plan) {
  if (plan.how.empty()) return e;
  return RecordError(fmt::format("{}\n(read as {} because {}; if it is not, give --format before it)", e.what(),
                                 format_name(*plan.format), plan.how));
}

void keep_heap_top() {
  // The heap grows kReserve at a time, never given back below that, and
  // is asked for in 2 MiB pages (transparent huge pages; the kernel's
  // "madvise" mode, Debian's default, gives them only where asked, as
  // glibc's own glibc.malloc.hugetlb=1 would). A re-import on a server
  // holds every tool's reviews (120 MB for 100,000): touched 4 KiB at a
  // time they had cost 28,000 page faults, a quarter of its time.
  constexpr std::size_t kReserve = 256 << 20, kHugePage = 2 << 20;
  ::mallopt(M_TRIM_THRESHOLD, 2 * kReserve);
  ::mallopt(M_TOP_PAD, kReserve);
  ::mallopt(M_MMAP_THRESHOLD, 32 << 20);  // what glibc's own threshold grows to: from the heap
  // Grown now, by a block larger than what is left at its top, so that
  // the reserve starts here and is advised as a whole.
  void* start = ::sbrk(0);
  void* volatile probe = std::malloc(::mallinfo2().keepcost + (64 << 10));  // volatile: not optimised away
  void* end = ::sbrk(0);
  std::free(probe);
  auto before = reinterpret_cast<std::uintptr_t>(start), after = reinterpret_cast<std::uintptr_t>(end);
  std::uintptr_t from = (before + kHugePage - 1) & ~(kHugePage - 1), to = after & ~(kHugePage - 1);
  // Under a sanitizer or valgrind, whose malloc is not glibc's, the break
  // does not move: nothing to advise.
  if (start != reinterpret_cast<void*>(-1) && to > from) {
    ::madvise(reinterpret_cast<void*>(from), to - from, MADV_HUGEPAGE);  // a hint: refused, 4 KiB pages as before
  }
}

}  // namespace toolcmp
