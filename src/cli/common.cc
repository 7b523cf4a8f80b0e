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

}  // namespace ng::cli
