#include "store/postgres/libpq.h"
#include "store/postgres/postgres.h"

#include <poll.h>

#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <random>
#include <type_traits>

#include <fmt/format.h>

#include "toolcmp/base/error.h"

namespace toolcmp::sql {

// postgres.h passes type ids as unsigned, so as not to include libpq-fe.h.
static_assert(std::is_same_v<Oid, unsigned>);

namespace {

// PostgreSQL's type ids (catalog/pg_type.h is not in libpq-dev).
constexpr Oid kBool = 16, kInt8 = 20, kInt2 = 21, kInt4 = 23, kText = 25, kFloat4 = 700, kFloat8 = 701,
              kNumeric = 1700;
// 64 random bits in hex: this client's prepared statements' names.
std::string random_hex() {
  std::random_device device;
  return fmt::format("{:08x}{:08x}", device(), device());
}

std::string first_line(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  std::size_t newline = text.find('\n');
  return newline == std::string::npos ? text : text.substr(0, newline);
}

void ignore_notice(void*, const char*) {}


// Connects, waiting at most deadline_ms when it is above zero, else 10 s
// (as connect_timeout would). Polled, so that the notice processor is
// toolcmp's before the server says anything: a server shutting down mid-
// handshake otherwise printed a bare "FATAL:" line of libpq's own.
PGconn* connect(const std::string& target, int deadline_ms) {
  // Defaults before dbname (the user's string may change them), UTF-8 after
  // (it may not). Keep-alives: a server gone without a word (a cable, a
  // crashed host) is noticed in about a minute, not at the kernel's two hours.
  const char* keywords[] = {"connect_timeout", "fallback_application_name", "keepalives", "keepalives_idle",
                            "keepalives_interval", "keepalives_count", "dbname", "client_encoding", nullptr};
  const char* values[] = {"10", "toolcmp", "1", "30", "10", "3", target.c_str(), "UTF8", nullptr};
  if (deadline_ms <= 0) deadline_ms = 10000;
  PGconn* conn = libpq().PQconnectStartParams(keywords, values, 1);
  if (!conn || libpq().PQstatus(conn) == CONNECTION_BAD) return conn;
  libpq().PQsetNoticeProcessor(conn, ignore_notice, nullptr);
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(deadline_ms);
  for (PostgresPollingStatusType state = PGRES_POLLING_WRITING;;) {
    if (state == PGRES_POLLING_OK || state == PGRES_POLLING_FAILED) return conn;
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    pollfd fd{libpq().PQsocket(conn), static_cast<short>(state == PGRES_POLLING_READING ? POLLIN : POLLOUT), 0};
    if (left.count() <= 0 || ::poll(&fd, 1, static_cast<int>(left.count())) <= 0) {
      libpq().PQfinish(conn);
      throw Error(fmt::format("PostgreSQL did not answer within {} ms", deadline_ms));
    }
    state = libpq().PQconnectPoll(conn);
  }
}

class PgStatement final : public StatementImpl {
 public:
  PgStatement(PgConnection& conn, const char* sql) : conn_(conn), sql_(to_postgres(sql)) {
    std::vector<bool> used;
    for (std::size_t at = sql_.find('$'); at != std::string::npos; at = sql_.find('$', at + 1)) {
      auto index = static_cast<std::size_t>(std::atoi(sql_.c_str() + at + 1));
      if (index > used.size()) used.resize(index, false);
      if (index > 0) used[index - 1] = true;
    }
    values_.resize(used.size());
    // A NULL's type comes from where it is used; a parameter the statement
    // never uses (a filter left out) is given one, as PostgreSQL needs.
    for (bool is_used : used) unused_type_.push_back(is_used ? 0 : kText);
    types_ = unused_type_;
  }
  ~PgStatement() override {
    if (!cursor_.empty()) conn_.close_cursor(cursor_);
    libpq().PQclear(result_);
  }

