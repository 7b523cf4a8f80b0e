// Throughput of the document stages (decode -> extract -> clean -> language
// -> segment) on a corpus: documents/s and MB/s, per stage on one thread, and
// for the whole DocumentProcessor on 1 thread and on all cores.
//
//   stages_bench [--threads N] [--min-seconds S] [PATH...]
//
// PATH: directories or files as `newsgraph ingest` takes them; default: the
// bundled examples/ repeated. Checks its answers: every record must be
// processed the same way on every pass and thread count (same ids and
// languages), or the benchmark fails.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

#include "extract/mentions.h"
#include "link/linker.h"
#include "extract/events.h"
#include "extract/time.h"
#include "extract/topics.h"
#include "ingest/clean.h"
#include "ingest/html.h"
#include "ingest/reader.h"
#include "lexicon/tsv.h"
#include "pipeline/pipeline.h"
#include "text/decode.h"
#include "text/language.h"
#include "text/segment.h"

#ifndef NG_SOURCE_DIR
#define NG_SOURCE_DIR "."
#endif

using namespace ng;
using Clock = std::chrono::steady_clock;

namespace {

double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

// Runs fn over all records, repeating until min_seconds passed; returns passes/second.
template <typename Fn>
double timed_passes(double min_seconds, Fn&& fn, int& passes) {
  passes = 0;
  auto t = Clock::now();
  do {
    fn();
    ++passes;
  } while (seconds_since(t) < min_seconds);
  return seconds_since(t);
}

}  // namespace

