#include "extract/mentions.h"

#include <unicode/dtfmtsym.h>
#include <unicode/locid.h>
#include <unicode/reldatefmt.h>
#include <unicode/strenum.h>
#include <unicode/tznames.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <filesystem>
#include <map>
#include <set>
#include <unordered_map>

#include "lexicon/gazetteer.h"
#include "lexicon/fold.h"
#include "lexicon/roles.h"
#include "lexicon/tsv.h"

namespace ng {
namespace {

constexpr size_t kMaxNameWords = 5;

UChar32 first_cp(std::string_view s) {
  int32_t i = 0;
  UChar32 c;
  U8_NEXT(reinterpret_cast<const uint8_t*>(s.data()), i, static_cast<int32_t>(s.size()), c);
  return c;
}

bool capitalised(std::string_view w) {
  UChar32 c = first_cp(w);
  return c > 0 && (u_isupper(c) || u_istitle(c));
}

// Where a clitic joined by an apostrophe begins in a word, or 0: "Trump's",
// "Putin’s", Turkish "Soylu’dan", "Kahramanmaraş'ın" (an apostrophe followed
// by one to five lower-case letters to the end). "O'Brien", "l'Élysée" and
// "Xi'an"-like names with a capital or a long tail are left alone.
size_t clitic_at(std::string_view w) {
  // (Swedish, Danish and Finnish put a colon before the ending of an
  // abbreviation: "USA:s", "EU:n".)
  for (std::string_view apo : {"'", "\xE2\x80\x99", ":"}) {
    size_t at = w.rfind(apo);
    if (at == std::string_view::npos || at == 0) continue;
    std::string_view tail = w.substr(at + apo.size());
    if (tail.empty() || tail.size() > 10) continue;
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(tail.data(), static_cast<int32_t>(tail.size())));
    if (u.countChar32() > 5) continue;
    bool lower = true;
    for (int32_t i = 0; i < u.length() && lower;) {
      UChar32 c = u.char32At(i);
      lower = u_islower(c);
      i += U16_LENGTH(c);
    }
    if (lower) return at;
  }
  return 0;
}

// "SAN FRANCISCO" -> "San Francisco" (to look an all-caps name up).
std::string title_case(std::string_view w) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(w.data(), static_cast<int32_t>(w.size())));
  u.toTitle(nullptr);
  std::string out;
  u.toUTF8String(out);
  return out;
}

// A regnal or ordinal Roman numeral ("Leo XIV", "Felipe VI", "Giovanni
// Paolo II"): part of the name before it, never an acronym.
bool roman_numeral(std::string_view w) {
  if (w.empty() || w.size() > 6) return false;
  for (char c : w) {
    if (c != 'I' && c != 'V' && c != 'X' && c != 'L') return false;
  }
  return true;
}

bool acronym(std::string_view w) {
  if (roman_numeral(w)) return false;
  int upper = 0, digits = 0;
  const auto* p = reinterpret_cast<const uint8_t*>(w.data());
  const auto n = static_cast<int32_t>(w.size());
  for (int32_t i = 0; i < n;) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (u_isupper(c)) ++upper;
    else if (u_isdigit(c)) ++digits;
    else return false;
  }
  return (upper >= 2 && w.size() <= 12) || (upper >= 1 && digits >= 1 && w.size() <= 6);  // NATO, G20
}

// Words that may stand inside a name between capitalised words.
bool connector(std::string_view w) {
  // Not German articles (der, des, das): they join nouns far more often
  // than names; "von der Leyen" is taken care of by "von".
  // Not conjunctions ("Biden and Xi" are two names).
  static const std::set<std::string_view> kWords = {"von", "van", "de", "del", "da", "di", "bin", "al",
                                                    "la", "le", "du", "dos", "of"};
  return kWords.count(w) > 0;
}

// Conjunctions inside organisation names ("National Seismic Monitoring and
// Alert Network", "Center for Strategic and International Studies"): they
// join a run, which is cut there again unless it names an organisation
// ("Biden and Xi" are two names).
bool joiner(std::string_view lang, std::string_view w) {
  return lang == "en" && (w == "and" || w == "for");
}

// Capitalised function words that begin sentences; not part of a name there.
bool sentence_word(std::string_view w) {
  static const std::set<std::string_view> kWords = {
      "The", "A", "An", "In", "On", "At", "For", "But", "And", "After", "He", "She", "It", "They", "This",
      "Der", "Die", "Das", "Den", "Dem", "Ein", "Eine", "Im", "Am", "Nach", "Auch", "Er", "Sie", "Es",
      "Le", "La", "Les", "Un", "Une", "Il", "Elle", "Selon", "El", "Los", "Las", "En", "Según",
      "Det", "Den", "Enligt", "Han", "Hon", "På", "Pada", "Di", "Dalam", "Menurut", "Ia", "Dia",
      "В", "На", "По", "Он", "Она", "Это", "Tại", "Theo", "Ngày", "Sáng", "Chiều", "Tối",
      // bylines and credits: "By Kyle Feldscher", "Von Anna Weber", "Par", "Por", "Av", "Oleh"
      "By", "From", "Von", "Par", "Por", "Av", "Oleh",
      // conjunctions and articles opening a sentence: "Pero Messi...", "Mais Macron..."
      "Pero", "Y", "Mais", "Et", "Ma", "E", "Mas", "Aber", "Und", "Men", "Och", "Tetapi", "Но", "Ale",
      "Il", "Lo", "Gli", "Os", "As"};
  return kWords.count(w) > 0;
}

// Prepositions after which a capitalised name is a place ("in Hanoi", "tại
// Hà Nội", "в Ханое"): the closed class that marks location in each
// full-quality language.
bool locative(std::string_view lang, std::string_view w) {
  static const std::map<std::string_view, std::set<std::string_view>> kWords = {
      {"en", {"in", "at", "from", "to", "near"}},
      {"de", {"in", "nach", "aus", "bei"}},
      {"fr", {"à", "en", "depuis", "vers"}},
      {"es", {"en", "desde", "hacia"}},
      {"id", {"di", "ke", "dari"}},
      {"sv", {"i", "till", "från"}},
      // Vietnamese also names the kind of place before its name: cầu Bãi
      // Cháy (bridge), TP Hạ Long (city), tỉnh, huyện, sông, vịnh...
      {"vi", {"tại", "ở", "đến", "từ", "cầu", "TP", "tỉnh", "phố", "huyện", "quận", "phường", "xã", "sông", "núi",
              "biển", "vịnh", "đảo", "vùng", "miền", "đèo", "hồ", "đường"}},
      {"ru", {"в", "во", "из", "до"}},
  };
  auto it = kWords.find(lang);
  return it != kWords.end() && it->second.count(w) > 0;
}

// English adjectives of nationality ("Vietnamese", "Russian", "Swedish"):
// capitalised, but not names. Other languages write them in lower case.
bool nationality_adjective(std::string_view lang, std::string_view w) {
  if (lang != "en" || w.size() < 6) return false;
  for (std::string_view suffix : {"ese", "ian", "ish", "ean"}) {
    if (w.ends_with(suffix)) return true;
  }
  return false;
}

// German articles and determiners: the run after one is a noun phrase
// ("der Staatschefs", "mehrere Stunden"), not a person's name.
bool german_determiner(std::string_view w) {
  static const std::set<std::string_view> kWords = {
      "der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer", "eines", "kein", "keine",
      "keinen", "sein", "seine", "seinen", "seiner", "ihr", "ihre", "ihren", "ihrer", "dieser", "diese", "diesen",
      "dieses", "jeder", "jede", "jeden", "alle", "allen", "viele", "vielen", "mehrere", "einige", "beiden", "zwei",
      "drei", "vier", "zum", "zur", "im", "am", "vom", "beim", "ins"};
  return kWords.count(w) > 0;
}

// German words that are capitalised only when they open a sentence:
// determiners, prepositions, conjunctions ("Viele Experten", "Seit Ende").
bool german_function_word(std::string_view w) {
  static const std::set<std::string_view> kWords = {
      "seit", "durch", "zwischen", "aber", "mit", "für", "nach", "aus", "bei", "über", "unter", "vor", "gegen",
      "ohne", "um", "laut", "trotz", "wegen", "auch", "noch", "nur", "doch", "so", "wie", "wenn", "als", "weil",
      "dass", "auf", "an", "in", "von", "und", "oder", "denn", "dann", "hier", "dort", "heute", "gestern"};
  return german_determiner(w) || kWords.count(w) > 0;
}

// German numerals and quantity words that open noun phrases ("Vier Tage",
// "Tausende Menschen", "Ersten Berichten").
bool german_number(std::string_view w) {
  static const std::set<std::string_view> kWords = {
      "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun", "zehn", "zwölf", "hundert", "tausend",
      "hunderte", "tausende", "zehntausende", "dutzende", "viele", "mehrere", "einige", "erste", "ersten",
      "zweite", "letzte", "letzten", "neue", "neuen", "offizielle", "offiziellen", "alle", "beide", "beiden"};
  return kWords.count(w) > 0;
}

// Words that introduce a storm's name in the languages with full support
// (storm names are not annotated as entities).
bool storm_word(std::string_view w) {
  static const std::set<std::string_view> kWords = {
      "Typhoon", "typhoon", "Hurricane", "hurricane", "Cyclone", "cyclone", "Storm", "Taifun", "Super-Taifun",
      "Hurrikan", "Wirbelsturm", "Tropensturm", "typhon", "Typhon", "ouragan", "Ouragan", "tifón", "Tifón",
      "huracán", "Huracán", "bão", "Bão", "topan", "Topan", "badai", "tyfon", "Tyfon", "orkan", "Orkanen",
      "тайфун", "Тайфун", "ураган", "Ураган", "циклон"};
  return kWords.count(w) > 0;
}

// German abstract and collective noun endings: a run containing one is a
// phrase of capitalised nouns ("Bereichen Verteidigung"), not a name.
bool german_noun(std::string_view w) {
  for (std::string_view suffix : {"ung", "heit", "keit", "schaft", "tion", "ität", "ismus", "nis", "ungen"}) {
    if (w.size() > suffix.size() + 2 && w.ends_with(suffix)) return true;
  }
  return false;
}

// An all-caps word: a dateline place at the start of a report
// ("HANOI, April 14", "МОСКВА, 20 мая"), or an acronym elsewhere.
bool all_caps(std::string_view w) {
  const auto* p = reinterpret_cast<const uint8_t*>(w.data());
  const auto n = static_cast<int32_t>(w.size());
  int letters = 0;
  for (int32_t i = 0; i < n;) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (u_islower(c)) return false;
    letters += u_isalpha(c) ? 1 : 0;
  }
  return letters >= 3;
}

bool only_space_or_hyphen(std::string_view gap) {
  for (char c : gap) {
    if (c != ' ' && c != '\t' && c != '-') return false;
  }
  return true;
}

}  // namespace

