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
  auto entities = store.get_entities(ids, false);  // type, place and name
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

Result<Dyad> resolve_dyad(Store& store, const DyadQuery& q, const EntityLookup& lookup) {
  Dyad out;
  auto x = resolve_side(store, q.x, q.lang, lookup);
  if (!x) return x.status();
  auto y = resolve_side(store, q.y, q.lang, lookup);
  if (!y) return y.status();
  out.x = std::move(*x);
  out.y = std::move(*y);
  return out;
}

Result<Dyad> load_dyad(Store& store, const DyadQuery& q, const EntityLookup& lookup) {
  auto sides = resolve_dyad(store, q, lookup);
  if (!sides) return sides.status();
  Dyad out = std::move(*sides);
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

namespace {

// A happening: the frames of one date and type between the same two actors
// (an entity, else the mention's text), in either order.
std::string happening_key(const EventRow& r) {
  auto who = [](const EventRow::Actor& a) { return a.entity > 0 ? std::to_string(a.entity) : a.name; };
  std::string a = who(r.actor1), b = who(r.actor2);
  if (b < a) std::swap(a, b);
  return r.date + '\x1f' + r.code + '\x1f' + a + '\x1f' + b;
}

bool in_set(const ActorSet& s, const EventRow::Actor& a) {
  return (a.entity > 0 && std::find(s.entities.begin(), s.entities.end(), a.entity) != s.entities.end()) ||
         (!a.country.empty() && std::find(s.countries.begin(), s.countries.end(), a.country) != s.countries.end());
}

}  // namespace

std::vector<Happening> timeline(const Dyad& dyad) {
  std::vector<Happening> out;
  std::map<std::string, size_t> index;
  for (const auto& between : dyad.between) {
    const EventRow& r = *between.first;
    auto [it, fresh] = index.try_emplace(happening_key(r), out.size());
    if (fresh) {
      out.emplace_back();
      out.back().first = &r;
    }
    out[it->second].docs.insert(r.doc);
    out[it->second].langs.insert(r.lang);
  }
  return out;
}

Result<bool> timeline_page(Store& store, const Dyad& sides, const std::string& from, const std::string& to,
                           int64_t offset, int64_t limit, TimelinePage& page) {
  page = TimelinePage();
  // load_dyad's frames are those list_events gives for both actor sets
  // (each set names actor 1 or actor 2), of which those with one side's
  // actor facing the other's (Side::matches) are kept.
  ActorSet sx = sides.x.as_actor_set(), sy = sides.y.as_actor_set();
  if ((sx.entities.empty() && sx.countries.empty()) || (sy.entities.empty() && sy.countries.empty())) {
    return true;  // list_events: a set that matches nothing
  }
  // Such a frame has a key of X on one actor and a key of Y on the other:
  // one of the pairs below, as long as no key is on both sides. With
  // countries only in the sets, a frame's two countries are those keys (a
  // country entity's own id need not be paired: list_events found the frame
  // by its code).
  bool by_country = sx.entities.empty() && sy.entities.empty();
  auto keys = [&](const Side& side) {
    std::vector<ActorKey> out;
    if (!by_country) {
      for (int64_t e : side.entities) out.push_back(ActorKey{e, ""});
    }
    for (const std::string& c : side.countries) out.push_back(ActorKey{0, c});
    return out;
  };
  std::vector<ActorKey> kx = keys(sides.x), ky = keys(sides.y);
  PairQuery pq;
  pq.from = from;
  pq.to = to;
  for (const ActorKey& a : kx) {
    for (const ActorKey& b : ky) {
      if (a.entity == b.entity && a.country == b.country) return false;
      pq.pairs.emplace_back(a, b);
    }
  }
  if (pq.pairs.size() > kMaxTimelinePairs) return false;
  // Happenings in the order their first frames come; a happening's frames
  // all have its date, so once the frames reach another date the ones begun
  // are whole, and the page and one more are enough.
  const size_t want = static_cast<size_t>(offset) + static_cast<size_t>(limit);
  std::vector<Happening> all;
  std::map<std::string, size_t> index;  // of the current date
  std::string date;
  bool first = true;
  Status st = store.pair_frames(pq, [&](const EventRow& r) {
    if (!((in_set(sx, r.actor1) || in_set(sx, r.actor2)) && (in_set(sy, r.actor1) || in_set(sy, r.actor2)))) {
      return true;
    }
    bool xy = sides.x.matches(r.actor1) && sides.y.matches(r.actor2);
    bool yx = sides.y.matches(r.actor1) && sides.x.matches(r.actor2);
    if (!xy && !yx) return true;
    if (first || r.date != date) {
      if (all.size() > want) return false;
      index.clear();
      date = r.date;
      first = false;
    }
    auto [it, fresh] = index.try_emplace(happening_key(r), all.size());
    if (fresh) {
      page.firsts.push_back(r);
      all.emplace_back();
      all.back().first = &page.firsts.back();
    }
    all[it->second].docs.insert(r.doc);
    all[it->second].langs.insert(r.lang);
    return true;
  });
  if (!st) return st;
  for (size_t i = static_cast<size_t>(offset); i < all.size() && i < want; ++i) page.shown.push_back(std::move(all[i]));
  page.more = all.size() > want;
  return true;
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
