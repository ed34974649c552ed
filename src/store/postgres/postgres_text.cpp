// The text of PostgreSQL connections and statements: which --db values
// name a server, how a connection string is shown with its password
// hidden, and the one place the store's SQL is respelled for PostgreSQL.

#include <algorithm>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "store/postgres/libpq.h"
#include "store/postgres/postgres.h"
#include "toolcmp/base/error.h"
#include "toolcmp/store/store.h"

namespace toolcmp {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
bool is_word(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'; }

// Where a key=value string's value that starts at `at` ends: a quoted
// value at its closing quote (backslash escapes), else at white space.
std::size_t value_end(const std::string& text, std::size_t at) {
  if (at < text.size() && text[at] == '\'') {
    for (++at; at < text.size() && text[at] != '\''; ++at) {
      if (text[at] == '\\') ++at;
    }
    return std::min(at + 1, text.size());
  }
  while (at < text.size() && !is_space(text[at])) ++at;
  return at;
}

// Walks a key=value string piece by piece: each `key = value`, with the
// white space before it, as pair(start, key, value, end); anything else
// as other(start, end). The pieces in order are the whole string.
template <typename Pair, typename Other>
void each_pair(const std::string& text, Pair&& pair, Other&& other) {
  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t start = at;
    while (at < text.size() && is_space(text[at])) ++at;
    std::size_t key = at;
    while (at < text.size() && is_word(text[at])) ++at;
    std::string_view name(text.data() + key, at - key);
    while (at < text.size() && is_space(text[at])) ++at;
    if (!name.empty() && at < text.size() && text[at] == '=') {
      ++at;
      while (at < text.size() && is_space(text[at])) ++at;
      std::size_t end = value_end(text, at);
      pair(start, name, at, end);
      at = end;
    } else {
      at = std::max(at, start + 1);
      other(start, at);
    }
  }
}

// Replaces the value of every `password=` in a key=value string.
std::string hide_keyword_password(const std::string& text) {
  std::string shown;
  each_pair(
      text,
      [&](std::size_t start, std::string_view key, std::size_t value, std::size_t end) {
        shown += text.substr(start, value - start) + (key == "password" ? "***" : text.substr(value, end - value));
      },
      [&](std::size_t start, std::size_t end) { shown += text.substr(start, end - start); });
  return shown;
}

// Replaces the password of a URI's user:password@ and of its ?password= parameter.
std::string hide_uri_password(std::string shown, std::size_t authority) {
  std::size_t end = shown.find_first_of("/?", authority);
  if (end == std::string::npos) end = shown.size();
  std::size_t at = shown.rfind('@', end);
  if (at != std::string::npos && at >= authority) {
    std::size_t colon = shown.find(':', authority);
    if (colon != std::string::npos && colon < at) shown.replace(colon + 1, at - colon - 1, "***");
  }
  for (std::size_t param = shown.find('?'); param != std::string::npos; param = shown.find('&', param + 1)) {
    if (shown.compare(param + 1, 9, "password=") != 0) continue;
    std::size_t value = param + 10;
    std::size_t stop = shown.find('&', value);
    shown.replace(value, (stop == std::string::npos ? shown.size() : stop) - value, "***");
  }
  return shown;
}

// A key=value string's value as libpq reads it: quotes taken off, a
// backslash escaping the character after it.
std::string unquote(const std::string& value) {
  bool quoted = !value.empty() && value.front() == '\'';
  std::string text;
  for (std::size_t at = quoted ? 1 : 0; at < value.size(); ++at) {
    if (quoted && value[at] == '\'') break;
    if (value[at] == '\\' && at + 1 < value.size()) ++at;
    text += value[at];
  }
  return text;
}

std::string percent_decoded(const std::string& text) {
  auto hex = [](char c) {
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
  };
  std::string decoded;
  for (std::size_t at = 0; at < text.size(); ++at) {
    if (text[at] == '%' && at + 2 < text.size() && hex(text[at + 1]) >= 0 && hex(text[at + 2]) >= 0) {
      decoded += static_cast<char>(hex(text[at + 1]) * 16 + hex(text[at + 2]));
      at += 2;
    } else {
      decoded += text[at];
    }
  }
  return decoded;
}

// A URI without its schema= parameter, and that parameter's value.
sql::SchemaChoice split_uri_schema(const std::string& db, std::size_t authority) {
  std::size_t query = db.find('?', authority);
  if (query == std::string::npos) return {db, std::nullopt};
  std::string kept;
  std::optional<std::string> schema;
  for (std::size_t at = query + 1; at <= db.size();) {
    std::size_t end = std::min(db.find('&', at), db.size());
    std::string param = db.substr(at, end - at);
    if (param.rfind("schema=", 0) == 0) {
      schema = percent_decoded(param.substr(7));
    } else if (!param.empty()) {
      kept += (kept.empty() ? "?" : "&") + param;
    }
    at = end + 1;
  }
  return {db.substr(0, query) + kept, schema};
}

// A key=value string without its schema=..., and that value.
sql::SchemaChoice split_keyword_schema(const std::string& db) {
  sql::SchemaChoice choice;
  each_pair(
      db,
      [&](std::size_t start, std::string_view key, std::size_t value, std::size_t end) {
        if (key == "schema") {
          choice.schema = unquote(db.substr(value, end - value));
        } else {
          choice.target += db.substr(start, end - start);
        }
      },
      [&](std::size_t start, std::size_t end) { choice.target += db.substr(start, end - start); });
  return choice;
}

// schema= out of either kind of string, unchecked: showing a string never throws.
sql::SchemaChoice split_unchecked(const std::string& db) {
  std::size_t uri = db.find("://");
  return uri != std::string::npos ? split_uri_schema(db, uri + 3) : split_keyword_schema(db);
}

using ConnectionOptions = std::vector<std::pair<std::string, std::string>>;

bool is_secret_key(const std::string& key) { return key == "password" || key == "sslpassword"; }

// The options as libpq reads them (only those given), or none when it
// cannot read the string.
std::optional<ConnectionOptions> parse_connection(const std::string& target) {
  char* error = nullptr;
  PQconninfoOption* parsed = sql::libpq().PQconninfoParse(target.c_str(), &error);
  sql::libpq().PQfreemem(error);
  if (!parsed) return std::nullopt;
  ConnectionOptions options;
  for (PQconninfoOption* option = parsed; option->keyword; ++option) {
    if (option->val) options.emplace_back(option->keyword, option->val);
  }
  sql::libpq().PQconninfoFree(parsed);
  return options;
}

// shown reads back, through libpq, as given did with every secret "***".
bool hides_every_secret(const ConnectionOptions& given, const std::string& shown) {
  std::optional<ConnectionOptions> seen = parse_connection(shown);
  if (!seen || seen->size() != given.size()) return false;
  for (std::size_t i = 0; i < given.size(); ++i) {
    const auto& [key, value] = given[i];
    if ((*seen)[i].first != key || (*seen)[i].second != (is_secret_key(key) ? "***" : value)) return false;
  }
  return true;
}

// The options again as key=value, every secret "***".
std::string rebuilt_without_secrets(const ConnectionOptions& given) {
  std::string shown;
  for (const auto& [key, value] : given) {
    std::string quoted;
    for (char c : is_secret_key(key) ? std::string("***") : value) {
      if (c == '\\' || c == '\'') quoted += '\\';
      quoted += c;
    }
    shown += (shown.empty() ? "" : " ") + key + "='" + quoted + "'";
  }
  return shown;
}

}  // namespace

