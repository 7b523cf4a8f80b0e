#include "cluster/clusterer.h"

#include <algorithm>
#include <bit>
#include <climits>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <deque>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "core/calendar.h"

namespace ng {
namespace {

// Same-language score: max(entities, kEntW x entities + kTextW x text).
constexpr double kEntW = 0.6, kTextW = 0.6;
constexpr int32_t kScale = 10000;     // vectors are L2-normalised, then scaled to integers
constexpr size_t kTopTerms = 64;      // stems kept per document for centroids
constexpr size_t kIndexTerms = 8;     // of them, the heaviest ones are index keys
constexpr size_t kIndexEntities = 8;  // heaviest entities used as index keys
constexpr size_t kMaxPosting = 256;   // a key in more clusters than this is too common to look up
constexpr int kBands = 8;             // MinHash LSH: bands x rows = kMinHashes
// A band's bucket keeps its latest documents only: a dispatch copied ten
// thousand times would otherwise make every new copy compare with all of
// them (the cost per document growing with the window). Any recent member
// of a copy family finds the family's original.
constexpr size_t kBandBucket = 64;
constexpr int kRows = 4;
static_assert(kBands * kRows == Document::Fingerprint::kMinHashes);

// Index keys: entities and terms in one space.
uint64_t entity_key(int64_t id) { return static_cast<uint64_t>(id) << 1; }
uint64_t term_key(uint32_t h) { return (static_cast<uint64_t>(h) << 1) | 1; }

// What the clusterer keeps of a document (serialised into the store while the
// document is in the window).
struct Features {
  std::string lang;
  std::string date;       // the document's own event date, YYYY-MM-DD or ""
  uint8_t date_weight = 0;  // 3: a date written in the text; 1: the publication date; 0: none
  std::string published;  // YYYY-MM-DD or ""
  std::vector<std::pair<int64_t, int32_t>> ents;   // entity id -> weight, sorted by id
  std::vector<std::pair<uint32_t, int32_t>> terms; // top stems -> weight, sorted by hash
  std::vector<std::pair<uint32_t, int32_t>> cogs;  // name cognates -> weight, sorted by hash
  std::vector<uint32_t> all_terms;                 // distinct stems (document frequency), sorted
  std::vector<uint32_t> minhash;
  std::vector<std::string> codes;                  // distinct event codes, sorted
  std::vector<uint64_t> pairs;                     // who met whom: actor entity pairs of meeting frames, sorted
  uint8_t weekdays = 0;  // without a date: the weekdays its text names (bit 1 Monday .. bit 7 Sunday)
  uint16_t monthday = 0;  // without a date: its first day written without a year ("viernes 8 de septiembre"), MMDD
};

// --- serialisation (little-endian, length-prefixed) ---
void put(std::string& o, uint64_t v, int bytes) {
  for (int i = 0; i < bytes; ++i) o += static_cast<char>((v >> (8 * i)) & 0xFF);
}
void put_str(std::string& o, std::string_view s) {
  put(o, s.size(), 2);
  o.append(s);
}
struct Reader {
  std::string_view in;
  size_t pos = 0;
  bool ok = true;
  uint64_t get(int bytes) {
    if (pos + static_cast<size_t>(bytes) > in.size()) {
      ok = false;
      return 0;
    }
    uint64_t v = 0;
    for (int i = 0; i < bytes; ++i) v |= static_cast<uint64_t>(static_cast<unsigned char>(in[pos + i])) << (8 * i);
    pos += static_cast<size_t>(bytes);
    return v;
  }
  std::string str() {
    size_t n = get(2);
    if (!ok || pos + n > in.size()) {
      ok = false;
      return {};
    }
    std::string s(in.substr(pos, n));
    pos += n;
    return s;
  }
};

constexpr uint8_t kFormat = 3;

std::string serialise(const Features& f) {
  std::string o;
  put(o, kFormat, 1);
  put_str(o, f.lang);
  put_str(o, f.date);
  put(o, f.date_weight, 1);
  put_str(o, f.published);
  put(o, f.ents.size(), 4);
  for (auto [k, w] : f.ents) put(o, static_cast<uint64_t>(k), 8), put(o, static_cast<uint32_t>(w), 4);
  put(o, f.terms.size(), 4);
  for (auto [k, w] : f.terms) put(o, k, 4), put(o, static_cast<uint32_t>(w), 4);
  put(o, f.cogs.size(), 4);
  for (auto [k, w] : f.cogs) put(o, k, 4), put(o, static_cast<uint32_t>(w), 4);
  put(o, f.all_terms.size(), 4);
  for (uint32_t k : f.all_terms) put(o, k, 4);
  put(o, f.minhash.size(), 4);
  for (uint32_t k : f.minhash) put(o, k, 4);
  put(o, f.codes.size(), 2);
  for (const auto& c : f.codes) put_str(o, c);
  put(o, f.pairs.size(), 2);
  for (uint64_t p : f.pairs) put(o, p, 8);
  // Optional last fields (records written before them lack them).
  if (f.weekdays || f.monthday) put(o, f.weekdays, 1);
  if (f.monthday) put(o, f.monthday, 2);
  return o;
}

bool deserialise(std::string_view in, Features& f) {
  Reader r{in};
  if (r.get(1) != kFormat) return false;
  f.lang = r.str();
  f.date = r.str();
  f.date_weight = static_cast<uint8_t>(r.get(1));
  f.published = r.str();
  size_t n = r.get(4);
  for (size_t i = 0; r.ok && i < n; ++i) {
    int64_t k = static_cast<int64_t>(r.get(8));
    f.ents.emplace_back(k, static_cast<int32_t>(r.get(4)));
  }
  n = r.get(4);
  for (size_t i = 0; r.ok && i < n; ++i) {
    uint32_t k = static_cast<uint32_t>(r.get(4));
    f.terms.emplace_back(k, static_cast<int32_t>(r.get(4)));
  }
  n = r.get(4);
  for (size_t i = 0; r.ok && i < n; ++i) {
    uint32_t k = static_cast<uint32_t>(r.get(4));
    f.cogs.emplace_back(k, static_cast<int32_t>(r.get(4)));
  }
  n = r.get(4);
  for (size_t i = 0; r.ok && i < n; ++i) f.all_terms.push_back(static_cast<uint32_t>(r.get(4)));
  n = r.get(4);
  for (size_t i = 0; r.ok && i < n; ++i) f.minhash.push_back(static_cast<uint32_t>(r.get(4)));
  n = r.get(2);
  for (size_t i = 0; r.ok && i < n; ++i) f.codes.push_back(r.str());
  n = r.get(2);
  for (size_t i = 0; r.ok && i < n; ++i) f.pairs.push_back(r.get(8));
  if (r.ok && r.pos < in.size()) f.weekdays = static_cast<uint8_t>(r.get(1));
  if (r.ok && r.pos < in.size()) f.monthday = static_cast<uint16_t>(r.get(2));
  return r.ok && r.pos == in.size();
}

// --- dates ---
const char* weekday_name(int wd) {
  static const char* kNames[] = {"", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
  return wd >= 1 && wd <= 7 ? kNames[wd] : "";
}

// The day `monthday` (MMDD) in the year that puts it nearest `ref` (a day
// number): a date written without a year, read in a dated cluster's year. A
// day written without its month too ("15日", MM 0): in ref's month or the one
// before or after, whichever is nearest.
int32_t nearest_monthday(int32_t ref, uint16_t monthday) {
  int y, m, d;
  civil_from_days(ref, y, m, d);
  int32_t best = INT32_MIN;
  auto consider = [&](int year, int month) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, monthday % 100);
    int32_t day = day_number(buf);
    if (day != INT32_MIN && (best == INT32_MIN || std::abs(day - ref) < std::abs(best - ref))) best = day;
  };
  if (monthday / 100 == 0) {
    consider(m == 1 ? y - 1 : y, m == 1 ? 12 : m - 1);
    consider(y, m);
    consider(m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1);
  } else {
    for (int year = y - 1; year <= y + 1; ++year) consider(year, monthday / 100);
  }
  return best;
}

// How much a document's own event date counts (src/extract/time writes how
// it chose it): a date its text gives, or only its publication date.
uint8_t date_weight(const Document& d) {
  if (d.event_date.size() != 10) return 0;
  std::string_view how = d.event_date_how;
  if (how.starts_with("publication date")) return 1;
  return 3;
}

// --- an open-addressing hash map for the hot tables ---
// Integer keys (entity ids, term hashes, index keys, cluster ids: never
// UINT64_MAX) to integer values; linear probing, power-of-two capacity,
// erase by backward shift (no tombstones). Iteration order is the slots'
// order: every user sorts or only sums what it iterates, so the clusters do
// not depend on it. Several times faster than std::unordered_map here: one
// cache line per lookup instead of a bucket and a node.
template <typename V>
class FlatMap {
 public:
  struct Slot {
    uint64_t first = kEmpty;
    V second{};
  };
  class const_iterator {
   public:
    const_iterator(const Slot* p, const Slot* end) : p_(p), end_(end) { skip(); }
    const Slot& operator*() const { return *p_; }
    const Slot* operator->() const { return p_; }
    const_iterator& operator++() {
      ++p_;
      skip();
      return *this;
    }
    bool operator==(const const_iterator& o) const { return p_ == o.p_; }
    bool operator!=(const const_iterator& o) const { return p_ != o.p_; }

