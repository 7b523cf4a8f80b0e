#include "ingest/html.h"

#include <gumbo.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <csetjmp>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace ng {
namespace {

bool is_space(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string collapse(std::string_view s) {
  std::string out;
  bool space = false;
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    bool nbsp = c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0;
    if (is_space(c) || nbsp) {
      space = true;
      if (nbsp) ++i;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += static_cast<char>(c);
  }
  return out;
}

// Whether an element gumbo does not know (GUMBO_TAG_UNKNOWN) is named `name`
// (lowercase), e.g. <dialog>, which gumbo 0.10 predates.
bool unknown_tag_named(const GumboElement& e, std::string_view name) {
  if (e.tag != GUMBO_TAG_UNKNOWN || e.original_tag.length == 0) return false;
  GumboStringPiece piece = e.original_tag;
  gumbo_tag_from_original_text(&piece);
  if (piece.length != name.size()) return false;
  for (size_t i = 0; i < name.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(piece.data[i])) != name[i]) return false;
  }
  return true;
}

// Elements never part of an article's text. <form> and <header> are decided
// in context (Extractor::dropped).
bool dropped_tag(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_NOSCRIPT: case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_IFRAME: case GUMBO_TAG_SVG: case GUMBO_TAG_CANVAS:
    case GUMBO_TAG_BUTTON: case GUMBO_TAG_SELECT: case GUMBO_TAG_TEXTAREA: case GUMBO_TAG_NAV:
    case GUMBO_TAG_FOOTER: case GUMBO_TAG_ASIDE: case GUMBO_TAG_MENU:
    case GUMBO_TAG_HEAD: case GUMBO_TAG_OBJECT: case GUMBO_TAG_EMBED: case GUMBO_TAG_MATH:
    case GUMBO_TAG_AUDIO: case GUMBO_TAG_VIDEO: case GUMBO_TAG_MAP:
      return true;
    default:
      return false;
  }
}

// Elements that start and end a block of text (a line of the output).
bool block_tag(GumboTag t) {
  switch (t) {
    case GUMBO_TAG_P: case GUMBO_TAG_DIV: case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3:
    case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6: case GUMBO_TAG_LI: case GUMBO_TAG_UL:
    case GUMBO_TAG_OL: case GUMBO_TAG_DL: case GUMBO_TAG_DT: case GUMBO_TAG_DD: case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_FIGURE: case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_PRE: case GUMBO_TAG_TABLE:
    case GUMBO_TAG_TR: case GUMBO_TAG_TD: case GUMBO_TAG_TH: case GUMBO_TAG_CAPTION: case GUMBO_TAG_SECTION:
    case GUMBO_TAG_ARTICLE: case GUMBO_TAG_MAIN: case GUMBO_TAG_HEADER: case GUMBO_TAG_ADDRESS:
    case GUMBO_TAG_HR: case GUMBO_TAG_BODY: case GUMBO_TAG_CENTER: case GUMBO_TAG_DETAILS:
    case GUMBO_TAG_SUMMARY: case GUMBO_TAG_TITLE:
      return true;
    default:
      return false;
  }
}

const char* attr(const GumboElement& e, const char* name) {
  const GumboAttribute* a = gumbo_get_attribute(&e.attributes, name);
  return a ? a->value : nullptr;
}

// Splits a class or id value into lowercase word tokens at punctuation and at
// camelCase boundaries: "relatedNews-list" -> related, news, list.
std::vector<std::string> name_tokens(const char* v) {
  std::vector<std::string> out;
  std::string cur;
  auto flush = [&] {
    if (!cur.empty()) out.push_back(lower(cur));
    cur.clear();
  };
  for (const char* p = v; *p; ++p) {
    unsigned char c = static_cast<unsigned char>(*p);
    if (std::isalnum(c)) {
      if (std::isupper(c) && !cur.empty() && std::islower(static_cast<unsigned char>(cur.back()))) flush();
      cur += static_cast<char>(c);
    } else {
      flush();
    }
  }
  flush();
  return out;
}

// class/id words that mark page furniture, in the languages news sites use
// in their markup (English mostly, some local).
bool furniture_token(const std::string& t) {
  static const std::array<const char*, 61> kWords = {
      "nav", "navbar", "navigation", "menu", "menubar", "breadcrumb", "breadcrumbs", "footer", "sidebar",
      "share", "sharing", "sharebar", "social", "related", "relates", "recommended", "recommend",
      "recommendations", "comment", "comments", "cookie", "cookies", "consent", "newsletter", "subscribe",
      "subscription", "advert", "advertisement", "advertising", "ad", "ads", "adslot", "sponsor",
      "sponsored", "promo", "promotion", "banner", "popup", "modal", "tags", "tagcloud", "pagination",
      "pager", "skip", "toolbar", "byline", "author", "compartir", "comentarios", "teilen",
      "kommentare", "partager", "commentaires", "dela", "outbrain", "taboola", "disqus", "masthead",
      "topbar", "signup", "login"};
  for (const char* w : kWords) {
    if (t == w) return true;
  }
  // "topnav", "mainmenu", "sitefooter": compounds ending in a furniture word.
  for (const char* suffix : {"nav", "menu", "footer", "sidebar", "share", "comments"}) {
    size_t n = std::strlen(suffix);
    if (t.size() > n + 2 && t.compare(t.size() - n, n, suffix) == 0) return true;
  }
  return false;
}

