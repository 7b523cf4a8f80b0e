// The entity part of `newsgraph eval --gold`: runs the mention extractor on
// the stored documents and scores them against the gold entities.
#pragma once

#include <string>

#include "core/status.h"
#include "eval/entity_score.h"
#include "store/store.h"

namespace ng::cli {

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