   private:
    void skip() {
      while (p_ != end_ && p_->first == kEmpty) ++p_;
    }
    const Slot* p_;
    const Slot* end_;
  };

  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  size_t capacity() const { return slots_.size(); }
  void clear() {
    slots_.clear();
    size_ = 0;
  }
  const_iterator begin() const { return {slots_.data(), slots_.data() + slots_.size()}; }
  const_iterator end() const { return {slots_.data() + slots_.size(), slots_.data() + slots_.size()}; }
  const_iterator find(uint64_t k) const {
    if (size_ == 0) return end();
    for (size_t i = home(k);; i = (i + 1) & mask()) {
      if (slots_[i].first == k) return {slots_.data() + i, slots_.data() + slots_.size()};
      if (slots_[i].first == kEmpty) return end();
    }
  }
  size_t count(uint64_t k) const { return find(k) != end() ? 1 : 0; }
  // The value of `k`, inserted as V{} when absent.
  V& operator[](uint64_t k) {
    if ((size_ + 1) * 2 > slots_.size()) grow();
    size_t i = home(k);
    for (; slots_[i].first != kEmpty; i = (i + 1) & mask())
      if (slots_[i].first == k) return slots_[i].second;
    slots_[i].first = k;
    slots_[i].second = V{};
    ++size_;
    return slots_[i].second;
  }
  void erase(uint64_t k) {
    if (size_ == 0) return;
    size_t i = home(k);
    for (;; i = (i + 1) & mask()) {
      if (slots_[i].first == kEmpty) return;
      if (slots_[i].first == k) break;
    }
    // Backward shift: move later entries of the probe run into the hole.
    for (size_t j = (i + 1) & mask();; j = (j + 1) & mask()) {
      if (slots_[j].first == kEmpty) break;
      size_t h = home(slots_[j].first);
      // Entry j may fill hole i when its home is not in (i, j] cyclically.
      if (((j - h) & mask()) >= ((j - i) & mask())) {
        slots_[i] = slots_[j];
        i = j;
      }
    }
    slots_[i] = Slot{};
    --size_;
  }

 private:
  static constexpr uint64_t kEmpty = UINT64_MAX;
  size_t mask() const { return slots_.size() - 1; }
  size_t home(uint64_t k) const { return static_cast<size_t>((k * 0x9E3779B97F4A7C15ull) >> shift_); }
  void grow() {
    std::vector<Slot> old = std::move(slots_);
    size_t cap = old.empty() ? 8 : old.size() * 2;
    slots_.assign(cap, Slot{});
    shift_ = 64 - static_cast<int>(std::countr_zero(cap));
    size_ = 0;
    for (const Slot& s : old)
      if (s.first != kEmpty) (*this)[s.first] = s.second;
  }
  std::vector<Slot> slots_;
  size_t size_ = 0;
  int shift_ = 64;
};

// --- integer centroids ---
struct Centroid {
  FlatMap<int64_t> sum;
  __int128 norm2 = 0;

