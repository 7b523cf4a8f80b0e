// newsgraph eval events RECORDS: the event stage's CAMEO codes against
// PETRARCH-style coded sentences (src/eval/event_score.h: formats, scores).
// The records' actors are named by an actor dictionary read here, at
// evaluation time only: its matches are the sentence's mentions (countries
// by the first three letters of their code), so the event stage is scored
// on its triggers and the sides it picks, not on finding fictional names.
#include <cstdio>
#include <cctype>
#include <filesystem>
#include <set>

#include "cli/args.h"
#include "cli/commands.h"
#include "cli/common.h"
#include "cli/json.h"
#include "eval/event_score.h"
#include "extract/events.h"

namespace ng::cli {

namespace {
const char* kHelp = R"(usage: newsgraph eval events RECORDS.xml [--actors DICT] [--lang xx] [--half 1|2] [--json] [--misses]

RECORDS.xml: <Sentence> records with <EventCoding sourcecode= targetcode=
eventcode=> and <Text> (PETRARCH2's PETR.UnitTest.records.xml). DICT: the
actor dictionary naming their actors (default: ../dictionaries/
PETR.Validate.actors.txt beside the records' folder). Prints sentences with
an expected code, precision/recall/F1 of the distinct codes per sentence at
the CAMEO root (two digits) and in full, per root code, and how often the
source and target countries agree where the stage names them.
--half 1|2: only the odd (1st, 3rd...) or even records, in file order.
--misses: first lists each record whose codes differ (gold, then ours).
)";

std::string codes(const std::vector<eval::Coding>& cs) {
  std::string s;
  for (const auto& c : cs) s += (s.empty() ? "" : " ") + c.event + "(" + c.source + ">" + c.target + ")";
  return s.empty() ? "-" : s;
}
}  // namespace

int cmd_eval_events(int argc, char** argv) {
  Args args = parse_args(argc, argv, 3, {"actors", "lang", "half", "data"}, {"json", "help", "misses"});
  if (args.has("help")) return std::fputs(kHelp, stdout), kExitOk;
  std::string half = args.get("half");
  if (args.error.empty() && args.positional.size() != 1) args.error = "one RECORDS file is required";
  if (args.error.empty() && !half.empty() && half != "1" && half != "2") args.error = "--half 1|2";
  if (!args.error.empty()) {
    print_error("eval events", args.error);
    std::fputs(kHelp, stderr);
    return kExitUsage;
  }
  namespace fs = std::filesystem;
  std::string records = args.positional[0];
  std::string actors = args.get(
      "actors", (fs::path(records).parent_path().parent_path() / "dictionaries" / "PETR.Validate.actors.txt").string());
  auto sentences = eval::read_coded_sentences(records);
  if (!sentences) return print_error("eval events", sentences.status().message()), kExitFatal;
  auto dict = eval::ActorDictionary::read(actors);
  if (!dict) return print_error("eval events", dict.status().message()), kExitFatal;
  EventOptions eo;
  eo.data_dir = args.get("data");
  auto extractor = EventExtractor::create(eo);
  if (!extractor) return print_error("eval events", extractor.status().message()), kExitFatal;

  std::vector<eval::CodedSentence> use = *sentences;
  if (!half.empty()) use = one_half(use, half == "1" ? 1 : 2);
  eval::EventScores s;
  for (const eval::CodedSentence& cs : use) {
    Document d;
    d.text = cs.text;
    d.lang = args.get("lang", "en");
    d.sentences.push_back({{0, static_cast<uint32_t>(d.text.size())}});
    for (const eval::ActorSpan& a : dict->find(d.text)) {
      Mention m;
      m.span = {static_cast<uint32_t>(a.begin), static_cast<uint32_t>(a.end)};
      m.type = "LOC";
      m.place = a.code.substr(0, 3);
      for (char& c : m.place) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      d.mentions.push_back(m);
    }
    std::vector<eval::Coding> ours;
    for (const EventFrame& f : (*extractor)->extract(d)) ours.push_back({f.country1, f.country2, f.code});
    eval::score_sentence(cs, ours, s);
    if (args.has("misses")) {
      std::set<std::string> g, o;
      for (const auto& c : cs.gold) g.insert(c.event);
      for (const auto& c : ours) o.insert(c.event);
      if (g != o) std::printf("%s\n  gold %s\n  ours %s\n  %s\n", cs.id.c_str(), codes(cs.gold).c_str(),
                              codes(ours).c_str(), cs.text.c_str());
    }
  }
  auto counts_json = [](const eval::CodeCounts& c) {
    return JsonObject()
        .integer("gold", c.gold)
        .integer("system", c.system)
        .integer("correct", c.correct)
        .num("precision", c.precision())
        .num("recall", c.recall())
        .num("f1", c.f1())
        .done();
  };
  if (args.has("json")) {
    std::string per = "{";
    for (const auto& [root, c] : s.per_root) per += (per.size() > 1 ? "," : "") + ("\"" + root + "\":") + counts_json(c);
    per += "}";
    std::puts(JsonObject()
                  .integer("sentences", s.sentences)
                  .integer("with_event", s.with_event)
                  .raw("root", counts_json(s.root))
                  .raw("full", counts_json(s.full))
                  .raw("per_root", per)
                  .integer("sides", s.sides)
                  .integer("with_source", s.with_source)
                  .integer("source_agree", s.source_agree)
                  .integer("with_target", s.with_target)
                  .integer("target_agree", s.target_agree)
                  .done()
                  .c_str());
    return kExitOk;
  }
  std::printf("events: %ld sentences, %ld with an expected code (%zu actor names)\n", s.sentences, s.with_event,
              dict->size());
  std::printf("  %-10s %6s %6s %7s %6s %6s %6s\n", "", "gold", "ours", "correct", "P", "R", "F1");
  auto row = [](const std::string& name, const eval::CodeCounts& c) {
    std::printf("  %-10s %6ld %6ld %7ld %6.3f %6.3f %6.3f\n", name.c_str(), c.gold, c.system, c.correct, c.precision(),
                c.recall(), c.f1());
  };
  row("root", s.root);
  row("full code", s.full);
  for (const auto& [root, c] : s.per_root) row("  root " + root, c);
  std::printf("  sides (ours with a matching root): %ld; source agrees %ld of %ld, target agrees %ld of %ld\n", s.sides,
              s.source_agree, s.with_source, s.target_agree, s.with_target);
  return kExitOk;
}

}  // namespace ng::cli
