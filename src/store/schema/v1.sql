-- toolcmp database schema, version 1, as toolcmp made it then. Frozen: the
-- ownership check (src/store_ownership.cpp) rebuilds from it what a
-- database made then and migrated since looks like, and the migration
-- tests start from it.

PRAGMA application_id = 1413696848;  -- 0x54434D50, "TCMP"
PRAGMA user_version = 1;

CREATE TABLE tool (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL,
  name_key    TEXT NOT NULL UNIQUE,  -- case-folded name: names are unique ignoring case
  loose_key   TEXT NOT NULL,         -- case-folded letters and digits only, for forgiving look-up
  vendor      TEXT,
  category    TEXT,
  tagline     TEXT,                  -- "best for"
  description TEXT,
  pricing     TEXT,
  entry       TEXT,                  -- entry price, e.g. Free
  license     TEXT,
  url         TEXT,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
);
CREATE INDEX tool_loose_key ON tool(loose_key);
CREATE INDEX tool_category ON tool(category COLLATE NOCASE);

CREATE TABLE tool_attribute (
  tool_id INTEGER NOT NULL REFERENCES tool(id) ON DELETE CASCADE,
  key     TEXT NOT NULL,
  value   TEXT NOT NULL,
  PRIMARY KEY (tool_id, key)
) WITHOUT ROWID;

CREATE TABLE persona (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL,
  name_key   TEXT NOT NULL UNIQUE,
  loose_key  TEXT NOT NULL,
  focus      TEXT,
  weight     REAL NOT NULL DEFAULT 1 CHECK (weight > 0),
  position   INTEGER NOT NULL,         -- panel order
  removed_at TEXT                      -- removed personas keep their reviews readable
);

CREATE TABLE review (
  id          INTEGER PRIMARY KEY,
  tool_id     INTEGER NOT NULL REFERENCES tool(id) ON DELETE CASCADE,
  persona_id  INTEGER NOT NULL REFERENCES persona(id),
  score       INTEGER CHECK (score BETWEEN 0 AND 100),
  verdict     TEXT CHECK (verdict IN ('ship', 'skip')),
  text        TEXT NOT NULL DEFAULT '',
  reviewed_at TEXT NOT NULL,
  source      TEXT
);
-- A tool's current review from a persona is its latest: this index finds it.
CREATE INDEX review_current ON review(tool_id, persona_id, reviewed_at, id);

CREATE TABLE vote (
  id      INTEGER PRIMARY KEY,
  tool_id INTEGER NOT NULL REFERENCES tool(id) ON DELETE CASCADE,
  verdict TEXT NOT NULL CHECK (verdict IN ('ship', 'skip')),
  voter   TEXT,                        -- NULL: anonymous, and those accumulate
  cast_at TEXT NOT NULL,
  UNIQUE (tool_id, voter)
);

INSERT INTO persona (name, name_key, loose_key, focus, weight, position) VALUES
  ('Builder',  'builder',  'builder',  'Does it work, and is the developer experience right?', 1, 1),
  ('Skeptic',  'skeptic',  'skeptic',  'Who it competes with, and where it breaks.', 1, 2),
  ('Futurist', 'futurist', 'futurist', 'The bet it makes on where things are going.', 1, 3),
  ('Founder',  'founder',  'founder',  'The buyer, the business and the moat.', 1, 4);
