// newsgraph ingest PATH...
#include <unistd.h>

#include <cstdio>
#include <thread>

#include "cli/common.h"
#include "cli/commands.h"
#include "pipeline/pipeline.h"

namespace ng::cli {

namespace {
const char* kHelp = R"(usage: newsgraph ingest [options] PATH...

Reads articles from files, directories (recursively) and - (stdin), runs the
document stages (decode, clean, language, segment) and stores the documents.
Formats by extension: .txt, .html/.htm, .jsonl[.gz], .xml/.rss/.atom (RSS 2.0,
Atom), .warc[.gz]; stdin is sniffed. Ingesting the same input again adds
nothing. Rejected inputs are listed on stderr with their reason and stored
(see `newsgraph rejects`).

options:
  --db PATH          SQLite store (default ./newsgraph.db)
  --data DIR         resource directory
  --threads N        worker threads for document stages (default: all cores)
  --batch N          documents per transaction (default 256)
  --max-doc-mb N     largest single article accepted, in MiB (default 32)
  --reference-date D when the articles were collected (YYYY-MM-DD): the last
                     resort for the year of a date the text gives without one
  --json             print the summary as JSON
  --quiet            no summary, only rejects

exit codes: 0 all ingested, 1 some inputs rejected, 2 usage, 3 fatal
)";
}  // namespace

int cmd_ingest(int argc, char** argv) {
  Args args = parse_args(argc, argv, 2, {"db", "data", "threads", "batch", "max-doc-mb", "reference-date"},
                         {"json", "quiet", "help"});
  if (args.has("help")) {
    std::fputs(kHelp, stdout);
    return kExitOk;
  }
  PipelineOptions options;
  options.data_dir = args.get("data");
  options.threads = static_cast<int>(args.get_int("threads", 0));
  options.batch_size = static_cast<size_t>(args.get_int("batch", 256));
  options.time.reference_date = args.get("reference-date");
  if (args.error.empty() && !valid_date_or_empty(options.time.reference_date)) {
    args.error = "--reference-date must be YYYY-MM-DD";
  }
  long long max_mb = args.get_int("max-doc-mb", 32);
  if (args.error.empty() && (options.threads < 0 || max_mb <= 0 || args.get_int("batch", 256) <= 0)) {
    args.error = "--threads must be >= 0, --batch and --max-doc-mb > 0";
  }
  if (args.error.empty() && args.positional.empty()) args.error = "no input: give files, directories or -";
  if (!args.error.empty()) {
    print_error("ingest", args.error);
    std::fputs(kHelp, stderr);
    return kExitUsage;
  }
  options.reader.max_record_bytes = static_cast<uint64_t>(max_mb) << 20;

  bool tty = isatty(fileno(stderr));
  if (tty && !args.has("quiet")) {
    options.on_progress = [](const IngestSummary& s) {
      double mb = s.bytes / 1e6;
      std::fprintf(stderr, "\r\033[K%lld documents, %lld rejected, %.1f MB, %.0f docs/s",
                   static_cast<long long>(s.inserted + s.duplicates), static_cast<long long>(s.rejected), mb,
                   s.seconds > 0 ? (s.inserted + s.duplicates) / s.seconds : 0.0);
    };
  }

  auto store = open_store(args, "ingest", false);
  if (!store) return kExitFatal;
  auto pipeline = Pipeline::create(options, *store);
  if (!pipeline) {
    print_error("ingest", pipeline.status().message());
    return kExitFatal;
  }
  auto summary = (*pipeline)->ingest(args.positional);
  if (tty && !args.has("quiet")) std::fputs("\r\033[K", stderr);
  if (!summary) {
    print_error("ingest", summary.status().message());
    return kExitFatal;
  }
  const IngestSummary& s = *summary;
  for (const auto& r : s.rejects) {
    std::fprintf(stderr, "rejected: %s%s%s: %s\n", r.source.c_str(), r.locator.empty() ? "" : ":",
                 r.locator.c_str(), r.reason.c_str());
  }
  if (args.has("json")) {
    std::string langs = "{";
    bool first = true;
    for (const auto& [lang, n] : s.by_lang) {
      if (!first) langs += ',';
      first = false;
      langs += "\"" + lang + "\":" + std::to_string(n);
    }
    langs += "}";
    std::printf("{\"records\":%lld,\"inserted\":%lld,\"duplicates\":%lld,\"rejected\":%lld,"
                "\"lang_disagreements\":%lld,\"bytes\":%llu,\"seconds\":%.3f,\"by_lang\":%s}\n",
                static_cast<long long>(s.records), static_cast<long long>(s.inserted),
                static_cast<long long>(s.duplicates), static_cast<long long>(s.rejected),
                static_cast<long long>(s.lang_disagreements), static_cast<unsigned long long>(s.bytes), s.seconds,
                langs.c_str());
  } else if (!args.has("quiet")) {
    std::printf("ingested %lld new documents (%lld already stored), %lld inputs rejected, in %.2f s",
                static_cast<long long>(s.inserted), static_cast<long long>(s.duplicates),
                static_cast<long long>(s.rejected), s.seconds);
    if (s.seconds > 0) std::printf(" (%.1f MB/s)", s.bytes / 1e6 / s.seconds);
    std::printf("\n");
    if (!s.by_lang.empty()) {
      std::printf("new documents by language:");
      for (const auto& [lang, n] : s.by_lang) std::printf(" %s %lld", lang.c_str(), static_cast<long long>(n));
      std::printf("\n");
    }
    if (s.lang_disagreements > 0) {
      std::printf("%lld documents whose given language differs from the detected one (see `newsgraph docs`)\n",
                  static_cast<long long>(s.lang_disagreements));
    }
  }
  return s.rejected > 0 ? kExitRejected : kExitOk;
}

}  // namespace ng::cli
