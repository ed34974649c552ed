// The PostgreSQL back-end: one libpq connection, statements prepared once
// per connection from the store's SQL (translated by to_postgres), values
// sent as bound parameters. Private to the store.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "store/sql.h"

struct pg_conn;
struct pg_result;

namespace toolcmp::sql {

// How long a writer waits for another's turn to end, as SQLite's busy
// timeout: lock_timeout on the server.
constexpr int kPgLockTimeoutMs = 60000;
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

class PgConnection : public Connection {
 public:
  // target: a postgresql:// URI or a libpq key=value string, as given;
  // shown: the same with its password hidden, for every message.
  // deadline_ms > 0: give up connecting after that long (shell completion).
  PgConnection(const std::string& target, std::string shown, int deadline_ms = 0);
  ~PgConnection() override;

  std::unique_ptr<StatementImpl> prepare(const char* sql) override;
  void exec(const char* sql) override;
  int changes() override { return changes_; }
  const char* returning_id() const override { return " RETURNING id"; }
  const char* schema_version_sql() const override { return "SELECT version FROM toolcmp_schema"; }
  std::optional<std::int64_t> inserted_id(Statement& insert) override;
  void begin_write() override;  // BEGIN, then toolcmp's advisory lock: writers take turns
  void commit() override;
  void rollback() noexcept override;
  void begin_snapshot();        // one read-only snapshot for the whole command
  std::string server_version();  // "PostgreSQL 15.4"

  // For PgStatement: runs sql with these parameters (prepared once it runs
  // a second time); throws on failure, keeps changes().
  pg_result* run(const std::string& sql, const std::vector<unsigned>& types, const std::vector<const char*>& values);
  [[noreturn]] void fail(pg_result* result, const std::string& doing);
  // A cursor inside the open transaction: declared for sql with these
  // parameters, then read kCursorBatch rows at a time. Returns its name,
  // or an empty one outside a transaction (no cursor can live there).
  std::string declare_cursor(const std::string& sql, const std::vector<unsigned>& types,
                             const std::vector<const char*>& values);
  pg_result* fetch(const std::string& cursor);
  void close_cursor(const std::string& cursor) noexcept;
  const std::string& shown() const { return shown_; }

 private:
  std::string hide_password(std::string text) const;

  pg_conn* conn_ = nullptr;
  std::string target_, shown_;
  ConnectionSecrets secrets_;
  struct Prepared {
    int runs = 0;
    std::string name;  // once prepared
  };
  std::map<std::string, Prepared, std::less<>> prepared_;
  int named_ = 0;
  int changes_ = 0;
  int cursors_ = 0;
  bool in_transaction_ = false;
};

// The store's SQL (SQLite's spelling: ?N, INDEXED BY, x = ?N COLLATE
// NOCASE) in PostgreSQL's ($N, no index hint, lower(x) = lower($N)).
// Every difference of dialect in a shared statement is here.
std::string to_postgres(const std::string& sqlite_sql);


}  // namespace toolcmp::sql
