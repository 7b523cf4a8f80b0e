#include "eval/entity_score.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <set>
#include <tuple>

namespace ng::eval {
namespace {

std::vector<std::string> tokens_of(const std::string& normalised) {
  // Letters, digits and marks make tokens; anything else separates them.
  std::vector<std::string> out;
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(normalised);
  icu::UnicodeString cur;
  auto flush = [&] {
    if (cur.isEmpty()) return;
    std::string s;
    cur.toUTF8String(s);
    out.push_back(std::move(s));
    cur.remove();
  };
  for (int32_t i = 0; i < u.length();) {
    UChar32 c = u.char32At(i);
    i += U16_LENGTH(c);
    if (u_isalnum(c) || u_getCombiningClass(c) > 0 || (U_GET_GC_MASK(c) & U_GC_M_MASK)) cur.append(c);
    else flush();
  }
  flush();
  return out;
}

// Whether `inner` occurs as a contiguous run of tokens in `outer`.
bool contains_run(const std::vector<std::string>& outer, const std::vector<std::string>& inner) {
  if (inner.empty() || inner.size() > outer.size()) return false;
  return std::search(outer.begin(), outer.end(), inner.begin(), inner.end()) != outer.end();
}

struct Prepared {
  std::string type;
  std::vector<std::string> norm;                      // normalised surfaces
  std::vector<std::vector<std::string>> tokens;       // their tokens
};

template <typename E>
Prepared prepare(const E& e) {
  Prepared p;
  p.type = e.type;
  for (const auto& s : e.surfaces) {
    std::string n = normalise_surface(s);
    if (n.empty()) continue;
    p.tokens.push_back(tokens_of(n));
    p.norm.push_back(std::move(n));
  }
  return p;
}

bool strict_match(const Prepared& a, const Prepared& b) {
  if (a.type != b.type) return false;
  for (const auto& x : a.norm) {
    if (std::find(b.norm.begin(), b.norm.end(), x) != b.norm.end()) return true;
  }
  return false;
}

bool relaxed_match(const Prepared& a, const Prepared& b) {
  if (a.type != b.type) return false;
  for (const auto& x : a.tokens) {
    for (const auto& y : b.tokens) {
      if (contains_run(x, y) || contains_run(y, x)) return true;
    }
  }
  return false;
}

long pairs(long n) { return n * (n - 1) / 2; }

// Pairs of instances sharing `key`, in different documents.
template <typename Key>
long cross_doc_pairs(const std::vector<std::tuple<std::string, std::string, std::string>>& inst, Key key) {
  std::map<std::string, long> total;
  std::map<std::pair<std::string, std::string>, long> per_doc;
  for (const auto& i : inst) {
    std::string k = key(i);
    ++total[k];
    ++per_doc[{k, std::get<0>(i)}];
  }
  long n = 0;
  for (const auto& [k, c] : total) n += pairs(c);
  for (const auto& [k, c] : per_doc) n -= pairs(c);
  return n;
}

}  // namespace

std::string normalise_surface(const std::string& s) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc_cf = icu::Normalizer2::getNFKCCasefoldInstance(status);
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(s);
  icu::UnicodeString n = U_SUCCESS(status) ? nfkc_cf->normalize(u, status) : u;
  if (U_FAILURE(status)) n = u;
  // Trim punctuation and white space at both ends; collapse inner white space.
  int32_t b = 0, e = n.length();
  auto trimmable = [](UChar32 c) { return u_ispunct(c) || u_isUWhiteSpace(c); };
  while (b < e && trimmable(n.char32At(b))) b += U16_LENGTH(n.char32At(b));
  while (e > b) {
    UChar32 c = n.char32At(e - 1);
    if (!trimmable(c)) break;
    e -= U16_LENGTH(c);
  }
  icu::UnicodeString out;
  bool space = false;
  for (int32_t i = b; i < e;) {
    UChar32 c = n.char32At(i);
    i += U16_LENGTH(c);
    if (u_isUWhiteSpace(c)) {
      space = true;
      continue;
    }
    if (space && !out.isEmpty()) out.append(UChar(' '));
    space = false;
    out.append(c);
  }
  std::string r;
  out.toUTF8String(r);
  return r;
}

EntityScores score_entities(const std::vector<DocEntities>& docs) {
  EntityScores sc;
  std::vector<std::tuple<std::string, std::string, std::string>> instances;  // doc, gold name, system id
  for (const DocEntities& d : docs) {
    std::vector<Prepared> gold, sys;
    for (const auto& g : d.gold) gold.push_back(prepare(g));
    for (const auto& s : d.system) sys.push_back(prepare(s));
    for (int relaxed = 0; relaxed < 2; ++relaxed) {
      auto match = relaxed ? relaxed_match : strict_match;
      auto& total = relaxed ? sc.relaxed : sc.strict;
      auto& by_type = relaxed ? sc.relaxed_by_type : sc.strict_by_type;
      auto& by_lang = relaxed ? sc.relaxed_by_lang : sc.strict_by_lang;
      auto& by_lang_type = relaxed ? sc.relaxed_by_lang_type : sc.strict_by_lang_type;
      for (size_t i = 0; i < gold.size(); ++i) {
        Prf p;
        p.gold = 1;
        size_t found = sys.size();
        for (size_t j = 0; j < sys.size() && found == sys.size(); ++j) {
          if (match(gold[i], sys[j])) found = j;
        }
        p.tp_recall = found < sys.size();
        if (!relaxed && found < sys.size()) instances.emplace_back(d.doc, d.gold[i].name, d.system[found].id);
        total.add(p);
        by_type[gold[i].type].add(p);
        by_lang[d.lang].add(p);
        by_lang_type[d.lang + '/' + gold[i].type].add(p);
      }
      for (const auto& s : sys) {
        Prf p;
        p.system = 1;
        p.tp_precision = std::any_of(gold.begin(), gold.end(), [&](const Prepared& g) { return match(g, s); });
        total.add(p);
        by_type[s.type].add(p);
        by_lang[d.lang].add(p);
        by_lang_type[d.lang + '/' + s.type].add(p);
      }
    }
  }
  long both = cross_doc_pairs(instances, [](const auto& i) { return std::get<1>(i) + '\x1f' + std::get<2>(i); });
  long same_gold = cross_doc_pairs(instances, [](const auto& i) { return std::get<1>(i); });
  long same_sys = cross_doc_pairs(instances, [](const auto& i) { return std::get<2>(i); });
  sc.identity.tp = both;
  sc.identity.fp = same_sys - both;
  sc.identity.fn = same_gold - both;
  return sc;
}

}  // namespace ng::eval
