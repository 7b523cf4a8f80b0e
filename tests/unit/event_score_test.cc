#include "eval/event_score.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

// The records and the dictionary here were written for these tests (invented
// countries, the formats of PETRARCH's validation files).
namespace ng::eval {
namespace {

std::string write_temp(const std::string& name, const std::string& content) {
  auto p = std::filesystem::temp_directory_path() / ("ng_event_score_" + name);
  std::ofstream(p) << content;
  return p.string();
}

TEST(EventScore, ReadsRecordsAndSkipsErrors) {
  std::string path = write_temp("records.xml", R"(<Validation>
<!-- <Sentence id="IN-COMMENT"> is not a record </Sentence> -->
<Sentence date="20010101" id="T-1" category="X">
<EventCoding sourcecode="VALGOV" targetcode="MER" eventcode="042"></EventCoding>
<EventCoding sourcecode = "MER" targetcode = "VAL" eventcode = "043"></EventCoding>
<Text>
Valdoria's envoy flew
   to Merovia.
</Text>
</Sentence>
<Sentence id ="T-2"><EventCoding noevents = "True"></EventCoding><Text>Nothing happened.</Text></Sentence>
<Sentence id="T-3"><EventCoding error="parse"></EventCoding><Text>Broken.</Text></Sentence>
</Validation>)");
  auto r = read_coded_sentences(path);
  ASSERT_TRUE(r.is_ok()) << r.status().message();
  ASSERT_EQ(r->size(), 2u);
  EXPECT_EQ((*r)[0].id, "T-1");
  EXPECT_EQ((*r)[0].text, "Valdoria's envoy flew to Merovia.");
  ASSERT_EQ((*r)[0].gold.size(), 2u);
  EXPECT_EQ((*r)[0].gold[1].source, "MER");
  EXPECT_EQ((*r)[0].gold[1].event, "043");
  EXPECT_EQ((*r)[1].id, "T-2");
  EXPECT_TRUE((*r)[1].gold.empty());
  EXPECT_FALSE(read_coded_sentences(write_temp("empty.xml", "<Validation></Validation>")).is_ok());
  EXPECT_FALSE(read_coded_sentences("/nonexistent/ng/records.xml").is_ok());
}

TEST(EventScore, ActorDictionaryMatchesPrefixesExactWordsAndSynonyms) {
  std::string path = write_temp("actors.txt", R"(<!-- a comment
spanning lines [NOT] -->
VALDORIA [VAL]
+VALDORIAN
MEROVIA_ [MER]  # exact word
NORTH_MEROVIA [NMR]
OLD KING  
	[VAL < 990101]
	[MER]
NOBODY [---]
)");
  auto d = ActorDictionary::read(path);
  ASSERT_TRUE(d.is_ok()) << d.status().message();
  std::string text = "Valdorian troops left Merovia and Merovian ports for North Merovia; the old king and nobody stayed.";
  std::vector<std::string> got;
  for (const ActorSpan& a : d->find(text)) got.push_back(text.substr(a.begin, a.end - a.begin) + "=" + a.code);
  // "Merovian" is no exact "MEROVIA"; the longest name wins; a dated code gives way to the undated one.
  EXPECT_EQ(got, (std::vector<std::string>{"Valdorian=VAL", "Merovia=MER", "North Merovia=NMR", "old king=MER"}));
}

TEST(EventScore, RootFullPerRootAndSides) {
  CodedSentence s{"T-1", "text", {{"VALGOV", "MER", "042"}, {"MER", "VAL", "043"}}};
  EventScores sc;
  // One right in full, one right at the root only (040 vs 043), one spurious root (01).
  score_sentence(s, {{"VAL", "MER", "042"}, {"MER", "VAL", "040"}, {"VAL", "", "010"}}, sc);
  CodedSentence none{"T-2", "quiet", {}};
  score_sentence(none, {}, sc);
  EXPECT_EQ(sc.sentences, 2);
  EXPECT_EQ(sc.with_event, 1);
  EXPECT_EQ(sc.full.gold, 2);
  EXPECT_EQ(sc.full.system, 3);
  EXPECT_EQ(sc.full.correct, 1);
  EXPECT_EQ(sc.root.gold, 1);    // "04" once per sentence
  EXPECT_EQ(sc.root.system, 2);  // "04", "01"
  EXPECT_EQ(sc.root.correct, 1);
  EXPECT_EQ(sc.per_root["04"].correct, 1);
  EXPECT_EQ(sc.per_root["01"].system, 1);
  EXPECT_EQ(sc.per_root["01"].gold, 0);
  // Sides: both 04 codings have a matching root; each agrees on both sides with one gold coding.
  EXPECT_EQ(sc.sides, 2);
  EXPECT_EQ(sc.source_agree, 2);
  EXPECT_EQ(sc.target_agree, 2);
  EXPECT_DOUBLE_EQ(sc.root.precision(), 0.5);
}

}  // namespace
}  // namespace ng::eval
