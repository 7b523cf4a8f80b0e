#include "ingest/clean.h"

#include <gtest/gtest.h>

namespace ng {
namespace {

std::unique_ptr<Cleaner> make_cleaner() {
  CleanOptions o;
  o.data_dir = NG_TEST_DATA_DIR;
  auto c = Cleaner::create(o);
  EXPECT_TRUE(c.is_ok()) << c.status().to_string();
  return std::move(c.value());
}

bool removed_with(const CleanResult& r, const std::string& text, const std::string& reason) {
  for (const auto& x : r.removed)
    if (x.text == text && x.reason == reason) return true;
  return false;
}

TEST(Clean, RemovesCommentCountersInManyLanguages) {
  auto c = make_cleaner();
  std::string in =
      "Die Außenminister trafen sich am Montag in Wien.\n\n"
      "Kommentar (0)\nKomentar (12)\nComments (3)\nBình luận (5)\nКомментарии (2)\n";
  auto r = c->clean(in, false);
  EXPECT_EQ(r.text, "Die Außenminister trafen sich am Montag in Wien.");
  EXPECT_EQ(r.removed.size(), 5u);
  EXPECT_TRUE(removed_with(r, "Kommentar (0)", "comment counter"));
  EXPECT_TRUE(removed_with(r, "Комментарии (2)", "comment counter"));
}

TEST(Clean, RemovalSpansPointIntoTheInput) {
  auto c = make_cleaner();
  std::string in = "Erste Zeile des Artikels.\nBack to top\nZweite Zeile.";
  auto r = c->clean(in, false);
  ASSERT_EQ(r.removed.size(), 1u);
  EXPECT_EQ(r.removed[0].span.of(in), "Back to top");
  EXPECT_EQ(r.removed[0].reason, "navigation");
  EXPECT_EQ(r.text, "Erste Zeile des Artikels.\nZweite Zeile.");
}

TEST(Clean, SourceLineBecomesUrlAndSignoffsBecomeAgency) {
  auto c = make_cleaner();
  std::string in =
      "Bộ trưởng hai nước đã ký kết biên bản ghi nhớ về hợp tác năng lượng.\n"
      "(TTXVN/Vietnam+)\n"
      "Nguồn: https://tin.example.vn/bo-truong-ky-ket-20251209.html\n"
      "\n\n\nVNA\n";
  auto r = c->clean(in, false);
  EXPECT_EQ(r.text, "Bộ trưởng hai nước đã ký kết biên bản ghi nhớ về hợp tác năng lượng.");
  EXPECT_EQ(r.url, "https://tin.example.vn/bo-truong-ky-ket-20251209.html");
  EXPECT_EQ(r.agency, "TTXVN/Vietnam+; VNA");
  EXPECT_TRUE(removed_with(r, "Nguồn: https://tin.example.vn/bo-truong-ky-ket-20251209.html", "source line"));
}

TEST(Clean, SourceLabelsInEachLanguage) {
  auto c = make_cleaner();
  for (std::string label : {"Quelle:", "Källa:", "Source:", "Sumber:", "Источник:", "Fuente:"}) {
    auto r = c->clean("Ein kurzer Text über ein Treffen.\n" + label + " https://news.example/a-1", false);
    EXPECT_EQ(r.url, "https://news.example/a-1") << label;
    EXPECT_EQ(r.text, "Ein kurzer Text über ein Treffen.") << label;
  }
}

TEST(Clean, PhotoCreditLinesAndInlineCredits) {
  auto c = make_cleaner();
  std::string in =
      "The two ministers shake hands before their talks in Moscow. (Photo: Minh Anh/VNA)\n"
      "FOTO: VNA\n"
      "The talks lasted three hours and ended with a joint statement.";
  auto r = c->clean(in, false);
  EXPECT_EQ(r.text,
            "The two ministers shake hands before their talks in Moscow.\n"
            "The talks lasted three hours and ended with a joint statement.");
  EXPECT_TRUE(removed_with(r, " (Photo: Minh Anh/VNA)", "photo credit"));
  EXPECT_TRUE(removed_with(r, "FOTO: VNA", "photo credit"));
  EXPECT_EQ(r.agency, "VNA");
}

TEST(Clean, RepeatedCaptionIsKeptOnce) {
  auto c = make_cleaner();
  std::string caption = "Prime Minister and the visiting delegation at the Presidential Palace on Tuesday.";
  std::string in = "Headline about the visit\n" + caption + "\n" + caption +
                   " Jane Doe/Example Press\nThe delegation arrived on Monday evening.";
  auto r = c->clean(in, false);
  EXPECT_EQ(r.text, "Headline about the visit\n" + caption + "\nThe delegation arrived on Monday evening.");
  ASSERT_EQ(r.removed.size(), 1u);
  EXPECT_EQ(r.removed[0].reason, "repeated caption");
}

TEST(Clean, ArticleSentencesThatMentionFurnitureWordsStay) {
  auto c = make_cleaner();
  std::string in =
      "Readers left 40 comments on the minister's post within an hour.\n"
      "Share prices in Jakarta rose after the announcement.\n"
      "NATO\n";
  auto r = c->clean(in, false);
  EXPECT_NE(r.text.find("Readers left 40 comments"), std::string::npos);
  EXPECT_NE(r.text.find("Share prices in Jakarta"), std::string::npos);
}

TEST(Clean, GuessTitle) {
  EXPECT_EQ(guess_title("Ministers agree on new trade corridor\n\nThe ministers of both countries agreed."),
            "Ministers agree on new trade corridor");
  // A date line before the headline is skipped.
  EXPECT_EQ(guess_title("Friday, 12/05/2025\n\nTalks in Hanoi end with accord\n\nBody text here."),
            "Talks in Hanoi end with accord");
  // A first line that is a sentence is not a headline.
  EXPECT_EQ(guess_title("The ministers met in Hanoi on Monday, officials said.\nMore text."), "");
  // Nothing after it: not a headline.
  EXPECT_EQ(guess_title("Only one line here"), "");
}

TEST(Clean, MalformedLexiconIsAnErrorNamingFileAndLine) {
  std::string dir = testing::TempDir() + "/ng_bad_furniture";
  std::string cmd = "mkdir -p " + dir + "/furniture && printf 'line\\tok\\nbogus\\tx\\n' > " + dir + "/furniture/xx.tsv";
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  CleanOptions o;
  o.data_dir = dir;
  auto c = Cleaner::create(o);
  ASSERT_FALSE(c.is_ok());
  EXPECT_NE(c.status().message().find("furniture/xx.tsv:2: unknown kind 'bogus'"), std::string::npos)
      << c.status().message();
}

}  // namespace
}  // namespace ng

