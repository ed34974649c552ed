#include "cli/db_path.h"

#include <cstdlib>

#include "toolcmp/base/error.h"
#include "toolcmp/base/io.h"

namespace toolcmp {

std::string resolve_db_path(const std::string& flag_value, bool flag_given) {
  if (flag_given) {
    if (flag_value.empty()) throw UsageError("--db is empty; give it a file name, e.g. --db panel.db");
    return flag_value;
  }
  if (const char* path = env("TOOLCMP_DB")) return path;
  if (const char* data = env("XDG_DATA_HOME")) return std::string(data) + "/toolcmp/toolcmp.db";
  if (const char* home = env("HOME")) return std::string(home) + "/.local/share/toolcmp/toolcmp.db";
  throw UsageError("cannot find a place for the database: set --db, TOOLCMP_DB or HOME");
}

bool db_path_is_default(bool flag_given) { return !flag_given && !env("TOOLCMP_DB"); }

}  // namespace toolcmp
