#include "query/dyad.h"

#include <algorithm>

#include "core/cameo.h"
#include "core/json.h"
#include "query/documents.h"

namespace ng {


ActorSet Side::as_actor_set() const {
  ActorSet s;
  for (int64_t e : entities) {
    if (!country_entities.count(e)) s.entities.push_back(e);
  }
  s.countries.assign(countries.begin(), countries.end());
  return s;
}

Result<Side> resolve_side(Store& store, const std::string& what, const std::string& lang, const EntityLookup& lookup) {
  Side side;
  side.name = what;
  auto found = lookup(store, what, lang);
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
    if (e.type == "LOC" && e.place.size() == 3) {
      side.countries.insert(e.place);
      side.country_entities.insert(e.id);
    }
  }
  if (!entities->empty()) side.name = entities->front().name;
  if (side.entities.empty() && side.countries.empty()) return Status::not_found("no entity matches '" + what + "'");
  return side;
}

Result<Dyad> load_dyad(Store& store, const DyadQuery& q, const EntityLookup& lookup) {
  Dyad out;
  auto x = resolve_side(store, q.x, q.lang, lookup);
  if (!x) return x.status();
  auto y = resolve_side(store, q.y, q.lang, lookup);
  if (!y) return y.status();
  out.x = std::move(*x);
  out.y = std::move(*y);
  EventQuery eq;
  eq.from = q.from;
  eq.to = q.to;
  eq.involving = {out.x.as_actor_set(), out.y.as_actor_set()};
  eq.text = q.text;
  auto rows = store.list_events(eq);
  if (!rows) return rows.status();
  out.rows = std::move(*rows);
  for (const EventRow& r : out.rows) {
    bool xy = out.x.matches(r.actor1) && out.y.matches(r.actor2);
    bool yx = out.y.matches(r.actor1) && out.x.matches(r.actor2);
    if (xy || yx) out.between.emplace_back(&r, xy);
  }
  return out;
}

std::vector<Happening> timeline(const Dyad& dyad) {
  std::vector<Happening> out;
  std::map<std::string, size_t> index;
  for (const auto& between : dyad.between) {
    const EventRow& r = *between.first;
    auto who = [](const EventRow::Actor& a) { return a.entity > 0 ? std::to_string(a.entity) : a.name; };
    std::string a = who(r.actor1), b = who(r.actor2);
    if (b < a) std::swap(a, b);
    std::string key = r.date + '\x1f' + r.code + '\x1f' + a + '\x1f' + b;
    auto [it, fresh] = index.try_emplace(key, out.size());
    if (fresh) {
      out.emplace_back();
      out.back().first = &r;
    }
    out[it->second].docs.insert(r.doc);
    out[it->second].langs.insert(r.lang);
  }
  return out;
}

Result<Dossier> dossier(Store& store, const Dyad& dyad) {
  Dossier out;
  std::map<std::string, int> people_x, people_y;
  std::set<std::string> docs_seen;
  for (const auto& [event, xy] : dyad.between) {
    const EventRow& r = *event;
    std::string year = r.date.size() >= 4 ? r.date.substr(0, 4) : "?";
    out.by_type_year[{year, r.code}]++;
    const EventRow::Actor& ax = xy ? r.actor1 : r.actor2;
    const EventRow::Actor& ay = xy ? r.actor2 : r.actor1;
    if (ax.type == "PER") people_x[ax.name]++;
    if (ay.type == "PER") people_y[ay.name]++;
    if (r.code == "057") out.agreements.push_back(&r);
    if (docs_seen.insert(r.doc).second) {
      auto d = store.get_document(r.doc);
      if (!d) return d.status();
      if (d->has_value()) {
        for (const Topic& t : (**d).topics) out.topics_by_year[year][t.key]++;
      }
    }
  }
  auto top = [](const std::map<std::string, int>& m, size_t n) {
    std::vector<std::pair<std::string, int>> v(m.begin(), m.end());
    std::stable_sort(v.begin(), v.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    if (v.size() > n) v.resize(n);
    return v;
  };
  out.people_x = top(people_x, 10);
  out.people_y = top(people_y, 10);
  out.documents = docs_seen.size();
  return out;
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

std::string event_json(const EventRow& r) {
  return JsonObject()
      .str("doc", r.doc)
      .str("lang", r.lang)
      .str("code", r.code)
      .str("type", cameo_name(r.code))
      .str_or_null("date", r.date)
      .raw("actor1", actor_json(r.actor1))
      .raw("actor2", actor_json(r.actor2))
      .raw("place", actor_json(r.place))
      .str("trigger", r.trigger)
      .str("sentence", r.sentence)
      .integer("sentence_begin", r.sentence_begin)
      .integer("sentence_end", r.sentence_end)
      .num("confidence", r.confidence)
      .done();
}

std::string happening_json(const Happening& h) {
  const EventRow& r = *h.first;
  return JsonObject()
      .str_or_null("date", r.date)
      .str("code", r.code)
      .str("type", cameo_name(r.code))
      .raw("actor1", actor_json(r.actor1))
      .raw("actor2", actor_json(r.actor2))
      .raw("place", actor_json(r.place))
      .integer("documents", static_cast<long long>(h.docs.size()))
      .raw("langs", json_string_array(h.langs))
      .raw("docs", json_string_array(h.docs))
      .str("sentence", r.sentence)
      .str("source", r.doc)
      .done();
}

std::string dossier_json(const Dyad& dyad, const Dossier& d) {
  std::string types = "[";
  for (const auto& [k, n] : d.by_type_year) {
    if (types.size() > 1) types += ',';
    types += JsonObject().str("year", k.first).str("code", k.second).str("type", cameo_name(k.second)).integer("events", n).done();
  }
  types += ']';
  auto people_json = [&](const std::vector<std::pair<std::string, int>>& v) {
    std::string out = "[";
    for (const auto& [name, n] : v) {
      if (out.size() > 1) out += ',';
      out += JsonObject().str("person", name).integer("events", n).done();
    }
    return out + "]";
  };
  std::string topics = "{";
  for (const auto& [year, m] : d.topics_by_year) {
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
  for (const EventRow* r : d.agreements) {
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
  return JsonObject()
      .str("x", dyad.x.name)
      .str("y", dyad.y.name)
      .integer("documents", static_cast<long long>(d.documents))
      .raw("events_by_type_and_year", types)
      .raw("people_x", people_json(d.people_x))
      .raw("people_y", people_json(d.people_y))
      .raw("topics_by_year", topics)
      .raw("agreements", agreed)
      .done();
}

}  // namespace ng
