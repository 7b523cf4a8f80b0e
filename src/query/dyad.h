// The relationship between two sides (countries, people, organisations):
// what `newsgraph timeline X Y` and `dossier X Y` print and what the HTTP API
// (/api/timeline, /api/dossier) returns. One implementation for both.
#pragma once

#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "core/cameo.h"
#include "core/status.h"
#include "link/linker.h"
#include "store/store.h"

namespace ng {

// X as events can match it: entity ids, and countries (a country entity
// stands for its country code; any actor of that country matches).
struct Side {
  std::set<int64_t> entities;
  std::set<std::string> countries;
  std::set<int64_t> country_entities;  // those of `entities` that are countries (in `countries` too)
  std::string name;  // the first entity's canonical name, else what was asked
  bool matches(const EventRow::Actor& a) const {
    return (a.entity > 0 && entities.count(a.entity)) || (!a.country.empty() && countries.count(a.country));
  }
  // For Store::list_events. A country entity's frames carry its code
  // (events.country1/2 is the country of a place actor), so countries are
  // looked up by code only, through the (country, date) indexes.
  ActorSet as_actor_set() const;
};

// The entities a user means by a name or id (query/documents.h entity_ids,
// with the caller's linker: the CLI makes one, the server shares one).
using EntityLookup = std::function<Result<std::vector<int64_t>>(Store& store, const std::string& what,
                                                                const std::string& lang)>;

// Resolves `what` (an entity id, a name in `lang`, or an ISO alpha-3 country
// code) to a side. Not found: a kNotFound status naming `what`.
Result<Side> resolve_side(Store& store, const std::string& what, const std::string& lang, const EntityLookup& lookup);

// The events of a period in which one side is X and the other Y.
struct Dyad {
  Side x, y;
  std::vector<EventRow> rows;
  std::vector<std::pair<const EventRow*, bool>> between;  // event, actor 1 is on X's side
};

struct DyadQuery {
  std::string x, y;       // as given by the user
  std::string from, to;   // YYYY-MM-DD bounds, "" = open
  std::string lang = "en";  // the language X and Y are written in
  // false: the rows come without their text (EventQuery::text), enough for
  // timeline() and its counts; show a happening with the full row of its
  // first frame (Store::get_events). The dossier needs the text.
  bool text = true;
};

// Errors: kNotFound when X or Y matches nothing; store errors as they come.
Result<Dyad> load_dyad(Store& store, const DyadQuery& q, const EntityLookup& lookup);
// The two sides only (no rows): for timeline_page.
Result<Dyad> resolve_dyad(Store& store, const DyadQuery& q, const EntityLookup& lookup);

// One happening of a timeline: the events of one date, type and pair of
// actors (in either order), with the documents and languages reporting it.
struct Happening {
  const EventRow* first = nullptr;  // the first frame (its sentence and document are the evidence)
  std::set<std::string> docs, langs;
};
// By date, then arrival order (as the events are).
std::vector<Happening> timeline(const Dyad& dyad);

// The happenings [offset, offset + limit) of timeline(load_dyad(...)) with
// text = false, and whether more follow, read from the frames of the pairs
// of the two sides' entities and countries (Store::pair_frames) up to the
// last date the page needs: the cost of a page, not of every frame of the
// side with fewer. False (and `page` empty) when the sides share an entity
// or a country, or name so many that there are more than kMaxTimelinePairs
// pairs: then only load_dyad gives the answer.
struct TimelinePage {
  std::deque<EventRow> firsts;   // the first frame of each happening read (Happening::first points here)
  std::vector<Happening> shown;  // the page
  bool more = false;             // happenings follow the page
};
inline constexpr size_t kMaxTimelinePairs = 16;
Result<bool> timeline_page(Store& store, const Dyad& sides, const std::string& from, const std::string& to,
                           int64_t offset, int64_t limit, TimelinePage& page);

// The relationship over the period (`dossier X Y`).
struct Dossier {
  std::map<std::pair<std::string, std::string>, int> by_type_year;  // (year, code) -> frames
  std::vector<std::pair<std::string, int>> people_x, people_y;        // most active first (top 10)
  std::map<std::string, std::map<std::string, int>> topics_by_year;  // year -> topic -> documents
  std::vector<const EventRow*> agreements;                           // code 057
  size_t documents = 0;
};
Result<Dossier> dossier(Store& store, const Dyad& dyad);

// JSON objects (the CLI's --json lines and the API's array items).
std::string actor_json(const EventRow::Actor& a);
std::string event_json(const EventRow& r);
std::string happening_json(const Happening& h);
std::string dossier_json(const Dyad& dyad, const Dossier& d);

}  // namespace ng
