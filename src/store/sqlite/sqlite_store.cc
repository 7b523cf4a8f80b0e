// SQLite implementation of Store: one file, WAL, one transaction per batch.
#include <sqlite3.h>
#include <sys/stat.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstring>
#include <functional>
#include <map>
#include <set>
#include <type_traits>
#include <mutex>

#include "store/sqlite/schema.h"
#include "store/sqlite/sqlite_store.h"

namespace ng {
namespace {

void put_u32(std::string& out, uint32_t v) {
  char b[4] = {static_cast<char>(v & 0xff), static_cast<char>((v >> 8) & 0xff),
               static_cast<char>((v >> 16) & 0xff), static_cast<char>((v >> 24) & 0xff)};
  out.append(b, 4);
}
uint32_t get_u32(const char* p) {
  const auto* u = reinterpret_cast<const unsigned char*>(p);
  return static_cast<uint32_t>(u[0]) | static_cast<uint32_t>(u[1]) << 8 | static_cast<uint32_t>(u[2]) << 16 |
         static_cast<uint32_t>(u[3]) << 24;
}

constexpr uint32_t kWordBit = 0x80000000u;

std::string pack_sentences(const std::vector<Sentence>& v) {
  std::string out;
  out.reserve(v.size() * 8);
  for (const auto& s : v) {
    put_u32(out, s.span.begin);
    put_u32(out, s.span.end);
  }
  return out;
}
std::string pack_tokens(const std::vector<Token>& v) {
  std::string out;
  out.reserve(v.size() * 8);
  for (const auto& t : v) {
    put_u32(out, t.span.begin);
    put_u32(out, (t.span.end & ~kWordBit) | (t.is_word ? kWordBit : 0));
  }
  return out;
}
// Corrupt blobs (odd length, spans past the text) are reported, not trusted.
Status unpack_spans(const std::string& blob, size_t text_size, bool tokens, Document& d) {
  if (blob.size() % 8 != 0) return Status::corrupt("document " + d.id + ": span blob has odd length");
  for (size_t i = 0; i < blob.size(); i += 8) {
    uint32_t b = get_u32(blob.data() + i);
    uint32_t e = get_u32(blob.data() + i + 4);
    bool word = (e & kWordBit) != 0;
    e &= ~kWordBit;
    if (b > e || e > text_size) return Status::corrupt("document " + d.id + ": span past the end of the text");
    if (tokens) d.tokens.push_back(Token{{b, e}, word});
    else d.sentences.push_back(Sentence{{b, e}});
  }
  return Status::ok();
}

bool parse_format(std::string_view name, Format& f) {
  for (Format c : {Format::kText, Format::kHtml, Format::kJsonl, Format::kFeed, Format::kWarc}) {
    if (format_name(c) == name) {
      f = c;
      return true;
    }
  }
  return false;
}

constexpr const char* kDocColumns =
    "seq, id, source, format, url, title, published, agency, charset, invalid_bytes, raw_size, lang, "
    "lang_given, lang_detected, lang_confidence, lang_reliable, text, extracted, sentences, tokens, event_date, "
    "event_date_how, event_cluster, story, copy_of";

}  // namespace

Result<sqlite3_stmt*> SqliteStore::prepare(const char* sql) {
  for (auto& [key, st] : stmts_) {
    if (key == sql) return st->get();
  }
  auto st = std::make_unique<Stmt>();
  if (sqlite3_prepare_v3(db_, sql, -1, SQLITE_PREPARE_PERSISTENT, st->out(), nullptr) != SQLITE_OK) {
    return error("preparing a query");
  }
  sqlite3_stmt* raw = st->get();
  stmts_.emplace_back(sql, std::move(st));
  return raw;
}

Result<sqlite3_stmt*> SqliteStore::prepare_text(const std::string& sql) {
  auto it = text_stmts_.find(sql);
  if (it != text_stmts_.end()) return it->second->get();
  // Queries are built from a few shapes (how many ids, which bounds): a full
  // cache is a rare event and is simply emptied.
  if (text_stmts_.size() >= 64) text_stmts_.clear();
  auto st = std::make_unique<Stmt>();
  if (sqlite3_prepare_v3(db_, sql.c_str(), -1, SQLITE_PREPARE_PERSISTENT, st->out(), nullptr) != SQLITE_OK) {
    return error("preparing a query");
  }
  sqlite3_stmt* raw = st->get();
  text_stmts_.emplace(sql, std::move(st));
  return raw;
}

Result<int> SqliteStore::user_version() {
  Stmt s;
  if (sqlite3_prepare_v2(db_, "PRAGMA user_version", -1, s.out(), nullptr) != SQLITE_OK) {
    int code = sqlite3_errcode(db_);
    if (code == SQLITE_NOTADB) return Status::corrupt(path_ + ": not an SQLite database");
    return error("reading the schema version");
  }
  int rc = sqlite3_step(s.get());
  if (rc == SQLITE_NOTADB) return Status::corrupt(path_ + ": not an SQLite database");
  if (rc != SQLITE_ROW) return error("reading the schema version");
  return sqlite3_column_int(s.get(), 0);
}

Status SqliteStore::migrate() {
  auto all = sqlite::migrations();
  NG_RETURN_IF_ERROR(exec("BEGIN IMMEDIATE"));
  auto version = user_version();
  if (!version) {
    (void)exec("ROLLBACK");
    return version.status();
  }
  if (*version == 0) {
    // A database someone else made is not ours to add tables to.
    Stmt s;
    if (sqlite3_prepare_v2(db_, "SELECT count(*) FROM sqlite_master", -1, s.out(), nullptr) == SQLITE_OK &&
        sqlite3_step(s.get()) == SQLITE_ROW && sqlite3_column_int(s.get(), 0) > 0) {
      (void)exec("ROLLBACK");
      return Status::invalid(path_ + ": an SQLite database that is not a newsgraph store (it has tables but no "
                             "newsgraph schema version)");
    }
  }
  for (size_t v = static_cast<size_t>(*version); v < all.size(); ++v) {
    std::string sql(all[v]);
    sql += "\nPRAGMA user_version = " + std::to_string(v + 1) + ";";
    Status st = exec(sql.c_str());
    if (!st) {
      (void)exec("ROLLBACK");
      return st.with_context("migration " + std::to_string(v + 1));
    }
  }
  return exec("COMMIT");
}

Status SqliteStore::init(const SqliteOptions& options) {
  sqlite3_busy_timeout(db_, options.busy_timeout_ms);
  sqlite3_extended_result_codes(db_, 1);
  auto version = user_version();
  if (!version) return version.status();
  int latest = static_cast<int>(sqlite::migrations().size());
  if (*version > latest) {
    return Status::unsupported(path_ + ": schema version " + std::to_string(*version) +
                               " is newer than this build of newsgraph knows (" + std::to_string(latest) +
                               "); use a newer newsgraph");
  }
  if (options.read_only) {
    // Readers map the file: pages are read without a copy per query (the
    // server keeps several reader connections on one store).
    NG_RETURN_IF_ERROR(exec("PRAGMA mmap_size=4294967296"));
    if (*version == 0) return Status::invalid(path_ + ": not a newsgraph store (no schema); run `newsgraph ingest` first");
    if (*version < latest) {
      return Status::unsupported(path_ + ": schema version " + std::to_string(*version) +
                                 " needs migrating to " + std::to_string(latest) +
                                 "; open it once for writing (newsgraph ingest)");
    }
  } else {
    // WAL: readers never block the writer; with synchronous=NORMAL a crash of
    // the process never loses a committed batch (power loss may lose the last).
    NG_RETURN_IF_ERROR(exec("PRAGMA journal_mode=WAL"));
    NG_RETURN_IF_ERROR(exec("PRAGMA synchronous=NORMAL"));
    // The writer's page cache: 64 MB instead of SQLite's 2 MB, so that a
    // batch's index inserts (mentions by entity, documents by cluster, the
    // cluster tables) find their pages in memory in a store of a million
    // documents rather than spilling and re-reading them through the OS.
    NG_RETURN_IF_ERROR(exec("PRAGMA cache_size=-65536"));
    if (*version < latest) NG_RETURN_IF_ERROR(migrate());
  }
  return exec("PRAGMA foreign_keys=ON");
}

Result<std::vector<std::string>> SqliteStore::existing_ids(const std::vector<std::string>& ids) {
  std::lock_guard lock(mu_);
  auto s = prepare("SELECT 1 FROM documents WHERE id = ?1");
  if (!s) return s.status();
  std::vector<std::string> out;
  for (const auto& id : ids) {
    Reset r(*s);
    bind_text(*s, 1, id);
    int rc = sqlite3_step(*s);
    if (rc == SQLITE_ROW) out.push_back(id);
    else if (rc != SQLITE_DONE) return error("looking up document ids");
  }
  return out;
}

Result<BatchResult> SqliteStore::write_batch(const std::vector<Document>& docs, const std::vector<Reject>& rejects,
                                             const RegistryDelta& registry, const ClusterDelta& clusters) {
  std::lock_guard lock(mu_);
  BatchResult result;
  NG_RETURN_IF_ERROR(exec("BEGIN IMMEDIATE"));
  auto fail = [&](std::string_view what) {
    Status st = error(what);
    (void)exec("ROLLBACK");
    return st;
  };
  auto ins_doc = prepare(
      "INSERT INTO documents (id, source, format, url, title, published, agency, charset, invalid_bytes, "
      "raw_size, lang, lang_given, lang_detected, lang_confidence, lang_reliable, text, extracted, sentences, "
      "tokens, ingested_at, event_date, event_date_how) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, "
      "?13, ?14, ?15, ?16, ?17, ?18, ?19, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?20, ?21) ON CONFLICT(id) DO NOTHING");
  auto ins_para = prepare(
      "INSERT INTO paragraphs (doc_seq, idx, begin, end, lang, confidence) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  auto ins_rem =
      prepare("INSERT INTO removals (doc_seq, idx, begin, end, reason, text) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  auto ins_rej = prepare(
      "INSERT INTO rejects (source, locator, reason, first_seen, last_seen) VALUES (?1, ?2, ?3, "
      "strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), strftime('%Y-%m-%dT%H:%M:%SZ', 'now')) "
      "ON CONFLICT(source, locator, reason) DO NOTHING");
  auto upd_rej = prepare(
      "UPDATE rejects SET count = count + 1, last_seen = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') "
      "WHERE source = ?1 AND locator = ?2 AND reason = ?3");
  for (auto* st : {&ins_doc, &ins_para, &ins_rem, &ins_rej, &upd_rej}) {
    if (!*st) {
      (void)exec("ROLLBACK");
      return st->status();
    }
  }

  std::map<std::string, int64_t> seq_of;  // documents inserted by this batch
  for (const Document& d : docs) {
    sqlite3_stmt* s = *ins_doc;
    {
      Reset r(s);
      bind_text(s, 1, d.id);
      bind_text(s, 2, d.source);
      bind_text(s, 3, format_name(d.format));
      bind_text_or_null(s, 4, d.url);
      bind_text_or_null(s, 5, d.title);
      bind_text_or_null(s, 6, d.published);
      bind_text_or_null(s, 7, d.agency);
      bind_text(s, 8, d.charset);
      sqlite3_bind_int64(s, 9, d.invalid_bytes);
      sqlite3_bind_int64(s, 10, static_cast<int64_t>(d.raw_size));
      bind_text(s, 11, d.lang);
      bind_text_or_null(s, 12, d.lang_given);
      bind_text(s, 13, d.lang_detected);
      sqlite3_bind_double(s, 14, d.lang_confidence);
      sqlite3_bind_int(s, 15, d.lang_reliable ? 1 : 0);
      bind_text(s, 16, d.text);
      // Without removals the text before cleaning is the text itself (up to
      // white space), and is not stored twice.
      if (d.removed.empty()) sqlite3_bind_null(s, 17);
      else bind_text(s, 17, d.extracted);
      bind_blob(s, 18, pack_sentences(d.sentences));
      bind_blob(s, 19, pack_tokens(d.tokens));
      bind_text_or_null(s, 20, d.event_date);
      bind_text_or_null(s, 21, d.event_date_how);
      if (sqlite3_step(s) != SQLITE_DONE) return fail("storing document " + d.id);
    }
    if (sqlite3_changes(db_) == 0) {
      ++result.duplicates;
      continue;
    }
    ++result.inserted;
    int64_t seq = sqlite3_last_insert_rowid(db_);
    seq_of[d.id] = seq;
    for (size_t i = 0; i < d.paragraphs.size(); ++i) {
      sqlite3_stmt* p = *ins_para;
      Reset r(p);
      const Paragraph& para = d.paragraphs[i];
      sqlite3_bind_int64(p, 1, seq);
      sqlite3_bind_int64(p, 2, static_cast<int64_t>(i));
      sqlite3_bind_int64(p, 3, para.span.begin);
      sqlite3_bind_int64(p, 4, para.span.end);
      bind_text(p, 5, para.lang);
      sqlite3_bind_double(p, 6, para.confidence);
      if (sqlite3_step(p) != SQLITE_DONE) return fail("storing paragraphs of " + d.id);
    }
    for (size_t i = 0; i < d.removed.size(); ++i) {
      sqlite3_stmt* p = *ins_rem;
      Reset r(p);
      const Removal& rem = d.removed[i];
      sqlite3_bind_int64(p, 1, seq);
      sqlite3_bind_int64(p, 2, static_cast<int64_t>(i));
      sqlite3_bind_int64(p, 3, rem.span.begin);
      sqlite3_bind_int64(p, 4, rem.span.end);
      bind_text(p, 5, rem.reason);
      bind_text(p, 6, rem.text);
      if (sqlite3_step(p) != SQLITE_DONE) return fail("storing removals of " + d.id);
    }
    if (Status st = insert_mentions(seq, d); !st) {
      (void)exec("ROLLBACK");
      return st;
    }
    if (Status st = insert_times(seq, d); !st) {
      (void)exec("ROLLBACK");
      return st;
    }
    if (Status st = insert_topics(seq, d); !st) {
      (void)exec("ROLLBACK");
      return st;
    }
    if (Status st = insert_events(seq, d); !st) {
      (void)exec("ROLLBACK");
      return st;
    }
  }
  // The batch's new documents have consecutive seqs: their pairs at once.
  if (!seq_of.empty()) {
    auto [first, last] = std::minmax_element(seq_of.begin(), seq_of.end(),
                                             [](const auto& a, const auto& b) { return a.second < b.second; });
    if (Status st = add_dyad_frames(first->second, last->second); !st) {
      (void)exec("ROLLBACK");
      return st;
    }
  }

  for (const Reject& rj : rejects) {
    for (sqlite3_stmt* s : {*ins_rej, *upd_rej}) {
      Reset r(s);
      bind_text(s, 1, rj.source);
      bind_text(s, 2, rj.locator);
      bind_text(s, 3, rj.reason);
      if (sqlite3_step(s) != SQLITE_DONE) return fail("storing a reject");
      if (s == *ins_rej && sqlite3_changes(db_) == 1) {
        ++result.rejects;
        break;  // new row: nothing to count up
      }
    }
  }
  if (!registry.empty()) {
    Status st = write_registry(registry, seq_of);
    if (!st) {
      (void)exec("ROLLBACK");
      return st;
    }
  }
  if (!clusters.empty()) {
    Status st = write_clusters(clusters, seq_of);
    if (!st) {
      (void)exec("ROLLBACK");
      return st;
    }
  }
  if (exec("COMMIT").is_ok()) return result;
  return fail("committing a batch");
}

// Inside a write transaction.
Status SqliteStore::insert_mentions(int64_t seq, const Document& d) {
  auto ins = prepare(
      "INSERT INTO mentions (doc_seq, idx, begin, end, type, role, place, entity, affiliation, org) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
  if (!ins) return ins.status();
  for (size_t i = 0; i < d.mentions.size(); ++i) {
    sqlite3_stmt* p = *ins;
    Reset r(p);
    const Mention& m = d.mentions[i];
    sqlite3_bind_int64(p, 1, seq);
    sqlite3_bind_int64(p, 2, static_cast<int64_t>(i));
    sqlite3_bind_int64(p, 3, m.span.begin);
    sqlite3_bind_int64(p, 4, m.span.end);
    bind_text(p, 5, m.type);
    bind_text_or_null(p, 6, m.role);
    bind_text_or_null(p, 7, m.place);
    if (m.entity > 0) sqlite3_bind_int64(p, 8, m.entity);
    else sqlite3_bind_null(p, 8);
    bind_text_or_null(p, 9, m.affiliation);
    bind_text_or_null(p, 10, m.org);
    if (sqlite3_step(p) != SQLITE_DONE) return error("storing mentions of " + d.id);
  }
  return Status::ok();
}

Status SqliteStore::insert_topics(int64_t seq, const Document& d) {
  auto ins = prepare("INSERT OR REPLACE INTO topics (doc_seq, topic, score, evidence) VALUES (?1, ?2, ?3, ?4)");
  if (!ins) return ins.status();
  for (const Topic& t : d.topics) {
    Reset r(*ins);
    sqlite3_bind_int64(*ins, 1, seq);
    bind_text(*ins, 2, t.key);
    sqlite3_bind_int(*ins, 3, t.score);
    bind_text(*ins, 4, t.evidence);
    if (sqlite3_step(*ins) != SQLITE_DONE) return error("storing topics of " + d.id);
  }
  return Status::ok();
}

Status SqliteStore::insert_events(int64_t seq, const Document& d) {
  auto ins = prepare(
      "INSERT INTO events (doc_seq, idx, code, trigger_begin, trigger_end, sentence_begin, sentence_end, actor1, "
      "actor2, country1, country2, place, date, confidence) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, "
      "?12, ?13, ?14)");
  if (!ins) return ins.status();
  auto bind_idx = [](sqlite3_stmt* p, int col, int v) {
    if (v >= 0) sqlite3_bind_int(p, col, v);
    else sqlite3_bind_null(p, col);
  };
  for (size_t i = 0; i < d.events.size(); ++i) {
    sqlite3_stmt* p = *ins;
    Reset r(p);
    const EventFrame& e = d.events[i];
    sqlite3_bind_int64(p, 1, seq);
    sqlite3_bind_int64(p, 2, static_cast<int64_t>(i));
    bind_text(p, 3, e.code);
    sqlite3_bind_int64(p, 4, e.trigger.begin);
    sqlite3_bind_int64(p, 5, e.trigger.end);
    sqlite3_bind_int64(p, 6, e.sentence.begin);
    sqlite3_bind_int64(p, 7, e.sentence.end);
    bind_idx(p, 8, e.actor1);
    bind_idx(p, 9, e.actor2);
    bind_text_or_null(p, 10, e.country1);
    bind_text_or_null(p, 11, e.country2);
    bind_idx(p, 12, e.place);
    bind_text_or_null(p, 13, e.date);
    sqlite3_bind_double(p, 14, e.confidence);
    if (sqlite3_step(p) != SQLITE_DONE) return error("storing events of " + d.id);
  }
  return Status::ok();
}

// dyad_frames (migration 11) holds what its view dyad_frames_from_events
// gives: a document's rows are written with its events and deleted while its
// events and mentions are still those they were made from.
Status SqliteStore::add_dyad_frames(int64_t first, int64_t last) {
  auto ins = prepare(
      "INSERT OR IGNORE INTO dyad_frames (side_a, side_b, date, doc_seq, idx, code, entity1, country1, name1, entity2, "
      "country2, name2) SELECT side_a, side_b, date, doc_seq, idx, code, entity1, country1, name1, entity2, country2, "
      "name2 FROM dyad_frames_from_events WHERE doc_seq BETWEEN ?1 AND ?2");
  if (!ins) return ins.status();
  Reset r(*ins);
  sqlite3_bind_int64(*ins, 1, first);
  sqlite3_bind_int64(*ins, 2, last);
  if (sqlite3_step(*ins) != SQLITE_DONE) {
    return error("storing the event pairs of documents " + std::to_string(first) + ".." + std::to_string(last));
  }
  return Status::ok();
}

Status SqliteStore::remove_dyad_frames(int64_t seq) {
  auto del = prepare(
      "DELETE FROM dyad_frames WHERE (side_a, side_b, date, doc_seq, idx) IN (SELECT side_a, side_b, date, doc_seq, "
      "idx FROM dyad_frames_from_events WHERE doc_seq = ?1)");
  if (!del) return del.status();
  Reset r(*del);
  sqlite3_bind_int64(*del, 1, seq);
  if (sqlite3_step(*del) != SQLITE_DONE) return error("deleting the event pairs of document " + std::to_string(seq));
  return Status::ok();
}

Status SqliteStore::insert_times(int64_t seq, const Document& d) {
  auto ins = prepare(
      "INSERT INTO times (doc_seq, idx, begin, end, value, kind, anchor, evidence) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
      "?7, ?8)");
  if (!ins) return ins.status();
  for (size_t i = 0; i < d.times.size(); ++i) {
    sqlite3_stmt* p = *ins;
    Reset r(p);
    const TimeExpr& t = d.times[i];
    sqlite3_bind_int64(p, 1, seq);
    sqlite3_bind_int64(p, 2, static_cast<int64_t>(i));
    sqlite3_bind_int64(p, 3, t.span.begin);
    sqlite3_bind_int64(p, 4, t.span.end);
    bind_text(p, 5, t.value);
    bind_text(p, 6, t.kind);
    bind_text(p, 7, t.anchor);
    bind_text_or_null(p, 8, t.evidence);
    if (sqlite3_step(p) != SQLITE_DONE) return error("storing times of " + d.id);
  }
  return Status::ok();
}

Status SqliteStore::clear_registry() {
  std::lock_guard lock(mu_);
  // Every actor loses its entity: the pairs of every frame are made again
  // (the countries stay; a mention without an entity is its text).
  Status st = exec(
      "BEGIN IMMEDIATE; UPDATE mentions SET entity = NULL; DELETE FROM entity_links; DELETE FROM entity_aliases; "
      "DELETE FROM entity_keys; DELETE FROM entities; DELETE FROM dyad_frames; "
      "INSERT OR IGNORE INTO dyad_frames (side_a, side_b, date, doc_seq, idx, code, entity1, country1, name1, entity2, "
      "country2, name2) SELECT side_a, side_b, date, doc_seq, idx, code, entity1, country1, name1, entity2, country2, "
      "name2 FROM dyad_frames_from_events; COMMIT;");
  if (!st) (void)exec("ROLLBACK");
  return st;
}

Status SqliteStore::write_links(const std::vector<Document>& docs, const RegistryDelta& registry,
                                const ClusterDelta& clusters) {
  std::lock_guard lock(mu_);
  NG_RETURN_IF_ERROR(exec("BEGIN IMMEDIATE"));
  auto fail = [&](Status st) {
    (void)exec("ROLLBACK");
    return st;
  };
  auto seq_of_id = prepare("SELECT seq FROM documents WHERE id = ?1");
  auto del = prepare("DELETE FROM mentions WHERE doc_seq = ?1");
  auto del_times = prepare("DELETE FROM times WHERE doc_seq = ?1");
  auto del_topics = prepare("DELETE FROM topics WHERE doc_seq = ?1");
  auto del_events = prepare("DELETE FROM events WHERE doc_seq = ?1");
  auto set_date = prepare("UPDATE documents SET event_date = ?2, event_date_how = ?3 WHERE seq = ?1");
  for (auto* st : {&seq_of_id, &del, &del_times, &del_topics, &del_events, &set_date}) {
    if (!*st) return fail(st->status());
  }
  std::map<std::string, int64_t> seq_of;
  for (const Document& d : docs) {
    int64_t seq;
    {
      Reset r(*seq_of_id);
      bind_text(*seq_of_id, 1, d.id);
      if (sqlite3_step(*seq_of_id) != SQLITE_ROW) return fail(Status::not_found(path_ + ": no document " + d.id));
      seq = sqlite3_column_int64(*seq_of_id, 0);
    }
    seq_of[d.id] = seq;
    if (Status st = remove_dyad_frames(seq); !st) return fail(st);
    for (sqlite3_stmt* x : {*del, *del_times, *del_topics, *del_events}) {
      Reset r(x);
      sqlite3_bind_int64(x, 1, seq);
      if (sqlite3_step(x) != SQLITE_DONE) return fail(error("replacing annotations of " + d.id));
    }
    {
      Reset r(*set_date);
      sqlite3_bind_int64(*set_date, 1, seq);
      bind_text_or_null(*set_date, 2, d.event_date);
      bind_text_or_null(*set_date, 3, d.event_date_how);
      if (sqlite3_step(*set_date) != SQLITE_DONE) return fail(error("storing the event date of " + d.id));
    }
    if (Status st = insert_mentions(seq, d); !st) return fail(st);
    if (Status st = insert_times(seq, d); !st) return fail(st);
    if (Status st = insert_topics(seq, d); !st) return fail(st);
    if (Status st = insert_events(seq, d); !st) return fail(st);
    if (Status st = add_dyad_frames(seq, seq); !st) return fail(st);
  }
  if (Status st = write_registry(registry, seq_of); !st) return fail(st);
  if (Status st = write_clusters(clusters, seq_of); !st) return fail(st);
  if (Status st = exec("COMMIT"); !st) return fail(st);
  return Status::ok();
}

// Inside write_batch's transaction.
Status SqliteStore::write_registry(const RegistryDelta& delta, const std::map<std::string, int64_t>& seq_of) {
  auto ins_ent = prepare("INSERT INTO entities (id, type, name, place) VALUES (?1, ?2, ?4, ?3)");
  auto set_type = prepare("UPDATE entities SET type = ?2 WHERE id = ?1");
  auto ins_key = prepare("INSERT OR IGNORE INTO entity_keys (key, entity) VALUES (?1, ?2)");
  auto ins_alias = prepare(
      "INSERT INTO entity_aliases (entity, surface, lang, latin, tokens, documents, first_doc_seq) "
      "VALUES (?1, ?2, ?3, ?4, ?5, 1, ?6) ON CONFLICT (entity, surface, lang) DO UPDATE SET documents = documents + 1");
  auto ins_link = prepare(
      "INSERT OR IGNORE INTO entity_links (doc_seq, entity, type, rule, evidence, mentions) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
  auto count = prepare("UPDATE entities SET documents = documents + 1, mentions = mentions + ?2 WHERE id = ?1");
  // Canonical name: the most used Latin-script form (a person's full name
  // before a surname alone; English documents' form on a tie). Places the
  // gazetteer knows keep the English name they were created with.
  auto rename = prepare(
      "UPDATE entities SET name = (SELECT a.surface FROM entity_aliases a WHERE a.entity = ?1 ORDER BY a.latin DESC, "
      "(a.tokens > 1 AND (SELECT type FROM entities WHERE id = ?1) = 'PER') DESC, a.documents DESC, a.lang = 'en' DESC, a.first_doc_seq, "
      "a.surface LIMIT 1) WHERE id = ?1 AND (place IS NULL OR name = '')");
  for (auto* st : {&ins_ent, &set_type, &ins_key, &ins_alias, &ins_link, &count, &rename}) {
    if (!*st) return st->status();
  }
  auto step = [&](sqlite3_stmt* s, const char* what) -> Status {
    if (sqlite3_step(s) != SQLITE_DONE) return error(std::string("storing the entity registry: ") + what);
    return Status::ok();
  };
  auto seq = [&](const std::string& doc) -> Result<int64_t> {
    auto it = seq_of.find(doc);
    if (it == seq_of.end()) return Status::internal("entity link to document " + doc + " that this batch did not store");
    return it->second;
  };
  for (const auto& e : delta.created) {
    Reset r(*ins_ent);
    sqlite3_bind_int64(*ins_ent, 1, e.id);
    bind_text(*ins_ent, 2, e.type);
    bind_text_or_null(*ins_ent, 3, e.place);
    bind_text(*ins_ent, 4, e.name);
    NG_RETURN_IF_ERROR(step(*ins_ent, "entities"));
  }
  for (const auto& [id, type] : delta.types) {
    Reset r(*set_type);
    sqlite3_bind_int64(*set_type, 1, id);
    bind_text(*set_type, 2, type);
    NG_RETURN_IF_ERROR(step(*set_type, "entity types"));
  }
  for (const auto& [key, id] : delta.keys) {
    Reset r(*ins_key);
    bind_text(*ins_key, 1, key);
    sqlite3_bind_int64(*ins_key, 2, id);
    NG_RETURN_IF_ERROR(step(*ins_key, "match keys"));
  }
  std::set<int64_t> touched;
  for (const auto& a : delta.aliases) {
    auto s = seq(a.doc);
    if (!s) return s.status();
    Reset r(*ins_alias);
    sqlite3_bind_int64(*ins_alias, 1, a.entity);
    bind_text(*ins_alias, 2, a.surface);
    bind_text(*ins_alias, 3, a.lang);
    sqlite3_bind_int(*ins_alias, 4, a.latin ? 1 : 0);
    sqlite3_bind_int(*ins_alias, 5, a.tokens);
    sqlite3_bind_int64(*ins_alias, 6, *s);
    NG_RETURN_IF_ERROR(step(*ins_alias, "aliases"));
    touched.insert(a.entity);
  }
  for (const auto& l : delta.links) {
    auto s = seq(l.doc);
    if (!s) return s.status();
    {
      Reset r(*ins_link);
      sqlite3_bind_int64(*ins_link, 1, *s);
      sqlite3_bind_int64(*ins_link, 2, l.entity);
      bind_text(*ins_link, 3, l.type);
      bind_text(*ins_link, 4, l.rule);
      bind_text(*ins_link, 5, l.evidence);
      sqlite3_bind_int(*ins_link, 6, l.mentions);
      NG_RETURN_IF_ERROR(step(*ins_link, "links"));
    }
    if (sqlite3_changes(db_) == 0) continue;
    Reset r(*count);
    sqlite3_bind_int64(*count, 1, l.entity);
    sqlite3_bind_int(*count, 2, l.mentions);
    NG_RETURN_IF_ERROR(step(*count, "entity counts"));
  }
  for (int64_t id : touched) {
    Reset r(*rename);
    sqlite3_bind_int64(*rename, 1, id);
    NG_RETURN_IF_ERROR(step(*rename, "canonical names"));
  }
  return Status::ok();
}

// Which of the query's actor sets (two or more) has the fewest frames, by a
// count capped at the smallest seen so far: its frames in the period for its
// countries (events_country1/2), all mentions for its entities (an upper
// bound, mentions_entity). Only a choice of plan: any answer is correct.
Result<size_t> SqliteStore::estimate_frames(const EventQuery& q) {
  std::string bounds;
  if (!q.from.empty()) bounds += " AND date >= ?2";
  if (!q.to.empty()) bounds += " AND date <= ?3";
  size_t best = 0;
  int64_t best_count = INT64_MAX;
  for (size_t k = 0; k < q.involving.size(); ++k) {
    const ActorSet& set = q.involving[k];
    int64_t count = 0;
    auto add = [&](const std::string& inner, const auto& values) -> Status {
      if (values.empty() || count >= best_count) return Status::ok();
      std::string ph;
      for (size_t i = 0; i < values.size(); ++i) ph += (i ? ",?" : "?") + std::to_string(i + 5);
      std::string sql = "SELECT count(*) FROM (SELECT 1 FROM " + inner + " IN (" + ph + ")" +
                        (inner.rfind("events", 0) == 0 ? bounds : std::string()) + " LIMIT ?1)";
      auto st = prepare_text(sql);
      if (!st) return st.status();
      Reset reset(*st);
      sqlite3_bind_int64(*st, 1, best_count == INT64_MAX ? -1 : best_count - count);
      if (!q.from.empty()) bind_text(*st, 2, q.from);
      if (!q.to.empty()) bind_text(*st, 3, q.to);
      for (size_t i = 0; i < values.size(); ++i) {
        if constexpr (std::is_same_v<std::decay_t<decltype(values[0])>, int64_t>) {
          sqlite3_bind_int64(*st, static_cast<int>(i + 5), values[i]);
        } else {
          bind_text(*st, static_cast<int>(i + 5), values[i]);
        }
      }
      if (sqlite3_step(*st) != SQLITE_ROW) return error("counting events");
      count += sqlite3_column_int64(*st, 0);
      return Status::ok();
    };
    NG_RETURN_IF_ERROR(add("mentions WHERE entity", set.entities));
    NG_RETURN_IF_ERROR(add("events WHERE country1", set.countries));
    NG_RETURN_IF_ERROR(add("events WHERE country2", set.countries));
    if (count < best_count) {
      best = k;
      best_count = count;
    }
  }
  return best;
}

namespace {
// The columns and joins of event queries (@FROM@: the frames), with all their
// text or (kEventKeys) without it: see EventQuery::text.
constexpr const char* kEventColumns =
    "SELECT d.id, d.lang, coalesce(d.title, ''), e.code, coalesce(e.date, ''), "
    "substr(CAST(d.text AS BLOB), e.trigger_begin + 1, e.trigger_end - e.trigger_begin), "
    "substr(CAST(d.text AS BLOB), e.sentence_begin + 1, e.sentence_end - e.sentence_begin), "
    "m1.entity, coalesce(n1.name, substr(CAST(d.text AS BLOB), m1.begin + 1, m1.end - m1.begin)), m1.type, m1.role, "
    "e.country1, "
    "m2.entity, coalesce(n2.name, substr(CAST(d.text AS BLOB), m2.begin + 1, m2.end - m2.begin)), m2.type, m2.role, "
    "e.country2, "
    "mp.entity, coalesce(np.name, substr(CAST(d.text AS BLOB), mp.begin + 1, mp.end - mp.begin)), e.confidence, "
    "e.sentence_begin, e.sentence_end, coalesce(d.event_cluster, 0), coalesce(d.story, 0), e.doc_seq, e.idx "
    "FROM @FROM@ JOIN documents d ON d.seq = e.doc_seq "
    "LEFT JOIN mentions m1 ON m1.doc_seq = e.doc_seq AND m1.idx = e.actor1 LEFT JOIN entities n1 ON n1.id = m1.entity "
    "LEFT JOIN mentions m2 ON m2.doc_seq = e.doc_seq AND m2.idx = e.actor2 LEFT JOIN entities n2 ON n2.id = m2.entity "
    "LEFT JOIN mentions mp ON mp.doc_seq = e.doc_seq AND mp.idx = e.place LEFT JOIN entities np ON np.id = mp.entity ";
constexpr const char* kEventKeys =
    "SELECT d.id, d.lang, '', e.code, coalesce(e.date, ''), '', '', "
    "m1.entity, CASE WHEN m1.entity IS NULL THEN substr(CAST(d.text AS BLOB), m1.begin + 1, m1.end - m1.begin) END, "
    "NULL, NULL, e.country1, "
    "m2.entity, CASE WHEN m2.entity IS NULL THEN substr(CAST(d.text AS BLOB), m2.begin + 1, m2.end - m2.begin) END, "
    "NULL, NULL, e.country2, "
    "NULL, NULL, e.confidence, "
    "e.sentence_begin, e.sentence_end, coalesce(d.event_cluster, 0), coalesce(d.story, 0), e.doc_seq, e.idx "
    "FROM @FROM@ JOIN documents d ON d.seq = e.doc_seq "
    "LEFT JOIN mentions m1 ON m1.doc_seq = e.doc_seq AND m1.idx = e.actor1 "
    "LEFT JOIN mentions m2 ON m2.doc_seq = e.doc_seq AND m2.idx = e.actor2 ";
constexpr const char* kEventFilter =
    "WHERE (?1 = '' OR e.code = ?1) AND (?2 = '' OR e.date >= ?2) AND (?3 = '' OR e.date <= ?3) "
    "AND (?5 = 0 OR d.event_cluster = ?5 OR d.story = ?5) ";
}  // namespace

Result<std::vector<EventRow>> SqliteStore::event_rows(sqlite3_stmt* s) {
  std::vector<EventRow> out;
  int rc;
  auto actor = [&](int col, bool with_role) {
    EventRow::Actor a;
    a.entity = sqlite3_column_int64(s, col);
    a.name = col_text(s, col + 1);
    if (with_role) {
      a.type = col_text(s, col + 2);
      a.role = col_text(s, col + 3);
      a.country = col_text(s, col + 4);
      if (a.role == "honorific") a.role.clear();
    }
    return a;
  };
  while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
    EventRow r;
    r.doc = col_text(s, 0);
    r.lang = col_text(s, 1);
    r.title = col_text(s, 2);
    r.code = col_text(s, 3);
    r.date = col_text(s, 4);
    r.trigger = col_text(s, 5);
    r.sentence = col_text(s, 6);
    r.actor1 = actor(7, true);
    r.actor2 = actor(12, true);
    r.place = actor(17, false);
    r.confidence = sqlite3_column_double(s, 19);
    r.sentence_begin = static_cast<uint32_t>(sqlite3_column_int64(s, 20));
    r.sentence_end = static_cast<uint32_t>(sqlite3_column_int64(s, 21));
    r.event_cluster = sqlite3_column_int64(s, 22);
    r.story = sqlite3_column_int64(s, 23);
    r.seq = sqlite3_column_int64(s, 24);
    r.idx = sqlite3_column_int64(s, 25);
    out.push_back(std::move(r));
  }
  if (rc != SQLITE_DONE) return error("listing events");
  return out;
}

namespace {
// What SQL's substr(CAST(text AS BLOB), begin + 1, end - begin) gives (the
// event queries' spans), computed on the text read once: its rules for a
// start before the text, a negative length and a span past the end.
// Columns `b` and `e` of `s`; NULL in either gives "".
std::string sql_span(sqlite3_stmt* s, int b, int e, std::string_view text) {
  if (sqlite3_column_type(s, b) == SQLITE_NULL || sqlite3_column_type(s, e) == SQLITE_NULL) return {};
  int64_t begin = sqlite3_column_int64(s, b), end = sqlite3_column_int64(s, e);
  int64_t len = static_cast<int64_t>(text.size());
  int64_t p1 = static_cast<int32_t>(begin + 1), p2 = static_cast<int32_t>(end - begin);
  bool negative = p2 < 0;
  if (negative) p2 = -p2;
  if (p1 < 0) {
    p1 += len;
    if (p1 < 0) {
      p2 += p1;
      if (p2 < 0) p2 = 0;
      p1 = 0;
    }
  } else if (p1 > 0) {
    --p1;
  } else if (p2 > 0) {
    --p2;
  }
  if (negative) {
    p1 -= p2;
    if (p1 < 0) {
      p2 += p1;
      p1 = 0;
    }
  }
  if (p1 + p2 > len) {
    p2 = len - p1;
    if (p2 < 0) p2 = 0;
  }
  if (p2 == 0) return {};
  return std::string(text.substr(static_cast<size_t>(p1), static_cast<size_t>(p2)));
}
}  // namespace

Result<std::vector<EventRow>> SqliteStore::get_events(const std::vector<std::pair<int64_t, int64_t>>& keys) {
  std::lock_guard lock(mu_);
  if (keys.empty()) return std::vector<EventRow>();
  // The rows list_events gives with their text (kEventColumns), with the
  // document's text read once and cut here: each substr of it in SQL read
  // the whole text again.
  auto st = prepare(
      "SELECT d.id, d.lang, coalesce(d.title, ''), e.code, coalesce(e.date, ''), d.text, "
      "e.trigger_begin, e.trigger_end, e.sentence_begin, e.sentence_end, "
      "m1.entity, n1.name, m1.begin, m1.end, m1.type, m1.role, e.country1, "
      "m2.entity, n2.name, m2.begin, m2.end, m2.type, m2.role, e.country2, "
      "mp.entity, np.name, mp.begin, mp.end, e.confidence, coalesce(d.event_cluster, 0), coalesce(d.story, 0), "
      "e.doc_seq, e.idx "
      "FROM json_each(?1) AS k CROSS JOIN events e ON e.doc_seq = json_extract(k.value, '$[0]') "
      "AND e.idx = json_extract(k.value, '$[1]') JOIN documents d ON d.seq = e.doc_seq "
      "LEFT JOIN mentions m1 ON m1.doc_seq = e.doc_seq AND m1.idx = e.actor1 "
      "LEFT JOIN entities n1 ON n1.id = m1.entity "
      "LEFT JOIN mentions m2 ON m2.doc_seq = e.doc_seq AND m2.idx = e.actor2 "
      "LEFT JOIN entities n2 ON n2.id = m2.entity "
      "LEFT JOIN mentions mp ON mp.doc_seq = e.doc_seq AND mp.idx = e.place "
      "LEFT JOIN entities np ON np.id = mp.entity");
  if (!st) return st.status();
  sqlite3_stmt* s = *st;
  std::string json = "[";
  for (const auto& [seq, idx] : keys) {
    json += (json.size() > 1 ? ",[" : "[") + std::to_string(seq) + ',' + std::to_string(idx) + ']';
  }
  json += ']';
  Reset reset(s);
  bind_text(s, 1, json);
  std::vector<EventRow> rows;
  int rc;
  while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
    const char* p = static_cast<const char*>(sqlite3_column_blob(s, 5));
    std::string_view text(p ? p : "", p ? static_cast<size_t>(sqlite3_column_bytes(s, 5)) : 0);
    // coalesce(entity name, the mention's text).
    auto name = [&](int col) {
      return sqlite3_column_type(s, col) != SQLITE_NULL ? col_text(s, col) : sql_span(s, col + 1, col + 2, text);
    };
    auto actor = [&](int col) {
      EventRow::Actor a;
      a.entity = sqlite3_column_int64(s, col);
      a.name = name(col + 1);
      a.type = col_text(s, col + 4);
      a.role = col_text(s, col + 5);
      a.country = col_text(s, col + 6);
      if (a.role == "honorific") a.role.clear();
      return a;
    };
    EventRow& r = rows.emplace_back();
    r.doc = col_text(s, 0);
    r.lang = col_text(s, 1);
    r.title = col_text(s, 2);
    r.code = col_text(s, 3);
    r.date = col_text(s, 4);
    r.trigger = sql_span(s, 6, 7, text);
    r.sentence = sql_span(s, 8, 9, text);
    r.actor1 = actor(10);
    r.actor2 = actor(17);
    r.place.entity = sqlite3_column_int64(s, 24);
    r.place.name = name(25);
    r.confidence = sqlite3_column_double(s, 28);
    r.sentence_begin = static_cast<uint32_t>(sqlite3_column_int64(s, 8));
    r.sentence_end = static_cast<uint32_t>(sqlite3_column_int64(s, 9));
    r.event_cluster = sqlite3_column_int64(s, 29);
    r.story = sqlite3_column_int64(s, 30);
    r.seq = sqlite3_column_int64(s, 31);
    r.idx = sqlite3_column_int64(s, 32);
  }
  if (rc != SQLITE_DONE) return error("reading events");
  std::map<std::pair<int64_t, int64_t>, EventRow*> by_key;
  for (EventRow& r : rows) by_key.emplace(std::make_pair(r.seq, r.idx), &r);
  std::vector<EventRow> out;
  out.reserve(keys.size());
  for (const auto& k : keys) {
    auto it = by_key.find(k);
    if (it != by_key.end()) out.push_back(*it->second);
  }
  return out;
}

Status SqliteStore::pair_frames(const PairQuery& q, const std::function<bool(const EventRow&)>& fn) {
  std::lock_guard lock(mu_);
  if (q.pairs.empty()) return Status::ok();
  auto key = [](const ActorKey& k) { return k.entity > 0 ? "e:" + std::to_string(k.entity) : "c:" + k.country; };
  std::vector<std::string> values;  // ?4, ?5...: side_a, side_b of each pair
  for (const auto& [a, b] : q.pairs) {
    std::string ka = key(a), kb = key(b);
    if (kb < ka) std::swap(ka, kb);
    values.push_back(std::move(ka));
    values.push_back(std::move(kb));
  }
  // Dated frames first, then (without bounds) the undated ones, as
  // list_events orders them. Each pair reads its rows in the primary key's
  // order (side_a, side_b, date, doc_seq, idx); several pairs are merged in
  // that order by the compound SELECT, which drops a frame seen again.
  for (bool dated : {true, false}) {
    if (!dated && (!q.from.empty() || !q.to.empty())) break;
    std::string sql;
    for (size_t i = 0; i < q.pairs.size(); ++i) {
      if (i) sql += " UNION ";
      sql += "SELECT d.id, d.lang, f.code, f.date, f.entity1, f.name1, f.country1, f.entity2, f.name2, f.country2, "
             "f.doc_seq, f.idx FROM dyad_frames f JOIN documents d ON d.seq = f.doc_seq WHERE f.side_a = ?" +
             std::to_string(4 + 2 * i) + " AND f.side_b = ?" + std::to_string(5 + 2 * i);
      if (!dated) {
        sql += " AND f.date = ''";
        continue;
      }
      sql += " AND f.date > ''";
      if (!q.from.empty()) sql += " AND f.date >= ?2";
      if (!q.to.empty()) sql += " AND f.date <= ?3";
    }
    sql += q.pairs.size() == 1 ? " ORDER BY f.date, f.doc_seq, f.idx" : " ORDER BY 4, 11, 12";
    auto st = prepare_text(sql);
    if (!st) return st.status();
    sqlite3_stmt* s = *st;
    Reset reset(s);
    if (!q.from.empty()) bind_text(s, 2, q.from);
    if (!q.to.empty()) bind_text(s, 3, q.to);
    for (size_t i = 0; i < values.size(); ++i) bind_text(s, static_cast<int>(4 + i), values[i]);
    int rc;
    EventRow r;
    auto actor = [&](int col, EventRow::Actor& a) {
      a.entity = sqlite3_column_int64(s, col);
      a.name = col_text(s, col + 1);
      a.country = col_text(s, col + 2);
    };
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
      r.doc = col_text(s, 0);
      r.lang = col_text(s, 1);
      r.code = col_text(s, 2);
      r.date = col_text(s, 3);
      actor(4, r.actor1);
      actor(7, r.actor2);
      r.seq = sqlite3_column_int64(s, 10);
      r.idx = sqlite3_column_int64(s, 11);
      if (!fn(r)) return Status::ok();
    }
    if (rc != SQLITE_DONE) return error("listing the frames of a pair");
  }
  return Status::ok();
}

Result<std::vector<EventRow>> SqliteStore::list_events(const EventQuery& q) {
  std::lock_guard lock(mu_);
  // Each actor set: the frames whose actor 1 or 2 is one of its entities or
  // of its countries. The frames come from the set expected to be smallest,
  // found through indexes (mentions_entity, events_country1/2); every other
  // set is a condition on the frame's row (its actors' mentions m1, m2 and
  // its countries), which is the same intersection without building each
  // set: a pair of countries whose one side has 7,000 frames in a quarter
  // reads the other side's few hundred.
  std::string sql = std::string(q.text ? kEventColumns : kEventKeys) + kEventFilter;
  int next = 6;
  std::vector<std::pair<int, int64_t>> int_params;
  std::vector<std::pair<int, std::string>> text_params;
  auto placeholders = [&](size_t n) {
    std::string out;
    for (size_t i = 0; i < n; ++i) out += (i ? ",?" : "?") + std::to_string(next++);
    return out;
  };
  for (const ActorSet& set : q.involving) {
    if (set.entities.empty() && set.countries.empty()) return std::vector<EventRow>();  // a set that matches nothing
  }
  size_t driver = 0;
  if (q.involving.size() > 1) {
    auto size = estimate_frames(q);
    if (!size) return size.status();
    driver = *size;
  }
  // Date bounds inside each part too, so that they use (country, date).
  std::string bounds_x, bounds;
  if (!q.from.empty()) bounds_x += " AND x.date >= ?2", bounds += " AND date >= ?2";
  if (!q.to.empty()) bounds_x += " AND x.date <= ?3", bounds += " AND date <= ?3";
  std::string hits, conditions;
  for (size_t k = 0; k < q.involving.size(); ++k) {
    const ActorSet& set = q.involving[k];
    std::string ents, countries;
    if (!set.entities.empty()) {
      int first = next;
      ents = placeholders(set.entities.size());
      for (size_t i = 0; i < set.entities.size(); ++i) int_params.emplace_back(first + static_cast<int>(i), set.entities[i]);
    }
    if (!set.countries.empty()) {
      int first = next;
      countries = placeholders(set.countries.size());
      for (size_t i = 0; i < set.countries.size(); ++i) text_params.emplace_back(first + static_cast<int>(i), set.countries[i]);
    }
    std::vector<std::string> parts;
    if (k == driver) {
      if (!ents.empty()) {
        for (const char* col : {"actor1", "actor2"}) {
          parts.push_back(std::string("SELECT x.doc_seq, x.idx FROM mentions m JOIN events x ON x.doc_seq = m.doc_seq AND x.") +
                          col + " = m.idx WHERE m.entity IN (" + ents + ")" + bounds_x);
        }
      }
      if (!countries.empty()) {
        for (const char* col : {"country1", "country2"}) {
          parts.push_back(std::string("SELECT doc_seq, idx FROM events WHERE ") + col + " IN (" + countries + ")" + bounds);
        }
      }
      hits = "SELECT * FROM (";
      for (size_t i = 0; i < parts.size(); ++i) hits += (i ? " UNION " : "") + parts[i];
      hits += ")";
    } else {
      if (!ents.empty()) parts.push_back("m1.entity IN (" + ents + ") OR m2.entity IN (" + ents + ")");
      if (!countries.empty()) parts.push_back("e.country1 IN (" + countries + ") OR e.country2 IN (" + countries + ")");
      conditions += "AND (";
      for (size_t i = 0; i < parts.size(); ++i) conditions += (i ? " OR " : "") + parts[i];
      conditions += ") ";
    }
  }
  std::string from = hits.empty() ? "events e"
                                  : "(" + hits + ") AS hit CROSS JOIN events e ON e.doc_seq = hit.doc_seq AND e.idx = hit.idx";
  sql.replace(sql.find("@FROM@"), 6, from);
  sql += conditions;
  sql += "ORDER BY e.date IS NULL, e.date, d.seq, e.idx LIMIT ?4";
  auto st = prepare_text(sql);
  if (!st) return st.status();
  Reset reset(*st);
  sqlite3_stmt* s = *st;
  bind_text(s, 1, q.code);
  bind_text(s, 2, q.from);
  bind_text(s, 3, q.to);
  sqlite3_bind_int64(s, 4, q.limit);
  sqlite3_bind_int64(s, 5, q.cluster);
  for (const auto& [i, v] : int_params) sqlite3_bind_int64(s, i, v);
  for (const auto& [i, v] : text_params) bind_text(s, i, v);
  return event_rows(s);
}

Result<RegistrySnapshot> SqliteStore::load_registry() {
  std::lock_guard lock(mu_);
  RegistrySnapshot snap;
  auto each = [&](const char* sql, const std::function<void(sqlite3_stmt*)>& fn) -> Status {
    Stmt s;
    if (sqlite3_prepare_v2(db_, sql, -1, s.out(), nullptr) != SQLITE_OK) return error("reading the entity registry");
    int rc;
    while ((rc = sqlite3_step(s.get())) == SQLITE_ROW) fn(s.get());
    if (rc != SQLITE_DONE) return error("reading the entity registry");
    return Status::ok();
  };
  NG_RETURN_IF_ERROR(each("SELECT id, type, place FROM entities ORDER BY id", [&](sqlite3_stmt* s) {
    snap.entities.push_back({sqlite3_column_int64(s, 0), col_text(s, 1), col_text(s, 2)});
  }));
  NG_RETURN_IF_ERROR(each("SELECT key, entity FROM entity_keys ORDER BY entity, key", [&](sqlite3_stmt* s) {
    snap.keys.emplace_back(col_text(s, 0), sqlite3_column_int64(s, 1));
  }));
  NG_RETURN_IF_ERROR(each("SELECT entity, type, doc_seq FROM entity_links ORDER BY doc_seq, entity", [&](sqlite3_stmt* s) {
    snap.occurrences.push_back({sqlite3_column_int64(s, 0), col_text(s, 1), sqlite3_column_int64(s, 2)});
  }));
  NG_RETURN_IF_ERROR(each("SELECT DISTINCT entity, role || '|' || coalesce(affiliation, '') FROM mentions "
                          "WHERE entity IS NOT NULL AND role IS NOT NULL AND role != 'honorific' ORDER BY 1, 2",
                          [&](sqlite3_stmt* s) { snap.roles.emplace_back(sqlite3_column_int64(s, 0), col_text(s, 1)); }));
  NG_RETURN_IF_ERROR(each("SELECT DISTINCT entity FROM entity_aliases WHERE latin = 1 ORDER BY 1",
                          [&](sqlite3_stmt* s) { snap.latin.push_back(sqlite3_column_int64(s, 0)); }));
  return snap;
}

Status SqliteStore::fill_langs(EntitySummary& e) {
  auto s = prepare(
      // From the aliases (a few rows per entity: surface, language, documents)
      // rather than the documents (wide rows with their text): a country in
      // 100k documents took 25 ms this way and 0.1 ms the other.
      "SELECT lang, sum(documents) AS n FROM entity_aliases WHERE entity = ?1 AND documents > 0 "
      "GROUP BY lang ORDER BY n DESC, lang");
  if (!s) return s.status();
  Reset r(*s);
  sqlite3_bind_int64(*s, 1, e.id);
  int rc;
  while ((rc = sqlite3_step(*s)) == SQLITE_ROW) e.langs.push_back(col_text(*s, 0));
  if (rc != SQLITE_DONE) return error("reading entity languages");
  return Status::ok();
}

namespace {
EntitySummary entity_row(sqlite3_stmt* s) {
  EntitySummary e;
  e.id = sqlite3_column_int64(s, 0);
  e.name = col_text(s, 1);
  e.type = col_text(s, 2);
  e.place = col_text(s, 3);
  e.documents = sqlite3_column_int64(s, 4);
  e.mentions = sqlite3_column_int64(s, 5);
  return e;
}
constexpr const char* kEntityColumns = "e.id, e.name, e.type, e.place, e.documents, e.mentions";
}  // namespace

Result<std::vector<EntitySummary>> SqliteStore::list_entities(const EntityFilter& filter) {
  std::lock_guard lock(mu_);
  std::string sql = std::string("SELECT ") + kEntityColumns +
                    " FROM entities e WHERE (?1 = '' OR e.type = ?1) AND (?2 = '' OR EXISTS (SELECT 1 FROM "
                    "entity_links l JOIN documents d ON d.seq = l.doc_seq WHERE l.entity = e.id AND d.lang = ?2)) "
                    "ORDER BY e.documents DESC, e.mentions DESC, e.id LIMIT ?3";
  Stmt s;
  if (sqlite3_prepare_v2(db_, sql.c_str(), -1, s.out(), nullptr) != SQLITE_OK) return error("listing entities");
  bind_text(s.get(), 1, filter.type);
  bind_text(s.get(), 2, filter.lang);
  sqlite3_bind_int64(s.get(), 3, filter.limit);
  std::vector<EntitySummary> out;
  int rc;
  while ((rc = sqlite3_step(s.get())) == SQLITE_ROW) out.push_back(entity_row(s.get()));
  if (rc != SQLITE_DONE) return error("listing entities");
  for (auto& e : out) NG_RETURN_IF_ERROR(fill_langs(e));
  return out;
}

Result<std::vector<EntitySummary>> SqliteStore::get_entities(const std::vector<int64_t>& ids, bool langs) {
  std::lock_guard lock(mu_);
  static const std::string sql = std::string("SELECT ") + kEntityColumns + " FROM entities e WHERE e.id = ?1";
  auto s = prepare(sql.c_str());
  if (!s) return s.status();
  std::vector<EntitySummary> out;
  for (int64_t id : ids) {
    Reset r(*s);
    sqlite3_bind_int64(*s, 1, id);
    int rc = sqlite3_step(*s);
    if (rc == SQLITE_ROW) out.push_back(entity_row(*s));
    else if (rc != SQLITE_DONE) return error("reading entities");
  }
  if (langs) {
    for (auto& e : out) NG_RETURN_IF_ERROR(fill_langs(e));
  }
  return out;
}

Result<std::vector<int64_t>> SqliteStore::find_entities(const std::vector<std::string>& keys,
                                                        const std::string& surface) {
  std::lock_guard lock(mu_);
  auto by_key = prepare("SELECT entity FROM entity_keys WHERE key = ?1");
  auto by_alias = prepare("SELECT DISTINCT entity FROM entity_aliases WHERE surface = ?1 COLLATE NOCASE");
  auto docs = prepare("SELECT documents FROM entities WHERE id = ?1");
  for (auto* st : {&by_key, &by_alias, &docs}) {
    if (!*st) return st->status();
  }
  std::set<int64_t> found;
  auto collect = [&](sqlite3_stmt* s) -> Status {
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) found.insert(sqlite3_column_int64(s, 0));
    if (rc != SQLITE_DONE) return error("looking up entities");
    return Status::ok();
  };
  for (const auto& k : keys) {
    Reset r(*by_key);
    bind_text(*by_key, 1, k);
    NG_RETURN_IF_ERROR(collect(*by_key));
  }
  {
    Reset r(*by_alias);
    bind_text(*by_alias, 1, surface);
    NG_RETURN_IF_ERROR(collect(*by_alias));
  }
  std::vector<std::pair<int64_t, int64_t>> ranked;
  for (int64_t id : found) {
    Reset r(*docs);
    sqlite3_bind_int64(*docs, 1, id);
    ranked.emplace_back(sqlite3_step(*docs) == SQLITE_ROW ? sqlite3_column_int64(*docs, 0) : 0, id);
  }
  std::stable_sort(ranked.begin(), ranked.end(), [](auto& a, auto& b) { return a.first > b.first; });
  std::vector<int64_t> out;
  for (auto& [n, id] : ranked) out.push_back(id);
  return out;
}

