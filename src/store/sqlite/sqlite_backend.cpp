// Back-end 1: an SQLite file on this machine. Opening it: a new one made,
// a file that is not ours refused (before SQLite writes a byte), older
// schemas migrated by PRAGMA user_version, and a file made for a write
// that committed nothing taken back.
#include <sqlite3.h>
#include <sys/stat.h>

#include <chrono>
#include <thread>

#include <fmt/format.h>

#include "store/backend.h"
#include "store/schema_history.h"
#include "store/sqlite/sqlite.h"
#include "store/sqlite/store_files.h"
#include "store/sqlite/store_ownership.h"
#include "toolcmp/base/error.h"

namespace toolcmp {

extern const char* const kSchemaSql;

namespace {

// Every connection: foreign keys on, read back.
void configure(sql::Database& db) {
  db.exec("PRAGMA foreign_keys = ON");
  if (db.query_integer("PRAGMA foreign_keys") != 1) throw Error("SQLite refused to turn on foreign keys");
}

class SqliteBackend : public Backend {
 public:
  SqliteBackend(const std::string& path, bool create_directories)
      : path_(path), create_directories_(create_directories) {}
  Opened open(Store::Access access) override;
  const std::string& shown() const override { return path_; }
  std::string describe() const override { return fmt::format("SQLite {}", sqlite3_libversion()); }
  bool missing() const override { return !file_exists(path_); }
  void before_commit() override;  // the path still names the file opened
  void after_commit() override {
    if (new_file_) new_file_->keep();
  }
  void close(std::unique_ptr<sql::Connection>& connection) override;

 private:
  void open_existing(int flags);
  void open_checked(bool writes);  // db_ is open: check it is ours, set it up, migrate
  void open_for_trial();
  void remember_file_identity();
  bool holds_only_new_schema(sql::Connection& db);  // nothing anyone wrote: no tool, review or vote, the four personas as made
  void use_wal();
  bool is_blank(int& user_version);  // a new file: no schema yet; throws on a foreign one
  void create_new();
  void migrate(int from, int flags);

