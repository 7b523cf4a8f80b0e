// newsgraph docs | show | export | stats | rejects
#include <cstdio>

#include "cli/common.h"
#include "cli/commands.h"
#include "cli/json.h"

namespace ng::cli {
namespace {

bool usage_error(const char* cmd, const Args& args, const char* help) {
  if (args.error.empty()) return false;
  print_error(cmd, args.error);
  std::fputs(help, stderr);
  return true;
}

std::string clip(std::string_view s, size_t max_bytes) {
  if (s.size() <= max_bytes) return std::string(s);
  size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;  // UTF-8 boundary
  return std::string(s.substr(0, cut)) + "…";
}

}  // namespace

int cmd_docs(int argc, char** argv) {
  static const char* kHelp = R"(usage: newsgraph docs [--lang xx] [--limit N] [--offset N] [--json] [--db PATH]

Lists stored documents in arrival order: id, language, published date, title, source.
)";
  Args args = parse_args(argc, argv, 2, {"db", "lang", "limit", "offset"}, {"json", "help"});
  if (args.has("help")) return std::fputs(kHelp, stdout), kExitOk;
  DocFilter f;
  f.lang = args.get("lang");
  f.limit = args.get_int("limit", -1);
  f.offset = args.get_int("offset", 0);
  if (!args.positional.empty() && args.error.empty()) args.error = "unexpected argument " + args.positional[0];
  if (usage_error("docs", args, kHelp)) return kExitUsage;
  auto store = open_store(args, "docs", true);
  if (!store) return kExitFatal;
  auto docs = store->list_documents(f);
  if (!docs) return print_error("docs", docs.status().message()), kExitFatal;
  for (const auto& d : *docs) {
    if (args.has("json")) {
      std::puts(JsonObject()
                    .str("id", d.id)
                    .str("lang", d.lang)
                    .str_or_null("published", d.published)
                    .str_or_null("title", d.title)
                    .str("source", d.source)
                    .str_or_null("url", d.url)
                    .done()
                    .c_str());
    } else {
      std::printf("%-20s %-3s %-10s %-60s %s\n", d.id.c_str(), d.lang.c_str(),
                  d.published.empty() ? "-" : d.published.substr(0, 10).c_str(),
                  d.title.empty() ? "-" : clip(d.title, 60).c_str(), d.source.c_str());
    }
  }
  return kExitOk;
}

