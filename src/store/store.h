// The store: where documents, rejects and (later) entities, events and
// stories live. SQLite is the embedded default (store/sqlite/); the schema is
// the public contract, documented in HACKING.md, and changes only through
// numbered migrations.
//
// Writes come in batches; each batch is one transaction, so a run killed at
// any moment leaves the store as it was after the last committed batch, and
// re-running the same input adds nothing (documents are keyed by their stable
// id; rejects by source, place and reason).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/cluster.h"
#include "core/document.h"
#include "core/entity.h"
#include "core/status.h"

namespace ng {

struct BatchResult {
  int inserted = 0;   // new documents
  int duplicates = 0; // documents whose id was already stored (left unchanged)
  int rejects = 0;    // new reject rows
};

struct DocFilter {
  std::string lang;       // only this language ("" = any)
  std::string source_prefix;  // only sources starting with this ("" = any)
  int64_t limit = -1;     // -1 = no limit
  int64_t offset = 0;
};

// One row of `newsgraph docs`.
struct DocSummary {
  std::string id, lang, published, title, source, url;
};

struct StoredReject {
  Reject reject;
  std::string at;  // ISO 8601 UTC time it was first recorded
};

struct StoreStats {
  int64_t documents = 0;
  int64_t rejects = 0;
  int64_t bytes_text = 0;                               // sum of stored text sizes
  std::vector<std::pair<std::string, int64_t>> by_lang;    // sorted by count desc, then code
  std::vector<std::pair<std::string, int64_t>> by_format;  // "txt", "html", ...
  int schema_version = 0;
};

// One row of `newsgraph entities`.
struct EntitySummary {
  int64_t id = 0;
  std::string name;   // canonical: most used Latin-script form, full names first
  std::string type;   // majority type over its documents
  std::string place;  // gazetteer id, for places
  int64_t documents = 0;
  int64_t mentions = 0;
  std::vector<std::string> langs;  // languages of its documents, most frequent first
};

struct EntityFilter {
  std::string type;  // PER, ORG, LOC; "" = any
  std::string lang;  // seen in documents of this language; "" = any
  int64_t limit = -1;
};

// Everything `newsgraph entity ID` shows.
struct EntityDetail {
  EntitySummary summary;
  struct Alias {
    std::string surface, lang;
    int64_t documents = 0;
  };
  std::vector<Alias> aliases;  // by documents, most frequent first
  struct Occurrence {
    std::string doc, title, lang, published;
    std::string type, rule, evidence;  // the link and why it was made
    int64_t mentions = 0;
    std::vector<std::string> roles;    // role keys of its mentions there, with the country when the title
                                       // says it: "minister_defence (RUS)"
    std::vector<std::string> surfaces; // forms written in that document
  };
  std::vector<Occurrence> documents;  // arrival order
  std::vector<std::pair<EntitySummary, int64_t>> co_mentioned;  // with the number of shared documents
};

// One stored event frame with what it names, for `newsgraph events` and
// `timeline`.
struct EventRow {
  std::string doc, lang, title;
  std::string code, date, trigger, sentence;
  uint32_t sentence_begin = 0, sentence_end = 0;  // byte offsets of the sentence in the document's text
  int64_t event_cluster = 0;                      // the document's event cluster and story (0: not clustered)
  int64_t story = 0;
  struct Actor {
    int64_t entity = 0;  // 0: none, or a mention without an entity
    std::string name;    // the entity's canonical name, else the text
    std::string type, role, country;
  };
  Actor actor1, actor2, place;
  double confidence = 0;
  int64_t seq = 0;  // the frame in the store: its document's seq and its index there (Store::get_events)
  int64_t idx = 0;
};

// Actors an event can involve: entities (by registry id) or countries
// (ISO alpha-3: an actor of that country, or the frame's country).
struct ActorSet {
  std::vector<int64_t> entities;
  std::vector<std::string> countries;
};

struct EventQuery {
  std::string code;       // "" = any
  std::string from, to;   // YYYY-MM-DD bounds on the event date, inclusive; "" = open
  int64_t cluster = 0;    // only frames of documents in this event cluster or story; 0 = any
  int64_t limit = -1;
  // Each set must match actor 1 or actor 2 of the frame (a pre-filter done
  // with indexes; which side is which is for the caller). Empty = any.
  std::vector<ActorSet> involving;
  // false: rows without their text, for callers that group many frames and
  // show a few (Store::get_events then reads those): title, trigger and
  // sentence are empty, the place is empty, actors have their entity and
  // country but no type or role, and a name only when no entity is linked.
  bool text = true;
};

// One side of a pair for Store::pair_frames: an entity (registry id) or,
// when `entity` is 0, a country (ISO alpha-3).
struct ActorKey {
  int64_t entity = 0;
  std::string country;
};

struct PairQuery {
  // Frames whose actor 1 is one key of a pair and actor 2 the other, in
  // either order; an actor is its entity and its country (EventRow::Actor),
  // so a frame can be between several pairs. The two keys of a pair differ.
  std::vector<std::pair<ActorKey, ActorKey>> pairs;
  std::string from, to;  // YYYY-MM-DD bounds on the event date, inclusive; "" = open
};

// Full-text search over documents (`/api/search`).
struct SearchQuery {
  std::string text;   // words that must all occur, in the title or text, in any language; case and
                      // diacritics ignored ("to lam" finds "Tô Lâm", "da nang" finds "Đà Nẵng"); "" = any
  std::string lang;   // "" = any
  std::string from, to;  // YYYY-MM-DD bounds on the event date (else the publication date); "" = open
  int64_t entity = 0;    // documents linked to this registry entity; 0 = any
  std::string topic;     // documents with this topic key; "" = any
  int64_t limit = 20;
  int64_t offset = 0;
};

struct SearchHit {
  DocSummary doc;
  std::string event_date;
};

// The entity network (`/api/graph`): entities as nodes, co-mentions and event
// frames as edges.
struct GraphQuery {
  std::string from, to;  // YYYY-MM-DD bounds on the documents' event date (else publication date)
  std::string type;      // node entity type PER, ORG, LOC; "" = any
  int64_t nodes = 50;    // the most reported entities of the period
  // The latest this many documents of the period make the graph (a store of
  // 100k documents would take seconds to count whole).
  int64_t documents = 5000;
};
struct GraphEdge {
  int64_t a = 0, b = 0;
  std::string kind;      // "co-mention" or an event code ("040", "057"...)
  int64_t weight = 0;    // shared documents, or frames of that code
};
struct EntityGraph {
  std::vector<EntitySummary> nodes;  // `documents`: documents of the period
  std::vector<GraphEdge> edges;
};

// A story or an event cluster (src/cluster), for `newsgraph stories` and `story`.
struct ClusterSummary {
  int64_t id = 0;
  std::string level;                  // "event" or "story"
  std::string label;                  // "To Lam – Sergei Shoigu, Hanoi, 2025-12-09"
  std::string date;                   // event clusters: the event date ("" = unknown)
  std::string first_date, last_date;  // span of the members' event dates
  int64_t story = 0;                  // event clusters: their story
  int64_t documents = 0;              // member documents
  int64_t sources = 0;                // independent ones (near-copies not counted)
  std::vector<std::string> langs;     // most frequent first
  std::vector<std::pair<int64_t, std::string>> entities;  // main entities: id, canonical name
};

struct StoryQuery {
  std::string from, to;  // YYYY-MM-DD: stories whose date span meets [from, to]; "" = open
  int64_t entity = 0;    // only stories with a document naming this entity; 0 = any
  int64_t limit = -1;
  int64_t offset = 0;
};

struct ClusterDetail {
  ClusterSummary summary;
  struct Member {
    std::string doc, lang, title, published, event_date, copy_of;
    int64_t event = 0;  // its event cluster
    double score = 0;   // the score that put it here (1 for a near-copy; 0 for the first member)
    std::string why;    // the signals behind it (--why)
  };
  std::vector<Member> members;          // arrival order
  std::vector<ClusterSummary> events;   // a story's event clusters, by date
  std::vector<EventRow> frames;         // event frames of its members
  struct Merge {
    int64_t from = 0;
    std::string doc, why;
  };
  std::vector<Merge> merged;            // clusters merged into this one
};

class Store {
 public:
  virtual ~Store() = default;

