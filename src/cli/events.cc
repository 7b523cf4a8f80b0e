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

const char* code_name(const std::string& code) {
  static const std::map<std::string, const char*> kNames = {
      {"010", "make statement"},     {"030", "express intent to cooperate"},
      {"036", "express intent to meet"}, {"040", "consult"},
      {"042", "make a visit"},       {"043", "host a visit"},
      {"046", "negotiate"},          {"051", "praise"},
      {"057", "sign formal agreement"}, {"061", "cooperate economically"},
      {"062", "cooperate militarily"}, {"064", "share intelligence"},
      {"020", "make an appeal"},     {"031", "express intent to cooperate materially"},
      {"033", "express intent to provide aid"}, {"041", "discuss by telephone"},
      {"045", "mediate"},            {"111", "criticize or denounce"},
      {"112", "accuse"},             {"130", "threaten"},
      {"161", "reduce or break diplomatic relations"},
      {"ATT", "attend a meeting"}};
  auto it = kNames.find(code);
  return it == kNames.end() ? "" : it->second;
}

// X as the events can match it: entity ids, and countries (a country entity
// stands for its country code; any actor of that country matches).
struct Side {
  std::set<int64_t> entities;
  std::set<std::string> countries;
  std::string name;
  bool matches(const EventRow::Actor& a) const {
    return (a.entity > 0 && entities.count(a.entity)) || (!a.country.empty() && countries.count(a.country));
  }
};

Result<Side> resolve(Store& store, const std::string& what, const std::string& lang, const std::string& data_dir,
                     std::unique_ptr<Linker>& linker) {
  Side side;
  side.name = what;
  auto found = entity_ids(store, what, lang, data_dir, linker);
  if (!found) return found.status();
  const std::vector<int64_t>& ids = *found;
  // An alpha-3 code is a country even without an entity ("VNM").
  if (what.size() == 3 && std::all_of(what.begin(), what.end(), [](char c) { return c >= 'A' && c <= 'Z'; })) {
    side.countries.insert(what);
  }
  auto entities = store.get_entities(ids);
  if (!entities) return entities.status();
  for (const auto& e : *entities) {
    side.entities.insert(e.id);
    if (e.type == "LOC" && e.place.size() == 3) side.countries.insert(e.place);
  }
  if (!entities->empty()) side.name = entities->front().name;
  if (side.entities.empty() && side.countries.empty()) return Status::not_found("no entity matches '" + what + "'");
  return side;
}

std::string actor_json(const EventRow::Actor& a) {
  if (a.name.empty()) return "null";
  return JsonObject()
      .raw("entity", a.entity > 0 ? std::to_string(a.entity) : "null")
      .str("name", a.name)
      .str_or_null("type", a.type)
      .str_or_null("role", a.role)
      .str_or_null("country", a.country)
      .done();
}

std::string actor_text(const EventRow::Actor& a) {
  if (a.name.empty()) return a.country.empty() ? "-" : "- (" + a.country + ")";  // a side known only by its country
  std::string out = a.name;
  std::string extra = a.role;
  if (!a.country.empty()) extra += (extra.empty() ? "" : ", ") + a.country;
  if (!extra.empty()) out += " (" + extra + ")";
  return out;
}

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

int usage(const char* cmd, Args& args, const char* help) {
  print_error(cmd, args.error);
  std::fputs(help, stderr);
  return kExitUsage;
}

// What `timeline X Y` and `dossier X Y` start from: the two sides and the
// events of the period in which one side is X and the other Y (each with
// whether actor 1 is X's side).
struct Dyad {
  std::unique_ptr<Store> store;
  Side x, y;
  std::vector<EventRow> rows;
  std::vector<std::pair<const EventRow*, bool>> between;  // event, actor 1 is on X's side
};

