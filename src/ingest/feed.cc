// RSS 2.0, RSS 1.0 (RDF) and Atom feeds: one record per item or entry.
//
// libxml2 parses the feed without network access, without loading external
// DTDs and without substituting entities (no XXE, no "billion laughs"); text
// is collected by our own walk, which never follows entity references.
#include <libxml/parser.h>
#include <libxml/tree.h>
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

bool is_space(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

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

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

const char* name_of(const xmlNode* n) { return reinterpret_cast<const char*>(n->name); }
bool named(const xmlNode* n, const char* local) {
  return n && n->type == XML_ELEMENT_NODE && std::strcmp(name_of(n), local) == 0;
}
const char* ns_of(const xmlNode* n) { return n->ns && n->ns->href ? reinterpret_cast<const char*>(n->ns->href) : ""; }

std::string prop(const xmlNode* n, const char* name) {
  xmlChar* v = xmlGetProp(n, reinterpret_cast<const xmlChar*>(name));
  if (!v) return {};
  std::string out(reinterpret_cast<const char*>(v));
  xmlFree(v);
  return out;
}

// Text and CDATA below `n`, in document order; entity references are skipped
// (they are not substituted, and following them could expand without bound).
std::string text_of(const xmlNode* n) {
  std::string out;
  std::vector<const xmlNode*> stack;
  for (const xmlNode* c = n->last; c; c = c->prev) stack.push_back(c);
  while (!stack.empty()) {
    const xmlNode* c = stack.back();
    stack.pop_back();
    if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content) {
      out += reinterpret_cast<const char*>(c->content);
    } else if (c->type == XML_ELEMENT_NODE) {
      for (const xmlNode* k = c->last; k; k = k->prev) stack.push_back(k);
    }
  }
  return out;
}

// The markup of `n`'s children (Atom type="xhtml" content).
std::string inner_xml(xmlNode* n) {
  std::string out;
  xmlBufferPtr buf = xmlBufferCreate();
  if (!buf) return out;
  for (xmlNode* c = n->children; c; c = c->next) {
    xmlBufferEmpty(buf);
    if (xmlNodeDump(buf, n->doc, c, 0, 0) >= 0) out.append(reinterpret_cast<const char*>(xmlBufferContent(buf)));
  }
  xmlBufferFree(buf);
  return out;
}

bool has_markup(std::string_view s) {
  for (size_t i = s.find('<'); i != std::string_view::npos && i + 1 < s.size(); i = s.find('<', i + 1)) {
    unsigned char c = static_cast<unsigned char>(s[i + 1]);
    if (std::isalpha(c) || c == '/' || c == '!') return true;
  }
  return false;
}

std::string strip_tags(std::string_view s) {
  std::string out;
  bool in_tag = false;
  for (char c : s) {
    if (c == '<') in_tag = true;
    else if (c == '>' && in_tag) {
      in_tag = false;
      out += ' ';
    } else if (!in_tag) out += c;
  }
  return collapse(out);
}

