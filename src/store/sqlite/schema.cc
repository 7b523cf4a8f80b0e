#include "store/sqlite/schema.h"

#include <array>

namespace ng::sqlite {
namespace {

// 1: documents, their paragraphs and removed furniture, rejected inputs.
// Sentences and tokens are packed spans (BLOBs of little-endian uint32 pairs;
// for tokens the top bit of `end` is is_word), since nobody queries them by
// value and a row per token would be ten times the size of the text.
constexpr std::string_view kMigration1 = R"sql(
CREATE TABLE documents (
  seq             INTEGER PRIMARY KEY,   -- arrival order, never reused
  id              TEXT NOT NULL UNIQUE,  -- stable document id
  source          TEXT NOT NULL,         -- "path" or "path:line 12"
  format          TEXT NOT NULL,         -- txt, html, jsonl, feed, warc
  url             TEXT,
  title           TEXT,
  published       TEXT,                  -- ISO 8601 as found
  agency          TEXT,                  -- sign-off / credit turned metadata
  charset         TEXT NOT NULL,
  invalid_bytes   INTEGER NOT NULL DEFAULT 0,
  raw_size        INTEGER NOT NULL DEFAULT 0,
  lang            TEXT NOT NULL,         -- given language, else detected
  lang_given      TEXT,
  lang_detected   TEXT NOT NULL,
  lang_confidence REAL NOT NULL DEFAULT 0,
  lang_reliable   INTEGER NOT NULL DEFAULT 0,
  text            TEXT NOT NULL,         -- cleaned text; every span points into it
  extracted       TEXT,                  -- text before cleaning; removals point into it; NULL = same as text
  sentences       BLOB,
  tokens          BLOB,
  ingested_at     TEXT NOT NULL
);
CREATE INDEX documents_lang ON documents(lang);
CREATE INDEX documents_published ON documents(published);

CREATE TABLE paragraphs (
  doc_seq    INTEGER NOT NULL REFERENCES documents(seq) ON DELETE CASCADE,
  idx        INTEGER NOT NULL,
  begin      INTEGER NOT NULL,           -- byte offsets into documents.text
  end        INTEGER NOT NULL,
  lang       TEXT NOT NULL,
  confidence REAL NOT NULL,
  PRIMARY KEY (doc_seq, idx)
) WITHOUT ROWID;

CREATE TABLE removals (
  doc_seq INTEGER NOT NULL REFERENCES documents(seq) ON DELETE CASCADE,
  idx     INTEGER NOT NULL,
  begin   INTEGER NOT NULL,              -- byte offsets into documents.extracted
  end     INTEGER NOT NULL,
  reason  TEXT NOT NULL,
  text    TEXT NOT NULL,
  PRIMARY KEY (doc_seq, idx)
) WITHOUT ROWID;

CREATE TABLE rejects (
  seq        INTEGER PRIMARY KEY,
  source     TEXT NOT NULL,
  locator    TEXT NOT NULL,
  reason     TEXT NOT NULL,
  first_seen TEXT NOT NULL,
  last_seen  TEXT NOT NULL,
  count      INTEGER NOT NULL DEFAULT 1,
  UNIQUE (source, locator, reason)
);
)sql";

// 2: mentions of people, organisations and places (src/extract/mentions).
constexpr std::string_view kMigration2 = R"sql(
CREATE TABLE mentions (
  doc_seq INTEGER NOT NULL REFERENCES documents(seq) ON DELETE CASCADE,
  idx     INTEGER NOT NULL,
  begin   INTEGER NOT NULL,              -- byte offsets into documents.text
  end     INTEGER NOT NULL,
  type    TEXT NOT NULL,                 -- PER, ORG, LOC
  role    TEXT,                          -- role key of a title before a person
  place   TEXT,                          -- gazetteer id of a place (VNM, Asia/Saigon)
  PRIMARY KEY (doc_seq, idx)
) WITHOUT ROWID;
CREATE INDEX mentions_type ON mentions(type);
)sql";