  void bind_text(int index, std::string_view value, bool) override { set(index, std::string(value), kText); }
  void bind_integer(int index, std::int64_t value) override { set(index, std::to_string(value), kInt8); }
  void bind_real(int index, double value) override { set(index, fmt::format("{}", value), kFloat8); }
  void bind_null(int index) override { set(index, std::nullopt, 0); }

  bool step() override {
    if (!result_) {
      std::vector<const char*> values;
      for (const auto& value : values_) values.push_back(value ? value->c_str() : nullptr);
      if (streaming_) cursor_ = conn_.declare_cursor(sql_, types_, values);
      result_ = cursor_.empty() ? conn_.run(sql_, types_, values) : conn_.fetch(cursor_);
      row_ = 0;
    } else {
      ++row_;
    }
    if (row_ >= libpq().PQntuples(result_) && !cursor_.empty() && libpq().PQntuples(result_) == kCursorBatch) {
      libpq().PQclear(result_);
      result_ = nullptr;  // fetch may throw: never clear a result twice
      result_ = conn_.fetch(cursor_);
      row_ = 0;
    }
    return row_ < libpq().PQntuples(result_);
  }
  void stream() override { streaming_ = true; }
  void reset() override {
    if (!cursor_.empty()) conn_.close_cursor(cursor_);
    cursor_.clear();
    libpq().PQclear(result_);
    result_ = nullptr;
    types_ = unused_type_;
    values_.assign(values_.size(), std::nullopt);
  }

  ColumnType type(int column) const override {
    if (libpq().PQgetisnull(result_, row_, column)) return ColumnType::Null;
    switch (libpq().PQftype(result_, column)) {
      case kBool: case kInt2: case kInt4: case kInt8: return ColumnType::Integer;
      case kFloat4: case kFloat8: case kNumeric: return ColumnType::Real;
      default: return ColumnType::Text;
    }
  }
  std::string_view text_view(int column) const override {
    return {libpq().PQgetvalue(result_, row_, column), static_cast<std::size_t>(libpq().PQgetlength(result_, row_, column))};
  }
  std::int64_t integer(int column) const override {
    const char* value = libpq().PQgetvalue(result_, row_, column);
    if (libpq().PQftype(result_, column) == kBool) return value[0] == 't' ? 1 : 0;
    std::int64_t number = 0;  // from_chars: no locale, a tenth of a rank's time as strtoll
    std::from_chars(value, value + libpq().PQgetlength(result_, row_, column), number);
    return number;
  }
  double real(int column) const override { return std::strtod(libpq().PQgetvalue(result_, row_, column), nullptr); }

 private:
  // A NULL's type comes from where it is used (or, unused, stays kText).
  void set(int index, std::optional<std::string> value, Oid type) {
    auto at = static_cast<std::size_t>(index - 1);
    if (index < 1 || at >= values_.size()) throw Error(fmt::format("internal error: no parameter ${} in: {}", index, sql_));
    types_[at] = value ? type : unused_type_[at];
    values_[at] = std::move(value);
  }

