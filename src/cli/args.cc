#include "cli/args.h"

#include <cstdlib>

namespace ng::cli {

long long Args::get_int(const std::string& name, long long fallback) {
  auto it = values.find(name);
  if (it == values.end()) return fallback;
  char* end = nullptr;
  long long v = std::strtoll(it->second.c_str(), &end, 10);
  if (it->second.empty() || *end != '\0') {
    error = "--" + name + " expects an integer, got '" + it->second + "'";
    return fallback;
  }
  return v;
}

Args parse_args(int argc, char** argv, int first, const std::set<std::string>& with_value,
                const std::set<std::string>& boolean) {
  Args a;
  for (int i = first; i < argc; ++i) {
    std::string s = argv[i];
    if (s == "--") {
      for (++i; i < argc; ++i) a.positional.push_back(argv[i]);
      break;
    }
    if (s.size() > 2 && s.rfind("--", 0) == 0) {
      std::string name = s.substr(2), value;
      bool inline_value = false;
      if (auto eq = name.find('='); eq != std::string::npos) {
        value = name.substr(eq + 1);
        name.resize(eq);
        inline_value = true;
      }
      if (with_value.count(name)) {
        if (!inline_value) {
          if (i + 1 >= argc) {
            a.error = "--" + name + " needs a value";
            return a;
          }
          value = argv[++i];
        }
        a.values[name] = value;
      } else if (boolean.count(name) && !inline_value) {
        a.flags.insert(name);
      } else {
        a.error = "unknown option --" + name;
        return a;
      }
    } else if (s == "-h") {
      a.flags.insert("help");
    } else if (s.size() > 1 && s[0] == '-') {
      // "-" alone is stdin; "-q" is a mistyped option, not a file name
      // (a file really named so can be given as ./-q or after --).
      a.error = "unknown option " + s + " (options are spelled --name)";
      return a;
    } else {
      a.positional.push_back(s);
    }
  }
  return a;
}

}  // namespace ng::cli
