// What the CLI reports and the HTTP API (src/serve) both show about
// documents and entities: the export object of a document, entity lookup by
// id or name, date checks. One implementation for both.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/document.h"
#include "link/linker.h"
#include "store/store.h"

namespace ng {

// The export object of a document ("id", "source", "url", "title",
// "published", "lang", "lang_confidence", "text", ...). `full` adds
// paragraphs, sentences and removed furniture. With `entities` (the
// registry's entities of the document's mentions, by id) it has "entities":
// [{"entity", "name", "type", "surfaces", "roles": [{"role", "country"}]}].
std::string document_json(const Document& d, bool full, const std::map<int64_t, EntitySummary>* entities = nullptr);

// The entities a user means by `what`: an entity id, else the entities whose
// match keys (Linker::lookup_keys of the name as written in `lang`) or
// aliases fit it, most documented first. `linker` is created (from
// `data_dir`) on first need and kept for the next call.
Result<std::vector<int64_t>> entity_ids(Store& store, const std::string& what, const std::string& lang,
                                        const std::string& data_dir, std::unique_ptr<Linker>& linker);

// `what` as an entity id (a positive decimal integer), else 0.
int64_t entity_id_of(const std::string& what);

// An empty string or a YYYY-MM-DD date (options such as --from,
// --reference-date).
bool valid_date_or_empty(const std::string& d);

// A document's temporal expressions as a JSON array of {"begin", "end",
// "text", "value", "kind", "anchor", "evidence"} (`export docs` "time",
// `eval dates --json` "times").
std::string times_json(const Document& d);

// An entity's summary as JSON (id, name, type, place, documents, mentions,
// langs): `newsgraph entities --json` and the HTTP API.
std::string entity_summary_json(const EntitySummary& e);

// The registry entities of the document's mentions, by id.
Result<std::map<int64_t, EntitySummary>> entities_of(Store& store, const Document& d);

}  // namespace ng
