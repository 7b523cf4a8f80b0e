// The HTTP API of `newsgraph serve`, independent of the HTTP library: a
// request (method, path, decoded query parameters, body, bearer token) goes
// in, a status and a JSON body come out. src/serve/http.h puts it on a socket
// and serves the web UI beside it.
//
// Every answer is JSON. Errors are one shape with the HTTP status:
//   {"error": {"status": 400, "code": "bad_request", "message": "limit must be 1..500"}}
// Lists are {"items": [...], "next_cursor": "40" | null}: pass `cursor` back
// to get the next page; `limit` is 1..500 (default per endpoint).
//
// Answers of GETs are cached until the store changes (ApiOptions::cache_bytes).
//
// Thread-safety: handle() may be called from many threads at once; each call
// borrows one read-only store connection from a pool (SQLite WAL: readers
// never wait for the writer). Writes (POST /api/documents) go through the
// one Pipeline, one at a time.
#pragma once

#include <cstddef>
#include <map>
#include <memory>
#include <string>

#include "core/status.h"

namespace ng::serve {

struct ApiOptions {
  std::string db_path;   // the SQLite store (must exist; it is migrated once at start)
  std::string data_dir;  // resources (name lookups; ingest); "" = default
  bool allow_write = false;  // POST /api/documents; off by default
  std::string token;         // required when allow_write: requests carry "Authorization: Bearer <token>"
  int ingest_threads = 2;    // document-stage workers for POST /api/documents
  size_t max_records = 10000;  // records per POST
  // Answers of GET requests are kept (least recently used first out) up to
  // this many bytes and dropped whenever the store changes (a commit by any
  // connection: Store::change_count). 0 = no cache.
  size_t cache_bytes = 64u << 20;
  // Timelines from every frame of the side with fewer (load_dyad), not from
  // the pair's frames up to the page (timeline_page): for checking that both
  // agree.
  bool timeline_scan = false;
};

struct ApiRequest {
  std::string method;  // "GET", "POST"...
  std::string path;    // "/api/stories/12" (decoded, without the query)
  std::multimap<std::string, std::string> params;  // decoded query parameters
  std::string body;
  std::string content_type;
  std::string authorization;  // the Authorization header, as sent
};

struct ApiResponse {
  int status = 200;
  std::string body;  // JSON
};

class Api {
 public:
  // Opens the store (applying pending migrations once, when writable), the
  // name-lookup linker and, with allow_write, the ingest pipeline. Errors: the
  // store cannot be opened; allow_write without a token; missing resources.
  static Result<std::unique_ptr<Api>> create(const ApiOptions& options);
  ~Api();

  ApiResponse handle(const ApiRequest& request);

  // The error body of one status ("not_found", "bad_request"...), for errors
  // the HTTP layer produces itself (413, 414...).
  static std::string error_body(int status, const std::string& message);

  struct Impl;

 private:
  explicit Api(std::unique_ptr<Impl> impl);
  static ApiResponse route(Impl& api, const ApiRequest& request);
  std::unique_ptr<Impl> impl_;
};

}  // namespace ng::serve
