// Throughput of the event and story clusterer (src/cluster) as the store
// grows: documents/s of Clusterer::assign after 10k, 100k and 1M documents
// were already assigned, with its window and memory, and optionally of the
// batch's SQLite transaction (Store::write_batch with the ClusterDelta, as
// the pipeline commits it) on a store holding that many documents.
//
//   cluster_bench [--sizes 10000,100000,1000000] [--timed 20000] [--batch 256]
//                 [--store PATH] [--seed N]
//
// The stream is synthetic and built directly as linked Documents (no text,
// no document stages): an invented population of 50,000 entities (people
// and organisations, Zipf-distributed: a few are in the news every day)
// and 5,000 places; happenings (a date, 2-4 actors, a place, an event type,
// topic stems), about 1,000 a day, often continuing a running thread (the
// same actors days or weeks later, which makes long stories); each reported
// by 1-10 documents in 1-5 of 12 languages, published over the following
// days, some of them near-copies of another report (MinHash). Documents
// carry what the clusterer reads: fingerprint terms (per-language stems of
// the happening's topics and of a background vocabulary, numbers), MinHash,
// name cognates, mentions linked to entity ids, event frames, the event
// date and how it was found, the publication date, the language.
//
// memory MB is Clusterer::memory_bytes() (its own estimate); peak RSS is the
// whole process's, generator and pending documents included.
//
// `--store PATH` (a new file; removed first): every batch is also written
// with Store::write_batch (documents, the entities first seen, the
// clusters), prefill included; the table then has the write's cost too.
//
// Checks its answers: every document gets an event cluster and a story, the
// window holds min(assigned, ClusterOptions::window) documents, and the
// event clusters agree with the generated happenings (B-cubed F1 >= 0.5);
// else it exits 1. The digest line (a hash of every document's event
// cluster, story, near-copy and event date) must not change when the
// clusterer is optimised: same stream, same clusters.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <queue>
#include <sys/resource.h>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "cluster/clusterer.h"
#include "core/entity.h"
#include "store/store.h"

using namespace ng;
using Clock = std::chrono::steady_clock;