Result<std::optional<EntityDetail>> SqliteStore::get_entity(int64_t id) {
  auto one = get_entities({id});
  if (!one) return one.status();
  if (one->empty()) return std::optional<EntityDetail>();
  std::lock_guard lock(mu_);
  EntityDetail d;
  d.summary = std::move(one->front());
  auto run = [&](const char* sql, const std::function<void(sqlite3_stmt*)>& fn) -> Status {
    Stmt s;
    if (sqlite3_prepare_v2(db_, sql, -1, s.out(), nullptr) != SQLITE_OK) return error("reading entity");
    sqlite3_bind_int64(s.get(), 1, id);
    int rc;
    while ((rc = sqlite3_step(s.get())) == SQLITE_ROW) fn(s.get());
    if (rc != SQLITE_DONE) return error("reading entity");
    return Status::ok();
  };
  NG_RETURN_IF_ERROR(run("SELECT surface, lang, documents FROM entity_aliases WHERE entity = ?1 "
                         "ORDER BY documents DESC, first_doc_seq, surface",
                         [&](sqlite3_stmt* s) {
                           d.aliases.push_back({col_text(s, 0), col_text(s, 1), sqlite3_column_int64(s, 2)});
                         }));
  std::vector<int64_t> seqs;
  NG_RETURN_IF_ERROR(run("SELECT d.id, coalesce(d.title, ''), d.lang, coalesce(d.published, ''), l.type, l.rule, "
                         "l.evidence, l.mentions, l.doc_seq FROM entity_links l JOIN documents d ON d.seq = l.doc_seq "
                         "WHERE l.entity = ?1 ORDER BY l.doc_seq",
                         [&](sqlite3_stmt* s) {
                           EntityDetail::Occurrence o;
                           o.doc = col_text(s, 0);
                           o.title = col_text(s, 1);
                           o.lang = col_text(s, 2);
                           o.published = col_text(s, 3);
                           o.type = col_text(s, 4);
                           o.rule = col_text(s, 5);
                           o.evidence = col_text(s, 6);
                           o.mentions = sqlite3_column_int64(s, 7);
                           seqs.push_back(sqlite3_column_int64(s, 8));
                           d.documents.push_back(std::move(o));
                         }));
  auto men = prepare(
      "SELECT m.role || coalesce(' (' || m.affiliation || ')', ''), substr(CAST(d.text AS BLOB), m.begin + 1, "
      "m.end - m.begin) FROM mentions m "
      "JOIN documents d ON d.seq = m.doc_seq WHERE m.doc_seq = ?1 AND m.entity = ?2 ORDER BY m.idx");
  if (!men) return men.status();
  for (size_t i = 0; i < seqs.size(); ++i) {
    Reset r(*men);
    sqlite3_bind_int64(*men, 1, seqs[i]);
    sqlite3_bind_int64(*men, 2, id);
    int rc;
    auto& o = d.documents[i];
    while ((rc = sqlite3_step(*men)) == SQLITE_ROW) {
      std::string role = col_text(*men, 0), surface = col_text(*men, 1);
      if (!role.empty() && role != "honorific" && std::find(o.roles.begin(), o.roles.end(), role) == o.roles.end()) {
        o.roles.push_back(role);
      }
      if (std::find(o.surfaces.begin(), o.surfaces.end(), surface) == o.surfaces.end()) o.surfaces.push_back(surface);
    }
    if (rc != SQLITE_DONE) return error("reading entity mentions");
  }
  std::vector<std::pair<int64_t, int64_t>> co;
  NG_RETURN_IF_ERROR(run("SELECT b.entity, count(*) AS n FROM entity_links a JOIN entity_links b ON b.doc_seq = a.doc_seq "
                         "AND b.entity != a.entity WHERE a.entity = ?1 GROUP BY b.entity ORDER BY n DESC, b.entity "
                         "LIMIT 20",
                         [&](sqlite3_stmt* s) { co.emplace_back(sqlite3_column_int64(s, 0), sqlite3_column_int64(s, 1)); }));
  std::vector<int64_t> ids;
  for (auto& [e, n] : co) ids.push_back(e);
  auto names = get_entities(ids);  // mu_ is recursive
  if (!names) return names.status();
  for (auto& e : *names) {
    for (auto& [cid, n] : co) {
      if (cid == e.id) d.co_mentioned.emplace_back(e, n);
    }
  }
  return std::optional<EntityDetail>(std::move(d));
}

