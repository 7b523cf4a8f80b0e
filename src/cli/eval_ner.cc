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
#include "extract/mentions.h"

namespace ng::cli {
namespace {

const char* kHelp = R"(usage: newsgraph eval ner --format germeval|conll|io --lang xx PATH [--json] [--limit N]

Runs the mention extractor on the sentences of an annotated NER file and
reports span-level precision, recall and F1 (exact span and type) for PER,
ORG and LOC, micro-averaged as conlleval does. Formats:
  germeval  idx<TAB>token<TAB>outer<TAB>inner, '#' line per sentence (GermEval 2014)
  conll     token ... tag (last column; BIO or plain tags; "xx:" token prefixes
            dropped, as in WikiAnn), blank line between sentences
  io        like conll, with IO tags and "0" for outside (SUC-style web news)
Tag names are mapped: PER/PPL/PERSON -> PER, ORG/IND -> ORG, LOC/PLC/GPE -> LOC;
OTH, MISC, EVT, FNB and *deriv/*part tags count as outside.
)";

struct Annotated {
  std::vector<std::string> tokens;
  std::vector<std::string> tags;  // raw tags
};

// PER, ORG, LOC or "" for anything else.
std::string map_type(std::string tag) {
  if (tag.size() > 2 && tag[1] == '-') tag = tag.substr(2);
  if (tag.find("deriv") != std::string::npos || tag.find("part") != std::string::npos) return "";
  if (tag == "PER" || tag == "PPL" || tag == "PERSON") return "PER";
  if (tag == "ORG" || tag == "IND" || tag == "ORGANIZATION") return "ORG";
  if (tag == "LOC" || tag == "PLC" || tag == "GPE" || tag == "LOCATION") return "LOC";
  return "";
}

// Spans (first token, end token, type) of one sentence's tags.
std::vector<std::tuple<int, int, std::string>> gold_spans(const std::vector<std::string>& tags) {
  std::vector<std::tuple<int, int, std::string>> out;
  int start = -1;
  std::string type;
  for (int i = 0; i <= static_cast<int>(tags.size()); ++i) {
    std::string t = i < static_cast<int>(tags.size()) ? map_type(tags[i]) : "";
    bool begins = i < static_cast<int>(tags.size()) && tags[i].size() > 1 && tags[i][0] == 'B' && tags[i][1] == '-';
    if (start >= 0 && (t != type || begins)) {
      out.emplace_back(start, i, type);
      start = -1;
    }
    if (start < 0 && !t.empty()) {
      start = i;
      type = t;
    }
  }
  return out;
}

bool read_sentences(const std::string& path, const std::string& format, std::vector<Annotated>& out,
                    std::string& error) {
  std::ifstream in(path);
  if (!in) {
    error = path + ": cannot open";
    return false;
  }
  Annotated cur;
  auto flush = [&] {
    if (!cur.tokens.empty()) out.push_back(std::move(cur));
    cur = Annotated();
  };
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) {
      flush();
      continue;
    }
    if (format == "germeval") {
      if (line[0] == '#') {
        flush();
        continue;
      }
      std::vector<std::string> f;
      std::stringstream ss(line);
      std::string x;
      while (std::getline(ss, x, '\t')) f.push_back(x);
      if (f.size() < 3) continue;
      cur.tokens.push_back(f[1]);
      cur.tags.push_back(f[2]);
    } else {
      size_t cut = line.find_last_of(" \t");
      if (cut == std::string::npos) continue;
      std::string token = line.substr(0, line.find_first_of(" \t"));
      std::string tag = line.substr(cut + 1);
      if (token.size() > 3 && token[2] == ':' && std::islower(static_cast<unsigned char>(token[0]))) {
        token = token.substr(3);  // "fr:Paris"
      }
      if (format == "io" && tag == "0") tag = "O";
      cur.tokens.push_back(token);
      cur.tags.push_back(tag);
    }
  }
  flush();
  return true;
}

struct Counts {
  long tp = 0, sys = 0, gold = 0;
  double p() const { return sys ? double(tp) / sys : 0; }
  double r() const { return gold ? double(tp) / gold : 0; }
  double f() const { return p() + r() > 0 ? 2 * p() * r() / (p() + r()) : 0; }
};

bool word_like(const std::string& t) {
  return std::any_of(t.begin(), t.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80;
  });
}

}  // namespace

int cmd_eval_ner(int argc, char** argv) {
  Args args = parse_args(argc, argv, 3, {"format", "lang", "limit", "data"}, {"json", "help"});
  if (args.has("help")) return std::fputs(kHelp, stdout), kExitOk;
  std::string format = args.get("format"), lang = args.get("lang");
  if (args.error.empty() && format != "germeval" && format != "conll" && format != "io") {
    args.error = "--format must be germeval, conll or io";
  }
  if (args.error.empty() && lang.empty()) args.error = "--lang is required";
  if (args.error.empty() && args.positional.size() != 1) args.error = "give one annotated file";
  if (!args.error.empty()) {
    print_error("eval ner", args.error);
    std::fputs(kHelp, stderr);
    return kExitUsage;
  }
  std::vector<Annotated> sentences;
  std::string error;
  if (!read_sentences(args.positional[0], format, sentences, error)) return print_error("eval ner", error), kExitFatal;
  long long limit = args.get_int("limit", -1);
  if (limit >= 0 && sentences.size() > static_cast<size_t>(limit)) sentences.resize(static_cast<size_t>(limit));
  MentionOptions mo;
  mo.data_dir = args.get("data");
  auto extractor = MentionExtractor::create(mo);
  if (!extractor) return print_error("eval ner", extractor.status().message()), kExitFatal;

  // Sentences go in groups, as the paragraphs of one document, so that the
  // extractor sees some context (words it also finds in lower case).
  constexpr size_t kGroup = 20;
  std::map<std::string, Counts> by_type;
  Counts all;
  for (size_t g = 0; g < sentences.size(); g += kGroup) {
    Document d;
    d.lang = lang;
    std::vector<std::vector<Span>> token_spans;
    for (size_t s = g; s < std::min(sentences.size(), g + kGroup); ++s) {
      uint32_t begin = static_cast<uint32_t>(d.text.size());
      std::vector<Span> spans;
      for (const std::string& t : sentences[s].tokens) {
        if (!d.text.empty() && d.text.back() != '\n') d.text += ' ';
        Span sp{static_cast<uint32_t>(d.text.size()), 0};
        d.text += t;
        sp.end = static_cast<uint32_t>(d.text.size());
        spans.push_back(sp);
        d.tokens.push_back(Token{sp, word_like(t)});
      }
      d.sentences.push_back(Sentence{Span{begin, static_cast<uint32_t>(d.text.size())}});
      d.text += '\n';
      token_spans.push_back(std::move(spans));
    }
    std::set<std::tuple<size_t, int, int, std::string>> gold, sys;
    for (size_t s = 0; s < token_spans.size(); ++s) {
      for (auto& [a, b, t] : gold_spans(sentences[g + s].tags)) gold.emplace(s, a, b, t);
    }
    for (const Mention& m : (*extractor)->extract(d)) {
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
                  .integer("sentences", static_cast<long long>(sentences.size()))
                  .num("precision", all.p())
                  .num("recall", all.r())
                  .num("f1", all.f())
                  .raw("per_type", types)
                  .done()
                  .c_str());
  } else {
    std::printf("ner: %s (%s, %zu sentences)\n  %-4s %6s %6s %7s %7s %7s\n", args.positional[0].c_str(), lang.c_str(),
                sentences.size(), "type", "gold", "system", "P", "R", "F1");
    for (const auto& [t, c] : by_type) {
      std::printf("  %-4s %6ld %6ld %7.3f %7.3f %7.3f\n", t.c_str(), c.gold, c.sys, c.p(), c.r(), c.f());
    }
    std::printf("  %-4s %6ld %6ld %7.3f %7.3f %7.3f\n", "all", all.gold, all.sys, all.p(), all.r(), all.f());
  }
  return kExitOk;
}

}  // namespace ng::cli
