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

#include "core/document.h"
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

class Store {
 public:
  virtual ~Store() = default;

  // Of `ids`, the ones already stored (to skip work on re-runs).
  virtual Result<std::vector<std::string>> existing_ids(const std::vector<std::string>& ids) = 0;

  // Writes documents (INSERT OR IGNORE by id) and rejects in one transaction.
  virtual Result<BatchResult> write_batch(const std::vector<Document>& docs,
                                          const std::vector<Reject>& rejects) = 0;

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

  virtual Result<StoreStats> stats() = 0;
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
