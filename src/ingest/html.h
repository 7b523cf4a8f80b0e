// HTML article extraction (a document stage: pure, thread-safe).
//
// Parses HTML5 with gumbo and keeps the main article text: navigation, menus,
// headers/footers, asides, forms, scripts, styles, comment sections, share
// bars and related-article lists are dropped by element, by ARIA role and by
// class/id words, then the densest text block is chosen. The parse tree is
// walked iteratively, so pathological nesting cannot overflow the stack.
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"

namespace ng {

struct HtmlOptions {
  // Inputs nested deeper than this (in open elements) are rejected before
  // parsing: no real article needs it and a parser's memory grows with it.
  int max_depth = 2000;
};

struct HtmlArticle {
  // Main text: one block (paragraph, heading, list item, caption) per line,
  // blocks separated by "\n\n"; whitespace inside a block collapsed.
  std::string text;
  std::string title;          // og:title, else first <h1> in the article, else <title>
  std::string published;      // article:published_time, JSON-LD datePublished, <time datetime>, ...
  std::string canonical_url;  // <link rel=canonical>, else og:url
  std::string lang;           // <html lang>, primary subtag lowercased ("de"), empty if absent
};

// `html` must be UTF-8 (decode first). Returns an error for input that is not
// HTML at all or nests deeper than options.max_depth.
Result<HtmlArticle> extract_html(std::string_view html, const HtmlOptions& options = {});

// The charset an HTML document declares in its first 1024 bytes (<meta
// charset=...> or <meta http-equiv="Content-Type" content="...charset=...">),
// lowercased; empty when none.
std::string sniff_html_charset(std::string_view bytes);

}  // namespace ng