bool furniture_name(const char* v) {
  if (!v || !*v) return false;
  auto tokens = name_tokens(v);
  bool content = false, furniture = false;
  for (size_t i = 0; i < tokens.size(); ++i) {
    const std::string& t = tokens[i];
    if (t == "article" || t == "story" || t == "post" || t == "entry" || t == "content" || t == "body" ||
        t == "main" || t == "detail") {
      content = true;
    }
    if (furniture_token(t)) furniture = true;
    if (t == "header" || t == "head") furniture = true;  // site header unless it is an article's own
    if (i + 1 < tokens.size() && ((t == "most" && (tokens[i + 1] == "read" || tokens[i + 1] == "popular")) ||
                                  (t == "binh" && tokens[i + 1] == "luan") ||
                                  (t == "tin" && tokens[i + 1] == "lien"))) {
      furniture = true;
    }
  }
  // With a content word, only words that name a widget of the article itself
  // count: "article-share", "post-comments" go; "article-header",
  // "content-with-sidebar", "story-footer-wrapper" stay.
  if (furniture && content) {
    static const std::array<const char*, 17> kWidget = {
        "share", "sharing", "sharebar", "social", "comment", "comments", "related", "recommended",
        "newsletter", "tags", "ad", "ads", "advert", "advertisement", "promo", "byline", "author"};
    for (const auto& t : tokens) {
      for (const char* w : kWidget) {
        if (t == w) return true;
      }
    }
    return false;
  }
  return furniture;
}

// Text statistics of a subtree without its furniture.
struct Stats {
  uint32_t text = 0;    // non-space bytes of text
  uint32_t link = 0;    // of which inside <a>
  uint32_t para = 0;    // of which inside <p> and outside links
  uint32_t score = 0;   // readability score: paragraph text of children + half of grandchildren
};

class Extractor {
 public:
  explicit Extractor(const GumboOutput* out) : out_(out) {}

  HtmlArticle run() {
    HtmlArticle a;
    collect_metadata(a);
    mark_structure();
    preorder_ = content_nodes(true);
    compute_stats();
    const GumboNode* root = choose_root();
    emit(root, a.text);
    if (a.title.empty()) a.title = first_h1(root);
    if (a.title.empty()) a.title = first_h1(out_->root);
    if (a.title.empty()) a.title = page_title_;
    if (a.published.empty()) a.published = first_time(root);
    if (a.published.empty()) a.published = first_time(out_->root);
    return a;
  }

 private:
  // Whether `n` is furniture. `by_name` adds the weaker evidence of class and
  // id words (and of being a <form>), which keep_ (ancestors of the headline
  // or of the marked-up article) overrides: "Page-ad-margins" or "box article
  // modal-enabled" may wrap a whole page.
  bool dropped(const GumboNode* n, bool by_name) const {
    if (n->type != GUMBO_NODE_ELEMENT) return false;
    const GumboElement& e = n->v.element;
    if (dropped_tag(e.tag) || unknown_tag_named(e, "dialog")) return true;
    // <header> of the site is furniture; an article's own holds its headline.
    if (e.tag == GUMBO_TAG_HEADER) return !article_headers_.count(n);
    if (const char* role = attr(e, "role")) {
      std::string r = lower(role);
      if (r == "navigation" || r == "banner" || r == "contentinfo" || r == "complementary" || r == "search" ||
          r == "menu" || r == "menubar" || r == "dialog" || r == "alert") {
        return true;
      }
    }
    if (gumbo_get_attribute(&e.attributes, "hidden")) return true;
    if (const char* h = attr(e, "aria-hidden"); h && lower(h) == "true") return true;
    if (const char* st = attr(e, "style")) {
      std::string v = lower(st);
      v.erase(std::remove_if(v.begin(), v.end(), [](char c) { return is_space(static_cast<unsigned char>(c)); }),
              v.end());
      if (v.find("display:none") != std::string::npos || v.find("visibility:hidden") != std::string::npos) {
        return true;
      }
    }
    // The body and the article containers themselves are never furniture by
    // name (some sites give <body class="... has-sidebar">).
    if (e.tag == GUMBO_TAG_BODY || e.tag == GUMBO_TAG_HTML || e.tag == GUMBO_TAG_ARTICLE ||
        e.tag == GUMBO_TAG_MAIN) {
      return false;
    }
    if (!by_name || keep_.count(n)) return false;
    // Search, login and comment forms go; a form with prose in it is an
    // ASP.NET page wrapping everything in one <form>.
    if (e.tag == GUMBO_TAG_FORM) return !prose_.count(n);
    return furniture_name(attr(e, "class")) || furniture_name(attr(e, "id"));
  }

