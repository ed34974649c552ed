-- toolcmp database schema, version 4, as toolcmp made it then. Frozen:
-- see schema/v1.sql.

PRAGMA application_id = 1413696848;  -- 0x54434D50, "TCMP"
PRAGMA user_version = 4;

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
  published_ship_pct REAL CHECK (published_ship_pct BETWEEN 0 AND 100),  -- a page's panel ship %
  -- A page's community figure ("12 votes · 75% ship") as counts: kept
  -- apart from the votes cast here, never added to them.
  published_votes_ship INTEGER CHECK (published_votes_ship >= 0),
  published_votes_skip INTEGER CHECK (published_votes_skip >= 0),
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
);
CREATE INDEX tool_loose_key ON tool(loose_key);
-- Names in key order without reading the rows: shell completion.
CREATE INDEX tool_names ON tool(name_key, name);
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
  reviewed_at TEXT NOT NULL,            -- when the review was written
  source      TEXT,                     -- where it came from first: FILE:LINE, a page's line, or cli
  recorded_at TEXT NOT NULL             -- when toolcmp recorded it
);
-- Other places the same review was found (an import that repeated it).
CREATE TABLE review_source (
  review_id INTEGER NOT NULL REFERENCES review(id) ON DELETE CASCADE,
  source    TEXT NOT NULL,
  PRIMARY KEY (review_id, source)
) WITHOUT ROWID;
-- A tool's current review from a persona is the latest written, then the
-- latest recorded: this index finds it, and holds its score and verdict so
-- that list and rank never read the review rows with their long texts.
CREATE INDEX review_current ON review(tool_id, persona_id, reviewed_at, recorded_at, id, score, verdict);

CREATE TABLE vote (
  id      INTEGER PRIMARY KEY,
  tool_id INTEGER NOT NULL REFERENCES tool(id) ON DELETE CASCADE,
  verdict TEXT NOT NULL CHECK (verdict IN ('ship', 'skip')),
  voter   TEXT,                        -- NULL: anonymous, and those accumulate
  cast_at TEXT NOT NULL,
  UNIQUE (tool_id, voter)
);
-- Importing anonymous votes again must not add them twice: see Store::import_vote.
CREATE INDEX vote_anonymous ON vote(tool_id, cast_at) WHERE voter IS NULL;
-- A tool's tally, counted from the index alone.
CREATE INDEX vote_tally ON vote(tool_id, verdict);

INSERT INTO persona (name, name_key, loose_key, focus, weight, position) VALUES
  ('Builder',  'builder',  'builder',  'Does it work, and is the developer experience right?', 1, 1),
  ('Skeptic',  'skeptic',  'skeptic',  'Who it competes with, and where it breaks.', 1, 2),
  ('Futurist', 'futurist', 'futurist', 'The bet it makes on where things are going.', 1, 3),
  ('Founder',  'founder',  'founder',  'The buyer, the business and the moat.', 1, 4);
