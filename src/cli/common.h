// Shared helpers for subcommands: opening the store, printing errors, JSON
// for documents.
#pragma once

#include <memory>
#include <string>

#include "cli/args.h"
#include "core/document.h"
#include "store/store.h"
#include "text/name_key.h"

namespace ng::cli {

// Prints "newsgraph <cmd>: <message>" to stderr.
void print_error(const char* cmd, const std::string& message);

// Opens the store named by --db (default ./newsgraph.db). Returns nullptr
// after printing the error.
std::unique_ptr<Store> open_store(const Args& args, const char* cmd, bool read_only);

// The export object of a document ("id", "source", "url", "title",
// "published", "lang", "lang_confidence", "text", ...). `full` adds
// paragraphs, sentences and removed furniture.
std::string document_json(const Document& d, bool full);

// Which entity a mention belongs to until the registry exists (used by
// `entities` and `eval --gold` alike): its type and, for a place the
// gazetteer knows, the place ("VNM": Vietnam, Việt Nam, Вьетнама), else the
// name key with the language's respelling rules (Shoigu, Schoigu, Шойгу).
std::string entity_group_key(const Mention& m, const std::string& surface, const std::string& lang,
                             const NameKeyer& keyer);

}  // namespace ng::cli
