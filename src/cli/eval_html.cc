// newsgraph eval html: article body extraction against a ground-truth set in
// the layout of the article-extraction benchmark (html/<key>.html.gz and
// ground-truth.json {key: {"url", "articleBody"}}), scored with that
// benchmark's own shingle metric so the numbers compare with published ones.
#include <simdjson.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "cli/args.h"
#include "cli/commands.h"
#include "cli/common.h"
#include "cli/json.h"
#include "ingest/clean.h"
#include "ingest/html.h"
#include "ingest/stream.h"
#include "lexicon/tsv.h"
#include "text/decode.h"

namespace ng::cli {

namespace {

const char* kHtmlHelp = R"(usage: newsgraph eval html DIR [--json] [--limit N] [--worst N] [--data DIR]

Scores article body extraction on DIR (the layout of ../shared/eval/html-extraction:
html/<key>.html.gz and ground-truth.json {key: {"url", "articleBody"}}).
Each page is decoded, extracted ("extract") and then also cleaned of page
furniture ("extract+clean", what newsgraph stores).

Metric (the benchmark's own): tokens are \w+ runs (Unicode letters, numbers,
'_'; case kept); each body becomes a multiset of 4-token shingles (a body of
1-3 tokens is one shingle); per page tp/fp/fn are normalised by tp+fp+fn;
precision is the mean over pages with a non-empty prediction, recall the mean
over pages with a non-empty truth, F1 = 2PR/(P+R) of those means.

  --limit N   score only the first N pages (keys in sorted order)
  --worst N   list the N pages with the lowest extract+clean F1 (default 5)
  --data DIR  data directory for the cleaner (default: the built-in one)
  --json      one JSON object instead of the table

Exit: 0 scored, 2 usage, 3 missing or unreadable dataset files.
)";

// Published F1 on the whole 181-page set (the benchmark's README).
struct Published {
  const char* name;
  double f1;
};
constexpr Published kPublished[] = {{"go_trafilatura", 0.960},
                                    {"go_readability", 0.934},
                                    {"goose3", 0.896},
                                    {"justext", 0.804},
                                    {"html2text", 0.662}};
constexpr const char* kPublishedNote = "published on the whole 181-page set; this is the 91-page dev half";

constexpr uint64_t kMaxPageBytes = 64ull << 20;
constexpr size_t kShingle = 4;

// Python's re \w on str: str.isalnum() (letters L*, anything with a numeric
// type) or '_'. Combining marks are not word characters there, so neither
// are they here (it splits some Indic words; the set is mostly English).
bool is_word_char(UChar32 c) {
  if (c == '_') return true;
  switch (u_charType(c)) {
    case U_UPPERCASE_LETTER:
    case U_LOWERCASE_LETTER:
    case U_TITLECASE_LETTER:
    case U_MODIFIER_LETTER:
    case U_OTHER_LETTER:
      return true;
    default:
      return u_getIntPropertyValue(c, UCHAR_NUMERIC_TYPE) != U_NT_NONE;
  }
}

std::vector<std::string_view> word_tokens(std::string_view s) {
  std::vector<std::string_view> out;
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  int32_t n = static_cast<int32_t>(s.size()), i = 0, start = -1;
  while (i < n) {
    int32_t at = i;
    UChar32 c;
    U8_NEXT(p, i, n, c);
    bool word = c >= 0 && is_word_char(c);
    if (word && start < 0) start = at;
    if (!word && start >= 0) {
      out.push_back(s.substr(start, at - start));
      start = -1;
    }
  }
  if (start >= 0) out.push_back(s.substr(start));
  return out;
}

struct Shingles {
  std::unordered_map<std::string, int> counts;
  size_t tokens = 0;
};

// Shingles are joined with U+0001, which never occurs inside a token.
Shingles shingles(std::string_view text) {
  Shingles sh;
  std::vector<std::string_view> toks = word_tokens(text);
  sh.tokens = toks.size();
  if (toks.empty()) return sh;
  size_t count = toks.size() < kShingle ? 1 : toks.size() - kShingle + 1;
  for (size_t i = 0; i < count; ++i) {
    std::string key;
    for (size_t j = i; j < std::min(toks.size(), i + kShingle); ++j) {
      if (j > i) key += '\x01';
      key.append(toks[j]);
    }
    sh.counts[key]++;
  }
  return sh;
}

struct PageScore {
  double tp = 0, fp = 0, fn = 0;  // normalised by tp+fp+fn (all 0 if both bodies empty)
  size_t pred_tokens = 0;
  // The benchmark's per-page conventions: identical (incl. both empty) is 1,
  // nothing shared is 0.
  double precision() const { return fp == 0 && fn == 0 ? 1 : tp == 0 && fp == 0 ? 0 : tp / (tp + fp); }
  double recall() const { return fp == 0 && fn == 0 ? 1 : tp == 0 && fn == 0 ? 0 : tp / (tp + fn); }
  double f1() const {
    double p = precision(), r = recall();
    return p + r > 0 ? 2 * p * r / (p + r) : 0;
  }
};

PageScore score_page(const Shingles& truth, std::string_view pred_text) {
  Shingles pred = shingles(pred_text);
  PageScore s;
  s.pred_tokens = pred.tokens;
  for (const auto& [k, tc] : truth.counts) {
    auto it = pred.counts.find(k);
    int pc = it == pred.counts.end() ? 0 : it->second;
    s.tp += std::min(tc, pc);
    s.fn += std::max(0, tc - pc);
  }
  for (const auto& [k, pc] : pred.counts) {
    auto it = truth.counts.find(k);
    int tc = it == truth.counts.end() ? 0 : it->second;
    s.fp += std::max(0, pc - tc);
  }
  double sum = s.tp + s.fp + s.fn;
  if (sum > 0) s.tp /= sum, s.fp /= sum, s.fn /= sum;
  return s;
}

struct Totals {
  double precision = 0, recall = 0, f1 = 0;
  int precision_pages = 0, recall_pages = 0;  // pages each mean is taken over
  int empty = 0;                              // pages with no predicted tokens
};

// Precision is averaged over pages that predicted something, recall over
// pages whose truth has something (as the benchmark does).
Totals aggregate(const std::vector<PageScore>& pages) {
  Totals t;
  double psum = 0, rsum = 0;
  for (const PageScore& p : pages) {
    if (p.tp + p.fp > 0) psum += p.precision(), t.precision_pages++;
    if (p.tp + p.fn > 0) rsum += p.recall(), t.recall_pages++;
    if (p.pred_tokens == 0) t.empty++;
  }
  t.precision = t.precision_pages ? psum / t.precision_pages : 0;
  t.recall = t.recall_pages ? rsum / t.recall_pages : 0;
  t.f1 = t.precision + t.recall > 0 ? 2 * t.precision * t.recall / (t.precision + t.recall) : 0;
  return t;
}

struct Truth {
  std::string key, url, body;
};

Result<std::vector<Truth>> load_ground_truth(const std::string& path) {
  simdjson::padded_string json;
  if (simdjson::padded_string::load(path).get(json)) return Status::not_found("cannot read " + path);
  simdjson::dom::parser parser;
  simdjson::dom::object root;
  if (auto err = parser.parse(json).get(root)) {
    return Status::invalid(path + ": not a JSON object: " + simdjson::error_message(err));
  }
  std::vector<Truth> out;
  for (auto [key, value] : root) {
    Truth t;
    t.key = std::string(key);
    simdjson::dom::object page;
    std::string_view body, url;
    if (value.get(page) || page["articleBody"].get(body)) {
      return Status::invalid(path + ": entry \"" + t.key + "\" has no string \"articleBody\"");
    }
    if (!page["url"].get(url)) t.url = std::string(url);
    t.body = to_nfc(body);  // newsgraph's text is NFC; compare like with like
    out.push_back(std::move(t));
  }
  std::sort(out.begin(), out.end(), [](const Truth& a, const Truth& b) { return a.key < b.key; });
  return out;
}

struct PageResult {
  const Truth* truth = nullptr;
  size_t true_tokens = 0;
  PageScore extract, cleaned;
  std::string error;  // decode/extract failure: the page predicts nothing
};

std::string totals_json(const Totals& t) {
  return JsonObject()
      .num("precision", t.precision)
      .num("recall", t.recall)
      .num("f1", t.f1)
      .integer("precision_pages", t.precision_pages)
      .integer("recall_pages", t.recall_pages)
      .integer("empty_predictions", t.empty)
      .done();
}

}  // namespace

