// newsgraph stories / newsgraph story: the event clusters and stories the
// clusterer (src/cluster) built.
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <map>

#include "cli/common.h"
#include "query/dyad.h"
#include "cli/commands.h"
#include "cli/json.h"
#include "link/linker.h"

namespace ng::cli {
namespace {

const char* kStoriesHelp = R"(usage: newsgraph stories [--from D] [--to D] [--entity X] [--lang xx] [--limit N] [--json] [--db PATH]

Lists stories (threads of related happenings, across languages), latest
first: id, date span, label (main actors, place, date), documents and
independent sources (near-copies of one dispatch count once), languages.
--from/--to keep stories whose date span meets the period (YYYY-MM-DD);
--entity X (an entity id or a name in any language; --lang says which
language the name is written in, default en) keeps stories with a document
naming it. `newsgraph story ID` shows one.
)";

const char* kStoryHelp = R"(usage: newsgraph story ID [--why] [--json] [--db PATH]

Shows a story or an event cluster: its label, date span, languages, main
entities; a story's events (each an event cluster: one happening on one
date); the member documents by language with their titles, event date and
the document they are a near-copy of; the event frames found in them (the
timeline, with source sentences). --why adds, for each member, the signals
that put it there (shared entities #ID, same-language text similarity, date
evidence, event types, with the score) and the merges late evidence caused.
)";

std::string summary_json(const ClusterSummary& c) {
  std::string ents = "[";
  for (size_t i = 0; i < c.entities.size(); ++i) {
    if (i) ents += ',';
    ents += JsonObject().integer("entity", c.entities[i].first).str("name", c.entities[i].second).done();
  }
  ents += "]";
  return JsonObject()
      .integer("id", c.id)
      .str("level", c.level)
      .str("label", c.label)
      .str_or_null("date", c.date)
      .str_or_null("first_date", c.first_date)
      .str_or_null("last_date", c.last_date)
      .raw("story", c.story ? std::to_string(c.story) : "null")
      .integer("documents", c.documents)
      .integer("sources", c.sources)
      .raw("langs", json_string_array(c.langs))
      .raw("entities", ents)
      .done();
}

std::string span_text(const ClusterSummary& c) {
  if (c.first_date.empty()) return "?";
  return c.first_date == c.last_date ? c.first_date : c.first_date + ".." + c.last_date;
}

std::string langs_text(const std::vector<std::string>& langs) {
  std::string out;
  for (const auto& l : langs) out += (out.empty() ? "" : " ") + l;
  return out;
}

// "#12" in a member's why -> "Joe Biden #12", from the registry.
std::string with_names(const std::string& why, const std::map<int64_t, std::string>& names) {
  std::string out;
  for (size_t i = 0; i < why.size(); ++i) {
    if (why[i] == '#' && i + 1 < why.size() && std::isdigit(static_cast<unsigned char>(why[i + 1]))) {
      size_t j = i + 1;
      while (j < why.size() && std::isdigit(static_cast<unsigned char>(why[j]))) ++j;
      auto it = names.find(std::stoll(why.substr(i + 1, j - i - 1)));
      if (it != names.end()) out += it->second + " ";
      out.append(why, i, j - i);
      i = j - 1;
    } else {
      out += why[i];
    }
  }
  return out;
}

// The names of the entities the members' whys cite.
std::map<int64_t, std::string> cited_names(Store& store, const ClusterDetail& c) {
  std::vector<int64_t> ids;
  for (const auto& m : c.members) {
    for (size_t i = 0; i + 1 < m.why.size(); ++i) {
      if (m.why[i] == '#' && std::isdigit(static_cast<unsigned char>(m.why[i + 1]))) ids.push_back(std::atoll(m.why.c_str() + i + 1));
    }
  }
  std::map<int64_t, std::string> names;
  auto found = store.get_entities(ids);
  if (found) {
    for (const auto& e : *found) names[e.id] = e.name;
  }
  return names;
}

}  // namespace

