#include "ingest/reader.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace ng {
namespace {

namespace fs = std::filesystem;

struct Collected {
  std::vector<RawRecord> records;
  std::vector<Reject> rejects;
  RecordSink sink() {
    RecordSink s;
    s.record = [this](RawRecord&& r) { records.push_back(std::move(r)); };
    s.reject = [this](Reject&& r) { rejects.push_back(std::move(r)); };
    return s;
  }
};

fs::path fresh_dir(const std::string& name) {
  fs::path d = fs::path(testing::TempDir()) / name;
  fs::remove_all(d);
  fs::create_directories(d);
  return d;
}

void write(const fs::path& p, const std::string& bytes) { std::ofstream(p, std::ios::binary) << bytes; }

TEST(Reader, FormatFromPath) {
  Format f;
  ASSERT_TRUE(format_from_path("a/b.JSONL.gz", f));
  EXPECT_EQ(f, Format::kJsonl);
  ASSERT_TRUE(format_from_path("x.warc.gz", f));
  EXPECT_EQ(f, Format::kWarc);
  ASSERT_TRUE(format_from_path("feed.atom", f));
  EXPECT_EQ(f, Format::kFeed);
  ASSERT_TRUE(format_from_path("page.htm", f));
  EXPECT_EQ(f, Format::kHtml);
  EXPECT_FALSE(format_from_path("notes.md", f));
}

TEST(Reader, JsonlFieldsAndBadLines) {
  auto d = fresh_dir("ng_reader_jsonl");
  write(d / "a.jsonl",
        "{\"id\":\"x1\",\"url\":\"https://n.example/1\",\"title\":\"T\",\"published\":\"2025-12-09\",\"lang\":\"vi\","
        "\"text\":\"Tô Lâm tiếp Sergei Shoigu.\"}\n"
        "\n"
        "{\"id\": 42, \"published\": null, \"text\": \"Numeric id.\"}\n"
        "{broken\n"
        "[1,2]\n"
        "{\"id\":\"x5\",\"title\":{\"a\":1},\"text\":\"t\"}\n"
        "{\"id\":\"x6\",\"text\":\"   \"}\n");
  Collected c;
  auto sink = c.sink();
  read_inputs({(d / "a.jsonl").string()}, {}, sink);
  ASSERT_EQ(c.records.size(), 2u);
  EXPECT_EQ(c.records[0].id, "x1");
  EXPECT_EQ(c.records[0].url, "https://n.example/1");
  EXPECT_EQ(c.records[0].published, "2025-12-09");
  EXPECT_EQ(c.records[0].lang, "vi");
  EXPECT_EQ(c.records[0].body, "Tô Lâm tiếp Sergei Shoigu.");
  EXPECT_EQ(c.records[0].locator, "line 1");
  EXPECT_EQ(c.records[1].id, "42");
  EXPECT_EQ(c.records[1].locator, "line 3");
  ASSERT_EQ(c.rejects.size(), 4u);
  EXPECT_EQ(c.rejects[0].locator, "line 4");
  EXPECT_NE(c.rejects[0].reason.find("malformed JSON"), std::string::npos);
  EXPECT_EQ(c.rejects[1].reason, "not a JSON object");
  EXPECT_EQ(c.rejects[2].reason, "\"title\" must be a string");
  EXPECT_EQ(c.rejects[3].reason, "missing or empty \"text\"");
}

TEST(Reader, DirectoriesAreWalkedSortedAndSymlinkLoopsEnd) {
  auto d = fresh_dir("ng_reader_walk");
  fs::create_directories(d / "b" / "c");
  write(d / "b" / "c" / "z.txt", "zeta");
  write(d / "a.txt", "alpha");
  write(d / "README.md", "not an article");
  write(d / ".hidden.txt", "hidden");
  fs::create_directory_symlink("..", d / "b" / "c" / "up");
  Collected c;
  auto sink = c.sink();
  read_inputs({d.string()}, {}, sink);
  ASSERT_EQ(c.records.size(), 2u);
  EXPECT_EQ(c.records[0].body, "alpha");
  EXPECT_EQ(c.records[1].body, "zeta");
  ASSERT_EQ(c.rejects.size(), 1u);
  EXPECT_NE(c.rejects[0].source.find("up"), std::string::npos);
  EXPECT_NE(c.rejects[0].reason.find("already visited"), std::string::npos);
}

TEST(Reader, ExplicitBadPathsAreRejected) {
  auto d = fresh_dir("ng_reader_bad");
  write(d / "notes.md", "x");
  write(d / "empty.html", "");
  Collected c;
  auto sink = c.sink();
  read_inputs({(d / "missing.txt").string(), (d / "notes.md").string(), (d / "empty.html").string()}, {}, sink);
  EXPECT_TRUE(c.records.empty());
  ASSERT_EQ(c.rejects.size(), 3u);
  EXPECT_EQ(c.rejects[0].reason, "no such file or directory");
  EXPECT_NE(c.rejects[1].reason.find("unknown file type"), std::string::npos);
  EXPECT_EQ(c.rejects[2].reason, "empty file");
}

TEST(Reader, OversizedFileIsRefusedWithoutReadingItAll) {
  auto d = fresh_dir("ng_reader_big");
  write(d / "big.txt", std::string(3 << 20, 'a'));
  ReaderOptions o;
  o.max_record_bytes = 1 << 20;
  Collected c;
  auto sink = c.sink();
  read_inputs({(d / "big.txt").string()}, o, sink);
  EXPECT_TRUE(c.records.empty());
  ASSERT_EQ(c.rejects.size(), 1u);
  EXPECT_NE(c.rejects[0].reason.find("larger than the limit of 1 MiB"), std::string::npos);
}

}  // namespace
}  // namespace ng
