// The entity part of `newsgraph eval --gold`: runs the mention extractor on
// the stored documents and scores them against the gold entities.
#pragma once

#include <simdjson.h>

#include <functional>
#include <string>
#include <string_view>

#include "core/status.h"
#include "eval/entity_score.h"
#include "store/store.h"

namespace ng::cli {

// Calls `line` with the "id" and the object of each non-blank line of a gold
// file (../shared/corpora/*/gold.jsonl); a line that is not a JSON object or
// has no "id" is an error naming the file and line.
Status each_gold_line(const std::string& path,
                      const std::function<Status(std::string_view id, simdjson::dom::element e)>& line);

// Gold: ../shared/corpora/*/gold.jsonl lines {"id", "entities": [{"name",
// "type", "surface": [...]}]}. Documents of the store without a gold line are
// not scored. Errors name the gold file and line.
Result<eval::EntityScores> score_stored_entities(const std::string& gold_path, Store& store,
                                                 const std::string& data_dir);

// A table (type and language rows; strict and relaxed P/R/F1; identity) and
// the same as a JSON object.
std::string entity_table(const eval::EntityScores& s);
std::string entity_json(const eval::EntityScores& s);

}  // namespace ng::cli