  template <typename K>
  void add(const std::vector<std::pair<K, int32_t>>& v, int sign, uint64_t (*key)(K)) {
    for (const auto& [k, w] : v) {
      uint64_t kk = key(k);
      int64_t& s = sum[kk];
      __int128 before = static_cast<__int128>(s) * s;
      s += sign * static_cast<int64_t>(w);
      norm2 += static_cast<__int128>(s) * s - before;
      if (s == 0) sum.erase(kk);
    }
  }
  template <typename K>
  double cosine(const std::vector<std::pair<K, int32_t>>& v, uint64_t (*key)(K)) const {
    if (norm2 <= 0 || v.empty()) return 0;
    double dot = 0, vn = 0;
    for (const auto& [k, w] : v) {
      vn += static_cast<double>(w) * w;
      auto it = sum.find(key(k));
      if (it != sum.end()) dot += static_cast<double>(w) * static_cast<double>(it->second);
    }
    if (vn <= 0) return 0;
    return dot / (std::sqrt(vn) * std::sqrt(static_cast<double>(norm2)));
  }
};

uint64_t ekey(int64_t id) { return static_cast<uint64_t>(id); }
uint64_t tkey(uint32_t h) { return h; }

// A story's events lie within this many days of one another's dates.
constexpr int kStoryGapDays = 21;

struct Cluster {
  int64_t id = 0;
  bool is_story = false;
  int64_t story = 0;  // event clusters
  Centroid ents;
  Centroid cogs;                          // name cognates, all languages
  std::map<std::string, Centroid> terms;  // by language
  std::map<std::string, int> lang_members;
  std::map<std::string, int> dates;       // date -> votes (change through vote())
  std::map<std::string, int> codes;
  std::map<uint64_t, int> pairs;          // actor pairs of meeting frames -> members
  std::vector<int64_t> members;           // arrivals in the window, ascending
  int64_t last_arrival = 0;

  // The date most votes give; ties: the earliest. Kept until the votes change.
  const std::pair<std::string, int>& date() const {
    if (!date_known_) {
      date_ = {"", 0};
      for (const auto& [d, v] : dates)
        if (v > date_.second) date_ = {d, v};
      date_known_ = true;
    }
    return date_;
  }
  void vote(const std::string& d, int votes) {
    if ((dates[d] += votes) == 0) dates.erase(d);
    date_known_ = false;
  }

 private:
  mutable std::pair<std::string, int> date_;
  mutable bool date_known_ = false;
};

struct WindowDoc {
  int64_t arrival = 0;
  std::string id;
  int64_t event = 0, story = 0;
  std::string copy_of;
  Features f;
  std::string blob;
};

std::string fmt(double v) {
  char b[32];
  std::snprintf(b, sizeof b, "%.2f", v);
  return b;
}

}  // namespace

struct Clusterer::Impl {
  ClusterOptions o;
  std::deque<WindowDoc> window;  // arrival order
  int64_t next_arrival = 1;
  int64_t next_cluster = 1;
  std::unordered_map<int64_t, Cluster> clusters;
  FlatMap<int> ent_df;   // entity id -> window documents naming it
  FlatMap<int> term_df;  // term hash -> window documents using it
  // index key -> event cluster -> window documents of it with that key
  std::unordered_map<uint64_t, FlatMap<int>> index;
  // MinHash band -> arrivals
  std::unordered_map<uint64_t, std::vector<int64_t>> bands;
  std::unordered_map<std::string, int64_t> arrival_of;  // document id -> arrival (window)

  // The batch being assigned.
  std::map<int64_t, bool> touched;  // cluster id -> exists
  ClusterDelta* delta = nullptr;

  void clear() {
    window.clear();
    next_arrival = 1;
    next_cluster = 1;
    clusters.clear();
    ent_df.clear();
    term_df.clear();
    index.clear();
    bands.clear();
    arrival_of.clear();
  }

  const WindowDoc* doc_at(int64_t arrival) const {
    if (window.empty()) return nullptr;
    int64_t first = window.front().arrival;
    if (arrival < first || arrival - first >= static_cast<int64_t>(window.size())) return nullptr;
    return &window[static_cast<size_t>(arrival - first)];
  }
  WindowDoc* doc_at(int64_t arrival) {
    return const_cast<WindowDoc*>(static_cast<const Impl*>(this)->doc_at(arrival));
  }

  static std::vector<uint64_t> index_keys(const Features& f) {
    std::vector<uint64_t> keys;
    auto ents = f.ents;
    std::sort(ents.begin(), ents.end(), [](auto& a, auto& b) { return a.second != b.second ? a.second > b.second : a.first < b.first; });
    for (size_t i = 0; i < ents.size() && i < kIndexEntities; ++i) keys.push_back(entity_key(ents[i].first));
    auto terms = f.terms;
    std::sort(terms.begin(), terms.end(), [](auto& a, auto& b) { return a.second != b.second ? a.second > b.second : a.first < b.first; });
    for (size_t i = 0; i < terms.size() && i < kIndexTerms; ++i) keys.push_back(term_key(terms[i].first));
    return keys;
  }

  static uint64_t band_key(const Features& f, int b) {
    uint64_t h = std::hash<std::string>()(f.lang) * 31 + static_cast<uint64_t>(b);
    for (int r = 0; r < kRows; ++r) h = h * 0x100000001B3ull ^ f.minhash[static_cast<size_t>(b * kRows + r)];
    return h;
  }

  // Adds a window document's features to a cluster's profile (sign -1 removes).
  void profile(Cluster& c, const WindowDoc& d, int sign) {
    c.ents.add(d.f.ents, sign, ekey);
    c.cogs.add(d.f.cogs, sign, tkey);
    c.terms[d.f.lang].add(d.f.terms, sign, tkey);
    if ((c.lang_members[d.f.lang] += sign) == 0) {
      c.lang_members.erase(d.f.lang);
      c.terms.erase(d.f.lang);
    }
    if (!d.f.date.empty() && d.f.date_weight > 0) {
      c.vote(d.f.date, sign * d.f.date_weight);
    }
    for (const auto& code : d.f.codes)
      if ((c.codes[code] += sign) == 0) c.codes.erase(code);
    for (uint64_t p : d.f.pairs)
      if ((c.pairs[p] += sign) == 0) c.pairs.erase(p);
    if (sign > 0) {
      c.members.insert(std::upper_bound(c.members.begin(), c.members.end(), d.arrival), d.arrival);
      c.last_arrival = std::max(c.last_arrival, d.arrival);
    } else {
      auto it = std::lower_bound(c.members.begin(), c.members.end(), d.arrival);
      if (it != c.members.end() && *it == d.arrival) c.members.erase(it);
      c.last_arrival = c.members.empty() ? 0 : c.members.back();
    }
  }

