// Mentions of people, organisations and places (a document stage: const,
// thread-safe). A first version: capitalised word runs in each sentence,
// typed by evidence: a title before the name (data/roles) makes a person, an
// organisation head word inside it (data/orgwords) or an acronym an
// organisation, a country or city name from the gazetteer (ICU/CLDR) a
// place. Runs that start a sentence and single capitalised German words need
// more evidence than the others (German capitalises every noun). Scripts
// without case find only gazetteer names. Measured with `newsgraph eval
// --gold`; see README for the numbers. Mention itself is in core/document.h.
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
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ng
