#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <fstream>
#include <tuple>

#include "../fresh_db.h"
#include "store/sqlite/schema.h"
#include "store/store.h"

namespace ng {
namespace {

namespace fs = std::filesystem;

fs::path fresh(const std::string& name) { return fresh_db("sqlite_store_test", name); }

Document make_doc(const std::string& id, const std::string& lang, const std::string& text) {
  Document d;
  d.id = id;
  d.source = "in/" + id + ".txt";
  d.format = Format::kText;
  d.lang = d.lang_detected = lang;
  d.lang_confidence = 0.97f;
  d.lang_reliable = true;
  d.charset = "utf-8";
  d.text = text;
  d.extracted = text;
  d.raw_size = text.size();
  return d;
}

std::unique_ptr<Store> open(const fs::path& p, bool read_only = false) {
  SqliteOptions o;
  o.read_only = read_only;
  auto s = open_sqlite_store(p.string(), o);
  EXPECT_TRUE(s.is_ok()) << s.status().message();
  return s ? std::move(*s) : nullptr;
}

TEST(SqliteStore, RoundTripsEveryField) {
  fs::path p = fresh("roundtrip.db");
  // "Tô Lâm" has multi-byte letters: spans are bytes, not characters.
  std::string text = "Tô Lâm met Shoigu.\nHe left.";
  Document d = make_doc("doc-1", "vi", text);
  d.format = Format::kWarc;
  d.url = "https://example.com/a";
  d.title = "Tô Lâm tiếp Shoigu";
  d.published = "2026-04-14T18:30:00+07:00";
  d.agency = "TTXVN";
  d.charset = "windows-1258";
  d.invalid_bytes = 3;
  d.lang = "vi";
  d.lang_given = "vi";
  d.lang_detected = "und";
  d.lang_reliable = false;
  d.extracted = "Tô Lâm met Shoigu.\nPhoto: VNA\nHe left.";
  d.removed.push_back({{21, 31}, "Photo: VNA", "photo credit"});
  d.paragraphs.push_back({{0, 20}, "vi", 0.5f});
  d.paragraphs.push_back({{21, 29}, "en", 0.75f});
  d.sentences.push_back({{0, 20}});
  d.sentences.push_back({{21, 29}});
  d.tokens.push_back({{0, 3}, true});   // "Tô"
  d.tokens.push_back({{3, 4}, false});  // " "
  d.tokens.push_back({{4, 8}, true});   // "Lâm"
  d.mentions.push_back({{0, 8}, "PER", "general_secretary", ""});
  d.mentions.push_back({{21, 23}, "LOC", "", "VNM"});
  {
    auto store = open(p);
    auto r = store->write_batch({d}, {});
    ASSERT_TRUE(r.is_ok()) << r.status().message();
    EXPECT_EQ(r->inserted, 1);
  }
  auto store = open(p, /*read_only=*/true);
  auto got = store->get_document("doc-1");
  ASSERT_TRUE(got.is_ok()) << got.status().message();
  ASSERT_TRUE(got->has_value());
  const Document& g = **got;
  EXPECT_EQ(g.text, text);
  EXPECT_EQ(g.extracted, d.extracted);
  EXPECT_EQ(g.format, Format::kWarc);
  EXPECT_EQ(g.url, d.url);
  EXPECT_EQ(g.title, d.title);
  EXPECT_EQ(g.published, d.published);
  EXPECT_EQ(g.agency, "TTXVN");
  EXPECT_EQ(g.charset, "windows-1258");
  EXPECT_EQ(g.invalid_bytes, 3u);
  EXPECT_EQ(g.lang_given, "vi");
  EXPECT_EQ(g.lang_detected, "und");
  EXPECT_FALSE(g.lang_reliable);
  ASSERT_EQ(g.paragraphs.size(), 2u);
  EXPECT_EQ(g.paragraphs[1].span, (Span{21, 29}));
  EXPECT_EQ(g.paragraphs[1].lang, "en");
  EXPECT_FLOAT_EQ(g.paragraphs[1].confidence, 0.75f);
  ASSERT_EQ(g.sentences.size(), 2u);
  EXPECT_EQ(g.sentences[1].span.of(g.text), "He left.");
  ASSERT_EQ(g.tokens.size(), 3u);
  EXPECT_EQ(g.tokens[2].span.of(g.text), "Lâm");
  EXPECT_TRUE(g.tokens[2].is_word);
  EXPECT_FALSE(g.tokens[1].is_word);
  ASSERT_EQ(g.mentions.size(), 2u);
  EXPECT_EQ(g.mentions[0].span.of(g.text), "Tô Lâm");
  EXPECT_EQ(g.mentions[0].role, "general_secretary");
  EXPECT_EQ(g.mentions[1].type, "LOC");
  EXPECT_EQ(g.mentions[1].place, "VNM");
  EXPECT_EQ(g.mentions[1].role, "");
  ASSERT_EQ(g.removed.size(), 1u);
  EXPECT_EQ(g.removed[0].reason, "photo credit");
  EXPECT_EQ(g.removed[0].span.of(g.extracted), "Photo: VNA");

  auto missing = store->get_document("nope");
  ASSERT_TRUE(missing.is_ok());
  EXPECT_FALSE(missing->has_value());
}

TEST(SqliteStore, SameIdTwiceIsKeptOnceAndUnchanged) {
  fs::path p = fresh("dups.db");
  auto store = open(p);
  auto first = store->write_batch({make_doc("a", "de", "Erster Text."), make_doc("b", "en", "Second.")}, {});
  ASSERT_TRUE(first.is_ok());
  EXPECT_EQ(first->inserted, 2);
  auto again = store->write_batch({make_doc("a", "de", "Geänderter Text."), make_doc("c", "sv", "Tredje.")}, {});
  ASSERT_TRUE(again.is_ok());
  EXPECT_EQ(again->inserted, 1);
  EXPECT_EQ(again->duplicates, 1);
  auto a = store->get_document("a");
  ASSERT_TRUE(a.is_ok() && a->has_value());
  EXPECT_EQ((*a)->text, "Erster Text.");
  auto ids = store->existing_ids({"a", "x", "c"});
  ASSERT_TRUE(ids.is_ok());
  EXPECT_EQ(*ids, (std::vector<std::string>{"a", "c"}));
}

TEST(SqliteStore, RejectsAreCountedNotDuplicated) {
  fs::path p = fresh("rejects.db");
  auto store = open(p);
  Reject r{"in/a.jsonl", "line 3", "malformed JSON"};
  auto b1 = store->write_batch({}, {r, Reject{"in/b.html", "", "empty file"}});
  ASSERT_TRUE(b1.is_ok());
  EXPECT_EQ(b1->rejects, 2);
  auto b2 = store->write_batch({}, {r});
  ASSERT_TRUE(b2.is_ok());
  EXPECT_EQ(b2->rejects, 0);
  auto list = store->list_rejects(10);
  ASSERT_TRUE(list.is_ok());
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ((*list)[0].reject.locator, "line 3");
  EXPECT_EQ((*list)[1].reject.reason, "empty file");
  EXPECT_EQ((*list)[0].at.size(), 20u);  // 2026-04-14T08:00:00Z
  auto st = store->stats();
  ASSERT_TRUE(st.is_ok());
  EXPECT_EQ(st->rejects, 2);
}

TEST(SqliteStore, ListsInArrivalOrderWithFilters) {
  fs::path p = fresh("list.db");
  auto store = open(p);
  // Ids deliberately out of alphabetical order: arrival order wins.
  ASSERT_TRUE(store->write_batch({make_doc("z", "de", "Eins."), make_doc("m", "en", "Two.")}, {}).is_ok());
  ASSERT_TRUE(store->write_batch({make_doc("a", "de", "Drei.")}, {}).is_ok());
  DocFilter all;
  auto docs = store->list_documents(all);
  ASSERT_TRUE(docs.is_ok());
  ASSERT_EQ(docs->size(), 3u);
  EXPECT_EQ((*docs)[0].id, "z");
  EXPECT_EQ((*docs)[2].id, "a");
  DocFilter de;
  de.lang = "de";
  de.offset = 1;
  docs = store->list_documents(de);
  ASSERT_TRUE(docs.is_ok());
  ASSERT_EQ(docs->size(), 1u);
  EXPECT_EQ((*docs)[0].id, "a");
  DocFilter src;
  src.source_prefix = "in/m";
  docs = store->list_documents(src);
  ASSERT_TRUE(docs.is_ok());
  ASSERT_EQ(docs->size(), 1u);
  EXPECT_EQ((*docs)[0].lang, "en");

  int seen = 0;
  Status s = store->for_each_document(all, [&](const Document& d) {
    ++seen;
    return d.id != "m";  // stop after the second
  });
  EXPECT_TRUE(s.is_ok());
  EXPECT_EQ(seen, 2);

  auto st = store->stats();
  ASSERT_TRUE(st.is_ok());
  EXPECT_EQ(st->documents, 3);
  EXPECT_EQ(st->bytes_text, 5 + 4 + 5);
  ASSERT_EQ(st->by_lang.size(), 2u);
  EXPECT_EQ(st->by_lang[0], (std::pair<std::string, int64_t>{"de", 2}));
  EXPECT_EQ(st->by_format[0].first, "txt");
  EXPECT_EQ(st->schema_version, static_cast<int>(sqlite::migrations().size()));
}

TEST(SqliteStore, ClearErrorsForFilesThatAreNotStores) {
  fs::path missing = fresh("missing.db");
  SqliteOptions ro;
  ro.read_only = true;
  auto s = open_sqlite_store(missing.string(), ro);
  ASSERT_FALSE(s.is_ok());
  EXPECT_EQ(s.status().code(), StatusCode::kNotFound);
  EXPECT_NE(s.status().message().find(missing.string()), std::string::npos);

  fs::path text = fresh("text.db");
  std::ofstream(text) << "this is a plain text file, long enough to have a header of sorts..........."
                         "......................................................................";
  s = open_sqlite_store(text.string());
  ASSERT_FALSE(s.is_ok());
  EXPECT_NE(s.status().message().find("not an SQLite database"), std::string::npos) << s.status().message();

  fs::path foreign = fresh("foreign.db");
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(foreign.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "CREATE TABLE t(x)", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  s = open_sqlite_store(foreign.string());
  ASSERT_FALSE(s.is_ok());
  EXPECT_NE(s.status().message().find("not a newsgraph store"), std::string::npos);

  fs::path future = fresh("future.db");
  { auto store = open(future); }
  ASSERT_EQ(sqlite3_open(future.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "PRAGMA user_version = 99", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  s = open_sqlite_store(future.string());
  ASSERT_FALSE(s.is_ok());
  EXPECT_EQ(s.status().code(), StatusCode::kUnsupported);
  EXPECT_NE(s.status().message().find("99"), std::string::npos);

  s = open_sqlite_store(fs::path(testing::TempDir()).string());
  ASSERT_FALSE(s.is_ok());
  EXPECT_NE(s.status().message().find("directory"), std::string::npos);
}

TEST(SqliteStore, ReopeningAppliesNoMigrationTwice) {
  fs::path p = fresh("reopen.db");
  {
    auto store = open(p);
    ASSERT_TRUE(store->write_batch({make_doc("a", "en", "One.")}, {}).is_ok());
  }
  auto store = open(p);
  auto st = store->stats();
  ASSERT_TRUE(st.is_ok());
  EXPECT_EQ(st->documents, 1);
  EXPECT_EQ(st->schema_version, static_cast<int>(sqlite::migrations().size()));
}

TEST(SqliteStore, AVersionOneStoreIsMigratedInPlace) {
  fs::path p = fresh("v1.db");
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(p.c_str(), &db), SQLITE_OK);
  // Version 1 as it shipped: documents without mentions.
  std::string v1 = std::string(sqlite::migrations()[0]) + "PRAGMA user_version = 1;";
  ASSERT_EQ(sqlite3_exec(db, v1.c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db,
                         "INSERT INTO documents (id, source, format, charset, lang, lang_detected, text, extracted, "
                         "ingested_at) VALUES ('old', 'x.txt', 'txt', 'UTF-8', 'en', 'en', 'Old text.', 'Old text.', "
                         "'2026-01-01T00:00:00Z')",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  auto store = open(p);
  auto st = store->stats();
  ASSERT_TRUE(st.is_ok());
  EXPECT_EQ(st->schema_version, static_cast<int>(sqlite::migrations().size()));
  auto old = store->get_document("old");
  ASSERT_TRUE(old.is_ok() && old->has_value()) << old.status().message();
  EXPECT_EQ((*old)->text, "Old text.");
  EXPECT_TRUE((*old)->mentions.empty());
  // A read-only opener refuses a store that still needs migrating.
  fs::path q = fresh("v1b.db");
  ASSERT_EQ(sqlite3_open(q.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, v1.c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  SqliteOptions ro;
  ro.read_only = true;
  auto r = open_sqlite_store(q.string(), ro);
  ASSERT_FALSE(r.is_ok());
  EXPECT_NE(r.status().message().find("needs migrating"), std::string::npos) << r.status().message();
}

TEST(SqliteStore, AVersionTwoStoreKeepsItsMentionsUnlinked) {
  fs::path p = fresh("v2.db");
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(p.c_str(), &db), SQLITE_OK);
  std::string v2 = std::string(sqlite::migrations()[0]) + std::string(sqlite::migrations()[1]) +
                   "PRAGMA user_version = 2;";
  ASSERT_EQ(sqlite3_exec(db, v2.c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db,
                         "INSERT INTO documents (seq, id, source, format, charset, lang, lang_detected, text, "
                         "ingested_at) VALUES (1, 'old', 'x.txt', 'txt', 'UTF-8', 'en', 'en', 'Ana Rossi spoke.', "
                         "'2026-01-01T00:00:00Z'); INSERT INTO mentions VALUES (1, 0, 0, 9, 'PER', NULL, NULL);",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  auto store = open(p);
  auto old = store->get_document("old");
  ASSERT_TRUE(old.is_ok() && old->has_value()) << old.status().message();
  ASSERT_EQ((*old)->mentions.size(), 1u);
  EXPECT_EQ((*old)->mentions[0].entity, 0);
  auto reg = store->load_registry();
  ASSERT_TRUE(reg.is_ok()) << reg.status().message();
  EXPECT_TRUE(reg->entities.empty());
}

TEST(SqliteStore, RegistryWritesWithTheBatchAndComesBack) {
  fs::path p = fresh("registry.db");
  Document a = make_doc("a", "ru", "Сергей Шойгу прилетел.");
  Document b = make_doc("b", "en", "Sergei Shoigu landed. Shoigu smiled.");
  Mention m;
  m.span = {0, 23};
  m.type = "PER";
  m.entity = 1;
  a.mentions.push_back(m);
  m.span = {0, 13};
  b.mentions.push_back(m);
  m.span = {22, 28};
  b.mentions.push_back(m);
  RegistryDelta delta;
  delta.created.push_back({1, "PER", ""});
  delta.keys = {{"n:sergei shoigu", 1}, {"t:shoigu", 1}};
  delta.aliases = {{1, "a", "Сергей Шойгу", "ru", false, 2}, {1, "b", "Sergei Shoigu", "en", true, 2},
                   {1, "b", "Shoigu", "en", true, 1}};
  delta.links = {{"a", 1, "PER", "new", "no known entity", 1}, {"b", 1, "PER", "name key", "same key", 2}};
  {
    auto s = open(p);
    ASSERT_TRUE(s->write_batch({a, b}, {}, delta, ClusterDelta()).is_ok());
  }
  auto s = open(p, true);
  auto reg = s->load_registry();
  ASSERT_TRUE(reg.is_ok()) << reg.status().message();
  ASSERT_EQ(reg->entities.size(), 1u);
  EXPECT_EQ(reg->keys.size(), 2u);
  ASSERT_EQ(reg->occurrences.size(), 2u);
  EXPECT_LT(reg->occurrences[0].doc, reg->occurrences[1].doc);
  auto e = s->get_entity(1);
  ASSERT_TRUE(e.is_ok() && e->has_value()) << e.status().message();
  // Canonical: Latin script and a full name beat the Cyrillic and the short form.
  EXPECT_EQ((**e).summary.name, "Sergei Shoigu");
  EXPECT_EQ((**e).summary.documents, 2);
  EXPECT_EQ((**e).summary.mentions, 3);
  EXPECT_EQ((**e).summary.langs, (std::vector<std::string>{"en", "ru"}));
  ASSERT_EQ((**e).documents.size(), 2u);
  EXPECT_EQ((**e).documents[1].rule, "name key");
  EXPECT_EQ((**e).documents[1].surfaces, (std::vector<std::string>{"Sergei Shoigu", "Shoigu"}));
  auto found = s->find_entities({"n:sergei shoigu"}, "");
  ASSERT_TRUE(found.is_ok());
  EXPECT_EQ(*found, std::vector<int64_t>{1});
  auto by_alias = s->find_entities({}, "shoigu");
  ASSERT_TRUE(by_alias.is_ok());
  EXPECT_EQ(*by_alias, std::vector<int64_t>{1});
  auto doc = s->get_document("b");
  ASSERT_TRUE(doc.is_ok() && doc->has_value());
  EXPECT_EQ((*doc)->mentions[1].entity, 1);
}

TEST(SqliteStore, TimesAndTheEventDateComeBack) {
  fs::path p = fresh("times.db");
  Document d = make_doc("t", "de", "Am 9. Dezember 2025 traf er ihn.");
  d.event_date = "2025-12-09";
  d.event_date_how = "first dated sentence";
  TimeExpr t;
  t.span = {3, 19};
  t.value = "2025-12-09";
  t.kind = "date";
  t.anchor = "explicit";
  d.times.push_back(t);
  { ASSERT_TRUE(open(p)->write_batch({d}, {}).is_ok()); }
  auto got = open(p, true)->get_document("t");
  ASSERT_TRUE(got.is_ok() && got->has_value());
  EXPECT_EQ((*got)->event_date, "2025-12-09");
  EXPECT_EQ((*got)->event_date_how, "first dated sentence");
  ASSERT_EQ((*got)->times.size(), 1u);
  EXPECT_EQ((*got)->times[0].span.of((*got)->text), "9. Dezember 2025");
  EXPECT_EQ((*got)->times[0].value, "2025-12-09");
  EXPECT_EQ((*got)->times[0].anchor, "explicit");
  EXPECT_TRUE((*got)->times[0].evidence.empty());
}

TEST(SqliteStore, CorruptSpanBlobIsReportedNotTrusted) {
  fs::path p = fresh("corrupt.db");
  Document d = make_doc("a", "en", "Short.");
  d.sentences.push_back({{0, 6}});
  { ASSERT_TRUE(open(p)->write_batch({d}, {}).is_ok()); }
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(p.c_str(), &db), SQLITE_OK);
  // One span [0, 4000) past the 6-byte text.
  ASSERT_EQ(sqlite3_exec(db, "UPDATE documents SET sentences = x'00000000A00F0000'", nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  auto got = open(p)->get_document("a");
  ASSERT_FALSE(got.is_ok());
  EXPECT_EQ(got.status().code(), StatusCode::kCorrupt);
}

// list_events with two actor sets (a timeline's two sides) gives the frames
// in both, in date order, whichever set is read first: the store reads the
// one with fewer frames and checks the others on each frame.
TEST(SqliteStore, EventsOfTwoActorSetsAreTheirIntersectionInEitherOrder) {
  fs::path p = fresh("dyad.db");
  auto s = open(p);
  ASSERT_TRUE(s);
  // Mentions: 0 Ana (entity 1), 1 Bo (2), 2 Cy (3), 3 Dan (4).
  const std::string text = "Ana met Bo. Cy met Dan.";
  auto frame = [](int a1, int a2, const std::string& c1, const std::string& c2, const std::string& date) {
    EventFrame e;
    e.code = "040";
    e.trigger = {4, 7};
    e.sentence = {0, 11};
    e.actor1 = a1;
    e.actor2 = a2;
    e.country1 = c1;
    e.country2 = c2;
    e.date = date;
    e.confidence = 0.5f;
    return e;
  };
  auto doc = [&](const std::string& id, std::vector<EventFrame> events) {
    Document d = make_doc(id, "en", text);
    d.published = "2026-01-01";
    const std::pair<Span, int64_t> men[] = {{{0, 3}, 1}, {{8, 10}, 2}, {{12, 14}, 3}, {{19, 22}, 4}};
    for (const auto& [span, entity] : men) {
      Mention m;
      m.span = span;
      m.type = "PER";
      m.entity = entity;
      d.mentions.push_back(m);
    }
    d.events = std::move(events);
    return d;
  };
  std::vector<Document> docs = {
      doc("ana-bo", {frame(0, 1, "VNM", "RUS", "2026-01-05")}),
      doc("ana-cy", {frame(0, 2, "VNM", "DEU", "2026-01-06")}),
      doc("bo-alone", {frame(1, -1, "RUS", "VNM", "2026-01-04")}),
      doc("dan", {frame(3, -1, "VNM", "FRA", "2026-01-02"), frame(3, -1, "FRA", "VNM", "2026-01-03")}),
      doc("dan-2", {frame(3, -1, "VNM", "", "2026-01-08"), frame(3, 2, "", "VNM", "2026-01-09")}),
      doc("ana-bo-later", {frame(1, 0, "RUS", "VNM", "2026-02-01")}),
  };
  ASSERT_TRUE(s->write_batch(docs, {}).is_ok());
  auto frames = [&](const ActorSet& a, const ActorSet& b, const std::string& to) {
    std::vector<std::string> out[2];
    for (int order = 0; order < 2; ++order) {
      EventQuery q;
      q.to = to;
      q.involving = order == 0 ? std::vector<ActorSet>{a, b} : std::vector<ActorSet>{b, a};
      auto rows = s->list_events(q);
      EXPECT_TRUE(rows.is_ok()) << rows.status().message();
      if (!rows) continue;
      for (const auto& r : *rows) out[order].push_back(r.doc + " " + r.date + " " + r.actor1.name);
    }
    EXPECT_EQ(out[0], out[1]);
    return out[0];
  };
  ActorSet vnm{{}, {"VNM"}}, rus{{}, {"RUS"}}, deu{{}, {"DEU"}}, ana{{1}, {}}, bo{{2}, {}}, cy{{3}, {}};
  EXPECT_EQ(frames(ana, bo, ""), (std::vector<std::string>{"ana-bo 2026-01-05 Ana", "ana-bo-later 2026-02-01 Bo"}));
  EXPECT_EQ(frames(ana, bo, "2026-01-31"), (std::vector<std::string>{"ana-bo 2026-01-05 Ana"}));
  // VNM has the most frames: RUS's are read and checked for VNM on either side.
  EXPECT_EQ(frames(vnm, rus, "2026-01-31"),
            (std::vector<std::string>{"bo-alone 2026-01-04 Bo", "ana-bo 2026-01-05 Ana"}));
  EXPECT_EQ(frames(ana, deu, ""), (std::vector<std::string>{"ana-cy 2026-01-06 Ana"}));
  EXPECT_TRUE(frames(bo, deu, "").empty());
  // A set of entities and countries: any of them, on either side.
  ActorSet cy_or_rus{{3}, {"RUS"}};
  EXPECT_EQ(frames(cy_or_rus, vnm, "2026-01-31"),
            (std::vector<std::string>{"bo-alone 2026-01-04 Bo", "ana-bo 2026-01-05 Ana", "ana-cy 2026-01-06 Ana",
                                      "dan-2 2026-01-09 Dan"}));
  EXPECT_EQ(frames(cy, ana, ""), (std::vector<std::string>{"ana-cy 2026-01-06 Ana"}));
  EXPECT_TRUE(frames(cy, ActorSet{}, "").empty());  // a set that matches nothing

  // Without text, then the full rows of some of them by key, in the keys' order.
  EventQuery q;
  q.involving = {vnm};
  auto full = s->list_events(q);
  q.text = false;
  auto keys_only = s->list_events(q);
  ASSERT_TRUE(full.is_ok() && keys_only.is_ok());
  ASSERT_EQ(full->size(), 8u);
  ASSERT_EQ(keys_only->size(), full->size());
  std::vector<std::pair<int64_t, int64_t>> keys;
  for (size_t i = 0; i < full->size(); ++i) {
    const EventRow& f = (*full)[i];
    const EventRow& k = (*keys_only)[i];
    EXPECT_EQ(f.sentence, "Ana met Bo.");
    EXPECT_TRUE(k.sentence.empty() && k.trigger.empty() && k.actor1.name.empty());
    EXPECT_EQ(std::make_tuple(k.doc, k.seq, k.idx, k.date, k.actor1.entity, k.actor1.country, k.actor2.entity),
              std::make_tuple(f.doc, f.seq, f.idx, f.date, f.actor1.entity, f.actor1.country, f.actor2.entity));
    keys.emplace(keys.begin(), k.seq, k.idx);  // reversed
  }
  keys.emplace_back(999, 0);  // no such frame
  auto got = s->get_events(keys);
  ASSERT_TRUE(got.is_ok()) << got.status().message();
  ASSERT_EQ(got->size(), full->size());
  for (size_t i = 0; i < got->size(); ++i) {
    const EventRow& g = (*got)[i];
    const EventRow& f = (*full)[full->size() - 1 - i];
    EXPECT_EQ(std::make_tuple(g.doc, g.idx, g.sentence, g.trigger, g.actor1.name, g.actor2.name, g.date),
              std::make_tuple(f.doc, f.idx, f.sentence, f.trigger, f.actor1.name, f.actor2.name, f.date));
  }
}

}  // namespace
}  // namespace ng
