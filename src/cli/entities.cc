// newsgraph entities / newsgraph entity: the people, organisations and places
// of the entity registry (src/link), as the store keeps them.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <map>

#include "cli/common.h"
#include "cli/commands.h"
#include "cli/json.h"
#include "link/linker.h"
#include "pipeline/pipeline.h"

namespace ng::cli {
namespace {

const char* kListHelp = R"(usage: newsgraph entities [--type PER|ORG|LOC] [--lang xx] [--limit N] [--json] [--db PATH]

Lists the registry's most reported people, organisations and places: id,
type, canonical name (the most used Latin-script form), documents, mentions
and the languages of their documents. --lang keeps entities seen in
documents of that language. Details: newsgraph entity ID|NAME.
)";

const char* kOneHelp = R"(usage: newsgraph entity ID|NAME [--why] [--lang xx] [--json] [--db PATH]

Shows one entity: its aliases by language and script, its roles over time,
the documents it occurs in (with the forms written there) and the entities
most often mentioned with it. NAME is matched as written in any language
(phonetic keys: "Sergej Schoigu" finds Sergei Shoigu); --lang says which
language NAME is written in (default en). With several matches the most
reported is shown and the others listed. --why adds, per document, the rule
that linked it and the evidence.
)";

// `s` padded with spaces to `width` characters (printf pads bytes).
std::string pad(const std::string& s, size_t width) {
  size_t chars = 0;
  for (unsigned char c : s) chars += (c & 0xC0) != 0x80;
  return chars >= width ? s : s + std::string(width - chars, ' ');
}

// At most `n` bytes of `s`, never cutting a UTF-8 sequence.
std::string prefix_utf8(const std::string& s, size_t n) {
  if (s.size() <= n) return s;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return s.substr(0, n);
}

std::string langs_text(const std::vector<std::string>& langs) {
  std::string out;
  for (const auto& l : langs) out += (out.empty() ? "" : " ") + l;
  return out;
}

}  // namespace

int cmd_entities(int argc, char** argv) {
  Args args = parse_args(argc, argv, 2, {"db", "type", "lang", "limit"}, {"json", "help"});
  if (args.has("help")) return std::fputs(kListHelp, stdout), kExitOk;
  EntityFilter filter;
  filter.type = args.get("type");
  filter.lang = args.get("lang");
  filter.limit = args.get_int("limit", 30);
  if (args.error.empty() && !filter.type.empty() && filter.type != "PER" && filter.type != "ORG" &&
      filter.type != "LOC") {
    args.error = "--type must be PER, ORG or LOC";
  }
  if (args.error.empty() && filter.limit <= 0) args.error = "--limit must be positive";
  if (!args.positional.empty() && args.error.empty()) args.error = "unexpected argument " + args.positional[0];
  if (!args.error.empty()) {
    print_error("entities", args.error);
    std::fputs(kListHelp, stderr);
    return kExitUsage;
  }
  auto store = open_store(args, "entities", true);
  if (!store) return kExitFatal;
  auto list = store->list_entities(filter);
  if (!list) return print_error("entities", list.status().message()), kExitFatal;
  for (const auto& e : *list) {
    if (args.has("json")) {
      std::puts(entity_summary_json(e).c_str());
    } else {
      std::printf("%6lld  %-3s %s %5lld docs %6lld mentions  %s\n", static_cast<long long>(e.id), e.type.c_str(),
                  pad(e.name, 36).c_str(), static_cast<long long>(e.documents), static_cast<long long>(e.mentions),
                  langs_text(e.langs).c_str());
    }
  }
  return kExitOk;
}

