#include "eval/cluster_score.h"

#include <algorithm>
#include <map>
#include <set>
#include <utility>

namespace ng::eval {

BCubed bcubed(const std::vector<std::string>& gold, const std::vector<std::string>& system) {
  BCubed out;
  size_t n = std::min(gold.size(), system.size());
  out.items = static_cast<int>(n);
  if (n == 0) return out;
  std::map<std::string, int> g_size, s_size;
  std::map<std::pair<std::string, std::string>, int> both;
  for (size_t i = 0; i < n; ++i) {
    ++g_size[gold[i]];
    ++s_size[system[i]];
    ++both[{gold[i], system[i]}];
  }
  double p = 0, r = 0;
  for (size_t i = 0; i < n; ++i) {
    double shared = both[{gold[i], system[i]}];
    p += shared / s_size[system[i]];
    r += shared / g_size[gold[i]];
  }
  out.precision = p / static_cast<double>(n);
  out.recall = r / static_cast<double>(n);
  out.gold_clusters = static_cast<int>(g_size.size());
  out.system_clusters = static_cast<int>(s_size.size());
  return out;
}

std::vector<ClusterMiss> cluster_misses(const std::vector<std::string>& gold, const std::vector<std::string>& system,
                                        const std::vector<std::string>& names) {
  size_t n = std::min({gold.size(), system.size(), names.size()});
  std::vector<ClusterMiss> out;
  for (bool split : {true, false}) {
    const auto& by = split ? gold : system;
    const auto& other = split ? system : gold;
    std::map<std::string, std::map<std::string, std::vector<std::string>>> groups;
    for (size_t i = 0; i < n; ++i) groups[by[i]][other[i]].push_back(names[i]);
    for (auto& [label, parts] : groups) {
      if (parts.size() < 2) continue;
      ClusterMiss m;
      m.split = split;
      m.label = label;
      for (auto& [o, items] : parts) m.parts.emplace_back(o, std::move(items));
      std::stable_sort(m.parts.begin(), m.parts.end(),
                       [](const auto& a, const auto& b) { return a.second.size() > b.second.size(); });
      out.push_back(std::move(m));
    }
  }
  return out;
}

}  // namespace ng::eval
