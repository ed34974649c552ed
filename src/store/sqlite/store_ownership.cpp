#include "store/sqlite/store_ownership.h"

#include <sqlite3.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <algorithm>
#include <cstring>
#include <map>
#include <optional>
#include <set>
#include <tuple>
#include <vector>

#include <fmt/format.h>

#include "store/schema_history.h"
#include "toolcmp/base/error.h"
#include "toolcmp/store/store.h"
#include "toolcmp/base/text.h"

namespace toolcmp {

namespace {

using Header = std::array<unsigned char, 100>;

std::uint32_t big_endian(const unsigned char* p) {
  return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) | p[3];
}

class File {
 public:
  explicit File(const std::string& path) : fd_(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)) {}
  ~File() {
    if (fd_ >= 0) ::close(fd_);
  }
  File(const File&) = delete;
  File& operator=(const File&) = delete;
  bool is_open() const { return fd_ >= 0; }
  // False at the end of the file before size bytes.
  bool read(unsigned char* buffer, std::size_t size) {
    while (size > 0) {
      ssize_t n = ::read(fd_, buffer, size);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return false;
      buffer += n;
      size -= static_cast<std::size_t>(n);
    }
    return true;
  }

 private:
  int fd_;
};

// SQLite's WAL checksum: pairs of 32-bit words, in the byte order the
// log's magic number names, added into a running pair.
void wal_checksum(bool big, const unsigned char* data, std::size_t size, std::uint32_t& s0, std::uint32_t& s1) {
  for (std::size_t i = 0; i + 8 <= size; i += 8) {
    const unsigned char* a = data + i;
    const unsigned char* b = data + i + 4;
    std::uint32_t x0 = big ? big_endian(a) : (std::uint32_t{a[3]} << 24) | (std::uint32_t{a[2]} << 16) | (std::uint32_t{a[1]} << 8) | a[0];
    std::uint32_t x1 = big ? big_endian(b) : (std::uint32_t{b[3]} << 24) | (std::uint32_t{b[2]} << 16) | (std::uint32_t{b[1]} << 8) | b[0];
    s0 += x0 + s1;
    s1 += x1 + s0;
  }
}

// The first 100 bytes of page 1 as of the last transaction committed to
// the log, if the log holds one: the frames SQLite itself would replay
// (matching salts and checksums, up to the last commit frame).
std::optional<Header> committed_first_page(const std::string& wal_path) {
  File wal(wal_path);
  if (!wal.is_open()) return std::nullopt;
  unsigned char header[32];
  if (!wal.read(header, sizeof header)) return std::nullopt;
  std::uint32_t magic = big_endian(header);
  if (magic != 0x377f0682 && magic != 0x377f0683) return std::nullopt;
  bool big = magic & 1;
  std::uint32_t page_size = big_endian(header + 8);
  if (page_size == 1) page_size = 65536;
  if (page_size < 512 || page_size > 65536 || (page_size & (page_size - 1)) != 0) return std::nullopt;
  std::uint32_t s0 = 0, s1 = 0;
  wal_checksum(big, header, 24, s0, s1);
  if (s0 != big_endian(header + 24) || s1 != big_endian(header + 28)) return std::nullopt;
  std::vector<unsigned char> frame(24 + page_size);
  std::optional<Header> pending, committed;
  while (wal.read(frame.data(), frame.size())) {
    if (std::memcmp(frame.data() + 8, header + 16, 8) != 0) break;  // salts of an earlier log
    wal_checksum(big, frame.data(), 8, s0, s1);
    wal_checksum(big, frame.data() + 24, page_size, s0, s1);
    if (s0 != big_endian(frame.data() + 16) || s1 != big_endian(frame.data() + 20)) break;
    if (big_endian(frame.data()) == 1) std::memcpy(pending.emplace().data(), frame.data() + 24, 100);
    if (big_endian(frame.data() + 4) != 0 && pending) committed = pending;  // a commit frame
  }
  return committed;
}

}  // namespace

constexpr const char* kSchemaObjects =
    "SELECT type, name, tbl_name, sql FROM sqlite_schema "
    "WHERE NOT (type = 'index' AND sql IS NULL AND substr(name, 1, 17) = 'sqlite_autoindex_') "
    "AND NOT (type = 'table' AND name IN ('sqlite_stat1', 'sqlite_stat4'))";

