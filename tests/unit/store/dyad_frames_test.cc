// dyad_frames (migration 11): each event frame under the pairs of its
// actors' entities and countries, kept by the store as documents are
// written, relinked and cleared; Store::pair_frames reads them.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <string>
#include <vector>

#include "../fresh_db.h"
#include "store/store.h"

namespace ng {
namespace {

namespace fs = std::filesystem;

fs::path fresh(const std::string& name) { return fresh_db("dyad_frames_test", name); }

std::unique_ptr<Store> open(const fs::path& p) {
  auto s = open_sqlite_store(p.string());
  EXPECT_TRUE(s.is_ok()) << s.status().message();
  return s ? std::move(*s) : nullptr;
}

// Rows of a query on the store's file, one string per row ("a|b|c").
std::vector<std::string> rows(const fs::path& p, const std::string& sql) {
  sqlite3* db = nullptr;
  std::vector<std::string> out;
  EXPECT_EQ(sqlite3_open_v2(p.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  sqlite3_stmt* s = nullptr;
  EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &s, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
  while (s && sqlite3_step(s) == SQLITE_ROW) {
    std::string row;
    for (int i = 0; i < sqlite3_column_count(s); ++i) {
      const unsigned char* t = sqlite3_column_text(s, i);
      row += (i ? "|" : "") + (t ? std::string(reinterpret_cast<const char*>(t)) : std::string("NULL"));
    }
    out.push_back(row);
  }
  sqlite3_finalize(s);
  sqlite3_close(db);
  return out;
}

// The table holds exactly what its view computes from the events.
void expect_table_is_view(const fs::path& p) {
  const std::string cols =
      "side_a, side_b, date, doc_seq, idx, code, entity1, country1, name1, entity2, country2, name2";
  EXPECT_EQ(rows(p, "SELECT count(*) FROM (SELECT " + cols + " FROM dyad_frames EXCEPT SELECT " + cols +
                        " FROM dyad_frames_from_events)"),
            std::vector<std::string>{"0"});
  EXPECT_EQ(rows(p, "SELECT count(*) FROM (SELECT " + cols + " FROM dyad_frames_from_events EXCEPT SELECT " + cols +
                        " FROM dyad_frames)"),
            std::vector<std::string>{"0"});
}

// "Lan met Ivan in Hanoi. Lan and Mr Nobody talked." Mentions: 0 Lan (entity
// 11), 1 Ivan (12), 2 Hanoi (13, a city), 3 Lan again, 4 Mr Nobody (unlinked).
Document doc(const std::string& id, const std::string& lang, std::vector<EventFrame> events,
             int64_t lan = 11, int64_t ivan = 12) {
  Document d;
  d.id = id;
  d.source = "in/" + id;
  d.format = Format::kText;
  d.lang = d.lang_detected = lang;
  d.charset = "utf-8";
  d.text = "Lan met Ivan in Hanoi. Lan and Mr Nobody talked.";
  d.extracted = d.text;
  const std::pair<Span, int64_t> men[] = {
      {{0, 3}, lan}, {{8, 12}, ivan}, {{16, 21}, 13}, {{23, 26}, lan}, {{31, 40}, 0}};
  for (const auto& [span, entity] : men) {
    Mention m;
    m.span = span;
    m.type = "PER";
    m.entity = entity;
    d.mentions.push_back(m);
  }
  d.events = std::move(events);
  return d;
}

EventFrame frame(int a1, const std::string& c1, int a2, const std::string& c2, const std::string& date,
                 const std::string& code = "040") {
  EventFrame e;
  e.code = code;
  e.trigger = {4, 7};
  e.sentence = {0, 22};
  e.actor1 = a1;
  e.actor2 = a2;
  e.country1 = c1;
  e.country2 = c2;
  e.date = date;
  e.confidence = 0.8f;
  return e;
}

const char* kPairs = "SELECT side_a, side_b, date, idx, coalesce(name1, ''), coalesce(name2, '') FROM dyad_frames "
                     "ORDER BY doc_seq, idx, side_a, side_b";

TEST(DyadFrames, AFrameIsStoredUnderEachPairOfItsActorsKeys) {
  fs::path p = fresh("pairs.db");
  auto s = open(p);
  ASSERT_TRUE(s);
  std::vector<Document> docs = {doc("a", "en",
                                    {frame(0, "VNM", 1, "RUS", "2026-03-02"),    // four pairs
                                     frame(0, "VNM", 3, "VNM", "2026-03-02"),    // Lan with herself: one
                                     frame(0, "VNM", -1, "FRA", "2026-03-03"),   // no actor 2, a country
                                     frame(0, "", 4, "", "", "042"),             // unlinked, undated
                                     frame(-1, "", 1, "RUS", "2026-03-04")})};   // only one side: none
  ASSERT_TRUE(s->write_batch(docs, {}).is_ok());
  EXPECT_EQ(rows(p, kPairs), (std::vector<std::string>{
                                 "c:RUS|c:VNM|2026-03-02|0||",
                                 "c:RUS|e:11|2026-03-02|0||",
                                 "c:VNM|e:12|2026-03-02|0||",
                                 "e:11|e:12|2026-03-02|0||",
                                 "c:VNM|e:11|2026-03-02|1||",
                                 "c:FRA|c:VNM|2026-03-03|2||",
                                 "c:FRA|e:11|2026-03-03|2||",
                             }));
  // The unlinked actor has no key: frame 3 is under no pair, but its name is
  // what a pair would group it by.
  expect_table_is_view(p);

  // The same document again adds nothing.
  ASSERT_TRUE(s->write_batch(docs, {}).is_ok());
  EXPECT_EQ(rows(p, "SELECT count(*) FROM dyad_frames"), std::vector<std::string>{"7"});
  expect_table_is_view(p);
}

TEST(DyadFrames, UnlinkedActorsAreTheirTextAndRelinkReplacesTheRows) {
  fs::path p = fresh("relink.db");
  auto s = open(p);
  ASSERT_TRUE(s);
  ASSERT_TRUE(s->write_batch({doc("a", "en", {frame(0, "VNM", 4, "DEU", "2026-03-02")}),
                              doc("b", "de", {frame(1, "RUS", 0, "VNM", "2026-03-05")})},
                             {})
                  .is_ok());
  EXPECT_EQ(rows(p, kPairs), (std::vector<std::string>{
                                 "c:DEU|c:VNM|2026-03-02|0||Mr Nobody",
                                 "c:DEU|e:11|2026-03-02|0||Mr Nobody",
                                 "c:RUS|c:VNM|2026-03-05|0||",
                                 "c:RUS|e:11|2026-03-05|0||",
                                 "c:VNM|e:12|2026-03-05|0||",
                                 "e:11|e:12|2026-03-05|0||",
                             }));
  // Relink: the registry forgets every entity (the pairs keep their
  // countries; actors are their text)...
  ASSERT_TRUE(s->clear_registry().is_ok());
  EXPECT_EQ(rows(p, kPairs), (std::vector<std::string>{
                                 "c:DEU|c:VNM|2026-03-02|0|Lan|Mr Nobody",
                                 "c:RUS|c:VNM|2026-03-05|0|Ivan|Lan",
                             }));
  expect_table_is_view(p);
  ASSERT_TRUE(s->clear_clusters().is_ok());
  // ...then each document comes back with new entities and frames: Lan is
  // now 21, Ivan 22, and b's frame lost its countries.
  ASSERT_TRUE(s->write_links({doc("b", "de", {frame(1, "", 0, "", "2026-03-06")}, 21, 22)}, {}, {}).is_ok());
  EXPECT_EQ(rows(p, kPairs), (std::vector<std::string>{
                                 "c:DEU|c:VNM|2026-03-02|0|Lan|Mr Nobody",
                                 "e:21|e:22|2026-03-06|0||",
                             }));
  expect_table_is_view(p);
  ASSERT_TRUE(s->write_links({doc("a", "en", {frame(0, "VNM", 4, "DEU", "2026-03-02"), frame(3, "VNM", 1, "", "")},
                                  21, 22)},
                             {}, {})
                  .is_ok());
  EXPECT_EQ(rows(p, kPairs), (std::vector<std::string>{
                                 "c:DEU|c:VNM|2026-03-02|0||Mr Nobody",
                                 "c:DEU|e:21|2026-03-02|0||Mr Nobody",
                                 "c:VNM|e:22||1||",
                                 "e:21|e:22||1||",
                                 "e:21|e:22|2026-03-06|0||",
                             }));
  expect_table_is_view(p);
  // Relinking the same document twice leaves the same rows.
  ASSERT_TRUE(s->write_links({doc("b", "de", {frame(1, "", 0, "", "2026-03-06")}, 21, 22)}, {}, {}).is_ok());
  EXPECT_EQ(rows(p, "SELECT count(*) FROM dyad_frames"), std::vector<std::string>{"5"});
  expect_table_is_view(p);
}

TEST(DyadFrames, AnOlderStoreIsFilledByTheMigration) {
  fs::path p = fresh("migrate.db");
  {
    auto s = open(p);
    ASSERT_TRUE(s);
    ASSERT_TRUE(s->write_batch({doc("a", "en", {frame(0, "VNM", 1, "RUS", "2026-03-02")}),
                                doc("b", "vi", {frame(1, "RUS", 0, "VNM", "2026-03-02")})},
                               {})
                    .is_ok());
  }
  // As version 10 left it: no table, no view.
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(p.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "DROP VIEW dyad_frames_from_events; DROP TABLE dyad_frames; PRAGMA user_version = 10;",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  ASSERT_TRUE(open(p));
  EXPECT_EQ(rows(p, "SELECT side_a, side_b, count(*) FROM dyad_frames GROUP BY 1, 2"),
            (std::vector<std::string>{"c:RUS|c:VNM|2", "c:RUS|e:11|2", "c:VNM|e:12|2", "e:11|e:12|2"}));
  EXPECT_EQ(rows(p, "PRAGMA user_version"), std::vector<std::string>{"11"});
  expect_table_is_view(p);
}

TEST(DyadFrames, PairFramesComeInListEventsOrderOnceEach) {
  fs::path p = fresh("read.db");
  auto s = open(p);
  ASSERT_TRUE(s);
  ASSERT_TRUE(s->write_batch({doc("a", "en", {frame(0, "VNM", 1, "RUS", "2026-03-05"), frame(0, "VNM", 1, "RUS", "")}),
                              doc("b", "de", {frame(1, "RUS", 0, "VNM", "2026-03-02")}),
                              doc("c", "vi", {frame(0, "VNM", 1, "RUS", "2026-03-05", "042")})},
                             {})
                  .is_ok());
  auto read = [&](const PairQuery& q, size_t stop_after = 100) {
    std::vector<std::string> out;
    Status st = s->pair_frames(q, [&](const EventRow& r) {
      out.push_back(r.doc + "/" + std::to_string(r.idx) + " " + r.lang + " " + r.date + " " + r.code + " " +
                    std::to_string(r.actor1.entity) + r.actor1.country + ">" + std::to_string(r.actor2.entity) +
                    r.actor2.country);
      return out.size() < stop_after;
    });
    EXPECT_TRUE(st.is_ok()) << st.message();
    return out;
  };
  PairQuery q;
  q.pairs = {{ActorKey{0, "RUS"}, ActorKey{0, "VNM"}}};
  const std::vector<std::string> all = {"b/0 de 2026-03-02 040 12RUS>11VNM", "a/0 en 2026-03-05 040 11VNM>12RUS",
                                        "c/0 vi 2026-03-05 042 11VNM>12RUS", "a/1 en  040 11VNM>12RUS"};
  EXPECT_EQ(read(q), all);
  // Either order of a pair; several pairs that hold the same frames give
  // each frame once.
  q.pairs = {{ActorKey{11, ""}, ActorKey{0, "RUS"}}, {ActorKey{0, "VNM"}, ActorKey{12, ""}},
             {ActorKey{12, ""}, ActorKey{11, ""}}};
  EXPECT_EQ(read(q), all);
  EXPECT_EQ(read(q, 2), (std::vector<std::string>(all.begin(), all.begin() + 2)));
  // Bounds leave the undated frame out.
  q.from = "2026-03-03";
  EXPECT_EQ(read(q), (std::vector<std::string>(all.begin() + 1, all.begin() + 3)));
  q.from = "";
  q.to = "2026-03-04";
  EXPECT_EQ(read(q), (std::vector<std::string>(all.begin(), all.begin() + 1)));
  q.pairs = {{ActorKey{0, "DEU"}, ActorKey{0, "VNM"}}};
  EXPECT_TRUE(read(q).empty());
}

// get_events cuts the text in C++: the same rows as list_events, whose SQL
// cuts it, also for spans SQL's substr treats specially (a negative length,
// past the end of the text, empty).
TEST(DyadFrames, GetEventsCutsTheTextAsSqlDoes) {
  fs::path p = fresh("spans.db");
  auto s = open(p);
  ASSERT_TRUE(s);
  Document d = doc("odd", "en", {});
  d.mentions[4].span = {40, 31};   // end before begin
  d.mentions[1].span = {45, 200};  // past the end
  d.mentions[1].entity = 0;
  d.mentions[2].span = {7, 7};  // empty
  d.mentions[2].entity = 0;
  EventFrame e = frame(4, "VNM", 1, "RUS", "2026-03-02");
  e.trigger = {48, 60};
  e.sentence = {10, 2};
  e.place = 2;
  d.events = {e, frame(1, "", 4, "", "2026-03-03"), frame(-1, "", -1, "", "")};
  d.events[1].sentence = {0, 0};
  ASSERT_TRUE(s->write_batch({d}, {}).is_ok());
  EventQuery q;
  auto full = s->list_events(q);
  ASSERT_TRUE(full.is_ok());
  ASSERT_EQ(full->size(), 3u);
  std::vector<std::pair<int64_t, int64_t>> keys;
  for (const EventRow& r : *full) keys.emplace_back(r.seq, r.idx);
  auto got = s->get_events(keys);
  ASSERT_TRUE(got.is_ok()) << got.status().message();
  ASSERT_EQ(got->size(), 3u);
  auto all = [](const EventRow& r) {
    auto a = [](const EventRow::Actor& x) {
      return std::to_string(x.entity) + "," + x.name + "," + x.type + "," + x.role + "," + x.country;
    };
    return r.doc + "|" + r.lang + "|" + r.title + "|" + r.code + "|" + r.date + "|" + r.trigger + "|" + r.sentence +
           "|" + a(r.actor1) + "|" + a(r.actor2) + "|" + a(r.place) + "|" + std::to_string(r.confidence) + "|" +
           std::to_string(r.sentence_begin) + "-" + std::to_string(r.sentence_end) + "|" +
           std::to_string(r.event_cluster) + "," + std::to_string(r.story) + "|" + std::to_string(r.seq) + "/" +
           std::to_string(r.idx);
  };
  for (size_t i = 0; i < 3; ++i) EXPECT_EQ(all((*got)[i]), all((*full)[i]));
  // substr(text, 41, -9): the 9 bytes before byte 40; (46, 155): to the
  // end; (49, 12): nothing; (11, -8): bytes 2..10.
  EXPECT_EQ((*got)[0].actor1.name, "Mr Nobody");
  EXPECT_EQ((*got)[0].actor2.name, "ed.");
  EXPECT_EQ((*got)[0].trigger, "");
  EXPECT_EQ((*got)[0].sentence, "n met Iv");
  EXPECT_EQ((*got)[0].place.name, "");
}

}  // namespace
}  // namespace ng