int cmd_eval_html(int argc, char** argv) {
  Args args = parse_args(argc, argv, 3, {"limit", "worst", "data"}, {"json", "help"});
  if (args.has("help")) return std::fputs(kHtmlHelp, stdout), kExitOk;
  long long limit = args.get_int("limit", -1);
  long long worst = args.get_int("worst", 5);
  if (args.error.empty() && args.positional.size() != 1) args.error = "expects one DIR";
  if (args.error.empty() && (limit == 0 || limit < -1 || worst < 0)) args.error = "--limit and --worst must be positive";
  if (!args.error.empty()) {
    print_error("eval html", args.error);
    std::fputs(kHtmlHelp, stderr);
    return kExitUsage;
  }
  namespace fs = std::filesystem;
  const fs::path dir = args.positional[0];
  const std::string truth_path = (dir / "ground-truth.json").string();
  std::error_code ec;
  if (!fs::is_regular_file(truth_path, ec)) {
    return print_error("eval html", truth_path + ": no such file (DIR must hold ground-truth.json and html/)"),
           kExitFatal;
  }
  auto truth = load_ground_truth(truth_path);
  if (!truth) return print_error("eval html", truth.status().message()), kExitFatal;
  if (truth->empty()) return print_error("eval html", truth_path + ": no pages"), kExitFatal;
  if (limit > 0 && static_cast<size_t>(limit) < truth->size()) truth->resize(limit);

  CleanOptions clean_options;
  clean_options.data_dir = args.get("data", default_data_dir());
  auto cleaner = Cleaner::create(clean_options);
  if (!cleaner) return print_error("eval html", cleaner.status().message()), kExitFatal;

  std::vector<PageResult> pages;
  pages.reserve(truth->size());
  for (const Truth& t : *truth) {
    const std::string path = (dir / "html" / (t.key + ".html.gz")).string();
    auto in = open_input(path);
    if (!in) return print_error("eval html", in.status().message()), kExitFatal;
    auto bytes = read_all(**in, kMaxPageBytes);
    if (!bytes) return print_error("eval html", bytes.status().message()), kExitFatal;

    PageResult r;
    r.truth = &t;
    Shingles true_sh = shingles(t.body);
    r.true_tokens = true_sh.tokens;
    std::string extracted, cleaned;
    auto decoded = decode_to_utf8(*bytes, sniff_html_charset(*bytes));
    if (!decoded) {
      r.error = decoded.status().message();
    } else {
      auto article = extract_html(decoded->text);
      if (!article) {
        r.error = article.status().message();
      } else {
        extracted = std::move(article->text);
        cleaned = (*cleaner)->clean(extracted, article->title.empty()).text;
      }
    }
    r.extract = score_page(true_sh, extracted);
    r.cleaned = score_page(true_sh, cleaned);
    pages.push_back(std::move(r));
  }

  std::vector<PageScore> ex, cl;
  for (const PageResult& p : pages) ex.push_back(p.extract), cl.push_back(p.cleaned);
  Totals tex = aggregate(ex), tcl = aggregate(cl);
  int errors = 0;
  for (const PageResult& p : pages) errors += !p.error.empty();

  std::vector<const PageResult*> order;
  for (const PageResult& p : pages) order.push_back(&p);
  std::stable_sort(order.begin(), order.end(),
                   [](const PageResult* a, const PageResult* b) { return a->cleaned.f1() < b->cleaned.f1(); });
  if (order.size() > static_cast<size_t>(worst)) order.resize(worst);

  auto page_json = [](const PageResult& p) {
    return JsonObject()
        .str("key", p.truth->key)
        .str("url", p.truth->url)
        .num("f1", p.cleaned.f1())
        .num("precision", p.cleaned.precision())
        .num("recall", p.cleaned.recall())
        .num("extract_f1", p.extract.f1())
        .integer("true_tokens", static_cast<long long>(p.true_tokens))
        .integer("extract_tokens", static_cast<long long>(p.extract.pred_tokens))
        .integer("clean_tokens", static_cast<long long>(p.cleaned.pred_tokens))
        .str_or_null("error", p.error)
        .done();
  };

  if (args.has("json")) {
    std::string published = "{";
    for (const Published& p : kPublished) {
      if (published.size() > 1) published += ',';
      json_string(published, p.name);
      published += ':' + JsonObject().num("f1", p.f1).done();
    }
    published += '}';
    std::string worst_json = "[", all_json = "[";
    for (const PageResult* p : order) worst_json += (worst_json.size() > 1 ? "," : "") + page_json(*p);
    for (const PageResult& p : pages) all_json += (all_json.size() > 1 ? "," : "") + page_json(p);
    worst_json += ']', all_json += ']';
    std::puts(JsonObject()
                  .str("dir", dir.string())
                  .integer("pages", static_cast<long long>(pages.size()))
                  .integer("errors", errors)
                  .raw("extract", totals_json(tex))
                  .raw("extract_clean", totals_json(tcl))
                  .raw("published", published)
                  .str("published_note", kPublishedNote)
                  .raw("worst", worst_json)
                  .raw("per_page", all_json)
                  .done()
                  .c_str());
    return kExitOk;
  }

  std::printf("html extraction: %s (%zu pages", dir.string().c_str(), pages.size());
  if (errors) std::printf(", %d not extracted", errors);
  std::printf(")\n\n  %-26s %9s %7s %6s %6s\n", "system", "precision", "recall", "F1", "empty");
  std::printf("  %-26s %9.3f %7.3f %6.3f %6d\n", "newsgraph extract", tex.precision, tex.recall, tex.f1, tex.empty);
  std::printf("  %-26s %9.3f %7.3f %6.3f %6d\n", "newsgraph extract+clean", tcl.precision, tcl.recall, tcl.f1,
              tcl.empty);
  for (const Published& p : kPublished) std::printf("  %-26s %9s %7s %6.3f\n", p.name, "", "", p.f1);
  std::printf("  (%s)\n", kPublishedNote);
  if (!order.empty()) {
    std::printf("\nworst pages by extract+clean F1 (tokens: truth / extracted / cleaned)\n");
    for (const PageResult* p : order) {
      std::printf("  F1 %.3f  P %.3f  R %.3f  tokens %zu / %zu / %zu  %s\n    %s\n", p->cleaned.f1(),
                  p->cleaned.precision(), p->cleaned.recall(), p->true_tokens, p->extract.pred_tokens,
                  p->cleaned.pred_tokens, p->truth->key.c_str(), p->truth->url.c_str());
      if (!p->error.empty()) std::printf("    error: %s\n", p->error.c_str());
    }
  }
  return kExitOk;
}

}  // namespace ng::cli