int cmd_entity(int argc, char** argv) {
  Args args = parse_args(argc, argv, 2, {"db", "data", "lang"}, {"json", "why", "help"});
  if (args.has("help")) return std::fputs(kOneHelp, stdout), kExitOk;
  if (args.error.empty() && args.positional.size() != 1) args.error = "give one entity id or name";
  if (!args.error.empty()) {
    print_error("entity", args.error);
    std::fputs(kOneHelp, stderr);
    return kExitUsage;
  }
  auto store = open_store(args, "entity", true);
  if (!store) return kExitFatal;
  const std::string& what = args.positional[0];
  std::unique_ptr<Linker> linker;
  auto found = entity_ids(*store, what, args.get("lang").empty() ? "en" : args.get("lang"), args.get("data"), linker);
  if (!found) return print_error("entity", found.status().message()), kExitFatal;
  const std::vector<int64_t>& ids = *found;
  if (ids.empty()) return print_error("entity", "no entity matches '" + what + "'"), kExitRejected;
  auto got = store->get_entity(ids[0]);
  if (!got) return print_error("entity", got.status().message()), kExitFatal;
  if (!got->has_value()) return print_error("entity", "no entity " + what), kExitRejected;
  const EntityDetail& e = **got;
  std::vector<EntitySummary> others;
  if (ids.size() > 1) {
    auto more = store->get_entities(std::vector<int64_t>(ids.begin() + 1, ids.end()));
    if (more) others = *more;
  }
  bool why = args.has("why");

  if (args.has("json")) {
    std::string aliases = "[";
    for (size_t i = 0; i < e.aliases.size(); ++i) {
      if (i) aliases += ',';
      aliases += JsonObject()
                     .str("surface", e.aliases[i].surface)
                     .str("lang", e.aliases[i].lang)
                     .integer("documents", e.aliases[i].documents)
                     .done();
    }
    aliases += ']';
    std::string docs = "[";
    for (size_t i = 0; i < e.documents.size(); ++i) {
      const auto& o = e.documents[i];
      if (i) docs += ',';
      JsonObject j;
      j.str("id", o.doc)
          .str("title", o.title)
          .str("lang", o.lang)
          .str_or_null("published", o.published)
          .str("type", o.type)
          .integer("mentions", o.mentions)
          .raw("surfaces", json_string_array(o.surfaces))
          .raw("roles", json_string_array(o.roles));
      if (why) j.str("rule", o.rule).str("evidence", o.evidence);
      docs += j.done();
    }
    docs += ']';
    std::string co = "[";
    for (size_t i = 0; i < e.co_mentioned.size(); ++i) {
      if (i) co += ',';
      co += JsonObject()
                .integer("id", e.co_mentioned[i].first.id)
                .str("name", e.co_mentioned[i].first.name)
                .str("type", e.co_mentioned[i].first.type)
                .integer("documents", e.co_mentioned[i].second)
                .done();
    }
    co += ']';
    std::string alt = "[";
    for (size_t i = 0; i < others.size(); ++i) alt += (i ? "," : "") + entity_summary_json(others[i]);
    alt += ']';
    std::puts(JsonObject()
                  .raw("entity", entity_summary_json(e.summary))
                  .raw("aliases", aliases)
                  .raw("documents", docs)
                  .raw("co_mentioned", co)
                  .raw("other_matches", alt)
                  .done()
                  .c_str());
    return kExitOk;
  }

  const auto& s = e.summary;
  std::printf("%lld  %s  %s%s%s\n", static_cast<long long>(s.id), s.type.c_str(), s.name.c_str(),
              s.place.empty() ? "" : "  place ", s.place.c_str());
  std::printf("%lld documents, %lld mentions, languages: %s\n", static_cast<long long>(s.documents),
              static_cast<long long>(s.mentions), langs_text(s.langs).c_str());
  std::map<std::string, std::string> by_lang;
  for (const auto& a : e.aliases) {
    auto& line = by_lang[a.lang];
    line += (line.empty() ? "" : ", ") + a.surface + " (" + std::to_string(a.documents) + ")";
  }
  std::printf("\naliases:\n");
  for (const auto& [lang, line] : by_lang) std::printf("  %-3s %s\n", lang.c_str(), line.c_str());
  std::map<std::string, std::vector<std::string>> roles;  // role -> dates
  for (const auto& o : e.documents) {
    for (const auto& r : o.roles) roles[r].push_back(o.published.substr(0, 10));
  }
  if (!roles.empty()) {
    std::printf("\nroles:\n");
    for (auto& [role, dates] : roles) {
      std::sort(dates.begin(), dates.end());
      std::string span = dates.front().empty() ? "" : dates.front() + (dates.back() != dates.front() ? " .. " + dates.back() : "");
      std::printf("  %-28s %zu document(s)  %s\n", role.c_str(), dates.size(), span.c_str());
    }
  }
  std::printf("\ndocuments:\n");
  for (const auto& o : e.documents) {
    std::string surfaces;
    for (const auto& x : o.surfaces) surfaces += (surfaces.empty() ? "" : ", ") + x;
    std::printf("  %-12s %-3s %-10s %s  [%s]\n", o.doc.c_str(), o.lang.c_str(), o.published.substr(0, 10).c_str(),
                prefix_utf8(o.title, 60).c_str(), surfaces.c_str());
    if (why) std::printf("      %s: %s\n", o.rule.c_str(), o.evidence.c_str());
  }
  if (!e.co_mentioned.empty()) {
    std::printf("\nmentioned with:\n");
    for (const auto& [c, n] : e.co_mentioned) {
      std::printf("  %6lld  %-3s %s %lld document(s)\n", static_cast<long long>(c.id), c.type.c_str(),
                  pad(c.name, 36).c_str(), static_cast<long long>(n));
    }
  }
  if (!others.empty()) {
    std::printf("\nalso matching '%s':\n", what.c_str());
    for (const auto& o : others) {
      std::printf("  %6lld  %-3s %s (%lld documents)\n", static_cast<long long>(o.id), o.type.c_str(), o.name.c_str(),
                  static_cast<long long>(o.documents));
    }
  }
  return kExitOk;
}

