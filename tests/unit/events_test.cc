#include "extract/events.h"

#include <gtest/gtest.h>

#include "link/linker.h"
#include "process_text.h"

namespace ng {
namespace {

// Runs the document stages, the linker and the event stage on `text`;
// returns "CODE actor1[country1] -> actor2[country2] @place date" per frame.
std::vector<std::string> frames(const std::string& text, const std::string& lang, const std::string& published = "") {
  static std::unique_ptr<EventExtractor> events = [] {
    EventOptions o;
    o.data_dir = NG_TEST_DATA_DIR;
    auto e = EventExtractor::create(o);
    EXPECT_TRUE(e.is_ok()) << e.status().message();
    return std::move(*e);
  }();
  LinkOptions lo;
  lo.data_dir = NG_TEST_DATA_DIR;
  auto linker = Linker::create(lo);
  EXPECT_TRUE(linker.is_ok());
  std::vector<Document> docs{testing_support::process_text(text, lang, published)};
  (*linker)->link(docs);
  const Document& doc = docs[0];
  std::vector<std::string> out;
  auto name = [&](int i, const std::string& c) {
    if (i < 0) return c.empty() ? std::string("-") : "-[" + c + "]";
    return std::string(doc.mentions[static_cast<size_t>(i)].span.of(doc.text)) + "[" + c + "]";
  };
  for (const EventFrame& f : events->extract(doc)) {
    out.push_back(f.code + " " + name(f.actor1, f.country1) + " -> " + name(f.actor2, f.country2) +
                  (f.place >= 0 ? " @" + std::string(doc.mentions[static_cast<size_t>(f.place)].span.of(doc.text)) : "") +
                  " " + f.date);
  }
  return out;
}

bool has(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

TEST(Events, HostingAVisitInSeveralLanguages) {
  auto en = frames("Vietnamese Prime Minister Pham Minh Chinh received Russian Foreign Minister Sergei Lavrov in Hanoi "
                   "on March 3, 2026.",
                   "en");
  EXPECT_TRUE(has(en, "043 Pham Minh Chinh[VNM] -> Sergei Lavrov[RUS] @Hanoi 2026-03-03")) << ::testing::PrintToString(en);
  // German verb second: the host stands after the verb.
  auto de = frames("Am Dienstag empfing Generalsekretär Nguyen Van Minh den russischen Außenminister Sergej Lawrow.", "de",
                   "2026-03-04");
  ASSERT_FALSE(de.empty());
  EXPECT_EQ(de[0].substr(0, 4), "043 ") << ::testing::PrintToString(de);
  EXPECT_NE(de[0].find("Minh["), std::string::npos) << ::testing::PrintToString(de);  // the host
  EXPECT_NE(de[0].find("2026-03-03"), std::string::npos) << ::testing::PrintToString(de);  // "Am Dienstag"
  EXPECT_NE(de[0].find("-> Sergej Lawrow[RUS]"), std::string::npos) << ::testing::PrintToString(de);
  auto vi = frames("Ngày 3/3/2026, Thủ tướng Phạm Minh Chính tiếp Bộ trưởng Ngoại giao Nga Sergei Lavrov tại Hà Nội.", "vi");
  ASSERT_FALSE(vi.empty());
  EXPECT_EQ(vi[0].substr(0, 4), "043 ") << ::testing::PrintToString(vi);
  EXPECT_NE(vi[0].find("-> Sergei Lavrov[RUS]"), std::string::npos) << ::testing::PrintToString(vi);
  EXPECT_NE(vi[0].find("2026-03-03"), std::string::npos) << ::testing::PrintToString(vi);
}

TEST(Events, StatementsSigningsAndWordsThatOnlyLookLikeTriggers) {
  // The speaker named after the verb of saying is the one who speaks.
  auto ru = frames("«Вьетнам — наш надёжный партнёр», — сказал Сергей Лавров.", "ru", "2026-03-03");
  EXPECT_TRUE(std::any_of(ru.begin(), ru.end(), [](const std::string& f) { return f.rfind("010 Сергей Лавров[", 0) == 0; }))
      << ::testing::PrintToString(ru);
  // "tiếp tục" (continue) holds "tiếp" (receive): no hosting.
  auto vi = frames("Bộ trưởng Lê Văn Hùng tiếp tục làm việc với Đại sứ Ivan Petrov.", "vi", "2026-03-03");
  EXPECT_FALSE(std::any_of(vi.begin(), vi.end(), [](const std::string& f) { return f.rfind("043", 0) == 0; }))
      << ::testing::PrintToString(vi);
  // A trigger inside a name is part of the name.
  auto apec = frames("Leaders of the Asia-Pacific Economic Cooperation forum met Ana Costa in Lima.", "en", "2026-03-03");
  EXPECT_FALSE(std::any_of(apec.begin(), apec.end(), [](const std::string& f) { return f.rfind("061", 0) == 0; }))
      << ::testing::PrintToString(apec);
  // A background date in the sentence is not the event's date.
  auto en = frames(
      "On March 3, 2026, President Ana Costa met Prime Minister Li Wei in Lisbon. Later Ana Costa and Li Wei signed a treaty "
      "that renews the accord of January 5, 1975.",
      "en", "2026-03-03");
  EXPECT_TRUE(has(en, "040 Ana Costa[] -> Li Wei[] @Lisbon 2026-03-03")) << ::testing::PrintToString(en);
  EXPECT_TRUE(std::any_of(en.begin(), en.end(), [](const std::string& f) {
    return f.rfind("057 ", 0) == 0 && f.substr(f.size() - 10) == "2026-03-03";
  })) << ::testing::PrintToString(en);
}

bool has_code(const std::vector<std::string>& v, const std::string& code) {
  return std::any_of(v.begin(), v.end(), [&](const std::string& f) { return f.rfind(code + " ", 0) == 0; });
}

TEST(Events, SayingBesideAHappeningIsAttribution) {
  // The signing is the event; "officials said" only reports it.
  auto signed_ = frames("Norway signed a fisheries agreement with Iceland on Monday, officials said.", "en", "2026-03-03");
  EXPECT_TRUE(has_code(signed_, "057")) << ::testing::PrintToString(signed_);
  EXPECT_FALSE(has_code(signed_, "010")) << ::testing::PrintToString(signed_);
  // "..., a senior official said": not Peru nor Chile speaks.
  auto unnamed = frames("Chile will send grain to Peru next month, a senior official said.", "en", "2026-03-03");
  EXPECT_FALSE(has_code(unnamed, "010")) << ::testing::PrintToString(unnamed);
  // A speaker written before the verb still speaks.
  auto named = frames("Chile said it would send grain to Peru.", "en", "2026-03-03");
  EXPECT_TRUE(has_code(named, "010")) << ::testing::PrintToString(named);
}

TEST(Events, ADelegationLeaderAttendingAMeetingAbroad) {
  // The leader takes the country of the delegation; the meeting's host is the country of its place.
  auto en = frames("The delegation of Vietnam's Ministry of Public Security, led by General Pham Van Long, attended the "
                   "security conference in Moscow.",
                   "en", "2026-05-28");
  EXPECT_TRUE(has(en, "ATT Pham Van Long[VNM] -> -[RUS] @Moscow 2026-05-28")) << ::testing::PrintToString(en);
  auto sv = frames("Delegationen från Vietnams ministerium, ledd av general Pham Van Long, deltog i konferensen i Moskva.",
                   "sv", "2026-05-28");
  EXPECT_TRUE(std::any_of(sv.begin(), sv.end(), [](const std::string& f) {
    return f.rfind("ATT Pham Van Long[VNM] -> -[RUS]", 0) == 0;
  })) << ::testing::PrintToString(sv);
  // Without a "led by", nothing lends the person a country.
  auto plain = frames("General Pham Van Long attended the security conference in Moscow.", "en", "2026-05-28");
  EXPECT_TRUE(std::any_of(plain.begin(), plain.end(), [](const std::string& f) {
    return f.rfind("ATT Pham Van Long[] -> -[RUS]", 0) == 0;
  })) << ::testing::PrintToString(plain);
}

TEST(Events, MoreCameoCategoriesInEnglish) {
  auto phone = frames("President Ana Costa telephoned Prime Minister Li Wei on Friday.", "en", "2026-03-04");
  EXPECT_TRUE(has_code(phone, "041")) << ::testing::PrintToString(phone);
  auto travel = frames("Chancellor Ana Costa travelled to Japan for two days of meetings.", "en", "2026-03-04");
  EXPECT_TRUE(has_code(travel, "042")) << ::testing::PrintToString(travel);
  auto intent = frames("Prime Minister Li Wei will visit Chile in April.", "en", "2026-03-04");
  EXPECT_TRUE(has_code(intent, "036")) << ::testing::PrintToString(intent);
  auto condemn = frames("Norway condemned the shelling of Iceland's coast guard.", "en", "2026-03-04");
  EXPECT_TRUE(has_code(condemn, "111")) << ::testing::PrintToString(condemn);
  auto appeal = frames("Chile urged Peru to reopen the border.", "en", "2026-03-04");
  EXPECT_TRUE(has_code(appeal, "020")) << ::testing::PrintToString(appeal);
}

}  // namespace
}  // namespace ng