int main(int argc, char** argv) {
  int threads = static_cast<int>(std::thread::hardware_concurrency());
  double min_seconds = 2.0;
  std::vector<std::string> paths;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--threads") && i + 1 < argc) threads = std::atoi(argv[++i]);
    else if (!std::strcmp(argv[i], "--min-seconds") && i + 1 < argc) min_seconds = std::atof(argv[++i]);
    else paths.push_back(argv[i]);
  }
  bool repeat_examples = paths.empty();
  if (repeat_examples) paths.push_back(std::string(NG_SOURCE_DIR) + "/examples");

  std::vector<RawRecord> records;
  RecordSink sink;
  sink.record = [&](RawRecord&& r) { records.push_back(std::move(r)); };
  sink.reject = [&](Reject&&) {};
  read_inputs(paths, {}, sink);
  if (records.empty()) {
    std::fprintf(stderr, "stages_bench: no records read from the given paths\n");
    return 1;
  }
  if (repeat_examples) {
    // About 20 MB of the examples, so that timings are not dominated by set-up.
    size_t n = records.size();
    uint64_t bytes = 0;
    for (const auto& r : records) bytes += r.body.size();
    size_t copies = std::max<uint64_t>(1, (20u << 20) / std::max<uint64_t>(bytes, 1));
    for (size_t c = 1; c < copies; ++c)
      for (size_t i = 0; i < n; ++i) records.push_back(records[i]);
  }
  uint64_t bytes = 0;
  for (const auto& r : records) bytes += r.body.size();
  std::printf("corpus: %zu records, %.1f MB (%s)\n", records.size(), bytes / 1e6,
              repeat_examples ? "examples/ repeated" : "given paths");

  PipelineOptions options;
  options.data_dir = default_data_dir();
  auto processor = DocumentProcessor::create(options);
  if (!processor) {
    std::fprintf(stderr, "stages_bench: %s\n", processor.status().to_string().c_str());
    return 1;
  }
  CleanOptions co;
  co.data_dir = options.data_dir;
  auto cleaner = Cleaner::create(co);
  SegmentOptions so;
  so.data_dir = options.data_dir;
  auto segmenter = Segmenter::create(so);
  if (!cleaner || !segmenter) return 1;
  LanguageIdentifier language;

  // Per-stage, one thread. Each stage's input is prepared by the stages before.
  std::vector<std::string> decoded(records.size()), extracted(records.size()), cleaned(records.size());
  std::vector<std::string> langs(records.size());
  int passes = 0;
  double t;
  auto report = [&](const char* name, double secs, int p, uint64_t stage_bytes) {
    std::printf("  %-10s %8.1f MB/s %10.0f docs/s\n", name, stage_bytes * p / secs / 1e6, records.size() * p / secs);
  };
  std::printf("per stage, 1 thread (MB of the stage's input):\n");
  t = timed_passes(min_seconds, [&] {
    for (size_t i = 0; i < records.size(); ++i) {
      auto d = decode_to_utf8(records[i].body, records[i].declared_charset);
      decoded[i] = d ? std::move(d->text) : std::string();
    }
  }, passes);
  report("decode", t, passes, bytes);
  double text_stages_secs = t / passes;  // decode + clean + language + segment, per pass
  uint64_t html_bytes = 0;
  for (size_t i = 0; i < records.size(); ++i)
    if (records[i].is_html) html_bytes += decoded[i].size();
  t = timed_passes(min_seconds, [&] {
    for (size_t i = 0; i < records.size(); ++i) {
      if (!records[i].is_html) {
        extracted[i] = decoded[i];
        continue;
      }
      auto a = extract_html(decoded[i]);
      extracted[i] = a ? std::move(a->text) : std::string();
    }
  }, passes);
  if (html_bytes) report("html", t, passes, html_bytes);
  uint64_t text_bytes = 0;
  for (const auto& e : extracted) text_bytes += e.size();
  t = timed_passes(min_seconds, [&] {
    for (size_t i = 0; i < records.size(); ++i) cleaned[i] = (*cleaner)->clean(extracted[i], true).text;
  }, passes);
  report("clean", t, passes, text_bytes);
  text_stages_secs += t / passes;
  uint64_t clean_bytes = 0;
  for (const auto& c : cleaned) clean_bytes += c.size();
  t = timed_passes(min_seconds, [&] {
    for (size_t i = 0; i < records.size(); ++i) langs[i] = language.identify(cleaned[i]).lang;
  }, passes);
  report("language", t, passes, clean_bytes);
  text_stages_secs += t / passes;
  size_t sentences = 0, tokens = 0;
  t = timed_passes(min_seconds, [&] {
    sentences = tokens = 0;
    for (size_t i = 0; i < records.size(); ++i) {
      sentences += (*segmenter)->sentences(cleaned[i], langs[i]).size();
      tokens += (*segmenter)->tokens(cleaned[i], langs[i]).size();
    }
  }, passes);
  report("segment", t, passes, clean_bytes);
  text_stages_secs += t / passes;
  std::printf("  (%zu sentences, %zu tokens per pass)\n", sentences, tokens);
  std::printf("  decode+clean+language+segment together: %.1f MB/s of raw input (HTML extraction excluded)\n",
              bytes / text_stages_secs / 1e6);
  {
    MentionOptions mo;
    mo.data_dir = options.data_dir;
    auto extractor = MentionExtractor::create(mo);
    if (!extractor) return 1;
    std::vector<Document> docs(records.size());
    for (size_t i = 0; i < records.size(); ++i) {
      docs[i].text = cleaned[i];
      docs[i].lang = langs[i];
      docs[i].sentences = (*segmenter)->sentences(cleaned[i], langs[i]);
      docs[i].tokens = (*segmenter)->tokens(cleaned[i], langs[i]);
    }
    size_t found = 0;
    t = timed_passes(min_seconds, [&] {
      found = 0;
      for (const Document& d : docs) found += (*extractor)->extract(d).size();
    }, passes);
    report("mentions", t, passes, clean_bytes);
    std::printf("  (%zu mentions per pass; languages with a tagger model: %zu)\n", found,
                (*extractor)->tagger_sources().size());
    double mention_secs = t / passes;
    // The same stage with the rules only, for comparison.
    mo.load_models = false;
    auto rules = MentionExtractor::create(mo);
    if (!rules) return 1;
    t = timed_passes(min_seconds, [&] {
      found = 0;
      for (const Document& d : docs) found += (*rules)->extract(d).size();
    }, passes);
    report("mentions/rules", t, passes, clean_bytes);

    // Linking (a corpus stage): every pass starts from an empty registry and
    // links the corpus in order, as one ingest run would; the registry grows
    // over the pass (the corpus repeats, so later copies link to known
    // entities). Checked: every pass links the same number of mentions.
    for (size_t i = 0; i < docs.size(); ++i) {
      docs[i].id = "d" + std::to_string(i);
      docs[i].mentions = (*extractor)->extract(docs[i]);
    }
    std::vector<std::vector<Mention>> extracted;
    for (const auto& d : docs) extracted.push_back(d.mentions);
    LinkOptions lo;
    lo.data_dir = options.data_dir;
    size_t linked = 0, entities = 0;
    std::vector<size_t> linked_per_pass;
    t = timed_passes(min_seconds, [&] {
      auto linker = Linker::create(lo);
      if (!linker) std::exit(1);
      for (size_t i = 0; i < docs.size(); ++i) docs[i].mentions = extracted[i];  // the linker edits them
      RegistryDelta delta = (*linker)->link(docs);
      linked = 0;
      for (const auto& d : docs)
        for (const auto& m : d.mentions) linked += m.entity > 0;
      entities = delta.created.size();
      linked_per_pass.push_back(linked);
    }, passes);
    // Linker::create (data files, gazetteer) is inside each pass: measured
    // apart and taken out, as an ingest run pays it once.
    auto c0 = std::chrono::steady_clock::now();
    if (!Linker::create(lo)) return 1;
    double create_secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - c0).count();
    double link_secs = std::max(1e-9, t / passes - create_secs);
    std::printf("  %-10s %8.1f MB/s %10.0f docs/s  (%zu mentions linked to %zu entities per pass)\n", "linking",
                clean_bytes / link_secs / 1e6, records.size() / link_secs, linked, entities);
    std::printf("  mentions+linking together: %.1f MB/s of cleaned text\n",
                clean_bytes / (mention_secs + link_secs) / 1e6);
    if (std::any_of(linked_per_pass.begin(), linked_per_pass.end(), [&](size_t n) { return n != linked_per_pass[0]; })) {
      std::fprintf(stderr, "stages_bench: linking differs between passes\n");
      return 1;
    }

    TimeOptions to;
    to.data_dir = options.data_dir;
    auto timex = TimeExtractor::create(to);
    if (!timex) return 1;
    t = timed_passes(min_seconds, [&] {
      found = 0;
      for (const Document& d : docs) found += (*timex)->annotate(d).times.size();
    }, passes);
    report("time", t, passes, clean_bytes);
    std::printf("  (%zu temporal expressions per pass)\n", found);
    double time_secs = t / passes;

    // Topics and event frames (the time and events issue's target: time +
    // events + topics >= 5 MB/s per core). Events read the linked mentions,
    // times and event date, as on the committing thread.
    for (Document& d : docs) {
      TimeAnnotation a = (*timex)->annotate(d);
      d.times = std::move(a.times);
      d.event_date = a.event_date;
    }
    TopicOptions tpo;
    tpo.data_dir = options.data_dir;
    auto topics = TopicTagger::create(tpo);
    if (!topics) return 1;
    t = timed_passes(min_seconds, [&] {
      found = 0;
      for (const Document& d : docs) found += (*topics)->tag(d).size();
    }, passes);
    report("topics", t, passes, clean_bytes);
    std::printf("  (%zu topics per pass)\n", found);
    double topic_secs = t / passes;
    EventOptions eo;
    eo.data_dir = options.data_dir;
    auto events = EventExtractor::create(eo);
    if (!events) return 1;
    t = timed_passes(min_seconds, [&] {
      found = 0;
      for (const Document& d : docs) found += (*events)->extract(d).size();
    }, passes);
    report("events", t, passes, clean_bytes);
    std::printf("  (%zu event frames per pass)\n", found);
    std::printf("  time+topics+events together: %.1f MB/s of cleaned text\n",
                clean_bytes / (time_secs + topic_secs + t / passes) / 1e6);
  }

  // Whole processor, 1 thread and N threads; answers must agree.
  std::vector<std::string> reference;
  std::printf("all document stages (DocumentProcessor::process), MB of raw input:\n");
  for (int n : {1, threads}) {
    std::vector<std::string> answer(records.size());
    std::atomic<size_t> next{0};
    int p = 0;
    double secs = timed_passes(min_seconds, [&] {
      next = 0;
      std::vector<std::thread> pool;
      for (int k = 0; k < n; ++k) {
        pool.emplace_back([&] {
          for (size_t i = next++; i < records.size(); i = next++) {
            auto d = (*processor)->process(records[i]);
            answer[i] = d ? d->id + "/" + d->lang + "/" + std::to_string(d->sentences.size()) + "/" +
                                std::to_string(d->times.size()) + "/" + d->event_date
                          : "rejected";
          }
        });
      }
      for (auto& th : pool) th.join();
    }, p);
    std::printf("  %2d thread(s) %8.1f MB/s %10.0f docs/s  (%.1f MB/s per thread)\n", n, bytes * p / secs / 1e6,
                records.size() * p / secs, bytes * p / secs / 1e6 / n);
    if (reference.empty()) {
      reference = answer;
    } else if (answer != reference) {
      std::fprintf(stderr, "stages_bench: results differ between 1 and %d threads\n", n);
      return 1;
    }
    if (n == threads) break;
  }
  size_t rejected = std::count(reference.begin(), reference.end(), "rejected");
  std::printf("check: %zu documents, %zu rejected, identical across thread counts\n", reference.size() - rejected,
              rejected);
  return rejected == reference.size() ? 1 : 0;
}