// 3: the entity registry (src/link): entities, their match keys and written
// forms, the link of each document to each entity with the rule that made
// it, and the entity of each mention and the country its role belongs to. Documents stored before this migration
// keep mentions without an entity.
constexpr std::string_view kMigration3 = R"sql(
CREATE TABLE entities (
  id        INTEGER PRIMARY KEY,         -- assigned by the linker in arrival order
  type      TEXT NOT NULL,               -- majority type: PER, ORG, LOC
  name      TEXT NOT NULL,               -- canonical: most used Latin-script alias, full names first
  place     TEXT,                        -- gazetteer id of a place (VNM, Asia/Saigon)
  documents INTEGER NOT NULL DEFAULT 0,
  mentions  INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX entities_documents ON entities(documents DESC);

CREATE TABLE entity_keys (
  key    TEXT NOT NULL,                  -- "n:sergei shoigu", "s:...", "o:...", "t:shoigu", "p:VNM"
  entity INTEGER NOT NULL REFERENCES entities(id),
  PRIMARY KEY (key, entity)
) WITHOUT ROWID;

CREATE TABLE entity_aliases (
  entity        INTEGER NOT NULL REFERENCES entities(id),
  surface       TEXT NOT NULL,           -- as written
  lang          TEXT NOT NULL,
  latin         INTEGER NOT NULL,        -- 1 when written in Latin script
  tokens        INTEGER NOT NULL,        -- words
  documents     INTEGER NOT NULL DEFAULT 0,
  first_doc_seq INTEGER NOT NULL,
  PRIMARY KEY (entity, surface, lang)
) WITHOUT ROWID;
CREATE INDEX entity_aliases_surface ON entity_aliases(surface COLLATE NOCASE);

CREATE TABLE entity_links (
  doc_seq  INTEGER NOT NULL REFERENCES documents(seq) ON DELETE CASCADE,
  entity   INTEGER NOT NULL REFERENCES entities(id),
  type     TEXT NOT NULL,                -- the entity's type in this document
  rule     TEXT NOT NULL,                -- new, place, name key, inflected form, token set, short form
  evidence TEXT NOT NULL,
  mentions INTEGER NOT NULL,
  PRIMARY KEY (doc_seq, entity)
) WITHOUT ROWID;
CREATE INDEX entity_links_entity ON entity_links(entity, doc_seq);

ALTER TABLE mentions ADD COLUMN entity INTEGER;  -- entities.id; NULL before migration 3
ALTER TABLE mentions ADD COLUMN affiliation TEXT;  -- country (alpha-3) of the role, when the title says
ALTER TABLE mentions ADD COLUMN org TEXT;          -- canonical name of a known organisation (data/orgs)
CREATE INDEX mentions_entity ON mentions(entity);
)sql";

// 4: temporal expressions (src/extract/time) and each document's event date.
// Documents stored before it have no times and a NULL event date until
// `newsgraph relink` finds them again.
constexpr std::string_view kMigration4 = R"sql(
ALTER TABLE documents ADD COLUMN event_date TEXT;      -- date of the happening the document reports
ALTER TABLE documents ADD COLUMN event_date_how TEXT;  -- why that date (or why none)
CREATE INDEX documents_event_date ON documents(event_date);
CREATE TABLE times (
  doc_seq  INTEGER NOT NULL REFERENCES documents(seq) ON DELETE CASCADE,
  idx      INTEGER NOT NULL,
  begin    INTEGER NOT NULL,             -- byte offsets into documents.text
  end      INTEGER NOT NULL,
  value    TEXT NOT NULL,                -- ISO 8601: 2025-12-09, 2025-12, 2025-12-08/2025-12-10, XXXX-12-09
  kind     TEXT NOT NULL,                -- date, range, month, year, week, weekday, relative
  anchor   TEXT NOT NULL,                -- explicit, published, inferred, none
  evidence TEXT,
  PRIMARY KEY (doc_seq, idx)
) WITHOUT ROWID;
)sql";

// 5: the topics of each document (src/extract/topics, data/topics/).
constexpr std::string_view kMigration5 = R"sql(
CREATE TABLE topics (
  doc_seq  INTEGER NOT NULL REFERENCES documents(seq) ON DELETE CASCADE,
  topic    TEXT NOT NULL,                -- key from data/topics/README.md
  score    INTEGER NOT NULL,             -- phrases of the topic found
  evidence TEXT NOT NULL,                -- the first of them, as written
  PRIMARY KEY (doc_seq, topic)
) WITHOUT ROWID;
CREATE INDEX topics_topic ON topics(topic);
)sql";

