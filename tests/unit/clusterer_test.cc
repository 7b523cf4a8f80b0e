#include "cluster/clusterer.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>
#include <filesystem>
#include <iterator>
#include <map>

#include "extract/fingerprint.h"
#include "fresh_db.h"
#include "pipeline/pipeline.h"
#include "store/store.h"

namespace ng {
namespace {

namespace fs = std::filesystem;

struct E {
  int64_t id;
  const char* type;
  int mentions;
};

// A linked document as the clusterer sees it: entities, stems, a date.
// `how` imitates the time stage: "dated sentence ..." (the text dates it),
// "publication date ..." or "none: ...".
Document doc(const std::string& id, const std::string& lang, const std::vector<E>& ents,
             const std::vector<std::string>& words, const std::string& date = "", const std::string& how = "",
             const std::string& published = "") {
  Document d;
  d.id = id;
  d.lang = lang;
  d.published = published;
  d.event_date = date;
  d.event_date_how = how.empty() ? (date.empty() ? "none: no day-precision date in the text" : "dated sentence 1: \"x\"")
                                 : how;
  for (const auto& e : ents) {
    for (int i = 0; i < e.mentions; ++i) {
      Mention m;
      m.type = e.type;
      m.entity = e.id;
      d.mentions.push_back(m);
    }
  }
  std::map<uint32_t, uint16_t> counts;
  for (const auto& w : words) ++counts[term_hash(lang, w)];
  d.fingerprint.terms.assign(counts.begin(), counts.end());
  return d;
}

// A MinHash signature: `variant` changes `changed` of its 32 values.
std::vector<uint32_t> signature(uint32_t seed, int changed = 0, uint32_t variant = 0) {
  std::vector<uint32_t> v;
  for (uint32_t k = 0; k < Document::Fingerprint::kMinHashes; ++k) v.push_back(seed * 7919u + k * 104729u);
  for (int k = 0; k < changed; ++k) v[static_cast<size_t>(k) * 3 % v.size()] ^= 0x5bd1e995u + variant;
  return v;
}

const std::vector<std::string> kMeetingEn = {"summit", "talks", "meet", "leaders", "tariffs", "fentanyl", "military"};
const std::vector<std::string> kMeetingDe = {"gipfel", "treffen", "gespräch", "zölle", "militär"};

// A document whose text names only a weekday ("am Samstag", no day to count
// from) in an undated event of a dated story takes the first such weekday
// from the story's last date; another report naming the same weekday finds
// that event by it.
TEST(Clusterer, AWeekdayIsDatedByItsStory) {
  Clusterer c;
  auto saturday = [](Document d) {
    TimeExpr t;
    t.kind = "weekday";
    t.value = "XXXX-WXX-6";
    t.anchor = "none";
    d.times.push_back(t);
    d.event_date_how = "none: weekdays or relative days, but no publication date or dated anchor";
    return d;
  };
  // 2025-04-21 was a Monday; the next Saturday is 2025-04-26.
  std::vector<Document> docs = {
      doc("death", "en", {{1, "PER", 3}, {2, "LOC", 2}, {3, "ORG", 1}}, {"died", "pontiff", "vatican", "mourning"},
          "2025-04-21"),
      saturday(doc("funeral-es", "es", {{1, "PER", 1}, {2, "LOC", 1}, {4, "PER", 3}, {5, "PER", 3}, {6, "LOC", 3}},
                   {"funeral", "plaza", "delegaciones", "fieles"})),
      saturday(doc("funeral-de", "de", {{1, "PER", 1}, {4, "PER", 2}, {5, "PER", 2}, {6, "LOC", 3}, {7, "PER", 3}},
                   {"trauerfeier", "sarg", "staatsgäste"})),
  };
  c.assign(docs);
  ASSERT_EQ(docs[1].story, docs[0].story);                   // the same story,
  ASSERT_NE(docs[1].event_cluster, docs[0].event_cluster);  // another happening
  EXPECT_EQ(docs[1].event_date, "2025-04-26");
  EXPECT_NE(docs[1].event_date_how.find("Saturday"), std::string::npos) << docs[1].event_date_how;
  EXPECT_EQ(docs[2].event_cluster, docs[1].event_cluster);
  EXPECT_EQ(docs[2].event_date, "2025-04-26");
}

// A document whose text dates its happening only partly, as the time stage
// writes it: "XXXX-09-08" (no year), "XXXX-XX-22" (no month either).
Document partial_date(Document d, const std::string& value) {
  TimeExpr t;
  t.kind = "date";
  t.value = value;
  t.anchor = "none";
  d.times.push_back(t);
  d.event_date_how =
      std::string("none: a date without a ") + (value.compare(5, 2, "XX") == 0 ? "month" : "year") + " (" + value + ")";
  return d;
}

// A day written without a year ("el viernes 8 de septiembre") takes the year
// of its event cluster when the cluster is dated that day or one apart; a
// yearless day further away (a death recalled weeks later) is background and
// leaves the cluster's date.
TEST(Clusterer, ADayWithoutAYearTakesItsClustersYear) {
  Clusterer c;
  const std::vector<std::string> quake = {"earthquake", "magnitude", "victims", "epicentre", "rescue"};
  std::vector<Document> docs = {
      doc("fr", "fr", {{1, "LOC", 3}, {2, "LOC", 2}, {3, "ORG", 1}}, quake, "2023-09-09"),
      partial_date(doc("es", "es", {{1, "LOC", 3}, {2, "LOC", 2}, {3, "ORG", 1}}, quake), "XXXX-09-08"),
      partial_date(doc("it", "it", {{1, "LOC", 3}, {2, "LOC", 2}, {3, "ORG", 1}}, quake), "XXXX-08-01"),
  };
  ClusterDelta delta = c.assign(docs);
  ASSERT_EQ(docs[1].event_cluster, docs[0].event_cluster);
  EXPECT_EQ(docs[1].event_date, "2023-09-08");
  EXPECT_NE(docs[1].event_date_how.find("in the year of event cluster"), std::string::npos) << docs[1].event_date_how;
  ASSERT_EQ(docs[2].event_cluster, docs[0].event_cluster);
  EXPECT_EQ(docs[2].event_date, "2023-09-09");  // 1 August is background: the cluster's date
  ASSERT_EQ(delta.members.size(), 3u);
  EXPECT_TRUE(delta.members[1].own_date);
  EXPECT_FALSE(delta.members[2].own_date);
  // The same day as a plan ("will ... on 8 September") is not its own date.
  Document plan = partial_date(doc("pt", "pt", {{1, "LOC", 3}, {2, "LOC", 2}, {3, "ORG", 1}}, quake), "XXXX-09-08");
  plan.times.back().plan = true;
  std::vector<Document> more = {plan};
  ClusterDelta d2 = c.assign(more);
  ASSERT_EQ(d2.members.size(), 1u);
  EXPECT_FALSE(d2.members[0].own_date);
  EXPECT_EQ(more[0].event_date_how.find("in the year of event cluster"), std::string::npos) << more[0].event_date_how;
  // The yearless day votes weakly: the cluster keeps the date its text gives.
  for (const auto& u : delta.clusters) {
    if (u.id == docs[0].event_cluster) {
      EXPECT_EQ(u.date, "2023-09-09");
    }
  }
}

// A day written without its month ("22日", "XXXX-XX-22") in an undated event
// of a story dated one day apart takes that month; further away it is not its
// date (a month-less day fits some day near any date).
TEST(Clusterer, ADayWithoutItsMonthTakesTheMonthOfItsStory) {
  Clusterer c;
  std::vector<Document> docs = {
      doc("death", "en", {{1, "PER", 3}, {2, "LOC", 2}, {3, "ORG", 1}}, {"died", "pontiff", "vatican", "mourning"},
          "2025-04-21"),
      partial_date(doc("lying-zh", "zh", {{1, "PER", 1}, {2, "LOC", 1}, {4, "PER", 3}, {5, "PER", 3}, {6, "LOC", 3}},
                       {"funeral", "plaza", "delegaciones", "fieles"}),
                   "XXXX-XX-22"),
      partial_date(doc("funeral-ja", "ja", {{1, "PER", 1}, {2, "LOC", 1}, {4, "PER", 2}, {5, "PER", 2}, {9, "LOC", 3}},
                       {"funeral", "plaza", "delegaciones", "fieles"}),
                   "XXXX-XX-26"),
  };
  c.assign(docs);
  ASSERT_EQ(docs[1].story, docs[0].story);
  ASSERT_NE(docs[1].event_cluster, docs[0].event_cluster);
  EXPECT_EQ(docs[1].event_date, "2025-04-22");
  EXPECT_NE(docs[1].event_date_how.find("a date of story"), std::string::npos) << docs[1].event_date_how;
  // The 26th is four days from the cluster's date: the cluster's date, not its own.
  ASSERT_EQ(docs[2].event_cluster, docs[1].event_cluster);
  EXPECT_EQ(docs[2].event_date, "2025-04-22");
  EXPECT_EQ(docs[2].event_date_how.find("its day"), std::string::npos) << docs[2].event_date_how;
}

TEST(Clusterer, OneHappeningAcrossLanguagesTakesTheDatedMembersDate) {
  Clusterer c;
  std::vector<Document> docs = {
      doc("en1", "en", {{1, "PER", 3}, {2, "PER", 3}, {3, "LOC", 1}}, kMeetingEn, "2023-11-15"),
      doc("de1", "de", {{1, "PER", 2}, {2, "PER", 2}, {3, "LOC", 1}}, kMeetingDe),
  };
  ClusterDelta delta = c.assign(docs);
  EXPECT_EQ(docs[1].event_cluster, docs[0].event_cluster);
  EXPECT_EQ(docs[1].story, docs[0].story);
  EXPECT_NE(docs[0].event_cluster, docs[0].story);  // one id sequence for both levels
  // The German text gives no date: it takes its event cluster's.
  EXPECT_EQ(docs[1].event_date, "2023-11-15");
  EXPECT_EQ(docs[1].event_date_how.rfind("event cluster", 0), 0u) << docs[1].event_date_how;
  ASSERT_EQ(delta.members.size(), 2u);
  EXPECT_TRUE(delta.members[0].own_date);
  EXPECT_FALSE(delta.members[1].own_date);
  EXPECT_NE(delta.members[1].event_why.find("#1"), std::string::npos) << delta.members[1].event_why;
  // Both clusters reported, the event with its date and main entities.
  bool saw_event = false;
  for (const auto& u : delta.clusters) {
    if (u.id != docs[0].event_cluster) continue;
    saw_event = true;
    EXPECT_EQ(u.level, "event");
    EXPECT_EQ(u.date, "2023-11-15");
    EXPECT_EQ(u.story, docs[0].story);
    ASSERT_GE(u.entities.size(), 2u);
  }
  EXPECT_TRUE(saw_event);
}

TEST(Clusterer, SamePeopleOnAnotherDayAreAnotherEventOfTheStoryAndAYearLaterAnotherStory) {
  Clusterer c;
  std::vector<Document> docs = {
      doc("a", "en", {{1, "PER", 3}, {2, "PER", 3}, {3, "LOC", 1}}, kMeetingEn, "2023-11-15"),
      doc("b", "en", {{1, "PER", 2}, {2, "PER", 2}, {3, "LOC", 1}}, kMeetingEn, "2023-11-15"),
      // Three days later the same two meet again somewhere else.
      doc("c", "en", {{1, "PER", 2}, {2, "PER", 2}, {4, "LOC", 1}}, {"summit", "dinner", "leaders", "toast"},
          "2023-11-18"),
      // A year later.
      doc("d", "en", {{1, "PER", 2}, {2, "PER", 2}, {5, "LOC", 1}}, kMeetingEn, "2024-11-16"),
  };
  c.assign(docs);
  EXPECT_EQ(docs[1].event_cluster, docs[0].event_cluster);
  EXPECT_NE(docs[2].event_cluster, docs[0].event_cluster);
  EXPECT_EQ(docs[2].story, docs[0].story);
  EXPECT_NE(docs[3].event_cluster, docs[0].event_cluster);
  EXPECT_NE(docs[3].story, docs[0].story);
}

// A meeting frame `code` between the first mentions of entities a and b.
void meet(Document& d, int64_t a, int64_t b, const std::string& code = "043") {
  EventFrame e;
  e.code = code;
  for (size_t i = 0; i < d.mentions.size(); ++i) {
    if (d.mentions[i].entity == a && e.actor1 < 0) e.actor1 = static_cast<int>(i);
    if (d.mentions[i].entity == b && e.actor2 < 0) e.actor2 = static_cast<int>(i);
  }
  d.events.push_back(e);
}

TEST(Clusterer, TwoMeetingsOfOneVisitOnOneDayAreTwoEventsOfOneStory) {
  // Shoigu (2) is received by To Lam (1), then meets Luong Tam Quang (3) the
  // same day in the same city (4): the reports share people and a date.
  Clusterer c;
  std::vector<E> people = {{1, "PER", 2}, {2, "PER", 2}, {3, "PER", 1}, {4, "LOC", 1}};
  std::vector<Document> docs = {
      doc("host-en", "en", people, kMeetingEn, "2025-12-09"),
      doc("host-de", "de", people, kMeetingDe, "2025-12-09"),
      doc("talks-en", "en", {{3, "PER", 2}, {2, "PER", 2}, {1, "PER", 1}, {4, "LOC", 1}}, kMeetingEn, "2025-12-09"),
  };
  meet(docs[0], 1, 2);
  meet(docs[1], 1, 2);
  meet(docs[2], 3, 2, "040");
  ClusterDelta delta = c.assign(docs);
  EXPECT_EQ(docs[1].event_cluster, docs[0].event_cluster);
  EXPECT_NE(docs[2].event_cluster, docs[0].event_cluster) << delta.members[2].event_why;
  EXPECT_EQ(docs[2].story, docs[0].story) << delta.members[2].story_why;
  // Without frames, the same three reports are one happening.
  Clusterer plain;
  std::vector<Document> bare = {doc("a", "en", people, kMeetingEn, "2025-12-09"),
                                doc("b", "de", people, kMeetingDe, "2025-12-09"),
                                doc("c", "en", {{3, "PER", 2}, {2, "PER", 2}, {1, "PER", 1}, {4, "LOC", 1}}, kMeetingEn,
                                    "2025-12-09")};
  plain.assign(bare);
  EXPECT_EQ(bare[2].event_cluster, bare[0].event_cluster);
}

TEST(Clusterer, UnrelatedDocumentsStayApart) {
  Clusterer c;
  std::vector<Document> docs = {
      doc("a", "en", {{1, "PER", 3}, {2, "PER", 3}}, kMeetingEn, "2023-11-15"),
      doc("b", "en", {{7, "LOC", 3}, {8, "ORG", 2}}, {"earthquake", "magnitude", "rescue", "collapsed"}, "2023-11-15"),
  };
  ClusterDelta delta = c.assign(docs);
  EXPECT_NE(docs[1].event_cluster, docs[0].event_cluster);
  EXPECT_NE(docs[1].story, docs[0].story);
  EXPECT_EQ(delta.members[1].event_score, 0);
}

TEST(Clusterer, AWireCopyIsMarkedAndCountsInItsOriginalsEvent) {
  Clusterer c;
  std::vector<Document> docs = {
      doc("orig", "en", {{1, "PER", 2}}, kMeetingEn, "2023-11-15"),
      doc("copy", "en", {{9, "PER", 1}}, {"unrelated", "words"}),   // shares nothing but the text's shingles
      doc("rewrite", "en", {{9, "PER", 1}}, {"other", "words"}),    // 28 of 32 values agree
      doc("other", "en", {{9, "PER", 1}}, {"more", "words"}),       // 16 of 32 agree: not a copy
      doc("foreign", "de", {{9, "PER", 1}}, {"andere", "wörter"}),  // same values, another language
  };
  docs[0].fingerprint.minhash = signature(1);
  docs[1].fingerprint.minhash = signature(1);
  docs[2].fingerprint.minhash = signature(1, 4, 1);
  docs[3].fingerprint.minhash = signature(1, 16, 2);
  docs[4].fingerprint.minhash = signature(1);
  ClusterDelta delta = c.assign(docs);
  EXPECT_EQ(docs[1].copy_of, "orig");
  EXPECT_EQ(docs[1].event_cluster, docs[0].event_cluster);
  EXPECT_EQ(delta.members[1].event_score, 1);
  EXPECT_NE(delta.members[1].event_why.find("near-copy of orig"), std::string::npos);
  EXPECT_EQ(docs[2].copy_of, "orig");  // a copy of a copy points at the original
  EXPECT_EQ(docs[3].copy_of, "");
  EXPECT_EQ(docs[4].copy_of, "");
}

// A dispatch copied hundreds of times: buckets keep their latest members
// only, and every copy still points at the original.
TEST(Clusterer, AThousandCopiesStillPointAtTheOriginal) {
  Clusterer c;
  std::vector<Document> docs;
  for (int i = 0; i < 1000; ++i) {
    docs.push_back(doc(i == 0 ? "orig" : "copy" + std::to_string(i), "en", {{1, "PER", 1}}, {"wire", "dispatch"}));
    docs.back().fingerprint.minhash = signature(7, i % 3, static_cast<uint32_t>(i));
  }
  c.assign(docs);
  for (size_t i = 1; i < docs.size(); ++i) {
    ASSERT_EQ(docs[i].copy_of, "orig") << docs[i].id;
    ASSERT_EQ(docs[i].event_cluster, docs[0].event_cluster) << docs[i].id;
  }
}

TEST(Clusterer, APublicationDateBeforeTheEventIsAPreviewOfAnotherHappening) {
  Clusterer c;
  std::vector<Document> docs = {
      doc("meeting", "en", {{1, "PER", 3}, {2, "PER", 3}}, kMeetingEn, "2023-11-15"),
      // Announced two weeks earlier: same people, no date of its own in the text.
      doc("plan", "en", {{1, "PER", 2}, {2, "PER", 2}}, kMeetingEn, "2023-11-01",
          "publication date (no dated sentence)", "2023-11-01"),
  };
  c.assign(docs);
  EXPECT_NE(docs[1].event_cluster, docs[0].event_cluster);
  EXPECT_EQ(docs[1].story, docs[0].story);
}

// What a store does with the deltas, in memory: the snapshot a new
// clusterer restores from.
struct FakeStore {
  std::map<int64_t, ClusterSnapshot::Member> window;  // by arrival
  int64_t next_cluster = 1;
  void apply(const ClusterDelta& d) {
    for (const auto& a : d.members) {
      window[a.arrival] = {a.arrival, a.doc, a.event, a.story, a.copy_of, a.features};
      next_cluster = std::max(next_cluster, std::max(a.event, a.story) + 1);
    }
    for (const auto& m : d.merges) {
      for (auto& [arrival, w] : window) {
        if (m.level == "event" && w.event == m.from) w.event = m.into, w.story = m.story_into;
        if (m.level == "event" && w.event == m.into && w.story == m.story_from) w.story = m.story_into;
        if (m.level == "move" && w.event == m.from) w.story = m.story_into;
      }
      next_cluster = std::max(next_cluster, m.into + 1);
    }
    for (const auto& u : d.clusters) next_cluster = std::max(next_cluster, u.id + 1);
    window.erase(window.begin(), window.lower_bound(d.forget_before));
  }
  ClusterSnapshot snapshot() const {
    ClusterSnapshot s;
    s.next_cluster = next_cluster;
    for (const auto& [a, m] : window) s.window.push_back(m);
    return s;
  }
};

TEST(Clusterer, SameClustersWhateverTheBatchesAndRestarts) {
  // Three happenings reported in turn, with copies and undated reports, in a
  // window of 6 documents so that old ones leave it.
  std::vector<Document> stream;
  for (int i = 0; i < 24; ++i) {
    int h = (i / 2) % 3;  // happening
    std::string lang = i % 3 == 0 ? "de" : "en";
    std::vector<E> ents = {{10 + h, "PER", 2}, {20 + h, "PER", 1}, {30, "LOC", 1}};
    std::vector<std::string> words = {"word" + std::to_string(h), "common", "thing" + std::to_string(h % 2)};
    std::string date = i % 4 == 0 ? "" : "2024-0" + std::to_string(1 + h) + "-1" + std::to_string(i % 2);
    stream.push_back(doc("d" + std::to_string(i), lang, ents, words, date));
    if (i % 5 == 0) stream.back().fingerprint.minhash = signature(static_cast<uint32_t>(h));
  }
  ClusterOptions o;
  o.window = 6;
  auto result = [](const std::vector<Document>& docs) {
    std::vector<std::string> out;
    for (const auto& d : docs)
      out.push_back(std::to_string(d.event_cluster) + "/" + std::to_string(d.story) + "/" + d.copy_of + "/" + d.event_date);
    return out;
  };
  std::vector<Document> once = stream;
  Clusterer whole(o);
  whole.assign(once);

  for (size_t batch : {1u, 2u, 5u}) {
    std::vector<Document> parts = stream;
    FakeStore store;
    for (size_t from = 0; from < parts.size(); from += batch) {
      Clusterer c(o);  // a new process each time: state comes back from the "store"
      c.restore(store.snapshot());
      std::vector<Document> part(parts.begin() + static_cast<long>(from),
                                 parts.begin() + static_cast<long>(std::min(parts.size(), from + batch)));
      store.apply(c.assign(part));
      std::copy(part.begin(), part.end(), parts.begin() + static_cast<long>(from));
    }
    // Dates given to members later (an event's date changing) are the
    // store's to apply; the assignment itself must agree.
    auto a = result(once), b = result(parts);
    ASSERT_EQ(a.size(), b.size());
    for (size_t i = 0; i < a.size(); ++i) {
      EXPECT_EQ(a[i].substr(0, a[i].rfind('/')), b[i].substr(0, b[i].rfind('/'))) << "batch " << batch << " doc " << i;
    }
    EXPECT_LE(whole.window_size(), 6u);
  }
}

// Two pipelines taking turns on one store (one connection): each notices the
// other's writes (Store::change_count) and continues from the store, so ids
// are those of one pipeline doing it all.
TEST(Clusterer, PipelinesTakingTurnsOnOneStore) {
  const char* texts[] = {
      "Prime Minister Jacinda Ardern met President Emmanuel Macron in Paris on 15 May 2019.",
      "A magnitude 6.4 earthquake struck Albania near Durrës on 26 November 2019.",
      "Real Madrid beat Liverpool in the Champions League final in Saint-Denis on 28 May 2022.",
  };
  std::vector<RawRecord> records;
  for (int i = 0; i < 3; ++i) {
    RawRecord r;
    r.source = "mem";
    r.format = Format::kJsonl;
    r.id = "t" + std::to_string(i + 1);
    r.lang = "en";
    r.body = texts[i];
    records.push_back(r);
  }
  PipelineOptions o;
  o.data_dir = NG_TEST_DATA_DIR;
  auto fresh = [](const std::string& name) {
    fs::path p = fresh_db("", name);
    auto s = open_sqlite_store(p.string());
    EXPECT_TRUE(s.is_ok());
    return std::move(*s);
  };
  auto one_store = fresh("turns_one.db");
  auto one = Pipeline::create(o, *one_store);
  ASSERT_TRUE(one.is_ok());
  ASSERT_TRUE((*one)->ingest_records(records).is_ok());

  auto store = fresh("turns_two.db");
  auto a = Pipeline::create(o, *store);
  auto b = Pipeline::create(o, *store);
  ASSERT_TRUE(a.is_ok() && b.is_ok());
  for (size_t i = 0; i < records.size(); ++i) ASSERT_TRUE((i % 2 ? *b : *a)->ingest_records({records[i]}).is_ok()) << i;
  for (const auto& r : records) {
    auto x = one_store->get_document(r.id), y = store->get_document(r.id);
    ASSERT_TRUE(x.is_ok() && x->has_value() && y.is_ok() && y->has_value());
    EXPECT_EQ((**y).event_cluster, (**x).event_cluster) << r.id;
    EXPECT_EQ((**y).story, (**x).story) << r.id;
    ASSERT_EQ((**y).mentions.size(), (**x).mentions.size()) << r.id;
    for (size_t m = 0; m < (**x).mentions.size(); ++m) EXPECT_EQ((**y).mentions[m].entity, (**x).mentions[m].entity) << r.id;
  }
}

TEST(Clusterer, RestoreSkipsRecordsItCannotRead) {
  ClusterSnapshot s;
  s.next_cluster = 5;
  s.window.push_back({1, "x", 1, 2, "", "not a record"});
  Clusterer c;
  c.restore(s);
  EXPECT_EQ(c.window_size(), 0u);
  std::vector<Document> docs = {doc("a", "en", {{1, "PER", 1}}, {"word"})};
  c.assign(docs);
  EXPECT_GE(docs[0].event_cluster, 5);  // ids continue after the store's
}

// The counts a stored cluster shows (documents, sources, languages, date
// span) come from cluster_langs and cluster_dates, which triggers keep: they
// must be what counting the members gives, after copies, merges and dates
// handed to undated members.
TEST(Clusterer, StoredClusterCountsAgreeWithTheirMembers) {
  fs::path path = fresh_db("", "cluster_counts.db");
  auto store = open_sqlite_store(path.string());
  ASSERT_TRUE(store.is_ok());
  std::vector<E> ab = {{1, "PER", 2}, {2, "PER", 2}}, cd = {{3, "PER", 2}, {4, "PER", 2}};
  std::vector<E> all = {{1, "PER", 2}, {2, "PER", 2}, {3, "PER", 2}, {4, "PER", 2}};
  std::vector<std::vector<Document>> batches = {
      {doc("a1", "en", ab, {"harbour", "ferry"}, "2024-03-05"), doc("c1", "de", cd, {"brücke", "zug"}, "2024-03-05"),
       doc("a2", "fr", ab, {"port", "bac"}), doc("d1", "en", {{6, "ORG", 2}, {7, "PER", 2}}, {"strike", "union"})},
      // Reports naming all four: the two events are one (merged).
      {doc("x1", "en", all, {"harbour", "ferry", "bridge"}, "2024-03-05"), doc("c2", "de", cd, {"brücke"}),
       doc("a3", "en", ab, {"harbour", "ferry"}, "2024-03-05"),
       // The first dated report of d1's happening: d1 takes its date in the store.
       doc("d2", "en", {{6, "ORG", 2}, {7, "PER", 2}}, {"strike", "union"}, "2024-03-07")},
      // A copy, and another happening a month later.
      {doc("a4", "en", ab, {"harbour", "ferry"}, "2024-03-05"), doc("b1", "sv", {{5, "PER", 2}, {1, "PER", 1}},
                                                                     {"val"}, "2024-04-20")},
  };
  batches[2][0].fingerprint.minhash = signature(9);
  batches[1][2].fingerprint.minhash = signature(9);
  Clusterer c;
  for (auto& b : batches) ASSERT_TRUE((*store)->write_batch(b, {}, RegistryDelta(), c.assign(b)).is_ok());

  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.string().c_str(), &db), SQLITE_OK);
  auto scalar = [&](const char* sql) {
    sqlite3_stmt* st = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db, sql, -1, &st, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
    int64_t v = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
    sqlite3_finalize(st);
    return v;
  };
  EXPECT_GE(scalar("SELECT count(*) FROM cluster_merges WHERE level = 'event'"), 1);
  EXPECT_GE(scalar("SELECT count(*) FROM documents WHERE copy_of IS NOT NULL"), 1);
  EXPECT_EQ(scalar("SELECT count(*) FROM documents WHERE id = 'd1' AND event_date = '2024-03-07'"), 1);
  // Each live cluster's columns against a count of its members.
  EXPECT_EQ(scalar(R"(
    WITH m AS (SELECT m.cluster, d.lang, d.copy_of, d.event_date FROM cluster_members m JOIN documents d ON d.seq = m.doc_seq),
         n AS (SELECT cluster, lang, count(*) AS k FROM m GROUP BY cluster, lang),
         l AS (SELECT cluster, group_concat(lang, ' ') AS langs FROM (SELECT * FROM n ORDER BY cluster, k DESC, lang) GROUP BY cluster),
         t AS (SELECT cluster, count(*) AS documents, sum(copy_of IS NULL) AS sources, min(event_date) AS first,
                      max(event_date) AS last FROM m GROUP BY cluster)
    SELECT count(*) FROM clusters c JOIN t ON t.cluster = c.id JOIN l ON l.cluster = c.id
    WHERE c.merged_into IS NULL AND (c.documents != t.documents OR c.sources != t.sources OR c.langs != l.langs
          OR c.first_date IS NOT t.first OR c.last_date IS NOT t.last))"),
            0);
  EXPECT_EQ(scalar("SELECT count(*) FROM clusters WHERE merged_into IS NULL AND documents = 0"), 0);
  // The tables themselves, both ways.
  const char* langs = "SELECT m.cluster, d.lang, count(*), sum(d.copy_of IS NULL) FROM cluster_members m "
                      "JOIN documents d ON d.seq = m.doc_seq GROUP BY 1, 2";
  const char* dates = "SELECT m.cluster, d.event_date, count(*) FROM cluster_members m JOIN documents d "
                      "ON d.seq = m.doc_seq WHERE d.event_date IS NOT NULL GROUP BY 1, 2";
  for (const std::string& sql :
       {"SELECT count(*) FROM (" + std::string(langs) + " EXCEPT SELECT * FROM cluster_langs)",
        "SELECT count(*) FROM (SELECT * FROM cluster_langs EXCEPT " + std::string(langs) + ")",
        "SELECT count(*) FROM (" + std::string(dates) + " EXCEPT SELECT * FROM cluster_dates)",
        "SELECT count(*) FROM (SELECT * FROM cluster_dates EXCEPT " + std::string(dates) + ")"})
    EXPECT_EQ(scalar(sql.c_str()), 0) << sql;
  EXPECT_GT(scalar("SELECT count(*) FROM cluster_langs"), 0);
  sqlite3_close(db);
}

