#include "ingest/clean.h"

#include <unicode/regex.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <unordered_map>

#include "lexicon/fold.h"
#include "lexicon/tsv.h"

namespace ng {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }

// Trims ASCII whitespace and U+00A0 (common in scraped pages).
std::pair<size_t, size_t> trim_range(std::string_view s, size_t b, size_t e) {
  while (b < e) {
    if (is_space(s[b])) { ++b; continue; }
    if (e - b >= 2 && s[b] == '\xC2' && s[b + 1] == '\xA0') { b += 2; continue; }
    break;
  }
  while (e > b) {
    if (is_space(s[e - 1])) { --e; continue; }
    if (e - b >= 2 && s[e - 2] == '\xC2' && s[e - 1] == '\xA0') { e -= 2; continue; }
    break;
  }
  return {b, e};
}

struct RegexRule {
  std::unique_ptr<icu::RegexPattern> pattern;
  std::string reason;
};

// This thread's matcher for `pattern`, reset to `input`: creating a matcher
// allocates, and most lines are tried against every rule. `owner` tells
// cleaners apart (an address could be reused by a later one).
icu::RegexMatcher* thread_matcher(uint64_t owner, const icu::RegexPattern& pattern, const icu::UnicodeString& input) {
  struct Entry {
    uint64_t owner;
    const icu::RegexPattern* pattern;
    std::unique_ptr<icu::RegexMatcher> matcher;
  };
  thread_local std::vector<Entry> cache;
  for (auto& e : cache) {
    if (e.owner == owner && e.pattern == &pattern) return &e.matcher->reset(input);
  }
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::RegexMatcher> m(pattern.matcher(input, status));
  if (U_FAILURE(status) || !m) return nullptr;
  cache.push_back({owner, &pattern, std::move(m)});
  return cache.back().matcher.get();
}

// Lines with more words than this are never whole-line furniture.
constexpr int kMaxRegexWords = 12;

bool looks_like_url(std::string_view s) {
  return s.rfind("http://", 0) == 0 || s.rfind("https://", 0) == 0 || s.rfind("www.", 0) == 0;
}

std::string strip_parens(std::string_view s) {
  if (s.size() >= 2 && s.front() == '(' && s.back() == ')') s = s.substr(1, s.size() - 2);
  return std::string(s);
}

int count_words(std::string_view s) {
  int words = 0;
  bool in = false;
  for (char c : s) {
    bool sp = is_space(c);
    if (!sp && !in) ++words;
    in = !sp;
  }
  return words;
}

// "(Foto: Quang Vinh/VNA)" -> "VNA"; "FOTO: VNA" -> "VNA"; a photographer's
// name alone ("Photo: Dang Khoa") is not an agency -> "".
std::string agency_from_credit(std::string_view credit) {
  size_t colon = credit.rfind(':');
  if (colon == std::string_view::npos) return {};
  std::string_view rest = credit.substr(colon + 1);
  size_t slash = rest.rfind('/');
  if (slash != std::string_view::npos) rest = rest.substr(slash + 1);
  while (!rest.empty() && (is_space(rest.front()) || rest.front() == '(')) rest.remove_prefix(1);
  while (!rest.empty() && (is_space(rest.back()) || rest.back() == ')' || rest.back() == '.')) rest.remove_suffix(1);
  if (rest.size() < 2 || rest.size() > 12) return {};
  // An agency is an acronym ("VNA", "TTXVN", "EFE", "AFP", "TTXVN/Vietnam+"
  // keeps its last part) or one capitalised word ("Reuters", "Bernama"); two
  // capitalised words are a photographer ("Dang Khoa").
  int upper = 0, lower = 0, words = 1;
  for (char c : rest) {
    if (c >= 'A' && c <= 'Z') ++upper;
    else if (c >= 'a' && c <= 'z') ++lower;
    else if (c == ' ') ++words;
    else if (c != '+' && c != '-') return {};
  }
  bool acronym = upper >= 2 && lower == 0;
  bool one_name = words == 1 && upper == 1 && rest[0] >= 'A' && rest[0] <= 'Z' && rest.size() >= 4;
  return acronym || one_name ? std::string(rest) : std::string();
}

}  // namespace