// 6: event frames (src/extract/events): who did what to whom, where and
// when, pointing at the mentions of their actors and place.
constexpr std::string_view kMigration6 = R"sql(
CREATE TABLE events (
  doc_seq        INTEGER NOT NULL REFERENCES documents(seq) ON DELETE CASCADE,
  idx            INTEGER NOT NULL,
  code           TEXT NOT NULL,          -- CAMEO-compatible: 040, 042, 043, 057...; ATT attend a meeting
  trigger_begin  INTEGER NOT NULL,       -- byte offsets into documents.text
  trigger_end    INTEGER NOT NULL,
  sentence_begin INTEGER NOT NULL,
  sentence_end   INTEGER NOT NULL,
  actor1         INTEGER,                -- mentions.idx of this document
  actor2         INTEGER,
  country1       TEXT,                   -- ISO alpha-3
  country2       TEXT,
  place          INTEGER,                -- mentions.idx
  date           TEXT,                   -- YYYY-MM-DD
  confidence     REAL NOT NULL,
  PRIMARY KEY (doc_seq, idx)
) WITHOUT ROWID;
CREATE INDEX events_date ON events(date);
CREATE INDEX events_code ON events(code);
)sql";

// 7: event clusters and stories (src/cluster). Each document belongs to one
// event cluster and one story; `cluster_members` says why it joined;
// `cluster_window` holds the clusterer's record of the last documents it saw
// (its state, reloaded at each run), older rows are deleted as they leave.
constexpr std::string_view kMigration7 = R"sql(
CREATE TABLE clusters (
  id          INTEGER PRIMARY KEY,
  level       TEXT NOT NULL,               -- event, story
  story       INTEGER,                     -- event clusters: their story
  label       TEXT NOT NULL DEFAULT '',    -- main actors, place, date
  date        TEXT,                        -- event clusters: the date most dated members give
  first_date  TEXT,                        -- span of the members' event dates
  last_date   TEXT,
  documents   INTEGER NOT NULL DEFAULT 0,
  sources     INTEGER NOT NULL DEFAULT 0,  -- documents that are not near-copies
  langs       TEXT NOT NULL DEFAULT '',    -- "en de fr", most documents first
  entities    TEXT NOT NULL DEFAULT '',    -- main entity ids, most weight first, space-separated
  merged_into INTEGER                      -- set when late evidence merged it into another cluster
);
CREATE INDEX clusters_level ON clusters(level, last_date);
CREATE INDEX clusters_story ON clusters(story);
CREATE TABLE cluster_members (
  cluster  INTEGER NOT NULL,
  doc_seq  INTEGER NOT NULL REFERENCES documents(seq) ON DELETE CASCADE,
  score    REAL NOT NULL,                  -- what put it there (1: near-copy; 0: first member)
  why      TEXT NOT NULL,
  own_date INTEGER NOT NULL,               -- 1: its text dates it; 0: it takes the event cluster's date
  PRIMARY KEY (cluster, doc_seq)
) WITHOUT ROWID;
CREATE INDEX cluster_members_doc ON cluster_members(doc_seq);
CREATE TABLE cluster_merges (
  from_cluster INTEGER NOT NULL,
  into_cluster INTEGER NOT NULL,
  level        TEXT NOT NULL,
  doc_seq      INTEGER,                    -- the document whose arrival showed it
  why          TEXT NOT NULL
);
CREATE TABLE cluster_window (
  arrival  INTEGER PRIMARY KEY,            -- the clusterer's arrival number
  doc_seq  INTEGER NOT NULL REFERENCES documents(seq) ON DELETE CASCADE,
  features BLOB NOT NULL                   -- the clusterer's record (src/cluster/clusterer.cc)
);
ALTER TABLE documents ADD COLUMN event_cluster INTEGER;
ALTER TABLE documents ADD COLUMN story INTEGER;
ALTER TABLE documents ADD COLUMN copy_of TEXT;        -- id of the document it is a near-copy of
CREATE INDEX documents_event_cluster ON documents(event_cluster);
CREATE INDEX documents_story ON documents(story);
)sql";

// 8: full-text search (src/serve: /api/search) and the indexes the HTTP API's
// queries need. documents_fts is a contentless FTS5 index of documents(title,
// text) (rowid = documents.seq) with diacritics removed (unicode61
// remove_diacritics 2: "to lam" finds "Tô Lâm"); the letters Unicode does not
// decompose into a base letter and a mark (đ Đ ł Ł ø Ø) are replaced before
// indexing, and queries fold them the same way (Store::search_documents).
// Filled for every new document by a trigger and backfilled here for
// existing stores.
constexpr std::string_view kMigration8 = R"sql(
CREATE VIRTUAL TABLE documents_fts USING fts5(
  title, body, content='',
  tokenize='unicode61 remove_diacritics 2'
);
INSERT INTO documents_fts(rowid, title, body)
  SELECT seq,
         replace(replace(replace(replace(replace(replace(coalesce(title, ''), 'đ', 'd'), 'Đ', 'D'), 'ł', 'l'), 'Ł', 'L'), 'ø', 'o'), 'Ø', 'O'),
         replace(replace(replace(replace(replace(replace(text, 'đ', 'd'), 'Đ', 'D'), 'ł', 'l'), 'Ł', 'L'), 'ø', 'o'), 'Ø', 'O')
  FROM documents;
CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
  INSERT INTO documents_fts(rowid, title, body) VALUES (new.seq,
    replace(replace(replace(replace(replace(replace(coalesce(new.title, ''), 'đ', 'd'), 'Đ', 'D'), 'ł', 'l'), 'Ł', 'L'), 'ø', 'o'), 'Ø', 'O'),
    replace(replace(replace(replace(replace(replace(new.text, 'đ', 'd'), 'Đ', 'D'), 'ł', 'l'), 'Ł', 'L'), 'ø', 'o'), 'Ø', 'O'));
END;
-- Search filters read these instead of the wide document rows.
CREATE INDEX documents_filter ON documents(seq, lang, substr(coalesce(event_date, published, ''), 1, 10));
CREATE INDEX events_country1 ON events(country1, date);
CREATE INDEX events_country2 ON events(country2, date);
)sql";

// 9: each cluster's members counted by language and by event date, kept by
// triggers on cluster_members and documents, so that refreshing a cluster
// (its documents, sources, languages, date span) reads a few rows instead of
// every member: a story that runs for months has tens of thousands. Rows
// whose count fell to 0 are deleted. Backfilled for existing stores.
constexpr std::string_view kMigration9 = R"sql(
CREATE TABLE cluster_langs (
  cluster   INTEGER NOT NULL,
  lang      TEXT NOT NULL,
  documents INTEGER NOT NULL,           -- members in this language
  sources   INTEGER NOT NULL,           -- of them, not near-copies
  PRIMARY KEY (cluster, lang)
) WITHOUT ROWID;
CREATE TABLE cluster_dates (
  cluster   INTEGER NOT NULL,
  date      TEXT NOT NULL,              -- a member's documents.event_date
  documents INTEGER NOT NULL,           -- members with that event date
  PRIMARY KEY (cluster, date)
) WITHOUT ROWID;
INSERT INTO cluster_langs (cluster, lang, documents, sources)
  SELECT m.cluster, d.lang, count(*), sum(d.copy_of IS NULL)
  FROM cluster_members m JOIN documents d ON d.seq = m.doc_seq GROUP BY m.cluster, d.lang;
INSERT INTO cluster_dates (cluster, date, documents)
  SELECT m.cluster, d.event_date, count(*)
  FROM cluster_members m JOIN documents d ON d.seq = m.doc_seq WHERE d.event_date IS NOT NULL
  GROUP BY m.cluster, d.event_date;
-- A member comes: counted in its cluster.
CREATE TRIGGER cluster_members_count_insert AFTER INSERT ON cluster_members BEGIN
  INSERT INTO cluster_langs (cluster, lang, documents, sources)
    SELECT new.cluster, d.lang, 1, d.copy_of IS NULL FROM documents d WHERE d.seq = new.doc_seq
    ON CONFLICT (cluster, lang) DO UPDATE SET documents = documents + 1, sources = sources + excluded.sources;
  INSERT INTO cluster_dates (cluster, date, documents)
    SELECT new.cluster, d.event_date, 1 FROM documents d WHERE d.seq = new.doc_seq AND d.event_date IS NOT NULL
    ON CONFLICT (cluster, date) DO UPDATE SET documents = documents + 1;
END;
-- A member goes (also the row an INSERT OR REPLACE or UPDATE OR REPLACE is
-- about to replace: REPLACE deletes without firing delete triggers).
CREATE TRIGGER cluster_members_count_delete AFTER DELETE ON cluster_members BEGIN
  UPDATE cluster_langs SET documents = documents - 1,
         sources = sources - (SELECT d.copy_of IS NULL FROM documents d WHERE d.seq = old.doc_seq)
   WHERE cluster = old.cluster AND lang = (SELECT d.lang FROM documents d WHERE d.seq = old.doc_seq);
  UPDATE cluster_dates SET documents = documents - 1
   WHERE cluster = old.cluster AND date = (SELECT d.event_date FROM documents d WHERE d.seq = old.doc_seq);
  DELETE FROM cluster_langs WHERE cluster = old.cluster AND documents <= 0;
  DELETE FROM cluster_dates WHERE cluster = old.cluster AND documents <= 0;
