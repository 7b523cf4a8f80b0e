// Entity scores against a gold corpus, as ../shared/corpora/README.md defines
// them (the measuring side of the entities issue; the CLI feeds it).
//
// Document level: a gold entity is found when a system entity of the same
// document and type has a surface equal to one of its gold surfaces after
// NFKC, case folding and trimming of punctuation (strict); the relaxed score
// also accepts one surface's token sequence inside the other's. Precision
// counts system entities that match a gold entity the same way.
//
// Cross-document identity: over pairs of found entity instances in different
// documents, a pair is positive in the gold when both have the same gold name
// and positive in the system when both have the same system entity id;
// pairwise precision, recall and F1.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace ng::eval {

struct GoldEntity {
  std::string name;  // canonical name: the gold identity
  std::string type;  // PER, ORG, LOC
  std::vector<std::string> surfaces;
};

struct SystemEntity {
  std::string id;    // the system's entity id: its identity
  std::string type;
  std::vector<std::string> surfaces;
};

struct DocEntities {
  std::string doc;   // document id
  std::string lang;  // for the per-language table
  std::vector<GoldEntity> gold;
  std::vector<SystemEntity> system;
};

struct Prf {
  long tp_precision = 0;  // system entities that matched
  long system = 0;
  long tp_recall = 0;     // gold entities found
  long gold = 0;
  double precision() const { return system ? double(tp_precision) / system : 0; }
  double recall() const { return gold ? double(tp_recall) / gold : 0; }
  double f1() const {
    double p = precision(), r = recall();
    return p + r > 0 ? 2 * p * r / (p + r) : 0;
  }
  void add(const Prf& o) {
    tp_precision += o.tp_precision;
    system += o.system;
    tp_recall += o.tp_recall;
    gold += o.gold;
  }
};

struct PairScore {
  long tp = 0, fp = 0, fn = 0;
  double precision() const { return tp + fp ? double(tp) / (tp + fp) : 0; }
  double recall() const { return tp + fn ? double(tp) / (tp + fn) : 0; }
  double f1() const {
    double p = precision(), r = recall();
    return p + r > 0 ? 2 * p * r / (p + r) : 0;
  }
};

struct EntityScores {
  Prf strict, relaxed;                           // all types and languages
  std::map<std::string, Prf> strict_by_type, relaxed_by_type;  // PER, ORG, LOC
  std::map<std::string, Prf> strict_by_lang, relaxed_by_lang;
  std::map<std::string, Prf> strict_by_lang_type, relaxed_by_lang_type;  // "de/PER"
  PairScore identity;                            // over strictly found instances
};

// NFKC, case folding, punctuation trimmed at both ends, white space collapsed.
std::string normalise_surface(const std::string& s);

EntityScores score_entities(const std::vector<DocEntities>& docs);

}  // namespace ng::eval
