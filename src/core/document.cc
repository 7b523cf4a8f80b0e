#include "core/document.h"

namespace ng {

std::string_view format_name(Format f) {
  switch (f) {
    case Format::kText: return "txt";
    case Format::kHtml: return "html";
    case Format::kJsonl: return "jsonl";
    case Format::kFeed: return "feed";
    case Format::kWarc: return "warc";
  }
  return "unknown";
}

std::string RawRecord::where() const {
  if (locator.empty()) return source;
  return source + ":" + locator;
}

}  // namespace ng
