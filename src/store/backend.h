// The seam between the store and its back-ends. The store's SQL is one
// text for every back-end (sql.h runs it, postgres_text.cpp respells it);
// what is a back-end's own is opening a database (checked to be toolcmp's,
// made or migrated as the access allows), naming it, and guarding a
// commit. One implementation per folder (sqlite/, postgres/), chosen from
// the scheme table in backend.cpp by what --db looks like.
#pragma once

#include <memory>
#include <string>

#include "store/sql.h"
#include "toolcmp/store/store.h"

namespace toolcmp {

class Backend {
 public:
  struct Opened {
    std::unique_ptr<sql::Connection> connection;  // none: nothing there to read (the store reads an empty database)
    bool in_memory = false;  // a copy in memory (a dry run of an older file): nothing on disk to guard
    int migrated_from = 0;   // the schema version this open brought up to date; 0: none
  };

  virtual ~Backend() = default;
  // For this access, or throws: NotOursError for what toolcmp did not make.
  virtual Opened open(Store::Access access) = 0;
  // How every message names the database: a password replaced by ***.
  virtual const std::string& shown() const = 0;
  // What info says it is: "SQLite 3.40.1", "PostgreSQL 15.4".
  virtual std::string describe() const = 0;
  // Nothing at all is there (a file that does not exist), as opposed to
  // something that holds no toolcmp data.
  virtual bool missing() const { return false; }
  // Who is connected (Store::login): the OS user, unless the back-end's
  // database knows better.
  virtual std::string login(sql::Connection& connection);
  // Just before a write commits: still the database that was opened.
  virtual void before_commit() {}
  virtual void after_commit() {}
  // The store is done with the connection (its statements finalized).
  virtual void close(std::unique_ptr<sql::Connection>& connection) { connection.reset(); }
};

// The first back-end of the scheme table whose spelling db has.
std::unique_ptr<Backend> backend_for(const std::string& db, bool create_directories);

// One factory per back-end folder, each a row of the scheme table.
std::unique_ptr<Backend> make_postgres_backend(const std::string& db, bool create_directories);  // postgres/
std::unique_ptr<Backend> make_sqlite_backend(const std::string& db, bool create_directories);    // sqlite/

// What a read of nothing reads: an empty database in memory, made from
// schema.sql (SQLite's, whatever the back-end: reads never create anything).
std::unique_ptr<sql::Connection> empty_database();

}  // namespace toolcmp
