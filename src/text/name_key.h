// Phonetic keys for names across languages and scripts (for the entity
// registry): Sergei Shoigu, Sergey Shoigu, Sergej Schoigu, Sergej Sjojgu,
// Sergueï Choïgou and Сергей Шойгу all have the key "sergei shoigu"; Tô Lâm
// and То Лам have "to lam".
//
// Steps: ICU transliteration to Latin (Russian-Latin/BGN for Cyrillic, whose
// English-like spelling is what news in Latin script mostly uses; Any-Latin
// for other scripts), ASCII folding and lower case; then the respelling rules
// of the language the name was written in (data/namekey/<lang>.tsv: German
// "sch", Swedish "sj", French "ch"/"ou"...) and the rules for all languages
// (data/namekey/mul.tsv: "oy" -> "oi", double letters once).
//
// A key is evidence, not identity: names of different people can share one
// (the registry weighs context). Thread-safe: keys() may run on many threads.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace ng {

struct NameKeyOptions {
  std::string data_dir;  // empty: default_data_dir()
};

class NameKeyer {
 public:
  // Errors: a missing data/namekey directory, a malformed rule (file and line).
  static Result<std::unique_ptr<NameKeyer>> create(const NameKeyOptions& options = {});
  ~NameKeyer();

  // Latin script, ASCII, lower case, words separated by single spaces
  // ("Сергей Шойгу" -> "sergey shoygu"); empty for a name without letters.
  std::string fold(std::string_view name) const;

  // The keys of `name` as written in `lang` (ISO 639-1): the folded form with
  // the rules for all languages, and, when `lang` has rules, with that
  // language's rules first. One or two distinct keys.
  std::vector<std::string> keys(std::string_view name, std::string_view lang) const;

  // Whether two names written in two languages share a key.
  bool same(std::string_view a, std::string_view lang_a, std::string_view b, std::string_view lang_b) const;

 private:
  NameKeyer();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ng