// Runs `sql` (whose one parameter is a document's seq) and calls `row` for
// each row; `what` names the rows in the error.
Status SqliteStore::each_child(const char* sql, int64_t seq, const char* what,
                               const std::function<Status(sqlite3_stmt*)>& row) {
  auto s = prepare(sql);
  if (!s) return s.status();
  Reset r(*s);
  sqlite3_bind_int64(*s, 1, seq);
  int rc;
  while ((rc = sqlite3_step(*s)) == SQLITE_ROW) NG_RETURN_IF_ERROR(row(*s));
  if (rc != SQLITE_DONE) return error(std::string("reading ") + what);
  return Status::ok();
}

Status SqliteStore::load_children(int64_t seq, Document& d) {
  // A span of columns (col, col + 1) that must lie inside `size` bytes.
  auto span = [&](sqlite3_stmt* s, int col, size_t size, const char* what, Span& out) -> Status {
    out = {static_cast<uint32_t>(sqlite3_column_int64(s, col)), static_cast<uint32_t>(sqlite3_column_int64(s, col + 1))};
    if (out.begin > out.end || out.end > size) {
      return Status::corrupt(path_ + ": document " + d.id + ": " + what + " past the end of the text");
    }
    return Status::ok();
  };
  NG_RETURN_IF_ERROR(each_child(
      "SELECT begin, end, lang, confidence FROM paragraphs WHERE doc_seq = ?1 ORDER BY idx", seq, "paragraphs",
      [&](sqlite3_stmt* s) {
        Paragraph p;
        p.span = {static_cast<uint32_t>(sqlite3_column_int64(s, 0)), static_cast<uint32_t>(sqlite3_column_int64(s, 1))};
        p.lang = col_text(s, 2);
        p.confidence = static_cast<float>(sqlite3_column_double(s, 3));
        d.paragraphs.push_back(std::move(p));
        return Status::ok();
      }));
  NG_RETURN_IF_ERROR(each_child("SELECT begin, end, reason, text FROM removals WHERE doc_seq = ?1 ORDER BY idx", seq,
                                "removals", [&](sqlite3_stmt* s) {
                                  Removal x;
                                  x.span = {static_cast<uint32_t>(sqlite3_column_int64(s, 0)),
                                            static_cast<uint32_t>(sqlite3_column_int64(s, 1))};
                                  x.reason = col_text(s, 2);
                                  x.text = col_text(s, 3);
                                  d.removed.push_back(std::move(x));
                                  return Status::ok();
                                }));
  NG_RETURN_IF_ERROR(each_child(
      "SELECT begin, end, type, role, place, entity, affiliation, org FROM mentions WHERE doc_seq = ?1 ORDER BY idx", seq,
      "mentions", [&](sqlite3_stmt* s) {
        Mention m;
        NG_RETURN_IF_ERROR(span(s, 0, d.text.size(), "mention", m.span));
        m.type = col_text(s, 2);
        m.role = col_text(s, 3);
        m.place = col_text(s, 4);
        m.entity = sqlite3_column_int64(s, 5);
        m.affiliation = col_text(s, 6);
        m.org = col_text(s, 7);
        d.mentions.push_back(std::move(m));
        return Status::ok();
      }));
  NG_RETURN_IF_ERROR(each_child(
      "SELECT begin, end, value, kind, anchor, evidence FROM times WHERE doc_seq = ?1 ORDER BY idx", seq, "times",
      [&](sqlite3_stmt* s) {
        TimeExpr t;
        NG_RETURN_IF_ERROR(span(s, 0, d.text.size(), "time expression", t.span));
        t.value = col_text(s, 2);
        t.kind = col_text(s, 3);
        t.anchor = col_text(s, 4);
        t.evidence = col_text(s, 5);
        d.times.push_back(std::move(t));
        return Status::ok();
      }));
  NG_RETURN_IF_ERROR(each_child("SELECT topic, score, evidence FROM topics WHERE doc_seq = ?1 ORDER BY score DESC, topic",
                                seq, "topics", [&](sqlite3_stmt* s) {
                                  d.topics.push_back({col_text(s, 0), sqlite3_column_int(s, 1), col_text(s, 2)});
                                  return Status::ok();
                                }));
  return each_child(
      "SELECT code, trigger_begin, trigger_end, sentence_begin, sentence_end, actor1, actor2, country1, country2, "
      "place, date, confidence FROM events WHERE doc_seq = ?1 ORDER BY idx",
      seq, "events", [&](sqlite3_stmt* s) {
        // A mention index of this document, or -1.
        auto idx = [&](int col) {
          if (sqlite3_column_type(s, col) == SQLITE_NULL) return -1;
          int v = sqlite3_column_int(s, col);
          return v >= 0 && static_cast<size_t>(v) < d.mentions.size() ? v : -1;
        };
        EventFrame e;
        e.code = col_text(s, 0);
        NG_RETURN_IF_ERROR(span(s, 1, d.text.size(), "event trigger", e.trigger));
        NG_RETURN_IF_ERROR(span(s, 3, d.text.size(), "event sentence", e.sentence));
        e.actor1 = idx(5);
        e.actor2 = idx(6);
        e.country1 = col_text(s, 7);
        e.country2 = col_text(s, 8);
        e.place = idx(9);
        e.date = col_text(s, 10);
        e.confidence = static_cast<float>(sqlite3_column_double(s, 11));
        d.events.push_back(std::move(e));
        return Status::ok();
      });
}

