// Sentence and word segmentation with ICU (a document stage).
//
// ICU's sentence breaker, with per-language abbreviation exceptions loaded
// from data/abbreviations/<lang>.tsv ("Gen.", "Okt.", "U.S.") and a rule for
// ordinal dots ("am 3. Okt. 2024"), so that those do not end a sentence.
// Every sentence and token keeps byte offsets into the text it was given.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/document.h"
#include "core/status.h"

namespace ng {

struct SegmentOptions {
  // Directory holding abbreviations/<lang>.tsv.
  std::string data_dir;
};

class Segmenter {
 public:
  // Loads the abbreviation files of every language found. A malformed file is
  // an error naming the file and line.
  static Result<std::unique_ptr<Segmenter>> create(const SegmentOptions& options);
  ~Segmenter();

  // Sentences of `text` (UTF-8) in language `lang` ("und" uses the root
  // rules). Sentences never cross a line break that ends a paragraph.
  // Thread-safe: each call uses its own break iterators.
  std::vector<Sentence> sentences(std::string_view text, std::string_view lang) const;
  // Tokens (words, numbers, punctuation; no whitespace) of `text`.
  std::vector<Token> tokens(std::string_view text, std::string_view lang) const;

 private:
  Segmenter();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ng