struct MentionExtractor::Impl {
  std::shared_ptr<const Gazetteer> gazetteer;
  std::unique_ptr<RoleLexicon> roles, orgwords;
  // Month and weekday names (wide and abbreviated, from CLDR) of the default
  // languages: capitalised in many languages, never names of PER/ORG/LOC.
  std::set<std::string, std::less<>> calendar_words;
  std::set<std::string, std::less<>> org_names;  // data/orgs: NATO, Reuters, White House...
  // data/orgs names with a lower-case word ("katholische Kirche", "maison
  // Blanche"), which no capitalised run makes: found as phrases.
  std::vector<std::pair<std::string, std::string>> lowercase_org_names;
  std::map<std::string, std::string, std::less<>> org_canonical;  // data/orgs name -> its canonical name
  // Titles of the languages written without spaces (data/roles/zh.tsv,
  // ja.tsv), matched as substrings: title -> role key.
  std::map<std::string, std::map<std::string, std::string>> unspaced_titles;  // lang -> title -> role
  // Case-folded prefixes (4 to 8 letters) of one-word country names in every
  // loaded language -> the countries having them: finds the country of an
  // adjective beside a title ("Russian", "russischen", "российского").
  std::unordered_map<std::string, std::vector<std::string>> country_prefixes;
  std::set<UChar32> org_first_chars;
  std::unique_ptr<NerLexicon> ner_lexicon;  // borrows the lexicons above
  std::map<std::string, std::shared_ptr<const NerTagger>, std::less<>> taggers;
  std::map<std::string, std::string> tagger_sources;
  bool tagger_only = false;
};

MentionExtractor::MentionExtractor() : impl_(std::make_unique<Impl>()) {}
MentionExtractor::~MentionExtractor() = default;

Result<std::unique_ptr<MentionExtractor>> MentionExtractor::create(const MentionOptions& options) {
  std::unique_ptr<MentionExtractor> m(new MentionExtractor());
  for (const std::string& lang : kDefaultLanguages) {
    UErrorCode status = U_ZERO_ERROR;
    icu::DateFormatSymbols symbols(icu::Locale(lang.c_str()), status);
    if (U_FAILURE(status)) continue;
    for (auto context : {icu::DateFormatSymbols::FORMAT, icu::DateFormatSymbols::STANDALONE}) {
      for (auto width : {icu::DateFormatSymbols::WIDE, icu::DateFormatSymbols::ABBREVIATED}) {
        int32_t n = 0;
        const icu::UnicodeString* months = symbols.getMonths(n, context, width);
        for (int32_t i = 0; i < n; ++i) {
          std::string s;
          months[i].toUTF8String(s);
          if (!s.empty()) m->impl_->calendar_words.insert(s);
        }
        const icu::UnicodeString* days = symbols.getWeekdays(n, context, width);
        for (int32_t i = 0; i < n; ++i) {
          std::string s;
          days[i].toUTF8String(s);
          if (!s.empty()) m->impl_->calendar_words.insert(s);
        }
      }
    }
  }
  // "Yesterday", "Gestern", "Hier", "Вчера", "Hôm nay": CLDR's relative days
  // (and "now"), which start sentences but name nothing.
  for (const std::string& lang : kDefaultLanguages) {
    UErrorCode status = U_ZERO_ERROR;
    icu::RelativeDateTimeFormatter fmt(icu::Locale(lang.c_str()), status);
    if (U_FAILURE(status)) continue;
    auto add = [&](UDateDirection dir, UDateAbsoluteUnit unit) {
      UErrorCode st = U_ZERO_ERROR;
      icu::UnicodeString out;
      fmt.format(dir, unit, out, st);
      if (U_FAILURE(st) || out.isEmpty()) return;
      std::string s;
      out.toUTF8String(s);
      m->impl_->calendar_words.insert(s);
      icu::UnicodeString title = out;
      title.replace(0, 1, icu::UnicodeString(out.tempSubString(0, 1)).toUpper(icu::Locale(lang.c_str())));
      s.clear();
      title.toUTF8String(s);
      m->impl_->calendar_words.insert(s);
    };
    for (UDateDirection dir : {UDAT_DIRECTION_LAST_2, UDAT_DIRECTION_LAST, UDAT_DIRECTION_THIS, UDAT_DIRECTION_NEXT,
                               UDAT_DIRECTION_NEXT_2}) {
      add(dir, UDAT_ABSOLUTE_DAY);
    }
    add(UDAT_DIRECTION_PLAIN, UDAT_ABSOLUTE_NOW);
  }
  // Time zone abbreviations (GMT, HKT, MEZ, WIB...) from CLDR's metazone
  // names in the same languages: datelines carry them, they name nothing.
  for (const std::string& lang : kDefaultLanguages) {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::TimeZoneNames> names(icu::TimeZoneNames::createInstance(icu::Locale(lang.c_str()), status));
    if (U_FAILURE(status) || !names) continue;
    std::unique_ptr<icu::StringEnumeration> ids(names->getAvailableMetaZoneIDs(status));
    if (U_FAILURE(status) || !ids) continue;
    for (const icu::UnicodeString* id = ids->snext(status); id && U_SUCCESS(status); id = ids->snext(status)) {
      for (auto type : {UTZNM_SHORT_STANDARD, UTZNM_SHORT_DAYLIGHT, UTZNM_SHORT_GENERIC}) {
        icu::UnicodeString name;
        names->getMetaZoneDisplayName(*id, type, name);
        std::string s;
        name.toUTF8String(s);
        if (s.size() >= 2 && s.find_first_of("+-:0123456789 ") == std::string::npos) m->impl_->calendar_words.insert(s);
      }
    }
  }
  m->impl_->calendar_words.insert({"GMT", "UTC"});
  GazetteerOptions go;
  go.data_dir = options.data_dir.empty() ? default_data_dir() : options.data_dir;
  if (options.gazetteer) {
    m->impl_->gazetteer = options.gazetteer;
  } else {
    auto g = Gazetteer::build(go);
    if (!g) return g.status();
    m->impl_->gazetteer = std::move(*g);
  }
  for (const auto& [surface, name] : m->impl_->gazetteer->all_names()) {
    const Place& place = m->impl_->gazetteer->places()[name.place];
    if (place.kind != PlaceKind::kCountry || name.inflected || surface.find(' ') != std::string::npos) continue;
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(fold_case(surface));
    for (int32_t len = 4; len <= 8 && len <= u.length(); ++len) {
      std::string prefix;
      u.tempSubString(0, len).toUTF8String(prefix);
      auto& ids = m->impl_->country_prefixes[prefix];
      if (std::find(ids.begin(), ids.end(), place.id) == ids.end()) ids.push_back(place.id);
    }
  }
  RoleOptions ro;
  ro.data_dir = options.data_dir;
  auto roles = RoleLexicon::create(ro);
  if (!roles) return roles.status();
  m->impl_->roles = std::move(*roles);
  auto orgs = load_resource(options.data_dir.empty() ? default_data_dir() : options.data_dir, "orgs", 2, 2);
  if (!orgs) return orgs.status();
  for (const auto& file : *orgs) {
    for (const auto& row : file.rows) {
      m->impl_->org_names.insert(row.fields[0]);
      m->impl_->org_names.insert(row.fields[1]);  // the full name is a known name too
      m->impl_->org_canonical[row.fields[0]] = row.fields[1];
      m->impl_->org_canonical[row.fields[1]] = row.fields[1];
      int32_t k = 0;
      UChar32 c;
      U8_NEXT(reinterpret_cast<const uint8_t*>(row.fields[0].data()), k, static_cast<int32_t>(row.fields[0].size()), c);
      if (c >= 0) m->impl_->org_first_chars.insert(c);
      // A word starting in lower case, in a script with case.
      const std::string& f = row.fields[0];
      for (size_t at = 0; at < f.size();) {
        int32_t i = static_cast<int32_t>(at);
        UChar32 w;
        U8_NEXT(reinterpret_cast<const uint8_t*>(f.data()), i, static_cast<int32_t>(f.size()), w);
        if (w > 0 && u_islower(w)) {
          m->impl_->lowercase_org_names.emplace_back(f, row.fields[1]);
          break;
        }
        size_t space = f.find_first_of(" -", at);
        if (space == std::string::npos) break;
        at = space + 1;
      }
    }
  }
  {
    auto titles = load_resource(options.data_dir.empty() ? default_data_dir() : options.data_dir, "roles", 2, 2);
    if (!titles) return titles.status();
    for (const auto& file : *titles) {
      if (file.lang != "zh" && file.lang != "ja") continue;
      for (const auto& row : file.rows) m->impl_->unspaced_titles[file.lang][row.fields[0]] = row.fields[1];
    }
  }
  ro.resource = "orgwords";
  auto org = RoleLexicon::create(ro);
  if (!org) return org.status();
  m->impl_->orgwords = std::move(*org);
  m->impl_->ner_lexicon = std::make_unique<NerLexicon>(m->impl_->gazetteer.get(), m->impl_->roles.get(),
                                                       m->impl_->orgwords.get(), &m->impl_->org_names);
  for (const auto& [lang, tagger] : options.taggers) {
    if (!tagger) continue;
    m->impl_->taggers[lang] = tagger;
    m->impl_->tagger_sources[lang] = "";
  }
  m->impl_->tagger_only = options.tagger_only;
  if (options.load_models) {
    namespace fs = std::filesystem;
    const fs::path dir = fs::path(go.data_dir) / "models";
    std::error_code ec;
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(dir, ec)) files.push_back(e.path());
    std::sort(files.begin(), files.end());
    // Which languages' models the extractor uses (data/models/mentions.tsv,
    // chosen by measurement on news; the others serve `eval ner --tagger`).
    // Without the file, every model is used.
    std::set<std::string> use;
    bool listed = fs::exists(dir / "mentions.tsv");
    if (listed) {
      auto list = load_tsv((dir / "mentions.tsv").string(), 1, 1);
      if (!list) return list.status();
      for (const auto& row : list->rows) use.insert(row.fields[0]);
    }
    for (const fs::path& f : files) {
      const std::string name = f.filename().string();
      if (!name.starts_with("ner-") || !name.ends_with(".tsv")) continue;
      const std::string lang = name.substr(4, name.size() - 8);
      if (m->impl_->taggers.count(lang) || (listed && !use.count(lang))) continue;
      auto tagger = NerTagger::load(f.string());
      if (!tagger) return tagger.status();
      m->impl_->taggers[lang] = std::shared_ptr<const NerTagger>(std::move(*tagger));
      m->impl_->tagger_sources[lang] = f.string();
    }
  }
  return m;
}

const NerTagger* MentionExtractor::tagger(std::string_view lang) const {
  auto it = impl_->taggers.find(lang);
  return it == impl_->taggers.end() ? nullptr : it->second.get();
}

const std::map<std::string, std::string>& MentionExtractor::tagger_sources() const { return impl_->tagger_sources; }