// `s` is positioned on a row of kDocColumns.
Result<Document> SqliteStore::row_to_document(sqlite3_stmt* s) {
  Document d;
  int64_t seq = sqlite3_column_int64(s, 0);
  d.id = col_text(s, 1);
  d.source = col_text(s, 2);
  if (!parse_format(col_text(s, 3), d.format)) {
    return Status::corrupt(path_ + ": document " + d.id + " has an unknown format");
  }
  d.url = col_text(s, 4);
  d.title = col_text(s, 5);
  d.published = col_text(s, 6);
  d.agency = col_text(s, 7);
  d.charset = col_text(s, 8);
  d.invalid_bytes = static_cast<uint32_t>(sqlite3_column_int64(s, 9));
  d.raw_size = static_cast<uint64_t>(sqlite3_column_int64(s, 10));
  d.lang = col_text(s, 11);
  d.lang_given = col_text(s, 12);
  d.lang_detected = col_text(s, 13);
  d.lang_confidence = static_cast<float>(sqlite3_column_double(s, 14));
  d.lang_reliable = sqlite3_column_int(s, 15) != 0;
  d.text = col_text(s, 16);
  d.extracted = sqlite3_column_type(s, 17) == SQLITE_NULL ? d.text : col_text(s, 17);
  NG_RETURN_IF_ERROR(unpack_spans(col_blob(s, 18), d.text.size(), false, d));
  NG_RETURN_IF_ERROR(unpack_spans(col_blob(s, 19), d.text.size(), true, d));
  d.event_date = col_text(s, 20);
  d.event_date_how = col_text(s, 21);
  d.event_cluster = sqlite3_column_int64(s, 22);
  d.story = sqlite3_column_int64(s, 23);
  d.copy_of = col_text(s, 24);
  NG_RETURN_IF_ERROR(load_children(seq, d));
  return d;
}

