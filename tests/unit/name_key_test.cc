#include "text/name_key.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <thread>

namespace ng {
namespace {

const NameKeyer& keyer() {
  static std::unique_ptr<NameKeyer> k = [] {
    NameKeyOptions o;
    o.data_dir = NG_TEST_DATA_DIR;
    auto r = NameKeyer::create(o);
    EXPECT_TRUE(r.is_ok()) << r.status().message();
    return r ? std::move(*r) : nullptr;
  }();
  return *k;
}

TEST(NameKey, FoldsScriptsAndDiacritics) {
  EXPECT_EQ(keyer().fold("Сергей Шойгу"), "sergey shoygu");  // BGN, as English-language news spell it
  EXPECT_EQ(keyer().fold("Tô Lâm"), "to lam");
  EXPECT_EQ(keyer().fold("То Лам"), "to lam");
  EXPECT_EQ(keyer().fold("Ngô Xuân Lịch"), "ngo xuan lich");
  EXPECT_EQ(keyer().fold("Jean-Yves  Le Drian"), "jean yves le drian");
  EXPECT_EQ(keyer().fold("習近平"), "xi jin ping");
  EXPECT_EQ(keyer().fold("—"), "");
}

TEST(NameKey, OnePersonInManyLanguages) {
  const std::pair<const char*, const char*> shoigu[] = {
      {"Sergei Shoigu", "en"}, {"Sergey Shoygu", "en"},   {"Sergej Schoigu", "de"}, {"Sergej Sjojgu", "sv"},
      {"Сергей Шойгу", "ru"},  {"Sergueï Choïgou", "fr"}, {"Serguéi Shoigú", "es"}, {"Sergei Shoigu", "id"}};
  for (const auto& [name, lang] : shoigu) {
    auto k = keyer().keys(name, lang);
    EXPECT_NE(std::find(k.begin(), k.end(), "sergei shoigu"), k.end()) << name << " (" << lang << ")";
  }
  EXPECT_TRUE(keyer().same("Sergej Lawrow", "de", "Сергей Лавров", "ru"));
  EXPECT_TRUE(keyer().same("Wladimir Putin", "de", "Vladimir Poutine", "fr"));
  EXPECT_TRUE(keyer().same("To Lam", "en", "Tô Lâm", "vi"));
}

TEST(NameKey, LanguageRulesDoNotHideTheWrittenForm) {
  // German j is y in Sergej but j in Jakarta: both keys are kept.
  auto k = keyer().keys("Jakarta", "de");
  EXPECT_NE(std::find(k.begin(), k.end(), "jakarta"), k.end());
  EXPECT_TRUE(keyer().same("Jakarta", "de", "Jakarta", "en"));
  EXPECT_TRUE(keyer().same("Wang Yi", "de", "Wang Yi", "en"));
}

TEST(NameKey, DifferentPeopleStayApart) {
  EXPECT_FALSE(keyer().same("Nguyen Minh Vu", "en", "Nguyễn Minh Triết", "vi"));
  EXPECT_FALSE(keyer().same("Sergei Shoigu", "en", "Sergei Lavrov", "en"));
}

TEST(NameKey, MalformedRuleIsAnErrorNamingTheFile) {
  std::string dir = testing::TempDir() + "/ng_namekey_bad";
  std::filesystem::create_directories(dir + "/namekey");
  { std::ofstream(dir + "/namekey/de.tsv") << "# comment\n(unclosed\tx\n"; }
  NameKeyOptions o;
  o.data_dir = dir;
  auto r = NameKeyer::create(o);
  ASSERT_FALSE(r.is_ok());
  EXPECT_NE(r.status().message().find("namekey/de.tsv:2"), std::string::npos) << r.status().message();
}

}  // namespace
}  // namespace ng

namespace ng {
namespace {

TEST(NameKey, ManyThreadsGetTheSameKeys) {
  const std::vector<std::pair<std::string, std::string>> names = {
      {"Сергей Шойгу", "ru"}, {"Sergej Sjojgu", "sv"}, {"Tô Lâm", "vi"}, {"Sergueï Choïgou", "fr"}};
  std::vector<std::vector<std::string>> want;
  for (const auto& [n, l] : names) want.push_back(keyer().keys(n, l));
  std::vector<int> wrong(4, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 200; ++i) {
        size_t k = (i + t) % names.size();
        if (keyer().keys(names[k].first, names[k].second) != want[k]) ++wrong[t];
      }
    });
  }
  for (auto& th : threads) th.join();
  for (int t = 0; t < 4; ++t) EXPECT_EQ(wrong[t], 0) << "thread " << t;
}

}  // namespace
}  // namespace ng
