#include "text/decode.h"

#include <uchardet/uchardet.h>
#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/ucnv.h>
#include <unicode/ucnv_cb.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <memory>

namespace ng {
namespace {

// Length of the valid UTF-8 sequence at s[i], or 0 if invalid (overlongs,
// surrogates and code points above U+10FFFF are invalid).
inline size_t utf8_seq_len(const unsigned char* s, size_t i, size_t n) {
  unsigned char c = s[i];
  if (c < 0x80) return 1;
  if (c < 0xC2) return 0;
  if (c < 0xE0) {
    if (i + 1 < n && (s[i + 1] & 0xC0) == 0x80) return 2;
    return 0;
  }
  if (c < 0xF0) {
    if (i + 2 >= n) return 0;
    unsigned char c1 = s[i + 1];
    if ((c1 & 0xC0) != 0x80 || (s[i + 2] & 0xC0) != 0x80) return 0;
    if (c == 0xE0 && c1 < 0xA0) return 0;   // overlong
    if (c == 0xED && c1 >= 0xA0) return 0;  // surrogate
    return 3;
  }
  if (c < 0xF5) {
    if (i + 3 >= n) return 0;
    unsigned char c1 = s[i + 1];
    if ((c1 & 0xC0) != 0x80 || (s[i + 2] & 0xC0) != 0x80 || (s[i + 3] & 0xC0) != 0x80) return 0;
    if (c == 0xF0 && c1 < 0x90) return 0;   // overlong
    if (c == 0xF4 && c1 >= 0x90) return 0;  // > U+10FFFF
    return 4;
  }
  return 0;
}

struct Utf8Census {
  size_t multibyte = 0;  // valid multi-byte sequences
  size_t invalid = 0;    // invalid bytes (each starts a maximal invalid run of 1)
};

Utf8Census census(std::string_view in) {
  Utf8Census c;
  const auto* s = reinterpret_cast<const unsigned char*>(in.data());
  size_t n = in.size(), i = 0;
  while (i < n) {
    if (s[i] < 0x80) {
      ++i;
      continue;
    }
    size_t len = utf8_seq_len(s, i, n);
    if (len == 0) {
      ++c.invalid;
      ++i;
    } else {
      ++c.multibyte;
      i += len;
    }
  }
  return c;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& ch : out) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return out;
}

bool is_utf8_name(std::string_view name) {
  std::string l = lower(name);
  return l == "utf-8" || l == "utf8" || l == "us-ascii" || l == "ascii";
}

struct CountingContext {
  uint32_t count = 0;
};

void counting_to_u_callback(const void* context, UConverterToUnicodeArgs* args, const char* code_units,
                            int32_t length, UConverterCallbackReason reason, UErrorCode* err) {
  if (reason == UCNV_UNASSIGNED || reason == UCNV_ILLEGAL || reason == UCNV_IRREGULAR) {
    const_cast<CountingContext*>(static_cast<const CountingContext*>(context))->count++;
  }
  UCNV_TO_U_CALLBACK_SUBSTITUTE(nullptr, args, code_units, length, reason, err);
}

// Converts with ICU; returns false if ICU does not know the charset.
bool convert_with_icu(std::string_view bytes, const std::string& charset, std::string& out, uint32_t& invalid) {
  UErrorCode status = U_ZERO_ERROR;
  UConverter* conv = ucnv_open(charset.c_str(), &status);
  if (U_FAILURE(status) || !conv) return false;
  std::unique_ptr<UConverter, decltype(&ucnv_close)> guard(conv, &ucnv_close);
  CountingContext ctx;
  ucnv_setToUCallBack(conv, counting_to_u_callback, &ctx, nullptr, nullptr, &status);
  if (U_FAILURE(status)) return false;
  icu::UnicodeString u(bytes.data(), static_cast<int32_t>(bytes.size()), conv, status);
  if (U_FAILURE(status)) return false;
  out.clear();
  u.toUTF8String(out);
  invalid = ctx.count;
  return true;
}

std::string detect_charset(std::string_view bytes) {
  uchardet_t ud = uchardet_new();
  uchardet_handle_data(ud, bytes.data(), std::min<size_t>(bytes.size(), 1 << 20));
  uchardet_data_end(ud);
  std::string cs = uchardet_get_charset(ud);
  uchardet_delete(ud);
  return cs;
}

}  // namespace

bool is_valid_utf8(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  size_t n = s.size(), i = 0;
  while (i < n) {
    // Skip ASCII eight bytes at a time.
    while (i + 8 <= n) {
      uint64_t w;
      std::memcpy(&w, p + i, 8);
      if (w & 0x8080808080808080ULL) break;
      i += 8;
    }
    if (i >= n) break;
    if (p[i] < 0x80) {
      ++i;
      continue;
    }
    size_t len = utf8_seq_len(p, i, n);
    if (len == 0) return false;
    i += len;
  }
  return true;
}

