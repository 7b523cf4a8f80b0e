#include "text/name_key.h"

#include <unicode/regex.h>
#include <unicode/translit.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <atomic>
#include <map>

#include "lexicon/tsv.h"

namespace ng {
namespace {

constexpr const char* kToLatin = "Russian-Latin/BGN; Any-Latin; Latin-ASCII; Lower";

struct Rule {
  std::unique_ptr<icu::RegexPattern> pattern;
  icu::UnicodeString replacement;
};

std::string respell(const std::vector<Rule>& rules, const std::string& in) {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(in);
  for (const Rule& r : rules) {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::RegexMatcher> m(r.pattern->matcher(u, status));
    if (U_FAILURE(status)) continue;
    icu::UnicodeString out = m->replaceAll(r.replacement, status);
    if (U_SUCCESS(status)) u = out;
  }
  std::string s;
  u.toUTF8String(s);
  return s;
}

}  // namespace

struct NameKeyer::Impl {
  std::unique_ptr<icu::Transliterator> to_latin;  // prototype; each thread uses a clone
  const uint64_t id = [] {
    static std::atomic<uint64_t> next{1};
    return next++;
  }();
  std::vector<Rule> all;                          // mul.tsv
  std::map<std::string, std::vector<Rule>, std::less<>> by_lang;

  // This thread's clone of the transliterator (a Transliterator may not be
  // used by two threads at once).
  icu::Transliterator& thread_transliterator() const {
    struct Entry {
      uint64_t owner;
      std::unique_ptr<icu::Transliterator> t;
    };
    thread_local std::vector<Entry> cache;
    for (auto& e : cache) {
      if (e.owner == id) return *e.t;
    }
    cache.push_back({id, std::unique_ptr<icu::Transliterator>(to_latin->clone())});
    return *cache.back().t;
  }
};

NameKeyer::NameKeyer() : impl_(std::make_unique<Impl>()) {}
NameKeyer::~NameKeyer() = default;

Result<std::unique_ptr<NameKeyer>> NameKeyer::create(const NameKeyOptions& options) {
  std::unique_ptr<NameKeyer> k(new NameKeyer());
  UErrorCode status = U_ZERO_ERROR;
  k->impl_->to_latin.reset(icu::Transliterator::createInstance(kToLatin, UTRANS_FORWARD, status));
  if (U_FAILURE(status) || !k->impl_->to_latin) {
    return Status::internal(std::string("ICU transliterator '") + kToLatin + "': " + u_errorName(status));
  }
  std::string dir = options.data_dir.empty() ? default_data_dir() : options.data_dir;
  auto files = load_resource(dir, "namekey", 1, 2);
  if (!files) return files.status();
  for (const auto& file : *files) {
    std::vector<Rule> rules;
    for (const auto& row : file.rows) {
      UParseError perr;
      UErrorCode st = U_ZERO_ERROR;
      Rule r;
      r.pattern.reset(icu::RegexPattern::compile(icu::UnicodeString::fromUTF8(row.fields[0]), 0, perr, st));
      if (U_FAILURE(st)) {
        return Status::invalid(file.path + ":" + std::to_string(row.line) + ": bad regex at offset " +
                               std::to_string(perr.offset) + ": " + u_errorName(st));
      }
      r.replacement = icu::UnicodeString::fromUTF8(row.fields.size() > 1 ? row.fields[1] : "");
      rules.push_back(std::move(r));
    }
    if (file.lang == "mul") k->impl_->all = std::move(rules);
    else k->impl_->by_lang[file.lang] = std::move(rules);
  }
  return k;
}

std::string NameKeyer::fold(std::string_view name) const {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(name.data(), static_cast<int32_t>(name.size())));
  impl_->thread_transliterator().transliterate(u);
  std::string latin;
  u.toUTF8String(latin);
  // Letters and digits only; every other run (spaces, hyphens, apostrophes,
  // what transliteration left non-ASCII) is one separator, except an
  // apostrophe between two letters: the soft sign's prime (Цзиньпин ->
  // tszin'pin), "O'Neill", "d'Ivoire" stay one word, so that case endings
  // are still found at its end.
  std::string out;
  bool sep = false;
  auto letter = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
  for (size_t i = 0; i < latin.size(); ++i) {
    char c = latin[i];
    bool keep = letter(c);
    if (!keep && (c == '\'' || c == '`') && i > 0 && letter(latin[i - 1]) && i + 1 < latin.size() && letter(latin[i + 1])) {
      continue;
    }
    if (!keep) {
      sep = !out.empty();
      continue;
    }
    if (sep) out += ' ';
    sep = false;
    out += c;
  }
  return out;
}

std::vector<std::string> NameKeyer::keys(std::string_view name, std::string_view lang) const {
  std::string base = fold(name);
  if (base.empty()) return {};
  std::vector<std::string> out;
  out.push_back(respell(impl_->all, base));
  if (auto it = impl_->by_lang.find(lang); it != impl_->by_lang.end()) {
    std::string respelled = respell(impl_->all, respell(it->second, base));
    if (respelled != out[0]) out.push_back(std::move(respelled));
  }
  return out;
}

bool NameKeyer::same(std::string_view a, std::string_view lang_a, std::string_view b,
                     std::string_view lang_b) const {
  auto ka = keys(a, lang_a);
  auto kb = keys(b, lang_b);
  return std::any_of(ka.begin(), ka.end(), [&](const std::string& k) {
    return std::find(kb.begin(), kb.end(), k) != kb.end();
  });
}

}  // namespace ng
