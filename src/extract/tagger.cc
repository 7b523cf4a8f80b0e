#include "extract/tagger.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>

#include "lexicon/fold.h"
#include "lexicon/gazetteer.h"
#include "lexicon/roles.h"
#include "lexicon/tsv.h"

namespace ng {

std::string_view ner_type(uint8_t tag) {
  switch (tag) {
    case kNerBPer:
    case kNerIPer:
      return "PER";
    case kNerBOrg:
    case kNerIOrg:
      return "ORG";
    case kNerBLoc:
    case kNerILoc:
      return "LOC";
    default:
      return "";
  }
}

uint8_t ner_begin_tag(std::string_view type) {
  if (type == "PER") return kNerBPer;
  if (type == "ORG") return kNerBOrg;
  if (type == "LOC") return kNerBLoc;
  return kNerO;
}

std::vector<NerSpan> spans_of_tags(const std::vector<uint8_t>& tags) {
  std::vector<NerSpan> out;
  for (uint32_t i = 0; i < tags.size();) {
    if (tags[i] == kNerO || tags[i] >= kNerTags) {
      ++i;
      continue;
    }
    // A span starts at any B, or at an I that does not continue its type.
    const uint8_t b = static_cast<uint8_t>(tags[i] % 2 == 1 ? tags[i] : tags[i] - 1);
    uint32_t j = i + 1;
    while (j < tags.size() && tags[j] == b + 1) ++j;
    out.push_back({i, j, ner_type(b)});
    i = j;
  }
  return out;
}

std::vector<uint8_t> tags_of_spans(size_t n, const std::vector<NerSpan>& spans) {
  std::vector<uint8_t> tags(n, kNerO);
  for (const NerSpan& s : spans) {
    uint8_t b = ner_begin_tag(s.type);
    if (b == kNerO) continue;
    for (uint32_t i = s.begin; i < s.end && i < n; ++i) tags[i] = static_cast<uint8_t>(i == s.begin ? b : b + 1);
  }
  return tags;
}

// ---------------------------------------------------------------- lexicon

Result<std::unique_ptr<NerLexicon>> NerLexicon::create(const std::string& data_dir) {
  std::unique_ptr<NerLexicon> lex(new NerLexicon());
  const std::string dir = data_dir.empty() ? default_data_dir() : data_dir;
  GazetteerOptions go;
  go.data_dir = dir;
  auto g = Gazetteer::build(go);
  if (!g) return g.status();
  lex->own_gazetteer_ = std::move(*g);
  RoleOptions ro;
  ro.data_dir = dir;
  auto roles = RoleLexicon::create(ro);
  if (!roles) return roles.status();
  lex->own_roles_ = std::move(*roles);
  ro.resource = "orgwords";
  auto orgwords = RoleLexicon::create(ro);
  if (!orgwords) return orgwords.status();
  lex->own_orgwords_ = std::move(*orgwords);
  auto orgs = load_resource(dir, "orgs", 2, 2);
  if (!orgs) return orgs.status();
  for (const auto& file : *orgs) {
    for (const auto& row : file.rows) lex->own_orgs_.insert(row.fields[0]);
  }
  lex->gazetteer_ = lex->own_gazetteer_.get();
  lex->roles_ = lex->own_roles_.get();
  lex->orgwords_ = lex->own_orgwords_.get();
  lex->orgs_ = &lex->own_orgs_;
  return lex;
}

NerLexicon::NerLexicon(const Gazetteer* gazetteer, const RoleLexicon* roles, const RoleLexicon* orgwords,
                       const std::set<std::string, std::less<>>* org_names)
    : gazetteer_(gazetteer), roles_(roles), orgwords_(orgwords), orgs_(org_names) {}

NerLexicon::~NerLexicon() = default;

std::vector<uint8_t> NerLexicon::flags(std::string_view text, const std::vector<Span>& tokens, std::string_view lang,
                                       const std::vector<RoleMatch>* roles,
                                       const std::vector<RoleMatch>* orgwords) const {
  std::vector<uint8_t> out(tokens.size(), 0);
  if (tokens.empty()) return out;
  constexpr size_t kMaxWords = 3;
  std::string surface;
  for (size_t i = 0; i < tokens.size(); ++i) {
    // Names begin with a capital (or a letter of a caseless script): a word
    // in lower case or punctuation starts none, which spares most lookups.
    // Lowercase ASCII words still try their capitalised form below.
    std::string_view w = text.substr(tokens[i].begin, tokens[i].end - tokens[i].begin);
    int32_t k0 = 0;
    UChar32 c0;
    U8_NEXT(reinterpret_cast<const uint8_t*>(w.data()), k0, static_cast<int32_t>(w.size()), c0);
    const bool ascii_lower = c0 >= 'a' && c0 <= 'z';
    if (c0 < 0 || (!ascii_lower && (!u_isalpha(c0) || u_islower(c0)) && !u_isdigit(c0))) continue;
    for (size_t n = ascii_lower ? 1 : std::min(kMaxWords, tokens.size() - i); n >= 1; --n) {
      surface.assign(text.substr(tokens[i].begin, tokens[i + n - 1].end - tokens[i].begin));
      uint8_t bit = 0;
      if (orgs_ && orgs_->count(surface))
        bit = kLexOrgName;
      else if (gazetteer_ && !gazetteer_->find(surface).empty())
        bit = kLexPlace;
      // Lowercased text (Indonesian NERP, chat-style news): the capitalised
      // form of a single ASCII-initial word.
      else if (n == 1 && gazetteer_ && !surface.empty() && surface[0] >= 'a' && surface[0] <= 'z') {
        surface[0] = static_cast<char>(surface[0] - 'a' + 'A');
        if (!gazetteer_->find(surface).empty()) bit = kLexPlace;
      }
      if (bit) {
        for (size_t k = i; k < i + n; ++k) out[k] |= bit;
        break;
      }
    }
  }
  const uint32_t base = tokens.front().begin;
  auto mark_matches = [&](const std::vector<RoleMatch>& matches, uint32_t offset, uint8_t bit) {
    // First match that ends after the sentence begins (matches are in text order).
    auto m = std::lower_bound(matches.begin(), matches.end(), tokens.front().begin,
                              [&](const RoleMatch& x, uint32_t pos) { return x.span.end + offset <= pos; });
    size_t k = 0;
    for (; m != matches.end() && m->span.begin + offset < tokens.back().end; ++m) {
      const uint32_t b = m->span.begin + offset, e = m->span.end + offset;
      while (k < tokens.size() && tokens[k].end <= b) ++k;
      for (size_t j = k; j < tokens.size() && tokens[j].begin < e; ++j) out[j] |= bit;
    }
  };
  auto mark = [&](const RoleLexicon* lexicon, const std::vector<RoleMatch>* given, uint8_t bit) {
    if (given) return mark_matches(*given, 0, bit);
    if (!lexicon) return;
    mark_matches(lexicon->find(text.substr(base, tokens.back().end - base), lang), base, bit);
  };
  mark(roles_, roles, kLexRole);
  mark(orgwords_, orgwords, kLexOrgWord);
  return out;
}

// ---------------------------------------------------------------- features

namespace {

// Feature hashes. A feature's name is a prefix ending at its first '='
// ("w=", "s-1=", "tw="; "b" alone) and a value; its hash mixes the prefix's
// hash with the value's, eight bytes at a time (tagging hashes ~45 features
// per token: byte-at-a-time FNV was a large part of the tagger's time). The
// hashes live only in memory; model files store the names.
constexpr uint64_t kMul = 0x9E3779B97F4A7C15ull;

uint64_t hash_bytes(uint64_t seed, std::string_view s) {
  uint64_t h = seed ^ (s.size() * kMul);
  size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    uint64_t c;
    std::memcpy(&c, s.data() + i, 8);
    h = (h ^ c) * kMul;
    h ^= h >> 29;
  }
  uint64_t c = 0;
  if (i < s.size()) std::memcpy(&c, s.data() + i, s.size() - i);
  h = (h ^ c) * kMul;
  return h ^ (h >> 32);
}

uint64_t prefix_hash(std::string_view prefix) { return hash_bytes(0x243F6A8885A308D3ull, prefix); }
uint64_t feature_hash(uint64_t prefix, std::string_view value) { return hash_bytes(prefix, value); }

uint64_t hash_name(std::string_view name) {
  const size_t eq = name.find('=');
  if (eq == std::string_view::npos) return feature_hash(prefix_hash(name), "");
  return feature_hash(prefix_hash(name.substr(0, eq + 1)), name.substr(eq + 1));
}

// What the features need of one token, computed once per sentence.
struct TokenView {
  std::string_view word;  // as written
  bool plain = true;       // `word` has no control character (model file lines stay intact)
  std::string lower;           // case-folded, control characters replaced
  std::string shape;           // runs of X, x, d and other characters, each run once ("Xx", "X.X.", "dd" -> "d")
  char cap = 'o';              // 'U' all capitals, 'C' initial capital, 'l' lower, 'o' other
  // Byte offsets in `lower` where its first four code points end (head) and
  // where its last four begin (tail[k-1]: the k-th from the end), for the
  // affix features; `chars` code points in all. Fixed arrays: no allocation
  // per token.
  uint32_t head[4] = {}, tail[4] = {};
  size_t chars = 0;
};

void view_of(std::string_view w, TokenView& v) {
  v.word = w;
  v.plain = std::none_of(w.begin(), w.end(), [](char c) { return static_cast<uint8_t>(c) < 0x20; });
  v.lower = fold_case(w);
  for (char& c : v.lower) {
    if (static_cast<uint8_t>(c) < 0x20) c = '_';  // keeps the model file's lines intact
  }
  v.shape.clear();
  const auto* p = reinterpret_cast<const uint8_t*>(w.data());
  const auto n = static_cast<int32_t>(w.size());
  int upper = 0, lower = 0, letters = 0;
  bool first_upper = false;  // the first letter is a capital
  char last = 0;
  for (int32_t i = 0; i < n;) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    char k;
    if (c < 0) {
      k = '?';
    } else if (u_isupper(c) || u_istitle(c)) {
      k = 'X';
      first_upper = first_upper || letters == 0;
      ++upper, ++letters;
    } else if (u_isalpha(c)) {
      k = 'x';
      ++lower, ++letters;
    } else if (u_isdigit(c)) {
      k = 'd';
    } else {
      k = c < 0x80 ? static_cast<char>(c) : '*';
    }
    if (k == ' ' || static_cast<uint8_t>(k) < 0x20) k = '_';
    if (k != last && v.shape.size() < 8) v.shape += k;
    last = k;
  }
  if (letters == 0)
    v.cap = 'o';
  else if (lower == 0)
    v.cap = 'U';
  else if (upper == 0)
    v.cap = 'l';
  else
    v.cap = first_upper && upper == 1 ? 'C' : 'M';
  const auto* q = reinterpret_cast<const uint8_t*>(v.lower.data());
  const auto m = static_cast<int32_t>(v.lower.size());
  uint32_t starts[4] = {};  // the last four code point starts, as a ring
  v.chars = 0;
  for (int32_t i = 0; i < m;) {
    starts[v.chars % 4] = static_cast<uint32_t>(i);
    U8_FWD_1(q, i, m);
    if (v.chars < 4) v.head[v.chars] = static_cast<uint32_t>(i);
    ++v.chars;
  }
  for (size_t k = 1; k <= 4 && k <= v.chars; ++k) v.tail[k - 1] = starts[(v.chars - k) % 4];
}

