// Fingerprints (a document stage: const, thread-safe): what story clustering
// (src/cluster) compares between two documents besides their entities and
// dates, computed on the worker threads.
//  - terms: Snowball stems (libstemmer, by the document's language; the
//    case-folded word when Snowball has no stemmer for it) of the words of
//    three letters or more (two for CJK), counted; numbers ("7.8", "2,000",
//    "2023") as language-independent terms, since they read the same in
//    every language. Hashed to 32 bits.
//  - minhash: Document::Fingerprint::kMinHashes minima of 3-word shingles of
//    the case-folded words, for near-duplicate (wire copy) detection.
//  - cognates: for names the gazetteer and organisation list do not know,
//    the first four letters of each word of their phonetic key
//    (text/name_key: Latin script, ASCII, the language's respellings), which
//    an exonym often keeps across languages where the whole name differs:
//    Francis, Francesco, Franciszek, Franziskus, František -> "fran".
#pragma once

#include <memory>

#include "core/document.h"
#include "text/name_key.h"

namespace ng {

class Fingerprinter {
 public:
  // `keyer`: for cognates; null: none.
  explicit Fingerprinter(std::shared_ptr<const NameKeyer> keyer = nullptr) : keyer_(std::move(keyer)) {}
  // Needs the text, language and tokens; cognates need the mentions.
  Document::Fingerprint fingerprint(const Document& doc) const;

 private:
  std::shared_ptr<const NameKeyer> keyer_;
};

// The hash of a term as Fingerprint::terms holds it (for tests and tools).
uint32_t term_hash(std::string_view lang, std::string_view term);

}  // namespace ng
