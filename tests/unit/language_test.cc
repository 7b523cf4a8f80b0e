#include "text/language.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <thread>
#include <vector>

// Every text below was written for this test (plausible news, not copied).

namespace ng {
namespace {

struct Sample {
  const char* code;
  const char* text;
};

const Sample kSamples[] = {
    {"de",
     "Die Bundesregierung hat am Mittwoch ein neues Gesetz zur Förderung erneuerbarer Energien beschlossen. "
     "Nach Angaben des Wirtschaftsministeriums sollen bis zum Jahr 2030 deutlich mehr Windräder an Land "
     "gebaut werden. Kritiker aus der Opposition bemängeln, dass die Finanzierung der Stromnetze noch immer "
     "ungeklärt sei. Die Länder wollen im Bundesrat über mögliche Änderungen beraten."},
    {"en",
     "The city council voted on Tuesday to expand the public bus network after months of heated debate. "
     "Officials said the new routes would connect several suburbs that currently have no direct service to "
     "the centre. Opponents argued that the plan was too expensive and that the money should be spent on "
     "repairing roads instead. The first new lines are expected to open early next year."},
    {"fr",
     "Le gouvernement a présenté mercredi un projet de loi visant à réformer le système des retraites. "
     "Selon le ministre du Travail, la mesure doit permettre de garantir l'équilibre financier des caisses "
     "d'ici la fin de la décennie. Les syndicats ont aussitôt appelé à une journée de grève nationale la "
     "semaine prochaine. Le texte sera examiné par l'Assemblée nationale au début du mois de mars."},
    {"es",
     "El Gobierno aprobó este martes un plan para reducir el consumo de agua en las regiones más afectadas "
     "por la sequía. Según el Ministerio de Agricultura, los agricultores recibirán ayudas para modernizar "
     "sus sistemas de riego durante los próximos dos años. Las organizaciones ecologistas consideran que las "
     "medidas llegan demasiado tarde. El plan entrará en vigor a partir del próximo mes de junio."},
    {"id",
     "Pemerintah provinsi mengumumkan bahwa pembangunan jalan tol baru akan dimulai pada bulan depan. "
     "Menurut kepala dinas pekerjaan umum, proyek tersebut diharapkan dapat mengurangi kemacetan di kawasan "
     "perkotaan secara signifikan. Warga yang tinggal di sekitar lokasi proyek meminta agar ganti rugi lahan "
     "dibayarkan dengan adil dan tidak ditunda lagi. Jalan tol itu direncanakan selesai dalam waktu tiga "
     "tahun."},
    {"sv",
     "Regeringen presenterade på torsdagen ett nytt förslag om att stärka skyddet för landets skogar. "
     "Enligt miljöministern ska staten köpa in stora områden med gammal skog i norra Sverige under de "
     "kommande åren. Skogsägarna är kritiska och menar att förslaget hotar deras möjligheter att bruka "
     "marken. Riksdagen väntas rösta om förslaget i början av hösten."},
    {"vi",
     "Chính phủ vừa công bố kế hoạch đầu tư mở rộng hệ thống đường sắt đô thị tại Hà Nội và Thành phố "
     "Hồ Chí Minh. Theo Bộ Giao thông Vận tải, các tuyến mới sẽ giúp giảm ùn tắc giao thông và ô nhiễm "
     "không khí trong những năm tới. Nhiều người dân bày tỏ hy vọng dự án sẽ được hoàn thành đúng tiến độ. "
     "Tổng vốn đầu tư dự kiến lên tới hàng tỷ đô la."},
    {"ru",
     "Правительство утвердило новую программу поддержки малого бизнеса в регионах страны. По словам "
     "министра экономики, предприниматели смогут получить льготные кредиты на развитие производства уже в "
     "этом году. Эксперты считают, что эта мера поможет сохранить рабочие места в небольших городах. Первые "
     "заявки начнут принимать в следующем месяце."},
};

// A German article quoting an English statement in its second paragraph.
// Paragraph lines, then the article as the pipeline would see it: blank lines
// between paragraphs, and stray spaces/tabs around the quoted one.
const char* kDe1 =
    "Der Außenminister traf sich am Montag in Berlin mit seinem amerikanischen Amtskollegen, um über die Lage "
    "im Nahen Osten zu sprechen. Beide Seiten betonten die Bedeutung einer engen Zusammenarbeit in der Region.";
const char* kEn =
    "\"We will continue to work closely with our German partners on all questions of regional security and "
    "humanitarian aid,\" the American minister told reporters after the meeting.";
const char* kDe2 =
    "Nach dem Treffen reiste der Minister weiter nach Paris, wo er am Dienstag an einer Konferenz der "
    "europäischen Außenminister teilnehmen wird. Dort soll auch über neue Hilfen für die Ukraine und die "
    "Sicherheit der Schifffahrt beraten werden.";

std::string mixed_article() {
  return std::string(kDe1) + "\n\n  \t" + kEn + " \t\n\n" + kDe2 + "\n";
}

TEST(Language, IdentifiesEachLanguageReliably) {
  LanguageIdentifier id;
  for (const Sample& s : kSamples) {
    SCOPED_TRACE(s.code);
    std::string_view text = s.text;
    LanguageResult r = id.identify(text);
    EXPECT_EQ(r.lang, s.code);
    EXPECT_TRUE(r.reliable);
    // All of the text is in one language.
    EXPECT_GE(r.confidence, 0.9f);
    EXPECT_LE(r.confidence, 1.0f);
    // One line: one paragraph, the whole text, which takes the document's result.
    ASSERT_EQ(r.paragraphs.size(), 1u);
    EXPECT_EQ(r.paragraphs[0].span, (Span{0, static_cast<uint32_t>(text.size())}));
    EXPECT_EQ(r.paragraphs[0].lang, s.code);
    EXPECT_EQ(r.paragraphs[0].confidence, r.confidence);
  }
}

TEST(Language, GermanArticleWithEnglishQuoteParagraph) {
  LanguageIdentifier id;
  const std::string text = mixed_article();
  LanguageResult r = id.identify(text);
  EXPECT_EQ(r.lang, "de");
  EXPECT_TRUE(r.reliable);
  EXPECT_GT(r.confidence, 0.5f);
  EXPECT_LT(r.confidence, 1.0f);  // a fifth of the letters are English

  // Blank lines are no paragraphs; the spaces and tabs around the quote are
  // not part of its span.
  ASSERT_EQ(r.paragraphs.size(), 3u);
  EXPECT_EQ(r.paragraphs[0].span.of(text), kDe1);
  EXPECT_EQ(r.paragraphs[1].span.of(text), kEn);
  EXPECT_EQ(r.paragraphs[2].span.of(text), kDe2);
  // Byte offsets: kDe1 starts the text; the quote after "\n\n  \t".
  EXPECT_EQ(r.paragraphs[0].span.begin, 0u);
  EXPECT_EQ(r.paragraphs[1].span.begin, std::string_view(kDe1).size() + 5);

  EXPECT_EQ(r.paragraphs[0].lang, "de");
  EXPECT_EQ(r.paragraphs[1].lang, "en");
  EXPECT_EQ(r.paragraphs[2].lang, "de");
  for (const Paragraph& p : r.paragraphs) {
    EXPECT_GT(p.confidence, 0.5f);
    EXPECT_LE(p.confidence, 1.0f);
  }
}

TEST(Language, EmptyAndWhitespaceTextIsUnd) {
  LanguageIdentifier id;
  for (std::string_view text : {std::string_view(""), std::string_view("   "), std::string_view(" \t\n\r\n\f\v \n")}) {
    LanguageResult r = id.identify(text);
    EXPECT_EQ(r.lang, "und");
    EXPECT_FALSE(r.reliable);
    EXPECT_EQ(r.confidence, 0.0f);
    EXPECT_TRUE(r.paragraphs.empty());
  }
}

TEST(Language, ShortOrGibberishTextIsUnd) {
  LanguageIdentifier id;
  for (std::string_view text : {std::string_view("xq zzv 1234"), std::string_view("Hanoi"),
                                std::string_view("12:45 — 3/4 — #%&")}) {
    SCOPED_TRACE(text);
    LanguageResult r = id.identify(text);
    EXPECT_EQ(r.lang, "und");
    EXPECT_FALSE(r.reliable);
    EXPECT_EQ(r.confidence, 0.0f);
    // Still one paragraph (it holds something), without a language.
    ASSERT_EQ(r.paragraphs.size(), 1u);
    EXPECT_EQ(r.paragraphs[0].span.of(text), text);
    EXPECT_EQ(r.paragraphs[0].lang, "und");
    EXPECT_EQ(r.paragraphs[0].confidence, 0.0f);
  }
}

TEST(Language, HintsDoNotOverrideClearText) {
  LanguageIdentifier id;
  const std::string_view en = kSamples[1].text;
  const std::string_view vi = kSamples[6].text;
  const std::string_view de = kSamples[0].text;
  ASSERT_STREQ(kSamples[1].code, "en");
  ASSERT_STREQ(kSamples[6].code, "vi");
  ASSERT_STREQ(kSamples[0].code, "de");

  EXPECT_EQ(id.identify(en, "https://www.example.de/politik/artikel-1.html", "de").lang, "en");
  EXPECT_EQ(id.identify(en, "https://tin.example.vn/a", "vi-VN").lang, "en");
  EXPECT_EQ(id.identify(vi, "https://www.example.fr/", "fr").lang, "vi");
  EXPECT_EQ(id.identify(de, "http://user@news.example.ru:8080/x?y#z", "ru").lang, "de");
  // Hints that are not hints (generic TLD, no URL, junk tag) change nothing.
  EXPECT_EQ(id.identify(de, "https://example.io/", "und").lang, "de");
  EXPECT_EQ(id.identify(de, "not a url", "x").lang, "de");
  EXPECT_TRUE(id.identify(en, "https://www.example.de/", "de").reliable);
}

TEST(Language, InvalidUtf8DoesNotCrashAndKeepsOffsets) {
  LanguageIdentifier id;
  // German, with a lone continuation byte, a truncated two-byte sequence, an
  // invalid lead byte, a C0 control and an overlong '/' mixed in.
  const std::string p1 = std::string(
                             "Die Stadtverwaltung hat am Freitag \x80 neue Regeln für den Verkehr in der Innenstadt "
                             "vorgestellt. Autos sollen künftig \xc3 nur noch \xff\xfe nachts in die Altstadt "
                             "fahren dürfen.") +
                         "\x01" + " Händler befürchten \xc0\xaf weniger Kundschaft.";
  const std::string p2 =
      "Der Bürgermeister verteidigte die Pläne und verwies auf die hohe Belastung durch Lärm und Abgase in "
      "den engen Gassen der Altstadt.";
  const std::string text = p1 + "\n" + p2;
  LanguageResult r = id.identify(text);
  EXPECT_EQ(r.lang, "de");
  EXPECT_TRUE(r.reliable);
  ASSERT_EQ(r.paragraphs.size(), 2u);
  for (const Paragraph& p : r.paragraphs) {
    EXPECT_LE(p.span.begin, p.span.end);
    EXPECT_LE(p.span.end, text.size());
  }
  EXPECT_EQ(r.paragraphs[0].span.of(text), p1);
  EXPECT_EQ(r.paragraphs[1].span.of(text), p2);
  EXPECT_EQ(r.paragraphs[1].span.begin, p1.size() + 1);
  EXPECT_EQ(r.paragraphs[1].lang, "de");

  // Nothing but bad bytes: no language, no crash.
  const std::string junk = "\xff\xfe\xfd\x80\x81 \xc3";
  LanguageResult j = id.identify(junk);
  EXPECT_EQ(j.lang, "und");
  EXPECT_FALSE(j.reliable);
  EXPECT_EQ(j.confidence, 0.0f);
  for (const Paragraph& p : j.paragraphs) EXPECT_LE(p.span.end, junk.size());
}

TEST(Language, SameResultFromFourThreads) {
  const LanguageIdentifier id;
  const std::string text = mixed_article();
  const LanguageResult expected = id.identify(text);
  ASSERT_EQ(expected.lang, "de");
  ASSERT_EQ(expected.paragraphs.size(), 3u);

  std::vector<int> mismatches(4, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 50; ++i) {
        // Interleave other languages so that calls really overlap with different work.
        (void)id.identify(kSamples[(t + i) % 8].text);
        LanguageResult r = id.identify(text);
        bool same = r.lang == expected.lang && r.confidence == expected.confidence &&
                    r.reliable == expected.reliable && r.paragraphs.size() == expected.paragraphs.size();
        for (size_t k = 0; same && k < r.paragraphs.size(); ++k) {
          same = r.paragraphs[k].span == expected.paragraphs[k].span &&
                 r.paragraphs[k].lang == expected.paragraphs[k].lang &&
                 r.paragraphs[k].confidence == expected.paragraphs[k].confidence;
        }
        if (!same) ++mismatches[t];
      }
    });
  }
  for (auto& th : threads) th.join();
  for (int t = 0; t < 4; ++t) EXPECT_EQ(mismatches[t], 0) << "thread " << t;
}

}  // namespace
}  // namespace ng

namespace ng {
namespace {

// CLD2 mixes up Indonesian and Malay; their own spellings decide.
TEST(Language, IndonesianAndMalayToldApartByTheirSpelling) {
  LanguageIdentifier id;
  const std::string indonesian =
      "Menteri Perdagangan mengatakan bahwa pemerintah akan menambah cadangan beras karena harga naik sejak "
      "Juni. Rapat dengan para pedagang digelar di Jakarta pada hari Kamis dan dilanjutkan pekan depan.";
  const std::string malay =
      "Menteri Perdagangan berkata bahawa kerajaan akan menambah simpanan beras kerana harga naik sejak Julai. "
      "Mesyuarat dengan para peniaga diadakan di Kuala Lumpur pada hari Khamis dan beliau akan hadir sekali lagi.";
  EXPECT_EQ(id.identify(indonesian).lang, "id");
  EXPECT_EQ(id.identify(malay).lang, "ms");
}

}  // namespace
}  // namespace ng
