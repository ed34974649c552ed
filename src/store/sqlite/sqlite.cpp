#include "store/sqlite/sqlite.h"

#include <sqlite3.h>

#include <cstdio>
#include <cstdlib>

#include <fmt/format.h>

#include "toolcmp/base/error.h"

namespace toolcmp::sql {


namespace {

// What a failed call means to a user, for the errors that are not a bug.
std::string explain(int rc, const std::string& reason) {
  switch (rc & 0xff) {
    case SQLITE_READONLY: return fmt::format("the database is read-only: {}", reason);
    case SQLITE_FULL: return fmt::format("the disk is full; nothing was written: {}", reason);
    case SQLITE_IOERR:
      // A failed flush may come after the commit record reached the file:
      // the change may be there, whole, or absent, but never half there.
      if (rc == SQLITE_IOERR_FSYNC || rc == SQLITE_IOERR_DIR_FSYNC) {
        return fmt::format("cannot flush the database to disk ({}); the change was saved whole or not at all, "
                           "so check it before trying again", reason);
      }
      return fmt::format("cannot write the database ({}; is the disk full, or the file over this process's size "
                         "limit?); nothing was written", reason);
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_AUTH:
      return fmt::format("cannot open the database or its write-ahead log (check the permissions of the file and "
                         "its directory): {}", reason);
    default: return "";
  }
}

// Throws the error for a failed call: BusyError when another writer held
// the lock too long, else what explain() says, else fallback.
[[noreturn]] void fail_with(int rc, const std::string& reason, const std::string& fallback) {
  if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED) {
    throw BusyError(fmt::format("the database is busy (another toolcmp is writing); try again: {}", reason));
  }
  // Only a file whose contents are wrong is "not ours" (exit 3), for reads and writes alike.
  if ((rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOTADB) {
    throw NotOursError(fmt::format("the database file is damaged or not a database: {}", reason));
  }
  std::string explained = explain(rc, reason);
  throw Error(explained.empty() ? fallback : explained);
}

// TOOLCMP_TRACE_SQL=1: each statement, as prepared (parameters unbound),
// on stderr when it starts, for EXPLAIN QUERY PLAN and benchmarks.
int trace_statement(unsigned, void*, void*, void* sql) {
  std::fprintf(stderr, "toolcmp: sql: %s\n", static_cast<const char*>(sql));
  return 0;
}

// The path as the user gave it, for messages: a read-only open of a file
// in a directory toolcmp cannot write goes through a "file:...?immutable=1"
// URI, which is toolcmp's own business.
std::string shown_path(const std::string& path, int open_flags) {
  if ((open_flags & SQLITE_OPEN_URI) == 0 || path.rfind("file:", 0) != 0) return path;
  std::string shown;
  for (std::size_t i = 5; i < path.size() && path[i] != '?'; ++i) {
    if (path[i] == '%' && i + 2 < path.size()) {
      shown += static_cast<char>(std::stoi(path.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      shown += path[i];
    }
  }
  return shown;
}

}  // namespace

Database::Database(const std::string& path, int open_flags) {
  // One connection, one thread: no mutex around every call (list and rank
  // make millions of them).
  int rc = sqlite3_open_v2(path.c_str(), &db_, open_flags | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    std::string message = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
    sqlite3_close(db_);
    db_ = nullptr;
    throw Error(fmt::format("cannot open database '{}': {}", shown_path(path, open_flags), message));
  }
  sqlite3_extended_result_codes(db_, 1);
  if (tracing_sql()) sqlite3_trace_v2(db_, SQLITE_TRACE_STMT, trace_statement, nullptr);
  // Writers queue behind each other for this long before giving up.
  sqlite3_busy_timeout(db_, kBusyTimeoutMs);
  // Hardening: no writes to the schema by hand, no functions from the
  // schema, no double-quoted string literals.
  const std::pair<int, int> settings[] = {
      {SQLITE_DBCONFIG_DEFENSIVE, 1}, {SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0},
      {SQLITE_DBCONFIG_DQS_DML, 0},   {SQLITE_DBCONFIG_DQS_DDL, 0},
  };
  for (const auto& [option, value] : settings) {
    int now = -1;
    if (sqlite3_db_config(db_, option, value, &now) != SQLITE_OK || now != value) {
      sqlite3_close(db_);
      db_ = nullptr;
      throw Error(fmt::format("cannot harden the database connection (SQLite option {})", option));
    }
  }
}

bool Database::read_only() const { return sqlite3_db_readonly(db_, "main") == 1; }

Database::~Database() { sqlite3_close(db_); }

void copy_database(Database& from, Database& to) {
  sqlite3_backup* backup = sqlite3_backup_init(to.handle(), "main", from.handle(), "main");
  if (!backup) fail_with(sqlite3_extended_errcode(to.handle()), sqlite3_errmsg(to.handle()), "cannot copy the database");
  int rc = sqlite3_backup_step(backup, -1);
  sqlite3_backup_finish(backup);
  if (rc != SQLITE_DONE) fail_with(rc, sqlite3_errstr(rc), "cannot copy the database");
}

void Database::exec(const char* sql) {
  char* message = nullptr;
  int rc = sqlite3_exec(db_, sql, nullptr, nullptr, &message);
  if (rc != SQLITE_OK) {
    std::string text = message ? message : sqlite3_errmsg(db_);
    sqlite3_free(message);
    fail_with(sqlite3_extended_errcode(db_), text, fmt::format("database error: {}", text));
  }
}

std::optional<std::int64_t> Database::inserted_id(Statement& insert) {
  insert.run();
  if (changes() == 0) return std::nullopt;
  return sqlite3_last_insert_rowid(db_);
}

int Database::changes() { return sqlite3_changes(db_); }

namespace {

class SqliteStatement final : public StatementImpl {
 public:
  SqliteStatement(sqlite3* db, const char* sql) : db_(db) {
    int rc = sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr);
    if (rc != SQLITE_OK) {
      const char* reason = sqlite3_errmsg(db);
      fail_with(sqlite3_extended_errcode(db), reason, fmt::format("database error: {} (preparing: {})", reason, sql));
    }
  }
  ~SqliteStatement() override { sqlite3_finalize(stmt_); }

  void bind_text(int index, std::string_view value, bool kept) override {
    check(sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()), kept ? SQLITE_STATIC : SQLITE_TRANSIENT));
  }
  void bind_integer(int index, std::int64_t value) override { check(sqlite3_bind_int64(stmt_, index, value)); }
  void bind_real(int index, double value) override { check(sqlite3_bind_double(stmt_, index, value)); }
  void bind_null(int index) override { check(sqlite3_bind_null(stmt_, index)); }

