#include "extract/fingerprint.h"

#include <libstemmer.h>

#include <algorithm>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>

#include "core/hash.h"
#include "lexicon/fold.h"

namespace ng {
namespace {

// One Snowball stemmer per language and thread (sb_stemmer is not
// thread-safe; creating one costs more than stemming a document).
struct Stemmers {
  struct Free {
    void operator()(sb_stemmer* s) const { sb_stemmer_delete(s); }
  };
  std::unordered_map<std::string, std::unique_ptr<sb_stemmer, Free>> by_lang;

  sb_stemmer* get(const std::string& lang) {
    auto it = by_lang.find(lang);
    if (it != by_lang.end()) return it->second.get();
    // libstemmer knows ISO 639-1 codes ("de", "sv", "id"...) as aliases.
    sb_stemmer* s = lang.size() == 2 ? sb_stemmer_new(lang.c_str(), "UTF_8") : nullptr;
    by_lang.emplace(lang, std::unique_ptr<sb_stemmer, Free>(s));
    return s;
  }
};

thread_local Stemmers tl_stemmers;

bool is_cjk_lang(std::string_view lang) { return lang == "zh" || lang == "ja" || lang == "ko" || lang == "th"; }

size_t code_points(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

// "7,8" "7.8" "2 000" -> digits with one '.' where a decimal separator was
// (a group separator followed by exactly three digits is dropped); empty when
// `w` has letters.
std::string number_key(std::string_view w) {
  std::string out;
  for (size_t i = 0; i < w.size(); ++i) {
    char c = w[i];
    if (c >= '0' && c <= '9') {
      out += c;
    } else if (c == '.' || c == ',') {
      size_t digits = 0;
      while (i + 1 + digits < w.size() && w[i + 1 + digits] >= '0' && w[i + 1 + digits] <= '9') ++digits;
      if (digits == 0) break;
      if (digits != 3 || i + 1 + digits != w.size()) out += '.';
    } else {
      return {};
    }
  }
  return out;
}

uint64_t mix64(uint64_t x) {  // splitmix64 finaliser
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

}  // namespace

uint32_t term_hash(std::string_view lang, std::string_view term) {
  std::string k;
  k.reserve(lang.size() + 1 + term.size());
  k.append(lang);
  k += ':';
  k.append(term);
  return static_cast<uint32_t>(stable_hash64(k));
}

Document::Fingerprint Fingerprinter::fingerprint(const Document& doc) const {
  Document::Fingerprint fp;
  const bool cjk = is_cjk_lang(doc.lang);
  sb_stemmer* stemmer = tl_stemmers.get(doc.lang);
  std::unordered_map<uint32_t, uint16_t> counts;
  std::vector<uint64_t> words;  // hashes of the folded words, for shingles
  words.reserve(doc.tokens.size());
  std::string_view text = doc.text;
  for (const Token& t : doc.tokens) {
    if (!t.is_word || t.span.end > text.size()) continue;
    std::string_view w = t.span.of(text);
    uint32_t h;
    if (std::string num = number_key(w); !num.empty()) {
      h = term_hash("#", num);
      words.push_back(stable_hash64(num));
    } else {
      std::string folded = fold_case(w);
      words.push_back(stable_hash64(folded));
      if (code_points(folded) < (cjk ? 2u : 3u)) continue;
      if (stemmer) {
        const sb_symbol* s =
            sb_stemmer_stem(stemmer, reinterpret_cast<const sb_symbol*>(folded.data()), static_cast<int>(folded.size()));
        if (s) folded.assign(reinterpret_cast<const char*>(s), static_cast<size_t>(sb_stemmer_length(stemmer)));
      }
      h = term_hash(doc.lang, folded);
    }
    uint16_t& c = counts[h];
    if (c < UINT16_MAX) ++c;
  }
  fp.terms.assign(counts.begin(), counts.end());
  std::sort(fp.terms.begin(), fp.terms.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  if (fp.terms.size() > Document::Fingerprint::kMaxTerms) fp.terms.resize(Document::Fingerprint::kMaxTerms);

  if (keyer_) {
    for (const Mention& m : doc.mentions) {
      if (!m.place.empty() || !m.org.empty() || m.span.end > text.size()) continue;
      std::vector<std::string> keys = keyer_->keys(m.span.of(text), doc.lang);
      if (keys.empty()) continue;
      std::string_view key = keys.back();  // with the language's respellings when it has some
      size_t at = 0;
      while (at < key.size()) {
        size_t end = key.find(' ', at);
        if (end == std::string_view::npos) end = key.size();
        if (end - at >= 3) fp.cognates.push_back(term_hash("~", key.substr(at, std::min<size_t>(4, end - at))));
        at = end + 1;
      }
    }
    std::sort(fp.cognates.begin(), fp.cognates.end());
    fp.cognates.erase(std::unique(fp.cognates.begin(), fp.cognates.end()), fp.cognates.end());
  }
  if (words.size() >= 8) {
    fp.minhash.assign(Document::Fingerprint::kMinHashes, UINT32_MAX);
    for (size_t i = 0; i + 2 < words.size(); ++i) {
      uint64_t shingle = mix64(words[i] ^ mix64(words[i + 1] ^ mix64(words[i + 2])));
      for (size_t k = 0; k < fp.minhash.size(); ++k) {
        uint32_t v = static_cast<uint32_t>(mix64(shingle + 0x632BE59BD9B4E019ull * (k + 1)) >> 32);
        fp.minhash[k] = std::min(fp.minhash[k], v);
      }
    }
  }
  return fp;
}

}  // namespace ng