bool is_postgres_target(const std::string& db) {
  if (db.rfind("postgresql://", 0) == 0 || db.rfind("postgres://", 0) == 0) return true;
  // A libpq key=value string starts with a keyword and "=" (a file of that
  // name is still reachable as ./service=x).
  std::size_t at = 0;
  while (at < db.size() && is_space(db[at])) ++at;
  std::size_t key = at;
  while (at < db.size() && ((db[at] >= 'a' && db[at] <= 'z') || db[at] == '_')) ++at;
  if (at == key) return false;
  while (at < db.size() && is_space(db[at])) ++at;
  return at < db.size() && db[at] == '=';
}

std::string shown_connection(const std::string& given) {
  if (!is_postgres_target(given)) return given;
  auto [db, schema] = split_unchecked(given);
  std::size_t scheme = db.find("://");
  // schema= is shown as given, after the rest.
  std::string tail = !schema ? ""
                     : scheme == std::string::npos ? " schema=" + *schema
                     : (db.find('?', scheme) == std::string::npos ? "?schema=" : "&schema=") + *schema;
  std::string shown = scheme != std::string::npos ? hide_uri_password(db, scheme + 3) : hide_keyword_password(db);
  // What libpq reads decides what is a secret: a percent-encoded key, an
  // escaped space or sslpassword escape the masking above, and then the
  // string is shown rebuilt from libpq's own reading of it.
  std::optional<ConnectionOptions> options = parse_connection(db);
  if (!options) return "(a connection string libpq cannot read)";
  return (hides_every_secret(*options, shown) ? shown : rebuilt_without_secrets(*options)) + tail;
}

