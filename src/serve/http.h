// `newsgraph serve`: the API (serve/api.h) and the web UI's built files on
// one port, with cpp-httplib.
//
// - /api/...: JSON; every answer carries a strong ETag (a hash of the body)
//   and a matching If-None-Match gets 304. Errors are the API's error object.
// - anything else: a file of the static folder (the built web/), never
//   outside it (paths with "..", backslashes or NUL are refused, and the
//   resolved path must stay under the folder); a path that is not a file is
//   the single-page app's index.html (its router shows the page).
// - limits: request bodies above max_body_bytes get 413, URIs above 8 KiB 414.
#pragma once

#include <cstddef>
#include <functional>
#include <string>

#include "core/status.h"
#include "serve/api.h"

namespace ng::serve {

struct ServerOptions {
  ApiOptions api;
  std::string bind = "127.0.0.1";
  int port = 8080;  // 0: any free port
  std::string web_dir;  // the built UI; "" = no UI (the API only)
  size_t max_body_bytes = 16u << 20;
  int threads = 64;  // connections served at once (keep-alive holds a thread per connection)
  // Called once listening, with the port (useful with port 0).
  std::function<void(int port)> on_listening;
};

// Serves until SIGINT/SIGTERM. Errors: the address cannot be bound, the web
// folder does not exist, the API cannot start.
Status run_server(const ServerOptions& options);

}  // namespace ng::serve
