#include "toolcmp/formats/jsonl_parser.h"

#include <dlfcn.h>
#include <elf.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <cstring>

#include <fmt/format.h>


#include "formats/jsonl/abi.h"
#include "toolcmp/base/error.h"
#include "toolcmp/base/own_files.h"

namespace toolcmp {

namespace {

constexpr const char* kModule = "toolcmp-jsonl.so";

// Exactly one place, decided by where this binary is: a binary in the
// build tree it was built in uses that tree's module (its path is baked
// in); any other is an installed one, and uses PREFIX/libexec/toolcmp
// beside its PREFIX/bin. Never the working directory, never a search.
std::string module_path() {
  std::string exe_dir = parent_of(real_path("/proc/self/exe"));
#ifdef TOOLCMP_BUILD_DIR
  std::string build = real_path(TOOLCMP_BUILD_DIR);
  if (exe_dir == build || parent_of(exe_dir) == build) return build + "/" + kModule;
#endif
  return parent_of(exe_dir) + "/libexec/toolcmp/" + kModule;
}

// As ssh does for its keys: the module and every directory up to / are
// owned by root or by whoever owns this binary, and none is writable by
// anyone else (a sticky directory such as /tmp is allowed: nobody else can
// rename what is in it). Anything else could be someone else's code.
void check_trusted(const std::string& module) {
  struct stat exe {};
  uid_t owner = ::stat("/proc/self/exe", &exe) == 0 ? exe.st_uid : ::geteuid();
  std::optional<Untrusted> found = find_untrusted(module, owner);
  if (!found) return;
  if (found->errno_value != 0) {
    throw Error(fmt::format("cannot check toolcmp's JSON Lines module {}: {}: {}", module, found->at,
                            std::strerror(found->errno_value)));
  }
  if (found->foreign_owner) {
    throw Error(fmt::format("refusing to load toolcmp's JSON Lines module {}: {} belongs to user {}, not to root "
                            "or the owner of toolcmp; reinstall toolcmp", module, found->at, found->uid));
  }
  throw Error(fmt::format("refusing to load toolcmp's JSON Lines module {}: {} can be written by other users "
                          "(mode {:o}); reinstall toolcmp", module, found->at, found->mode));
}

// dlopen maps the file: a cut-short one would crash the import (SIGBUS)
// instead of failing. Its ELF header, program and section headers must
// lie inside the file, and so must every segment it loads.
void check_whole_elf(const std::string& path) {
  auto damaged = [&](const char* what) {
    return Error(fmt::format("{} is not a whole toolcmp JSON Lines module ({}); reinstall toolcmp", path, what));
  };
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0) throw Error(fmt::format("cannot read toolcmp's JSON Lines module {}: {}", path, std::strerror(errno)));
  struct Closer {
    int fd;
    ~Closer() { ::close(fd); }
  } closer{fd};
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) throw damaged("not a regular file");
  auto size = static_cast<std::uint64_t>(st.st_size);
  Elf64_Ehdr header {};
  if (::pread(fd, &header, sizeof header, 0) != static_cast<ssize_t>(sizeof header)) throw damaged("too short");
  if (std::memcmp(header.e_ident, ELFMAG, SELFMAG) != 0 || header.e_ident[EI_CLASS] != ELFCLASS64) {
    throw damaged("no 64-bit ELF header");
  }
  auto inside = [&](std::uint64_t offset, std::uint64_t length) { return offset <= size && length <= size - offset; };
  if (header.e_phentsize != sizeof(Elf64_Phdr) ||
      !inside(header.e_phoff, std::uint64_t{header.e_phnum} * sizeof(Elf64_Phdr)) ||
      !inside(header.e_shoff, std::uint64_t{header.e_shnum} * header.e_shentsize)) {
    throw damaged("cut short");
  }
  for (std::uint16_t i = 0; i < header.e_phnum; ++i) {
    Elf64_Phdr segment {};
    off_t at = static_cast<off_t>(header.e_phoff + i * sizeof segment);
    if (::pread(fd, &segment, sizeof segment, at) != static_cast<ssize_t>(sizeof segment)) throw damaged("cut short");
    if (segment.p_type == PT_LOAD && !inside(segment.p_offset, segment.p_filesz)) throw damaged("cut short");
  }
}

const toolcmp_jsonl_api& load() {
  std::string path = module_path();
  if (::access(path.c_str(), F_OK) != 0) {
    throw Error(fmt::format("reading JSON Lines needs toolcmp's module {} (with libsimdjson14), which is not at {}; "
                            "reinstall toolcmp, or give --format csv for CSV",
                            kModule, path));
  }
  check_trusted(path);
  check_whole_elf(path);
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

void load_jsonl_module() { api(); }

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