Result<std::optional<Document>> SqliteStore::get_document(const std::string& id) {
  std::lock_guard lock(mu_);
  static const std::string sql = std::string("SELECT ") + kDocColumns + " FROM documents WHERE id = ?1";
  auto s = prepare(sql.c_str());
  if (!s) return s.status();
  Reset r(*s);
  bind_text(*s, 1, id);
  int rc = sqlite3_step(*s);
  if (rc == SQLITE_DONE) return std::optional<Document>();
  if (rc != SQLITE_ROW) return error("reading document " + id);
  auto d = row_to_document(*s);
  if (!d) return d.status();
  return std::optional<Document>(std::move(*d));
}

// Runs a filtered query over documents in arrival order; `row` is called per
// row and may stop the iteration by setting `more` to false. Not cached: the
// statement may be stepped while `row` calls back into the store.
Status SqliteStore::query_documents(const DocFilter& filter, const char* columns,
                                    const std::function<Status(sqlite3_stmt*, bool&)>& row) {
  std::string sql = std::string("SELECT ") + columns +
                    " FROM documents WHERE (?1 = '' OR lang = ?1) AND (?2 = '' OR substr(source, 1, length(?2)) = ?2)"
                    " ORDER BY seq LIMIT ?3 OFFSET ?4";
  Stmt s;
  if (sqlite3_prepare_v2(db_, sql.c_str(), -1, s.out(), nullptr) != SQLITE_OK) return error("listing documents");
  bind_text(s.get(), 1, filter.lang);
  bind_text(s.get(), 2, filter.source_prefix);
  sqlite3_bind_int64(s.get(), 3, filter.limit);
  sqlite3_bind_int64(s.get(), 4, filter.offset);
  int rc = SQLITE_DONE;
  bool more = true;
  while (more && (rc = sqlite3_step(s.get())) == SQLITE_ROW) NG_RETURN_IF_ERROR(row(s.get(), more));
  if (more && rc != SQLITE_DONE) return error("listing documents");
  return Status::ok();
}