// RFC 822/1123 dates of RSS ("Wed, 20 May 2026 21:15:00 +0700") as ISO 8601
// with the same offset ("2026-05-20T21:15:00+07:00"): the local date is what
// a reader of the item saw. Empty when it does not parse.
std::string rfc822_to_iso(std::string_view s) {
  std::string t = collapse(s);
  if (auto comma = t.find(','); comma != std::string::npos && comma <= 10) t = t.substr(comma + 1);
  char mon[8] = {0}, zone[8] = {0};
  int day = 0, year = 0, hh = 0, mm = 0, ss = 0;
  int n = std::sscanf(t.c_str(), " %d %7s %d %d:%d:%d %7s", &day, mon, &year, &hh, &mm, &ss, zone);
  if (n < 6) {
    ss = 0;
    n = std::sscanf(t.c_str(), " %d %7s %d %d:%d %7s", &day, mon, &year, &hh, &mm, zone);
    if (n < 5) return {};
    n = n == 6 ? 7 : 6;
  }
  static const std::array<const char*, 12> kMonths = {"jan", "feb", "mar", "apr", "may", "jun",
                                                      "jul", "aug", "sep", "oct", "nov", "dec"};
  std::string m3 = lower(std::string(mon).substr(0, 3));
  int month = 0;
  for (int i = 0; i < 12; ++i) {
    if (m3 == kMonths[i]) month = i + 1;
  }
  if (year < 100) year += year < 70 ? 2000 : 1900;
  if (!month || day < 1 || day > 31 || hh > 23 || mm > 59 || ss > 60) return {};
  std::string z = n >= 7 ? std::string(zone) : "";
  std::string offset;
  if (z.size() == 5 && (z[0] == '+' || z[0] == '-') &&
      std::all_of(z.begin() + 1, z.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })) {
    offset = z.substr(0, 3) + ":" + z.substr(3);
  } else {
    static const std::array<std::pair<const char*, const char*>, 11> kZones = {{
        {"GMT", "Z"}, {"UT", "Z"}, {"UTC", "Z"}, {"Z", "Z"}, {"EST", "-05:00"}, {"EDT", "-04:00"},
        {"CST", "-06:00"}, {"CDT", "-05:00"}, {"MST", "-07:00"}, {"MDT", "-06:00"}, {"PST", "-08:00"}}};
    for (const auto& [name, off] : kZones) {
      if (z == name) offset = off;
    }
    if (z == "PDT") offset = "-07:00";
  }
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d", year, month, day, hh, mm, ss);
  return std::string(buf) + offset;
}

struct Item {
  std::string title, link, body, published;
  bool html = false;
};

Item rss_item(xmlNode* item) {
  Item it;
  std::string description, encoded, guid, dc_date;
  bool guid_permalink = true;
  for (xmlNode* c = item->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    const char* ns = ns_of(c);
    if (named(c, "title") && it.title.empty()) it.title = text_of(c);
    else if (named(c, "link") && it.link.empty()) it.link = collapse(text_of(c));
    else if (named(c, "encoded") && std::strcmp(ns, kContentNs) == 0) encoded = text_of(c);
    else if (named(c, "description")) description = text_of(c);
    else if (named(c, "pubDate")) it.published = collapse(text_of(c));
    else if (named(c, "date")) dc_date = collapse(text_of(c));
    else if (named(c, "guid")) {
      guid = collapse(text_of(c));
      guid_permalink = lower(prop(c, "isPermaLink")) != "false";
    }
  }
  if (it.link.empty() && guid_permalink && (guid.starts_with("http://") || guid.starts_with("https://"))) {
    it.link = guid;
  }
  it.body = !collapse(encoded).empty() ? encoded : description;
  it.html = has_markup(it.body);
  if (!it.published.empty()) {
    std::string iso = rfc822_to_iso(it.published);
    if (!iso.empty()) it.published = iso;
  } else {
    it.published = dc_date;
  }
  return it;
}

Item atom_entry(xmlNode* entry) {
  Item it;
  std::string content, summary, updated;
  bool content_html = false, summary_html = false;
  for (xmlNode* c = entry->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    if (named(c, "title") && it.title.empty()) it.title = text_of(c);
    else if (named(c, "link")) {
      std::string rel = prop(c, "rel");
      if ((rel.empty() || rel == "alternate") && it.link.empty()) it.link = collapse(prop(c, "href"));
    } else if (named(c, "content") || named(c, "summary")) {
      std::string type = lower(prop(c, "type"));
      bool is_html = type == "html" || type == "xhtml" || type == "text/html";
      std::string v = type == "xhtml" ? inner_xml(c) : text_of(c);
      if (named(c, "content")) {
        content = v;
        content_html = is_html;
      } else {
        summary = v;
        summary_html = is_html;
      }
    } else if (named(c, "published")) it.published = collapse(text_of(c));
    else if (named(c, "updated")) updated = collapse(text_of(c));
  }
  if (!collapse(content).empty()) {
    it.body = content;
    it.html = content_html || has_markup(content);
  } else {
    it.body = summary;
    it.html = summary_html || has_markup(summary);
  }
  if (it.published.empty()) it.published = updated;
  return it;
}