  void index_doc(const WindowDoc& d, int64_t event, int sign) {
    for (uint64_t k : index_keys(d.f)) {
      auto& posting = index[k];
      if ((posting[event] += sign) <= 0) posting.erase(event);
      if (posting.empty()) index.erase(k);
    }
  }

  Cluster& cluster(int64_t id, bool is_story) {
    Cluster& c = clusters[id];
    c.id = id;
    c.is_story = is_story;
    return c;
  }

  // Enters a document into the window and its clusters.
  void enter(WindowDoc&& wd) {
    for (const auto& [e, w] : wd.f.ents) ++ent_df[e];
    for (uint32_t t : wd.f.all_terms) ++term_df[t];
    if (wd.f.minhash.size() == Document::Fingerprint::kMinHashes)
      for (int b = 0; b < kBands; ++b) {
        auto& v = bands[band_key(wd.f, b)];
        if (v.size() >= kBandBucket) v.erase(v.begin());
        v.push_back(wd.arrival);
      }
    Cluster& ev = cluster(wd.event, false);
    ev.story = wd.story;
    profile(ev, wd, +1);
    profile(cluster(wd.story, true), wd, +1);
    index_doc(wd, wd.event, +1);
    arrival_of[wd.id] = wd.arrival;
    next_arrival = std::max(next_arrival, wd.arrival + 1);
    next_cluster = std::max(next_cluster, std::max(wd.event, wd.story) + 1);
    window.push_back(std::move(wd));
  }

  // Drops the oldest documents beyond the window.
  void evict() {
    while (!window.empty() && window.front().arrival <= next_arrival - 1 - o.window) {
      WindowDoc& d = window.front();
      for (const auto& [e, w] : d.f.ents)
        if (--ent_df[e] == 0) ent_df.erase(e);
      for (uint32_t t : d.f.all_terms)
        if (--term_df[t] == 0) term_df.erase(t);
      if (d.f.minhash.size() == Document::Fingerprint::kMinHashes) {
        for (int b = 0; b < kBands; ++b) {
          auto it = bands.find(band_key(d.f, b));
          if (it == bands.end()) continue;
          auto& v = it->second;
          v.erase(std::remove(v.begin(), v.end(), d.arrival), v.end());
          if (v.empty()) bands.erase(it);
        }
      }
      index_doc(d, d.event, -1);
      for (int64_t id : {d.event, d.story}) {
        auto it = clusters.find(id);
        if (it == clusters.end()) continue;
        profile(it->second, d, -1);
        if (it->second.members.empty()) clusters.erase(it);
      }
      arrival_of.erase(d.id);
      window.pop_front();
      if (delta) delta->forget_before = next_arrival - o.window;
    }
  }

  // The document's features, weighted by the window's document frequencies.
  Features features(const Document& d) const {
    Features f;
    f.lang = d.lang;
    f.date_weight = date_weight(d);
    if (f.date_weight) f.date = d.event_date;
    // Without a date, the weekdays it names ("am Samstag" with no day to
    // count from: the time stage's "XXXX-WXX-6").
    if (f.date.empty()) {
      for (const TimeExpr& t : d.times) {
        if (t.kind == "weekday" && t.value.size() == 10 && t.value.starts_with("XXXX-WXX-") && t.value[9] >= '1' &&
            t.value[9] <= '7') {
          f.weekdays |= static_cast<uint8_t>(1u << (t.value[9] - '0'));
        }
        // A day without a year ("XXXX-09-08") or without its month too
        // ("XXXX-XX-15"): the first one that is not a plan.
        if (!f.monthday && t.kind == "date" && !t.plan && t.value.size() == 10 && t.value.starts_with("XXXX-")) {
          bool no_month = t.value.compare(5, 2, "XX") == 0;
          if (day_number((no_month ? "2000-01" : "2000" + t.value.substr(4, 3)) + t.value.substr(7)) != INT32_MIN) {
            f.monthday = static_cast<uint16_t>((no_month ? 0 : std::stoi(t.value.substr(5, 2)) * 100) +
                                               std::stoi(t.value.substr(8, 2)));
          }
        }
      }
    }
    if (day_number(d.published) != INT32_MIN)
      f.published = d.published.substr(0, 10);
    const double n = static_cast<double>(window.size());
    // Entities: type weight x (1 + ln mentions) x idf.
    std::map<int64_t, std::pair<int, double>> ents;  // id -> (mentions, type weight)
    for (const Mention& m : d.mentions) {
      if (m.entity == 0) continue;
      double tw = m.type == "PER" ? 1.0 : m.type == "ORG" ? 0.8 : 0.6;
      auto& e = ents[m.entity];
      e.first++;
      e.second = std::max(e.second, tw);
    }
    std::vector<std::pair<int64_t, double>> ew;
    for (const auto& [id, e] : ents) {
      auto it = ent_df.find(id);
      double df = it == ent_df.end() ? 0 : it->second;
      double idf = std::log((n + 10) / (df + 1));
      ew.emplace_back(id, e.second * (1 + std::log(static_cast<double>(e.first))) * idf);
    }
    // Terms: (1 + ln tf) x idf, the heaviest kTopTerms.
    std::vector<std::pair<uint32_t, double>> tw;
    for (const auto& [h, c] : d.fingerprint.terms) {
      f.all_terms.push_back(h);
      auto it = term_df.find(h);
      double df = it == term_df.end() ? 0 : it->second;
      double idf = std::log((n + 10) / (df + 1));
      tw.emplace_back(h, (1 + std::log(static_cast<double>(c))) * idf);
    }
    std::vector<std::pair<uint32_t, double>> cw;
    for (uint32_t h : d.fingerprint.cognates) {
      f.all_terms.push_back(h);
      auto it = term_df.find(h);
      double df = it == term_df.end() ? 0 : it->second;
      cw.emplace_back(h, std::log((n + 10) / (df + 1)));
    }
    std::sort(f.all_terms.begin(), f.all_terms.end());
    f.all_terms.erase(std::unique(f.all_terms.begin(), f.all_terms.end()), f.all_terms.end());
    std::sort(tw.begin(), tw.end(), [](auto& a, auto& b) { return a.second != b.second ? a.second > b.second : a.first < b.first; });
    if (tw.size() > kTopTerms) tw.resize(kTopTerms);
    auto quantise = [](auto& in, auto& out) {
      double norm = 0;
      for (auto& [k, w] : in) norm += w * w;
      norm = std::sqrt(norm);
      if (norm <= 0) return;
      for (auto& [k, w] : in) {
        auto q = static_cast<int32_t>(std::lround(w / norm * kScale));
        if (q > 0) out.emplace_back(k, q);
      }
      std::sort(out.begin(), out.end());
    };
    quantise(ew, f.ents);
    quantise(tw, f.terms);
    quantise(cw, f.cogs);
    f.minhash = d.fingerprint.minhash;
    for (const EventFrame& e : d.events) {
      f.codes.push_back(e.code);
      // Who met whom: the two people (linked, both PER) of a frame of
      // meeting (consult, visit, host, negotiate, sign, intent to meet).
      static const std::set<std::string> kMeeting = {"036", "040", "042", "043", "046", "057"};
      if (!kMeeting.count(e.code) || e.actor1 < 0 || e.actor2 < 0) continue;
      const Mention& a = d.mentions[static_cast<size_t>(e.actor1)];
      const Mention& b = d.mentions[static_cast<size_t>(e.actor2)];
      if (a.entity == 0 || b.entity == 0 || a.entity == b.entity || a.type != "PER" || b.type != "PER") continue;
      uint64_t lo = static_cast<uint64_t>(std::min(a.entity, b.entity)), hi = static_cast<uint64_t>(std::max(a.entity, b.entity));
      f.pairs.push_back(lo << 32 | hi);  // entity ids stay below 2^32
    }
    std::sort(f.pairs.begin(), f.pairs.end());
    f.pairs.erase(std::unique(f.pairs.begin(), f.pairs.end()), f.pairs.end());
    std::sort(f.codes.begin(), f.codes.end());
    f.codes.erase(std::unique(f.codes.begin(), f.codes.end()), f.codes.end());
    return f;
  }

