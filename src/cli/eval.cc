// newsgraph eval: measure the system against a gold corpus.
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <optional>
#include <fstream>
#include <simdjson.h>

#include "cli/common.h"
#include "core/calendar.h"
#include "cli/eval_entities.h"
#include "cli/commands.h"
#include "cli/json.h"
#include "eval/cluster_score.h"
#include "extract/time.h"
#include "pipeline/pipeline.h"

namespace ng::cli {

namespace {
const char* kHelp = R"(usage: newsgraph eval --articles ARTICLES.jsonl [--gold GOLD.jsonl] [--json] [--threads N]
       newsgraph eval html DIR [--json]        article extraction vs html-extraction ground truth
       newsgraph eval langid DIR [--json]      language id vs lingua test sentences
       newsgraph eval ner --format F --lang xx PATH... [--cv K] [--tagger M] [--json]   span-level NER P/R/F1
       newsgraph eval dates PATH... [--reference-date D] [--times] [--json]   event dates without gold
       newsgraph eval timex --format tml|wikiwars PATH --lang xx [--half 1|2] [--json]   TIMEX extent and value F1
       newsgraph eval events RECORDS.xml [--actors DICT] [--half 1|2] [--json]   CAMEO codes vs coded sentences
       newsgraph eval clusters --format meantime|ecbplus PATH [--per-lang] [--json] [--misses]   B-cubed of events and stories

Ingests ARTICLES (the format of corpora/*/articles.jsonl) into a temporary
store and scores the system against them:
  language   detected language vs the article's "lang" (accuracy, per language,
             confusions; "und" counts as wrong)
  entities   with --gold: the mention extractor's entities vs the gold ones,
             strict and relaxed P/R/F1 per type and language, and
             cross-document identity (pairwise P/R/F1); the definitions are
             those of ../shared/corpora/README.md
  event date with --gold: the time stage's event date vs gold "event_date",
             exact and within one day, per language, beside the baseline
             "publication date as event date"; --misses lists the wrong ones
  clusters   with --gold: B-cubed precision, recall and F1 of the event
             clusters and stories against gold "event" and "story";
             --misses lists every document's gold and system clusters
)";

struct LangScore {
  int n = 0, correct = 0, und = 0;
};

// Event-date accuracy against gold "event_date": the stored event date (the
// time stage's, or its event cluster's when the text gives none), the time
// stage's alone, and, for honesty, the publication date taken as the event
// date.
struct DateScore {
  int n = 0, exact = 0, within_day = 0, text_exact = 0, pub_exact = 0, pub_within_day = 0;
  void add(const std::string& gold, const std::string& sys, const std::string& text, const std::string& pub) {
    ++n;
    int dd = day_diff(gold, sys), pd = day_diff(gold, pub.substr(0, std::min<size_t>(10, pub.size())));
    exact += dd == 0;
    text_exact += day_diff(gold, text) == 0;
    within_day += dd <= 1;
    pub_exact += pd == 0;
    pub_within_day += pd <= 1;
  }
  static int day_diff(const std::string& a, const std::string& b) {
    int32_t x = day_number(a), y = day_number(b);
    if (x == INT32_MIN || y == INT32_MIN) return 1 << 20;
    return x > y ? x - y : y - x;
  }
  double rate(int k) const { return n ? static_cast<double>(k) / n : 0; }
  std::string json() const {
    return JsonObject()
        .integer("n", n)
        .num("exact", rate(exact))
        .num("within_day", rate(within_day))
        .num("text_only_exact", rate(text_exact))
        .num("published_exact", rate(pub_exact))
        .num("published_within_day", rate(pub_within_day))
        .done();
  }
};

struct DateScores {
  DateScore all;
  std::map<std::string, DateScore> by_lang;
  std::vector<std::string> misses;  // "id lang gold sys how"
};

// Reads gold "event_date" per id; scores the stored event date and, beside
// it, the time stage's alone, run again on the stored documents (their
// stored text, language, publication date and URL).
Result<DateScores> score_event_dates(const std::string& gold_path, Store& store, const std::string& data_dir) {
  std::map<std::string, std::string> gold;
  NG_RETURN_IF_ERROR(each_gold_line(gold_path, [&](std::string_view id, simdjson::dom::element e) {
    std::string_view date;
    if (e["event_date"].get(date) == simdjson::SUCCESS) gold[std::string(id)] = std::string(date);
    return Status::ok();
  }));
  TimeOptions to;
  to.data_dir = data_dir;
  auto extractor = TimeExtractor::create(to);
  if (!extractor) return extractor.status();
  DateScores out;
  Status st = store.for_each_document({}, [&](const Document& d) {
    auto it = gold.find(d.id);
    if (it == gold.end()) return true;
    TimeAnnotation t = (*extractor)->annotate(d);
    out.all.add(it->second, d.event_date, t.event_date, d.published);
    out.by_lang[d.lang].add(it->second, d.event_date, t.event_date, d.published);
    if (d.event_date != it->second) {
      out.misses.push_back(d.id + " " + d.lang + " gold " + it->second + " sys " +
                           (d.event_date.empty() ? "-" : d.event_date) + "  " + d.event_date_how.substr(0, 100));
    }
    return true;
  });
  if (!st.is_ok()) return st;
  return out;
}
struct ClusterScores {
  eval::BCubed event, story;
  std::vector<std::string> lines;  // "gold-event gold-story <- system event/story id lang" per document, for --misses
};

// B-cubed of the stored event clusters and stories against gold "event" and
// "story".
Result<ClusterScores> score_clusters(const std::string& gold_path, Store& store) {
  std::map<std::string, std::pair<std::string, std::string>> gold;
  NG_RETURN_IF_ERROR(each_gold_line(gold_path, [&](std::string_view id, simdjson::dom::element e) {
    std::string_view ev, st;
    if (e["event"].get(ev) == simdjson::SUCCESS && e["story"].get(st) == simdjson::SUCCESS)
      gold[std::string(id)] = {std::string(ev), std::string(st)};
    return Status::ok();
  }));
  std::vector<std::string> ge, gs, se, ss;
  ClusterScores out;
  Status st = store.for_each_document({}, [&](const Document& d) {
    auto it = gold.find(d.id);
    if (it == gold.end()) return true;
    ge.push_back(it->second.first);
    gs.push_back(it->second.second);
    se.push_back(std::to_string(d.event_cluster));
    ss.push_back(std::to_string(d.story));
    out.lines.push_back(it->second.second + " " + it->second.first + " <- story " + std::to_string(d.story) +
                        " event " + std::to_string(d.event_cluster) + (d.copy_of.empty() ? "" : " copy") + " " +
                        d.id + " " + d.lang);
    return true;
  });
  if (!st.is_ok()) return st;
  out.event = eval::bcubed(ge, se);
  out.story = eval::bcubed(gs, ss);
  std::sort(out.lines.begin(), out.lines.end());
  return out;
}

}  // namespace

std::string bcubed_json(const eval::BCubed& b, const eval::BCubed* single) {
  JsonObject o;
  o.integer("documents", b.items)
      .integer("gold_clusters", b.gold_clusters)
      .integer("system_clusters", b.system_clusters)
      .num("precision", b.precision)
      .num("recall", b.recall)
      .num("f1", b.f1());
  if (single) o.num("singleton_f1", single->f1());
  return o.done();
}

int cmd_eval(int argc, char** argv) {
  if (argc > 2 && std::string(argv[2]) == "html") return cmd_eval_html(argc, argv);
  if (argc > 2 && std::string(argv[2]) == "langid") return cmd_eval_langid(argc, argv);
  if (argc > 2 && std::string(argv[2]) == "ner") return cmd_eval_ner(argc, argv);
  if (argc > 2 && std::string(argv[2]) == "dates") return cmd_eval_dates(argc, argv);
  if (argc > 2 && std::string(argv[2]) == "timex") return cmd_eval_timex(argc, argv);
  if (argc > 2 && std::string(argv[2]) == "events") return cmd_eval_events(argc, argv);
  if (argc > 2 && std::string(argv[2]) == "clusters") return cmd_eval_clusters(argc, argv);
  Args args = parse_args(argc, argv, 2, {"articles", "gold", "threads", "data"}, {"json", "help", "misses"});
  if (args.has("help")) return std::fputs(kHelp, stdout), kExitOk;
  std::string articles = args.get("articles");
  if (articles.empty() && args.error.empty()) args.error = "--articles is required";
  int threads = static_cast<int>(args.get_int("threads", 0));
  if (!args.error.empty()) {
    print_error("eval", args.error);
    std::fputs(kHelp, stderr);
    return kExitUsage;
  }
  namespace fs = std::filesystem;
  std::string tmpl = (fs::temp_directory_path() / "newsgraph-eval-XXXXXX").string();
  if (!mkdtemp(tmpl.data())) return print_error("eval", "cannot create a temporary directory"), kExitFatal;
  struct Cleanup {
    std::string dir;
    ~Cleanup() {
      std::error_code ec;
      fs::remove_all(dir, ec);
    }
  } cleanup{tmpl};

  auto store = open_sqlite_store(tmpl + "/eval.db");
  if (!store) return print_error("eval", store.status().message()), kExitFatal;
  PipelineOptions options;
  options.threads = threads;
  options.data_dir = args.get("data");
  auto pipeline = Pipeline::create(options, **store);
  if (!pipeline) return print_error("eval", pipeline.status().message()), kExitFatal;
  auto summary = (*pipeline)->ingest({articles});
  if (!summary) return print_error("eval", summary.status().message()), kExitFatal;
  for (const auto& r : summary->rejects) {
    std::fprintf(stderr, "rejected: %s%s%s: %s\n", r.source.c_str(), r.locator.empty() ? "" : ":",
                 r.locator.c_str(), r.reason.c_str());
  }

  std::map<std::string, LangScore> per_lang;
  std::map<std::pair<std::string, std::string>, int> confusions;
  LangScore total;
  Status st = (*store)->for_each_document({}, [&](const Document& d) {
    if (d.lang_given.empty()) return true;
    LangScore& s = per_lang[d.lang_given];
    s.n++, total.n++;
    if (d.lang_detected == d.lang_given) {
      s.correct++, total.correct++;
    } else {
      if (d.lang_detected == "und") s.und++, total.und++;
      confusions[{d.lang_given, d.lang_detected}]++;
    }
    return true;
  });
  if (!st.is_ok()) return print_error("eval", st.message()), kExitFatal;
  double acc = total.n ? static_cast<double>(total.correct) / total.n : 0;

  std::optional<eval::EntityScores> entities;
  std::optional<DateScores> dates;
  std::optional<ClusterScores> clusters;
  if (!args.get("gold").empty()) {
    auto scored_clusters = score_clusters(args.get("gold"), **store);
    if (!scored_clusters) return print_error("eval", scored_clusters.status().message()), kExitFatal;
    clusters = std::move(*scored_clusters);
    auto scored_dates = score_event_dates(args.get("gold"), **store, args.get("data"));
    if (!scored_dates) return print_error("eval", scored_dates.status().message()), kExitFatal;
    dates = std::move(*scored_dates);
    auto scored = score_stored_entities(args.get("gold"), **store, args.get("data"));
    if (!scored) return print_error("eval", scored.status().message()), kExitFatal;
    entities = std::move(*scored);
  }

  if (args.has("json")) {
    std::string langs = "{";
    bool first = true;
    for (const auto& [lang, s] : per_lang) {
      if (!first) langs += ',';
      first = false;
      json_string(langs, lang);
      langs += ":" + JsonObject().integer("n", s.n).integer("correct", s.correct).integer("und", s.und).done();
    }
    langs += "}";
    std::string conf = "[";
    first = true;
    for (const auto& [k, n] : confusions) {
      if (!first) conf += ',';
      first = false;
      conf += JsonObject().str("gold", k.first).str("system", k.second).integer("n", n).done();
    }
    conf += "]";
    std::string event_dates = "null";
    if (dates) {
      std::string per = "{";
      for (const auto& [l, v] : dates->by_lang) {
        if (per.size() > 1) per += ',';
        json_string(per, l);
        per += ':' + v.json();
      }
      per += "}";
      event_dates = JsonObject().raw("all", dates->all.json()).raw("per_lang", per).done();
    }
    std::string language = JsonObject()
                               .integer("documents", total.n)
                               .integer("correct", total.correct)
                               .integer("und", total.und)
                               .num("accuracy", acc)
                               .raw("per_lang", langs)
                               .raw("confusions", conf)
                               .done();
    std::puts(JsonObject()
                  .str("articles", articles)
                  .integer("rejected", summary->rejected)
                  .raw("language", language)
                  .raw("entities", entities ? entity_json(*entities) : "null")
                  .raw("event_date", event_dates)
                  .raw("event_clusters", clusters ? bcubed_json(clusters->event) : "null")
                  .raw("stories", clusters ? bcubed_json(clusters->story) : "null")
                  .done()
                  .c_str());
  } else {
    std::printf("articles: %s (%lld documents, %lld rejected)\n\n", articles.c_str(),
                static_cast<long long>(summary->inserted + summary->duplicates),
                static_cast<long long>(summary->rejected));
    std::printf("language identification\n  %-6s %5s %8s %5s %9s\n", "lang", "n", "correct", "und", "accuracy");
    for (const auto& [lang, s] : per_lang) {
      std::printf("  %-6s %5d %8d %5d %9.3f\n", lang.c_str(), s.n, s.correct, s.und,
                  s.n ? static_cast<double>(s.correct) / s.n : 0.0);
    }
    std::printf("  %-6s %5d %8d %5d %9.3f\n", "all", total.n, total.correct, total.und, acc);
    if (!confusions.empty()) {
      std::printf("  confusions (gold -> system):");
      for (const auto& [k, n] : confusions) std::printf(" %s->%s x%d", k.first.c_str(), k.second.c_str(), n);
      std::printf("\n");
    }
    if (entities) std::printf("\n%s", entity_table(*entities).c_str());
    if (dates) {
      std::printf("\nevent date (stored: text or event cluster; the time stage alone; publication date as event date)\n");
      std::printf("  %-6s %5s %8s %10s   %9s   %8s %10s\n", "lang", "n", "exact", "within 1d", "text only", "pub exact",
                  "pub 1d");
      auto row = [](const std::string& l, const DateScore& v) {
        std::printf("  %-6s %5d %8.3f %10.3f   %9.3f   %8.3f %10.3f\n", l.c_str(), v.n, v.rate(v.exact),
                    v.rate(v.within_day), v.rate(v.text_exact), v.rate(v.pub_exact), v.rate(v.pub_within_day));
      };
      for (const auto& [l, v] : dates->by_lang) row(l, v);
      row("all", dates->all);
      if (args.has("misses")) {
        for (const auto& m : dates->misses) std::printf("  miss: %s\n", m.c_str());
      }
    }
    if (clusters) {
      std::printf("\nclusters (B-cubed)\n  %-8s %9s %7s %7s %9s %7s %7s\n", "level", "documents", "gold", "system",
                  "precision", "recall", "F1");
      for (auto [name, b] : {std::pair<const char*, const eval::BCubed*>{"event", &clusters->event},
                             {"story", &clusters->story}}) {
        std::printf("  %-8s %9d %7d %7d %9.3f %7.3f %7.3f\n", name, b->items, b->gold_clusters, b->system_clusters,
                    b->precision, b->recall, b->f1());
      }
      if (args.has("misses")) {
        for (const auto& l : clusters->lines) std::printf("  %s\n", l.c_str());
      }
    }
  }
  return summary->rejected > 0 ? kExitRejected : kExitOk;
}

}  // namespace ng::cli
