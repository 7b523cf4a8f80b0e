#include "extract/time.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "pipeline/pipeline.h"

// Every sentence here was written for these tests.
namespace ng {
namespace {

const TimeExtractor& extractor() {
  static std::unique_ptr<TimeExtractor> x = [] {
    TimeOptions o;
    o.data_dir = NG_TEST_DATA_DIR;
    auto t = TimeExtractor::create(o);
    EXPECT_TRUE(t.is_ok()) << t.status().message();
    return std::move(*t);
  }();
  return *x;
}

// "surface=value" per expression, in text order.
std::vector<std::string> times(const std::string& text, const std::string& lang, const std::string& published = "",
                               const std::string& url = "") {
  TimeAnnotation a = extractor().annotate(text, lang, published, url);
  std::vector<std::string> out;
  for (const TimeExpr& t : a.times) out.push_back(std::string(t.span.of(text)) + "=" + t.value);
  return out;
}

using V = std::vector<std::string>;

TEST(Time, FullDatesInEachLanguage) {
  EXPECT_EQ(times("Der Gipfel begann am 9. Dezember 2025 in Wien.", "de"), V{"9. Dezember 2025=2025-12-09"});
  EXPECT_EQ(times("The summit opened on December 9, 2025 in Lima.", "en"), V{"December 9, 2025=2025-12-09"});
  EXPECT_EQ(times("Le sommet s'est ouvert le 3 février 2024 à Lyon.", "fr"), V{"le 3 février 2024=2024-02-03"});
  // "dernier" after a yearless date: the last such day before publication.
  EXPECT_EQ(times("Le traité signé le 6 mai dernier entre en vigueur.", "fr", "2025-03-02"),
            V{"le 6 mai dernier=2024-05-06"});
  EXPECT_EQ(times("La cumbre empezó el 8 de septiembre de 2023 en Quito.", "es"),
            V{"8 de septiembre de 2023=2023-09-08"});
  EXPECT_EQ(times("Pertemuan itu digelar pada 4 Maret 2024 di Bandung.", "id"), V{"4 Maret 2024=2024-03-04"});
  EXPECT_EQ(times("Mötet hölls den 28 maj 2025 i Malmö.", "sv"), V{"28 maj 2025=2025-05-28"});
  EXPECT_EQ(times("Hội nghị diễn ra ngày 9/12/2025 tại Huế.", "vi"), V{"9/12/2025=2025-12-09"});
  EXPECT_EQ(times("Hội nghị khai mạc ngày 9 tháng 12 năm 2025.", "vi"), V{"9 tháng 12 năm 2025=2025-12-09"});
  // Genitive month (CLDR format context).
  EXPECT_EQ(times("Переговоры прошли 9 декабря 2025 года в Казани.", "ru"), V{"9 декабря 2025 года=2025-12-09"});
  // Abbreviations with and without the dot.
  EXPECT_EQ(times("Stand: 3. Okt. 2024, Bericht vom 4. Okt 2024", "de"),
            (V{"3. Okt. 2024=2024-10-03", "4. Okt 2024=2024-10-04"}));
}

TEST(Time, OtherCldrLanguages) {
  EXPECT_EQ(times("台風は2024年9月6日に上陸した。", "ja"), V{"2024年9月6日=2024-09-06"});
  EXPECT_EQ(times("會議在9月5日舉行,昨天結束。", "zh", "2024-09-07"), (V{"9月5日=2024-09-05", "昨天=2024-09-06"}));
  EXPECT_EQ(times("O tratado foi assinado em 8 de maio de 2025.", "pt"), V{"8 de maio de 2025=2025-05-08"});
  EXPECT_EQ(times("Traktat podpisano 8 maja 2025 w Gdańsku.", "pl"), V{"8 maja 2025=2025-05-08"});
  EXPECT_EQ(times("Il trattato è stato firmato ieri.", "it", "2025-05-09"), V{"ieri=2025-05-08"});
}

// Spanish and Portuguese name a day of the month after their day word.
TEST(Time, ADayAfterTheDayWord) {
  EXPECT_EQ(times("La reunión se celebró el día 15 en Lima.", "es", "2024-11-17"), V{"día 15=2024-11-15"});
  EXPECT_EQ(times("O acordo foi assinado no dia 30, em Brasília.", "pt", "2024-12-02"), V{"dia 30=2024-11-30"});
  // With its month it is a full date.
  EXPECT_EQ(times("Se celebró el día 15 de noviembre de 2024.", "es"), V{"15 de noviembre de 2024=2024-11-15"});
}

// Chinese, Japanese and Korean news write the days around the report without
// their month ("15日"): the month nearest the publication date, else the
// month the text is dated, else none ("XXXX-XX-15").
TEST(Time, CjkDayWithoutItsMonth) {
  EXPECT_EQ(times("兩國外長15日在河內會面,17日將前往順化。", "zh", "2024-10-16"),
            (V{"15日=2024-10-15", "17日=2024-10-17"}));
  // Early in a month, a late day is last month's.
  EXPECT_EQ(times("颱風30日登陸。", "zh", "2024-10-02"), V{"30日=2024-09-30"});
  EXPECT_EQ(times("首脳会談は14日、東京で開かれた。", "ja", "2024-02-15"), V{"14日=2024-02-14"});
  EXPECT_EQ(times("정상회담은 15일에 열렸다.", "ko", "2024-11-20"), V{"15일=2024-11-15"});
  // Without a publication date: the month the text gives, else none.
  EXPECT_EQ(times("2023年11月的峰會,兩國領導人15日會面。", "zh"), (V{"2023年11月=2023-11", "15日=2023-11-15"}));
  TimeAnnotation a = extractor().annotate("兩國領導人15日會面。", "zh", "", "");
  ASSERT_EQ(a.times.size(), 1u);
  EXPECT_EQ(a.times[0].value, "XXXX-XX-15");
  EXPECT_EQ(a.times[0].anchor, "none");
  EXPECT_TRUE(a.event_date.empty());
  EXPECT_NE(a.event_date_how.find("without a month"), std::string::npos) << a.event_date_how;
  // Counts of days and ordinals are not days of the month.
  EXPECT_EQ(times("訪問は3日間の日程で、5日前に発表された。", "ja", "2024-02-15"), V{});
  EXPECT_EQ(times("會議第3日,數日後閉幕。", "zh", "2024-02-15"), V{});
  EXPECT_EQ(times("一杯咖啡賣5日元。", "zh", "2024-02-15"), V{});
  EXPECT_EQ(times("회의는 3일간 열린다.", "ko", "2024-11-20"), V{});
  // The event date: the day the lead gives, not the publication day.
  a = extractor().annotate("美中元首15日上午在加州會晤。", "zh", "2023-11-16", "");
  EXPECT_EQ(a.event_date, "2023-11-15") << a.event_date_how;
}

// A date the text places a duration before the day of writing ("vor drei
// Jahren, am 3. Juni 2021") is background, never the event date, and dates
// the writing: a yearless month after it is in 2024, not 2021.
TEST(Time, ADateTheTextSaysIsLongAgoIsBackground) {
  TimeAnnotation a = extractor().annotate(
      "Vor drei Jahren, am 3. Juni 2021, begann der Streit um den Hafen. Im März wurde er beigelegt.", "de", "", "");
  ASSERT_EQ(a.times.size(), 2u);  // "vor drei Jahren" itself: no day of writing to count from
  EXPECT_EQ(a.times[0].value, "2021-06-03");
  EXPECT_EQ(a.times[1].value, "2024-03");
  EXPECT_NE(a.times[1].evidence.find("long ago"), std::string::npos) << a.times[1].evidence;
  EXPECT_TRUE(a.event_date.empty()) << a.event_date << " " << a.event_date_how;
  // After the date, in English; a date with more words between is not the one meant.
  a = extractor().annotate("The pact was signed on June 4, 2021, three years ago.", "en", "", "");
  EXPECT_TRUE(a.event_date.empty()) << a.event_date;
  a = extractor().annotate("Three years ago the plant closed, and on June 4, 2021 the talks began.", "en", "", "");
  EXPECT_EQ(a.event_date, "2021-06-04");
}

// A day without its year in a sentence that says it is ahead is a plan (the
// event clusterer does not take it for the document's happening).
TEST(Time, AYearlessDayAheadIsAPlan) {
  TimeAnnotation a = extractor().annotate("The two leaders will meet on November 15 in Lima.", "en", "", "");
  ASSERT_EQ(a.times.size(), 1u);
  EXPECT_TRUE(a.times[0].plan);
  a = extractor().annotate("The two leaders met on November 15 in Lima.", "en", "", "");
  ASSERT_EQ(a.times.size(), 1u);
  EXPECT_FALSE(a.times[0].plan);
  a = extractor().annotate("Лидеры планируют провести переговоры 15 ноября в Лиме.", "ru", "", "");
  ASSERT_EQ(a.times.size(), 1u);
  EXPECT_TRUE(a.times[0].plan);
}

// Digits of other scripts, Hebrew's attached prepositions, Hindi without the nukta.
TEST(Time, OtherDigitsAttachedPrefixesAndSpellings) {
  EXPECT_EQ(times("وقع الزلزال في ٦ فبراير ٢٠٢٣ فجرا.", "ar"), V{"٦ فبراير ٢٠٢٣=2023-02-06"});
  EXPECT_EQ(times("首脳会談は１５日に開かれた。", "ja", "2024-02-16"), V{"１５日=2024-02-15"});
  EXPECT_EQ(times("הפגישה התקיימה ב-6 בפברואר 2023 בירושלים.", "he"), V{"6 בפברואר 2023=2023-02-06"});
  EXPECT_EQ(times("बैठक 6 फरवरी 2023 को हुई।", "hi"), V{"6 फरवरी 2023=2023-02-06"});
}

TEST(Time, NumericOrderFollowsTheLocale) {
  EXPECT_EQ(times("Filed 03/04/2024 at the court.", "en"), V{"03/04/2024=2024-03-04"});
  EXPECT_EQ(times("Eingereicht am 03.04.2024 beim Gericht.", "de"), V{"03.04.2024=2024-04-03"});
  EXPECT_EQ(times("ISO 2024-03-04 and the month 2024-03.", "en"), (V{"2024-03-04=2024-03-04", "2024-03=2024-03"}));
  // Numbers that are not dates.
  EXPECT_EQ(times("Scores were 3-1 and 7,5 percent at 4.17 o'clock; 250,000 people.", "en"), V{});
}

TEST(Time, RelativeToThePublicationDate) {
  // 2025-12-10 is a Wednesday.
  EXPECT_EQ(times("Der Minister sprach gestern in Graz.", "de", "2025-12-10"), V{"gestern=2025-12-09"});
  EXPECT_EQ(times("Bộ trưởng đã phát biểu hôm qua tại Huế.", "vi", "2025-12-10"), V{"hôm qua=2025-12-09"});
  EXPECT_EQ(times("The minister spoke on Tuesday in Leeds.", "en", "2025-12-10"), V{"Tuesday=2025-12-09"});
  EXPECT_EQ(times("Die Ministerin reiste am Montag nach Linz.", "de", "2025-12-10"), V{"Montag=2025-12-08"});
  EXPECT_EQ(times("The minister will travel on Friday to Leeds.", "en", "2025-12-10"), V{"Friday=2025-12-12"});
  EXPECT_EQ(times("Le ministre est arrivé mardi dernier à Lille.", "fr", "2025-12-10"), V{"mardi dernier=2025-12-09"});
  EXPECT_EQ(times("El ministro habló esta mañana en Cádiz.", "es", "2025-12-10"), V{"esta mañana=2025-12-10"});
  EXPECT_EQ(times("Menteri itu berbicara kemarin di Medan.", "id", "2025-12-10"), V{"kemarin=2025-12-09"});
  EXPECT_EQ(times("Ministern talade i går i Umeå.", "sv", "2025-12-10"), V{"i går=2025-12-09"});
  EXPECT_EQ(times("Министр выступил в среду в Томске.", "ru", "2025-12-10"), V{"среду=2025-12-10"});
  EXPECT_EQ(times("The ministers met last week.", "en", "2025-12-10"), V{"last week=2025-W49"});
  TimeAnnotation a = extractor().annotate("The minister spoke yesterday.", "en", "2025-12-10", "");
  ASSERT_EQ(a.times.size(), 1u);
  EXPECT_EQ(a.times[0].anchor, "published");
  EXPECT_EQ(a.times[0].span.begin, 19u);
  EXPECT_EQ(a.times[0].span.end, 28u);
}

// Without a publication date or a dated anchor a weekday keeps only its
// day of the week (TIMEX3 "XXXX-WXX-N"), and gives no event date.
TEST(Time, AWeekdayWithoutAnAnchorKeepsItsDayOfTheWeek) {
  EXPECT_EQ(times("Die Trauerfeier fand am Samstag in Krakau statt.", "de"), V{"Samstag=XXXX-WXX-6"});
  EXPECT_EQ(times("The minister spoke on Tuesday in Leeds.", "en"), V{"Tuesday=XXXX-WXX-2"});
  TimeAnnotation a = extractor().annotate("La misa se celebró el domingo en Lima.", "es", "", "");
  EXPECT_TRUE(a.event_date.empty());
  EXPECT_NE(a.event_date_how.find("weekdays"), std::string::npos) << a.event_date_how;
}

TEST(Time, TheNextDayCountsFromTheLastDayWritten) {
  EXPECT_EQ(times("Die Delegation traf am 3. März 2024 ein und reiste am folgenden Tag weiter.", "de"),
            (V{"3. März 2024=2024-03-03", "am folgenden Tag=2024-03-04"}));
}

TEST(Time, YearlessDatesTakeTheNearestYear) {
  // Published in January: "December 28" is the December before.
  EXPECT_EQ(times("The talks ended on December 28 in Oslo.", "en", "2026-01-03"), V{"December 28=2025-12-28"});
  EXPECT_EQ(times("Die Gespräche endeten am 9. Dezember in Bonn.", "de", "2025-12-10"), V{"9. Dezember=2025-12-09"});
  TimeAnnotation a = extractor().annotate("The talks ended on December 28 in Oslo.", "en", "", "");
  ASSERT_EQ(a.times.size(), 1u);
  EXPECT_EQ(a.times[0].value, "XXXX-12-28");
  EXPECT_EQ(a.times[0].anchor, "none");
}

TEST(Time, Ranges) {
  // A range is two expressions, as TIMEX2 and TimeML annotate it; the first takes the month and year of the second.
  EXPECT_EQ(times("The fair runs December 8-10, 2025 in Turin.", "en"),
            (V{"December 8=2025-12-08", "10, 2025=2025-12-10"}));
  EXPECT_EQ(times("Die Messe läuft vom 8.–10. Dezember 2025.", "de"),
            (V{"8.=2025-12-08", "10. Dezember 2025=2025-12-10"}));
  EXPECT_EQ(times("The plan covers 2020-2025.", "en"), (V{"2020=2020", "2025=2025"}));
  EXPECT_EQ(times("Rencana itu berlaku (Juni 2021 - Juni 2026).", "id"), (V{"Juni 2021=2021-06", "Juni 2026=2026-06"}));
  EXPECT_EQ(times("Els premis de 2019.", "ca"), V{"2019=2019"});
  // Two-digit ends, nights, "bis zum", months sharing a year, years before Christ.
  EXPECT_EQ(times("Die Saison 1998/99 endete mit einem Titel.", "de"), (V{"1998=1998", "99=1999"}));
  EXPECT_EQ(times("In der Nacht vom 3. auf den 4. März 1921 brannte die Mühle.", "de"),
            (V{"Nacht vom 3.=1921-03-03", "4. März 1921=1921-03-04"}));
  EXPECT_EQ(times("Die Ausstellung lief vom 2. bis zum 9. Mai 1931.", "de"),
            (V{"2.=1931-05-02", "9. Mai 1931=1931-05-09"}));
  EXPECT_EQ(times("Die Deiche wurden im Mai/Juni 1911 und zwischen Juli und Oktober 1912 erhöht.", "de"),
            (V{"Mai=1911-05", "Juni 1911=1911-06", "Juli=1912-07", "Oktober 1912=1912-10"}));
  EXPECT_EQ(times("Die Stadt blühte 312–308 v. Chr. auf.", "de"), (V{"312=BC0312", "308 v. Chr.=BC0308"}));
  EXPECT_EQ(times("Der Bau dauerte von 1921 bis 1924, im späten Frühjahr 1925 zog man ein.", "de"),
            (V{"1921=1921", "1924=1924", "späten Frühjahr 1925=1925-SP"}));
  // A month number after a year stays a month.
  EXPECT_EQ(times("Die Zahlen für 2024-11 liegen vor.", "de"), V{"2024-11=2024-11"});
}

TEST(Time, YearFromAnAnniversary) {
  TimeAnnotation a = extractor().annotate(
      "The envoys met on March 3 to mark the 40th anniversary of the trade pact (signed May 2, 1985).", "en", "", "");
  ASSERT_FALSE(a.times.empty());
  EXPECT_EQ(a.times[0].value, "2025-03-03");
  EXPECT_EQ(a.times[0].anchor, "inferred");
  EXPECT_NE(a.times[0].evidence.find("anniversary"), std::string::npos) << a.times[0].evidence;
  EXPECT_EQ(a.event_date, "2025-03-03");
  a = extractor().annotate(
      "Para menteri bertemu pada 6 Mei.\nMereka merayakan ulang tahun ke-25 kerja sama (Mei 2000 - Mei 2025).", "id",
      "", "");
  EXPECT_EQ(a.event_date, "2025-05-06");
}

TEST(Time, YearFromTheUrl) {
  TimeAnnotation a = extractor().annotate("Die Minister trafen sich am 9. Dezember in Bonn.", "de", "",
                                          "https://news.example/politik/treffen-185251209101010101.htm");
  ASSERT_EQ(a.times.size(), 1u);
  EXPECT_EQ(a.times[0].value, "2025-12-09");
  EXPECT_EQ(a.times[0].evidence, "URL 251209");
  a = extractor().annotate("Ministrarna möttes i onsdags.", "sv", "", "https://example.se/2024/03/07/mote");
  EXPECT_EQ(a.event_date, "2024-03-06");
  // A day and a month name in the URL's words, in the URL's year.
  a = extractor().annotate("Il corteo è partito questa mattina da piazza Navona.", "it", "",
                           "https://example.it/2025/05/cronaca/corteo-roma-14-maggio_8812.shtml");
  EXPECT_EQ(a.event_date, "2025-05-14");
  ASSERT_EQ(a.times.size(), 1u);
  EXPECT_EQ(a.times[0].evidence, "URL 14-maggio in 2025 (URL)");
}

// A weekday opening its sentence is governed by the verb after it.
TEST(Time, ASentenceOpeningWeekdayTakesTheFutureAfterIt) {
  EXPECT_EQ(times("Sabato mattina saranno celebrati i funerali.", "it", "2025-04-23"), V{"Sabato=2025-04-26"});
  EXPECT_EQ(times("Sábado por la tarde será la ceremonia.", "es", "2025-04-23"), V{"Sábado=2025-04-26"});
  // Not when the marker comes later in a longer sentence.
  EXPECT_EQ(times("Sabato il ministro ha detto ai giornalisti che la legge sarà votata.", "it", "2025-04-23"),
            V{"Sabato=2025-04-19"});
}

TEST(Time, EventDateSkipsBackgroundAndPageStamps) {
  const std::string text =
      "Updated 11 March 2025\n"
      "The two foreign ministers signed a fisheries accord in Reykjavik on Monday.\n"
      "The ministers last met on 14 June 2019, when talks collapsed.\n"
      "The two countries established relations on 2 April 1971.\n";
  TimeAnnotation a = extractor().annotate(text, "en", "2025-03-11", "");
  EXPECT_EQ(a.event_date, "2025-03-10") << a.event_date_how;
  // Without a publication date the page date line anchors "Monday".
  a = extractor().annotate(text, "en", "", "");
  EXPECT_EQ(a.event_date, "2025-03-10") << a.event_date_how;
  // A preview a week ahead reports the announcement: the publication date.
  a = extractor().annotate("The leaders will meet on December 15 in Rome, officials announced.", "en", "2025-12-08",
                           "");
  EXPECT_EQ(a.event_date, "2025-12-08") << a.event_date_how;
  // A wire dateline is when the copy was filed; the sentence says when it happened.
  a = extractor().annotate("LISBON, June 4 (Wire) - The two ministers agreed a ferry deal on June 3, an aide said.",
                           "en", "2025-06-04", "");
  EXPECT_EQ(a.event_date, "2025-06-03") << a.event_date_how;
  // "nesta quinta-feira (5)": the day in parentheses wins over a wrong weekday.
  a = extractor().annotate("O acordo foi assinado nesta quarta-feira (5) em Braga.", "pt", "2025-06-05", "");
  EXPECT_EQ(a.event_date, "2025-06-05") << a.event_date_how;
  // A photo caption dates the picture, not the happening.
  a = extractor().annotate(
      "The minister arrives at the airport, June 2, 2025. (Photo: Wire)\n"
      "The minister signed the accord in Porto on June 3, 2025.",
      "en", "", "");
  EXPECT_EQ(a.event_date, "2025-06-03") << a.event_date_how;
  // A goal year ("by 2050") does not give the year of the text.
  a = extractor().annotate("The forum opened on March 4 with a plan to cut emissions by 2050.", "en", "", "");
  ASSERT_FALSE(a.times.empty());
  EXPECT_EQ(a.times[0].value, "XXXX-03-04");
  // No dated sentence: the publication date.
  a = extractor().annotate("The ministers signed an accord.", "en", "2025-03-11", "");
  EXPECT_EQ(a.event_date, "2025-03-11");
  EXPECT_NE(a.event_date_how.find("publication"), std::string::npos);
}

TEST(Time, WrittenWeekdayPicksTheYear) {
  // 8 May is a Thursday in 2025, not in 2024.
  TimeAnnotation a =
      extractor().annotate("Le vote a eu lieu jeudi 8 mai.\nLe bilan de 2024 était mitigé.", "fr", "", "");
  EXPECT_EQ(a.event_date, "2025-05-08") << a.event_date_how;
}

TEST(Time, MonthsAloneQuartersAndVagueReferences) {
  EXPECT_EQ(times("Sales rose in April and will rise now.", "en", "2025-06-02"),
            (V{"April=2025-04", "now=PRESENT_REF"}));
  // "may" the verb is not a month; "march" in lower case is not either.
  EXPECT_EQ(times("Prices may march higher.", "en", "2025-06-02"), V{});
  EXPECT_EQ(times("Profit fell in the third quarter.", "en", "2025-11-20"), V{"the third quarter=2025-Q3"});
  EXPECT_EQ(times("The strike began late Wednesday night.", "en", "2025-11-20"),
            V{"late Wednesday night=2025-11-19"});
  EXPECT_EQ(times("Im Mai wuchs der Umsatz.", "de", "2025-06-02"), V{"Mai=2025-05"});
  EXPECT_EQ(times("Die Kirche stammt aus dem 14. Jahrhundert.", "de"), V{"14. Jahrhundert=13"});
}

// As times(), with a history narrative's extractor (TimeOptions::narrative).
V narrative_times(const std::string& text, const std::string& lang, const std::string& published) {
  static std::unique_ptr<TimeExtractor> x = [] {
    TimeOptions o;
    o.data_dir = NG_TEST_DATA_DIR;
    o.narrative = true;
    auto t = TimeExtractor::create(o);
    EXPECT_TRUE(t.is_ok()) << t.status().message();
    return std::move(*t);
  }();
  TimeAnnotation a = x->annotate(text, lang, published, "");
  V got;
  for (const TimeExpr& t : a.times) got.push_back(std::string(t.span.of(text)) + "=" + t.value);
  return got;
}

TEST(Time, NarrativeYearsComeFromTheText) {
  EXPECT_EQ(narrative_times("Im Jahr 1813 zog das Heer nach Osten. Am 16. Oktober begann die Schlacht; gestern war Ruhe.",
                            "de", "2011-02-16"),
            (V{"1813=1813", "16. Oktober=1813-10-16"}));
}

TEST(Time, Durations) {
  EXPECT_EQ(times("The ceasefire held for three years; the repairs took 10 days.", "en"),
            (V{"three years=P3Y", "10 days=P10D"}));
  EXPECT_EQ(times("It was a 90-minute call that lasted about two hours in the end.", "en"),
            (V{"90-minute=PT90M", "about two hours=PT2H"}));
  EXPECT_EQ(times("Die Belagerung dauerte zwei Wochen.", "de"), V{"zwei Wochen=P2W"});
  EXPECT_EQ(times("Le chantier a duré plusieurs mois.", "fr"), V{"plusieurs mois=PXM"});
  // A duration is no day: the event date stays the written one.
  TimeAnnotation a = extractor().annotate("The strike lasted five days and ended on May 4, 2024.", "en", "", "");
  EXPECT_EQ(a.event_date, "2024-05-04");
}

TEST(Time, ShiftsFromTheLastDateOrThePublicationDate) {
  // "ago", "vor", "il y a": back from the publication date (2025-12-10), at the unit's precision.
  EXPECT_EQ(times("The plant closed two years ago.", "en", "2025-12-10"), V{"two years ago=2023"});
  EXPECT_EQ(times("The plant closed six weeks ago.", "en", "2025-12-10"), V{"six weeks ago=2025-W44"});
  EXPECT_EQ(times("Das Werk schloss vor zwei Jahren.", "de", "2025-12-10"), V{"vor zwei Jahren=2023"});
  EXPECT_EQ(times("L'usine a fermé il y a trois jours.", "fr", "2025-12-10"), V{"il y a trois jours=2025-12-07"});
  // The same in the other languages with publication dates in the news.
  EXPECT_EQ(times("La fábrica cerró hace tres días.", "es", "2025-12-10"), V{"hace tres días=2025-12-07"});
  EXPECT_EQ(times("La fabbrica ha chiuso due anni fa.", "it", "2025-12-10"), V{"due anni fa=2023"});
  EXPECT_EQ(times("A fábrica fechou há dois dias.", "pt", "2025-12-10"), V{"há dois dias=2025-12-08"});
  EXPECT_EQ(times("Fabriken stängde för tre dagar sedan.", "sv", "2025-12-10"), V{"tre dagar sedan=2025-12-07"});
  EXPECT_EQ(times("Завод закрылся пять лет назад.", "ru", "2025-12-10"), V{"пять лет назад=2020"});
  EXPECT_EQ(times("De fabriek sloot twee weken geleden.", "nl", "2025-12-10"), V{"twee weken geleden=2025-W48"});
  EXPECT_EQ(times("Pabrik itu tutup dua hari yang lalu.", "id", "2025-12-10"), V{"dua hari yang lalu=2025-12-08"});
  // Without a publication date, "ago" does not count from the text's own
  // first date (here the very date it calls two years ago).
  EXPECT_EQ(times("Two years ago, on 4 June 2022, the plant closed.", "en"), V{"4 June 2022=2022-06-04"});
  // "later", "nach": on from the last day written.
  EXPECT_EQ(times("Am 3. März 2024 begann der Streik; drei Tage später lenkte die Firma ein.", "de"),
            (V{"3. März 2024=2024-03-03", "drei Tage später=2024-03-06"}));
  EXPECT_EQ(times("Der Bau begann am 1. Juni 2023 und ruhte nach zwei Wochen.", "de"),
            (V{"1. Juni 2023=2023-06-01", "nach zwei Wochen=2023-06-15"}));
  // "a year earlier" keeps the granularity of what was written before ...
  EXPECT_EQ(times("Profit rose in the third quarter, up from a year earlier.", "en", "2024-11-01"),
            (V{"the third quarter=2024-Q3", "a year earlier=2023-Q3"}));
  // ... but "ago" counts from today unless a quarter stands before it.
  EXPECT_EQ(times("The mill opened on May 3, 2020 and closed two years ago.", "en", "2025-12-10"),
            (V{"May 3, 2020=2020-05-03", "two years ago=2023"}));
  // A vague count gives no day.
  EXPECT_EQ(times("A few days later the mill reopened.", "en", "2025-12-10"), V{});
}

TEST(Time, ClockTimes) {
  EXPECT_EQ(times("La réunion a commencé à 18 h 30 à Nantes.", "fr", "2025-12-10"), V{"18 h 30=2025-12-10T18:30"});
  EXPECT_EQ(times("On March 3, 2024 the talks ended at 10:45 p.m. in Oslo.", "en"),
            (V{"March 3, 2024=2024-03-03", "10:45 p.m.=2024-03-03T22:45"}));
  EXPECT_EQ(times("Der Zug fuhr um 7 Uhr ab, die Feier endete um Mitternacht.", "de", "2025-12-10"),
            (V{"7 Uhr=2025-12-10T07:00", "Mitternacht=2025-12-10T24:00"}));
  // An hour needs its hour word; more than 24 is a count.
  EXPECT_EQ(times("The team scored 3 goals and worked 36 hours.", "en", "2025-12-10"), V{"36 hours=PT36H"});
}

TEST(Time, DecadesCenturiesAndYearsBeforeChrist) {
  EXPECT_EQ(times("In the 1990s trade grew fast.", "en"), V{"1990s=199"});
  EXPECT_EQ(times("In den 1980er Jahren wuchs der Handel.", "de"), V{"1980er Jahren=198"});
  EXPECT_EQ(times("Die Stadt wurde 490 v. Chr. zerstört.", "de"), V{"490 v. Chr.=BC0490"});
  EXPECT_EQ(times("The fort was built in 44 BC by the legion.", "en"), V{"44 BC=BC0044"});
  EXPECT_EQ(times("Der Tempel stammt aus dem 8. Jh. v. Chr. und steht noch.", "de"), V{"8. Jh. v. Chr.=BC07"});
}

TEST(Time, TheQuarterIsTheOneWrittenBefore) {
  EXPECT_EQ(times("Revenue for the quarter rose by a tenth.", "en", "2024-11-05"), V{"the quarter=2024-Q3"});
  EXPECT_EQ(times("Costs fell in the second quarter, and the quarter ended well.", "en", "2024-11-05"),
            (V{"the second quarter=2024-Q2", "the quarter=2024-Q2"}));
}

TEST(Time, WordsOfOneLanguageOnly) {
  // English "fall" (autumn) is a German noun ("Fall", case).
  EXPECT_EQ(times("Der Fall wurde im Herbst entschieden.", "de", "2025-12-10"), V{"Herbst=2025-FA"});
  // "8. und 9. Mai": the first day takes the month of the second.
  EXPECT_EQ(times("Die Gespräche fanden am 8. und 9. Mai 2024 statt.", "de"),
            (V{"8.=2024-05-08", "9. Mai 2024=2024-05-09"}));
  EXPECT_EQ(times("The talks were held on 8 and 9 May 2024.", "en"), (V{"8=2024-05-08", "9 May 2024=2024-05-09"}));
  // German nouns are capitalised: a 4-digit number before one counts it, unless a year word stands before.
  EXPECT_EQ(times("Die Flotte zählte 1850 Schiffe und 1900 Boote.", "de"), V{});
  EXPECT_EQ(times("Seit 1990 Mitglied der Partei, trat sie zurück.", "de"), V{"1990=1990"});
}

TEST(Time, NarrativesMoveOnWithTheirHeadingsAndYearWords) {
  const std::string text =
      "Vorgeschichte\nDas Heer kam 1990 an.\n1813\nDas Heer zog nach Osten. Am 16. Oktober begann die Schlacht. Im "
      "folgenden Jahr zog es weiter; am 31. März war es am Ziel. Die Stadt, deren Mauern 1250 gebaut wurden, fiel am 2. "
      "April. Wenig später kam der Frieden. Heute ist dort ein Museum.";
  // The heading "1813" moves the story back from 1990; "1250" is an aside; vague references are written as such
  // (TIMEX2): "Wenig später" FUTURE_REF, a history's "Heute" (nowadays) PRESENT_REF.
  EXPECT_EQ(narrative_times(text, "de", "2011-02-16"),
            (V{"1990=1990", "1813=1813", "16. Oktober=1813-10-16", "Im folgenden Jahr=1814", "31. März=1814-03-31",
               "1250=1250", "2. April=1814-04-02", "Wenig später=FUTURE_REF", "Heute=PRESENT_REF"}));
}

TEST(Time, SeasonsAndYearPhrasesTakeTheYearWrittenAfterThem) {
  // "Sommer 1907" is one expression; its year is the written one, in a narrative or not.
  EXPECT_EQ(times("Im Sommer 1907 brannte die Scheune.", "de", "2025-12-10"), V{"Sommer 1907=1907-SU"});
  EXPECT_EQ(narrative_times("Die Brücke stand 1880. Im Spätherbst 1883 stürzte sie ein; im Frühjahres 1884 nicht.",
                            "de", "2011-02-16"),
            (V{"1880=1880", "Spätherbst 1883=1883-FA", "Frühjahres 1884=1884-SP"}));
  EXPECT_EQ(narrative_times("Zum Ende des Jahres 1702 war die Ernte eingebracht; im Laufe des Jahres 1703 nicht.",
                            "de", "2011-02-16"),
            (V{"Ende des Jahres 1702=1702", "im Laufe des Jahres 1703=1703"}));
  // "des folgenden Jahres", "desselben Jahres": the year written before, moved on.
  EXPECT_EQ(narrative_times("Das Werk wurde 1851 begonnen. Im März des folgenden Jahres ruhte es, am 4. Mai desselben "
                            "Jahres ging es weiter; im Frühjahr des nächsten Jahres war es fertig.",
                            "de", "2011-02-16"),
            (V{"1851=1851", "März des folgenden Jahres=1852-03", "4. Mai desselben Jahres=1852-05-04",
               "Frühjahr des nächsten Jahres=1853-SP"}));
  // Fixed-date holidays; the New Year after a Christmas is the next year's (the story's day line).
  EXPECT_EQ(narrative_times("Zu Weihnachten 1871 schneite es, am Neujahrstag auch.", "de", "2011-02-16"),
            (V{"Weihnachten 1871=1871-12-25", "Neujahrstag=1872-01-01"}));
}

TEST(Time, NarrativesBeforeChrist) {
  const std::string text =
      "Die Belagerung (331–329 v. Chr.)\nIm Frühjahr 330 v. Chr. erreichte das Heer den Fluss. Am 3. Juni begann der "
      "Sturm. Ein Jahr später fiel die Stadt, im Herbst.";
  EXPECT_EQ(narrative_times(text, "de", "2011-02-16"),
            (V{"331=BC0331", "329 v. Chr.=BC0329", "Frühjahr 330 v. Chr.=BC0330-SP", "3. Juni=BC0330-06-03",
               "Ein Jahr später=BC0329", "Herbst=BC0329-FA"}));
}

TEST(Time, NarrativeVagueReferencesAreWrittenAsSuch) {
  EXPECT_EQ(narrative_times("Am 2. Mai 1866 zog das Heer aus. Kurz zuvor war der Fluss gestiegen, bald fiel er "
                            "wieder; jetzt ist dort ein Park.",
                            "de", "2011-02-16"),
            (V{"2. Mai 1866=1866-05-02", "Kurz zuvor=PAST_REF", "bald=FUTURE_REF", "jetzt=PRESENT_REF"}));
}

TEST(Time, NarrativesKeepToTheirDayLine) {
  // A flashback with a full date, then the story goes on next to the day it had reached.
  EXPECT_EQ(narrative_times("Am 12. Mai 1848 brach der Aufstand aus. Schon beim Treffen vom 3. Oktober 1846 hatten die "
                            "Zünfte gedroht. Am 14. Mai erreichte er die Hauptstadt.",
                            "de", "2011-02-16"),
            (V{"12. Mai 1848=1848-05-12", "3. Oktober 1846=1846-10-03", "14. Mai=1848-05-14"}));
  // A bare year in running text says nothing of where the story is; a year word before it does.
  EXPECT_EQ(narrative_times("Am 2. März 1871 lief die Flotte aus, mit Schiffen, die seit 1869 bereitlagen. Am 9. März "
                            "erreichte sie den Hafen.",
                            "de", "2011-02-16"),
            (V{"2. März 1871=1871-03-02", "1869=1869", "9. März=1871-03-09"}));
  EXPECT_EQ(narrative_times("Am 2. März 1871 lief die Flotte aus. Im Jahr 1872 kehrte sie zurück; am 9. März lag sie "
                            "im Hafen.",
                            "de", "2011-02-16"),
            (V{"2. März 1871=1871-03-02", "1872=1872", "9. März=1872-03-09"}));
  // An end point ("bis zum ...") is not where the story is.
  EXPECT_EQ(narrative_times("Am 4. Juni 1702 begann die Belagerung, die bis zum 20. Januar 1703 dauern sollte. "
                            "Am 10. Juni fiel das Tor.",
                            "de", "2011-02-16"),
            (V{"4. Juni 1702=1702-06-04", "20. Januar 1703=1703-01-20", "10. Juni=1702-06-10"}));
  // ... even months later in the line's year; but a sentence that starts with its year is set in it.
  EXPECT_EQ(narrative_times("Am 3. Juli 1871 landeten die Siedler. Im August bauten sie Hütten, die seit 1869 geplant "
                            "waren. Am 30. September kam der Frost.",
                            "de", "2011-02-16"),
            (V{"3. Juli 1871=1871-07-03", "August=1871-08", "1869=1869", "30. September=1871-09-30"}));
  EXPECT_EQ(narrative_times("Am 3. Juli 1871 landeten die Siedler. 1872 kam ein zweites Schiff. Am 30. Juli zogen sie "
                            "weiter.",
                            "de", "2011-02-16"),
            (V{"3. Juli 1871=1871-07-03", "1872=1872", "30. Juli=1872-07-30"}));
  // Just after the story's month, the next year's.
  EXPECT_EQ(narrative_times("Im Dezember 1812 erreichte das Heer die Grenze. Im Januar war es aufgelöst.", "de",
                            "2011-02-16"),
            (V{"Dezember 1812=1812-12", "Januar=1813-01"}));
  // A season with a year is a part of that year: the story's day line is nearer.
  EXPECT_EQ(narrative_times("Am 28. Oktober 1848 fiel die Stadt; im Frühjahr 1849 folgte die Verfassung. "
                            "Am 2. November floh der Fürst.",
                            "de", "2011-02-16"),
            (V{"28. Oktober 1848=1848-10-28", "Frühjahr 1849=1849-SP", "2. November=1848-11-02"}));
  // A plan ("sollte") is after the story's day.
  EXPECT_EQ(narrative_times("Am 20. Oktober 1806 unterschrieb der König das Gesetz, das am 1. April in Kraft treten "
                            "sollte.",
                            "de", "2011-02-16"),
            (V{"20. Oktober 1806=1806-10-20", "1. April=1807-04-01"}));
  // Far years two in a row: the story has moved there (the first alone is an aside).
  EXPECT_EQ(narrative_times("Im Jahr 480 v. Chr. fiel die Stadt. Von 431 bis 404 v. Chr. dauerte der nächste Krieg; "
                            "Ende 430 v. Chr. kam die Seuche, im Sommer auch der Feind.",
                            "de", "2011-02-16"),
            (V{"480 v. Chr.=BC0480", "431=BC0431", "404 v. Chr.=BC0404", "Ende 430 v. Chr.=BC0430",
               "Sommer=BC0430-SU"}));
  // "einen Monat später" after a month: the month moved on.
  EXPECT_EQ(narrative_times("Anfang Mai 1833 zog das Heer los und kam einen Monat später an.", "de", "2011-02-16"),
            (V{"Anfang Mai 1833=1833-05", "einen Monat später=1833-06"}));
}

TEST(Time, NarrativeSectionsStartAtTheirHeadingsYear) {
  const std::string text =
      "1821\nDer Norden\nIm März stieg der Fluss. Am 3. Oktober 1822 war er trocken.\nDer Süden\nIm Mai "
      "regnete es.\nReise nach Osten, 4. Juni bis 2. Juli 1823\nAm 10. Juni brach man auf.";
  // A heading without a year goes back to the year of the last heading with one; a range in a heading starts the
  // story at its beginning.
  EXPECT_EQ(narrative_times(text, "de", "2011-02-16"),
            (V{"1821=1821", "März=1821-03", "3. Oktober 1822=1822-10-03", "Mai=1821-05", "4. Juni=1823-06-04",
               "2. Juli 1823=1823-07-02", "10. Juni=1823-06-10"}));
}

TEST(Time, AnaphoricDaysMonthsAndHalfYears) {
  EXPECT_EQ(narrative_times("Am 3. Mai 1809 erreichte die Vorhut den Pass. Am Abend desselben Tages kam der Regen, "
                            "am Tag darauf der Schnee. Im selben Monat zog das Heer ab.",
                            "de", "2011-02-16"),
            (V{"3. Mai 1809=1809-05-03", "Am Abend desselben Tages=1809-05-03", "am Tag darauf=1809-05-04",
               "Im selben Monat=1809-05"}));
  EXPECT_EQ(narrative_times("Das Jahr 1784 war ruhig; im 1. Halbjahr wurde gebaut, in der zweiten Jahreshälfte "
                            "geerntet.",
                            "de", "2011-02-16"),
            (V{"1784=1784", "1. Halbjahr=1784-H1", "zweiten Jahreshälfte=1784-H2"}));
  // "am Morgen des 6. Juni" is the date with its part of the day (not "morgen", tomorrow).
  EXPECT_EQ(times("Am frühen Morgen des 6. Juni 2024 begann die Übung.", "de", "2024-06-10"),
            V{"frühen Morgen des 6. Juni 2024=2024-06-06"});
  EXPECT_EQ(times("Gegen Ende September 2023 schloss das Werk.", "de"), V{"Gegen Ende September 2023=2023-09"});
  // "4 Uhr 45": the minutes after the hour word.
  EXPECT_EQ(times("Am 2. Juni 2024 um 4 Uhr 45 fuhr der Zug ab.", "de"),
            (V{"2. Juni 2024=2024-06-02", "4 Uhr 45=2024-06-02T04:45"}));
}

TEST(Time, DecadesOfTheStorysCentury) {
  EXPECT_EQ(narrative_times("Im Jahr 1931 wuchs die Stadt, wie schon in den 20er Jahren und den achtziger Jahren "
                            "davor.",
                            "de", "2011-02-16"),
            (V{"1931=1931", "20er Jahren=192", "achtziger Jahren=188"}));
  EXPECT_EQ(narrative_times("Im Jahr 455 v. Chr. zog das Heer aus; Mitte der 460er Jahre war es still gewesen.", "de",
                            "2011-02-16"),
            (V{"455 v. Chr.=BC0455", "Mitte der 460er Jahre=BC046"}));
  EXPECT_EQ(times("In den 1980er-Jahren wuchs der Handel.", "de"), V{"1980er-Jahren=198"});
}

TEST(Time, NarrativeWeekdaysFollowTheStory) {
  EXPECT_EQ(narrative_times("Am 4. März 1848 (ein Samstag) tagte der Rat; am Montag zog das Volk zum Schloss.", "de",
                            "2011-02-16"),
            (V{"4. März 1848=1848-03-04", "Samstag=1848-03-04", "Montag=1848-03-06"}));
}

TEST(Time, Weekends) {
  // 2025-12-10 is a Wednesday: the last weekend is in week 49, the next in week 50.
  EXPECT_EQ(times("The talks stalled over the weekend.", "en", "2025-12-10"), V{"the weekend=2025-W49-WE"});
  EXPECT_EQ(times("The envoys will meet again next weekend.", "en", "2025-12-10"), V{"next weekend=2025-W50-WE"});
  EXPECT_EQ(times("Die Gespräche werden am Wochenende fortgesetzt.", "de", "2025-12-10"),
            V{"Wochenende=2025-W50-WE"});
  EXPECT_EQ(times("The fund closed the full year with a loss, as in the past year.", "en", "2025-12-10"),
            (V{"the full year=2025", "the past year=2024"}));
}

TEST(Time, RunsInThePipeline) {
  PipelineOptions o;
  o.data_dir = NG_TEST_DATA_DIR;
  auto p = DocumentProcessor::create(o);
  ASSERT_TRUE(p.is_ok()) << p.status().message();
  RawRecord r;
  r.source = "t";
  r.format = Format::kJsonl;
  r.lang = "de";
  r.published = "2025-12-10";
  r.body = "Die Außenminister trafen sich gestern in Salzburg. Sie sprachen über Handel.";
  auto d = (*p)->process(r);
  ASSERT_TRUE(d.is_ok());
  ASSERT_EQ(d->times.size(), 1u);
  EXPECT_EQ(d->times[0].value, "2025-12-09");
  EXPECT_EQ(d->event_date, "2025-12-09");
}

TEST(Time, LexiconErrorsNameFileAndLine) {
  std::string dir = ::testing::TempDir() + "/ng_time_data";
  std::filesystem::create_directories(dir + "/time");
  {
    std::ofstream f(dir + "/time/xx.tsv");
    f << "# comment\nyesterday\tday\t-1\nfoo\tnonsense\n";
  }
  TimeOptions o;
  o.data_dir = dir;
  auto t = TimeExtractor::create(o);
  ASSERT_FALSE(t.is_ok());
  EXPECT_NE(t.status().message().find("xx.tsv:3"), std::string::npos) << t.status().message();
}

}  // namespace
}  // namespace ng