Result<std::vector<DocSummary>> SqliteStore::list_documents(const DocFilter& filter) {
  std::lock_guard lock(mu_);
  std::vector<DocSummary> out;
  Status st = query_documents(filter, "id, lang, published, title, source, url", [&](sqlite3_stmt* s, bool&) {
    out.push_back({col_text(s, 0), col_text(s, 1), col_text(s, 2), col_text(s, 3), col_text(s, 4),
                   col_text(s, 5)});
    return Status::ok();
  });
  if (!st) return st;
  return out;
}

Status SqliteStore::for_each_document(const DocFilter& filter, const std::function<bool(const Document&)>& fn) {
  std::lock_guard lock(mu_);
  return query_documents(filter, kDocColumns, [&](sqlite3_stmt* s, bool& more) {
    auto d = row_to_document(s);
    if (!d) return d.status();
    more = fn(*d);
    return Status::ok();
  });
}

Result<std::vector<StoredReject>> SqliteStore::list_rejects(int64_t limit) {
  std::lock_guard lock(mu_);
  auto s = prepare("SELECT source, locator, reason, first_seen FROM rejects ORDER BY seq LIMIT ?1");
  if (!s) return s.status();
  Reset r(*s);
  sqlite3_bind_int64(*s, 1, limit);
  std::vector<StoredReject> out;
  int rc;
  while ((rc = sqlite3_step(*s)) == SQLITE_ROW) {
    out.push_back({Reject{col_text(*s, 0), col_text(*s, 1), col_text(*s, 2)}, col_text(*s, 3)});
  }
  if (rc != SQLITE_DONE) return error("listing rejects");
  return out;
}

