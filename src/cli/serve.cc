// newsgraph serve: the HTTP API and the web UI (src/serve).
#include <unistd.h>

#include <climits>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "cli/common.h"
#include "cli/commands.h"
#include "serve/http.h"

namespace ng::cli {
namespace {

const char* kServeHelp = R"(usage: newsgraph serve [--db PATH] [--port N] [--bind ADDR] [--web DIR]
                       [--allow-write --token-file FILE] [--max-body-mb N] [--threads N] [--cache-mb N]
                       [--timeline-scan]

Serves the JSON API (/api/...) and the web UI from one process until Ctrl-C.
--bind is 127.0.0.1 unless given (0.0.0.0 to serve other machines); --port 0
takes any free port. The URL is printed on stdout once listening.

--web DIR is the built UI (default: the `web` folder beside the binary, made
by the build, or $NEWSGRAPH_WEB). --allow-write turns on POST /api/documents,
which then needs "Authorization: Bearer TOKEN": the token is the first line
of --token-file, or $NEWSGRAPH_WRITE_TOKEN (at least 16 characters).
--cache-mb (default 64) keeps answers to GET requests until the store
changes (any commit, by this server or another process); 0 turns it off.
--threads (default 64) is how many connections are served at once.
--timeline-scan answers every /api/timeline from all the frames of its
sides, as before the store kept the frames of each pair (dyad_frames), to
check that both give the same answers (bench/timeline_check.py).
)";

std::string default_web_dir() {
  if (const char* env = std::getenv("NEWSGRAPH_WEB"); env && *env) return env;
  char buf[PATH_MAX];
  ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
  if (n <= 0) return "";
  buf[n] = '\0';
  auto dir = std::filesystem::path(buf).parent_path() / "web";
  return std::filesystem::is_regular_file(dir / "index.html") ? dir.string() : "";
}

}  // namespace

int cmd_serve(int argc, char** argv) {
  Args args = parse_args(argc, argv, 2, {"db", "data", "port", "bind", "web", "token-file", "max-body-mb", "threads", "cache-mb"},
                         {"allow-write", "timeline-scan", "help"});
  if (args.has("help")) return std::fputs(kServeHelp, stdout), kExitOk;
  long long port = args.get_int("port", 8080);
  long long max_mb = args.get_int("max-body-mb", 16);
  long long threads = args.get_int("threads", 64);
  long long cache_mb = args.get_int("cache-mb", 64);
  if (args.error.empty() && (port < 0 || port > 65535)) args.error = "--port must be 0..65535";
  if (args.error.empty() && (max_mb < 1 || max_mb > 1024)) args.error = "--max-body-mb must be 1..1024";
  if (args.error.empty() && (threads < 1 || threads > 1024)) args.error = "--threads must be 1..1024";
  if (args.error.empty() && (cache_mb < 0 || cache_mb > 65536)) args.error = "--cache-mb must be 0..65536";
  if (args.error.empty() && !args.positional.empty()) args.error = "unexpected argument " + args.positional[0];
  if (args.error.empty() && !args.get("token-file").empty() && !args.has("allow-write")) {
    args.error = "--token-file is for --allow-write";
  }
  if (!args.error.empty()) {
    print_error("serve", args.error);
    std::fputs(kServeHelp, stderr);
    return kExitUsage;
  }
  serve::ServerOptions o;
  o.api.db_path = args.get("db", "newsgraph.db");
  o.api.data_dir = args.get("data");
  o.api.allow_write = args.has("allow-write");
  if (o.api.allow_write) {
    if (!args.get("token-file").empty()) {
      std::ifstream in(args.get("token-file"));
      if (!in || !std::getline(in, o.api.token)) {
        print_error("serve", "cannot read the token from " + args.get("token-file"));
        return kExitUsage;
      }
    } else if (const char* env = std::getenv("NEWSGRAPH_WRITE_TOKEN")) {
      o.api.token = env;
    }
    if (o.api.token.size() < 16) {
      print_error("serve", "--allow-write needs a token of at least 16 characters (--token-file FILE or $NEWSGRAPH_WRITE_TOKEN)");
      return kExitUsage;
    }
  }
  o.bind = args.get("bind", "127.0.0.1");
  o.port = static_cast<int>(port);
  o.web_dir = args.values.count("web") ? args.get("web") : default_web_dir();
  o.max_body_bytes = static_cast<size_t>(max_mb) << 20;
  o.threads = static_cast<int>(threads);
  o.api.cache_bytes = static_cast<size_t>(cache_mb) << 20;
  o.api.timeline_scan = args.has("timeline-scan");
  std::string host = o.bind;
  o.on_listening = [host](int p) {
    std::printf("newsgraph serve: listening on http://%s:%d/\n", host == "0.0.0.0" ? "127.0.0.1" : host.c_str(), p);
    std::fflush(stdout);
  };
  Status st = serve::run_server(o);
  if (!st) {
    print_error("serve", st.message());
    return kExitFatal;
  }
  return kExitOk;
}

}  // namespace ng::cli
