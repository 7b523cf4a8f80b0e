// newsgraph eval timex: the time stage against TimeML (.tml, TIMEX3) and
// WikiWars (.sgm + .apf.xml, TIMEX2) gold, with each document's creation
// time (DCT) as its publication date.
//
// Scores (TempEval-3 definitions): extent P/R/F1 strict (same span) and
// relaxed (overlapping spans, one-to-one in text order); value P/R/F1 counts
// relaxed matches whose value equals the gold value (a gold TIME value is
// compared on its date part, as the stage gives dates, not clock times).
// The stage finds dates, months, years, weekdays, relative days and weeks,
// clock times and durations ("three years" P3Y); not SET ("every week").
// "DATE/TIME" scores the gold's DATE and TIME timexes against the system's
// expressions other than durations; "all types" scores everything (the
// TempEval-3 measure HeidelTime's published value F1 is).
#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "cli/args.h"
#include "cli/commands.h"
#include "cli/common.h"
#include "cli/json.h"
#include "extract/time.h"

namespace ng::cli {

namespace {
const char* kHelp = R"(usage: newsgraph eval timex --format tml|wikiwars PATH --lang xx [--half 1|2] [--json] [--misses]

PATH: a directory searched recursively for *.tml (TimeML: TimeBank/AQUAINT,
French TimeBank), or a WikiWars directory with in/*.sgm and key/*.key.apf.xml.
Each document's creation time is its publication date. Prints extent F1
(strict, relaxed) and value F1, beside HeidelTime's published value F1.
--misses first lists, per document ("== file"), wrong values, extents,
spurious and missed expressions, each with its byte offset in the text ("@N").
--half 1|2 scores only the odd (1st, 3rd, ...) or even documents in sorted
file-name order: tune on one half, check on the other.
)";

struct Gold {
  size_t b = 0, e = 0;  // bytes in the text
  std::string type, value;
};
struct TimexDoc {
  std::string name, text, dct;
  std::vector<Gold> gold;
};

std::string read_all(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string attr(std::string_view tag, std::string_view name) {
  std::string key(" ");
  key.append(name);
  key.append("=\"");
  size_t p = tag.find(key);
  if (p == std::string_view::npos) return "";
  p += key.size();
  size_t q = tag.find('"', p);
  return q == std::string_view::npos ? "" : std::string(tag.substr(p, q - p));
}

void decode_entity(std::string_view s, size_t& i, std::string& out) {
  static const std::pair<const char*, const char*> kEnt[] = {
      {"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"}};
  for (auto [e, r] : kEnt) {
    if (s.substr(i, std::strlen(e)) == e) {
      out += r;
      i += std::strlen(e);
      return;
    }
  }
  out += '&';
  ++i;
}

Result<TimexDoc> parse_tml(const std::string& path) {
  std::string x = read_all(path);
  TimexDoc d;
  d.name = path;
  size_t dct = x.find("<DCT>");
  if (dct != std::string::npos) {
    size_t t = x.find("<TIMEX3", dct);
    size_t te = x.find('>', t);
    if (t != std::string::npos && te != std::string::npos) d.dct = attr(x.substr(t, te - t), "value");
  }
  size_t b = x.find("<TEXT>"), e = x.find("</TEXT>");
  if (b == std::string::npos || e == std::string::npos) return Status::invalid(path + ": no <TEXT>");
  std::string_view s(x);
  s = s.substr(b + 6, e - b - 6);
  std::vector<Gold> open;
  for (size_t i = 0; i < s.size();) {
    if (s[i] == '<') {
      size_t q = s.find('>', i);
      if (q == std::string_view::npos) break;
      std::string_view tag = s.substr(i, q + 1 - i);
      if (tag.rfind("<TIMEX3", 0) == 0 && tag[tag.size() - 2] != '/') {
        Gold g;
        g.b = d.text.size();
        g.type = attr(tag, "type");
        g.value = attr(tag, "value");
        open.push_back(g);
      } else if (tag.rfind("</TIMEX3", 0) == 0 && !open.empty()) {
        open.back().e = d.text.size();
        d.gold.push_back(open.back());
        open.pop_back();
      }
      i = q + 1;
    } else if (s[i] == '&') {
      decode_entity(s, i, d.text);
    } else {
      d.text += s[i++];
    }
  }
  return d;
}

Result<TimexDoc> parse_wikiwars(const std::string& sgm, const std::string& key) {
  std::string x = read_all(sgm);
  TimexDoc d;
  d.name = sgm;
  // The key's offsets count characters of the .sgm with its tags removed; END is inclusive.
  std::vector<size_t> byte_of_char;
  for (size_t i = 0; i < x.size();) {
    if (x[i] == '<') {
      size_t q = x.find('>', i);
      if (q == std::string::npos) break;
      i = q + 1;
      continue;
    }
    if ((static_cast<unsigned char>(x[i]) & 0xC0) != 0x80) byte_of_char.push_back(d.text.size());
    d.text += x[i++];
  }
  byte_of_char.push_back(d.text.size());
  size_t dt = x.find("<DATETIME>");
  if (dt != std::string::npos) {
    size_t e = x.find("</DATETIME>", dt);
    std::string v = x.substr(dt + 10, e - dt - 10);
    size_t a = v.find_first_not_of(' '), z = v.find_last_not_of(' ');
    if (a != std::string::npos) d.dct = v.substr(a, z - a + 1);
  }
  std::string k = read_all(key);
  if (k.empty()) return Status::not_found(key + ": cannot read the key file");
  long drift = 0;  // grows along the document
  for (size_t p = k.find("<timex2 "); p != std::string::npos; p = k.find("<timex2 ", p + 1)) {
    size_t te = k.find('>', p);
    // The key's tags of anchored timexes carry VAL twice (the converter wrote
    // the inline key's anchor_val as a first VAL): the timex's own value,
    // as the inline key (keyinline/) gives it, is the last one.
    std::string_view tag2 = std::string_view(k).substr(p, te - p);
    size_t last_val = tag2.rfind(" VAL=\"");
    std::string value = last_val == std::string_view::npos ? "" : attr(tag2.substr(last_val), "VAL");
    size_t end = k.find("</timex2>", p);
    size_t c = k.find("<charseq", p);
    if (c == std::string::npos || c > end) continue;
    size_t ce = k.find('>', c);
    std::string_view tag = std::string_view(k).substr(c, ce - c);
    size_t s0 = std::strtoul(attr(tag, "START").c_str(), nullptr, 10);
    size_t s1 = std::strtoul(attr(tag, "END").c_str(), nullptr, 10) + 1;
    if (s0 >= s1) continue;
    // The key's offsets drift from the stripped text by a few characters
    // (line breaks are not counted the same way): the mention is its surface
    // nearest to the offset.
    std::string surface(k.substr(ce + 1, k.find('<', ce) - ce - 1));
    if (surface.empty()) continue;
    long at_char = static_cast<long>(byte_of_char[std::min(s0, byte_of_char.size() - 1)]);
    size_t approx = static_cast<size_t>(std::max(0L, at_char + drift));
    size_t lo = approx > 400 ? approx - 400 : 0;
    size_t best = std::string::npos;
    for (size_t at = d.text.find(surface, lo); at != std::string::npos && at <= approx + 400;
         at = d.text.find(surface, at + 1)) {
      if (best == std::string::npos ||
          (at > approx ? at - approx : approx - at) < (best > approx ? best - approx : approx - best))
        best = at;
    }
    if (best == std::string::npos) continue;
    drift = static_cast<long>(best) - at_char;
    Gold g;
    g.b = best;
    g.e = best + surface.size();
    g.value = value;
    g.type = "TIMEX2";
    d.gold.push_back(g);
  }
  return d;
}

struct Prf {
  long gold = 0, sys = 0, tp_sys = 0, tp_gold = 0;
  double p() const { return sys ? static_cast<double>(tp_sys) / sys : 0; }
  double r() const { return gold ? static_cast<double>(tp_gold) / gold : 0; }
  double f() const { return p() + r() > 0 ? 2 * p() * r() / (p() + r()) : 0; }
  std::string json() const {
    return JsonObject()
        .integer("gold", gold)
        .integer("system", sys)
        .num("precision", p())
        .num("recall", r())
        .num("f1", f())
        .done();
  }
};

struct Scores {
  Prf strict, relaxed, value;
  Prf all_relaxed, all_value;  // with DURATION/SET gold counted
  long excluded = 0;           // gold DURATION/SET timexes left out
  int docs = 0;
};

bool scored_type(const std::string& type) { return type != "DURATION" && type != "SET"; }

// A system date is compared with the date part of a gold TIME; a system
// clock time ("2025-12-09T18:00") with the gold's date, hour and minute.
bool same_value(const std::string& sys, const std::string& gold_value) {
  if (sys == gold_value) return true;
  size_t t = gold_value.find('T');
  if (t == std::string::npos || t < 4 || gold_value[0] == 'P') return false;
  if (sys.find('T') == std::string::npos) return sys == gold_value.substr(0, t);
  return gold_value.size() > sys.size() && gold_value.compare(0, sys.size(), sys) == 0 &&
         !std::isdigit(static_cast<unsigned char>(gold_value[sys.size()])) && gold_value[sys.size()] != ':';
}

// misses: print wrong values, spurious and missed expressions (for tuning).
void score(const TimexDoc& d, const std::vector<TimeExpr>& sys, Scores& s, bool misses) {
  auto one = [&](const std::vector<const Gold*>& gold, const std::vector<TimeExpr>& sys, Prf& strict, Prf& relaxed,
                 Prf& value) {
    strict.gold += gold.size(), relaxed.gold += gold.size(), value.gold += gold.size();
    strict.sys += sys.size(), relaxed.sys += sys.size(), value.sys += sys.size();
    std::vector<bool> used(gold.size(), false);
    const bool debug = misses;
    for (const TimeExpr& t : sys) {
      bool hit = false;
      for (size_t i = 0; i < gold.size(); ++i) {
        if (used[i]) continue;
        const Gold& g = *gold[i];
        if (t.span.begin < g.e && g.b < t.span.end) {
          used[i] = true;
          relaxed.tp_sys++, relaxed.tp_gold++;
          if (t.span.begin == g.b && t.span.end == g.e) {
            strict.tp_sys++, strict.tp_gold++;
          } else if (debug && &relaxed != &s.all_relaxed) {
            std::printf("  extent: %s (gold %s) @%u\n", std::string(t.span.of(d.text)).c_str(),
                        d.text.substr(g.b, g.e - g.b).c_str(), t.span.begin);
          }
          if (same_value(t.value, g.value))
            value.tp_sys++, value.tp_gold++;
          else if (debug && &relaxed != &s.all_relaxed) {
            std::printf("  wrong: %s -> %s (gold %s) @%u\n", std::string(t.span.of(d.text)).c_str(),
                        t.value.c_str(), g.value.c_str(), t.span.begin);
          }
          hit = true;
          break;
        }
      }
      if (debug && !hit && &relaxed != &s.all_relaxed)
        std::printf("  spurious: %s -> %s @%u\n", std::string(t.span.of(d.text)).c_str(), t.value.c_str(),
                    t.span.begin);
    }
    for (size_t i = 0; debug && &relaxed != &s.all_relaxed && i < gold.size(); ++i) {
      if (!used[i])
        std::printf("  missed: %s (%s %s) @%zu\n", d.text.substr(gold[i]->b, gold[i]->e - gold[i]->b).c_str(),
                    gold[i]->type.c_str(), gold[i]->value.c_str(), gold[i]->b);
    }
  };
  if (misses) std::printf("== %s\n", d.name.c_str());
  std::vector<const Gold*> main, all;
  for (const Gold& g : d.gold) {
    all.push_back(&g);
    if (scored_type(g.type))
      main.push_back(&g);
    else
      s.excluded++;
  }
  // DATE/TIME: the system's durations are left out as the gold's are.
  std::vector<TimeExpr> points;
  for (const TimeExpr& t : sys) {
    if (t.kind != "duration") points.push_back(t);
  }
  one(main, points, s.strict, s.relaxed, s.value);
  Prf dummy;
  one(all, sys, dummy, s.all_relaxed, s.all_value);
  s.docs++;
}

}  // namespace

int cmd_eval_timex(int argc, char** argv) {
  Args args = parse_args(argc, argv, 3, {"format", "lang", "data", "half"}, {"json", "help", "misses"});
  if (args.has("help")) return std::fputs(kHelp, stdout), kExitOk;
  std::string format = args.get("format"), lang = args.get("lang");
  if (args.error.empty() && format != "tml" && format != "wikiwars") args.error = "--format tml|wikiwars is required";
  if (args.error.empty() && lang.empty()) args.error = "--lang is required";
  if (args.error.empty() && args.positional.size() != 1) args.error = "one PATH is required";
  std::string half = args.get("half");
  if (args.error.empty() && !half.empty() && half != "1" && half != "2") args.error = "--half 1|2";
  if (!args.error.empty()) {
    print_error("eval timex", args.error);
    std::fputs(kHelp, stderr);
    return kExitUsage;
  }
  namespace fs = std::filesystem;
  std::string root = args.positional[0];
  std::error_code ec;
  if (!fs::is_directory(root, ec)) return print_error("eval timex", root + ": not a directory"), kExitFatal;
  TimeOptions to;
  to.data_dir = args.get("data");
  // History narratives: a yearless date takes the year of the narrative around it.
  to.narrative = format == "wikiwars";
  auto extractor = TimeExtractor::create(to);
  if (!extractor) return print_error("eval timex", extractor.status().message()), kExitFatal;

  std::vector<std::string> files;
  for (auto it = fs::recursive_directory_iterator(root, ec); it != fs::recursive_directory_iterator(); ++it) {
    std::string p = it->path().string();
    if (format == "tml" && p.size() > 4 && p.substr(p.size() - 4) == ".tml") files.push_back(p);
    if (format == "wikiwars" && p.size() > 4 && p.substr(p.size() - 4) == ".sgm") files.push_back(p);
  }
  std::sort(files.begin(), files.end());
  if (!half.empty()) files = one_half(files, half == "1" ? 1 : 2);
  if (files.empty()) return print_error("eval timex", root + ": no ." + format + " documents"), kExitFatal;
  Scores s;
  for (const std::string& f : files) {
    Result<TimexDoc> d = Status::invalid("");
    if (format == "tml") {
      d = parse_tml(f);
    } else {
      fs::path p(f);
      std::string key = (p.parent_path().parent_path() / "key" / (p.stem().string() + ".key.apf.xml")).string();
      d = parse_wikiwars(f, key);
    }
    if (!d) return print_error("eval timex", d.status().message()), kExitFatal;
    TimeAnnotation a = (*extractor)->annotate(d->text, lang, d->dct, "");
    score(*d, a.times, s, args.has("misses"));
  }
  static const std::map<std::string, double> kHeidel = {{"en", 77.6}, {"de", 88.5}, {"fr", 73.6}};
  double heidel = kHeidel.count(lang) ? kHeidel.at(lang) : 0;
  if (args.has("json")) {
    std::puts(JsonObject()
                  .str("format", format)
                  .str("lang", lang)
                  .integer("documents", s.docs)
                  .raw("extent_strict", s.strict.json())
                  .raw("extent_relaxed", s.relaxed.json())
                  .raw("value", s.value.json())
                  .integer("excluded_duration_set", s.excluded)
                  .raw("all_types_extent_relaxed", s.all_relaxed.json())
                  .raw("all_types_value", s.all_value.json())
                  .num("heideltime_value_f1", heidel / 100)
                  .done()
                  .c_str());
  } else {
    std::printf("timex %s %s: %d documents, %ld gold (DATE/TIME; %ld DURATION/SET left out)\n", format.c_str(),
                lang.c_str(), s.docs, s.strict.gold, s.excluded);
    std::printf("  %-16s %6s %6s %6s\n", "", "P", "R", "F1");
    auto row = [](const char* name, const Prf& p) {
      std::printf("  %-16s %6.3f %6.3f %6.3f\n", name, p.p(), p.r(), p.f());
    };
    row("extent strict", s.strict);
    row("extent relaxed", s.relaxed);
    row("value", s.value);
    row("all types relax", s.all_relaxed);
    row("all types value", s.all_value);
    if (heidel > 0) std::printf("  HeidelTime published value F1: %.3f\n", heidel / 100);
  }
  return kExitOk;
}

}  // namespace ng::cli