namespace {

// Languages written without letter case: names are found by lookup only.
bool caseless(std::string_view lang) {
  return lang == "zh" || lang == "ja" || lang == "th" || lang == "ar" || lang == "he" || lang == "fa" ||
         lang == "ko" || lang == "hi";
}

// One-letter prefixes that Arabic and Hebrew attach to a word (and, in, to,
// the...): "بدمشق" is "ب" + "دمشق".
bool clitic_prefix(std::string_view lang, UChar32 c) {
  if (lang == "ar" || lang == "fa") return c == 0x0648 || c == 0x0628 || c == 0x0644 || c == 0x0641 || c == 0x0643;
  if (lang == "he") return c == 0x05D4 || c == 0x05D5 || c == 0x05D1 || c == 0x05DC || c == 0x05DE || c == 0x05E9 ||
                           c == 0x05DB;
  return false;
}

}  // namespace

// Caseless scripts: the longest gazetteer or organisation name at each
// place. Chinese, Japanese and Thai do not separate words, so every
// character position is tried (names of up to kMaxLookupChars characters);
// elsewhere each word, also without a one-letter clitic prefix.
// Chinese place names by their administrative suffix: "湛江市", "徐闻县",
// "翁田镇" name a city, county or town whatever the gazetteer knows.
// The suffixes (a province, city, county, town, township; after a known place
// also a state or district: "中爪哇省", "加州").
bool chinese_place_suffix(UChar32 c, bool after_known_place) {
  static const std::u32string kSuffixes = U"省市县縣镇鎮乡鄉";
  static const std::u32string kAfterKnown = U"州区區";
  return kSuffixes.find(c) != std::u32string::npos || (after_known_place && kAfterKnown.find(c) != std::u32string::npos);
}
// Characters that end a Chinese name before a suffix: function words,
// determiners ("该市", "各省"), and the common words of "城市", "都市".
bool chinese_name_breaker(UChar32 c) {
  static const std::u32string kBreakers =
      U"的在于於与與和及也对對是已会會向同并並则則等再就才又为為被把让讓给給从從到至以而但将將或各该該此这這那每其本全某个個"
      U"城都";
  return kBreakers.find(c) != std::u32string::npos;
}

std::vector<Mention> MentionExtractor::extract_caseless(const Document& doc) const {
  constexpr int kMaxLookupChars = 12;
  std::vector<Mention> out;
  const std::string_view text = doc.text;
  const auto* p = reinterpret_cast<const uint8_t*>(text.data());
  const auto n = static_cast<int32_t>(text.size());
  auto lookup = [&](uint32_t b, uint32_t e) -> bool {
    std::string s(text.substr(b, e - b));
    Mention m;
    m.span = {b, e};
    if (impl_->org_names.count(s)) {
      m.type = "ORG";
      if (auto c = impl_->org_canonical.find(s); c != impl_->org_canonical.end()) m.org = c->second;
    } else if (auto places = impl_->gazetteer->find(s); !places.empty()) {
      m.type = "LOC";
      m.place = impl_->gazetteer->places()[places[0].place].id;
    } else {
      return false;
    }
    out.push_back(std::move(m));
    return true;
  };
  const bool spaced = doc.lang == "ar" || doc.lang == "he" || doc.lang == "fa" || doc.lang == "ko" || doc.lang == "hi";
  if (spaced) {
    // Names of up to four words ("الأمم المتحدة"), longest first, as
    // written or after a one-letter clitic on the first word.
    constexpr size_t kMaxWords = 4;
    std::vector<const Token*> words;
    for (const Token& t : doc.tokens) {
      if (t.is_word) words.push_back(&t);
    }
    for (size_t w = 0; w < words.size();) {
      const uint32_t begin = words[w]->span.begin;
      uint32_t after_clitic = begin;
      {
        int32_t i = static_cast<int32_t>(begin);
        UChar32 c;
        U8_NEXT(p, i, n, c);
        if (c > 0 && clitic_prefix(doc.lang, c) && static_cast<uint32_t>(i) < words[w]->span.end)
          after_clitic = static_cast<uint32_t>(i);
      }
      size_t taken = 0;
      for (size_t k = std::min(kMaxWords, words.size() - w); k >= 1 && !taken; --k) {
        // Only words joined by spaces.
        bool joined = true;
        for (size_t j = w + 1; j < w + k && joined; ++j) {
          std::string_view gap = text.substr(words[j - 1]->span.end, words[j]->span.begin - words[j - 1]->span.end);
          joined = gap.find_first_not_of(' ') == std::string_view::npos;
        }
        if (!joined) continue;
        const uint32_t end = words[w + k - 1]->span.end;
        if (lookup(begin, end) || (after_clitic != begin && lookup(after_clitic, end))) taken = k;
      }
      w += taken ? taken : 1;
    }
    if (doc.lang == "ar") add_arabic_bodies(doc, words, out);
    return out;
  }
  const bool chinese = doc.lang == "zh";
  // The character at byte i, and where the next one starts.
  auto char_at = [&](int32_t i, int32_t* next = nullptr) {
    UChar32 c = -1;
    int32_t k = i;
    if (i < n) U8_NEXT(p, k, n, c);
    if (next) *next = k;
    return c;
  };
  // A suffix character at byte s stands as a word of its own or ends a word
  // of three characters or more (ICU's dictionary segmentation: "湛江|市",
  // "海口市"), not inside another word ("市场", "州长", "省份").
  auto suffix_word = [&](uint32_t s, uint32_t e) {
    auto t = std::upper_bound(doc.tokens.begin(), doc.tokens.end(), s,
                              [](uint32_t pos, const Token& x) { return pos < x.span.begin; });
    if (t == doc.tokens.begin()) return false;
    --t;
    if (!(t->span.begin <= s && s < t->span.end)) return false;
    if (t->span.begin == s) return t->span.end == e;
    return t->span.end == e && icu::UnicodeString::fromUTF8(std::string(text.substr(t->span.begin, e - t->span.begin)))
                                       .countChar32() >= 3;
  };
  // An unknown Chinese place: two Han characters (three after punctuation or
  // another name) and a suffix, starting where a name can start.
  auto suffixed_place = [&](int32_t i) {
    UChar32 before = i > 0 ? [&] {
      int32_t k = i;
      UChar32 c;
      U8_PREV(p, 0, k, c);
      return c;
    }() : -1;
    bool after_name = !out.empty() && out.back().span.end == static_cast<uint32_t>(i);
    bool strong = i == 0 || before < 0 || u_isUWhiteSpace(before) || u_ispunct(before) || after_name;
    if (!strong && !chinese_name_breaker(before)) return false;
    int32_t at = i;
    UErrorCode st = U_ZERO_ERROR;
    for (int len = 1; len <= 3; ++len) {
      int32_t next;
      UChar32 c = char_at(at, &next);
      if (c < 0 || uscript_getScript(c, &st) != USCRIPT_HAN || chinese_name_breaker(c)) return false;
      at = next;
      if (len < 2 || (len == 3 && !strong)) continue;
      int32_t end;
      UChar32 suffix = char_at(at, &end);
      if (suffix < 0 || !chinese_place_suffix(suffix, false) ||
          !suffix_word(static_cast<uint32_t>(at), static_cast<uint32_t>(end)))
        continue;
      Mention m;
      m.type = "LOC";
      m.span = {static_cast<uint32_t>(i), static_cast<uint32_t>(end)};
      out.push_back(std::move(m));
      return true;
    }
    return false;
  };
  for (int32_t i = 0; i < n;) {
    int32_t after_first;
    const UChar32 first = char_at(i, &after_first);
    bool found = false;
    if (first >= 0 && (impl_->gazetteer->starts_a_name(first) || impl_->org_first_chars.count(first))) {
      // Ends of the next kMaxLookupChars characters, longest first.
      std::vector<int32_t> ends;
      int32_t j = i;
      for (int k = 0; k < kMaxLookupChars && j < n; ++k) {
        UChar32 c;
        U8_NEXT(p, j, n, c);
        if (c < 0 || u_isUWhiteSpace(c) || u_ispunct(c)) break;
        ends.push_back(j);
      }
      for (auto e = ends.rbegin(); e != ends.rend() && !found; ++e) {
        if (*e - i >= 3) found = lookup(static_cast<uint32_t>(i), static_cast<uint32_t>(*e));  // not one CJK char
      }
      // A known region or city and its suffix: "中爪哇" + "省".
      if (found && chinese && out.back().type == "LOC" && !out.back().place.empty()) {
        Mention& m = out.back();
        int32_t end;
        UChar32 c = char_at(static_cast<int32_t>(m.span.end), &end);
        auto places = impl_->gazetteer->find(std::string(m.span.of(text)));
        bool country = !places.empty() && impl_->gazetteer->places()[places[0].place].kind == PlaceKind::kCountry;
        if (!country && c >= 0 && chinese_place_suffix(c, true) && suffix_word(m.span.end, static_cast<uint32_t>(end)))
          m.span.end = static_cast<uint32_t>(end);
      }
    }
    if (!found && chinese && first >= 0) found = suffixed_place(i);
    i = found ? static_cast<int32_t>(out.back().span.end) : after_first;
  }
  add_titled_people(doc, out);
  return out;
}