struct Cleaner::Impl {
  CleanOptions options;
  std::unordered_map<std::string, std::string> lines;         // folded line -> reason
  std::vector<std::pair<std::string, std::string>> prefixes;  // folded prefix -> reason
  std::vector<std::string> source_labels;                     // folded
  std::vector<RegexRule> regexes, inlines, signoffs;

  const uint64_t id = [] {
    static std::atomic<uint64_t> next{1};
    return next++;
  }();

  bool whole_match(const RegexRule& rule, const icu::UnicodeString& u) const {
    UErrorCode status = U_ZERO_ERROR;
    icu::RegexMatcher* m = thread_matcher(id, *rule.pattern, u);
    return m && m->matches(status) && U_SUCCESS(status);
  }
};

Cleaner::Cleaner() : impl_(std::make_unique<Impl>()) {}
Cleaner::~Cleaner() = default;

Result<std::unique_ptr<Cleaner>> Cleaner::create(const CleanOptions& options) {
  auto files = load_resource(options.data_dir, "furniture", 2, 3);
  if (!files) return files.status();
  std::unique_ptr<Cleaner> c(new Cleaner());
  Impl& impl = *c->impl_;
  impl.options = options;
  for (const auto& file : *files) {
    for (const auto& row : file.rows) {
      const std::string& kind = row.fields[0];
      const std::string& pattern = row.fields[1];
      std::string reason = row.fields.size() > 2 && !row.fields[2].empty() ? row.fields[2] : kind;
      auto where = file.path + ":" + std::to_string(row.line);
      if (pattern.empty()) return Status::invalid(where + ": empty pattern");
      if (kind == "line") {
        impl.lines.emplace(fold_case(pattern), reason);
      } else if (kind == "prefix") {
        impl.prefixes.emplace_back(fold_case(pattern), reason);
      } else if (kind == "source") {
        impl.source_labels.push_back(fold_case(pattern));
      } else if (kind == "regex" || kind == "inline" || kind == "signoff") {
        UErrorCode status = U_ZERO_ERROR;
        UParseError perr;
        uint32_t flags = kind == "signoff" ? 0 : UREGEX_CASE_INSENSITIVE;
        std::unique_ptr<icu::RegexPattern> re(icu::RegexPattern::compile(
            icu::UnicodeString::fromUTF8(pattern), flags, perr, status));
        if (U_FAILURE(status)) {
          return Status::invalid(where + ": bad regex at offset " + std::to_string(perr.offset) + ": " +
                                 u_errorName(status));
        }
        auto& list = kind == "regex" ? impl.regexes : kind == "inline" ? impl.inlines : impl.signoffs;
        list.push_back({std::move(re), reason});
      } else {
        return Status::invalid(where + ": unknown kind '" + kind +
                               "' (expected line, prefix, regex, inline, source or signoff)");
      }
    }
  }
  // Longest labels first, so "Source :" wins over "Source".
  std::sort(impl.source_labels.begin(), impl.source_labels.end(),
            [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  return c;
}

CleanResult Cleaner::clean(std::string_view text, bool want_title) const {
  const Impl& impl = *impl_;
  CleanResult r;
  r.text.reserve(text.size());
  std::vector<std::string> agencies;
  auto add_agency = [&](std::string a) {
    if (!a.empty() && std::find(agencies.begin(), agencies.end(), a) == agencies.end()) agencies.push_back(a);
  };
  auto remove = [&](size_t b, size_t e, std::string reason) {
    r.removed.push_back({Span{static_cast<uint32_t>(b), static_cast<uint32_t>(e)},
                         std::string(text.substr(b, e - b)), std::move(reason)});
  };

  // An agency code alone on a line signs off the article or credits a
  // photo inside it; above the first line of running text (more than
  // kMaxRegexWords words) it is a dateline ("LIMA") or a heading, and stays.
  size_t first_body = std::string_view::npos;
  for (size_t p = 0; p < text.size() && first_body == std::string_view::npos;) {
    size_t nl = std::min(text.find('\n', p), text.size());
    if (count_words(text.substr(p, nl - p)) > kMaxRegexWords) first_body = p;
    p = nl + 1;
  }

  // Recent kept lines, for the repeated-caption rule.
  std::vector<std::string> recent;
  bool pending_blank = false;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t nl = text.find('\n', pos);
    size_t end = nl == std::string_view::npos ? text.size() : nl;
    auto [b, e] = trim_range(text, pos, end);
    size_t next = nl == std::string_view::npos ? text.size() + 1 : nl + 1;
    if (b == e) {
      pending_blank = !r.text.empty();
      pos = next;
      continue;
    }
    std::string_view line = text.substr(b, e - b);
    bool removed = false;
    if (line.size() <= impl.options.max_furniture_line) {
      std::string folded = fold_case(line);
      for (const auto& label : impl.source_labels) {
        if (folded.rfind(label, 0) != 0) continue;
        // The label is a prefix of the folded line; folding keeps these ASCII
        // or short labels the same byte length in practice, but find the rest
        // in the original by skipping as many code points as the label has.
        int32_t cps = icu::UnicodeString::fromUTF8(label).countChar32();
        size_t off = 0;
        for (int32_t i = 0; i < cps && off < line.size(); ++i) {
          int32_t o = static_cast<int32_t>(off);
          UChar32 c;
          U8_NEXT(line.data(), o, static_cast<int32_t>(line.size()), c);
          off = static_cast<size_t>(o);
        }
        auto [rb, re] = trim_range(line, off, line.size());
        std::string_view rest = line.substr(rb, re - rb);
        if (rest.empty()) break;
        if (looks_like_url(rest)) {
          r.url = std::string(rest);
        } else if (rest.size() <= 80) {
          add_agency(std::string(rest));
        } else {
          break;
        }
        remove(b, e, "source line");
        removed = true;
        break;
      }
      if (!removed) {
        if (auto it = impl.lines.find(folded); it != impl.lines.end()) {
          remove(b, e, it->second);
          removed = true;
        }
      }
      if (!removed) {
        for (const auto& [prefix, reason] : impl.prefixes) {
          if (folded.rfind(prefix, 0) == 0) {
            add_agency(agency_from_credit(line));
            remove(b, e, reason);
            removed = true;
            break;
          }
        }
      }
      // Regex rules match whole furniture lines, which are short: a line of
      // many words is an article sentence and skips them (the costly part).
      if (!removed && (!impl.signoffs.empty() || !impl.regexes.empty()) && count_words(line) <= kMaxRegexWords) {
        icu::UnicodeString u = icu::UnicodeString::fromUTF8(
            icu::StringPiece(line.data(), static_cast<int32_t>(line.size())));
        bool after_body_start = first_body != std::string_view::npos && b > first_body;
        for (const auto& rule : impl.signoffs) {
          if (after_body_start && impl.whole_match(rule, u)) {
            add_agency(strip_parens(line));
            remove(b, e, rule.reason);
            removed = true;
            break;
          }
        }
        if (!removed) {
          for (const auto& rule : impl.regexes) {
            if (impl.whole_match(rule, u)) {
              if (rule.reason == "photo credit") add_agency(agency_from_credit(line));
              remove(b, e, rule.reason);
              removed = true;
              break;
            }
          }
        }
      }
    }
    if (removed) {
      pos = next;
      continue;
    }

    // Inline removals (a credit at the end of a caption).
    size_t keep_end = e;
    size_t removals_before = r.removed.size();
    // Only lines that end like a credit ("... (Photo: X)", "... Photo: X").
    std::string_view tail = line.substr(line.size() > 60 ? line.size() - 60 : 0);
    if (!impl.inlines.empty() && (line.back() == ')' || tail.find(':') != std::string_view::npos)) {
      icu::UnicodeString u = icu::UnicodeString::fromUTF8(
          icu::StringPiece(line.data(), static_cast<int32_t>(line.size())));
      for (const auto& rule : impl.inlines) {
        UErrorCode status = U_ZERO_ERROR;
        icu::RegexMatcher* m = thread_matcher(impl.id, *rule.pattern, u);
        if (!m || !m->find(status) || U_FAILURE(status)) continue;
        int32_t s16 = m->start(status), e16 = m->end(status);
        if (U_FAILURE(status) || s16 == 0) continue;  // the whole line: leave it to the line rules
        std::string before;
        u.tempSubString(0, s16).toUTF8String(before);
        std::string matched;
        u.tempSubString(s16, e16 - s16).toUTF8String(matched);
        size_t mb = b + before.size();
        remove(mb, mb + matched.size(), rule.reason);
        add_agency(agency_from_credit(matched));
        keep_end = mb;
        break;
      }
    }
    auto [kb, ke] = trim_range(text, b, keep_end);
    std::string_view kept = text.substr(kb, ke - kb);

    // A caption repeated within a few lines, possibly with a credit appended
    // to one copy, is kept once.
    bool repeated = false;
    if (kept.size() >= 20 && kept.size() <= 600) {
      for (const auto& prev : recent) {
        std::string_view p(prev);
        std::string_view shorter = p.size() <= kept.size() ? p : kept;
        std::string_view longer = p.size() <= kept.size() ? kept : p;
        if (shorter.size() >= 20 && longer.substr(0, shorter.size()) == shorter &&
            longer.size() - shorter.size() <= 80) {
          repeated = true;
          break;
        }
      }
    }
    if (repeated) {
      r.removed.resize(removals_before);  // the whole line goes: one removal, not two
      remove(b, e, "repeated caption");
      pos = next;
      continue;
    }
    recent.emplace_back(kept);
    if (static_cast<int>(recent.size()) > impl.options.caption_window) recent.erase(recent.begin());

    if (pending_blank) r.text += '\n';
    pending_blank = false;
    if (!r.text.empty()) r.text += '\n';
    r.text.append(kept);
    pos = next;
  }
  for (size_t i = 0; i < agencies.size(); ++i) {
    if (i) r.agency += "; ";
    r.agency += agencies[i];
  }
  if (want_title) r.title = guess_title(r.text);
  return r;
}

std::string guess_title(std::string_view text) {
  size_t pos = 0;
  int seen = 0;
  while (pos < text.size() && seen < 3) {
    size_t nl = text.find('\n', pos);
    size_t end = nl == std::string_view::npos ? text.size() : nl;
    auto [b, e] = trim_range(text, pos, end);
    pos = nl == std::string_view::npos ? text.size() : nl + 1;
    if (b == e) continue;
    ++seen;
    std::string_view line = text.substr(b, e - b);
    // Skip a line that is only a date ("Friday, 09/20/2024", "9.12.2025").
    int letters = 0, digits = 0;
    for (unsigned char c : line) {
      if (c >= '0' && c <= '9') ++digits;
      else if (c >= 0x80 || std::isalpha(c)) ++letters;
    }
    if (digits > 0 && count_words(line) <= 5 && letters <= 14) continue;
    int words = count_words(line);
    char last = line.back();
    bool sentence_end = last == '.' || last == ':' || last == ';' || last == ',';
    bool more = text.find_first_not_of(" \t\r\n", pos) != std::string_view::npos;
    if (words >= 3 && words <= 30 && line.size() <= 200 && !sentence_end && more) return std::string(line);
    return {};
  }
  return {};
}

}  // namespace ng
