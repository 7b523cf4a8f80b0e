// Language identification with CLD2 (a document stage).
//
// One CLD2 pass per document gives both the document's language and, from
// CLD2's result chunks, the language of each paragraph: a German article that
// quotes an English statement is German with one English paragraph.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/document.h"

namespace ng {

struct LanguageOptions {
  // A paragraph shorter than this (bytes of letters) takes "und": CLD2 cannot
  // tell languages apart on a few words.
  int min_paragraph_bytes = 24;
};

struct LanguageResult {
  std::string lang = "und";  // ISO 639-1 (or CLD2's code where 639-1 has none); "und" if not reliable
  float confidence = 0;      // share of the text in that language, 0..1
  bool reliable = false;
  std::vector<Paragraph> paragraphs;  // one per non-empty line of the text
};

class LanguageIdentifier {
 public:
  explicit LanguageIdentifier(LanguageOptions options = {}) : options_(options) {}
  // `text` is UTF-8; `url` (may be empty) gives CLD2 a top-level-domain hint;
  // `hint_lang` (may be empty) a language hint (e.g. from <html lang>).
  LanguageResult identify(std::string_view text, std::string_view url = {},
                          std::string_view hint_lang = {}) const;

 private:
  LanguageOptions options_;
};

}  // namespace ng
