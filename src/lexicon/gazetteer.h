// Place names derived from ICU/CLDR and iso-codes, not retyped: every
// country and territory (ISO 3166-1), every time zone exemplar city and every
// ISO 3166-2 subdivision (provinces, states), named in each of the configured
// languages (subdivisions as written locally, without diacritics, and as
// iso-codes translates them), plus the fused inflected forms each language
// writes (German and Swedish genitive "Russlands", "Rysslands"; Russian case
// endings "России", "Россией", "Вьетнама"). Clitics written apart ("Russia's")
// are not forms: the tokenizer separates them.
//
// Built once, immutable afterwards: lookups may run on many threads.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/status.h"

namespace ng {

enum class PlaceKind { kCountry, kCity, kRegion };

struct Place {
  PlaceKind kind = PlaceKind::kCountry;
  std::string id;       // countries: ISO 3166-1 alpha-3 ("VNM"); cities: CLDR's canonical zone id ("Asia/Saigon"),
                        // or "place:" + English name for data/places ("place:Hanoi"); regions: "iso:" +
                        // ISO 3166-2 code ("iso:US-CA", "iso:VN-13")
  std::string country;  // alpha-3 of the country (itself for a country); empty when ICU gives none
  std::string name;     // English name: the canonical label
};

struct PlaceName {
  uint32_t place = 0;  // index into Gazetteer::places()
  std::string lang;    // language whose CLDR data gave the name
  bool inflected = false;  // a derived case form, not the name itself
};

struct GazetteerOptions {
  // Languages whose CLDR names are loaded. Empty: kDefaultLanguages.
  std::vector<std::string> languages;
  bool cities = true;  // time zone exemplar cities
  // When set, also the team's list of places CLDR lacks (data/places/*.tsv:
  // capitals and large cities that are not exemplar cities).
  std::string data_dir;
  // Debian's iso-codes: its JSON (ISO 3166-1 names such as "Viet Nam" beside
  // CLDR's, and the ~5,000 ISO 3166-2 provinces, states and regions) and the
  // gettext catalogues translating them (iso_3166-2.mo: Kalifornien,
  // Калифорния). Skipped when absent; empty = no iso-codes.
  std::string iso_codes_dir = "/usr/share/iso-codes/json";
  std::string locale_dir = "/usr/share/locale";
};

// The languages loaded by default: the full-quality ones and the major
// languages of the news (CLDR has names for all of them).
extern const std::vector<std::string> kDefaultLanguages;

class Gazetteer {
 public:
  // Errors: ICU data missing; with data_dir, a malformed data/places line.
  static Result<std::unique_ptr<Gazetteer>> build(const GazetteerOptions& options = {});

  // Every place named exactly `surface` (NFC, case-sensitive) in any loaded
  // language; empty when none.
  std::vector<PlaceName> find(std::string_view surface) const;

  // Whether some name begins with code point `c` (lets a scan of text
  // without spaces skip most positions).
  bool starts_a_name(int32_t c) const { return first_chars_.count(c) > 0; }

  const std::vector<Place>& places() const { return places_; }
  // Every (surface, name) pair, for indexes built on top (unordered).
  const std::unordered_multimap<std::string, PlaceName>& all_names() const { return by_surface_; }
  size_t names() const { return by_surface_.size(); }

 private:
  Gazetteer() = default;
  void add(std::string surface, uint32_t place, const std::string& lang, bool inflected);

  std::vector<Place> places_;
  std::unordered_multimap<std::string, PlaceName> by_surface_;
  std::unordered_set<int32_t> first_chars_;
};

// The fused case forms of a one-word place name in `lang` (ISO 639-1), by
// rule; empty for languages that write none and for names the rules leave
// alone (several words; Russian names ending in a vowel that do not decline).
std::vector<std::string> inflected_forms(std::string_view name, std::string_view lang);

}  // namespace ng
