// Shared helpers for subcommands: opening the store, printing errors, JSON
// for documents.
#pragma once

#include <map>
#include <memory>
#include <vector>
#include <string>

#include "cli/args.h"
#include "core/document.h"
#include "eval/cluster_score.h"
#include "link/linker.h"
#include "query/documents.h"
#include "store/store.h"

namespace ng::cli {

// Prints "newsgraph <cmd>: <message>" to stderr.
void print_error(const char* cmd, const std::string& message);

// Opens the store named by --db (default ./newsgraph.db). Returns nullptr
// after printing the error.
std::unique_ptr<Store> open_store(const Args& args, const char* cmd, bool read_only);

// One half of a list for tuning on one and checking on the other: half 1
// keeps the 1st, 3rd, 5th... item, half 2 the 2nd, 4th... (`eval timex
// --half`, `eval events --half`).
template <typename T>
std::vector<T> one_half(const std::vector<T>& all, int half) {
  std::vector<T> out;
  for (size_t i = half == 1 ? 0 : 1; i < all.size(); i += 2) out.push_back(all[i]);
  return out;
}

// An event frame's actor as text ("To Lam (general_secretary, VNM)"); its
// JSON and the event's are query/dyad.h actor_json and event_json.
std::string actor_text(const EventRow::Actor& a);

// Prints the usage error and the help to stderr; returns kExitUsage.
int usage(const char* cmd, Args& args, const char* help);

// B-cubed scores as JSON (`eval` and `eval clusters`; defined in eval.cc),
// with the one-cluster-per-document baseline's F1 when given.
std::string bcubed_json(const eval::BCubed& b, const eval::BCubed* single = nullptr);

}  // namespace ng::cli
