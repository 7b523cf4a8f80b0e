// The MEANTIME and ECB+ readers on small files written here, with sentences
// the team made up (nothing from the datasets), and the cluster misses.
#include "eval/coref_corpora.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "eval/cluster_score.h"

namespace ng::eval {
namespace {

namespace fs = std::filesystem;

class CorefCorpora : public testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::path(testing::TempDir()) / ("ng_coref_" + std::to_string(getpid()) + "_" +
                                            testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root_);
    fs::create_directories(root_);
  }
  void TearDown() override { fs::remove_all(root_); }
  void write(const fs::path& rel, const std::string& content) {
    fs::create_directories((root_ / rel).parent_path());
    std::ofstream(root_ / rel, std::ios::binary) << content;
  }
  // One CoNLL document: sentences of space-separated tokens.
  static std::string conll(const std::string& name, const std::vector<std::string>& sentences) {
    std::string out = "#begin document (" + name + "); part 000\n";
    for (size_t s = 0; s < sentences.size(); ++s) {
      std::istringstream ss(sentences[s]);
      int n = 0;
      for (std::string t; ss >> t; ++n) {
        out +=
            name + "\t" + std::to_string(s) + "\t" + std::to_string(n) + "\t" + t + "\t" + (n ? "-" : "(ENT1)") + "\n";
      }
      out += "\n";
    }
    return out + "#end document\n";
  }
  fs::path root_;
};

TEST(Detokenize, JoinsPunctuationQuotesAndClitics) {
  EXPECT_EQ(detokenize({"The", "mayor", "of", "Lindenfeld", "said", ":", "``", "We", "are", "ready", ".", "''"}),
            "The mayor of Lindenfeld said: \"We are ready.\"");
  EXPECT_EQ(detokenize({"The", "town", "'s", "ferry", "did", "n't", "run", "(", "again", ")", "."}),
            "The town's ferry didn't run (again).");
  EXPECT_EQ(detokenize({"a", "multi", "-", "day", "strike", "at", "4", ":", "30", "cost", "$", "12", "million", "."}),
            "a multi-day strike at 4:30 cost $12 million.");
  EXPECT_EQ(detokenize({"l'", "assemblea", "dell'", "isola", "ha", "votato", ",", "poi", "\"", "basta", "\"", "."}),
            "l'assemblea dell'isola ha votato, poi \"basta\".");
  EXPECT_EQ(detokenize({"¿", "Dónde", "está", "?"}), "¿Dónde está?");
  // Quotes that open or close in another sentence.
  EXPECT_EQ(detokenize({"we", "won", "\"", "."}), "we won\".");
  EXPECT_EQ(detokenize({"\"", "Next", "year", ",", "said", "Ana", "."}), "\"Next year, said Ana.");
  EXPECT_EQ(detokenize({"Mumbai", ",", "Nov", "11", "-"}), "Mumbai, Nov 11 -");
  EXPECT_EQ(detokenize({"at", "1", ":", "10PM", "."}), "at 1:10PM.");
  EXPECT_EQ(detokenize({}), "");
}

TEST(ParseDateLine, EnglishAndShortForms) {
  EXPECT_EQ(parse_date_line("March 01 , 2008"), "2008-03-01");
  EXPECT_EQ(parse_date_line("01-Mar-08"), "2008-03-01");
  EXPECT_EQ(parse_date_line("Sept 9, 2011"), "2011-09-09");
  EXPECT_EQ(parse_date_line("1 de marzo de 2008"), "");  // not English: the caller uses the English line
  EXPECT_EQ(parse_date_line("The ferry left on March 3"), "");
  EXPECT_EQ(parse_date_line(""), "");
}

