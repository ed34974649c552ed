// A JSON parser for import lines. nlohmann's parser builds every string a
// character at a time, which made it most of an import's time; this one
// copies runs of plain characters at once and builds the same Json values.
#pragma once

#include <string_view>

#include "toolcmp/json.h"

namespace toolcmp {

enum class JsonLineStatus { Ok, Invalid, TooDeep, OutOfRange };

// Parses exactly one JSON value (RFC 8259) from text, which must already be
// valid UTF-8. Arrays and objects nest at most max_depth deep.
JsonLineStatus parse_json_line(std::string_view text, int max_depth, Json& out);

}  // namespace toolcmp
