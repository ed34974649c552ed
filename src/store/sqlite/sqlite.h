// The SQLite back-end: a thin RAII layer over the SQLite C API. Private to
// the store: no raw sqlite3 handle leaves src/store*.cpp.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "store/sql.h"

struct sqlite3;

namespace toolcmp::sql {

// How long a writer waits for another to finish: eight sanitized imports
// of 2,000 reviews queue for about 20 s on a busy machine.
constexpr int kBusyTimeoutMs = 30000;

class Database : public Connection {
 public:
  Database(const std::string& path, int open_flags);
  ~Database() override;

  sqlite3* handle() { return db_; }
  std::unique_ptr<StatementImpl> prepare(const char* sql) override;
  void exec(const char* sql) override;
  int changes() override;
  const char* returning_id() const override { return ""; }
  const char* schema_version_sql() const override { return "PRAGMA user_version"; }
  std::optional<std::int64_t> inserted_id(Statement& insert) override;
  bool read_only() const override;  // opened for writing, but the file lets it only read
  void begin_write() override;      // BEGIN IMMEDIATE
  void commit() override;
  void rollback() noexcept override;

 private:
  sqlite3* db_ = nullptr;
};

// Copies every page of from into to (SQLite's online backup).
void copy_database(Database& from, Database& to);

}  // namespace toolcmp::sql