  // One walk before any dropping by name: finds the <header>s that belong to
  // an article, the ancestors of the headline and of the marked-up article
  // (keep_), and the ancestors of real paragraphs (prose_).
  void mark_structure() {
    struct Frame {
      const GumboNode* node;
      bool in_article;
    };
    std::vector<Frame> stack{{out_->root, false}};
    auto mark_ancestors = [](const GumboNode* n, std::unordered_set<const GumboNode*>& set) {
      for (const GumboNode* p = n; p && set.insert(p).second;) p = p->parent;
    };
    while (!stack.empty()) {
      Frame f = stack.back();
      stack.pop_back();
      const GumboNode* n = f.node;
      if (n->type != GUMBO_NODE_ELEMENT) continue;
      const GumboElement& e = n->v.element;
      if (e.tag == GUMBO_TAG_HEADER && f.in_article) article_headers_.insert(n);
      if (dropped(n, false)) continue;
      const char* ip = attr(e, "itemprop");
      // Not <article>: teaser lists are made of them.
      if (e.tag == GUMBO_TAG_H1 || e.tag == GUMBO_TAG_MAIN || (ip && lower(ip) == "articlebody")) {
        mark_ancestors(n, keep_);
      }
      if (e.tag == GUMBO_TAG_P && visible_chars(n) >= 80) mark_ancestors(n, prose_);
      bool in_article = f.in_article || e.tag == GUMBO_TAG_ARTICLE || e.tag == GUMBO_TAG_MAIN;
      for (unsigned i = e.children.length; i-- > 0;) {
        stack.push_back({static_cast<const GumboNode*>(e.children.data[i]), in_article});
      }
    }
  }

