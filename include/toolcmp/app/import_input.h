// An import's inputs: each file (or standard input, "-") opened, UTF-16
// read as UTF-8, and its format told, all before the database is opened.
#pragma once

#include <cstdio>
#include <memory>
#include <optional>
#include <string>

#include "toolcmp/app/import.h"
#include "toolcmp/base/byte_source.h"

namespace toolcmp {

// An open input: a file, or standard input for "-". A UTF-16 input (by its
// byte-order mark) is read as UTF-8. Throws RecordError naming the path.
class ImportInput {
 public:
  explicit ImportInput(const std::string& path);
  ~ImportInput();
  ImportInput(const ImportInput&) = delete;
  ImportInput& operator=(const ImportInput&) = delete;
  ByteSource& source() { return *source_; }

 private:
  void read_utf16_as_utf8(const std::string& name);

  int fd_ = -1;
  std::FILE* utf8_ = nullptr;  // a UTF-16 input, as UTF-8
  std::unique_ptr<ByteSource> source_;
};

// One input as planned before the database is opened: its format, and
// for standard input or a FIFO (which can be read only once) the open
// input itself. A regular file is opened again when its turn comes.
struct PlannedInput {
  std::string path;
  std::optional<ImportFormat> format;  // none: empty, nothing to import
  std::string how;                     // how the format was told from its name; else empty
  std::unique_ptr<ImportInput> open;
  std::optional<RecordError> error;    // reported in its turn
};

// Every input's format is known before the database is touched, so that a
// JSON Lines module that cannot be loaded fails an import that writes
// nothing, and a person typing at standard input holds no lock. format:
// --format's, else told from the input's start, then its name.
PlannedInput plan_input(const std::string& path, const std::optional<ImportFormat>& format);

// A file's first record that cannot be read, when only its name told its
// format and nothing before it was read, says so and what to do if it is
// not that format.
RecordError with_format_hint(const RecordError& e, const PlannedInput& plan);

// glibc gives the top of the heap back to the kernel whenever a free
// leaves more than 128 KiB there, and an import's page cache and records
// made it do so and ask again some 60,000 times per 100,000 reviews (a
// fifth of the time, in brk and page faults). Memory stays bounded by
// the import's peak all the same. The heap is also asked for in 2 MiB
// pages (see import_input.cpp).
void keep_heap_top();

}  // namespace toolcmp
