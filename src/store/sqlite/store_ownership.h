// Deciding whether a file is a toolcmp database, before and after SQLite
// opens it. Private to src/store*.cpp.
#pragma once

#include <string>

#include "store/sqlite/sqlite.h"
#include "toolcmp/base/error.h"
#include "toolcmp/store/schema.h"

namespace toolcmp {

// Reads the file's first page as last committed (from the -wal when one
// holds a newer copy) with plain reads, so that a file that is not ours is
// refused before SQLite could checkpoint its log or leave a -shm beside
// it. Throws NotOursError for another program's SQLite database (or a
// -wal that is not a regular file); returns normally for one of ours, a
// blank one, and anything that is not SQLite's, which SQLite then refuses
// under its locks without writing to it.
void check_file_header(const std::string& path);
// The error for an SQLite database that is another program's.
NotOursError another_database(const std::string& path);

// Compares sqlite_schema with what toolcmp makes at that version: the
// schema made new then, or made earlier and migrated. An extra, missing or
// different table, index, trigger or view is refused (NotOursError), so
// that nothing planted in the file runs. SQLite's own statistics tables
// (ANALYZE) are allowed.
void check_schema(sql::Database& db, int version, const std::string& path);

// The database's own schema, in the form of toolcmp/schema.h.
Schema read_schema(sql::Database& db);

}  // namespace toolcmp
