#include "toolcmp/jsonl_parser.h"

#include <dlfcn.h>
#include <unistd.h>

#include <fmt/format.h>

#include <vector>

#include "jsonl/abi.h"
#include "toolcmp/error.h"

namespace toolcmp {

namespace {

constexpr const char* kModule = "toolcmp-jsonl.so";

std::string executable_dir() {
  std::vector<char> path(4096);
  ssize_t size = ::readlink("/proc/self/exe", path.data(), path.size() - 1);
  if (size <= 0) return ".";
  std::string exe(path.data(), static_cast<std::size_t>(size));
  return exe.substr(0, exe.rfind('/'));
}

// Installed, the module is in PREFIX/libexec/toolcmp beside PREFIX/bin; in a
// build tree it is beside the toolcmp binary, one up from the tests'.
const toolcmp_jsonl_api& load() {
  std::string dir = executable_dir();
  std::vector<std::string> candidates{dir + "/../libexec/toolcmp/" + kModule, dir + "/" + kModule, dir + "/../" + kModule};
  std::string tried;
  for (const std::string& path : candidates) {
    if (::access(path.c_str(), F_OK) != 0) continue;
    void* handle = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!handle) throw Error(fmt::format("cannot load toolcmp's JSON Lines module: {}", ::dlerror()));
    using Entry = const toolcmp_jsonl_api* (*)();
    auto entry = reinterpret_cast<Entry>(::dlsym(handle, "toolcmp_jsonl_module"));
    const toolcmp_jsonl_api* api = entry ? entry() : nullptr;
    if (!api || api->abi != TOOLCMP_JSONL_ABI) {
      throw Error(fmt::format("{} is not the JSON Lines module this toolcmp was built with; reinstall toolcmp", path));
    }
    return *api;  // the handle stays open for the life of the process
  }
  throw Error(fmt::format("reading JSON Lines needs toolcmp's module {} (with libsimdjson14), which is not in {}/../libexec/toolcmp "
                          "or beside the toolcmp binary; reinstall toolcmp",
                          kModule, dir));
}

const toolcmp_jsonl_api& api() {
  static const toolcmp_jsonl_api& loaded = load();
  return loaded;
}

FieldValue::Kind kind_of(int kind) {
  switch (kind) {
    case TOOLCMP_JSONL_FALSE:
    case TOOLCMP_JSONL_TRUE: return FieldValue::Kind::Boolean;
    case TOOLCMP_JSONL_INTEGER: return FieldValue::Kind::Integer;
    case TOOLCMP_JSONL_UNSIGNED: return FieldValue::Kind::Unsigned;
    case TOOLCMP_JSONL_FLOAT: return FieldValue::Kind::Float;
    case TOOLCMP_JSONL_STRING: return FieldValue::Kind::String;
    case TOOLCMP_JSONL_OBJECT: return FieldValue::Kind::Object;
    case TOOLCMP_JSONL_ARRAY: return FieldValue::Kind::Array;
    default: return FieldValue::Kind::Null;
  }
}

const char* type_of(int kind) {
  switch (kind) {
    case TOOLCMP_JSONL_ARRAY: return "array";
    case TOOLCMP_JSONL_STRING: return "string";
    case TOOLCMP_JSONL_FLOAT: return "number";
    case TOOLCMP_JSONL_TRUE: return "boolean";
    case TOOLCMP_JSONL_NULL: return "null";
    default: return "object";
  }
}

}  // namespace

JsonlParser::JsonlParser(int max_depth) {
  parser_ = api().create(max_depth);
  if (!parser_) throw Error("out of memory for the JSON parser");
}

JsonlParser::~JsonlParser() { api().destroy(parser_); }

JsonlStatus JsonlParser::parse(std::string& line, FieldList& out) {
  out.clear();
  if (line.capacity() < line.size() + kJsonlPadding) line.reserve(line.size() + kJsonlPadding);
  const toolcmp_jsonl_field* fields = nullptr;
  std::size_t count = 0;
  int top = TOOLCMP_JSONL_OBJECT;
  int status = api().parse(parser_, line.data(), line.size(), line.capacity(), &fields, &count, &top);
  top_type_ = type_of(top);
  switch (status) {
    case TOOLCMP_JSONL_OK: break;
    case TOOLCMP_JSONL_TOO_DEEP: return JsonlStatus::TooDeep;
    case TOOLCMP_JSONL_OUT_OF_RANGE: return JsonlStatus::OutOfRange;
    case TOOLCMP_JSONL_NOT_UTF8: return JsonlStatus::NotUtf8;
    case TOOLCMP_JSONL_NOT_OBJECT: return JsonlStatus::NotObject;
    case TOOLCMP_JSONL_NO_MEMORY: return JsonlStatus::NoMemory;
    default: return JsonlStatus::Invalid;
  }
  for (std::size_t i = 0; i < count; ++i) {
    const toolcmp_jsonl_field& field = fields[i];
    FieldValue value;
    value.kind = kind_of(field.kind);
    value.text = std::string_view(field.text ? field.text : "", field.text_size);
    value.boolean = field.kind == TOOLCMP_JSONL_TRUE;
    value.integer = field.integer;
    value.uinteger = field.uinteger;
    value.number = field.number;
    out.add(std::string_view(field.key, field.key_size), value);
  }
  return JsonlStatus::Ok;
}

}  // namespace toolcmp
