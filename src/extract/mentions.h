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
// Scripts without case find only gazetteer and list names. Measured with
// `newsgraph eval --gold` (README). Mention itself is in core/document.h.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/document.h"
#include "core/status.h"

namespace ng {

struct MentionOptions {
  std::string data_dir;  // empty: default_data_dir()
};

class MentionExtractor {
 public:
  static Result<std::unique_ptr<MentionExtractor>> create(const MentionOptions& options = {});
  ~MentionExtractor();

  // Needs the document's text, language, sentences and tokens.
  std::vector<Mention> extract(const Document& doc) const;

 private:
  MentionExtractor();
  std::vector<Mention> extract_cased(const Document& doc) const;
  std::vector<Mention> extract_caseless(const Document& doc) const;
  void add_titled_people(const Document& doc, std::vector<Mention>& out) const;
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ng