// Collects feature hashes (hash_name of the feature's name, computed
// without building the name) and, when asked (training), the names.
struct Features {
  std::vector<uint64_t> hashes;
  std::vector<std::string>* names = nullptr;
  std::string buf;  // "a|b" values
  void add(std::string_view prefix, std::string_view value) {
    hashes.push_back(feature_hash(prefix_hash(prefix), value));
    if (names) names->push_back(std::string(prefix).append(value));
  }
  void add(std::string_view prefix, std::string_view a, std::string_view b) {
    buf.assign(a);
    buf += '|';
    buf.append(b);
    hashes.push_back(feature_hash(prefix_hash(prefix), buf));
    if (names) names->push_back(std::string(prefix).append(buf));
  }
};

constexpr std::string_view kTagNames[kNerTags] = {"O", "BP", "IP", "BO", "IO", "BL", "IL"};

// Two hex digits: lexicon bits, then rule type and begin bits.
std::string_view lex_name(uint8_t f) {
  static const char kHex[] = "0123456789abcdef";
  static const auto kNames = [] {
    std::array<std::string, 256> names;
    for (int i = 0; i < 256; ++i) names[static_cast<size_t>(i)] = {kHex[i >> 4], kHex[i & 15]};
    return names;
  }();
  return kNames[f];
}

