#include "text/segment.h"

#include <unicode/brkiter.h>
#include <unicode/dtfmtsym.h>
#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/udata.h>
#include <unicode/uloc.h>
#include <unicode/unistr.h>
#include <unicode/ures.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <atomic>
#include <array>
#include <climits>
#include <cstdint>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "lexicon/fold.h"
#include "lexicon/tsv.h"
#include "text/decode.h"

namespace ng {

namespace {

// An abbreviation has at most this many space-separated parts ("v. u. Z.").
constexpr int kMaxAbbreviationWords = 4;
constexpr size_t kMaxAbbreviationBytes = 48;

// Languages that write ordinal numbers with a dot ("am 3. Oktober", "3. října",
// "3. lokakuuta", "2. plass"). Not sv ("3:e"), lt ("3-ioji") or the Romance
// and English ordinals.
constexpr std::array<std::string_view, 20> kOrdinalDotLanguages = {
    "bs", "cs", "da", "de", "et", "fi", "fo", "hr", "hu", "is",
    "lb", "lv", "nb", "nn", "no", "pl", "sk", "sl", "sr", "tr"};

bool is_ascii_space(uint8_t c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }

// Code point at byte `i` (U+FFFD for a malformed sequence); `i` moves past it.
UChar32 next_cp(std::string_view s, int32_t& i) {
  UChar32 c;
  U8_NEXT(reinterpret_cast<const uint8_t*>(s.data()), i, static_cast<int32_t>(s.size()), c);
  return c < 0 ? 0xFFFD : c;
}

// Code point ending at byte `i`; `i` moves to its start.
UChar32 prev_cp(std::string_view s, int32_t& i) {
  UChar32 c;
  U8_PREV(reinterpret_cast<const uint8_t*>(s.data()), 0, i, c);
  return c < 0 ? 0xFFFD : c;
}

bool is_space_cp(UChar32 c) { return c < 0x80 ? is_ascii_space(static_cast<uint8_t>(c)) : u_isUWhiteSpace(c); }

// Characters that end a paragraph: a sentence never continues across them.
bool is_paragraph_separator(UChar32 c) {
  return c == '\n' || c == '\r' || c == '\v' || c == '\f' || c == 0x85 || c == 0x2028 || c == 0x2029;
}

// Opening punctuation stripped from the front of a word before it is compared
// with the abbreviations: "(Gen." is "Gen.".
bool is_opening(UChar32 c) {
  if (c == '"' || c == '\'') return true;
  int8_t t = u_charType(c);
  return t == U_START_PUNCTUATION || t == U_INITIAL_PUNCTUATION || t == U_FINAL_PUNCTUATION;
}

// Punctuation that may follow an abbreviation inside a sentence: "z. B.,".
bool is_trailing(UChar32 c) {
  if (c == ',' || c == ';' || c == ':' || c == '"' || c == '\'') return true;
  int8_t t = u_charType(c);
  return t == U_END_PUNCTUATION || t == U_FINAL_PUNCTUATION || t == U_INITIAL_PUNCTUATION;
}


// "Gen." "z. B." with every run of white space made one ASCII space; empty
// when `s` is not a usable abbreviation.
std::string normalise_abbreviation(std::string_view s) {
  std::string out;
  bool space = false;
  for (int32_t i = 0; i < static_cast<int32_t>(s.size());) {
    int32_t start = i;
    UChar32 c = next_cp(s, i);
    if (is_space_cp(c)) {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out.append(s.substr(start, i - start));
  }
  return out;
}

int count_words(std::string_view abbreviation) {
  return 1 + static_cast<int>(std::count(abbreviation.begin(), abbreviation.end(), ' '));
}

// The primary language subtag, lowercased: "de" for "de-AT"; "" for root.
std::string primary_subtag(std::string_view lang) {
  lang = lang.substr(0, lang.find_first_of("-_"));
  if (lang.size() < 2 || lang.size() > 3) return {};
  std::string out;
  for (char c : lang) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c < 'a' || c > 'z') return {};
    out += c;
  }
  if (out == "und" || out == "mul" || out == "zxx" || out == "mis") return {};
  return out;
}

// ISO 639 codes ICU knows: anything else segments with the root rules, and
// does not grow the per-language cache.
bool is_known_language(const std::string& lang) {
  static const std::unordered_set<std::string> known = [] {
    std::unordered_set<std::string> s;
    for (const char* const* p = uloc_getISOLanguages(); *p != nullptr; ++p) s.insert(*p);
    s.insert("no");  // the macrolanguage; ICU lists nb and nn
    return s;
  }();
  return known.count(lang) > 0;
}

// ICU's break-iterator data for `lang`, if ICU has some (else ures_open falls
// back to the process's default locale, which must not decide segmentation).
struct BreakData {
  bool has_bundle = false;
  std::vector<std::string> cldr_exceptions;  // exceptions/SentenceBreak: CLDR's suppressions
};

BreakData break_data(const std::string& lang) {
  BreakData d;
  if (lang.empty()) return d;
  UErrorCode status = U_ZERO_ERROR;
  UResourceBundle* bundle = ures_open(U_ICUDATA_NAME U_TREE_SEPARATOR_STRING "brkitr", lang.c_str(), &status);
  if (U_FAILURE(status) || status == U_USING_DEFAULT_WARNING) {
    ures_close(bundle);
    return d;
  }
  d.has_bundle = true;
  // Only the language's own list: a fallback to root has none.
  const char* actual = ures_getLocaleByType(bundle, ULOC_ACTUAL_LOCALE, &status);
  if (U_SUCCESS(status) && actual != nullptr && primary_subtag(actual) == lang) {
    UErrorCode s = U_ZERO_ERROR;
    UResourceBundle* exceptions = ures_getByKey(bundle, "exceptions", nullptr, &s);
    UResourceBundle* sentence = ures_getByKey(exceptions, "SentenceBreak", nullptr, &s);
    if (U_SUCCESS(s)) {
      int32_t n = ures_getSize(sentence);
      for (int32_t i = 0; i < n; ++i) {
        UErrorCode si = U_ZERO_ERROR;
        int32_t len = 0;
        const UChar* str = ures_getStringByIndex(sentence, i, &len, &si);
        if (U_FAILURE(si)) continue;
        std::string utf8;
        icu::UnicodeString(false, str, len).toUTF8String(utf8);
        d.cldr_exceptions.push_back(std::move(utf8));
      }
    }
    ures_close(sentence);
    ures_close(exceptions);
  }
  ures_close(bundle);
  return d;
}

// Month names (wide and abbreviated, format and stand-alone) from ICU's CLDR
// data, case-folded, without a trailing dot.
std::unordered_set<std::string> month_names(const std::string& lang) {
  std::unordered_set<std::string> out;
  UErrorCode status = U_ZERO_ERROR;
  icu::DateFormatSymbols symbols(icu::Locale(lang.c_str()), status);
  if (U_FAILURE(status)) return out;
  for (auto context : {icu::DateFormatSymbols::FORMAT, icu::DateFormatSymbols::STANDALONE}) {
    for (auto width : {icu::DateFormatSymbols::WIDE, icu::DateFormatSymbols::ABBREVIATED}) {
      int32_t count = 0;
      const icu::UnicodeString* months = symbols.getMonths(count, context, width);
      for (int32_t i = 0; months != nullptr && i < count; ++i) {
        std::string name;
        icu::UnicodeString m(months[i]);
        m.foldCase().toUTF8String(name);
        while (!name.empty() && name.back() == '.') name.pop_back();
        if (!name.empty()) out.insert(std::move(name));
      }
    }
  }
  return out;
}

// Everything the segmenter knows about one language. Immutable once built.
struct LangRules {
  std::unique_ptr<icu::BreakIterator> sentence;  // prototypes, cloned per call
  std::unique_ptr<icu::BreakIterator> word;
  std::unordered_set<std::string> abbreviations;  // exact, case-sensitive, single-spaced
  int max_words = 0;                              // most parts of any abbreviation
  bool ordinal_dot = false;
  std::unordered_set<std::string> months;  // case-folded, for ordinal_dot languages
};

// A word of the text: the bytes between two runs of white space.
struct Word {
  int32_t begin = 0;
  int32_t end = 0;
};

}  // namespace