namespace {

double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

// --- deterministic randomness (the same stream on every platform) ---
uint64_t mix(uint64_t x) {
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

struct Rng {
  uint64_t s;
  explicit Rng(uint64_t seed) : s(seed) {}
  uint64_t next() { return mix(s++); }
  double unit() { return static_cast<double>(next() >> 11) * (1.0 / 9007199254740992.0); }
  // [lo, hi]
  int64_t range(int64_t lo, int64_t hi) { return lo + static_cast<int64_t>(next() % static_cast<uint64_t>(hi - lo + 1)); }
  bool chance(double p) { return unit() < p; }
};

// Zipf over ranks 0..n-1 with exponent s (inverse CDF by binary search).
class Zipf {
 public:
  Zipf(size_t n, double s) : cdf_(n) {
    double sum = 0;
    for (size_t i = 0; i < n; ++i) cdf_[i] = sum += 1.0 / std::pow(static_cast<double>(i + 1), s);
    for (double& c : cdf_) c /= sum;
  }
  size_t operator()(Rng& r) const {
    return static_cast<size_t>(std::lower_bound(cdf_.begin(), cdf_.end(), r.unit()) - cdf_.begin()) %
           cdf_.size();
  }

 private:
  std::vector<double> cdf_;
};

// --- dates ---
std::string civil(int64_t days) {  // days since 1970-01-01 -> YYYY-MM-DD
  days += 719468;
  const int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(days - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t y = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  y += m <= 2;
  char b[32];
  std::snprintf(b, sizeof b, "%04d-%02u-%02u", static_cast<int>(y % 10000), m, d);
  return b;
}

// --- the invented world ---
constexpr size_t kEntities = 50000;  // people and organisations: ids 1..50000
constexpr size_t kPlaces = 5000;     // places: ids 50001..55000
constexpr size_t kLangs = 12;
constexpr size_t kVocabulary = 30000;  // background concepts per language
constexpr int kHappeningsPerDay = 1000;
constexpr size_t kThreads = 2000;  // running threads (stories) that happenings continue
constexpr int64_t kFirstDay = 20089;  // 2025-01-01
const char* const kLangCodes[kLangs] = {"en", "de", "fr", "es", "ru", "vi", "id", "sv", "it", "pt", "pl", "tr"};
const char* const kCodes[] = {"040", "042", "043", "036", "057", "061", "046", "112", "190", "051"};

const char* entity_type(int64_t id) {
  if (id > static_cast<int64_t>(kEntities)) return "LOC";
  return id % 10 < 6 ? "PER" : "ORG";
}
uint32_t stem(size_t lang, uint64_t idea) { return static_cast<uint32_t>(mix((lang + 1) << 40 ^ idea)); }
uint32_t number_term(uint64_t n) { return static_cast<uint32_t>(mix(0xABCDull << 44 ^ n)); }
uint32_t cognate(int64_t entity) { return static_cast<uint32_t>(mix(0x5151ull << 44 ^ static_cast<uint64_t>(entity))); }

struct Thread {
  std::vector<int64_t> actors;       // core actors
  std::vector<uint64_t> topics;      // concepts
};

struct Happening {
  int64_t id = 0;
  int64_t day = 0;
  std::vector<int64_t> actors;
  int64_t place = 0;
  std::string code;
  std::vector<uint64_t> topics;
  std::vector<uint64_t> numbers;
  std::vector<size_t> langs;
  std::vector<const Document*> originals;  // reports so far (for near-copies)
};

struct Pending {
  int64_t minute = 0;  // publication time, minutes since kFirstDay
  int64_t seq = 0;
  Document doc;
  int64_t gold = 0;
};
struct Later {
  bool operator()(const Pending* a, const Pending* b) const {
    return a->minute != b->minute ? a->minute > b->minute : a->seq > b->seq;
  }
};

class Stream {
 public:
  explicit Stream(uint64_t seed)
      : rng_(seed), entities_(kEntities, 0.8), places_(kPlaces, 1.0), vocab_(kVocabulary, 1.0),
        langs_(kLangs, 1.2), threads_pick_(kThreads, 0.6), docs_per_(10, 1.0) {
    for (size_t i = 0; i < kThreads; ++i) threads_.push_back(new_thread());
  }
  ~Stream() {
    while (!heap_.empty()) delete heap_.top(), heap_.pop();
  }

  // The next `n` documents in publication order, with their happenings.
  void next(size_t n, std::vector<Document>& docs, std::vector<int64_t>& gold) {
    docs.clear();
    gold.clear();
    while (docs.size() < n) {
      if (heap_.empty() || heap_.top()->minute >= (day_ - kFirstDay) * 1440) {
        make_day();
        continue;
      }
      Pending* p = heap_.top();
      heap_.pop();
      docs.push_back(std::move(p->doc));
      gold.push_back(p->gold);
      delete p;
    }
  }

  const std::vector<NewEntity>& take_new_entities(std::vector<NewEntity>& out) {
    out.clear();
    out.swap(new_entities_);
    return out;
  }

 private:
  int64_t entity() { return static_cast<int64_t>(entities_(rng_)) + 1; }
  int64_t place() { return static_cast<int64_t>(kEntities + places_(rng_)) + 1; }

  Thread new_thread() {
    Thread t;
    int n = static_cast<int>(rng_.range(2, 3));
    while (static_cast<int>(t.actors.size()) < n) {
      int64_t e = entity();
      if (std::find(t.actors.begin(), t.actors.end(), e) == t.actors.end()) t.actors.push_back(e);
    }
    for (int i = 0; i < 3; ++i) t.topics.push_back(1000000 + rng_.next() % 200000);
    return t;
  }

  void seen(int64_t e) {
    if (known_.insert(e).second) {
      NewEntity n;
      n.id = e;
      n.type = entity_type(e);
      n.name = std::string(n.type == std::string("LOC") ? "Place " : "Name ") + std::to_string(e);
      new_entities_.push_back(std::move(n));
    }
  }

  // Generates one day's happenings and schedules their reports.
  void make_day() {
    for (int i = 0; i < kHappeningsPerDay; ++i) make_happening();
    ++day_;
  }

  void make_happening() {
    Happening h;
    h.id = ++happenings_;
    h.day = day_;
    // A third continue a running thread (the hottest ones for months), the others are new.
    size_t t = threads_pick_(rng_);
    if (rng_.chance(0.3)) {
      const Thread& th = threads_[t];
      h.actors = th.actors;
      h.topics = th.topics;
    } else {
      if (t >= 10) threads_[t] = new_thread();  // the ten hottest threads never end
      h.actors = new_thread().actors;
    }
    while (h.actors.size() < 4 && rng_.chance(0.4)) h.actors.push_back(entity());
    h.place = place();
    h.code = kCodes[rng_.next() % std::size(kCodes)];
    for (int i = 0; i < 5; ++i) h.topics.push_back(rng_.next() % 1000000 + 100000);
    for (int i = 0, n = static_cast<int>(rng_.range(0, 3)); i < n; ++i) h.numbers.push_back(rng_.next() % 100000);
    size_t nl = static_cast<size_t>(rng_.range(1, 5));
    while (h.langs.size() < nl) {
      size_t l = langs_(rng_);
      if (std::find(h.langs.begin(), h.langs.end(), l) == h.langs.end()) h.langs.push_back(l);
    }
    int ndocs = static_cast<int>(docs_per_(rng_)) + 1;
    for (int k = 0; k < ndocs; ++k) {
      auto* p = new Pending;
      // Minutes after the happening's day began: most the same day or the next, a few up to four days on.
      int64_t after = static_cast<int64_t>(-std::log(1 - rng_.unit()) * 1200.0);
      after = std::min<int64_t>(after + rng_.range(360, 1200), 5 * 1440 - 1);
      p->minute = (h.day - kFirstDay) * 1440 + after;
      p->seq = ++seq_;
      p->gold = h.id;
      make_doc(h, k, p->minute, p->doc);
      h.originals.push_back(&p->doc);
      heap_.push(p);
    }
  }

  void make_doc(const Happening& h, int k, int64_t minute, Document& d) {
    size_t lang = h.langs[static_cast<size_t>(k) % h.langs.size()];
    d.id = "h" + std::to_string(h.id) + "-" + std::to_string(k);
    d.lang = kLangCodes[lang];
    int64_t pub_day = kFirstDay + minute / 1440;
    char hm[16];
    std::snprintf(hm, sizeof hm, "T%02d:%02d:00Z", static_cast<int>(minute % 1440 / 60), static_cast<int>(minute % 60));
    d.published = civil(pub_day) + hm;
    // A near-copy of an earlier report in the same language (a wire copy).
    const Document* original = nullptr;
    for (const Document* o : h.originals)
      if (o->lang == d.lang && o->copy_of.empty()) original = o;
    if (original && rng_.chance(0.3)) {
      std::string id = d.id, published = d.published;
      d = *original;
      d.id = id;
      d.published = published;
      d.copy_of = "wire";  // generator's mark only (the clusterer overwrites it)
      for (int i = 0, n = static_cast<int>(rng_.range(0, 6)); i < n; ++i)
        d.fingerprint.minhash[rng_.next() % d.fingerprint.minhash.size()] = static_cast<uint32_t>(rng_.next());
      return;
    }
    // Event date: the text's own (70%), else the publication date (20%), else none.
    double r = rng_.unit();
    if (r < 0.7) {
      d.event_date = civil(h.day);
      d.event_date_how = "dated sentence 1: generated";
    } else if (r < 0.9) {
      d.event_date = civil(pub_day);
      d.event_date_how = "publication date: no dated sentence";
    } else {
      d.event_date_how = "none: no day-precision date in the text";
    }
    // Mentions: the actors (one in ten unlinked: a name linking missed), the place, background names.
    std::vector<int64_t> first(h.actors.size(), -1);
    auto mention = [&](int64_t e, bool linked) {
      seen(e);
      Mention m;
      m.type = entity_type(e);
      m.entity = linked ? e : 0;
      d.mentions.push_back(m);
      return static_cast<int64_t>(d.mentions.size()) - 1;
    };
    for (size_t a = 0; a < h.actors.size(); ++a) {
      bool linked = !rng_.chance(0.1);
      for (int i = 0, n = static_cast<int>(rng_.range(1, 4)); i < n; ++i) {
        int64_t at = mention(h.actors[a], linked);
        if (first[a] < 0) first[a] = at;
      }
      if (!linked || rng_.chance(0.2)) d.fingerprint.cognates.push_back(cognate(h.actors[a]));
    }
    int64_t place_at = mention(h.place, true);
    for (int i = 0, n = static_cast<int>(rng_.range(0, 4)); i < n; ++i) mention(entity(), true);
    std::sort(d.fingerprint.cognates.begin(), d.fingerprint.cognates.end());
    d.fingerprint.cognates.erase(std::unique(d.fingerprint.cognates.begin(), d.fingerprint.cognates.end()),
                                 d.fingerprint.cognates.end());
    // Event frames: the happening's, between the first two actors, and sometimes a statement.
    EventFrame e;
    e.code = h.code;
    e.actor1 = static_cast<int>(first[0]);
    e.actor2 = static_cast<int>(first[1]);
    e.place = static_cast<int>(place_at);
    e.date = d.event_date;
    e.confidence = 0.8f;
    if (rng_.chance(0.8)) d.events.push_back(e);
    if (rng_.chance(0.4)) {
      e.code = "010";
      e.actor2 = -1;
      d.events.push_back(e);
    }
    // Terms: the happening's topics (counted often), numbers, a background vocabulary.
    std::unordered_map<uint32_t, uint16_t> counts;
    for (uint64_t c : h.topics)
      if (rng_.chance(0.85)) counts[stem(lang, c)] += static_cast<uint16_t>(rng_.range(1, 5));
    for (uint64_t n : h.numbers) counts[number_term(n)] += 1;
    for (int i = 0, n = static_cast<int>(rng_.range(40, 160)); i < n; ++i)
      counts[stem(lang, vocab_(rng_))] += 1;
    d.fingerprint.terms.assign(counts.begin(), counts.end());
    std::sort(d.fingerprint.terms.begin(), d.fingerprint.terms.end(),
              [](const auto& a, const auto& b) { return a.second != b.second ? a.second > b.second : a.first < b.first; });
    if (d.fingerprint.terms.size() > Document::Fingerprint::kMaxTerms)
      d.fingerprint.terms.resize(Document::Fingerprint::kMaxTerms);
    for (size_t i = 0; i < Document::Fingerprint::kMinHashes; ++i)
      d.fingerprint.minhash.push_back(static_cast<uint32_t>(rng_.next()));
  }

  Rng rng_;
  Zipf entities_, places_, vocab_, langs_, threads_pick_, docs_per_;
  std::vector<Thread> threads_;
  int64_t day_ = kFirstDay;
  int64_t happenings_ = 0, seq_ = 0;
  std::priority_queue<Pending*, std::vector<Pending*>, Later> heap_;
  std::unordered_set<int64_t> known_;
  std::vector<NewEntity> new_entities_;
};

// Event clusters as they end: merges applied.
struct Resolver {
  std::unordered_map<int64_t, int64_t> into;
  int64_t find(int64_t c) const {
    for (int hops = 0; hops < 1000; ++hops) {
      auto it = into.find(c);
      if (it == into.end()) return c;
      c = it->second;
    }
    return c;
  }
};

// B-cubed F1 of system clusters against gold (parallel vectors).
double bcubed_f1(const std::vector<int64_t>& sys, const std::vector<int64_t>& gold) {
  std::unordered_map<int64_t, double> ns, ng;
  std::unordered_map<uint64_t, double> both;
  auto key = [](int64_t a, int64_t b) { return mix(static_cast<uint64_t>(a)) ^ static_cast<uint64_t>(b); };
  for (size_t i = 0; i < sys.size(); ++i) ++ns[sys[i]], ++ng[gold[i]], ++both[key(sys[i], gold[i])];
  double p = 0, r = 0;
  for (size_t i = 0; i < sys.size(); ++i) {
    double b = both[key(sys[i], gold[i])];
    p += b / ns[sys[i]];
    r += b / ng[gold[i]];
  }
  if (sys.empty()) return 0;
  p /= static_cast<double>(sys.size());
  r /= static_cast<double>(sys.size());
  return p + r > 0 ? 2 * p * r / (p + r) : 0;
}

std::vector<int64_t> parse_sizes(const char* s) {
  std::vector<int64_t> out;
  for (const char* p = s; *p;) {
    char* end;
    out.push_back(std::strtoll(p, &end, 10));
    p = *end == ',' ? end + 1 : end;
    if (end == p && *end != ',') break;
  }
  return out;
}

struct Row {
  int64_t stored = 0;
  double assign_s = 0, write_s = 0;
  size_t window = 0, memory = 0;
  long peak_rss_kb = 0;
  uint64_t store_bytes = 0;
};

}  // namespace

int main(int argc, char** argv) {
  std::vector<int64_t> sizes = {10000, 100000, 1000000};
  int64_t timed = 20000;
  size_t batch = 256;
  std::string store_path;
  uint64_t seed = 1;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--sizes") && i + 1 < argc) sizes = parse_sizes(argv[++i]);
    else if (!std::strcmp(argv[i], "--timed") && i + 1 < argc) timed = std::atoll(argv[++i]);
    else if (!std::strcmp(argv[i], "--batch") && i + 1 < argc) batch = static_cast<size_t>(std::atoll(argv[++i]));
    else if (!std::strcmp(argv[i], "--store") && i + 1 < argc) store_path = argv[++i];
    else if (!std::strcmp(argv[i], "--seed") && i + 1 < argc) seed = std::strtoull(argv[++i], nullptr, 10);
    else {
      std::fprintf(stderr,
                   "usage: cluster_bench [--sizes N,N,...] [--timed N] [--batch N] [--store PATH] [--seed N]\n");
      return 2;
    }
  }
  if (sizes.empty() || timed <= 0 || batch == 0 || !std::is_sorted(sizes.begin(), sizes.end())) {
    std::fprintf(stderr, "cluster_bench: --sizes must be ascending, --timed and --batch positive\n");
    return 2;
  }

  std::unique_ptr<Store> store;
  if (!store_path.empty()) {
    for (const char* ext : {"", "-wal", "-shm"}) std::filesystem::remove(store_path + ext);
    auto s = open_sqlite_store(store_path);
    if (!s) {
      std::fprintf(stderr, "cluster_bench: %s\n", s.status().message().c_str());
      return 1;
    }
    store = std::move(*s);
  }

  ClusterOptions options;
  Clusterer clusterer(options);
  Stream stream(seed);
  std::vector<int64_t> sys_event, gold_event;  // per document, in arrival order
  std::vector<std::string> arrival_doc;
  Resolver resolver;
  uint64_t digest = 1469598103934665603ull;
  bool ok = true;
  int64_t assigned = 0;
  std::vector<NewEntity> fresh;

  // Assigns (and writes) one batch; returns (assign seconds, write seconds).
  auto run_batch = [&](std::vector<Document>& docs, const std::vector<int64_t>& gold) -> std::pair<double, double> {
    auto t0 = Clock::now();
    ClusterDelta delta = clusterer.assign(docs);
    double a = seconds_since(t0), w = 0;
    if (store) {
      RegistryDelta registry;
      stream.take_new_entities(fresh);
      registry.created = fresh;
      auto t1 = Clock::now();
      auto written = store->write_batch(docs, {}, registry, delta);
      w = seconds_since(t1);
      if (!written) {
        std::fprintf(stderr, "cluster_bench: %s\n", written.status().message().c_str());
        std::exit(1);
      }
    }
    for (const ClusterMerge& m : delta.merges)
      if (m.level == "event") resolver.into[m.from] = m.into;
    for (size_t i = 0; i < docs.size(); ++i) {
      const Document& d = docs[i];
      if (d.event_cluster <= 0 || d.story <= 0) {
        if (ok) std::fprintf(stderr, "cluster_bench: document %s got no cluster\n", d.id.c_str());
        ok = false;
      }
      sys_event.push_back(d.event_cluster);
      gold_event.push_back(gold[i]);
      for (const std::string* s : {&d.id, &d.copy_of, &d.event_date}) {
        for (char c : *s) digest = (digest ^ static_cast<unsigned char>(c)) * 1099511628211ull;
        digest = (digest ^ 0xFF) * 1099511628211ull;
      }
      for (int64_t v : {d.event_cluster, d.story}) digest = (digest ^ static_cast<uint64_t>(v)) * 1099511628211ull;
    }
    assigned += static_cast<int64_t>(docs.size());
    return {a, w};
  };

  std::vector<Document> docs;
  std::vector<int64_t> gold;
  std::vector<Row> rows;
  auto start = Clock::now();
  for (int64_t size : sizes) {
    // Prefill, untimed.
    while (assigned < size) {
      stream.next(std::min<size_t>(batch, static_cast<size_t>(size - assigned)), docs, gold);
      run_batch(docs, gold);
    }
    // Timed: the batches are generated first.
    std::vector<std::vector<Document>> batches;
    std::vector<std::vector<int64_t>> golds;
    for (int64_t n = 0; n < timed; n += static_cast<int64_t>(batch)) {
      stream.next(std::min<size_t>(batch, static_cast<size_t>(timed - n)), docs, gold);
      batches.push_back(std::move(docs));
      golds.push_back(std::move(gold));
    }
    Row row;
    row.stored = size;
    for (size_t b = 0; b < batches.size(); ++b) {
      auto [a, w] = run_batch(batches[b], golds[b]);
      row.assign_s += a;
      row.write_s += w;
    }
    row.window = clusterer.window_size();
    row.memory = clusterer.memory_bytes();
    struct rusage ru {};
    if (getrusage(RUSAGE_SELF, &ru) == 0) row.peak_rss_kb = ru.ru_maxrss;
    if (row.window != static_cast<size_t>(std::min<int64_t>(assigned, options.window))) {
      std::fprintf(stderr, "cluster_bench: window holds %zu documents after %lld\n", row.window,
                   static_cast<long long>(assigned));
      ok = false;
    }
    if (store) {
      std::error_code ec;
      for (const char* ext : {"", "-wal"}) {
        auto sz = std::filesystem::file_size(store_path + ext, ec);
        if (!ec) row.store_bytes += sz;
      }
    }
    if (!(row.assign_s > 0) || (store && !(row.write_s > 0)) || row.memory == 0) {
      std::fprintf(stderr, "cluster_bench: no time or memory measured after %lld\n", static_cast<long long>(size));
      ok = false;
    }
    rows.push_back(row);
    std::fprintf(stderr, "  %lld assigned (%.0f s)\n", static_cast<long long>(assigned), seconds_since(start));
  }

  for (int64_t& c : sys_event) c = resolver.find(c);
  double f1 = bcubed_f1(sys_event, gold_event);
  std::unordered_set<int64_t> events(sys_event.begin(), sys_event.end()), happenings(gold_event.begin(), gold_event.end());

  std::printf("cluster_bench: synthetic stream (seed %llu), batches of %zu, %lld timed documents after each size; "
              "window %lld\n",
              static_cast<unsigned long long>(seed), batch, static_cast<long long>(timed),
              static_cast<long long>(options.window));
  std::printf("%10s %12s %10s", "stored", "assign/s", "ms/doc");
  if (store) std::printf(" %12s %12s %10s %10s", "write/s", "total/s", "ms/doc", "store MB");
  std::printf(" %8s %10s %12s\n", "window", "memory MB", "peak RSS MB");
  for (const Row& r : rows) {
    double n = static_cast<double>(timed);
    std::printf("%10lld %12.0f %10.3f", static_cast<long long>(r.stored), n / r.assign_s, 1000 * r.assign_s / n);
    if (store)
      std::printf(" %12.0f %12.0f %10.3f %10.1f", n / r.write_s, n / (r.assign_s + r.write_s),
                  1000 * (r.assign_s + r.write_s) / n, static_cast<double>(r.store_bytes) / 1e6);
    std::printf(" %8zu %10.1f %12.1f\n", r.window, static_cast<double>(r.memory) / 1e6, static_cast<double>(r.peak_rss_kb) / 1e3);
  }
  if (rows.size() >= 2) {
    const Row &a = rows.front(), &b = rows.back();
    std::printf("cost per document %lld/%lld: assign %.2fx", static_cast<long long>(b.stored),
                static_cast<long long>(a.stored), b.assign_s / a.assign_s);
    if (store) std::printf(", assign+write %.2fx", (b.assign_s + b.write_s) / (a.assign_s + a.write_s));
    std::printf("\n");
  }
  std::printf("answers: %lld documents, %zu event clusters for %zu happenings, event B-cubed F1 %.3f, digest %016llx\n",
              static_cast<long long>(assigned), events.size(), happenings.size(), f1,
              static_cast<unsigned long long>(digest));
  if (f1 < 0.5) {
    std::fprintf(stderr, "cluster_bench: event clusters do not match the generated happenings (F1 %.3f < 0.5)\n", f1);
    ok = false;
  }
  return ok ? 0 : 1;
}