  // Non-space bytes of text under `root`.
  static uint32_t visible_chars(const GumboNode* root) {
    uint32_t count = 0;
    std::vector<const GumboNode*> stack{root};
    while (!stack.empty()) {
      const GumboNode* n = stack.back();
      stack.pop_back();
      if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_CDATA) {
        for (const char* c = n->v.text.text; *c; ++c) count += is_space(static_cast<unsigned char>(*c)) ? 0 : 1;
      } else if (n->type == GUMBO_NODE_ELEMENT) {
        const GumboVector& kids = n->v.element.children;
        for (unsigned i = 0; i < kids.length; ++i) stack.push_back(static_cast<const GumboNode*>(kids.data[i]));
      }
    }
    return count;
  }

  // Every node outside furniture, in document order (iterative walk).
  std::vector<const GumboNode*> content_nodes(bool by_name) const {
    std::vector<const GumboNode*> order, stack{out_->root};
    while (!stack.empty()) {
      const GumboNode* n = stack.back();
      stack.pop_back();
      if (dropped(n, by_name)) continue;
      order.push_back(n);
      if (n->type == GUMBO_NODE_ELEMENT) {
        const GumboVector& kids = n->v.element.children;
        for (unsigned i = kids.length; i-- > 0;) stack.push_back(static_cast<const GumboNode*>(kids.data[i]));
      }
    }
    return order;
  }

  void compute_stats() {
    for (auto it = preorder_.rbegin(); it != preorder_.rend(); ++it) {
      const GumboNode* n = *it;
      Stats& s = stats_[n];
      if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_CDATA) {
        for (const char* p = n->v.text.text; *p; ++p) s.text += is_space(static_cast<unsigned char>(*p)) ? 0 : 1;
      } else if (n->type == GUMBO_NODE_ELEMENT) {
        GumboTag t = n->v.element.tag;
        if (t == GUMBO_TAG_A) s.link = s.text;
        if (t == GUMBO_TAG_P) s.para = s.text - s.link;
      }
      if (n->parent) {
        Stats& p = stats_[n->parent];
        p.text += s.text;
        p.link += s.link;
        p.para += s.para;
        if (n->type == GUMBO_NODE_ELEMENT && n->v.element.tag == GUMBO_TAG_P && s.para >= 20) {
          p.score += s.para;
          if (n->parent->parent) stats_[n->parent->parent].score += s.para / 2;
        }
      }
    }
  }

  // The element holding the article: the marked-up article (articleBody,
  // <article>, <main>) with the most paragraph text, else the block that
  // collects the most paragraph text (a Readability-style score), else <body>.
  const GumboNode* choose_root() {
    constexpr uint32_t kMinArticle = 140;
    const GumboNode* body = out_->root;
    const GumboNode* best_marked = nullptr;
    int best_rank = -1;
    uint32_t best_para = 0;
    const GumboNode* best_scored = nullptr;
    uint32_t best_score = 0;
    for (const GumboNode* n : preorder_) {
      if (n->type != GUMBO_NODE_ELEMENT) continue;
      const GumboElement& e = n->v.element;
      if (e.tag == GUMBO_TAG_BODY) body = n;
      const Stats& s = stats_[n];
      int rank = -1;
      if (const char* ip = attr(e, "itemprop"); ip && lower(ip) == "articlebody") rank = 3;
      else if (e.tag == GUMBO_TAG_ARTICLE) rank = 2;
      else if (e.tag == GUMBO_TAG_MAIN) rank = 1;
      else if (const char* r = attr(e, "role"); r && lower(r) == "main") rank = 1;
      if (rank >= 0 && s.para >= kMinArticle && (rank > best_rank || (rank == best_rank && s.para > best_para))) {
        best_marked = n;
        best_rank = rank;
        best_para = s.para;
      }
      if (s.score > best_score) {
        best_score = s.score;
        best_scored = n;
      }
    }
    if (best_marked) {
      // An <article> that is only the first of several teasers is not the
      // article when a scored block holds much more text.
      if (best_scored && stats_[best_scored].para > 2 * best_para && !contains(best_marked, best_scored)) {
        return climb_to_headline(best_scored);
      }
      return best_marked;
    }
    if (best_scored && best_score >= kMinArticle) return climb_to_headline(best_scored);
    return body;
  }

  static bool contains(const GumboNode* outer, const GumboNode* inner) {
    for (const GumboNode* p = inner; p; p = p->parent) {
      if (p == outer) return true;
    }
    return false;
  }

  // The scored block often sits beside the headline: take the parent when the
  // block has no <h1> and its parent has exactly one and little else.
  const GumboNode* climb_to_headline(const GumboNode* n) {
    if (!first_h1(n).empty() || !n->parent) return n;
    const GumboNode* p = n->parent;
    if (p->type == GUMBO_NODE_ELEMENT && p->v.element.tag != GUMBO_TAG_BODY && !first_h1(p).empty() &&
        stats_[p].text < stats_[n].text + stats_[n].text / 2 + 200) {
      return p;
    }
    return n;
  }

  // Collects the text of `root` without furniture, one block per line.
  void emit(const GumboNode* root, std::string& out) {
    struct Frame {
      const GumboNode* node;
      bool exit;
    };
    std::vector<Frame> stack{{root, false}};
    std::vector<std::string> lines(1);
    std::vector<GumboTag> blocks;  // open block elements; the text so far belongs to the innermost
    uint32_t text_in_block = 0, link_in_block = 0;
    int in_link = 0, in_pre = 0;

    auto flush = [&] {
      std::string block;
      for (auto& l : lines) {
        std::string c = collapse(l);
        if (c.empty()) continue;
        if (!block.empty()) block += '\n';
        block += c;
      }
      // A short block that is all links is a menu, a tag list or a teaser
      // (but a linked headline is still the headline).
      bool headline = !blocks.empty() && blocks.back() == GUMBO_TAG_H1;
      bool link_list = !headline && text_in_block > 0 && link_in_block * 10 >= text_in_block * 8 &&
                       text_in_block < 160;
      if (!block.empty() && !link_list) {
        if (!out.empty()) out += "\n\n";
        out += block;
      }
      lines.assign(1, std::string());
      text_in_block = link_in_block = 0;
    };

    while (!stack.empty()) {
      Frame f = stack.back();
      stack.pop_back();
      const GumboNode* n = f.node;
      if (n->type == GUMBO_NODE_ELEMENT) {
        GumboTag t = n->v.element.tag;
        if (f.exit) {
          if (t == GUMBO_TAG_A) --in_link;
          if (t == GUMBO_TAG_PRE) --in_pre;
          if (block_tag(t)) {
            flush();
            blocks.pop_back();
          }
          continue;
        }
        if (n != root && dropped(n, true)) continue;
        if (t == GUMBO_TAG_BR) {
          lines.emplace_back();
          continue;
        }
        if (t == GUMBO_TAG_IMG || t == GUMBO_TAG_INPUT || t == GUMBO_TAG_WBR) continue;
        if (block_tag(t)) {
          flush();
          blocks.push_back(t);
        }
        if (t == GUMBO_TAG_A) ++in_link;
        if (t == GUMBO_TAG_PRE) ++in_pre;
        stack.push_back({n, true});
        const GumboVector& kids = n->v.element.children;
        for (unsigned i = kids.length; i-- > 0;) stack.push_back({static_cast<const GumboNode*>(kids.data[i]), false});
        continue;
      }
      if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_CDATA || n->type == GUMBO_NODE_WHITESPACE) {
        std::string_view s(n->v.text.text);
        if (in_pre) {
          // Preformatted text keeps its lines.
          size_t start = 0;
          for (size_t i = 0; i <= s.size(); ++i) {
            if (i == s.size() || s[i] == '\n') {
              lines.back().append(s.substr(start, i - start));
              if (i < s.size()) lines.emplace_back();
              start = i + 1;
            }
          }
        } else {
          lines.back().append(s);
        }
        uint32_t visible = 0;
        for (char c : s) visible += is_space(static_cast<unsigned char>(c)) ? 0 : 1;
        text_in_block += visible;
        if (in_link) link_in_block += visible;
      }
    }
    flush();
  }

  static std::string first_h1(const GumboNode* root) {
    std::vector<const GumboNode*> stack{root};
    while (!stack.empty()) {
      const GumboNode* n = stack.back();
      stack.pop_back();
      if (n->type != GUMBO_NODE_ELEMENT) continue;
      if (n->v.element.tag == GUMBO_TAG_H1) {
        std::string t = collapse(text_of(n));
        if (!t.empty()) return t;
        continue;
      }
      const GumboVector& kids = n->v.element.children;
      for (unsigned i = kids.length; i-- > 0;) stack.push_back(static_cast<const GumboNode*>(kids.data[i]));
    }
    return {};
  }

  static std::string first_time(const GumboNode* root) {
    std::vector<const GumboNode*> stack{root};
    while (!stack.empty()) {
      const GumboNode* n = stack.back();
      stack.pop_back();
      if (n->type != GUMBO_NODE_ELEMENT) continue;
      if (n->v.element.tag == GUMBO_TAG_TIME) {
        if (const char* dt = attr(n->v.element, "datetime")) {
          std::string v = collapse(dt);
          if (v.size() >= 4) return v;
        }
      }
      const GumboVector& kids = n->v.element.children;
      for (unsigned i = kids.length; i-- > 0;) stack.push_back(static_cast<const GumboNode*>(kids.data[i]));
    }
    return {};
  }

  static std::string text_of(const GumboNode* root) {
    std::string out;
    std::vector<const GumboNode*> stack{root};
    while (!stack.empty()) {
      const GumboNode* n = stack.back();
      stack.pop_back();
      if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_CDATA || n->type == GUMBO_NODE_WHITESPACE) {
        out += n->v.text.text;
        out += ' ';
      } else if (n->type == GUMBO_NODE_ELEMENT && !dropped_tag(n->v.element.tag)) {
        const GumboVector& kids = n->v.element.children;
        for (unsigned i = kids.length; i-- > 0;) stack.push_back(static_cast<const GumboNode*>(kids.data[i]));
      }
    }
    return out;
  }

  static bool absolute_http(const std::string& u) {
    std::string l = lower(u.substr(0, 8));
    return l.starts_with("http://") || l.starts_with("https://");
  }

  // The value of the first "key": "value" pair in JSON-LD text (string search:
  // it finds the key inside @graph arrays and nested objects alike).
  static std::string json_string_after(std::string_view json, std::string_view key) {
    std::string quoted(1, '"');  // built piecewise: GCC 12 warns falsely on "\"" + ...
    quoted += key;
    quoted += '"';
    for (size_t p = json.find(quoted); p != std::string_view::npos; p = json.find(quoted, p + 1)) {
      size_t i = p + quoted.size();
      while (i < json.size() && is_space(static_cast<unsigned char>(json[i]))) ++i;
      if (i >= json.size() || json[i] != ':') continue;
      ++i;
      while (i < json.size() && is_space(static_cast<unsigned char>(json[i]))) ++i;
      if (i >= json.size() || json[i] != '"') continue;
      size_t end = json.find('"', i + 1);
      if (end == std::string_view::npos) return {};
      return collapse(json.substr(i + 1, end - i - 1));
    }
    return {};
  }

  void collect_metadata(HtmlArticle& a) {
    std::string og_title, og_url, canonical, pub_meta, pub_itemprop, pub_jsonld, pub_other;
    std::vector<const GumboNode*> stack{out_->root};
    while (!stack.empty()) {
      const GumboNode* n = stack.back();
      stack.pop_back();
      if (n->type != GUMBO_NODE_ELEMENT) continue;
      const GumboElement& e = n->v.element;
      switch (e.tag) {
        case GUMBO_TAG_HTML:
          if (const char* l = attr(e, "lang")) {
            std::string tag = lower(collapse(l));
            tag = tag.substr(0, tag.find_first_of("-_"));
            if (tag.size() >= 2 && tag.size() <= 3 &&
                std::all_of(tag.begin(), tag.end(), [](char c) { return c >= 'a' && c <= 'z'; })) {
              a.lang = tag;
            }
          }
          break;
        case GUMBO_TAG_TITLE:
          if (page_title_.empty()) page_title_ = collapse(text_of(n));
          break;
        case GUMBO_TAG_META: {
          const char* content = attr(e, "content");
          if (!content) break;
          std::string key = lower(attr(e, "property") ? attr(e, "property")
                                  : attr(e, "name")   ? attr(e, "name")
                                  : attr(e, "itemprop") ? attr(e, "itemprop")
                                                        : "");
          std::string v = collapse(content);
          if (v.empty()) break;
          if (key == "og:title" && og_title.empty()) og_title = v;
          else if (key == "og:url" && og_url.empty()) og_url = v;
          else if (key == "article:published_time" && pub_meta.empty()) pub_meta = v;
          else if (key == "datepublished" && pub_itemprop.empty()) pub_itemprop = v;
          else if ((key == "pubdate" || key == "publishdate" || key == "publish-date" || key == "date" ||
                    key == "dc.date.issued" || key == "dc.date" || key == "dcterms.created" ||
                    key == "sailthru.date" || key == "parsely-pub-date" || key == "og:published_time" ||
                    key == "article.published") &&
                   pub_other.empty()) {
            pub_other = v;
          }
          break;
        }
        case GUMBO_TAG_LINK:
          if (const char* rel = attr(e, "rel"); rel && lower(collapse(rel)) == "canonical" && canonical.empty()) {
            if (const char* href = attr(e, "href")) canonical = collapse(href);
          }
          break;
        case GUMBO_TAG_SCRIPT:
          if (const char* type = attr(e, "type"); type && lower(collapse(type)) == "application/ld+json") {
            if (pub_jsonld.empty() && e.children.length > 0) {
              const GumboNode* t = static_cast<const GumboNode*>(e.children.data[0]);
              if (t->type == GUMBO_NODE_TEXT || t->type == GUMBO_NODE_CDATA || t->type == GUMBO_NODE_WHITESPACE) {
                pub_jsonld = json_string_after(t->v.text.text, "datePublished");
              }
            }
          }
          break;
        default:
          if (const char* ip = attr(e, "itemprop"); ip && lower(ip) == "datepublished" && pub_itemprop.empty()) {
            if (const char* dt = attr(e, "datetime")) pub_itemprop = collapse(dt);
          }
          break;
      }
      const GumboVector& kids = e.children;
      for (unsigned i = kids.length; i-- > 0;) stack.push_back(static_cast<const GumboNode*>(kids.data[i]));
    }
    a.title = og_title;
    for (const std::string* p : {&pub_meta, &pub_itemprop, &pub_other, &pub_jsonld}) {
      if (!p->empty()) {
        a.published = *p;
        break;
      }
    }
    if (absolute_http(canonical)) a.canonical_url = canonical;
    else if (absolute_http(og_url)) a.canonical_url = og_url;
    page_title_ = strip_site_name(page_title_);
  }

  // "Headline | Site" -> "Headline" when what remains is a real headline.
  static std::string strip_site_name(const std::string& t) {
    for (const char* sep : {" | ", " - ", " – ", " — ", " :: "}) {
      size_t p = t.rfind(sep);
      if (p != std::string::npos && p > 20 && t.size() - p < 60) return t.substr(0, p);
    }
    return t;
  }

  const GumboOutput* out_;
  std::vector<const GumboNode*> preorder_;
  std::unordered_map<const GumboNode*, Stats> stats_;
  std::unordered_set<const GumboNode*> keep_, prose_, article_headers_;
  std::string page_title_;
};

