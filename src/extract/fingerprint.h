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
#pragma once

#include "core/document.h"

namespace ng {

class Fingerprinter {
 public:
  // Needs the text, language and tokens.
  Document::Fingerprint fingerprint(const Document& doc) const;
};

// The hash of a term as Fingerprint::terms holds it (for tests and tools).
uint32_t term_hash(std::string_view lang, std::string_view term);

}  // namespace ng
