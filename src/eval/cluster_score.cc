#include "eval/cluster_score.h"

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

}  // namespace ng::eval