  // Of `ids`, the ones already stored (to skip work on re-runs).
  virtual Result<std::vector<std::string>> existing_ids(const std::vector<std::string>& ids) = 0;

  // Writes documents (INSERT OR IGNORE by id), rejects, what the entity
  // registry learnt and where the clusterer put them, in one transaction.
  virtual Result<BatchResult> write_batch(const std::vector<Document>& docs, const std::vector<Reject>& rejects,
                                          const RegistryDelta& registry, const ClusterDelta& clusters) = 0;
  Result<BatchResult> write_batch(const std::vector<Document>& docs, const std::vector<Reject>& rejects) {
    return write_batch(docs, rejects, RegistryDelta(), ClusterDelta());
  }

  // The registry state the linker continues from (src/link).
  virtual Result<RegistrySnapshot> load_registry() = 0;

  // Relinking (`newsgraph relink`): forgets the whole registry (entities,
  // keys, aliases, links and the mentions' entity ids) in one transaction...
  virtual Status clear_registry() = 0;
  // ...and every cluster...
  virtual Status clear_clusters() = 0;
  // ...then, for documents already stored, replaces their mentions (with the
  // linked ones), times and event date, and applies what the registry
  // learnt and the clusterer decided, in one transaction.
  virtual Status write_links(const std::vector<Document>& docs, const RegistryDelta& registry,
                             const ClusterDelta& clusters) = 0;

