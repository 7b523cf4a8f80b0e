#include "extract/time.h"

#include "core/calendar.h"

#include <unicode/datefmt.h>
#include <unicode/dtfmtsym.h>
#include <unicode/locid.h>
#include <unicode/smpdtfmt.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include "lexicon/tsv.h"

namespace ng {
namespace {

// Languages whose CLDR month and weekday names are loaded. CLDR has more;
// these are the news languages the project meets (add a code to add one).
const char* const kLangs[] = {"en", "de", "fr", "es", "id", "sv", "vi", "ru", "pt", "it", "pl", "nl", "tr", "zh",
                              "ja", "ko", "ar", "uk", "cs", "sk", "ro", "hu", "fi", "da", "nb", "el", "he", "ms",
                              "tl", "bg", "hr", "sr", "sl", "lt", "lv", "et", "fa", "th", "hi", "ca"};

// History narratives: a bare year more than this many years from the
// narrative's is an aside.
constexpr int kNarrativeJump = 10;
// A yearless day within this many days before / after the story's day line is on it, unless the expression written
// since is nearer (days after it, twice the days before it); after a bare year in running text ("seit 1870"), which
// is never nearer, any later day of the line's year is.
constexpr int64_t kLineBack = 14, kLineAhead = 45, kWeakAhead = 300, kWeakYear = kWeakAhead + 1;

int days_in_month(int y, int m) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 29;
  return kDays[m - 1];
}
bool valid_date(int y, int m, int d) { return m >= 1 && m <= 12 && d >= 1 && d <= (y ? days_in_month(y, m) : 31); }

// y < 0: before Christ ("BC0216-08-02"); 0: unknown ("XXXX-08-02").
std::string fmt_date(int y, int m, int d) {
  char buf[32];
  if (y > 0)
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  else if (y < 0)
    std::snprintf(buf, sizeof buf, "BC%04d-%02d-%02d", -y, m, d);
  else
    std::snprintf(buf, sizeof buf, "XXXX-%02d-%02d", m, d);
  return buf;
}
std::string fmt_month(int y, int m) {
  char buf[32];
  if (y > 0)
    std::snprintf(buf, sizeof buf, "%04d-%02d", y, m);
  else if (y < 0)
    std::snprintf(buf, sizeof buf, "BC%04d-%02d", -y, m);
  else
    std::snprintf(buf, sizeof buf, "XXXX-%02d", m);
  return buf;
}
std::string fmt_days(int64_t days) {
  int y, m, d;
  civil_from_days(days, y, m, d);
  return fmt_date(y, m, d);
}
std::string iso_week(int64_t days) {
  // The ISO week year and number of the week containing `days`.
  int64_t thursday = days - weekday_of(days) + 4;
  int y, m, d;
  civil_from_days(thursday, y, m, d);
  int64_t week = (thursday - days_from_civil(y, 1, 1)) / 7 + 1;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-W%02d", y, static_cast<int>(week));
  return buf;
}

// A date that may lack parts (0 = unknown).
struct Ymd {
  int y = 0, m = 0, d = 0;
};

// "2025-12-09", "2025-12", "2025-12-09T10:00Z" -> parts; false if no year.
bool parse_iso(std::string_view s, Ymd& out) {
  auto num = [&](size_t at, size_t n, int& v) {
    if (s.size() < at + n) return false;
    v = 0;
    for (size_t i = at; i < at + n; ++i) {
      if (s[i] < '0' || s[i] > '9') return false;
      v = v * 10 + (s[i] - '0');
    }
    return true;
  };
  Ymd r;
  if (!num(0, 4, r.y)) return false;
  if (s.size() >= 7 && s[4] == '-' && num(5, 2, r.m) && r.m >= 1 && r.m <= 12) {
    if (s.size() >= 10 && s[7] == '-' && num(8, 2, r.d) && !valid_date(r.y, r.m, r.d)) r.d = 0;
  } else {
    r.m = 0;
  }
  out = r;
  return true;
}

// ---- tokens ----
struct Tok {
  uint32_t b = 0, e = 0;
  enum Kind : uint8_t { kWord, kNum, kPunct } kind = kWord;
  bool nl_before = false;  // a line break between this token and the previous one
  bool cap = false;        // begins with an upper-case letter
  uint8_t starts = 0;      // bit 0: starts a phrase of the document's language table, bit 1: of the English one
  uint64_t kinds = 0;      // bit k: a phrase of Kind k starts here (Scan::index_kinds)
  std::string f;           // case-folded text (punctuation: as written)
  int num() const { return std::atoi(f.c_str()); }
  bool is(const char* p) const { return kind == kPunct && f == p; }
};

bool is_cjk(UChar32 c) {
  if (c < 0x2E80) return false;  // below the CJK blocks: no script lookup
  UErrorCode ec = U_ZERO_ERROR;
  UScriptCode s = uscript_getScript(c, &ec);
  return s == USCRIPT_HAN || s == USCRIPT_HIRAGANA || s == USCRIPT_KATAKANA;
}

// Simple (per code point) case folding, without ICU string objects: this runs
// on every word of every document. Names and lexicon phrases go through the
// same function, so both sides agree.
std::string fold_word(std::string_view w) {
  std::string out;
  out.reserve(w.size());
  const auto* p = reinterpret_cast<const uint8_t*>(w.data());
  const auto n = static_cast<int32_t>(w.size());
  for (int32_t i = 0; i < n;) {
    if (p[i] < 0x80) {
      out += static_cast<char>(p[i] >= 'A' && p[i] <= 'Z' ? p[i] + 32 : p[i]);
      ++i;
      continue;
    }
    int32_t start = i;
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0) {
      out.append(w.substr(start, i - start));
      continue;
    }
    if (c == 0x093C) continue;  // the Devanagari nukta, which Hindi news often leaves out ("फ़रवरी", "फरवरी")
    UChar32 f = u_foldCase(c, U_FOLD_CASE_DEFAULT);
    uint8_t buf[U8_MAX_LENGTH];
    int32_t len = 0;
    U8_APPEND_UNSAFE(buf, len, f);  // f is a valid code point: 4 bytes suffice
    out.append(reinterpret_cast<const char*>(buf), len);
  }
  return out;
}

std::vector<Tok> tokenize(std::string_view text) {
  std::vector<Tok> out;
  const auto* p = reinterpret_cast<const uint8_t*>(text.data());
  const auto n = static_cast<int32_t>(text.size());
  bool nl = true;
  int32_t i = 0;
  while (i < n) {
    int32_t start = i;
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c == '\n' || c == '\r') {
      nl = true;
      continue;
    }
    if (c < 0 || u_isUWhiteSpace(c)) continue;
    Tok t;
    t.b = static_cast<uint32_t>(start);
    t.nl_before = nl;
    nl = false;
    if (c >= '0' && c <= '9') {
      while (i < n && p[i] >= '0' && p[i] <= '9') ++i;
      t.kind = Tok::kNum;
      t.e = static_cast<uint32_t>(i);
      t.f = std::string(text.substr(t.b, t.e - t.b));
    } else if (u_charType(c) == U_DECIMAL_DIGIT_NUMBER) {
      // Other decimal digits ("٦ فبراير ٢٠٢٣", "۱۴۰۱", "１５日"): the number in ASCII digits.
      t.f = static_cast<char>('0' + u_charDigitValue(c));
      while (i < n) {
        int32_t j = i;
        UChar32 d;
        U8_NEXT(p, j, n, d);
        if (d < 0 || u_charType(d) != U_DECIMAL_DIGIT_NUMBER) break;
        t.f += static_cast<char>('0' + u_charDigitValue(d));
        i = j;
      }
      t.kind = Tok::kNum;
      t.e = static_cast<uint32_t>(i);
    } else if (u_isUAlphabetic(c) || (U_GET_GC_MASK(c) & U_GC_M_MASK)) {
      if (!is_cjk(c)) {
        while (i < n) {
          int32_t j = i;
          UChar32 d;
          U8_NEXT(p, j, n, d);
          if (d < 0 || is_cjk(d) || !(u_isUAlphabetic(d) || (U_GET_GC_MASK(d) & U_GC_M_MASK))) break;
          i = j;
        }
      }
      t.kind = Tok::kWord;
      t.cap = u_isupper(c) || u_istitle(c);
      t.e = static_cast<uint32_t>(i);
      t.f = fold_word(text.substr(t.b, t.e - t.b));
    } else {
      t.kind = Tok::kPunct;
      t.e = static_cast<uint32_t>(i);
      t.f = std::string(text.substr(t.b, t.e - t.b));
    }
    out.push_back(std::move(t));
  }
  return out;
}

bool is_dash(const Tok& t) {
  return t.kind == Tok::kPunct && (t.f == "-" || t.f == "\u2013" || t.f == "\u2014" || t.f == "/");
}

// ---- name and lexicon tables ----
enum class Kind : uint8_t {
  kMonth,      // value 1..12
  kWeekday,    // value 1..7 (Monday = 1)
  kDay,        // relative day offset ("gestern" -1)
  kWeek,       // relative ISO week offset ("last week" -1)
  kMonthRel,   // relative month offset
  kYearRel,    // relative year offset
  kMod,        // modifier of a weekday: -1 last, 0 this, +1 next
  kGlue,       // may stand between the parts of a date ("de", "năm", "of")
  kAnniv,      // anniversary word
  kFuture,     // future marker in a sentence ("will", "wird", "sẽ")
  kStamp,      // page stamp word ("Updated", "Aktualisiert")
  kRef,        // vague reference: -1 PAST_REF ("recently"), 0 PRESENT_REF ("now"), +1 FUTURE_REF ("soon")
  kQuarter,    // quarter 1..4 of the anchor year ("third quarter")
  kSeason,     // 1 spring, 2 summer, 3 autumn, 4 winter of the anchor year
  kCentury,    // "Jahrhundert", "century", "siècle" after an ordinal
  kTo,         // a range connector between two days ("bis", "au", "đến")
  kCaption,    // a photo-caption word: a date on that line dates the picture
  kDet,        // a determiner written before dates ("le 27 mai"): part of the expression
  kPartOfDay,  // after a day: "Wednesday night", "hier matin" (part of the expression)
  kFuzzy,      // before an expression: "early", "late", "earlier" (part of the expression)
  kSameDay,    // relative to the last day written: "the same day" 0, "the next day" +1, "la veille" -1
  kTarget,     // before a year, a goal ("by 2050", "bis 2030"): not the year of the text
  kNumber,     // a number word before a unit: "two" 2, "zwei" 2; -1 a vague count ("several")
  kUnit,       // a unit of a duration: 1 day, 2 week, 3 month, 4 year, 5 decade, 6 century, 7 hour, 8 minute
  kDurPrep,    // before a duration: -1 back from the publication date ("vor", "il y a"), +1 on from the last date
               // ("nach")
  kDurPost,    // after a duration: +1 after the last date ("later"), -1 before it ("earlier"), -2 back from the
               // publication date ("ago")
  kClock,      // after an hour: "h", "Uhr", "o'clock" 0; "p.m." 12; "a.m." -12 (12 a.m. is midnight)
  kClockWord,  // an hour by name: "noon" 12, "midnight" 24
  kBc,         // after a year or century: before Christ ("BC", "v. Chr.", "av. J.-C.")
  kApprox,     // before a count: "about", "etwa", "mehr als" (part of the expression)
  kVague,      // a vague step in a narrative ("wenig später", "shortly after"): the time written before
  kAnd,        // joins two days of one month: "8. und 9. Mai", "8 and 9 May"
  kYearPrep,   // German: a word before a year ("im", "seit"); a 4-digit number before a noun without one is a count
  kYearOf,     // after a month, day or season, its year relative to the year written before: "des folgenden Jahres"
               // +1, "desselben Jahres" 0, "of the previous year" -1; followed by a year ("des Jahres 1968"): that year
  kHoliday,    // a fixed-date holiday, value MMDD: "Weihnachten" 1225, "Neujahrstag" 101
  kPlan,       // a narrative's future in the past ("sollte"): a yearless day in its sentence is after the story's
  kSameMonth,  // the month written before, moved by the value: "im selben Monat" 0, "im folgenden Monat" +1
  kHalf,       // a half year: "zweite Jahreshälfte" 2; 0: its ordinal is the number before ("1. Halbjahr")
  kDecadeWord,  // a decade by name, before a year word: "zwanziger (Jahre)" 20
  kWeekend,     // a weekend: 0 the last one (the next one with a future marker), -1 the last, +1 the next
  kDayWord,     // before a day of the month written without its month: "el día 15", "no dia 14"
};

static_assert(static_cast<unsigned>(Kind::kDayWord) < 64, "Tok::kinds holds one bit per Kind");

struct Entry {
  Kind kind;
  int value = 0;
  bool abbrev = false;  // an abbreviated name: only inside a date with a number
  bool cap = false;     // CLDR writes it capitalised (en, de): alone, only a capitalised word is the month
};

struct Table {
  std::unordered_map<std::string, std::vector<Entry>> phrases;  // folded words joined by ' '
  std::unordered_set<std::string> first_words;                  // a token that starts no phrase is skipped at once
  size_t max_words = 1;
  bool mdy = false;  // numeric dates month first (en-US)
  void add(const std::string& key, Entry e, size_t words) {
    auto& v = phrases[key];
    for (const Entry& x : v) {
      if (x.kind == e.kind && x.value == e.value) return;
    }
    // The first entry of a kind wins a match; cldr_table adds wide names
    // before abbreviations, so "mai" stays a wide name.
    v.push_back(e);
    max_words = std::max(max_words, words);
    first_words.insert(key.substr(0, key.find(' ')));
  }
};

// Splits a name into the folded keys of its word and number tokens.
std::pair<std::string, size_t> name_key(const std::string& name) {
  std::string key;
  size_t words = 0;
  for (const Tok& t : tokenize(name)) {
    if (t.kind == Tok::kPunct) continue;
    if (!key.empty()) key += ' ';
    key += t.f;
    ++words;
  }
  return {key, words};
}

// Hebrew writes its prepositions, article and "and" onto the next word:
// "בפברואר" (in February), "ביום שני" (on Monday).
const std::vector<std::string>& attached_prefixes(const char* lang) {
  static const std::vector<std::string> kNone, kHebrew = {"ב", "ל", "מ", "ה", "ו", "וב", "ש", "כ"};
  return std::string_view(lang) == "he" ? kHebrew : kNone;
}

void add_symbols(Table& t, const icu::UnicodeString* names, int32_t count, Kind kind, bool abbrev, int first,
                 const std::vector<std::string>& prefixes) {
  for (int32_t i = 0; i < count; ++i) {
    std::string s;
    names[i].toUTF8String(s);
    if (s.empty()) continue;
    auto [key, words] = name_key(s);
    if (key.empty()) continue;
    // One-letter abbreviations and bare numbers are not names.
    if (abbrev && key.size() < 3) continue;
    int value = kind == Kind::kWeekday ? ((i - first + 6) % 7) + 1 : i + 1;
    UChar32 c0 = names[i].char32At(0);
    t.add(key, {kind, value, abbrev, u_isupper(c0) || u_istitle(c0)}, words);
    for (const std::string& p : prefixes) {
      auto [pkey, pwords] = name_key(p + s);
      t.add(pkey, {kind, value, abbrev, false}, pwords);
    }
  }
}