struct Segmenter::Impl {
  // Distinguishes segmenters in the per-thread iterator cache (an address
  // could be reused by a later segmenter).
  const uint64_t id = [] {
    static std::atomic<uint64_t> next{1};
    return next++;
  }();
  std::unordered_map<std::string, std::vector<std::string>> team_abbreviations;  // by language
  std::shared_ptr<const LangRules> root;
  mutable std::shared_mutex mu;
  mutable std::unordered_map<std::string, std::shared_ptr<const LangRules>> by_lang;

  Result<std::shared_ptr<const LangRules>> build(const std::string& lang) const;
  const LangRules& rules_for(std::string_view lang) const;
  bool keep_break(std::string_view line, int32_t start, int32_t b, const LangRules& r) const;
};

Result<std::shared_ptr<const LangRules>> Segmenter::Impl::build(const std::string& lang) const {
  auto r = std::make_shared<LangRules>();
  BreakData data = break_data(lang);
  icu::Locale locale = data.has_bundle ? icu::Locale(lang.c_str()) : icu::Locale::getRoot();
  UErrorCode status = U_ZERO_ERROR;
  r->sentence.reset(icu::BreakIterator::createSentenceInstance(locale, status));
  r->word.reset(icu::BreakIterator::createWordInstance(locale, status));
  if (U_FAILURE(status) || !r->sentence || !r->word) {
    return Status::internal(std::string("ICU break iterators for \"") + (lang.empty() ? "root" : lang) +
                            "\": " + u_errorName(status));
  }
  auto add = [&](const std::string& a) {
    std::string n = normalise_abbreviation(a);
    if (n.empty() || n.back() != '.') return;
    int words = count_words(n);
    if (words > kMaxAbbreviationWords || n.size() > kMaxAbbreviationBytes) return;
    r->max_words = std::max(r->max_words, words);
    r->abbreviations.insert(std::move(n));
  };
  for (const std::string& a : data.cldr_exceptions) add(a);
  if (auto it = team_abbreviations.find(lang); it != team_abbreviations.end()) {
    for (const std::string& a : it->second) add(a);
  }
  r->ordinal_dot = std::find(kOrdinalDotLanguages.begin(), kOrdinalDotLanguages.end(), lang) !=
                   kOrdinalDotLanguages.end();
  if (r->ordinal_dot) r->months = month_names(lang);
  return std::shared_ptr<const LangRules>(std::move(r));
}

