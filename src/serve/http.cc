#include "serve/http.h"

#include <httplib.h>
#include <pthread.h>
#include <signal.h>

#include <atomic>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "core/hash.h"

namespace ng::serve {
namespace {

namespace fs = std::filesystem;

std::string etag_of(const std::string& body) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "\"%016llx\"", static_cast<unsigned long long>(stable_hash64(body)));
  return buf;
}

const char* content_type_of(const std::string& path) {
  static const std::pair<const char*, const char*> kTypes[] = {
      {".html", "text/html; charset=utf-8"}, {".js", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},   {".json", "application/json"},
      {".svg", "image/svg+xml"},             {".png", "image/png"},
      {".ico", "image/x-icon"},              {".woff2", "font/woff2"},
      {".map", "application/json"},          {".txt", "text/plain; charset=utf-8"}};
  for (const auto& [ext, type] : kTypes) {
    size_t n = std::strlen(ext);
    if (path.size() >= n && path.compare(path.size() - n, n, ext) == 0) return type;
  }
  return "application/octet-stream";
}

void security_headers(httplib::Response& res) {
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_header("Referrer-Policy", "no-referrer");
}

// Sends `body` with its ETag, or 304 when the client has it.
void send(const httplib::Request& req, httplib::Response& res, int status, const std::string& body,
          const char* type) {
  security_headers(res);
  res.status = status;
  if (status == 200) {
    std::string tag = etag_of(body);
    res.set_header("ETag", tag);
    res.set_header("Cache-Control", "no-cache");
    if (req.get_header_value("If-None-Match") == tag) {
      res.status = 304;
      return;
    }
  }
  res.set_content(body, type);
}

// The file under `root` that `url_path` names, or "" when it names none (or
// tries to leave the folder).
std::string static_file(const fs::path& root, const std::string& url_path) {
  if (url_path.empty() || url_path[0] != '/') return "";
  if (url_path.find('\\') != std::string::npos || url_path.find('\0') != std::string::npos) return "";
  std::string rel = url_path.substr(1);
  std::stringstream parts(rel);
  std::string part;
  while (std::getline(parts, part, '/')) {
    if (part == ".." || part == ".") return "";
  }
  if (rel.empty()) rel = "index.html";
  std::error_code ec;
  fs::path p = fs::weakly_canonical(root / rel, ec);
  if (ec) return "";
  std::string ps = p.string(), rs = root.string();
  if (ps.compare(0, rs.size(), rs) != 0 || (ps.size() > rs.size() && ps[rs.size()] != '/')) return "";
  if (!fs::is_regular_file(p, ec)) return "";
  return ps;
}

bool read_file(const std::string& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  out = ss.str();
  return true;
}

}  // namespace

