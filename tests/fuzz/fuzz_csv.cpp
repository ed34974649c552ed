// libFuzzer target: the CSV and TSV reader (the first byte picks which).
#include "fuzz_readers.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  read_all_records(data + 1, size - 1, data[0] & 1 ? toolcmp::ImportFormat::Tsv : toolcmp::ImportFormat::Csv);
  return 0;
}