// Position of the first case-insensitive occurrence of `needle` (lowercase)
// in `hay` at or after `from`, or npos.
size_t find_ci(std::string_view hay, std::string_view needle, size_t from) {
  for (size_t p = hay.find('<', from); p != std::string_view::npos; p = hay.find('<', p + 1)) {
    if (p + needle.size() > hay.size()) return std::string_view::npos;
    bool eq = true;
    for (size_t k = 0; k < needle.size() && eq; ++k) {
      eq = std::tolower(static_cast<unsigned char>(hay[p + k])) == needle[k];
    }
    if (eq) return p;
  }
  return std::string_view::npos;
}

bool in_list(std::string_view name, std::initializer_list<std::string_view> list) {
  return std::find(list.begin(), list.end(), name) != list.end();
}

// Formatting elements: their misnested end tags run the adoption agency.
bool formatting_tag(std::string_view n) {
  return in_list(n, {"a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt",
                     "u"});
}

// HTML's "special" (block-like) elements, as far as the adoption agency cares.
bool special_tag(std::string_view n) {
  return in_list(n, {"address", "applet", "article", "aside", "blockquote", "body", "button", "caption", "center",
                     "dd", "details", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer",
                     "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "html", "iframe", "li",
                     "main", "marquee", "menu", "nav", "object", "ol", "p", "pre", "section", "select", "summary",
                     "table", "tbody", "td", "template", "textarea", "tfoot", "th", "thead", "tr", "ul"});
}