int cmd_relink(int argc, char** argv) {
  static const char* kHelp = R"(usage: newsgraph relink [--db PATH] [--batch N] [--reference-date D]

Runs the mention, topic, time and event stages on every stored document again and
rebuilds the entity registry and the stories: forgets every entity and cluster and links
and clusters all documents again in arrival order, exactly as ingest would now. For stores that hold documents from
before the registry and the time stage (schema versions 2 and 3) and after a
change to those stages, the linker or their data (data/roles, data/orgs, data/namekey,
data/nameforms...). Each batch is one transaction; an interrupted run leaves
part of the documents linked: run it again. --reference-date as for ingest.
)";
  Args args = parse_args(argc, argv, 2, {"db", "data", "batch", "reference-date"}, {"help"});
  if (args.has("help")) return std::fputs(kHelp, stdout), kExitOk;
  long long batch = args.get_int("batch", 256);
  if (args.error.empty() && batch <= 0) args.error = "--batch must be positive";
  if (args.error.empty() && !valid_date_or_empty(args.get("reference-date"))) {
    args.error = "--reference-date must be YYYY-MM-DD";
  }
  if (args.error.empty() && !args.positional.empty()) args.error = "unexpected argument " + args.positional[0];
  if (!args.error.empty()) {
    print_error("relink", args.error);
    std::fputs(kHelp, stderr);
    return kExitUsage;
  }
  auto store = open_store(args, "relink", false);
  if (!store) return kExitFatal;
  // The stages as ingest runs them (same options: data, collection date).
  PipelineOptions po;
  po.data_dir = args.get("data");
  po.time.reference_date = args.get("reference-date");
  po.batch_size = static_cast<size_t>(batch);
  auto pipeline = Pipeline::create(po, *store);
  if (!pipeline) return print_error("relink", pipeline.status().message()), kExitFatal;
  auto relinked = (*pipeline)->relink();
  if (!relinked) return print_error("relink", relinked.status().message()), kExitFatal;
  auto linked = *relinked;
  auto n = store->list_entities({});
  std::printf("relinked %lld documents: %zu entities\n", static_cast<long long>(linked), n ? n->size() : 0);
  return kExitOk;
}

}  // namespace ng::cli