// The common case, with nothing normalized: a file toolcmp made at this
// version holds every CREATE statement of schema.sql byte for byte (SQLite
// keeps each statement's text without its semicolon), and no other.
bool holds_current_schema_verbatim(sql::Database& db) {
  std::string_view made = schema_made_at(kSchemaVersion);
  static const std::size_t statements = [made] {
    std::size_t count = 0;
    for (std::size_t at = made.find("\nCREATE "); at != std::string_view::npos; at = made.find("\nCREATE ", at + 1)) {
      ++count;
    }
    return count;
  }();
  sql::Statement stmt(db, kSchemaObjects);
  std::size_t rows = 0;
  while (stmt.step()) {
    ++rows;
    std::string_view sql = stmt.text_view(3);
    if (stmt.is_null(3) || sql.rfind("CREATE ", 0) != 0 || sql.find(';') != std::string_view::npos) return false;
    std::size_t at = made.find(sql);
    if (at == std::string_view::npos || at == 0 || made[at - 1] != '\n' || at + sql.size() >= made.size() ||
        made[at + sql.size()] != ';') {
      return false;
    }
  }
  return rows == statements;
}

Schema read_schema(sql::Database& db) {
  Schema schema;
  sql::Statement stmt(db, kSchemaObjects);
  while (stmt.step()) {
    schema[{stmt.text(0), stmt.text(1), stmt.text(2)}] = normalize_sql(stmt.optional_text(3).value_or("NULL"));
  }
  return schema;
}

Schema schema_as_made(int made_at, int version) {
  sql::Database db(":memory:", SQLITE_OPEN_READWRITE | SQLITE_OPEN_MEMORY);
  db.exec(schema_made_at(made_at));
  for (std::size_t i = 0; i < kMigrationCount; ++i) {
    if (kMigrations[i].to > made_at && kMigrations[i].to <= version) db.exec(migration_sql(kMigrations[i]).c_str());
  }
  return read_schema(db);
}

// The schema schema.sql makes, read from its text without SQLite: the
// check of a current database costs a few microseconds, not a database
// built in memory. (A test checks it against schema_as_made.)
const Schema& current_schema() {
  static const Schema schema = [] {
    Schema made;
    std::string text = normalize_sql(schema_made_at(kSchemaVersion));
    std::size_t start = 0;
    while (start < text.size()) {
      std::size_t end = start;
      for (char quote = 0; end < text.size() && (quote || text[end] != ';'); ++end) {
        if (quote && text[end] == quote) {
          quote = 0;
        } else if (!quote && (text[end] == '\'' || text[end] == '"')) {
          quote = text[end];
        }
      }
      std::string statement = text.substr(start, end - start);
      start = end + 1;
      while (!statement.empty() && statement.front() == ' ') statement.erase(0, 1);
      for (const char* prefix : {"CREATE TABLE ", "CREATE INDEX ", "CREATE UNIQUE INDEX "}) {
        if (statement.rfind(prefix, 0) != 0) continue;
        bool index = std::strstr(prefix, "INDEX") != nullptr;
        std::size_t name_at = std::strlen(prefix);
        std::string name = statement.substr(name_at, statement.find_first_of(" (", name_at) - name_at);
        std::string table = name;
        if (index) {
          std::size_t on = statement.find(" ON ") + 4;
          table = statement.substr(on, statement.find_first_of(" (", on) - on);
        }
        made[{index ? "index" : "table", name, table}] = statement;
      }
    }
    return made;
  }();
  return schema;
}

namespace {

std::string describe(const Schema::key_type& key) {
  return fmt::format("{} '{}'", std::get<0>(key), sanitize_for_terminal(std::get<1>(key)).substr(0, 60));
}

// The first difference between a file's schema and toolcmp's, if any:
// what a reader needs to see that the file was changed.
std::optional<std::string> difference(const Schema& file, const Schema& made) {
  for (const auto& [key, sql] : file) {
    auto it = made.find(key);
    if (it == made.end()) return fmt::format("it has a {} that toolcmp does not make", describe(key));
    if (it->second != sql) return fmt::format("its {} is not the one toolcmp makes", describe(key));
  }
  for (const auto& [key, sql] : made) {
    if (!file.count(key)) return fmt::format("it has no {}", describe(key));
  }
  return std::nullopt;
}

}  // namespace