Table cldr_table(const char* lang) {
  Table t;
  icu::Locale loc(lang);
  UErrorCode ec = U_ZERO_ERROR;
  icu::DateFormatSymbols sym(loc, ec);
  if (U_FAILURE(ec)) return t;
  using D = icu::DateFormatSymbols;
  for (auto ctx : {D::FORMAT, D::STANDALONE}) {
    for (auto width : {D::WIDE, D::ABBREVIATED}) {
      int32_t n = 0;
      const icu::UnicodeString* m = sym.getMonths(n, ctx, width);
      add_symbols(t, m, std::min(n, 12), Kind::kMonth, width != D::WIDE, 0, attached_prefixes(lang));
    }
    // Weekdays: wide only; abbreviations ("Mi", "sam", "mar") are ordinary words too often.
    int32_t n = 0;
    const icu::UnicodeString* w = sym.getWeekdays(n, ctx, D::WIDE);
    // ICU weekday arrays are indexed by UCAL_SUNDAY (1) .. UCAL_SATURDAY (7); slot 0 is empty.
    for (int32_t i = 1; i < n && i <= 7; ++i) {
      std::string s;
      w[i].toUTF8String(s);
      auto [key, words] = name_key(s);
      if (key.empty()) continue;
      t.add(key, {Kind::kWeekday, i == 1 ? 7 : i - 1, false}, words);
      for (const std::string& p : attached_prefixes(lang)) {
        auto [pkey, pwords] = name_key(p + s);
        t.add(pkey, {Kind::kWeekday, i == 1 ? 7 : i - 1, false}, pwords);
      }
    }
  }
  // Numeric order from the short date pattern ("M/d/yy", "dd.MM.yy", "y-MM-dd").
  std::unique_ptr<icu::DateFormat> df(icu::DateFormat::createDateInstance(icu::DateFormat::kShort, loc));
  if (auto* sdf = dynamic_cast<icu::SimpleDateFormat*>(df.get())) {
    icu::UnicodeString pat;
    sdf->toPattern(pat);
    int32_t di = pat.indexOf(u'd'), mi = pat.indexOf(u'M');
    t.mdy = mi >= 0 && di >= 0 && mi < di;
  }
  return t;
}

Result<Kind> parse_kind(const std::string& s) {
  static const std::map<std::string, Kind> kKinds = {{"month", Kind::kMonth},
                                                     {"weekday", Kind::kWeekday},
                                                     {"day", Kind::kDay},
                                                     {"week", Kind::kWeek},
                                                     {"monthrel", Kind::kMonthRel},
                                                     {"yearrel", Kind::kYearRel},
                                                     {"mod", Kind::kMod},
                                                     {"glue", Kind::kGlue},
                                                     {"anniversary", Kind::kAnniv},
                                                     {"future", Kind::kFuture},
                                                     {"stamp", Kind::kStamp},
                                                     {"ref", Kind::kRef},
                                                     {"quarter", Kind::kQuarter},
                                                     {"season", Kind::kSeason},
                                                     {"century", Kind::kCentury},
                                                     {"to", Kind::kTo},
                                                     {"caption", Kind::kCaption},
                                                     {"target", Kind::kTarget},
                                                     {"det", Kind::kDet},
                                                     {"partofday", Kind::kPartOfDay},
                                                     {"fuzzy", Kind::kFuzzy},
                                                     {"sameday", Kind::kSameDay},
                                                     {"number", Kind::kNumber},
                                                     {"unit", Kind::kUnit},
                                                     {"durprep", Kind::kDurPrep},
                                                     {"durpost", Kind::kDurPost},
                                                     {"clock", Kind::kClock},
                                                     {"clockword", Kind::kClockWord},
                                                     {"bc", Kind::kBc},
                                                     {"and", Kind::kAnd},
                                                     {"approx", Kind::kApprox},
                                                     {"vague", Kind::kVague},
                                                     {"yearprep", Kind::kYearPrep},
                                                     {"yearof", Kind::kYearOf},
                                                     {"holiday", Kind::kHoliday},
                                                     {"plan", Kind::kPlan},
                                                     {"samemonth", Kind::kSameMonth},
                                                     {"half", Kind::kHalf},
                                                     {"decade", Kind::kDecadeWord},
                                                     {"weekend", Kind::kWeekend},
                                                     {"dayword", Kind::kDayWord}};
  auto it = kKinds.find(s);
  if (it == kKinds.end()) return Status::invalid("unknown kind \"" + s + "\"");
  return it->second;
}

// What a pass over the tokens finds before anchoring.
struct Raw {
  uint32_t b = 0, e = 0;
  size_t tok = 0;  // first token
  enum Type { kDate, kRange, kMonth, kYear, kYearRange, kMonthRange, kWeekday, kRel, kDuration, kShift, kClock,
              kDecade, kBcYear } type = kDate;
  Ymd a, z;  // a: the date (or range start), z: range end
  bool year_written = false;
  int weekday = 0, mod = 0;  // weekday 1..7, modifier
  bool has_mod = false;
  bool future = false;
  Kind rel = Kind::kDay;
  int offset = 0;
  bool stamp = false;
  bool caption = false;   // on a photo-caption line
  bool dateline = false;  // "HANOI, April 15 (VNA) –": the wire's filing date
  int paren_day = 0;      // "quarta-feira (8)": the day of the month written after a weekday
  // kDuration / kShift: n units (n < 0: vague); shift: +1/-1 from the last day written, -2/+2 from the anchor.
  // kClock: hour and minute in a.y / a.m.
  int n = 0, unit = 0, shift = 0;
  bool bc = false;  // a century before Christ
  // A range written as one ("8.–10. Dezember", "1870/1871", "Juni 1994 - Juni 2024") is two expressions, as
  // TIMEX2 and TimeML annotate it: the first part ends at e1, the second starts at token tok2 (split_ranges).
  size_t tok2 = 0;
  uint32_t e1 = 0;
  Type whole = kDate;      // after the split: the range's type
  bool split = false;      // a part of a range
  bool range_end = false;  // its second part: not the year the narrative moves to, not the event date
  bool has_yearof = false;  // "im März des folgenden Jahres": the year is the one written before + yearof
  int yearof = 0;
  bool holiday = false;     // "Weihnachten": a date, but no event date
  bool long_ago = false;    // "vor drei Jahren, am 3. Juni 2021": the text says it is long past; no event date
  int decade_digits = 4;    // kDecade: "1920er" 4; "20er Jahre", "zwanziger Jahre" 2 (the century is the story's)
};

// A year as TIMEX writes it: 1916 -> "1916", -479 (479 BC) -> "BC0479".
std::string fmt_year(int y) {
  char buf[16];
  std::snprintf(buf, sizeof buf, y < 0 ? "BC%04d" : "%04d", y < 0 ? -y : y);
  return buf;
}


struct Anchor {
  Ymd date;          // y (and m, d when known)
  std::string kind;  // "published", "inferred"
  std::string evidence;
  bool ok() const { return date.y > 0; }
};

}  // namespace

struct TimeExtractor::Impl {
  TimeOptions options;
  std::map<std::string, Table> tables;
  Ymd reference;

  const Table* table(const std::string& lang) const {
    auto it = tables.find(lang);
    if (it == tables.end() && lang == "no") it = tables.find("nb");
    return it == tables.end() ? nullptr : &it->second;
  }
};

TimeExtractor::TimeExtractor() = default;
TimeExtractor::~TimeExtractor() = default;

Result<std::unique_ptr<TimeExtractor>> TimeExtractor::create(const TimeOptions& options) {
  std::unique_ptr<TimeExtractor> x(new TimeExtractor());
  x->impl_ = std::make_unique<Impl>();
  Impl& im = *x->impl_;
  im.options = options;
  if (im.options.data_dir.empty()) im.options.data_dir = default_data_dir();
  if (!options.reference_date.empty()) {
    if (!parse_iso(options.reference_date, im.reference) || im.reference.d == 0) {
      return Status::invalid("reference date \"" + options.reference_date + "\": expected YYYY-MM-DD");
    }
  }
  for (const char* lang : kLangs) im.tables[lang] = cldr_table(lang);
  auto files = load_resource(im.options.data_dir, "time", 2, 3);
  if (!files) return files.status();
  for (const TsvFile& f : *files) {
    Table& t = im.tables[f.lang];
    for (const TsvRow& r : f.rows) {
      auto kind = parse_kind(r.fields[1]);
      std::string where = f.path + ":" + std::to_string(r.line) + ": ";
      if (!kind) return Status::invalid(where + kind.status().message());
      int value = 0;
      if (r.fields.size() > 2) {
        char* end = nullptr;
        value = static_cast<int>(std::strtol(r.fields[2].c_str(), &end, 10));
        if (end == r.fields[2].c_str() || *end)
          return Status::invalid(where + "value \"" + r.fields[2] + "\" is not a number");
      }
      if ((*kind == Kind::kMonth && (value < 1 || value > 12)) ||
          (*kind == Kind::kWeekday && (value < 1 || value > 7))) {
        return Status::invalid(where + "month 1..12 or weekday 1..7 (Monday = 1) expected");
      }
      auto [key, words] = name_key(r.fields[0]);
      if (key.empty()) return Status::invalid(where + "empty phrase");
      t.add(key, {*kind, value, false}, words);
    }
  }
  return x;
}

namespace {

// One document's matching state.
struct Scan {
  const std::vector<Tok>& toks;
  const Table* lt;  // the document's language (may be null)
  const Table* en;
  bool english = false;    // "May" alone is a modal verb
  bool narrative = false;  // history texts: bare years from 1000 on
  bool counts_before_nouns = false;  // German: a number before a capitalised noun counts it

  // Longest phrase at token i with an entry of `kind`; returns the token after it.
  // The folded key of the n words from token i ("v. Chr." -> "v chr"); returns
  // the token after them, or 0 when there are not n words on the line.
  size_t phrase_key(size_t i, size_t n, std::string& key) const {
    size_t j = i, words = 0;
    while (j < toks.size() && words < n) {
      const Tok& k = toks[j];
      if (k.kind == Tok::kPunct) {
        // A hyphen inside a name ("quinta-feira") is skipped.
        if (words > 0 && (k.f == "-" || k.f == "'" || k.f == "\u2019") && j + 1 < toks.size() &&
            toks[j + 1].kind == Tok::kWord) {
          ++j;
          continue;
        }
        // The dot of an abbreviation inside a phrase: "v. Chr.", "a.m.", "av. J.-C.".
        if (words > 0 && k.f == "." && toks[j - 1].kind == Tok::kWord && toks[j - 1].e - toks[j - 1].b <= 3 &&
            j + 1 < toks.size() && toks[j + 1].kind == Tok::kWord && !toks[j + 1].nl_before) {
          ++j;
          continue;
        }
        break;
      }
      if (words > 0 && toks[j].nl_before) break;
      if (!key.empty()) key += ' ';
      key += k.f;
      ++words, ++j;
    }
    return words == n ? j : 0;
  }

  // The kinds of the phrases starting at each token (one pass; match() then
  // rejects a kind with a bit test).
  void index_kinds(std::vector<Tok>& mutable_toks) const {
    for (size_t i = 0; i < mutable_toks.size(); ++i) {
      Tok& tk = mutable_toks[i];
      if (!tk.starts) continue;
      for (const Table* t : {lt, en}) {
        if (!t || !(tk.starts & (t == lt ? 1 : 2))) continue;
        for (size_t n = 1; n <= std::min(t->max_words, size_t{4}); ++n) {
          std::string key;
          if (!phrase_key(i, n, key)) break;
          auto it = t->phrases.find(key);
          if (it == t->phrases.end()) continue;
          for (const Entry& e : it->second) tk.kinds |= uint64_t{1} << static_cast<unsigned>(e.kind);
        }
      }
    }
  }

