#include "extract/mentions.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>

#include "pipeline/pipeline.h"
#include "process_text.h"

namespace ng {
namespace {

// Runs the foundation stages on `text` (to get sentences and tokens), then
// the extractor; returns "TYPE surface [role]" per mention.
std::vector<std::string> mentions(const std::string& text, const std::string& lang) {
  static std::unique_ptr<MentionExtractor> extractor = [] {
    MentionOptions o;
    o.data_dir = NG_TEST_DATA_DIR;
    auto m = MentionExtractor::create(o);
    EXPECT_TRUE(m.is_ok()) << m.status().message();
    return std::move(*m);
  }();
  Document d = testing_support::process_text(text, lang);
  std::vector<std::string> out;
  for (const Mention& m : extractor->extract(d)) {
    out.push_back(m.type + " " + std::string(m.span.of(d.text)) + (m.role.empty() ? "" : " [" + m.role + "]"));
  }
  return out;
}

bool has(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

TEST(Mentions, TitlesMakePeopleWithRoles) {
  auto m = mentions(
      "Party General Secretary To Lam on Tuesday received Russian Security Council Secretary Sergei Shoigu, "
      "who arrived from Moscow for talks with the Ministry of Public Security.",
      "en");
  EXPECT_TRUE(has(m, "PER To Lam [general_secretary]")) << ::testing::PrintToString(m);
  EXPECT_TRUE(has(m, "PER Sergei Shoigu [security_council_secretary]")) << ::testing::PrintToString(m);
  EXPECT_TRUE(has(m, "LOC Moscow")) << ::testing::PrintToString(m);
  EXPECT_TRUE(has(m, "ORG Ministry of Public Security")) << ::testing::PrintToString(m);
  EXPECT_FALSE(has(m, "PER Russian")) << ::testing::PrintToString(m);
}

TEST(Mentions, VietnameseTitlesEndInLowercaseSyllables) {
  auto m = mentions("Chiều 14/4, Tổng Bí thư Tô Lâm đã tiếp Bộ trưởng Quốc phòng Nga tại Hà Nội.", "vi");
  EXPECT_TRUE(has(m, "PER Tô Lâm [general_secretary]")) << ::testing::PrintToString(m);
  EXPECT_FALSE(has(m, "PER Tổng Bí")) << ::testing::PrintToString(m);
}

TEST(Mentions, GermanNounsAreNotNamesButCountriesAndTitledPeopleAre) {
  auto m = mentions("Der Verteidigungsminister Phan Van Giang traf am Montag in Russland Vertreter der Regierung.",
                    "de");
  EXPECT_TRUE(has(m, "PER Phan Van Giang [minister_defence]")) << ::testing::PrintToString(m);
  EXPECT_TRUE(has(m, "LOC Russland")) << ::testing::PrintToString(m);
  EXPECT_FALSE(has(m, "PER Vertreter")) << ::testing::PrintToString(m);
  EXPECT_FALSE(has(m, "PER Regierung")) << ::testing::PrintToString(m);
}

TEST(Mentions, AcronymsAreOrganisationsAndInflectedCountriesArePlaces) {
  auto m = mentions("Представители АСЕАН и НАТО обсудили ситуацию в России.", "ru");
  EXPECT_TRUE(has(m, "ORG АСЕАН")) << ::testing::PrintToString(m);
  EXPECT_TRUE(has(m, "ORG НАТО")) << ::testing::PrintToString(m);
  EXPECT_TRUE(has(m, "LOC России")) << ::testing::PrintToString(m);
}

}  // namespace
}  // namespace ng

namespace ng {
namespace {

TEST(Mentions, MonthsAndWeekdaysAreNotNames) {
  auto m = mentions("The ministers will meet again in Jakarta on Thursday, and once more in December.", "en");
  for (const auto& x : m) {
    EXPECT_EQ(x.find("Thursday"), std::string::npos) << x;
    EXPECT_EQ(x.find("December"), std::string::npos) << x;
  }
  auto d = mentions("Die Minister treffen sich am Donnerstag und im Dezember erneut in Jakarta.", "de");
  for (const auto& x : d) EXPECT_EQ(x.find("Dezember"), std::string::npos) << x;
}

}  // namespace
}  // namespace ng

namespace ng {
namespace {

TEST(Mentions, DatelinesPrepositionsAndAdjectives) {
  auto en = mentions("HANOI, May 4 – Vietnamese officials met the delegation in Haiphong on Monday.", "en");
  EXPECT_TRUE(has(en, "LOC HANOI")) << ::testing::PrintToString(en);
  EXPECT_TRUE(has(en, "LOC Haiphong")) << ::testing::PrintToString(en);
  EXPECT_FALSE(has(en, "PER Vietnamese")) << ::testing::PrintToString(en);
  auto vi = mentions("Hai bên đã hội đàm tại Hải Phòng vào sáng nay.", "vi");
  EXPECT_TRUE(has(vi, "LOC Hải Phòng")) << ::testing::PrintToString(vi);
  auto de = mentions("Die Delegation sprach in Haiphong über Fragen der Ausbildung und Verteidigung.", "de");
  EXPECT_TRUE(has(de, "LOC Haiphong")) << ::testing::PrintToString(de);
  for (const auto& x : de) EXPECT_EQ(x.find("Verteidigung"), std::string::npos) << x;
}

}  // namespace
}  // namespace ng

namespace ng {
namespace {

TEST(Mentions, ConjunctionsCliticsAndCommonWords) {
  auto m = mentions(
      "By Anna Berg. The summit report was written by the desk in Oslo. Officials said Lindqvist's plan was "
      "approved after the Summit, and Jonsson and Eriksson agreed.",
      "en");
  EXPECT_TRUE(has(m, "PER Anna Berg")) << ::testing::PrintToString(m);
  EXPECT_TRUE(has(m, "PER Lindqvist")) << ::testing::PrintToString(m);
  EXPECT_TRUE(has(m, "PER Jonsson")) << ::testing::PrintToString(m);
  EXPECT_TRUE(has(m, "PER Eriksson")) << ::testing::PrintToString(m);
  EXPECT_FALSE(has(m, "PER Jonsson and Eriksson")) << ::testing::PrintToString(m);
  EXPECT_FALSE(has(m, "PER Summit")) << ::testing::PrintToString(m);  // "summit" is written in lower case too
}

}  // namespace
}  // namespace ng

namespace ng {
namespace {

TEST(Mentions, KnownOrganisationsAndOrganisationWords) {
  auto m = mentions(
      "Diplomats from NATO and the G7 met at the White House, Reuters reported, while the Ministry of Trade and "
      "the National Weather Service issued warnings.",
      "en");
  for (const char* want : {"ORG NATO", "ORG G7", "ORG White House", "ORG Reuters", "ORG National Weather Service"})
    EXPECT_TRUE(has(m, want)) << want << " in " << ::testing::PrintToString(m);
}

}  // namespace
}  // namespace ng

namespace ng {
namespace {

TEST(Mentions, NameParticlesStayInsideNames) {
  auto de = mentions("Die Kommissionspräsidentin Ursula von der Leyen sprach am Montag mit Reportern.", "de");
  EXPECT_TRUE(has(de, "PER Ursula von der Leyen [president]")) << ::testing::PrintToString(de);
  auto en = mentions("Officials said President Xi Jinping of China would attend.", "en");
  EXPECT_TRUE(has(en, "PER Xi Jinping [president]")) << ::testing::PrintToString(en);
  EXPECT_TRUE(has(en, "LOC China")) << ::testing::PrintToString(en);
}

}  // namespace
}  // namespace ng

namespace ng {
namespace {

TEST(Mentions, CaselessScriptsByLookup) {
  auto zh = mentions("越南与俄罗斯的代表周二在莫斯科举行会谈，APEC秘书处也派员出席。", "zh");
  EXPECT_TRUE(has(zh, "LOC 越南")) << ::testing::PrintToString(zh);
  EXPECT_TRUE(has(zh, "LOC 俄罗斯")) << ::testing::PrintToString(zh);
  EXPECT_TRUE(has(zh, "LOC 莫斯科")) << ::testing::PrintToString(zh);
  EXPECT_TRUE(has(zh, "ORG APEC")) << ::testing::PrintToString(zh);
  auto hant = mentions("越南與俄羅斯的代表週二舉行會談。", "zh");
  EXPECT_TRUE(has(hant, "LOC 俄羅斯")) << ::testing::PrintToString(hant);
  auto ar = mentions("التقى وزير الخارجية نظيره بموسكو يوم الثلاثاء لبحث العلاقات مع روسيا.", "ar");
  EXPECT_TRUE(has(ar, "LOC موسكو")) << ::testing::PrintToString(ar);  // without the prefix ب
  EXPECT_TRUE(has(ar, "LOC روسيا")) << ::testing::PrintToString(ar);
}

TEST(Mentions, NumeralsTimeZonesAndCapitalisedRuns) {
  auto m = mentions(
      "SAN FRANCISCO, May 3 (Reuters) - King Felipe VI and Pope Leo XIV met at 10:00 GMT. Officials of the "
      "Russian Federation Anatoly Petrov and Ivan Orlov watched.",
      "en");
  EXPECT_TRUE(has(m, "LOC SAN FRANCISCO")) << ::testing::PrintToString(m);
  EXPECT_TRUE(has(m, "PER Felipe VI [king]") || has(m, "PER Felipe VI")) << ::testing::PrintToString(m);
  EXPECT_TRUE(has(m, "PER Leo XIV [pope]") || has(m, "PER Leo XIV")) << ::testing::PrintToString(m);
  EXPECT_FALSE(has(m, "ORG VI") || has(m, "ORG XIV") || has(m, "ORG GMT")) << ::testing::PrintToString(m);
  EXPECT_FALSE(has(m, "ORG SAN") || has(m, "ORG FRANCISCO")) << ::testing::PrintToString(m);
  // A country name opening a run is cut off the person after it.
  EXPECT_TRUE(has(m, "LOC Russian Federation")) << ::testing::PrintToString(m);
  EXPECT_TRUE(has(m, "PER Anatoly Petrov")) << ::testing::PrintToString(m);
}

// "PER surface [role] country" for the mentions with a role.
std::vector<std::string> roles_with_countries(const std::string& text, const std::string& lang) {
  Document d = testing_support::process_text(text, lang);
  std::vector<std::string> out;
  for (const Mention& m : d.mentions) {
    if (!m.role.empty()) out.push_back(std::string(m.span.of(d.text)) + " [" + m.role + "] " + m.affiliation);
  }
  return out;
}

TEST(Mentions, ARoleKeepsTheCountryItsTitleNames) {
  auto en = roles_with_countries(
      "Indonesian Foreign Minister Sugiono met Party General Secretary To Lam and the Chinese Ambassador Li Wei.", "en");
  EXPECT_TRUE(has(en, "Sugiono [minister_foreign] IDN")) << ::testing::PrintToString(en);
  EXPECT_TRUE(has(en, "To Lam [general_secretary] ")) << ::testing::PrintToString(en);  // the text names no country
  auto de = roles_with_countries("Der Sekretär des russischen Sicherheitsrates, Sergej Schoigu, reiste ab.", "de");
  EXPECT_TRUE(has(de, "Sergej Schoigu [security_council_secretary] RUS")) << ::testing::PrintToString(de);
  // A country between the title and the name: the title still holds.
  auto vi = roles_with_countries("Thư ký Hội đồng An ninh Nga Sergei Shoigu đã đến Hà Nội.", "vi");
  EXPECT_TRUE(has(vi, "Sergei Shoigu [security_council_secretary] RUS")) << ::testing::PrintToString(vi);
  auto ru = roles_with_countries("Секретарь Совета безопасности России Сергей Шойгу прибыл в Ханой.", "ru");
  EXPECT_TRUE(has(ru, "Сергей Шойгу [security_council_secretary] RUS")) << ::testing::PrintToString(ru);
}

TEST(Mentions, PlaceNounsAndDemonyms) {
  // A bridge keeps its head word ("cầu Long Biên", as the dev gold writes bridges); a district's is left out.
  auto vi = mentions("Nhiều người dân đi bộ trên cầu Long Biên rồi về huyện Gia Lâm.", "vi");
  EXPECT_TRUE(has(vi, "LOC cầu Long Biên")) << ::testing::PrintToString(vi);
  EXPECT_TRUE(has(vi, "LOC Gia Lâm")) << ::testing::PrintToString(vi);
  auto en = mentions("Rescuers said Moroccans, Pakistani volunteers and a Mexican team helped Ana Lopez.", "en");
  EXPECT_FALSE(has(en, "PER Moroccans") || has(en, "PER Pakistani") || has(en, "PER Mexican"))
      << ::testing::PrintToString(en);
  EXPECT_TRUE(has(en, "PER Ana Lopez")) << ::testing::PrintToString(en);
}

TEST(Mentions, ACliticEndsAName) {
  auto en = mentions("Officials said Kenya's National Drought Authority and Ruto's office disagreed.", "en");
  EXPECT_TRUE(has(en, "LOC Kenya")) << ::testing::PrintToString(en);
  EXPECT_TRUE(has(en, "ORG National Drought Authority")) << ::testing::PrintToString(en);
  auto tr = mentions("Depremin ardından Bakan Soylu’dan açıklama geldi ve Malatya'da ekipler çalıştı.", "tr");
  EXPECT_TRUE(has(tr, "PER Soylu [minister]")) << ::testing::PrintToString(tr);
  EXPECT_TRUE(has(tr, "LOC Malatya")) << ::testing::PrintToString(tr);
  // An apostrophe followed by a capital is part of the name.
  auto ga = mentions("The report quoted Sean O'Brien at length.", "en");
  EXPECT_TRUE(has(ga, "PER Sean O'Brien")) << ::testing::PrintToString(ga);
}

TEST(Mentions, OrganisationNamesKeepConjunctionsAndDottedAbbreviations) {
  auto en = mentions(
      "Data came from the U.S. Fish and Wildlife Service and the Institute for Fiscal Studies. "
      "Officials said Macron and Scholz spoke.",
      "en");
  EXPECT_TRUE(has(en, "ORG U.S. Fish and Wildlife Service")) << ::testing::PrintToString(en);
  EXPECT_TRUE(has(en, "ORG Institute for Fiscal Studies")) << ::testing::PrintToString(en);
  // Outside organisation names the conjunction separates two names.
  EXPECT_TRUE(has(en, "PER Macron") && has(en, "PER Scholz")) << ::testing::PrintToString(en);
}

TEST(Mentions, WordsThatAreNotNamesLeaveARun) {
  auto en = mentions(
      "By Maria Gonzalez. The storm hit land by noon. Typhoon Kalmaegi weakened, said Asia-Pacific analysts "
      "on Monday.",
      "en");
  EXPECT_TRUE(has(en, "PER Maria Gonzalez")) << ::testing::PrintToString(en);
  EXPECT_FALSE(has(en, "PER By Maria Gonzalez")) << ::testing::PrintToString(en);
  EXPECT_FALSE(has(en, "PER Kalmaegi") || has(en, "PER Typhoon Kalmaegi")) << ::testing::PrintToString(en);
  EXPECT_FALSE(has(en, "PER Asia-Pacific")) << ::testing::PrintToString(en);
  auto de = mentions("Nach dem Beben meldeten die Behörden des Landes: Vier Tage lang suchten Helfer, sagte Anna Weber.",
                     "de");
  EXPECT_FALSE(has(de, "LOC Landes")) << ::testing::PrintToString(de);  // not the French department
  EXPECT_FALSE(has(de, "PER Vier Tage")) << ::testing::PrintToString(de);
  EXPECT_TRUE(has(de, "PER Anna Weber")) << ::testing::PrintToString(de);
}

TEST(Mentions, ATitleBeforeAProvinceNameMakesAPerson) {
  auto en = mentions("Officials said Governor Victoria Reyes visited Victoria on Monday.", "en");
  EXPECT_TRUE(has(en, "PER Victoria Reyes [governor]")) << ::testing::PrintToString(en);
  EXPECT_TRUE(has(en, "LOC Victoria")) << ::testing::PrintToString(en);
}

TEST(Mentions, HonorificsMakePersonsWithoutARole) {
  auto en = mentions("Officials met Mr Widodo and Dr Chen in the morning.", "en");
  EXPECT_TRUE(has(en, "PER Widodo [honorific]")) << ::testing::PrintToString(en);
  EXPECT_TRUE(has(en, "PER Chen [honorific]")) << ::testing::PrintToString(en);
  auto vi = mentions("Theo ông Nguyễn Văn An, mưa lớn sẽ kéo dài.", "vi");
  EXPECT_TRUE(has(vi, "PER Nguyễn Văn An [honorific]")) << ::testing::PrintToString(vi);
}

TEST(Mentions, TitledPeopleInChineseAndJapanese) {
  auto zh = mentions("美国总统拜登在旧金山会见了中国国家主席习近平，双方讨论了总统大选。", "zh");
  EXPECT_TRUE(has(zh, "PER 拜登 [president]")) << ::testing::PrintToString(zh);
  EXPECT_TRUE(has(zh, "PER 习近平 [president]")) << ::testing::PrintToString(zh);
  EXPECT_FALSE(has(zh, "PER 大选 [president]")) << ::testing::PrintToString(zh);
  auto ja = mentions("バイデン大統領は記者会見で発言した。", "ja");
  EXPECT_TRUE(has(ja, "PER バイデン [president]")) << ::testing::PrintToString(ja);
}

// Chinese places: provinces without their suffix, in simplified and
// traditional characters (derived from iso-codes and ICU, not listed);
// unknown cities and counties by their administrative suffix, but not the
// common words that hold one (城市, 超市, 市场, 州长); organisations and
// news agencies from data/orgs in both scripts; Arabic names of several words.
TEST(Mentions, ChinesePlacesBySuffixAndScriptVariants) {
  auto hans = mentions("暴雨袭击广西和云南，梧州市和保山市受灾最重。新华社和路透社报道，城市超市的市场供应正常。", "zh");
  for (const char* want : {"LOC 广西", "LOC 云南", "LOC 梧州市", "LOC 保山市", "ORG 新华社", "ORG 路透社"})
    EXPECT_TRUE(has(hans, want)) << want << " " << testing::PrintToString(hans);
  EXPECT_EQ(hans.size(), 6u) << testing::PrintToString(hans);
  auto hant = mentions("地震波及雲南與四川，昭通縣的居民撤離，州長表示聯合國將援助。", "zh");
  for (const char* want : {"LOC 雲南", "LOC 四川", "LOC 昭通縣", "ORG 聯合國"})
    EXPECT_TRUE(has(hant, want)) << want << " " << testing::PrintToString(hant);
  EXPECT_EQ(hant.size(), 4u) << testing::PrintToString(hant);
  auto ar = mentions("قالت الأمم المتحدة إن حلف شمال الأطلسي سيجتمع.", "ar");
  EXPECT_TRUE(has(ar, "ORG الأمم المتحدة")) << testing::PrintToString(ar);
  EXPECT_TRUE(has(ar, "ORG حلف شمال الأطلسي")) << testing::PrintToString(ar);
}

// A listed name after descriptive nouns is that name alone; listed names
// with a lower-case word are found as phrases.
TEST(Mentions, ListedOrganisationsInsideRunsAndInLowerCase) {
  auto de =
      mentions("Laut der Nachrichtenagentur Xinhua stieg die Zahl. Die Agentur Reuters berichtete dasselbe.", "de");
  EXPECT_TRUE(has(de, "ORG Xinhua")) << testing::PrintToString(de);
  EXPECT_TRUE(has(de, "ORG Reuters")) << testing::PrintToString(de);
  auto kirche = mentions("Die katholische Kirche wählt einen neuen Papst.", "de");
  EXPECT_TRUE(has(kirche, "ORG katholische Kirche")) << testing::PrintToString(kirche);
  auto fr = mentions("La maison Blanche a confirmé la visite du président.", "fr");
  EXPECT_TRUE(has(fr, "ORG maison Blanche")) << testing::PrintToString(fr);
  EXPECT_FALSE(has(fr, "PER Blanche")) << testing::PrintToString(fr);
  // A name with "TV" or "Radio" after it is a broadcaster.
  auto tv = mentions("Hasil hitung cepat disiarkan Metro TV pada malam hari.", "id");
  EXPECT_TRUE(has(tv, "ORG Metro TV")) << testing::PrintToString(tv);
  auto ap = mentions("Rescuers said so, The Associated Press reported.", "en");
  EXPECT_TRUE(has(ap, "ORG Associated Press")) << testing::PrintToString(ap);
  auto gambia = mentions("Officials from The Gambia arrived on Monday.", "en");
  EXPECT_TRUE(has(gambia, "LOC Gambia")) << testing::PrintToString(gambia);
  EXPECT_FALSE(has(gambia, "LOC The")) << testing::PrintToString(gambia);
  auto en = mentions("She posted the video on Instagram late on Friday.", "en");
  EXPECT_TRUE(has(en, "ORG Instagram")) << testing::PrintToString(en);
  // Not inside another word.
  auto es = mentions("La Iglesia católicamente organizada no existe.", "es");
  EXPECT_FALSE(has(es, "ORG Iglesia católica")) << testing::PrintToString(es);
}

// A building's or square's head in lower case and the capitalised words
// after it are a place; "à la place de" and "en casa de" are not.
TEST(Mentions, LowerCaseHeadsOfBuildingsAndSquares) {
  auto fr = mentions("Le cortège a traversé la basilique Saint-Pierre avant la messe.", "fr");
  EXPECT_TRUE(has(fr, "LOC basilique Saint-Pierre")) << testing::PrintToString(fr);
  auto it = mentions("I fedeli attendevano nella basilica di San Pietro fin dall'alba.", "it");
  EXPECT_TRUE(has(it, "LOC basilica di San Pietro")) << testing::PrintToString(it);
  auto instead = mentions("Il a parlé à la place de Macron devant les députés.", "fr");
  EXPECT_FALSE(has(instead, "LOC place de Macron")) << testing::PrintToString(instead);
  auto es = mentions("Cenaron en casa de Juan Pérez el domingo.", "es");
  EXPECT_FALSE(has(es, "LOC casa de Juan Pérez")) << testing::PrintToString(es);
  // Vietnamese bridges, rivers and regions; a sentence's first word too; not into the country after it.
  auto vi = mentions("Mưa lớn ở miền Bắc Việt Nam. Cầu Long Biên bị đóng, nước sông Hồng dâng cao.", "vi");
  for (const char* want : {"LOC miền Bắc", "LOC Việt Nam", "LOC Cầu Long Biên", "LOC sông Hồng"})
    EXPECT_TRUE(has(vi, want)) << want << " " << testing::PrintToString(vi);
  auto person = mentions("Chủ tịch Hồ Chí Minh đọc bản Tuyên ngôn.", "vi");
  EXPECT_TRUE(has(person, "PER Hồ Chí Minh [president]")) << testing::PrintToString(person);
}

// A surname alone where the document names the person in full is that
// person (German drops lone capitalised words, its nouns; every language a
// sentence's first word); "Yesterday" opening a sentence is no name.
TEST(Mentions, LoneSurnamesOfPeopleNamedInFull) {
  auto de = mentions("Bundeskanzler Olaf Scholz reiste nach Paris. Dort sagte Scholz, die Lage sei ernst.", "de");
  EXPECT_EQ(std::count_if(de.begin(), de.end(), [](const std::string& m) { return m.rfind("PER Scholz", 0) == 0; }), 1)
      << testing::PrintToString(de);
  // A regnal number makes a person of a place's name; after a title, a
  // country's name before one more word is a first name.
  auto pope = mentions("Le nouveau pape Léon XIV a salué la foule, a annoncé le cardinal Dominique Mamberti.", "fr");
  EXPECT_FALSE(has(pope, "LOC Léon")) << testing::PrintToString(pope);
  EXPECT_FALSE(has(pope, "LOC Dominique")) << testing::PrintToString(pope);
  EXPECT_TRUE(has(pope, "PER Dominique Mamberti [cardinal]")) << testing::PrintToString(pope);
  // A bishop's title is a role: "Vescovo di Roma" names Rome, no person.
  auto bishop = mentions("Il Papa è anche il Vescovo di Roma, ricordò il cardinale.", "it");
  EXPECT_TRUE(has(bishop, "LOC Roma")) << testing::PrintToString(bishop);
  EXPECT_FALSE(has(bishop, "PER Vescovo di Roma")) << testing::PrintToString(bishop);
  // A sentence's first word the document also writes in lower case is no place.
  auto como = mentions("Como o papa escolheu o nome? Ninguém sabe como.", "pt");
  EXPECT_FALSE(has(como, "LOC Como")) << testing::PrintToString(como);
  // After "to" or "from" a person's surname is the person, not a place.
  auto to = mentions("Prime Minister Ulf Kristersson spoke first. The documents came from Kristersson himself.", "en");
  EXPECT_TRUE(has(to, "PER Kristersson")) << testing::PrintToString(to);
  EXPECT_FALSE(has(to, "LOC Kristersson")) << testing::PrintToString(to);
  // Economic measures and climate conferences are no entity; Copenhagen stays a place.
  auto gdp = mentions("GDP grew while delegates at COP29 and in Copenhagen argued.", "en");
  EXPECT_FALSE(has(gdp, "ORG GDP") || has(gdp, "ORG COP29")) << testing::PrintToString(gdp);
  EXPECT_TRUE(has(gdp, "LOC Copenhagen")) << testing::PrintToString(gdp);
  auto en = mentions("Yesterday Joe Biden came to Lima.", "en");
  EXPECT_TRUE(has(en, "PER Joe Biden")) << testing::PrintToString(en);
  EXPECT_FALSE(has(en, "PER Yesterday Joe Biden")) << testing::PrintToString(en);
}

// Arabic bodies: a head word and the definite words after it, the country's
// adjective last; a place, "today", a weekday end it.
TEST(Mentions, ArabicBodiesByTheirHeadWord) {
  auto a = mentions("قالت وزارة الصحة السورية إن فرق الإنقاذ وصلت إلى حلب.", "ar");
  EXPECT_TRUE(has(a, "ORG وزارة الصحة السورية")) << testing::PrintToString(a);
  EXPECT_TRUE(has(a, "LOC حلب")) << testing::PrintToString(a);
  a = mentions("أعلنت هيئة المسح الجيولوجي الأمريكية أن قوة الزلزال بلغت سبع درجات.", "ar");
  EXPECT_TRUE(has(a, "ORG هيئة المسح الجيولوجي الأمريكية")) << testing::PrintToString(a);
  a = mentions("وقال المعهد الوطني للأرصاد الجوية اليوم إن العاصفة ستصل مساء.", "ar");
  EXPECT_TRUE(has(a, "ORG المعهد الوطني للأرصاد الجوية")) << testing::PrintToString(a);
  a = mentions("فاز منتخب البرازيل بالمباراة الأربعاء.", "ar");
  EXPECT_TRUE(has(a, "LOC البرازيل")) << testing::PrintToString(a);
  EXPECT_EQ(a.size(), 1u) << testing::PrintToString(a);
}

// A name data/orgs lists is an organisation whatever the German tagger
// thinks of "der Nato", and also in the Swedish genitive.
TEST(Mentions, KnownOrganisationsKeepTheirTypeAndTheirGenitive) {
  auto de = mentions("Finnland trat im April der Nato bei. Die Nato begrüßte den Schritt.", "de");
  EXPECT_TRUE(has(de, "ORG Nato")) << testing::PrintToString(de);
  EXPECT_FALSE(has(de, "LOC Nato")) << testing::PrintToString(de);
  // A place's head word stays in its name whatever the tagger's span.
  auto church = mentions("Der Sarg wurde in die Basilika Santa Maria Maggiore gebracht.", "de");
  EXPECT_TRUE(has(church, "LOC Basilika Santa Maria Maggiore")) << testing::PrintToString(church);
  // A country the gazetteer knows stays a place whatever the tagger says.
  auto country = mentions("Der Taifun traf zuerst die Philippinen und zog dann weiter.", "de");
  EXPECT_TRUE(has(country, "LOC Philippinen")) << testing::PrintToString(country);
  auto sv = mentions("Flaggan hissades utanför Natos högkvarter i Bryssel.", "sv");
  EXPECT_TRUE(has(sv, "ORG Natos")) << testing::PrintToString(sv);
  EXPECT_TRUE(has(sv, "LOC Bryssel")) << testing::PrintToString(sv);
}

// Romance languages write a ministry's or agency's head in lower case:
// the head, its particles and the capitalised field are one organisation,
// without the country after them; a lower-case "centro de" is no body.
TEST(Mentions, LowerCaseHeadsOfBodiesInRomanceLanguages) {
  auto fr = mentions("Selon le ministère de l'Intérieur, le bilan s'alourdit.", "fr");
  EXPECT_TRUE(has(fr, "ORG ministère de l'Intérieur")) << testing::PrintToString(fr);
  auto es = mentions("La agencia de Gestión de Riesgos y Emergencias de Chile pidió calma en el centro de Valparaíso.", "es");
  EXPECT_TRUE(has(es, "ORG agencia de Gestión de Riesgos y Emergencias")) << testing::PrintToString(es);
  EXPECT_TRUE(has(es, "LOC Chile")) << testing::PrintToString(es);
  EXPECT_FALSE(has(es, "ORG centro de Valparaíso")) << testing::PrintToString(es);
}

// An elided article is not part of the name ("l'Argentine", "dell'Italia");
// a Swedish colon ending is a clitic ("USA:s").
TEST(Mentions, ElidedArticlesAndColonEndings) {
  auto fr = mentions("La France a battu l’Argentine, puis l'Espagne.", "fr");
  EXPECT_TRUE(has(fr, "LOC Argentine")) << testing::PrintToString(fr);
  EXPECT_TRUE(has(fr, "LOC Espagne")) << testing::PrintToString(fr);
  auto it = mentions("Il presidente dell'Italia ha parlato.", "it");
  EXPECT_TRUE(has(it, "LOC Italia")) << testing::PrintToString(it);
  auto sv = mentions("Dokumentet lämnades till USA:s regering.", "sv");
  EXPECT_TRUE(has(sv, "LOC USA")) << testing::PrintToString(sv);
}

// Vietnamese names a body with its head first; "Bộ" ending a name is a
// region of the country.
TEST(Mentions, VietnameseHeadsComeFirst) {
  auto vi = mentions("Bộ Quốc phòng cảnh báo mưa lớn ở Tây Bắc Bộ và Đông Bắc Bộ.", "vi");
  // (The run ends at the lower-case syllable: "Bộ Quốc" of "Bộ Quốc phòng".)
  EXPECT_TRUE(std::any_of(vi.begin(), vi.end(), [](const std::string& m) { return m.rfind("ORG Bộ Quốc", 0) == 0; }))
      << testing::PrintToString(vi);
  EXPECT_TRUE(has(vi, "LOC Tây Bắc Bộ")) << testing::PrintToString(vi);
  EXPECT_TRUE(has(vi, "LOC Đông Bắc Bộ")) << testing::PrintToString(vi);
}

// Buildings and squares are places; a war, a tournament or a summit named
// in capitals is no entity; a sentence-opening conjunction is no name.
TEST(Mentions, PlaceHeadWordsAndNamesOfNoEntity) {
  auto it = mentions("Migliaia di fedeli hanno riempito Piazza San Pietro per il Santo Padre Leone.", "it");
  EXPECT_TRUE(has(it, "LOC Piazza San Pietro")) << testing::PrintToString(it);
  EXPECT_TRUE(has(it, "PER Leone [pope]")) << testing::PrintToString(it);
  // A place word alone is no name; a feast is no entity.
  auto it2 = mentions("I fedeli restano in Piazza fino a Pasqua, poi tornano a Milano.", "it");
  EXPECT_EQ(it2, std::vector<std::string>{"LOC Milano"}) << testing::PrintToString(it2);
  // A saint's prefix makes a place at the start of a name or after a
  // particle, not inside a person's name.
  auto es_saint = mentions("La opositora Aung San Suu Kyi escribió al alcalde de San Sebastián desde la Casa Santa Ana.", "es");
  EXPECT_TRUE(has(es_saint, "PER Aung San Suu Kyi")) << testing::PrintToString(es_saint);
  EXPECT_TRUE(has(es_saint, "LOC San Sebastián")) << testing::PrintToString(es_saint);
  EXPECT_TRUE(has(es_saint, "LOC Casa Santa Ana")) << testing::PrintToString(es_saint);
  auto pt = mentions("Os turistas visitaram a Capela Sistina e a Basílica de São Pedro em maio.", "pt");
  EXPECT_TRUE(has(pt, "LOC Capela Sistina")) << testing::PrintToString(pt);
  EXPECT_TRUE(has(pt, "LOC Basílica de São Pedro")) << testing::PrintToString(pt);
  auto en = mentions("Veterans of World War II were honoured. The Olympic Games opened in Paris.", "en");
  EXPECT_TRUE(std::none_of(en.begin(), en.end(), [](const std::string& m) { return m.find("War") != std::string::npos; }))
      << testing::PrintToString(en);
  EXPECT_TRUE(has(en, "LOC Paris")) << testing::PrintToString(en);
  // A title alone is no name, even with a clitic cut off.
  auto title = mentions("Officials said the President's schedule was full. The Minister's aides agreed.", "en");
  EXPECT_TRUE(std::none_of(title.begin(), title.end(),
                           [](const std::string& m) { return m.rfind("PER", 0) == 0; }))
      << testing::PrintToString(title);
  auto es = mentions("El equipo celebró la Copa del Mundo en Buenos Aires. Pero Ramírez no jugó la final.", "es");
  EXPECT_FALSE(std::any_of(es.begin(), es.end(), [](const std::string& m) { return m.find("Copa") != std::string::npos; }))
      << testing::PrintToString(es);
  EXPECT_TRUE(has(es, "PER Ramírez") || std::none_of(es.begin(), es.end(), [](const std::string& m) {
                return m.find("Pero") != std::string::npos;
              }))
      << testing::PrintToString(es);
  EXPECT_FALSE(has(es, "PER Pero Ramírez")) << testing::PrintToString(es);
}

TEST(Mentions, TwoNamesJoinedByAHyphenAreTwo) {
  auto en = mentions("Voters backed the Ana Maria Costa-Pedro Alves Rocha ticket, said Karine Jean-Pierre.", "en");
  EXPECT_TRUE(has(en, "PER Ana Maria Costa")) << ::testing::PrintToString(en);
  EXPECT_TRUE(has(en, "PER Pedro Alves Rocha")) << ::testing::PrintToString(en);
  EXPECT_TRUE(has(en, "PER Karine Jean-Pierre")) << ::testing::PrintToString(en);
}

}  // namespace
}  // namespace ng

namespace ng {
namespace {

// Runs the foundation stages on `text`, then `extractor`.
std::vector<std::string> mentions_with(const MentionExtractor& extractor, const std::string& text,
                                       const std::string& lang) {
  Document d = testing_support::process_text(text, lang);
  std::vector<std::string> out;
  for (const Mention& m : extractor.extract(d)) out.push_back(m.type + " " + std::string(m.span.of(d.text)));
  return out;
}

// A tagger trained on invented sentences in which every capitalised word is
// a one-word organisation: it marks capitalised words ORG, one by one.
std::shared_ptr<const NerTagger> capitals_are_orgs() {
  const std::vector<std::string> sentences = {
      "Yesterday Varnholm met Tessaly and Brom in Quillon .", "the talks with Ostrava ended , said Marrow .",
      "Kestrel and Dunmore signed with Pellin on Monday .",   "in Calder , Esterby spoke to Lindvik .",
      "officials from Talsund visited Fenwick and Ansel .",   "Brightwell said Norr would reply .",
      "we saw Voltara near Kelpie and Hirvi today .",         "Okonjo thanked Drozd , Lund and Ekdahl ."};
  std::vector<NerExample> data;
  for (int round = 0; round < 3; ++round) {
    for (const std::string& s : sentences) {
      NerExample ex;
      std::istringstream in(s);
      std::string w;
      while (in >> w) {
        ex.tags.push_back(w[0] >= 'A' && w[0] <= 'Z' ? kNerBOrg : kNerO);
        ex.words.push_back(w);
      }
      data.push_back(std::move(ex));
    }
  }
  NerTrainOptions o;
  o.lang = "en";
  return std::shared_ptr<const NerTagger>(NerTagger::train(data, o));
}

TEST(Mentions, WithATaggerRuleMentionsStandWhereItAgreesAndTakeItsType) {
  MentionOptions o;
  o.data_dir = NG_TEST_DATA_DIR;
  o.load_models = false;
  o.taggers["en"] = capitals_are_orgs();
  auto extractor = MentionExtractor::create(o);
  ASSERT_TRUE(extractor.is_ok()) << extractor.status().message();
  ASSERT_NE((*extractor)->tagger("en"), nullptr);
  EXPECT_EQ((*extractor)->tagger("de"), nullptr);
  const std::string text = "Talks with Brightwell began on Tuesday in Quillon, said Anna Berglund.";
  auto m = mentions_with(**extractor, text, "en");
  // Same span as the tagger's: the tagger's type.
  EXPECT_TRUE(has(m, "ORG Brightwell")) << ::testing::PrintToString(m);
  EXPECT_TRUE(has(m, "ORG Quillon")) << ::testing::PrintToString(m);
  // Two tagger mentions inside one rule mention: the rule's span and type.
  EXPECT_TRUE(has(m, "PER Anna Berglund")) << ::testing::PrintToString(m);

  // A tagger that finds no name at all leaves none of the rules' mentions;
  // a language without a tagger keeps its rules.
  NerExample nothing;
  nothing.words = {"Quiet", "Harbour", "slept", "."};
  nothing.tags = {kNerO, kNerO, kNerO, kNerO};
  NerTrainOptions none;
  none.lang = "en";
  o.taggers["en"] = std::shared_ptr<const NerTagger>(NerTagger::train({nothing, nothing}, none));
  auto silent = MentionExtractor::create(o);
  ASSERT_TRUE(silent.is_ok());
  EXPECT_TRUE(mentions_with(**silent, text, "en").empty()) << ::testing::PrintToString(mentions_with(**silent, text, "en"));
  auto de = mentions_with(**silent, "Der Verteidigungsminister Phan Van Giang reiste nach Russland.", "de");
  EXPECT_TRUE(has(de, "LOC Russland")) << ::testing::PrintToString(de);
}

}  // namespace
}  // namespace ng
