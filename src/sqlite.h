// A thin RAII layer over the SQLite C API. Private to the store: no raw
// sqlite3 handle leaves src/store*.cpp.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace toolcmp::sql {

// How long a writer waits for another to finish: eight sanitized imports
// of 2,000 reviews queue for about 20 s on a busy machine.
constexpr int kBusyTimeoutMs = 30000;

class Database {
 public:
  Database(const std::string& path, int open_flags);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  sqlite3* handle() { return db_; }
  void exec(const char* sql);  // statements without parameters only
  std::int64_t last_insert_rowid() const;
  int changes() const;
  bool read_only() const;  // opened for writing, but the file lets it only read
  // The first column of the first row of a statement without parameters.
  std::int64_t query_integer(const char* sql);
  std::string query_text(const char* sql);

 private:
  sqlite3* db_ = nullptr;
};

// Copies every page of from into to (SQLite's online backup).
void copy_database(Database& from, Database& to);

enum class ColumnType { Integer, Real, Text, Blob, Null };

// A prepared statement that finalizes itself. Errors name the statement
// with its bound values.
class Statement {
 public:
  Statement(Database& db, const char* sql);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& bind(int index, const std::string& value);
  Statement& bind(int index, const std::optional<std::string>& value);
  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
  Statement& bind(int index, double value);
  Statement& bind(int index, const std::optional<int>& value);
  Statement& bind(int index, const std::optional<double>& value);
  Statement& bind_null(int index);

  template <typename... Values>
  Statement& bind_all(const Values&... values) {
    int index = 0;
    (bind(++index, values), ...);
    return *this;
  }

  bool step();  // true while a row is available
  void run();   // steps a statement that returns no rows, then resets it
  void reset();

  bool is_null(int column) const;
  ColumnType type(int column) const;
  std::string text(int column) const;
  std::string_view text_view(int column) const;  // valid until the next step or reset
  std::optional<std::string> optional_text(int column) const;
  std::int64_t integer(int column) const;
  std::optional<int> optional_int(int column) const;
  double real(int column) const;
  std::optional<double> optional_real(int column) const;

 private:
  [[noreturn]] void fail(int rc) const;

  Database& db_;
  sqlite3_stmt* stmt_ = nullptr;
};

// BEGIN IMMEDIATE on construction; rolls back on destruction unless
// commit() ran, so an exception can never leave half a write.
class Transaction {
 public:
  explicit Transaction(Database& db);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit();

 private:
  Database& db_;
  bool done_ = false;
};

}  // namespace toolcmp::sql
