#include "pipeline/pipeline.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <set>
#include <thread>

#include "core/hash.h"
#include "lexicon/tsv.h"

namespace ng {
namespace {

// Runs fn(i) for i in [0, n) on a fixed set of threads; the caller's thread
// works too. Built once per pipeline run.
class WorkerPool {
 public:
  explicit WorkerPool(int threads) {
    for (int i = 1; i < threads; ++i) workers_.emplace_back([this] { loop(); });
  }
  ~WorkerPool() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stop_ = true;
      ++generation_;
    }
    cv_.notify_all();
    for (auto& t : workers_) t.join();
  }

  void run(size_t n, const std::function<void(size_t)>& fn) {
    if (workers_.empty() || n <= 1) {
      for (size_t i = 0; i < n; ++i) fn(i);
      return;
    }
    {
      std::lock_guard<std::mutex> lock(mu_);
      fn_ = &fn;
      n_ = n;
      next_.store(0);
      active_ = workers_.size();
      ++generation_;
    }
    cv_.notify_all();
    work();
    std::unique_lock<std::mutex> lock(mu_);
    done_cv_.wait(lock, [this] { return active_ == 0; });
    fn_ = nullptr;
  }

 private:
  void work() {
    while (true) {
      size_t i = next_.fetch_add(1);
      if (i >= n_) break;
      (*fn_)(i);
    }
  }
  void loop() {
    uint64_t seen = 0;
    while (true) {
      {
        std::unique_lock<std::mutex> lock(mu_);
        cv_.wait(lock, [&] { return generation_ != seen; });
        seen = generation_;
        if (stop_) return;
      }
      work();
      {
        std::lock_guard<std::mutex> lock(mu_);
        if (--active_ == 0) done_cv_.notify_one();
      }
    }
  }

  std::vector<std::thread> workers_;
  std::mutex mu_;
  std::condition_variable cv_, done_cv_;
  const std::function<void(size_t)>* fn_ = nullptr;
  size_t n_ = 0;
  std::atomic<size_t> next_{0};
  size_t active_ = 0;
  uint64_t generation_ = 0;
  bool stop_ = false;
};

