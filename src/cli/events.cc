// newsgraph events / newsgraph timeline: the stored event frames, filtered,
// and the dyadic timeline between two countries or entities.
#include <algorithm>
#include <cstdio>
#include <map>
#include <optional>
#include <set>

#include "cli/common.h"
#include "cli/commands.h"
#include "cli/json.h"
#include "link/linker.h"
#include "query/dyad.h"

namespace ng::cli {
namespace {

const char* kEventsHelp = R"(usage: newsgraph events [--actor X] [--type CODE] [--from D] [--to D] [--limit N] [--json|--csv] [--db PATH]

Lists event frames (who did what to whom, where and when, from a sentence),
by date: CAMEO-compatible code, date, actors with their roles and countries,
place, the document and its sentence. --actor keeps frames where X (an entity
id or name in any language, or a country) is one side; --type a code (040,
042, 043, 057...); --from/--to bound the date (YYYY-MM-DD).
)";

const char* kTimelineHelp = R"(usage: newsgraph timeline X Y [--from D] [--to D] [--lang xx] [--json|--csv] [--db PATH]

The dyadic timeline between X and Y (countries, people or organisations, by
id or name in any language): the happenings in which one side is X (or an
actor of X's country) and the other Y, one row per date, type and pair of
actors, with the number of reporting documents, their languages and the
source sentence. --lang says which language X and Y are written in (en).
)";

const char* kDossierHelp = R"(usage: newsgraph dossier X Y [--from D] [--to D] [--lang xx] [--json|--csv] [--db PATH]

The relationship between X and Y over a period: events by type and year, the
most active people on each side, the topics of the reporting documents by
year, and the agreements signed (with their sentences). --csv prints the
events-by-type-and-year table.
)";

// One CSV field (RFC 4180: quoted when it holds a comma, quote or newline).
std::string csv(const std::string& v) {
  if (v.find_first_of(",\"\n\r") == std::string::npos) return v;
  std::string out = "\"";
  for (char c : v) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string csv_row(const std::vector<std::string>& fields) {
  std::string out;
  for (size_t i = 0; i < fields.size(); ++i) out += (i ? "," : "") + csv(fields[i]);
  return out;
}


// Parses the arguments of `timeline`/`dossier`, opens the store and loads
// the dyad (query/dyad.h); returns -1 when `dyad` is ready, else the exit
// code (after the error).
int load_dyad(int argc, char** argv, const char* cmd, const char* help, Args& args, std::unique_ptr<Store>& store,
              Dyad& dyad) {
  args = parse_args(argc, argv, 2, {"db", "data", "from", "to", "lang"}, {"json", "csv", "help"});
  if (args.has("help")) return std::fputs(help, stdout), kExitOk;
  if (args.error.empty() && args.positional.size() != 2) {
    args.error = std::string("give two sides: newsgraph ") + cmd + " X Y";
  }
  DyadQuery q;
  q.from = args.get("from");
  q.to = args.get("to");
  if (args.error.empty() && (!valid_date_or_empty(q.from) || !valid_date_or_empty(q.to))) args.error = "--from/--to must be YYYY-MM-DD";
  if (!args.error.empty()) return usage(cmd, args, help);
  store = open_store(args, cmd, true);
  if (!store) return kExitFatal;
  q.x = args.positional[0];
  q.y = args.positional[1];
  q.lang = args.get("lang").empty() ? "en" : args.get("lang");
  std::unique_ptr<Linker> linker;
  std::string data_dir = args.get("data");
  auto loaded = ng::load_dyad(*store, q, [&](Store& s, const std::string& what, const std::string& lang) {
    return entity_ids(s, what, lang, data_dir, linker);
  });
  if (!loaded) {
    print_error(cmd, loaded.status().message());
    return loaded.status().code() == StatusCode::kNotFound ? kExitRejected : kExitFatal;
  }
  dyad = std::move(*loaded);
  return -1;
}

}  // namespace

int cmd_events(int argc, char** argv) {
  Args args =
      parse_args(argc, argv, 2, {"db", "data", "actor", "type", "from", "to", "limit", "lang"}, {"json", "csv", "help"});
  if (args.has("help")) return std::fputs(kEventsHelp, stdout), kExitOk;
  EventQuery q;
  q.code = args.get("type");
  q.from = args.get("from");
  q.to = args.get("to");
  long long limit = args.get_int("limit", 100);
  if (args.error.empty() && (!valid_date_or_empty(q.from) || !valid_date_or_empty(q.to))) args.error = "--from/--to must be YYYY-MM-DD";
  if (args.error.empty() && limit <= 0) args.error = "--limit must be positive";
  if (args.error.empty() && !args.positional.empty()) args.error = "unexpected argument " + args.positional[0];
  if (!args.error.empty()) return usage("events", args, kEventsHelp);
  auto store = open_store(args, "events", true);
  if (!store) return kExitFatal;
  std::optional<Side> actor;
  if (!args.get("actor").empty()) {
    std::unique_ptr<Linker> linker;
    std::string data_dir = args.get("data");
    auto side = resolve_side(*store, args.get("actor"), args.get("lang").empty() ? "en" : args.get("lang"),
                             [&](Store& s, const std::string& what, const std::string& lang) {
                               return entity_ids(s, what, lang, data_dir, linker);
                             });
    if (!side) return print_error("events", side.status().message()), kExitRejected;
    actor = *side;
  }
  auto rows = store->list_events(q);
  if (!rows) return print_error("events", rows.status().message()), kExitFatal;
  long long shown = 0;
  if (args.has("csv")) {
    std::puts("date,code,type,actor1,role1,country1,actor2,role2,country2,place,doc,lang,sentence");
  }
  for (const EventRow& r : *rows) {
    if (actor && !actor->matches(r.actor1) && !actor->matches(r.actor2)) continue;
    if (shown++ >= limit) break;
    if (args.has("csv")) {
      std::puts(csv_row({r.date, r.code, cameo_name(r.code), r.actor1.name, r.actor1.role, r.actor1.country, r.actor2.name,
                         r.actor2.role, r.actor2.country, r.place.name, r.doc, r.lang, r.sentence})
                    .c_str());
    } else if (args.has("json")) {
      std::puts(event_json(r).c_str());
    } else {
      std::printf("%-10s %-3s %-22s %s -> %s%s  [%s %s]\n    %s\n", r.date.empty() ? "?" : r.date.c_str(),
                  r.code.c_str(), cameo_name(r.code), actor_text(r.actor1).c_str(), actor_text(r.actor2).c_str(),
                  r.place.name.empty() ? "" : ("  @ " + r.place.name).c_str(), r.doc.c_str(), r.lang.c_str(),
                  r.sentence.c_str());
    }
  }
  return kExitOk;
}

