#include "core/cameo.h"

#include <map>

namespace ng {

const char* cameo_name(const std::string& code) {
  static const std::map<std::string, const char*> kNames = {
      {"010", "make statement"},
      {"020", "make an appeal"},
      {"030", "express intent to cooperate"},
      {"031", "express intent to cooperate materially"},
      {"033", "express intent to provide aid"},
      {"036", "express intent to meet"},
      {"040", "consult"},
      {"041", "discuss by telephone"},
      {"042", "make a visit"},
      {"043", "host a visit"},
      {"045", "mediate"},
      {"046", "negotiate"},
      {"051", "praise"},
      {"057", "sign formal agreement"},
      {"061", "cooperate economically"},
      {"062", "cooperate militarily"},
      {"064", "share intelligence"},
      {"111", "criticize or denounce"},
      {"112", "accuse"},
      {"130", "threaten"},
      {"161", "reduce or break diplomatic relations"},
      {"ATT", "attend a meeting"},
  };
  auto it = kNames.find(code);
  return it == kNames.end() ? "" : it->second;
}

}  // namespace ng