  // The window document this one is a near-copy of, with the agreement.
  std::pair<const WindowDoc*, double> find_copy(const Features& f) const {
    if (f.minhash.size() != Document::Fingerprint::kMinHashes) return {nullptr, 0};
    std::set<int64_t> seen;
    const WindowDoc* best = nullptr;
    double best_j = 0;
    for (int b = 0; b < kBands; ++b) {
      auto it = bands.find(band_key(f, b));
      if (it == bands.end()) continue;
      for (int64_t a : it->second) {
        if (!seen.insert(a).second) continue;
        const WindowDoc* w = doc_at(a);
        if (!w || w->f.lang != f.lang) continue;
        int same = 0;
        for (size_t k = 0; k < f.minhash.size(); ++k) same += w->f.minhash[k] == f.minhash[k];
        double j = static_cast<double>(same) / static_cast<double>(f.minhash.size());
        if (j > best_j || (j == best_j && best && a < best->arrival)) best = w, best_j = j;
      }
    }
    if (best_j < o.copy_jaccard) return {nullptr, 0};
    return {best, best_j};
  }

  struct Score {
    double total = 0, ent = 0, cog = 0, text = 0, date = 0, codes = 0;
    double factor = 1;  // date evidence: 0 vetoes
    std::string pair_why;
    std::string date_why;
    std::vector<int64_t> shared;  // shared entities, heaviest first
  };

