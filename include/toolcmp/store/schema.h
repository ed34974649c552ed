// The schemas toolcmp makes, as text that compares: what the ownership
// check holds a file's sqlite_schema against, and what the tests check
// against SQLite itself.
#pragma once

#include <map>
#include <string>
#include <tuple>

namespace toolcmp {

// A database's tables, indexes, triggers and views: (type, name, table)
// to SQL, normalized; SQLite's own automatic indexes and statistics
// tables left out.
using Schema = std::map<std::tuple<std::string, std::string, std::string>, std::string>;
// The schema of a database made at made_at and migrated to version.
Schema schema_as_made(int made_at, int version);
// The same for a database made at the current version, from schema.sql's
// text alone (cheap enough for every open).
const Schema& current_schema();

// One line per object, "type\tname\ttable\tsql", in key order: what
// src/store/schema/migrated.txt holds for each earlier version.
std::string serialize_schema(const Schema& schema);
// src/store/schema/migrated.txt: for each version a database may have been made
// at before this one, "-- made at N" and that database's schema once
// migrated to this version, serialized. A test checks it against SQLite.
extern const char* const kMigratedSchemas;

// SQL without comments, with every run of white space one space: the form
// in which two texts of the same statement compare equal.
std::string normalize_sql(const std::string& sql);

}  // namespace toolcmp