// The deepest element nesting an HTML5 parser would build, estimated from the
// tags alone in one linear pass, and run before gumbo so that a hostile page
// never reaches the parser (whose cost grows with depth times tags). It
// follows the parser where evasion would otherwise be cheap: an end tag
// closes only an element that is open ("<div></x>" nests), a "/>" closes
// only void elements and elements inside <svg>/<math> ("<div/>" nests), and
// script/style/textarea/title content is not markup. Elements the parser
// closes implicitly (p, li, td...) are not counted.
//
// It also counts the attributes of each start tag (outside quoted values):
// the parser's cost grows with their square, and "<a</a<a</a..." is one tag
// with a million of them. More than kMaxAttributes make the result -1.
constexpr int kMaxAttributes = 4096;

int attributes_in(std::string_view tag) {
  int n = 0;
  bool in_sep = true;
  char quote = 0;
  for (char c : tag) {
    if (quote) {
      if (c == quote) quote = 0;
      continue;
    }
    if (c == '"' || c == '\'') {
      quote = c;
      in_sep = false;
      continue;
    }
    bool sep = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '/';
    if (!sep && in_sep && c != '=') ++n;
    in_sep = sep;
  }
  return n;
}

int nesting_depth(std::string_view html, int limit) {
  static const std::array<std::string_view, 16> kVoid = {"area", "base", "br", "col", "embed", "hr", "img", "input",
                                                         "link", "meta", "param", "source", "track", "wbr",
                                                         "keygen", "command"};
  static const std::array<std::string_view, 17> kImplied = {"p", "li", "dt", "dd", "option", "optgroup", "tr",
                                                            "td", "th", "thead", "tbody", "tfoot", "rb", "rt",
                                                            "rp", "rtc", "colgroup"};
  static const std::array<std::string_view, 6> kRawText = {"script", "style", "textarea", "title", "xmp",
                                                           "plaintext"};
  std::vector<std::string> open;
  std::unordered_map<std::string, int> open_count;
  int foreign = 0;  // open <svg>/<math>
  size_t next_gt = 0;
  for (size_t i = html.find('<'); i != std::string_view::npos && i + 1 < html.size(); i = html.find('<', i + 1)) {
    bool closing = html[i + 1] == '/';
    size_t s = i + (closing ? 2 : 1);
    size_t e = s;
    while (e < html.size() && std::isalnum(static_cast<unsigned char>(html[e]))) ++e;
    if (e == s) continue;
    std::string name = lower(html.substr(s, e - s));
    if (std::find(kVoid.begin(), kVoid.end(), name) != kVoid.end()) continue;
    if (closing) {
      auto it = open_count.find(name);
      if (it == open_count.end() || it->second == 0) continue;  // closes nothing: ignored by the parser
      if (formatting_tag(name)) {
        // The adoption agency: when a block element is open inside the
        // formatting element ("<b><div></b>"), the block stays open (moved
        // out of it), so only the formatting element closes.
        size_t k = open.size();
        bool block_inside = false;
        while (k-- > 0 && open[k] != name) block_inside = block_inside || special_tag(open[k]);
        if (block_inside) {
          open.erase(open.begin() + static_cast<std::ptrdiff_t>(k));
          --it->second;
          continue;
        }
      }
      while (!open.empty()) {
        std::string top = std::move(open.back());
        open.pop_back();
        --open_count[top];
        if (top == "svg" || top == "math") --foreign;
        if (top == name) break;
      }
      continue;
    }
    if (next_gt < e) next_gt = html.find('>', e);  // one forward scan for all tags
    size_t tag_end = next_gt == std::string_view::npos ? html.size() : next_gt;
    if (attributes_in(html.substr(e, tag_end - e)) > kMaxAttributes) return -1;
    if (next_gt == std::string_view::npos) break;  // an unterminated tag ends the markup
    bool self_closing = next_gt > 0 && html[next_gt - 1] == '/';
    if (self_closing && foreign > 0) continue;
    if (std::find(kRawText.begin(), kRawText.end(), name) != kRawText.end()) {
      std::string end_tag = "</";  // built piecewise: GCC 12 warns falsely on "</" + name
      end_tag += name;
      size_t end = find_ci(html, end_tag, next_gt);
      if (end == std::string_view::npos) break;
      i = end;  // the loop moves past its '<'
      continue;
    }
    if (std::find(kImplied.begin(), kImplied.end(), name) != kImplied.end()) continue;
    if (name == "svg" || name == "math") ++foreign;
    open.push_back(name);
    ++open_count[name];
    if (static_cast<int>(open.size()) > limit) break;
  }
  return static_cast<int>(open.size());
}

