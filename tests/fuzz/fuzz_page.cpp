// libFuzzer target: published pages, plain, Markdown and HTML, through the page
// reader (which also checks UTF-8 and size) into records.
#include "fuzz_readers.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  read_all_records(data, size, toolcmp::ImportFormat::Page);
  return 0;
}
