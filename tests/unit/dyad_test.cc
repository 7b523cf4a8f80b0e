// timeline_page gives the same page as timeline(load_dyad(...)) sliced, for
// every pair of sides, period and page, on an invented store with the cases
// that make the two reads differ if either is wrong: country entities whose
// frames carry another country, actors without entity or country, one
// happening reported by several documents, undated frames, a side against
// itself.
#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "fresh_db.h"
#include "query/dyad.h"
#include "store/store.h"

namespace ng {
namespace {

namespace fs = std::filesystem;

// Entities: 1 Vietnam, 2 Russia, 3 Chile (countries), 4-8 people, 9 an
// organisation. Mentions of each document: one per entity (index id - 1)
// and two unlinked names (9 "Tran", 10 "Mr Ode").
const char* kNames[] = {"Vietnam", "Russia", "Chile", "Lan", "Ivan", "Rosa", "Mai", "Olga", "Unicef", "Tran", "Mr Ode"};

Document make_doc(int n, std::mt19937& rng) {
  Document d;
  d.id = "d" + std::to_string(1000 + n);  // ids sort as they arrive
  if (n % 7 == 3) d.id = "z" + std::to_string(n);  // ...and some do not
  d.source = "gen/" + d.id;
  d.format = Format::kText;
  const char* langs[] = {"en", "de", "vi"};
  d.lang = d.lang_detected = langs[rng() % 3];
  d.charset = "utf-8";
  for (int i = 0; i < 11; ++i) {
    Mention m;
    m.span = {static_cast<uint32_t>(d.text.size()), static_cast<uint32_t>(d.text.size() + std::strlen(kNames[i]))};
    d.text += std::string(kNames[i]) + " ";
    m.type = i < 3 ? "LOC" : i == 8 ? "ORG" : "PER";
    m.entity = i < 9 ? i + 1 : 0;
    d.mentions.push_back(m);
  }
  d.text += "met.";
  const char* countries[] = {"VNM", "RUS", "CHL", "", "", "FRA"};
  const char* dates[] = {"2026-01-03", "2026-01-03", "2026-01-04", "2026-01-09", "2026-02-01", ""};
  const char* codes[] = {"040", "042", "040"};
  int frames = 1 + static_cast<int>(rng() % 3);
  for (int f = 0; f < frames; ++f) {
    EventFrame e;
    e.code = codes[rng() % 3];
    e.trigger = {0, 3};
    e.sentence = {0, static_cast<uint32_t>(d.text.size())};
    auto actor = [&](std::string& country) {
      int a = static_cast<int>(rng() % 12) - 1;  // -1: none
      if (a >= 0 && a < 3 && rng() % 5) country = countries[a];  // a country is mostly its own code...
      else country = countries[rng() % 6];                        // ...but not always
      return a;
    };
    e.actor1 = actor(e.country1);
    e.actor2 = actor(e.country2);
    e.date = dates[rng() % 6];
    e.confidence = 0.5f;
    d.events.push_back(e);
  }
  return d;
}

class DyadPage : public testing::Test {
 protected:
  void SetUp() override {
    fs::path p = fresh_db("dyad_test", "dyad.db");
    auto s = open_sqlite_store(p.string());
    ASSERT_TRUE(s.is_ok()) << s.status().message();
    store_ = std::move(*s);
    RegistryDelta reg;
    const char* places[] = {"VNM", "RUS", "CHL"};
    for (int i = 0; i < 9; ++i) {
      reg.created.push_back({i + 1, i < 3 ? "LOC" : i == 8 ? "ORG" : "PER", i < 3 ? places[i] : "", kNames[i]});
    }
    std::mt19937 rng(7);
    std::vector<Document> docs;
    for (int n = 0; n < 400; ++n) docs.push_back(make_doc(n, rng));
    ASSERT_TRUE(store_->write_batch(docs, {}, reg, ClusterDelta()).is_ok());
  }
  std::unique_ptr<Store> store_;
};

TEST_F(DyadPage, SameHappeningsAsTheWholeTimeline) {
  // What a user names: an entity id, an alpha-3 code (with or without its
  // entity), several entities.
  EntityLookup lookup = [](Store&, const std::string& what, const std::string&) -> Result<std::vector<int64_t>> {
    if (what == "VNM") return std::vector<int64_t>{1};
    if (what == "people") return std::vector<int64_t>{4, 6, 7};
    if (what == "lan-or-russia") return std::vector<int64_t>{4, 2};
    if (what.size() == 3 && what[0] >= 'A' && what[0] <= 'Z') return std::vector<int64_t>{};  // FRA: a code only
    return std::vector<int64_t>{std::stoll(what)};
  };
  const std::vector<std::string> sides = {"1", "2", "3", "4", "5", "6", "9", "VNM", "FRA", "people", "lan-or-russia"};
  const std::vector<std::pair<std::string, std::string>> periods = {
      {"", ""}, {"2026-01-03", ""}, {"", "2026-01-09"}, {"2026-01-04", "2026-01-09"}};
  const std::vector<std::pair<int64_t, int64_t>> pages = {{0, 100}, {0, 1},   {0, 3},   {2, 3},
                                                          {5, 2},   {1, 500}, {1000, 5}};
  int paged = 0, whole = 0, nonempty = 0;
  for (const auto& a : sides) {
    for (const auto& b : sides) {
      for (const auto& [from, to] : periods) {
        DyadQuery q;
        q.x = a;
        q.y = b;
        q.from = from;
        q.to = to;
        q.text = false;
        auto dyad = load_dyad(*store_, q, lookup);
        ASSERT_TRUE(dyad.is_ok()) << dyad.status().message();
        std::vector<Happening> all = timeline(*dyad);
        if (!all.empty()) ++nonempty;
        for (const auto& [offset, limit] : pages) {
          TimelinePage page;
          auto got = timeline_page(*store_, *dyad, from, to, offset, limit, page);
          ASSERT_TRUE(got.is_ok()) << got.status().message();
          if (!*got) {
            ++whole;
            continue;
          }
          ++paged;
          std::string where = a + " / " + b + " " + from + ".." + to + " @" + std::to_string(offset);
          std::vector<std::string> want, have;
          auto show = [](const Happening& h) {
            std::string s = std::to_string(h.first->seq) + "/" + std::to_string(h.first->idx) + " " + h.first->date;
            for (const auto& d : h.docs) s += " " + d;
            for (const auto& l : h.langs) s += " " + l;
            return s;
          };
          for (size_t i = static_cast<size_t>(offset); i < all.size() && i < static_cast<size_t>(offset + limit); ++i) {
            want.push_back(show(all[i]));
          }
          for (const Happening& h : page.shown) have.push_back(show(h));
          EXPECT_EQ(have, want) << where;
          EXPECT_EQ(page.more, all.size() > static_cast<size_t>(offset + limit)) << where;
        }
      }
    }
  }
  // Sides that share an entity or a country are left to the whole read:
  // a side against itself, VNM against 1 (Vietnam), Russia against
  // lan-or-russia, Lan against people...
  EXPECT_GT(paged, 2000);
  EXPECT_GT(whole, 0);
  EXPECT_GT(nonempty, 200);
}

// A happening reported in several documents and languages comes back with
// all of them, also when the page ends on its date.
TEST_F(DyadPage, APageEndingOnADateHasItsHappeningsWhole) {
  EntityLookup lookup = [](Store&, const std::string& what, const std::string&) -> Result<std::vector<int64_t>> {
    return std::vector<int64_t>{std::stoll(what)};
  };
  DyadQuery q;
  q.x = "1";
  q.y = "2";
  q.text = false;
  auto dyad = load_dyad(*store_, q, lookup);
  ASSERT_TRUE(dyad.is_ok());
  std::vector<Happening> all = timeline(*dyad);
  size_t most = 0;
  for (size_t i = 0; i < all.size(); ++i) {
    if (all[i].docs.size() > all[most].docs.size()) most = i;
  }
  ASSERT_GT(all[most].docs.size(), 2u);
  TimelinePage page;
  auto got = timeline_page(*store_, *dyad, "", "", static_cast<int64_t>(most), 1, page);
  ASSERT_TRUE(got.is_ok() && *got);
  ASSERT_EQ(page.shown.size(), 1u);
  EXPECT_EQ(page.shown[0].docs, all[most].docs);
  EXPECT_EQ(page.shown[0].langs, all[most].langs);
  EXPECT_EQ(page.more, most + 1 < all.size());
}

}  // namespace
}  // namespace ng