// Every allocation gumbo makes during one parse, linked so that the whole
// tree is freed by one loop: gumbo_destroy_output recurses once per tree
// level, and the tree can nest deeper than the tags do (the adoption agency
// and the reconstruction of formatting elements clone elements). It also
// caps the live bytes: gumbo has no way to stop a parse, and a few kilobytes
// of unclosed formatting elements with distinct attributes ("<b id=1><b
// id=2>...", then many paragraphs) make it clone gigabytes. Over the budget,
// allocate() longjmps back to parse_within_budget().
class ParseArena {
 public:
  explicit ParseArena(size_t budget) : budget_(budget) {}
  ParseArena(const ParseArena&) = delete;
  ParseArena& operator=(const ParseArena&) = delete;
  ~ParseArena() {
    while (head_) {
      Block* next = head_->next;
      std::free(head_);
      head_ = next;
    }
  }

  static void* allocate(void* self, size_t size) {
    auto* arena = static_cast<ParseArena*>(self);
    arena->live_ += size;
    if (arena->live_ > arena->budget_) std::longjmp(arena->over_budget_, 1);
    auto* b = static_cast<Block*>(std::malloc(sizeof(Block) + size));
    if (!b) std::abort();  // gumbo does not check for NULL either
    b->prev = nullptr;
    b->next = arena->head_;
    b->size = size;
    if (arena->head_) arena->head_->prev = b;
    arena->head_ = b;
    return b + 1;
  }

