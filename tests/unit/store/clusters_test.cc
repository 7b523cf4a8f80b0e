// Store::list_stories (clusters.cc): the order, filters and entity names of
// the story list, read through the clusters_stories index (migration 10).
// Clusters are written as rows here, so that ties and undated stories are
// exactly what the test needs.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>

#include "../fresh_db.h"
#include "store/store.h"

namespace ng {
namespace {

namespace fs = std::filesystem;

class StoriesTest : public testing::Test {
 protected:
  void SetUp() override {
    path_ =
        fresh_db("clusters_test", std::string(testing::UnitTest::GetInstance()->current_test_info()->name()) + ".db")
            .string();
    {
      auto s = open_sqlite_store(path_);  // creates the schema
      ASSERT_TRUE(s.is_ok()) << s.status().message();
    }
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
    // id, level, merged_into, first_date, last_date, documents, entities
    const char* sql =
        "INSERT INTO entities (id, type, name) VALUES (1, 'PER', 'Tô Lâm'), (2, 'LOC', 'Hà Nội'), "
        "(3, 'PER', 'Sergei Shoigu');"
        "INSERT INTO clusters (id, level, merged_into, first_date, last_date, documents, entities, label) VALUES "
        "(10, 'story', NULL, '2026-04-01', '2026-04-14', 3, '1 2', 'a'),"
        "(11, 'story', NULL, '2026-04-10', '2026-04-14', 5, '3 1 99', 'b'),"  // 99: not in the registry
        "(12, 'story', NULL, '2026-04-12', '2026-04-14', 5, '', 'c'),"        // ties 11: by id
        "(13, 'story', NULL, NULL, NULL, 9, '2', 'undated'),"
        "(14, 'story', NULL, '2026-03-01', '2026-03-02', 1, '', 'march'),"
        "(15, 'story', 12, '2026-04-01', '2026-05-01', 1, '', 'merged'),"
        "(16, 'event', NULL, '2026-04-20', '2026-04-20', 7, '', 'an event'),"
        "(17, 'story', NULL, '2026-05-01', NULL, 2, '', 'no last date');";
    ASSERT_EQ(sqlite3_exec(db, sql, nullptr, nullptr, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
    sqlite3_close(db);
    auto s = open_sqlite_store(path_);
    ASSERT_TRUE(s.is_ok()) << s.status().message();
    store_ = std::move(*s);
  }
  std::vector<int64_t> ids(const StoryQuery& q) {
    auto got = store_->list_stories(q);
    EXPECT_TRUE(got.is_ok()) << got.status().message();
    std::vector<int64_t> out;
    if (got) {
      for (const auto& c : *got) out.push_back(c.id);
    }
    return out;
  }
  std::string path_;
  std::unique_ptr<Store> store_;
};

TEST_F(StoriesTest, LatestFirstThenBiggerThenIdUndatedLast) {
  // Merged stories and event clusters are not listed.
  EXPECT_EQ(ids({}), (std::vector<int64_t>{11, 12, 10, 14, 13, 17}));
}

TEST_F(StoriesTest, PagesAndPeriods) {
  StoryQuery q;
  q.limit = 2;
  q.offset = 1;
  EXPECT_EQ(ids(q), (std::vector<int64_t>{12, 10}));
  q = StoryQuery();
  q.from = "2026-04-14";  // the last date (else the first) meets the period
  EXPECT_EQ(ids(q), (std::vector<int64_t>{11, 12, 10, 17}));
  q.to = "2026-04-11";  // and the first date
  EXPECT_EQ(ids(q), (std::vector<int64_t>{11, 10}));
  q = StoryQuery();
  q.to = "2026-03-31";
  EXPECT_EQ(ids(q), (std::vector<int64_t>{14}));
}

TEST_F(StoriesTest, EntitiesKeepTheirOrderWithTheirNames) {
  auto got = store_->list_stories({});
  ASSERT_TRUE(got.is_ok()) << got.status().message();
  ASSERT_EQ(got->size(), 6u);
  const ClusterSummary& b = (*got)[0];
  ASSERT_EQ(b.id, 11);
  EXPECT_EQ(b.entities, (std::vector<std::pair<int64_t, std::string>>{{3, "Sergei Shoigu"}, {1, "Tô Lâm"}}));
  const ClusterSummary& a = (*got)[2];
  ASSERT_EQ(a.id, 10);
  EXPECT_EQ(a.entities, (std::vector<std::pair<int64_t, std::string>>{{1, "Tô Lâm"}, {2, "Hà Nội"}}));
  EXPECT_TRUE((*got)[1].entities.empty());
}

// The index holds the whole order of the list (id included), so a page
// needs no sort: the plan of the list's ORDER BY has no temporary B-tree.
TEST_F(StoriesTest, TheIndexGivesTheWholeOrder) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open_v2(path_.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  sqlite3_stmt* s = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db,
                               "EXPLAIN QUERY PLAN SELECT c.id FROM clusters c INDEXED BY clusters_stories "
                               "WHERE c.level = 'story' AND c.merged_into IS NULL AND c.first_date <= ?1 "
                               "ORDER BY c.last_date IS NULL, c.last_date DESC, c.documents DESC, c.id LIMIT 20",
                               -1, &s, nullptr),
            SQLITE_OK)
      << sqlite3_errmsg(db);
  std::string plan;
  while (sqlite3_step(s) == SQLITE_ROW) plan += std::string(reinterpret_cast<const char*>(sqlite3_column_text(s, 3))) + "\n";
  sqlite3_finalize(s);
  sqlite3_close(db);
  EXPECT_NE(plan.find("clusters_stories"), std::string::npos) << plan;
  EXPECT_EQ(plan.find("TEMP B-TREE"), std::string::npos) << plan;
}

}  // namespace
}  // namespace ng
