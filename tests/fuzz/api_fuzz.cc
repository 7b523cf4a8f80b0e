// The HTTP API's request handling (serve/api.h) on arbitrary paths, query
// parameters and bodies: every answer is a status 200..599 with a JSON body
// that parses. Input: "METHOD TARGET\nBODY" (TARGET = path?query; parameters
// split on & and =, as a decoded query would arrive).
#include <simdjson.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <unistd.h>

#include "serve/api.h"
#include "store/store.h"

namespace {

std::filesystem::path dir;  // the store, removed at exit

ng::serve::Api* make_api() {
  namespace fs = std::filesystem;
  dir = fs::temp_directory_path() / ("ng_api_fuzz_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::atexit([] {
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  });
  std::string db = (dir / "f.db").string();
  {
    auto store = ng::open_sqlite_store(db);
    if (!store) std::abort();
    ng::Document d;
    d.id = "doc-1";
    d.source = "f.txt";
    d.lang = d.lang_detected = "vi";
    d.charset = "utf-8";
    d.title = "Tô Lâm tiếp đoàn";
    d.text = d.extracted = "Tô Lâm tiếp đoàn đại biểu tại Hà Nội <script>x</script>.";
    if (!(*store)->write_batch({d}, {})) std::abort();
  }
  ng::serve::ApiOptions o;
  o.db_path = db;
  auto api = ng::serve::Api::create(o);
  if (!api) std::abort();
  return api->release();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static ng::serve::Api* api = make_api();
  static simdjson::dom::parser parser;
  std::string in(reinterpret_cast<const char*>(data), size);
  size_t nl = in.find('\n');
  std::string line = in.substr(0, nl);
  ng::serve::ApiRequest r;
  r.body = nl == std::string::npos ? "" : in.substr(nl + 1);
  size_t sp = line.find(' ');
  r.method = sp == std::string::npos ? "GET" : line.substr(0, sp);
  std::string target = sp == std::string::npos ? line : line.substr(sp + 1);
  size_t qm = target.find('?');
  r.path = target.substr(0, qm);
  if (qm != std::string::npos) {
    std::string query = target.substr(qm + 1);
    size_t at = 0;
    while (at <= query.size()) {
      size_t amp = query.find('&', at);
      std::string kv = query.substr(at, amp == std::string::npos ? std::string::npos : amp - at);
      size_t eq = kv.find('=');
      r.params.emplace(kv.substr(0, eq), eq == std::string::npos ? "" : kv.substr(eq + 1));
      if (amp == std::string::npos) break;
      at = amp + 1;
    }
  }
  r.content_type = "application/json";
  ng::serve::ApiResponse out = api->handle(r);
  if (out.status < 200 || out.status > 599) std::abort();
  simdjson::dom::element e;
  if (parser.parse(out.body).get(e)) std::abort();  // not JSON
  return 0;
}
