// The PostgreSQL back-end: one libpq connection, statements prepared once
// per connection from the store's SQL (translated by to_postgres), values
// sent as bound parameters. Private to the store.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "store/sql.h"

struct pg_conn;
struct pg_result;

namespace toolcmp::sql {

// How long a writer waits for another's turn to end, as SQLite's busy
// timeout: lock_timeout on the server.
constexpr int kPgLockTimeoutMs = 60000;
// A session idle inside a transaction this long is ended by the server,
// so that a suspended writer (Ctrl-Z) holds the lock for no longer: well
// under the 60 s another writer waits for it. A COPY, during which a
// suspended client leaves the session active rather than idle, gets the
// same time as its statement timeout (and so do the statements after it
// in its transaction).
constexpr int kIdleInTransactionMs = 30000;
// Rows a streamed statement reads from the server at a time.
constexpr int kCursorBatch = 1000;

// The secrets a connection string holds (password, sslpassword), as
// libpq itself reads them: percent-decoded, unquoted. parsed is false
// when libpq cannot read the string at all.
struct ConnectionSecrets {
  bool parsed = false;
  std::vector<std::string> values;
};
ConnectionSecrets connection_secrets(const std::string& target);

// --db's schema=NAME: toolcmp's own connection parameter (libpq does not
// know it), the panel's schema in the database; taken out of the string
// before libpq reads it. A URI's ?schema=NAME is percent-decoded, a
// key=value string's schema='NAME' unquoted. Throws UsageError for an
// empty name or one longer than PostgreSQL's 63 bytes.
struct SchemaChoice {
  std::string target;  // the rest, for libpq
  std::optional<std::string> schema;
};
SchemaChoice split_schema(const std::string& db);

// "team ""a""": a name as an SQL identifier, for the statements that take
// no parameter in its place (CREATE SCHEMA, SET LOCAL search_path).
std::string quoted_identifier(const std::string& name);

// Pooler-safe (pgbouncer in transaction mode): every statement runs in a
// transaction (one is begun for statements outside any), each transaction
// sets what the connection needs with SET LOCAL (schema, lock and idle
// time-outs, completion's deadline), and a statement is prepared under a
// name no other client uses, only inside a transaction, and deallocated
// before it ends; nothing outlives a transaction on the server.
class PgConnection : public Connection {
 public:
  // target: a postgresql:// URI or a libpq key=value string, as given
  // (without toolcmp's schema=); shown: the same with its password hidden,
  // for every message. deadline_ms > 0: give up connecting, and any
  // statement, after that long (shell completion).
  PgConnection(const std::string& target, std::string shown, int deadline_ms = 0);
  ~PgConnection() override;

  std::unique_ptr<StatementImpl> prepare(const char* sql) override;
  void exec(const char* sql) override;
  int changes() override { return changes_; }
  const char* returning_id() const override { return " RETURNING id"; }
  const char* schema_version_sql() const override { return "SELECT version FROM toolcmp_schema"; }
  bool remote() const override { return true; }
  bool authors_only() const override { return authors_only_; }
  void set_authors_only(bool on) { authors_only_ = on; }
  std::optional<std::int64_t> inserted_id(Statement& insert) override;
  bool append_row(const BulkTable& table, const Cell* cells, std::size_t count) override;
  std::optional<std::int64_t> reserve_id(const char* table) override;
  // BEGIN, then the panel's advisory lock: the writers of one schema take
  // turns, other schemas' writers do not wait. A connection lost before
  // anything is written is made again, a few times, with backoff.
  void begin_write() override { begin_write_locking(false); }
  // The same lock, shared: row writers of one panel run side by side.
  void begin_row_write() override { begin_write_locking(true); }
  void lock_key(std::uint64_t key) override;
  void commit() override;
  void rollback() noexcept override;
  void begin_snapshot();        // one read-only snapshot for the rest of the command
  std::string server_version();  // "PostgreSQL 15.4"
  bool uses_tls();
  // Where libpq connected: host (or socket directory), port, database.
  std::string address();
  // The panel's schema, for every transaction from here on (the one open
  // has set it already). Its name picks the writers' lock.
  void pin_schema(const std::string& name);

  // For PgStatement: runs sql with these parameters (prepared once it runs
  // a second time in a transaction); throws on failure, keeps changes().
  pg_result* run(const std::string& sql, const std::vector<unsigned>& types, const std::vector<const char*>& values);
  [[noreturn]] void fail(pg_result* result, const std::string& doing);
  // A cursor inside the open explicit transaction (a snapshot or a write):
  // declared for sql with these parameters, then read kCursorBatch rows at
  // a time. Returns its name, or an empty one when no cursor can live there.
  std::string declare_cursor(const std::string& sql, const std::vector<unsigned>& types,
                             const std::vector<const char*>& values);
  pg_result* fetch(const std::string& cursor);
  void close_cursor(const std::string& cursor) noexcept;
  const std::string& shown() const { return shown_; }

 private:
  std::string hide_password(std::string text) const;
  // What each transaction sets, after its BEGIN; a writer's more.
  std::string local_settings(bool writing) const;
  // Statements outside any transaction run in one begun here (READ COMMITTED).
  void ensure_transaction();
  // DEALLOCATE each statement this transaction prepared, then `end`.
  std::string end_sql(const char* end) const;
  // The open transaction is over: its prepared names and cursors with it.
  void forget_transaction();
  void raw_exec(const std::string& sql);
  void begin_write_locking(bool shared);
  // The appended rows, by COPY, lower orders first; before any statement.
  void write_appended();
  void copy_in(const std::string& copy, const std::string& data);
  void copy_staged(const BulkTable& table, const std::string& data);

  pg_conn* conn_ = nullptr;
  std::string target_, shown_;
  ConnectionSecrets secrets_;
  struct Prepared {
    int runs = 0;
    std::string name;  // once prepared, in this transaction
  };
  std::map<std::string, Prepared, std::less<>> prepared_;
  std::vector<std::string> prepared_now_;  // names prepared in this transaction
  std::vector<std::string> cursors_open_;
  std::string names_;  // "toolcmp_<random>_": no other client's
  int named_ = 0;
  int changes_ = 0;
  int cursors_ = 0;
  int deadline_ms_ = 0;
  std::string schema_;  // SET LOCAL search_path's value, quoted; empty until pinned
  std::int32_t lock_key_ = 0;
  bool in_transaction_ = false;
  bool implicit_ = false;  // the open transaction was begun for statements outside one
  struct Appended {
    BulkTable table;
    std::string data;  // COPY's text format
  };
  std::vector<Appended> appended_;  // by table, in no set order
  std::size_t appended_bytes_ = 0;
  bool copy_timeout_set_ = false;  // in this transaction
  bool authors_only_ = false;      // row security on review: COPY goes through a staging table
  bool reserving_ = false;         // ids being reserved: nothing to write first
  struct Reserved {
    std::int64_t next = 0, end = 0;  // [next, end) are this transaction's
    std::int64_t block = 0;
  };
  std::map<std::string, Reserved, std::less<>> reserved_;  // by table
};

// With TOOLCMP_TRACE_SQL=1, sql on stderr as it is sent.
void trace(const std::string& sql);

// The store's SQL (SQLite's spelling: ?N, INDEXED BY, x = ?N COLLATE
// NOCASE) in PostgreSQL's ($N, no index hint, lower(x) = lower($N COLLATE "C")).
// Every difference of dialect in a shared statement is here.
std::string to_postgres(const std::string& sqlite_sql);


}  // namespace toolcmp::sql