  bool step() override {
    int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    fail(rc);
  }
  void reset() override {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }

  ColumnType type(int column) const override {
    switch (sqlite3_column_type(stmt_, column)) {
      case SQLITE_INTEGER: return ColumnType::Integer;
      case SQLITE_FLOAT: return ColumnType::Real;
      case SQLITE_TEXT: return ColumnType::Text;
      case SQLITE_BLOB: return ColumnType::Blob;
      default: return ColumnType::Null;
    }
  }
  std::string_view text_view(int column) const override {
    const char* data = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
    int size = sqlite3_column_bytes(stmt_, column);
    return data ? std::string_view(data, static_cast<std::size_t>(size)) : std::string_view();
  }
  std::int64_t integer(int column) const override { return sqlite3_column_int64(stmt_, column); }
  double real(int column) const override { return sqlite3_column_double(stmt_, column); }

 private:
  void check(int rc) const {
    if (rc != SQLITE_OK) fail(rc);
  }
  [[noreturn]] void fail(int rc) const {
    char* expanded = sqlite3_expanded_sql(stmt_);
    std::string statement = expanded ? expanded : sqlite3_sql(stmt_);
    sqlite3_free(expanded);
    const char* reason = sqlite3_errmsg(db_);
    fail_with(rc, reason, fmt::format("database error: {} (in: {})", reason, statement));
  }

  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

}  // namespace

std::unique_ptr<StatementImpl> Database::prepare(const char* sql) {
  return std::make_unique<SqliteStatement>(db_, sql);
}

void Database::begin_write() { exec("BEGIN IMMEDIATE"); }

void Database::commit() { exec("COMMIT"); }

void Database::rollback() noexcept { sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr); }

}  // namespace toolcmp::sql
