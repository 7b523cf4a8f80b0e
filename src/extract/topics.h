// Topics (a document stage: const, thread-safe): the areas a document is
// about, from one small taxonomy shared by all languages (data/topics/,
// keys such as defence, cybersecurity, trade_economy, disaster), so that
// "Cybersicherheit", "cybersäkerhet", "keamanan siber" and "cybersecurity"
// are one topic. Phrases are matched as data/roles' are (whole words, case-
// insensitive, prefix and suffix wildcards for inflection and compounds).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/document.h"
#include "core/status.h"

namespace ng {

struct TopicOptions {
  std::string data_dir;  // empty: default_data_dir()
};

class TopicTagger {
 public:
  // Errors: a missing data/topics directory, a malformed line (file, line).
  static Result<std::unique_ptr<TopicTagger>> create(const TopicOptions& options = {});
  ~TopicTagger();

  // The document's topics, most matches first: a topic counts when its
  // phrases occur at least twice, or once in the title or first sentence.
  // Needs the text, language, title and sentences.
  std::vector<Topic> tag(const Document& doc) const;

 private:
  TopicTagger();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ng
