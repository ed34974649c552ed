// Every schema toolcmp has made, and the migrations between them. Private
// to src/store*.cpp.
#pragma once

#include <cstddef>

namespace toolcmp {

// Each step takes user_version from to - 1 to to, in one transaction with
// the version bump. schema.sql is always the result of all of them.
struct Migration {
  int to;
  const char* sql;
};

extern const Migration kMigrations[];
extern const std::size_t kMigrationCount;

// The SQL that made a new database at this version (1 up to the current).
const char* schema_made_at(int version);

}  // namespace toolcmp