// Parses the arguments, opens the store, resolves X and Y, and collects their
// events; returns -1 when `out` is ready, else the exit code (after the error).
int load_dyad(int argc, char** argv, const char* cmd, const char* help, Args& args, Dyad& out) {
  args = parse_args(argc, argv, 2, {"db", "data", "from", "to", "lang"}, {"json", "csv", "help"});
  if (args.has("help")) return std::fputs(help, stdout), kExitOk;
  if (args.error.empty() && args.positional.size() != 2) {
    args.error = std::string("give two sides: newsgraph ") + cmd + " X Y";
  }
  EventQuery q;
  q.from = args.get("from");
  q.to = args.get("to");
  if (args.error.empty() && (!valid_date_or_empty(q.from) || !valid_date_or_empty(q.to))) args.error = "--from/--to must be YYYY-MM-DD";
  if (!args.error.empty()) return usage(cmd, args, help);
  auto store = open_store(args, cmd, true);
  if (!store) return kExitFatal;
  std::string lang = args.get("lang").empty() ? "en" : args.get("lang");
  std::unique_ptr<Linker> linker;
  auto x = resolve(*store, args.positional[0], lang, args.get("data"), linker);
  if (!x) return print_error(cmd, x.status().message()), kExitRejected;
  auto y = resolve(*store, args.positional[1], lang, args.get("data"), linker);
  if (!y) return print_error(cmd, y.status().message()), kExitRejected;
  auto rows = store->list_events(q);
  if (!rows) return print_error(cmd, rows.status().message()), kExitFatal;
  out.store = std::move(store);
  out.x = std::move(*x);
  out.y = std::move(*y);
  out.rows = std::move(*rows);
  for (const EventRow& r : out.rows) {
    bool xy = out.x.matches(r.actor1) && out.y.matches(r.actor2);
    bool yx = out.y.matches(r.actor1) && out.x.matches(r.actor2);
    if (xy || yx) out.between.emplace_back(&r, xy);
  }
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
    auto side =
        resolve(*store, args.get("actor"), args.get("lang").empty() ? "en" : args.get("lang"), args.get("data"), linker);
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
      std::puts(csv_row({r.date, r.code, code_name(r.code), r.actor1.name, r.actor1.role, r.actor1.country, r.actor2.name,
                         r.actor2.role, r.actor2.country, r.place.name, r.doc, r.lang, r.sentence})
                    .c_str());
    } else if (args.has("json")) {
      std::puts(JsonObject()
                    .str("doc", r.doc)
                    .str("lang", r.lang)
                    .str("code", r.code)
                    .str("type", code_name(r.code))
                    .str_or_null("date", r.date)
                    .raw("actor1", actor_json(r.actor1))
                    .raw("actor2", actor_json(r.actor2))
                    .raw("place", actor_json(r.place))
                    .str("trigger", r.trigger)
                    .str("sentence", r.sentence)
                    .num("confidence", r.confidence)
                    .done()
                    .c_str());
    } else {
      std::printf("%-10s %-3s %-22s %s -> %s%s  [%s %s]\n    %s\n", r.date.empty() ? "?" : r.date.c_str(),
                  r.code.c_str(), code_name(r.code), actor_text(r.actor1).c_str(), actor_text(r.actor2).c_str(),
                  r.place.name.empty() ? "" : ("  @ " + r.place.name).c_str(), r.doc.c_str(), r.lang.c_str(),
                  r.sentence.c_str());
    }
  }
  return kExitOk;
}

