#include "store/schema_history.h"

#include <string_view>

#include "toolcmp/base/error.h"
#include "toolcmp/store/store.h"

namespace toolcmp {

extern const char* const kSchemaSql;
extern const char* const kSchemaV1Sql;
extern const char* const kSchemaV2Sql;
extern const char* const kSchemaV3Sql;
extern const char* const kSchemaV4Sql;
extern const char* const kSchemaV5Sql;

const Migration kMigrations[] = {
    {2,
     "ALTER TABLE tool ADD COLUMN published_ship_pct REAL "
     "  CHECK (published_ship_pct BETWEEN 0 AND 100);"
     "CREATE INDEX vote_anonymous ON vote(tool_id, cast_at) WHERE voter IS NULL;"},
    {3,
     "DROP INDEX review_current;"
     "CREATE INDEX review_current ON review(tool_id, persona_id, reviewed_at, id, score, verdict);"
     "CREATE INDEX vote_tally ON vote(tool_id, verdict);"
     "CREATE INDEX tool_names ON tool(name_key, name);"},
    // Older reviews were recorded when written, as far as anyone can tell.
    {4,
     "ALTER TABLE tool ADD COLUMN published_votes_ship INTEGER CHECK (published_votes_ship >= 0);"
     "ALTER TABLE tool ADD COLUMN published_votes_skip INTEGER CHECK (published_votes_skip >= 0);"
     "ALTER TABLE review ADD COLUMN recorded_at TEXT NOT NULL DEFAULT '';"
     "UPDATE review SET recorded_at = reviewed_at;"
     "CREATE TABLE review_source (review_id INTEGER NOT NULL REFERENCES review(id) ON DELETE CASCADE, "
     "  source TEXT NOT NULL, PRIMARY KEY (review_id, source)) WITHOUT ROWID;"
     "DROP INDEX review_current;"
     "CREATE INDEX review_current ON review(tool_id, persona_id, reviewed_at, recorded_at, id, score, verdict);"},
    // Decisions: the part of schema.sql marked version 5, as version 5 made it.
    {5, nullptr},
    // Who wrote what (schema.sql's audit table, as it is there).
    {6,
     "ALTER TABLE review ADD COLUMN author TEXT;"
     "ALTER TABLE vote ADD COLUMN author TEXT;"
     "ALTER TABLE decision ADD COLUMN author TEXT;"
     "CREATE TABLE audit (id INTEGER PRIMARY KEY, at TEXT NOT NULL, login TEXT NOT NULL, author TEXT NOT NULL, "
     "  command TEXT NOT NULL, subject TEXT NOT NULL, forced INTEGER NOT NULL DEFAULT 0, before TEXT, after TEXT);"},
};
const std::size_t kMigrationCount = sizeof(kMigrations) / sizeof(kMigrations[0]);
static_assert(sizeof(kMigrations) / sizeof(kMigrations[0]) == kSchemaVersion - 1,
              "one migration for every schema version after the first");

std::string schema_part(const char* schema, int version) {
  std::string_view text(schema);
  std::string begin = "-- BEGIN version " + std::to_string(version);
  std::string end = "-- END version " + std::to_string(version);
  std::size_t from = text.find(begin);
  std::size_t to = text.find(end);
  if (from == std::string_view::npos || to == std::string_view::npos || to < from) {
    throw Error("this toolcmp was built without the schema of version " + std::to_string(version));
  }
  return std::string(text.substr(from, to - from));
}

std::string migration_sql(const Migration& migration) {
  return migration.sql ? std::string(migration.sql) : schema_part(schema_made_at(migration.to), migration.to);
}

const char* schema_made_at(int version) {
  static const char* const kMade[] = {kSchemaV1Sql, kSchemaV2Sql, kSchemaV3Sql, kSchemaV4Sql, kSchemaV5Sql, kSchemaSql};
  static_assert(sizeof(kMade) / sizeof(kMade[0]) == kSchemaVersion, "the schema made at every version");
  return kMade[version - 1];
}

}  // namespace toolcmp