namespace ng {
namespace {

TEST(Clean, CreditsNameAnAgencyNotAPhotographer) {
  auto c = make_cleaner();
  auto photographer = c->clean("The ministers met in Hanoi on Monday.\n(Photo: Minh Duc)\n", false);
  EXPECT_EQ(photographer.text, "The ministers met in Hanoi on Monday.");
  EXPECT_EQ(photographer.agency, "");
  auto agency = c->clean("Die Minister trafen sich in Hanoi.\n(Foto: Thanh Tung/TTXVN)\n", false);
  EXPECT_EQ(agency.agency, "TTXVN");
  auto wire = c->clean("Ministers met in Jakarta on Wednesday.\nPhoto: Reuters\n", false);
  EXPECT_EQ(wire.agency, "Reuters");
  // A credit at the end of a caption goes; the caption stays.
  auto caption = c->clean("Ministers met in Jakarta on Wednesday.\nThe two ministers in Jakarta. Photo: VNA\n", false);
  EXPECT_EQ(caption.text, "Ministers met in Jakarta on Wednesday.\nThe two ministers in Jakarta.");
  EXPECT_EQ(caption.agency, "VNA");
}

}  // namespace
}  // namespace ng

namespace ng {
namespace {

TEST(Clean, AnAllCapsLineAboveTheBodyIsADatelineNotASignOff) {
  auto c = make_cleaner();
  std::string in =
      "Leaders gather for the Pacific summit\n"
      "LIMA\n"
      "Leaders of twenty-one Pacific economies opened their annual summit in the Peruvian capital on Friday "
      "with talks on trade.\n"
      "AFP\n";
  auto r = c->clean(in, false);
  EXPECT_NE(r.text.find("\nLIMA\n"), std::string::npos) << r.text;
  EXPECT_EQ(r.text.find("AFP"), std::string::npos) << r.text;
  EXPECT_EQ(r.agency, "AFP");
}

}  // namespace
}  // namespace ng

namespace ng {
namespace {

TEST(Clean, ChineseAdvertisementLines) {
  auto c = make_cleaner();
  auto r = c->clean("两国外长周三在河内举行会谈。\n广告 请继续往下阅读\n双方同意加强经贸合作。\n返回顶部\n", false);
  EXPECT_EQ(r.text, "两国外长周三在河内举行会谈。\n双方同意加强经贸合作。");
  EXPECT_EQ(r.removed.size(), 2u);
}

}  // namespace
}  // namespace ng