// Features that do not depend on the tags decided so far.
void static_features(const std::vector<TokenView>& v, const std::vector<uint8_t>& lex, size_t i, bool cased,
                     Features& f) {
  const size_t n = v.size();
  const TokenView& t = v[i];
  auto word = [&](long k) -> std::string_view {
    if (k < 0) return "<s>";
    if (k >= static_cast<long>(n)) return "</s>";
    return v[static_cast<size_t>(k)].lower;
  };
  auto shape = [&](long k) -> std::string_view {
    if (k < 0 || k >= static_cast<long>(n)) return "-";
    return v[static_cast<size_t>(k)].shape;
  };
  auto lexf = [&](long k) -> std::string_view {
    if (k < 0 || k >= static_cast<long>(n) || lex.empty()) return "-";
    return lex_name(lex[static_cast<size_t>(k)]);
  };
  const long li = static_cast<long>(i);
  f.add("b", "");
  f.add("w=", t.lower);
  // The word as written when it has capitals (a name and the same word in
  // lower case are told apart): GermEval CV5 0.539 -> 0.547, Webbnyheter
  // 0.790 -> 0.797, FactRuEval 0.742 -> 0.747 (Viterbi).
  if (cased && t.cap != 'l' && t.cap != 'o' && t.plain) f.add("W=", t.word);
  f.add("s=", t.shape);
  const char cap[2] = {t.cap, i == 0 ? '^' : '.'};
  f.add("c=", std::string_view(cap, 2));
  const size_t cps = t.chars;
  for (size_t k = 1; k <= 4 && k < cps; ++k) {
    f.add("p=", std::string_view(t.lower).substr(0, t.head[k - 1]));
    f.add("x=", std::string_view(t.lower).substr(t.tail[k - 1]));
  }
  f.add("w-1=", word(li - 1));
  f.add("w+1=", word(li + 1));
  f.add("w-2=", word(li - 2));
  f.add("w+2=", word(li + 2));
  f.add("ww-=", word(li - 1), t.lower);
  f.add("ww+=", t.lower, word(li + 1));
  f.add("s-1=", shape(li - 1));
  f.add("s+1=", shape(li + 1));
  f.add("s-2=", shape(li - 2));
  f.add("s+2=", shape(li + 2));
  f.add("ss=", shape(li - 1), t.shape);
  f.add("s+s=", t.shape, shape(li + 1));
  f.add("g=", lexf(li));
  f.add("g-1=", lexf(li - 1));
  f.add("g+1=", lexf(li + 1));
  f.add("gs=", lexf(li), t.shape);
}

