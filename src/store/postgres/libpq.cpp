#include "store/postgres/libpq.h"

#include <dlfcn.h>

#include <fmt/format.h>

#include "toolcmp/base/error.h"

namespace toolcmp::sql {

namespace {

Libpq load() {
  void* handle = ::dlopen("libpq.so.5", RTLD_NOW | RTLD_LOCAL);
  if (!handle) {
    throw Error(fmt::format("a PostgreSQL database needs libpq (Debian package libpq5): {}", ::dlerror()));
  }
  Libpq loaded;
#define TOOLCMP_LIBPQ_RESOLVE(name)                                                                   \
  loaded.name = reinterpret_cast<decltype(loaded.name)>(::dlsym(handle, #name));                       \
  if (!loaded.name) throw Error(fmt::format("this libpq has no {}; toolcmp needs libpq 14 or later", #name));
  TOOLCMP_LIBPQ_FUNCTIONS(TOOLCMP_LIBPQ_RESOLVE)
#undef TOOLCMP_LIBPQ_RESOLVE
  return loaded;  // the handle stays open for the life of the process
}

}  // namespace

const Libpq& libpq() {
  static const Libpq loaded = load();
  return loaded;
}

}  // namespace toolcmp::sql