Status run_server(const ServerOptions& options) {
  fs::path root;
  if (!options.web_dir.empty()) {
    std::error_code ec;
    root = fs::canonical(options.web_dir, ec);
    if (ec || !fs::is_regular_file(root / "index.html")) {
      return Status::not_found(options.web_dir + ": no built web UI there (index.html); build it with "
                               "`cmake --build BUILD --target web` or pass --web DIR");
    }
  }
  auto api = Api::create(options.api);
  if (!api) return api.status();
  Api& a = **api;

  httplib::Server server;
  server.set_tcp_nodelay(true);
  // SO_REUSEADDR only: httplib's default adds SO_REUSEPORT, with which a
  // second server on the same port starts silently and takes half the
  // connections.
  server.set_socket_options([](socket_t sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, reinterpret_cast<const void*>(&yes), sizeof yes);
  });
  server.set_keep_alive_max_count(100000);
  // An idle keep-alive connection holds its thread this long, and a stopping
  // server waits for it (cpp-httplib does not wake idle connections on
  // stop()): 5 s, as Apache's default, so SIGTERM ends the server within 5 s.
  server.set_keep_alive_timeout(5);
  server.set_payload_max_length(options.max_body_bytes);
  server.set_read_timeout(30);
  int threads = options.threads;
  server.new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<size_t>(threads)); };

  auto api_handler = [&a](const httplib::Request& req, httplib::Response& res) {
    ApiRequest r;
    r.method = req.method;
    r.path = req.path;
    for (const auto& [k, v] : req.params) r.params.emplace(k, v);
    r.body = req.body;
    r.content_type = req.get_header_value("Content-Type");
    r.authorization = req.get_header_value("Authorization");
    ApiResponse out = a.handle(r);
    send(req, res, out.status, out.body, "application/json");
  };
  auto get_handler = [&, root](const httplib::Request& req, httplib::Response& res) {
    if (req.path.compare(0, 5, "/api/") == 0 || req.path == "/api") return api_handler(req, res);
    if (root.empty()) {
      send(req, res, 404, Api::error_body(404, "this server has no web UI (--web)"), "application/json");
      return;
    }
    std::string file = static_file(root, req.path);
    bool is_asset = req.path.compare(0, 8, "/assets/") == 0;
    if (file.empty()) {
      // A page of the single-page app (/story/12, /entity/3...) is index.html;
      // a missing asset, or a path leaving the folder, is a 404.
      bool bad = req.path.find("..") != std::string::npos || req.path.find('\\') != std::string::npos;
      if (is_asset || bad) {
        send(req, res, 404, Api::error_body(404, "no file " + req.path), "application/json");
        return;
      }
      file = (root / "index.html").string();
    }
    std::string body;
    if (!read_file(file, body)) {
      send(req, res, 500, Api::error_body(500, "cannot read " + req.path), "application/json");
      return;
    }
    if (std::strncmp(content_type_of(file), "text/html", 9) == 0) {
      res.set_header("Content-Security-Policy",
                     "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
                     "object-src 'none'; base-uri 'none'; frame-ancestors 'none'");
    }
    send(req, res, 200, body, content_type_of(file));
  };
  server.Get(".*", get_handler);
  server.Post(".*", api_handler);
  auto not_allowed = [](const httplib::Request& req, httplib::Response& res) {
    send(req, res, 405, Api::error_body(405, req.method + " is not allowed"), "application/json");
  };
  server.Put(".*", not_allowed);
  server.Delete(".*", not_allowed);
  server.Patch(".*", not_allowed);
  server.Options(".*", not_allowed);
  // Errors httplib produces itself (413, 414, 400 for a malformed request):
  // the API's error object.
  server.set_error_handler(httplib::Server::HandlerWithResponse([](const httplib::Request&, httplib::Response& res) {
    if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
    std::string message = res.status == 413   ? "the request body is larger than the server's limit"
                          : res.status == 414 ? "the request URI is too long"
                                              : "the request could not be served";
    res.set_content(Api::error_body(res.status, message), "application/json");
    return httplib::Server::HandlerResponse::Handled;
  }));

  int port = options.port;
  if (port == 0) {
    port = server.bind_to_any_port(options.bind);
    if (port < 0) return Status::io_error("cannot bind " + options.bind);
  } else if (!server.bind_to_port(options.bind, port)) {
    return Status::io_error("cannot bind " + options.bind + ":" + std::to_string(port) + " (in use?)");
  }
  // SIGINT/SIGTERM stop the server cleanly: a thread waits for them.
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  std::atomic<bool> signalled{false};
  std::thread waiter([&server, &signalled, set] {
    int sig = 0;
    sigwait(&set, &sig);
    signalled = true;
    server.stop();
  });
  if (options.on_listening) options.on_listening(port);
  bool ok = server.listen_after_bind();
  // Wake the waiter if the server stopped by itself.
  if (!signalled) pthread_kill(waiter.native_handle(), SIGTERM);
  waiter.join();
  if (!ok) return Status::io_error("the server stopped listening on " + options.bind + ":" + std::to_string(port));
  return Status::ok();
}

}  // namespace ng::serve
