// A small command-line parser for the subcommands: "--name value",
// "--name=value", boolean "--flag", and positionals ("-" is a positional).
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

namespace ng::cli {

enum ExitCode { kExitOk = 0, kExitRejected = 1, kExitUsage = 2, kExitFatal = 3 };

struct Args {
  std::vector<std::string> positional;
  std::map<std::string, std::string> values;
  std::set<std::string> flags;
  std::string error;  // non-empty on a usage error

  bool has(const std::string& flag) const { return flags.count(flag) > 0; }
  std::string get(const std::string& name, const std::string& fallback = "") const {
    auto it = values.find(name);
    return it == values.end() ? fallback : it->second;
  }
  // Parses an integer option; sets `error` when it is not one.
  long long get_int(const std::string& name, long long fallback);
};

// `with_value`: options that take a value; `boolean`: flags. Anything else
// starting with "--" is a usage error.
Args parse_args(int argc, char** argv, int first, const std::set<std::string>& with_value,
                const std::set<std::string>& boolean);

}  // namespace ng::cli