int cmd_timeline(int argc, char** argv) {
  Args args;
  Dyad dyad;
  if (int rc = load_dyad(argc, argv, "timeline", kTimelineHelp, args, dyad); rc >= 0) return rc;

  // One happening per date, type and pair of actors (in either order).
  struct Happening {
    const EventRow* first = nullptr;
    std::set<std::string> docs, langs;
  };
  std::vector<std::string> order;
  std::map<std::string, Happening> by_key;
  for (const auto& between : dyad.between) {
    const EventRow& r = *between.first;
    auto who = [](const EventRow::Actor& a) { return a.entity > 0 ? std::to_string(a.entity) : a.name; };
    std::string a = who(r.actor1), b = who(r.actor2);
    if (b < a) std::swap(a, b);
    std::string key = r.date + '\x1f' + r.code + '\x1f' + a + '\x1f' + b;
    auto [it, fresh] = by_key.try_emplace(key);
    if (fresh) {
      it->second.first = &r;
      order.push_back(key);
    }
    it->second.docs.insert(r.doc);
    it->second.langs.insert(r.lang);
  }
  if (args.has("csv")) std::puts("date,code,type,actor1,role1,country1,actor2,role2,country2,place,documents,langs,sentence,source");
  for (const std::string& key : order) {
    const Happening& h = by_key[key];
    const EventRow& r = *h.first;
    std::string langs;
    for (const auto& l : h.langs) langs += (langs.empty() ? "" : " ") + l;
    if (args.has("csv")) {
      std::puts(csv_row({r.date, r.code, code_name(r.code), r.actor1.name, r.actor1.role, r.actor1.country, r.actor2.name,
                         r.actor2.role, r.actor2.country, r.place.name, std::to_string(h.docs.size()), langs, r.sentence,
                         r.doc})
                    .c_str());
    } else if (args.has("json")) {
      std::string lang_list = "[";
      for (const auto& l : h.langs) {
        if (lang_list.size() > 1) lang_list += ',';
        json_string(lang_list, l);
      }
      lang_list += ']';
      std::string doc_list = "[";
      for (const auto& d : h.docs) {
        if (doc_list.size() > 1) doc_list += ',';
        json_string(doc_list, d);
      }
      doc_list += ']';
      std::puts(JsonObject()
                    .str_or_null("date", r.date)
                    .str("code", r.code)
                    .str("type", code_name(r.code))
                    .raw("actor1", actor_json(r.actor1))
                    .raw("actor2", actor_json(r.actor2))
                    .raw("place", actor_json(r.place))
                    .integer("documents", static_cast<long long>(h.docs.size()))
                    .raw("langs", lang_list)
                    .raw("docs", doc_list)
                    .str("sentence", r.sentence)
                    .str("source", r.doc)
                    .done()
                    .c_str());
    } else {
      std::printf("%-10s %-3s %-22s %s -> %s%s  %zu doc(s): %s\n    %s  [%s]\n", r.date.empty() ? "?" : r.date.c_str(),
                  r.code.c_str(), code_name(r.code), actor_text(r.actor1).c_str(), actor_text(r.actor2).c_str(),
                  r.place.name.empty() ? "" : ("  @ " + r.place.name).c_str(), h.docs.size(), langs.c_str(),
                  r.sentence.c_str(), r.doc.c_str());
    }
  }
  return kExitOk;
}

