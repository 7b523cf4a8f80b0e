// A statistical PER/ORG/LOC tagger: an averaged perceptron over BIO tags, in
// one of two forms chosen per model by measurement (data/models/README.md):
//  - greedy: left to right, the previous two tags as features;
//  - viterbi (model option "viterbi"): a structured perceptron over a
//    tag-bigram lattice (the previous tag, alone and with the word and its
//    shape, as transition features). More accurate on every dataset measured
//    (GermEval CV5 0.517 -> 0.539, FactRuEval 0.706 -> 0.742, NERP 0.667 ->
//    0.751); the transitions cost ~6% more instructions than greedy tagging.
// Option "cased" adds the capitalised word as written ("W=").
// Features: the
// lowercased word, its shape (Xx, X, x, d, mixed), prefixes and suffixes of
// 1-4 characters, capitalisation and sentence-initial position, the words
// and shapes two to each side, and lexicon flags (NerLexicon: gazetteer places, titles, orgwords, known
// organisations, and what the rule-based extractor makes of the token) of
// the word and its neighbours.
//
// Models are trained by the project's own code (NerTagger::train, driven by
// `newsgraph train ner`) and stored as compact text in data/models/ner-<lang>.tsv
// (format below). Training is deterministic: the same data and options give
// the same file byte for byte.
//
// Model file: UTF-8 lines separated by '\n'.
//   newsgraph-ner<TAB>1<TAB><lang>[<TAB>option]...  header; options "viterbi"
//                                           (decoder), "cased" (the "W=" feature),
//                                           "lowercase": trained
//                                           on lowercased text (Indonesian NERP),
//                                           so tag() lowercases its input and
//                                           ignores the rules' flags
//   <feature><TAB><tag>:<weight> ...        one feature per line; tag 0..6 as in
//                                           NerTag; weight an integer (x1000)
// A NerTagger is immutable after load/train: tag() is const and thread-safe.
#pragma once

#include <cstdint>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/document.h"
#include "core/status.h"

namespace ng {

class Gazetteer;
class RoleLexicon;
struct RoleMatch;

// BIO tags over PER, ORG, LOC.
enum NerTag : uint8_t { kNerO = 0, kNerBPer, kNerIPer, kNerBOrg, kNerIOrg, kNerBLoc, kNerILoc, kNerTags };

// "PER", "ORG", "LOC" of a B or I tag; "" for O.
std::string_view ner_type(uint8_t tag);
// The B tag of a type ("PER" -> kNerBPer); kNerO for anything else.
uint8_t ner_begin_tag(std::string_view type);

// A typed run of tokens [begin, end) (token indices in the sentence).
struct NerSpan {
  uint32_t begin = 0, end = 0;
  std::string_view type;  // "PER", "ORG", "LOC" (static storage)
  bool operator==(const NerSpan& o) const { return begin == o.begin && end == o.end && type == o.type; }
};

std::vector<NerSpan> spans_of_tags(const std::vector<uint8_t>& tags);
std::vector<uint8_t> tags_of_spans(size_t n, const std::vector<NerSpan>& spans);

// Lexicon flags of one token (bits).
enum NerLexFlag : uint8_t {
  kLexPlace = 1,    // inside a gazetteer name of up to 3 tokens
  kLexRole = 2,     // inside a title (data/roles)
  kLexOrgWord = 4,  // inside an organisation head word (data/orgwords)
  kLexOrgName = 8,  // inside a known organisation name (data/orgs)
  // Bits 4-5: the type the rule-based extractor gives the token (0 none,
  // 1 PER, 2 ORG, 3 LOC); bit 6: the token begins that rule mention. With
  // little training data the tagger learns when to trust the rules.
  kLexRuleShift = 4,
  kLexRuleBegin = 64,
};

// The lexicons the tagger's features look at. Either owns them (create) or
// borrows the mention extractor's (the constructor); immutable, thread-safe.
class NerLexicon {
 public:
  static Result<std::unique_ptr<NerLexicon>> create(const std::string& data_dir);
  NerLexicon(const Gazetteer* gazetteer, const RoleLexicon* roles, const RoleLexicon* orgwords,
             const std::set<std::string, std::less<>>* org_names);
  ~NerLexicon();