TEST_F(CorefCorpora, MeantimeTranslationsShareEventAndDate) {
  write("output_data/en/meantime.conll",
        conll("corpus_ferries/101", {"Harbour ferry strike ends", "June 04 , 2009",
                                     "The ferry crews of Lindenfeld went back to work on Thursday .",
                                     "Their union said the deal was fair ."}) +
            conll("corpus_ferries/102", {"New ferry ordered", "June 20 , 2009", "The town ordered a ferry ."}) +
            conll("corpus_mines/7", {"Mine reopens", "January 02 , 2010", "The old mine reopened ."}));
  write("output_data/it/meantime.conll",
        conll("corpus_ferries/101", {"Finisce lo sciopero dei traghetti", "4 giugno 2009",
                                     "Gli equipaggi sono tornati al lavoro giovedì ."}) +
            conll("corpus_mines/7", {"Riapre la miniera", "2 gennaio 2010", "La vecchia miniera ha riaperto ."}));
  write("output_data/nl/meantime.conll",
        conll("corpus_mines/7", {"Mijn weer open", "02-Jan-10", "De oude mijn is weer open ."}));
  write("README.txt", "not a language folder\n");

  auto docs = read_meantime(root_.string());
  ASSERT_TRUE(docs.is_ok()) << docs.status().message();
  ASSERT_EQ(docs->size(), 6u);
  sort_for_ingest(*docs);
  // By date, then id.
  EXPECT_EQ((*docs)[0].id, "en/corpus_ferries/101");
  EXPECT_EQ((*docs)[1].id, "it/corpus_ferries/101");
  EXPECT_EQ((*docs)[2].id, "en/corpus_ferries/102");
  EXPECT_EQ((*docs)[5].id, "nl/corpus_mines/7");
  const CorefDocument& en = (*docs)[0];
  EXPECT_EQ(en.lang, "en");
  EXPECT_EQ(en.title, "Harbour ferry strike ends");
  EXPECT_EQ(en.text,
            "Harbour ferry strike ends\n\nThe ferry crews of Lindenfeld went back to work on Thursday.\n"
            "Their union said the deal was fair.\n");
  EXPECT_EQ(en.published, "2009-06-04");
  EXPECT_EQ(en.gold_event, "corpus_ferries/101");
  EXPECT_EQ(en.gold_story, "corpus_ferries");
  EXPECT_EQ(en.locator, "line 1");
  const CorefDocument& it = (*docs)[1];
  EXPECT_EQ(it.published, "2009-06-04");  // the English date line's
  EXPECT_EQ(it.gold_event, en.gold_event);
  EXPECT_EQ(it.text.find("4 giugno"), std::string::npos);  // the date line is not text
  EXPECT_EQ((*docs)[5].published, "2010-01-02");

  // Only some languages: the English dates still apply.
  MeantimeOptions only_it;
  only_it.langs = {"it"};
  auto it_docs = read_meantime((root_ / "output_data").string(), only_it);
  ASSERT_TRUE(it_docs.is_ok()) << it_docs.status().message();
  ASSERT_EQ(it_docs->size(), 2u);
  EXPECT_EQ((*it_docs)[0].lang, "it");
  EXPECT_EQ((*it_docs)[1].published, "2010-01-02");

  // One file: its folder names the language; its own date line is read.
  auto nl = read_meantime((root_ / "output_data/nl/meantime.conll").string());
  ASSERT_TRUE(nl.is_ok()) << nl.status().message();
  ASSERT_EQ(nl->size(), 1u);
  EXPECT_EQ((*nl)[0].lang, "nl");
  EXPECT_EQ((*nl)[0].published, "2010-01-02");
}