std::string normalize_sql(const std::string& sql) {
  std::string out;
  bool space = false;
  for (std::size_t i = 0; i < sql.size();) {
    char c = sql[i];
    if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
      while (i < sql.size() && sql[i] != '\n') ++i;
      space = true;
      continue;
    }
    if (c == '/' && i + 1 < sql.size() && sql[i + 1] == '*') {
      std::size_t end = sql.find("*/", i + 2);
      i = end == std::string::npos ? sql.size() : end + 2;
      space = true;
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
      space = true;
      ++i;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    if (c == '\'' || c == '"' || c == '`' || c == '[') {
      char close = c == '[' ? ']' : c;
      std::size_t end = i + 1;
      while (end < sql.size() && sql[end] != close) ++end;
      out.append(sql, i, end + 1 - i);  // a doubled quote is two quoted runs back to back: the same text
      i = end + 1;
      continue;
    }
    out += c;
    ++i;
  }
  return out;
}

NotOursError another_database(const std::string& path) {
  return NotOursError(fmt::format("'{}' is not a toolcmp database (it is another SQLite database); "
                                  "pass --db with a new file name", path));
}

void check_file_header(const std::string& path) {
  File file(path);
  if (!file.is_open()) return;  // missing, or unreadable: SQLite says which
  const std::string wal_path = path + "-wal";
  struct stat wal {};
  if (::lstat(wal_path.c_str(), &wal) == 0 && !S_ISREG(wal.st_mode)) {
    throw NotOursError(fmt::format("'{}' is not a regular file, so the database beside it is not one toolcmp made",
                                   wal_path));
  }
  auto says_ours = [](const Header& page) {
    return std::memcmp(page.data(), "SQLite format 3", 16) == 0 &&
           big_endian(page.data() + 68) == static_cast<std::uint32_t>(kApplicationId);
  };
  Header header{};
  bool read = file.read(header.data(), header.size());
  // The common case, without reading the log: toolcmp's application id
  // never changes once it reached the main file.
  if (read && says_ours(header)) return;
  // A new database's first page may still be only in its log.
  // Only a whole header that SQLite wrote and that names another owner is
  // refused here. An empty or short file, perhaps being made by another
  // toolcmp this moment, and bytes that are not SQLite's are left to SQLite,
  // which decides under its locks (and writes nothing to a file that is
  // not a database).
  std::optional<Header> page = committed_first_page(wal_path);
  if (!page) {
    if (!read) return;
    page = header;
  }
  if (std::memcmp(page->data(), "SQLite format 3", 16) != 0 || says_ours(*page)) return;
  std::uint32_t application_id = big_endian(page->data() + 68);
  bool blank = application_id == 0 && big_endian(page->data() + 60) == 0 && big_endian(page->data() + 40) == 0;
  if (!blank) {
    throw another_database(path);
  }
}

std::string serialize_schema(const Schema& schema) {
  std::string out;
  for (const auto& [key, sql] : schema) {
    out += std::get<0>(key) + "\t" + std::get<1>(key) + "\t" + std::get<2>(key) + "\t" + sql + "\n";
  }
  return out;
}

namespace {

// A file made at an earlier version and migrated: its schema against the
// ones src/store/schema/migrated.txt holds, compared whole, without building
// each in memory again (that cost a millisecond an open for each version).
bool holds_a_migrated_schema(const Schema& file) {
  static const std::vector<std::string> blocks = [] {
    std::vector<std::string> out;
    std::string_view text = kMigratedSchemas;
    for (std::size_t at = text.find("-- made at "); at != std::string_view::npos;) {
      std::size_t body = text.find('\n', at) + 1;
      std::size_t next = text.find("-- made at ", body);
      out.emplace_back(text.substr(body, (next == std::string_view::npos ? text.size() : next) - body));
      at = next;
    }
    return out;
  }();
  std::string serialized = serialize_schema(file);
  return std::find(blocks.begin(), blocks.end(), serialized) != blocks.end();
}

}  // namespace

void check_schema(sql::Database& db, int version, const std::string& path) {
  if (version == kSchemaVersion && holds_current_schema_verbatim(db)) return;
  Schema file = read_schema(db);
  if (version == kSchemaVersion && holds_a_migrated_schema(file)) return;
  // Most files were made at this version: a quick look first.
  std::optional<std::string> first =
      difference(file, version == kSchemaVersion ? current_schema() : schema_as_made(version, version));
  if (!first) return;
  for (int made_at = 1; made_at < version; ++made_at) {
    if (!difference(file, schema_as_made(made_at, version))) return;
  }
  throw NotOursError(fmt::format("'{}' is not a toolcmp database as toolcmp made it: {}. toolcmp leaves such a file "
                                 "untouched; export what you need with another program",
                                 path, *first));
}

}  // namespace toolcmp