  // Flags of each token; `tokens` are byte spans in `text` (one sentence).
  // `roles` and `orgwords`, when given, are the matches of the two phrase
  // lexicons in the whole of `text` (found once per document, not per sentence).
  std::vector<uint8_t> flags(std::string_view text, const std::vector<Span>& tokens, std::string_view lang,
                             const std::vector<RoleMatch>* roles = nullptr,
                             const std::vector<RoleMatch>* orgwords = nullptr) const;
  const RoleLexicon* roles() const { return roles_; }
  const RoleLexicon* orgwords() const { return orgwords_; }

 private:
  NerLexicon() = default;
  std::unique_ptr<Gazetteer> own_gazetteer_;
  std::unique_ptr<RoleLexicon> own_roles_, own_orgwords_;
  std::set<std::string, std::less<>> own_orgs_;
  const Gazetteer* gazetteer_ = nullptr;
  const RoleLexicon* roles_ = nullptr;
  const RoleLexicon* orgwords_ = nullptr;
  const std::set<std::string, std::less<>>* orgs_ = nullptr;
};

// One training sentence.
struct NerExample {
  std::vector<std::string> words;
  std::vector<uint8_t> lex;   // NerLexFlag bits per word (may be empty: none)
  std::vector<uint8_t> tags;  // NerTag per word
};

struct NerTrainOptions {
  std::string lang;
  int epochs = 10;
  uint32_t seed = 1;     // sentence order is shuffled per epoch with this seed
  int prune_below = 10;  // drop features whose every |weight| (x1000) is below this
  bool viterbi = false;  // structured perceptron with Viterbi decoding (model option "viterbi")
  bool cased = false;  // also the capitalised word as written, "W=" (model option "cased")
  int min_count = 1;     // ignore features seen on fewer training tokens (with the gold history)
};

class NerTagger {
 public:
  // Errors: the file cannot be read; a malformed line ("path:line N: reason").
  static Result<std::unique_ptr<NerTagger>> load(const std::string& path);
  static std::unique_ptr<NerTagger> train(const std::vector<NerExample>& data, const NerTrainOptions& options);
  ~NerTagger();

  Status save(const std::string& path) const;

  // Tags of one sentence's tokens (words and punctuation, as the training data
  // tokenises); `lex` as NerLexicon::flags or empty.
  std::vector<uint8_t> tag_ids(const std::vector<std::string_view>& words, const std::vector<uint8_t>& lex) const;
  std::vector<NerSpan> tag(const std::vector<std::string_view>& words, const std::vector<uint8_t>& lex) const {
    return spans_of_tags(tag_ids(words, lex));
  }

  const std::string& lang() const { return lang_; }
  bool lowercase() const { return lowercase_; }
  size_t features() const { return names_.size(); }

 private:
  NerTagger() = default;
  friend class NerTrainer;
  std::string lang_;
  bool lowercase_ = false;
  bool viterbi_ = false;
  bool cased_ = false;
  // Feature hash -> offset into weights_: open addressing with linear
  // probing (tag() looks up ~45 features per token; std::unordered_map's
  // node chasing was a tenth of the mention stage's time).
  std::vector<uint64_t> keys_;  // 0 = empty; power-of-two size
  std::vector<uint32_t> offsets_;
  std::vector<int32_t> weights_;    // kNerTags per feature
  std::vector<std::string> names_;  // feature strings, for save()
  // Adds a feature; false when its hash is already there.
  bool add_feature(std::string name, const int32_t* weights);
  void reserve(size_t features);
  const int32_t* find(uint64_t hash) const;
};

}  // namespace ng
