// The pipeline: the one place that knows the whole flow. It reads inputs,
// runs the document stages (decode -> extract -> clean -> language ->
// segment -> mentions -> topics -> time) on worker threads, links each batch's
// mentions to the entity registry (src/link) in input order, and commits the
// batch with what the registry learnt in one transaction. The CLI and (later)
// the HTTP ingest both call it.
//
// Determinism: document stages are pure and batches are committed in input
// order, so the store's content does not depend on the number of threads.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "cluster/clusterer.h"
#include "core/document.h"
#include "core/status.h"
#include "extract/events.h"
#include "extract/fingerprint.h"
#include "extract/mentions.h"
#include "extract/topics.h"
#include "extract/time.h"
#include "ingest/clean.h"
#include "ingest/html.h"
#include "ingest/reader.h"
#include "link/linker.h"
#include "store/store.h"
#include "text/decode.h"
#include "text/language.h"
#include "text/segment.h"

namespace ng {

struct PipelineOptions {
  std::string data_dir;        // data/ resources; empty = default_data_dir()
  int threads = 0;             // worker threads for document stages; 0 = all cores
  size_t batch_size = 256;     // records per transaction
  bool keep_tokens = true;     // store tokens (they can be recomputed)
  ReaderOptions reader;
  DecodeOptions decode;
  HtmlOptions html;
  LanguageOptions language;
  // The time stage; its data_dir is data_dir.
  TimeOptions time;
  // The clustering stage (src/cluster).
  ClusterOptions cluster;
  // Called about twice a second during ingest with the running summary (for a
  // progress line); may be empty.
  std::function<void(const struct IngestSummary&)> on_progress;
};

struct IngestSummary {
  int64_t records = 0;      // records read (documents or not)
  int64_t inserted = 0;     // new documents stored
  int64_t duplicates = 0;   // already stored (same id): nothing added
  int64_t rejected = 0;     // inputs rejected (each also in `rejects`)
  int64_t lang_disagreements = 0;  // given language != reliably detected language
  uint64_t bytes = 0;       // raw bytes of the records read
  double seconds = 0;
  std::map<std::string, int64_t> by_lang;  // new documents per language
  std::vector<Reject> rejects;             // in input order
};

// The document stages, built once from their options; process() is const and
// thread-safe.
class DocumentProcessor {
 public:
  static Result<std::unique_ptr<DocumentProcessor>> create(const PipelineOptions& options);
  ~DocumentProcessor();

  // Runs every document stage on one record. An error is the reason the
  // record is rejected (it names no file: the caller adds record.where()).
  Result<Document> process(const RawRecord& record) const;

  // The stages after segmentation, on a document that has its text,
  // language and sentences (tokens are made when missing): mentions, topics,
  // candidate event frames, time. process() ends with it; `newsgraph relink`
  // runs it on stored documents.
  void annotate(Document& d) const;

  // The event stage, whose candidate frames process() finds and the
  // pipeline completes after linking.
  const EventExtractor& events() const { return *events_; }
  // The place gazetteer the stages share (the linker takes it too).
  std::shared_ptr<const Gazetteer> gazetteer() const { return gazetteer_; }

 private:
  DocumentProcessor();
  PipelineOptions options_;
  std::unique_ptr<Cleaner> cleaner_;
  std::unique_ptr<Segmenter> segmenter_;
  std::unique_ptr<MentionExtractor> mentions_;
  std::unique_ptr<TimeExtractor> time_;
  std::unique_ptr<TopicTagger> topics_;
  std::unique_ptr<EventExtractor> events_;  // candidate frames (find); Pipeline completes them after linking
  std::unique_ptr<Fingerprinter> fingerprinter_;
  std::shared_ptr<const Gazetteer> gazetteer_;
  LanguageIdentifier language_;
};

// The stable document id: the external id when given; else "u" + hash of the
// canonical URL when the URL is the document's own (HTML canonical, WARC
// target, feed link, JSONL url); else "h" + hash of the text with whitespace
// collapsed.
std::string document_id(const RawRecord& record, const Document& doc, bool url_is_identity);

class Pipeline {
 public:
  static Result<std::unique_ptr<Pipeline>> create(const PipelineOptions& options, Store& store);
  ~Pipeline();

  // Ingests `paths` (files, directories, "-"). Rejected inputs do not stop
  // the run: they are stored and listed in the summary. A store error is
  // fatal and returned (batches committed before it stay committed).
  Result<IngestSummary> ingest(const std::vector<std::string>& paths);

  // Processes records already in memory (used by tests and benchmarks):
  // same stages, same commit rules.
  Result<IngestSummary> ingest_records(std::vector<RawRecord> records);

  // `newsgraph relink`: runs the document stages after segmentation again on
  // every stored document (DocumentProcessor::annotate), forgets the entity
  // registry and the clusters, and links and clusters all documents again in
  // arrival order, one transaction per batch_size documents. Returns the
  // number of documents.
  Result<int64_t> relink();

  const DocumentProcessor& processor() const { return *processor_; }

 private:
  Pipeline() = default;
  struct Run;
  // The corpus stages on a batch of new documents, in order: link, complete
  // the event frames, cluster.
  void corpus_stages(std::vector<Document>& docs, RegistryDelta& registry, ClusterDelta& clusters);
  // Reloads the corpus stages' state from the store.
  Status restore();
  PipelineOptions options_;
  Store* store_ = nullptr;
  std::unique_ptr<DocumentProcessor> processor_;
  std::unique_ptr<Linker> linker_;        // continues from the store's registry
  std::unique_ptr<Clusterer> clusterer_;  // continues from the store's clusters
  bool stale_ = true;  // reload the corpus stages before the next batch (start, or after a failed write)
  int64_t seen_changes_ = -1;  // Store::change_count() when the state was last in step with the store
  // At the start of a run: stale when anything but this pipeline committed since.
  void check_change_count();
};

}  // namespace ng