int cmd_dossier(int argc, char** argv) {
  Args args;
  Dyad dyad;
  if (int rc = load_dyad(argc, argv, "dossier", kDossierHelp, args, dyad); rc >= 0) return rc;
  Store& store = *dyad.store;
  const Side& x = dyad.x;
  const Side& y = dyad.y;

  std::map<std::pair<std::string, std::string>, int> by_type_year;  // (year, code) -> frames
  std::map<std::string, int> people_x, people_y;                     // name -> frames
  std::map<std::string, std::map<std::string, int>> topics_by_year;  // year -> topic -> documents
  std::set<std::string> docs_seen;
  std::vector<const EventRow*> agreements;
  for (const auto& [event, xy] : dyad.between) {
    const EventRow& r = *event;
    std::string year = r.date.size() >= 4 ? r.date.substr(0, 4) : "?";
    by_type_year[{year, r.code}]++;
    auto person = [](const EventRow::Actor& a) { return a.name; };
    const EventRow::Actor& ax = xy ? r.actor1 : r.actor2;
    const EventRow::Actor& ay = xy ? r.actor2 : r.actor1;
    if (ax.type == "PER") people_x[person(ax)]++;
    if (ay.type == "PER") people_y[person(ay)]++;
    if (r.code == "057") agreements.push_back(&r);
    if (docs_seen.insert(r.doc).second) {
      auto d = store.get_document(r.doc);
      if (d && d->has_value()) {
        for (const Topic& t : (**d).topics) topics_by_year[year][t.key]++;
      }
    }
  }
  auto top = [](const std::map<std::string, int>& m, size_t n) {
    std::vector<std::pair<int, std::string>> v;
    for (const auto& [k, c] : m) v.emplace_back(-c, k);
    std::sort(v.begin(), v.end());
    if (v.size() > n) v.resize(n);
    return v;
  };
  if (args.has("csv")) {
    std::puts("year,code,type,events");
    for (const auto& [k, n] : by_type_year) std::puts(csv_row({k.first, k.second, code_name(k.second), std::to_string(n)}).c_str());
    return kExitOk;
  }
  if (args.has("json")) {
    std::string types = "[";
    for (const auto& [k, n] : by_type_year) {
      if (types.size() > 1) types += ',';
      types += JsonObject().str("year", k.first).str("code", k.second).str("type", code_name(k.second)).integer("events", n).done();
    }
    types += ']';
    auto people_json = [&](const std::map<std::string, int>& m) {
      std::string out = "[";
      for (const auto& [c, name] : top(m, 10)) {
        if (out.size() > 1) out += ',';
        out += JsonObject().str("person", name).integer("events", -c).done();
      }
      return out + "]";
    };
    std::string topics = "{";
    for (const auto& [year, m] : topics_by_year) {
      if (topics.size() > 1) topics += ',';
      json_string(topics, year);
      topics += ":{";
      bool first = true;
      for (const auto& [t, n] : m) {
        if (!first) topics += ',';
        first = false;
        json_string(topics, t);
        topics += ':' + std::to_string(n);
      }
      topics += '}';
    }
    topics += '}';
    std::string agreed = "[";
    for (const EventRow* r : agreements) {
      if (agreed.size() > 1) agreed += ',';
      agreed += JsonObject()
                    .str_or_null("date", r->date)
                    .raw("actor1", actor_json(r->actor1))
                    .raw("actor2", actor_json(r->actor2))
                    .str("sentence", r->sentence)
                    .str("source", r->doc)
                    .done();
    }
    agreed += ']';
    std::puts(JsonObject()
                  .str("x", x.name)
                  .str("y", y.name)
                  .raw("events_by_type_and_year", types)
                  .raw("people_x", people_json(people_x))
                  .raw("people_y", people_json(people_y))
                  .raw("topics_by_year", topics)
                  .raw("agreements", agreed)
                  .done()
                  .c_str());
    return kExitOk;
  }
  std::printf("%s – %s: %zu documents\n\nevents by type and year:\n", x.name.c_str(), y.name.c_str(), docs_seen.size());
  for (const auto& [k, n] : by_type_year) {
    std::printf("  %-5s %-3s %-24s %d\n", k.first.c_str(), k.second.c_str(), code_name(k.second), n);
  }
  std::printf("\nmost active on the side of %s:\n", x.name.c_str());
  for (const auto& [c, name] : top(people_x, 10)) std::printf("  %3d  %s\n", -c, name.c_str());
  std::printf("\nmost active on the side of %s:\n", y.name.c_str());
  for (const auto& [c, name] : top(people_y, 10)) std::printf("  %3d  %s\n", -c, name.c_str());
  std::printf("\ntopics by year (documents):\n");
  for (const auto& [year, m] : topics_by_year) {
    std::string line;
    for (const auto& [c, t] : top(m, 8)) line += (line.empty() ? "" : ", ") + t + " " + std::to_string(-c);
    std::printf("  %-5s %s\n", year.c_str(), line.c_str());
  }
  std::printf("\nagreements signed:\n");
  for (const EventRow* r : agreements) {
    std::printf("  %-10s %s -> %s\n    %s  [%s]\n", r->date.empty() ? "?" : r->date.c_str(), actor_text(r->actor1).c_str(),
                actor_text(r->actor2).c_str(), r->sentence.c_str(), r->doc.c_str());
  }
  return kExitOk;
}

}  // namespace ng::cli