// Arabic names a body by a head noun (data/orgwords/ar.tsv: وزارة, هيئة,
// المعهد...) and the definite words after it, its genitive and adjectives:
// "وزارة الصحة السورية", "هيئة المسح الجيولوجي الأمريكية", "المعهد الوطني
// للجيوفيزياء". The head and each next word that carries the article (ال;
// لل "for the", وال "and the" after the first), up to six words, are one
// organisation; a country's adjective is its last word; a place, a weekday,
// "today" or a relative pronoun ends it. Names found inside give way.
void MentionExtractor::add_arabic_bodies(const Document& doc, const std::vector<const Token*>& words,
                                         std::vector<Mention>& out) const {
  static const std::set<std::string_view> kStops = {"اليوم",    "الذي",     "التي",    "الذين",  "اللذين",  "اللتين",
                                                    "الآن",     "الماضي",   "الماضية", "المقبل", "المقبلة", "الجاري",
                                                    "الجارية",  "السابق",   "السابقة", "الأحد",  "الاثنين", "الإثنين",
                                                    "الثلاثاء", "الأربعاء", "الخميس",  "الجمعة", "السبت",   "أمس"};
  const std::string_view text = doc.text;
  auto starts = [](std::string_view w, std::string_view p) { return w.substr(0, p.size()) == p; };
  // A country's adjective ("السوري" of سوريا, "التركية" of تركيا, "المغربية" of المغرب).
  auto country_word = [&](std::string_view w) {
    std::string_view stem = starts(w, "ال") ? w.substr(4) : w;
    for (std::string_view suffix : {"ية", "ي"}) {
      if (stem.size() <= suffix.size() + 4 || stem.substr(stem.size() - suffix.size()) != suffix) continue;
      std::string s(stem.substr(0, stem.size() - suffix.size()));
      for (const std::string& c : {s, s + "ا", s + "يا", "ال" + s}) {
        for (const PlaceName& pn : impl_->gazetteer->find(c)) {
          if (impl_->gazetteer->places()[pn.place].kind == PlaceKind::kCountry) return true;
        }
      }
      break;
    }
    return false;
  };
  std::vector<Mention> bodies;
  for (const RoleMatch& head : impl_->orgwords->find(doc.text, "ar")) {
    // The word the head ends; the head starts it (or follows a one-letter clitic: "ووزارة").
    auto last = std::find_if(words.begin(), words.end(), [&](const Token* t) { return t->span.end == head.span.end; });
    if (last == words.end()) continue;
    auto first =
        std::find_if(words.begin(), words.end(), [&](const Token* t) { return t->span.end > head.span.begin; });
    if (first == words.end() || head.span.begin - (*first)->span.begin > 2) continue;
    size_t j = static_cast<size_t>(last - words.begin()) + 1, taken = 0;
    for (; j < words.size() && taken < 5; ++j, ++taken) {
      std::string_view gap = text.substr(words[j - 1]->span.end, words[j]->span.begin - words[j - 1]->span.end);
      if (gap.empty() || gap.find_first_not_of(' ') != std::string_view::npos) break;
      std::string_view w = words[j]->span.of(text);
      if (kStops.count(w)) break;
      bool definite = starts(w, "ال") || starts(w, "لل") || (taken > 0 && starts(w, "وال"));
      if (!definite && taken > 0) break;
      // A country's adjective ends the name ("الدفاع المدني السوري"): what
      // follows is the sentence's. A place is no part of it ("منتخب
      // الأرجنتين": the team of the place the gold conventions name).
      if (!impl_->gazetteer->find(std::string(w)).empty()) break;
      if (country_word(w)) {
        ++j, ++taken;
        break;
      }
      if (!definite) break;
    }
    if (taken == 0) continue;
    Mention m;
    m.span = {head.span.begin, words[j - 1]->span.end};
    m.type = "ORG";
    bodies.push_back(std::move(m));
  }
  for (Mention& b : bodies) {
    if (std::any_of(bodies.begin(), bodies.end(), [&](const Mention& o) {
          return &o != &b && o.span.begin <= b.span.begin && b.span.end <= o.span.end &&
                 o.span.end - o.span.begin > b.span.end - b.span.begin;
        }))
      continue;  // inside a longer one ("مجلس" in "مجلس الأمن الدولي" of "منظمة ...")
    // A listed name that covers or meets it wins (data/orgs: "مجلس الأمن"); places inside it give way.
    if (std::any_of(out.begin(), out.end(), [&](const Mention& o) {
          return o.span.begin < b.span.end && b.span.begin < o.span.end &&
                 (!o.org.empty() || (o.span.begin <= b.span.begin && b.span.end <= o.span.end));
        }))
      continue;
    out.erase(std::remove_if(out.begin(), out.end(),
                             [&](const Mention& o) { return o.span.begin < b.span.end && b.span.begin < o.span.end; }),
              out.end());
    out.push_back(std::move(b));
  }
  std::sort(out.begin(), out.end(), [](const Mention& a, const Mention& b) { return a.span.begin < b.span.begin; });
}