TEST_F(CorefCorpora, MeantimeErrorsNameTheFileAndReason) {
  auto missing = read_meantime((root_ / "nowhere").string());
  ASSERT_FALSE(missing.is_ok());
  EXPECT_NE(missing.status().message().find("nowhere"), std::string::npos);

  fs::create_directories(root_ / "empty");
  auto empty = read_meantime((root_ / "empty").string());
  ASSERT_FALSE(empty.is_ok());
  EXPECT_NE(empty.status().message().find("meantime.conll"), std::string::npos);

  write("a/en/meantime.conll", "#begin document (corpus_x/1); part 000\ncorpus_x/1\t0\tonly three\n#end document\n");
  auto bad = read_meantime((root_ / "a").string());
  ASSERT_FALSE(bad.is_ok());
  EXPECT_NE(bad.status().message().find("en/meantime.conll:line 2"), std::string::npos) << bad.status().message();
  EXPECT_NE(bad.status().message().find("4 tab-separated fields"), std::string::npos);

  write("b/en/meantime.conll", "corpus_x/1\t0\t0\tWord\t-\n");
  auto outside = read_meantime((root_ / "b").string());
  ASSERT_FALSE(outside.is_ok());
  EXPECT_NE(outside.status().message().find("outside a document"), std::string::npos);

  write("c/en/meantime.conll", conll("corpus_x/1", {"A title", "May 5 , 2001", "Text ."}) +
                                   conll("corpus_x/1", {"A title", "May 5 , 2001", "Text ."}));
  auto twice = read_meantime((root_ / "c").string());
  ASSERT_FALSE(twice.is_ok());
  EXPECT_NE(twice.status().message().find("named twice"), std::string::npos);

  MeantimeOptions de;
  de.langs = {"de"};
  auto no_lang = read_meantime((root_ / "c").string(), de);
  ASSERT_FALSE(no_lang.is_ok());
  EXPECT_NE(no_lang.status().message().find("\"de\""), std::string::npos);

  fs::create_directories(root_ / "d/en/meantime.conll");  // a folder where the file should be: cannot be read
  auto unreadable = read_meantime((root_ / "d").string());
  ASSERT_FALSE(unreadable.is_ok());
  EXPECT_NE(unreadable.status().message().find("d/en/meantime.conll"), std::string::npos)
      << unreadable.status().message();
}

std::string ecb_file(const std::string& name, const std::vector<std::vector<std::string>>& sentences) {
  std::string out = "<Document doc_name=\"" + name + "\" doc_id=\"DOC1\">\n";
  int id = 1;
  for (size_t s = 0; s < sentences.size(); ++s) {
    for (size_t n = 0; n < sentences[s].size(); ++n, ++id) {
      out += "<token t_id=\"" + std::to_string(id) + "\" sentence=\"" + std::to_string(s) + "\" number=\"" +
             std::to_string(n) + "\">" + sentences[s][n] + "</token>\n";
    }
  }
  return out +
         "<Markables>\n<ACTION_OCCURRENCE m_id=\"3\">\n<token_anchor t_id=\"2\"/>\n</ACTION_OCCURRENCE>\n"
         "</Markables>\n<Relations>\n</Relations>\n</Document>\n";
}

TEST_F(CorefCorpora, EcbPlusHalvesAndUrls) {
  write("ECB+/4/4_1ecb.xml", ecb_file("4_1ecb.xml", {{"A", "storm", "flooded", "Brackwater", "on", "Monday", "."},
                                                     {"Roads", "were", "closed", "."}}));
  write("ECB+/4/4_2ecbplus.xml",
        ecb_file("4_2ecbplus.xml",
                 {{"http", ":", "/", "/", "news", ".", "example", "/", "storm", "-", "two"},
                  {"Second", "storm", "hits", "Brackwater"},
                  {"Rivers", "rose", "again", "&amp;", "the", "bridge", "closed", ",", "\"", "it", "is", "over"},
                  {"for", "now", ",", "\"", "the", "mayor", "’", "s", "aide", "said", "."}}));
  write("ECB+/9/9_1ecb.xml", ecb_file("9_1ecb.xml", {{"The", "chess", "club", "won", "."}}));
  write("ECB+/9/notes.txt", "ignored\n");
  write("ECBplus_coreference_sentences.csv", "Topic,File,Sentence Number\n");

  auto docs = read_ecbplus(root_.string());
  ASSERT_TRUE(docs.is_ok()) << docs.status().message();
  ASSERT_EQ(docs->size(), 3u);
  const CorefDocument& a = (*docs)[0];
  EXPECT_EQ(a.id, "4_1ecb");
  EXPECT_EQ(a.lang, "en");
  EXPECT_EQ(a.text, "A storm flooded Brackwater on Monday.\nRoads were closed.\n");
  EXPECT_EQ(a.url, "");
  EXPECT_EQ(a.published, "");
  EXPECT_EQ(a.gold_event, "4/ecb");
  EXPECT_EQ(a.gold_story, "4");
  const CorefDocument& b = (*docs)[1];
  EXPECT_EQ(b.url, "http://news.example/storm-two");
  // The quote opened in one sentence closes in the next.
  EXPECT_EQ(b.text,
            "Second storm hits Brackwater\nRivers rose again & the bridge closed, \"it is over\n"
            "for now,\" the mayor’s aide said.\n");
  EXPECT_EQ(b.gold_event, "4/ecbplus");
  EXPECT_EQ(b.gold_story, "4");
  EXPECT_EQ((*docs)[2].gold_story, "9");

  // The ECB+ folder itself works too.
  auto inner = read_ecbplus((root_ / "ECB+").string());
  ASSERT_TRUE(inner.is_ok());
  EXPECT_EQ(inner->size(), 3u);
}

