// Store::search_documents (migration 8): full-text search across languages
// with case and diacritics folded, filters, paging, and user input that is
// never FTS syntax. Texts written for this test.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>

#include "../fresh_db.h"
#include "store/sqlite/schema.h"
#include "store/store.h"

namespace ng {
namespace {

namespace fs = std::filesystem;

Document doc(const std::string& id, const std::string& lang, const std::string& title, const std::string& text,
             const std::string& published) {
  Document d;
  d.id = id;
  d.source = "in/" + id + ".txt";
  d.format = Format::kText;
  d.lang = d.lang_detected = lang;
  d.lang_reliable = true;
  d.charset = "utf-8";
  d.title = title;
  d.text = d.extracted = text;
  d.raw_size = text.size();
  d.published = published;
  return d;
}

class SearchTest : public testing::Test {
 protected:
  void SetUp() override {
    // One store per test: ctest runs the tests of this fixture in parallel.
    path_ = fresh_db("search_test", std::string(testing::UnitTest::GetInstance()->current_test_info()->name()) + ".db")
                .string();
    auto s = open_sqlite_store(path_);
    ASSERT_TRUE(s.is_ok()) << s.status().message();
    store_ = std::move(*s);
    std::vector<Document> docs = {
        doc("vi-1", "vi", "Tổng Bí thư Tô Lâm tiếp khách", "Tổng Bí thư Tô Lâm đã tiếp đoàn đại biểu tại Hà Nội.",
            "2026-04-14"),
        doc("en-1", "en", "Party chief To Lam receives a delegation", "To Lam received the delegation in Hanoi.",
            "2026-04-15"),
        doc("vi-2", "vi", "Đồng Nai mở đường mới", "Tỉnh Đồng Nai khánh thành đường cao tốc.", "2026-06-01"),
        doc("de-1", "de", "Łódź und Ørsted", "Der Besuch führte nach Łódź; Ørsted baut dort.", "2026-06-02"),
    };
    auto r = store_->write_batch(docs, {});
    ASSERT_TRUE(r.is_ok()) << r.status().message();
  }
  std::vector<std::string> ids(const SearchQuery& q) {
    auto hits = store_->search_documents(q);
    EXPECT_TRUE(hits.is_ok()) << hits.status().message();
    std::vector<std::string> out;
    if (hits) {
      for (const auto& h : *hits) out.push_back(h.doc.id);
    }
    return out;
  }
  std::vector<std::string> ids(const std::string& text) {
    SearchQuery q;
    q.text = text;
    return ids(q);
  }
  std::string path_;
  std::unique_ptr<Store> store_;
};

TEST_F(SearchTest, CaseAndDiacriticsDoNotMatter) {
  // Newest arrival first.
  EXPECT_EQ(ids("to lam"), (std::vector<std::string>{"en-1", "vi-1"}));
  EXPECT_EQ(ids("TÔ LÂM"), (std::vector<std::string>{"en-1", "vi-1"}));
  EXPECT_EQ(ids("ha noi"), (std::vector<std::string>{"vi-1"}));
}

TEST_F(SearchTest, LettersWithoutADecompositionAreFoldedToo) {
  EXPECT_EQ(ids("dong nai duong"), (std::vector<std::string>{"vi-2"}));
  EXPECT_EQ(ids("Đồng Nai"), (std::vector<std::string>{"vi-2"}));
  EXPECT_EQ(ids("lodz orsted"), (std::vector<std::string>{"de-1"}));
}

TEST_F(SearchTest, EveryWordMustOccur) {
  EXPECT_EQ(ids("to lam hanoi"), (std::vector<std::string>{"en-1"}));
  EXPECT_TRUE(ids("to lam lodz").empty());
}

TEST_F(SearchTest, FiltersAndPages) {
  SearchQuery q;
  q.text = "to lam";
  q.lang = "vi";
  EXPECT_EQ(ids(q), (std::vector<std::string>{"vi-1"}));
  q = SearchQuery();
  q.from = "2026-06-01";
  EXPECT_EQ(ids(q), (std::vector<std::string>{"de-1", "vi-2"}));  // no words: every document of the period
  q.to = "2026-06-01";
  EXPECT_EQ(ids(q), (std::vector<std::string>{"vi-2"}));
  q = SearchQuery();
  q.limit = 2;
  q.offset = 1;
  EXPECT_EQ(ids(q), (std::vector<std::string>{"vi-2", "en-1"}));
}

TEST_F(SearchTest, InputIsNeverQuerySyntax) {
  for (const char* text : {"\"", "to* OR lam", "NEAR(to lam)", "'; DROP TABLE documents; --", "lam^", "-lam", "{}"}) {
    SearchQuery q;
    q.text = text;
    EXPECT_TRUE(store_->search_documents(q).is_ok()) << text;
  }
  EXPECT_EQ(ids("to* OR lam").size(), 0u);  // "or" is a word here, and no document has it
  EXPECT_EQ(ids("(to) [lam]"), (std::vector<std::string>{"en-1", "vi-1"}));
  auto st = store_->stats();
  ASSERT_TRUE(st.is_ok());
  EXPECT_EQ(st->documents, 4);
}

// A period that ends bounds the scan to the seqs of its documents
// (documents_day): documents whose day is not in arrival order, or is their
// event date rather than their publication date, are still found, and only
// they.
TEST_F(SearchTest, APeriodFindsItsDocumentsWhateverTheirArrivalOrder) {
  std::vector<Document> docs = {
      doc("late-old", "en", "To Lam in April", "To Lam visited the port.", "2026-04-16"),
      doc("dated", "en", "To Lam, looking back", "To Lam opened the bridge.", "2026-07-01"),
      doc("new", "en", "To Lam in July", "To Lam met the governor.", "2026-07-02"),
  };
  docs[1].event_date = "2026-04-15";  // reports a day of April, published in July
  auto r = store_->write_batch(docs, {});
  ASSERT_TRUE(r.is_ok()) << r.status().message();
  SearchQuery q;
  q.text = "to lam";
  q.from = "2026-04-14";
  q.to = "2026-04-30";
  EXPECT_EQ(ids(q), (std::vector<std::string>{"dated", "late-old", "en-1", "vi-1"}));
  q.from.clear();
  q.to = "2026-04-15";
  EXPECT_EQ(ids(q), (std::vector<std::string>{"dated", "en-1", "vi-1"}));
  q.offset = 1;
  q.limit = 1;
  EXPECT_EQ(ids(q), (std::vector<std::string>{"en-1"}));
  q = SearchQuery();
  q.text = "to lam";
  q.from = "2026-05-01";
  q.to = "2026-06-30";  // documents of the period, none with the words
  EXPECT_TRUE(ids(q).empty());
  q.from = "2027-01-01";
  q.to = "2027-12-31";  // no document at all
  EXPECT_TRUE(ids(q).empty());
  q = SearchQuery();
  q.to = "2026-04-15";  // no words
  EXPECT_EQ(ids(q), (std::vector<std::string>{"dated", "en-1", "vi-1"}));
}

TEST(Search, MigrationEightIndexesTheDocumentsAlreadyStored) {
  std::string path = fresh_db("search_test", "v7.db").string();
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  // A store as version 7 left it, with a document the index has never seen.
  std::string v7;
  for (size_t i = 0; i < 7; ++i) v7 += std::string(sqlite::migrations()[i]) + "\n";
  v7 += "PRAGMA user_version = 7;";
  ASSERT_EQ(sqlite3_exec(db, v7.c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db,
                         "INSERT INTO documents (id, source, format, charset, lang, lang_detected, title, text, "
                         "extracted, ingested_at) VALUES ('old', 'x.txt', 'txt', 'UTF-8', 'vi', 'vi', 'Tin cũ', "
                         "'Đoàn đại biểu thăm Đà Nẵng.', 'x', '2026-01-01T00:00:00Z')",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  auto s = open_sqlite_store(path);
  ASSERT_TRUE(s.is_ok()) << s.status().message();
  SearchQuery q;
  q.text = "doan da nang";
  auto hits = (*s)->search_documents(q);
  ASSERT_TRUE(hits.is_ok()) << hits.status().message();
  ASSERT_EQ(hits->size(), 1u);
  EXPECT_EQ((*hits)[0].doc.id, "old");
}

}  // namespace
}  // namespace ng
