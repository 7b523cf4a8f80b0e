#include "text/language.h"

// CLD2's public header uses FILE without including <cstdio>.
#include <cstdio>
#include <cld2/public/compact_lang_det.h>
#include <cld2/public/encodings.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <climits>
#include <cstdint>
#include <string>
#include <utility>

namespace ng {

namespace {

constexpr std::string_view kUnd = "und";

// The rule that completes CLD2's own is_reliable flag (see language.h).
constexpr int kMinLettersForMajority = 200;  // text_bytes: letters CLD2 scored
constexpr int kMinMajorityPercent = 60;      // share of the top language
constexpr int kMaxRivalPercent = 10;         // share of any other identified language

// A paragraph takes a language when that language covers more than this
// share of the paragraph's bytes that CLD2 placed in result chunks.
constexpr float kMinParagraphCover = 0.5f;

// ISO 639-1 (or CLD2's own code where 639-1 has none) for a CLD2 language;
// "und" for unknown, script-only ("xx-Latn") and joke languages.
std::string iso_code(CLD2::Language lang) {
  if (lang == CLD2::UNKNOWN_LANGUAGE || lang == CLD2::TG_UNKNOWN_LANGUAGE) return std::string(kUnd);
  const char* c = CLD2::LanguageCode(lang);
  if (c == nullptr || *c == '\0') return std::string(kUnd);
  std::string_view code(c);
  if (code == "un" || code == "xxx" || code.starts_with("xx-") || code.starts_with("zz") || code == "tlh") {
    return std::string(kUnd);
  }
  // CLD2 keeps Google's historical codes; these have a current ISO 639 code.
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 7> kAliases = {{
      {"iw", "he"},       // Hebrew
      {"jw", "jv"},       // Javanese
      {"in", "id"},       // Indonesian (not produced by this CLD2 build; kept for safety)
      {"ji", "yi"},       // Yiddish (idem)
      {"mo", "ro"},       // Moldavian (idem)
      {"zh-Hant", "zh"},  // Chinese in traditional characters: the language is zh
      {"sr-ME", "cnr"},   // Montenegrin: ISO 639-3 (639-1 has none)
  }};
  for (const auto& [from, to] : kAliases) {
    if (code == from) return std::string(to);
  }
  return std::string(code);
}

bool is_ascii_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// Country-code TLDs that are sold as generic names and say nothing about the
// language of a site (.io, .co, .tv, .me ...).
bool is_generic_cctld(std::string_view tld) {
  static constexpr std::array<std::string_view, 16> kGeneric = {
      "ac", "ai", "cc", "co", "fm", "gg", "im", "io", "la", "ly", "me", "nu", "sh", "tk", "to", "tv"};
  return std::find(kGeneric.begin(), kGeneric.end(), tld) != kGeneric.end();
}

// The country-code top-level domain of the URL's host ("de" for
// https://www.spiegel.de/x), or "" for generic TLDs (.com, .org, .io ...),
// IP addresses and anything that is not a URL with a host.
std::string cctld_of(std::string_view url) {
  if (auto p = url.find("://"); p != std::string_view::npos) {
    url.remove_prefix(p + 3);
  } else if (url.starts_with("//")) {
    url.remove_prefix(2);
  } else {
    return {};
  }
  url = url.substr(0, url.find_first_of("/?#"));
  if (auto at = url.rfind('@'); at != std::string_view::npos) url.remove_prefix(at + 1);
  if (url.starts_with("[")) return {};  // IPv6 literal
  url = url.substr(0, url.find(':'));
  while (url.ends_with(".")) url.remove_suffix(1);
  auto dot = url.rfind('.');
  if (dot == std::string_view::npos) return {};
  std::string_view tld = url.substr(dot + 1);
  if (tld.size() != 2 || !is_ascii_alpha(tld[0]) || !is_ascii_alpha(tld[1])) return {};
  std::string lower = ascii_lower(tld);
  if (is_generic_cctld(lower)) return {};
  return lower;
}

// The primary subtag of a language tag ("pt" for "pt-BR"), lowercased, when
// it is 2 or 3 ASCII letters and names a language; else "".
std::string primary_language(std::string_view tag) {
  tag = tag.substr(0, tag.find_first_of("-_"));
  if (tag.size() < 2 || tag.size() > 3) return {};
  for (char c : tag) {
    if (!is_ascii_alpha(c)) return {};
  }
  std::string lower = ascii_lower(tag);
  if (lower == "und" || lower == "mul" || lower == "zxx" || lower == "mis") return {};
  return lower;
}

// CLD2 rejects text that is not "interchange-valid" UTF-8: malformed
// sequences, C0 controls other than TAB/LF/FF/CR, DEL, C1 controls and
// noncharacters. Replaces each such byte by a space, so that every offset
// into the copy is the same offset into the original.
std::string interchange_copy(std::string_view text) {
  std::string out(text);
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  int32_t length = static_cast<int32_t>(text.size());
  int32_t i = 0;
  while (i < length) {
    int32_t start = i;
    UChar32 c;
    U8_NEXT(s, i, length, c);
    bool bad = c < 0 || (c < 0x20 && c != '\t' && c != '\n' && c != '\f' && c != '\r') ||
               (c >= 0x7F && c <= 0x9F) || U_IS_UNICODE_NONCHAR(c);
    if (bad) std::fill(out.begin() + start, out.begin() + i, ' ');
  }
  return out;
}

struct Cld2Output {
  CLD2::Language top = CLD2::UNKNOWN_LANGUAGE;
  std::array<CLD2::Language, 3> language3{};
  std::array<int, 3> percent3{};
  std::array<double, 3> normalized_score3{};
  CLD2::ResultChunkVector chunks;
  int text_bytes = 0;
  bool reliable = false;
  int valid_prefix_bytes = 0;
};

Cld2Output run_cld2(std::string_view buffer, const std::string& tld, const std::string& content_lang) {
  Cld2Output o;
  CLD2::CLDHints hints{content_lang.empty() ? nullptr : content_lang.c_str(), tld.empty() ? nullptr : tld.c_str(),
                       CLD2::UNKNOWN_ENCODING, CLD2::UNKNOWN_LANGUAGE};
  o.top = CLD2::ExtDetectLanguageSummaryCheckUTF8(buffer.data(), static_cast<int>(buffer.size()),
                                                  /*is_plain_text=*/true, &hints, /*flags=*/0, o.language3.data(),
                                                  o.percent3.data(), o.normalized_score3.data(), &o.chunks,
                                                  &o.text_bytes, &o.reliable, &o.valid_prefix_bytes);
  return o;
}

bool is_trim_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f'; }

// Bytes of alphabetic characters (letters, and the vowel signs of Indic
// scripts) in `s`.
int letter_bytes(std::string_view s) {
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  int32_t length = static_cast<int32_t>(s.size());
  int32_t i = 0;
  int letters = 0;
  while (i < length) {
    if (p[i] < 0x80) {
      letters += is_ascii_alpha(static_cast<char>(p[i]));
      ++i;
      continue;
    }
    int32_t start = i;
    UChar32 c;
    U8_NEXT(p, i, length, c);
    if (c >= 0 && u_hasBinaryProperty(c, UCHAR_ALPHABETIC)) letters += i - start;
  }
  return letters;
}

// CLD2 confuses Indonesian and Malay, which share most of their words (on
// lingua's Indonesian sentences it answers "ms" for 15% of them). Their
// spelling and everyday vocabulary still differ; these words are written
// only, or far more often, in one of the two: Indonesian bahwa, uang, karena,
// bisa, adalah, pemerintah and the month and weekday names Juni, Juli,
// Agustus, Desember, Maret, Senin, Kamis, Jumat, Minggu; Malaysian bahawa,
// wang, kerana, ialah, kerajaan, beliau and Jun, Julai, Ogos,
// Disember, Mac, Isnin, Khamis, Jumaat, Ahad. A majority of markers decides;
// no marker (or a tie) leaves CLD2's answer.
std::string_view indonesian_or_malay(std::string_view text) {
  static constexpr std::array<std::string_view, 21> kId = {
      "bahwa", "uang", "karena", "bisa", "adalah", "pemerintah", "juni", "juli", "agustus", "desember", "maret",
      "senin", "kamis", "jumat", "minggu", "saat", "kerja sama", "tahun ini", "sejumlah", "terkait", "pekan"};
  static constexpr std::array<std::string_view, 19> kMs = {
      "bahawa", "wang", "kerana", "ialah", "kerajaan", "beliau", "jun", "julai", "ogos", "disember",
      "mac", "isnin", "khamis", "jumaat", "ahad", "kerjasama", "sahaja", "daripada", "mahu"};
  std::string low = ascii_lower(text);
  auto count = [&](const auto& words) {
    int n = 0;
    for (std::string_view w : words) {
      for (size_t p = low.find(w); p != std::string::npos; p = low.find(w, p + w.size())) {
        bool start = p == 0 || !is_ascii_alpha(low[p - 1]);
        bool end = p + w.size() >= low.size() || !is_ascii_alpha(low[p + w.size()]);
        n += start && end;
      }
    }
    return n;
  };
  int id = count(kId), ms = count(kMs);
  if (id > ms) return "id";
  if (ms > id) return "ms";
  return {};
}

}  // namespace

LanguageResult LanguageIdentifier::identify(std::string_view text, std::string_view url,
                                            std::string_view hint_lang) const {
  LanguageResult result;

  // Paragraphs: every line with something other than spaces, trimmed.
  // Offsets are uint32 (Span), CLD2 takes an int: texts are analysed up to
  // INT_MAX bytes, which is far beyond any article.
  if (text.size() > static_cast<size_t>(INT_MAX)) text = text.substr(0, INT_MAX);
  for (size_t pos = 0; pos < text.size();) {
    size_t nl = text.find('\n', pos);
    size_t end = nl == std::string_view::npos ? text.size() : nl;
    size_t b = pos, e = end;
    while (b < e && is_trim_space(text[b])) ++b;
    while (e > b && is_trim_space(text[e - 1])) --e;
    if (e > b) {
      Paragraph p;
      p.span = {static_cast<uint32_t>(b), static_cast<uint32_t>(e)};
      result.paragraphs.push_back(p);
    }
    pos = end + 1;
  }
  if (result.paragraphs.empty()) return result;

  const std::string tld = cctld_of(url);
  const std::string content_lang = primary_language(hint_lang);
  Cld2Output cld = run_cld2(text, tld, content_lang);
  if (cld.valid_prefix_bytes < static_cast<int>(text.size())) {
    // One more pass on a same-length copy with the rejected bytes blanked.
    std::string copy = interchange_copy(text);
    cld = run_cld2(copy, tld, content_lang);
    if (cld.valid_prefix_bytes < static_cast<int>(copy.size())) return result;  // all "und"
  }

  // Document.
  std::string top = iso_code(cld.top);
  int top_percent = 0, rival_percent = 0;
  for (int i = 0; i < 3; ++i) {
    std::string code = iso_code(cld.language3[i]);
    if (code == top) {
      top_percent += cld.percent3[i];  // zh and zh-Hant are both "zh"
    } else if (code != kUnd) {
      rival_percent = std::max(rival_percent, cld.percent3[i]);
    }
  }
  bool reliable = cld.reliable || (cld.text_bytes >= kMinLettersForMajority && top_percent >= kMinMajorityPercent &&
                                   rival_percent <= kMaxRivalPercent);
  if (top == "ms" || top == "id") {
    if (std::string_view v = indonesian_or_malay(text); !v.empty()) top = std::string(v);
  }
  if (top != kUnd && reliable) {
    result.lang = top;
    result.reliable = true;
    result.confidence = static_cast<float>(top_percent) / 100.0f;
  }

  // Paragraphs: the language covering most of each one's chunked bytes.
  // Chunks come in buffer order and do not overlap.
  std::vector<std::pair<std::string, int>> cover;  // bytes per code; a handful of languages per paragraph
  size_t first_chunk = 0;
  for (Paragraph& p : result.paragraphs) {
    int letters = letter_bytes(p.span.of(text));
    if (letters < options_.min_paragraph_bytes) continue;  // stays "und", 0
    if (result.paragraphs.size() == 1) {
      // The paragraph is the document: CLD2's summary, which scores the
      // whole text, is better founded than its chunks (it leaves the chunks of
      // a short text unscored even when the summary is reliable).
      p.lang = result.lang;
      p.confidence = result.confidence;
      break;
    }
    cover.clear();
    int chunked = 0;
    while (first_chunk < cld.chunks.size() &&
           static_cast<int64_t>(cld.chunks[first_chunk].offset) + cld.chunks[first_chunk].bytes <= p.span.begin) {
      ++first_chunk;
    }
    for (size_t k = first_chunk; k < cld.chunks.size(); ++k) {
      const CLD2::ResultChunk& c = cld.chunks[k];
      int64_t b = std::max<int64_t>(c.offset, p.span.begin);
      int64_t e = std::min<int64_t>(static_cast<int64_t>(c.offset) + c.bytes, p.span.end);
      if (c.offset >= static_cast<int64_t>(p.span.end)) break;
      if (e <= b) continue;
      int overlap = static_cast<int>(e - b);
      chunked += overlap;
      std::string code = iso_code(static_cast<CLD2::Language>(c.lang1));
      if (code == kUnd) continue;
      auto it = std::find_if(cover.begin(), cover.end(), [&](const auto& x) { return x.first == code; });
      if (it == cover.end()) {
        cover.emplace_back(std::move(code), overlap);
      } else {
        it->second += overlap;
      }
    }
    if (chunked == 0) continue;
    std::string best = std::string(kUnd);
    int best_bytes = 0;
    for (auto& [code, bytes] : cover) {
      if (bytes > best_bytes) best = code, best_bytes = bytes;
    }
    float share = static_cast<float>(best_bytes) / static_cast<float>(chunked);
    // A paragraph of the other of the pair inside an Indonesian or Malay
    // document is the document's language (see indonesian_or_malay).
    if ((best == "ms" || best == "id") && (result.lang == "ms" || result.lang == "id")) best = result.lang;
    if (best != kUnd && share > kMinParagraphCover) {
      p.lang = std::move(best);
      p.confidence = share;
    }
  }
  return result;
}

}  // namespace ng