std::string lower_ascii(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// "EN", "en-US", "en_GB" -> "en".
std::string primary_subtag(const std::string& tag) {
  std::string s = lower_ascii(tag);
  size_t cut = s.find_first_of("-_");
  if (cut != std::string::npos) s.resize(cut);
  return s;
}

std::string collapse_ws(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

}  // namespace

DocumentProcessor::DocumentProcessor() = default;
DocumentProcessor::~DocumentProcessor() = default;

Result<std::unique_ptr<DocumentProcessor>> DocumentProcessor::create(const PipelineOptions& options) {
  std::unique_ptr<DocumentProcessor> p(new DocumentProcessor());
  p->options_ = options;
  if (p->options_.data_dir.empty()) p->options_.data_dir = default_data_dir();
  CleanOptions clean;
  clean.data_dir = p->options_.data_dir;
  auto cleaner = Cleaner::create(clean);
  if (!cleaner) return cleaner.status();
  p->cleaner_ = std::move(*cleaner);
  SegmentOptions seg;
  seg.data_dir = p->options_.data_dir;
  auto segmenter = Segmenter::create(seg);
  if (!segmenter) return segmenter.status();
  p->segmenter_ = std::move(*segmenter);
  // One gazetteer for the stages that read places (built once: ICU, iso-codes).
  GazetteerOptions go;
  go.data_dir = p->options_.data_dir;
  auto gazetteer = Gazetteer::build(go);
  if (!gazetteer) return gazetteer.status();
  p->gazetteer_ = std::shared_ptr<const Gazetteer>(std::move(*gazetteer));
  MentionOptions mo;
  mo.data_dir = p->options_.data_dir;
  mo.gazetteer = p->gazetteer_;
  auto mentions = MentionExtractor::create(mo);
  if (!mentions) return mentions.status();
  p->mentions_ = std::move(*mentions);
  TimeOptions to = options.time;
  to.data_dir = p->options_.data_dir;
  auto time = TimeExtractor::create(to);
  if (!time) return time.status();
  p->time_ = std::move(*time);
  TopicOptions tpo;
  tpo.data_dir = p->options_.data_dir;
  auto topics = TopicTagger::create(tpo);
  if (!topics) return topics.status();
  p->topics_ = std::move(*topics);
  EventOptions evo;
  evo.data_dir = p->options_.data_dir;
  evo.gazetteer = p->gazetteer_;
  auto events = EventExtractor::create(evo);
  if (!events) return events.status();
  p->events_ = std::move(*events);
  NameKeyOptions ko;
  ko.data_dir = p->options_.data_dir;
  auto keyer = NameKeyer::create(ko);
  if (!keyer) return keyer.status();
  p->fingerprinter_ = std::make_unique<Fingerprinter>(std::shared_ptr<const NameKeyer>(std::move(*keyer)));
  p->language_ = LanguageIdentifier(options.language);
  return p;
}

void DocumentProcessor::annotate(Document& d) const {
  if (d.tokens.empty() && !d.text.empty()) d.tokens = segmenter_->tokens(d.text, d.lang);  // a store without tokens
  d.mentions = mentions_->extract(d);
  d.topics = topics_->tag(d);
  d.events = events_->find(d);  // candidates: completed after linking (Pipeline)
  TimeAnnotation times = time_->annotate(d);
  d.times = std::move(times.times);
  d.event_date = std::move(times.event_date);
  d.event_date_how = std::move(times.event_date_how);
  d.fingerprint = fingerprinter_->fingerprint(d);
}

std::string document_id(const RawRecord& record, const Document& doc, bool url_is_identity) {
  if (!record.id.empty()) return record.id;
  if (url_is_identity && !doc.url.empty()) return "u" + hex64(stable_hash64(doc.url));
  return "h" + hex64(stable_hash64(collapse_ws(doc.text)));
}

Result<Document> DocumentProcessor::process(const RawRecord& record) const {
  Document d;
  d.source = record.where();
  d.format = record.format;
  d.raw_size = record.body.size();

  std::string charset = record.declared_charset;
  if (record.is_html && charset.empty()) charset = sniff_html_charset(record.body);
  auto decoded = decode_to_utf8(record.body, charset, options_.decode);
  if (!decoded) return decoded.status();
  d.charset = decoded->charset;
  d.invalid_bytes = decoded->invalid;

  std::string html_lang, html_title, html_published, canonical;
  if (record.is_html) {
    auto article = extract_html(decoded->text, options_.html);
    if (!article) return article.status();
    d.extracted = std::move(article->text);
    html_lang = article->lang;
    html_title = std::move(article->title);
    html_published = std::move(article->published);
    canonical = std::move(article->canonical_url);
  } else {
    d.extracted = std::move(decoded->text);
  }

  bool want_title = record.title.empty() && html_title.empty();
  CleanResult cleaned = cleaner_->clean(d.extracted, want_title);
  d.text = std::move(cleaned.text);
  d.removed = std::move(cleaned.removed);
  d.agency = std::move(cleaned.agency);
  if (d.text.empty()) {
    return Status::invalid("no article text" +
                           (d.removed.empty() ? std::string()
                                              : " after removing " + std::to_string(d.removed.size()) +
                                                    " furniture line(s)"));
  }

  // Metadata: what the record states, then what the page states, then what
  // the text's own source line states.
  bool url_is_identity = true;
  if (!canonical.empty()) d.url = canonical;
  else if (!record.url.empty()) d.url = record.url;
  else {
    d.url = cleaned.url;
    url_is_identity = false;  // a "Source: URL" line cites, it does not identify
  }
  d.title = !record.title.empty() ? record.title : !html_title.empty() ? html_title : cleaned.title;
  // A page's own date beats a feed's or crawler's date for the same page.
  d.published = !html_published.empty() && record.format != Format::kJsonl ? html_published : record.published;
  if (d.published.empty()) d.published = html_published;

  LanguageResult lang = language_.identify(d.text, d.url, html_lang);
  d.lang_detected = lang.lang;
  d.lang_confidence = lang.confidence;
  d.lang_reliable = lang.reliable;
  d.paragraphs = std::move(lang.paragraphs);
  if (!record.lang.empty()) d.lang_given = primary_subtag(record.lang);
  d.lang = !d.lang_given.empty() ? d.lang_given : d.lang_detected;

  d.sentences = segmenter_->sentences(d.text, d.lang);
  d.tokens = segmenter_->tokens(d.text, d.lang);
  annotate(d);
  if (!options_.keep_tokens) d.tokens.clear();

  d.id = document_id(record, d, url_is_identity);
  return d;
}

Pipeline::~Pipeline() = default;

Result<std::unique_ptr<Pipeline>> Pipeline::create(const PipelineOptions& options, Store& store) {
  auto processor = DocumentProcessor::create(options);
  if (!processor) return processor.status();
  std::unique_ptr<Pipeline> p(new Pipeline());
  p->options_ = options;
  if (p->options_.threads <= 0) {
    p->options_.threads = std::max(1u, std::thread::hardware_concurrency());
  }
  if (p->options_.batch_size == 0) p->options_.batch_size = 1;
  p->store_ = &store;
  p->processor_ = std::move(*processor);
  LinkOptions lo;
  lo.data_dir = options.data_dir;
  lo.gazetteer = p->processor_->gazetteer();
  auto linker = Linker::create(lo);
  if (!linker) return linker.status();
  p->linker_ = std::move(*linker);
  p->clusterer_ = std::make_unique<Clusterer>(options.cluster);
  return p;
}

Status Pipeline::restore() {
  auto snapshot = store_->load_registry();
  if (!snapshot) return snapshot.status();
  linker_->restore(*snapshot);
  auto clusters = store_->load_clusters();
  if (!clusters) return clusters.status();
  clusterer_->restore(*clusters);
  stale_ = false;
  auto changes = store_->change_count();
  seen_changes_ = changes ? *changes : -1;
  return Status::ok();
}

void Pipeline::check_change_count() {
  auto changes = store_->change_count();
  if (!changes || *changes != seen_changes_) stale_ = true;
}

void Pipeline::corpus_stages(std::vector<Document>& docs, RegistryDelta& registry, ClusterDelta& clusters) {
  auto country = [&](int64_t entity) { return linker_->country(entity); };
  registry = linker_->link(docs, [&](Document& d) { d.events = processor_->events().complete(d, country); });
  clusters = clusterer_->assign(docs);
}

Result<int64_t> Pipeline::relink() {
  auto ids = store_->list_documents({});
  if (!ids) return ids.status();
  NG_RETURN_IF_ERROR(store_->clear_registry());
  NG_RETURN_IF_ERROR(store_->clear_clusters());
  stale_ = true;
  NG_RETURN_IF_ERROR(restore());
  int64_t done = 0;
  const size_t batch = options_.batch_size;
  for (size_t from = 0; from < ids->size(); from += batch) {
    std::vector<Document> docs;
    for (size_t i = from; i < ids->size() && i < from + batch; ++i) {
      auto d = store_->get_document((*ids)[i].id);
      if (!d) return d.status();
      if (!d->has_value()) continue;
      Document doc = std::move(**d);
      doc.event_cluster = doc.story = 0;
      doc.copy_of.clear();
      processor_->annotate(doc);
      docs.push_back(std::move(doc));
    }
    RegistryDelta registry;
    ClusterDelta clusters;
    corpus_stages(docs, registry, clusters);
    if (Status st = store_->write_links(docs, registry, clusters); !st) {
      stale_ = true;
      return st;
    }
    done += static_cast<int64_t>(docs.size());
  }
  return done;
}

// State of one ingest run: the current batch and the running summary.
struct Pipeline::Run {
  Pipeline& p;
  WorkerPool pool;
  IngestSummary summary;
  std::vector<RawRecord> batch;
  std::vector<Reject> batch_rejects;
  Status error;
  std::chrono::steady_clock::time_point start = std::chrono::steady_clock::now();
  std::chrono::steady_clock::time_point last_progress = start;

  Run(Pipeline& pipeline) : p(pipeline), pool(pipeline.options_.threads) {}

  void add_reject(Reject r) {
    summary.rejected++;
    summary.rejects.push_back(r);
    batch_rejects.push_back(std::move(r));
  }

  void on_record(RawRecord&& r) {
    if (!error.is_ok()) return;
    summary.records++;
    summary.bytes += r.body.size();
    batch.push_back(std::move(r));
    if (batch.size() >= p.options_.batch_size) flush();
  }

  void on_reject(Reject&& r) {
    if (!error.is_ok()) return;
    summary.records++;
    add_reject(std::move(r));
    if (batch_rejects.size() >= p.options_.batch_size) flush();
  }

  void flush() {
    if (!error.is_ok()) return;
    if (batch.empty() && batch_rejects.empty()) return;
    // Records with an external id that is already stored need no work.
    std::set<std::string> known;
    {
      std::vector<std::string> ids;
      for (const auto& r : batch)
        if (!r.id.empty()) ids.push_back(r.id);
      if (!ids.empty()) {
        auto existing = p.store_->existing_ids(ids);
        if (!existing) {
          error = existing.status();
          return;
        }
        known.insert(existing->begin(), existing->end());
      }
    }
    std::vector<Result<Document>> results(batch.size(), Result<Document>(Status::internal("not processed")));
    std::vector<char> skip(batch.size(), 0);
    for (size_t i = 0; i < batch.size(); ++i) skip[i] = !batch[i].id.empty() && known.count(batch[i].id);
    pool.run(batch.size(), [&](size_t i) {
      if (!skip[i]) results[i] = p.processor_->process(batch[i]);
    });
    std::vector<Document> processed;
    processed.reserve(batch.size());
    for (size_t i = 0; i < batch.size(); ++i) {
      if (skip[i]) {
        summary.duplicates++;
        continue;
      }
      if (!results[i]) {
        add_reject(Reject{batch[i].source, batch[i].locator, results[i].status().message()});
        continue;
      }
      processed.push_back(std::move(results[i].value()));
    }
    // Drop documents already stored or repeated inside this batch, so that
    // the summary counts exactly what this run added.
    std::vector<std::string> ids;
    ids.reserve(processed.size());
    for (const auto& d : processed) ids.push_back(d.id);
    auto existing = p.store_->existing_ids(ids);
    if (!existing) {
      error = existing.status();
      return;
    }
    std::set<std::string> seen(existing->begin(), existing->end());
    std::vector<Document> docs;
    docs.reserve(processed.size());
    for (auto& d : processed) {
      if (!seen.insert(d.id).second) {
        summary.duplicates++;
        continue;
      }
      if (!d.lang_given.empty() && d.lang_reliable && d.lang_detected != d.lang_given) summary.lang_disagreements++;
      summary.by_lang[d.lang]++;
      docs.push_back(std::move(d));
    }
    // Linking and clustering run here, on one thread, in input order: entity
    // and cluster ids do not depend on the number of threads. Their state
    // mirrors the store; it is reloaded when a write failed (another process
    // may also write).
    if (p.stale_) {
      if (Status st = p.restore(); !st) {
        error = st;
        return;
      }
    }
    RegistryDelta registry;
    ClusterDelta clusters;
    p.corpus_stages(docs, registry, clusters);
    auto written = p.store_->write_batch(docs, batch_rejects, registry, clusters);
    if (!written) {
      p.stale_ = true;
      error = written.status();
      return;
    }
    {
      auto changes = p.store_->change_count();
      p.seen_changes_ = changes ? *changes : -1;
    }
    summary.inserted += written->inserted;
    summary.duplicates += written->duplicates;
    batch.clear();
    batch_rejects.clear();
    progress(false);
  }

  void progress(bool force) {
    if (!p.options_.on_progress) return;
    auto now = std::chrono::steady_clock::now();
    if (!force && now - last_progress < std::chrono::milliseconds(500)) return;
    last_progress = now;
    summary.seconds = std::chrono::duration<double>(now - start).count();
    p.options_.on_progress(summary);
  }
};

Result<IngestSummary> Pipeline::ingest(const std::vector<std::string>& paths) {
  check_change_count();  // another process may have written since the last run
  Run run(*this);
  RecordSink sink;
  sink.record = [&](RawRecord&& r) { run.on_record(std::move(r)); };
  sink.reject = [&](Reject&& r) { run.on_reject(std::move(r)); };
  read_inputs(paths, options_.reader, sink);
  run.flush();
  if (!run.error.is_ok()) return run.error;
  run.summary.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - run.start).count();
  run.progress(true);
  return std::move(run.summary);
}

Result<IngestSummary> Pipeline::ingest_records(std::vector<RawRecord> records) {
  check_change_count();
  Run run(*this);
  for (auto& r : records) run.on_record(std::move(r));
  run.flush();
  if (!run.error.is_ok()) return run.error;
  run.summary.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - run.start).count();
  return std::move(run.summary);
}

}  // namespace ng
