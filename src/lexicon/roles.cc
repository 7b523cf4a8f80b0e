#include "lexicon/roles.h"

#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <unordered_map>

#include "lexicon/fold.h"
#include "lexicon/tsv.h"

namespace ng {
namespace {

struct Word {
  std::string folded;
  bool prefix = false;  // "министр*": any word beginning so
  bool suffix = false;  // "*minister": any word ending so (German compounds: Bildungsminister)
};

struct Phrase {
  std::vector<Word> words;
  std::string role;
};

struct TextWord {
  uint32_t begin, end;
  std::string folded;
  std::string tail;  // after the last hyphen of a compound ("us-präsident" -> "präsident"), else empty
};

bool word_char(UChar32 c) { return u_isalnum(c) || (U_GET_GC_MASK(c) & U_GC_M_MASK); }
bool joiner(UChar32 c) { return c == '-' || c == '\'' || c == 0x2019 || c == 0x2010 || c == 0x2011; }

// Words: runs of letters, digits and marks, joined by hyphens and
// apostrophes between them ("Vize-Außenminister", "l'Intérieur").
std::vector<TextWord> words_of(std::string_view text) {
  std::vector<TextWord> out;
  const auto* p = reinterpret_cast<const uint8_t*>(text.data());
  const auto n = static_cast<int32_t>(text.size());
  int32_t i = 0;
  while (i < n) {
    int32_t start = i;
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0 || !word_char(c)) continue;
    int32_t end = i;
    while (i < n) {
      int32_t j = i;
      UChar32 d;
      U8_NEXT(p, j, n, d);
      if (d >= 0 && word_char(d)) {
        i = end = j;
        continue;
      }
      if (d >= 0 && joiner(d) && j < n) {
        int32_t k = j;
        UChar32 e;
        U8_NEXT(p, k, n, e);
        if (e >= 0 && word_char(e)) {
          i = end = k;
          continue;
        }
      }
      break;
    }
    TextWord w{static_cast<uint32_t>(start), static_cast<uint32_t>(end),
               fold_case(text.substr(static_cast<size_t>(start), static_cast<size_t>(end - start))), {}};
    if (size_t h = w.folded.rfind('-'); h != std::string::npos && h + 1 < w.folded.size()) {
      w.tail = w.folded.substr(h + 1);
    }
    out.push_back(std::move(w));
  }
  return out;
}

bool word_matches(const Word& w, const std::string& t) {
  if (w.suffix) return t.size() > w.folded.size() && t.compare(t.size() - w.folded.size(), w.folded.size(), w.folded) == 0;
  return w.prefix ? t.compare(0, w.folded.size(), w.folded) == 0 : t == w.folded;
}

}  // namespace

struct RoleLexicon::Impl {
  struct Lang {
    std::vector<Phrase> phrases;
    std::unordered_multimap<std::string, size_t> by_first;  // exact first words
    std::vector<size_t> prefix_first;                        // phrases whose first word is a prefix or suffix
    // The same phrases by the first (prefix words) or last (suffix words) three
    // bytes of that word, when it has three: a text word can only match those
    // whose key it shares, which spares trying every pattern on every word
    // (German has ~50 "*minister" patterns). Shorter patterns stay in `short_first`.
    std::unordered_map<std::string, std::vector<size_t>> by_start3, by_end3;
    std::vector<size_t> short_first;
  };
  std::unordered_map<std::string, Lang> langs;
};

RoleLexicon::RoleLexicon() : impl_(std::make_unique<Impl>()) {}
RoleLexicon::~RoleLexicon() = default;

