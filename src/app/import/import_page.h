// The RecordReader for published comparison pages (page.cpp does the
// reading; this turns a page into records). Private to the importer.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "toolcmp/app/import.h"

namespace toolcmp {

class ByteSource;
std::unique_ptr<RecordReader> make_page_reader(ByteSource& source, const std::vector<std::string>& panel);

}  // namespace toolcmp