  // A document against a cluster's profile. `window_days`: for stories, the
  // distance from its dates within which a dated document may join.
  Score score(const Features& f, const Cluster& c) const {
    Score s;
    s.ent = c.ents.cosine(f.ents, ekey);
    s.cog = c.cogs.cosine(f.cogs, tkey);
    // Names: linked entities, or, where linking missed an exonym, the
    // cognates of the names count half.
    double names = std::max(s.ent, 0.5 * (s.ent + s.cog));
    auto lt = c.terms.find(f.lang);
    bool same_lang = lt != c.terms.end();
    if (same_lang) s.text = lt->second.cosine(f.terms, tkey);
    s.total = same_lang ? std::max(names, kEntW * names + kTextW * s.text) : names;
    // Dates: one happening is on one date. Two dates its texts give that
    // are two or more days apart are two happenings (veto); weaker evidence
    // (a publication date) scales the score down.
    auto [cdate, votes] = c.date();
    int32_t cd = day_number(cdate);
    auto note = [&](const std::string& w) { s.date_why += (s.date_why.empty() ? "" : "; ") + w; };
    if (c.is_story) {
      if (!c.dates.empty()) {
        int32_t lo = day_number(c.dates.begin()->first), hi = day_number(c.dates.rbegin()->first);
        int32_t dd = day_number(!f.date.empty() ? f.date : f.published);
        if (dd != INT32_MIN) {
          int32_t dist = dd < lo ? lo - dd : dd > hi ? dd - hi : 0;
          if (dist > kStoryGapDays) s.factor = 0, note(std::to_string(dist) + " days from the story's dates");
        }
      }
    } else if (cd != INT32_MIN) {
      int32_t dd = day_number(f.date);
      if (dd != INT32_MIN) {
        int32_t diff = std::abs(dd - cd);
        if (diff == 0) {
          s.date = 0.1, note("same date " + cdate);
        } else if (diff >= 2) {
          // Weeks apart is another happening, whatever the evidence.
          s.factor = (f.date_weight >= 3 && votes >= 3) || diff > kStoryGapDays ? 0 : 0.5;
          note("date " + f.date + " vs " + cdate);
        }
      }
      // A document that names only a weekday: the cluster's date on that
      // weekday is evidence (another weekday is not: reports name other days).
      if (dd == INT32_MIN && (f.weekdays >> weekday_of(cd)) & 1) {
        s.date = 0.1, note(std::string("its ") + weekday_name(weekday_of(cd)) + " is the date " + cdate);
      }
      // A day written without a year: in the cluster's year, the same day or
      // one apart is evidence (another day is not: reports name background
      // days too); a day without its month ("15日") only on the day (one
      // apart is the neighbouring day's happening as often as a time zone).
      if (dd == INT32_MIN && f.monthday) {
        int32_t day = nearest_monthday(cd, f.monthday);
        if (day != INT32_MIN && std::abs(day - cd) <= (f.monthday < 100 ? 0 : 1))
          s.date = 0.1, note("its day " + day_string(day) + " is near " + cdate);
      }
      int32_t pd = day_number(f.published);
      if (pd != INT32_MIN && (dd == INT32_MIN || f.date_weight < 3)) {
        if (pd < cd - 1) s.factor *= 0.4, note("published " + f.published + ", before " + cdate);
        else if (pd > cd + 7) s.factor *= 0.6, note("published " + f.published + ", long after " + cdate);
      }
    }
    for (const auto& code : f.codes)
      if (code != "010" && c.codes.count(code)) {
        s.codes = 0.05;
        break;
      }
    // Two meetings of one visit on one day share people but not who met
    // whom: a document whose meeting frames name other pairs than the
    // cluster's is probably another meeting.
    if (!c.is_story && !f.pairs.empty() && !c.pairs.empty()) {
      bool shared = std::any_of(f.pairs.begin(), f.pairs.end(), [&](uint64_t p) { return c.pairs.count(p) > 0; });
      // Frames are noisy: only a pair that two members agree on says who the
      // cluster's meeting was between, and only a pair of people the cluster
      // knows is another meeting (not a name linking missed).
      bool established = std::any_of(c.pairs.begin(), c.pairs.end(), [](const auto& p) { return p.second >= 2; });
      auto known = [&](uint64_t p) {
        return c.ents.sum.count(p >> 32) > 0 && c.ents.sum.count(p & 0xFFFFFFFFu) > 0;
      };
      if (shared) s.codes += 0.1, s.pair_why = "same meeting pair";
      else if (established && std::all_of(f.pairs.begin(), f.pairs.end(), known))
        s.factor = 0, s.pair_why = "another meeting of people it knows";
    }
    s.total = (s.total + s.date + s.codes) * s.factor;
    // The shared entities that weigh most (for --why).
    std::vector<std::pair<int64_t, int64_t>> shared;
    for (const auto& [e, w] : f.ents) {
      auto it = c.ents.sum.find(ekey(e));
      if (it != c.ents.sum.end()) shared.emplace_back(static_cast<int64_t>(w) * it->second, e);
    }
    std::sort(shared.rbegin(), shared.rend());
    for (size_t i = 0; i < shared.size() && i < 4; ++i) s.shared.push_back(shared[i].second);
    return s;
  }

  static std::string why(const Score& s, const char* what, int64_t id) {
    std::string w = std::string(what) + " " + std::to_string(id) + ": score " + fmt(s.total) + " = entities " + fmt(s.ent);
    if (!s.shared.empty()) {
      w += " (shared";
      for (int64_t e : s.shared) w += " #" + std::to_string(e);
      w += ")";
    }
    if (s.cog > s.ent) w += ", name cognates " + fmt(s.cog);
    if (s.text > 0) w += ", same-language text " + fmt(s.text);
    if (s.date != 0) w += ", date +" + fmt(s.date);
    if (s.factor == 0) w += ", veto";
    else if (s.factor != 1) w += ", x" + fmt(s.factor);
    if (!s.date_why.empty()) w += " (" + s.date_why + ")";
    if (s.codes > 0) w += ", event type +" + fmt(s.codes);
    if (!s.pair_why.empty()) w += " (" + s.pair_why + ")";
    return w;
  }

  // Event clusters sharing a rare key with the document, most shared keys
  // first, then the most recent.
  std::vector<int64_t> candidates(const Features& f) const {
    FlatMap<int> hits;
    for (uint64_t k : index_keys(f)) {
      auto it = index.find(k);
      if (it == index.end() || it->second.size() > kMaxPosting) continue;
      for (const auto& [c, n] : it->second) ++hits[c];
    }
    std::vector<std::tuple<int, int64_t, int64_t>> ranked;  // -hits, -last arrival, id
    for (const auto& [c, n] : hits) {
      auto it = clusters.find(c);
      if (it == clusters.end()) continue;
      ranked.emplace_back(-n, -it->second.last_arrival, c);
    }
    std::sort(ranked.begin(), ranked.end());
    std::vector<int64_t> out;
    for (size_t i = 0; i < ranked.size() && i < o.candidates; ++i) out.push_back(std::get<2>(ranked[i]));
    return out;
  }

  void touch(int64_t id) { touched[id] = true; }

  // Moves every window document of event cluster `from` into `into`.
  void merge(int64_t from, int64_t into, const std::string& doc, const std::string& reason) {
    Cluster& a = clusters.at(into);
    Cluster& b = clusters.at(from);
    int64_t old_story = b.story;
    std::vector<int64_t> members = b.members;
    for (int64_t arrival : members) {
      WindowDoc* d = doc_at(arrival);
      if (!d) continue;
      index_doc(*d, from, -1);
      profile(b, *d, -1);
      profile(a, *d, +1);
      index_doc(*d, into, +1);
      d->event = into;
      if (old_story != a.story) {
        auto s = clusters.find(old_story);
        if (s != clusters.end()) profile(s->second, *d, -1);
        profile(clusters.at(a.story), *d, +1);
        d->story = a.story;
      }
    }
    clusters.erase(from);
    delta->merges.push_back({from, into, "event", old_story, a.story, doc, reason});
    touch(into);
    touch(a.story);
    if (old_story != a.story) {
      auto s = clusters.find(old_story);
      if (s != clusters.end() && s->second.members.empty()) {
        clusters.erase(s);
        delta->merges.push_back({old_story, a.story, "story", old_story, a.story, doc,
                                 "its only event " + std::to_string(from) + " was merged into " + std::to_string(into)});
      } else {
        touch(old_story);
      }
    }
    touched.erase(from);
  }

