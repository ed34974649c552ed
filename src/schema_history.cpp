#include "schema_history.h"

#include "toolcmp/store.h"

namespace toolcmp {

extern const char* const kSchemaSql;
extern const char* const kSchemaV1Sql;
extern const char* const kSchemaV2Sql;
extern const char* const kSchemaV3Sql;

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
};
const std::size_t kMigrationCount = sizeof(kMigrations) / sizeof(kMigrations[0]);
static_assert(sizeof(kMigrations) / sizeof(kMigrations[0]) == kSchemaVersion - 1,
              "one migration for every schema version after the first");

const char* schema_made_at(int version) {
  static const char* const kMade[] = {kSchemaV1Sql, kSchemaV2Sql, kSchemaV3Sql, kSchemaSql};
  static_assert(sizeof(kMade) / sizeof(kMade[0]) == kSchemaVersion, "the schema made at every version");
  return kMade[version - 1];
}

}  // namespace toolcmp
