// The fields of one import record as read, before they are checked: from
// a JSON line they are views into the parser's buffers and the line, from
// a CSV row views into its cells. Nothing is copied until a field is taken
// into the record.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "toolcmp/formats/json.h"

namespace toolcmp {

// Deepest nesting of arrays and objects in a JSON line (import) or a
// stored field's JSON.
inline constexpr int kMaxJsonDepth = 16;

struct FieldValue {
  enum class Kind { Null, Boolean, Integer, Unsigned, Float, String, Object, Array };
  Kind kind = Kind::Null;
  std::string_view text;  // String: the text, unescaped; Object and Array: their JSON
  bool boolean = false;
  std::int64_t integer = 0;
  std::uint64_t uinteger = 0;
  double number = 0;

  bool is_number() const { return kind == Kind::Integer || kind == Kind::Unsigned || kind == Kind::Float; }
  // As JSON names it: "string", "number", "object", ...
  const char* type_name() const;
  // The value as JSON, for messages.
  std::string dump() const;
  // A number as text (its shortest spelling), or a string as it is.
  std::string dump_number() const;
  // As a parsed value (an object or array parsed from its text).
  Json json() const;
};

// A parsed value as a field: strings are views into it.
FieldValue field_value(const Json& value);

struct Field {
  std::string_view key;
  FieldValue value;
};

class FieldList {
 public:
  void clear() { fields_.clear(); }
  void add(std::string_view key, const FieldValue& value) { fields_.push_back({key, value}); }
  void add_text(std::string_view key, std::string_view text) {
    FieldValue value;
    value.kind = FieldValue::Kind::String;
    value.text = text;
    add(key, value);
  }
  // A key given twice: the last wins, as in most JSON parsers.
  const FieldValue* find(std::string_view key) const {
    for (auto it = fields_.rbegin(); it != fields_.rend(); ++it) {
      if (it->key == key) return &it->value;
    }
    return nullptr;
  }
  std::vector<Field>::const_iterator begin() const { return fields_.begin(); }
  std::vector<Field>::const_iterator end() const { return fields_.end(); }

 private:
  std::vector<Field> fields_;
};

}  // namespace toolcmp