  // An event cluster whose date lies more than kStoryGapDays from every
  // date of the other events of its story (which it joined before its date
  // was known) leaves it for a story of its own.
  void check_story(int64_t event, const std::string& doc) {
    Cluster& e = clusters.at(event);
    auto [edate, votes] = e.date();
    int32_t ed = day_number(edate);
    if (ed == INT32_MIN || votes < 3) return;
    Cluster& s = clusters.at(e.story);
    int32_t nearest = INT32_MAX;
    std::string near_date;
    for (const auto& [date, v] : s.dates) {
      auto own = e.dates.find(date);
      if (v - (own == e.dates.end() ? 0 : own->second) <= 0) continue;
      int32_t dist = std::abs(day_number(date) - ed);
      if (dist < nearest) nearest = dist, near_date = date;
    }
    if (nearest == INT32_MAX || nearest <= kStoryGapDays) return;
    int64_t from = e.story, to = next_cluster++;
    Cluster& ns = cluster(to, true);
    Cluster& old = clusters.at(from);
    for (int64_t arrival : std::vector<int64_t>(e.members)) {
      WindowDoc* d = doc_at(arrival);
      if (!d) continue;
      profile(old, *d, -1);
      profile(ns, *d, +1);
      d->story = to;
    }
    e.story = to;
    delta->merges.push_back({event, to, "move", from, to, doc,
                             "event " + std::to_string(event) + " is dated " + edate + ", " + std::to_string(nearest) +
                                 " days from the nearest date of story " + std::to_string(from) + " (" + near_date + ")"});
    touch(event);
    touch(from);
    touch(to);
  }

  void assign_one(Document& d) {
    Features f = features(d);
    WindowDoc wd;
    wd.arrival = next_arrival;
    wd.id = d.id;
    ClusterAssignment a;
    a.doc = d.id;
    a.arrival = wd.arrival;

    auto [copy, jaccard] = find_copy(f);
    if (copy) {
      wd.copy_of = copy->copy_of.empty() ? copy->id : copy->copy_of;
      wd.event = copy->event;
      wd.story = copy->story;
      a.event_score = a.story_score = 1;
      a.event_why = "near-copy of " + copy->id + " (MinHash agreement " + fmt(jaccard) + ")";
      a.story_why = "story of " + copy->id;
    } else {
      std::vector<std::pair<Score, int64_t>> scored;
      for (int64_t c : candidates(f)) scored.emplace_back(score(f, clusters.at(c)), c);
      std::sort(scored.begin(), scored.end(), [](const auto& x, const auto& y) {
        return x.first.total != y.first.total ? x.first.total > y.first.total : x.second < y.second;
      });
      if (!scored.empty() && scored[0].first.total >= o.event_threshold) {
        wd.event = scored[0].second;
        wd.story = clusters.at(wd.event).story;
        a.event_score = scored[0].first.total;
        a.event_why = why(scored[0].first, "event", wd.event);
        a.story_score = a.event_score;
        a.story_why = "story of event " + std::to_string(wd.event);
        // Late evidence: another event cluster this document also belongs to.
        for (size_t i = 1; i < scored.size(); ++i) {
          if (scored[i].first.total < o.merge_threshold) break;
          const Cluster& other = clusters.at(scored[i].second);
          int32_t d1 = day_number(clusters.at(wd.event).date().first), d2 = day_number(other.date().first);
          if (d1 != INT32_MIN && d2 != INT32_MIN && std::abs(d1 - d2) > 1) continue;
          int64_t into = std::min(wd.event, scored[i].second), from = std::max(wd.event, scored[i].second);
          merge(from, into, d.id,
                d.id + " scores " + fmt(scored[0].first.total) + " and " + fmt(scored[i].first.total) +
                    " with both; " + why(scored[i].first, "event", scored[i].second));
          wd.event = into;
          wd.story = clusters.at(into).story;
          // The remaining candidates' scores are stale: one merge per document.
          break;
        }
      } else {
        wd.event = next_cluster++;
        a.event_why = scored.empty() ? "new event: no candidate shares an entity or a rare word"
                                     : "new event: best " + why(scored[0].first, "event", scored[0].second);
        // Its story: the best story among the candidates' stories.
        std::set<int64_t> stories;
        for (const auto& [s, c] : scored) stories.insert(clusters.at(c).story);
        std::pair<Score, int64_t> best{Score{}, 0};
        best.first.total = -1;
        for (int64_t s : stories) {
          auto it = clusters.find(s);
          if (it == clusters.end()) continue;
          Score sc = score(f, it->second);
          if (sc.total > best.first.total || (sc.total == best.first.total && s < best.second)) best = {sc, s};
        }
        if (best.second != 0 && best.first.total >= o.story_threshold) {
          wd.story = best.second;
          a.story_score = best.first.total;
          a.story_why = why(best.first, "story", best.second);
        } else {
          wd.story = next_cluster++;
          a.story_why = best.second == 0 ? "new story" : "new story: best " + why(best.first, "story", best.second);
        }
      }
    }
    // The document's event date: its own when its text gives one, else the
    // cluster's.
    wd.f = std::move(f);
    // A document that names only a weekday, in an undated event cluster of a
    // dated story: the first such weekday from the story's last date (a
    // report of the story's next happening), as a weak vote.
    std::string weekday_how, weekday_date;
    if (wd.f.date.empty() && wd.f.weekdays) {
      auto e = clusters.find(wd.event);
      auto st = clusters.find(wd.story);
      if ((e == clusters.end() || e->second.date().first.empty()) && st != clusters.end() && !st->second.dates.empty()) {
        int32_t last = day_number(st->second.dates.rbegin()->first);
        for (int k = 0; k < 7 && last != INT32_MIN; ++k) {
          if (!((wd.f.weekdays >> weekday_of(last + k)) & 1)) continue;
          wd.f.date = weekday_date = day_string(last + k);
          wd.f.date_weight = 1;
          weekday_how = std::string("its ") + weekday_name(weekday_of(last + k)) + " after the last date of story " +
                        std::to_string(wd.story) + " (" + st->second.dates.rbegin()->first + ")";
          break;
        }
      }
    }
    // A document that writes its day without a year, in an event cluster
    // dated that day or the day before or after: that day, in the cluster's
    // year, is its own date (a weak vote: the year is inferred). A day further
    // from the cluster's is most often a background date (a death, a plan).
    std::string monthday_how;
    if (wd.f.date.empty() && wd.f.monthday) {
      auto e = clusters.find(wd.event);
      std::string ref = e != clusters.end() ? e->second.date().first : std::string();
      if (int32_t r = day_number(ref); r != INT32_MIN) {
        int32_t day = nearest_monthday(r, wd.f.monthday);
        if (day != INT32_MIN && std::abs(day - r) <= 1) {
          wd.f.date = day_string(day);
          wd.f.date_weight = 1;
          monthday_how = "its day " + wd.f.date.substr(5) + " in the year of event cluster " +
                         std::to_string(wd.event) + " (" + ref + ")";
        }
      }
      // A day without its month ("14日"), else: in the month of a date of
      // its story one day apart at most (a yearless day is not: a story's
      // dates span its previews and background).
      auto st = clusters.find(wd.story);
      if (monthday_how.empty() && wd.f.monthday < 100 && st != clusters.end()) {
        int32_t best = INT32_MIN, from = INT32_MIN;
        for (const auto& [date, votes] : st->second.dates) {
          int32_t r = day_number(date);
          if (r == INT32_MIN) continue;
          int32_t day = nearest_monthday(r, wd.f.monthday);
          if (day != INT32_MIN && std::abs(day - r) <= 1 &&
              (best == INT32_MIN || std::abs(day - r) < std::abs(best - from)))
            best = day, from = r;
        }
        if (best != INT32_MIN) {
          wd.f.date = day_string(best);
          wd.f.date_weight = 1;
          monthday_how = "its day " + wd.f.date.substr(5) + " near " + day_string(from) + ", a date of story " +
                         std::to_string(wd.story);
        }
      }
    }
    wd.blob = serialise(wd.f);
    a.event = wd.event;
    a.story = wd.story;
    a.copy_of = wd.copy_of;
    a.features = wd.blob;
    d.event_cluster = wd.event;
    d.story = wd.story;
    d.copy_of = wd.copy_of;
    touch(wd.event);
    touch(wd.story);
    bool own = wd.f.date_weight >= 3;
    a.own_date = own || !monthday_how.empty();
    const std::string wd_date = wd.f.date;
    enter(std::move(wd));
    check_story(d.event_cluster, d.id);
    d.story = a.story = clusters.at(d.event_cluster).story;
    if (!monthday_how.empty()) {
      d.event_date = wd_date;
      d.event_date_how = monthday_how;
    } else if (!own) {
      auto [cdate, votes] = clusters.at(d.event_cluster).date();
      if (!cdate.empty() && cdate != d.event_date) {
        d.event_date = cdate;
        d.event_date_how = !weekday_how.empty() && cdate == weekday_date
                               ? weekday_how
                               : "event cluster " + std::to_string(d.event_cluster) + ": the date its members give";
      }
    }
    delta->members.push_back(std::move(a));
    evict();
  }