  // The clusterer's state (src/cluster): the documents of its last `window`.
  virtual Result<ClusterSnapshot> load_clusters() = 0;
  // Stories, latest first.
  virtual Result<std::vector<ClusterSummary>> list_stories(const StoryQuery& query) = 0;
  // A story or an event cluster with its members, events and frames;
  // std::nullopt when no cluster has this id. A merged cluster's id leads to
  // the one it was merged into.
  virtual Result<std::optional<ClusterDetail>> get_cluster(int64_t id) = 0;

  // Entities by documents (most first), filtered.
  virtual Result<std::vector<EntitySummary>> list_entities(const EntityFilter& filter) = 0;
  // Entities by id (missing ids are left out); without `langs`, their
  // EntitySummary::langs stay empty (one query less per entity).
  virtual Result<std::vector<EntitySummary>> get_entities(const std::vector<int64_t>& ids, bool langs = true) = 0;
  // Entities having one of these match keys (Linker::lookup_keys) or an
  // alias equal to `surface` ignoring case, most documented first.
  virtual Result<std::vector<int64_t>> find_entities(const std::vector<std::string>& keys,
                                                     const std::string& surface) = 0;
  virtual Result<std::optional<EntityDetail>> get_entity(int64_t id) = 0;

  // Event frames by date, then arrival order (frames without a date last).
  virtual Result<std::vector<EventRow>> list_events(const EventQuery& query) = 0;
  // The frames of these keys (EventRow::seq, idx) with all their text, in
  // the order of the keys; a key the store does not have is left out.
  virtual Result<std::vector<EventRow>> get_events(const std::vector<std::pair<int64_t, int64_t>>& keys) = 0;

  // The frames between the pairs of `q` (table dyad_frames), each once, in
  // list_events' order, as rows without their text (EventQuery::text =
  // false); `fn` returns false to stop reading. What a timeline's page needs
  // is read up to the page's last date, not every frame of the pair.
  virtual Status pair_frames(const PairQuery& q, const std::function<bool(const EventRow&)>& fn) = 0;

  // The whole document with paragraphs, sentences, tokens and removals;
  // std::nullopt when no document has this id.
  virtual Result<std::optional<Document>> get_document(const std::string& id) = 0;

  // Matching documents in arrival order (the order batches were committed).
  virtual Result<std::vector<DocSummary>> list_documents(const DocFilter& filter) = 0;

  // Calls `fn` for each matching document in arrival order (full documents);
  // stops early when fn returns false.
  virtual Status for_each_document(const DocFilter& filter,
                                   const std::function<bool(const Document&)>& fn) = 0;

  virtual Result<std::vector<StoredReject>> list_rejects(int64_t limit) = 0;

  // Documents matching `q`, latest arrival first. Bad FTS syntax cannot
  // happen: the words are quoted; an empty result is not an error.
  virtual Result<std::vector<SearchHit>> search_documents(const SearchQuery& q) = 0;

  // The most reported entities of a period and the links between them.
  virtual Result<EntityGraph> entity_graph(const GraphQuery& q) = 0;

  virtual Result<StoreStats> stats() = 0;

  // Changes whenever something is committed to the store, through this
  // object or by another connection or process: a corpus stage whose state
  // mirrors the store reloads it only when the count moved since its own
  // last write; the HTTP API's response cache is dropped when it moves.
  virtual Result<int64_t> change_count() = 0;
};

struct SqliteOptions {
  // Milliseconds to wait for another writer before failing.
  int busy_timeout_ms = 10000;
  // Open an existing database read-only (queries); fails if it does not exist.
  bool read_only = false;
};

// Opens (creating if needed, unless read_only) an SQLite store at `path` in
// WAL mode and applies pending migrations. Errors name the path: not a
// database, a newer schema than this build knows, unwritable directory.
Result<std::unique_ptr<Store>> open_sqlite_store(const std::string& path, const SqliteOptions& options = {});

}  // namespace ng
