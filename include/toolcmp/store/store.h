// The store: every SQL statement toolcmp runs lives behind this class and
// its parts. Store opens the database and runs transactions; what callers
// read and write goes through the part made for them, each in its own
// header: names (name_index.h), reading a panel (panel_reads.h), editing
// one (panel_edits.h), batch import (batch_import.h) and saved decisions
// (saved_decisions.h).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "toolcmp/model/model.h"

namespace toolcmp {

namespace sql {
class Connection;
class Statement;
}  // namespace sql
class Backend;
class NameIndex;
class PanelReads;
class PanelEdits;
class BatchImport;
class SavedDecisions;

inline constexpr int kSchemaVersion = 6;
inline constexpr std::int32_t kApplicationId = 0x54434D50;  // "TCMP"

// --db and TOOLCMP_DB name a PostgreSQL database with a postgresql:// or
// postgres:// URI or a libpq key=value string (service=toolcmp); anything
// else is an SQLite file.
bool is_postgres_target(const std::string& db);
// db as toolcmp shows it in every message: a password replaced by ***.
std::string shown_connection(const std::string& db);
bool connection_has_password(const std::string& db);

// setup-roles: the statements that let a writer role (and its members)
// write a PostgreSQL panel and a reader role read it, now and after later
// migrations: run (then, what ran) or only printed (run false: nothing is
// read, the schema is --db's schema= or toolcmp's own). Throws UsageError
// for an SQLite target or a role name that cannot be one. RowSecurity::On
// lets only a review's author (the database role it names) change or
// remove it, by row-level security on the review table; Off takes that
// away; Keep leaves it as it is.
struct RoleSetup {
  std::string schema;
  std::vector<std::string> statements;
};
enum class RowSecurity { Keep, On, Off };
RoleSetup setup_roles(const std::string& db, const std::string& writer, const std::string& reader, bool run,
                      RowSecurity rows = RowSecurity::Keep);

class Store {
 public:
  enum class Access { Read, Write, Trial, Peek };

  // Read never creates or changes the file: a missing database opens as an
  // empty one in memory. Write creates it (directory 0700, file 0600).
  // Trial is for writes that will be rolled back (import --dry-run): it
  // opens an existing file for writing but never creates one. Peek is for
  // shell completion: an existing file, read-only, never migrated.
  // create_directories: a Write may make missing parent directories (only
  // for the default location; a --db whose directory is missing is an error).
  Store(const std::string& path, Access access, bool create_directories = false);
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  // For a command that must have read something (check, a CI gate): throws
  // when the database this Store reads does not exist (Error, exit 1) or
  // holds no toolcmp data at all (a 0-byte file, a PostgreSQL database
  // without toolcmp's schema: NotOursError, exit 3). what: "check".
  void require_database(const std::string& what) const;

  // Runs body inside one BEGIN IMMEDIATE transaction: all of it or none.
  // A Rows write only adds rows, or changes rows it locks first
  // (PanelEdits::lock_named_vote): on a server such writers run side by
  // side, and wait only for a Panel write (or it for them).
  enum class WriteScope { Panel, Rows };
  void write(const std::function<void()>& body, WriteScope scope = WriteScope::Panel);
  // Runs body inside a transaction and always rolls it back.
  void trial(const std::function<void()>& body);

  // Where the database is, its back-end, schema and counts (info).
  DatabaseInfo info();
  // The schema version opening this Store migrated from (0: it was current).
  int migrated_from() const { return migrated_from_; }

  // Who is connected: the database role (session_user) on PostgreSQL, the
  // OS user on SQLite. Read once.
  const std::string& login();
  // Who writes: set_author's name (--author, TOOLCMP_AUTHOR), else login().
  // Reviews, votes and decisions record it; the audit table both.
  void set_author(std::string author) { author_ = std::move(author); }
  const std::string& author();
  // Only a review's author may change or remove it, whatever --force says:
  // the panel's row-level security (setup-roles --row-security) sees to it.
  bool authors_only() const;

  // The parts, each a view of this Store valid while it lives; a caller
  // includes the header of the part it uses, which defines its accessor.
  NameIndex names();
  PanelReads panel();
  PanelEdits edits();
  BatchImport batch();
  SavedDecisions decisions();

 private:
  friend class StoreView;

  std::string path_;  // as messages show it (a password hidden)
  // The back-end (backend.h): before db_, so that the connection closes first.
  std::unique_ptr<Backend> backend_;
  bool in_memory_ = false;  // nothing to read: an empty database in memory
  int migrated_from_ = 0;
  std::string login_, author_;
  std::unique_ptr<sql::Connection> db_;
  // Prepared once per Store, keyed by the SQL text itself: the same
  // statement written in two places shares one entry, and no caller can
  // miss the cache by passing a copy.
  std::map<std::string, std::unique_ptr<sql::Statement>, std::less<>> statements_;
  // INSERTs with the back-end's RETURNING id added, keyed the same way;
  // reset and finalized wherever statements_ is (a live one keeps SQLite
  // from closing the connection).
  std::map<std::string, std::unique_ptr<sql::Statement>, std::less<>> inserts_;
};

// What every part of the store stands on: its Store's connection and
// statement cache.
class StoreView {
 protected:
  explicit StoreView(Store& store) : store_(&store) {}
  sql::Connection& db() const { return *store_->db_; }
  // Prepared once per Store and reset before each use.
  sql::Statement& cached(const char* sql) const;
  sql::Statement& cached_insert(const char* sql) const;  // sql + returning_id(), for inserted_id
  Store& store() const { return *store_; }

 private:
  Store* store_;
};

}  // namespace toolcmp