// Features of the tags decided for the two tokens before.
void history_features(const std::vector<TokenView>& v, size_t i, uint8_t t1, uint8_t t2, Features& f) {
  f.add("t-1=", kTagNames[t1]);
  f.add("t-2=", kTagNames[t2], kTagNames[t1]);
  f.add("tw=", kTagNames[t1], v[i].lower);
  f.add("ts=", kTagNames[t1], v[i].shape);
}

// I-X follows only B-X or I-X.
bool allowed(uint8_t prev, uint8_t tag) {
  if (tag == kNerO || tag % 2 == 1) return true;
  return prev == tag || prev == tag - 1;
}

// First-order history features, for Viterbi decoding: the previous tag only.
void transition_features(const std::vector<TokenView>& v, size_t i, uint8_t t1, Features& f) {
  f.add("t-1=", kTagNames[t1]);
  f.add("tw=", kTagNames[t1], v[i].lower);
  f.add("ts=", kTagNames[t1], v[i].shape);
}

// What transition_features(v, i, t1) hashes that does not depend on the
// token, computed once.
struct TransitionSeeds {
  uint64_t tag[kNerTags];  // "t-1=<tag>"
  uint64_t word = prefix_hash("tw="), shape = prefix_hash("ts=");
  TransitionSeeds() {
    for (uint8_t t = 0; t < kNerTags; ++t) tag[t] = feature_hash(prefix_hash("t-1="), kTagNames[t]);
  }
};

const TransitionSeeds& transition_seeds() {
  static const TransitionSeeds seeds;
  return seeds;
}

// The best tag sequence over a tag-bigram lattice: score(i, prev, tag) =
// stat[i][tag] (static features of token i) + the transition features of
// (i, prev). `add(h, out)` adds the weights of feature hash h to out[kNerTags].
template <typename Add, typename Prefetch>
std::vector<uint8_t> viterbi(const std::vector<TokenView>& v, const std::vector<std::array<double, kNerTags>>& stat,
                             Add add, Prefetch prefetch) {
  const size_t n = v.size();
  constexpr double kNone = -1e300;
  std::vector<std::array<double, kNerTags>> delta(n);
  std::vector<std::array<uint8_t, kNerTags>> back(n);
  const TransitionSeeds& seeds = transition_seeds();
  // "t-1=" does not depend on the token: its weights once per sentence.
  double bigram[kNerTags][kNerTags] = {};
  for (uint8_t prev = 0; prev < kNerTags; ++prev) add(seeds.tag[prev], bigram[prev]);
  // The word and shape transition features of every (token, previous tag),
  // hashed and prefetched first, then looked up (the lookups overlap their
  // memory waits), then the lattice.
  std::vector<uint64_t> hashes(n * kNerTags * 2);
  std::string value;  // "<prev tag>|<word or shape>"
  for (size_t i = 0; i < n; ++i) {
    for (uint8_t prev = 0; prev < (i == 0 ? 1 : kNerTags); ++prev) {
      value.assign(kTagNames[prev]);
      value += '|';
      const size_t head = value.size();
      value.append(v[i].lower);
      uint64_t* h = &hashes[(i * kNerTags + prev) * 2];
      h[0] = feature_hash(seeds.word, value);
      value.resize(head);
      value.append(v[i].shape);
      h[1] = feature_hash(seeds.shape, value);
      prefetch(h[0]);
      prefetch(h[1]);
    }
  }
  std::vector<std::array<double, kNerTags>> trans(n * kNerTags);
  for (size_t i = 0; i < n; ++i) {
    for (uint8_t prev = 0; prev < (i == 0 ? 1 : kNerTags); ++prev) {
      double* tr = trans[i * kNerTags + prev].data();
      std::copy(bigram[prev], bigram[prev] + kNerTags, tr);
      add(hashes[(i * kNerTags + prev) * 2], tr);
      add(hashes[(i * kNerTags + prev) * 2 + 1], tr);
    }
  }
  for (size_t i = 0; i < n; ++i) {
    delta[i].fill(kNone);
    back[i].fill(kNerO);
    for (uint8_t prev = 0; prev < (i == 0 ? 1 : kNerTags); ++prev) {
      if (i > 0 && delta[i - 1][prev] == kNone) continue;
      const double* tr = trans[i * kNerTags + prev].data();
      const double base = i == 0 ? 0 : delta[i - 1][prev];
      for (uint8_t t = 0; t < kNerTags; ++t) {
        if (!allowed(prev, t)) continue;
        const double sc = base + stat[i][t] + tr[t];
        if (sc > delta[i][t]) delta[i][t] = sc, back[i][t] = prev;
      }
    }
  }
  std::vector<uint8_t> tags(n, kNerO);
  if (n == 0) return tags;
  uint8_t best = kNerO;
  for (uint8_t t = 1; t < kNerTags; ++t) {
    if (delta[n - 1][t] > delta[n - 1][best]) best = t;
  }
  for (size_t i = n; i-- > 0;) {
    tags[i] = best;
    best = back[i][best];
  }
  return tags;
}

