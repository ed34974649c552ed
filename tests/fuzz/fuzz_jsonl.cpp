// libFuzzer target: the JSON Lines reader.
#include "fuzz_readers.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  read_all_records(data, size, toolcmp::ImportFormat::Jsonl);
  return 0;
}