END;
CREATE TRIGGER cluster_members_count_replace BEFORE INSERT ON cluster_members
WHEN EXISTS (SELECT 1 FROM cluster_members WHERE cluster = new.cluster AND doc_seq = new.doc_seq) BEGIN
  DELETE FROM cluster_members WHERE cluster = new.cluster AND doc_seq = new.doc_seq;
END;
CREATE TRIGGER cluster_members_count_move BEFORE UPDATE OF cluster, doc_seq ON cluster_members BEGIN
  DELETE FROM cluster_members WHERE cluster = new.cluster AND doc_seq = new.doc_seq
    AND (new.cluster != old.cluster OR new.doc_seq != old.doc_seq);
END;
-- A member moves to another cluster (merges, moves between stories).
CREATE TRIGGER cluster_members_count_update AFTER UPDATE OF cluster, doc_seq ON cluster_members
WHEN new.cluster != old.cluster OR new.doc_seq != old.doc_seq BEGIN
  UPDATE cluster_langs SET documents = documents - 1,
         sources = sources - (SELECT d.copy_of IS NULL FROM documents d WHERE d.seq = old.doc_seq)
   WHERE cluster = old.cluster AND lang = (SELECT d.lang FROM documents d WHERE d.seq = old.doc_seq);
  UPDATE cluster_dates SET documents = documents - 1
   WHERE cluster = old.cluster AND date = (SELECT d.event_date FROM documents d WHERE d.seq = old.doc_seq);
  DELETE FROM cluster_langs WHERE cluster = old.cluster AND documents <= 0;
  DELETE FROM cluster_dates WHERE cluster = old.cluster AND documents <= 0;
  INSERT INTO cluster_langs (cluster, lang, documents, sources)
    SELECT new.cluster, d.lang, 1, d.copy_of IS NULL FROM documents d WHERE d.seq = new.doc_seq
    ON CONFLICT (cluster, lang) DO UPDATE SET documents = documents + 1, sources = sources + excluded.sources;
  INSERT INTO cluster_dates (cluster, date, documents)
    SELECT new.cluster, d.event_date, 1 FROM documents d WHERE d.seq = new.doc_seq AND d.event_date IS NOT NULL
    ON CONFLICT (cluster, date) DO UPDATE SET documents = documents + 1;
END;
-- A member's event date or near-copy mark changes: its clusters' counts follow.
CREATE TRIGGER documents_count_event_date AFTER UPDATE OF event_date ON documents
WHEN old.event_date IS NOT new.event_date BEGIN
  UPDATE cluster_dates SET documents = documents - 1
   WHERE date = old.event_date AND cluster IN (SELECT cluster FROM cluster_members WHERE doc_seq = new.seq);
  DELETE FROM cluster_dates WHERE date = old.event_date AND documents <= 0
    AND cluster IN (SELECT cluster FROM cluster_members WHERE doc_seq = new.seq);
  INSERT INTO cluster_dates (cluster, date, documents)
    SELECT m.cluster, new.event_date, 1 FROM cluster_members m WHERE m.doc_seq = new.seq AND new.event_date IS NOT NULL
    ON CONFLICT (cluster, date) DO UPDATE SET documents = documents + 1;
END;
CREATE TRIGGER documents_count_copy_of AFTER UPDATE OF copy_of ON documents
WHEN (old.copy_of IS NULL) != (new.copy_of IS NULL) BEGIN
  UPDATE cluster_langs SET sources = sources + (new.copy_of IS NULL) - (old.copy_of IS NULL)
   WHERE lang = new.lang AND cluster IN (SELECT cluster FROM cluster_members WHERE doc_seq = new.seq);
END;
)sql";

// 10: indexes that let the HTTP API's computed answers read only what they
// return (issue 6's latency target).
// - clusters_stories: the live stories in the order /api/stories lists them
//   (undated last, latest first, bigger first, then id), so a page is the
//   first rows of the index instead of a sort of every story; first_date is
//   in it so the date filters are checked without reading the row.
// - documents_day: documents by the day they report (event date, else
//   publication date) as documents_filter computes it: a search with a period
//   bounds its full-text scan to the seq range of that period.
constexpr std::string_view kMigration10 = R"sql(
CREATE INDEX clusters_stories ON clusters(last_date IS NULL, last_date DESC, documents DESC, id, first_date)
  WHERE level = 'story' AND merged_into IS NULL;