int cmd_timeline(int argc, char** argv) {
  Args args;
  std::unique_ptr<Store> store;
  Dyad dyad;
  if (int rc = load_dyad(argc, argv, "timeline", kTimelineHelp, args, store, dyad); rc >= 0) return rc;
  if (args.has("csv")) std::puts("date,code,type,actor1,role1,country1,actor2,role2,country2,place,documents,langs,sentence,source");
  for (const Happening& h : timeline(dyad)) {
    const EventRow& r = *h.first;
    std::string langs;
    for (const auto& l : h.langs) langs += (langs.empty() ? "" : " ") + l;
    if (args.has("csv")) {
      std::puts(csv_row({r.date, r.code, cameo_name(r.code), r.actor1.name, r.actor1.role, r.actor1.country, r.actor2.name,
                         r.actor2.role, r.actor2.country, r.place.name, std::to_string(h.docs.size()), langs, r.sentence,
                         r.doc})
                    .c_str());
    } else if (args.has("json")) {
      std::puts(happening_json(h).c_str());
    } else {
      std::printf("%-10s %-3s %-22s %s -> %s%s  %zu doc(s): %s\n    %s  [%s]\n", r.date.empty() ? "?" : r.date.c_str(),
                  r.code.c_str(), cameo_name(r.code), actor_text(r.actor1).c_str(), actor_text(r.actor2).c_str(),
                  r.place.name.empty() ? "" : ("  @ " + r.place.name).c_str(), h.docs.size(), langs.c_str(),
                  r.sentence.c_str(), r.doc.c_str());
    }
  }
  return kExitOk;
}

int cmd_dossier(int argc, char** argv) {
  Args args;
  std::unique_ptr<Store> store;
  Dyad dyad;
  if (int rc = load_dyad(argc, argv, "dossier", kDossierHelp, args, store, dyad); rc >= 0) return rc;
  auto made = dossier(*store, dyad);
  if (!made) return print_error("dossier", made.status().message()), kExitFatal;
  const Dossier& d = *made;
  const Side& x = dyad.x;
  const Side& y = dyad.y;
  if (args.has("csv")) {
    std::puts("year,code,type,events");
    for (const auto& [k, n] : d.by_type_year) std::puts(csv_row({k.first, k.second, cameo_name(k.second), std::to_string(n)}).c_str());
    return kExitOk;
  }
  if (args.has("json")) {
    std::puts(dossier_json(dyad, d).c_str());
    return kExitOk;
  }
  std::printf("%s – %s: %zu documents\n\nevents by type and year:\n", x.name.c_str(), y.name.c_str(), d.documents);
  for (const auto& [k, n] : d.by_type_year) {
    std::printf("  %-5s %-3s %-24s %d\n", k.first.c_str(), k.second.c_str(), cameo_name(k.second), n);
  }
  std::printf("\nmost active on the side of %s:\n", x.name.c_str());
  for (const auto& [name, n] : d.people_x) std::printf("  %3d  %s\n", n, name.c_str());
  std::printf("\nmost active on the side of %s:\n", y.name.c_str());
  for (const auto& [name, n] : d.people_y) std::printf("  %3d  %s\n", n, name.c_str());
  std::printf("\ntopics by year (documents):\n");
  for (const auto& [year, m] : d.topics_by_year) {
    std::vector<std::pair<std::string, int>> v(m.begin(), m.end());
    std::stable_sort(v.begin(), v.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    if (v.size() > 8) v.resize(8);
    std::string line;
    for (const auto& [t, c] : v) line += (line.empty() ? "" : ", ") + t + " " + std::to_string(c);
    std::printf("  %-5s %s\n", year.c_str(), line.c_str());
  }
  std::printf("\nagreements signed:\n");
  for (const EventRow* r : d.agreements) {
    std::printf("  %-10s %s -> %s\n    %s  [%s]\n", r->date.empty() ? "?" : r->date.c_str(), actor_text(r->actor1).c_str(),
                actor_text(r->actor2).c_str(), r->sentence.c_str(), r->doc.c_str());
  }
  return kExitOk;
}

}  // namespace ng::cli