Result<StoreStats> SqliteStore::stats() {
  std::lock_guard lock(mu_);
  StoreStats st;
  auto v = user_version();
  if (!v) return v.status();
  st.schema_version = *v;
  auto one = [&](const char* sql, int64_t& out) -> Status {
    auto s = prepare(sql);
    if (!s) return s.status();
    Reset r(*s);
    if (sqlite3_step(*s) != SQLITE_ROW) return error("computing statistics");
    out = sqlite3_column_int64(*s, 0);
    return Status::ok();
  };
  auto groups = [&](const char* sql, std::vector<std::pair<std::string, int64_t>>& out) -> Status {
    auto s = prepare(sql);
    if (!s) return s.status();
    Reset r(*s);
    int rc;
    while ((rc = sqlite3_step(*s)) == SQLITE_ROW) out.emplace_back(col_text(*s, 0), sqlite3_column_int64(*s, 1));
    if (rc != SQLITE_DONE) return error("computing statistics");
    return Status::ok();
  };
  NG_RETURN_IF_ERROR(one("SELECT count(*) FROM documents", st.documents));
  NG_RETURN_IF_ERROR(one("SELECT count(*) FROM rejects", st.rejects));
  NG_RETURN_IF_ERROR(one("SELECT coalesce(sum(length(CAST(text AS BLOB))), 0) FROM documents", st.bytes_text));
  NG_RETURN_IF_ERROR(groups("SELECT lang, count(*) AS n FROM documents GROUP BY lang ORDER BY n DESC, lang", st.by_lang));
  NG_RETURN_IF_ERROR(
      groups("SELECT format, count(*) AS n FROM documents GROUP BY format ORDER BY n DESC, format", st.by_format));
  return st;
}


// The words of a search as an FTS5 query: each word quoted (so no user input
// is FTS syntax), all required; letters Unicode does not decompose folded as
// migration 8 folds the indexed text. Empty when there is no word.
static std::string fts_query(std::string_view text) {
  static const std::pair<std::string_view, std::string_view> kFold[] = {
      {"đ", "d"}, {"Đ", "D"}, {"ł", "l"}, {"Ł", "L"}, {"ø", "o"}, {"Ø", "O"}};
  std::string folded(text);
  for (const auto& [from, to] : kFold) {
    for (size_t at = folded.find(from); at != std::string::npos; at = folded.find(from, at + to.size())) {
      folded.replace(at, from.size(), to);
    }
  }
  std::string out, word;
  auto flush = [&] {
    if (word.empty()) return;
    if (!out.empty()) out += ' ';
    out += '"' + word + '"';
    word.clear();
  };
  for (char c : folded) {
    // ASCII punctuation and spaces separate words (as the unicode61 tokenizer
    // does); a double quote can never reach FTS5 unescaped.
    unsigned char u = static_cast<unsigned char>(c);
    if (u < 0x80 && !std::isalnum(u)) flush();
    else word += c;
  }
  flush();
  return out;
}

