// Shared helpers for subcommands: opening the store, printing errors, JSON
// for documents.
#pragma once

#include <map>
#include <memory>
#include <vector>
#include <string>

#include "cli/args.h"
#include "core/document.h"
#include "link/linker.h"
#include "store/store.h"

namespace ng::cli {

// Prints "newsgraph <cmd>: <message>" to stderr.
void print_error(const char* cmd, const std::string& message);

// Opens the store named by --db (default ./newsgraph.db). Returns nullptr
// after printing the error.
std::unique_ptr<Store> open_store(const Args& args, const char* cmd, bool read_only);

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

// An empty string or a YYYY-MM-DD date (options such as --from,
// --reference-date).
bool valid_date_or_empty(const std::string& d);

// A document's temporal expressions as a JSON array of {"begin", "end",
// "text", "value", "kind", "anchor", "evidence"} (`export docs` "time",
// `eval dates --json` "times").
std::string times_json(const Document& d);

// One half of a list for tuning on one and checking on the other: half 1
// keeps the 1st, 3rd, 5th... item, half 2 the 2nd, 4th... (`eval timex
// --half`, `eval events --half`).
template <typename T>
std::vector<T> one_half(const std::vector<T>& all, int half) {
  std::vector<T> out;
  for (size_t i = half == 1 ? 0 : 1; i < all.size(); i += 2) out.push_back(all[i]);
  return out;
}

// The registry entities of the document's mentions, by id.
Result<std::map<int64_t, EntitySummary>> entities_of(Store& store, const Document& d);

// CAMEO-compatible event codes' names ("043" -> "host a visit"); "" when unknown.
const char* code_name(const std::string& code);
// An event frame's actor as JSON ({"entity", "name", "type", "role",
// "country"}, null when absent) and as text ("To Lam (general_secretary, VNM)").
std::string actor_json(const EventRow::Actor& a);
std::string actor_text(const EventRow::Actor& a);
// One event frame as JSON (`events --json`, `story --json`).
std::string event_row_json(const EventRow& r);

// Prints the usage error and the help to stderr; returns kExitUsage.
int usage(const char* cmd, Args& args, const char* help);

}  // namespace ng::cli