int cmd_show(int argc, char** argv) {
  static const char* kHelp = R"(usage: newsgraph show ID [--json] [--db PATH]

Shows one document: metadata, each paragraph with its language, the sentences,
and the furniture removed by cleaning (what and why).
)";
  Args args = parse_args(argc, argv, 2, {"db"}, {"json", "help"});
  if (args.has("help")) return std::fputs(kHelp, stdout), kExitOk;
  if (args.positional.size() != 1 && args.error.empty()) args.error = "give exactly one document id";
  if (usage_error("show", args, kHelp)) return kExitUsage;
  auto store = open_store(args, "show", true);
  if (!store) return kExitFatal;
  auto doc = store->get_document(args.positional[0]);
  if (!doc) return print_error("show", doc.status().message()), kExitFatal;
  if (!doc->has_value()) {
    print_error("show", "no document with id '" + args.positional[0] + "' (see `newsgraph docs`)");
    return kExitRejected;
  }
  const Document& d = **doc;
  if (args.has("json")) {
    std::puts(document_json(d, true).c_str());
    return kExitOk;
  }
  std::printf("id:        %s\nsource:    %s\nformat:    %s\nurl:       %s\ntitle:     %s\npublished: %s\n",
              d.id.c_str(), d.source.c_str(), std::string(format_name(d.format)).c_str(),
              d.url.empty() ? "-" : d.url.c_str(), d.title.empty() ? "-" : d.title.c_str(),
              d.published.empty() ? "-" : d.published.c_str());
  std::printf("language:  %s (detected %s, confidence %.2f%s%s%s)\n", d.lang.c_str(), d.lang_detected.c_str(),
              d.lang_confidence, d.lang_reliable ? "" : ", not reliable",
              d.lang_given.empty() ? "" : ", given ", d.lang_given.c_str());
  std::printf("charset:   %s%s\n", d.charset.c_str(),
              d.invalid_bytes ? (", " + std::to_string(d.invalid_bytes) + " invalid sequences replaced").c_str() : "");
  if (!d.agency.empty()) std::printf("agency:    %s\n", d.agency.c_str());
  std::printf("\n");
  size_t s = 0;
  for (const auto& p : d.paragraphs) {
    std::printf("[%s] ", p.lang.c_str());
    bool first = true;
    while (s < d.sentences.size() && d.sentences[s].span.begin < p.span.end) {
      if (d.sentences[s].span.end > p.span.begin) {
        std::printf("%s«%s»", first ? "" : " ", std::string(d.sentences[s].span.of(d.text)).c_str());
        first = false;
      }
      ++s;
    }
    if (first) std::printf("%s", std::string(p.span.of(d.text)).c_str());
    std::printf("\n");
  }
  if (!d.removed.empty()) {
    std::printf("\nremoved:\n");
    for (const auto& r : d.removed) std::printf("  %-18s %s\n", r.reason.c_str(), clip(r.text, 100).c_str());
  }
  if (!d.mentions.empty()) {
    std::printf("\nmentions:\n");
    for (const auto& m : d.mentions) {
      std::string extra = !m.role.empty() ? " (" + m.role + (m.affiliation.empty() ? "" : ", " + m.affiliation) + ")"
                          : !m.place.empty() ? " (" + m.place + ")"
                                             : "";
      std::string entity = m.entity > 0 ? "  #" + std::to_string(m.entity) : "";
      std::printf("  %s  %s%s%s\n", m.type.c_str(), std::string(m.span.of(d.text)).c_str(), extra.c_str(),
                  entity.c_str());
    }
  }
  if (!d.topics.empty()) {
    std::printf("\ntopics:");
    for (const auto& t : d.topics) std::printf(" %s (%d: %s)", t.key.c_str(), t.score, t.evidence.c_str());
    std::printf("\n");
  }
  if (!d.times.empty() || !d.event_date.empty()) {
    std::printf("\nevent date: %s (%s)\n", d.event_date.empty() ? "none" : d.event_date.c_str(),
                d.event_date_how.c_str());
    for (const auto& t : d.times) {
      std::printf("  %-24s %-10s %-9s %s%s\n", t.value.c_str(), t.kind.c_str(), t.anchor.c_str(),
                  std::string(t.span.of(d.text)).c_str(), t.evidence.empty() ? "" : ("  [" + t.evidence + "]").c_str());
    }
  }
  if (d.event_cluster) {
    std::printf("\nevent cluster %lld, story %lld%s%s  (newsgraph story ID)\n", static_cast<long long>(d.event_cluster),
                static_cast<long long>(d.story), d.copy_of.empty() ? "" : "; near-copy of ", d.copy_of.c_str());
  }
  std::printf("\n%zu paragraphs, %zu sentences, %zu tokens\n", d.paragraphs.size(), d.sentences.size(),
              d.tokens.size());
  return kExitOk;
}

int cmd_export(int argc, char** argv) {
  static const char* kHelp = R"(usage: newsgraph export docs [--lang xx] [--full] [--db PATH]

Writes every document as one JSON object per line: "id", "source", "url",
"title", "published", "lang", "lang_confidence", "text", more metadata, and
"entities": [{"entity", "name", "type", "surfaces", "roles": [{"role",
"country"}]}] (the registry's entities of the document, the forms written in
it, and the titles given them with the country a title names),
"event_date" (the date of the happening it reports, with "event_date_how"),
"event" and "story" (its event cluster and story ids, `newsgraph story ID`),
"copy_of" (the document it is a near-copy of, else null),
"time": [{"begin", "end", "text", "value", "kind", "anchor",
"evidence"}] (its temporal expressions in ISO 8601) and "topics": [{"topic",
"score", "evidence"}]. --full adds
paragraphs (with languages), sentence offsets, removed furniture and mentions.
)";
  Args args = parse_args(argc, argv, 2, {"db", "lang"}, {"full", "help"});
  if (args.has("help")) return std::fputs(kHelp, stdout), kExitOk;
  if ((args.positional.size() != 1 || args.positional[0] != "docs") && args.error.empty()) {
    args.error = "what to export? (docs)";
  }
  if (usage_error("export", args, kHelp)) return kExitUsage;
  auto store = open_store(args, "export", true);
  if (!store) return kExitFatal;
  DocFilter f;
  f.lang = args.get("lang");
  bool full = args.has("full");
  Status failed;
  Status st = store->for_each_document(f, [&](const Document& d) {
    auto entities = entities_of(*store, d);
    if (!entities) {
      failed = entities.status();
      return false;
    }
    std::string line = document_json(d, full, &*entities);
    line += '\n';
    return std::fwrite(line.data(), 1, line.size(), stdout) == line.size();
  });
  if (!st.is_ok()) return print_error("export", st.message()), kExitFatal;
  if (!failed.is_ok()) return print_error("export", failed.message()), kExitFatal;
  return kExitOk;
}

