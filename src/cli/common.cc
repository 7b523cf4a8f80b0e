#include "cli/common.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>

#include "core/json.h"

namespace ng::cli {

void print_error(const char* cmd, const std::string& message) {
  std::fprintf(stderr, "newsgraph %s: %s\n", cmd, message.c_str());
}

std::unique_ptr<Store> open_store(const Args& args, const char* cmd, bool read_only) {
  SqliteOptions options;
  options.read_only = read_only;
  auto store = open_sqlite_store(args.get("db", "newsgraph.db"), options);
  if (!store) {
    print_error(cmd, store.status().message());
    return nullptr;
  }
  return std::move(*store);
}

std::string actor_text(const EventRow::Actor& a) {
  if (a.name.empty()) return a.country.empty() ? "-" : "- (" + a.country + ")";  // a side known only by its country
  std::string out = a.name;
  std::string extra = a.role;
  if (!a.country.empty()) extra += (extra.empty() ? "" : ", ") + a.country;
  if (!extra.empty()) out += " (" + extra + ")";
  return out;
}

int usage(const char* cmd, Args& args, const char* help) {
  print_error(cmd, args.error);
  std::fputs(help, stderr);
  return kExitUsage;
}

}  // namespace ng::cli