std::vector<TokenView> views_of(const std::vector<std::string_view>& words) {
  std::vector<TokenView> v(words.size());
  for (size_t i = 0; i < words.size(); ++i) view_of(words[i], v[i]);
  return v;
}

}  // namespace

// ---------------------------------------------------------------- tagging

NerTagger::~NerTagger() = default;

void NerTagger::reserve(size_t features) {
  size_t cap = 16;
  while (cap < features * 2) cap *= 2;
  std::vector<uint64_t> old_keys = std::move(keys_);
  std::vector<uint32_t> old_offsets = std::move(offsets_);
  keys_.assign(cap, 0);
  offsets_.assign(cap, 0);
  for (size_t i = 0; i < old_keys.size(); ++i) {
    if (!old_keys[i]) continue;
    size_t j = old_keys[i] & (cap - 1);
    while (keys_[j]) j = (j + 1) & (cap - 1);
    keys_[j] = old_keys[i];
    offsets_[j] = old_offsets[i];
  }
}

bool NerTagger::add_feature(std::string name, const int32_t* weights) {
  if ((names_.size() + 1) * 2 > keys_.size()) reserve(std::max<size_t>(names_.size() * 2, 16));
  uint64_t h = hash_name(name);
  if (h == 0) h = 1;  // 0 marks an empty slot
  size_t j = h & (keys_.size() - 1);
  while (keys_[j]) {
    if (keys_[j] == h) return false;
    j = (j + 1) & (keys_.size() - 1);
  }
  keys_[j] = h;
  offsets_[j] = static_cast<uint32_t>(weights_.size());
  weights_.insert(weights_.end(), weights, weights + kNerTags);
  names_.push_back(std::move(name));
  return true;
}

const int32_t* NerTagger::find(uint64_t h) const {
  if (keys_.empty()) return nullptr;
  if (h == 0) h = 1;
  const size_t mask = keys_.size() - 1;
  for (size_t j = h & mask;; j = (j + 1) & mask) {
    if (keys_[j] == h) return &weights_[offsets_[j]];
    if (!keys_[j]) return nullptr;
  }
}

std::vector<uint8_t> NerTagger::tag_ids(const std::vector<std::string_view>& words,
                                        const std::vector<uint8_t>& lex) const {
  std::vector<uint8_t> tags(words.size(), kNerO);
  std::vector<TokenView> v;
  std::vector<uint8_t> lex_lower;
  if (lowercase_) {
    // As the training data was: no capitals, and no rule found a name in it.
    std::vector<std::string> lower(words.size());
    std::vector<std::string_view> views(words.size());
    for (size_t i = 0; i < words.size(); ++i) views[i] = lower[i] = fold_case(words[i]);
    v = views_of(views);
    lex_lower = lex;
    for (uint8_t& x : lex_lower) x &= 15;
  } else {
    v = views_of(words);
  }
  const std::vector<uint8_t>& flags = lowercase_ ? lex_lower : lex;
  Features f;
  if (viterbi_) {
    std::vector<std::array<double, kNerTags>> stat(words.size());
    // All the static feature hashes first, their table slots prefetched, then
    // the lookups: the table is larger than the caches and the lookups are
    // independent, so the memory waits overlap.
    std::vector<size_t> ends(words.size());
    for (size_t i = 0; i < words.size(); ++i) {
      static_features(v, flags, i, cased_, f);
      ends[i] = f.hashes.size();
    }
    const size_t mask = keys_.empty() ? 0 : keys_.size() - 1;
    if (!keys_.empty()) {
      for (uint64_t h : f.hashes) __builtin_prefetch(&keys_[(h ? h : 1) & mask]);
    }
    for (size_t i = 0, k0 = 0; i < words.size(); k0 = ends[i], ++i) {
      stat[i].fill(0);
      for (size_t j = k0; j < ends[i]; ++j) {
        if (const int32_t* w = find(f.hashes[j])) {
          for (int k = 0; k < kNerTags; ++k) stat[i][k] += w[k];
        }
      }
    }
    return viterbi(
        v, stat,
        [&](uint64_t h, double* out) {
          if (const int32_t* w = find(h)) {
            for (int k = 0; k < kNerTags; ++k) out[k] += w[k];
          }
        },
        [&](uint64_t h) {
          if (!keys_.empty()) __builtin_prefetch(&keys_[(h ? h : 1) & mask]);
        });
  }
  for (size_t i = 0; i < words.size(); ++i) {
    f.hashes.clear();
    static_features(v, flags, i, cased_, f);
    const uint8_t t1 = i > 0 ? tags[i - 1] : uint8_t{kNerO}, t2 = i > 1 ? tags[i - 2] : uint8_t{kNerO};
    history_features(v, i, t1, t2, f);
    int64_t score[kNerTags] = {};
    for (uint64_t h : f.hashes) {
      const int32_t* w = find(h);
      if (!w) continue;
      for (int k = 0; k < kNerTags; ++k) score[k] += w[k];
    }
    uint8_t best = kNerO;
    for (uint8_t k = 1; k < kNerTags; ++k) {
      if (allowed(t1, k) && score[k] > score[best]) best = k;
    }
    tags[i] = best;
  }
  return tags;
}