void noop_error(void*, xmlErrorPtr) {}

}  // namespace

void read_feed(InputStream& in, const std::string& source, const ReaderOptions& options, RecordSink& sink) {
  auto bytes = read_all(in, options.max_feed_bytes);
  if (!bytes) {
    sink.reject(Reject{source, "", bytes.status().message()});
    return;
  }
  if (bytes->find_first_not_of(" \t\r\n") == std::string::npos) {
    sink.reject(Reject{source, "", "empty file"});
    return;
  }
  if (bytes->size() > INT32_MAX) {
    sink.reject(Reject{source, "", "feed larger than 2 GiB"});
    return;
  }
  // Never print: errors are reported as rejects.
  xmlSetStructuredErrorFunc(nullptr, noop_error);
  xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
  if (!ctxt) {
    sink.reject(Reject{source, "", "out of memory creating the XML parser"});
    return;
  }
  const int base = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA;
  xmlDocPtr doc = xmlCtxtReadMemory(ctxt, bytes->data(), static_cast<int>(bytes->size()), source.c_str(), nullptr, base);
  std::string first_error;
  if (xmlErrorPtr e = xmlCtxtGetLastError(ctxt); e && e->message) first_error = collapse(e->message);
  if (!doc) doc = xmlCtxtReadMemory(ctxt, bytes->data(), static_cast<int>(bytes->size()), source.c_str(), nullptr,
                                    base | XML_PARSE_RECOVER);
  xmlNode* root = doc ? xmlDocGetRootElement(doc) : nullptr;
  if (!root) {
    sink.reject(Reject{source, "", "not a well-formed feed: " + (first_error.empty() ? "no root element" : first_error)});
    if (doc) xmlFreeDoc(doc);
    xmlFreeParserCtxt(ctxt);
    return;
  }
  std::vector<xmlNode*> items;
  bool atom = false;
  if (named(root, "rss")) {
    for (xmlNode* ch = root->children; ch; ch = ch->next) {
      if (!named(ch, "channel")) continue;
      for (xmlNode* c = ch->children; c; c = c->next) {
        if (named(c, "item")) items.push_back(c);
      }
    }
  } else if (named(root, "RDF")) {
    for (xmlNode* c = root->children; c; c = c->next) {
      if (named(c, "item")) items.push_back(c);
    }
  } else if (named(root, "feed")) {
    atom = true;
    for (xmlNode* c = root->children; c; c = c->next) {
      if (named(c, "entry")) items.push_back(c);
    }
  } else {
    sink.reject(Reject{source, "", std::string("not an RSS or Atom feed (root element <") + name_of(root) + ">)"});
    xmlFreeDoc(doc);
    xmlFreeParserCtxt(ctxt);
    return;
  }
  if (items.empty()) sink.reject(Reject{source, "", "feed has no items"});
  for (size_t i = 0; i < items.size(); ++i) {
    std::string locator = "item " + std::to_string(i + 1);
    Item it = atom ? atom_entry(items[i]) : rss_item(items[i]);
    std::string body_text = it.html ? strip_tags(it.body) : collapse(it.body);
    if (body_text.empty()) {
      sink.reject(Reject{source, locator, "empty item (no content, description or summary)"});
      continue;
    }
    if (it.body.size() > options.max_record_bytes) {
      sink.reject(Reject{source, locator, "item of " + std::to_string(it.body.size()) +
                                              " bytes exceeds the --max-doc-mb limit"});
      continue;
    }
    RawRecord r;
    r.source = source;
    r.locator = locator;
    r.format = Format::kFeed;
    r.is_html = it.html;
    r.body = std::move(it.body);
    r.declared_charset = "utf-8";  // libxml2 hands out UTF-8 whatever the file's encoding
    r.title = has_markup(it.title) ? strip_tags(it.title) : collapse(it.title);
    if (it.link.starts_with("http://") || it.link.starts_with("https://")) r.url = it.link;
    r.published = it.published;
    sink.record(std::move(r));
  }
  xmlFreeDoc(doc);
  xmlFreeParserCtxt(ctxt);
}

}  // namespace ng
