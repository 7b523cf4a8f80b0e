// newsgraph eval ner: span-level NER scores of the mention extractor on the
// annotated datasets of ../shared/eval/ner, scored as conlleval does (exact
// span and type, micro P/R/F1 over PER, ORG, LOC; other labels are outside).
#include <algorithm>
#include <cstdio>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <tuple>

#include "cli/args.h"
#include "cli/commands.h"
#include "cli/common.h"
#include "cli/json.h"
#include "cli/ner_data.h"
#include "extract/mentions.h"

namespace ng::cli {
namespace {

const char* kHelp =
    R"(usage: newsgraph eval ner --format germeval|conll|io|factru --lang xx PATH... [--json] [--limit N] [--misses]
                          [--tagger MODEL | --rules] [--tagger-only] [--cv K [--epochs N] [--min-count C] [--viterbi] [--cased]]

Runs the mention extractor on the sentences of annotated NER files and
reports span-level precision, recall and F1 (exact span and type) for PER,
ORG and LOC, micro-averaged as conlleval does. The extractor uses the model
data/models/ner-<lang>.tsv when there is one (the output names it); --tagger
uses MODEL instead, --rules the rules only, --tagger-only the tagger's own
spans (not combined with the rules, see extract/mentions.h). The shipped
models were trained on these datasets (data/models/README.md): score them
with --cv, or with --tagger on a split the model did not see.
  --misses  also print each missed gold span (FN) and each wrong system span
            (FP) with its sentence, the span in [brackets] (not with --cv)
  --cv K    K-fold cross-validation of the tagger: the sentences in K contiguous
            blocks; for each, a model trained (--epochs, default 10) on the
            others tags it; the scores are summed over the K blocks. No sentence
            is scored by a model that saw it. --viterbi and --cased train
            models as `train ner` does with them.
Formats:
  germeval  idx<TAB>token<TAB>outer<TAB>inner, '#' line per sentence (GermEval 2014)
  conll     token ... tag (last column; BIO or plain tags; "xx:" token prefixes
            dropped, as in WikiAnn), blank line between sentences
  io        like conll, with IO tags and "0" for outside (SUC-style web news)
  factru    a FactRuEval 2016 directory (.tokens/.spans/.objects per document);
            Person -> PER, Org -> ORG, Location and LocOrg -> LOC, outermost kept
Tag names are mapped: PER/PPL/PERSON -> PER, ORG/IND -> ORG, LOC/PLC/GPE -> LOC;
OTH, MISC, EVT, FNB and *deriv/*part tags count as outside.
)";

struct Counts {
  long tp = 0, sys = 0, gold = 0;
  double p() const { return sys ? double(tp) / sys : 0; }
  double r() const { return gold ? double(tp) / gold : 0; }
  double f() const { return p() + r() > 0 ? 2 * p() * r() / (p() + r()) : 0; }
};

// One missed or wrong span for --misses: "FN PER  Angela Merkel  | sentence".
void print_miss(const char* what, const std::tuple<size_t, int, int, std::string>& x,
                const std::vector<Annotated>& sentences, size_t g, const Document& d) {
  const auto& [s, b, e, type] = x;
  if (s == SIZE_MAX) {  // a span that cuts a token: its bytes
    std::printf("%s %-3s  %s  (cuts a token)\n", what, type.c_str(),
                std::string(Span{static_cast<size_t>(b), static_cast<size_t>(e)}.of(d.text)).c_str());
    return;
  }
  const auto& tokens = sentences[g + s].tokens;
  std::string span, sentence;
  for (int i = 0; i < static_cast<int>(tokens.size()); ++i) {
    if (i >= b && i < e) span += (span.empty() ? "" : " ") + tokens[static_cast<size_t>(i)];
    sentence += (i ? " " : "") + std::string(i == b ? "[" : "") + tokens[static_cast<size_t>(i)] + (i + 1 == e ? "]" : "");
  }
  std::printf("%s %-3s  %s  | %s\n", what, type.c_str(), span.c_str(), sentence.c_str());
}

// Scores the extractor on `sentences`, adding to the counts; with `misses`,
// prints each missed gold span (FN) and each wrong system span (FP).
void score(const MentionExtractor& extractor, const std::vector<Annotated>& sentences, const std::string& lang,
           std::map<std::string, Counts>& by_type, Counts& all, bool misses = false) {
  // Sentences go in groups, as the paragraphs of one document, so that the
  // extractor sees some context (words it also finds in lower case).
  for (size_t g = 0; g < sentences.size(); g += kNerGroup) {
    std::vector<std::vector<Span>> token_spans;
    const Document d = ner_document(sentences, g, g + kNerGroup, lang, &token_spans);
    std::set<std::tuple<size_t, int, int, std::string>> gold, sys;
    for (size_t s = 0; s < token_spans.size(); ++s) {
      for (const NerSpan& x : gold_ner_spans(sentences[g + s].tags)) {
        gold.emplace(s, static_cast<int>(x.begin), static_cast<int>(x.end), std::string(x.type));
      }
    }
    for (const Mention& m : extractor.extract(d)) {
      // The token run the mention covers exactly; a mention that cuts a
      // token counts as a wrong span.
      bool placed = false;
      for (size_t s = 0; s < token_spans.size() && !placed; ++s) {
        const auto& sp = token_spans[s];
        auto first = std::find_if(sp.begin(), sp.end(), [&](const Span& x) { return x.begin == m.span.begin; });
        auto last = std::find_if(sp.begin(), sp.end(), [&](const Span& x) { return x.end == m.span.end; });
        if (first != sp.end() && last != sp.end() && first <= last) {
          sys.emplace(s, static_cast<int>(first - sp.begin()), static_cast<int>(last - sp.begin()) + 1, m.type);
          placed = true;
        }
      }
      if (!placed) sys.emplace(SIZE_MAX, static_cast<int>(m.span.begin), static_cast<int>(m.span.end), m.type);
    }
    for (const auto& x : gold) {
      ++all.gold, ++by_type[std::get<3>(x)].gold;
      if (sys.count(x)) ++all.tp, ++by_type[std::get<3>(x)].tp;
    }
    for (const auto& x : sys) ++all.sys, ++by_type[std::get<3>(x)].sys;
    if (misses) {
      for (const auto& x : gold) {
        if (!sys.count(x)) print_miss("FN", x, sentences, g, d);
      }
      for (const auto& x : sys) {
        if (!gold.count(x)) print_miss("FP", x, sentences, g, d);
      }
    }
  }
}

}  // namespace

int cmd_eval_ner(int argc, char** argv) {
  Args args = parse_args(argc, argv, 3, {"format", "lang", "limit", "data", "tagger", "cv", "epochs", "min-count"},
                         {"json", "help", "rules", "tagger-only", "viterbi", "cased", "misses"});
  if (args.has("help")) return std::fputs(kHelp, stdout), kExitOk;
  std::string format = args.get("format"), lang = args.get("lang");
  long long cv = args.get_int("cv", 0), epochs = args.get_int("epochs", 10);
  if (args.error.empty() && !known_ner_format(format)) args.error = "--format must be germeval, conll, io or factru";
  if (args.error.empty() && lang.empty()) args.error = "--lang is required";
  if (args.error.empty() && args.positional.empty()) args.error = "give annotated files";
  if (args.error.empty() && (cv == 1 || cv < 0 || cv > 50)) args.error = "--cv must be 2..50";
  if (args.error.empty() && (epochs < 1 || epochs > 100)) args.error = "--epochs must be 1..100";
  if (args.error.empty() && cv && (args.has("rules") || !args.get("tagger").empty())) {
    args.error = "--cv trains its own models: no --tagger or --rules";
  }
  if (!args.error.empty()) {
    print_error("eval ner", args.error);
    std::fputs(kHelp, stderr);
    return kExitUsage;
  }
  std::vector<Annotated> sentences;
  std::string error;
  for (const std::string& path : args.positional) {
    if (!read_ner_sentences(path, format, sentences, error)) return print_error("eval ner", error), kExitFatal;
  }
  long long limit = args.get_int("limit", -1);
  if (limit >= 0 && sentences.size() > static_cast<size_t>(limit)) sentences.resize(static_cast<size_t>(limit));
  MentionOptions mo;
  mo.data_dir = args.get("data");
  mo.load_models = !args.has("rules") && !cv;
  mo.tagger_only = args.has("tagger-only");
  if (!args.get("tagger").empty()) {
    auto t = NerTagger::load(args.get("tagger"));
    if (!t) return print_error("eval ner", t.status().message()), kExitFatal;
    mo.taggers[lang] = std::shared_ptr<const NerTagger>(std::move(*t));
  }
  std::map<std::string, Counts> by_type;
  Counts all;
  std::string used;
  if (cv) {
    auto rules = MentionExtractor::create(mo);
    if (!rules) return print_error("eval ner", rules.status().message()), kExitFatal;
    const std::vector<NerExample> examples = ner_examples(sentences, **rules, lang);
    const size_t k = static_cast<size_t>(cv);
    for (size_t fold = 0; fold < k; ++fold) {
      const size_t from = sentences.size() * fold / k, to = sentences.size() * (fold + 1) / k;
      std::vector<NerExample> train;
      for (size_t i = 0; i < examples.size(); ++i) {
        if (i < from || i >= to) train.push_back(examples[i]);
      }
      NerTrainOptions to_opts;
      to_opts.lang = lang;
      to_opts.epochs = static_cast<int>(epochs);
      to_opts.min_count = static_cast<int>(args.get_int("min-count", 1));
      to_opts.viterbi = args.has("viterbi");
      to_opts.cased = args.has("cased");
      MentionOptions fold_options = mo;
      fold_options.taggers[lang] = std::shared_ptr<const NerTagger>(NerTagger::train(train, to_opts));
      auto extractor = MentionExtractor::create(fold_options);
      if (!extractor) return print_error("eval ner", extractor.status().message()), kExitFatal;
      std::vector<Annotated> held(sentences.begin() + static_cast<long>(from),
                                  sentences.begin() + static_cast<long>(to));
      std::map<std::string, Counts> fold_types;
      Counts fold_all;
      score(**extractor, held, lang, fold_types, fold_all);
      for (auto& [t, c] : fold_types) by_type[t].tp += c.tp, by_type[t].sys += c.sys, by_type[t].gold += c.gold;
      all.tp += fold_all.tp, all.sys += fold_all.sys, all.gold += fold_all.gold;
      if (!args.has("json")) {
        std::fprintf(stderr, "fold %zu/%zu: sentences %zu-%zu, F1 %.3f\n", fold + 1, k, from, to, fold_all.f());
      }
    }
    used = "cv" + std::to_string(k) + " (tagger trained per fold, " + std::to_string(epochs) + " epochs" +
           (args.has("viterbi") ? ", Viterbi" : ", greedy") +
           (mo.tagger_only ? ", tagger only)" : ", combined with the rules)");
  } else {
    auto extractor = MentionExtractor::create(mo);
    if (!extractor) return print_error("eval ner", extractor.status().message()), kExitFatal;
    if ((*extractor)->tagger(lang)) {
      auto it = (*extractor)->tagger_sources().find(lang);
      used = "tagger " +
             (it == (*extractor)->tagger_sources().end() || it->second.empty() ? args.get("tagger") : it->second) +
             (mo.tagger_only ? " only" : " + rules");
    } else {
      used = "rules";
    }
    score(**extractor, sentences, lang, by_type, all, args.has("misses") && !args.has("json"));
  }

  if (args.has("json")) {
    std::string types = "{";
    for (const auto& [t, c] : by_type) {
      if (types.size() > 1) types += ',';
      json_string(types, t);
      types += ':' + JsonObject().integer("gold", c.gold).integer("system", c.sys).num("precision", c.p())
                         .num("recall", c.r()).num("f1", c.f()).done();
    }
    types += '}';
    std::puts(JsonObject()
                  .str("file", args.positional[0])
                  .str("lang", lang)
                  .str("extractor", used)
                  .integer("sentences", static_cast<long long>(sentences.size()))
                  .num("precision", all.p())
                  .num("recall", all.r())
                  .num("f1", all.f())
                  .raw("per_type", types)
                  .done()
                  .c_str());
  } else {
    std::printf("ner: %s (%s, %zu sentences, %s)\n  %-4s %6s %6s %7s %7s %7s\n", args.positional[0].c_str(),
                lang.c_str(), sentences.size(), used.c_str(), "type", "gold", "system", "P", "R", "F1");
    for (const auto& [t, c] : by_type) {
      std::printf("  %-4s %6ld %6ld %7.3f %7.3f %7.3f\n", t.c_str(), c.gold, c.sys, c.p(), c.r(), c.f());
    }
    std::printf("  %-4s %6ld %6ld %7.3f %7.3f %7.3f\n", "all", all.gold, all.sys, all.p(), all.r(), all.f());
  }
  return kExitOk;
}

}  // namespace ng::cli
