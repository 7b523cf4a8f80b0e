// newsgraph eval dates PATH...: runs the document stages on inputs (no store)
// and prints each document's event date, how it was chosen, and its temporal
// expressions. For looking at the time stage on files without gold (seeds).
#include <cstdio>

#include "cli/args.h"
#include "cli/commands.h"
#include "cli/common.h"
#include "cli/json.h"
#include "pipeline/pipeline.h"

namespace ng::cli {

namespace {
const char* kHelp = R"(usage: newsgraph eval dates PATH... [--reference-date YYYY-MM-DD] [--times] [--json]

Runs the document stages on PATH (files, directories, -) without a store and
prints, per document: source, language, event date, how it was chosen. --times
adds every temporal expression (span, value, anchor, evidence).
--reference-date: when the documents were collected; the last resort for a
year nothing in a document gives (otherwise such a year stays XXXX).
)";
}  // namespace

int cmd_eval_dates(int argc, char** argv) {
  Args args = parse_args(argc, argv, 3, {"reference-date", "data"}, {"json", "times", "help"});
  if (args.has("help")) return std::fputs(kHelp, stdout), kExitOk;
  if (args.positional.empty() && args.error.empty()) args.error = "a PATH is required";
  if (!args.error.empty()) {
    print_error("eval dates", args.error);
    std::fputs(kHelp, stderr);
    return kExitUsage;
  }
  PipelineOptions options;
  options.data_dir = args.get("data");
  options.time.reference_date = args.get("reference-date");
  auto processor = DocumentProcessor::create(options);
  if (!processor) return print_error("eval dates", processor.status().message()), kExitFatal;
  int rejected = 0;
  RecordSink sink;
  sink.reject = [&](Reject&& r) {
    ++rejected;
    std::fprintf(stderr, "rejected: %s %s: %s\n", r.source.c_str(), r.locator.c_str(), r.reason.c_str());
  };
  sink.record = [&](RawRecord&& rec) {
    auto doc = (*processor)->process(rec);
    if (!doc) {
      ++rejected;
      std::fprintf(stderr, "rejected: %s: %s\n", rec.where().c_str(), doc.status().message().c_str());
      return;
    }
    const Document& d = *doc;
    if (args.has("json")) {
      std::puts(JsonObject()
                    .str("id", d.id)
                    .str("source", d.source)
                    .str("lang", d.lang)
                    .str("event_date", d.event_date)
                    .str("event_date_how", d.event_date_how)
                    .raw("times", times_json(d))
                    .done()
                    .c_str());
    } else {
      std::printf("%s\t%s\t%s\t%s\n", d.source.c_str(), d.lang.c_str(),
                  d.event_date.empty() ? "-" : d.event_date.c_str(), d.event_date_how.c_str());
      if (args.has("times")) {
        for (const TimeExpr& t : d.times) {
          std::printf("    [%u,%u) %-24s %-10s %-9s %s  %s\n", t.span.begin, t.span.end,
                      std::string(t.span.of(d.text)).c_str(), t.value.c_str(), t.kind.c_str(), t.anchor.c_str(),
                      t.evidence.c_str());
        }
      }
    }
  };
  read_inputs(args.positional, options.reader, sink);
  return rejected ? kExitRejected : kExitOk;
}

}  // namespace ng::cli
