// newsgraph eval langid: language identification against the lingua test
// data (language-testdata/<kind>/<iso639-1>.txt, one sample per line), beside
// the accuracy lingua published for CLD2 on the same samples
// (accuracy-reports/<kind>-accuracy-values.csv, column "cld2").
#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <cstdio>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "cli/args.h"
#include "cli/commands.h"
#include "cli/common.h"
#include "cli/json.h"
#include "ingest/stream.h"
#include "text/language.h"

namespace ng::cli {

namespace {

const char* kLangidHelp = R"(usage: newsgraph eval langid DIR [--json] [--langs de,en,...] [--kind KIND] [--limit N]

Runs language identification on DIR/language-testdata/KIND/<code>.txt (the
layout of ../shared/eval/langid-lingua; one sample per line; KIND is
sentences (default), word-pairs or single-words) and prints, per language:
samples, accuracy, und-rate (samples judged unreliable: "und" counts as wrong,
so accuracy + und-rate bounds what CLD2's unreliable best guesses could add),
the most frequent wrong answer, and the CLD2 accuracy lingua published for the
same samples. Codes are compared by primary subtag, with CLD2's old codes
mapped (iw=he, in=id, ji=yi, jw=jv, no=nb). The overall figures are means
over languages.

  --langs L,L  only these languages (default: every file in KIND)
  --kind KIND  sentences | word-pairs | single-words
  --limit N    at most N samples per language
  --json       one JSON object instead of the table

Exit: 0 scored, 2 usage, 3 missing or unreadable dataset files.
)";

constexpr size_t kMaxLine = 1 << 20;

// The detected code as a lingua file name would spell it.
std::string normalise_code(std::string code) {
  for (char& c : code) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (auto cut = code.find_first_of("-_"); cut != std::string::npos) code.resize(cut);
  static const std::map<std::string, std::string> kAliases = {
      {"iw", "he"}, {"in", "id"}, {"ji", "yi"}, {"jw", "jv"}, {"no", "nb"}};
  auto it = kAliases.find(code);
  return it == kAliases.end() ? code : it->second;
}

// The English language name lingua's reports use: ICU's, except where lingua
// names it differently.
std::string lingua_name(const std::string& code) {
  static const std::map<std::string, std::string> kLingua = {
      {"bn", "Bengali"}, {"mi", "Maori"}, {"nb", "Bokmal"}, {"nn", "Nynorsk"}, {"sl", "Slovene"}, {"st", "Sotho"}};
  if (auto it = kLingua.find(code); it != kLingua.end()) return it->second;
  icu::UnicodeString name;
  icu::Locale(code.c_str()).getDisplayLanguage(icu::Locale::getEnglish(), name);
  std::string out;
  name.toUTF8String(out);
  return out;
}

std::vector<std::string> split_csv_line(const std::string& line) {
  std::vector<std::string> out(1);
  bool quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') out.back() += '"', ++i;
      else if (c == '"') quoted = false;
      else out.back() += c;
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      out.emplace_back();
    } else {
      out.back() += c;
    }
  }
  return out;
}

// Language name -> published CLD2 accuracy (0..1). Empty with a warning
// printed when the report is missing or has no "cld2" column.
std::map<std::string, double> load_cld2_report(const std::string& path) {
  std::map<std::string, double> out;
  auto in = open_input(path);
  if (!in) {
    print_error("eval langid", "no published accuracies: " + in.status().message());
    return out;
  }
  LineReader lines(**in, kMaxLine);
  std::string line;
  bool too_long = false;
  int column = -1;
  while (lines.next(line, too_long)) {
    if (too_long || line.empty()) continue;
    std::vector<std::string> f = split_csv_line(line);
    if (column < 0) {
      auto it = std::find(f.begin(), f.end(), "cld2");
      if (it == f.end()) {
        print_error("eval langid", path + ": no \"cld2\" column; published accuracies not shown");
        return out;
      }
      column = static_cast<int>(it - f.begin());
      continue;
    }
    if (static_cast<int>(f.size()) <= column) continue;
    char* end = nullptr;
    double v = std::strtod(f[column].c_str(), &end);
    if (end != f[column].c_str() && *end == '\0' && v == v) out[f[0]] = v / 100.0;
  }
  return out;
}

struct LangScore {
  std::string code, name;
  int n = 0, correct = 0, und = 0;
  std::map<std::string, int> wrong;  // detected code -> count (not "und")
  std::optional<double> published;
  double accuracy() const { return n ? static_cast<double>(correct) / n : 0; }
  double und_rate() const { return n ? static_cast<double>(und) / n : 0; }
  std::pair<std::string, int> top_wrong() const {
    std::pair<std::string, int> best;
    for (const auto& [code, count] : wrong)
      if (count > best.second) best = {code, count};
    return best;
  }
};

}  // namespace

