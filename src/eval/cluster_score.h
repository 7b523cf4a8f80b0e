// Cluster scores: B-cubed precision, recall and F1 (Bagga & Baldwin 1998), as
// ../shared/corpora/README.md asks for events and stories: for each item,
// precision is the share of its system cluster that shares its gold cluster,
// recall the share of its gold cluster that shares its system cluster;
// both are averaged over items.
#pragma once

#include <string>
#include <vector>

namespace ng::eval {

struct BCubed {
  int items = 0;
  int gold_clusters = 0, system_clusters = 0;
  double precision = 0, recall = 0;
  double f1() const { return precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0; }
};

// `gold[i]` and `system[i]` are item i's cluster labels (same length).
BCubed bcubed(const std::vector<std::string>& gold, const std::vector<std::string>& system);

// Where the system and the gold disagree: a gold cluster whose items fall in
// several system clusters (split), or a system cluster holding items of
// several gold clusters (merged).
struct ClusterMiss {
  bool split = true;  // else merged
  std::string label;  // the gold cluster (split) or the system cluster (merged)
  // The other side's clusters it spreads over, largest first (then by
  // label), each with the names of its items there, in input order.
  std::vector<std::pair<std::string, std::vector<std::string>>> parts;
};

// `names[i]` names item i. Splits first (by gold label), then merges (by
// system label).
std::vector<ClusterMiss> cluster_misses(const std::vector<std::string>& gold, const std::vector<std::string>& system,
                                        const std::vector<std::string>& names);

}  // namespace ng::eval
