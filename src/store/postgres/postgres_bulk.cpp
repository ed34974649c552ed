// Rows written in bulk on PostgreSQL: appended rows are kept in COPY's
// text format and sent by COPY ... FROM STDIN, a table at a time, before
// the next statement runs (so every read sees them, as it would have seen
// an INSERT's) or the transaction commits; ids for rows that must be named
// before they are written come from the table's sequence, a block at a
// time. An import of many rows then costs a few round trips, not one or
// two a row.
#include "store/postgres/libpq.h"
#include "store/postgres/postgres.h"

#include <algorithm>

#include <fmt/format.h>

#include "toolcmp/base/error.h"

namespace toolcmp::sql {

namespace {

// Appended rows are sent when they reach this many bytes, or sooner.
constexpr std::size_t kAppendedBytes = 8 << 20;
// The largest block of ids reserved at once. Each block is twice the last
// (16, 32, ...), so a small import leaves a small gap: never more ids
// unused than it used, plus 16. Reserving costs about 1 us an id (nextval
// as COPY would call it), and 200,000 rows take 15 reservations.
constexpr std::int64_t kMaxIdBlock = std::int64_t{1} << 16;

// COPY's text format: a tab between values, \N for NULL, and a backslash,
// tab, newline or carriage return inside a value escaped.
void put_cell(std::string& data, const Cell& cell) {
  if (!cell) {
    data += "\\N";
    return;
  }
  for (char c : *cell) {
    switch (c) {
      case '\\': data += "\\\\"; break;
      case '\t': data += "\\t"; break;
      case '\n': data += "\\n"; break;
      case '\r': data += "\\r"; break;
      default: data += c;
    }
  }
}

}  // namespace

bool PgConnection::append_row(const BulkTable& table, const Cell* cells, std::size_t count) {
  auto same = [&](const Appended& a) { return std::string_view(a.table.copy) == table.copy; };
  auto it = std::find_if(appended_.begin(), appended_.end(), same);
  if (it == appended_.end()) it = appended_.insert(appended_.end(), Appended{table, {}});
  std::size_t before = it->data.size();
  for (std::size_t i = 0; i < count; ++i) {
    if (i > 0) it->data += '\t';
    put_cell(it->data, cells[i]);
  }
  it->data += '\n';
  appended_bytes_ += it->data.size() - before;
  if (appended_bytes_ >= kAppendedBytes) write_appended();
  return true;
}

void PgConnection::write_appended() {
  if (appended_bytes_ == 0 || reserving_) return;
  appended_bytes_ = 0;
  std::stable_sort(appended_.begin(), appended_.end(),
                   [](const Appended& a, const Appended& b) { return a.table.order < b.table.order; });
  // A client stopped mid-COPY (Ctrl-Z) leaves its session active, where
  // idle_in_transaction_session_timeout never ends it: from its first COPY
  // on, the transaction's statements get that time as their statement
  // timeout, unless the role has one of its own.
  if (!copy_timeout_set_) {
    raw_exec(fmt::format("SELECT set_config('statement_timeout', '{}', true) WHERE current_setting('statement_timeout') = '0'",
                         kIdleInTransactionMs));
    copy_timeout_set_ = true;
  }
  // On a failure the transaction is over, and rollback() drops the rest.
  for (Appended& table : appended_) {
    if (table.data.empty()) continue;
    if (authors_only_ && std::string_view(table.table.copy).substr(0, 7) == "review ") {
      copy_staged(table.table, table.data);
    } else {
      copy_in(fmt::format("COPY {} FROM STDIN", table.table.copy), table.data);
    }
    table.data.clear();  // its buffer is kept for the next rows
  }
}

void PgConnection::copy_in(const std::string& copy, const std::string& data) {
  trace(copy);
  PGresult* result = libpq().PQexec(conn_, copy.c_str());
  if (libpq().PQresultStatus(result) != PGRES_COPY_IN) fail(result, copy);
  libpq().PQclear(result);
  // Sent in pieces of at most 1 GiB: PQputCopyData takes an int.
  constexpr std::size_t kPiece = 1 << 30;
  bool sent = true;
  for (std::size_t at = 0; sent && at < data.size(); at += kPiece) {
    std::size_t size = std::min(kPiece, data.size() - at);
    sent = libpq().PQputCopyData(conn_, data.data() + at, static_cast<int>(size)) == 1;
  }
  if (libpq().PQputCopyEnd(conn_, sent ? nullptr : "toolcmp could not send the rows") != 1) fail(nullptr, copy);
  result = libpq().PQgetResult(conn_);
  bool ok = libpq().PQresultStatus(result) == PGRES_COMMAND_OK;
  // The COPY's result is followed by none: read it, or the connection
  // would still be busy for the next statement.
  while (PGresult* more = libpq().PQgetResult(conn_)) libpq().PQclear(more);
  if (!ok) fail(result, copy);
  libpq().PQclear(result);
}

// Row-level security refuses COPY into its table: the rows go by COPY into
// a temporary table of the same columns (dropped at commit, or with a
// rollback), and from there by one INSERT, which the policies check.
void PgConnection::copy_staged(const BulkTable& table, const std::string& data) {
  std::string_view copy = table.copy;
  std::size_t open = copy.find(" (");
  std::string name(copy.substr(0, open)), columns(copy.substr(open + 2, copy.size() - open - 3));
  std::string stage = "pg_temp.toolcmp_stage_" + name;
  raw_exec(fmt::format("CREATE TEMP TABLE IF NOT EXISTS toolcmp_stage_{} ON COMMIT DROP AS SELECT {} FROM {} WITH NO DATA",
                       name, columns, name));
  copy_in(fmt::format("COPY {} ({}) FROM STDIN", stage, columns), data);
  raw_exec(fmt::format("INSERT INTO {0} ({1}) SELECT {1} FROM {2}; TRUNCATE {2}", name, columns, stage));
}

std::optional<std::int64_t> PgConnection::reserve_id(const char* table) {
  Reserved& ids = reserved_[table];
  if (ids.next == ids.end) {
    ids.block = std::clamp<std::int64_t>(ids.block * 2, 16, kMaxIdBlock);
    // The sequence is all it reads: the appended rows can wait.
    reserving_ = true;
    struct Done {
      bool& flag;
      ~Done() { flag = false; }
    } done{reserving_};
    Statement reserve(*this,
                      "SELECT min(n), max(n) FROM (SELECT nextval(pg_get_serial_sequence(?1, 'id')) AS n "
                      "FROM generate_series(1, ?2)) AS reserved");
    reserve.bind_all(std::string(table), ids.block);
    if (!reserve.step() || reserve.is_null(0)) throw Error(fmt::format("internal error: no ids for table {}", table));
    // nextval is called block times in one statement; another session's
    // calls in between would make the range sparse, so it is checked.
    ids.next = reserve.integer(0);
    ids.end = reserve.integer(1) + 1;
    if (ids.end - ids.next != ids.block) ids.end = ids.next + 1;  // take only the first for certain
  }
  return ids.next++;
}

}  // namespace toolcmp::sql
