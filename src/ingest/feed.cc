// RSS 2.0, RSS 1.0 (RDF) and Atom feeds: one record per item or entry.
//
// libxml2 parses the feed without network access, without loading external
// DTDs or entities and without substituting entities (no XXE, no "billion
// laughs"); text is collected by our own walk, which never follows entity
// references. Errors are captured per parser context, nothing is printed.
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/uri.h>
#include <libxml/xmlerror.h>

#include <algorithm>
#include <array>
#include <climits>
#include <cstdio>
#include <cstring>

#include "ingest/reader.h"

namespace ng {
namespace {

constexpr const char* kContentNs = "http://purl.org/rss/1.0/modules/content/";
constexpr const char* kDcNs = "http://purl.org/dc/elements/1.1/";

bool is_space(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// Trims and turns every run of whitespace into one space.
std::string collapse(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (is_space(static_cast<unsigned char>(c))) {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && is_space(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

const char* name_of(const xmlNode* n) { return reinterpret_cast<const char*>(n->name); }
const char* ns_of(const xmlNode* n) {
  return n->ns && n->ns->href ? reinterpret_cast<const char*>(n->ns->href) : "";
}

bool named(const xmlNode* n, const char* local) {
  return n && n->type == XML_ELEMENT_NODE && std::strcmp(name_of(n), local) == 0;
}
// `n` is element `local` in namespace `ns` ("" = none).
bool named_ns(const xmlNode* n, const char* local, const char* ns) {
  return named(n, local) && std::strcmp(ns_of(n), ns) == 0;
}
// An item's own fields are in the item's namespace (none for RSS 2.0, RSS 1.0
// or Atom otherwise); no namespace is tolerated too. This keeps media:title,
// media:content or atom:link from being taken for the item's own fields.
bool own(const xmlNode* n, const char* local, const xmlNode* item) {
  return named(n, local) && (n->ns == nullptr || std::strcmp(ns_of(n), ns_of(item)) == 0);
}

std::string prop(const xmlNode* n, const char* name) {
  xmlChar* v = xmlGetProp(n, reinterpret_cast<const xmlChar*>(name));
  if (!v) return {};
  std::string out(reinterpret_cast<const char*>(v));
  xmlFree(v);
  return out;
}

// Text and CDATA below `n`, in document order. Entity references are kept
// as written ("&eacute;"): they are not substituted, following them could
// expand without bound, and an HTML body decodes the HTML ones later.
std::string text_of(const xmlNode* n, bool* had_entity = nullptr) {
  std::string out;
  std::vector<const xmlNode*> stack;
  for (const xmlNode* c = n->last; c; c = c->prev) stack.push_back(c);
  while (!stack.empty()) {
    const xmlNode* c = stack.back();
    stack.pop_back();
    if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content) {
      out += reinterpret_cast<const char*>(c->content);
    } else if (c->type == XML_ENTITY_REF_NODE && c->name) {
      out += '&';
      out += name_of(c);
      out += ';';
      if (had_entity) *had_entity = true;
    } else if (c->type == XML_ELEMENT_NODE) {
      for (const xmlNode* k = c->last; k; k = k->prev) stack.push_back(k);
    }
  }
  return out;
}

// The markup of `n`'s children.
std::string inner_xml(xmlNode* n) {
  std::string out;
  xmlBufferPtr buf = xmlBufferCreate();
  if (!buf) return out;
  for (xmlNode* c = n->children; c; c = c->next) {
    xmlBufferEmpty(buf);
    if (xmlNodeDump(buf, n->doc, c, 0, 0) >= 0)
      out.append(reinterpret_cast<const char*>(xmlBufferContent(buf)));
  }
  xmlBufferFree(buf);
  return out;
}

bool has_element_child(const xmlNode* n) {
  for (const xmlNode* c = n->children; c; c = c->next) {
    if (c->type == XML_ELEMENT_NODE) return true;
  }
  return false;
}

// A body field: its text, or its markup when it holds elements (an RSS
// description with unescaped XHTML inside, an Atom xhtml content).
std::string body_of(xmlNode* n, bool& html) {
  if (!has_element_child(n)) return text_of(n, &html);
  html = true;
  // Atom xhtml content is wrapped in one <div> that is not part of it (RFC 4287 3.1.1.3).
  xmlNode* only = nullptr;
  int elements = 0;
  bool text = false;
  for (xmlNode* c = n->children; c; c = c->next) {
    if (c->type == XML_ELEMENT_NODE) {
      only = c;
      ++elements;
    } else if (c->type == XML_TEXT_NODE && c->content &&
               !trim(reinterpret_cast<const char*>(c->content)).empty()) {
      text = true;
    }
  }
  if (elements == 1 && !text && named(only, "div")) return inner_xml(only);
  return inner_xml(n);
}

bool is_tag_start(std::string_view s, size_t i) {
  if (s[i] != '<' || i + 1 >= s.size()) return false;
  unsigned char c = static_cast<unsigned char>(s[i + 1]);
  return std::isalpha(c) || c == '/' || c == '!' || c == '?';
}

bool has_markup(std::string_view s) {
  for (size_t i = s.find('<'); i != std::string_view::npos; i = s.find('<', i + 1)) {
    if (is_tag_start(s, i)) return true;
  }
  return false;
}

void append_utf8(std::string& out, uint32_t cp) {
  if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Decodes the entities titles carry when a feed escapes its HTML twice
// ("&amp;amp;", "&#8217;"); unknown ones are kept as written.
std::string decode_entities(std::string_view s) {
  static const std::array<std::pair<std::string_view, std::string_view>, 8> kNamed = {{{"amp", "&"},
                                                                                       {"lt", "<"},
                                                                                       {"gt", ">"},
                                                                                       {"quot", "\""},
                                                                                       {"apos", "'"},
                                                                                       {"nbsp", " "},
                                                                                       {"ndash", "\u2013"},
                                                                                       {"mdash", "\u2014"}}};
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    size_t semi = s[i] == '&' ? s.find(';', i + 1) : std::string_view::npos;
    if (semi == std::string_view::npos || semi - i > 10) {
      out += s[i];
      continue;
    }
    std::string_view name = s.substr(i + 1, semi - i - 1);
    bool done = false;
    if (name.size() >= 2 && name[0] == '#') {
      bool hex = name[1] == 'x' || name[1] == 'X';
      std::string_view digits = name.substr(hex ? 2 : 1);
      uint32_t cp = 0;
      bool ok = !digits.empty() && digits.size() <= 7;
      for (char c : digits) {
        int d = std::isdigit(static_cast<unsigned char>(c))           ? c - '0'
                : hex && std::isxdigit(static_cast<unsigned char>(c)) ? std::tolower(c) - 'a' + 10
                                                                      : -1;
        if (d < 0)
          ok = false;
        else
          cp = cp * (hex ? 16 : 10) + static_cast<uint32_t>(d);
      }
      if (ok) {
        append_utf8(out, cp);
        done = true;
      }
    } else {
      for (const auto& [n, v] : kNamed) {
        if (name == n) {
          out += v;
          done = true;
        }
      }
    }
    if (done)
      i = semi;
    else
      out += s[i];
  }
  return out;
}

// Tags removed (each leaves a space), entities decoded, whitespace collapsed.
std::string plain_title(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (is_tag_start(s, i)) {
      size_t end = s.find('>', i);
      if (end == std::string_view::npos) break;
      out += ' ';
      i = end;
    } else {
      out += s[i];
    }
  }
  std::string decoded = decode_entities(out);
  for (size_t p = decoded.find("\xC2\xA0"); p != std::string::npos; p = decoded.find("\xC2\xA0", p)) {
    decoded.replace(p, 2, " ");  // no-break spaces
  }
  return collapse(decoded);
}

// RFC 822/1123 dates of RSS ("Wed, 20 May 2026 21:15:00 +0700") as ISO 8601
// with the same offset ("2026-05-20T21:15:00+07:00"): the local date is the
// one the item's readers saw, which later stages anchor relative dates on.
// Empty when it does not parse.
std::string rfc822_to_iso(std::string_view s) {
  std::string t = collapse(s);
  if (auto comma = t.find(','); comma != std::string::npos && comma <= 10) t = t.substr(comma + 1);
  char mon[16] = {0}, zone[16] = {0};
  int day = 0, year = 0, hh = 0, mm = 0, ss = 0, used = 0;
  // "%n" after the fields tells whether the seconds were there.
  if (std::sscanf(t.c_str(), " %d %15s %d %d:%d:%d%n", &day, mon, &year, &hh, &mm, &ss, &used) != 6) {
    ss = 0;
    used = 0;
    if (std::sscanf(t.c_str(), " %d %15s %d %d:%d%n", &day, mon, &year, &hh, &mm, &used) != 5) return {};
  }
  std::string_view rest = trim(std::string_view(t).substr(static_cast<size_t>(used)));
  if (std::sscanf(std::string(rest).c_str(), "%15s", zone) != 1) zone[0] = 0;
  static const std::array<const char*, 12> kMonths = {"jan", "feb", "mar", "apr", "may", "jun",
                                                      "jul", "aug", "sep", "oct", "nov", "dec"};
  std::string m3 = lower(std::string(mon).substr(0, 3));
  int month = 0;
  for (int i = 0; i < 12; ++i) {
    if (m3 == kMonths[i]) month = i + 1;
  }
  if (year >= 0 && year < 100) year += year < 50 ? 2000 : 1900;  // RFC 822 two-digit years
  if (!month || day < 1 || day > 31 || year < 1000 || year > 9999 || hh < 0 || hh > 23 || mm < 0 || mm > 59 ||
      ss < 0 || ss > 60) {
    return {};
  }
  std::string z(zone);
  int offset_min = 0;
  if (z.size() == 5 && (z[0] == '+' || z[0] == '-') && std::all_of(z.begin() + 1, z.end(), [](char c) {
        return std::isdigit(static_cast<unsigned char>(c));
      })) {
    offset_min = ((z[1] - '0') * 10 + (z[2] - '0')) * 60 + (z[3] - '0') * 10 + (z[4] - '0');
    if (z[0] == '-') offset_min = -offset_min;
  } else {
    static const std::array<std::pair<const char*, int>, 12> kZones = {{{"GMT", 0},
                                                                        {"UT", 0},
                                                                        {"UTC", 0},
                                                                        {"Z", 0},
                                                                        {"EST", -5},
                                                                        {"EDT", -4},
                                                                        {"CST", -6},
                                                                        {"CDT", -5},
                                                                        {"MST", -7},
                                                                        {"MDT", -6},
                                                                        {"PST", -8},
                                                                        {"PDT", -7}}};
    bool known = z.empty();  // no zone: taken as UTC
    for (const auto& [name, hours] : kZones) {
      if (lower(z) == lower(name)) {
        offset_min = hours * 60;
        known = true;
      }
    }
    if (!known) return {};
  }
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d", year, month, day, hh, mm, ss);
  std::string out(buf);
  if (offset_min == 0) return out + "Z";
  int a = offset_min < 0 ? -offset_min : offset_min;
  std::snprintf(buf, sizeof buf, "%c%02d:%02d", offset_min < 0 ? '-' : '+', a / 60, a % 60);
  return out + buf;
}

struct Item {
  std::string title, link, body, published;
  bool html = false;
};

Item rss_item(xmlNode* item) {
  Item it;
  std::string description, encoded, guid, dc_date;
  bool guid_permalink = true, description_html = false, encoded_html = false;
  for (xmlNode* c = item->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    if (own(c, "title", item) && it.title.empty())
      it.title = text_of(c);
    else if (own(c, "link", item) && it.link.empty())
      it.link = collapse(text_of(c));
    else if (named_ns(c, "encoded", kContentNs) && encoded.empty())
      encoded = body_of(c, encoded_html);
    else if (own(c, "description", item) && description.empty())
      description = body_of(c, description_html);
    else if (own(c, "pubDate", item))
      it.published = collapse(text_of(c));
    else if (named_ns(c, "date", kDcNs))
      dc_date = collapse(text_of(c));
    else if (own(c, "guid", item)) {
      guid = collapse(text_of(c));
      guid_permalink = lower(collapse(prop(c, "isPermaLink"))) != "false";
    }
  }
  if (it.link.empty() && guid_permalink && (guid.starts_with("http://") || guid.starts_with("https://"))) {
    it.link = guid;
  }
  bool use_encoded = !trim(encoded).empty();
  it.body = use_encoded ? encoded : description;
  it.html = (use_encoded ? encoded_html : description_html) || has_markup(it.body);
  if (!it.published.empty()) {
    std::string iso = rfc822_to_iso(it.published);
    if (!iso.empty()) it.published = iso;
  } else {
    it.published = dc_date;
  }
  return it;
}

// Resolves a relative Atom link against xml:base when that is an http(s) URL.
std::string resolve(xmlNode* n, const std::string& href) {
  if (href.empty() || href.starts_with("http://") || href.starts_with("https://")) return href;
  xmlChar* base = xmlNodeGetBase(n->doc, n);
  if (!base) return href;
  std::string out = href;
  std::string b(reinterpret_cast<const char*>(base));
  if (b.starts_with("http://") || b.starts_with("https://")) {
    if (xmlChar* u = xmlBuildURI(reinterpret_cast<const xmlChar*>(href.c_str()), base)) {
      out = reinterpret_cast<const char*>(u);
      xmlFree(u);
    }
  }
  xmlFree(base);
  return out;
}

Item atom_entry(xmlNode* entry) {
  Item it;
  std::string content, summary, updated, plain_link;
  bool content_html = false, summary_html = false;
  for (xmlNode* c = entry->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    if (own(c, "title", entry) && it.title.empty()) {
      it.title = text_of(c);
    } else if (own(c, "link", entry)) {
      std::string rel = collapse(prop(c, "rel"));
      std::string href = collapse(prop(c, "href"));
      if (rel == "alternate" && it.link.empty())
        it.link = resolve(c, href);
      else if (rel.empty() && plain_link.empty())
        plain_link = resolve(c, href);
    } else if ((own(c, "content", entry) && content.empty()) ||
               (own(c, "summary", entry) && summary.empty())) {
      std::string type = lower(collapse(prop(c, "type")));
      bool html = type == "html" || type == "xhtml" || type.find("html") != std::string::npos;
      std::string v = body_of(c, html);
      if (type.empty() || type == "text") html = html || has_markup(v);  // escaped HTML without a type
      if (named(c, "content")) {
        content = std::move(v);
        content_html = html;
      } else {
        summary = std::move(v);
        summary_html = html;
      }
    } else if (own(c, "published", entry)) {
      it.published = collapse(text_of(c));
    } else if (own(c, "updated", entry)) {
      updated = collapse(text_of(c));
    }
  }
  if (it.link.empty()) it.link = plain_link;
  if (!trim(content).empty()) {
    it.body = std::move(content);
    it.html = content_html;
  } else {
    it.body = std::move(summary);
    it.html = summary_html;
  }
  if (it.published.empty()) it.published = updated;
  return it;
}

// Feeds often use HTML entities ("&nbsp;", "&eacute;") that XML does not
// know; libxml2 drops them even in recovery mode. Before the second attempt
// they become character references, which never expand to more than one
// character. XML's own five entities and unknown names are left alone.
std::string html_entities_to_refs(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '&') {
      size_t j = i + 1;
      while (j < s.size() && j - i <= 32 && std::isalnum(static_cast<unsigned char>(s[j]))) ++j;
      if (j < s.size() && s[j] == ';' && j > i + 1) {
        std::string name(s.substr(i + 1, j - i - 1));
        bool xml_own = name == "amp" || name == "lt" || name == "gt" || name == "quot" || name == "apos";
        const htmlEntityDesc* e =
            xml_own ? nullptr : htmlEntityLookup(reinterpret_cast<const xmlChar*>(name.c_str()));
        if (e) {
          out += "&#" + std::to_string(e->value) + ";";
          i = j;
          continue;
        }
      }
    }
    out += s[i];
  }
  return out;
}

// Keeps the first error of a parse (per parser context: no global state).
struct ErrorCapture {
  std::string first;
};

void capture_error(void* user, xmlErrorPtr e) {
  auto* ctxt = static_cast<xmlParserCtxtPtr>(user);
  if (!ctxt || !ctxt->_private || !e || e->level < XML_ERR_ERROR) return;
  auto* cap = static_cast<ErrorCapture*>(ctxt->_private);
  if (cap->first.empty() && e->message) {
    cap->first = collapse(e->message);
    if (e->line > 0) cap->first += " (line " + std::to_string(e->line) + ")";
  }
}

void silent_error(void*, xmlErrorPtr) {}

// libxml2 reports a few errors (encoding conversion) without a parser
// context, through the thread's global handler, which prints by default:
// silence it for the duration of the parse and restore it afterwards.
class SilenceLibxml {
 public:
  SilenceLibxml() : saved_(xmlStructuredError), saved_ctx_(xmlStructuredErrorContext) {
    xmlSetStructuredErrorFunc(nullptr, silent_error);
  }
  ~SilenceLibxml() { xmlSetStructuredErrorFunc(saved_ctx_, saved_); }

