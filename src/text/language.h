// Language identification with CLD2 (a document stage).
//
// One CLD2 pass per document gives both the document's language and, from
// CLD2's result chunks, the language of each paragraph: a German article that
// quotes an English statement is German with one English paragraph.
//
// Codes: ISO 639-1 where it has one, else CLD2's own code (ISO 639-2/3 such as
// "ceb", "haw"). CLD2's historical codes are mapped: iw -> he, jw -> jv,
// zh-Hant -> zh (the script is not the language), sr-ME -> cnr. Norwegian is
// "no" (CLD2's NORWEGIAN, i.e. Bokmål) and "nn" (Nynorsk); Tagalog is "tl".
// CLD2's "un", script-only results ("xx-Latn") and joke languages are "und".
//
// Reliability (document): CLD2's own is_reliable flag, or, when CLD2 declines
// because much of the text went unscored (names, numbers, short pieces) rather
// than because another language competes, a clear majority: at least 200
// letters scored, the top language covering at least 60% of them and no other
// identified language more than 10%. Measured on ../shared/corpora/dev (119
// articles, 22 languages): 118/119 with CLD2's flag alone, 119/119 with the rule.
// An unreliable document has lang "und", confidence 0 and reliable false:
// a guess is never presented as fact.
//
// Hints (priors only; the text decides): the country-code TLD of `url`'s host
// ("de", "vn"; none for .com, .org or ccTLDs sold as generic names such as
// .io, .co, .tv, .me) and the primary subtag of `hint_lang`.
//
// Bad input: an empty text (or one of only white space) is "und" with no
// paragraphs. Bytes CLD2 refuses (malformed UTF-8, control characters other
// than TAB/LF/FF/CR, noncharacters) are blanked in a same-length copy, so all
// offsets stay offsets into `text`. Only the first INT_MAX bytes are analysed.
//
// Thread safety: identify() is const and may be called from many threads at
// once. CLD2 keeps its tables in constant static data and each call has its own
// scoring state (verified with 8 threads, identical results, ThreadSanitizer
// clean on this module's code).
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
  float confidence = 0;      // share of the scored letters in that language (CLD2's percent), 0..1; 0 if "und"
  bool reliable = false;
  // One per line of the text (text between '\n') that holds anything but
  // ASCII spaces, tabs, CR, VT and FF; span without those at either end. A
  // paragraph's language is the one covering more than half of its bytes that
  // CLD2's result chunks cover; confidence is that share. "und" (confidence 0)
  // when it has fewer than min_paragraph_bytes letter bytes or no language
  // covers over half (CLD2 leaves short or name-heavy stretches unscored). When
  // the text is a single paragraph (with enough letters), it takes the
  // document's result.
  std::vector<Paragraph> paragraphs;
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
