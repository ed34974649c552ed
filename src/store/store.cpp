// Opening and closing the store: its back-end chosen by what --db looks
// like (backend.h), the database it opens, or an empty one in memory when
// there is nothing to read; its transactions and statement cache.
#include "toolcmp/store/store.h"

#include <fmt/format.h>

#include "store/backend.h"
#include "toolcmp/base/error.h"
#include "toolcmp/base/io.h"

namespace toolcmp {


Store::Store(const std::string& path, Access access, bool create_directories) {
  if (path.empty()) throw UsageError("the database path is empty; give --db a file name");
  backend_ = backend_for(path, create_directories);
  path_ = backend_->shown();
  Backend::Opened opened = backend_->open(access);
  db_ = std::move(opened.connection);
  in_memory_ = opened.in_memory;
  migrated_from_ = opened.migrated_from;
  if (!db_) {
    db_ = empty_database();
    in_memory_ = true;
  }
}

Store::~Store() {
  statements_.clear();  // finalized, so that the connection can close
  inserts_.clear();
  if (backend_) backend_->close(db_);
}

void Store::require_database(const std::string& what) const {
  if (!in_memory_) return;
  if (backend_->missing()) {
    throw Error(fmt::format("'{}' does not exist, so {} read nothing; give the path of the database to check "
                            "(--allow-empty when an empty one is meant)",
                            path_, what));
  }
  throw NotOursError(fmt::format("'{}' holds no toolcmp database, so {} read nothing "
                                 "(--allow-empty when an empty one is meant)",
                                 path_, what));
}

void Store::write(const std::function<void()>& body, WriteScope scope) {
  sql::Transaction tx(*db_, scope == WriteScope::Rows);
  body();
  for (auto& [sql, statement] : statements_) statement->reset();  // none may still be reading
  for (auto& [sql, statement] : inserts_) statement->reset();
  if (!in_memory_) backend_->before_commit();
  tx.commit();
  backend_->after_commit();
  interrupt::mark_committed();
}

void Store::trial(const std::function<void()>& body) {
  sql::Transaction tx(*db_);
  body();
}  // tx rolls back

const std::string& Store::login() {
  // An empty database in memory (a dry run on nothing) is not the back-end's: the OS user.
  if (login_.empty()) login_ = in_memory_ ? backend_->Backend::login(*db_) : backend_->login(*db_);
  return login_;
}

bool Store::authors_only() const { return db_ && db_->authors_only(); }

const std::string& Store::author() { return author_.empty() ? login() : author_; }

DatabaseInfo Store::info() {
  sql::Statement stmt(*db_, db_->schema_version_sql());
  DatabaseInfo info;
  info.schema = stmt.step() ? static_cast<int>(stmt.integer(0)) : 0;
  sql::Statement counts(*db_,
                        "SELECT (SELECT count(*) FROM tool), (SELECT count(*) FROM persona WHERE removed_at IS NULL), "
                        "(SELECT count(*) FROM review), (SELECT count(*) FROM vote), (SELECT count(*) FROM decision)");
  counts.step();
  info.path = path_;
  info.exists = !in_memory_;
  info.backend = backend_->describe();
  info.tools = counts.integer(0);
  info.personas = counts.integer(1);
  info.reviews = counts.integer(2);
  info.votes = counts.integer(3);
  info.decisions = counts.integer(4);
  return info;
}

sql::Statement& StoreView::cached(const char* sql) const {
  auto& statements = store_->statements_;
  auto it = statements.find(std::string_view(sql));
  if (it == statements.end()) it = statements.emplace(sql, std::make_unique<sql::Statement>(db(), sql)).first;
  it->second->reset();
  return *it->second;
}

sql::Statement& StoreView::cached_insert(const char* sql) const {
  auto& inserts = store_->inserts_;
  auto it = inserts.find(std::string_view(sql));
  if (it == inserts.end()) {
    std::string text = std::string(sql) + db().returning_id();
    it = inserts.emplace(sql, std::make_unique<sql::Statement>(db(), text.c_str())).first;
  }
  it->second->reset();
  return *it->second;
}

}  // namespace toolcmp
