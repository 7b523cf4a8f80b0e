// Internals shared by the API's source files (api.cc: routing, most
// endpoints; stories.cc: /api/stories; ingest.cc: POST /api/documents).
#pragma once

#include <list>
#include <unordered_map>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "link/linker.h"
#include "pipeline/pipeline.h"
#include "query/dyad.h"
#include "serve/api.h"
#include "store/store.h"

namespace ng::serve {

// A handler's failure: the HTTP status and the message of the error object.
struct HttpError {
  int status;
  std::string message;
};

// Read-only store connections, opened on demand and reused.
class StorePool {
 public:
  explicit StorePool(std::string path) : path_(std::move(path)) {}
  class Lease {
   public:
    Lease(StorePool* pool, std::unique_ptr<Store> s) : pool_(pool), s_(std::move(s)) {}
    Lease(Lease&&) = default;
    ~Lease() {
      if (s_) pool_->give_back(std::move(s_));
    }
    Store& operator*() { return *s_; }
    Store* operator->() { return s_.get(); }

   private:
    StorePool* pool_;
    std::unique_ptr<Store> s_;
  };
  Result<Lease> acquire();

 private:
  void give_back(std::unique_ptr<Store> s);
  std::string path_;
  std::mutex mu_;
  std::vector<std::unique_ptr<Store>> free_;
};

// The query parameters of one request, with checked accessors: each throws
// nothing and records the first problem in `error` (a 400).
class Params {
 public:
  explicit Params(const ApiRequest& r) : r_(r) {}
  std::string str(const std::string& name) const;
  // A YYYY-MM-DD date or "".
  std::string date(const std::string& name);
  // A positive id, or 0 when absent.
  int64_t id(const std::string& name);
  int64_t limit(int64_t fallback);
  int64_t cursor();  // the offset a cursor stands for; 0 when absent
  std::optional<HttpError> error;

 private:
  const ApiRequest& r_;
};

// {"items": [...], "next_cursor": ...}: `items` are JSON objects; `more` says
// whether another page exists after offset + items.size().
std::string page_json(const std::vector<std::string>& items, int64_t offset, bool more);

// GET answers by canonical request (path and sorted parameters), least
// recently used dropped first, all dropped when the store's data version
// changes.
class ResponseCache {
 public:
  explicit ResponseCache(size_t max_bytes) : max_bytes_(max_bytes) {}
  bool get(const std::string& key, int64_t version, ApiResponse& out);
  void put(const std::string& key, int64_t version, const ApiResponse& r);

 private:
  void drop_all_if_stale(int64_t version);
  using Entry = std::pair<std::string, ApiResponse>;
  size_t max_bytes_;
  size_t bytes_ = 0;
  int64_t version_ = -1;
  std::mutex mu_;
  std::list<Entry> lru_;  // most recent first
  std::unordered_map<std::string, std::list<Entry>::iterator> index_;
};

struct Api::Impl {
  ApiOptions options;
  StorePool readers;
  std::mutex linker_mu;  // Linker lookups transliterate with ICU: one at a time
  std::unique_ptr<Linker> linker;
  // Linker::lookup_keys of (lang, name) asked before: the same names come
  // again and again, and a miss holds linker_mu while every other lookup
  // waits. Bounded: emptied when full.
  std::mutex keys_mu;
  std::unordered_map<std::string, std::vector<std::string>> keys_of;
  static constexpr size_t kKeysCacheSize = 4096;
  std::mutex write_mu;
  std::unique_ptr<Store> writer;
  std::unique_ptr<Pipeline> pipeline;

  ResponseCache cache;
  std::mutex version_mu;
  std::unique_ptr<Store> version_store;  // only asks for the data version

  explicit Impl(const ApiOptions& o) : options(o), readers(o.db_path), cache(o.cache_bytes) {}
  Result<int64_t> data_version();
  ~Impl();

  // Entity ids a user means by `what` (id, name in `lang`), as query/documents.h
  // entity_ids finds them.
  Result<std::vector<int64_t>> entity_ids(Store& store, const std::string& what, const std::string& lang);
  EntityLookup lookup() {
    return [this](Store& s, const std::string& what, const std::string& lang) { return entity_ids(s, what, lang); };
  }

  ApiResponse stories(Store& store, Params& p);
  ApiResponse story(Store& store, int64_t id);
  ApiResponse ingest(const ApiRequest& r);
};

ApiResponse json_ok(std::string body);
ApiResponse json_error(int status, const std::string& message);
// A store failure (500), or 404 for kNotFound, 400 for kInvalidInput.
ApiResponse status_error(const Status& st);

}  // namespace ng::serve