// ---------------------------------------------------------------- training

class NerTrainer {
 public:
  static std::unique_ptr<NerTagger> run(const std::vector<NerExample>& data, const NerTrainOptions& options);
};

std::unique_ptr<NerTagger> NerTagger::train(const std::vector<NerExample>& data, const NerTrainOptions& options) {
  return NerTrainer::run(data, options);
}

std::unique_ptr<NerTagger> NerTrainer::run(const std::vector<NerExample>& data, const NerTrainOptions& options) {
  // Weights with lazy averaging: total accumulates weight x time since the
  // last change, so the average costs nothing per step.
  struct Entry {
    float w[kNerTags] = {};
    double total[kNerTags] = {};
    int64_t stamp[kNerTags] = {};
    std::string name;
  };
  std::unordered_map<uint64_t, uint32_t> index;
  std::vector<Entry> entries;
  int64_t step = 0;
  auto update = [&](uint64_t h, const std::string* name, uint8_t tag, float delta) {
    auto [it, fresh] = index.emplace(h, static_cast<uint32_t>(entries.size()));
    if (fresh) {
      entries.emplace_back();
      entries.back().name = name ? *name : std::string();
    }
    Entry& e = entries[it->second];
    e.total[tag] += static_cast<double>(step - e.stamp[tag]) * e.w[tag];
    e.stamp[tag] = step;
    e.w[tag] += delta;
  };

  // The static features of every token, once.
  struct Prepared {
    std::vector<TokenView> views;
    std::vector<std::vector<uint64_t>> hashes;
    std::vector<std::vector<std::string>> names;
  };
  std::vector<Prepared> prepared(data.size());
  // How often each feature occurs (history features with the gold tags):
  // rare ones are mostly noise and make most of the model's size.
  std::unordered_map<uint64_t, int> counts;
  Features gold_hist;
  for (size_t s = 0; s < data.size(); ++s) {
    std::vector<std::string_view> words(data[s].words.begin(), data[s].words.end());
    Prepared& p = prepared[s];
    p.views = views_of(words);
    p.hashes.resize(words.size());
    p.names.resize(words.size());
    for (size_t i = 0; i < words.size(); ++i) {
      Features f;
      f.names = &p.names[i];
      static_features(p.views, data[s].lex, i, options.cased, f);
      p.hashes[i] = std::move(f.hashes);
      for (uint64_t h : p.hashes[i]) ++counts[h];
      gold_hist.hashes.clear();
      const auto& g = data[s].tags;
      history_features(p.views, i, i > 0 && i - 1 < g.size() ? g[i - 1] : uint8_t{kNerO},
                       i > 1 && i - 2 < g.size() ? g[i - 2] : uint8_t{kNerO}, gold_hist);
      for (uint64_t h : gold_hist.hashes) ++counts[h];
    }
  }
  auto frequent = [&](uint64_t h) {
    if (options.min_count <= 1) return true;
    auto it = counts.find(h);
    return it != counts.end() && it->second >= options.min_count;
  };
  for (Prepared& p : prepared) {
    for (size_t i = 0; i < p.hashes.size(); ++i) {
      size_t keep = 0;
      for (size_t k = 0; k < p.hashes[i].size(); ++k) {
        if (!frequent(p.hashes[i][k])) continue;
        if (keep != k) {
          p.hashes[i][keep] = p.hashes[i][k];
          p.names[i][keep] = std::move(p.names[i][k]);
        }
        ++keep;
      }
      p.hashes[i].resize(keep);
      p.names[i].resize(keep);
    }
  }

  std::vector<size_t> order(data.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  uint64_t rng = options.seed * 6364136223846793005ull + 1442695040888963407ull;
  auto next = [&rng]() {
    rng = rng * 6364136223846793005ull + 1442695040888963407ull;
    return rng >> 33;
  };
  Features hist;
  std::vector<std::string> hist_names;
  hist.names = &hist_names;
  for (int epoch = 0; epoch < options.epochs; ++epoch) {
    // Fisher-Yates with our own generator: the same order on every platform.
    for (size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[next() % i]);
    for (size_t s : order) {
      const NerExample& ex = data[s];
      const Prepared& p = prepared[s];
      if (options.viterbi) {
        // Structured perceptron: decode the whole sentence, then move the
        // weights from the predicted path towards the gold one.
        auto add = [&](uint64_t h, double* out) {
          auto it = index.find(h);
          if (it == index.end()) return;
          for (int k = 0; k < kNerTags; ++k) out[k] += entries[it->second].w[k];
        };
        std::vector<std::array<double, kNerTags>> stat(ex.words.size());
        for (size_t i = 0; i < ex.words.size(); ++i) {
          stat[i].fill(0);
          for (uint64_t h : p.hashes[i]) add(h, stat[i].data());
        }
        const std::vector<uint8_t> pred = viterbi(p.views, stat, add, [](uint64_t) {});
        ++step;
        for (size_t i = 0; i < ex.words.size(); ++i) {
          const uint8_t gold = i < ex.tags.size() ? ex.tags[i] : uint8_t{kNerO};
          const uint8_t gprev = i == 0 ? uint8_t{kNerO} : (i - 1 < ex.tags.size() ? ex.tags[i - 1] : uint8_t{kNerO});
          const uint8_t pprev = i == 0 ? uint8_t{kNerO} : pred[i - 1];
          if (gold != pred[i]) {
            for (size_t k = 0; k < p.hashes[i].size(); ++k) {
              update(p.hashes[i][k], &p.names[i][k], gold, 1);
              update(p.hashes[i][k], &p.names[i][k], pred[i], -1);
            }
          }
          if (gold != pred[i] || gprev != pprev) {
            for (int side = 0; side < 2; ++side) {
              hist.hashes.clear();
              hist_names.clear();
              transition_features(p.views, i, side == 0 ? gprev : pprev, hist);
              for (size_t k = 0; k < hist.hashes.size(); ++k) {
                if (!frequent(hist.hashes[k])) continue;
                update(hist.hashes[k], &hist_names[k], side == 0 ? gold : pred[i], side == 0 ? 1.0f : -1.0f);
              }
            }
          }
        }
        continue;
      }
      std::vector<uint8_t> tags(ex.words.size(), kNerO);
      for (size_t i = 0; i < ex.words.size(); ++i) {
        ++step;
        const uint8_t t1 = i > 0 ? tags[i - 1] : uint8_t{kNerO}, t2 = i > 1 ? tags[i - 2] : uint8_t{kNerO};
        hist.hashes.clear();
        hist_names.clear();
        history_features(p.views, i, t1, t2, hist);
        double score[kNerTags] = {};
        auto add_scores = [&](uint64_t h) {
          auto it = index.find(h);
          if (it == index.end()) return;
          const Entry& e = entries[it->second];
          for (int k = 0; k < kNerTags; ++k) score[k] += e.w[k];
        };
        for (uint64_t h : p.hashes[i]) add_scores(h);
        for (uint64_t h : hist.hashes) add_scores(h);
        uint8_t best = kNerO;
        for (uint8_t k = 1; k < kNerTags; ++k) {
          if (allowed(t1, k) && score[k] > score[best]) best = k;
        }
        const uint8_t gold = i < ex.tags.size() ? ex.tags[i] : uint8_t{kNerO};
        if (best != gold) {
          for (size_t k = 0; k < p.hashes[i].size(); ++k) {
            update(p.hashes[i][k], &p.names[i][k], gold, 1);
            update(p.hashes[i][k], &p.names[i][k], best, -1);
          }
          for (size_t k = 0; k < hist.hashes.size(); ++k) {
            if (!frequent(hist.hashes[k])) continue;
            update(hist.hashes[k], &hist_names[k], gold, 1);
            update(hist.hashes[k], &hist_names[k], best, -1);
          }
        }
        tags[i] = best;  // the history is what the tagger decided, as at tagging time
      }
    }
  }

  // Average, quantise to integers (x1000), prune small features; in the
  // order the features were first seen, which the fixed data order makes
  // deterministic.
  std::unique_ptr<NerTagger> model(new NerTagger());
  model->lang_ = options.lang;
  // Lowercased training text (under 1% of the words with a capital) makes a
  // lowercase model.
  size_t words = 0, capitals = 0;
  for (const Prepared& p : prepared) {
    for (const TokenView& t : p.views) {
      if (t.cap == 'o') continue;
      ++words;
      capitals += t.cap != 'l';
    }
  }
  model->lowercase_ = words > 0 && capitals * 100 < words;
  model->viterbi_ = options.viterbi;
  model->cased_ = options.cased;
  const double steps = static_cast<double>(std::max<int64_t>(step, 1));
  for (Entry& e : entries) {
    int32_t q[kNerTags];
    bool keep = false;
    for (int k = 0; k < kNerTags; ++k) {
      const double total = e.total[k] + static_cast<double>(step - e.stamp[k]) * e.w[k];
      q[k] = static_cast<int32_t>(std::lround(total / steps * 1000.0));
      if (std::abs(q[k]) < options.prune_below) q[k] = 0;
      keep = keep || q[k] != 0;
    }
    if (!keep) continue;
    model->add_feature(std::move(e.name), q);
  }
  return model;
}

// ---------------------------------------------------------------- files

Status NerTagger::save(const std::string& path) const {
  std::string out =
      "newsgraph-ner\t1\t" + lang_ + (lowercase_ ? "\tlowercase" : "") + (viterbi_ ? "\tviterbi" : "") +
      (cased_ ? "\tcased" : "") + "\n";
  for (size_t i = 0; i < names_.size(); ++i) {
    out += names_[i];
    char sep = '\t';
    for (int k = 0; k < kNerTags; ++k) {
      const int32_t w = weights_[i * kNerTags + static_cast<size_t>(k)];
      if (w == 0) continue;
      out += sep;
      out += std::to_string(k);
      out += ':';
      out += std::to_string(w);
      sep = ' ';
    }
    out += '\n';
  }
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) return Status::io_error(path + ": cannot write");
  const bool ok = std::fwrite(out.data(), 1, out.size(), f) == out.size();
  if (std::fclose(f) != 0 || !ok) return Status::io_error(path + ": write failed");
  return Status::ok();
}

