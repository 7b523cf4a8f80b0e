// Annotated NER datasets for `newsgraph eval ner` and `newsgraph train ner`:
// readers for the formats of ../shared/eval/ner, tag mapping to PER/ORG/LOC,
// and conversion to the tagger's training examples.
#pragma once

#include <string>
#include <vector>

#include "extract/tagger.h"

namespace ng::cli {

struct Annotated {
  std::vector<std::string> tokens;
  std::vector<std::string> tags;  // raw tags (BIO or IO), or "B-PER"... for FactRuEval
};

// "germeval", "conll", "io" or "factru".
bool known_ner_format(const std::string& format);

// Appends the sentences of `path` (a file, or for factru a directory of
// .tokens/.spans/.objects) to `out`; false with `error` when unreadable.
bool read_ner_sentences(const std::string& path, const std::string& format, std::vector<Annotated>& out,
                        std::string& error);

// PER, ORG, LOC or "" for anything else (MISC, OTH, EVT, *deriv, *part).
std::string map_ner_type(std::string tag);

// Spans [first, end) with types of one sentence's raw tags.
std::vector<NerSpan> gold_ner_spans(const std::vector<std::string>& tags);

// A training example: the tokens joined with single spaces (as eval ner
// builds its documents), lexicon flags over that text, BIO tags from gold.
NerExample ner_example(const Annotated& a, const NerLexicon& lexicon, const std::string& lang);

}  // namespace ng::cli
