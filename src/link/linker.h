// The entity registry's linker (a corpus stage): gives every mention an
// entity id that is the same across documents, languages and scripts.
//
// Per document, mentions become one instance per entity:
//  - places found in the gazetteer are one instance per place id;
//  - other mentions of one type whose phonetic keys (text/name_key) agree,
//    or agree after stripping case endings (data/nameforms), are one;
//  - a shorter form ("Shoigu", "Lâm", "Xuan Lich") joins the only longer
//    name of the document that contains its words; with two candidates
//    ("Kim" beside Kim Jong Un and Kim Yo Jong) it stays apart;
//  - the instance takes the type most of its mentions have (a title or a
//    gazetteer match counts first), and its mentions are retyped to it.
// Then each instance is linked, in text order, to a registry entity:
//    same place id; else same full key; else same key after stripping case
//    endings; else same words in another order; else, for a single word or
//    a partial name, the one known person whose name contains the words.
//    A name in another script with a title and its country ("美国总统拜登")
//    joins the one known person with that title and country whom the
//    document's other entities were co-mentioned with most.
//    When several entities qualify, the one co-mentioned most often with
//    this document's other entities wins; a tie makes a new entity rather
//    than a wrong merge. Each link records its rule and evidence (--why).
//    A lone word typed PER without a title and matching no known person's
//    full name is dropped from the document's mentions: it is far more
//    often a sentence opener, a demonym or a common noun.
//
// Determinism: documents are linked one after the other in commit order,
// and the state is exactly what the store holds (restore()), so the result
// does not depend on --threads or on where a run was split. Not
// thread-safe: the pipeline calls it from the committing thread.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/document.h"
#include "core/entity.h"
#include "core/status.h"
#include "lexicon/gazetteer.h"

namespace ng {

struct LinkOptions {
  std::string data_dir;  // empty: default_data_dir()
  // The place gazetteer (for places' English names); null: build one.
  std::shared_ptr<const Gazetteer> gazetteer;
};

class Linker {
 public:
  // Errors: missing or malformed data/namekey or data/nameforms files.
  static Result<std::unique_ptr<Linker>> create(const LinkOptions& options = {});
  ~Linker();

  // Forgets everything, then continues from what the store holds.
  void restore(const RegistrySnapshot& snapshot);

  // Links the documents in order: sets Mention::entity (and settles
  // Mention::type per entity and document) and returns what the registry
  // gains, to be written in the same transaction as the documents. The
  // documents must be new (not linked before).
  // `after_each` runs on each document right after it is linked, before
  // the next one: what it reads from the registry (country()) is then the
  // same whatever the batch size.
  RegistryDelta link(std::vector<Document>& docs, const std::function<void(Document&)>& after_each = {});

  // The phonetic match keys of a name as written in `lang` (for lookups by
  // name, e.g. `newsgraph entity "Sergej Schoigu"`): "n:" full keys and "s:"
  // stem keys.
  std::vector<std::string> lookup_keys(std::string_view name, std::string_view lang) const;

  // The country the registry's titles give an entity ("minister_defence|RUS"
  // seen in some document), the most often seen; empty when none or unknown.
  std::string country(int64_t entity) const;

 private:
  Linker();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ng