// Through the pipeline and the store, with texts written for this test.
TEST(Clusterer, StoredStoriesFromThePipeline) {
  const char* texts[] = {
      "Prime Minister Jacinda Ardern met President Emmanuel Macron in Paris on Wednesday, 15 May 2019. "
      "Ardern and Macron launched the Christchurch Call against violent extremist content online.",
      "Premierministerin Jacinda Ardern traf Präsident Emmanuel Macron am 15. Mai 2019 in Paris. Ardern und Macron "
      "stellten den Christchurch-Aufruf gegen extremistische Inhalte im Netz vor.",
      "A magnitude 6.4 earthquake struck Albania near Durrës on 26 November 2019. Rescue teams searched "
      "collapsed buildings in Durrës and Thumanë.",
      "Prime Minister Jacinda Ardern met President Emmanuel Macron in Paris on Wednesday, 15 May 2019. "
      "Ardern and Macron launched the Christchurch Call against violent extremist content online, officials said.",
  };
  const char* langs[] = {"en", "de", "en", "en"};
  std::vector<RawRecord> records;
  for (int i = 0; i < 4; ++i) {
    RawRecord r;
    r.source = "mem";
    r.format = Format::kJsonl;
    r.id = "s" + std::to_string(i + 1);
    r.lang = langs[i];
    r.body = texts[i];
    records.push_back(r);
  }
  auto run = [&](const std::string& name, size_t batch) {
    fs::path p = fresh_db("", "clusterer_" + name + ".db");
    auto store = open_sqlite_store(p.string());
    EXPECT_TRUE(store.is_ok());
    PipelineOptions o;
    o.data_dir = NG_TEST_DATA_DIR;
    o.threads = 2;
    o.batch_size = batch;
    for (size_t from = 0; from < records.size(); from += batch) {
      auto pipeline = Pipeline::create(o, **store);
      EXPECT_TRUE(pipeline.is_ok());
      std::vector<RawRecord> part(records.begin() + static_cast<long>(from),
                                  records.begin() + static_cast<long>(std::min(records.size(), from + batch)));
      EXPECT_TRUE((*pipeline)->ingest_records(part).is_ok());
    }
    std::vector<Document> out;
    for (const auto& r : records) {
      auto d = (*store)->get_document(r.id);
      EXPECT_TRUE(d.is_ok() && d->has_value());
      out.push_back(**d);
    }
    return std::make_pair(std::move(*store), out);
  };
  auto [store, docs] = run("whole", 256);
  EXPECT_EQ(docs[1].event_cluster, docs[0].event_cluster);  // English and German report of one meeting
  EXPECT_NE(docs[2].event_cluster, docs[0].event_cluster);  // the earthquake
  EXPECT_NE(docs[2].story, docs[0].story);
  EXPECT_EQ(docs[3].copy_of, "s1");                         // a wire copy with one more clause
  EXPECT_EQ(docs[3].event_cluster, docs[0].event_cluster);

  auto meeting = store->get_cluster(docs[0].story);
  ASSERT_TRUE(meeting.is_ok() && meeting->has_value());
  const ClusterDetail& m = **meeting;
  EXPECT_EQ(m.summary.level, "story");
  EXPECT_EQ(m.summary.documents, 3);
  EXPECT_EQ(m.summary.sources, 2);  // the copy is not an independent source
  EXPECT_EQ(m.summary.first_date, "2019-05-15");
  EXPECT_NE(m.summary.label.find("Ardern"), std::string::npos) << m.summary.label;
  EXPECT_NE(m.summary.label.find("Macron"), std::string::npos) << m.summary.label;
  ASSERT_EQ(m.events.size(), 1u);
  EXPECT_EQ(m.events[0].date, "2019-05-15");
  ASSERT_EQ(m.members.size(), 3u);
  EXPECT_EQ(m.members[2].copy_of, "s1");
  auto stories = store->list_stories({});
  ASSERT_TRUE(stories.is_ok());
  EXPECT_EQ(stories->size(), 2u);
  StoryQuery late;
  late.from = "2019-11-01";
  auto after = store->list_stories(late);
  ASSERT_TRUE(after.is_ok());
  ASSERT_EQ(after->size(), 1u);
  EXPECT_EQ(after->front().id, docs[2].story);
  EXPECT_FALSE(store->get_cluster(99999)->has_value());

  auto [split_store, split] = run("split", 1);
  for (size_t i = 0; i < docs.size(); ++i) {
    EXPECT_EQ(split[i].event_cluster, docs[i].event_cluster) << i;
    EXPECT_EQ(split[i].story, docs[i].story) << i;
    EXPECT_EQ(split[i].copy_of, docs[i].copy_of) << i;
    EXPECT_EQ(split[i].event_date, docs[i].event_date) << i;
  }
}

}  // namespace
}  // namespace ng

