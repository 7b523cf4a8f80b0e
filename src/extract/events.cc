#include "extract/events.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>
#include <unordered_map>

#include "lexicon/gazetteer.h"
#include "lexicon/roles.h"
#include "lexicon/tsv.h"

namespace ng {
namespace {

// ISO 3166-1 alpha-3: what the gazetteer gives countries as place ids
// (cities are "Area/City", "place:...", regions "iso:...").
bool country_id(const std::string& place) {
  return place.size() == 3 && std::all_of(place.begin(), place.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

// How far after a "led by" phrase its person may start (a title between: "led by General").
constexpr uint32_t kLedGap = 40;

bool full_date(const std::string& v) {
  return v.size() == 10 && v[4] == '-' && v[7] == '-' && v.find('X') == std::string::npos;
}

}  // namespace

struct EventExtractor::Impl {
  std::unique_ptr<RoleLexicon> triggers;                  // data/roles' matcher, on data/events
  std::unordered_map<std::string, std::string> country;  // gazetteer place id -> its country
};

EventExtractor::EventExtractor() : impl_(std::make_unique<Impl>()) {}
EventExtractor::~EventExtractor() = default;

Result<std::unique_ptr<EventExtractor>> EventExtractor::create(const EventOptions& options) {
  std::unique_ptr<EventExtractor> e(new EventExtractor());
  RoleOptions ro;
  ro.data_dir = options.data_dir;
  ro.resource = "events";
  auto t = RoleLexicon::create(ro);
  if (!t) return t.status();
  e->impl_->triggers = std::move(*t);
  std::shared_ptr<const Gazetteer> g = options.gazetteer;
  if (!g) {
    GazetteerOptions go;
    go.data_dir = options.data_dir.empty() ? default_data_dir() : options.data_dir;
    auto built = Gazetteer::build(go);
    if (!built) return built.status();
    g = std::move(*built);
  }
  for (const Place& p : g->places()) {
    if (!p.country.empty()) e->impl_->country[p.id] = p.country;
  }
  return e;
}

std::vector<EventFrame> EventExtractor::find(const Document& doc) const {
  std::vector<EventFrame> out;
  auto s = doc.sentences.begin();
  for (const RoleMatch& t : impl_->triggers->find(doc.text, doc.lang)) {
    if (t.role == "-") continue;
    while (s != doc.sentences.end() && s->span.end < t.span.end) ++s;
    if (s == doc.sentences.end() || s->span.begin > t.span.begin) continue;
    EventFrame f;
    f.code = t.role;
    f.trigger = t.span;
    f.sentence = s->span;
    out.push_back(std::move(f));
  }
  return out;
}

std::vector<EventFrame> EventExtractor::extract(const Document& doc,
                                                const std::function<std::string(int64_t)>& entity_country) const {
  Document with = doc;
  with.events = find(doc);
  return complete(with, entity_country);
}

std::vector<EventFrame> EventExtractor::complete(const Document& doc,
                                                 const std::function<std::string(int64_t)>& entity_country) const {
  std::vector<EventFrame> out;
  const auto& ms = doc.mentions;
  // "Vietnam's delegation, led by General X": the person leads the country's
  // delegation (a "LED" phrase of data/events; the country is the last one
  // named before it in the sentence).
  std::map<size_t, std::string> led;  // mention index -> country
  for (const EventFrame& c : doc.events) {
    if (c.code != "LED") continue;
    std::string country;
    for (const Mention& m : ms) {
      if (m.span.begin < c.sentence.begin || m.span.end > c.trigger.begin) continue;
      if (!m.affiliation.empty()) country = m.affiliation;
      if (m.type == "LOC" && country_id(m.place)) country = m.place;
    }
    for (size_t i = 0; i < ms.size() && !country.empty(); ++i) {
      if (ms[i].type == "PER" && ms[i].span.begin >= c.trigger.end && ms[i].span.end <= c.sentence.end &&
          ms[i].span.begin - c.trigger.end <= kLedGap) {
        led[i] = country;
        break;
      }
    }
  }
  // The country of mention i: its title's, else another titled mention of
  // the same entity in the document, else a country's own id, else the
  // delegation it leads.
  auto country_of = [&](int i) -> std::string {
    if (i < 0) return "";
    const Mention& m = ms[static_cast<size_t>(i)];
    if (!m.affiliation.empty()) return m.affiliation;
    if (m.type == "LOC" && country_id(m.place)) return m.place;
    if (m.entity > 0) {
      for (const Mention& o : ms) {
        if (o.entity == m.entity && !o.affiliation.empty()) return o.affiliation;
      }
    }
    for (const auto& [k, c] : led) {
      if (k == static_cast<size_t>(i) || (m.entity > 0 && ms[k].entity == m.entity)) return c;
    }
    return "";
  };
  auto is_actor = [&](const Mention& m) {
    return m.type == "PER" || m.type == "ORG" || (m.type == "LOC" && country_id(m.place));
  };
  auto same = [&](int a, int b) {
    const Mention& x = ms[static_cast<size_t>(a)];
    const Mention& y = ms[static_cast<size_t>(b)];
    return x.entity > 0 ? x.entity == y.entity : x.span.of(doc.text) == y.span.of(doc.text);
  };
  std::set<std::tuple<std::string, int64_t, int64_t>> seen;  // code, actor entities
  // The two countries the document names most (when two stand out), and the
  // place of its opening (dateline) for frames whose sentence names none.
  std::vector<std::string> top_countries;
  {
    std::map<std::string, int> n;
    for (const Mention& m : ms) {
      if (m.type == "LOC" && country_id(m.place)) ++n[m.place];
      if (!m.affiliation.empty()) ++n[m.affiliation];
    }
    std::vector<std::pair<int, std::string>> by;
    for (const auto& [c, k] : n) by.emplace_back(k, c);
    std::sort(by.rbegin(), by.rend());
    if (by.size() >= 2 && by[1].first >= 2 && (by.size() == 2 || by[1].first >= 2 * by[2].first)) {
      top_countries = {by[0].second, by[1].second};
    }
  }
  int lead_place = -1;
  uint32_t lead_end = doc.sentences.size() > 1 ? doc.sentences[1].span.end
                                                : doc.sentences.empty() ? 0 : doc.sentences[0].span.end;
  for (size_t i = 0; i < ms.size() && lead_place < 0; ++i) {
    if (ms[i].span.end <= lead_end && ms[i].type == "LOC" && !ms[i].place.empty() && !country_id(ms[i].place)) {
      lead_place = static_cast<int>(i);
    }
  }
  for (const EventFrame& candidate : doc.events) {
    if (candidate.code == "LED") continue;  // not an event: read above
    RoleMatch t{candidate.trigger, candidate.code};
    // Inside a name it reports nothing ("Asia-Pacific Economic Cooperation").
    if (std::any_of(ms.begin(), ms.end(), [&](const Mention& m) {
          return m.span.begin <= t.span.begin && t.span.end <= m.span.end;
        })) {
      continue;
    }
    const Span* s = &candidate.sentence;
    // Candidates in the sentence: persons first, then organisations, then
    // countries.
    int before = -1, before_org = -1, before_country = -1;
    std::vector<int> befores;  // persons and organisations before the trigger
    std::vector<int> after, after_countries;
    int place = -1;
    for (size_t i = 0; i < ms.size(); ++i) {
      const Mention& m = ms[i];
      if (m.span.begin < s->begin || m.span.end > s->end) continue;
      if (m.span.begin < t.span.end && t.span.begin < m.span.end) continue;  // the trigger itself
      if (m.type == "LOC" && !m.place.empty() && !country_id(m.place) && place < 0) place = static_cast<int>(i);
      if (!is_actor(m)) continue;
      bool country = m.type == "LOC";
      if (m.span.end <= t.span.begin) {
        (country ? before_country : m.type == "PER" ? before : before_org) = static_cast<int>(i);
        if (!country) befores.push_back(static_cast<int>(i));
      } else {
        (country ? after_countries : after).push_back(static_cast<int>(i));
      }
    }
    if (before < 0) before = before_org;
    // After the trigger a person outranks an organisation named first
    // ("с генеральным секретарём ЦК ... То Ламом").
    std::stable_partition(after.begin(), after.end(), [&](int i) { return ms[static_cast<size_t>(i)].type == "PER"; });
    EventFrame f;
    f.code = t.role;
    f.trigger = t.span;
    f.sentence = *s;
    f.actor1 = before >= 0 ? before : -1;
    size_t next = 0;
    // A statement's speaker named right after the verb ("— сказал Шойгу",
    // "said Lavrov"): the speaker, not the object.
    if (f.code == "010" && !after.empty()) {
      const Mention& a = ms[static_cast<size_t>(after[0])];
      if (a.type == "PER" && a.span.begin >= t.span.end && a.span.begin - t.span.end <= 3) {
        f.actor1 = after[0];
        after.clear();
        after_countries.clear();
      }
    }
    if (f.actor1 < 0 && after.size() >= 2) f.actor1 = after[next++];  // "Am Dienstag empfing To Lam den ..."
    if (f.actor1 < 0 && before_country >= 0) f.actor1 = before_country;
    while (next < after.size() && f.actor1 >= 0 && same(after[next], f.actor1)) ++next;
    if (next < after.size()) f.actor2 = after[next];
    else if (!after_countries.empty()) f.actor2 = after_countries[0];
    if (f.actor1 >= 0 && f.actor2 >= 0 && same(f.actor1, f.actor2)) f.actor2 = -1;
    // "Ana Costa and Li Wei signed", "Байден и Си Цзиньпин встретились":
    // both sides before the verb, joined by a conjunction.
    auto joined = [&](int a, int b) {
      std::string_view gap = doc.text.substr(ms[static_cast<size_t>(a)].span.end,
                                             ms[static_cast<size_t>(b)].span.begin - ms[static_cast<size_t>(a)].span.end);
      while (!gap.empty() && gap.front() == ' ') gap.remove_prefix(1);
      while (!gap.empty() && gap.back() == ' ') gap.remove_suffix(1);
      static const std::set<std::string_view> kAnd = {"and", "und", "et", "y", "e", "dan", "och", "và", "и", "&", "với"};
      return kAnd.count(gap) > 0;
    };
    if (befores.size() >= 2 && !same(befores[befores.size() - 2], befores.back()) &&
        ((f.actor2 < 0 && f.code != "ATT") || joined(befores[befores.size() - 2], befores.back()))) {
      f.actor1 = befores[befores.size() - 2];
      f.actor2 = befores.back();
    }
    if (f.actor1 < 0 && f.actor2 < 0) continue;
    if (f.actor1 < 0) continue;  // nobody acts: "he stressed that Vietnam..."
    // "..., a senior official said": the speaker is the words since the last
    // comma; when they name no actor, whoever stands before is not speaking.
    if (f.code == "010" && ms[static_cast<size_t>(f.actor1)].span.end <= t.span.begin) {
      std::string_view before(doc.text.data() + s->begin, t.span.begin - s->begin);
      size_t comma = before.rfind(',');
      if (comma != std::string_view::npos && s->begin + comma >= ms[static_cast<size_t>(f.actor1)].span.end &&
          before.find_first_not_of(" \t\n", comma + 1) != std::string_view::npos) {
        continue;
      }
    }
    if (f.code != "010" && f.code != "ATT" && f.actor2 < 0) continue;  // meetings need two sides
    f.place = place >= 0 ? place : lead_place;
    // The sentence's own date, unless it lies far from what the document
    // reports (a background date: "ties established on January 30, 1950").
    for (const TimeExpr& x : doc.times) {
      if (x.span.begin >= s->begin && x.span.end <= s->end && full_date(x.value) && x.anchor != "none" &&
          (doc.event_date.empty() || x.value.substr(0, 7) == doc.event_date.substr(0, 7))) {
        f.date = x.value;
        break;
      }
    }
    if (f.date.empty()) f.date = doc.event_date;
    f.country1 = country_of(f.actor1);
    f.country2 = country_of(f.actor2);
    // Attending a meeting nobody is named beside: the other side is its host,
    // the country of its place ("deltog i konferensen" in Moscow).
    if (f.code == "ATT" && f.actor2 < 0 && f.place >= 0) {
      if (auto c = impl_->country.find(ms[static_cast<size_t>(f.place)].place); c != impl_->country.end() &&
                                                                              c->second != f.country1) {
        f.country2 = c->second;
      }
    }
    // A host is at home: the country of the place of a hosting (043), or of
    // a meeting's host side (the place where actor 1 received actor 2).
    if (f.code == "043" && f.country1.empty() && f.place >= 0 && ms[static_cast<size_t>(f.actor1)].type != "LOC") {
      if (auto c = impl_->country.find(ms[static_cast<size_t>(f.place)].place); c != impl_->country.end()) {
        f.country1 = c->second;
      }
    }
    // What other documents said of the actor's country (the registry).
    if (entity_country) {
      if (f.country1.empty() && f.actor1 >= 0 && ms[static_cast<size_t>(f.actor1)].entity > 0) {
        f.country1 = entity_country(ms[static_cast<size_t>(f.actor1)].entity);
      }
      if (f.country2.empty() && f.actor2 >= 0 && ms[static_cast<size_t>(f.actor2)].entity > 0) {
        f.country2 = entity_country(ms[static_cast<size_t>(f.actor2)].entity);
      }
    }
    // In a report on two countries, an actor whose country the text does
    // not give belongs to the other one ("To Lam" beside a Russian guest in
    // a Vietnam–Russia report).
    if (top_countries.size() == 2 && f.actor2 >= 0) {
      auto other = [&](const std::string& c) { return c == top_countries[0] ? top_countries[1] : top_countries[0]; };
      // Only between two persons or organisations: a country actor is itself.
      bool pers1 = ms[static_cast<size_t>(f.actor1)].type != "LOC", pers2 = ms[static_cast<size_t>(f.actor2)].type != "LOC";
      if (!pers1 || !pers2) pers1 = pers2 = false;
      if (f.country1.empty() && pers1 && !f.country2.empty() && (f.country2 == top_countries[0] || f.country2 == top_countries[1])) {
        f.country1 = other(f.country2);
      } else if (f.country2.empty() && pers2 && !f.country1.empty() &&
                 (f.country1 == top_countries[0] || f.country1 == top_countries[1])) {
        f.country2 = other(f.country1);
      }
    }
    f.confidence = 0.4f + (f.actor1 >= 0 ? 0.2f : 0) + (f.actor2 >= 0 ? 0.2f : 0) + (!f.date.empty() ? 0.1f : 0) +
                   (f.place >= 0 ? 0.1f : 0);
    auto id = [&](int i) -> int64_t {
      if (i < 0) return 0;
      const Mention& m = ms[static_cast<size_t>(i)];
      return m.entity > 0 ? m.entity : -static_cast<int64_t>(m.span.begin) - 1;
    };
    if (!seen.emplace(f.code, id(f.actor1), id(f.actor2)).second) continue;
    out.push_back(f);
  }
  // A statement verb beside another happening in its sentence attributes it
  // ("Arnor signed ..., officials said"): the happening is the event.
  out.erase(std::remove_if(out.begin(), out.end(),
                           [&](const EventFrame& f) {
                             return f.code == "010" && std::any_of(out.begin(), out.end(), [&](const EventFrame& o) {
                                      return o.code != "010" && o.sentence.begin == f.sentence.begin;
                                    });
                           }),
            out.end());
  return out;
}

}  // namespace ng