CREATE INDEX documents_day ON documents(substr(coalesce(event_date, published, ''), 1, 10), seq);
)sql";

// 11: the event frames of each pair of actors, for the timeline
// (/api/timeline): a page of a timeline reads the frames of its pair in the
// order it shows them, up to the page's last date, instead of every frame of
// the side with fewer (Brazil–Chile read 2,718 frames to show 100
// happenings). An actor is its entity ('e:' || mentions.entity) and its
// country ('c:' || events.countryN); a frame is stored once under each
// pair of a key of actor 1 and a different key of actor 2 (at most four),
// ordered so that side_a < side_b. The view dyad_frames_from_events is what
// the table holds: the store writes a document's rows with its events,
// deletes them before its events are replaced (relink), and fills the
// table again when the registry is cleared (every actor loses its entity).
// The other columns are what the timeline groups and checks a frame by
// (EventQuery::text = false): actors' entity, country and, without an
// entity, the mention's text. Backfilled for existing stores.
constexpr std::string_view kMigration11 = R"sql(
CREATE TABLE dyad_frames (
  side_a   TEXT NOT NULL,                -- 'e:' || entity id or 'c:' || ISO alpha-3; side_a < side_b
  side_b   TEXT NOT NULL,
  date     TEXT NOT NULL,                -- events.date, '' when it has none
  doc_seq  INTEGER NOT NULL,             -- the frame: events (doc_seq, idx)
  idx      INTEGER NOT NULL,
  code     TEXT NOT NULL,
  entity1  INTEGER,                      -- actor 1: mentions.entity
  country1 TEXT,                         -- events.country1
  name1    TEXT,                         -- the mention's text when it has no entity
  entity2  INTEGER,
  country2 TEXT,
  name2    TEXT,
  PRIMARY KEY (side_a, side_b, date, doc_seq, idx)
) WITHOUT ROWID;
CREATE VIEW dyad_frames_from_events AS
SELECT min(k1, k2) AS side_a, max(k1, k2) AS side_b, date, doc_seq, idx, code,
       entity1, country1, name1, entity2, country2, name2
FROM (
  SELECT coalesce(e.date, '') AS date, e.doc_seq AS doc_seq, e.idx AS idx, e.code AS code,
         m1.entity AS entity1, e.country1 AS country1,
         CASE WHEN m1.entity IS NULL THEN CAST(substr(CAST(d.text AS BLOB), m1.begin + 1, m1.end - m1.begin) AS TEXT) END AS name1,
         m2.entity AS entity2, e.country2 AS country2,
         CASE WHEN m2.entity IS NULL THEN CAST(substr(CAST(d.text AS BLOB), m2.begin + 1, m2.end - m2.begin) AS TEXT) END AS name2,
         CASE WHEN k.i < 2 THEN CASE WHEN m1.entity > 0 THEN 'e:' || m1.entity END
              ELSE CASE WHEN e.country1 <> '' THEN 'c:' || e.country1 END END AS k1,
         CASE WHEN k.i % 2 = 0 THEN CASE WHEN m2.entity > 0 THEN 'e:' || m2.entity END
              ELSE CASE WHEN e.country2 <> '' THEN 'c:' || e.country2 END END AS k2
  FROM events e JOIN documents d ON d.seq = e.doc_seq
  LEFT JOIN mentions m1 ON m1.doc_seq = e.doc_seq AND m1.idx = e.actor1
  LEFT JOIN mentions m2 ON m2.doc_seq = e.doc_seq AND m2.idx = e.actor2
  CROSS JOIN (SELECT 0 AS i UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3) k
)
WHERE k1 IS NOT NULL AND k2 IS NOT NULL AND k1 <> k2;
INSERT OR IGNORE INTO dyad_frames (side_a, side_b, date, doc_seq, idx, code, entity1, country1, name1, entity2, country2, name2)
  SELECT side_a, side_b, date, doc_seq, idx, code, entity1, country1, name1, entity2, country2, name2
  FROM dyad_frames_from_events;
)sql";

constexpr std::array<std::string_view, 11> kMigrations = {kMigration1, kMigration2, kMigration3, kMigration4,
                                                          kMigration5, kMigration6, kMigration7, kMigration8,
                                                          kMigration9, kMigration10, kMigration11};

}  // namespace

std::span<const std::string_view> migrations() { return kMigrations; }

}  // namespace ng::sqlite
