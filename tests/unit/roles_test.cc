#include "lexicon/roles.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace ng {
namespace {

const RoleLexicon& roles() {
  static std::unique_ptr<RoleLexicon> r = [] {
    RoleOptions o;
    o.data_dir = NG_TEST_DATA_DIR;
    auto x = RoleLexicon::create(o);
    EXPECT_TRUE(x.is_ok()) << x.status().message();
    return x ? std::move(*x) : nullptr;
  }();
  return *r;
}

// "role=surface" for each match, in order.
std::vector<std::string> found(std::string_view text, std::string_view lang) {
  std::vector<std::string> out;
  for (const RoleMatch& m : roles().find(text, lang)) out.push_back(m.role + "=" + std::string(m.span.of(text)));
  return out;
}

TEST(Roles, OneKeyAcrossLanguages) {
  EXPECT_EQ(found("Generalsekretär To Lam empfing den Gast.", "de"),
            std::vector<std::string>{"general_secretary=Generalsekretär"});
  EXPECT_EQ(found("General Secretary To Lam received the guest.", "en"),
            std::vector<std::string>{"general_secretary=General Secretary"});
  EXPECT_EQ(found("Tổng Bí thư Tô Lâm tiếp khách.", "vi"), std::vector<std::string>{"general_secretary=Tổng Bí thư"});
  EXPECT_EQ(found("Verteidigungsminister Phan Van Giang", "de"),
            std::vector<std::string>{"minister_defence=Verteidigungsminister"});
  EXPECT_EQ(found("Bộ trưởng Quốc phòng Phan Văn Giang", "vi"),
            std::vector<std::string>{"minister_defence=Bộ trưởng Quốc phòng"});
}

TEST(Roles, LongestPhraseWinsAndInflectionsMatchByPrefix) {
  EXPECT_EQ(found("встреча с министром обороны Вьетнама", "ru"),
            std::vector<std::string>{"minister_defence=министром обороны"});
  EXPECT_EQ(found("Wakil Menteri Luar Negeri Pertama Rusia", "id"),
            std::vector<std::string>{"deputy_minister_foreign=Wakil Menteri Luar Negeri Pertama"});
  EXPECT_EQ(found("des Generalsekretärs der Partei", "de"),
            std::vector<std::string>{"general_secretary=Generalsekretärs"});
  EXPECT_EQ(found("the Minister of National Defence said", "en"),
            std::vector<std::string>{"minister_defence=Minister of National Defence"});
}

TEST(Roles, WholeWordsOnlyAndCaseInsensitive) {
  EXPECT_TRUE(found("The Ministerium announced", "de").empty());  // a ministry is not a minister
  EXPECT_TRUE(found("Generalised rules", "en").empty());
  EXPECT_EQ(found("le ministre des affaires étrangères", "fr"),
            std::vector<std::string>{"minister_foreign=ministre des affaires étrangères"});
  EXPECT_TRUE(found("Generalsekretär", "xx").empty());  // no file for the language
}

TEST(Roles, MalformedLineNamesTheFile) {
  std::string dir = testing::TempDir() + "/ng_roles_bad";
  std::filesystem::create_directories(dir + "/roles");
  { std::ofstream(dir + "/roles/de.tsv") << "Kanzler\tchancellor\nnur ein Feld\n"; }
  RoleOptions o;
  o.data_dir = dir;
  auto r = RoleLexicon::create(o);
  ASSERT_FALSE(r.is_ok());
  EXPECT_NE(r.status().message().find("roles/de.tsv:2"), std::string::npos) << r.status().message();
}

}  // namespace
}  // namespace ng

namespace ng {
namespace {

TEST(Roles, TheTailOfAHyphenatedCompoundIsATitle) {
  EXPECT_EQ(found("US-Präsident Joe Biden", "de"), std::vector<std::string>{"president=US-Präsident"});
  EXPECT_EQ(found("Nato-Generalsekretär Mark Rutte", "de"),
            std::vector<std::string>{"general_secretary=Nato-Generalsekretär"});
  EXPECT_EQ(found("Papst Leo und Kardinal Parolin", "de"),
            (std::vector<std::string>{"pope=Papst", "cardinal=Kardinal"}));
}

}  // namespace
}  // namespace ng

namespace ng {
namespace {

TEST(Roles, GermanCompoundsEndingInATitle) {
  EXPECT_EQ(found("Bildungsminister Henrik Berg", "de"), std::vector<std::string>{"minister=Bildungsminister"});
  EXPECT_EQ(found("Vorstandschef Anna Lind", "de"), std::vector<std::string>{"head=Vorstandschef"});
  // An exact entry still wins where it exists.
  EXPECT_EQ(found("Verteidigungsminister Lind", "de"), std::vector<std::string>{"minister_defence=Verteidigungsminister"});
  EXPECT_TRUE(found("Ministerien und Chefs", "de").empty());
}

TEST(Roles, FallbackLanguagesHaveTheCommonTitles) {
  EXPECT_EQ(found("Il ministro della Difesa ha incontrato papa Leone.", "it"),
            (std::vector<std::string>{"minister_defence=ministro della Difesa", "pope=papa"}));
  EXPECT_EQ(found("Spotkanie z prezydentem Francji", "pl"), std::vector<std::string>{"president=prezydentem"});
  EXPECT_EQ(found("Dışişleri Bakanı açıklama yaptı.", "tr"), std::vector<std::string>{"minister_foreign=Dışişleri Bakanı"});
  EXPECT_EQ(found("Udenrigsminister Lars Hansen", "da"), std::vector<std::string>{"minister_foreign=Udenrigsminister"});
}

}  // namespace
}  // namespace ng
