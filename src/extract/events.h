// Event frames (src/extract/events): who did what to whom, where and when,
// from the sentence, with CAMEO-compatible codes (data/events/).
//
// A trigger phrase in a sentence ("empfing", "held talks", "tiếp") makes a
// frame: actor 1 is the nearest person or organisation before it (else a
// country; with none before, as in German verb-second sentences, the first
// one after it), actor 2 the next one after it; the place is a city or
// region named in the sentence; the date a full date of the sentence, else
// the document's event date. An actor's country is its title's ("Russian
// Defence Minister" → RUS, from Mention::affiliation, also from another
// mention of the same entity in the document), or the country itself. One
// frame per code and actor pair in a document (the first sentence).
//
// Runs after linking (it reads Mention::entity to tell actors apart), on the
// committing thread; const and thread-safe anyway.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/document.h"
#include "core/status.h"
#include "lexicon/gazetteer.h"

namespace ng {

struct EventOptions {
  std::string data_dir;  // empty: default_data_dir()
  // The place gazetteer (places' countries); null: build one.
  std::shared_ptr<const Gazetteer> gazetteer;
};

class EventExtractor {
 public:
  // Errors: a missing data/events directory, a malformed line (file, line).
  static Result<std::unique_ptr<EventExtractor>> create(const EventOptions& options = {});
  ~EventExtractor();

  // The two halves, so that the text scan runs with the document stages on
  // worker threads and only the assembly on the committing thread:
  // find() returns candidate frames (code, trigger, sentence; no actors)
  // from text, language and sentences; complete() takes them from
  // doc.events and returns the frames, reading the (linked) mentions, times,
  // event date. `entity_country` (optional) gives the country the registry
  // knows for an entity (from its titles in other documents), used when this
  // document does not say it.
  std::vector<EventFrame> find(const Document& doc) const;
  std::vector<EventFrame> complete(const Document& doc,
                                   const std::function<std::string(int64_t)>& entity_country = {}) const;
  // Both at once (tests, relink).
  std::vector<EventFrame> extract(const Document& doc,
                                  const std::function<std::string(int64_t)>& entity_country = {}) const;

 private:
  EventExtractor();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ng
