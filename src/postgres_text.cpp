// The text of PostgreSQL connections and statements: which --db values
// name a server, how a connection string is shown with its password
// hidden, and the one place the store's SQL is respelled for PostgreSQL.
#include <libpq-fe.h>

#include <regex>

#include "postgres.h"
#include "toolcmp/error.h"
#include "toolcmp/store.h"

namespace toolcmp {

bool is_postgres_target(const std::string& db) {
  if (db.rfind("postgresql://", 0) == 0 || db.rfind("postgres://", 0) == 0) return true;
  // A libpq key=value string starts with a keyword and "=" (a file of that
  // name is still reachable as ./service=x).
  static const std::regex keyword(R"(^\s*[a-z_]+\s*=)");
  return std::regex_search(db, keyword);
}

std::string shown_connection(const std::string& db) {
  if (!is_postgres_target(db)) return db;
  std::string shown = db;
  std::size_t scheme = shown.find("://");
  if (scheme != std::string::npos) {
    std::size_t start = scheme + 3;
    std::size_t end = shown.find_first_of("/?", start);
    if (end == std::string::npos) end = shown.size();
    std::size_t at = shown.rfind('@', end);
    if (at != std::string::npos && at >= start) {
      std::size_t colon = shown.find(':', start);
      if (colon != std::string::npos && colon < at) shown.replace(colon + 1, at - colon - 1, "***");
    }
    static const std::regex query(R"(([?&]password=)[^&]*)");
    return std::regex_replace(shown, query, "$1***");
  }
  static const std::regex pair(R"((^|\s)password\s*=\s*('([^'\\]|\\.)*'|\S*))");
  return std::regex_replace(shown, pair, "$1password=***");
}

bool connection_has_password(const std::string& db) {
  return is_postgres_target(db) && !sql::connection_password(db).empty();
}

namespace sql {

std::string connection_password(const std::string& target) {
  char* error = nullptr;
  PQconninfoOption* options = PQconninfoParse(target.c_str(), &error);
  PQfreemem(error);
  std::string password;
  for (PQconninfoOption* option = options; option && option->keyword; ++option) {
    if (std::string(option->keyword) == "password" && option->val) password = option->val;
  }
  PQconninfoFree(options);
  return password;
}

std::string to_postgres(const std::string& sqlite_sql) {
  static const std::regex parameter(R"(\?(\d+))");
  static const std::regex hint(R"( INDEXED BY \w+)");
  static const std::regex nocase(R"(([A-Za-z_][A-Za-z_0-9.]*) = (\$\d+) COLLATE NOCASE)");
  std::string sql = std::regex_replace(sqlite_sql, parameter, "$$$1");
  sql = std::regex_replace(sql, hint, "");
  sql = std::regex_replace(sql, nocase, "lower($1) = lower($2)");
  if (sql.find("COLLATE NOCASE") != std::string::npos || sql.find('?') != std::string::npos) {
    throw Error("internal error: a statement the PostgreSQL back-end cannot translate: " + sqlite_sql);
  }
  return sql;
}

}  // namespace sql
}  // namespace toolcmp