  std::string path_;
  bool create_directories_;
  // A file this made: taken back unless a write commits.
  std::unique_ptr<NewDatabaseFile> new_file_;
  std::unique_ptr<WriterPresence> presence_;  // a writer's shared flock on the file (store_files.h)
  unsigned long long device_ = 0, inode_ = 0;
  bool copy_ = false;  // a dry run's migrated copy in memory
  int migrated_from_ = 0;  // the file's version before this open migrated it
  std::unique_ptr<sql::Database> db_;  // while opening
};

// Read, Trial and Peek never create the file; Write makes it when missing.
Backend::Opened SqliteBackend::open(Store::Access access) {
  if (path_ == ":memory:" || path_.rfind("file:", 0) == 0) {
    throw UsageError(fmt::format("'{}' is not a file name; toolcmp keeps its data in a file, so give --db a path",
                                 path_));
  }
  if (is_directory(path_)) throw Error(fmt::format("'{}' is a directory; the database must be a file", path_));
  refuse_special_file(path_);
  check_file_header(path_);
  if (access == Store::Access::Peek) {
    db_ = open_for_reading(path_);
    int version = 0;
    if (is_blank(version)) throw Error(fmt::format("'{}' is an empty database", path_));
    return {std::move(db_), false};
  }
  if (access == Store::Access::Read || access == Store::Access::Trial) {
    if (file_exists(path_)) {
      if (access == Store::Access::Read) {
        db_ = open_for_reading(path_);
        open_checked(false);
        // One snapshot from the first row to the last, however long the
        // command reads while others write (an export must import back).
        // Closing the connection ends it.
        if (db_) {
          db_->exec("BEGIN");
          db_->query_integer("SELECT count(*) FROM sqlite_schema");
        }
      } else {
        open_for_trial();
      }
    }
    return {std::move(db_), copy_};
  }
  if (!file_exists(path_)) new_file_ = std::make_unique<NewDatabaseFile>(path_, create_directories_);
  presence_ = std::make_unique<WriterPresence>(path_);
  open_existing(SQLITE_OPEN_READWRITE);
  if (new_file_ && !new_file_->made()) new_file_.reset();
  return {std::move(db_), false, migrated_from_};
}

// A file this made and committed nothing to is taken back if it holds
// nothing but the new schema (another toolcmp may have committed to it
// meanwhile) and no other toolcmp has it open (WriterPresence): one that
// opens it meanwhile waits for the take-back, then finds the path gone at
// its commit (before_commit) and fails, instead of reporting a write to a
// deleted file.
void SqliteBackend::close(std::unique_ptr<sql::Connection>& connection) {
  if (!new_file_ || new_file_->kept() || !connection) {
    connection.reset();
    return;
  }
  // Alone first: a writer that commits holds its shared lock until it
  // exits, so what any other committed is there to see.
  bool alone = presence_ && presence_->alone();
  bool untouched = false;
  try {
    untouched = alone && holds_only_new_schema(*connection);
  } catch (const Error&) {
    // cannot tell: keep it
  }
  connection.reset();
  if (untouched) {
    new_file_->take_back();
  } else {
    new_file_->keep();
  }
}

void SqliteBackend::open_existing(int flags) {
  db_ = std::make_unique<sql::Database>(path_, flags | SQLITE_OPEN_NOFOLLOW);
  if (!(flags & SQLITE_OPEN_READONLY) && db_->read_only()) {
    throw Error(fmt::format("cannot write to '{}': the file is read-only", path_));
  }
  open_checked(!(flags & SQLITE_OPEN_READONLY));
}

void SqliteBackend::open_checked(bool writes) {
  int flags = writes ? SQLITE_OPEN_READWRITE : SQLITE_OPEN_READONLY;
  remember_file_identity();
  configure(*db_);
  int version = 0;
  bool blank = is_blank(version);  // before anything is written: a foreign file is left as it is
  if (blank && !writes) {
    db_.reset();  // an empty file reads as an empty database, untouched
    return;
  }
  if (writes && blank) db_->exec("PRAGMA page_size = 16384");  // before WAL, which fixes it
  if (writes) use_wal();
  if (blank) {
    create_new();
  } else if (version < kSchemaVersion) {
    migrate(version, flags);
  }
}

// A dry run leaves the file exactly as it was: no schema written into an
// empty file, no migration, no switch to WAL. An empty file is tried as an
// empty database in memory, an older schema on a migrated copy in memory.
void SqliteBackend::open_for_trial() {
  db_ = std::make_unique<sql::Database>(path_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW);
  if (db_->read_only()) throw Error(fmt::format("cannot write to '{}': the file is read-only", path_));
  configure(*db_);
  int version = 0;
  if (is_blank(version)) {
    db_.reset();
    return;
  }
  if (version < kSchemaVersion) {
    auto copy = std::make_unique<sql::Database>(":memory:", SQLITE_OPEN_READWRITE | SQLITE_OPEN_MEMORY);
    sql::copy_database(*db_, *copy);
    db_ = std::move(copy);
    copy_ = true;
    configure(*db_);
    migrate(version, SQLITE_OPEN_READWRITE);
  }
}

void SqliteBackend::remember_file_identity() {
  struct stat st {};
  if (::stat(path_.c_str(), &st) != 0) return;
  device_ = st.st_dev;
  inode_ = st.st_ino;
}

void SqliteBackend::before_commit() {
  if (copy_) return;
  struct stat st {};
  if (::stat(path_.c_str(), &st) != 0 || st.st_dev != device_ || st.st_ino != inode_) {
    throw Error(fmt::format("'{}' was moved, replaced or deleted while toolcmp was writing to it; nothing was "
                            "written", path_));
  }
}

bool SqliteBackend::holds_only_new_schema(sql::Connection& db) {
  static constexpr const char* kContents =
      "SELECT (SELECT count(*) FROM tool) + (SELECT count(*) FROM review) + (SELECT count(*) FROM vote), "
      "(SELECT group_concat(quote(id) || quote(name) || quote(focus) || quote(weight) || quote(position) || "
      "quote(removed_at), ';') FROM persona)";
  if (db.query_integer("SELECT count(*) FROM sqlite_schema") == 0) return true;
  sql::Database fresh(":memory:", SQLITE_OPEN_READWRITE | SQLITE_OPEN_MEMORY);
  fresh.exec(kSchemaSql);
  sql::Statement mine(db, kContents), made(fresh, kContents);
  return mine.step() && made.step() && mine.integer(0) == 0 && mine.optional_text(1) == made.optional_text(1);
}


// A connection that writes a file, once the file is known to be ours: WAL,
// so readers never wait for a writer and a crash loses nothing committed,
// and synchronous=FULL, so a commit is on disk when it returns.
void SqliteBackend::use_wal() {
  // Switching to WAL needs every other connection gone for a moment, and
  // SQLite answers busy at once instead of waiting: writers racing to
  // make a new database would fail in milliseconds. Retry for as long as
  // any other write waits for the lock.
  std::string mode;
  for (auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(sql::kBusyTimeoutMs);;) {
    try {
      mode = db_->query_text("PRAGMA journal_mode = WAL");
      break;
    } catch (const BusyError&) {
      if (std::chrono::steady_clock::now() > deadline) throw;
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
  }
  if (mode != "wal") {
    throw Error(fmt::format("cannot use a write-ahead log for '{}'", path_));
  }
  db_->exec("PRAGMA synchronous = FULL");
  if (db_->query_integer("PRAGMA synchronous") != 2) throw Error("SQLite refused synchronous=FULL");
}

bool SqliteBackend::is_blank(int& user_version) {
  std::int64_t application_id = 0, version = 0, objects = 0;
  try {
    sql::Statement header(*db_,
                          "SELECT (SELECT application_id FROM pragma_application_id), "
                          "(SELECT user_version FROM pragma_user_version), (SELECT count(*) FROM sqlite_schema)");
    if (header.step()) {
      application_id = header.integer(0);
      version = header.integer(1);
      objects = header.integer(2);
    }
  } catch (const NotOursError&) {
    throw NotOursError(fmt::format("'{}' is not a toolcmp database (it is not an SQLite database, or it is damaged)",
                                   path_));
  }
  user_version = static_cast<int>(version);
  if (application_id == 0 && version == 0 && objects == 0) return true;
  if (application_id != kApplicationId) {
    throw another_database(path_);
  }
  if (version > kSchemaVersion) {
    throw NotOursError(fmt::format("'{}' was written by a newer toolcmp (schema {}); this toolcmp reads schema {}. "
                                   "Upgrade toolcmp to use it", path_, version, kSchemaVersion));
  }
  if (version < 1) throw NotOursError(fmt::format("'{}' has an unknown toolcmp schema ({})", path_, version));
  check_schema(*db_, static_cast<int>(version), path_);
  return false;
}

void SqliteBackend::create_new() {
  sql::Transaction tx(*db_);
  // Another toolcmp may have created it while this one waited for the lock.
  if (db_->query_integer("SELECT count(*) FROM sqlite_schema") == 0) db_->exec(kSchemaSql);
  tx.commit();
}

// Reads of an older database migrate it too: the queries need the new
// schema. A read-only connection is reopened for writing to do so.
void SqliteBackend::migrate(int /*from: read again under the lock*/, int flags) {
  if (flags & SQLITE_OPEN_READONLY) {
    db_.reset();
    std::unique_ptr<sql::Database> writable;
    try {
      writable = std::make_unique<sql::Database>(path_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOFOLLOW);
      if (writable->read_only()) writable.reset();
    } catch (const Error&) {
    }
    if (writable) {
      db_ = std::move(writable);
      configure(*db_);
      use_wal();
    } else {
      // A read-only older file is read through a migrated copy in memory.
      std::unique_ptr<sql::Database> source = open_for_reading(path_);
      db_ = std::make_unique<sql::Database>(":memory:", SQLITE_OPEN_READWRITE | SQLITE_OPEN_MEMORY);
      sql::copy_database(*source, *db_);
      configure(*db_);
    }
  }
  sql::Transaction tx(*db_);
  sql::Statement version(*db_, "PRAGMA user_version");
  version.step();
  int current = static_cast<int>(version.integer(0));  // another process may have migrated it meanwhile
  version.reset();
  if (current < kSchemaVersion) migrated_from_ = current;
  for (std::size_t i = 0; i < kMigrationCount; ++i) {
    const Migration& migration = kMigrations[i];
    if (migration.to <= current) continue;
    db_->exec(migration_sql(migration).c_str());
    db_->exec(fmt::format("PRAGMA user_version = {}", migration.to).c_str());
  }
  tx.commit();
}

}  // namespace

std::unique_ptr<Backend> make_sqlite_backend(const std::string& db, bool create_directories) {
  return std::make_unique<SqliteBackend>(db, create_directories);
}

std::unique_ptr<sql::Connection> empty_database() {
  auto db = std::make_unique<sql::Database>(":memory:", SQLITE_OPEN_READWRITE | SQLITE_OPEN_MEMORY);
  configure(*db);
  sql::Transaction tx(*db);
  db->exec(kSchemaSql);
  tx.commit();
  return db;
}

}  // namespace toolcmp