int cmd_stats(int argc, char** argv) {
  static const char* kHelp = "usage: newsgraph stats [--json] [--db PATH]\n";
  Args args = parse_args(argc, argv, 2, {"db"}, {"json", "help"});
  if (args.has("help")) return std::fputs(kHelp, stdout), kExitOk;
  if (usage_error("stats", args, kHelp)) return kExitUsage;
  auto store = open_store(args, "stats", true);
  if (!store) return kExitFatal;
  auto st = store->stats();
  if (!st) return print_error("stats", st.status().message()), kExitFatal;
  if (args.has("json")) {
    auto pairs = [](const std::vector<std::pair<std::string, int64_t>>& v) {
      std::string s = "{";
      for (size_t i = 0; i < v.size(); ++i) {
        if (i) s += ',';
        json_string(s, v[i].first);
        s += ":" + std::to_string(v[i].second);
      }
      return s + "}";
    };
    std::puts(JsonObject()
                  .integer("documents", st->documents)
                  .integer("rejects", st->rejects)
                  .integer("bytes_text", st->bytes_text)
                  .integer("schema_version", st->schema_version)
                  .raw("by_lang", pairs(st->by_lang))
                  .raw("by_format", pairs(st->by_format))
                  .done()
                  .c_str());
    return kExitOk;
  }
  bool mb = st->bytes_text >= 1000000;
  std::printf("documents: %lld (%.1f %s of text)\nrejected inputs: %lld\nschema version: %d\n",
              static_cast<long long>(st->documents), st->bytes_text / (mb ? 1e6 : 1e3), mb ? "MB" : "kB",
              static_cast<long long>(st->rejects), st->schema_version);
  std::printf("by language:");
  for (const auto& [k, v] : st->by_lang) std::printf(" %s %lld", k.c_str(), static_cast<long long>(v));
  std::printf("\nby format:");
  for (const auto& [k, v] : st->by_format) std::printf(" %s %lld", k.c_str(), static_cast<long long>(v));
  std::printf("\n");
  return kExitOk;
}

int cmd_rejects(int argc, char** argv) {
  static const char* kHelp = "usage: newsgraph rejects [--limit N] [--json] [--db PATH]\n";
  Args args = parse_args(argc, argv, 2, {"db", "limit"}, {"json", "help"});
  if (args.has("help")) return std::fputs(kHelp, stdout), kExitOk;
  long long limit = args.get_int("limit", 1000);
  if (usage_error("rejects", args, kHelp)) return kExitUsage;
  auto store = open_store(args, "rejects", true);
  if (!store) return kExitFatal;
  auto rejects = store->list_rejects(limit);
  if (!rejects) return print_error("rejects", rejects.status().message()), kExitFatal;
  for (const auto& r : *rejects) {
    if (args.has("json")) {
      std::puts(JsonObject()
                    .str("source", r.reject.source)
                    .str_or_null("locator", r.reject.locator)
                    .str("reason", r.reject.reason)
                    .str("at", r.at)
                    .done()
                    .c_str());
    } else {
      std::printf("%s%s%s: %s\n", r.reject.source.c_str(), r.reject.locator.empty() ? "" : ":",
                  r.reject.locator.c_str(), r.reject.reason.c_str());
    }
  }
  return kExitOk;
}

}  // namespace ng::cli
