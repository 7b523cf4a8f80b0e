// Fuzz target: HTML extraction on arbitrary bytes. The extracted text must be
// free of markup-only whitespace at its ends and the call must never crash,
// whatever the nesting or the encoding errors.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "ingest/html.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view html(reinterpret_cast<const char*>(data), size);
  ng::HtmlOptions o;
  o.max_depth = 400;
  auto a = ng::extract_html(html, o);
  if (a && !a->text.empty() && (a->text.front() == ' ' || a->text.back() == ' ')) std::abort();
  (void)ng::sniff_html_charset(html);
  return 0;
}
