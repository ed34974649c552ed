-- toolcmp database schema, version 5.
-- This file is compiled into the binary and run once, in one transaction,
-- when toolcmp creates a new database. A database made by an older
-- toolcmp is brought up to this version by the migrations in
-- src/store_schema.cpp, chosen by PRAGMA user_version.

PRAGMA application_id = 1413696848;  -- 0x54434D50, "TCMP"
PRAGMA user_version = 5;

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

-- BEGIN version 5: the migration from version 4 runs this part.
-- A decision a team made: which tool it picked over which, why, and the
-- comparison as it stood (compare --json, with the ids of the reviews and
-- votes it counted), so that it reads the same after anything changes.
CREATE TABLE decision (
  id            INTEGER PRIMARY KEY,
  title         TEXT NOT NULL,
  name_key      TEXT NOT NULL UNIQUE,  -- case-folded title: titles are unique ignoring case
  loose_key     TEXT NOT NULL,
  status        TEXT NOT NULL CHECK (status IN ('proposed', 'accepted', 'rejected', 'superseded')),
  pick_position INTEGER NOT NULL,      -- which of its tools was picked
  why           TEXT NOT NULL DEFAULT '',
  decided_by    TEXT,                  -- who decided (MADR's deciders)
  review_by     TEXT,                  -- a date to look at it again
  superseded_by INTEGER REFERENCES decision(id) ON DELETE SET NULL,
  decided_at    TEXT NOT NULL,         -- when the snapshot was taken
  options       TEXT NOT NULL DEFAULT '{}',  -- the rule it was made by: what-if weights, --min-verdicts, --max-age
  snapshot      TEXT NOT NULL,         -- the comparison then, as JSON
  evidence      TEXT NOT NULL,         -- the snapshot without review texts: what check and changes read
  updated_at    TEXT NOT NULL
);
CREATE INDEX decision_loose_key ON decision(loose_key);
-- The tools a decision weighed, in the order compared: linked by id while
-- the tool exists, and by the name it had then always.
CREATE TABLE decision_tool (
  decision_id INTEGER NOT NULL REFERENCES decision(id) ON DELETE CASCADE,
  position    INTEGER NOT NULL,
  tool_id     INTEGER REFERENCES tool(id) ON DELETE SET NULL,
  name        TEXT NOT NULL,
  PRIMARY KEY (decision_id, position)
) WITHOUT ROWID;
CREATE INDEX decision_tool_tool ON decision_tool(tool_id);
-- END version 5.

INSERT INTO persona (name, name_key, loose_key, focus, weight, position) VALUES
  ('Builder',  'builder',  'builder',  'Does it work, and is the developer experience right?', 1, 1),
  ('Skeptic',  'skeptic',  'skeptic',  'Who it competes with, and where it breaks.', 1, 2),
  ('Futurist', 'futurist', 'futurist', 'The bet it makes on where things are going.', 1, 3),
  ('Founder',  'founder',  'founder',  'The buyer, the business and the moat.', 1, 4);
