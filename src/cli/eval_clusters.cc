// newsgraph eval clusters: the event clusters and stories against the gold
// of MEANTIME (an article and its translations are one event, a topic one
// story) and ECB+ (the two seminal events of a topic; the topic), B-cubed
// as `eval --gold` scores them. The readers are eval/coref_corpora.h; this
// file ingests their documents with the real pipeline into a temporary
// store and scores what it stored.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <sstream>
#include <tuple>

#include "cli/args.h"
#include "cli/commands.h"
#include "cli/common.h"
#include "cli/json.h"
#include "eval/cluster_score.h"
#include "eval/coref_corpora.h"
#include "pipeline/pipeline.h"

namespace ng::cli {

namespace {
const char* kHelp = R"(usage: newsgraph eval clusters --format meantime|ecbplus PATH [--langs xx,yy] [--per-lang]
                               [--threads N] [--keep-db FILE] [--json] [--misses]

Rebuilds the dataset's articles from its tokens, ingests them with every
stage into a temporary store (sorted by date, then name) and scores the
stored event clusters and stories with B-cubed precision, recall and F1,
beside the baseline "one cluster per document".
  meantime  PATH: the MEANTIME folder (or its output_data/): <lang>/meantime.conll.
            Gold event: one article and its translations; story: its topic
            folder. The English date line is every translation's
            publication date. --langs reads only those languages;
            --per-lang also scores each language alone (its own store).
  ecbplus   PATH: the ECB+ dataset folder (or ECB+/ inside it).
            Gold event: the topic's ECB or ECB+ half; story: the topic.
            No publication dates; sentence 0 of ecbplus files is the URL.
--misses lists every gold cluster the system split and every system
cluster that merged gold clusters (of the main set: all languages read).
--keep-db FILE keeps the main set's store (a new file) for `newsgraph
story ID --why --db FILE`; the document ids are the misses' names.
)";

struct SetResult {
  std::string name;  // "all" or a language
  int64_t documents = 0, rejected = 0;
  double seconds = 0;
  eval::BCubed event, story, event_single, story_single;
  std::vector<eval::ClusterMiss> event_misses, story_misses;
};

struct TempDir {
  std::string path;
  ~TempDir() {
    std::error_code ec;
    if (!path.empty()) std::filesystem::remove_all(path, ec);
  }
};

// Ingests `docs` (already in order) into a fresh temporary store and scores
// what it stored.
// `keep_db`: the store's path instead of a temporary one (it must not exist).
Result<SetResult> run_set(const std::string& name, const std::vector<eval::CorefDocument>& docs,
                          const PipelineOptions& options, const std::string& keep_db) {
  namespace fs = std::filesystem;
  TempDir dir;
  std::string db = keep_db;
  if (db.empty()) {
    dir.path = (fs::temp_directory_path() / "newsgraph-evalclusters-XXXXXX").string();
    if (!mkdtemp(dir.path.data())) {
      dir.path.clear();
      return Status::io_error("cannot create a temporary directory in " + fs::temp_directory_path().string());
    }
    db = dir.path + "/eval.db";
  } else if (std::error_code ec; fs::exists(db, ec)) {
    return Status::invalid(db + ": already exists (--keep-db writes a new store)");
  }
  auto store = open_sqlite_store(db);
  if (!store) return store.status();
  auto pipeline = Pipeline::create(options, **store);
  if (!pipeline) return pipeline.status();
  std::vector<RawRecord> records;
  std::map<std::string, const eval::CorefDocument*> gold;
  for (const auto& d : docs) {
    RawRecord r;
    r.source = d.source;
    r.locator = d.locator;
    r.format = Format::kJsonl;  // text and metadata given, as a JSONL line gives them
    r.body = d.text;
    r.id = d.id;
    r.url = d.url;
    r.title = d.title;
    r.published = d.published;
    r.lang = d.lang;
    records.push_back(std::move(r));
    gold[d.id] = &d;
  }
  auto t0 = std::chrono::steady_clock::now();
  auto summary = (*pipeline)->ingest_records(std::move(records));
  if (!summary) return summary.status();
  SetResult out;
  out.name = name;
  out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  out.rejected = summary->rejected;
  for (const auto& r : summary->rejects) {
    std::fprintf(stderr, "rejected: %s%s%s: %s\n", r.source.c_str(), r.locator.empty() ? "" : ":", r.locator.c_str(),
                 r.reason.c_str());
  }
  std::vector<std::string> ge, gs, se, ss, ids;
  Status st = (*store)->for_each_document({}, [&](const Document& d) {
    auto it = gold.find(d.id);
    if (it == gold.end()) return true;
    ge.push_back(it->second->gold_event);
    gs.push_back(it->second->gold_story);
    se.push_back("event " + std::to_string(d.event_cluster));
    ss.push_back("story " + std::to_string(d.story));
    ids.push_back(d.id);
    return true;
  });
  if (!st.is_ok()) return st;
  out.documents = static_cast<int64_t>(ids.size());
  out.event = eval::bcubed(ge, se);
  out.story = eval::bcubed(gs, ss);
  out.event_single = eval::bcubed(ge, ids);
  out.story_single = eval::bcubed(gs, ids);
  out.event_misses = eval::cluster_misses(ge, se, ids);
  out.story_misses = eval::cluster_misses(gs, ss, ids);
  return out;
}


std::string misses_json(const std::string& set, const char* level, const std::vector<eval::ClusterMiss>& misses) {
  std::string out;
  for (const auto& m : misses) {
    std::string parts = "[";
    for (const auto& [label, items] : m.parts) {
      if (parts.size() > 1) parts += ',';
      std::string docs = "[";
      for (const auto& i : items) {
        if (docs.size() > 1) docs += ',';
        json_string(docs, i);
      }
      docs += "]";
      parts += JsonObject().str("cluster", label).raw("documents", docs).done();
    }
    parts += "]";
    if (!out.empty()) out += ',';
    out += JsonObject()
               .str("set", set)
               .str("level", level)
               .str("kind", m.split ? "split" : "merged")
               .str("cluster", m.label)
               .raw("parts", parts)
               .done();
  }
  return out;
}

void print_misses(const char* level, const std::vector<eval::ClusterMiss>& misses) {
  constexpr size_t kNames = 6;
  for (const auto& m : misses) {
    std::printf("  %s %s %s:", level, m.split ? "split" : "merged", m.label.c_str());
    for (const auto& [label, items] : m.parts) {
      std::printf(" [%s x%zu:", label.c_str(), items.size());
      for (size_t i = 0; i < items.size() && i < kNames; ++i) std::printf(" %s", items[i].c_str());
      if (items.size() > kNames) std::printf(" ...");
      std::printf("]");
    }
    std::printf("\n");
  }
}

std::vector<std::string> split_list(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream ss(s);
  for (std::string x; std::getline(ss, x, ',');) {
    if (!x.empty()) out.push_back(x);
  }
  return out;
}
}  // namespace

int cmd_eval_clusters(int argc, char** argv) {
  Args args = parse_args(argc, argv, 3, {"format", "langs", "threads", "data", "keep-db"},
                         {"json", "help", "misses", "per-lang"});
  if (args.has("help")) return std::fputs(kHelp, stdout), kExitOk;
  std::string format = args.get("format");
  if (args.error.empty() && format != "meantime" && format != "ecbplus")
    args.error = format.empty() ? "--format is required (meantime or ecbplus)"
                                : "unknown --format \"" + format + "\" (meantime or ecbplus)";
  if (args.error.empty() && args.positional.size() != 1) args.error = "expected one PATH";
  if (args.error.empty() && format == "ecbplus" && (args.has("per-lang") || !args.get("langs").empty()))
    args.error = "--langs and --per-lang are for --format meantime";
  int threads = static_cast<int>(args.get_int("threads", 0));
  if (!args.error.empty()) return usage("eval clusters", args, kHelp);
  const std::string path = args.positional[0];

  Result<std::vector<eval::CorefDocument>> docs = Status::ok();
  if (format == "meantime") {
    eval::MeantimeOptions mo;
    mo.langs = split_list(args.get("langs"));
    docs = eval::read_meantime(path, mo);
  } else {
    docs = eval::read_ecbplus(path);
  }
  if (!docs) return print_error("eval clusters", docs.status().message()), kExitFatal;
  eval::sort_for_ingest(*docs);

  // The sets: all documents read, then (--per-lang) each language alone.
  std::vector<std::pair<std::string, std::vector<eval::CorefDocument>>> sets;
  std::map<std::string, std::vector<eval::CorefDocument>> by_lang;
  for (const auto& d : *docs) by_lang[d.lang].push_back(d);
  sets.emplace_back("all", *docs);
  if (args.has("per-lang") && by_lang.size() > 1) {
    for (auto& [lang, v] : by_lang) sets.emplace_back(lang, std::move(v));
  }

  PipelineOptions options;
  options.threads = threads;
  options.data_dir = args.get("data");
  std::vector<SetResult> results;
  int64_t rejected = 0;
  for (const auto& [name, set_docs] : sets) {
    auto r = run_set(name, set_docs, options, results.empty() ? args.get("keep-db") : "");
    if (!r) return print_error("eval clusters", r.status().message()), kExitFatal;
    rejected += r->rejected;
    results.push_back(std::move(*r));
  }

  std::string langs;
  for (const auto& [lang, v] : by_lang) {
    langs += (langs.empty() ? "" : ", ") + lang + " " + std::to_string(v.size());
  }
  if (args.has("json")) {
    std::string sets_json = "[", misses = "[";
    for (const auto& r : results) {
      if (sets_json.size() > 1) sets_json += ',';
      sets_json += JsonObject()
                       .str("languages", r.name)
                       .integer("documents", r.documents)
                       .integer("rejected", r.rejected)
                       .num("seconds", r.seconds)
                       .raw("event", bcubed_json(r.event, &r.event_single))
                       .raw("story", bcubed_json(r.story, &r.story_single))
                       .done();
    }
    sets_json += "]";
    if (args.has("misses") && !results.empty()) {
      std::string e = misses_json(results[0].name, "event", results[0].event_misses);
      std::string s = misses_json(results[0].name, "story", results[0].story_misses);
      misses += e + (!e.empty() && !s.empty() ? "," : "") + s;
    }
    misses += "]";
    JsonObject o;
    o.str("format", format).str("path", path).raw("sets", sets_json);
    if (args.has("misses")) o.raw("misses", misses);
    std::puts(o.done().c_str());
  } else {
    std::printf("%s: %s (%zu documents: %s)\n\n", format.c_str(), path.c_str(), docs->size(), langs.c_str());
    std::printf("clusters (B-cubed; singleton F1: one cluster per document)\n");
    std::printf("  %-5s %-6s %9s %6s %7s %9s %7s %7s %12s\n", "set", "level", "documents", "gold", "system",
                "precision", "recall", "F1", "singleton F1");
    for (const auto& r : results) {
      for (auto [level, b, single] :
           {std::tuple{"event", &r.event, &r.event_single}, std::tuple{"story", &r.story, &r.story_single}}) {
        std::printf("  %-5s %-6s %9d %6d %7d %9.3f %7.3f %7.3f %12.3f\n", r.name.c_str(), level, b->items,
                    b->gold_clusters, b->system_clusters, b->precision, b->recall, b->f1(), single->f1());
      }
    }
    if (args.has("misses") && !results.empty()) {
      std::printf("\nmisses (%s): gold clusters split, system clusters merged\n", results[0].name.c_str());
      print_misses("event", results[0].event_misses);
      print_misses("story", results[0].story_misses);
    }
  }
  return rejected > 0 ? kExitRejected : kExitOk;
}

}  // namespace ng::cli