  static void deallocate(void* self, void* ptr) {
    if (!ptr) return;
    auto* arena = static_cast<ParseArena*>(self);
    Block* b = static_cast<Block*>(ptr) - 1;
    if (b->prev) {
      b->prev->next = b->next;
    } else {
      arena->head_ = b->next;
    }
    if (b->next) b->next->prev = b->prev;
    arena->live_ -= b->size;
    std::free(b);
  }

  std::jmp_buf& over_budget() { return over_budget_; }

 private:
  struct alignas(std::max_align_t) Block {
    Block* prev;
    Block* next;
    size_t size;
  };
  Block* head_ = nullptr;
  size_t live_ = 0;
  size_t budget_;
  std::jmp_buf over_budget_;
};

// Live parser memory allowed: real pages peak at under 8 bytes per input
// byte (measured on the html-extraction eval set).
constexpr size_t kParseBudgetBase = size_t{32} << 20;
constexpr size_t kParseBudgetPerByte = 16;

// gumbo_parse_with_options within the arena's budget; nullptr when over it.
// Between setjmp here and longjmp in ParseArena::allocate lie only gumbo's C
// frames: no destructors are skipped, and the arena (on the heap, untouched
// by this frame) frees whatever the parse had built.
GumboOutput* parse_within_budget(const GumboOptions& options, std::string_view html, ParseArena& arena) {
  if (setjmp(arena.over_budget()) != 0) return nullptr;
  return gumbo_parse_with_options(&options, html.data(), html.size());
}

}  // namespace

Result<HtmlArticle> extract_html(std::string_view html, const HtmlOptions& options) {
  if (html.find_first_not_of(" \t\r\n\f") == std::string_view::npos) return Status::invalid("empty HTML");
  int depth = nesting_depth(html, options.max_depth);
  if (depth < 0) {
    return Status::invalid("an HTML tag with more than " + std::to_string(kMaxAttributes) +
                           " attributes (malformed or hostile markup)");
  }
  if (depth > options.max_depth) {
    return Status::invalid("HTML nests deeper than " + std::to_string(options.max_depth) +
                           " elements (limit: HtmlOptions::max_depth)");
  }
  // The arena frees the tree (instead of gumbo_destroy_output), also on exceptions.
  const size_t budget = kParseBudgetBase + kParseBudgetPerByte * html.size();
  auto arena = std::make_unique<ParseArena>(budget);
  GumboOptions gopts = kGumboDefaultOptions;
  gopts.allocator = &ParseArena::allocate;
  gopts.deallocator = &ParseArena::deallocate;
  gopts.userdata = arena.get();
  gopts.max_errors = 0;  // parse errors are not reported: do not keep them
  GumboOutput* out = parse_within_budget(gopts, html, *arena);
  if (!out) {
    return Status::invalid("HTML makes the parser use more than " + std::to_string(budget >> 20) +
                           " MiB (misnested formatting elements cloned over and over)");
  }
  return Extractor(out).run();
}

std::string sniff_html_charset(std::string_view bytes) {
  // A byte order mark outranks any declaration (as in browsers).
  if (bytes.starts_with("\xEF\xBB\xBF")) return "utf-8";
  if (bytes.starts_with("\xFF\xFE")) return "utf-16le";
  if (bytes.starts_with("\xFE\xFF")) return "utf-16be";
  std::string head = lower(bytes.substr(0, 1024));
  for (size_t p = head.find("<meta"); p != std::string::npos; p = head.find("<meta", p + 5)) {
    size_t end = head.find('>', p);
    std::string_view tag = std::string_view(head).substr(p, end == std::string::npos ? std::string::npos : end - p);
    size_t c = tag.find("charset");
    if (c == std::string_view::npos) continue;
    size_t i = c + 7;
    while (i < tag.size() && is_space(static_cast<unsigned char>(tag[i]))) ++i;
    if (i >= tag.size() || tag[i] != '=') continue;
    ++i;
    while (i < tag.size() && (is_space(static_cast<unsigned char>(tag[i])) || tag[i] == '"' || tag[i] == '\'')) ++i;
    size_t j = i;
    while (j < tag.size() && (std::isalnum(static_cast<unsigned char>(tag[j])) || tag[j] == '-' || tag[j] == '_' ||
                              tag[j] == '.' || tag[j] == ':')) {
      ++j;
    }
    if (j > i) return std::string(tag.substr(i, j - i));
  }
  return {};
}

}  // namespace ng