int cmd_stories(int argc, char** argv) {
  Args args = parse_args(argc, argv, 2, {"db", "data", "from", "to", "entity", "lang", "limit"}, {"json", "help"});
  if (args.has("help")) return std::fputs(kStoriesHelp, stdout), kExitOk;
  StoryQuery q;
  q.from = args.get("from");
  q.to = args.get("to");
  q.limit = args.get_int("limit", 50);
  if (args.error.empty() && (!valid_date_or_empty(q.from) || !valid_date_or_empty(q.to)))
    args.error = "--from/--to must be YYYY-MM-DD";
  if (args.error.empty() && q.limit <= 0) args.error = "--limit must be positive";
  if (args.error.empty() && !args.positional.empty()) args.error = "unexpected argument " + args.positional[0];
  if (!args.error.empty()) return usage("stories", args, kStoriesHelp);
  auto store = open_store(args, "stories", true);
  if (!store) return kExitFatal;
  std::vector<int64_t> entities = {0};
  if (!args.get("entity").empty()) {
    std::unique_ptr<Linker> linker;
    auto ids = entity_ids(*store, args.get("entity"), args.get("lang").empty() ? "en" : args.get("lang"),
                          args.get("data"), linker);
    if (!ids) return print_error("stories", ids.status().message()), kExitFatal;
    if (ids->empty()) return print_error("stories", "no entity matches '" + args.get("entity") + "'"), kExitRejected;
    entities = {ids->front()};
  }
  q.entity = entities.front();
  auto stories = store->list_stories(q);
  if (!stories) return print_error("stories", stories.status().message()), kExitFatal;
  for (const ClusterSummary& c : *stories) {
    if (args.has("json")) {
      std::puts(summary_json(c).c_str());
    } else {
      std::printf("%6lld  %-22s %3lld docs %3lld sources  %-14s %s\n", static_cast<long long>(c.id),
                  span_text(c).c_str(), static_cast<long long>(c.documents), static_cast<long long>(c.sources),
                  langs_text(c.langs).c_str(), c.label.c_str());
    }
  }
  return kExitOk;
}

