#include "store/backend.h"

#include <pwd.h>
#include <unistd.h>

namespace toolcmp {

namespace {

bool any_path(const std::string&) { return true; }

struct Scheme {
  bool (*names)(const std::string& db);
  std::unique_ptr<Backend> (*make)(const std::string& db, bool create_directories);
};

// postgresql://, postgres:// or libpq's key=value: a server; anything
// else: an SQLite file. A new back-end is a folder and a row here.
const Scheme kSchemes[] = {
    {is_postgres_target, make_postgres_backend},
    {any_path, make_sqlite_backend},
};

}  // namespace

std::string Backend::login(sql::Connection&) {
  struct passwd entry{};
  struct passwd* found = nullptr;
  char buffer[4096];
  if (getpwuid_r(geteuid(), &entry, buffer, sizeof buffer, &found) == 0 && found && found->pw_name[0]) {
    return found->pw_name;
  }
  return "uid " + std::to_string(geteuid());  // a user the system has no name for (a container's)
}

std::unique_ptr<Backend> backend_for(const std::string& db, bool create_directories) {
  for (const Scheme& scheme : kSchemes) {
    if (scheme.names(db)) return scheme.make(db, create_directories);
  }
  return nullptr;  // unreachable: the last row takes any path
}

}  // namespace toolcmp
