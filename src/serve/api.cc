#include "serve/api.h"

#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>

#include "core/json.h"
#include "pipeline/pipeline.h"
#include "query/documents.h"
#include "query/dyad.h"
#include "serve/api_impl.h"

namespace ng::serve {

// ---- helpers ---------------------------------------------------------------

Result<StorePool::Lease> StorePool::acquire() {
  {
    std::lock_guard lock(mu_);
    if (!free_.empty()) {
      auto s = std::move(free_.back());
      free_.pop_back();
      return Lease(this, std::move(s));
    }
  }
  SqliteOptions o;
  o.read_only = true;
  auto s = open_sqlite_store(path_, o);
  if (!s) return s.status();
  return Lease(this, std::move(*s));
}

void StorePool::give_back(std::unique_ptr<Store> s) {
  std::lock_guard lock(mu_);
  free_.push_back(std::move(s));
}

std::string Params::str(const std::string& name) const {
  auto it = r_.params.find(name);
  return it == r_.params.end() ? "" : it->second;
}

std::string Params::date(const std::string& name) {
  std::string v = str(name);
  if (!valid_date_or_empty(v) && !error) error = HttpError{400, name + " must be a date YYYY-MM-DD, not '" + v + "'"};
  return valid_date_or_empty(v) ? v : "";
}

namespace {
// A non-negative decimal integer that fits in int64; -1 otherwise.
int64_t parse_count(const std::string& v) {
  if (v.empty() || v.size() > 15 || !std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return -1;
  }
  return std::strtoll(v.c_str(), nullptr, 10);
}
}  // namespace

int64_t Params::id(const std::string& name) {
  std::string v = str(name);
  if (v.empty()) return 0;
  int64_t n = parse_count(v);
  if (n <= 0) {
    if (!error) error = HttpError{400, name + " must be a positive integer id, not '" + v + "'"};
    return 0;
  }
  return n;
}

int64_t Params::limit(int64_t fallback) {
  std::string v = str("limit");
  if (v.empty()) return fallback;
  int64_t n = parse_count(v);
  if (n < 1 || n > 500) {
    if (!error) error = HttpError{400, "limit must be an integer 1..500, not '" + v + "'"};
    return fallback;
  }
  return n;
}

int64_t Params::cursor() {
  std::string v = str("cursor");
  if (v.empty()) return 0;
  int64_t n = parse_count(v);
  if (n < 0) {
    if (!error) error = HttpError{400, "cursor '" + v + "' is not one this API returned"};
    return 0;
  }
  return n;
}

std::string page_json(const std::vector<std::string>& items, int64_t offset, bool more) {
  std::string arr = "[";
  for (size_t i = 0; i < items.size(); ++i) arr += (i ? "," : "") + items[i];
  arr += ']';
  return JsonObject()
      .raw("items", arr)
      .raw("next_cursor", more ? "\"" + std::to_string(offset + static_cast<int64_t>(items.size())) + "\"" : "null")
      .done();
}

ApiResponse json_ok(std::string body) { return ApiResponse{200, std::move(body)}; }

std::string Api::error_body(int status, const std::string& message) {
  const char* code = "error";
  switch (status) {
    case 400: code = "bad_request"; break;
    case 401: code = "unauthorized"; break;
    case 403: code = "forbidden"; break;
    case 404: code = "not_found"; break;
    case 405: code = "method_not_allowed"; break;
    case 413: code = "payload_too_large"; break;
    case 414: code = "uri_too_long"; break;
    case 415: code = "unsupported_media_type"; break;
    case 422: code = "unprocessable"; break;
    case 500: code = "internal"; break;
    case 501: code = "not_implemented"; break;
    case 503: code = "unavailable"; break;
  }
  return JsonObject()
      .raw("error", JsonObject().integer("status", status).str("code", code).str("message", message).done())
      .done();
}

ApiResponse json_error(int status, const std::string& message) {
  return ApiResponse{status, Api::error_body(status, message)};
}

ApiResponse status_error(const Status& st) {
  switch (st.code()) {
    case StatusCode::kNotFound: return json_error(404, st.message());
    case StatusCode::kInvalidInput: return json_error(400, st.message());
    case StatusCode::kTooLarge: return json_error(413, st.message());
    default: return json_error(500, st.message());
  }
}

namespace {

std::string doc_summary_json(const DocSummary& d, const std::string& event_date) {
  return JsonObject()
      .str("id", d.id)
      .str("lang", d.lang)
      .str_or_null("title", d.title)
      .str_or_null("published", d.published)
      .str_or_null("event_date", event_date)
      .str("source", d.source)
      .str_or_null("url", d.url)
      .done();
}

// The writing system of a name: the ICU script of its first letter
// ("Latin", "Cyrillic", "Han"...).
std::string script_of(const std::string& s) {
  int32_t i = 0;
  int32_t n = static_cast<int32_t>(s.size());
  while (i < n) {
    UChar32 c;
    U8_NEXT(s.data(), i, n, c);
    if (c < 0) continue;
    UErrorCode err = U_ZERO_ERROR;
    UScriptCode sc = uscript_getScript(c, &err);
    if (U_SUCCESS(err) && sc != USCRIPT_COMMON && sc != USCRIPT_INHERITED) return uscript_getName(sc);
  }
  return "Common";
}

}  // namespace

// ---- the cache ---------------------------------------------------------------

void ResponseCache::drop_all_if_stale(int64_t version) {
  if (version == version_) return;
  lru_.clear();
  index_.clear();
  bytes_ = 0;
  version_ = version;
}

bool ResponseCache::get(const std::string& key, int64_t version, ApiResponse& out) {
  if (max_bytes_ == 0) return false;
  std::lock_guard lock(mu_);
  drop_all_if_stale(version);
  auto it = index_.find(key);
  if (it == index_.end()) return false;
  lru_.splice(lru_.begin(), lru_, it->second);
  out = it->second->second;
  return true;
}

void ResponseCache::put(const std::string& key, int64_t version, const ApiResponse& r) {
  size_t size = key.size() + r.body.size() + 64;
  if (max_bytes_ == 0 || size > max_bytes_ / 4) return;
  std::lock_guard lock(mu_);
  drop_all_if_stale(version);
  if (index_.count(key)) return;
  lru_.emplace_front(key, r);
  index_[key] = lru_.begin();
  bytes_ += size;
  while (bytes_ > max_bytes_ && !lru_.empty()) {
    auto& last = lru_.back();
    bytes_ -= last.first.size() + last.second.body.size() + 64;
    index_.erase(last.first);
    lru_.pop_back();
  }
}

// ---- the Api -----------------------------------------------------------------

Result<int64_t> Api::Impl::data_version() {
  std::lock_guard lock(version_mu);
  if (!version_store) {
    SqliteOptions o;
    o.read_only = true;
    auto s = open_sqlite_store(options.db_path, o);
    if (!s) return s.status();
    version_store = std::move(*s);
  }
  return version_store->change_count();
}

Api::Impl::~Impl() = default;

Result<std::vector<int64_t>> Api::Impl::entity_ids(Store& store, const std::string& what, const std::string& lang) {
  if (int64_t id = entity_id_of(what)) return std::vector<int64_t>{id};
  // The keys depend on the name and language only (the linker's lexicons,
  // not its registry): kept once computed. One transliteration at a time,
  // the store queries after, in parallel.
  std::string key = lang + '\x1f' + what;
  std::vector<std::string> keys;
  bool known = false;
  {
    std::lock_guard lock(keys_mu);
    if (auto it = keys_of.find(key); it != keys_of.end()) {
      keys = it->second;
      known = true;
    }
  }
  if (!known) {
    {
      std::lock_guard lock(linker_mu);
      keys = linker->lookup_keys(what, lang);
    }
    std::lock_guard lock(keys_mu);
    if (keys_of.size() >= kKeysCacheSize) keys_of.clear();
    keys_of.emplace(std::move(key), keys);
  }
  return store.find_entities(keys, what);
}

Api::Api(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Api::~Api() = default;

Result<std::unique_ptr<Api>> Api::create(const ApiOptions& options) {
  if (options.allow_write && options.token.size() < 16) {
    return Status::invalid("writes need a token of at least 16 characters (--token-file or NEWSGRAPH_WRITE_TOKEN)");
  }
  std::error_code ec;
  if (!std::filesystem::is_regular_file(options.db_path, ec)) {
    return Status::not_found(options.db_path + ": no store there; make one with `newsgraph ingest --db " +
                             options.db_path + " FILES`");
  }
  auto impl = std::make_unique<Impl>(options);
  {
    // Once writable, so that a store from an older build gets its pending
    // migrations (the search index among them); a read-only file is served
    // as it is if it is current.
    auto w = open_sqlite_store(options.db_path);
    if (!w) {
      SqliteOptions ro;
      ro.read_only = true;
      auto r = open_sqlite_store(options.db_path, ro);
      if (!r) return r.status();
      if (options.allow_write) return w.status();
    } else if (options.allow_write) {
      impl->writer = std::move(*w);
    }
  }
  auto first = impl->readers.acquire();  // fails now rather than on the first request
  if (!first) return first.status();
  LinkOptions lo;
  lo.data_dir = options.data_dir;
  auto linker = Linker::create(lo);
  if (!linker) return linker.status();
  impl->linker = std::move(*linker);
  if (options.allow_write) {
    PipelineOptions po;
    po.data_dir = options.data_dir;
    po.threads = options.ingest_threads;
    auto p = Pipeline::create(po, *impl->writer);
    if (!p) return p.status();
    impl->pipeline = std::move(*p);
  }
  return std::unique_ptr<Api>(new Api(std::move(impl)));
}

namespace {

// "/api/entities/12" with prefix "/api/entities/" -> "12".
bool tail_of(const std::string& path, const std::string& prefix, std::string& tail) {
  if (path.size() <= prefix.size() || path.compare(0, prefix.size(), prefix) != 0) return false;
  tail = path.substr(prefix.size());
  return tail.find('/') == std::string::npos;
}

ApiResponse list_entities(Api::Impl& api, Store& store, Params& p) {
  int64_t limit = p.limit(50);
  int64_t offset = p.cursor();
  std::string q = p.str("q"), type = p.str("type"), lang = p.str("lang");
  if (!type.empty() && type != "PER" && type != "ORG" && type != "LOC") {
    return json_error(400, "type must be PER, ORG or LOC, not '" + type + "'");
  }
  if (p.error) return json_error(p.error->status, p.error->message);
  std::vector<EntitySummary> found;
  if (!q.empty()) {
    auto ids = api.entity_ids(store, q, lang.empty() ? "en" : lang);
    if (!ids) return status_error(ids.status());
    auto got = store.get_entities(*ids);
    if (!got) return status_error(got.status());
    for (auto& e : *got) {
      if (type.empty() || e.type == type) found.push_back(std::move(e));
    }
    std::stable_sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.documents > b.documents; });
  } else {
    EntityFilter f;
    f.type = type;
    f.lang = lang;
    f.limit = offset + limit + 1;
    auto got = store.list_entities(f);
    if (!got) return status_error(got.status());
    found = std::move(*got);
  }
  std::vector<std::string> items;
  for (size_t i = static_cast<size_t>(offset); i < found.size() && items.size() < static_cast<size_t>(limit); ++i) {
    items.push_back(entity_summary_json(found[i]));
  }
  return json_ok(page_json(items, offset, found.size() > static_cast<size_t>(offset + limit)));
}

ApiResponse entity(Store& store, int64_t id) {
  auto got = store.get_entity(id);
  if (!got) return status_error(got.status());
  if (!got->has_value()) return json_error(404, "no entity " + std::to_string(id));
  const EntityDetail& e = **got;
  std::string aliases = "[";
  for (const auto& a : e.aliases) {
    if (aliases.size() > 1) aliases += ',';
    aliases += JsonObject()
                   .str("surface", a.surface)
                   .str("lang", a.lang)
                   .str("script", script_of(a.surface))
                   .integer("documents", a.documents)
                   .done();
  }
  aliases += ']';
  // Roles over time: each role (with its country) and the span of the
  // publication dates of the documents that give it.
  struct Span {
    std::string first, last;
    int64_t documents = 0;
    std::string first_doc;
  };
  std::map<std::string, Span> roles;
  for (const auto& d : e.documents) {
    std::string date = d.published.substr(0, std::min<size_t>(10, d.published.size()));
    for (const auto& r : d.roles) {
      Span& s = roles[r];
      if (s.documents++ == 0) s.first_doc = d.doc;
      if (!date.empty() && (s.first.empty() || date < s.first)) s.first = date;
      if (!date.empty() && date > s.last) s.last = date;
    }
  }
  std::string roles_json = "[";
  for (const auto& [role, s] : roles) {
    if (roles_json.size() > 1) roles_json += ',';
    roles_json += JsonObject()
                      .str("role", role)
                      .str_or_null("first", s.first)
                      .str_or_null("last", s.last)
                      .integer("documents", s.documents)
                      .str("source", s.first_doc)
                      .done();
  }
  roles_json += ']';
  // The latest 100 documents.
  std::string docs = "[";
  size_t shown = 0;
  for (auto it = e.documents.rbegin(); it != e.documents.rend() && shown < 100; ++it, ++shown) {
    if (docs.size() > 1) docs += ',';
    docs += JsonObject()
                .str("doc", it->doc)
                .str_or_null("title", it->title)
                .str("lang", it->lang)
                .str_or_null("published", it->published)
                .str("type", it->type)
                .str("rule", it->rule)
                .str("evidence", it->evidence)
                .integer("mentions", it->mentions)
                .raw("roles", json_string_array(it->roles))
                .raw("surfaces", json_string_array(it->surfaces))
                .done();
  }
  docs += ']';
  std::string co = "[";
  for (size_t i = 0; i < e.co_mentioned.size() && i < 30; ++i) {
    if (i) co += ',';
    co += JsonObject()
              .raw("entity", entity_summary_json(e.co_mentioned[i].first))
              .integer("shared_documents", e.co_mentioned[i].second)
              .done();
  }
  co += ']';
  // Its timeline: the event frames it is an actor of.
  EventQuery eq;
  eq.limit = 500;
  eq.involving = {ActorSet{{id}, {}}};
  auto events = store.list_events(eq);
  if (!events) return status_error(events.status());
  std::string ev = "[";
  for (const EventRow& r : *events) {
    if (ev.size() > 1) ev += ',';
    ev += event_json(r);
  }
  ev += ']';
  return json_ok(JsonObject()
                     .raw("entity", entity_summary_json(e.summary))
                     .raw("aliases", aliases)
                     .raw("roles", roles_json)
                     .integer("documents_total", static_cast<long long>(e.documents.size()))
                     .raw("documents", docs)
                     .raw("co_mentioned", co)
                     .raw("events", ev)
                     .done());
}

ApiResponse document(Store& store, const std::string& id) {
  auto got = store.get_document(id);
  if (!got) return status_error(got.status());
  if (!got->has_value()) return json_error(404, "no document '" + id + "'");
  auto ents = entities_of(store, **got);
  if (!ents) return status_error(ents.status());
  return json_ok(document_json(**got, true, &*ents));
}

ApiResponse events(Api::Impl& api, Store& store, Params& p) {
  int64_t limit = p.limit(100);
  int64_t offset = p.cursor();
  EventQuery q;
  q.from = p.date("from");
  q.to = p.date("to");
  q.code = p.str("type");
  if (p.error) return json_error(p.error->status, p.error->message);
  std::optional<Side> actor;
  if (!p.str("actor").empty()) {
    auto side = resolve_side(store, p.str("actor"), p.str("lang").empty() ? "en" : p.str("lang"), api.lookup());
    if (!side) return status_error(side.status());
    actor = std::move(*side);
    q.involving = {actor->as_actor_set()};
  }
  q.limit = offset + limit + 1;
  auto rows = store.list_events(q);
  if (!rows) return status_error(rows.status());
  std::vector<std::string> items;
  for (size_t i = static_cast<size_t>(offset); i < rows->size() && items.size() < static_cast<size_t>(limit); ++i) {
    items.push_back(event_json((*rows)[i]));
  }
  return json_ok(page_json(items, offset, rows->size() > static_cast<size_t>(offset + limit)));
}

ApiResponse search(Store& store, Params& p) {
  SearchQuery q;
  q.text = p.str("q");
  q.lang = p.str("lang");
  q.from = p.date("from");
  q.to = p.date("to");
  q.entity = p.id("entity");
  q.topic = p.str("topic");
  int64_t limit = p.limit(20);
  q.offset = p.cursor();
  if (q.text.size() > 500) return json_error(400, "q is longer than 500 bytes");
  if (p.error) return json_error(p.error->status, p.error->message);
  q.limit = limit + 1;
  auto hits = store.search_documents(q);
  if (!hits) return status_error(hits.status());
  std::vector<std::string> items;
  for (size_t i = 0; i < hits->size() && items.size() < static_cast<size_t>(limit); ++i) {
    items.push_back(doc_summary_json((*hits)[i].doc, (*hits)[i].event_date));
  }
  return json_ok(page_json(items, q.offset, hits->size() > static_cast<size_t>(limit)));
}

// Timeline and dossier: both sides as `a` and `b`.
Result<DyadQuery> dyad_query(Params& p, bool text) {
  DyadQuery q;
  q.text = text;
  q.x = p.str("a");
  q.y = p.str("b");
  q.from = p.date("from");
  q.to = p.date("to");
  q.lang = p.str("lang").empty() ? "en" : p.str("lang");
  if (p.error) return Status::invalid(p.error->message);
  if (q.x.empty() || q.y.empty()) return Status::invalid("give both sides: a= and b= (entity ids or names)");
  return q;
}

Result<Dyad> dyad_of(Api::Impl& api, Store& store, Params& p, bool text) {
  auto q = dyad_query(p, text);
  if (!q) return q.status();
  return load_dyad(store, *q, api.lookup());
}

ApiResponse timeline_of(Api::Impl& api, Store& store, Params& p) {
  int64_t limit = p.limit(100);
  int64_t offset = p.cursor();
  auto q = dyad_query(p, false);
  if (!q) return status_error(q.status());
  auto dyad = resolve_dyad(store, *q, api.lookup());
  if (!dyad) return status_error(dyad.status());
  // The page's happenings from the frames of the two sides' pairs, read up
  // to the page's last date; the full row of each one's first frame.
  TimelinePage page;
  auto paged = api.options.timeline_scan ? Result<bool>(false)
                                         : timeline_page(store, *dyad, q->from, q->to, offset, limit, page);
  if (!paged) return status_error(paged.status());
  std::vector<Happening> all;  // when the page could not be read alone: every happening
  std::vector<Happening> shown;
  bool more = false;
  if (*paged) {
    shown = std::move(page.shown);
    more = page.more;
  } else {
    // Sides that share an entity or country, or name many: every frame of
    // the side with fewer, grouped, counted from rows without text.
    dyad = dyad_of(api, store, p, false);
    if (!dyad) return status_error(dyad.status());
    all = timeline(*dyad);
    for (size_t i = static_cast<size_t>(offset); i < all.size() && shown.size() < static_cast<size_t>(limit); ++i) {
      shown.push_back(all[i]);
    }
    more = all.size() > static_cast<size_t>(offset + limit);
  }
  std::vector<std::pair<int64_t, int64_t>> keys;
  for (const Happening& h : shown) keys.emplace_back(h.first->seq, h.first->idx);
  auto full = store.get_events(keys);
  if (!full) return status_error(full.status());
  if (full->size() == keys.size()) {
    for (size_t i = 0; i < shown.size(); ++i) shown[i].first = &(*full)[i];
  } else {
    // The frames changed between the two reads (a relink beside the
    // server): read them again, with their text.
    dyad = dyad_of(api, store, p, true);
    if (!dyad) return status_error(dyad.status());
    all = timeline(*dyad);
    auto at = [&](int64_t i) { return all.begin() + static_cast<std::ptrdiff_t>(std::min<size_t>(all.size(), i)); };
    shown.assign(at(offset), at(offset + limit));
    more = all.size() > static_cast<size_t>(offset + limit);
  }
  std::vector<std::string> items;
  for (const Happening& h : shown) items.push_back(happening_json(h));
  std::string json = page_json(items, offset, more);
  // {"a": {...}, "b": {...}, "items": ..., "next_cursor": ...}
  auto side = [](const Side& s) {
    std::vector<std::string> countries(s.countries.begin(), s.countries.end());
    std::string arr = "[";
    for (int64_t id : s.entities) arr += (arr.size() > 1 ? "," : "") + std::to_string(id);
    return JsonObject().str("name", s.name).raw("entities", arr + "]").raw("countries", json_string_array(countries)).done();
  };
  return json_ok("{\"a\":" + side(dyad->x) + ",\"b\":" + side(dyad->y) + "," + json.substr(1));
}

ApiResponse dossier_of(Api::Impl& api, Store& store, Params& p) {
  auto dyad = dyad_of(api, store, p, true);
  if (!dyad) return status_error(dyad.status());
  auto d = dossier(store, *dyad);
  if (!d) return status_error(d.status());
  return json_ok(dossier_json(*dyad, *d));
}

ApiResponse graph(Store& store, Params& p) {
  GraphQuery q;
  q.from = p.date("from");
  q.to = p.date("to");
  q.type = p.str("type");
  if (!q.type.empty() && q.type != "PER" && q.type != "ORG" && q.type != "LOC") {
    return json_error(400, "type must be PER, ORG or LOC, not '" + q.type + "'");
  }
  q.nodes = p.limit(50);
  if (p.error) return json_error(p.error->status, p.error->message);
  auto g = store.entity_graph(q);
  if (!g) return status_error(g.status());
  std::string nodes = "[";
  for (const auto& n : g->nodes) nodes += (nodes.size() > 1 ? "," : "") + entity_summary_json(n);
  std::string edges = "[";
  for (const auto& e : g->edges) {
    if (edges.size() > 1) edges += ',';
    edges += JsonObject()
                 .integer("source", e.a)
                 .integer("target", e.b)
                 .str("kind", e.kind)
                 .str_or_null("type", e.kind == "co-mention" ? "" : cameo_name(e.kind))
                 .integer("weight", e.weight)
                 .done();
  }
  return json_ok(JsonObject().raw("nodes", nodes + "]").raw("edges", edges + "]").done());
}

ApiResponse stats(Store& store) {
  auto s = store.stats();
  if (!s) return status_error(s.status());
  std::string langs = "{";
  for (const auto& [l, n] : s->by_lang) {
    if (langs.size() > 1) langs += ',';
    json_string(langs, l);
    langs += ':' + std::to_string(n);
  }
  return json_ok(JsonObject()
                     .integer("documents", s->documents)
                     .integer("rejects", s->rejects)
                     .raw("by_lang", langs + "}")
                     .integer("schema_version", s->schema_version)
                     .done());
}

}  // namespace