  size_t match(size_t i, Kind kind, Entry& out) const {
    if (i >= toks.size() || toks[i].kind == Tok::kPunct) return 0;
    if (!(toks[i].kinds & (uint64_t{1} << static_cast<unsigned>(kind)))) return 0;
    for (const Table* t : {lt, en}) {
      if (!t) continue;
      // English words in another language's text: only names and stamps, not
      // common words ("Fall" is a German noun, "Tag" not a tag).
      if (t == en && t != lt && kind != Kind::kMonth && kind != Kind::kWeekday && kind != Kind::kStamp &&
          kind != Kind::kCaption && kind != Kind::kGlue && kind != Kind::kAnniv && kind != Kind::kClock &&
          kind != Kind::kBc) {
        break;
      }
      if (!(toks[i].starts & (t == lt ? 1 : 2))) {
        if (t == en) break;
        continue;
      }
      for (size_t n = std::min(t->max_words, size_t{4}); n >= 1; --n) {
        std::string key;
        size_t j = phrase_key(i, n, key);
        if (!j) continue;
        auto it = t->phrases.find(key);
        if (it == t->phrases.end()) continue;
        for (const Entry& e : it->second) {
          if (e.kind != kind) continue;
          out = e;
          // An abbreviation may keep its dot.
          if (e.abbrev && j < toks.size() && toks[j].is(".")) ++j;
          return j;
        }
      }
      if (t == en) break;
    }
    return 0;
  }
  // Whether the n words from token i, ending at token `end`, are a phrase of `kind` in the document's language.
  bool phrase_is(size_t i, size_t n, size_t end, Kind kind) const {
    if (!lt || i >= toks.size() || !(toks[i].kinds & (uint64_t{1} << static_cast<unsigned>(kind)))) return false;
    std::string key;
    if (phrase_key(i, n, key) != end) return false;
    auto it = lt->phrases.find(key);
    if (it == lt->phrases.end()) return false;
    for (const Entry& e : it->second) {
      if (e.kind == kind) return true;
    }
    return false;
  }
  // Whether a phrase of `kind` may start at token i (the bit test match() begins with, inline).
  bool may(size_t i, Kind kind) const {
    return i < toks.size() && (toks[i].kinds >> static_cast<unsigned>(kind)) & 1;
  }
  bool has(size_t i, Kind kind) const {
    Entry e;
    return i < toks.size() && match(i, kind, e) > 0;
  }
  // Skips glue words (and ordinal suffixes) from i.
  size_t glue(size_t i) const {
    Entry e;
    while (i < toks.size()) {
      size_t j = match(i, Kind::kGlue, e);
      if (!j) break;
      i = j;
    }
    return i;
  }
  bool num(size_t i, int lo, int hi, size_t digits_max = 2) const {
    if (i >= toks.size() || toks[i].kind != Tok::kNum || toks[i].f.size() > digits_max) return false;
    int v = toks[i].num();
    return v >= lo && v <= hi;
  }
  bool year(size_t i) const {
    return i < toks.size() && toks[i].kind == Tok::kNum && toks[i].f.size() == 4 && num(i, 1000, 2199, 4);
  }
  // A number that is part of a larger number or a time: "4.17", "250,000", "10:30".
  bool glued_number(size_t i) const {
    if (i + 2 < toks.size() && toks[i + 2].kind == Tok::kNum && toks[i + 1].e == toks[i + 2].b &&
        toks[i].e == toks[i + 1].b && (toks[i + 1].is(":") || toks[i + 1].is(",") || toks[i + 1].is("."))) {
      return true;
    }
    if (i >= 2 && toks[i - 2].kind == Tok::kNum && toks[i - 1].e == toks[i].b && toks[i - 2].e == toks[i - 1].b &&
        (toks[i - 1].is(":") || toks[i - 1].is(",") || toks[i - 1].is("."))) {
      return true;
    }
    return false;
  }
};

// The CJK day mark after a day number: 日, 号, 號, or Korean 일 (with a particle attached: 일에).
bool day_mark(const std::string& f) {
  return f == "日" || f == "号" || f == "號" || f.rfind("일", 0) == 0;
}

// "15日", "16號", "14일": a day of the month without its month, as Chinese, Japanese and Korean news write the days
// around the report (the month is the report's). Not a count of days: "3日間", "5日前", "3日目", "1日半", "第3日",
// "数日", "3일간", "5日元" (yen). Returns the token after it, or 0.
size_t cjk_day(const Scan& s, size_t i) {
  const auto& T = s.toks;
  if (!s.num(i, 1, 31) || s.glued_number(i) || i + 1 >= T.size() || T[i + 1].b != T[i].e) return 0;
  const std::string& mark = T[i + 1].f;
  bool korean = mark == "일" || mark == "일에" || mark == "일부터" || mark == "일까지" || mark == "일의";
  if (!korean && mark != "日" && mark != "号" && mark != "號") return 0;
  if (i > 0 && T[i - 1].e == T[i].b) {
    static const char* const kBefore[] = {"第", "每", "毎", "数", "數", "几", "幾",
                                          "近", "约", "約", "/",  ".",  "-",  "月"};
    for (const char* w : kBefore) {
      if (T[i - 1].f == w) return 0;
    }
  }
  if (!korean && i + 2 < T.size() && T[i + 2].b == T[i + 1].e) {
    static const char* const kAfter[] = {"間", "间", "後", "后", "前", "内", "內", "以", "連", "连",
                                         "目", "半", "分", "程", "余", "餘", "ぶ", "游", "遊", "制",
                                         "天", "当", "あ", "元", "圓", "圆", "币", "幣", "均"};  // 日元: yen; 日均: a
                                                                                                 // daily mean
    for (const char* w : kAfter) {
      if (T[i + 2].f == w) return 0;
    }
  }
  return i + 2;
}

// After an expression ending before token j: "des Jahres 1968", "1940", "331 v. Chr." (a year, negative before
// Christ), or "des folgenden Jahres" (r.has_yearof). Extends r; returns the token after it, or j.
size_t year_after(const Scan& s, size_t j, Raw& r) {
  const auto& T = s.toks;
  if (j >= T.size() || T[j].nl_before) return j;
  Entry of;
  size_t k = s.match(j, Kind::kYearOf, of);
  size_t y = k ? k : j;
  if (y < T.size() && T[y].kind == Tok::kNum && T[y].f.size() <= 4 && !s.glued_number(y) && !T[y].nl_before) {
    Entry bc;
    if (size_t after = s.match(y + 1, Kind::kBc, bc)) {
      r.a.y = -T[y].num();
      r.year_written = true;
      r.e = T[after - 1].e;
      if (after < T.size() && T[after].is(".") && T[after].b == T[after - 1].e) r.e = T[after++].e;
      return after;
    }
    if (s.year(y) && !(y + 1 < T.size() && T[y + 1].kind == Tok::kNum)) {
      r.a.y = T[y].num();
      r.year_written = true;
      r.e = T[y].e;
      return y + 1;
    }
  }
  if (k) {
    r.has_yearof = true;
    r.yearof = of.value;
    r.e = T[k - 1].e;
    return k;
  }
  return j;
}

// "1980er Jahre", "1980er-Jahren": the year word after a decade is part of it. Returns the token after it.
size_t decade_years(const Scan& s, size_t j, Raw& r) {
  const auto& T = s.toks;
  size_t k = j < T.size() && T[j].is("-") && T[j].b == T[j - 1].e ? j + 1 : j;
  Entry unit;
  if (k < T.size() && !T[k].nl_before) {
    if (size_t after = s.match(k, Kind::kUnit, unit); after && unit.value == 4) {
      r.e = T[after - 1].e;
      return after;
    }
  }
  return j;
}

// Tries a date starting at token i; on success fills r and returns the token after it.
size_t match_date(const Scan& s, size_t i, Raw& r) {
  const auto& T = s.toks;
  Entry e;
  // Month first: "December 9", "November 15, 2023", "December 8-10", "Juni 1994", "tháng 12 năm 2025", "12月9日".
  if (size_t j = s.match(i, Kind::kMonth, e)) {
    int m = e.value;
    size_t k = s.glue(j);
    if (k < T.size() && T[k].is(".")) k = s.glue(k + 1);
    if (s.num(k, 1, 31) && !s.glued_number(k) && !(k + 1 < T.size() && T[k + 1].is("%"))) {
      int d = T[k].num();
      size_t after = k + 1;
      // Ordinal suffix or CJK day mark.
      if (after < T.size() && T[after].kind == Tok::kWord &&
          (day_mark(T[after].f) || s.has(after, Kind::kGlue))) {
        after = s.glue(after);
        if (after < T.size() && day_mark(T[after].f)) ++after;
      }
      r.type = Raw::kDate;
      r.a = {0, m, d};
      // Range "December 8-10".
      if (after + 1 < T.size() && is_dash(T[after]) && T[after].f != "/" && s.num(after + 1, 1, 31) &&
          T[after + 1].num() > d && !s.glued_number(after + 1)) {
        r.type = Raw::kRange;
        r.z = {0, m, T[after + 1].num()};
        r.e1 = T[after - 1].e;
        r.tok2 = after + 1;
        after += 2;
      }
      size_t y = after;
      if (y < T.size() && T[y].is(",")) ++y;
      y = s.glue(y);
      if (s.year(y) && !s.glued_number(y)) {
        r.a.y = T[y].num();
        r.z.y = r.a.y;
        r.year_written = true;
        after = y + 1;
      }
      r.e = T[after - 1].e;
      // Korean writes its particle onto the day mark ("8일에"): the expression ends with 일.
      if (after - 1 > k && T[after - 1].f.rfind("일", 0) == 0 && T[after - 1].f.size() > 3) r.e = T[after - 1].b + 3;
      return after;
    }
    size_t y = k;
    if (y < T.size() && (T[y].is(",") || T[y].is("/"))) y = s.glue(y + 1);
    if (s.year(y) && !s.glued_number(y)) {
      r.type = Raw::kMonth;
      r.a = {T[y].num(), m, 0};
      r.year_written = true;
      size_t after = y + 1;
      // "(Juni 1994 - Juni 2024)".
      Entry e2;
      if (after + 1 < T.size() && is_dash(T[after])) {
        if (size_t j2 = s.match(after + 1, Kind::kMonth, e2)) {
          size_t y2 = s.glue(j2);
          if (s.year(y2) && T[y2].num() >= r.a.y) {
            r.type = Raw::kMonthRange;
            r.z = {T[y2].num(), e2.value, 0};
            r.e1 = T[y].e;
            r.tok2 = after + 1;
            after = y2 + 1;
          }
        }
      }
      r.e = T[after - 1].e;
      return after;
    }
    // A month alone ("in January"): wide names longer than three letters ("May", "mai" are words too).
    if (!e.abbrev && T[i].kind == Tok::kWord && (T[i].f.size() > 3 || !s.english) && j == i + 1 &&
        (!e.cap || T[i].cap)) {
      r.type = Raw::kMonth;
      r.a = {0, m, 0};
      r.e = T[i].e;
      return j;
    }
    return 0;
  }
  if (i >= T.size() || T[i].kind != Tok::kNum) return 0;
  if (s.glued_number(i) && !(i + 1 < T.size() && (T[i + 1].is(".") || T[i + 1].is("/") || T[i + 1].is("-")))) return 0;
  // Year first: ISO "2025-12-09", "2025-12", "2025/12/09", year ranges "2020-2025", CJK "2025年12月9日".
  if (s.year(i)) {
    int y = T[i].num();
    // "1912/13", "1926–28": a range of years whose end keeps only its last two digits ("2025-12" stays a month).
    if (i + 2 < T.size() && is_dash(T[i + 1]) && (!T[i + 1].is("-") || T[i + 2].num() > 12) && T[i + 1].b == T[i].e &&
        T[i + 2].b == T[i + 1].e && T[i + 2].kind == Tok::kNum && T[i + 2].f.size() == 2 &&
        !(i + 3 < T.size() && T[i + 3].f == T[i + 1].f && T[i + 3].b == T[i + 2].e)) {
      int z = y / 100 * 100 + T[i + 2].num();
      if (z <= y) z += 100;
      if (z - y <= 10) {
        r.type = Raw::kYearRange;
        r.a = {y, 0, 0};
        r.z = {z, 0, 0};
        r.year_written = true;
        r.e = T[i + 2].e;
        r.e1 = T[i].e;
        r.tok2 = i + 2;
        return i + 3;
      }
    }
    if (i + 2 < T.size() && (T[i + 1].is("-") || T[i + 1].is("/") || T[i + 1].is(".")) && T[i + 1].b == T[i].e &&
        s.num(i + 2, 1, 12) && T[i + 2].f.size() == 2) {
      int m = T[i + 2].num();
      if (i + 4 < T.size() && T[i + 3].f == T[i + 1].f && s.num(i + 4, 1, 31) && T[i + 4].f.size() == 2 &&
          valid_date(y, m, T[i + 4].num())) {
        r.type = Raw::kDate;
        r.a = {y, m, T[i + 4].num()};
        r.year_written = true;
        r.e = T[i + 4].e;
        return i + 5;
      }
      if (!(i + 3 < T.size() && T[i + 3].kind == Tok::kNum && T[i + 3].b == T[i + 2].e)) {
        r.type = Raw::kMonth;
        r.a = {y, m, 0};
        r.year_written = true;
        r.e = T[i + 2].e;
        return i + 3;
      }
    }
    // "2020-2025", "1936 bis 1939", "from 1990 to 1995".
    Entry to;
    size_t y2 = i + 1 < T.size() && is_dash(T[i + 1]) ? i + 2 : s.match(i + 1, Kind::kTo, to);
    if (y2 && y2 < T.size() && s.year(y2) && !s.glued_number(y2) && T[y2].num() > y && T[y2].num() - y <= 100 &&
        !T[y2].nl_before) {
      r.type = Raw::kYearRange;
      r.a = {y, 0, 0};
      r.z = {T[y2].num(), 0, 0};
      r.year_written = true;
      r.e = T[y2].e;
      r.e1 = T[i].e;
      r.tok2 = y2;
      return y2 + 1;
    }
    if (i + 1 < T.size() && (T[i + 1].f == "年" || T[i + 1].f == "년")) {
      Raw inner;
      if (size_t j = match_date(s, i + 2, inner); j && inner.a.m && !inner.year_written) {
        uint32_t b = r.b;
        size_t tok = r.tok;
        r = inner;
        r.b = b;
        r.tok = tok;
        r.a.y = y;
        r.z.y = r.z.m ? y : 0;
        r.year_written = true;
        return j;
      }
      Entry month;
      r.a = {y, 0, 0};
      r.year_written = true;
      // "2023年11月": a month of the year.
      if (size_t j = s.match(i + 2, Kind::kMonth, month)) {
        r.type = Raw::kMonth;
        r.a.m = month.value;
        r.e = T[j - 1].e;
        return j;
      }
      r.type = Raw::kYear;
      r.e = T[i + 1].e;
      return i + 2;
    }
    // A decade: "the 1990s", "die 1980er Jahre".
    if (y % 10 == 0 && i + 1 < T.size() && T[i + 1].kind == Tok::kWord && T[i + 1].b == T[i].e &&
        (T[i + 1].f == "s" || T[i + 1].f == "er")) {
      r.type = Raw::kDecade;
      r.a = {y, 0, 0};
      r.e = T[i + 1].e;
      return decade_years(s, i + 2, r);
    }
    if (s.glued_number(i) || (i + 1 < T.size() && (T[i + 1].is("%") || T[i + 1].kind == Tok::kNum))) return 0;
    // German writes nouns capitalised: "1370 Landungsboote" counts boats, "im Jahr 1370 begann" is a year.
    if (s.counts_before_nouns && i + 1 < T.size() && T[i + 1].kind == Tok::kWord && T[i + 1].cap &&
        !T[i + 1].nl_before && !s.has(i + 1, Kind::kMonth) && !(i > 0 && T[i - 1].kind == Tok::kPunct) &&
        !(i > 0 && (s.has(i - 1, Kind::kYearPrep) || s.has(i - 1, Kind::kMonth) || s.has(i - 1, Kind::kSeason))))
      return 0;
    // News: a bare 4-digit number is a year from 1800 on ("1500 people" is not); history reaches further.
    if (y < (s.narrative ? 1000 : 1800) || y > 2100) return 0;
    r.type = Raw::kYear;
    r.a = {y, 0, 0};
    r.year_written = true;
    r.e = T[i].e;
    return i + 1;
  }
  if (!s.num(i, 1, 31)) return 0;
  int d = T[i].num();
  // Numeric "9/12/2025", "09/20/2024", "9.12.2025", "11-15-23" (order of the locale; a number > 12 decides).
  if (i + 4 < T.size() && (T[i + 1].is("/") || T[i + 1].is(".") || T[i + 1].is("-")) && s.num(i + 2, 1, 31) &&
      T[i + 3].f == T[i + 1].f && T[i + 4].kind == Tok::kNum && (T[i + 4].f.size() == 4 || T[i + 4].f.size() == 2) &&
      T[i + 1].b == T[i].e && T[i + 3].b == T[i + 2].e && T[i + 4].b == T[i + 3].e) {
    int a = d, b = T[i + 2].num(), y = T[i + 4].num();
    if (T[i + 4].f.size() == 2) y += (y > 40 || s.narrative) ? 1900 : 2000;
    bool mdy = s.lt ? s.lt->mdy : false;
    if (a > 12) mdy = false;
    if (b > 12) mdy = true;
    int m = mdy ? a : b, dd = mdy ? b : a;
    if (!valid_date(y, m, dd) || y < 1900 || y > 2100) return 0;
    r.type = Raw::kDate;
    r.a = {y, m, dd};
    r.year_written = true;
    r.e = T[i + 4].e;
    return i + 5;
  }
  // "ngày 9/12": day/month without a year after a day word (lexicon glue before it).
  if (i >= 1 && i + 2 < T.size() && T[i + 1].is("/") && s.num(i + 2, 1, 12) && T[i - 1].kind == Tok::kWord &&
      s.has(i - 1, Kind::kGlue) && !(i + 3 < T.size() && (T[i + 3].is("/") || T[i + 3].kind == Tok::kNum))) {
    r.type = Raw::kDate;
    r.a = {0, T[i + 2].num(), d};
    r.e = T[i + 2].e;
    return i + 3;
  }
  // Day first: "9. Dezember 2025", "4 Maret", "28 maj", "8 de septiembre de 2023", "9 декабря", "8.–10. Dezember", "15
  // Feb, 2024".
  size_t k = i + 1;
  bool dot = k < T.size() && T[k].is(".");
  if (dot) ++k;
  uint32_t e1 = T[k - 1].e;
  k = s.glue(k);
  int d2 = 0;
  size_t sep = 0;
  // "8.–10. Dezember", "14./15. Oktober", "vom 2. auf den 3. Mai".
  if (k < T.size() && is_dash(T[k]) && (T[k].f != "/" || dot))
    sep = k + 1;
  else if (k < T.size() && T[k].kind == Tok::kWord)
    sep = s.match(k, Kind::kTo, e);
  if (sep && s.num(sep, 1, 31) && T[sep].num() > d && !s.glued_number(sep)) {
    d2 = T[sep].num();
    r.e1 = e1;
    r.tok2 = sep;
    k = sep + 1;
    if (k < T.size() && T[k].is(".")) ++k;
    k = s.glue(k);
  }
  if (size_t j = s.match(k, Kind::kMonth, e)) {
    r.type = d2 ? Raw::kRange : Raw::kDate;
    r.a = {0, e.value, d};
    if (d2) r.z = {0, e.value, d2};
    size_t after = j;
    size_t y = j;
    if (y < T.size() && T[y].is(",")) ++y;
    y = s.glue(y);
    if (s.year(y) && !s.glued_number(y)) {
      r.a.y = T[y].num();
      if (d2) r.z.y = r.a.y;
      r.year_written = true;
      after = y + 1;
      if (after < T.size() && !T[after].nl_before && s.has(after, Kind::kGlue) && T[after].f.size() <= 8) {
        after = s.glue(after);
        // An abbreviated year word keeps its dot ("2025 r.", "2025 г.").
        if (after < T.size() && T[after].is(".") && T[after - 1].f.size() <= 2 && T[after - 1].kind == Tok::kWord) ++after;
      }
    }
    r.e = T[after - 1].e;
    return after;
  }
  return 0;
}

// A duration or a shift by one: "three years" (P3Y), "two days later", "vor
// zwei Jahren", "il y a deux semaines", "nach sechs Wochen", "a year
// earlier", "year-ago", "10-day". On success fills r and returns the token after it.
size_t match_duration(const Scan& s, size_t i, Raw& r) {
  const auto& T = s.toks;
  Entry e;
  size_t k = i;
  int prep = 0;
  if (size_t j = s.match(k, Kind::kDurPrep, e)) prep = e.value, k = j;
  if (size_t j = s.match(k, Kind::kApprox, e)) k = j;
  int n = 0;
  if (k < T.size() && T[k].kind == Tok::kNum && T[k].f.size() <= 3 && !s.glued_number(k) &&
      !(k > 0 && T[k - 1].kind == Tok::kNum && T[k - 1].e == T[k].b)) {
    n = T[k].num();
    ++k;
  } else if (size_t j = s.match(k, Kind::kNumber, e)) {
    n = e.value;
    k = j;
  }
  bool hyphen = false;
  if (n && k + 1 < T.size() && T[k].is("-") && T[k].b == T[k - 1].e && T[k + 1].b == T[k].e) ++k, hyphen = true;
  size_t j = s.match(k, Kind::kUnit, e);
  if (!j) return 0;
  int unit = e.value;
  // "year-ago", "year-earlier": one unit, written without a number.
  if (!n) {
    if (prep || !(j + 1 < T.size() && T[j].is("-") && T[j].b == T[j - 1].e)) return 0;
    Entry post;
    size_t after = s.match(j + 1, Kind::kDurPost, post);
    if (!after) return 0;
    r.type = Raw::kShift, r.n = 1, r.unit = unit, r.shift = post.value == -2 ? -2 : post.value;
    r.e = T[after - 1].e;
    return after;
  }
  r.n = n, r.unit = unit;
  r.e = T[j - 1].e;
  if (prep) {
    if (n < 0) return 0;
    r.type = Raw::kShift;
    r.shift = prep < 0 ? -2 : 1;
    return j;
  }
  Entry post;
  if (size_t after = hyphen ? 0 : s.match(j, Kind::kDurPost, post)) {
    r.e = T[after - 1].e;
    if (n < 0) return 0;  // "a few days later": no value
    r.type = Raw::kShift;
    r.shift = post.value;
    return after;
  }
  r.type = Raw::kDuration;
  return j;
}

// A clock time: "18 h 30", "7 Uhr", "10:30 p.m.", "9 o'clock", "noon". The
// hour in r.a.y, the minute in r.a.m.
size_t match_clock(const Scan& s, size_t i, Raw& r) {
  const auto& T = s.toks;
  Entry e;
  if (size_t j = s.match(i, Kind::kClockWord, e)) {
    r.type = Raw::kClock, r.a = {e.value, 0, 0}, r.e = T[j - 1].e;
    return j;
  }
  if (!s.num(i, 0, 24)) return 0;
  if (i > 0 && (T[i - 1].is(":") || T[i - 1].is(".") || T[i - 1].is(",")) && T[i - 1].e == T[i].b) return 0;
  int h = T[i].num(), m = 0;
  size_t k = i + 1;
  if (k + 1 < T.size() && (T[k].is(":") || T[k].is(".")) && T[k].b == T[i].e && T[k + 1].kind == Tok::kNum &&
      T[k + 1].f.size() == 2 && T[k + 1].b == T[k].e && s.num(k + 1, 0, 59)) {
    m = T[k + 1].num();
    k += 2;
  }
  size_t j = s.match(k, Kind::kClock, e);
  if (!j) return 0;
  if (e.value == 12 && h < 12) h += 12;      // p.m.
  if (e.value == -12 && h == 12) h = 0;      // 12 a.m.
  if ((e.value == 12 || e.value == -12) && T[i].num() > 12) return 0;
  // "18 h 30", "4 Uhr 45": the minutes after the hour word.
  if (!m && j < T.size() && T[j].kind == Tok::kNum && T[j].f.size() == 2 && s.num(j, 0, 59) && !s.glued_number(j) &&
      (T[j - 1].f == "h" || T[j - 1].f == "uhr") && !T[j].nl_before &&
      !(j + 1 < T.size() && (s.has(j + 1, Kind::kMonth) || s.has(j + 1, Kind::kUnit)))) {
    m = T[j].num();
    ++j;
  }
  if (j < T.size() && T[j].is(".") && e.abbrev) ++j;
  r.type = Raw::kClock, r.a = {h, m, 0}, r.e = T[j - 1].e;
  if (j < T.size() && T[j - 1].kind == Tok::kWord && T[j - 1].e - T[j - 1].b == 1 && T[j].is(".") &&
      T[j].b == T[j - 1].e)
    r.e = T[j].e, ++j;  // "p.m."
  return j;
}

// Year-bearing dates in a URL: "/2023/11/15/", "20250423", "-251209" inside a long id, "11-15-23".
// A zero-based month count from year y ("mm" months after January of y, may be
// negative) as a year and a month 1..12.
void month_from(int y, int mm, int& yy, int& m) {
  yy = y + (mm < 0 ? (mm - 11) / 12 : mm / 12);
  m = ((mm % 12) + 12) % 12 + 1;
}

bool url_date(std::string_view url, Ymd& out, std::string& evidence) {
  size_t path = url.find("://");
  path = url.find('/', path == std::string_view::npos ? 0 : path + 3);
  if (path == std::string_view::npos) return false;
  std::string_view p = url.substr(path);
  // Digit runs.
  std::vector<std::pair<size_t, size_t>> runs;
  for (size_t i = 0; i < p.size();) {
    if (p[i] >= '0' && p[i] <= '9') {
      size_t j = i;
      while (j < p.size() && p[j] >= '0' && p[j] <= '9') ++j;
      runs.push_back({i, j - i});
      i = j;
    } else {
      ++i;
    }
  }
  auto to_i = [&](size_t at, size_t n) { return std::atoi(std::string(p.substr(at, n)).c_str()); };
  // /yyyy/mm/dd or yyyy-mm-dd, or /yyyy/mm/.
  for (size_t r = 0; r + 1 < runs.size(); ++r) {
    auto [a, an] = runs[r];
    auto [b, bn] = runs[r + 1];
    if (an == 4 && bn == 2 && b == a + 5) {
      int y = to_i(a, 4), m = to_i(b, 2);
      if (y < 1990 || y > 2100 || m < 1 || m > 12) continue;
      int d = 0;
      if (r + 2 < runs.size() && runs[r + 2].second == 2 && runs[r + 2].first == b + 3) d = to_i(runs[r + 2].first, 2);
      if (!valid_date(y, m, d)) d = 0;
      out = {y, m, d};
      evidence = "URL " + std::string(p.substr(a, (d ? runs[r + 2].first + 2 : b + 2) - a));
      return true;
    }
  }
  // yyyymmdd.
  for (auto [a, an] : runs) {
    for (size_t o = 0; an >= 8 && o + 8 <= an; ++o) {
      int y = to_i(a + o, 4), m = to_i(a + o + 4, 2), d = to_i(a + o + 6, 2);
      if (y >= 1990 && y <= 2035 && valid_date(y, m, d)) {
        out = {y, m, d};
        evidence = "URL " + std::string(p.substr(a + o, 8));
        return true;
      }
    }
  }
  // mm-dd-yy.
  for (size_t r = 0; r + 2 < runs.size(); ++r) {
    if (runs[r].second == 2 && runs[r + 1].second == 2 && runs[r + 2].second == 2 &&
        runs[r + 1].first == runs[r].first + 3 && runs[r + 2].first == runs[r + 1].first + 3 &&
        p[runs[r].first + 2] == '-') {
      int m = to_i(runs[r].first, 2), d = to_i(runs[r + 1].first, 2), y = 2000 + to_i(runs[r + 2].first, 2);
      if (valid_date(y, m, d)) {
        out = {y, m, d};
        evidence = "URL " + std::string(p.substr(runs[r].first, 8));
        return true;
      }
    }
  }
  // yymmdd inside a long numeric id (news CMSs embed the date): plausible years only.
  for (auto [a, an] : runs) {
    if (an < 12) continue;
    for (size_t o = 0; o + 6 <= an; ++o) {
      int y = 2000 + to_i(a + o, 2), m = to_i(a + o + 2, 2), d = to_i(a + o + 4, 2);
      if (y >= 2010 && y <= 2035 && valid_date(y, m, d)) {
        out = {y, m, d};
        evidence = "URL " + std::string(p.substr(a + o, 6));
        return true;
      }
    }
  }
  // yyyymm.
  for (auto [a, an] : runs) {
    if (an != 6) continue;
    int y = to_i(a, 4), m = to_i(a + 4, 2);
    if (y >= 1990 && y <= 2100 && m >= 1 && m <= 12) {
      out = {y, m, 0};
      evidence = "URL " + std::string(p.substr(a, 6));
      return true;
    }
  }
  return false;
}

// The year of a date (m, d) nearest to the anchor: a few weeks into the
// future at most, news report the past more than the future.
int nearest_year(int m, int d, const Ymd& anchor) {
  if (!anchor.m) return anchor.y;
  int64_t a = days_from_civil(anchor.y, anchor.m, anchor.d ? anchor.d : 15);
  int best = anchor.y;
  int64_t best_cost = INT64_MAX;
  for (int y = anchor.y - 1; y <= anchor.y + 1; ++y) {
    if (!valid_date(y, m, d ? d : 1)) continue;
    int64_t diff = days_from_civil(y, m, d ? d : 15) - a;
    int64_t cost = diff > 60 ? diff * 3 : (diff < 0 ? -diff : diff);
    if (cost < best_cost) best_cost = cost, best = y;
  }
  return best;
}

// The month of a value the stage wrote ("1940-05", "1940-05-10", "BC0216-08") moved by `shift` months, in the
// value's year `year` (already parsed): false when the value has no month or the result falls in year 0.
bool shift_month(const std::string& value, int year, int shift, int& yy, int& mm) {
  size_t ylen = value.rfind("BC", 0) == 0 ? 6 : 4;
  if (!year || value.size() < ylen + 3) return false;
  mm = std::atoi(value.c_str() + ylen + 1) - 1 + shift;
  month_from(year, mm, yy, mm);
  return yy != 0;
}

// The day `d` of the anchor's month or of the month before or after, whichever is nearest the anchor (a day
// anchor); INT64_MIN if none is a valid date.
int64_t nearest_day_of_month(const Ymd& A, int d) {
  int64_t a = days_from_civil(A.y, A.m, A.d);
  int64_t best = INT64_MIN;
  for (int dm : {0, -1, 1}) {
    int yy, mm;
    month_from(A.y, A.m - 1 + dm, yy, mm);
    if (!valid_date(yy, mm, d)) continue;
    int64_t c = days_from_civil(yy, mm, d);
    if (best == INT64_MIN || std::llabs(c - a) < std::llabs(best - a)) best = c;
  }
  return best;
}

}  // namespace

