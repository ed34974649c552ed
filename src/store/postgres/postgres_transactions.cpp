// PostgreSQL's transactions as toolcmp uses them, safe behind a pooler:
// what each one sets with SET LOCAL, the implicit transaction around
// statements outside one, the writers' per-panel lock, reconnecting before
// a write, and prepared statements deallocated before a transaction ends.
#include "store/postgres/libpq.h"
#include "store/postgres/postgres.h"

#include <chrono>
#include <cstdint>
#include <cstring>
#include <thread>

#include <fmt/format.h>

#include "toolcmp/base/error.h"

namespace toolcmp::sql {

namespace {

// The writers' advisory lock: "TCMP" (as the SQLite file's application id)
// and the panel's schema, so that two panels in one database never wait
// for each other.
constexpr std::int32_t kWriterLockClass = 1413696848;
// A connection lost before a write starts is made again this many times,
// waiting 0.2, 0.4, 0.8, 1.6 and 3.2 s: a server restart of some seconds.
constexpr int kReconnects = 5;

// FNV-1a: the schema's part of the lock key, the same in every toolcmp.
std::int32_t schema_lock_key(const std::string& name) {
  std::uint32_t hash = 2166136261u;
  for (unsigned char c : name) hash = (hash ^ c) * 16777619u;
  return static_cast<std::int32_t>(hash);
}

}  // namespace

std::string quoted_identifier(const std::string& name) {
  std::string quoted = "\"";
  for (char c : name) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

std::string PgConnection::local_settings(bool writing) const {
  // Reads wait for a lock no longer than writes do (a table locked by
  // someone else is "busy", exit 1, never a pass), unless the role chose
  // a wait of its own. Only a writer is ended for idling: it holds the
  // panel's lock, while a reader streaming into a paused pager holds none.
  // No JIT: the server compiles a statement whose estimated cost is high,
  // as every panel-wide read's is, and compiling took longer than it
  // saved: rank on 100,000 tools 1.74 s with it, 1.58 s without.
  std::string sql = fmt::format(
      "SELECT CASE WHEN current_setting('lock_timeout') = '0' THEN set_config('lock_timeout', '{}', true) END, "
      "set_config('jit', 'off', true)",
      kPgLockTimeoutMs);
  if (writing) {
    sql += fmt::format(", CASE WHEN current_setting('idle_in_transaction_session_timeout') = '0' THEN "
                       "set_config('idle_in_transaction_session_timeout', '{}', true) END",
                       kIdleInTransactionMs);
  }
  if (!schema_.empty()) sql += "; SET LOCAL search_path = " + schema_;
  if (deadline_ms_ > 0) sql += fmt::format("; SET LOCAL statement_timeout = {}", deadline_ms_);
  return sql;
}

void PgConnection::pin_schema(const std::string& name) {
  schema_ = quoted_identifier(name);
  lock_key_ = schema_lock_key(name);
}

void PgConnection::ensure_transaction() {
  if (in_transaction_) return;
  std::string begin = "BEGIN ISOLATION LEVEL READ COMMITTED; " + local_settings(false);
  in_transaction_ = implicit_ = true;
  raw_exec(begin);
}

std::string PgConnection::end_sql(const char* end) const {
  std::string sql;
  for (const std::string& name : prepared_now_) sql += "DEALLOCATE " + name + "; ";
  return sql + end;
}

void PgConnection::forget_transaction() {
  for (const std::string& name : prepared_now_) {
    for (auto& [key, statement] : prepared_) {
      if (statement.name == name) statement.name.clear();
    }
  }
  prepared_now_.clear();
  cursors_open_.clear();
  appended_.clear();  // rows of a transaction that did not commit go with it
  appended_bytes_ = 0;
  copy_timeout_set_ = false;
  in_transaction_ = implicit_ = false;
}

void PgConnection::begin_write_locking(bool shared) {
  // One round trip: the end of an implicit transaction, the new one, its
  // settings, the lock.
  std::string begin = fmt::format("BEGIN ISOLATION LEVEL READ COMMITTED; {}; SELECT pg_advisory_xact_lock{}({}, {})",
                                  local_settings(true), shared ? "_shared" : "", kWriterLockClass, lock_key_);
  std::string sql = implicit_ ? end_sql("COMMIT") + "; " + begin : begin;
  for (int attempt = 0;; ++attempt) {
    forget_transaction();
    in_transaction_ = true;
    trace(sql);
    PGresult* result = libpq().PQexec(conn_, sql.c_str());
    ExecStatusType status = libpq().PQresultStatus(result);
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) {
      libpq().PQclear(result);
      return;
    }
    if (libpq().PQstatus(conn_) != CONNECTION_BAD || attempt == kReconnects || deadline_ms_ > 0) fail(result, sql);
    // Lost before anything was written (a server restart, a pooler's
    // restart, a network blip): connect again and begin again.
    libpq().PQclear(result);
    std::this_thread::sleep_for(std::chrono::milliseconds(200 << attempt));
    libpq().PQreset(conn_);
    sql = begin;
  }
}

void PgConnection::lock_key(std::uint64_t key) {
  // The one-number form of the advisory lock: never the panel's, which
  // takes two. The panel's schema is mixed in, so panels never collide.
  Statement lock(*this, "SELECT pg_advisory_xact_lock(CAST(?1 AS BIGINT))");
  std::uint64_t panel = static_cast<std::uint32_t>(lock_key_);
  lock.bind(1, static_cast<std::int64_t>(key ^ (panel * 0x9E3779B97F4A7C15u)));
  lock.step();
}

void PgConnection::begin_snapshot() {
  std::string begin = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; " + local_settings(false);
  std::string sql = implicit_ ? end_sql("COMMIT") + "; " + begin : begin;
  forget_transaction();
  in_transaction_ = true;
  raw_exec(sql);
}

void PgConnection::commit() {
  write_appended();
  PGresult* result = libpq().PQexec(conn_, end_sql("COMMIT").c_str());
  bool committed = libpq().PQresultStatus(result) == PGRES_COMMAND_OK && std::strcmp(libpq().PQcmdStatus(result), "COMMIT") == 0;
  forget_transaction();
  if (committed) {
    libpq().PQclear(result);
    return;
  }
  if (libpq().PQstatus(conn_) != CONNECTION_OK) {
    libpq().PQclear(result);
    throw Error(fmt::format("lost the connection to PostgreSQL at '{}' while committing: the change may or may not "
                            "have been saved, so check it before trying again", shown_));
  }
  libpq().PQclear(result);
  if (libpq().PQtransactionStatus(conn_) != PQTRANS_IDLE) libpq().PQclear(libpq().PQexec(conn_, "ROLLBACK"));
  throw Error(fmt::format("PostgreSQL at '{}' rolled the transaction back; nothing was written", shown_));
}

void PgConnection::rollback() noexcept {
  // An aborted transaction takes no DEALLOCATE: its names are this
  // client's alone, and a pooler's server connection drops them in time.
  forget_transaction();
  if (libpq().PQstatus(conn_) == CONNECTION_OK) libpq().PQclear(libpq().PQexec(conn_, "ROLLBACK"));
}

}  // namespace toolcmp::sql