Result<std::vector<SearchHit>> SqliteStore::search_documents(const SearchQuery& q) {
  std::lock_guard lock(mu_);
  std::string match = fts_query(q.text);
  if (!q.text.empty() && match.empty()) return std::vector<SearchHit>();  // only punctuation
  // A period that ends: the seqs of its documents (documents_day, migration
  // 10) bound the scan, which otherwise walks every newer match of a common
  // word to reach an old month. Only when the period has at most kBounded
  // documents, so that finding the bounds never costs more than they save.
  constexpr int64_t kBounded = 10000;
  int64_t lo = 0, hi = INT64_MAX;
  if (!q.to.empty()) {
    auto b = prepare(
        "SELECT count(*), min(seq), max(seq) FROM (SELECT seq FROM documents INDEXED BY documents_day "
        "WHERE substr(coalesce(event_date, published, ''), 1, 10) >= ?1 "
        "AND substr(coalesce(event_date, published, ''), 1, 10) <= ?2 LIMIT ?3)");
    if (!b) return b.status();
    Reset reset(*b);
    bind_text(*b, 1, q.from);
    bind_text(*b, 2, q.to);
    sqlite3_bind_int64(*b, 3, kBounded + 1);
    if (sqlite3_step(*b) != SQLITE_ROW) return error("searching documents");
    int64_t n = sqlite3_column_int64(*b, 0);
    if (n == 0) return std::vector<SearchHit>();  // no document in the period
    if (n <= kBounded) {
      lo = sqlite3_column_int64(*b, 1);
      hi = sqlite3_column_int64(*b, 2);
    }
  }
  // Two steps: the page's documents are chosen through the FTS index and
  // documents_filter (seq, lang, day), then only those rows are read.
  static const char* kWithText =
      "SELECT d.id, d.lang, d.published, d.title, d.source, d.url, d.event_date FROM documents d WHERE d.seq IN ("
      "SELECT f.rowid FROM documents_fts f JOIN documents x INDEXED BY documents_filter ON x.seq = f.rowid "
      "WHERE documents_fts MATCH ?1 AND f.rowid >= ?9 AND f.rowid <= ?10 AND (?2 = '' OR x.lang = ?2) "
      "AND (?3 = '' OR substr(coalesce(x.event_date, x.published, ''), 1, 10) >= ?3) "
      "AND (?4 = '' OR substr(coalesce(x.event_date, x.published, ''), 1, 10) <= ?4) "
      "AND (?5 = 0 OR EXISTS (SELECT 1 FROM entity_links l WHERE l.doc_seq = x.seq AND l.entity = ?5)) "
      "AND (?6 = '' OR EXISTS (SELECT 1 FROM topics t WHERE t.doc_seq = x.seq AND t.topic = ?6)) "
      "ORDER BY f.rowid DESC LIMIT ?7 OFFSET ?8) ORDER BY d.seq DESC";
  static const char* kWithoutText =
      "SELECT d.id, d.lang, d.published, d.title, d.source, d.url, d.event_date FROM documents d WHERE d.seq IN ("
      "SELECT x.seq FROM documents x INDEXED BY documents_filter WHERE ?1 = '' AND x.seq >= ?9 AND x.seq <= ?10 "
      "AND (?2 = '' OR x.lang = ?2) "
      "AND (?3 = '' OR substr(coalesce(x.event_date, x.published, ''), 1, 10) >= ?3) "
      "AND (?4 = '' OR substr(coalesce(x.event_date, x.published, ''), 1, 10) <= ?4) "
      "AND (?5 = 0 OR x.seq IN (SELECT l.doc_seq FROM entity_links l WHERE l.entity = ?5)) "
      "AND (?6 = '' OR x.seq IN (SELECT t.doc_seq FROM topics t WHERE t.topic = ?6)) "
      "ORDER BY x.seq DESC LIMIT ?7 OFFSET ?8) ORDER BY d.seq DESC";
  auto st = prepare(match.empty() ? kWithoutText : kWithText);
  if (!st) return st.status();
  sqlite3_stmt* s = *st;
  Reset reset(s);
  bind_text(s, 1, match);
  bind_text(s, 2, q.lang);
  bind_text(s, 3, q.from);
  bind_text(s, 4, q.to);
  sqlite3_bind_int64(s, 5, q.entity);
  bind_text(s, 6, q.topic);
  sqlite3_bind_int64(s, 7, q.limit);
  sqlite3_bind_int64(s, 8, q.offset);
  sqlite3_bind_int64(s, 9, lo);
  sqlite3_bind_int64(s, 10, hi);
  std::vector<SearchHit> out;
  int rc;
  while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
    SearchHit h;
    h.doc = {col_text(s, 0), col_text(s, 1), col_text(s, 2), col_text(s, 3), col_text(s, 4), col_text(s, 5)};
    h.event_date = col_text(s, 6);
    out.push_back(std::move(h));
  }
  if (rc != SQLITE_DONE) return error("searching documents");
  return out;
}

Result<EntityGraph> SqliteStore::entity_graph(const GraphQuery& q) {
  std::lock_guard lock(mu_);
  EntityGraph g;
  // Documents of the period, as a temporary set the three queries share.
  static const char* kNodes =
      "WITH docs AS (SELECT seq FROM documents INDEXED BY documents_filter "
      "WHERE (?1 = '' OR substr(coalesce(event_date, published, ''), 1, 10) >= ?1) "
      "AND (?2 = '' OR substr(coalesce(event_date, published, ''), 1, 10) <= ?2) ORDER BY seq DESC LIMIT ?5) "
      "SELECT e.id, e.name, e.type, coalesce(e.place, ''), count(*) AS n, sum(l.mentions) "
      "FROM docs CROSS JOIN entity_links l ON l.doc_seq = docs.seq JOIN entities e ON e.id = l.entity "
      "WHERE (?3 = '' OR e.type = ?3) GROUP BY e.id ORDER BY n DESC, e.id LIMIT ?4";
  auto st = prepare(kNodes);
  if (!st) return st.status();
  {
    sqlite3_stmt* s = *st;
    Reset reset(s);
    bind_text(s, 1, q.from);
    bind_text(s, 2, q.to);
    bind_text(s, 3, q.type);
    sqlite3_bind_int64(s, 4, q.nodes);
    sqlite3_bind_int64(s, 5, q.documents);
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) g.nodes.push_back(entity_row(s));
    if (rc != SQLITE_DONE) return error("building the entity graph");
  }
  if (g.nodes.empty()) return g;
  std::string ids;
  for (const auto& n : g.nodes) ids += (ids.empty() ? "" : ",") + std::to_string(n.id);  // integers from the store
  // Co-mentions: pairs of the nodes linked in the same document of the period.
  std::string co =
      "WITH docs AS (SELECT seq FROM documents INDEXED BY documents_filter "
      "WHERE (?1 = '' OR substr(coalesce(event_date, published, ''), 1, 10) >= ?1) "
      "AND (?2 = '' OR substr(coalesce(event_date, published, ''), 1, 10) <= ?2) ORDER BY seq DESC LIMIT ?4), "
      "nodes(id) AS (SELECT value FROM json_each(?3)) "
      "SELECT a.entity, b.entity, 'co-mention', count(*) FROM docs CROSS JOIN entity_links a ON a.doc_seq = docs.seq "
      "JOIN entity_links b ON b.doc_seq = a.doc_seq AND b.entity > a.entity "
      "WHERE a.entity IN nodes AND b.entity IN nodes GROUP BY a.entity, b.entity "
      "UNION ALL "
      "SELECT min(m1.entity, m2.entity), max(m1.entity, m2.entity), e.code, count(*) FROM docs "
      "CROSS JOIN events e ON e.doc_seq = docs.seq "
      "JOIN mentions m1 ON m1.doc_seq = e.doc_seq AND m1.idx = e.actor1 "
      "JOIN mentions m2 ON m2.doc_seq = e.doc_seq AND m2.idx = e.actor2 "
      "WHERE m1.entity IN nodes AND m2.entity IN nodes AND m1.entity != m2.entity "
      "GROUP BY 1, 2, 3";
  Stmt es;
  if (sqlite3_prepare_v2(db_, co.c_str(), -1, es.out(), nullptr) != SQLITE_OK) return error("building the entity graph");
  bind_text(es.get(), 1, q.from);
  bind_text(es.get(), 2, q.to);
  bind_text(es.get(), 3, "[" + ids + "]");
  sqlite3_bind_int64(es.get(), 4, q.documents);
  int rc;
  while ((rc = sqlite3_step(es.get())) == SQLITE_ROW) {
    g.edges.push_back({sqlite3_column_int64(es.get(), 0), sqlite3_column_int64(es.get(), 1), col_text(es.get(), 2),
                       sqlite3_column_int64(es.get(), 3)});
  }
  if (rc != SQLITE_DONE) return error("building the entity graph");
  return g;
}

Result<int64_t> SqliteStore::change_count() {
  std::lock_guard lock(mu_);
  auto st = prepare("PRAGMA data_version");
  if (!st) return st.status();
  Reset r(*st);
  if (sqlite3_step(*st) != SQLITE_ROW) return error("reading the data version");
  // data_version moves with other connections' commits, total_changes with this one's rows.
  return (sqlite3_column_int64(*st, 0) << 32) ^ static_cast<int64_t>(sqlite3_total_changes64(db_));
}

Result<std::unique_ptr<Store>> open_sqlite_store(const std::string& path, const SqliteOptions& options) {
  struct stat sb;
  bool exists = ::stat(path.c_str(), &sb) == 0;
  if (options.read_only && !exists) {
    return Status::not_found(path + ": no such store (run `newsgraph ingest --db " + path + " ...` first)");
  }
  if (exists && S_ISDIR(sb.st_mode)) return Status::invalid(path + ": is a directory, not a store file");
  // Before SQLite's first use in the process: no memory statistics (nobody
  // reads them), whose process-wide mutex every allocation of every
  // connection took: the server's 32 concurrent readers queued on it (90% of
  // its futex calls). Refused, harmlessly, once SQLite is initialised.
  static std::once_flag configured;
  std::call_once(configured, [] { (void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
  int flags = options.read_only ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  flags |= SQLITE_OPEN_NOMUTEX;  // the store serialises its own calls
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    sqlite3_close_v2(db);
    return Status::io_error(path + ": cannot open the store: " + msg);
  }
  auto store = std::make_unique<SqliteStore>(db, path);
  NG_RETURN_IF_ERROR(store->init(options));
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace ng