const LangRules& Segmenter::Impl::rules_for(std::string_view lang_tag) const {
  std::string lang = primary_subtag(lang_tag);
  if (lang.empty() || !is_known_language(lang)) return *root;
  {
    std::shared_lock lock(mu);
    if (auto it = by_lang.find(lang); it != by_lang.end()) return *it->second;
  }
  // Built outside the lock (ICU takes tens of microseconds); the first
  // thread to insert wins.
  auto built = build(lang);
  std::shared_ptr<const LangRules> rules = built.is_ok() ? std::move(built.value()) : root;
  std::unique_lock lock(mu);
  auto [it, inserted] = by_lang.emplace(lang, std::move(rules));
  return *it->second;
}

Segmenter::Segmenter() : impl_(std::make_unique<Impl>()) {}
Segmenter::~Segmenter() = default;

Result<std::unique_ptr<Segmenter>> Segmenter::create(const SegmentOptions& options) {
  std::unique_ptr<Segmenter> s(new Segmenter());
  const std::string data_dir = options.data_dir.empty() ? default_data_dir() : options.data_dir;
  auto files = load_resource(data_dir, "abbreviations", 1, 2);
  if (!files) return files.status();
  for (const TsvFile& f : files.value()) {
    std::string lang = primary_subtag(f.lang);
    if (lang.empty() || lang != f.lang) {
      return Status::invalid(f.path + ": file name must be a lowercase ISO 639 code (\"de.tsv\")");
    }
    std::vector<std::string>& list = s->impl_->team_abbreviations[lang];
    for (const TsvRow& row : f.rows) {
      const std::string& a = row.fields[0];
      auto where = [&] { return f.path + ":" + std::to_string(row.line) + ": "; };
      if (!is_valid_utf8(a)) return Status::invalid(where() + "not valid UTF-8");
      std::string n = normalise_abbreviation(a);
      if (n.size() < 2 || n.back() != '.') {
        return Status::invalid(where() + "an abbreviation ends with its period: \"" + a + "\"");
      }
      if (n.size() > kMaxAbbreviationBytes || count_words(n) > kMaxAbbreviationWords) {
        return Status::invalid(where() + "abbreviation longer than " + std::to_string(kMaxAbbreviationBytes) +
                               " bytes or " + std::to_string(kMaxAbbreviationWords) + " words: \"" + a + "\"");
      }
      list.push_back(std::move(n));
    }
  }
  auto root = s->impl_->build("");
  if (!root) return root.status();
  s->impl_->root = std::move(root.value());
  // Languages with their own abbreviations are built now, the rest on first use.
  for (const auto& [lang, list] : s->impl_->team_abbreviations) {
    if (!is_known_language(lang)) continue;
    auto rules = s->impl_->build(lang);
    if (!rules) return rules.status();
    s->impl_->by_lang.emplace(lang, std::move(rules.value()));
  }
  return s;
}

