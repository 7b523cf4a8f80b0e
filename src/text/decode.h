// Decoding: any charset to UTF-8 in Unicode NFC (a document stage).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"

namespace ng {

struct DecodeOptions {
  // A text or HTML input with NUL bytes in its first 64 KiB is binary, not text.
  bool reject_binary = true;
  // Reject when more than this fraction of the bytes had to be replaced.
  double max_invalid_fraction = 0.2;
};

struct Decoded {
  std::string text;          // valid UTF-8, NFC
  std::string charset;       // what the bytes were decoded from ("UTF-8", "windows-1252", ...)
  uint32_t invalid = 0;      // invalid byte sequences replaced by U+FFFD
};

// Decodes `bytes`: a BOM wins; then bytes that are valid UTF-8 with real
// multi-byte text (or nearly so: under 5% invalid sequences) are UTF-8 whatever
// a header claims, since mislabelled pages are common and legacy 8-bit text
// almost never forms valid UTF-8 by chance; then `declared_charset` (from
// HTTP, WARC, XML or <meta>); then uchardet's guess; else UTF-8. Anything
// undecodable is replaced by U+FFFD (one per invalid run) and counted. Errors (kInvalidInput): binary content, a
// file that is mostly undecodable. The message says which and how much.
Result<Decoded> decode_to_utf8(std::string_view bytes, std::string_view declared_charset,
                               const DecodeOptions& options = {});

// Replaces invalid UTF-8 sequences by U+FFFD; returns the number replaced.
uint32_t repair_utf8(std::string_view in, std::string& out);

// True when `s` is valid UTF-8.
bool is_valid_utf8(std::string_view s);

// NFC normalisation of valid UTF-8 (a no-op copy when already NFC).
std::string to_nfc(std::string_view utf8);

}  // namespace ng
