// SQLite store: event clusters and stories (migration 7).
#include <algorithm>
#include <cctype>
#include <charconv>
#include <map>
#include <set>

#include "core/cameo.h"
#include "store/sqlite/sqlite_store.h"

namespace ng {
namespace {

std::string join_ids(const std::vector<int64_t>& ids) {
  std::string out;
  for (int64_t id : ids) {
    if (!out.empty()) out += ' ';
    out += std::to_string(id);
  }
  return out;
}

// "12 7 30" -> {12, 7, 30}; stops at the first word that is not a number.
std::vector<int64_t> split_ids(const std::string& s) {
  std::vector<int64_t> out;
  const char* p = s.data();
  const char* end = p + s.size();
  while (true) {
    while (p < end && std::isspace(static_cast<unsigned char>(*p))) ++p;
    int64_t id = 0;
    auto [next, ec] = std::from_chars(p, end, id);
    if (ec != std::errc()) break;
    out.push_back(id);
    p = next;
  }
  return out;
}

std::vector<std::string> split_words(const std::string& s) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
    size_t start = i;
    while (i < s.size() && !std::isspace(static_cast<unsigned char>(s[i]))) ++i;
    if (i > start) out.emplace_back(s, start, i - start);
  }
  return out;
}

// A gazetteer id of a country is its ISO alpha-3 code; cities and regions
// have longer ids ("Asia/Saigon", "VN-HN").
bool is_country(const std::string& place) {
  return place.size() == 3 && std::all_of(place.begin(), place.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

}  // namespace

// Inside a write transaction.
Status SqliteStore::write_clusters(const ClusterDelta& delta, const std::map<std::string, int64_t>& seq_of) {
  if (delta.empty() && delta.forget_before == 0) return Status::ok();
  auto seq_by_id = prepare("SELECT seq FROM documents WHERE id = ?1");
  auto ins_window = prepare("INSERT OR REPLACE INTO cluster_window (arrival, doc_seq, features) VALUES (?1, ?2, ?3)");
  auto set_doc = prepare("UPDATE documents SET event_cluster = ?2, story = ?3, copy_of = ?4 WHERE seq = ?1");
  auto ins_member = prepare(
      "INSERT OR REPLACE INTO cluster_members (cluster, doc_seq, score, why, own_date) VALUES (?1, ?2, ?3, ?4, ?5)");
  auto new_cluster = prepare("INSERT OR IGNORE INTO clusters (id, level) VALUES (?1, ?2)");
  for (auto* st : {&seq_by_id, &ins_window, &set_doc, &ins_member, &new_cluster}) {
    if (!*st) return st->status();
  }
  auto seq_of_doc = [&](const std::string& id) -> int64_t {
    auto it = seq_of.find(id);
    if (it != seq_of.end()) return it->second;
    Reset r(*seq_by_id);
    bind_text(*seq_by_id, 1, id);
    return sqlite3_step(*seq_by_id) == SQLITE_ROW ? sqlite3_column_int64(*seq_by_id, 0) : 0;
  };
  for (const ClusterAssignment& a : delta.members) {
    int64_t seq = seq_of_doc(a.doc);
    if (seq == 0) continue;  // a document this batch did not store (already there)
    for (auto [id, level] : {std::pair<int64_t, const char*>{a.event, "event"}, {a.story, "story"}}) {
      Reset r(*new_cluster);
      sqlite3_bind_int64(*new_cluster, 1, id);
      bind_text(*new_cluster, 2, level);
      if (sqlite3_step(*new_cluster) != SQLITE_DONE) return error("creating cluster " + std::to_string(id));
    }
    {
      Reset r(*ins_window);
      sqlite3_bind_int64(*ins_window, 1, a.arrival);
      sqlite3_bind_int64(*ins_window, 2, seq);
      bind_blob(*ins_window, 3, a.features);
      if (sqlite3_step(*ins_window) != SQLITE_DONE) return error("storing cluster features of " + a.doc);
    }
    {
      Reset r(*set_doc);
      sqlite3_bind_int64(*set_doc, 1, seq);
      sqlite3_bind_int64(*set_doc, 2, a.event);
      sqlite3_bind_int64(*set_doc, 3, a.story);
      bind_text_or_null(*set_doc, 4, a.copy_of);
      if (sqlite3_step(*set_doc) != SQLITE_DONE) return error("storing the clusters of " + a.doc);
    }
    for (int level = 0; level < 2; ++level) {
      Reset r(*ins_member);
      sqlite3_bind_int64(*ins_member, 1, level == 0 ? a.event : a.story);
      sqlite3_bind_int64(*ins_member, 2, seq);
      sqlite3_bind_double(*ins_member, 3, level == 0 ? a.event_score : a.story_score);
      bind_text(*ins_member, 4, level == 0 ? a.event_why : a.story_why);
      sqlite3_bind_int(*ins_member, 5, a.own_date ? 1 : 0);
      if (sqlite3_step(*ins_member) != SQLITE_DONE) return error("storing the cluster membership of " + a.doc);
    }
  }
  // Merges and moves, in the order they happened.
  for (const ClusterMerge& m : delta.merges) NG_RETURN_IF_ERROR(apply_merge(m, seq_of_doc(m.doc)));
  // Event clusters first: their dates flow to their members, whose dates
  // give the stories' spans.
  for (const char* level : {"event", "story"}) {
    for (const ClusterUpdate& u : delta.clusters) {
      if (u.level != level) continue;
      NG_RETURN_IF_ERROR(refresh_cluster(u));
    }
  }
  if (delta.forget_before > 0) {
    auto forget = prepare("DELETE FROM cluster_window WHERE arrival < ?1");
    if (!forget) return forget.status();
    Reset r(*forget);
    sqlite3_bind_int64(*forget, 1, delta.forget_before);
    if (sqlite3_step(*forget) != SQLITE_DONE) return error("forgetting old cluster features");
  }
  return Status::ok();
}

// Inside a write transaction: what ClusterMerge (core/cluster.h) says.
Status SqliteStore::apply_merge(const ClusterMerge& m, int64_t doc_seq) {
  auto run = [&](const char* sql, int64_t a, int64_t b, int64_t c) -> Status {
    auto st = prepare(sql);
    if (!st) return st.status();
    Reset r(*st);
    int n = sqlite3_bind_parameter_count(*st);
    int64_t v[3] = {a, b, c};
    for (int i = 0; i < n && i < 3; ++i) sqlite3_bind_int64(*st, i + 1, v[i]);
    if (sqlite3_step(*st) != SQLITE_DONE) return error("merging cluster " + std::to_string(m.from));
    return Status::ok();
  };
  // ?1 = event cluster, ?2 = old story, ?3 = new story: the event's documents change story.
  // (Parameters a statement does not use are not bound.)
  static const char* kMoveStory =
      "UPDATE OR REPLACE cluster_members SET cluster = ?3 WHERE cluster = ?2 AND doc_seq IN "
      "(SELECT seq FROM documents WHERE event_cluster = ?1)";
  static const char* kDocStory = "UPDATE documents SET story = ?3 WHERE event_cluster = ?1 AND story = ?2";
  static const char* kNewStory = "INSERT OR IGNORE INTO clusters (id, level) VALUES (?1, 'story')";
  static const char* kMark = "UPDATE clusters SET merged_into = ?2, documents = 0, sources = 0 WHERE id = ?1";
  if (m.level == "event") {
    NG_RETURN_IF_ERROR(run("UPDATE OR REPLACE cluster_members SET cluster = ?2 WHERE cluster = ?1", m.from, m.into, 0));
    NG_RETURN_IF_ERROR(run("UPDATE documents SET event_cluster = ?2 WHERE event_cluster = ?1", m.from, m.into, 0));
    if (m.story_from != m.story_into) {
      NG_RETURN_IF_ERROR(run(kMoveStory, m.into, m.story_from, m.story_into));
      NG_RETURN_IF_ERROR(run(kDocStory, m.into, m.story_from, m.story_into));
    }
    NG_RETURN_IF_ERROR(run(kMark, m.from, m.into, 0));
  } else if (m.level == "story") {
    NG_RETURN_IF_ERROR(run(kMark, m.from, m.into, 0));
  } else if (m.level == "move") {
    NG_RETURN_IF_ERROR(run(kNewStory, m.story_into, 0, 0));
    NG_RETURN_IF_ERROR(run(kMoveStory, m.from, m.story_from, m.story_into));
    NG_RETURN_IF_ERROR(run(kDocStory, m.from, m.story_from, m.story_into));
  } else {
    return Status::invalid("unknown cluster merge level " + m.level);
  }
  auto log = prepare(
      "INSERT INTO cluster_merges (from_cluster, into_cluster, level, doc_seq, why) VALUES (?1, ?2, ?3, ?4, ?5)");
  if (!log) return log.status();
  Reset r(*log);
  sqlite3_bind_int64(*log, 1, m.level == "move" ? m.story_from : m.from);
  sqlite3_bind_int64(*log, 2, m.into);
  bind_text(*log, 3, m.level);
  if (doc_seq) sqlite3_bind_int64(*log, 4, doc_seq);
  else sqlite3_bind_null(*log, 4);
  bind_text(*log, 5, m.why);
  if (sqlite3_step(*log) != SQLITE_DONE) return error("recording a cluster merge");
  return Status::ok();
}

// Sets a cluster's date, main entities and label, and recounts its members.
Status SqliteStore::refresh_cluster(const ClusterUpdate& u) {
  auto new_cluster = prepare("INSERT OR IGNORE INTO clusters (id, level) VALUES (?1, ?2)");
  auto set_dates = prepare(
      "UPDATE documents SET event_date = ?2, event_date_how = ?3 WHERE seq IN "
      "(SELECT doc_seq FROM cluster_members WHERE cluster = ?1 AND own_date = 0) "
      "AND event_date IS NOT ?2");
  // The members' counts by language and by date (migration 9: kept by
  // triggers), not the members themselves: a long story has many.
  auto counts = prepare(
      "SELECT (SELECT sum(documents) FROM cluster_langs WHERE cluster = ?1), "
      "(SELECT sum(sources) FROM cluster_langs WHERE cluster = ?1), "
      "(SELECT min(date) FROM cluster_dates WHERE cluster = ?1), (SELECT max(date) FROM cluster_dates WHERE cluster = ?1)");
  auto langs = prepare("SELECT lang FROM cluster_langs WHERE cluster = ?1 ORDER BY documents DESC, lang");
  auto names = prepare("SELECT name, type, coalesce(place, '') FROM entities WHERE id = ?1");
  auto update = prepare(
      "UPDATE clusters SET story = ?2, date = ?3, first_date = ?4, last_date = ?5, documents = ?6, sources = ?7, "
      "langs = ?8, entities = ?9, label = ?10 WHERE id = ?1");
  for (auto* st : {&new_cluster, &set_dates, &counts, &langs, &names, &update}) {
    if (!*st) return st->status();
  }
  {
    Reset r(*new_cluster);
    sqlite3_bind_int64(*new_cluster, 1, u.id);
    bind_text(*new_cluster, 2, u.level);
    if (sqlite3_step(*new_cluster) != SQLITE_DONE) return error("creating cluster " + std::to_string(u.id));
  }
  if (u.level == "event" && !u.date.empty()) {
    Reset r(*set_dates);
    sqlite3_bind_int64(*set_dates, 1, u.id);
    bind_text(*set_dates, 2, u.date);
    std::string how = "event cluster " + std::to_string(u.id) + ": the date its members give";
    bind_text(*set_dates, 3, how);
    if (sqlite3_step(*set_dates) != SQLITE_DONE) return error("dating the members of cluster " + std::to_string(u.id));
  }
  int64_t documents = 0, sources = 0;
  std::string first, last;
  {
    Reset r(*counts);
    sqlite3_bind_int64(*counts, 1, u.id);
    if (sqlite3_step(*counts) != SQLITE_ROW) return error("counting cluster " + std::to_string(u.id));
    documents = sqlite3_column_int64(*counts, 0);
    sources = sqlite3_column_int64(*counts, 1);
    first = col_text(*counts, 2);
    last = col_text(*counts, 3);
  }
  std::string lang_list;
  {
    Reset r(*langs);
    sqlite3_bind_int64(*langs, 1, u.id);
    int rc;
    while ((rc = sqlite3_step(*langs)) == SQLITE_ROW) {
      if (!lang_list.empty()) lang_list += ' ';
      lang_list += col_text(*langs, 0);
    }
    if (rc != SQLITE_DONE) return error("counting cluster " + std::to_string(u.id));
  }
  // Label: the two heaviest people or organisations (else places), the
  // event type, the heaviest place that is not a country (else a country),
  // the date.
  std::vector<std::string> actors;
  std::string place, country;
  std::vector<std::string> places;
  for (int64_t e : u.entities) {
    Reset r(*names);
    sqlite3_bind_int64(*names, 1, e);
    if (sqlite3_step(*names) != SQLITE_ROW) continue;
    std::string name = col_text(*names, 0), type = col_text(*names, 1), pl = col_text(*names, 2);
    if (name.empty()) continue;
    if (type == "LOC") {
      places.push_back(name);
      if (!is_country(pl) && place.empty()) place = name;
      if (is_country(pl) && country.empty()) country = name;
    } else if (actors.size() < 2) {
      actors.push_back(name);
    }
  }
  if (place.empty()) place = country;
  if (actors.empty()) {
    for (const auto& p : places) {
      if (actors.size() < 2 && p != place) actors.push_back(p);
    }
  }
  std::string label;
  for (const auto& a : actors) label += (label.empty() ? "" : " – ") + a;
  if (const char* type = cameo_name(u.code); *type) label += (label.empty() ? "" : ", ") + std::string(type);
  if (!place.empty()) label += (label.empty() ? "" : ", ") + place;
  std::string when = u.level == "event" && !u.date.empty() ? u.date
                     : first.empty()                        ? std::string()
                     : first == last                        ? first
                                                            : first + " – " + last;
  if (!when.empty()) label += (label.empty() ? "" : ", ") + when;
  if (label.empty()) label = (u.level == "event" ? "event " : "story ") + std::to_string(u.id);
  Reset r(*update);
  sqlite3_bind_int64(*update, 1, u.id);
  if (u.story) sqlite3_bind_int64(*update, 2, u.story);
  else sqlite3_bind_null(*update, 2);
  bind_text_or_null(*update, 3, u.date);
  bind_text_or_null(*update, 4, first);
  bind_text_or_null(*update, 5, last);
  sqlite3_bind_int64(*update, 6, documents);
  sqlite3_bind_int64(*update, 7, sources);
  bind_text(*update, 8, lang_list);
  bind_text(*update, 9, join_ids(u.entities));
  bind_text(*update, 10, label);
  if (sqlite3_step(*update) != SQLITE_DONE) return error("updating cluster " + std::to_string(u.id));
  return Status::ok();
}

Status SqliteStore::clear_clusters() {
  std::lock_guard lock(mu_);
  return exec(
      "BEGIN IMMEDIATE; UPDATE documents SET event_cluster = NULL, story = NULL, copy_of = NULL; "
      "DELETE FROM cluster_window; DELETE FROM cluster_members; DELETE FROM cluster_merges; DELETE FROM clusters; "
      "DELETE FROM cluster_langs; DELETE FROM cluster_dates; COMMIT;");
}

Result<ClusterSnapshot> SqliteStore::load_clusters() {
  std::lock_guard lock(mu_);
  ClusterSnapshot snap;
  Stmt s;
  if (sqlite3_prepare_v2(db_,
                         "SELECT w.arrival, d.id, coalesce(d.event_cluster, 0), coalesce(d.story, 0), "
                         "coalesce(d.copy_of, ''), w.features FROM cluster_window w JOIN documents d ON d.seq = w.doc_seq "
                         "ORDER BY w.arrival",
                         -1, s.out(), nullptr) != SQLITE_OK) {
    return error("reading the clusterer's window");
  }
  int rc;
  while ((rc = sqlite3_step(s.get())) == SQLITE_ROW) {
    ClusterSnapshot::Member m;
    m.arrival = sqlite3_column_int64(s.get(), 0);
    m.doc = col_text(s.get(), 1);
    m.event = sqlite3_column_int64(s.get(), 2);
    m.story = sqlite3_column_int64(s.get(), 3);
    m.copy_of = col_text(s.get(), 4);
    m.features = col_blob(s.get(), 5);
    snap.window.push_back(std::move(m));
  }
  if (rc != SQLITE_DONE) return error("reading the clusterer's window");
  Stmt n;
  if (sqlite3_prepare_v2(db_, "SELECT coalesce(max(id), 0) + 1 FROM clusters", -1, n.out(), nullptr) != SQLITE_OK ||
      sqlite3_step(n.get()) != SQLITE_ROW) {
    return error("reading the cluster ids");
  }
  snap.next_cluster = sqlite3_column_int64(n.get(), 0);
  return snap;
}

namespace {
constexpr const char* kClusterColumns =
    "c.id, c.level, c.label, coalesce(c.date, ''), coalesce(c.first_date, ''), coalesce(c.last_date, ''), "
    "coalesce(c.story, 0), c.documents, c.sources, c.langs, c.entities";
}  // namespace

// One row of kClusterColumns; its entities get their names in query_clusters.
ClusterSummary SqliteStore::cluster_summary(sqlite3_stmt* s) {
  ClusterSummary c;
  c.id = sqlite3_column_int64(s, 0);
  c.level = col_text(s, 1);
  c.label = col_text(s, 2);
  c.date = col_text(s, 3);
  c.first_date = col_text(s, 4);
  c.last_date = col_text(s, 5);
  c.story = sqlite3_column_int64(s, 6);
  c.documents = sqlite3_column_int64(s, 7);
  c.sources = sqlite3_column_int64(s, 8);
  c.langs = split_words(col_text(s, 9));
  for (int64_t id : split_ids(col_text(s, 10))) c.entities.emplace_back(id, std::string());
  return c;
}

// `sql` is a string with static storage (the statement cache's key). The
// names of all the clusters' entities are read in one query (a page of
// stories names a few hundred entities, mostly the same ones); an id the
// registry no longer has is dropped.
Status SqliteStore::query_clusters(const char* sql, const std::function<void(sqlite3_stmt*)>& bind,
                                   std::vector<ClusterSummary>& out) {
  size_t first = out.size();
  {
    auto st = prepare(sql);
    if (!st) return st.status();
    Reset reset(*st);
    bind(*st);
    int rc;
    while ((rc = sqlite3_step(*st)) == SQLITE_ROW) out.push_back(cluster_summary(*st));
    if (rc != SQLITE_DONE) return error("listing clusters");
  }
  std::set<int64_t> ids;
  for (size_t i = first; i < out.size(); ++i) {
    for (const auto& e : out[i].entities) ids.insert(e.first);
  }
  if (ids.empty()) return Status::ok();
  std::string json = "[";
  for (int64_t id : ids) json += (json.size() > 1 ? "," : "") + std::to_string(id);
  json += ']';
  auto names = prepare("SELECT id, name FROM entities WHERE id IN (SELECT value FROM json_each(?1))");
  if (!names) return names.status();
  std::map<int64_t, std::string> name_of;
  {
    Reset reset(*names);
    bind_text(*names, 1, json);
    int rc;
    while ((rc = sqlite3_step(*names)) == SQLITE_ROW) name_of[sqlite3_column_int64(*names, 0)] = col_text(*names, 1);
    if (rc != SQLITE_DONE) return error("reading the names of the clusters' entities");
  }
  for (size_t i = first; i < out.size(); ++i) {
    auto& ents = out[i].entities;
    std::vector<std::pair<int64_t, std::string>> named;
    named.reserve(ents.size());
    for (auto& [id, name] : ents) {
      auto it = name_of.find(id);
      if (it != name_of.end()) named.emplace_back(id, it->second);
    }
    ents = std::move(named);
  }
  return Status::ok();
}

Result<std::vector<ClusterSummary>> SqliteStore::list_stories(const StoryQuery& q) {
  std::lock_guard lock(mu_);
  // clusters_stories (migration 10) holds the live stories in this order with
  // the columns of the date filters: a page reads its rows only.
  static const std::string sql = std::string("SELECT ") + kClusterColumns +
                                 " FROM clusters c INDEXED BY clusters_stories "
                                 "WHERE c.level = 'story' AND c.merged_into IS NULL "
                                 "AND (?1 = '' OR coalesce(c.last_date, c.first_date) >= ?1) "
                                 "AND (?2 = '' OR c.first_date <= ?2) "
                                 "AND (?3 = 0 OR c.id IN (SELECT d.story FROM mentions m JOIN documents d "
                                 "ON d.seq = m.doc_seq WHERE m.entity = ?3)) "
                                 "ORDER BY c.last_date IS NULL, c.last_date DESC, c.documents DESC, c.id "
                                 "LIMIT ?4 OFFSET ?5";
  std::vector<ClusterSummary> out;
  NG_RETURN_IF_ERROR(query_clusters(sql.c_str(), [&](sqlite3_stmt* s) {
    bind_text(s, 1, q.from);
    bind_text(s, 2, q.to);
    sqlite3_bind_int64(s, 3, q.entity);
    sqlite3_bind_int64(s, 4, q.limit);
    sqlite3_bind_int64(s, 5, q.offset);
  }, out));
  return out;
}

Result<std::optional<ClusterDetail>> SqliteStore::get_cluster(int64_t id) {
  std::lock_guard lock(mu_);
  // A merged cluster leads to the one it lives on in.
  for (int hops = 0; hops < 64; ++hops) {
    Stmt s;
    if (sqlite3_prepare_v2(db_, "SELECT merged_into FROM clusters WHERE id = ?1", -1, s.out(), nullptr) != SQLITE_OK)
      return error("reading cluster " + std::to_string(id));
    sqlite3_bind_int64(s.get(), 1, id);
    if (sqlite3_step(s.get()) != SQLITE_ROW) return std::optional<ClusterDetail>();
    if (sqlite3_column_type(s.get(), 0) == SQLITE_NULL) break;
    id = sqlite3_column_int64(s.get(), 0);
  }
  ClusterDetail detail;
  std::vector<ClusterSummary> one;
  static const std::string by_id = std::string("SELECT ") + kClusterColumns + " FROM clusters c WHERE c.id = ?1";
  NG_RETURN_IF_ERROR(query_clusters(by_id.c_str(), [&](sqlite3_stmt* s) { sqlite3_bind_int64(s, 1, id); }, one));
  if (one.empty()) return std::optional<ClusterDetail>();
  detail.summary = std::move(one[0]);
  {
    Stmt s;
    if (sqlite3_prepare_v2(db_,
                           "SELECT d.id, d.lang, coalesce(d.title, ''), coalesce(d.published, ''), "
                           "coalesce(d.event_date, ''), coalesce(d.copy_of, ''), coalesce(d.event_cluster, 0), "
                           "m.score, m.why, coalesce(em.why, '') FROM cluster_members m JOIN documents d ON d.seq = m.doc_seq "
                           "LEFT JOIN cluster_members em ON em.doc_seq = m.doc_seq AND em.cluster = d.event_cluster "
                           "AND em.cluster != m.cluster WHERE m.cluster = ?1 ORDER BY d.seq",
                           -1, s.out(), nullptr) != SQLITE_OK)
      return error("reading the members of cluster " + std::to_string(id));
    sqlite3_bind_int64(s.get(), 1, id);
    int rc;
    while ((rc = sqlite3_step(s.get())) == SQLITE_ROW) {
      ClusterDetail::Member m;
      m.doc = col_text(s.get(), 0);
      m.lang = col_text(s.get(), 1);
      m.title = col_text(s.get(), 2);
      m.published = col_text(s.get(), 3);
      m.event_date = col_text(s.get(), 4);
      m.copy_of = col_text(s.get(), 5);
      m.event = sqlite3_column_int64(s.get(), 6);
      m.score = sqlite3_column_double(s.get(), 7);
      m.why = col_text(s.get(), 8);
      // In a story: why it joined its event, then (when the event was new) why that event joined the story.
      if (std::string event_why = col_text(s.get(), 9); !event_why.empty()) {
        m.why = m.why.rfind("story of ", 0) == 0 ? event_why : event_why + "; " + m.why;
      }
      detail.members.push_back(std::move(m));
    }
    if (rc != SQLITE_DONE) return error("reading the members of cluster " + std::to_string(id));
  }
  if (detail.summary.level == "story") {
    static const std::string events = std::string("SELECT ") + kClusterColumns +
                                      " FROM clusters c WHERE c.story = ?1 AND c.level = 'event' AND "
                                      "c.merged_into IS NULL ORDER BY c.date IS NULL, c.date, c.id";
    NG_RETURN_IF_ERROR(
        query_clusters(events.c_str(), [&](sqlite3_stmt* s) { sqlite3_bind_int64(s, 1, id); }, detail.events));
  }
  {
    Stmt s;
    if (sqlite3_prepare_v2(db_,
                           "SELECT m.from_cluster, coalesce(d.id, ''), m.why FROM cluster_merges m "
                           "LEFT JOIN documents d ON d.seq = m.doc_seq WHERE m.into_cluster = ?1 ORDER BY m.rowid",
                           -1, s.out(), nullptr) != SQLITE_OK)
      return error("reading the merges of cluster " + std::to_string(id));
    sqlite3_bind_int64(s.get(), 1, id);
    while (sqlite3_step(s.get()) == SQLITE_ROW)
      detail.merged.push_back({sqlite3_column_int64(s.get(), 0), col_text(s.get(), 1), col_text(s.get(), 2)});
  }
  EventQuery eq;
  eq.cluster = id;
  auto frames = list_events(eq);
  if (!frames) return frames.status();
  detail.frames = std::move(*frames);
  return std::optional<ClusterDetail>(std::move(detail));
}

}  // namespace ng