  ClusterDelta assign(std::vector<Document>& docs) {
    ClusterDelta out;
    delta = &out;
    touched.clear();
    for (Document& d : docs) assign_one(d);
    for (const auto& [id, alive] : touched) {
      auto it = clusters.find(id);
      if (it == clusters.end()) continue;
      const Cluster& c = it->second;
      ClusterUpdate u;
      u.id = id;
      u.level = c.is_story ? "story" : "event";
      u.story = c.is_story ? 0 : c.story;
      if (!c.is_story) {
        u.date = c.date().first;
        // The type: the code most members' frames have, statements aside.
        int best = 0;
        for (const auto& [code, n] : c.codes)
          if (code != "010" && n > best) best = n, u.code = code;
      }
      std::vector<std::pair<int64_t, int64_t>> ents;
      for (const auto& [k, w] : c.ents.sum) ents.emplace_back(-w, static_cast<int64_t>(k));
      size_t top = std::min<size_t>(ents.size(), 8);
      std::partial_sort(ents.begin(), ents.begin() + static_cast<ptrdiff_t>(top), ents.end());
      for (size_t i = 0; i < top; ++i) u.entities.push_back(ents[i].second);
      out.clusters.push_back(std::move(u));
    }
    delta = nullptr;
    return out;
  }
};

Clusterer::Clusterer(const ClusterOptions& options) : impl_(std::make_unique<Impl>()) {
  impl_->o = options;
}
Clusterer::~Clusterer() = default;

void Clusterer::restore(const ClusterSnapshot& snapshot) {
  impl_->clear();
  for (const auto& m : snapshot.window) {
    WindowDoc wd;
    wd.arrival = m.arrival;
    wd.id = m.doc;
    wd.event = m.event;
    wd.story = m.story;
    wd.copy_of = m.copy_of;
    wd.blob = m.features;
    if (!deserialise(m.features, wd.f)) continue;  // written by another format: left out of the window
    impl_->enter(std::move(wd));
  }
  if (!snapshot.window.empty()) impl_->next_arrival = std::max(impl_->next_arrival, snapshot.window.back().arrival + 1);
  impl_->next_cluster = std::max(impl_->next_cluster, snapshot.next_cluster);
  impl_->evict();
}

ClusterDelta Clusterer::assign(std::vector<Document>& docs) { return impl_->assign(docs); }

size_t Clusterer::window_size() const { return impl_->window.size(); }

size_t Clusterer::memory_bytes() const {
  size_t bytes = 0;
  for (const auto& d : impl_->window) bytes += sizeof(WindowDoc) + d.blob.size() * 2 + d.id.size();
  for (const auto& [id, c] : impl_->clusters) {
    bytes += sizeof(Cluster) + (c.ents.sum.capacity() + c.cogs.sum.capacity()) * 16 + c.members.capacity() * 8;
    for (const auto& [l, t] : c.terms) bytes += 64 + t.sum.capacity() * 16;
  }
  bytes += (impl_->ent_df.capacity() + impl_->term_df.capacity()) * 16;
  for (const auto& [k, p] : impl_->index) bytes += 48 + sizeof(p) + p.capacity() * 16;
  for (const auto& [k, v] : impl_->bands) bytes += 48 + v.size() * 8;
  return bytes;
}

}  // namespace ng
