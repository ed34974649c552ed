#include "sqlite.h"

#include <sqlite3.h>

#include <cstdio>
#include <cstdlib>

#include <fmt/format.h>

#include "toolcmp/error.h"

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

bool tracing_sql() {
  const char* flag = std::getenv("TOOLCMP_TRACE_SQL");
  return flag && std::string(flag) == "1";
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
    throw Error(fmt::format("cannot open database '{}': {}", path, message));
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

std::int64_t Database::query_integer(const char* sql) {
  Statement stmt(*this, sql);
  return stmt.step() ? stmt.integer(0) : 0;
}

std::string Database::query_text(const char* sql) {
  Statement stmt(*this, sql);
  return stmt.step() ? stmt.text(0) : "";
}

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

std::int64_t Database::last_insert_rowid() const { return sqlite3_last_insert_rowid(db_); }

int Database::changes() const { return sqlite3_changes(db_); }

Statement::Statement(Database& db, const char* sql) : db_(db) {
  int rc = sqlite3_prepare_v2(db.handle(), sql, -1, &stmt_, nullptr);
  if (rc != SQLITE_OK) {
    const char* reason = sqlite3_errmsg(db.handle());
    fail_with(sqlite3_extended_errcode(db.handle()), reason, fmt::format("database error: {} (preparing: {})", reason, sql));
  }
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

void Statement::fail(int rc) const {
  char* expanded = sqlite3_expanded_sql(stmt_);
  std::string statement = expanded ? expanded : sqlite3_sql(stmt_);
  sqlite3_free(expanded);
  const char* reason = sqlite3_errmsg(db_.handle());
  fail_with(rc, reason, fmt::format("database error: {} (in: {})", reason, statement));
}

Statement& Statement::bind(int index, const std::string& value) {
  int rc = sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
  if (rc != SQLITE_OK) fail(rc);
  return *this;
}

Statement& Statement::bind(int index, const std::optional<std::string>& value) {
  return value ? bind(index, *value) : bind_null(index);
}

Statement& Statement::bind(int index, std::int64_t value) {
  int rc = sqlite3_bind_int64(stmt_, index, value);
  if (rc != SQLITE_OK) fail(rc);
  return *this;
}

Statement& Statement::bind(int index, double value) {
  int rc = sqlite3_bind_double(stmt_, index, value);
  if (rc != SQLITE_OK) fail(rc);
  return *this;
}

Statement& Statement::bind(int index, const std::optional<int>& value) {
  return value ? bind(index, *value) : bind_null(index);
}

Statement& Statement::bind(int index, const std::optional<double>& value) {
  return value ? bind(index, *value) : bind_null(index);
}

Statement& Statement::bind_null(int index) {
  int rc = sqlite3_bind_null(stmt_, index);
  if (rc != SQLITE_OK) fail(rc);
  return *this;
}

bool Statement::step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  fail(rc);
}

void Statement::run() {
  while (step()) {
  }
  reset();
}

void Statement::reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

bool Statement::is_null(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }

std::string Statement::text(int column) const {
  const auto* data = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
  int size = sqlite3_column_bytes(stmt_, column);
  return data ? std::string(data, static_cast<std::size_t>(size)) : std::string();
}

std::string_view Statement::text_view(int column) const {
  const char* data = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
  int size = sqlite3_column_bytes(stmt_, column);
  return data ? std::string_view(data, static_cast<std::size_t>(size)) : std::string_view();
}

std::optional<std::string> Statement::optional_text(int column) const {
  if (is_null(column)) return std::nullopt;
  return text(column);
}

ColumnType Statement::type(int column) const {
  switch (sqlite3_column_type(stmt_, column)) {
    case SQLITE_INTEGER: return ColumnType::Integer;
    case SQLITE_FLOAT: return ColumnType::Real;
    case SQLITE_TEXT: return ColumnType::Text;
    case SQLITE_BLOB: return ColumnType::Blob;
    default: return ColumnType::Null;
  }
}

std::int64_t Statement::integer(int column) const { return sqlite3_column_int64(stmt_, column); }

std::optional<int> Statement::optional_int(int column) const {
  if (is_null(column)) return std::nullopt;
  return sqlite3_column_int(stmt_, column);
}

double Statement::real(int column) const { return sqlite3_column_double(stmt_, column); }

std::optional<double> Statement::optional_real(int column) const {
  if (is_null(column)) return std::nullopt;
  return real(column);
}

Transaction::Transaction(Database& db) : db_(db) { db_.exec("BEGIN IMMEDIATE"); }

Transaction::~Transaction() {
  if (!done_) sqlite3_exec(db_.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
}

void Transaction::commit() {
  db_.exec("COMMIT");
  done_ = true;
}

}  // namespace toolcmp::sql