int cmd_story(int argc, char** argv) {
  Args args = parse_args(argc, argv, 2, {"db"}, {"json", "why", "help"});
  if (args.has("help")) return std::fputs(kStoryHelp, stdout), kExitOk;
  int64_t id = 0;
  if (args.error.empty() && args.positional.size() != 1) args.error = "expected one story or event id";
  if (args.error.empty()) {
    char* end = nullptr;
    id = std::strtoll(args.positional[0].c_str(), &end, 10);
    if (!end || *end || id <= 0) args.error = "not a cluster id: " + args.positional[0];
  }
  if (!args.error.empty()) return usage("story", args, kStoryHelp);
  auto store = open_store(args, "story", true);
  if (!store) return kExitFatal;
  auto found = store->get_cluster(id);
  if (!found) return print_error("story", found.status().message()), kExitFatal;
  if (!found->has_value()) return print_error("story", "no story or event " + std::to_string(id)), kExitRejected;
  ClusterDetail& c = **found;
  bool why = args.has("why");
  if (why) {
    auto names = cited_names(*store, c);
    for (auto& m : c.members) m.why = with_names(m.why, names);
  }
  if (args.has("json")) {
    std::string members = "[";
    for (size_t i = 0; i < c.members.size(); ++i) {
      const auto& m = c.members[i];
      if (i) members += ',';
      JsonObject o;
      o.str("doc", m.doc)
          .str("lang", m.lang)
          .str_or_null("title", m.title)
          .str_or_null("published", m.published)
          .str_or_null("event_date", m.event_date)
          .integer("event", m.event)
          .str_or_null("copy_of", m.copy_of)
          .num("score", m.score);
      if (why) o.str("why", m.why);
      members += o.done();
    }
    members += "]";
    std::string events = "[";
    for (size_t i = 0; i < c.events.size(); ++i) events += (i ? "," : "") + summary_json(c.events[i]);
    events += "]";
    std::string frames = "[";
    for (size_t i = 0; i < c.frames.size(); ++i) frames += (i ? "," : "") + event_json(c.frames[i]);
    frames += "]";
    std::string merged = "[";
    for (size_t i = 0; i < c.merged.size(); ++i) {
      merged += (i ? "," : "") +
                JsonObject().integer("from", c.merged[i].from).str("doc", c.merged[i].doc).str("why", c.merged[i].why).done();
    }
    merged += "]";
    std::puts(JsonObject()
                  .raw("cluster", summary_json(c.summary))
                  .raw("events", events)
                  .raw("members", members)
                  .raw("frames", frames)
                  .raw("merged", merged)
                  .done()
                  .c_str());
    return kExitOk;
  }
  const ClusterSummary& s = c.summary;
  std::printf("%s %lld: %s\n", s.level.c_str(), static_cast<long long>(s.id), s.label.c_str());
  std::printf("  dates %s   %lld documents, %lld independent sources   languages: %s\n", span_text(s).c_str(),
              static_cast<long long>(s.documents), static_cast<long long>(s.sources), langs_text(s.langs).c_str());
  if (s.level == "event" && s.story) std::printf("  story %lld\n", static_cast<long long>(s.story));
  if (!s.entities.empty()) {
    std::printf("  main entities:");
    for (const auto& [eid, name] : s.entities) std::printf(" %s (#%lld);", name.c_str(), static_cast<long long>(eid));
    std::printf("\n");
  }
  if (!c.events.empty()) {
    std::printf("\nevents\n");
    for (const auto& e : c.events) {
      std::printf("  %6lld  %-10s %3lld docs %3lld sources  %-14s %s\n", static_cast<long long>(e.id),
                  e.date.empty() ? "?" : e.date.c_str(), static_cast<long long>(e.documents),
                  static_cast<long long>(e.sources), langs_text(e.langs).c_str(), e.label.c_str());
    }
  }
  // Members by language.
  std::map<std::string, std::vector<const ClusterDetail::Member*>> by_lang;
  for (const auto& m : c.members) by_lang[m.lang].push_back(&m);
  std::printf("\ndocuments\n");
  for (const auto& [lang, members] : by_lang) {
    std::printf("  [%s]\n", lang.c_str());
    for (const auto* m : members) {
      std::printf("    %-12s %-10s event %-5lld %s%s\n", m->doc.c_str(), m->event_date.empty() ? "?" : m->event_date.c_str(),
                  static_cast<long long>(m->event), m->title.empty() ? "(no title)" : m->title.c_str(),
                  m->copy_of.empty() ? "" : ("  [copy of " + m->copy_of + "]").c_str());
      if (why) std::printf("        why: %s\n", m->why.c_str());
    }
  }
  if (why && !c.merged.empty()) {
    std::printf("\nmerged into it\n");
    for (const auto& m : c.merged)
      std::printf("  %lld (on %s): %s\n", static_cast<long long>(m.from), m.doc.c_str(), m.why.c_str());
  }
  if (!c.frames.empty()) {
    std::printf("\ntimeline\n");
    for (const EventRow& r : c.frames) {
      std::printf("  %-10s %-3s %-22s %s -> %s%s  [%s %s]\n      %s\n", r.date.empty() ? "?" : r.date.c_str(),
                  r.code.c_str(), cameo_name(r.code), actor_text(r.actor1).c_str(), actor_text(r.actor2).c_str(),
                  r.place.name.empty() ? "" : ("  @ " + r.place.name).c_str(), r.doc.c_str(), r.lang.c_str(),
                  r.sentence.c_str());
    }
  }
  return kExitOk;
}

}  // namespace ng::cli
