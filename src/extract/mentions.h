// Mentions of people, organisations and places (a document stage: const,
// thread-safe). A first version, by rules:
//  - candidates are runs of capitalised words in a sentence (name particles
//    such as von, de, da inside), cut at titles (data/roles), acronyms,
//    gazetteer names and "of";
//  - a known organisation (data/orgs), an organisation head word inside
//    (data/orgwords) or an acronym makes an ORG; a country or city
//    (gazetteer: ICU/CLDR + data/places), an all-caps dateline or a name
//    after a locative preposition ("in", "tại", "в") a LOC; a title before
//    the name a PER with that role; other runs default to PER;
//  - not names: month and weekday names (CLDR), English nationality
//    adjectives, single words the document also writes in lower case or
//    that open a sentence, single German nouns and German abstract-noun
//    phrases, an affiliation word before a title ("Russian" of "Russian
//    Defence Minister").
// Scripts without case find only gazetteer and list names.
//
// A language with a statistical model (data/models/ner-<lang>.tsv, see
// extract/tagger.h) keeps a rule mention only where the tagger also finds a
// name, with the tagger's type where both agree on the span (combine() says
// why); the rules still give what the tagger cannot: the role of a title
// before a person, the gazetteer id of a place, caseless scripts. Measured with `newsgraph eval --gold`
// and `newsgraph eval ner` (README). Mention itself is in core/document.h.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/document.h"
#include "core/status.h"
#include "lexicon/gazetteer.h"
#include "extract/tagger.h"
#include "lexicon/roles.h"

namespace ng {

struct MentionOptions {
  std::string data_dir;  // empty: default_data_dir()
  // The place gazetteer to use (shared with other stages); null: build one.
  std::shared_ptr<const Gazetteer> gazetteer;
  // Taggers by language; they take precedence over the model files.
  std::map<std::string, std::shared_ptr<const NerTagger>> taggers;
  // Load every data/models/ner-<lang>.tsv of data_dir (false: rules only,
  // unless `taggers` names a language).
  bool load_models = true;
  // The tagger's mentions as they are, not combined with the rules' (to
  // measure the tagger itself: eval ner --tagger-only).
  bool tagger_only = false;
};

class MentionExtractor {
 public:
  static Result<std::unique_ptr<MentionExtractor>> create(const MentionOptions& options = {});
  ~MentionExtractor();

  // Needs the document's text, language, sentences and tokens.
  std::vector<Mention> extract(const Document& doc) const;

  // The tokens the tagger sees, per sentence: doc.tokens, with words joined
  // by a hyphen ("Frank-Walter") made one, as the NER datasets cut them.
  static std::vector<std::vector<Span>> tagger_tokens(const Document& doc);
  // The tagger's lexicon flags (NerLexFlag) of those tokens: gazetteer,
  // titles, organisation words and what the rules make of the token. Training
  // data must get them through this same function.
  std::vector<std::vector<uint8_t>> ner_flags(const Document& doc, const std::vector<std::vector<Span>>& tokens) const;

  // The tagger used for `lang`, or null (rules).
  const NerTagger* tagger(std::string_view lang) const;
  // Languages with a tagger, and the model file each came from ("" if given in options).
  const std::map<std::string, std::string>& tagger_sources() const;

 private:
  MentionExtractor();
  // Titles and organisation words of the document (lexicon/roles.h), found once.
  struct Phrases {
    std::vector<RoleMatch> roles, orgs;
  };
  Phrases phrases(const Document& doc) const;
  std::vector<Mention> extract_cased(const Document& doc, const Phrases& ph) const;
  std::vector<Mention> extract_caseless(const Document& doc) const;
  void add_titled_people(const Document& doc, std::vector<Mention>& out) const;
  void add_listed_lowercase_orgs(std::string_view text, std::vector<Mention>& out) const;
  void add_arabic_bodies(const Document& doc, const std::vector<const Token*>& words, std::vector<Mention>& out) const;
  void add_lowercase_bodies(std::string_view text, const std::string& lang, const std::vector<RoleMatch>& orgs,
                            std::vector<Mention>& out) const;
  // `rules`: extract_cased(doc), computed once for the features and the combination.
  std::vector<Mention> extract_tagged(const Document& doc, const NerTagger& tagger, const std::vector<Mention>& rules,
                                      const Phrases& ph) const;
  // only_named: lexicon flags only for sentences with a rule mention (the
  // others are not tagged).
  std::vector<std::vector<uint8_t>> ner_flags(const Document& doc, const std::vector<std::vector<Span>>& tokens,
                                              const std::vector<Mention>& rules, const Phrases& ph,
                                              bool only_named) const;
  static bool has_rule_mention(const std::vector<uint8_t>& flags);
  static std::vector<Mention> combine(std::vector<Mention> rules, std::vector<Mention> tagged, bool lowercase_model);
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ng