  PgConnection& conn_;
  std::string sql_;
  std::vector<std::optional<std::string>> values_;  // none: NULL
  std::vector<Oid> types_, unused_type_;
  PGresult* result_ = nullptr;
  int row_ = 0;
  bool streaming_ = false;
  std::string cursor_;  // while a streamed statement is read
};

}  // namespace

void trace(const std::string& sql) {
  if (tracing_sql()) std::fprintf(stderr, "toolcmp: sql: %s\n", sql.c_str());
}

PgConnection::PgConnection(const std::string& target, std::string shown, int deadline_ms)
    : target_(target),
      shown_(std::move(shown)),
      secrets_(connection_secrets(target)),
      names_("toolcmp_" + random_hex() + "_"),
      deadline_ms_(deadline_ms) {
  if (!secrets_.parsed) {
    // libpq's own message would quote the part it could not read, which
    // may be the password: it is not passed on.
    throw UsageError("libpq cannot read the connection string given to --db (check its quoting and %-escapes; "
                     "a password belongs in PGPASSWORD, ~/.pgpass or a PGSERVICE file)");
  }
  conn_ = connect(target, deadline_ms);
  if (!conn_) throw Error("cannot connect to PostgreSQL: out of memory");
  if (libpq().PQstatus(conn_) != CONNECTION_OK) {
    std::string reason = first_line(libpq().PQerrorMessage(conn_));
    libpq().PQfinish(conn_);
    conn_ = nullptr;
    reason = hide_password(reason);
    throw Error(fmt::format("cannot connect to PostgreSQL at '{}': {}", shown_, reason));
  }
  libpq().PQsetNoticeProcessor(conn_, ignore_notice, nullptr);
}

PgConnection::~PgConnection() {
  // A transaction still open ends here, its statements deallocated, so that
  // a pooler gives the next client a clean server connection.
  if (conn_ && in_transaction_ && libpq().PQstatus(conn_) == CONNECTION_OK) {
    libpq().PQclear(libpq().PQexec(conn_, end_sql(implicit_ ? "COMMIT" : "ROLLBACK").c_str()));
    if (libpq().PQtransactionStatus(conn_) != PQTRANS_IDLE) libpq().PQclear(libpq().PQexec(conn_, "ROLLBACK"));
  }
  libpq().PQfinish(conn_);
}

// A server's message never quotes the password, but a message that
// echoes the connection string would: it is hidden wherever it appears.
std::string PgConnection::hide_password(std::string text) const {
  auto replace_all = [&](const std::string& what, const std::string& with) {
    if (what.empty()) return;
    for (std::size_t at = 0; (at = text.find(what, at)) != std::string::npos; at += with.size()) {
      text.replace(at, what.size(), with);
    }
  };
  replace_all(target_, shown_);
  for (const std::string& secret : secrets_.values) {
    if (secret.size() >= 3) replace_all(secret, "***");  // shorter: too short to tell from ordinary text
  }
  return text;
}

std::unique_ptr<StatementImpl> PgConnection::prepare(const char* sql) {
  return std::make_unique<PgStatement>(*this, sql);
}

PGresult* PgConnection::run(const std::string& sql, const std::vector<unsigned>& types,
                            const std::vector<const char*>& values) {
  ensure_transaction();
  write_appended();
  std::string key = sql;
  for (unsigned type : types) key += fmt::format(";{}", type);
  Prepared& statement = prepared_[key];
  auto count = static_cast<int>(values.size());
  // Most statements of a command run once: the first run is parsed, bound
  // and run in one round trip; a statement run a third time is prepared,
  // once per transaction.
  if (statement.name.empty() && statement.runs >= 2) {
    std::string name = names_ + std::to_string(++named_);
    trace("PREPARE " + sql);
    PGresult* result = libpq().PQprepare(conn_, name.c_str(), sql.c_str(), count, types.data());
    if (libpq().PQresultStatus(result) != PGRES_COMMAND_OK) fail(result, sql);
    libpq().PQclear(result);
    statement.name = name;
    prepared_now_.push_back(name);
  }
  ++statement.runs;
  trace(sql);
  PGresult* result = statement.name.empty()
                         ? libpq().PQexecParams(conn_, sql.c_str(), count, types.data(), values.data(), nullptr, nullptr, 0)
                         : libpq().PQexecPrepared(conn_, statement.name.c_str(), count, values.data(), nullptr, nullptr, 0);
  ExecStatusType status = libpq().PQresultStatus(result);
  if (status == PGRES_COMMAND_OK) {
    changes_ = std::atoi(libpq().PQcmdTuples(result));
  } else if (status != PGRES_TUPLES_OK) {
    fail(result, sql);
  }
  return result;
}


std::string PgConnection::declare_cursor(const std::string& sql, const std::vector<unsigned>& types,
                                         const std::vector<const char*>& values) {
  if (!in_transaction_ || implicit_ || libpq().PQtransactionStatus(conn_) != PQTRANS_INTRANS) return "";
  write_appended();
  std::string name = fmt::format("toolcmp_cursor_{}", ++cursors_);
  std::string declare = fmt::format("DECLARE {} NO SCROLL CURSOR FOR {}", name, sql);
  trace(declare);
  PGresult* result = libpq().PQexecParams(conn_, declare.c_str(), static_cast<int>(values.size()), types.data(),
                                          values.data(), nullptr, nullptr, 0);
  if (libpq().PQresultStatus(result) != PGRES_COMMAND_OK) fail(result, sql);
  libpq().PQclear(result);
  cursors_open_.push_back(name);
  return name;
}

PGresult* PgConnection::fetch(const std::string& cursor) {
  std::string sql = fmt::format("FETCH {} FROM {}", kCursorBatch, cursor);
  trace(sql);
  PGresult* result = libpq().PQexec(conn_, sql.c_str());
  if (libpq().PQresultStatus(result) != PGRES_TUPLES_OK) fail(result, sql);
  return result;
}

void PgConnection::close_cursor(const std::string& cursor) noexcept {
  // Only a cursor of this transaction: closing one that ended with an
  // earlier transaction would fail, and abort this one.
  auto open = std::find(cursors_open_.begin(), cursors_open_.end(), cursor);
  if (open == cursors_open_.end()) return;
  cursors_open_.erase(open);
  if (libpq().PQtransactionStatus(conn_) == PQTRANS_INTRANS) libpq().PQclear(libpq().PQexec(conn_, fmt::format("CLOSE {}", cursor).c_str()));
}

void PgConnection::exec(const char* sql) {
  ensure_transaction();
  write_appended();
  raw_exec(sql);
}

void PgConnection::raw_exec(const std::string& sql) {
  trace(sql);
  PGresult* result = libpq().PQexec(conn_, sql.c_str());
  ExecStatusType status = libpq().PQresultStatus(result);
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) fail(result, sql);
  libpq().PQclear(result);
}

