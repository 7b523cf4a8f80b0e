#include "pipeline/pipeline.h"

#include <gtest/gtest.h>

#include <filesystem>

namespace ng {
namespace {

namespace fs = std::filesystem;

PipelineOptions options(int threads = 1) {
  PipelineOptions o;
  o.data_dir = NG_TEST_DATA_DIR;
  o.threads = threads;
  o.batch_size = 3;
  return o;
}

RawRecord text_record(const std::string& source, const std::string& body) {
  RawRecord r;
  r.source = source;
  r.format = Format::kText;
  r.body = body;
  return r;
}

const char* kGerman =
    "Minister trifft Amtskollegen in Hanoi\n\n"
    "Der Verteidigungsminister ist am Montag zu einem zweitägigen Besuch in Hanoi eingetroffen. "
    "Gen. Phan Van Giang empfing ihn am Flughafen. Beide Seiten wollen die Zusammenarbeit in der "
    "Ausbildung und der Militärmedizin vertiefen.\n\n"
    "Kommentar (0)\n\n"
    "Quelle: https://www.example.de/politik/besuch-hanoi\n";

TEST(DocumentProcessor, RunsEveryStage) {
  auto p = DocumentProcessor::create(options());
  ASSERT_TRUE(p.is_ok()) << p.status().message();
  auto d = (*p)->process(text_record("in/a.txt", kGerman));
  ASSERT_TRUE(d.is_ok()) << d.status().message();
  EXPECT_EQ(d->title, "Minister trifft Amtskollegen in Hanoi");
  EXPECT_EQ(d->url, "https://www.example.de/politik/besuch-hanoi");
  EXPECT_EQ(d->lang, "de");
  EXPECT_TRUE(d->lang_reliable);
  EXPECT_EQ(d->text.find("Kommentar"), std::string::npos);
  EXPECT_EQ(d->text.find("Quelle"), std::string::npos);
  EXPECT_GE(d->removed.size(), 2u);
  // Headline, three sentences ("Gen." does not end one).
  std::vector<std::string> sentences;
  for (const auto& s : d->sentences) sentences.emplace_back(s.span.of(d->text));
  ASSERT_EQ(sentences.size(), 4u) << ::testing::PrintToString(sentences);
  EXPECT_EQ(sentences[2], "Gen. Phan Van Giang empfing ihn am Flughafen.");  // spans exclude trailing space
  EXPECT_FALSE(d->tokens.empty());
  // A "Quelle:" line cites; it does not identify: the id comes from the text.
  EXPECT_EQ(d->id[0], 'h');
}

TEST(DocumentProcessor, IdIsStableAndFollowsTheBestKey) {
  auto p = DocumentProcessor::create(options());
  ASSERT_TRUE(p.is_ok());
  RawRecord a = text_record("in/a.txt", kGerman);
  RawRecord b = text_record("elsewhere/b.txt", std::string(kGerman) + "\n\n");
  auto da = (*p)->process(a);
  auto db = (*p)->process(b);
  ASSERT_TRUE(da.is_ok() && db.is_ok());
  EXPECT_EQ(da->id, db->id) << "same text from two files is one document";
  RawRecord j = a;
  j.format = Format::kJsonl;
  j.id = "agency-123";
  auto dj = (*p)->process(j);
  ASSERT_TRUE(dj.is_ok());
  EXPECT_EQ(dj->id, "agency-123");
  RawRecord u = a;
  u.format = Format::kJsonl;
  u.url = "https://www.example.de/politik/besuch-hanoi-original";
  auto du = (*p)->process(u);
  ASSERT_TRUE(du.is_ok());
  EXPECT_EQ(du->id[0], 'u');
}

TEST(DocumentProcessor, GivenLanguageIsKeptAndComparedWithTheDetectedOne) {
  auto p = DocumentProcessor::create(options());
  ASSERT_TRUE(p.is_ok());
  RawRecord r = text_record("in/a.jsonl", kGerman);
  r.format = Format::kJsonl;
  r.lang = "sv-SE";
  auto d = (*p)->process(r);
  ASSERT_TRUE(d.is_ok());
  EXPECT_EQ(d->lang_given, "sv");
  EXPECT_EQ(d->lang, "sv");
  EXPECT_EQ(d->lang_detected, "de");
}

TEST(DocumentProcessor, RejectsWhatIsNotAnArticle) {
  auto p = DocumentProcessor::create(options());
  ASSERT_TRUE(p.is_ok());
  auto furniture_only = (*p)->process(text_record("in/x.txt", "Back to top\nShare this article\n"));
  ASSERT_FALSE(furniture_only.is_ok());
  EXPECT_NE(furniture_only.status().message().find("no article text"), std::string::npos);
  auto binary = (*p)->process(text_record("in/y.txt", std::string("PK\x03\x04\0\0\0\x08\0\0binary", 16)));
  EXPECT_FALSE(binary.is_ok());
}

TEST(DocumentProcessor, MissingDataDirectoryIsAClearError) {
  PipelineOptions o = options();
  o.data_dir = (fs::path(testing::TempDir()) / "no-such-data-dir").string();
  auto p = DocumentProcessor::create(o);
  ASSERT_FALSE(p.is_ok());
  EXPECT_NE(p.status().message().find("no-such-data-dir"), std::string::npos) << p.status().message();
}

}  // namespace
}  // namespace ng
