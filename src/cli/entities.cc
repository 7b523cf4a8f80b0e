// newsgraph entities: the people, organisations and places of the store.
//
// Until the entity registry exists, an entity is the stored mentions of one
// type whose surfaces share a cross-language name key (text/name_key.h):
// "Sergei Shoigu", "Sergej Schoigu", "Sergej Sjojgu" and "Сергей Шойгу" are
// one; places the gazetteer knows group by their place id. Its name is the
// most used surface in Latin script (for places, in English documents).
#include <algorithm>
#include <cstdio>
#include <map>
#include <set>

#include "cli/common.h"
#include "cli/commands.h"
#include "cli/json.h"
#include "text/name_key.h"

namespace ng::cli {
namespace {

const char* kHelp = R"(usage: newsgraph entities [--type PER|ORG|LOC] [--lang xx] [--limit N] [--json] [--db PATH]

Lists the most mentioned people, organisations and places: name, type,
mentions, documents, the languages they were seen in, and other spellings.
Mentions are grouped across languages and scripts by their name key (so
Shoigu, Schoigu, Sjojgu and Шойгу are one); --lang keeps entities seen in
that language.
)";

bool latin(std::string_view s) {
  for (unsigned char c : s) {
    if (c >= 0xD0 && c <= 0xDF) return false;  // Cyrillic lead bytes
    if (c >= 0xE0) return false;               // CJK, Thai... (3-byte scripts)
  }
  return true;
}

struct Group {
  std::string type;
  long mentions = 0;
  std::set<std::string> docs, langs;
  std::map<std::string, long> surfaces;
  std::map<std::string, long> english;  // surfaces seen in English documents
  std::string name() const {
    // A place is named as English news names it ("Russia", not "Nga").
    if (type == "LOC" && !english.empty()) {
      return std::max_element(english.begin(), english.end(),
                              [](const auto& a, const auto& b) { return a.second < b.second; })
          ->first;
    }
    std::string best;
    long n = -1;
    for (const auto& [s, c] : surfaces) {
      long score = c + (latin(s) ? 1000000 : 0);  // Latin script first, then the most used
      if (score > n) best = s, n = score;
    }
    return best;
  }
};

}  // namespace

int cmd_entities(int argc, char** argv) {
  Args args = parse_args(argc, argv, 2, {"db", "data", "type", "lang", "limit"}, {"json", "help"});
  if (args.has("help")) return std::fputs(kHelp, stdout), kExitOk;
  std::string type = args.get("type");
  if (args.error.empty() && !type.empty() && type != "PER" && type != "ORG" && type != "LOC") {
    args.error = "--type must be PER, ORG or LOC";
  }
  long long limit = args.get_int("limit", 30);
  if (!args.positional.empty() && args.error.empty()) args.error = "unexpected argument " + args.positional[0];
  if (!args.error.empty()) {
    print_error("entities", args.error);
    std::fputs(kHelp, stderr);
    return kExitUsage;
  }
  auto store = open_store(args, "entities", true);
  if (!store) return kExitFatal;
  NameKeyOptions ko;
  ko.data_dir = args.get("data");
  auto keyer = NameKeyer::create(ko);
  if (!keyer) return print_error("entities", keyer.status().message()), kExitFatal;

  std::map<std::string, Group> groups;  // type + key
  Status st = store->for_each_document({}, [&](const Document& d) {
    for (const Mention& m : d.mentions) {
      if (!type.empty() && m.type != type) continue;
      std::string surface(m.span.of(d.text));
      std::string key = entity_group_key(m, surface, d.lang, **keyer);
      Group& g = groups[key];
      g.type = m.type;
      ++g.mentions;
      g.docs.insert(d.id);
      g.langs.insert(d.lang);
      ++g.surfaces[surface];
      if (d.lang == "en") ++g.english[surface];
    }
    return true;
  });
  if (!st.is_ok()) return print_error("entities", st.message()), kExitFatal;

  std::vector<const Group*> list;
  for (const auto& [k, g] : groups) {
    if (args.get("lang").empty() || g.langs.count(args.get("lang"))) list.push_back(&g);
  }
  std::stable_sort(list.begin(), list.end(), [](const Group* a, const Group* b) {
    if (a->docs.size() != b->docs.size()) return a->docs.size() > b->docs.size();
    return a->mentions > b->mentions;
  });
  if (limit >= 0 && list.size() > static_cast<size_t>(limit)) list.resize(static_cast<size_t>(limit));

  for (const Group* g : list) {
    std::string name = g->name();
    std::vector<std::string> others;
    for (const auto& [s, c] : g->surfaces) {
      if (s != name) others.push_back(s);
    }
    if (args.has("json")) {
      std::string langs = "[", alias = "[";
      for (const auto& l : g->langs) {
        if (langs.size() > 1) langs += ',';
        json_string(langs, l);
      }
      for (const auto& [s, c] : g->surfaces) {
        if (alias.size() > 1) alias += ',';
        alias += JsonObject().str("surface", s).integer("mentions", c).done();
      }
      std::puts(JsonObject()
                    .str("name", name)
                    .str("type", g->type)
                    .integer("mentions", g->mentions)
                    .integer("documents", static_cast<long long>(g->docs.size()))
                    .raw("languages", langs + "]")
                    .raw("surfaces", alias + "]")
                    .done()
                    .c_str());
    } else {
      std::string langs, alias;
      for (const auto& l : g->langs) langs += (langs.empty() ? "" : ",") + l;
      for (size_t i = 0; i < others.size() && i < 4; ++i) alias += (i ? ", " : "") + others[i];
      std::printf("%-3s %-32s %5ld mentions %4zu docs  %-20s %s\n", g->type.c_str(), name.c_str(), g->mentions,
                  g->docs.size(), langs.c_str(), alias.c_str());
    }
  }
  return kExitOk;
}

}  // namespace ng::cli