 private:
  xmlStructuredErrorFunc saved_;
  void* saved_ctx_;
};

struct DocFree {
  void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};
struct CtxtFree {
  void operator()(xmlParserCtxt* c) const { xmlFreeParserCtxt(c); }
};

}  // namespace

void read_feed(InputStream& in, const std::string& source, const ReaderOptions& options, RecordSink& sink) {
  auto bytes = read_all(in, options.max_feed_bytes);
  if (!bytes) {
    sink.reject(Reject{source, "", bytes.status().message()});
    return;
  }
  if (trim(*bytes).empty()) {
    sink.reject(Reject{source, "", "empty file"});
    return;
  }
  if (bytes->size() > INT_MAX) {
    sink.reject(Reject{source, "", "feed larger than 2 GiB"});
    return;
  }
  xmlInitParser();
  SilenceLibxml silence;
  std::unique_ptr<xmlParserCtxt, CtxtFree> ctxt(xmlNewParserCtxt());
  if (!ctxt || !ctxt->sax) {
    sink.reject(Reject{source, "", "out of memory creating the XML parser"});
    return;
  }
  ErrorCapture errors;
  ctxt->_private = &errors;
  ctxt->sax->serror = capture_error;  // called with ctxt->userData, which is the context itself
  // No XML_PARSE_NOENT (entity substitution), XML_PARSE_DTDLOAD (external DTD)
  // or XML_PARSE_HUGE (lifts libxml2's size and depth limits).
  const int opts = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA;
  const int size = static_cast<int>(bytes->size());
  std::unique_ptr<xmlDoc, DocFree> doc(
      xmlCtxtReadMemory(ctxt.get(), bytes->data(), size, nullptr, nullptr, opts));
  std::string first_error = errors.first;
  if (!doc) {
    // Many feeds in the wild are slightly broken (an HTML entity, a stray
    // "&", an unclosed element): fix the entities and take what libxml2 can
    // recover.
    std::string fixed = html_entities_to_refs(*bytes);
    if (fixed.size() <= INT_MAX) {
      const int fixed_size = static_cast<int>(fixed.size());
      doc.reset(xmlCtxtReadMemory(ctxt.get(), fixed.data(), fixed_size, nullptr, nullptr,
                                  opts | XML_PARSE_RECOVER));
    }
  }
  xmlNode* root = doc ? xmlDocGetRootElement(doc.get()) : nullptr;
  if (!root) {
    sink.reject(Reject{source, "",
                       "not a well-formed feed: " + (first_error.empty() ? "no root element" : first_error)});
    return;
  }
  std::vector<xmlNode*> items;
  bool atom = false;
  if (named(root, "rss") || named(root, "RDF")) {
    // RSS 2.0 items are in <channel>; RSS 1.0 items are siblings of it.
    for (xmlNode* c = root->children; c; c = c->next) {
      if (named(c, "item")) items.push_back(c);
      if (!named(c, "channel")) continue;
      for (xmlNode* i = c->children; i; i = i->next) {
        if (named(i, "item")) items.push_back(i);
      }
    }
  } else if (named(root, "feed")) {
    atom = true;
    for (xmlNode* c = root->children; c; c = c->next) {
      if (named(c, "entry")) items.push_back(c);
    }
  } else {
    sink.reject(
        Reject{source, "", std::string("not an RSS or Atom feed (root element <") + name_of(root) + ">)"});
    return;
  }
  if (items.empty()) {
    sink.reject(Reject{source, "", "feed has no items"});
    return;
  }
  for (size_t i = 0; i < items.size(); ++i) {
    std::string locator = "item " + std::to_string(i + 1);
    Item it = atom ? atom_entry(items[i]) : rss_item(items[i]);
    std::string body_text = it.html ? plain_title(it.body) : collapse(it.body);
    if (body_text.empty()) {
      sink.reject(Reject{source, locator, "empty item (no content, description or summary)"});
      continue;
    }
    if (it.body.size() > options.max_record_bytes) {
      sink.reject(Reject{source, locator,
                         "item of " + std::to_string(it.body.size()) + " bytes exceeds the limit of " +
                             std::to_string(options.max_record_bytes >> 20) +
                             " MiB for one article (raise it with --max-doc-mb)"});
      continue;
    }
    RawRecord r;
    r.source = source;
    r.locator = locator;
    r.format = Format::kFeed;
    r.is_html = it.html;
    r.body = it.html ? std::move(it.body) : std::string(trim(it.body));
    r.declared_charset = "utf-8";  // libxml2 hands out UTF-8 whatever the file's encoding
    r.title = plain_title(it.title);
    if (it.link.starts_with("http://") || it.link.starts_with("https://")) r.url = it.link;
    r.published = it.published;
    sink.record(std::move(r));
  }
}

}  // namespace ng
