#include "store/sql.h"

#include <cstdlib>

namespace toolcmp::sql {

bool tracing_sql() {
  static const bool tracing = [] {
    const char* flag = std::getenv("TOOLCMP_TRACE_SQL");
    return flag && std::string(flag) == "1";
  }();
  return tracing;
}

std::int64_t Connection::query_integer(const char* sql) {
  Statement stmt(*this, sql);
  return stmt.step() ? stmt.integer(0) : 0;
}

std::string Connection::query_text(const char* sql) {
  Statement stmt(*this, sql);
  return stmt.step() ? stmt.text(0) : "";
}

void Statement::run() {
  while (step()) {
  }
  reset();
}

std::optional<std::string> Statement::optional_text(int column) const {
  if (is_null(column)) return std::nullopt;
  return text(column);
}

std::optional<int> Statement::optional_int(int column) const {
  if (is_null(column)) return std::nullopt;
  return static_cast<int>(integer(column));
}

std::optional<double> Statement::optional_real(int column) const {
  if (is_null(column)) return std::nullopt;
  return real(column);
}

}  // namespace toolcmp::sql
