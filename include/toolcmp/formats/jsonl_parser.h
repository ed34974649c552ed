// JSON Lines for import, parsed by toolcmp's simdjson module
// (toolcmp-jsonl.so), which is loaded with dlopen by the first import that
// reads JSON Lines: simdjson is a shared library that brings libstdc++.so,
// which would cost every short command a third of its start-up.
#pragma once

#include <string>

#include "toolcmp/formats/field_list.h"

namespace toolcmp {

enum class JsonlStatus { Ok, Invalid, TooDeep, OutOfRange, NotUtf8, NotObject, NoMemory };

// Bytes a line needs after its end for simdjson to read ahead.
inline constexpr std::size_t kJsonlPadding = 64;

// Loads the module now (once per process): an import calls it before it
// opens the database, so a module that is missing, not whole, or not
// trusted (someone else's file) fails with nothing written. Throws Error.
void load_jsonl_module();

class JsonlParser {
 public:
  // Loads the module (once per process); throws Error naming it when it
  // cannot be loaded.
  explicit JsonlParser(int max_depth);
  ~JsonlParser();
  JsonlParser(const JsonlParser&) = delete;
  JsonlParser& operator=(const JsonlParser&) = delete;

  // Parses line (one JSON value) into the object's fields, which stay
  // valid until the next parse or until line changes. line's capacity is
  // grown to hold the padding. NotObject: top_type names what it was.
  JsonlStatus parse(std::string& line, FieldList& fields);
  const char* top_type() const { return top_type_; }


 private:
  void* parser_ = nullptr;
  const char* top_type_ = "object";
};

}  // namespace toolcmp
