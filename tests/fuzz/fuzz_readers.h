// Shared by the import reader fuzz targets: read every record of data in
// one format. A bad record is an Error, which is the expected outcome for
// most inputs; anything else escaping (or a crash, leak or hang) is a bug.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "toolcmp/app/import.h"
#include "toolcmp/base/byte_source.h"

inline void read_all_records(const std::uint8_t* data, std::size_t size, toolcmp::ImportFormat format) {
  static const std::vector<std::string> panel{"Builder", "Skeptic", "Futurist", "Founder"};
  toolcmp::ByteSource source(std::string(reinterpret_cast<const char*>(data), size), "fuzz");
  std::unique_ptr<toolcmp::RecordReader> reader;
  try {
    reader = toolcmp::make_reader(format, source, panel);
  } catch (const toolcmp::Error&) {
    return;
  }
  toolcmp::Record record;
  for (int i = 0; i < 100000; ++i) {
    try {
      if (!reader->next(record)) return;
    } catch (const toolcmp::Error&) {
      if (reader->fatal()) return;
    }
  }
}