Result<std::unique_ptr<RoleLexicon>> RoleLexicon::create(const RoleOptions& options) {
  std::string dir = options.data_dir.empty() ? default_data_dir() : options.data_dir;
  auto files = load_resource(dir, options.resource, 2, 2);
  if (!files) return files.status();
  std::unique_ptr<RoleLexicon> r(new RoleLexicon());
  for (const auto& file : *files) {
    Impl::Lang& lang = r->impl_->langs[file.lang];
    for (const auto& row : file.rows) {
      Phrase ph;
      ph.role = row.fields[1];
      // The phrase's words, cut as the text's words are; a '*' ending a
      // space-separated part makes its last word a prefix.
      const std::string& phrase = row.fields[0];
      for (size_t pos = 0; pos < phrase.size();) {
        size_t sp = std::min(phrase.find(' ', pos), phrase.size());
        std::string part = phrase.substr(pos, sp - pos);
        pos = sp + 1;
        bool prefix = !part.empty() && part.back() == '*';
        if (prefix) part.pop_back();
        bool suffix = !part.empty() && part.front() == '*';
        if (suffix) part.erase(0, 1);
        std::vector<TextWord> ws = words_of(part);
        for (size_t k = 0; k < ws.size(); ++k) {
          ph.words.push_back({ws[k].folded, prefix && k + 1 == ws.size(), suffix && k == 0});
        }
      }
      if (ph.words.empty() || ph.role.empty()) {
        return Status::invalid(file.path + ":" + std::to_string(row.line) + ": a phrase and a role are needed");
      }
      size_t index = lang.phrases.size();
      const Word& first = ph.words[0];
      if (first.prefix || first.suffix) {
        lang.prefix_first.push_back(index);
        if (first.folded.size() < 3) lang.short_first.push_back(index);
        else if (first.suffix) lang.by_end3[first.folded.substr(first.folded.size() - 3)].push_back(index);
        else lang.by_start3[first.folded.substr(0, 3)].push_back(index);
      } else {
        lang.by_first.emplace(ph.words[0].folded, index);
      }
      lang.phrases.push_back(std::move(ph));
    }
  }
  return r;
}

std::vector<RoleMatch> RoleLexicon::find(std::string_view text, std::string_view lang) const {
  std::vector<RoleMatch> out;
  auto it = impl_->langs.find(std::string(lang));
  if (it == impl_->langs.end()) return out;
  const Impl::Lang& L = it->second;
  std::vector<TextWord> words = words_of(text);
  std::vector<size_t> candidates;
  for (size_t i = 0; i < words.size();) {
    const Phrase* best = nullptr;
    auto consider = [&](size_t index) {
      const Phrase& ph = L.phrases[index];
      if (i + ph.words.size() > words.size()) return;
      for (size_t k = 0; k < ph.words.size(); ++k) {
        // The first word may be the tail of a compound: "US-Präsident",
        // "Nato-Generalsekretär", "Ex-Minister".
        bool ok = word_matches(ph.words[k], words[i + k].folded) ||
                  (k == 0 && !words[i].tail.empty() && word_matches(ph.words[0], words[i].tail));
        if (!ok) return;
      }
      // Longer wins; at equal length a phrase whose first word is not a
      // suffix pattern ("Verteidigungsminister*" over "*minister").
      if (!best || ph.words.size() > best->words.size() ||
          (ph.words.size() == best->words.size() && best->words[0].suffix && !ph.words[0].suffix)) {
        best = &ph;
      }
    };
    auto range = L.by_first.equal_range(words[i].folded);
    for (auto p = range.first; p != range.second; ++p) consider(p->second);
    if (!words[i].tail.empty()) {
      auto tails = L.by_first.equal_range(words[i].tail);
      for (auto p = tails.first; p != tails.second; ++p) consider(p->second);
    }
    // The prefix and suffix patterns that can match, in their file order (as
    // trying them all would: at equal length the first one found wins).
    candidates.assign(L.short_first.begin(), L.short_first.end());
    for (const std::string* w : {&words[i].folded, &words[i].tail}) {
      if (w->size() < 3) continue;
      if (auto e = L.by_end3.find(w->substr(w->size() - 3)); e != L.by_end3.end()) {
        candidates.insert(candidates.end(), e->second.begin(), e->second.end());
      }
      if (auto b = L.by_start3.find(w->substr(0, 3)); b != L.by_start3.end()) {
        candidates.insert(candidates.end(), b->second.begin(), b->second.end());
      }
    }
    std::sort(candidates.begin(), candidates.end());
    candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
    for (size_t index : candidates) consider(index);
    if (!best) {
      ++i;
      continue;
    }
    out.push_back({Span{words[i].begin, words[i + best->words.size() - 1].end}, best->role});
    i += best->words.size();
  }
  return out;
}

size_t RoleLexicon::size(std::string_view lang) const {
  auto it = impl_->langs.find(std::string(lang));
  return it == impl_->langs.end() ? 0 : it->second.phrases.size();
}

}  // namespace ng
