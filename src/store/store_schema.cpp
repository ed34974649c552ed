// Opening and closing the store: its back-end chosen by what --db looks
// like (backend.h), the database it opens, or an empty one in memory when
// there is nothing to read.
#include <fmt/format.h>

#include "store/backend.h"
#include "toolcmp/base/error.h"
#include "toolcmp/store/store.h"

namespace toolcmp {

Store::Store(const std::string& path, Access access, bool create_directories) {
  if (path.empty()) throw UsageError("the database path is empty; give --db a file name");
  backend_ = backend_for(path, create_directories);
  path_ = backend_->shown();
  Backend::Opened opened = backend_->open(access);
  db_ = std::move(opened.connection);
  in_memory_ = opened.in_memory;
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

}  // namespace toolcmp