int cmd_eval_langid(int argc, char** argv) {
  Args args = parse_args(argc, argv, 3, {"langs", "kind", "limit"}, {"json", "help"});
  if (args.has("help")) return std::fputs(kLangidHelp, stdout), kExitOk;
  long long limit = args.get_int("limit", -1);
  std::string kind = args.get("kind", "sentences");
  if (args.error.empty() && args.positional.size() != 1) args.error = "expects one DIR";
  if (args.error.empty() && kind != "sentences" && kind != "word-pairs" && kind != "single-words")
    args.error = "--kind must be sentences, word-pairs or single-words";
  if (args.error.empty() && (limit == 0 || limit < -1)) args.error = "--limit must be positive";
  if (!args.error.empty()) {
    print_error("eval langid", args.error);
    std::fputs(kLangidHelp, stderr);
    return kExitUsage;
  }
  namespace fs = std::filesystem;
  const fs::path dir = args.positional[0];
  const fs::path data = dir / "language-testdata" / kind;
  std::error_code ec;
  if (!fs::is_directory(data, ec)) {
    return print_error("eval langid", data.string() + ": no such directory (DIR must hold language-testdata/)"),
           kExitFatal;
  }

  std::vector<std::string> codes;
  if (std::string langs = args.get("langs"); !langs.empty()) {
    std::set<std::string> seen;
    size_t start = 0;
    while (start <= langs.size()) {
      size_t comma = std::min(langs.find(',', start), langs.size());
      std::string code = langs.substr(start, comma - start);
      if (!code.empty() && seen.insert(code).second) codes.push_back(code);
      start = comma + 1;
    }
  } else {
    for (const auto& entry : fs::directory_iterator(data, ec)) {
      if (entry.path().extension() == ".txt") codes.push_back(entry.path().stem().string());
    }
    if (ec) return print_error("eval langid", data.string() + ": " + ec.message()), kExitFatal;
    std::sort(codes.begin(), codes.end());
  }
  if (codes.empty()) return print_error("eval langid", data.string() + ": no <code>.txt files"), kExitFatal;

  const std::string report = (dir / "accuracy-reports" / (kind + "-accuracy-values.csv")).string();
  std::map<std::string, double> cld2 = load_cld2_report(report);

  LanguageIdentifier identifier;
  std::vector<LangScore> scores;
  for (const std::string& code : codes) {
    const std::string path = (data / (code + ".txt")).string();
    auto in = open_input(path);
    if (!in) return print_error("eval langid", in.status().message()), kExitFatal;
    LangScore s;
    s.code = code;
    s.name = lingua_name(code);
    if (auto it = cld2.find(s.name); it != cld2.end()) s.published = it->second;
    LineReader lines(**in, kMaxLine);
    std::string line;
    bool too_long = false;
    while ((limit < 0 || s.n < limit) && lines.next(line, too_long)) {
      if (too_long || line.find_first_not_of(" \t") == std::string::npos) continue;
      std::string got = identifier.identify(line).lang;
      s.n++;
      if (got == "und") s.und++;
      else if (normalise_code(got) == code) s.correct++;
      else s.wrong[normalise_code(got)]++;
    }
    if (!lines.status().is_ok()) return print_error("eval langid", lines.status().message()), kExitFatal;
    scores.push_back(std::move(s));
  }

  // Means over languages; the published mean over those that have a value.
  double acc_sum = 0, und_sum = 0, pub_sum = 0;
  int pub_n = 0;
  for (const LangScore& s : scores) {
    acc_sum += s.accuracy(), und_sum += s.und_rate();
    if (s.published) pub_sum += *s.published, pub_n++;
  }
  double mean_acc = acc_sum / scores.size(), mean_und = und_sum / scores.size();

  if (args.has("json")) {
    std::string per_lang = "{";
    for (const LangScore& s : scores) {
      if (per_lang.size() > 1) per_lang += ',';
      json_string(per_lang, s.code);
      std::string wrong = "{";
      for (const auto& [c, count] : s.wrong) {
        if (wrong.size() > 1) wrong += ',';
        json_string(wrong, c);
        wrong += ':' + std::to_string(count);
      }
      wrong += '}';
      JsonObject o;
      o.str("name", s.name).integer("n", s.n).integer("correct", s.correct).integer("und", s.und);
      o.num("accuracy", s.accuracy()).num("und_rate", s.und_rate()).raw("wrong", wrong);
      if (s.published) o.num("published_cld2", *s.published);
      else o.raw("published_cld2", "null");
      per_lang += ':' + o.done();
    }
    per_lang += '}';
    JsonObject o;
    o.str("dir", dir.string()).str("kind", kind).integer("languages", static_cast<long long>(scores.size()));
    o.num("mean_accuracy", mean_acc).num("mean_und_rate", mean_und);
    if (pub_n) o.num("mean_published_cld2", pub_sum / pub_n).integer("published_languages", pub_n);
    else o.raw("mean_published_cld2", "null").integer("published_languages", 0);
    std::puts(o.raw("per_lang", per_lang).done().c_str());
    return kExitOk;
  }

  std::printf("language identification: %s (%s, %zu languages)\n\n", data.string().c_str(), kind.c_str(),
              scores.size());
  std::printf("  %-5s %-20s %5s %8s %6s %9s  %s\n", "lang", "name", "n", "accuracy", "und", "CLD2 pub.",
              "most frequent wrong answer");
  for (const LangScore& s : scores) {
    char pubbuf[16];
    if (s.published) std::snprintf(pubbuf, sizeof pubbuf, "%.1f", *s.published * 100);
    auto [wc, wn] = s.top_wrong();
    std::printf("  %-5s %-20s %5d %7.1f%% %5.1f%% %9s  %s\n", s.code.c_str(), s.name.c_str(), s.n,
                s.accuracy() * 100, s.und_rate() * 100, s.published ? pubbuf : "-",
                wn ? (wc + " x" + std::to_string(wn)).c_str() : "");
  }
  char pubmean[16] = "-";
  if (pub_n) std::snprintf(pubmean, sizeof pubmean, "%.1f", pub_sum / pub_n * 100);
  std::printf("  %-5s %-20s %5s %7.1f%% %5.1f%% %9s\n", "mean", "(over languages)", "", mean_acc * 100,
              mean_und * 100, pubmean);
  if (pub_n && pub_n < static_cast<int>(scores.size()))
    std::printf("  (published mean over the %d languages that have a value)\n", pub_n);
  return kExitOk;
}

}  // namespace ng::cli
