#include "text/segment.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

// Every text below was written for this test (plausible news, not copied).

namespace ng {
namespace {

// The source tree's data/ (the same directory ctest passes as NEWSGRAPH_DATA).
std::string data_dir() { return std::string(NG_SOURCE_DIR) + "/data"; }

std::unique_ptr<Segmenter> make_segmenter() {
  SegmentOptions o;
  o.data_dir = data_dir();
  auto s = Segmenter::create(o);
  EXPECT_TRUE(s.is_ok()) << s.status().to_string();
  if (!s.is_ok()) return nullptr;
  return std::move(s.value());
}

std::vector<std::string> sentence_texts(const Segmenter& s, std::string_view text, std::string_view lang) {
  std::vector<std::string> out;
  for (const Sentence& x : s.sentences(text, lang)) {
    EXPECT_LE(x.span.begin, x.span.end);
    EXPECT_LE(x.span.end, text.size());
    out.emplace_back(x.span.of(text));
  }
  return out;
}

using Texts = std::vector<std::string>;

// A scratch data directory with abbreviations/<name> holding `content`.
class TempDataDir {
 public:
  explicit TempDataDir(std::string_view tag) {
    dir_ = std::filesystem::temp_directory_path() /
           ("ng_segment_test_" + std::string(tag) + "_" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_ / "abbreviations");
  }
  ~TempDataDir() {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  std::string write(const std::string& name, const std::string& content) {
    std::filesystem::path p = dir_ / "abbreviations" / name;
    std::ofstream(p, std::ios::binary) << content;
    return p.string();
  }
  std::string path() const { return dir_.string(); }

 private:
  std::filesystem::path dir_;
};

TEST(Segment, TitleAbbreviationBeforeNameDoesNotSplitEnglish) {
  auto s = make_segmenter();
  ASSERT_TRUE(s);
  const std::string text =
      "The delegation was led by Gen. Ngo Xuan Lich, the defence minister. He met his counterpart on Monday.";
  EXPECT_EQ(sentence_texts(*s, text, "en"),
            (Texts{"The delegation was led by Gen. Ngo Xuan Lich, the defence minister.",
                   "He met his counterpart on Monday."}));
}

TEST(Segment, TitleAbbreviationBeforeNameDoesNotSplitGerman) {
  auto s = make_segmenter();
  ASSERT_TRUE(s);
  const std::string text =
      "Die Delegation wurde von Gen. Ngo Xuan Lich angeführt. Er traf am Montag seinen Amtskollegen.";
  EXPECT_EQ(sentence_texts(*s, text, "de"),
            (Texts{"Die Delegation wurde von Gen. Ngo Xuan Lich angeführt.", "Er traf am Montag seinen Amtskollegen."}));
  // A region subtag uses the language's rules.
  EXPECT_EQ(sentence_texts(*s, text, "de-AT").size(), 2u);
}

TEST(Segment, OrdinalDotAndMonthAbbreviationDoNotSplitGerman) {
  auto s = make_segmenter();
  ASSERT_TRUE(s);
  const std::string text =
      "Das Treffen fand am 3. Okt. 2024 in Hanoi statt. Beide Seiten unterzeichneten ein Abkommen.";
  EXPECT_EQ(sentence_texts(*s, text, "de"),
            (Texts{"Das Treffen fand am 3. Okt. 2024 in Hanoi statt.", "Beide Seiten unterzeichneten ein Abkommen."}));
  // The month written out, and a numeric date.
  EXPECT_EQ(sentence_texts(*s, "Die Wahl ist am 3. Oktober. Das Ergebnis folgt am 4. 10. 2024 um 18 Uhr.", "de"),
            (Texts{"Die Wahl ist am 3. Oktober.", "Das Ergebnis folgt am 4. 10. 2024 um 18 Uhr."}));
}

TEST(Segment, CountryAbbreviationDoesNotSplitEnglish) {
  auto s = make_segmenter();
  ASSERT_TRUE(s);
  EXPECT_EQ(sentence_texts(*s, "U.S. officials said the talks had made progress. A new round is planned for May.", "en"),
            (Texts{"U.S. officials said the talks had made progress.", "A new round is planned for May."}));
  // Before a capitalised word, where ICU alone would break.
  EXPECT_EQ(sentence_texts(*s, "He met U.S. Ambassador Marc Knapper in Hanoi. They discussed trade.", "en"),
            (Texts{"He met U.S. Ambassador Marc Knapper in Hanoi.", "They discussed trade."}));
}

TEST(Segment, PlainTwoSentenceTextSplitsInTwo) {
  auto s = make_segmenter();
  ASSERT_TRUE(s);
  const std::string text = "The river burst its banks on Sunday. Hundreds of families were evacuated.";
  auto sentences = s->sentences(text, "en");
  ASSERT_EQ(sentences.size(), 2u);
  // "The river burst its banks on Sunday." is 36 bytes; one space follows.
  EXPECT_EQ(sentences[0].span, (Span{0, 36}));
  EXPECT_EQ(sentences[1].span, (Span{37, static_cast<uint32_t>(text.size())}));
  EXPECT_EQ(sentences[1].span.of(text), "Hundreds of families were evacuated.");
  // Question and exclamation marks end sentences too.
  EXPECT_EQ(sentence_texts(*s, "Who pays for the repairs? Nobody knows yet! The mayor will decide.", "en"),
            (Texts{"Who pays for the repairs?", "Nobody knows yet!", "The mayor will decide."}));
}

TEST(Segment, LineBreakIsAlwaysABoundary) {
  auto s = make_segmenter();
  ASSERT_TRUE(s);
  // A title without a full stop, then a paragraph.
  const std::string text =
      "Floods hit northern provinces\nHeavy rain caused rivers to rise overnight. Schools were closed.\n";
  EXPECT_EQ(sentence_texts(*s, text, "en"),
            (Texts{"Floods hit northern provinces", "Heavy rain caused rivers to rise overnight.",
                   "Schools were closed."}));
  // Even before a lowercase word, after an abbreviation, or with CR LF.
  EXPECT_EQ(sentence_texts(*s, "Report by the ministry\r\nthe figures were revised", "en"),
            (Texts{"Report by the ministry", "the figures were revised"}));
  EXPECT_EQ(sentence_texts(*s, "Interview with Gen.\n\nNgo Xuan Lich spoke first.", "en"),
            (Texts{"Interview with Gen.", "Ngo Xuan Lich spoke first."}));
  // Surrounding white space is not part of a sentence; blank lines give none.
  EXPECT_EQ(sentence_texts(*s, "  \n\nFirst line here\n   \n  Second line here.  \n", "en"),
            (Texts{"First line here", "Second line here."}));
}

TEST(Segment, VietnameseSentences) {
  auto s = make_segmenter();
  ASSERT_TRUE(s);
  const std::string text =
      "Thủ tướng đã tiếp đoàn đại biểu tại Hà Nội. Hai bên thảo luận về hợp tác kinh tế. Cuộc gặp kéo dài hai giờ.";
  auto sentences = s->sentences(text, "vi");
  ASSERT_EQ(sentences.size(), 3u);
  EXPECT_EQ(sentences[0].span.of(text), "Thủ tướng đã tiếp đoàn đại biểu tại Hà Nội.");
  EXPECT_EQ(sentences[1].span.of(text), "Hai bên thảo luận về hợp tác kinh tế.");
  EXPECT_EQ(sentences[2].span.of(text), "Cuộc gặp kéo dài hai giờ.");
  // Byte offsets, not code points: the second sentence begins right after
  // the first one's period and a space.
  EXPECT_EQ(sentences[0].span.begin, 0u);
  EXPECT_EQ(sentences[1].span.begin, sentences[0].span.end + 1);
  EXPECT_EQ(sentences[1].span.begin, text.find("Hai bên"));
  EXPECT_EQ(sentences[2].span.end, text.size());

  // "TP." (thành phố) before a name does not end the sentence.
  EXPECT_EQ(sentence_texts(*s, "Mưa lớn gây ngập nhiều tuyến đường ở TP. Hồ Chí Minh vào tối qua. Giao thông bị ùn tắc.",
                           "vi"),
            (Texts{"Mưa lớn gây ngập nhiều tuyến đường ở TP. Hồ Chí Minh vào tối qua.", "Giao thông bị ùn tắc."}));
}

TEST(Segment, RussianSentences) {
  auto s = make_segmenter();
  ASSERT_TRUE(s);
  const std::string text =
      "Президент провёл совещание с членами правительства. Обсуждались вопросы экономики. Встреча прошла в Кремле.";
  auto sentences = s->sentences(text, "ru");
  ASSERT_EQ(sentences.size(), 3u);
  EXPECT_EQ(sentences[0].span.of(text), "Президент провёл совещание с членами правительства.");
  EXPECT_EQ(sentences[1].span.of(text), "Обсуждались вопросы экономики.");
  EXPECT_EQ(sentences[2].span.of(text), "Встреча прошла в Кремле.");
  EXPECT_EQ(sentences[1].span.begin, text.find("Обсуждались"));

  // Initials and "г." (город) do not end a sentence.
  EXPECT_EQ(sentence_texts(*s, "Совещание провёл В. В. Петров в г. Тула. Итоги объявят завтра.", "ru"),
            (Texts{"Совещание провёл В. В. Петров в г. Тула.", "Итоги объявят завтра."}));
}

TEST(Segment, UnknownLanguageUsesRootRules) {
  auto s = make_segmenter();
  ASSERT_TRUE(s);
  const std::string text = "The river burst its banks on Sunday. Hundreds of families were evacuated.\nPage two";
  const Texts expected{"The river burst its banks on Sunday.", "Hundreds of families were evacuated.", "Page two"};
  EXPECT_EQ(sentence_texts(*s, text, "xx"), expected);
  EXPECT_EQ(sentence_texts(*s, text, "und"), expected);
  EXPECT_EQ(sentence_texts(*s, text, ""), expected);
  EXPECT_EQ(sentence_texts(*s, text, "12"), expected);
  // Tokens too.
  auto tokens = s->tokens("Page two", "xx");
  ASSERT_EQ(tokens.size(), 2u);
  EXPECT_EQ(tokens[0].span, (Span{0, 4}));
  EXPECT_EQ(tokens[1].span, (Span{5, 8}));
}

TEST(Segment, EmptyText) {
  auto s = make_segmenter();
  ASSERT_TRUE(s);
  EXPECT_TRUE(s->sentences("", "en").empty());
  EXPECT_TRUE(s->tokens("", "en").empty());
  EXPECT_TRUE(s->sentences(" \n\t\n", "en").empty());
  EXPECT_TRUE(s->tokens(" \n\t\n", "en").empty());
}

TEST(Segment, TokensAreWordsNumbersAndPunctuation) {
  auto s = make_segmenter();
  ASSERT_TRUE(s);
  const std::string text = "Tô Lâm nói: 42 người.";
  auto tokens = s->tokens(text, "vi");
  struct Want {
    std::string text;
    bool is_word;
  };
  const std::vector<Want> want = {{"Tô", true}, {"Lâm", true}, {"nói", true}, {":", false},
                                  {"42", true}, {"người", true}, {".", false}};
  ASSERT_EQ(tokens.size(), want.size());
  for (size_t i = 0; i < want.size(); ++i) {
    SCOPED_TRACE(i);
    EXPECT_EQ(tokens[i].span.of(text), want[i].text);
    EXPECT_EQ(tokens[i].is_word, want[i].is_word);
  }
  // "Tô" is T + ô (2 bytes); "Lâm" starts after the space: L, â (2 bytes), m.
  EXPECT_EQ(tokens[0].span, (Span{0, 3}));
  EXPECT_EQ(tokens[1].span, (Span{4, 8}));

  const std::string en = "Costs rose 3.5% to $1,200, officials said.";
  auto t = s->tokens(en, "en");
  std::vector<std::string> words, other;
  for (const Token& x : t) (x.is_word ? words : other).emplace_back(x.span.of(en));
  EXPECT_EQ(words, (std::vector<std::string>{"Costs", "rose", "3.5", "to", "1,200", "officials", "said"}));
  EXPECT_EQ(other, (std::vector<std::string>{"%", "$", ",", "."}));

  const std::string ru = "Москва, 5 мая.";
  auto r = s->tokens(ru, "ru");
  ASSERT_EQ(r.size(), 5u);
  EXPECT_EQ(r[0].span.of(ru), "Москва");  // 6 Cyrillic letters, 12 bytes
  EXPECT_EQ(r[0].span, (Span{0, 12}));
  EXPECT_FALSE(r[1].is_word);  // ","
  EXPECT_TRUE(r[2].is_word);   // "5"
  EXPECT_EQ(r[3].span.of(ru), "мая");
  EXPECT_FALSE(r[4].is_word);  // "."
}

TEST(Segment, SameResultFromSeveralThreads) {
  auto s = make_segmenter();
  ASSERT_TRUE(s);
  const std::string text = "Die Delegation wurde von Gen. Ngo Xuan Lich angeführt. Er traf am 3. Okt. seinen Amtskollegen.";
  std::vector<int> sizes(4, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      // "da" has no file: its rules are built on first use, concurrently.
      for (int i = 0; i < 20; ++i) {
        sizes[t] += static_cast<int>(s->sentences(text, i % 2 ? "de" : "da").size());
      }
    });
  }
  for (auto& th : threads) th.join();
  // de: 2 sentences (Gen. and "3. Okt." hold). da: no "Gen." entry, so it
  // breaks before "Ngo"; Danish writes ordinal dots and "okt." is a Danish
  // month abbreviation, so "3. Okt." holds: 3 sentences.
  for (int t = 0; t < 4; ++t) EXPECT_EQ(sizes[t], 10 * 2 + 10 * 3) << "thread " << t;
}

TEST(Segment, AbbreviationFileIsUsed) {
  TempDataDir d("used");
  d.write("sv.tsv",
          "# test file\n"
          "\n"
          "Ordf.\tordförande\n"
          "t. ex.\n");
  SegmentOptions o;
  o.data_dir = d.path();
  auto s = Segmenter::create(o);
  ASSERT_TRUE(s.is_ok()) << s.status().to_string();
  const std::string text = "Mötet leddes av Ordf. Lindqvist i går. Det varade i två timmar.";
  EXPECT_EQ(sentence_texts(**s, text, "sv"),
            (Texts{"Mötet leddes av Ordf. Lindqvist i går.", "Det varade i två timmar."}));
  // A multi-word entry holds across the space inside it.
  EXPECT_EQ(sentence_texts(**s, "Flera städer, t. ex. Malmö, drabbades. Skolorna stängdes.", "sv"),
            (Texts{"Flera städer, t. ex. Malmö, drabbades.", "Skolorna stängdes."}));
  // Without the entry the period ends a sentence.
  EXPECT_EQ(sentence_texts(**s, text, "und").size(), 3u);
}

TEST(Segment, MalformedAbbreviationFileNamesFileAndLine) {
  {
    TempDataDir d("noperiod");
    const std::string path = d.write("de.tsv",
                                     "# comment\n"
                                     "Gen.\tGeneral\n"
                                     "\n"
                                     "Prof\tProfessor\n");
    SegmentOptions o;
    o.data_dir = d.path();
    auto s = Segmenter::create(o);
    ASSERT_FALSE(s.is_ok());
    EXPECT_EQ(s.status().code(), StatusCode::kInvalidInput);
    EXPECT_NE(s.status().message().find(path + ":4:"), std::string::npos) << s.status().message();
  }
  {
    TempDataDir d("fields");
    const std::string path = d.write("en.tsv",
                                     "Gen.\tgeneral\n"
                                     "Sen.\tsenator\textra\n");
    SegmentOptions o;
    o.data_dir = d.path();
    auto s = Segmenter::create(o);
    ASSERT_FALSE(s.is_ok());
    EXPECT_NE(s.status().message().find(path + ":2:"), std::string::npos) << s.status().message();
  }
  {
    TempDataDir d("toolong");
    const std::string path = d.write("fr.tsv", "a. b. c. d. e.\n");
    SegmentOptions o;
    o.data_dir = d.path();
    auto s = Segmenter::create(o);
    ASSERT_FALSE(s.is_ok());
    EXPECT_NE(s.status().message().find(path + ":1:"), std::string::npos) << s.status().message();
  }
  {
    TempDataDir d("badname");
    const std::string path = d.write("German.tsv", "Gen.\n");
    SegmentOptions o;
    o.data_dir = d.path();
    auto s = Segmenter::create(o);
    ASSERT_FALSE(s.is_ok());
    EXPECT_NE(s.status().message().find(path), std::string::npos) << s.status().message();
  }
  {
    // No abbreviations/ directory at all.
    SegmentOptions o;
    o.data_dir = (std::filesystem::temp_directory_path() / "ng_segment_test_missing_dir").string();
    auto s = Segmenter::create(o);
    ASSERT_FALSE(s.is_ok());
    EXPECT_NE(s.status().message().find("abbreviations"), std::string::npos) << s.status().message();
  }
}

}  // namespace
}  // namespace ng
