// The SQLite store's class and statement helpers, shared by its source files
// (sqlite_store.cc: documents, registry, events; clusters.cc: clusters).
// Internal to src/store/sqlite.
#pragma once

#include <sqlite3.h>

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "store/store.h"

namespace ng {

// Owns one prepared statement; reset on destruction so that a statement left
// mid-iteration by an early return never holds a read lock.
class Stmt {
 public:
  Stmt() = default;
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  ~Stmt() { sqlite3_finalize(s_); }
  sqlite3_stmt** out() { return &s_; }
  sqlite3_stmt* get() const { return s_; }

 private:
  sqlite3_stmt* s_ = nullptr;
};

class Reset {
 public:
  explicit Reset(sqlite3_stmt* s) : s_(s) {}
  ~Reset() {
    sqlite3_reset(s_);
    sqlite3_clear_bindings(s_);
  }

 private:
  sqlite3_stmt* s_;
};

inline void bind_text(sqlite3_stmt* s, int i, std::string_view v) {
  sqlite3_bind_text(s, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
}
inline void bind_text_or_null(sqlite3_stmt* s, int i, std::string_view v) {
  if (v.empty()) sqlite3_bind_null(s, i);
  else bind_text(s, i, v);
}
inline void bind_blob(sqlite3_stmt* s, int i, const std::string& v) {
  sqlite3_bind_blob(s, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
}
inline std::string col_text(sqlite3_stmt* s, int i) {
  const unsigned char* p = sqlite3_column_text(s, i);
  if (!p) return {};
  return std::string(reinterpret_cast<const char*>(p), static_cast<size_t>(sqlite3_column_bytes(s, i)));
}
inline std::string col_blob(sqlite3_stmt* s, int i) {
  const void* p = sqlite3_column_blob(s, i);
  if (!p) return {};
  return std::string(static_cast<const char*>(p), static_cast<size_t>(sqlite3_column_bytes(s, i)));
}


class SqliteStore final : public Store {
 public:
  SqliteStore(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  ~SqliteStore() override {
    // Statements first: sqlite3_close refuses while any is alive.
    stmts_.clear();
    text_stmts_.clear();
    sqlite3_close_v2(db_);
  }

  Status init(const SqliteOptions& options);

  Result<std::vector<std::string>> existing_ids(const std::vector<std::string>& ids) override;
  Result<BatchResult> write_batch(const std::vector<Document>& docs, const std::vector<Reject>& rejects,
                                  const RegistryDelta& registry, const ClusterDelta& clusters) override;
  Result<RegistrySnapshot> load_registry() override;
  Status clear_registry() override;
  Status clear_clusters() override;
  Status write_links(const std::vector<Document>& docs, const RegistryDelta& registry,
                     const ClusterDelta& clusters) override;
  Result<ClusterSnapshot> load_clusters() override;
  Result<std::vector<ClusterSummary>> list_stories(const StoryQuery& query) override;
  Result<std::optional<ClusterDetail>> get_cluster(int64_t id) override;
  Result<std::vector<EntitySummary>> list_entities(const EntityFilter& filter) override;
  Result<std::vector<EntitySummary>> get_entities(const std::vector<int64_t>& ids, bool langs = true) override;
  Result<std::vector<int64_t>> find_entities(const std::vector<std::string>& keys, const std::string& surface) override;
  Result<std::optional<EntityDetail>> get_entity(int64_t id) override;
  Result<std::vector<EventRow>> list_events(const EventQuery& query) override;
  Result<std::vector<EventRow>> get_events(const std::vector<std::pair<int64_t, int64_t>>& keys) override;
  Status pair_frames(const PairQuery& q, const std::function<bool(const EventRow&)>& fn) override;
  Result<std::optional<Document>> get_document(const std::string& id) override;
  Result<std::vector<DocSummary>> list_documents(const DocFilter& filter) override;
  Status for_each_document(const DocFilter& filter, const std::function<bool(const Document&)>& fn) override;
  Result<std::vector<StoredReject>> list_rejects(int64_t limit) override;
  Result<StoreStats> stats() override;
  Result<std::vector<SearchHit>> search_documents(const SearchQuery& q) override;
  Result<EntityGraph> entity_graph(const GraphQuery& q) override;
  Result<int64_t> change_count() override;

 private:
  Status error(std::string_view what) const {
    return Status::io_error(path_ + ": " + std::string(what) + ": " + sqlite3_errmsg(db_));
  }
  Status exec(const char* sql) {
    char* msg = nullptr;
    if (sqlite3_exec(db_, sql, nullptr, nullptr, &msg) != SQLITE_OK) {
      Status st = Status::io_error(path_ + ": " + (msg ? msg : sqlite3_errmsg(db_)));
      sqlite3_free(msg);
      return st;
    }
    return Status::ok();
  }
  // A cached prepared statement for `sql` (a string literal: its address is the key).
  Result<sqlite3_stmt*> prepare(const char* sql);
  // A cached prepared statement for a query built at run time (keyed by its
  // text); valid until the next prepare_text call.
  Result<sqlite3_stmt*> prepare_text(const std::string& sql);
  Result<size_t> estimate_frames(const EventQuery& q);
  // Runs an event query built on kEventSql and reads its rows.
  Result<std::vector<EventRow>> event_rows(sqlite3_stmt* s);
  Result<int> user_version();
  Status migrate();
  Status load_children(int64_t seq, Document& d);
  Status each_child(const char* sql, int64_t seq, const char* what, const std::function<Status(sqlite3_stmt*)>& row);
  Status write_registry(const RegistryDelta& delta, const std::map<std::string, int64_t>& seq_of);
  Status fill_langs(EntitySummary& e);
  // clusters.cc
  Status write_clusters(const ClusterDelta& delta, const std::map<std::string, int64_t>& seq_of);
  Status refresh_cluster(const ClusterUpdate& u);
  Status apply_merge(const ClusterMerge& m, int64_t doc_seq);
  ClusterSummary cluster_summary(sqlite3_stmt* s);
  Status query_clusters(const char* sql, const std::function<void(sqlite3_stmt*)>& bind,
                        std::vector<ClusterSummary>& out);
  Status insert_mentions(int64_t seq, const Document& d);
  Status insert_times(int64_t seq, const Document& d);
  Status insert_topics(int64_t seq, const Document& d);
  Status insert_events(int64_t seq, const Document& d);
  // The rows of dyad_frames of documents first..last (seq), from their
  // stored events and mentions; remove: of one document.
  Status add_dyad_frames(int64_t first, int64_t last);
  Status remove_dyad_frames(int64_t seq);
  Result<Document> row_to_document(sqlite3_stmt* s);
  Status query_documents(const DocFilter& filter, const char* columns,
                         const std::function<Status(sqlite3_stmt*, bool& more)>& row);

  sqlite3* db_;
  std::string path_;
  std::recursive_mutex mu_;
  std::vector<std::pair<const char*, std::unique_ptr<Stmt>>> stmts_;
  std::map<std::string, std::unique_ptr<Stmt>> text_stmts_;
};

}  // namespace ng
