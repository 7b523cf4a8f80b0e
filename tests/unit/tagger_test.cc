#include "extract/tagger.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <sstream>

namespace ng {
namespace {

// A small invented corpus: sentence templates with slots for people,
// organisations and places, filled with invented names. The held-out
// sentences use names the tagger never saw, so it must learn from context,
// shape and capitalisation.
struct Slot {
  std::vector<std::string> words;
  std::string type;
};

const std::vector<std::string> kTemplates = {
    "{PER} visited {LOC} on Monday .",
    "{ORG} hired {PER} last year .",
    "The mayor of {LOC} met {PER} in the morning .",
    "Shares of {ORG} fell sharply in {LOC} .",
    "According to {PER} , the talks in {LOC} went well .",
    "Workers at {ORG} said they would strike .",
};

// Organisations end in a head word the training set teaches ("Group",
// "Motors", "Bank"); the held-out ones combine unseen first words with them,
// as the held-out people combine known first names with unseen surnames.
const std::vector<Slot> kPeople = {{{"Anna", "Berglund"}, "PER"}, {{"Tomas", "Ekdahl"}, "PER"},
                                   {{"Mira", "Okonjo"}, "PER"},   {{"Pavel", "Drozd"}, "PER"},
                                   {{"Sofie", "Lund"}, "PER"},    {{"Jonas", "Hirvi"}, "PER"},
                                   {{"Anna", "Vasquez"}, "PER"},  {{"Tomas", "Marten"}, "PER"}};
const std::vector<Slot> kOrgs = {{{"Norr", "Bank"}, "ORG"},     {{"Voltara", "Group"}, "ORG"},
                                 {{"Kelpie", "Motors"}, "ORG"}, {{"Brightwell", "Bank"}, "ORG"},
                                 {{"Ansel", "Group"}, "ORG"},   {{"Fenwick", "Motors"}, "ORG"},
                                 {{"Ostrava", "Group"}, "ORG"}, {{"Lindvik", "Bank"}, "ORG"}};
const std::vector<Slot> kPlaces = {{{"Varnholm"}, "LOC"}, {{"Dunmore"}, "LOC"}, {{"Esterby"}, "LOC"},
                                   {{"Calder"}, "LOC"},   {{"Marrow"}, "LOC"},  {{"Pellin"}, "LOC"},
                                   {{"Talsund"}, "LOC"},  {{"Quillon"}, "LOC"}};
constexpr size_t kSeen = 6;  // the first six of each list train; the last two are held out

NerExample fill(const std::string& tpl, const Slot& per, const Slot& org, const Slot& loc) {
  NerExample ex;
  std::vector<NerSpan> spans;
  std::istringstream in(tpl);
  std::string w;
  while (in >> w) {
    const Slot* slot = w == "{PER}" ? &per : w == "{ORG}" ? &org : w == "{LOC}" ? &loc : nullptr;
    if (!slot) {
      ex.words.push_back(w);
      continue;
    }
    const auto begin = static_cast<uint32_t>(ex.words.size());
    for (const auto& x : slot->words) ex.words.push_back(x);
    spans.push_back({begin, static_cast<uint32_t>(ex.words.size()),
                     slot->type == "PER"   ? "PER"
                     : slot->type == "ORG" ? "ORG"
                                           : "LOC"});
  }
  ex.tags = tags_of_spans(ex.words.size(), spans);
  return ex;
}

// Training: every template with the seen names in several combinations.
// Held out: every template with the unseen names.
std::vector<NerExample> training_set() {
  std::vector<NerExample> out;
  for (const auto& tpl : kTemplates) {
    for (size_t p = 0; p < kSeen; ++p) {
      for (size_t o = 0; o < kSeen; o += 2)
        out.push_back(fill(tpl, kPeople[p], kOrgs[(p + o) % kSeen], kPlaces[(p + o + 1) % kSeen]));
    }
  }
  return out;
}

std::vector<NerExample> held_out() {
  std::vector<NerExample> out;
  for (size_t t = 0; t < kTemplates.size(); ++t) {
    out.push_back(fill(kTemplates[t], kPeople[kSeen + t % 2], kOrgs[kSeen + (t + 1) % 2], kPlaces[kSeen + t % 2]));
  }
  return out;
}

std::unique_ptr<NerTagger> trained(bool viterbi = false) {
  NerTrainOptions o;
  o.lang = "xx";
  o.epochs = 8;
  o.viterbi = viterbi;
  return NerTagger::train(training_set(), o);
}

std::vector<std::string_view> views(const NerExample& ex) { return {ex.words.begin(), ex.words.end()}; }

std::string temp_path(const std::string& name) { return ::testing::TempDir() + "/tagger_test_" + name; }

std::string read_all(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(Tagger, SpansAndTagsConvertBothWays) {
  std::vector<NerSpan> spans = {{0, 2, "PER"}, {3, 4, "LOC"}, {4, 5, "LOC"}};
  auto tags = tags_of_spans(6, spans);
  EXPECT_EQ(tags, (std::vector<uint8_t>{kNerBPer, kNerIPer, kNerO, kNerBLoc, kNerBLoc, kNerO}));
  EXPECT_EQ(spans_of_tags(tags), spans);
  // An I without its B still makes a span.
  EXPECT_EQ(spans_of_tags({kNerO, kNerIOrg, kNerIOrg}), (std::vector<NerSpan>{{1, 3, "ORG"}}));
}

TEST(Tagger, LearnsTheInventedCorpusAndGeneralisesToUnseenNames) {
  auto tagger = trained();
  ASSERT_GT(tagger->features(), 0u);
  for (const NerExample& ex : held_out()) {
    // Tags as numbers (NerTag) print readably when they differ.
    std::vector<int> got, want(ex.tags.begin(), ex.tags.end());
    for (uint8_t t : tagger->tag_ids(views(ex), {})) got.push_back(t);
    EXPECT_EQ(got, want) << ::testing::PrintToString(ex.words);
  }
}

TEST(Tagger, ViterbiModelLearnsTheInventedCorpusToo) {
  auto tagger = trained(true);
  for (const NerExample& ex : held_out()) {
    std::vector<int> got, want(ex.tags.begin(), ex.tags.end());
    for (uint8_t t : tagger->tag_ids(views(ex), {})) got.push_back(t);
    EXPECT_EQ(got, want) << ::testing::PrintToString(ex.words);
  }
}

class TaggerRoundTrip : public ::testing::TestWithParam<bool> {};

TEST_P(TaggerRoundTrip, SavedModelLoadsAndTagsIdentically) {
  auto tagger = trained(GetParam());
  const std::string path = temp_path(GetParam() ? "roundtrip_v.tsv" : "roundtrip.tsv");
  ASSERT_TRUE(tagger->save(path).is_ok());
  auto loaded = NerTagger::load(path);
  ASSERT_TRUE(loaded.is_ok()) << loaded.status().message();
  EXPECT_EQ((*loaded)->lang(), "xx");
  EXPECT_EQ((*loaded)->features(), tagger->features());
  for (const NerExample& ex : held_out()) EXPECT_EQ((*loaded)->tag_ids(views(ex), {}), tagger->tag_ids(views(ex), {}));
  for (const NerExample& ex : training_set()) {
    EXPECT_EQ((*loaded)->tag_ids(views(ex), {}), tagger->tag_ids(views(ex), {}));
  }
  // Saving the loaded model gives the same bytes.
  const std::string again = temp_path(GetParam() ? "roundtrip2_v.tsv" : "roundtrip2.tsv");
  ASSERT_TRUE((*loaded)->save(again).is_ok());
  EXPECT_EQ(read_all(path), read_all(again));
  std::remove(path.c_str());
  std::remove(again.c_str());
}

INSTANTIATE_TEST_SUITE_P(GreedyAndViterbi, TaggerRoundTrip, ::testing::Bool());

TEST(Tagger, TrainingIsDeterministic) {
  const std::string a = temp_path("a.tsv"), b = temp_path("b.tsv");
  ASSERT_TRUE(trained(true)->save(a).is_ok());
  ASSERT_TRUE(trained(true)->save(b).is_ok());
  EXPECT_EQ(read_all(a), read_all(b));
  std::remove(a.c_str());
  std::remove(b.c_str());
}

TEST(Tagger, LowercaseTrainingTextMakesALowercaseModel) {
  std::vector<NerExample> data = training_set();
  for (auto& ex : data) {
    for (auto& w : ex.words) {
      for (char& c : w) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  NerTrainOptions o;
  o.lang = "xx";
  auto tagger = NerTagger::train(data, o);
  EXPECT_TRUE(tagger->lowercase());
  EXPECT_FALSE(trained()->lowercase());
  // It lowercases what it tags: capitals do not change its answer.
  NerExample ex = held_out()[0];
  std::vector<std::string> lower = ex.words;
  for (auto& w : lower) {
    for (char& c : w) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  EXPECT_EQ(tagger->tag_ids(views(ex), {}), tagger->tag_ids({lower.begin(), lower.end()}, {}));
}

TEST(Tagger, MalformedModelNamesFileAndLine) {
  const std::string path = temp_path("bad.tsv");
  {
    std::ofstream out(path, std::ios::binary);
    out << "newsgraph-ner\t1\txx\n"
        << "w=hello\t1:250 3:-40\n"
        << "w=broken\t9:12\n";
  }
  auto r = NerTagger::load(path);
  ASSERT_FALSE(r.is_ok());
  EXPECT_NE(r.status().message().find(path + ":line 3"), std::string::npos) << r.status().message();
  {
    std::ofstream out(path, std::ios::binary);
    out << "newsgraph-ner\t1\txx\tbeam\n";
  }
  r = NerTagger::load(path);
  ASSERT_FALSE(r.is_ok());
  EXPECT_NE(r.status().message().find(path + ":line 1"), std::string::npos) << r.status().message();
  {
    std::ofstream out(path, std::ios::binary);
    out << "newsgraph-ner\t1\txx\n"
        << "w=a\t1:x\n";
  }
  r = NerTagger::load(path);
  ASSERT_FALSE(r.is_ok());
  EXPECT_NE(r.status().message().find(path + ":line 2"), std::string::npos) << r.status().message();
  std::remove(path.c_str());
  r = NerTagger::load(path);
  ASSERT_FALSE(r.is_ok());
  EXPECT_NE(r.status().message().find(path), std::string::npos);
}

}  // namespace
}  // namespace ng