namespace ng {
namespace {

Document named(const std::string& lang, const std::string& text, const std::string& name, const std::string& place = "") {
  Document d;
  d.lang = lang;
  d.text = text;
  size_t at = text.find(name);
  Mention m;
  m.span = {static_cast<uint32_t>(at), static_cast<uint32_t>(at + name.size())};
  m.type = place.empty() ? "PER" : "LOC";
  m.place = place;
  d.mentions.push_back(m);
  // Tokens: words split at spaces (enough for the fingerprint).
  size_t b = 0;
  while (b < text.size()) {
    size_t e = text.find(' ', b);
    if (e == std::string::npos) e = text.size();
    if (e > b) d.tokens.push_back({{static_cast<uint32_t>(b), static_cast<uint32_t>(e)}, true});
    b = e + 1;
  }
  return d;
}

TEST(Fingerprint, StemsNumbersAndNameCognates) {
  NameKeyOptions ko;
  ko.data_dir = NG_TEST_DATA_DIR;
  auto keyer = NameKeyer::create(ko);
  ASSERT_TRUE(keyer.is_ok());
  Fingerprinter fp(std::shared_ptr<const NameKeyer>(std::move(*keyer)));
  auto it = fp.fingerprint(named("it", "Papa Francesco ha parlato di 7,8 milioni", "Francesco"));
  auto pl = fp.fingerprint(named("pl", "Papież Franciszek mówił o 7.8 milionach", "Franciszek"));
  auto fr = fp.fingerprint(named("fr", "La France et ses 7.8 millions", "France", "FRA"));
  ASSERT_EQ(it.cognates.size(), 1u);
  EXPECT_EQ(it.cognates, pl.cognates);  // "fran"
  EXPECT_TRUE(fr.cognates.empty());     // a gazetteer place is an entity already
  auto has = [](const Document::Fingerprint& f, uint32_t h) {
    return std::any_of(f.terms.begin(), f.terms.end(), [&](const auto& t) { return t.first == h; });
  };
  // Numbers are one term in every language, whatever the decimal mark.
  uint32_t n78 = term_hash("#", "7.8");
  EXPECT_TRUE(has(it, n78));
  EXPECT_TRUE(has(pl, n78));
  EXPECT_TRUE(has(fr, n78));
  // Snowball: inflected forms share a stem.
  auto sg = fp.fingerprint(named("de", "Das Gipfeltreffen der Minister", "Minister"));
  auto gen = fp.fingerprint(named("de", "Während des Gipfeltreffens sprach er", "er"));
  std::vector<uint32_t> a, b;
  for (const auto& [h, c] : sg.terms) a.push_back(h);
  for (const auto& [h, c] : gen.terms) b.push_back(h);
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  std::vector<uint32_t> shared;
  std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(shared));
  EXPECT_EQ(shared.size(), 1u);  // gipfeltreff
  // Short texts have no MinHash signature; longer ones do, equal for equal texts.
  EXPECT_TRUE(sg.minhash.empty());
  auto long1 = fp.fingerprint(named("en", "one two three four five six seven eight nine ten", "one"));
  auto long2 = fp.fingerprint(named("en", "one two three four five six seven eight nine ten", "one"));
  EXPECT_EQ(long1.minhash.size(), Document::Fingerprint::kMinHashes);
  EXPECT_EQ(long1.minhash, long2.minhash);
}

}  // namespace
}  // namespace ng
