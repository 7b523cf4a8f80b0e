// newsgraph eval: measure the system against a gold corpus.
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <optional>

#include "cli/common.h"
#include "cli/eval_entities.h"
#include "cli/commands.h"
#include "cli/json.h"
#include "pipeline/pipeline.h"

namespace ng::cli {

namespace {
const char* kHelp = R"(usage: newsgraph eval --articles ARTICLES.jsonl [--gold GOLD.jsonl] [--json] [--threads N]
       newsgraph eval html DIR [--json]        article extraction vs html-extraction ground truth
       newsgraph eval langid DIR [--json]      language id vs lingua test sentences
       newsgraph eval ner --format F --lang xx PATH... [--cv K] [--tagger M] [--json]   span-level NER P/R/F1

Ingests ARTICLES (the format of corpora/*/articles.jsonl) into a temporary
store and scores the system against them:
  language   detected language vs the article's "lang" (accuracy, per language,
             confusions; "und" counts as wrong)
  entities   with --gold: the mention extractor's entities vs the gold ones,
             strict and relaxed P/R/F1 per type and language, and
             cross-document identity (pairwise P/R/F1); the definitions are
             those of ../shared/corpora/README.md
Later stages add date and cluster scores against GOLD.
)";

struct LangScore {
  int n = 0, correct = 0, und = 0;
};
}  // namespace

int cmd_eval(int argc, char** argv) {
  if (argc > 2 && std::string(argv[2]) == "html") return cmd_eval_html(argc, argv);
  if (argc > 2 && std::string(argv[2]) == "langid") return cmd_eval_langid(argc, argv);
  if (argc > 2 && std::string(argv[2]) == "ner") return cmd_eval_ner(argc, argv);
  Args args = parse_args(argc, argv, 2, {"articles", "gold", "threads", "data"}, {"json", "help"});
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
  if (!args.get("gold").empty()) {
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
  }
  return summary->rejected > 0 ? kExitRejected : kExitOk;
}

}  // namespace ng::cli