std::optional<std::int64_t> PgConnection::inserted_id(Statement& insert) {
  std::optional<std::int64_t> id;
  if (insert.step()) id = insert.integer(0);
  insert.run();
  return id;
}

bool PgConnection::uses_tls() { return libpq().PQsslInUse(conn_) == 1; }

std::string PgConnection::address() {
  auto part = [](const char* value) { return std::string(value ? value : ""); };
  return fmt::format("{} {} {}", part(libpq().PQhost(conn_)), part(libpq().PQport(conn_)), part(libpq().PQdb(conn_)));
}

std::string PgConnection::server_version() {
  int version = libpq().PQserverVersion(conn_);
  return fmt::format("PostgreSQL {}.{}", version / 10000, version % 10000);
}

void PgConnection::fail(PGresult* result, const std::string& doing) {
  const char* state_field = result ? libpq().PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  std::string state = state_field ? state_field : "";
  const char* primary = result ? libpq().PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
  std::string reason = first_line(primary ? primary : libpq().PQerrorMessage(conn_));
  libpq().PQclear(result);
  reason = hide_password(reason);
  const char* nothing = in_transaction_ && !implicit_ ? "; nothing was written" : "";
  if (libpq().PQstatus(conn_) != CONNECTION_OK || state.rfind("08", 0) == 0 || state.rfind("57P", 0) == 0) {
    throw Error(fmt::format("lost the connection to PostgreSQL at '{}' ({}){}", shown_, reason, nothing));
  }
  if (state == "40001" || state == "40P01" || state == "55P03") {
    throw BusyError(fmt::format("the database is busy (another toolcmp is writing); try again: {}{}", reason, nothing));
  }
  if (state == "42501" || state == "25006") {
    const char* why = reason.find("row-level security") != std::string::npos
                          ? "the panel's row-level security: only a review's author may change it"
                          : "the role may only read";
    throw Error(fmt::format("PostgreSQL at '{}' refused: {} ({}){}", shown_, reason, why, nothing));
  }
  if (state == "53100") throw Error(fmt::format("the PostgreSQL server's disk is full{}: {}", nothing, reason));
  if (state == "57014") throw Error(fmt::format("PostgreSQL cancelled the statement: {}{}", reason, nothing));
  throw Error(fmt::format("database error: {} (in: {})", reason, doing));
}

}  // namespace toolcmp::sql
