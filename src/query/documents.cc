#include "query/documents.h"

#include <algorithm>
#include <cstdlib>

#include "core/json.h"

namespace ng {

std::string document_json(const Document& d, bool full, const std::map<int64_t, EntitySummary>* entities) {
  JsonObject o;
  o.str("id", d.id)
      .str("source", d.source)
      .str_or_null("url", d.url)
      .str_or_null("title", d.title)
      .str_or_null("published", d.published)
      .str("lang", d.lang)
      .num("lang_confidence", d.lang_confidence)
      .str("lang_detected", d.lang_detected)
      .str_or_null("lang_given", d.lang_given)
      .str("format", format_name(d.format))
      .str_or_null("agency", d.agency)
      .str("charset", d.charset)
      .integer("invalid_bytes", d.invalid_bytes)
      .str("text", d.text)
      .str_or_null("event_date", d.event_date)
      .str_or_null("event_date_how", d.event_date_how)
      .raw("event", d.event_cluster ? std::to_string(d.event_cluster) : "null")
      .raw("story", d.story ? std::to_string(d.story) : "null")
      .str_or_null("copy_of", d.copy_of);
  {
    o.raw("time", times_json(d));
    std::string topics = "[";
    for (size_t i = 0; i < d.topics.size(); ++i) {
      if (i) topics += ',';
      topics += JsonObject()
                    .str("topic", d.topics[i].key)
                    .integer("score", d.topics[i].score)
                    .str("evidence", d.topics[i].evidence)
                    .done();
    }
    o.raw("topics", topics + "]");
    // Event frames: actors and place as the mentions (and, with `entities`,
    // the registry) name them, and the sentence each came from.
    auto actor = [&](int i, const std::string& country) -> std::string {
      if (i < 0 || static_cast<size_t>(i) >= d.mentions.size()) return "null";
      const Mention& m = d.mentions[static_cast<size_t>(i)];
      JsonObject a;
      a.raw("entity", m.entity > 0 ? std::to_string(m.entity) : "null");
      std::string name;
      if (entities && m.entity > 0) {
        if (auto e = entities->find(m.entity); e != entities->end()) name = e->second.name;
      }
      a.str_or_null("name", name)
          .str("text", std::string(m.span.of(d.text)))
          .str("type", m.type)
          .str_or_null("role", m.role == "honorific" ? "" : m.role)
          .str_or_null("country", country);
      return a.done();
    };
    std::string events = "[";
    for (size_t i = 0; i < d.events.size(); ++i) {
      const EventFrame& e = d.events[i];
      if (i) events += ',';
      events += JsonObject()
                    .str("code", e.code)
                    .str("trigger", std::string(e.trigger.of(d.text)))
                    .raw("actor1", actor(e.actor1, e.country1))
                    .raw("actor2", actor(e.actor2, e.country2))
                    .raw("place", actor(e.place, ""))
                    .str_or_null("date", e.date)
                    .num("confidence", e.confidence)
                    .str("sentence", std::string(e.sentence.of(d.text)))
                    .integer("sentence_begin", e.sentence.begin)
                    .integer("sentence_end", e.sentence.end)
                    .done();
    }
    o.raw("events", events + "]");
  }
  if (full) {
    std::string paras = "[";
    for (size_t i = 0; i < d.paragraphs.size(); ++i) {
      const auto& p = d.paragraphs[i];
      if (i) paras += ',';
      paras += JsonObject()
                   .integer("begin", p.span.begin)
                   .integer("end", p.span.end)
                   .str("lang", p.lang)
                   .num("confidence", p.confidence)
                   .done();
    }
    paras += ']';
    std::string sents = "[";
    for (size_t i = 0; i < d.sentences.size(); ++i) {
      if (i) sents += ',';
      sents += "[" + std::to_string(d.sentences[i].span.begin) + "," + std::to_string(d.sentences[i].span.end) + "]";
    }
    sents += ']';
    std::string removed = "[";
    for (size_t i = 0; i < d.removed.size(); ++i) {
      const auto& r = d.removed[i];
      if (i) removed += ',';
      removed += JsonObject()
                     .integer("begin", r.span.begin)
                     .integer("end", r.span.end)
                     .str("reason", r.reason)
                     .str("text", r.text)
                     .done();
    }
    removed += ']';
    std::string mentions = "[";
    for (size_t i = 0; i < d.mentions.size(); ++i) {
      const auto& m = d.mentions[i];
      if (i) mentions += ',';
      mentions += JsonObject()
                      .integer("begin", m.span.begin)
                      .integer("end", m.span.end)
                      .str("type", m.type)
                      .str("text", std::string(m.span.of(d.text)))
                      .str_or_null("role", m.role)
                      .str_or_null("place", m.place)
                      .str_or_null("org", m.org)
                      .str_or_null("affiliation", m.affiliation)
                      .raw("entity", m.entity > 0 ? std::to_string(m.entity) : "null")
                      .done();
    }
    mentions += ']';
    o.boolean("lang_reliable", d.lang_reliable)
        .raw("paragraphs", paras)
        .raw("sentences", sents)
        .integer("tokens", static_cast<long long>(d.tokens.size()))
        .raw("removed", removed)
        .raw("mentions", mentions);
  }
  if (entities) {
    // One object per entity, in order of first mention.
    std::vector<int64_t> order;
    std::map<int64_t, std::pair<std::vector<std::string>, std::vector<std::string>>> forms;  // surfaces, roles
    for (const Mention& m : d.mentions) {
      if (m.entity <= 0) continue;
      auto [it, fresh] = forms.try_emplace(m.entity);
      if (fresh) order.push_back(m.entity);
      std::string surface(m.span.of(d.text));
      auto& [surfaces, roles] = it->second;
      if (std::find(surfaces.begin(), surfaces.end(), surface) == surfaces.end()) surfaces.push_back(surface);
      if (m.role.empty() || m.role == "honorific") continue;  // "Mr" is evidence of a person, not a role
      std::string role = JsonObject().str("role", m.role).str_or_null("country", m.affiliation).done();
      if (std::find(roles.begin(), roles.end(), role) == roles.end()) roles.push_back(role);
    }
    auto raw_list = [](const std::vector<std::string>& v) {
      std::string out = "[";
      for (size_t i = 0; i < v.size(); ++i) out += (i ? "," : "") + v[i];
      return out + "]";
    };
    std::string arr = "[";
    for (int64_t id : order) {
      auto e = entities->find(id);
      std::string type;
      for (const Mention& m : d.mentions) {
        if (m.entity == id) {
          type = m.type;
          break;
        }
      }
      if (arr.size() > 1) arr += ',';
      arr += JsonObject()
                 .integer("entity", id)
                 .str("name", e != entities->end() ? e->second.name : "")
                 .str("type", type)
                 .raw("surfaces", json_string_array(forms[id].first))
                 .raw("roles", raw_list(forms[id].second))
                 .done();
    }
    o.raw("entities", arr + "]");
  }
  return o.done();
}

bool valid_date_or_empty(const std::string& d) {
  return d.empty() || (d.size() == 10 && d[4] == '-' && d[7] == '-' &&
                       std::all_of(d.begin(), d.end(), [](char c) { return (c >= '0' && c <= '9') || c == '-'; }));
}

std::string times_json(const Document& d) {
  std::string times = "[";
  for (size_t i = 0; i < d.times.size(); ++i) {
    const TimeExpr& t = d.times[i];
    if (i) times += ',';
    times += JsonObject()
                 .integer("begin", t.span.begin)
                 .integer("end", t.span.end)
                 .str("text", std::string(t.span.of(d.text)))
                 .str("value", t.value)
                 .str("kind", t.kind)
                 .str("anchor", t.anchor)
                 .str_or_null("evidence", t.evidence)
                 .done();
  }
  return times + "]";
}

int64_t entity_id_of(const std::string& what) {
  char* end = nullptr;
  long long as_id = std::strtoll(what.c_str(), &end, 10);
  return end && *end == '\0' && as_id > 0 ? as_id : 0;
}

Result<std::vector<int64_t>> entity_ids(Store& store, const std::string& what, const std::string& lang,
                                        const std::string& data_dir, std::unique_ptr<Linker>& linker) {
  if (int64_t id = entity_id_of(what)) return std::vector<int64_t>{id};
  if (!linker) {
    LinkOptions lo;
    lo.data_dir = data_dir;
    auto made = Linker::create(lo);
    if (!made) return made.status();
    linker = std::move(*made);
  }
  return store.find_entities(linker->lookup_keys(what, lang), what);
}

Result<std::map<int64_t, EntitySummary>> entities_of(Store& store, const Document& d) {
  std::vector<int64_t> ids;
  for (const auto& m : d.mentions) {
    if (m.entity > 0) ids.push_back(m.entity);
  }
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  auto got = store.get_entities(ids);
  if (!got) return got.status();
  std::map<int64_t, EntitySummary> out;
  for (auto& e : *got) out[e.id] = std::move(e);
  return out;
}

std::string entity_summary_json(const EntitySummary& e) {
  return JsonObject()
      .integer("id", e.id)
      .str("name", e.name)
      .str("type", e.type)
      .str_or_null("place", e.place)
      .integer("documents", e.documents)
      .integer("mentions", e.mentions)
      .raw("langs", json_string_array(e.langs))
      .done();
}

}  // namespace ng