ApiResponse Api::handle(const ApiRequest& r) {
  const std::string& path = r.path;
  Impl& api = *impl_;
  if (path == "/api/documents" && r.method == "POST") return api.ingest(r);
  if (r.method != "GET" && r.method != "HEAD") return json_error(405, r.method + " is not allowed on " + path);
  // The cache: same path and parameters, same store version, same answer.
  std::string key = path;
  for (const auto& [k, v] : r.params) key += '\x1f' + k + '=' + v;
  int64_t version = -1;
  if (api.options.cache_bytes > 0) {
    auto v = api.data_version();
    if (!v) return status_error(v.status());
    version = *v;
    ApiResponse hit;
    if (api.cache.get(key, version, hit)) return hit;
  }
  ApiResponse out = route(api, r);
  if (version >= 0 && out.status == 200) api.cache.put(key, version, out);
  return out;
}

ApiResponse Api::route(Impl& api, const ApiRequest& r) {
  const std::string& path = r.path;
  auto lease = api.readers.acquire();
  if (!lease) return status_error(lease.status());
  Store& store = **lease;
  Params p(r);
  std::string tail;
  if (path == "/api/stories") return api.stories(store, p);
  if (tail_of(path, "/api/stories/", tail)) {
    int64_t id = parse_count(tail);
    if (id <= 0) return json_error(400, "a story id is a positive integer, not '" + tail + "'");
    return api.story(store, id);
  }
  if (path == "/api/events") return events(api, store, p);
  if (path == "/api/entities") return list_entities(api, store, p);
  if (tail_of(path, "/api/entities/", tail)) {
    int64_t id = parse_count(tail);
    if (id <= 0) return json_error(400, "an entity id is a positive integer, not '" + tail + "'");
    return entity(store, id);
  }
  if (tail_of(path, "/api/documents/", tail)) return document(store, tail);
  if (path == "/api/search") return search(store, p);
  if (path == "/api/timeline") return timeline_of(api, store, p);
  if (path == "/api/dossier") return dossier_of(api, store, p);
  if (path == "/api/graph") return graph(store, p);
  if (path == "/api/stats") return stats(store);
  if (path == "/api/documents") return json_error(405, "GET /api/documents is not an endpoint: use /api/search");
  return json_error(404, "no endpoint " + path);
}

}  // namespace ng::serve