// People named beside a title in Chinese and Japanese: Chinese writes the
// title first (美国总统拜登, 國家主席習近平): the name is the run of Han
// characters after it, two to five, ended by punctuation or a function
// character; Japanese writes it after the name (バイデン大統領): the name is
// the katakana run before it. Found names not already covered are PER with
// the title's role.
void MentionExtractor::add_titled_people(const Document& doc, std::vector<Mention>& out) const {
  std::string lang = doc.lang == "zh" || doc.lang == "ja" ? doc.lang : "";
  auto it = impl_->unspaced_titles.find(lang);
  if (it == impl_->unspaced_titles.end()) return;
  const std::string_view text = doc.text;
  const auto* p = reinterpret_cast<const uint8_t*>(text.data());
  const auto n = static_cast<int32_t>(text.size());
  static const std::u32string kStops =
      U"的在于於与與和及表说說称稱将將也对對是已会會今昨周週向同并並指则則等再日月年时時后後前上中下首亦仍还還曾均都"
      U"就才又为為被把让讓给給从從到至以而但率访訪抵出举舉致发發谈談通透呼敦强強"
      U"大选選府有候根据據官办辦职職任身夫们們级級制权權令位团團层層室署院";
  auto covered = [&](uint32_t b, uint32_t e) {
    return std::any_of(out.begin(), out.end(), [&](const Mention& m) { return m.span.begin < e && b < m.span.end; });
  };
  std::vector<Mention> found;
  std::vector<std::pair<std::string, std::string>> titles(it->second.begin(), it->second.end());
  std::stable_sort(titles.begin(), titles.end(), [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
  std::vector<Span> taken;  // occurrences of longer titles ("總統候選人" holds "總統")
  for (const auto& [title, role] : titles) {
    for (size_t at = text.find(title); at != std::string_view::npos; at = text.find(title, at + 1)) {
      Span here{static_cast<uint32_t>(at), static_cast<uint32_t>(at + title.size())};
      if (std::any_of(taken.begin(), taken.end(),
                      [&](const Span& t) { return t.begin <= here.begin && here.end <= t.end; })) {
        continue;
      }
      taken.push_back(here);
      uint32_t b = 0, e = 0;
      if (lang == "zh") {
        int32_t i = static_cast<int32_t>(at + title.size()), chars = 0;
        b = static_cast<uint32_t>(i);
        while (i < n && chars < 8) {
          int32_t k = i;
          UChar32 c;
          U8_NEXT(p, k, n, c);
          bool dot = c == 0x00B7 || c == 0x30FB;  // the middle dot of transliterated names
          UErrorCode st = U_ZERO_ERROR;
          if (c < 0 || (!dot && uscript_getScript(c, &st) != USCRIPT_HAN) || kStops.find(c) != std::u32string::npos) break;
          i = k;
          ++chars;
          if (!dot && chars >= 5 && text.substr(b, i - b).find("\xC2\xB7") == std::string_view::npos) break;
        }
        e = static_cast<uint32_t>(i);
        if (chars < 2) continue;
      } else {
        // Katakana (and the long-vowel mark and middle dot) just before the title.
        int32_t i = static_cast<int32_t>(at);
        e = static_cast<uint32_t>(at);
        while (i > 0) {
          int32_t k = i;
          UChar32 c;
          U8_PREV(p, 0, k, c);
          UErrorCode st = U_ZERO_ERROR;
          if (c < 0 || (uscript_getScript(c, &st) != USCRIPT_KATAKANA && c != 0x30FC && c != 0x30FB)) break;
          i = k;
        }
        b = static_cast<uint32_t>(i);
        if (e - b < 6) continue;  // two katakana at least
      }
      if (covered(b, e)) continue;
      Mention m;
      m.span = {b, e};
      m.type = "PER";
      m.role = role;
      if (lang == "zh") {
        // The country named just before the title (美国总统, 中國國家主席).
        for (int32_t len = 12; len >= 3 && m.affiliation.empty(); len -= 3) {
          if (static_cast<int32_t>(at) < len) continue;
          for (const PlaceName& pn : impl_->gazetteer->find(std::string(text.substr(at - len, len)))) {
            const Place& pl = impl_->gazetteer->places()[pn.place];
            if (pl.kind == PlaceKind::kCountry) m.affiliation = pl.id;
          }
        }
      }
      found.push_back(m);
    }
  }
  for (auto& m : found) {
    if (!covered(m.span.begin, m.span.end)) out.push_back(std::move(m));
  }
  std::sort(out.begin(), out.end(), [](const Mention& a, const Mention& b) { return a.span.begin < b.span.begin; });
}

namespace {

bool hyphen_token(std::string_view w) { return w == "-" || w == "\xE2\x80\x90" || w == "\xE2\x80\x91"; }

}  // namespace

// ICU cuts "Frank-Walter" and "Keller-Sutter" into three tokens; the NER
// datasets the tagger learns from keep such compounds whole. Words joined
// by a hyphen with no space around it become one tagger token.
std::vector<std::vector<Span>> MentionExtractor::tagger_tokens(const Document& doc) {
  std::vector<std::vector<Span>> out;
  const std::string_view text = doc.text;
  size_t t = 0;
  for (const Sentence& s : doc.sentences) {
    std::vector<Span> spans;
    while (t < doc.tokens.size() && doc.tokens[t].span.begin < s.span.begin) ++t;
    for (; t < doc.tokens.size() && doc.tokens[t].span.end <= s.span.end; ++t) {
      const Token& tok = doc.tokens[t];
      // word '-' word, all adjacent: extend the previous tagger token.
      if (spans.size() >= 2 && tok.is_word && spans.back().end == tok.span.begin &&
          hyphen_token(spans.back().of(text)) && spans[spans.size() - 2].end == spans.back().begin &&
          doc.tokens[t - 2].is_word) {
        spans.pop_back();
        spans.back().end = tok.span.end;
        continue;
      }
      spans.push_back(tok.span);
    }
    out.push_back(std::move(spans));
  }
  return out;
}

std::vector<std::vector<uint8_t>> MentionExtractor::ner_flags(const Document& doc,
                                                              const std::vector<std::vector<Span>>& tokens) const {
  const Phrases ph = phrases(doc);
  return ner_flags(doc, tokens, extract_cased(doc, ph), ph, false);
}

bool MentionExtractor::has_rule_mention(const std::vector<uint8_t>& flags) {
  return std::any_of(flags.begin(), flags.end(), [](uint8_t f) { return (f >> kLexRuleShift) & 3; });
}

MentionExtractor::Phrases MentionExtractor::phrases(const Document& doc) const {
  Phrases ph{impl_->roles->find(doc.text, doc.lang), impl_->orgwords->find(doc.text, doc.lang)};
  if (doc.lang != "en") {
    // International bodies keep their English names in news of every
    // language ("the Eurasian Economic Union" in a Swedish report).
    auto english = impl_->orgwords->find(doc.text, "en");
    ph.orgs.insert(ph.orgs.end(), english.begin(), english.end());
    std::sort(ph.orgs.begin(), ph.orgs.end(),
              [](const RoleMatch& a, const RoleMatch& b) { return a.span.begin < b.span.begin; });
  }
  return ph;
}

std::vector<std::vector<uint8_t>> MentionExtractor::ner_flags(const Document& doc,
                                                              const std::vector<std::vector<Span>>& tokens,
                                                              const std::vector<Mention>& rules, const Phrases& ph,
                                                              bool only_named) const {
  std::vector<std::vector<uint8_t>> flags(tokens.size());
  for (size_t s = 0; s < tokens.size(); ++s) flags[s].assign(tokens[s].size(), 0);
  // The rules' mentions.
  size_t s = 0, k = 0;
  for (const Mention& m : rules) {
    const uint8_t type = m.type == "PER" ? 1 : m.type == "ORG" ? 2 : 3;
    bool first = true;
    while (s < tokens.size()) {
      if (k >= tokens[s].size()) {
        ++s, k = 0;
        continue;
      }
      if (tokens[s][k].end <= m.span.begin) {
        ++k;
        continue;
      }
      break;
    }
    for (size_t j = k; s < tokens.size() && j < tokens[s].size() && tokens[s][j].begin < m.span.end; ++j) {
      flags[s][j] = static_cast<uint8_t>((type << kLexRuleShift) | (first ? kLexRuleBegin : 0));
      first = false;
    }
  }
  // The lexicons.
  for (size_t s = 0; s < tokens.size(); ++s) {
    if (tokens[s].empty() || (only_named && !has_rule_mention(flags[s]))) continue;
    const std::vector<uint8_t> lex = impl_->ner_lexicon->flags(doc.text, tokens[s], doc.lang, &ph.roles, &ph.orgs);
    for (size_t j = 0; j < lex.size(); ++j) flags[s][j] = static_cast<uint8_t>(flags[s][j] | (lex[j] & 15));
  }
  return flags;
}

std::vector<Mention> MentionExtractor::extract_tagged(const Document& doc, const NerTagger& tagger,
                                                      const std::vector<Mention>& rules, const Phrases& ph) const {
  std::vector<Mention> out;
  const std::string_view text = doc.text;
  const std::vector<RoleMatch>& roles = ph.roles;
  // The role whose title ends just before `begin` (spaces, a comma or a colon between).
  auto role_before = [&](uint32_t begin) -> const RoleMatch* {
    const RoleMatch* found = nullptr;
    for (const auto& m : roles) {
      if (m.span.end > begin) break;
      std::string_view gap = text.substr(m.span.end, begin - m.span.end);
      if (gap.size() <= 3 && gap.find_first_not_of(" ,:\u00a0") == std::string_view::npos) found = &m;
    }
    return found;
  };
  const std::vector<std::vector<Span>> tokens = tagger_tokens(doc);
  // Combined with the rules (combine()), the tagger's mentions count only
  // where they overlap a rule mention: a sentence in which the rules find no
  // name need not be tagged at all (the output is the same, and news has many
  // such sentences).
  const bool only_named = !impl_->tagger_only;
  const std::vector<std::vector<uint8_t>> flags = ner_flags(doc, tokens, rules, ph, only_named);
  std::vector<std::string_view> words;
  for (size_t s = 0; s < tokens.size(); ++s) {
    if (tokens[s].empty() || (only_named && !has_rule_mention(flags[s]))) continue;
    words.clear();
    for (const Span& sp : tokens[s]) words.push_back(sp.of(text));
    for (const NerSpan& ns : tagger.tag(words, flags[s])) {
      Mention m;
      m.span = {tokens[s][ns.begin].begin, tokens[s][ns.end - 1].end};
      m.type = std::string(ns.type);
      if (m.type == "PER") {
        if (const RoleMatch* r = role_before(m.span.begin)) m.role = r->role;
      } else if (m.type == "LOC") {
        if (auto places = impl_->gazetteer->find(std::string(m.span.of(text))); !places.empty()) {
          m.place = impl_->gazetteer->places()[places[0].place].id;
        }
      }
      out.push_back(std::move(m));
    }
  }
  return out;
}

// How rules and tagger combine, chosen by measurement (README, "Accuracy"):
// the tagger alone scores best on the NER datasets (their own tokenisation
// and annotation conventions), but on the dev news corpus its spans often
// differ from the rules' at the edges (a title or a case ending inside),
// costing strict F1 in every language. So a rule mention stands only where
// the tagger also sees a name overlapping it (this removes most of the rules'
// false PERs: capitalised nouns, headline words), and takes the tagger's type
// when the two agree on the span, or the tagger's span and type when the
// tagger's one mention there is a tail of the rules'. A lowercase model
// (trained on lowercased text) cannot judge the edges of a cased name but its
// spans are good where capitals mark a name: its mentions stand where a rule
// mention overlaps.
std::vector<Mention> MentionExtractor::combine(std::vector<Mention> rules, std::vector<Mention> tagged,
                                               bool lowercase_model) {
  auto overlaps = [](const Mention& m, const std::vector<Mention>& xs) {
    return std::any_of(xs.begin(), xs.end(),
                       [&](const Mention& x) { return m.span.begin < x.span.end && x.span.begin < m.span.end; });
  };
  std::vector<Mention> out;
  if (lowercase_model) {
    for (Mention& m : tagged) {
      if (overlaps(m, rules)) out.push_back(std::move(m));
    }
    return out;
  }
  for (Mention& m : rules) {
    // The tagger mentions overlapping this rule mention; when there is one and
    // it ends the rule mention but begins later ("Giovanni Battista Re" of the
    // rules' "Kardinal Giovanni Battista Re": a word the rules took for part
    // of the name), its span and type win. Measured: dev corpus de 0.776 ->
    // 0.793; the extractor's CV5 F1 de 0.429 -> 0.464, ru 0.696 -> 0.705, sv
    // 0.735 -> 0.754. Any inner span ("Ursula" of "Ursula von der Leyen")
    // breaks names with particles; any overlapping one lowered sv.
    const Mention* inner = nullptr;
    int overlapping = 0;
    for (const Mention& t : tagged) {
      if (!(m.span.begin < t.span.end && t.span.begin < m.span.end)) continue;
      ++overlapping;
      if (t.span.begin > m.span.begin && t.span.end == m.span.end) inner = &t;
    }
    // (A name data/orgs lists stands without the tagger: the lexicon is sure.)
    if (overlapping == 0 && m.org.empty()) continue;
    // (Only for a person: a place's or a body's head word is part of its
    // name, "Basilika Santa Maria Maggiore".)
    if (overlapping == 1 && inner && m.type == "PER") {
      Mention x = *inner;
      if (x.type == "PER" && x.role.empty()) x.role = m.role;
      out.push_back(std::move(x));
      continue;
    }
    for (const Mention& t : tagged) {
      // (A name data/orgs lists stays an organisation: "der Nato"; a country
      // the gazetteer knows stays a place: "die Philippinen".)
      bool country = m.type == "LOC" && m.place.size() == 3 &&
                     std::all_of(m.place.begin(), m.place.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
      if (t.span.begin == m.span.begin && t.span.end == m.span.end && t.type != m.type && m.org.empty() && !country) {
        m.type = t.type;
        if (m.type != "PER") m.role.clear();
        if (m.type != "LOC") m.place.clear();
        if (m.type == "LOC" && m.place.empty()) m.place = t.place;
      }
    }
    out.push_back(std::move(m));
  }
  return out;
}

// A person's surname alone, where the document also names the person in
// full ("Joe Biden ... sagte Biden"): German drops a lone capitalised word
// (its nouns are capitalised), other languages one at a sentence's start,
// and a word after "to" or "from" is taken for a place.
void add_lone_surnames(const Document& doc, std::vector<Mention>& out) {
  const std::string_view text = doc.text;
  std::set<std::string_view> surnames;
  for (const Mention& m : out) {
    if (m.type != "PER") continue;
    std::string_view name = m.span.of(text);
    size_t space = name.rfind(' ');
    if (space == std::string_view::npos) continue;
    std::string_view last = name.substr(space + 1);
    if (last.size() >= 3) surnames.insert(last);
  }
  if (surnames.empty()) return;
  auto covered = [&](uint32_t b, uint32_t e) {
    return std::any_of(out.begin(), out.end(), [&](const Mention& m) { return m.span.begin < e && b < m.span.end; });
  };
  // A place guessed from a preposition alone ("hands the reins back to
  // Trump", "from Kristersson"), no gazetteer place: the person.
  for (Mention& m : out) {
    if (m.type == "LOC" && m.place.empty() && surnames.count(m.span.of(text))) m.type = "PER";
  }
  std::vector<Mention> found;
  for (const Token& t : doc.tokens) {
    if (!t.is_word) continue;
    std::string_view w = t.span.of(text);
    if (!surnames.count(w) || covered(t.span.begin, t.span.end)) continue;
    Mention m;
    m.span = t.span;
    m.type = "PER";
    found.push_back(std::move(m));
  }
  if (found.empty()) return;
  for (Mention& m : found) out.push_back(std::move(m));
  std::sort(out.begin(), out.end(), [](const Mention& a, const Mention& b) { return a.span.begin < b.span.begin; });
}

std::vector<Mention> MentionExtractor::extract(const Document& doc) const {
  if (const NerTagger* tagger = this->tagger(doc.lang); tagger && !caseless(doc.lang)) {
    const Phrases ph = phrases(doc);  // found once for the rules, the features and the roles
    std::vector<Mention> rules = extract_cased(doc, ph);
    std::vector<Mention> tagged = extract_tagged(doc, *tagger, rules, ph);
    if (impl_->tagger_only) return tagged;
    std::vector<Mention> out = combine(std::move(rules), std::move(tagged), tagger->lowercase());
    add_lone_surnames(doc, out);
    return out;
  }
  if (!caseless(doc.lang)) {
    std::vector<Mention> out = extract_cased(doc, phrases(doc));
    add_lone_surnames(doc, out);
    return out;
  }
  // Caseless text still quotes names in Latin script ("APEC", "Biden"):
  // both passes, the lookup first where they overlap, in text order.
  std::vector<Mention> out = extract_caseless(doc);
  for (Mention& m : extract_cased(doc, phrases(doc))) {
    bool overlaps = std::any_of(out.begin(), out.end(), [&](const Mention& x) {
      return m.span.begin < x.span.end && x.span.begin < m.span.end;
    });
    if (!overlaps) out.push_back(std::move(m));
  }
  std::sort(out.begin(), out.end(), [](const Mention& a, const Mention& b) { return a.span.begin < b.span.begin; });
  return out;
}

std::vector<Mention> MentionExtractor::extract_cased(const Document& doc, const Phrases& ph) const {
  std::vector<Mention> out;
  auto calendar = [&](const std::string& w) {
    if (impl_->calendar_words.count(w)) return true;
    // Capitalised form of a lowercase month or weekday ("Dezember" is
    // capitalised already; "Januari" at a sentence start is not).
    std::string lower = w;
    if (!lower.empty() && lower[0] >= 'A' && lower[0] <= 'Z') lower[0] = static_cast<char>(lower[0] - 'A' + 'a');
    return impl_->calendar_words.count(lower) > 0;
  };
  // A place as written, or written in capitals ("SAN FRANCISCO").
  auto find_place = [&](const std::string& surface) {
    auto places = impl_->gazetteer->find(surface);
    if (places.empty() && all_caps(surface)) places = impl_->gazetteer->find(title_case(surface));
    return places;
  };
  const std::string_view text = doc.text;
  const std::string& lang = doc.lang;
  const std::vector<RoleMatch>& roles = ph.roles;
  const std::vector<RoleMatch>& orgs = ph.orgs;
  auto inside = [](const std::vector<RoleMatch>& ms, Span s) {
    for (const auto& m : ms) {
      if (m.span.begin >= s.begin && m.span.end <= s.end) return &m;
    }
    return static_cast<const RoleMatch*>(nullptr);
  };
  // The role whose span contains byte `pos`.
  auto covering = [&](uint32_t pos) -> const RoleMatch* {
    for (const auto& m : roles) {
      if (m.span.begin <= pos && pos < m.span.end) return &m;
      if (m.span.begin > pos) break;
    }
    return nullptr;
  };
  // The role whose span ends just before `begin` (only spaces, commas or a
  // colon between).
  auto role_before = [&](uint32_t begin) -> const RoleMatch* {
    for (const auto& m : roles) {
      if (m.span.end > begin) break;
      std::string_view gap = text.substr(m.span.end, begin - m.span.end);
      if (gap.size() <= 3 && gap.find_first_not_of(" ,:\u00a0") == std::string_view::npos) return &m;
    }
    return nullptr;
  };

  // The country a title belongs to: a country name or an adjective made
  // from one among the words from just before the title to the name
  // ("Russian Defence Minister", "Sekretär des russischen Sicherheitsrates",
  // "Bộ trưởng Quốc phòng Nga"), the nearest to the name first.
  auto affiliation = [&](Span title, uint32_t name_begin) -> std::string {
    uint32_t from = title.begin > 24 ? title.begin - 24 : 0;
    for (const Sentence& s : doc.sentences) {
      if (s.span.begin <= title.begin && title.begin < s.span.end) from = std::max(from, s.span.begin);
    }
    std::vector<std::string_view> words;
    for (const Token& tok : doc.tokens) {
      if (tok.span.begin >= name_begin) break;
      if (tok.is_word && tok.span.begin >= from) words.push_back(tok.span.of(text));
    }
    for (auto it = words.rbegin(); it != words.rend(); ++it) {
      std::string w(*it);
      for (const PlaceName& pn : impl_->gazetteer->find(w)) {
        const Place& p = impl_->gazetteer->places()[pn.place];
        if (p.kind == PlaceKind::kCountry) return p.id;
      }
      icu::UnicodeString u = icu::UnicodeString::fromUTF8(fold_case(w));
      if (u.length() < 5) continue;
      for (int32_t len = std::min<int32_t>(8, u.length() - 1); len >= 4; --len) {
        std::string prefix;
        u.tempSubString(0, len).toUTF8String(prefix);
        auto found = impl_->country_prefixes.find(prefix);
        if (found == impl_->country_prefixes.end()) continue;
        if (found->second.size() == 1) return found->second[0];
        break;  // shared by several countries: no answer from this word
      }
    }
    return "";
  };

  // An English demonym or nationality adjective, also plural ("Moroccan",
  // "Indonesians", "Pakistani"): a demonym ending on a word whose first five
  // letters begin one country's name only.
  auto demonym = [&](const std::string& w) {
    if (lang != "en" || w.size() < 6) return false;
    std::string_view v = w;
    if (v.ends_with("s")) v.remove_suffix(1);
    if (!(v.ends_with("an") || v.ends_with("ese") || v.ends_with("ish") || v.ends_with("i"))) return false;
    icu::UnicodeString u = icu::UnicodeString::fromUTF8(fold_case(std::string(v)));
    std::string prefix;
    u.tempSubString(0, 5).toUTF8String(prefix);
    auto found = impl_->country_prefixes.find(prefix);
    return found != impl_->country_prefixes.end() && found->second.size() == 1;
  };

  // Words the document also writes in lower case are common words, not
  // names, when they stand alone or open a sentence ("Summit", "By").
  std::set<std::string> lower_words;
  for (const Token& tok : doc.tokens) {
    if (!tok.is_word) continue;
    std::string_view w = tok.span.of(text);
    UChar32 c = first_cp(w);
    if (c > 0 && u_islower(c)) lower_words.emplace(w);
  }
  auto common_word = [&](std::string_view w) {
    // The word with its first letter in lower case.
    std::string lower(w);
    if (!lower.empty() && lower[0] >= 'A' && lower[0] <= 'Z') {
      lower[0] = static_cast<char>(lower[0] - 'A' + 'a');
    } else {
      icu::UnicodeString u = icu::UnicodeString::fromUTF8(lower);
      if (u.length() > 0) {
        UChar32 c = u.char32At(0);
        u.replace(0, U16_LENGTH(c), u_tolower(c));
        lower.clear();
        u.toUTF8String(lower);
      }
    }
    return lower != w && lower_words.count(lower) > 0;
  };

  // French, Italian and Catalan elide an article or preposition onto the
  // next word, and ICU keeps them one word ("l'Argentine", "d’Ukraine",
  // "dell'Italia"): the name starts after the apostrophe.
  std::vector<Token> elided;
  elided.reserve(doc.tokens.size());
  auto word_of = [&](const Token& tok) -> const Token* {
    if (lang != "fr" && lang != "it" && lang != "ca") return &tok;
    std::string_view w = tok.span.of(text);
    for (std::string_view apo : {"'", "\xE2\x80\x99"}) {
      size_t at = w.find(apo);
      if (at == std::string_view::npos || at == 0 || at > 5) continue;
      static const std::set<std::string_view> kElided = {"l", "d", "j", "qu", "n", "s", "c", "m", "t", "jusqu",
                                                         "lorsqu", "puisqu", "dell", "all", "dall", "nell", "sull",
                                                         "un", "quell", "quest", "sant"};
      std::string_view head = w.substr(0, at), rest = w.substr(at + apo.size());
      if (!kElided.count(head) || rest.empty() || !capitalised(rest)) continue;
      Token x = tok;
      x.span.begin += static_cast<uint32_t>(at + apo.size());
      elided.push_back(x);
      return &elided.back();
    }
    return &tok;
  };
  std::vector<const Token*> words;
  size_t t = 0;
  for (const Sentence& s : doc.sentences) {
    words.clear();
    while (t < doc.tokens.size() && doc.tokens[t].span.begin < s.span.begin) ++t;
    for (; t < doc.tokens.size() && doc.tokens[t].span.end <= s.span.end; ++t) {
      if (doc.tokens[t].is_word) words.push_back(word_of(doc.tokens[t]));
    }
    // Runs of capitalised words (with connectors inside), separated only by
    // spaces or hyphens.
    for (size_t i = 0; i < words.size();) {
      std::string_view w = words[i]->span.of(text);
      if (!capitalised(w)) {
        ++i;
        continue;
      }
      size_t j = i + 1;
      while (j < words.size()) {
        std::string_view gap = text.substr(words[j - 1]->span.end, words[j]->span.begin - words[j - 1]->span.end);
        // The final dot of a dotted abbreviation does not end a run
        // ("U.S. Geological Survey": the word is "U.S", then ". ").
        bool dotted = (words[j - 1]->span.of(text).find('.') != std::string_view::npos || gap == ".") &&
                      gap.starts_with(".");  // "U.S. Geological", "EE.UU"
        if (!only_space_or_hyphen(dotted ? gap.substr(1) : gap)) break;
        std::string_view next = words[j]->span.of(text);
        if (capitalised(next)) {
          ++j;
          continue;
        }
        // A connector counts only when a capitalised word follows it
        // ("von der Leyen": two of them).
        if ((connector(next) || joiner(lang, next)) && j + 1 < words.size() &&
            capitalised(words[j + 1]->span.of(text))) {
          j += 2;
          continue;
        }
        if ((next == "von" || next == "van") && j + 2 < words.size() &&
            (words[j + 1]->span.of(text) == "der" || words[j + 1]->span.of(text) == "den") &&
            capitalised(words[j + 2]->span.of(text))) {
          j += 3;
          continue;
        }
        break;
      }
      size_t a = i, b = j;  // [a, b) words
      i = j;
      bool sentence_start = a == 0;
      auto opens_sentence_only = [&](std::string_view w) {
        if (sentence_word(w) || common_word(w)) return true;
        // German: "Viele Experten", "Seit Ende": a function word with its capital.
        return lang == "de" && german_function_word(fold_case(w));
      };
      if (sentence_start && opens_sentence_only(words[a]->span.of(text))) {
        ++a;
        sentence_start = false;  // what follows the function word is mid-sentence
        if (a >= b) continue;
      }
      // Titles inside the run are roles, not names, and cut it into
      // segments: "Russian Security Council Secretary Sergei Shoigu" is an
      // affiliation, a role and a person; "Tổng Bí" of "Tổng Bí thư Tô Lâm"
      // is part of a title.
      struct Segment {
        size_t a, b;
        const RoleMatch* role;   // title just before the segment
        bool before_role;        // a title follows the segment
        bool starts_sentence;
      };
      std::vector<Segment> segments;
      const RoleMatch* pending = role_before(words[a]->span.begin);
      size_t start = a;
      for (size_t k = a; k < b;) {
        const RoleMatch* r = covering(words[k]->span.begin);
        if (!r) {
          ++k;
          continue;
        }
        if (k > start) segments.push_back({start, k, pending, true, sentence_start && start == a});
        pending = r;
        while (k < b && words[k]->span.begin < r->span.end) ++k;
        start = k;
      }
      if (start < b) segments.push_back({start, b, pending, false, sentence_start && start == a});

      // A name data/orgs lists after descriptive nouns is that name alone:
      // "Nachrichtenagentur Xinhua", "Agentur Reuters", "Militärbündnis
      // Nato" (a head word of data/orgwords, or a German noun by its ending).
      for (Segment& seg : segments) {
        for (size_t k = seg.a + 1; k < seg.b; ++k) {
          std::string tail(Span{words[k]->span.begin, words[seg.b - 1]->span.end}.of(text));
          if (!impl_->org_names.count(tail)) continue;
          bool descriptors = std::all_of(words.begin() + seg.a, words.begin() + k, [&](const Token* w) {
            const RoleMatch* o = inside(orgs, w->span);
            return (o && o->span.begin == w->span.begin && o->span.end == w->span.end) ||
                   (lang == "de" && german_noun(w->span.of(text)));
          });
          if (!descriptors) continue;
          seg.a = k;
          seg.role = nullptr;
          seg.starts_sentence = false;
          break;
        }
      }

      // An acronym is a name of its own ("Представители АСЕАН"); so is a
      // country or city inside a run that is not itself a known name ("in
      // Russland Vertreter").
      std::vector<Segment> pieces;
      for (const Segment& seg : segments) {
        Span whole{words[seg.a]->span.begin, words[seg.b - 1]->span.end};
        const RoleMatch* whole_head = inside(orgs, whole);
        bool known = (whole_head && whole_head->role != "none") ||
                     !impl_->gazetteer->find(std::string(whole.of(text))).empty();
        // A run written all in capitals ("SAN FRANCISCO", "ANADOLU AGENCY")
        // is one name, not a row of acronyms.
        bool shouting = seg.b - seg.a > 1 && std::all_of(words.begin() + seg.a, words.begin() + seg.b,
                                                         [&](const Token* w) { return all_caps(w->span.of(text)); });
        size_t from = seg.a;
        size_t role_from = seg.a;  // the piece starting here takes the segment's title
        for (size_t k = seg.a; k < seg.b && !known && !shouting && seg.b - seg.a > 1; ++k) {
          // The longest place name starting here, up to three words
          // ("Russian Federation" of "Russian Federation Sergey Shoigu").
          size_t len = 0;
          for (size_t n = std::min<size_t>(3, seg.b - k); n >= 1 && !len; --n) {
            if (n == seg.b - seg.a) continue;  // the whole segment is not known (checked above)
            std::string name(Span{words[k]->span.begin, words[k + n - 1]->span.end}.of(text));
            auto places = impl_->gazetteer->find(name);
            // Right after a title only a country stands between it and the
            // name ("Secretary ... Russia Sergei Shoigu"); a city or province
            // name there is the person's first name ("Governor Victoria Reyes").
            if (k == seg.a && seg.role && !places.empty() &&
                impl_->gazetteer->places()[places[0].place].kind != PlaceKind::kCountry) {
              continue;
            }
            // After two names or more, a city or province name ending the run
            // is a surname ("Pedro Alves Rocha"): only a country is cut off
            // there. After one word it is the place ("Provinz Gaziantep").
            if (k >= seg.a + 2 && k + n == seg.b && !places.empty() &&
                impl_->gazetteer->places()[places[0].place].kind != PlaceKind::kCountry) {
              continue;
            }
            // A regnal number makes the name before it a person's ("Léon XIV",
            // "Charles III"), and after a title a country stands before a
            // name of two words at least: "cardinal Dominique Mamberti" is a
            // person whose first name is a country's.
            if (!places.empty() && k + n < seg.b && roman_numeral(words[k + n]->span.of(text))) continue;
            if (k == seg.a && seg.role && !places.empty() && seg.b - (k + n) < 2) continue;
            if (!places.empty() || (n == 1 && acronym(name))) len = n;
          }
          if (!len) continue;
          if (k > from) pieces.push_back({from, k, from == role_from ? seg.role : nullptr, false,
                                          seg.starts_sentence && from == seg.a});
          pieces.push_back({k, k + len, nullptr, seg.before_role && k + len == seg.b, false});
          // A country between a title and the name keeps the title for the
          // name ("Thư ký Hội đồng An ninh Nga Sergei Shoigu").
          if (k == from && from == role_from) role_from = k + len;
          from = k + len;
          k += len - 1;
        }
        if (from < seg.b) {
          pieces.push_back({from, seg.b, from == role_from ? seg.role : nullptr, seg.before_role,
                            seg.starts_sentence && from == seg.a});
        }
      }

      // Outside organisation and place names, "of" joins two names ("Xi
      // Jinping of China"); particles (von, da, de) stay inside names
      // ("Ursula von der Leyen", "Lula da Silva"); none starts or ends one.
      std::vector<Segment> parts;
      for (const Segment& seg : pieces) {
        Span whole{words[seg.a]->span.begin, words[seg.b - 1]->span.end};
        bool org = inside(orgs, whole) != nullptr || impl_->org_names.count(std::string(whole.of(text))) ||
                   !impl_->gazetteer->find(std::string(whole.of(text))).empty();  // "Corea del Sur" stays whole
        size_t from = seg.a;
        bool for_kept = false;
        for (size_t k = seg.a; k <= seg.b; ++k) {
          bool of = k < seg.b && !org && words[k]->span.of(text) == "of";
          if (k < seg.b && joiner(lang, words[k]->span.of(text))) {
            // Inside an organisation name "for" follows its head word
            // ("Institute for Fiscal Studies") and "and" precedes it ("Fish
            // and Wildlife Service") or continues a "for" ("Center for
            // Strategic and International Studies"); elsewhere it separates
            // names ("National Drought Authority and Ruto").
            Span before{words[seg.a]->span.begin, words[k]->span.begin};
            Span after{words[k]->span.end, words[seg.b - 1]->span.end};
            bool keep = words[k]->span.of(text) == "for" ? inside(orgs, before) != nullptr
                                                          : inside(orgs, after) != nullptr || for_kept;
            if (keep && words[k]->span.of(text) == "for") for_kept = true;
            of = !keep;
          }
          // A clitic ends a name: "Morocco's | National Seismic...",
          // "Kahramanmaraş'ın | Pazarcık".
          bool after_clitic = k > from && k < seg.b && clitic_at(words[k - 1]->span.of(text)) > 0;
          // Two names joined by a hyphen, each of two words or more
          // ("Prabowo Subianto-Gibran Rakabuming Raka", a ticket); a
          // double-barrelled surname has one word after the hyphen
          // ("Karine Jean-Pierre", "Alexandria Ocasio-Cortez").
          bool pair = false;
          if (k > from + 1 && k + 1 < seg.b) {
            std::string_view gap = text.substr(words[k - 1]->span.end, words[k]->span.begin - words[k - 1]->span.end);
            auto spaced = [&](size_t x) {  // a space between words x-1 and x
              return text.substr(words[x - 1]->span.end, words[x]->span.begin - words[x - 1]->span.end)
                         .find(' ') != std::string_view::npos;
            };
            pair = !gap.empty() && gap.find(' ') == std::string_view::npos && spaced(k - 1) && spaced(k + 1);
          }
          bool cut = k == seg.b || of || after_clitic || pair;
          if (!cut) continue;
          size_t x = from, y = k;
          auto edge = [&](size_t w) {
            std::string_view v = words[w]->span.of(text);
            return connector(v) || joiner(lang, v) || v == "der" || v == "den";
          };
          while (x < y && edge(x)) ++x;
          while (y > x && edge(y - 1)) --y;
          if (x < y) {
            parts.push_back({x, y, from == seg.a ? seg.role : nullptr, k == seg.b && seg.before_role,
                             seg.starts_sentence && x == seg.a});
          }
          from = of ? k + 1 : k;
        }
      }

      for (Segment seg : parts) {
        // Leading words that are not names wherever they stand: words the
        // document also writes in lower case ("By Kyle Feldscher", "On
        // Monday"), capitalised function words, German determiners and
        // numerals ("Ein Erdbeben", "Vier Tage"), month and weekday names.
        // Known names and titled people keep their words.
        if (!seg.role) {
          auto not_name = [&](std::string_view w) {
            std::string x(w);
            return common_word(w) || sentence_word(w) || calendar(x) ||
                   (lang == "de" && (german_function_word(fold_case(x)) || german_number(fold_case(x))));
          };
          while (seg.b - seg.a > 1) {
            Span whole{words[seg.a]->span.begin, words[seg.b - 1]->span.end};
            std::string ws(whole.of(text));
            // English "The" is no part of a name, not even a known body's ("The Associated Press"); a
            // place keeps it ("The Hague", "The Gambia").
            bool the = words[seg.a]->span.of(text) == "The";
            if ((!the && (impl_->org_names.count(ws) || inside(orgs, whole))) || !find_place(ws).empty()) break;
            if (!not_name(words[seg.a]->span.of(text))) break;
            ++seg.a;
            seg.starts_sentence = false;
            // and the particles it leaves at the front ("Lunes de Pascua").
            while (seg.b - seg.a > 1 && connector(words[seg.a]->span.of(text))) ++seg.a;
          }
        }
        // Storms are named but are no entity ("Typhoon Yagi", "bão Yagi"):
        // the words after a storm word are skipped, and so is a run holding one.
        if (seg.a > 0 && storm_word(words[seg.a - 1]->span.of(text))) continue;
        if (std::any_of(words.begin() + seg.a, words.begin() + seg.b,
                        [&](const Token* w) { return storm_word(w->span.of(text)); })) {
          continue;
        }
        Span span{words[seg.a]->span.begin, words[seg.b - 1]->span.end};
        // A clitic is not part of the name: "Trump's" -> "Trump",
        // "Soylu’dan" -> "Soylu".
        if (size_t at = clitic_at(span.of(text)); at > 0) span.end = span.begin + static_cast<uint32_t>(at);
        size_t n = seg.b - seg.a;
        std::string surface(span.of(text));
        Mention m;
        m.span = span;
        // What stands just before and after the segment.
        std::string_view prev_word = seg.a > 0 ? words[seg.a - 1]->span.of(text) : std::string_view();
        std::string_view after = text.substr(span.end, std::min<size_t>(3, text.size() - span.end));
        bool dateline = seg.starts_sentence && all_caps(surface) &&
                        (after.starts_with(",") || after.starts_with(" -") || after.starts_with(" \xE2\x80\x93") ||
                         after.starts_with(" ("));
        // The head word that types the name. A saint's prefix ("San",
        // "Santa", "São") makes a place at the start of the name or after a
        // place word or a lower-case particle ("Basilica di San Pietro"), not
        // inside a person's name ("Aung San Suu Kyi").
        const RoleMatch* head = nullptr;
        for (const auto& o : orgs) {
          if (o.span.begin < span.begin || o.span.end > span.end) continue;
          // Vietnamese names a body head first ("Bộ Quốc phòng"); "Bộ" at the
          // end is a region ("Tây Bắc Bộ", the Northwest).
          if (lang == "vi" && o.span.begin != span.begin) continue;
          if (o.role == "saint" && o.span.begin != span.begin) {
            size_t k = o.span.begin;
            while (k > span.begin && text[k - 1] == ' ') --k;
            size_t w = k;
            while (w > span.begin && text[w - 1] != ' ') --w;
            std::string before(text.substr(w, k - w));
            if (!before.empty() && fold_case(before) != before) continue;  // a capitalised word before it
          }
          head = &o;
          break;
        }
        // A name data/orgs lists, also in the genitive of the languages that
        // add -s ("Natos högkvarter"): its canonical name.
        std::string known_org;
        if (auto c = impl_->org_canonical.find(surface); c != impl_->org_canonical.end()) {
          known_org = c->second;
        } else if ((lang == "sv" || lang == "da" || lang == "nb" || lang == "no" || lang == "de") &&
                   surface.size() > 2 && surface.back() == 's') {
          if (auto g = impl_->org_canonical.find(std::string_view(surface).substr(0, surface.size() - 1));
              g != impl_->org_canonical.end())
            known_org = g->second;
        }
        if (head && head->role == "none" && known_org.empty()) {
          continue;  // "World War II", "Copa del Mundo": a war, a tournament, a treaty is no entity
        } else if (head && (head->role == "place" || head->role == "saint") && known_org.empty()) {
          if (head->span.begin == span.begin && head->span.end == span.end) continue;  // "in Piazza": no name
          m.type = "LOC";  // "Piazza San Pietro", "Sistine Chapel": a place or a building
          if (auto places = find_place(surface); !places.empty()) {
            m.place = impl_->gazetteer->places()[places[0].place].id;
          }
        } else if (!known_org.empty() || head) {
          m.type = "ORG";
          m.org = known_org;
        } else if (dateline) {
          m.type = "LOC";  // "HANOI, April 14 (VNA) –"
          if (auto places = find_place(surface); !places.empty()) {
            m.place = impl_->gazetteer->places()[places[0].place].id;
          }
        } else if (n == 1 && lang == "de" && !prev_word.empty() && german_determiner(prev_word) &&
                   [&] {
                     auto places = find_place(surface);
                     return !places.empty() &&
                            impl_->gazetteer->places()[places[0].place].kind == PlaceKind::kRegion;
                   }()) {
          continue;  // "des Landes" is "of the country", not the French department
        } else if (auto places = find_place(surface);
                   !places.empty() && !(seg.role && impl_->gazetteer->places()[places[0].place].kind !=
                                                        PlaceKind::kCountry)) {
          // (A title before a city or province name makes it a person's:
          // "Kronprinsessan Victoria", "Governor Carolina Ortiz".)
          // A sentence's first word that the document also writes in lower
          // case is that word, not the place: Portuguese "Como ..." is "how",
          // not the Italian province.
          if (n == 1 && seg.starts_sentence && common_word(surface) &&
              impl_->gazetteer->places()[places[0].place].kind != PlaceKind::kCountry)
            continue;
          m.type = "LOC";
          m.place = impl_->gazetteer->places()[places[0].place].id;
        } else if (n == 1 && (surface == "The" || surface == "A" || surface == "An")) {
          continue;  // an article left alone when a place was cut out after it ("from The | Gambia")
        } else if (n == 1 && (calendar(surface) || roman_numeral(surface))) {
          continue;  // "Tuesday", "Dezember", "GMT"; a numeral alone
        } else if (n == 1 && acronym(surface)) {
          m.type = "ORG";
        } else if (n == 1 && (nationality_adjective(lang, surface) || demonym(surface))) {
          continue;
        } else if (seg.before_role) {
          continue;  // "Russian" of "Russian Defence Minister": an affiliation word
        } else if (seg.role) {
          m.type = "PER";
          // An honorific (Mr, Frau, Pak, ông) makes a person; it is kept as
          // the role "honorific" (evidence for the linker), shown as no role.
          m.role = seg.role->role;
          if (m.role != "honorific") m.affiliation = affiliation(seg.role->span, span.begin);
        } else if (n > kMaxNameWords) {
          continue;  // a title-case headline, not a name
        } else if (n > 1 && span.of(text).find(' ') == std::string_view::npos) {
          continue;  // words joined by hyphens only, untitled: "Asia-Pacific", "Biden-Xi", "Азиатско-Тихоокеанского"
        } else if (seg.starts_sentence && n == 1) {
          continue;  // any word is capitalised here
        } else if (lang == "de" && n == 1 && !locative(lang, prev_word)) {
          continue;  // German nouns are capitalised
        } else if (lang == "de" && !prev_word.empty() && german_determiner(prev_word)) {
          continue;  // "die Staatschefs", "mehrere Stunden Zeit"
        } else if (lang == "de" && std::any_of(words.begin() + seg.a, words.begin() + seg.b,
                                               [&](const Token* w) { return german_noun(w->span.of(text)); })) {
          continue;
        } else if (n == 1 && common_word(surface)) {
          continue;  // "Summit" in a document that also writes "summit"
        } else if (!prev_word.empty() && locative(lang, prev_word)) {
          m.type = "LOC";  // "in Hanoi", "tại Hà Nội"
        } else if (n == 1 && [&] {
                     std::string w(surface);
                     for (const RoleMatch& r : impl_->roles->find(w, lang))
                       if (r.span.begin == 0 && r.span.end == w.size()) return true;
                     return false;
                   }()) {
          continue;  // a title alone ("The President's looking forward"): no name
        } else {
          m.type = "PER";
        }
        out.push_back(std::move(m));
      }
    }
  }
  add_lowercase_bodies(text, lang, orgs, out);
  add_listed_lowercase_orgs(text, out);
  return out;
}

// The data/orgs names with a lower-case word, wherever they stand as whole
// words: "die katholische Kirche", "la maison Blanche". They win over the
// mentions they overlap (a capitalised "Kirche" or "Blanche" alone).
void MentionExtractor::add_listed_lowercase_orgs(std::string_view text, std::vector<Mention>& out) const {
  const auto* p = reinterpret_cast<const uint8_t*>(text.data());
  const auto n = static_cast<int32_t>(text.size());
  auto letter_at = [&](int32_t i, bool before) {
    if (before ? i <= 0 : i >= n) return false;
    UChar32 c;
    if (before)
      U8_PREV(p, 0, i, c);
    else
      U8_NEXT(p, i, n, c);
    return c > 0 && (u_isalnum(c) || (U_GET_GC_MASK(c) & U_GC_M_MASK));
  };
  bool added = false;
  for (const auto& [name, canonical] : impl_->lowercase_org_names) {
    for (size_t at = text.find(name); at != std::string_view::npos; at = text.find(name, at + 1)) {
      auto b = static_cast<int32_t>(at), e = static_cast<int32_t>(at + name.size());
      if (letter_at(b, true) || letter_at(e, false)) continue;
      Span span{static_cast<uint32_t>(b), static_cast<uint32_t>(e)};
      out.erase(std::remove_if(out.begin(), out.end(),
                               [&](const Mention& m) { return m.span.begin < span.end && span.begin < m.span.end; }),
                out.end());
      Mention m;
      m.span = span;
      m.type = "ORG";
      m.org = canonical;
      out.push_back(std::move(m));
      added = true;
    }
  }
  if (added)
    std::sort(out.begin(), out.end(), [](const Mention& a, const Mention& b) { return a.span.begin < b.span.begin; });
}

// French, Spanish, Italian and Portuguese write a body's head word in lower
// case and capitalise its field: "ministère de l'Intérieur", "ministerio de
// Sanidad", "ministero degli Esteri". Such a head, its particles and the
// capitalised words after them are one organisation; a building's or a
// square's head with the capitalised words after it is a place ("basilique
// Saint-Pierre"); mentions inside give way to it.
void MentionExtractor::add_lowercase_bodies(std::string_view text, const std::string& lang,
                                            const std::vector<RoleMatch>& orgs, std::vector<Mention>& out) const {
  if (lang != "fr" && lang != "es" && lang != "it" && lang != "pt" && lang != "vi") return;
  static const std::vector<std::string_view> kParticles = {
      "de la ", "de l'", "de l\u2019", "des ", "du ", "de ", "del ", "dell'", "dell\u2019", "della ", "degli ",
      "dei ", "delle ", "di ", "do ", "da ", "dos ", "das "};
  for (const RoleMatch& o : orgs) {
    // Ministries, agencies and councils: a lower-case "centro de Ighil" is
    // the middle of a place. Buildings and squares too ("basilique
    // Saint-Pierre", "chapelle Sixtine", "basilica di San Pietro"): a place,
    // also without a particle; not "place", "casa", "isla" ("à la place de
    // Macron", "en casa de Juan").
    bool body = o.role == "ministry" || o.role == "agency" || o.role == "council";
    if (!body && o.role != "place") continue;
    // A capitalised head is the rules' run already, except a place's at the
    // start of a sentence, which the rules drop as a sentence's first word
    // ("Cầu Long Biên được đóng cửa").
    int32_t fi = static_cast<int32_t>(o.span.begin);
    UChar32 first;
    U8_NEXT(reinterpret_cast<const uint8_t*>(text.data()), fi, static_cast<int32_t>(text.size()), first);
    if (first < 0 || u_isupper(first)) {
      size_t b = o.span.begin;
      while (b > 0 && text[b - 1] == ' ') --b;
      bool sentence_start =
          b == 0 || text[b - 1] == '.' || text[b - 1] == '!' || text[b - 1] == '?' || text[b - 1] == '\n';
      if (body || !sentence_start) continue;
    }
    std::string_view head = text.substr(o.span.begin, o.span.end - o.span.begin);
    std::string folded = fold_case(std::string(head));
    if (!body && (folded == "place" || folded == "casa" || folded.starts_with("isla") || folded.starts_with("monta")))
      continue;
    if (lang == "vi" && body) continue;  // Vietnamese capitalises its bodies' heads ("Bộ Quốc phòng")
    size_t pos = o.span.end;
    if (pos >= text.size() || text[pos] != ' ') continue;
    while (pos < text.size() && text[pos] == ' ') ++pos;
    bool particle = false;
    for (std::string_view p : kParticles) {
      if (text.substr(pos, p.size()) == p) {
        pos += p.size(), particle = true;
        break;
      }
    }
    if (!particle && body) continue;
    // The capitalised words after the particles (one space apart).
    size_t end = pos;
    for (size_t at = pos; at < text.size();) {
      UChar32 c;
      int32_t i = static_cast<int32_t>(at);
      U8_NEXT(reinterpret_cast<const uint8_t*>(text.data()), i, static_cast<int32_t>(text.size()), c);
      if (c < 0 || !u_isupper(c)) break;
      size_t w = static_cast<size_t>(i);
      while (w < text.size()) {
        int32_t k = static_cast<int32_t>(w);
        U8_NEXT(reinterpret_cast<const uint8_t*>(text.data()), k, static_cast<int32_t>(text.size()), c);
        if (c < 0 || !(u_isalpha(c) || c == '-')) break;
        w = static_cast<size_t>(k);
      }
      end = w;
      if (w + 1 >= text.size() || text[w] != ' ') break;
      at = w + 1;
      // Not into a country's name after it ("miền Bắc Việt Nam").
      {
        bool country = false;
        size_t e = at;
        for (int words_ahead = 0; words_ahead < 3 && !country && e < text.size(); ++words_ahead) {
          size_t next = text.find_first_of(" ,.;:)", e);
          if (next == std::string_view::npos) next = text.size();
          for (const PlaceName& pn : impl_->gazetteer->find(std::string(text.substr(at, next - at)))) {
            country = country || impl_->gazetteer->places()[pn.place].kind == PlaceKind::kCountry;
          }
          if (next >= text.size() || text[next] != ' ') break;
          e = next + 1;
        }
        if (country) break;
      }
      // A particle or "and" between two capitalised words stays inside
      // ("Manejo de Desastres y Emergencias"), not before a country or a
      // city ("... de Turquía": the body's country).
      auto place_after = [&](size_t from) {
        size_t e = text.find_first_of(" ,.;:)", from);
        return !impl_->gazetteer->find(std::string(text.substr(from, e == std::string_view::npos ? e : e - from)))
                    .empty();
      };
      for (std::string_view p : kParticles) {
        if (text.substr(at, p.size()) == p && at + p.size() < text.size() &&
            std::isupper(static_cast<unsigned char>(text[at + p.size()]))) {
          if (place_after(at + p.size())) at = text.size();
          else at += p.size();
          break;
        }
      }
      if (at >= text.size()) break;
      for (std::string_view p : {"y ", "e ", "et "}) {
        if (text.substr(at, p.size()) == p && at + p.size() < text.size() &&
            std::isupper(static_cast<unsigned char>(text[at + p.size()]))) {
          at += p.size();
          break;
        }
      }
    }
    if (end == pos) continue;
    Span span{o.span.begin, static_cast<uint32_t>(end)};
    out.erase(std::remove_if(out.begin(), out.end(),
                             [&](const Mention& m) { return m.span.begin < span.end && span.begin < m.span.end; }),
              out.end());
    Mention m;
    m.span = span;
    m.type = body ? "ORG" : "LOC";
    out.insert(std::upper_bound(out.begin(), out.end(), m,
                                [](const Mention& a, const Mention& b) { return a.span.begin < b.span.begin; }),
               std::move(m));
  }
}

}  // namespace ng