TimeAnnotation TimeExtractor::annotate(const std::string& text, const std::string& lang, const std::string& published,
                                       const std::string& url) const {
  Document d;
  d.text = text;
  d.lang = lang;
  d.published = published;
  d.url = url;
  // Lines stand for sentences.
  uint32_t b = 0;
  for (uint32_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == '\n') {
      if (i > b) d.sentences.push_back({{b, i}});
      b = i + 1;
    }
  }
  return annotate(d);
}

TimeAnnotation TimeExtractor::annotate(const Document& doc) const {
  if (doc.sentences.empty() && !doc.text.empty()) return annotate(doc.text, doc.lang, doc.published, doc.url);
  const Impl& im = *impl_;
  TimeAnnotation out;
  std::vector<Tok> toks = tokenize(doc.text);
  Scan s{toks, im.table(doc.lang), doc.lang == "en" ? nullptr : im.table("en"), doc.lang == "en" || !im.table(doc.lang),
         im.options.narrative, doc.lang == "de"};
  if (!s.lt) s.lt = im.table("en"), s.en = nullptr;
  // One hash lookup per token and table; every phrase match then starts with a bit test.
  for (Tok& t : toks) {
    if (t.kind == Tok::kPunct) continue;
    if (s.lt && s.lt->first_words.count(t.f)) t.starts |= 1;
    if (s.en && s.en->first_words.count(t.f)) t.starts |= 2;
  }
  s.index_kinds(toks);

  // Sentence index and line of each token.
  std::vector<uint32_t> sent_of(toks.size(), 0);
  {
    size_t si = 0;
    for (size_t i = 0; i < toks.size(); ++i) {
      while (si + 1 < doc.sentences.size() && doc.sentences[si].span.end <= toks[i].b) ++si;
      sent_of[i] = static_cast<uint32_t>(si);
    }
  }
  // Tokens on a token's line.
  auto line_bounds = [&](size_t tok) {
    size_t lo = tok, hi = tok;
    while (lo > 0 && !toks[lo].nl_before) --lo;
    while (hi + 1 < toks.size() && !toks[hi + 1].nl_before) ++hi;
    return std::make_pair(lo, hi);
  };

  // ---- pass 1: expressions ----
  std::vector<Raw> raws;
  for (size_t i = 0; i < toks.size();) {
    const Tok& t = toks[i];
    if (t.kind == Tok::kPunct) {
      ++i;
      continue;
    }
    Raw r;
    r.b = t.b;
    r.tok = i;
    // "die 20er Jahre", "Anfang der 430er Jahre", "die zwanziger Jahre": a decade of the story's century.
    {
      Entry dw;
      size_t after = 0;
      int n = 0;
      if (t.kind == Tok::kNum && (t.f.size() == 2 || t.f.size() == 3) && t.num() % 10 == 0 && t.num() > 0 &&
          i + 1 < toks.size() && toks[i + 1].f == "er" && toks[i + 1].b == t.e) {
        n = t.num(), after = i + 2;
      } else if (size_t jj = s.may(i, Kind::kDecadeWord) ? s.match(i, Kind::kDecadeWord, dw) : 0) {
        n = dw.value, after = jj;
      }
      if (n) {
        Raw d = r;
        d.type = Raw::kDecade;
        d.a = {n, 0, 0};
        d.decade_digits = n >= 100 ? 3 : 2;
        d.e = toks[after - 1].e;
        size_t jj = decade_years(s, after, d);
        if (jj != after) {  // only with its year word: "20er" alone may be anything
          Entry bc;
          if (size_t b2 = s.match(jj, Kind::kBc, bc)) d.bc = true, d.e = toks[b2 - 1].e, jj = b2;
          raws.push_back(d);
          i = jj;
          continue;
        }
      }
    }
    // "490 v. Chr.", "44 BC"; "171–168 v. Chr.", "von 431 bis 404 v. Chr.": two years.
    if (t.kind == Tok::kNum && t.f.size() <= 4 && !s.glued_number(i)) {
      Entry bc;
      size_t second = i + 1 < toks.size() && is_dash(toks[i + 1]) ? i + 2
                      : s.may(i + 1, Kind::kTo)                      ? s.match(i + 1, Kind::kTo, bc)
                                                                     : 0;
      if (second && second + 1 < toks.size() && toks[second].kind == Tok::kNum && toks[second].f.size() <= 4 &&
          toks[second].num() != t.num() && !s.glued_number(second)) {
        if (size_t jj = s.match(second + 1, Kind::kBc, bc)) {
          r.type = Raw::kBcYear;
          r.a = {t.num(), 0, 0};
          r.e = t.e;
          r.split = true;
          r.whole = Raw::kYearRange;
          raws.push_back(r);
          r.a = {toks[second].num(), 0, 0};
          r.b = toks[second].b;
          r.tok = second;
          r.range_end = true;
          r.e = toks[jj - 1].e;
          if (jj < toks.size() && toks[jj].is(".") && toks[jj].b == toks[jj - 1].e) r.e = toks[jj++].e;
          raws.push_back(r);
          i = jj;
          continue;
        }
      }
      if (size_t jj = s.match(i + 1, Kind::kBc, bc)) {
        r.type = Raw::kBcYear;
        r.a = {t.num(), 0, 0};
        r.e = toks[jj - 1].e;
        if (jj < toks.size() && toks[jj].is(".") && toks[jj].b == toks[jj - 1].e) r.e = toks[jj++].e;
        raws.push_back(r);
        i = jj;
        continue;
      }
    }
    // "8. und 9. Mai": the first day takes the month of the second.
    if (s.num(i, 1, 31) && !s.glued_number(i)) {
      size_t k = i + 1;
      if (k < toks.size() && toks[k].is(".")) ++k;
      Entry a;
      size_t next = k < toks.size() && toks[k].is(",") ? k + 1 : s.match(k, Kind::kAnd, a);
      Raw second;
      if (next && match_date(s, next, second) && second.type == Raw::kDate && second.a.d != t.num() &&
          valid_date(second.a.y, second.a.m, t.num())) {
        r.type = Raw::kDate;
        r.a = {second.a.y, second.a.m, t.num()};
        r.year_written = second.year_written;
        r.e = toks[k - 1].e;
        raws.push_back(r);
        i = k;
        continue;
      }
    }
    if (size_t j = match_clock(s, i, r)) {
      raws.push_back(r);
      i = j;
      continue;
    }
    if (size_t j = match_duration(s, i, r)) {
      raws.push_back(r);
      i = j;
      continue;
    }
    if (size_t j = match_date(s, i, r)) {
      Entry m;
      // "Mai/Juni 1866", "im Juni und Juli 1944", "von März bis Oktober 1866", "3. April bis 19. Juni 1803": the
      // first month or day takes the year of the second (the one before, if its month is later).
      if ((r.type == Raw::kMonth || r.type == Raw::kDate) && !r.year_written && j + 1 < toks.size() &&
          !toks[j].nl_before) {
        size_t next = 0;
        if (is_dash(toks[j]) && toks[j].b == toks[j - 1].e && toks[j + 1].b == toks[j].e)
          next = j + 1;
        else if (toks[j].kind == Tok::kWord && !(next = s.match(j, Kind::kAnd, m)))
          next = s.match(j, Kind::kTo, m);
        Raw second;
        if (next && match_date(s, next, second) && (second.type == Raw::kMonth || second.type == Raw::kDate) &&
            second.year_written && second.a.m) {
          r.a.y = second.a.y - (r.a.m > second.a.m ? 1 : 0);
          r.year_written = r.a.y != 0;
        }
      }
      // "3. Juli desselben Jahres", "im März des folgenden Jahres", "2. August 216 v. Chr.".
      if ((r.type == Raw::kDate || r.type == Raw::kMonth) && !r.year_written) j = year_after(s, j, r);
      if (r.type == Raw::kDate || r.type == Raw::kRange || r.type == Raw::kMonth) {
        // "le 27 mai": a determiner the language writes before dates belongs to the expression.
        if (i > 0 && toks[i - 1].kind == Tok::kWord && s.match(i - 1, Kind::kDet, m) == i &&
            (raws.empty() || raws.back().e <= toks[i - 1].b)) {
          r.b = toks[i - 1].b;
        }
        // "le 6 mai dernier", "juin prochain": the modifier after a yearless date picks its side of the anchor.
        if (!r.year_written && j < toks.size() && !toks[j].nl_before) {
          if (size_t after = s.match(j, Kind::kMod, m); after && m.value != 0) {
            r.has_mod = true, r.mod = m.value;
            r.e = toks[after - 1].e;
            j = after;
          }
        }
      }
      raws.push_back(r);
      i = j;
      continue;
    }
    // "el día 15", "no dia 14": a day of the month after the language's day word (a month after it would have
    // made a full date above), in the month of the anchor as "15日".
    if (i > 0 && s.num(i, 1, 31) && !s.glued_number(i) && toks[i - 1].kind == Tok::kWord &&
        s.may(i - 1, Kind::kDayWord) && s.has(i - 1, Kind::kDayWord) &&
        !(i + 1 < toks.size() && toks[i + 1].kind == Tok::kNum)) {
      r.type = Raw::kDate;
      r.a = {0, 0, t.num()};
      r.b = toks[i - 1].b;
      r.e = t.e;
      raws.push_back(r);
      ++i;
      continue;
    }
    if (size_t jj = cjk_day(s, i)) {
      r.type = Raw::kDate;
      r.a = {0, 0, t.num()};  // month 0: the anchor's (case Raw::kDate)
      r.e = toks[jj - 1].f.rfind("일", 0) == 0 ? toks[jj - 1].b + 3 : toks[jj - 1].e;  // "14일에": without the particle
      raws.push_back(r);
      i = jj;
      continue;
    }
    Entry e;
    // "Weihnachten 1870", "am Neujahrstag".
    if (size_t jj = s.may(i, Kind::kHoliday) ? s.match(i, Kind::kHoliday, e) : 0) {
      r.type = Raw::kDate;
      r.a = {0, e.value / 100, e.value % 100};
      r.holiday = true;
      r.e = toks[jj - 1].e;
      if (valid_date(0, r.a.m, r.a.d)) {
        jj = year_after(s, jj, r);
        raws.push_back(r);
        i = jj;
        continue;
      }
    }
    bool rel = false;
    // "20. Jahrhunderts", "19th century": the century as TIMEX writes it ("19"); "1. Halbjahr".
    if (t.kind == Tok::kNum && t.f.size() <= 2 && t.num() >= 1 && t.num() <= 21) {
      size_t k = i + 1;
      if (k < toks.size() && toks[k].is(".")) ++k;
      k = s.glue(k);
      if (size_t jj = t.num() <= 2 ? s.match(k, Kind::kHalf, e) : 0; jj && e.value == 0) {
        r.type = Raw::kRel;
        r.rel = Kind::kHalf;
        r.offset = t.num();
        r.e = toks[jj - 1].e;
        jj = year_after(s, jj, r);
        raws.push_back(r);
        i = jj;
        continue;
      }
      if (size_t jj = s.match(k, Kind::kCentury, e)) {
        r.type = Raw::kRel;
        r.rel = Kind::kCentury;
        r.offset = t.num() - 1;
        r.e = toks[jj - 1].e;
        if (toks[jj - 1].e - toks[jj - 1].b <= 3 && jj < toks.size() && toks[jj].is(".")) r.e = toks[jj++].e;  // "Jh."
        if (size_t after = s.match(jj, Kind::kBc, e)) {
          r.bc = true;
          r.e = toks[after - 1].e;
          jj = after;
          if (jj < toks.size() && toks[jj].is(".") && toks[jj].b == toks[jj - 1].e) r.e = toks[jj++].e;
        }
        raws.push_back(r);
        i = jj;
        continue;
      }
    }
    static constexpr Kind kRelKinds[] = {Kind::kSameDay, Kind::kSameMonth, Kind::kDay,  Kind::kWeek,
                                         Kind::kWeekend, Kind::kMonthRel,  Kind::kYearRel, Kind::kRef,
                                         Kind::kQuarter, Kind::kHalf,      Kind::kSeason,  Kind::kVague};
    for (Kind k : kRelKinds) {
      if (!s.may(i, k)) continue;
      // In a history narrative "yesterday" is the narrative's, not the publication's; "heute" is nowadays.
      if (im.options.narrative && k != Kind::kSeason && k != Kind::kQuarter && k != Kind::kSameDay &&
          k != Kind::kSameMonth && k != Kind::kHalf && k != Kind::kYearRel && k != Kind::kDay && k != Kind::kRef &&
          k != Kind::kVague && k != Kind::kWeekend)
        continue;
      if (!im.options.narrative && k == Kind::kVague) continue;
      if (size_t jj = s.match(i, k, e)) {
        // A history's "heute" is the writer's today; its "gestern" would be the narrative's.
        if (im.options.narrative && k == Kind::kDay && e.value != 0) continue;
        r.type = Raw::kRel;
        r.rel = k;
        r.offset = e.value;
        r.e = toks[jj - 1].e;
        if (k == Kind::kWeekend) {
          for (size_t q = i >= 8 ? i - 8 : 0; q < i && !r.future; ++q) {
            if (sent_of[q] == sent_of[i] && toks[q].kind == Tok::kWord && s.has(q, Kind::kFuture)) r.future = true;
          }
        }
        // "Sommer 1866", "Frühjahr 331 v. Chr.", "Herbst des Jahres 1968", "Ende des Jahres 1866", "Frühjahr des
        // nächsten Jahres".
        if (k == Kind::kHalf && e.value == 0) continue;  // "Halbjahr" needs its ordinal
        // "am Morgen des 6. Juni": the date's part of the day (a fuzzy phrase up to the date), not a day of its own.
        if ((k == Kind::kSameDay || k == Kind::kDay) && jj + 1 < toks.size() && !toks[jj].nl_before) {
          bool part = false;
          Entry f;
          for (size_t p = i; p < jj && !part; ++p) {
            size_t to = s.match(p, Kind::kFuzzy, f);
            Raw probe;
            part = to >= jj && to < toks.size() && match_date(s, to, probe);
          }
          if (part) continue;
        }
        if (k == Kind::kSeason || k == Kind::kHalf) {
          jj = year_after(s, jj, r);
        } else if (k == Kind::kYearRel && e.value == 0) {
          Raw with = r;
          size_t after = year_after(s, jj, with);
          if (with.year_written) r = with, jj = after;
        }
        raws.push_back(r);
        i = jj;
        rel = true;
        break;
      }
    }
    if (rel) continue;
    size_t j = s.match(i, Kind::kWeekday, e);
    // German compounds: "Montagmorgen", "Mittwochabend".
    if (!j && t.kind == Tok::kWord && doc.lang == "de" && t.f.size() > 8 && s.lt) {
      for (const char* suffix : {"morgen", "abend", "nachmittag", "vormittag", "mittag", "nacht"}) {
        std::string_view f = t.f;
        size_t n = std::char_traits<char>::length(suffix);
        if (f.size() > n && f.substr(f.size() - n) == suffix) {
          auto it = s.lt->phrases.find(std::string(f.substr(0, f.size() - n)));
          if (it != s.lt->phrases.end()) {
            for (const Entry& x : it->second) {
              if (x.kind == Kind::kWeekday) e = x, j = i + 1;
            }
          }
        }
      }
    }
    if (j) {
      // "Friday, 09/20/2024", "Dienstag, 9. Dezember": the weekday belongs to the date after it.
      size_t k = j;
      if (k < toks.size() && toks[k].is(",")) ++k;
      k = s.glue(k);
      Raw inner;
      inner.b = r.b;
      inner.tok = i;
      if (size_t after = match_date(s, k, inner); after && inner.type != Raw::kYear) {
        inner.weekday = e.value;
        raws.push_back(inner);
        i = after;
        continue;
      }
      r.type = Raw::kWeekday;
      r.weekday = e.value;
      r.e = toks[j - 1].e;
      // Brazilian style "nesta quinta-feira (8)": the day of the month in parentheses.
      if (j + 2 < toks.size() && toks[j].is("(") && s.num(j + 1, 1, 31) && toks[j + 2].is(")")) {
        r.paren_day = toks[j + 1].num();
        r.e = toks[j + 2].e;
        j += 3;
      }
      // Modifiers: "last Tuesday", "vergangenen Mittwoch", "mardi dernier", "ce dimanche".
      Entry m;
      for (size_t back = 1; back <= 2 && back <= i; ++back) {
        if (!raws.empty() && toks[i - back].b < raws.back().e) break;  // taken by the expression before
        if (s.match(i - back, Kind::kMod, m) == i - back + 1 || (back == 2 && s.match(i - 2, Kind::kMod, m) == i)) {
          r.has_mod = true, r.mod = m.value, r.b = toks[i - back].b;
          break;
        }
      }
      if (!r.has_mod && j < toks.size()) {
        if (size_t after = s.match(j, Kind::kMod, m)) r.has_mod = true, r.mod = m.value, r.e = toks[after - 1].e;
      }
      // Future only when the marker governs the weekday: "will meet on Friday",
      // not "said on Friday that it will".
      for (size_t k = i >= 8 ? i - 8 : 0; k < i && !r.future; ++k) {
        if (sent_of[k] == sent_of[i] && toks[k].kind == Tok::kWord && s.has(k, Kind::kFuture)) r.future = true;
      }
      // A weekday opening its sentence is governed by the verb after it
      // ("Sabato mattina saranno celebrati i funerali").
      if (!r.future && (i == 0 || sent_of[i - 1] != sent_of[i] || (i >= 2 && sent_of[i - 2] != sent_of[i]))) {
        for (size_t k = j; k < std::min(toks.size(), j + 6) && !r.future; ++k) {
          if (sent_of[k] == sent_of[i] && toks[k].kind == Tok::kWord && s.has(k, Kind::kFuture)) r.future = true;
        }
      }
      raws.push_back(r);
      i = j;
      continue;
    }
    ++i;
  }
  // Ranges are two expressions: "8.–10. Dezember 2025" is "8." (2025-12-08) and "10. Dezember 2025".
  {
    std::vector<Raw> parts;
    parts.reserve(raws.size() + 8);
    for (const Raw& r : raws) {
      Raw::Type one = r.type == Raw::kRange ? Raw::kDate : r.type == Raw::kYearRange ? Raw::kYear
                      : r.type == Raw::kMonthRange ? Raw::kMonth : r.type;
      if (one == r.type || !r.tok2 || !r.e1) {
        parts.push_back(r);
        continue;
      }
      Raw first = r, second = r;
      first.type = second.type = one;
      first.whole = second.whole = r.type;
      first.split = second.split = true;
      first.e = r.e1;
      second.a = r.z;
      second.b = toks[r.tok2].b;
      second.tok = r.tok2;
      second.range_end = true;
      second.weekday = 0;
      parts.push_back(first);
      parts.push_back(second);
    }
    raws.swap(parts);
  }
  // Page stamps: "Updated ... November 16, 2023", "Published 15 Feb, 2024", or a date alone on its line at the top.
  for (Raw& r : raws) {
    auto [lo, hi] = line_bounds(r.tok);
    size_t words = 0;
    bool stamp_word = false;
    for (size_t k = lo; k <= hi; ++k) {
      if (toks[k].kind == Tok::kWord) ++words;
      if (toks[k].kind == Tok::kWord && s.has(k, Kind::kStamp)) stamp_word = true;
    }
    size_t date_words = 0;
    for (size_t k = r.tok; k <= hi && toks[k].b < r.e; ++k) date_words += toks[k].kind == Tok::kWord;
    bool date = r.type == Raw::kDate && !r.split;
    r.stamp = (date && r.year_written && (stamp_word || words - date_words <= 1) && hi - lo < 25);
    // "Updated 15 Feb, 2024 ...", a "date 2024-02-15" tag: a stamp word just before the date.
    for (size_t k = r.tok >= 3 ? r.tok - 3 : 0; k < r.tok && date && r.year_written; ++k) {
      if (toks[k].kind == Tok::kWord && s.has(k, Kind::kStamp)) r.stamp = true;
    }
  }

  // Extents: "Wednesday night", "late November", "earlier this year".
  for (size_t ri = 0; ri < raws.size(); ++ri) {
    Raw& r = raws[ri];
    if (r.type == Raw::kYearRange) continue;
    size_t k = r.tok;
    while (k < toks.size() && toks[k].b < r.e) ++k;
    Entry m;
    uint32_t next_b = ri + 1 < raws.size() ? raws[ri + 1].b : UINT32_MAX;
    if ((r.type == Raw::kWeekday || r.type == Raw::kDate || r.type == Raw::kRel) && k < toks.size() &&
        !toks[k].nl_before) {
      if (size_t after = s.match(k, Kind::kPartOfDay, m); after && toks[after - 1].e <= next_b) r.e = toks[after - 1].e;
    }
    size_t first = r.tok;
    while (first > 0 && toks[first - 1].b >= r.b) --first;  // r.b may already include a determiner
    // "late November", "gegen Ende September", "am frühen Morgen des 6. Juni": phrases ending where it begins.
    for (bool grew = true; grew;) {
      grew = false;
      for (size_t back = std::min<size_t>(3, first); back >= 1 && !grew; --back) {
        size_t at = first - back;
        bool ends_here = s.match(at, Kind::kFuzzy, m) == first || s.phrase_is(at, back, first, Kind::kFuzzy);
        if (toks[at].kind == Tok::kWord && ends_here && (ri == 0 || raws[ri - 1].e <= toks[at].b) &&
            !toks[first].nl_before) {
          r.b = toks[at].b;
          first = at;
          grew = true;
        }
      }
    }
  }

  // Photo captions: "(Photo by ...)", "FOTO:", "Ảnh:".
  for (Raw& r : raws) {
    auto [lo, hi] = line_bounds(r.tok);
    for (size_t k = lo; k <= hi && !r.caption; ++k) {
      if (toks[k].kind == Tok::kWord && s.has(k, Kind::kCaption)) r.caption = true;
    }
  }
  // Datelines: a date at the start of a line followed by "(AGENCY)" or a dash.
  for (Raw& r : raws) {
    if (r.type != Raw::kDate) continue;
    auto [lo, hi] = line_bounds(r.tok);
    if (r.tok - lo > 6) continue;
    size_t k = r.tok;
    while (k <= hi && toks[k].b < r.e) ++k;
    if (k <= hi && (toks[k].is("(") || is_dash(toks[k]) || toks[k].is("\u2013") || toks[k].is("\u2014")))
      r.dateline = true;
  }

  // "för tre år sedan, den 3 juni 2021", "on June 4, 2021, three years ago": a date the text itself places a
  // duration before the day of writing is background, and the writing is that much later (an anchor below).
  Anchor ago_anchor;
  for (size_t ri = 0; ri < raws.size() && !im.options.narrative; ++ri) {
    const Raw& ago = raws[ri];
    if (ago.type != Raw::kShift || ago.shift != -2 || ago.n <= 0 || ago.unit < 1 || ago.unit > 4) continue;
    for (size_t rj : {ri + 1, ri - 1}) {
      if (rj >= raws.size()) continue;
      Raw& d = raws[rj];
      if ((d.type != Raw::kDate && d.type != Raw::kMonth) || sent_of[d.tok] != sent_of[ago.tok]) continue;
      const Raw& first = rj > ri ? ago : d;
      size_t gap = 0;  // words between the two ("den", "am", "le")
      for (size_t k = first.tok; k < (rj > ri ? d.tok : ago.tok); ++k) {
        if (toks[k].b >= first.e && toks[k].kind != Tok::kPunct) ++gap;
      }
      if (gap > 2) continue;
      d.long_ago = true;
      if (ago_anchor.ok() || !d.year_written || d.a.y <= 0) break;
      Ymd w = d.a;
      if (ago.unit == 4) {
        w = {d.a.y + ago.n, 0, 0};
      } else if (ago.unit == 3) {
        month_from(d.a.y, d.a.m - 1 + ago.n, w.y, w.m);
        w.d = 0;
      } else if (d.a.d) {
        civil_from_days(days_from_civil(d.a.y, d.a.m, d.a.d) + (ago.unit == 2 ? 7 : 1) * ago.n, w.y, w.m, w.d);
      }
      std::string what(doc.text.substr(std::min(ago.b, d.b), std::max(ago.e, d.e) - std::min(ago.b, d.b)));
      std::replace(what.begin(), what.end(), '\n', ' ');
      ago_anchor = {w, "inferred", "written after a date it says was long ago: " + what};
      break;
    }
  }

  // ---- anchors ----
  Anchor year_anchor, day_anchor;
  Ymd pub;
  if (!doc.published.empty() && parse_iso(doc.published, pub)) {
    year_anchor = {pub, "published", "published " + doc.published.substr(0, 10)};
    if (pub.d) day_anchor = year_anchor;
  }
  auto consider = [&](Anchor a) {
    if (!year_anchor.ok()) year_anchor = a;
    // A day anchor must agree with the year anchor: a background date ("signed May 2, 1985") is not "today".
    if (!day_anchor.ok() && a.date.d && a.date.y == year_anchor.date.y) day_anchor = a;
  };
  // Anniversary: an ordinal near an anniversary word plus a year after it: base + ordinal.
  if (!year_anchor.ok()) {
    for (size_t i = 0; i < toks.size() && !year_anchor.ok(); ++i) {
      if (toks[i].kind != Tok::kWord || !s.has(i, Kind::kAnniv)) continue;
      int ordinal = 0;
      size_t lo = i >= 6 ? i - 6 : 0;
      for (size_t k = lo; k < std::min(toks.size(), i + 6); ++k) {
        if (toks[k].kind == Tok::kNum && toks[k].f.size() <= 3 && toks[k].num() >= 1 && toks[k].num() <= 300) {
          ordinal = toks[k].num();
        }
      }
      if (!ordinal) continue;
      for (size_t k = i + 1; k < std::min(toks.size(), i + 40); ++k) {
        if (s.year(k) && toks[k].num() >= 1800 && !s.glued_number(k)) {
          int base = toks[k].num();
          Anchor a;
          a.date = {base + ordinal, 0, 0};
          a.kind = "inferred";
          a.evidence = "anniversary: " + std::string(doc.text.substr(toks[i].b, toks[k].e - toks[i].b)).substr(0, 120);
          std::replace(a.evidence.begin(), a.evidence.end(), '\n', ' ');
          year_anchor = a;
          break;
        }
      }
    }
  }
  {
    Ymd u;
    std::string ev;
    bool url_year = url_date(doc.url, u, ev);
    if (url_year) consider({u, "inferred", ev});
    // A day and a month name among the URL's words ("...-diretta-23-aprile_...",
    // "...-april-23-..."), in the year the URL or the text gives.
    size_t host = doc.url.find("://");
    size_t path = doc.url.find('/', host == std::string::npos ? 0 : host + 3);
    int year = url_year ? u.y : year_anchor.ok() ? year_anchor.date.y : 0;
    if (!day_anchor.ok() && s.lt && path != std::string::npos && year) {
      std::vector<std::string> words;  // letter runs and digit runs of the path
      std::string_view p = std::string_view(doc.url).substr(path);
      for (size_t i = 0; i < p.size();) {
        auto digit = [](char c) { return c >= '0' && c <= '9'; };
        auto letter = [](char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; };
        size_t j = i;
        if (digit(p[i])) while (j < p.size() && digit(p[j])) ++j;
        else if (letter(p[i])) while (j < p.size() && letter(p[j])) ++j;
        else { ++i; continue; }
        words.emplace_back(p.substr(i, j - i));
        i = j;
      }
      auto month_of = [&](const std::string& w) {
        if (w.size() < 3 || !(w[0] > '9')) return 0;
        auto it = s.lt->phrases.find(name_key(w).first);
        if (it == s.lt->phrases.end()) return 0;
        for (const Entry& e : it->second) {
          if (e.kind == Kind::kMonth && !e.abbrev) return e.value;
        }
        return 0;
      };
      auto day_of = [](const std::string& w) {
        if (w.empty() || w.size() > 2 || !(w[0] >= '0' && w[0] <= '9')) return 0;
        return std::atoi(w.c_str());
      };
      for (size_t i = 0; i < words.size() && !day_anchor.ok(); ++i) {
        int m = month_of(words[i]);
        if (!m) continue;
        int d = i > 0 ? day_of(words[i - 1]) : 0;
        std::string what = d ? words[i - 1] + "-" + words[i] : "";
        if (!d && i + 1 < words.size()) d = day_of(words[i + 1]), what = words[i] + "-" + words[i + 1];
        if (!d || !valid_date(year, m, d)) continue;
        consider({{year, m, d}, "inferred",
                  "URL " + what + " in " + std::to_string(year) + (url_year ? " (URL)" : " (" + year_anchor.evidence + ")")});
      }
    }
  }
  for (const Raw& r : raws) {
    if (r.stamp) {
      consider({r.a, "inferred", "page date line " + fmt_date(r.a.y, r.a.m, r.a.d)});
      break;
    }
  }
  if (ago_anchor.ok()) consider(ago_anchor);
  for (const Raw& r : raws) {
    if (r.type == Raw::kDate && r.year_written && !r.split && r.a.y > 0 && !r.long_ago) {
      consider({r.a, "inferred", "first full date " + fmt_date(r.a.y, r.a.m, r.a.d)});
      break;
    }
  }
  if (!year_anchor.ok()) {
    for (const Raw& r : raws) {
      if (r.type == Raw::kMonth && r.year_written && !r.split && r.a.y > 0 && !r.long_ago) {
        consider({r.a, "inferred", "first year-month " + fmt_month(r.a.y, r.a.m)});
        break;
      }
    }
  }
  if (!year_anchor.ok()) {
    std::map<int, int> years, any_years;  // any_years: with goals, a base for the weekday test below
    for (const Raw& r : raws) {
      if (!r.year_written || r.whole == Raw::kYearRange || r.a.y <= 0) continue;
      bool target = false;
      for (size_t k = r.tok >= 2 ? r.tok - 2 : 0; k < r.tok; ++k) {
        if (toks[k].kind == Tok::kWord && s.has(k, Kind::kTarget)) target = true;
      }
      if (!target) years[r.a.y]++;
      any_years[r.a.y]++;
    }
    int best = 0, n = 0;
    for (auto [y, c] : years) {
      if (c >= n) best = y, n = c;  // ties: the latest
    }
    if (best) consider({{best, 0, 0}, "inferred", "most frequent year " + std::to_string(best)});
    if (!best) {
      for (auto [y, c] : any_years) {
        if (c >= n) best = y, n = c;
      }
    }
    // A weak year: a yearless date with its weekday ("Thursday, April 16", or a
    // dateline "Sept. 10" with "on Thursday" in its sentence) picks the year near it.
    for (size_t ri = 0; best && ri < raws.size(); ++ri) {
      const Raw& r = raws[ri];
      if (r.type != Raw::kDate || r.year_written) continue;
      int wd = r.weekday;
      for (size_t rj = ri + 1; !wd && rj < raws.size() && sent_of[raws[rj].tok] == sent_of[r.tok]; ++rj) {
        if (raws[rj].type == Raw::kWeekday && !raws[rj].has_mod) wd = raws[rj].weekday;
      }
      if (!wd) continue;
      int found = 0;
      for (int dy : {0, 1, -1, 2, -2, 3, -3, 4, -4, 5, -5, 6, -6}) {
        if (valid_date(best + dy, r.a.m, r.a.d) && weekday_of(days_from_civil(best + dy, r.a.m, r.a.d)) == wd) {
          found = best + dy;
          break;
        }
      }
      if (!found) continue;
      Anchor a;
      a.date = {found, r.a.m, r.a.d};
      a.kind = "inferred";
      a.evidence =
          "weekday fits " + fmt_date(found, r.a.m, r.a.d) + " (years in the text: " + std::to_string(best) + ")";
      year_anchor = day_anchor = a;
      break;
    }
  }
  if (im.reference.y) consider({im.reference, "inferred", "reference date " + im.options.reference_date});

  // "bis 2030", "by 2050", "bis zum 4. Februar 1871": a goal or an end point just before the expression.
  auto after_target = [&](const Raw& r) {
    for (size_t k = r.tok >= 2 ? r.tok - 2 : 0; k < r.tok; ++k) {
      if (toks[k].kind == Tok::kWord && s.has(k, Kind::kTarget)) return true;
    }
    return false;
  };
  // A plan word ("sollte") after the expression in its clause (to the next comma or sentence end, 15 words at most).
  auto plan_after = [&](const Raw& r) {
    for (size_t k = r.tok + 1; k < toks.size() && k < r.tok + 16 && sent_of[k] == sent_of[r.tok]; ++k) {
      bool clause_end = toks[k].is(",") || toks[k].is(";") || (toks[k].is(".") && toks[k - 1].kind == Tok::kWord);
      if (toks[k].b >= r.e && clause_end) return false;
      if (toks[k].kind == Tok::kWord && toks[k].b >= r.e && s.has(k, Kind::kPlan)) return true;
    }
    return false;
  };
  // ---- pass 2: values ----
  struct Resolved {
    int64_t day = INT64_MIN;  // day precision value, for the event date
    const Raw* raw = nullptr;
  };
  std::vector<Resolved> days;
  int narrative_year = 0;
  int64_t last_day = INT64_MIN;  // the last day-precision value, for "the same day", "the next day"
  uint32_t last_day_sent = UINT32_MAX;  // its sentence
  std::string last_value;    // the last date, month, quarter, season or year, for "a year earlier"
  std::string last_quarter;  // the last quarter, for "the quarter"
  int last_year = 0;         // the year of the last expression with one (negative: before Christ)
  // A history narrative's place (TimeOptions::narrative): narrative_year and the span of days of the expression that
  // set it (story_lo..story_hi; a bare year in running text, "seit 1870", gives none: story_weak); the story's day
  // line (the last day written or resolved, flashbacks and end points aside); the year of the last heading with one.
  int64_t story_lo = INT64_MIN, story_hi = INT64_MIN, line_day = INT64_MIN;
  bool story_weak = false;
  int section_year = 0;
  size_t section_line = SIZE_MAX;  // the heading line that gave it
  auto set_story = [&](int y, int64_t lo, int64_t hi, bool weak) {
    narrative_year = y;
    story_lo = lo, story_hi = hi, story_weak = weak;
  };
  auto whole_year = [&](int y, bool weak) { set_story(y, days_from_civil(y, 1, 1), days_from_civil(y, 12, 31), weak); };
  // Headings: short lines without a sentence's end ("Feldzug 1809", "Südliche Front"), with
  // whether a year is written on them.
  struct Heading {
    size_t lo, hi;  // its tokens
    bool year = false;
  };
  std::vector<Heading> headings;
  if (im.options.narrative) {
    for (size_t i = 0; i < toks.size(); ++i) {
      if (!toks[i].nl_before) continue;
      auto [lo, hi] = line_bounds(i);
      const Tok& last = toks[hi];
      bool ends = last.kind == Tok::kPunct && (last.f == "." || last.f == ":" || last.f == "!" || last.f == "?" ||
                                              last.f == ";" || last.f == "," || last.f == "\u201c" ||
                                              last.f == "\"" || last.f == "\u00ab" || last.f == "\u00bb");
      if (hi - lo <= 14 && !ends) headings.push_back({lo, hi});
    }
    size_t h = 0;
    for (const Raw& q : raws) {
      while (h < headings.size() && headings[h].hi < q.tok) ++h;
      if (h < headings.size() && q.tok >= headings[h].lo && (q.year_written || q.type == Raw::kBcYear))
        headings[h].year = true;
    }
  }
  size_t next_heading = 0;
  int last_written = 0;  // the last year written, asides too
  for (const Raw& r : raws) {
    bool range_start = r.split && (r.whole == Raw::kYearRange || r.whole == Raw::kMonthRange);
    bool bc_year = r.type == Raw::kBcYear;
    int written_year = bc_year ? -r.a.y : r.a.y;
    size_t line_lo = 0, line_hi = 0;  // r's line (narratives only)
    bool on_heading = false;
    if (im.options.narrative) {
      std::tie(line_lo, line_hi) = line_bounds(r.tok);
      // A heading starts a section: the day line is broken; a heading without a year goes back to the year of the
      // last one with one ("1809" ... "Südliche Front").
      for (; next_heading < headings.size() && headings[next_heading].lo <= r.tok; ++next_heading) {
        const Heading& h = headings[next_heading];
        line_day = last_day = INT64_MIN;
        if (h.lo == line_lo) continue;  // r's own line: r may give it its year
        if (!h.year && section_year) whole_year(section_year, false);
      }
      on_heading = next_heading > 0 && headings[next_heading - 1].lo == line_lo;
    }
    if (r.range_end) {
      // The end of a range: the story is at its beginning.
    } else if (r.stamp && pub.d && r.a.y == pub.y && r.a.m == pub.m && r.a.d == pub.d) {
      // The document's own date line is not the story's.
    } else if (im.options.narrative && r.type != Raw::kYear && after_target(r)) {
      // "bis zum 4. Februar 1871": where something lasted to, not where the story is.
    } else if (!im.options.narrative) {
      if (r.year_written && !range_start) narrative_year = written_year;
    } else if ((r.year_written || bc_year) && !range_start) {
      // Otherwise a bare year far from the narrative's, or in parentheses, is an aside
      // ("(1769-1821)", "das 1871 gegründete Reich"): the story stays where it is.
      // A year alone on its line is a heading: the story moves there.
      bool bare = r.type == Raw::kYear || bc_year;
      // Two in a row ("(149–146 v. Chr.)" ... "Ende 149 v. Chr."): the story has moved there.
      bool aside = bare && narrative_year && line_lo != line_hi && !on_heading &&
                   ((std::abs(written_year - narrative_year) > kNarrativeJump &&
                     !(last_written && std::abs(written_year - last_written) <= kNarrativeJump)) ||
                    (r.tok > 0 && toks[r.tok - 1].is("(")));
      if (!aside) {
        // Where in the year: a day, a month; a bare year in running text ("seit 1870", "bis 1871") says nothing
        // of it unless a year word stands before it ("im Jahr 1869") or it heads a section.
        Entry unit;
        size_t before = r.tok;
        while (before > 0 && toks[before - 1].b >= r.b) --before;
        bool year_word = before > 0 && s.match(before - 1, Kind::kUnit, unit) == before && unit.value == 4;
        // "1938 wurde ...", "Anfang 1917 begann ...": a sentence that starts with its year is set in it.
        bool starts = toks[before].nl_before ||
                      (before >= 2 && toks[before - 2].kind == Tok::kWord &&
                       (toks[before - 1].is(".") || toks[before - 1].is("!") || toks[before - 1].is("?")));
        year_word = year_word || starts;
        int y = written_year;
        if (r.type == Raw::kDate && valid_date(y, r.a.m, r.a.d))
          set_story(y, days_from_civil(y, r.a.m, r.a.d), days_from_civil(y, r.a.m, r.a.d), false);
        else if (r.type == Raw::kMonth && r.a.m)
          set_story(y, days_from_civil(y, r.a.m, 1), days_from_civil(y, r.a.m, days_in_month(y, r.a.m)), false);
        else if (r.type == Raw::kRel && r.rel == Kind::kSeason && r.offset >= 1 && r.offset <= 3)
          set_story(y, days_from_civil(y, 3 * r.offset, 1), days_from_civil(y, 3 * r.offset + 2, 30), false);
        else
          whole_year(y, bare && !year_word && !on_heading && line_lo != line_hi);
        if (on_heading && section_line != line_lo) section_year = y, section_line = line_lo;
      }
    } else if (range_start && (!narrative_year || line_hi - line_lo < 12 || on_heading)) {  // narratives only
      // "Der Krieg (1861-1865)", a heading "Juni 1944 bis Mai 1945": the story starts at the beginning.
      whole_year(written_year, false);
      if (on_heading && section_line != line_lo) section_year = written_year, section_line = line_lo;
    }
    if ((r.year_written || bc_year) && !r.range_end && !(r.stamp && pub.d && r.a.y == pub.y))
      last_written = written_year;
    TimeExpr x;
    x.span = {r.b, r.e};
    x.anchor = "explicit";
    bool plan = false;
    auto use_year_anchor = [&](int m, int d) {
      if (im.options.narrative && narrative_year) {
        x.anchor = "inferred";
        x.evidence = "year written before: " + fmt_year(narrative_year);
        // A yearless day or month close to the story's day line (two weeks before it to six weeks after) is on
        // it, when the year written since is further from it or says nothing of where it is ("am 28. Juli" ...
        // "schon beim Treffen vom 3. November 1868" ... "am 12. Juni": 1870).
        if (m) {
          auto days_of = [&](int y, int64_t& lo, int64_t& hi) {
            if (!valid_date(y, m, d ? d : 1)) return false;
            lo = days_from_civil(y, m, d ? d : 1);
            hi = days_from_civil(y, m, d ? d : days_in_month(y, m));
            return true;
          };
          int64_t lo, hi, best = INT64_MAX;
          if (days_of(narrative_year, lo, hi)) {
            best = story_weak                ? kWeakYear
                   : story_lo == INT64_MIN   ? 0
                   : hi < story_lo           ? 2 * (story_lo - hi)
                   : lo > story_hi           ? lo - story_hi
                                             : 0;
          }
          int ly = 0, lm, ld, y = narrative_year;
          if (line_day != INT64_MIN) civil_from_days(line_day, ly, lm, ld);
          for (int cand : {ly, ly + 1, ly - 1}) {
            if (line_day == INT64_MIN) break;
            if (cand == narrative_year || cand == 0 || !days_of(cand, lo, hi)) continue;
            int64_t off = hi < line_day ? hi - line_day : lo > line_day ? lo - line_day : 0;
            // After a bare year in running text, any later day of the line's year is on it.
            if (off < -kLineBack || off > (story_weak && cand == ly ? kWeakAhead : kLineAhead)) continue;
            int64_t dist = off < 0 ? -2 * off : off;
            if (dist < best) best = dist, y = cand;
          }
          // "Im Dezember 1868 ... Im Januar": just after the story's month, in the next year.
          int next = narrative_year + 1;
          if (!story_weak && story_hi != INT64_MIN && next != 0 && days_of(next, lo, hi) && lo > story_hi &&
              lo - story_hi <= kLineAhead && lo - story_hi < best) {
            best = lo - story_hi, y = next;
          }
          if (y != narrative_year) {
            x.evidence = y == narrative_year + 1 && (line_day == INT64_MIN || ly != y)
                             ? "the year after the story's " + fmt_year(narrative_year)
                             : "the story's day line: " + fmt_days(line_day);
            narrative_year = y;
          }
        }
        return narrative_year;
      }
      if (!year_anchor.ok()) {
        x.anchor = "none";
        return 0;
      }
      x.anchor = year_anchor.kind;
      x.evidence = year_anchor.evidence;
      return nearest_year(m, d, year_anchor.date);
    };
    // "im März des folgenden Jahres": the year written before (a narrative's), moved by yearof.
    auto year_of = [&]() {
      int base = im.options.narrative ? narrative_year
                 : last_year             ? last_year
                 : year_anchor.ok()      ? year_anchor.date.y
                                         : 0;
      if (!base) return 0;
      x.anchor = "inferred";
      x.evidence = "year written before: " + fmt_year(base);
      int y = base + r.yearof;
      if (im.options.narrative && r.yearof > 0) narrative_year = y;  // the story moves on
      return y;
    };
    int64_t day = INT64_MIN;
    switch (r.type) {
      case Raw::kDate: {
        if (!r.a.m) {
          // A day alone ("15日"): in the month nearest the day anchor, else in the month the text is dated.
          x.kind = "date";
          if (day_anchor.ok()) {
            day = nearest_day_of_month(day_anchor.date, r.a.d);
            if (day == INT64_MIN) continue;
            x.anchor = day_anchor.kind;
            x.evidence = "the day in the month nearest " + day_anchor.evidence;
            x.value = fmt_days(day);
          } else if (year_anchor.ok() && year_anchor.date.m &&
                     valid_date(year_anchor.date.y, year_anchor.date.m, r.a.d)) {
            day = days_from_civil(year_anchor.date.y, year_anchor.date.m, r.a.d);
            x.anchor = year_anchor.kind;
            x.evidence = "the day in the month of " + year_anchor.evidence;
            x.value = fmt_days(day);
          } else {
            char buf[16];
            std::snprintf(buf, sizeof buf, "XXXX-XX-%02d", r.a.d);
            x.value = buf;
            x.anchor = "none";
          }
          break;
        }
        int y = r.year_written ? r.a.y : r.has_yearof ? year_of() : use_year_anchor(r.a.m, r.a.d);
        // A narrative's plan ("die am 1. Januar in Kraft treten sollte"): the first such day after the story's.
        if (im.options.narrative && !r.year_written && !r.has_yearof && y && line_day != INT64_MIN &&
            valid_date(y, r.a.m, r.a.d) && days_from_civil(y, r.a.m, r.a.d) < line_day && y + 1 != 0 &&
            plan_after(r)) {
          ++y;
          plan = true;
          x.evidence += "; a plan: after the story's day";
        }
        if (r.has_mod && y && year_anchor.date.m && valid_date(y, r.a.m, r.a.d)) {
          // "dernier": on or before the anchor; "prochain": after it.
          const Ymd& A = year_anchor.date;
          int64_t a = days_from_civil(A.y, A.m, A.d ? A.d : 15), v = days_from_civil(y, r.a.m, r.a.d);
          if (r.mod < 0 && v > a) --y;
          if (r.mod > 0 && v <= a) ++y;
        }
        // "jeudi 8 mai": the written weekday picks the year among those near the anchor.
        if (!r.year_written && y && r.weekday && valid_date(y, r.a.m, r.a.d) &&
            weekday_of(days_from_civil(y, r.a.m, r.a.d)) != r.weekday) {
          for (int dy : {1, -1, 2, -2, 3, -3}) {
            if (valid_date(y + dy, r.a.m, r.a.d) && weekday_of(days_from_civil(y + dy, r.a.m, r.a.d)) == r.weekday) {
              y += dy;
              x.evidence += "; year fits the weekday";
              break;
            }
          }
        }
        if (!valid_date(y, r.a.m, r.a.d)) continue;
        x.kind = "date";
        x.value = fmt_date(y, r.a.m, r.a.d);
        if (y) day = days_from_civil(y, r.a.m, r.a.d);
        break;
      }
      case Raw::kRange: {
        int y = r.year_written ? r.a.y : use_year_anchor(r.a.m, r.a.d);
        if (!valid_date(y, r.z.m, r.z.d)) continue;
        x.kind = "range";
        x.value = fmt_date(y, r.a.m, r.a.d) + "/" + fmt_date(y, r.z.m, r.z.d);
        if (y) day = days_from_civil(y, r.a.m, r.a.d);
        break;
      }
      case Raw::kMonth: {
        int y = r.year_written ? r.a.y : r.has_yearof ? year_of() : use_year_anchor(r.a.m, 0);
        x.kind = "month";
        x.value = fmt_month(y, r.a.m);
        break;
      }
      case Raw::kMonthRange:
        x.kind = "range";
        x.value = fmt_month(r.a.y, r.a.m) + "/" + fmt_month(r.z.y, r.z.m);
        break;
      case Raw::kYear:
        x.kind = "year";
        x.value = std::to_string(r.a.y);
        break;
      case Raw::kBcYear: {
        char buf[16];
        std::snprintf(buf, sizeof buf, "BC%04d", r.a.y);
        x.kind = "year";
        x.value = buf;
        break;
      }
      case Raw::kDecade: {
        x.kind = "decade";
        if (r.decade_digits == 4) {
          x.value = std::to_string(r.a.y / 10);
          break;
        }
        // "die 20er Jahre": the century of the story (of the text's year); "460er Jahre" in a story before Christ.
        int base = im.options.narrative && narrative_year ? narrative_year
                   : last_year                             ? last_year
                   : year_anchor.ok()                      ? year_anchor.date.y
                                                           : 0;
        char buf[16];
        if (r.decade_digits == 3) {
          bool bc = r.bc || base < 0;
          std::snprintf(buf, sizeof buf, bc ? "BC%03d" : "%03d", r.a.y / 10);
        } else {
          if (base <= 0) continue;
          int y = base / 100 * 100 + r.a.y;
          if (y > base + 5) y -= 100;
          std::snprintf(buf, sizeof buf, "%03d", y / 10);
        }
        x.anchor = r.decade_digits == 2 ? "inferred" : "explicit";
        x.value = buf;
        break;
      }
      case Raw::kDuration: {
        static const char* const kUnits[] = {"D", "W", "M", "Y", "DE", "CE", "H", "M"};
        if (r.unit < 1 || r.unit > 8) continue;
        x.kind = "duration";
        x.value = std::string(r.unit >= 7 ? "PT" : "P") + (r.n < 0 ? std::string("X") : std::to_string(r.n)) +
                  kUnits[r.unit - 1];
        break;
      }
      case Raw::kClock: {
        // On the day written before in the sentence, else the day the text is about.
        int64_t on = last_day != INT64_MIN && last_day_sent == sent_of[r.tok] ? last_day : INT64_MIN;
        if (on == INT64_MIN) on = last_day;
        if (on == INT64_MIN && day_anchor.ok()) {
          on = days_from_civil(day_anchor.date.y, day_anchor.date.m, day_anchor.date.d);
          x.anchor = day_anchor.kind;
          x.evidence = day_anchor.evidence;
        } else {
          x.anchor = "inferred";
        }
        if (on == INT64_MIN) continue;
        char buf[8];
        std::snprintf(buf, sizeof buf, "T%02d:%02d", r.a.y, r.a.m);
        x.kind = "time";
        x.value = fmt_days(on) + buf;
        break;
      }
      case Raw::kShift: {
        // "a year earlier" after "the third quarter of 1989": the same granularity, a year before.
        int sign = r.shift > 0 ? 1 : -1;
        // "two years ago" counts from today: only a quarter written before lends its granularity.
        bool granular = r.shift != -2 || last_value.find("-Q") != std::string::npos;
        if (r.unit == 4 && granular && last_year) {
          // A narrative's "ein Jahr später" is a year (TIMEX2); news keep the granularity ("2023-Q3").
          int y = last_year + sign * r.n;
          size_t rest = last_value.rfind("BC", 0) == 0 ? 6 : 4;
          if (y == 0 || y > 9999) continue;
          x.kind = "relative";
          x.anchor = "inferred";
          x.evidence = "shifted from " + last_value;
          x.value = fmt_year(y) + (im.options.narrative ? std::string() : last_value.substr(rest));
          if (im.options.narrative && sign > 0) narrative_year = y;  // "ein Jahr später": the story moves on
          if (x.value.size() == 10 && !valid_date(y, std::atoi(x.value.substr(5, 2).c_str()),
                                                  std::atoi(x.value.substr(8, 2).c_str())))
            continue;
          break;
        }
        // A narrative's "einen Monat später" after "Anfang Mai": the month written before, moved on.
        size_t month_len = last_value.rfind("BC", 0) == 0 ? 9 : 7;
        if (im.options.narrative && r.unit == 3 && last_year && last_value.size() == month_len && r.n > 0) {
          int yy, mm;
          if (!shift_month(last_value, last_year, sign * r.n, yy, mm)) continue;
          x.kind = "relative";
          x.anchor = "inferred";
          x.evidence = "shifted from " + last_value;
          x.value = fmt_month(yy, mm);
          break;
        }
        // From the last day written ("later", "nach"), or from the publication date ("ago", "vor").
        int64_t base = INT64_MIN;
        if ((r.shift == 1 || r.shift == -1 || im.options.narrative) && last_day != INT64_MIN) {
          base = last_day;
          x.anchor = "inferred";
          x.evidence = "the day written before: " + fmt_days(last_day);
        } else if (day_anchor.ok() && !im.options.narrative &&
                   !(r.shift == -2 && day_anchor.evidence.starts_with("first full date"))) {
          // ("ago" counts from the day of writing (publication, URL or page
          // date line), not from the first date the text gives, which is most
          // often the very date it says was long ago.)
          base = days_from_civil(day_anchor.date.y, day_anchor.date.m, day_anchor.date.d);
          x.anchor = day_anchor.kind;
          x.evidence = day_anchor.evidence;
        }
        if (base == INT64_MIN || r.n < 0) continue;
        x.kind = "relative";
        int by, bm, bd;
        civil_from_days(base, by, bm, bd);
        if (r.unit == 1) {
          day = base + sign * r.n;
          x.value = fmt_days(day);
        } else if (r.unit == 2) {
          if (r.shift == -2 || r.shift == 2) {
            x.value = iso_week(base + sign * 7 * r.n);
          } else {
            day = base + sign * 7 * r.n;
            x.value = fmt_days(day);
          }
        } else if (r.unit == 3) {
          int mm = bm - 1 + sign * r.n;
          int yy;
          month_from(by, mm, yy, mm);
          x.value = fmt_month(yy, mm);
        } else if (r.unit == 4) {
          x.value = fmt_year(by + sign * r.n);
        } else if (r.unit == 5) {
          x.value = std::to_string((by + sign * 10 * r.n) / 10);
        } else {
          continue;
        }
        break;
      }
      case Raw::kYearRange:
        x.kind = "range";
        x.value = std::to_string(r.a.y) + "/" + std::to_string(r.z.y);
        break;
      case Raw::kWeekday: {
        x.kind = "weekday";
        if (im.options.narrative && r.weekday >= 1 && r.weekday <= 7 && !r.paren_day) {
          // A narrative's "am Montag": the next Monday from the day written before (on it, if it is one).
          int64_t from = line_day != INT64_MIN ? line_day : last_day;
          if (from == INT64_MIN) {
            x.value = "XXXX-WXX-" + std::to_string(r.weekday);
            x.anchor = "none";
            break;
          }
          int w = weekday_of(from);
          day = r.has_mod && r.mod < 0 ? from - ((w - r.weekday + 7) % 7 ? (w - r.weekday + 7) % 7 : 7)
                                       : from + (r.weekday - w + 7) % 7;
          x.kind = "date";
          x.anchor = "inferred";
          x.evidence = "the story's day: " + fmt_days(from);
          x.value = fmt_days(day);
          break;
        }
        if (!day_anchor.ok()) {
          // No day to count from: the weekday alone, as TIMEX3 writes it
          // ("XXXX-WXX-6", a Saturday); its event cluster's story may date it.
          if (r.weekday < 1 || r.weekday > 7 || r.paren_day) continue;
          x.value = "XXXX-WXX-" + std::to_string(r.weekday);
          x.anchor = "none";
          break;
        }
        x.anchor = day_anchor.kind;
        x.evidence = day_anchor.evidence;
        if (r.paren_day) {
          // The written day wins over the weekday (sources get weekdays wrong more often than days).
          int64_t bestd = nearest_day_of_month(day_anchor.date, r.paren_day);
          if (bestd == INT64_MIN) continue;
          day = bestd;
          x.kind = "date";
          x.value = fmt_days(day);
          break;
        }
        int64_t a = days_from_civil(day_anchor.date.y, day_anchor.date.m, day_anchor.date.d);
        int wa = weekday_of(a);
        int back = (wa - r.weekday + 7) % 7;  // 0..6 days back to the most recent such weekday
        int ahead = (r.weekday - wa + 7) % 7;
        if (r.has_mod && r.mod < 0)
          day = a - (back ? back : 7);
        else if (r.has_mod && r.mod > 0)
          day = a + (ahead ? ahead : 7);
        else if (r.future)
          day = a + ahead;
        else
          day = a - back;
        x.value = fmt_days(day);
        break;
      }
      case Raw::kRel: {
        if (r.rel == Kind::kSameDay) {
          if (last_day == INT64_MIN) continue;
          x.kind = "relative";
          x.anchor = "inferred";
          x.evidence = "the day written before: " + fmt_days(last_day);
          day = last_day + r.offset;
          x.value = fmt_days(day);
          break;
        }
        // TIMEX2 and TimeML write a vague reference as such, its anchor aside: "jetzt", a history's "heute"
        // (nowadays) PRESENT_REF; "kürzlich", "kurz zuvor" PAST_REF; "bald", "wenig später" FUTURE_REF.
        if (r.rel == Kind::kRef || r.rel == Kind::kVague || (r.rel == Kind::kDay && im.options.narrative)) {
          x.kind = "ref";
          x.value = r.offset < 0 ? "PAST_REF" : r.offset > 0 ? "FUTURE_REF" : "PRESENT_REF";
          break;
        }
        if (r.rel == Kind::kCentury) {
          char buf[8];
          std::snprintf(buf, sizeof buf, r.bc ? "BC%02d" : "%02d", r.offset);
          x.kind = "century";
          x.value = buf;
          break;
        }
        if (r.rel == Kind::kYearRel && r.year_written) {
          // "Ende des Jahres 1866".
          x.kind = "year";
          x.value = fmt_year(r.a.y);
          break;
        }
        if (r.rel == Kind::kYearRel && im.options.narrative) {
          // "im folgenden Jahr", "Ende des Jahres": the narrative's year, not the publication's.
          if (!narrative_year) continue;
          x.kind = "relative";
          x.anchor = "inferred";
          x.evidence = "year written before: " + fmt_year(narrative_year);
          x.value = fmt_year(narrative_year + r.offset);
          if (r.offset > 0) narrative_year += r.offset;  // "des neuen Jahres": the story moves on
          break;
        }
        if (r.rel == Kind::kQuarter && r.offset == 0) {
          // "the quarter": the quarter written before, else the last one before the anchor's.
          if (!last_quarter.empty()) {
            x.value = last_quarter;
          } else if (year_anchor.ok() && year_anchor.date.m) {
            int q = (year_anchor.date.m - 1) / 3;  // 0: the previous year's fourth
            x.value = q ? std::to_string(year_anchor.date.y) + "-Q" + std::to_string(q)
                        : std::to_string(year_anchor.date.y - 1) + "-Q4";
          } else {
            continue;
          }
          x.kind = "quarter";
          x.anchor = "inferred";
          break;
        }
        if (r.rel == Kind::kHalf) {
          int y = r.year_written ? r.a.y
                  : r.has_yearof ? year_of()
                  : im.options.narrative && narrative_year ? narrative_year
                  : year_anchor.ok() ? year_anchor.date.y : 0;
          if (!y || r.offset < 1 || r.offset > 2) continue;
          x.kind = "half";
          x.anchor = r.year_written ? "explicit" : "inferred";
          x.value = fmt_year(y) + "-H" + std::to_string(r.offset);
          break;
        }
        if (r.rel == Kind::kWeekend) {
          // "over the weekend": the last Saturday and Sunday up to the day (the story's, else the publication's);
          // "next weekend", or with a future marker: the coming one. ISO week + "-WE".
          int64_t from = im.options.narrative ? (line_day != INT64_MIN ? line_day : last_day)
                         : day_anchor.ok() ? days_from_civil(day_anchor.date.y, day_anchor.date.m, day_anchor.date.d)
                                           : INT64_MIN;
          if (from == INT64_MIN) continue;
          int w = weekday_of(from);  // 6 Saturday, 7 Sunday
          int64_t saturday = from - (w - 6 + 7) % 7;
          if (r.offset > 0 || (r.offset == 0 && r.future)) saturday = from + ((6 - w + 7) % 7 ? (6 - w + 7) % 7 : 7);
          x.kind = "weekend";
          x.anchor = "inferred";
          x.value = iso_week(saturday) + "-WE";
          break;
        }
        if (r.rel == Kind::kSameMonth) {
          // "im selben Monat": the month written before ("1940-05-10" -> 1940-05), moved by the offset.
          int yy, mm;
          if (!shift_month(last_value, last_year, r.offset, yy, mm)) continue;
          x.kind = "relative";
          x.anchor = "inferred";
          x.evidence = "the month written before: " + last_value;
          x.value = fmt_month(yy, mm);
          break;
        }
        if (r.rel == Kind::kSeason) {
          static const char* const kSeasons[] = {"SP", "SU", "FA", "WI"};
          int y = im.options.narrative && narrative_year ? narrative_year : year_anchor.ok() ? year_anchor.date.y : 0;
          x.anchor = im.options.narrative && narrative_year ? "inferred" : year_anchor.kind;
          if (r.year_written) {
            y = r.a.y;  // "Sommer 1866"
            x.anchor = "explicit";
          } else if (r.has_yearof) {
            y = year_of();  // "Frühjahr des nächsten Jahres"
          }
          if (!y || r.offset < 1 || r.offset > 4) continue;
          x.kind = "season";
          x.value = fmt_year(y) + "-" + kSeasons[r.offset - 1];
          break;
        }
        if (!day_anchor.ok()) continue;
        x.kind = "relative";
        x.anchor = day_anchor.kind;
        x.evidence = day_anchor.evidence;
        const Ymd& A = day_anchor.date;
        int64_t a = days_from_civil(A.y, A.m, A.d);
        if (r.rel == Kind::kDay) {
          day = a + r.offset;
          x.value = fmt_days(day);
        } else if (r.rel == Kind::kWeek) {
          x.value = iso_week(a + 7 * r.offset);
        } else if (r.rel == Kind::kRef) {
          x.kind = "ref";
          x.value = r.offset < 0 ? "PAST_REF" : r.offset > 0 ? "FUTURE_REF" : "PRESENT_REF";
        } else if (r.rel == Kind::kQuarter) {
          x.kind = "quarter";
          x.value = std::to_string(A.y) + "-Q" + std::to_string(r.offset);
        } else if (r.rel == Kind::kMonthRel) {
          int mm = A.m - 1 + r.offset;
          int yy;
          month_from(A.y, mm, yy, mm);
          x.value = fmt_month(yy, mm);
        } else {
          x.value = std::to_string(A.y + r.offset);
        }
        break;
      }
    }
    if (x.value.empty()) continue;
    if (r.type == Raw::kDate && !r.year_written) {  // a future marker in its sentence: a plan
      size_t k = r.tok;
      while (k > 0 && sent_of[k - 1] == sent_of[r.tok]) --k;
      for (; k < toks.size() && sent_of[k] == sent_of[r.tok] && !x.plan; ++k) {
        x.plan = toks[k].kind == Tok::kWord && s.has(k, Kind::kFuture);
      }
    }
    if (day != INT64_MIN && !r.stamp && !r.range_end && !r.holiday && !r.long_ago) days.push_back({day, &r});
    if (day != INT64_MIN && !r.stamp) last_day = day, last_day_sent = sent_of[r.tok];
    if (im.options.narrative && day != INT64_MIN && !r.stamp && !plan) {
      bool end_point = r.year_written && after_target(r);
      bool flashback = r.year_written && line_day != INT64_MIN && day < line_day - 60;
      if (!end_point && !flashback) line_day = day;
      // Where the story is now: the day resolved.
      if (!r.year_written && !end_point) {
        int dy, dm, dd;
        civil_from_days(day, dy, dm, dd);
        set_story(dy, day, day, false);
      }
    }
    if ((x.kind == "date" || x.kind == "month" || x.kind == "quarter" || x.kind == "season" || x.kind == "year") &&
        x.value.find('X') == std::string::npos) {
      last_value = x.value;
      last_year = x.value.rfind("BC", 0) == 0 ? -std::atoi(x.value.c_str() + 2) : std::atoi(x.value.c_str());
    }
    if (x.kind == "quarter") last_quarter = x.value;
    out.times.push_back(std::move(x));
  }

  // ---- event date ----
  // The reference for "background": the publication date, else the latest dated happening near the top.
  int64_t ref = INT64_MIN;
  if (pub.d)
    ref = days_from_civil(pub.y, pub.m, pub.d);
  else if (day_anchor.ok())
    ref = days_from_civil(day_anchor.date.y, day_anchor.date.m, day_anchor.date.d);
  if (ref == INT64_MIN) {
    for (const auto& c : days) ref = std::max(ref, c.day);
  }
  std::map<int64_t, double> score;
  std::map<int64_t, const Raw*> first;
  for (const auto& c : days) {
    uint32_t sn = sent_of[c.raw->tok];
    double w = 1.0 / (1.0 + 0.35 * sn);
    if (c.raw->type == Raw::kWeekday || c.raw->type == Raw::kRel) w *= 0.9;
    if (c.raw->dateline) w *= 0.5;
    if (c.raw->caption)
      w *= 0.3;  // dates the picture, often the day before  // when the copy was filed; the sentence says when it
                 // happened
    if (ref != INT64_MIN && c.day < ref - 45) w *= 0.15;  // background
    // A plan, not the happening: after the publication date, the report is of
    // the announcement (a preview on the morning of the event is the same day).
    if (pub.d && c.day > ref)
      w *= 0.2;
    else if (ref != INT64_MIN && c.day > ref + 21)
      w *= 0.3;
    score[c.day] += w;
    if (!first.count(c.day)) first[c.day] = c.raw;
  }
  // The publication date competes as the day of the report itself.
  if (pub.d && !days.empty()) {
    int64_t p = days_from_civil(pub.y, pub.m, pub.d);
    bool only_plans = std::all_of(days.begin(), days.end(), [&](const Resolved& c) { return c.day > p; });
    if (!score.count(p)) first[p] = nullptr;
    score[p] += only_plans ? 0.5 : 0.15;
  }
  double best = 0;
  int64_t best_day = INT64_MIN;
  for (auto [day, w] : score) {
    if (w > best + 1e-9 || (best_day != INT64_MIN && std::abs(w - best) < 1e-9 && first[day] && first[best_day] &&
                            first[day]->tok < first[best_day]->tok)) {
      best = w, best_day = day;
    }
  }
  if (best_day != INT64_MIN && !first[best_day]) {
    out.event_date = fmt_days(best_day);
    out.event_date_how = "publication date (dated sentences are plans or background)";
  } else if (best_day != INT64_MIN) {
    out.event_date = fmt_days(best_day);
    const Raw* r = first[best_day];
    std::string what(doc.text.substr(r->b, r->e - r->b));
    std::replace(what.begin(), what.end(), '\n', ' ');
    out.event_date_how = "dated sentence " + std::to_string(sent_of[r->tok] + 1) + ": \"" + what + "\"";
  } else if (pub.d) {
    out.event_date = fmt_date(pub.y, pub.m, pub.d);
    out.event_date_how = "publication date (no dated sentence)";
  } else if (day_anchor.ok()) {
    out.event_date = fmt_date(day_anchor.date.y, day_anchor.date.m, day_anchor.date.d);
    out.event_date_how = "anchor: " + day_anchor.evidence;
  } else {
    // Say why there is none: what was found and what was missing.
    bool relative = false;
    std::string yearless;
    for (const Raw& r : raws) {
      if (r.type == Raw::kWeekday || (r.type == Raw::kRel && r.rel == Kind::kDay)) relative = true;
    }
    for (const TimeExpr& t : out.times) {
      if (yearless.empty() && t.kind != "weekday" && t.value.rfind("XXXX", 0) == 0) yearless = t.value;
    }
    if (!yearless.empty())
      out.event_date_how = std::string("none: a date without a ") +
                           (yearless.compare(5, 2, "XX") == 0 ? "month" : "year") + " (" + yearless + ")";
    else if (relative) out.event_date_how = "none: weekdays or relative days, but no publication date or dated anchor";
    else out.event_date_how = "none: no day-precision date in the text";
  }
  return out;
}

}  // namespace ng
