#include "lexicon/gazetteer.h"

#include <simdjson.h>
#include <unicode/locdspnm.h>
#include <unicode/translit.h>
#include <unicode/locid.h>
#include <unicode/strenum.h>
#include <unicode/timezone.h>
#include <unicode/tznames.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <fstream>
#include <iterator>
#include <map>
#include <unordered_map>
#include <unordered_set>

#include "lexicon/tsv.h"

namespace ng {

const std::vector<std::string> kDefaultLanguages = {
    "de", "en", "fr", "es", "id", "sv", "vi", "ru",  // full quality
    "ar", "cs", "da", "el", "fa", "fi", "he", "hi", "hu", "it", "ja", "ko", "ms", "nb", "nl",
    "pl", "pt", "ro", "sk", "th", "tr", "uk", "zh", "zh_Hant"};

namespace {

// A gettext catalogue (.mo): msgid -> msgstr. Empty when absent or malformed
// (a translation we cannot read is a translation we do not have).
std::unordered_map<std::string, std::string> read_mo(const std::string& path) {
  std::unordered_map<std::string, std::string> out;
  std::ifstream in(path, std::ios::binary);
  if (!in) return out;
  std::string b((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto u32 = [&](size_t at, bool swap) -> uint32_t {
    if (at + 4 > b.size()) return 0;
    uint32_t v;
    std::memcpy(&v, b.data() + at, 4);
    return swap ? __builtin_bswap32(v) : v;
  };
  uint32_t magic = u32(0, false);
  bool swap = magic == 0xde120495u;
  if (magic != 0x950412deu && !swap) return out;
  uint32_t n = u32(8, swap), orig = u32(12, swap), trans = u32(16, swap);
  auto str = [&](uint32_t table, uint32_t i, std::string& s) {
    uint32_t len = u32(table + 8 * i, swap), off = u32(table + 8 * i + 4, swap);
    if (static_cast<size_t>(off) + len > b.size()) return false;
    s.assign(b.data() + off, len);
    return true;
  };
  for (uint32_t i = 0; i < n; ++i) {
    std::string k, v;
    if (str(orig, i, k) && str(trans, i, v) && !k.empty() && !v.empty()) out.emplace(std::move(k), std::move(v));
  }
  return out;
}

// Subdivision names that are also ordinary words ("Central", "Nord") would
// turn capitalised words into places: left out.
bool generic_region_name(const std::string& name) {
  static const std::unordered_set<std::string> kGeneric = {
      "central", "centre", "center", "north", "south", "east", "west", "northern", "southern", "eastern", "western",
      "capital", "coast", "island", "islands", "upper", "lower", "greater", "interior", "federal", "national", "city",
      "special", "district", "region", "sea", "lake", "lakes", "river", "mountain", "mountains", "valley", "plateau",
      "plateaux", "highlands", "lowlands", "littoral", "nord", "sud", "est", "ouest", "norte", "sur", "centro", "mitte",
      "grand", "santa", "san", "saint", "la", "le", "el", "al", "de"};
  // Short one-word names ("Van", "Goa") are also syllables of people's names.
  if (name.size() < 4 || name.find_first_of(",()/[]") != std::string::npos) return true;
  std::string lower;
  for (char c : name) lower += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return kGeneric.count(lower) > 0;
}

std::string utf8(const icu::UnicodeString& u) {
  std::string s;
  u.toUTF8String(s);
  return s;
}

bool one_word(const icu::UnicodeString& u) {
  for (int32_t i = 0; i < u.length(); ++i) {
    UChar c = u.charAt(i);
    if (c == ' ' || c == '-' || c == 0x00A0) return false;
  }
  return u.length() >= 2;
}

// Russian: the endings of the oblique cases (genitive, dative, accusative,
// instrumental, prepositional) for the declension a name's ending implies.
std::vector<std::string> russian_forms(const icu::UnicodeString& u) {
  std::vector<std::string> out;
  const int32_t n = u.length();
  UChar last = u.charAt(n - 1);
  UChar before = u.charAt(n - 2);
  auto with = [&](int32_t cut, std::initializer_list<const char*> endings) {
    icu::UnicodeString stem = u.tempSubString(0, n - cut);
    for (const char* e : endings) out.push_back(utf8(stem) + e);
  };
  // After г, к, х, ж, ш, щ, ч the genitive of -а is -и, not -ы.
  auto soft_after = [](UChar c) {
    return c == u'г' || c == u'к' || c == u'х' || c == u'ж' || c == u'ш' || c == u'щ' || c == u'ч';
  };
  if (last == u'я') {
    if (before == u'и') with(1, {"и", "ю", "ей"});  // Россия -> России, Россию, Россией
    else with(1, {"и", "е", "ю", "ей"});            // Гвинея -> Гвинеи, Гвинее, Гвинею, Гвинеей
  } else if (last == u'а') {
    with(1, {soft_after(before) ? "и" : "ы", "е", "у", "ой"});  // Москва -> Москвы, Москве, Москву, Москвой
  } else if (last == u'й') {
    with(1, {"я", "ю", "ем", "е"});  // Китай -> Китая, Китаю, Китаем, Китае
  } else if (last == u'ь') {
    with(1, {"я", "ю", "ем", "е"});
  } else if (u_hasBinaryProperty(last, UCHAR_ALPHABETIC) && u_getIntPropertyValue(last, UCHAR_SCRIPT) == USCRIPT_CYRILLIC &&
             std::u16string_view(u"аеёиоуыэюя").find(static_cast<char16_t>(last)) == std::u16string_view::npos) {
    with(0, {"а", "у", "ом", "е"});  // Вьетнам -> Вьетнама, Вьетнаму, Вьетнамом, Вьетнаме
  }
  // Other vowel endings (Того, Чили, Перу) do not decline.
  return out;
}

// A region's full and short names ("United States", "US") in one language.
void add_region_names(const icu::LocaleDisplayNames& full, const icu::LocaleDisplayNames& shorter,
                      const char* region, std::vector<icu::UnicodeString>& out) {
  icu::UnicodeString a, b;
  full.regionDisplayName(region, a);
  shorter.regionDisplayName(region, b);
  for (const auto& name : {a, b}) {
    if (name.isEmpty()) continue;
    if (std::find(out.begin(), out.end(), name) == out.end()) out.push_back(name);
  }
}

}  // namespace

// Polish case forms of a one-word place name: genitive, dative/locative,
// instrumental, accusative ("Rzym": Rzymu, Rzymie, Rzymem; "Madryt":
// Madrytu, Madrycie; "Warszawa": Warszawy, Warszawie, Warszawą, Warszawę;
// "Hiszpania": Hiszpanii, Hiszpanią, Hiszpanię; "Ameryka": Ameryki, Ameryce).
// The locative softens the stem's last consonant (t→cie, d→dzie, r→rze,
// ł→le, k→ce for feminines). Plurals ("Niemcy", "Włochy") and neuters are
// irregular and left out.
std::vector<std::string> polish_forms(const icu::UnicodeString& u) {
  std::vector<std::string> out;
  const int32_t n = u.length();
  if (n < 3) return out;
  UChar last = u.charAt(n - 1);
  auto ends = [&](const char16_t* e) { return u.endsWith(icu::UnicodeString(e)); };
  auto with = [&](int32_t cut, std::initializer_list<const char*> endings) {
    icu::UnicodeString stem = u.tempSubString(0, n - cut);
    for (const char* e : endings) out.push_back(utf8(stem) + e);
  };
  // The locative of a hard stem: its last consonant softened, then -e/-ie.
  auto soft_locative = [&](UChar c) -> const char* {
    switch (c) {
      case u't':
        return "cie";
      case u'd':
        return "dzie";
      case u'r':
        return "rze";
      case u'ł':
        return "le";
      case u'n':
        return "nie";
      case u'm':
        return "mie";
      case u'w':
        return "wie";
      case u'p':
        return "pie";
      case u'b':
        return "bie";
      case u's':
        return "sie";
      case u'z':
        return "zie";
      case u'f':
        return "fie";
      default:
        return nullptr;
    }
  };
  if (ends(u"ia") || ends(u"ja")) {
    with(1, {"i", "ą", "ę"});  // Hiszpanii, Rosji
  } else if (ends(u"ka")) {
    with(2, {"ki", "ce", "ką", "kę"});  // Ameryki, Ameryce, Polski, Polsce
  } else if (ends(u"ga")) {
    with(2, {"gi", "dze", "gą", "gę"});  // Pragi, Pradze
  } else if (last == u'a') {
    UChar c = u.charAt(n - 2);
    const char* loc = soft_locative(c);
    with(1, {"y", "ą", "ę"});  // Warszawy, Warszawą, Warszawę
    if (loc) with(2, {loc});   // Warszawie
  } else if (u_isalpha(last) && last != u'o' && last != u'e' && last != u'i' && last != u'y' && last != u'u') {
    // Masculine, ending in a consonant: Rzymu, Rzymem, Rzymie; Londynu, Londynie.
    bool velar = last == u'k' || last == u'g';
    with(0, {"u", velar ? "iem" : "em"});
    if (const char* loc = soft_locative(last))
      with(1, {loc});
    else if (velar || ends(u"ch"))
      with(0, {"u"});
  }
  return out;
}

std::vector<std::string> inflected_forms(std::string_view name, std::string_view lang) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(name.data(), static_cast<int32_t>(name.size())));
  if (!one_word(u)) return {};
  const UChar last = u.charAt(u.length() - 1);
  if (lang == "de") {
    // Genitive -s: Russlands, Vietnams (not after s, ß, x, z).
    if (last == 's' || last == u'ß' || last == 'x' || last == 'z') return {};
    return {std::string(name) + "s"};
  }
  if (lang == "sv" || lang == "da" || lang == "nb" || lang == "no") {
    // Genitive -s (Rysslands, Ruslands, Sveriges); after an abbreviation
    // ":s" in Swedish (USA:s), "'s" in Danish and Norwegian (USA's).
    if (last == 's' || last == 'x' || last == 'z') return {};
    bool caps = true;
    for (int32_t i = 0; i < u.length(); ++i) caps = caps && u_isupper(u.charAt(i));
    return {std::string(name) + (caps ? (lang == "sv" ? ":s" : "'s") : "s")};
  }
  if (lang == "ru" || lang == "uk") {
    if (lang == "uk") return {};  // Ukrainian declension differs; not derived yet
    return russian_forms(u);
  }
  if (lang == "pl") return polish_forms(u);
  return {};
}

void Gazetteer::add(std::string surface, uint32_t place, const std::string& lang, bool inflected) {
  auto range = by_surface_.equal_range(surface);
  for (auto it = range.first; it != range.second; ++it) {
    if (it->second.place == place) return;  // the same name in another language
  }
  int32_t i = 0;
  UChar32 c;
  U8_NEXT(reinterpret_cast<const uint8_t*>(surface.data()), i, static_cast<int32_t>(surface.size()), c);
  if (c >= 0) first_chars_.insert(c);
  by_surface_.emplace(std::move(surface), PlaceName{place, lang, inflected});
}

Result<std::unique_ptr<Gazetteer>> Gazetteer::build(const GazetteerOptions& options) {
  const std::vector<std::string>& langs = options.languages.empty() ? kDefaultLanguages : options.languages;
  std::unique_ptr<Gazetteer> g(new Gazetteer());
  icu::Locale english("en");

  // Countries and territories.
  std::unordered_map<std::string, uint32_t> country_index;  // alpha-2 -> place
  for (const char* const* c = icu::Locale::getISOCountries(); *c; ++c) {
    icu::Locale region("", *c);
    std::string alpha3 = region.getISO3Country();
    if (alpha3.empty()) continue;
    icu::UnicodeString en;
    region.getDisplayCountry(english, en);
    Place p;
    p.kind = PlaceKind::kCountry;
    p.id = alpha3;
    p.country = alpha3;
    p.name = utf8(en);
    country_index[*c] = static_cast<uint32_t>(g->places_.size());
    g->places_.push_back(std::move(p));
  }
  // World regions (UN M.49 codes, which CLDR names like territories:
  // "Southeast Asia", "Südostasien", "Đông Nam Á", "Latin America"): places
  // of no country. Not the continents themselves ("Asia", "Europe": the news
  // corpora's gold leaves them out, most often in "Asia-Pacific" or
  // "Europe's"), nor 001 (World), nor the unions and zones (EU, UN).
  static const char* const kM49[] = {"005", "011", "013", "014", "015", "017", "018", "021", "029", "030", "034",
                                     "035", "039", "053", "143", "145", "151", "154", "155", "202", "419"};
  std::vector<std::pair<std::string, uint32_t>> m49_index;
  for (const char* code : kM49) {
    icu::UnicodeString en;
    icu::Locale("", code).getDisplayCountry(english, en);
    if (en.isEmpty() || en == icu::UnicodeString(code)) continue;
    Place p;
    p.kind = PlaceKind::kRegion;
    p.id = std::string("m49:") + code;
    p.name = utf8(en);
    m49_index.emplace_back(code, static_cast<uint32_t>(g->places_.size()));
    g->places_.push_back(std::move(p));
  }
  for (const std::string& lang : langs) {
    icu::Locale locale(lang.c_str());
    // NO_SUBSTITUTE: nothing (not the code) when CLDR has no name.
    UDisplayContext full_ctx[] = {UDISPCTX_LENGTH_FULL, UDISPCTX_NO_SUBSTITUTE};
    UDisplayContext short_ctx[] = {UDISPCTX_LENGTH_SHORT, UDISPCTX_NO_SUBSTITUTE};
    std::unique_ptr<icu::LocaleDisplayNames> full(icu::LocaleDisplayNames::createInstance(locale, full_ctx, 2));
    std::unique_ptr<icu::LocaleDisplayNames> shorter(icu::LocaleDisplayNames::createInstance(locale, short_ctx, 2));
    if (!full || !shorter) return Status::internal("ICU has no display names for language '" + lang + "'");
    for (const auto& [alpha2, index] : country_index) {
      std::vector<icu::UnicodeString> names;
      add_region_names(*full, *shorter, alpha2.c_str(), names);
      for (const auto& name : names) {
        std::string s = utf8(name);
        for (std::string& form : inflected_forms(s, lang)) g->add(std::move(form), index, lang, true);
        g->add(std::move(s), index, lang, false);
      }
    }
    for (const auto& [code, index] : m49_index) {
      // The full name only, of three characters at least: shorter ones
      // collide ("中美", Central America in Traditional Chinese, is China-US
      // in the news).
      icu::UnicodeString name;
      full->regionDisplayName(code.c_str(), name);
      if (name.countChar32() >= 3) {
        std::string s = utf8(name);
        if (s == code) continue;
        for (std::string& form : inflected_forms(s, lang)) g->add(std::move(form), index, lang, true);
        g->add(std::move(s), index, lang, false);
      }
    }
  }

  // iso-codes: the English names CLDR lacks ("Viet Nam", "Russian Federation").
  if (!options.iso_codes_dir.empty()) {
    simdjson::dom::parser parser;
    simdjson::dom::element root;
    if (parser.load(options.iso_codes_dir + "/iso_3166-1.json").get(root) == simdjson::SUCCESS) {
      simdjson::dom::array list;
      if (root["3166-1"].get(list) == simdjson::SUCCESS) {
        for (simdjson::dom::element c : list) {
          std::string_view a2;
          if (c["alpha_2"].get(a2) != simdjson::SUCCESS) continue;
          auto it = country_index.find(std::string(a2));
          if (it == country_index.end()) continue;
          for (const char* field : {"name", "common_name", "official_name"}) {
            std::string_view v;
            if (c[field].get(v) == simdjson::SUCCESS && v.find(',') == std::string_view::npos) {
              g->add(std::string(v), it->second, "en", false);
            }
          }
        }
      }
    }
  }

  // Cities: the exemplar location of every canonical time zone.
  if (options.cities) {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::StringEnumeration> zones(
        icu::TimeZone::createTimeZoneIDEnumeration(UCAL_ZONE_TYPE_CANONICAL_LOCATION, nullptr, nullptr, status));
    if (U_FAILURE(status) || !zones) return Status::internal(std::string("ICU time zones: ") + u_errorName(status));
    std::vector<icu::UnicodeString> ids;
    for (const icu::UnicodeString* id = zones->snext(status); id && U_SUCCESS(status); id = zones->snext(status)) {
      icu::UnicodeString canonical;
      UBool system = false;
      UErrorCode s2 = U_ZERO_ERROR;
      // CLDR's canonical id (Asia/Saigon for Asia/Ho_Chi_Minh) is the one
      // its exemplar names are filed under.
      icu::TimeZone::getCanonicalID(*id, canonical, system, s2);
      ids.push_back(U_SUCCESS(s2) ? canonical : *id);
    }
    std::unique_ptr<icu::TimeZoneNames> en_names(icu::TimeZoneNames::createInstance(english, status));
    if (U_FAILURE(status)) return Status::internal(std::string("ICU time zone names: ") + u_errorName(status));
    std::vector<uint32_t> city_index;
    for (const auto& id : ids) {
      Place p;
      p.kind = PlaceKind::kCity;
      p.id = utf8(id);
      char region[8] = {0};
      UErrorCode s3 = U_ZERO_ERROR;
      icu::TimeZone::getRegion(id, region, sizeof region, s3);
      if (U_SUCCESS(s3)) {
        if (auto it = country_index.find(region); it != country_index.end()) p.country = g->places_[it->second].id;
      }
      icu::UnicodeString en;
      en_names->getExemplarLocationName(id, en);
      p.name = utf8(en);
      city_index.push_back(static_cast<uint32_t>(g->places_.size()));
      g->places_.push_back(std::move(p));
    }
    for (const std::string& lang : langs) {
      UErrorCode s4 = U_ZERO_ERROR;
      std::unique_ptr<icu::TimeZoneNames> names(icu::TimeZoneNames::createInstance(icu::Locale(lang.c_str()), s4));
      if (U_FAILURE(s4)) continue;
      for (size_t i = 0; i < ids.size(); ++i) {
        icu::UnicodeString name;
        names->getExemplarLocationName(ids[i], name);
        if (name.isEmpty()) continue;
        std::string s = utf8(name);
        for (std::string& form : inflected_forms(s, lang)) g->add(std::move(form), city_index[i], lang, true);
        g->add(std::move(s), city_index[i], lang, false);
      }
    }
  }
  // Regions: ISO 3166-2 subdivisions from iso-codes, as written locally
  // ("Quảng Ninh"), without diacritics ("Quang Ninh") and translated by its
  // catalogues. A name that already names a country or city keeps that.
  if (!options.iso_codes_dir.empty()) {
    simdjson::dom::parser parser;
    simdjson::dom::element root;
    simdjson::dom::array list;
    if (parser.load(options.iso_codes_dir + "/iso_3166-2.json").get(root) == simdjson::SUCCESS &&
        root["3166-2"].get(list) == simdjson::SUCCESS) {
      UErrorCode status = U_ZERO_ERROR;
      std::unique_ptr<icu::Transliterator> to_ascii(
          icu::Transliterator::createInstance("Latin-ASCII", UTRANS_FORWARD, status));
      std::vector<std::pair<std::string, uint32_t>> regions;  // English (catalogue) name, place
      for (simdjson::dom::element r : list) {
        std::string_view code, name;
        if (r["code"].get(code) != simdjson::SUCCESS || r["name"].get(name) != simdjson::SUCCESS) continue;
        std::string n(name);
        if (generic_region_name(n)) continue;
        Place p;
        p.kind = PlaceKind::kRegion;
        p.id = "iso:" + std::string(code);
        if (auto it = country_index.find(std::string(code.substr(0, 2))); it != country_index.end()) {
          p.country = g->places_[it->second].id;
        }
        p.name = n;
        uint32_t index = static_cast<uint32_t>(g->places_.size());
        g->places_.push_back(std::move(p));
        regions.emplace_back(n, index);
        auto add_new = [&](const std::string& surface, const std::string& lang) {
          if (generic_region_name(surface) || g->by_surface_.count(surface)) return;
          for (std::string& form : inflected_forms(surface, lang)) g->add(std::move(form), index, lang, true);
          g->add(surface, index, lang, false);
        };
        add_new(n, "mul");
        if (to_ascii && U_SUCCESS(status)) {
          icu::UnicodeString u = icu::UnicodeString::fromUTF8(n);
          to_ascii->transliterate(u);
          std::string ascii = utf8(u);
          if (ascii != n) add_new(ascii, "mul");
        }
      }
      // Chinese: the short form of a province or city of China, Taiwan, Hong
      // Kong or Macau without its administrative suffix (广东省 -> 广东,
      // 广西壮族自治区 -> 广西), and every Chinese form also in traditional
      // characters (ICU Simplified-Traditional: 广东 -> 廣東; iso-codes has
      // no Taiwanese catalogue for these).
      std::unique_ptr<icu::Transliterator> to_hant(
          icu::Transliterator::createInstance("Simplified-Traditional", UTRANS_FORWARD, status));
      auto chinese_forms = [&](const std::string& name, const std::string& id) {
        std::vector<std::string> forms = {name};
        const bool chinese_region = id.starts_with("iso:CN-") || id.starts_with("iso:TW-") ||
                                    id.starts_with("iso:HK") || id.starts_with("iso:MO");
        static const char* const kSuffixes[] = {"维吾尔自治区", "壮族自治区", "回族自治区", "特别行政区",
                                                "自治区", "省", "市"};
        for (const char* suffix : kSuffixes) {
          if (!chinese_region || !name.ends_with(suffix)) continue;
          std::string stem = name.substr(0, name.size() - std::strlen(suffix));
          if (icu::UnicodeString::fromUTF8(stem).countChar32() >= 2) forms.push_back(stem);
          break;
        }
        for (size_t k = 0, n = forms.size(); k < n && to_hant; ++k) {
          icu::UnicodeString u = icu::UnicodeString::fromUTF8(forms[k]);
          to_hant->transliterate(u);
          if (std::string t = utf8(u); t != forms[k]) forms.push_back(t);
        }
        return forms;
      };
      for (const std::string& lang : langs) {
        // gettext's locale folders for the languages whose names differ.
        static const std::map<std::string, std::string> kLocaleDir = {
            {"zh", "zh_CN"}, {"zh_Hant", "zh_TW"}, {"pt", "pt_BR"}, {"nb", "nb_NO"}};
        auto dir = kLocaleDir.find(lang);
        auto mo = read_mo(options.locale_dir + "/" + (dir != kLocaleDir.end() ? dir->second : lang) +
                          "/LC_MESSAGES/iso_3166-2.mo");
        if (mo.empty()) continue;
        for (const auto& [en, index] : regions) {
          auto it = mo.find(en);
          if (it == mo.end() || it->second == en || generic_region_name(it->second)) continue;
          // In scripts without spaces a two-character name is found inside
          // other words (中央 "central", 伯恩 of 伯恩斯): three at least.
          bool cjk = lang == "zh" || lang == "zh_Hant" || lang == "ja" || lang == "ko";
          if (cjk && icu::UnicodeString::fromUTF8(it->second).countChar32() < 3) continue;
          if (lang == "zh") {
            for (const std::string& form : chinese_forms(it->second, g->places_[index].id)) {
              if (!g->by_surface_.count(form)) g->add(form, index, "zh", false);
            }
            continue;
          }
          if (g->by_surface_.count(it->second)) continue;
          for (std::string& form : inflected_forms(it->second, lang)) g->add(std::move(form), index, lang, true);
          g->add(it->second, index, lang, false);
        }
      }
    }
  }

  if (!options.data_dir.empty()) {
    auto files = load_resource(options.data_dir, "places", 3, 4);
    if (!files) return files.status();
    for (const auto& file : *files) {
      for (const auto& row : file.rows) {
        const std::string& surface = row.fields[0];
        const std::string& canonical = row.fields[1];
        const std::string& country = row.fields[2];
        std::string lang = row.fields.size() > 3 ? row.fields[3] : "";
        // The same city as an exemplar city (Moscow) keeps that place; a
        // canonical that is a place id ("iso:SY-HL", the governorate iso-codes
        // names after Aleppo) adds the surface to that place.
        const bool by_id = canonical.rfind("iso:", 0) == 0 || canonical.rfind("place:", 0) == 0;
        uint32_t index = static_cast<uint32_t>(g->places_.size());
        for (uint32_t k = 0; k < g->places_.size(); ++k) {
          const Place& p = g->places_[k];
          if (by_id) {
            if (p.id == canonical) {
              index = k;
              break;
            }
            continue;
          }
          if (p.kind == PlaceKind::kCity && p.name == canonical && (p.country == country || p.country.empty())) {
            index = k;
            break;
          }
          // Another name of a country ("U.S.", "КНР") joins the country.
          if (p.kind == PlaceKind::kCountry && p.name == canonical && p.id == country) {
            index = k;
            break;
          }
          if (p.id == "place:" + canonical) {
            index = k;
            break;
          }
        }
        if (index == g->places_.size() && by_id) {
          // (iso-codes absent or not asked for: the row has no place to join)
          bool have_iso = std::any_of(g->places_.begin(), g->places_.end(),
                                      [](const Place& p) { return p.id.rfind("iso:", 0) == 0; });
          if (have_iso || canonical.rfind("iso:", 0) != 0) {
            return Status::invalid(file.path + ":" + std::to_string(row.line) + ": no place " + canonical);
          }
          continue;
        }
        if (index == g->places_.size()) {
          Place p;
          p.kind = PlaceKind::kCity;
          p.id = "place:" + canonical;
          p.country = country;
          p.name = canonical;
          g->places_.push_back(std::move(p));
        }
        for (std::string& form : inflected_forms(surface, lang)) g->add(std::move(form), index, lang, true);
        g->add(surface, index, lang.empty() ? "mul" : lang, false);
      }
    }
  }
  return g;
}

std::vector<PlaceName> Gazetteer::find(std::string_view surface) const {
  std::vector<PlaceName> out;
  auto range = by_surface_.equal_range(std::string(surface));
  for (auto it = range.first; it != range.second; ++it) out.push_back(it->second);
  return out;
}

}  // namespace ng
