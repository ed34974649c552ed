// toolcmp-jsonl.so: import lines parsed with simdjson's On-Demand API,
// straight into a flat list of the object's fields, with strings unescaped
// into simdjson's own buffer and nothing allocated per line once the
// buffers have grown to the longest line.
#include <simdjson.h>

#include <cmath>
#include <cstdlib>
#include <new>
#include <string>
#include <vector>

#include "formats/jsonl/abi.h"

namespace {

using simdjson::error_code;
namespace od = simdjson::ondemand;

struct Parser {
  explicit Parser(int depth) : max_depth(depth) {}
  od::parser parser;
  std::vector<toolcmp_jsonl_field> fields;
  int max_depth;
  bool out_of_range = false;
};

// Whether token (a number as simdjson found it, maybe with spaces after)
// is a JSON number: then failing to read it means it is out of range.
bool is_number_token(std::string_view token) {
  while (!token.empty() && (token.back() == ' ' || token.back() == '\t' || token.back() == '\r' || token.back() == '\n')) {
    token.remove_suffix(1);
  }
  std::size_t i = 0, n = token.size();
  auto digits = [&] {
    std::size_t from = i;
    while (i < n && token[i] >= '0' && token[i] <= '9') ++i;
    return i > from;
  };
  if (i < n && token[i] == '-') ++i;
  if (i < n && token[i] == '0') {
    ++i;
  } else if (!digits()) {
    return false;
  }
  if (i < n && token[i] == '.' && (++i, !digits())) return false;
  if (i < n && (token[i] == 'e' || token[i] == 'E')) {
    ++i;
    if (i < n && (token[i] == '+' || token[i] == '-')) ++i;
    if (!digits()) return false;
  }
  return i == n;
}

// A number into out: an integer that fits 64 bits stays one, any other is
// a double; one beyond a double is out of range.
error_code read_number(Parser& self, od::value& value, toolcmp_jsonl_field& out) {
  std::string_view token;
  token = value.raw_json_token();
  od::number number;
  if (value.get_number().get(number) == simdjson::SUCCESS) {
    switch (number.get_number_type()) {
      case od::number_type::signed_integer: out.kind = TOOLCMP_JSONL_INTEGER; out.integer = number.get_int64(); break;
      case od::number_type::unsigned_integer: out.kind = TOOLCMP_JSONL_UNSIGNED; out.uinteger = number.get_uint64(); break;
      default: out.kind = TOOLCMP_JSONL_FLOAT; out.number = number.get_double(); break;
    }
    return simdjson::SUCCESS;
  }
  if (!is_number_token(token)) return simdjson::NUMBER_ERROR;
  // An integer of more than 64 bits, which JSON parsers commonly read as a double.
  std::string copy(token);
  double parsed = std::strtod(copy.c_str(), nullptr);
  if (!std::isfinite(parsed)) {
    self.out_of_range = true;
    return simdjson::NUMBER_ERROR;
  }
  out.kind = TOOLCMP_JSONL_FLOAT;
  out.number = parsed;
  return simdjson::SUCCESS;
}

error_code walk(Parser& self, od::value value, int depth);

template <typename Container>
error_code walk_items(Parser& self, Container& container, int depth);

template <>
error_code walk_items(Parser& self, od::object& object, int depth) {
  for (auto item : object) {
    od::field field;
    std::string_view key;
    if (error_code error = std::move(item).get(field)) return error;
    if (error_code error = field.unescaped_key().get(key)) return error;
    if (error_code error = walk(self, field.value(), depth)) return error;
  }
  return simdjson::SUCCESS;
}

template <>
error_code walk_items(Parser& self, od::array& array, int depth) {
  for (auto item : array) {
    od::value value;
    if (error_code error = std::move(item).get(value)) return error;
    if (error_code error = walk(self, value, depth)) return error;
  }
  return simdjson::SUCCESS;
}

// Reads a nested value whole, so that it is checked as JSON, and refuses
// a container deeper than the limit (depth: the container's own).
error_code walk(Parser& self, od::value value, int depth) {
  od::json_type type;
  if (error_code error = value.type().get(type)) return error;
  switch (type) {
    case od::json_type::object: {
      if (depth > self.max_depth) return simdjson::DEPTH_ERROR;
      od::object object;
      if (error_code error = value.get_object().get(object)) return error;
      return walk_items(self, object, depth + 1);
    }
    case od::json_type::array: {
      if (depth > self.max_depth) return simdjson::DEPTH_ERROR;
      od::array array;
      if (error_code error = value.get_array().get(array)) return error;
      return walk_items(self, array, depth + 1);
    }
    case od::json_type::string: {
      std::string_view text;
      return value.get_string().get(text);
    }
    case od::json_type::number: {
      toolcmp_jsonl_field ignored{};
      return read_number(self, value, ignored);
    }
    case od::json_type::boolean: {
      bool flag;
      return value.get_bool().get(flag);
    }
    case od::json_type::null: {
      bool null = false;
      if (error_code error = value.is_null().get(null)) return error;
      return null ? simdjson::SUCCESS : simdjson::N_ATOM_ERROR;
    }
  }
  return simdjson::INCORRECT_TYPE;
}

// One field's value into out; a nested one is walked and kept as its text.
error_code read_value(Parser& self, od::document& doc, od::value value, toolcmp_jsonl_field& out) {
  od::json_type type;
  if (error_code error = value.type().get(type)) return error;
  switch (type) {
    case od::json_type::string: {
      std::string_view text;
      if (error_code error = value.get_string().get(text)) return error;
      out.kind = TOOLCMP_JSONL_STRING;
      out.text = text.data();
      out.text_size = text.size();
      return simdjson::SUCCESS;
    }
    case od::json_type::number: return read_number(self, value, out);
    case od::json_type::boolean: {
      bool flag = false;
      if (error_code error = value.get_bool().get(flag)) return error;
      out.kind = flag ? TOOLCMP_JSONL_TRUE : TOOLCMP_JSONL_FALSE;
      return simdjson::SUCCESS;
    }
    case od::json_type::null: {
      bool null = false;
      if (error_code error = value.is_null().get(null)) return error;
      out.kind = TOOLCMP_JSONL_NULL;
      return null ? simdjson::SUCCESS : simdjson::N_ATOM_ERROR;
    }
    default: break;
  }
  std::string_view start = value.raw_json_token();
  if (error_code error = walk(self, value, 2)) return error;
  const char* end = nullptr;
  if (error_code error = doc.current_location().get(end)) return error;
  while (end > start.data() && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r' || end[-1] == '\n')) --end;
  out.kind = type == od::json_type::object ? TOOLCMP_JSONL_OBJECT : TOOLCMP_JSONL_ARRAY;
  out.text = start.data();
  out.text_size = static_cast<std::size_t>(end - start.data());
  return simdjson::SUCCESS;
}

int kind_of(od::json_type type) {
  switch (type) {
    case od::json_type::array: return TOOLCMP_JSONL_ARRAY;
    case od::json_type::string: return TOOLCMP_JSONL_STRING;
    case od::json_type::number: return TOOLCMP_JSONL_FLOAT;
    case od::json_type::boolean: return TOOLCMP_JSONL_TRUE;
    case od::json_type::null: return TOOLCMP_JSONL_NULL;
    default: return TOOLCMP_JSONL_OBJECT;
  }
}

int status_of(const Parser& self, error_code error) {
  if (error == simdjson::MEMALLOC) return TOOLCMP_JSONL_NO_MEMORY;
  if (error == simdjson::UTF8_ERROR) return TOOLCMP_JSONL_NOT_UTF8;
  if (error == simdjson::DEPTH_ERROR) return TOOLCMP_JSONL_TOO_DEEP;
  if (self.out_of_range) return TOOLCMP_JSONL_OUT_OF_RANGE;
  return TOOLCMP_JSONL_INVALID;
}

// A document that is not an object: checked whole, so that the caller can
// tell "not JSON" and "too deep" from "an array, not an object".
error_code check_other(Parser& self, od::document& doc, od::json_type type) {
  if (type == od::json_type::array) {
    od::array array;
    if (error_code error = doc.get_array().get(array)) return error;
    return walk_items(self, array, 2);
  }
  if (type == od::json_type::string) {
    std::string_view text;
    return doc.get_string().get(text);
  }
  if (type == od::json_type::boolean) {
    bool flag;
    return doc.get_bool().get(flag);
  }
  if (type == od::json_type::null) {
    bool null = false;
    if (error_code error = doc.is_null().get(null)) return error;
    return null ? simdjson::SUCCESS : simdjson::N_ATOM_ERROR;
  }
  double number;
  return doc.get_double().get(number);
}

// Whether the document has nothing after the value just read.
bool at_end(od::document& doc) {
  const char* location = nullptr;
  return doc.current_location().get(location) == simdjson::OUT_OF_BOUNDS;
}

int parse_object(Parser& self, od::document& doc) {
  od::object object;
  if (error_code error = doc.get_object().get(object)) return status_of(self, error);
  for (auto item : object) {
    od::field field;
    std::string_view key;
    if (error_code error = std::move(item).get(field)) return status_of(self, error);
    if (error_code error = field.unescaped_key().get(key)) return status_of(self, error);
    toolcmp_jsonl_field out{};
    out.key = key.data();
    out.key_size = key.size();
    if (error_code error = read_value(self, doc, field.value(), out)) return status_of(self, error);
    self.fields.push_back(out);
  }
  return at_end(doc) ? TOOLCMP_JSONL_OK : TOOLCMP_JSONL_INVALID;
}

void* create(int max_depth) { return new (std::nothrow) Parser(max_depth); }

void destroy(void* parser) { delete static_cast<Parser*>(parser); }

int parse_line(void* handle, const char* data, std::size_t size, std::size_t capacity, const toolcmp_jsonl_field** fields,
               std::size_t* count, int* top_kind) {
  Parser& self = *static_cast<Parser*>(handle);
  self.fields.clear();
  self.out_of_range = false;
  *fields = nullptr;
  *count = 0;
  *top_kind = TOOLCMP_JSONL_OBJECT;
  od::document doc;
  if (error_code error = self.parser.iterate(data, size, capacity).get(doc)) return status_of(self, error);
  od::json_type type;
  if (error_code error = doc.type().get(type)) return status_of(self, error);
  if (type != od::json_type::object) {
    if (error_code error = check_other(self, doc, type)) return status_of(self, error);
    if (!at_end(doc)) return TOOLCMP_JSONL_INVALID;
    *top_kind = kind_of(type);
    return TOOLCMP_JSONL_NOT_OBJECT;
  }
  int status = parse_object(self, doc);
  if (status != TOOLCMP_JSONL_OK) return status;
  *fields = self.fields.data();
  *count = self.fields.size();
  return TOOLCMP_JSONL_OK;
}

// Nothing C++ crosses the C interface: the one exception that can come
// out (a field list that cannot grow) is out of memory.
int parse(void* handle, const char* data, std::size_t size, std::size_t capacity, const toolcmp_jsonl_field** fields,
          std::size_t* count, int* top_kind) {
  try {
    return parse_line(handle, data, size, capacity, fields, count, top_kind);
  } catch (...) {
    return TOOLCMP_JSONL_NO_MEMORY;
  }
}

#define TOOLCMP_STRING(x) #x
#define TOOLCMP_VERSION_STRING(x) TOOLCMP_STRING(x)
const struct toolcmp_jsonl_api kApi = {TOOLCMP_JSONL_ABI, TOOLCMP_VERSION_STRING(SIMDJSON_VERSION), create, destroy, parse};

}  // namespace

extern "C" __attribute__((visibility("default"))) const struct toolcmp_jsonl_api* toolcmp_jsonl_module(void) {
  return &kApi;
}
