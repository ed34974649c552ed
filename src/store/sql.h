// The store's connection to its database, whichever back-end holds it:
// SQLite (sqlite.h) or PostgreSQL (postgres.h). Private to the store: the
// statements are written once, in SQLite's spelling, and each back-end
// prepares them in its own (see postgres_text.cpp).
#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace toolcmp::sql {

enum class ColumnType { Integer, Real, Text, Blob, Null };

// One back-end's prepared statement.
class StatementImpl {
 public:
  virtual ~StatementImpl() = default;
  // kept: the bytes stay put until the statement is next reset, so the
  // back-end may read them in place instead of copying.
  virtual void bind_text(int index, std::string_view value, bool kept = false) = 0;
  virtual void bind_integer(int index, std::int64_t value) = 0;
  virtual void bind_real(int index, double value) = 0;
  virtual void bind_null(int index) = 0;
  virtual bool step() = 0;
  virtual void reset() = 0;
  virtual ColumnType type(int column) const = 0;
  virtual std::string_view text_view(int column) const = 0;
  virtual std::int64_t integer(int column) const = 0;
  virtual double real(int column) const = 0;
  // A hint that the rows may be many: read them a batch at a time rather
  // than all at once (PostgreSQL; SQLite always steps one row at a time).
  virtual void stream() {}
};

class Statement;

// A table written in bulk (Connection::append): its COPY target, "review
// (tool_id, persona_id, ...)", and its order: tables of a lower order are
// written first, so that a row's parents are there before it.
struct BulkTable {
  const char* copy;
  int order;
};
// One value of an appended row: text as PostgreSQL reads it, or NULL.
using Cell = std::optional<std::string_view>;

// TOOLCMP_TRACE_SQL=1: each statement on stderr when it starts, for
// EXPLAIN and benchmarks (and, on a server, for counting round trips).
bool tracing_sql();

class Connection {
 public:
  virtual ~Connection() = default;
  Connection() = default;
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  virtual std::unique_ptr<StatementImpl> prepare(const char* sql) = 0;
  virtual void exec(const char* sql) = 0;  // statements without parameters only
  virtual int changes() = 0;  // rows changed by the last INSERT, UPDATE or DELETE
  // An INSERT whose SQL ends with returning_id() runs through inserted_id,
  // which gives the new row's id, or none when it inserted nothing. SQLite
  // keeps the last id for free (RETURNING would cost an import 5%); on a
  // server " RETURNING id" brings it back in the same round trip.
  virtual const char* returning_id() const = 0;
  virtual std::optional<std::int64_t> inserted_id(Statement& insert) = 0;
  virtual bool read_only() const { return false; }
  // The statement that reads the schema's version where this back-end keeps it.
  virtual const char* schema_version_sql() const = 0;
  // A write transaction: writers take turns, and rollback() undoes it all.
  virtual void begin_write() = 0;
  // A write that only adds rows, or changes rows it first locks by key
  // (lock_key): such writers do not wait for each other, only for a
  // begin_write() writer, and it for them. Where writers take turns
  // anyway (SQLite), begin_write().
  virtual void begin_row_write() { begin_write(); }
  // Waits for, then holds until the transaction ends, the lock named key
  // in this panel: two row writers of the same row take turns.
  virtual void lock_key(std::uint64_t /*key*/) {}
  virtual void commit() = 0;
  virtual void rollback() noexcept = 0;
  // Each statement is a round trip to a server (not a call into a library
  // in this process): reads of every tool go set-based, not one per tool.
  virtual bool remote() const { return false; }
  // The database itself lets only a review's author change it (row-level
  // security on PostgreSQL, setup-roles --row-security).
  virtual bool authors_only() const { return false; }
  // A row for table, written in bulk before the next statement runs or the
  // transaction commits (COPY on a server), so that rows whose ids nobody
  // needs cost no round trip each; the write and its errors come with that
  // statement. False where the back-end has no such path (SQLite, where a
  // prepared INSERT is as fast): the caller inserts the row itself.
  virtual bool append_row(const BulkTable&, const Cell* /*cells*/, std::size_t /*count*/) { return false; }
  bool append(const BulkTable& table, std::initializer_list<Cell> cells) {
    return append_row(table, cells.begin(), cells.size());
  }
  // The id the next new row of table is to have, reserved from the
  // server's sequence a block at a time (unused ones are a gap, as a
  // rolled-back insert leaves); none where the back-end gives ids only on
  // insert (SQLite).
  virtual std::optional<std::int64_t> reserve_id(const char*) { return std::nullopt; }

  // The first column of the first row of a statement without parameters.
  std::int64_t query_integer(const char* sql);
  std::string query_text(const char* sql);
};

// A prepared statement that finalizes itself. Errors name the statement
// with its bound values.
class Statement {
 public:
  Statement(Connection& db, const char* sql) : impl_(db.prepare(sql)) {}

  Statement& bind(int index, const std::string& value) { impl_->bind_text(index, value); return *this; }
  // Text the caller keeps unchanged until the statement is reset (as the
  // store's cached statements are before each use): not copied.
  Statement& bind_kept(int index, std::string_view value) { impl_->bind_text(index, value, true); return *this; }
  Statement& bind(int index, const std::optional<std::string>& value) {
    return value ? bind(index, *value) : bind_null(index);
  }
  Statement& bind(int index, std::int64_t value) { impl_->bind_integer(index, value); return *this; }
  Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
  Statement& bind(int index, double value) { impl_->bind_real(index, value); return *this; }
  Statement& bind(int index, const std::optional<int>& value) { return value ? bind(index, *value) : bind_null(index); }
  Statement& bind(int index, const std::optional<double>& value) {
    return value ? bind(index, *value) : bind_null(index);
  }
  Statement& bind_null(int index) { impl_->bind_null(index); return *this; }

  template <typename... Values>
  Statement& bind_all(const Values&... values) {
    int index = 0;
    (bind(++index, values), ...);
    return *this;
  }

  Statement& stream() {  // many rows: memory stays flat on every back-end
    impl_->stream();
    return *this;
  }
  bool step() { return impl_->step(); }  // true while a row is available
  void run();                            // steps a statement that returns no rows, then resets it
  void reset() { impl_->reset(); }

  bool is_null(int column) const { return impl_->type(column) == ColumnType::Null; }
  ColumnType type(int column) const { return impl_->type(column); }
  std::string text(int column) const { return std::string(impl_->text_view(column)); }
  std::string_view text_view(int column) const { return impl_->text_view(column); }  // valid until the next step or reset
  std::optional<std::string> optional_text(int column) const;
  std::int64_t integer(int column) const { return impl_->integer(column); }
  std::optional<int> optional_int(int column) const;
  double real(int column) const { return impl_->real(column); }
  std::optional<double> optional_real(int column) const;

 private:
  std::unique_ptr<StatementImpl> impl_;
};

// begin_write() (or begin_row_write()) on construction; rolls back on
// destruction unless commit() ran, so an exception can never leave half a
// write.
class Transaction {
 public:
  explicit Transaction(Connection& db, bool rows = false) : db_(db) {
    if (rows) {
      db_.begin_row_write();
    } else {
      db_.begin_write();
    }
  }
  ~Transaction() {
    if (!done_) db_.rollback();
  }
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit() {
    db_.commit();
    done_ = true;
  }

 private:
  Connection& db_;
  bool done_ = false;
};

}  // namespace toolcmp::sql