uint32_t repair_utf8(std::string_view in, std::string& out) {
  out.clear();
  out.reserve(in.size());
  const auto* s = reinterpret_cast<const unsigned char*>(in.data());
  size_t n = in.size(), i = 0, run = 0;
  uint32_t bad = 0;
  while (i < n) {
    size_t len = s[i] < 0x80 ? 1 : utf8_seq_len(s, i, n);
    if (len == 0) {
      // One U+FFFD per maximal run of invalid bytes.
      out.append(in.data() + run, i - run);
      out += "\xEF\xBF\xBD";
      ++bad;
      ++i;
      while (i < n && s[i] >= 0x80 && utf8_seq_len(s, i, n) == 0) ++i;
      run = i;
      continue;
    }
    i += len;
  }
  out.append(in.data() + run, n - run);
  return bad;
}

std::string to_nfc(std::string_view utf8) {
  // ASCII is always NFC.
  bool ascii = true;
  for (unsigned char c : utf8) {
    if (c >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (ascii) return std::string(utf8);
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) return std::string(utf8);
  icu::StringPiece sp(utf8.data(), static_cast<int32_t>(utf8.size()));
  if (nfc->isNormalizedUTF8(sp, status) && U_SUCCESS(status)) return std::string(utf8);
  status = U_ZERO_ERROR;
  std::string out;
  out.reserve(utf8.size());
  icu::StringByteSink<std::string> sink(&out);
  nfc->normalizeUTF8(0, sp, sink, nullptr, status);
  if (U_FAILURE(status)) return std::string(utf8);
  return out;
}

Result<Decoded> decode_to_utf8(std::string_view bytes, std::string_view declared_charset,
                               const DecodeOptions& options) {
  Decoded d;
  size_t bad_bytes = 0;  // bytes that had to be replaced
  if (bytes.empty()) return d;

  // Byte order marks.
  std::string bom_charset;
  if (bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF") {
    bytes.remove_prefix(3);
    bom_charset = "UTF-8";
  } else if (bytes.size() >= 2 && (bytes.substr(0, 2) == "\xFF\xFE" || bytes.substr(0, 2) == "\xFE\xFF")) {
    bom_charset = bytes[0] == '\xFF' ? "UTF-16LE" : "UTF-16BE";
    bytes.remove_prefix(2);
  }

  if (options.reject_binary && bom_charset.rfind("UTF-16", 0) != 0) {
    std::string_view head = bytes.substr(0, std::min<size_t>(bytes.size(), 64 * 1024));
    if (head.find('\0') != std::string_view::npos) {
      return Status::invalid("binary content (NUL bytes), not text");
    }
  }

  std::string decoded;
  if (bom_charset == "UTF-8") {
    d.charset = "UTF-8";
    d.invalid = repair_utf8(bytes, decoded);
  } else if (!bom_charset.empty()) {
    d.charset = bom_charset;
    if (!convert_with_icu(bytes, bom_charset, decoded, d.invalid)) {
      return Status::internal("ICU has no converter for " + bom_charset);
    }
  } else {
    Utf8Census c = census(bytes);
    // Repairing as UTF-8 counts runs; the limit is about bytes.
    auto repaired_utf8 = [&] {
      d.invalid = repair_utf8(bytes, decoded);
      bad_bytes = c.invalid;
    };
    // Valid (or nearly valid) UTF-8 with real multi-byte text is UTF-8 whatever
    // a header claims: mislabelled pages are common, and legacy 8-bit text
    // almost never forms valid multi-byte sequences by chance.
    if (c.invalid == 0) {
      d.charset = "UTF-8";
      decoded.assign(bytes);
    } else if (c.multibyte >= 4 && c.invalid * 20 <= c.multibyte) {
      d.charset = "UTF-8";
      repaired_utf8();
    } else {
      std::string cs(declared_charset);
      if (cs.empty() || is_utf8_name(cs)) cs = detect_charset(bytes);
      if (cs.empty() || is_utf8_name(cs)) {
        d.charset = "UTF-8";
        repaired_utf8();
      } else if (convert_with_icu(bytes, cs, decoded, d.invalid)) {
        d.charset = cs;
      } else {
        // Unknown charset name: fall back to detection, then UTF-8.
        std::string guess = detect_charset(bytes);
        if (!guess.empty() && !is_utf8_name(guess) && convert_with_icu(bytes, guess, decoded, d.invalid)) {
          d.charset = guess;
        } else {
          d.charset = "UTF-8";
          repaired_utf8();
        }
      }
    }
  }

  if (bad_bytes < d.invalid) bad_bytes = d.invalid;
  if (!bytes.empty() && static_cast<double>(bad_bytes) > options.max_invalid_fraction * static_cast<double>(bytes.size())) {
    return Status::invalid("undecodable: " + std::to_string(bad_bytes) + " of " + std::to_string(bytes.size()) +
                           " bytes invalid (charset " + d.charset + ")");
  }
  d.text = to_nfc(decoded);
  return d;
}

}  // namespace ng