namespace {

// The word ending at `end` (exclusive), not crossing `floor` or a paragraph
// separator; empty when `end` follows white space.
Word word_before(std::string_view s, int32_t floor, int32_t end) {
  int32_t b = end;
  while (b > floor) {
    int32_t p = b;
    UChar32 c = prev_cp(s, p);
    if (is_space_cp(c)) break;
    b = p;
  }
  return {b, end};
}

// The word starting at `begin`.
Word word_after(std::string_view s, int32_t begin) {
  int32_t e = begin;
  while (e < static_cast<int32_t>(s.size())) {
    int32_t p = e;
    UChar32 c = next_cp(s, p);
    if (is_space_cp(c)) break;
    e = p;
  }
  return {begin, e};
}

// Skips white space backwards from `i` (not below `floor`); returns the new
// position and whether a paragraph separator was crossed.
int32_t skip_space_back(std::string_view s, int32_t floor, int32_t i, bool& separator) {
  while (i > floor) {
    int32_t p = i;
    UChar32 c = prev_cp(s, p);
    if (!is_space_cp(c)) break;
    separator = separator || is_paragraph_separator(c);
    i = p;
  }
  return i;
}

int32_t skip_space_forward(std::string_view s, int32_t i, bool& separator) {
  while (i < static_cast<int32_t>(s.size())) {
    int32_t p = i;
    UChar32 c = next_cp(s, p);
    if (!is_space_cp(c)) break;
    separator = separator || is_paragraph_separator(c);
    i = p;
  }
  return i;
}

// `w` without leading opening punctuation.
Word strip_opening(std::string_view s, Word w) {
  while (w.begin < w.end) {
    int32_t p = w.begin;
    if (!is_opening(next_cp(s, p))) break;
    w.begin = p;
  }
  return w;
}

// `w` without punctuation after its last period: "B.," -> "B.".
Word strip_trailing(std::string_view s, Word w) {
  while (w.end > w.begin) {
    int32_t p = w.end;
    if (!is_trailing(prev_cp(s, p))) break;
    w.end = p;
  }
  return w;
}

// One to three initials: "J.", "В.В.", "J.R.R.".
bool is_initials(std::string_view w) {
  int32_t i = 0, n = 0;
  const auto size = static_cast<int32_t>(w.size());
  while (i < size) {
    UChar32 c = next_cp(w, i);
    if (!(u_isupper(c) || u_istitle(c)) || i >= size || w[i] != '.') return false;
    ++i;
    ++n;
  }
  return n >= 1 && n <= 3;
}

bool is_ordinal(std::string_view w) {
  if (w.size() < 2 || w.size() > 4 || w.back() != '.') return false;
  return std::all_of(w.begin(), w.end() - 1, [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

// Whether ICU's candidate break at `b` (the start of the next sentence; the
// current one started at `start`) is kept.
bool Segmenter::Impl::keep_break(std::string_view s, int32_t start, int32_t b, const LangRules& r) const {
  bool separator = false;
  int32_t end = skip_space_back(s, start, b, separator);  // end of the sentence's text
  int32_t next = skip_space_forward(s, b, separator);     // first character of the next one
  if (separator || end == start || next >= static_cast<int32_t>(s.size())) return true;

  // (d) The next sentence would start with a lowercase letter.
  int32_t p = next;
  UChar32 first = next_cp(s, p);
  if (u_islower(first)) return false;

  if (s[end - 1] != '.') return true;

  // (a, b) An abbreviation ends at the period, or one spans the break ("z. B.").
  if (r.max_words > 0) {
    std::array<Word, kMaxAbbreviationWords> before{};  // before[0] is the last word
    int nb = 0;
    for (int32_t e = end; nb < r.max_words;) {
      Word w = word_before(s, 0, e);
      if (w.begin == w.end) break;
      before[nb++] = w;
      bool sep = false;
      e = skip_space_back(s, 0, w.begin, sep);
      if (sep || e == w.begin) break;
    }
    std::array<Word, kMaxAbbreviationWords> after{};
    int na = 0;
    for (int32_t q = next; na < r.max_words - 1 && q < static_cast<int32_t>(s.size());) {
      Word w = word_after(s, q);
      if (w.begin == w.end) break;
      after[na++] = w;
      bool sep = false;
      q = skip_space_forward(s, w.end, sep);
      if (sep) break;
    }
    std::string candidate;
    for (int i = 1; i <= nb; ++i) {
      for (int j = 0; j <= na && i + j <= r.max_words; ++j) {
        candidate.clear();
        for (int k = i - 1; k >= 0; --k) {
          Word w = k == i - 1 ? strip_opening(s, before[k]) : before[k];
          if (!candidate.empty()) candidate += ' ';
          candidate.append(s.substr(w.begin, w.end - w.begin));
        }
        for (int k = 0; k < j; ++k) {
          Word w = k == j - 1 ? strip_trailing(s, after[k]) : after[k];
          candidate += ' ';
          candidate.append(s.substr(w.begin, w.end - w.begin));
        }
        if (candidate.size() <= kMaxAbbreviationBytes && r.abbreviations.count(candidate) > 0) return false;
      }
    }
  }

  Word last = strip_opening(s, word_before(s, 0, end));
  std::string_view last_word = s.substr(last.begin, last.end - last.begin);

  // (e) Initials: "Donald J. Trump", "В. В. Путин".
  if (is_initials(last_word)) return false;

  // (c) An ordinal number before a month name or a number: "am 3. Oktober",
  // "3. 10. 2024".
  if (r.ordinal_dot && is_ordinal(last_word)) {
    if (u_isdigit(first)) return false;
    Word n = strip_trailing(s, word_after(s, next));
    std::string_view name = s.substr(n.begin, n.end - n.begin);
    while (!name.empty() && name.back() == '.') name.remove_suffix(1);
    if (!name.empty() && r.months.count(fold_case(name)) > 0) return false;
  }
  return true;
}

namespace {

// Longest prefix of `text` ICU can index with int32_t, cut at a line end.
std::string_view indexable(std::string_view text) {
  if (text.size() <= static_cast<size_t>(INT32_MAX)) return text;
  std::string_view head = text.substr(0, INT32_MAX);
  size_t nl = head.rfind('\n');
  return nl == std::string_view::npos ? head : head.substr(0, nl + 1);
}

// Adds [b, e) to `out` without surrounding white space, if anything is left.
void add_trimmed(std::string_view s, int32_t b, int32_t e, std::vector<Sentence>& out) {
  while (b < e) {
    int32_t p = b;
    if (!is_space_cp(next_cp(s, p))) break;
    b = p;
  }
  while (e > b) {
    int32_t p = e;
    if (!is_space_cp(prev_cp(s, p))) break;
    e = p;
  }
  if (e > b) out.push_back(Sentence{Span{static_cast<uint32_t>(b), static_cast<uint32_t>(e)}});
}

bool all_space(std::string_view s, int32_t b, int32_t e) {
  while (b < e) {
    if (!is_space_cp(next_cp(s, b))) return false;
  }
  return true;
}

// This thread's clone of `prototype` (owned by segmenter `owner`): cloning a
// rule-based break iterator costs more than segmenting a short article, and
// iterators are not thread-safe, so each thread keeps its own.
icu::BreakIterator* thread_clone(uint64_t owner, const icu::BreakIterator& prototype) {
  struct Entry {
    uint64_t owner;
    const icu::BreakIterator* prototype;
    std::unique_ptr<icu::BreakIterator> clone;
  };
  thread_local std::vector<Entry> cache;
  for (auto& e : cache) {
    if (e.owner == owner && e.prototype == &prototype) return e.clone.get();
  }
  std::unique_ptr<icu::BreakIterator> it(prototype.clone());
  if (!it) return nullptr;
  cache.push_back({owner, &prototype, std::move(it)});
  return cache.back().clone.get();
}

// `text` as UTF-16 for ICU (whose iterators run about twice as fast on it as
// on UTF-8 through UText), with the byte offset of every UTF-16 index.
struct Utf16 {
  std::vector<UChar> units;
  std::vector<int32_t> to_byte;  // size units.size() + 1
  icu::UnicodeString alias() const { return icu::UnicodeString(false, units.data(), static_cast<int32_t>(units.size())); }
};

void to_utf16(std::string_view text, Utf16& u) {
  u.units.clear();
  u.to_byte.clear();
  u.units.reserve(text.size());
  u.to_byte.reserve(text.size() + 1);
  const auto* p = reinterpret_cast<const uint8_t*>(text.data());
  const auto n = static_cast<int32_t>(text.size());
  for (int32_t i = 0; i < n;) {
    int32_t start = i;
    if (p[i] < 0x80) {
      u.units.push_back(p[i++]);
      u.to_byte.push_back(start);
      continue;
    }
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0) c = 0xFFFD;
    if (c <= 0xFFFF) {
      u.units.push_back(static_cast<UChar>(c));
      u.to_byte.push_back(start);
    } else {
      u.units.push_back(U16_LEAD(c));
      u.units.push_back(U16_TRAIL(c));
      u.to_byte.push_back(start);
      u.to_byte.push_back(start);
    }
  }
  u.to_byte.push_back(n);
}

// Gives `text` to this thread's clone of `prototype`. Null when ICU fails.
icu::BreakIterator* iterate(uint64_t owner, const icu::BreakIterator& prototype, const icu::UnicodeString& text) {
  icu::BreakIterator* it = thread_clone(owner, prototype);
  if (!it) return nullptr;
  it->setText(text);
  return it;
}

}  // namespace

std::vector<Sentence> Segmenter::sentences(std::string_view text, std::string_view lang) const {
  std::vector<Sentence> out;
  text = indexable(text);
  if (text.empty()) return out;
  const LangRules& r = impl_->rules_for(lang);
  thread_local Utf16 u16;
  to_utf16(text, u16);
  const icu::UnicodeString alias = u16.alias();
  icu::BreakIterator* it = iterate(impl_->id, *r.sentence, alias);
  if (!it) {
    // ICU could not run (out of memory): one sentence per line.
    size_t pos = 0;
    while (pos <= text.size()) {
      size_t nl = std::min(text.find('\n', pos), text.size());
      add_trimmed(text, static_cast<int32_t>(pos), static_cast<int32_t>(nl), out);
      pos = nl + 1;
    }
    return out;
  }
  const auto size = static_cast<int32_t>(text.size());
  int32_t start = u16.to_byte[it->first()];
  for (int32_t b16 = it->next(); b16 != icu::BreakIterator::DONE; b16 = it->next()) {
    int32_t b = u16.to_byte[b16];
    if (b < size && !impl_->keep_break(text, start, b, r)) continue;
    add_trimmed(text, start, b, out);
    start = b;
  }
  if (start < size) add_trimmed(text, start, size, out);
  return out;
}

std::vector<Token> Segmenter::tokens(std::string_view text, std::string_view lang) const {
  std::vector<Token> out;
  text = indexable(text);
  if (text.empty()) return out;
  const LangRules& r = impl_->rules_for(lang);
  thread_local Utf16 u16;
  to_utf16(text, u16);
  const icu::UnicodeString alias = u16.alias();
  icu::BreakIterator* it = iterate(impl_->id, *r.word, alias);
  if (!it) return out;
  int32_t p = u16.to_byte[it->first()];
  for (int32_t n16 = it->next(); n16 != icu::BreakIterator::DONE; n16 = it->next()) {
    const int32_t b = p;
    const int32_t n = u16.to_byte[n16];
    p = n;
    auto c = static_cast<uint8_t>(text[b]);
    if (c < 0x80 ? is_ascii_space(c) && all_space(text, b, n) : all_space(text, b, n)) continue;
    out.push_back(Token{Span{static_cast<uint32_t>(b), static_cast<uint32_t>(n)},
                        it->getRuleStatus() >= UBRK_WORD_NONE_LIMIT});
  }
  return out;
}

}  // namespace ng