TEST_F(CorefCorpora, EcbPlusErrorsNameTheFile) {
  auto missing = read_ecbplus((root_ / "nowhere").string());
  ASSERT_FALSE(missing.is_ok());
  EXPECT_NE(missing.status().message().find("nowhere: no such directory"), std::string::npos);

  fs::create_directories(root_ / "none/ECB+/3");
  auto none = read_ecbplus((root_ / "none").string());
  ASSERT_FALSE(none.is_ok());
  EXPECT_NE(none.status().message().find("ecb.xml"), std::string::npos);

  write("bad/ECB+/3/3_1ecb.xml", "<html>not a token file</html>\n");
  auto bad = read_ecbplus((root_ / "bad").string());
  ASSERT_FALSE(bad.is_ok());
  EXPECT_NE(bad.status().message().find("3/3_1ecb.xml: not an ECB+ token file"), std::string::npos)
      << bad.status().message();

  write("notok/ECB+/3/3_1ecb.xml", "<Document doc_name=\"3_1ecb.xml\">\n</Document>\n");
  auto notok = read_ecbplus((root_ / "notok").string());
  ASSERT_FALSE(notok.is_ok());
  EXPECT_NE(notok.status().message().find("no <token> element"), std::string::npos);
}

TEST(ClusterMisses, SplitsAndMerges) {
  // Gold: a = {1,2,3}, b = {4}; system: x = {1,2}, y = {3,4}.
  std::vector<std::string> gold = {"a", "a", "a", "b"}, sys = {"x", "x", "y", "y"}, names = {"1", "2", "3", "4"};
  auto misses = cluster_misses(gold, sys, names);
  ASSERT_EQ(misses.size(), 2u);
  EXPECT_TRUE(misses[0].split);
  EXPECT_EQ(misses[0].label, "a");
  ASSERT_EQ(misses[0].parts.size(), 2u);
  EXPECT_EQ(misses[0].parts[0].first, "x");  // the largest part first
  EXPECT_EQ(misses[0].parts[0].second, (std::vector<std::string>{"1", "2"}));
  EXPECT_FALSE(misses[1].split);
  EXPECT_EQ(misses[1].label, "y");
  EXPECT_EQ(misses[1].parts.size(), 2u);
  EXPECT_TRUE(cluster_misses(gold, gold, names).empty());
  // And B-cubed on the same: precision (1+1+1/2+1/2)/4, recall (2/3+2/3+1/3+1)/4.
  BCubed b = bcubed(gold, sys);
  EXPECT_DOUBLE_EQ(b.precision, 0.75);
  EXPECT_NEAR(b.recall, (2.0 / 3 + 2.0 / 3 + 1.0 / 3 + 1) / 4, 1e-12);
}

}  // namespace
}  // namespace ng::eval
