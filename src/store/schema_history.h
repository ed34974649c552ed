// Every schema toolcmp has made, and the migrations between them. Private
// to src/store*.cpp.
#pragma once

#include <cstddef>
#include <string>

namespace toolcmp {

// Each step takes user_version from to - 1 to to, in one transaction with
// the version bump. schema.sql is always the result of all of them.
struct Migration {
  int to;
  const char* sql;  // none: the part of schema.sql between "-- BEGIN version N" and "-- END version N"
};

extern const Migration kMigrations[];
extern const std::size_t kMigrationCount;

std::string migration_sql(const Migration& migration);
// The part of a schema text marked "-- BEGIN version N" ... "-- END version N":
// what the migration to N adds (schema.sql, src/store/schema/postgres.sql).
std::string schema_part(const char* schema, int version);

// The SQL that made a new database at this version (1 up to the current).
const char* schema_made_at(int version);

}  // namespace toolcmp