Result<std::unique_ptr<NerTagger>> NerTagger::load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::not_found(path + ": cannot open model");
  std::unique_ptr<NerTagger> model(new NerTagger());
  std::string line;
  size_t lineno = 0;
  auto bad = [&](const std::string& why) {
    return Status::corrupt(path + ":line " + std::to_string(lineno) + ": " + why);
  };
  while (std::getline(in, line)) {
    ++lineno;
    if (lineno == 1) {
      const std::string head = "newsgraph-ner\t1\t";
      if (line.rfind(head, 0) != 0 || line.size() == head.size()) return bad("not a newsgraph-ner v1 model header");
      std::string rest = line.substr(head.size());
      const size_t tab = rest.find('\t');
      model->lang_ = rest.substr(0, tab);
      for (size_t at = tab; at != std::string::npos;) {
        const size_t end = rest.find('\t', at + 1);
        const std::string option = rest.substr(at + 1, end == std::string::npos ? std::string::npos : end - at - 1);
        if (option == "lowercase")
          model->lowercase_ = true;
        else if (option == "cased")
          model->cased_ = true;
        else if (option == "viterbi")
          model->viterbi_ = true;
        else
          return bad("unknown model option \"" + option + "\"");
        at = end;
      }
      continue;
    }
    const size_t tab = line.rfind('\t');
    if (tab == std::string::npos || tab == 0) return bad("expected feature<TAB>weights");
    std::string name = line.substr(0, tab);
    int32_t w[kNerTags] = {};
    std::string_view rest = std::string_view(line).substr(tab + 1);
    bool any = false;
    while (!rest.empty()) {
      const size_t sp = rest.find(' ');
      std::string_view item = rest.substr(0, sp);
      rest = sp == std::string_view::npos ? std::string_view() : rest.substr(sp + 1);
      const size_t colon = item.find(':');
      if (colon != 1 || item[0] < '0' || item[0] >= '0' + kNerTags || item.size() < 3) {
        return bad("weight \"" + std::string(item) + "\" is not tag:integer");
      }
      char* end = nullptr;
      std::string num(item.substr(2));
      const long v = std::strtol(num.c_str(), &end, 10);
      if (*end != '\0' || v > INT32_MAX / 64 || v < -INT32_MAX / 64) {
        return bad("weight \"" + std::string(item) + "\" is not tag:integer");
      }
      w[item[0] - '0'] = static_cast<int32_t>(v);
      any = true;
    }
    if (!any) return bad("feature without weights");
    if (!model->add_feature(name, w)) return bad("feature \"" + name + "\" repeated");
  }
  if (lineno == 0) return Status::corrupt(path + ":line 1: empty model file");
  return model;
}

}  // namespace ng