bool connection_has_password(const std::string& db) {
  if (!is_postgres_target(db)) return false;
  return !sql::connection_secrets(split_unchecked(db).target).values.empty();
}

namespace sql {

SchemaChoice split_schema(const std::string& db) {
  SchemaChoice choice = split_unchecked(db);
  if (choice.schema && (choice.schema->empty() || choice.schema->size() > 63 ||
                        choice.schema->find('\0') != std::string::npos)) {
    throw UsageError("schema= in --db needs a schema name of 1 to 63 bytes");
  }
  return choice;
}

ConnectionSecrets connection_secrets(const std::string& target) {
  ConnectionSecrets secrets;
  std::optional<ConnectionOptions> options = parse_connection(target);
  if (!options) return secrets;
  secrets.parsed = true;
  for (const auto& [key, value] : *options) {
    if (is_secret_key(key) && !value.empty()) secrets.values.push_back(value);
  }
  return secrets;
}

std::string to_postgres(const std::string& sqlite_sql) {
  static const std::string kHint = " INDEXED BY ", kNocase = " COLLATE NOCASE";
  std::string sql;
  for (std::size_t at = 0; at < sqlite_sql.size();) {
    if (sqlite_sql[at] == '?') {  // ?N -> $N
      sql += '$';
      ++at;
    } else if (sqlite_sql.compare(at, kHint.size(), kHint) == 0) {  // an index hint: PostgreSQL plans alone
      at += kHint.size();
      while (at < sqlite_sql.size() && is_word(sqlite_sql[at])) ++at;
    } else if (sqlite_sql.compare(at, kNocase.size(), kNocase) == 0) {
      // "x = $N COLLATE NOCASE" -> "lower(x) = lower($N COLLATE "C")":
      // toolcmp's text columns are COLLATE "C", where lower() folds ASCII
      // only, as NOCASE; the parameter must be folded the same way, not by
      // the database's collation (which made "Éva" and "Éva" differ).
      std::size_t param = sql.rfind('$'), equals = sql.rfind(" = ");
      std::size_t column = sql.find_last_of(" (", equals == std::string::npos ? 0 : equals - 1);
      if (param == std::string::npos || equals == std::string::npos || column == std::string::npos ||
          param != equals + 3) {
        throw Error("internal error: a statement the PostgreSQL back-end cannot translate: " + sqlite_sql);
      }
      sql = sql.substr(0, column + 1) + "lower(" + sql.substr(column + 1, equals - column - 1) + ") = lower(" +
            sql.substr(param) + " COLLATE \"C\")";
      at += kNocase.size();
    } else {
      sql += sqlite_sql[at++];
    }
  }
  return sql;
}

}  // namespace sql
}  // namespace toolcmp
