// Annotated NER datasets for `newsgraph eval ner` and `newsgraph train ner`:
// readers for the formats of ../shared/eval/ner, tag mapping to PER/ORG/LOC,
// and conversion to the tagger's training examples.
#pragma once

#include <string>
#include <vector>

#include "core/document.h"
#include "extract/mentions.h"
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

// Sentences [from, to) as one document, tokens joined by single spaces, one
// sentence per line (eval ner scores such documents; training builds them
// the same way so that the tagger's features see the same context).
// `token_spans` gets each sentence's token spans.
Document ner_document(const std::vector<Annotated>& sentences, size_t from, size_t to, const std::string& lang,
                      std::vector<std::vector<Span>>* token_spans = nullptr);

// How many sentences make one document.
constexpr size_t kNerGroup = 20;

// Training examples: words, the extractor's ner_flags (lexicons and rules,
// computed on documents of kNerGroup sentences), BIO tags from the gold.
std::vector<NerExample> ner_examples(const std::vector<Annotated>& sentences, const MentionExtractor& rules,
                                     const std::string& lang);

}  // namespace ng::cli
